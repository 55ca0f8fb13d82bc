"""The app's look: Fusion with a calm light palette and a few named widgets styled."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1f6f8b"
# A selection where the keyboard is not (a list, tree or table without the focus, which Qt paints
# with the inactive colours): pale, so the one that has the focus stands out.
RESTING_SELECTION = ("#cfe0e7", "#16475a")

STYLE_SHEET = """
#startPage { background: #eef2f5; }
#startCard { background: white; border: 1px solid #d5dde3; border-radius: 10px; }
#startTitle { font-size: 22pt; font-weight: 600; color: #16475a; }
#startTagline { color: #4a5a63; font-size: 11pt; }
#startSection { font-size: 12pt; font-weight: 600; color: #16475a; margin-top: 6px; }
#startButton { font-size: 11pt; padding: 8px 10px; text-align: left; border: 1px solid #c9d5dc;
               border-radius: 6px; background: #f7fafb; }
#startButton:hover { background: #e3f0f5; border-color: #1f6f8b; }
#startButton:focus { background: #e3f0f5; border: 2px solid #1f6f8b; }
#recentList:focus { border: 2px solid #1f6f8b; }
#recentList { font-size: 10pt; border: 1px solid #d5dde3; border-radius: 6px; }
#recentList::item { padding: 6px 4px; }
#hint { color: #5f6f78; }
#ownerBanner { border-radius: 6px; padding: 7px 10px; }
#ownerBanner[state="editable"] { background: #e6f3ea; border: 1px solid #a9d3b5; color: #1e4d2b; }
#ownerBanner[state="readonly"] { background: #fff4e0; border: 1px solid #e9c27a; color: #5c3b00; }
#ownerBanner[state="none"] { background: #eef2f5; border: 1px solid #d5dde3; color: #4a5a63; }
#diskBanner { background: #e8f0fe; border-bottom: 1px solid #a8c2f0; }
#syncBanner { background: #fff8e1; border-bottom: 1px solid #e9c27a; }
#conflictBar { background: #fdecea; border: 1px solid #e6a39a; border-radius: 6px; color: #6b1d12; margin-top: 4px; }
#reviewBar { background: #fff4e0; border-bottom: 1px solid #e9c27a; color: #4a3000; }
#refusedReason { background: #fff4e0; border: 1px solid #e9c27a; border-radius: 6px; padding: 6px 8px; color: #5c3b00; }
#sectionHeading { font-size: 15pt; font-weight: 600; border: 1px solid transparent; padding: 3px 4px;
                  background: transparent; color: #16475a; }
#sectionHeading:focus { border: 1px solid #9fc5d3; background: white; }
#sectionNumber { font-size: 15pt; font-weight: 600; color: #1f6f8b; padding-left: 4px; }
#paper { border: 1px solid #d5dde3; border-radius: 6px; background: white; }
#formatToolbar { border: none; border-bottom: 1px solid #e3e8ec; background: #f7f9fa; padding: 2px; }
#sectionText { background: white; font-size: 11pt; }
#sectionText[readOnly="true"] { background: #fbfbf9; color: #333c41; }
#answerCount { border-top: 1px solid #e3e8ec; background: #f7f9fa; }
#answerCount[over="true"] { background: #fdecea; border-top: 1px solid #e6a39a; }
#answerCount[over="true"] QLabel#answerCountText { color: #b3261e; font-weight: 600; }
#questionsSummary { font-weight: 600; padding: 2px 4px; color: #16475a; }
#signoffHeadline { font-weight: 600; padding: 2px 4px; }
#signoffHeadline[ready="true"] { color: #1e4d2b; }
#signoffHeadline[ready="false"] { color: #7a2a14; }
QLineEdit[invalid="true"] { border: 1px solid #b3261e; background: #fdecea; }
#deadlineLabel { color: #4a5a63; padding: 0 10px; }
#panelTitle { font-weight: 600; color: #16475a; }
#dialogIntro { color: #37474f; margin-bottom: 6px; }
QTreeView#outline { font-size: 10pt; }
QTreeView#outline::item { padding: 3px 0; }
"""


def apply_style(app: QApplication) -> None:
    """Fusion looks the same on every platform; the palette keeps to the app icon's teal."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f3f5f7"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor(RESTING_SELECTION[0]))
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, QColor(RESTING_SELECTION[1]))
    palette.setColor(QPalette.ColorRole.Link, QColor("#0b57d0"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f5f8fa"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
