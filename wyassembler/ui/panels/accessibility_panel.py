"""The Accessibility view: what ``wyassembler check`` finds (sign-off and readiness, the text's
accessibility, the template's), with a summary line saying whether a final export would be refused;
choosing a row (a click, or Enter) shows its section.

It follows the document's changes a moment after they stop (debounced: a run of undo steps is checked
once), and not at all while hidden (it catches up when shown). The template's part reads a file: it is
read on a worker thread the first time and kept (see :func:`models.accessibility.template_part`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QTimer, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget)

from ...core.findings import errors, tally
from ..common.columns import column_width, list_table
from ..common.workers import KeptWorker
from ..models.accessibility import (ADVICE, PLACE, PROBLEM, SEVERITY, FindingsModel, findings_for, template_part,
                                   template_part_known)
from ..project.document import ProjectDocument

SETTLE_MS = 300  # after the last change, before checking again


def summary_text(findings) -> str:
    """"2 errors and 3 warnings: a final export will be refused", "No problems found"."""
    if not findings:
        return "No problems found: nothing here stops or mars a final export."
    counted = tally(findings)
    counted = counted[:1].upper() + counted[1:]
    if errors(findings):
        return f"{counted}: a final export will be refused until the errors are put right."
    return f"{counted}: a final export can go ahead, but look at each one."


class TemplateRead(KeptWorker):
    """A template's findings (None: the built-in one) read and kept on a worker thread; held until it ends
    even if the view goes first, and waited for if the app quits first (a QThread destroyed while running
    ends the app)."""

    def __init__(self, template: Path | None) -> None:
        super().__init__()
        self.template = template

    def run(self) -> None:
        template_part(self.template)


class AccessibilityPanel(QWidget):
    """The summary, the findings' table and Check Again (its window commits the typing, then checks)."""

    section_activated = Signal(str, str)  # a row was chosen: its section's id, the passage to select ("" none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: ProjectDocument | None = None
        self._showing = False
        self._stale = False
        self._reading: TemplateRead | None = None
        self.template: Path | None = None  # the template checked with (None: the built-in one)
        self.model = FindingsModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("accessibilitySummary")
        self.summary.setWordWrap(True)
        self.check_again = QPushButton("Check A&gain")
        self.check_again.setAccessibleName("Check the response again")
        self.table = list_table(self.model, "accessibilityTable",
                                "Problems that stop or mar a final export: severity, where, the problem, "
                                "what to do. Enter shows the section.")
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PROBLEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ADVICE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(SEVERITY, column_width(self.table, header, ["Severity", "Warning"], 24))
        places = ["Whole response", "10.10 A heading of a section"]
        header.resizeSection(PLACE, column_width(self.table, header, places))
        # The chosen row whole: the table cuts long sentences, and a tooltip is not for the keyboard.
        self.detail = QLabel()
        self.detail.setObjectName("accessibilityDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.check_again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.refresh)
        self.table.clicked.connect(self._choose)
        self.table.activated.connect(self._choose)  # Enter, as a click
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.model.modelReset.connect(lambda: self._show_detail(self.table.currentIndex()))
        self.set_showing(False)

    def set_document(self, document: ProjectDocument | None) -> None:
        self._document = document
        self.template = None
        self.timer.stop()
        if document is None:
            self.model.set_findings(None, [])
            self.summary.setText("")
            return
        self._stale = True
        if self._showing:
            self.refresh()

    def follow_change(self, *_what) -> None:
        """A change to the project: check again once the changes settle (or when next shown)."""
        if self._document is None:
            return
        self._stale = True
        if self._showing:
            self.timer.start()

    def set_showing(self, showing: bool) -> None:
        """The dock came to the front or went behind: a table out of sight takes no focus, and catches up
        with the changes it missed when shown."""
        self._showing = showing
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus if showing else Qt.FocusPolicy.NoFocus)
        if showing and self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Check the project now (the template's part read on a worker first, the first time)."""
        self.timer.stop()
        document = self._document
        if document is None:
            return
        if self._reading is not None:
            return  # refreshed when the template has been read
        if not template_part_known(self.template):
            self.summary.setText("Checking the response and the template\u2026")
            self._reading = TemplateRead(self.template)
            self._reading.finished.connect(self._template_read)
            self._reading.start()
            return
        self._stale = False
        findings = findings_for(document.project, self.template)
        self.model.set_findings(document.project, findings)
        with_template = f" (checked with the template {self.template.name})" if self.template is not None else ""
        self.summary.setText(summary_text(findings) + with_template)

    def _template_read(self) -> None:
        self._reading = None
        self.refresh()

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        """The current row's problem and what to do, whole, under the table."""
        self.detail.setText(current.siblingAtColumn(PROBLEM).data(Qt.ItemDataRole.ToolTipRole)
                            if current.isValid() else "")
        self.detail.setVisible(current.isValid())

    def _choose(self, index: QModelIndex) -> None:
        section_id = index.data(FindingsModel.SECTION_ID_ROLE) if index.isValid() else ""
        if section_id:
            self.section_activated.emit(section_id, index.data(FindingsModel.PASSAGE_ROLE) or "")

