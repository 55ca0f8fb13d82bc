"""Ctrl+Enter (and Ctrl+Return) sends a dialog whose text box takes several lines, as in Word, Teams and
Outlook; Enter alone starts a new line. A new user's comment could only be sent by Tab then Space: Ctrl+Return
did nothing at all. The same rule for every multi-line text box in the app's dialogs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QTextEdit

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import NewQuestion, import_questions
from wyassembler.ui.dialogs.comment import CommentDialog
from wyassembler.ui.dialogs.endorse import EndorseDialog
from wyassembler.ui.dialogs.forms import NoteDialog
from wyassembler.ui.dialogs.questions import QuestionSettingsDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
KEYPAD_CTRL = CTRL | Qt.KeyboardModifier.KeypadModifier
HEAD = Actor("joint-services", "H. Dawson", "coordinator")
DIALOGS = Path(__file__).parents[2] / "wyassembler" / "ui" / "dialogs"


def type_lines(qtbot, box, first: str, second: str) -> None:
    box.setFocus()
    qtbot.keyClicks(box, first)
    qtbot.keyClick(box, Key.Key_Return)  # Enter alone: a new line, the dialog stays open
    qtbot.keyClicks(box, second)


def sending_with(monkeypatch, qtbot, key: Qt.Key, modifier) -> list[CommentDialog]:
    """CommentDialog.exec as a person at the keyboard: two lines typed, then ``modifier``+``key``; never a click."""
    shown: list[CommentDialog] = []

    def answer(dialog: CommentDialog):
        shown.append(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        type_lines(qtbot, dialog.note, "Which Act?", "Please cite it.")
        assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
        qtbot.keyClick(dialog.note, key, modifier)
        return dialog.result()

    monkeypatch.setattr(CommentDialog, "exec", answer)
    return shown


@pytest.mark.parametrize("key, modifier", [(Key.Key_Return, CTRL), (Key.Key_Enter, KEYPAD_CTRL)],
                         ids=["ctrl-return", "ctrl-keypad-enter"])
def test_ctrl_enter_sends_a_new_comment_of_two_lines_and_a_reply(qtbot, sample_window, monkeypatch, key, modifier):
    window = sample_window(COORDINATOR)
    window.select_section(window.document.project.find_section("3").id)
    section = window.document.project.find_section("3")
    shown = sending_with(monkeypatch, qtbot, key, modifier)
    window.app_actions.new_comment.trigger()
    assert [comment.text for comment in section.comments] == ["Which Act?\nPlease cite it."]
    assert "Ctrl+Enter sends" in shown[0].note.accessibleDescription()
    panel = window.sections.comments.panel
    panel.tree.setCurrentIndex(panel.model.index(0, 0))
    window.app_actions.reply_comment.trigger()
    assert len(section.comments) == 2 and section.comments[1].parent == section.comments[0].id
    assert section.comments[1].text == "Which Act?\nPlease cite it."


def test_ctrl_enter_in_an_empty_comment_sends_nothing_and_keeps_the_dialog_open(qtbot):
    dialog = CommentDialog("New Comment", "On the whole of section 3.", "Comment")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.note.setFocus()
    qtbot.keyClick(dialog.note, Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.note.toPlainText() == ""  # not a new line either: Ctrl+Enter is never typed


def editable_boxes(dialog) -> list:
    return [box for box in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit)
            if not box.isReadOnly()]


def multi_line_dialogs(window) -> list[tuple[QDialog, object]]:
    """Every dialog with a text box of several lines, each with the box to type into (None: all of them)."""
    project = window.document.project
    import_questions(project, HEAD, [NewQuestion("1", "Do you agree?", options=("Yes", "No"))])
    endorse = EndorseDialog(project, "calderdale", window)
    endorse.with_reservations.setChecked(True)
    declining = EndorseDialog(project, "calderdale", window)
    declining.decline.setChecked(True)
    return [(CommentDialog("Reply", "To H. Dawson.", "Reply", window), None),
            (NoteDialog("section 3", window), None),
            (endorse, endorse.reservation_text), (declining, declining.decline_note),
            (QuestionSettingsDialog(project.questions[0], True, True, False, window), None)]


def test_every_multi_line_box_in_a_dialog_sends_with_ctrl_enter_and_takes_enter_as_a_new_line(qtbot,
                                                                                             sample_window):
    window = sample_window(CALDERDALE_LEAD)
    checked = set()
    for dialog, box in multi_line_dialogs(window):
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        boxes = [box] if box is not None else editable_boxes(dialog)
        assert boxes, type(dialog).__name__
        for each in boxes:
            type_lines(qtbot, each, "First line", "second line")
            assert "\n" in each.toPlainText() and dialog.isVisible(), type(dialog).__name__
            qtbot.keyClick(each, Key.Key_Return, CTRL)
            assert dialog.result() == QDialog.DialogCode.Accepted, f"{type(dialog).__name__}: Ctrl+Enter did not send"
        checked.add(type(dialog).__module__.rsplit(".", 1)[-1])
    # Every dialog module holding an editable multi-line box is among those checked here.
    holding = {path.stem for path in DIALOGS.glob("*.py")
               if re.search(r"\bQ(PlainText|Text)Edit\(", path.read_text(encoding="utf-8"))}
    assert holding <= checked, f"not checked for Ctrl+Enter: {sorted(holding - checked)}"
