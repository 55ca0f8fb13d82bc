"""The editor's heading field wraps a long heading over lines, all of it shown, and still behaves as
a one-line field: Enter renames the section, what is pasted loses its line breaks, Tab moves on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from wyassembler.ui.common.style import STYLE_SHEET

LONG = ("Citizen and business centred services delivered through shared contact centres, one-stop shops "
        "and a single web presence for every partner of the West Yorkshire partnership, with the "
        "councils, the police, the fire and rescue service and the health trusts sharing what they know")


def show_section(window, ref: str = "4"):
    section = window.document.project.find_section(ref)
    window.select_section(section.id)
    assert window.editor.section is section
    return section


def shows_every_line(heading) -> bool:
    """The heading's viewport (laid out a moment after the field's height changes) holds all its lines."""
    return (heading.document().size().height() <= heading.viewport().height() + 1
            and heading.verticalScrollBar().maximum() == 0)


@pytest.mark.parametrize("styled", [False, True], ids=["plain", "app style sheet"])
def test_a_long_heading_wraps_over_more_lines_the_narrower_the_editor_and_shows_whole(qtbot, sample_window, styled):
    window = sample_window()
    if styled:
        window.setStyleSheet(STYLE_SHEET)  # the app's: a larger bold heading with padding and a border
    window.resize(1024, 768)
    section = show_section(window)
    heading = window.editor.heading
    window.sections.rename_section_to(section.id, "Short")
    QApplication.processEvents()
    assert heading.text() == "Short" and heading.line_count() == 1
    one_line_height = heading.height()

    window.sections.rename_section_to(section.id, LONG)
    qtbot.waitUntil(lambda: heading.line_count() > 1 and shows_every_line(heading))
    assert heading.text() == LONG
    assert heading.height() > one_line_height

    lines_wide, height_wide = heading.line_count(), heading.height()
    window.signoff_dock.hide()
    window.resize(640, 768)  # a narrow window (as narrow as it goes): more lines, every one shown
    qtbot.waitUntil(lambda: heading.line_count() > lines_wide and shows_every_line(heading))
    assert heading.height() > height_wide


def test_enter_in_the_heading_renames_the_section_without_a_new_line(qtbot, sample_window):
    window = sample_window()
    section = show_section(window)
    heading = window.editor.heading
    heading.setFocus()
    heading.selectAll()
    qtbot.keyClicks(heading, "Shared services")
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    assert section.heading == "Shared services"
    qtbot.keyClick(heading, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert "\n" not in heading.toPlainText() and "\u2028" not in heading.toPlainText()
    assert section.heading == "Shared services"
    window.document.undo_stack.undo()  # a rename is one step of the project's history
    assert heading.text() == section.heading != "Shared services"


def test_pasting_lines_into_the_heading_makes_one_line_and_tab_types_no_tab(qtbot, sample_window):
    window = sample_window()
    show_section(window)
    heading = window.editor.heading
    heading.selectAll()
    data = QMimeData()
    data.setText("Funding\r\nand\tresources\u2028today")
    heading.insertFromMimeData(data)
    assert heading.text() == heading.toPlainText() == "Funding and resources today"
    assert heading.line_count() == 1
    qtbot.keyClick(heading, Qt.Key.Key_Tab)
    assert heading.text() == "Funding and resources today"


def test_the_merged_text_dialog_wraps_a_long_heading_and_reads_it_back_on_one_line(qtbot, sample_window):
    from wyassembler.ui.dialogs.conflicts import MergedTextDialog

    window = sample_window()
    section = show_section(window)
    window.sections.rename_section_to(section.id, LONG)
    dialog = MergedTextDialog(window.document.project, section, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.heading.line_count() > 1 and shows_every_line(dialog.heading))
    assert dialog.values()[0] is None  # unchanged
    dialog.heading.selectAll()
    data = QMimeData()
    data.setText("Merged\nheading")
    dialog.heading.insertFromMimeData(data)
    assert dialog.values()[0] == "Merged heading"


def leave(heading, reason: Qt.FocusReason) -> None:
    """The focus leaving the heading field, as the window system says it."""
    QApplication.sendEvent(heading, QFocusEvent(QEvent.Type.FocusOut, reason))


def test_a_refused_heading_is_said_once_and_stays_to_be_put_right(qtbot, sample_window, dialogs):
    # The field said it was finished on Enter and again on losing the focus to the refusal's own dialog: two
    # dialogs for one refusal, and one more at each later change of focus (Qt 6's QLineEdit, which it
    # replaced, says so on leaving only if the text changed since it last said so).
    window = sample_window()
    section = show_section(window)
    heading = window.editor.heading
    heading.setFocus()
    heading.setText("word " * 20_001)  # over the 100,000 bytes a heading may hold
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    leave(heading, Qt.FocusReason.ActiveWindowFocusReason)  # as the dialog saying why takes the focus
    leave(heading, Qt.FocusReason.MouseFocusReason)
    refused = [text for text in dialogs.shown if "not renamed" in text]
    assert len(refused) == 1 and "100,000" in refused[0]
    assert heading.text().startswith("word word") and section.heading != heading.text()
    heading.setFocus()
    heading.selectAll()
    qtbot.keyClicks(heading, "Put right")
    leave(heading, Qt.FocusReason.TabFocusReason)  # leaving a changed heading still renames the section
    assert section.heading == "Put right"


def test_text_an_input_method_commits_stays_on_one_line(qtbot, sample_window):
    from PySide6.QtGui import QInputMethodEvent

    window = sample_window()
    show_section(window)
    heading = window.editor.heading
    heading.setFocus()
    heading.selectAll()
    QApplication.sendEvent(heading, QInputMethodEvent("", []))
    event = QInputMethodEvent()
    event.setCommitString("Funding\nand\u2029resources")
    QApplication.sendEvent(heading, event)
    assert heading.toPlainText() == heading.text() == "Funding and resources"
    assert heading.document().blockCount() == 1
