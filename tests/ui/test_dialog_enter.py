"""Enter in a dialog does what the dialog is for: it presses the dialog's own OK, Save or Close (its
button box), or the button a form chose on purpose, never an action that happens to come first (the
Partners dialog's New emptied the form just typed in; the Keys dialog's Register My Key; the conflict
copies' Keep Current, which resolved the conflict); and the standard buttons have their Alt letters."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from tests.ui.test_keyboard import assert_unique_dialog_mnemonics, every_dialog
from wyassembler.ui.common import button_keys
from wyassembler.ui.dialogs.project import PartnersDialog


def enter_presses(dialog) -> list[QPushButton]:
    return [button for button in dialog.findChildren(QPushButton) if button.isDefault() and button.isVisible()]


def chosen_on_purpose(dialog) -> set[QPushButton]:
    # The Partners form saves the partner chosen, or adds the one typed in.
    return {dialog.save_button, dialog.add_button} if isinstance(dialog, PartnersDialog) else set()


def test_enter_in_every_dialog_presses_its_own_ok_save_or_close(sample_window, tmp_path):
    for dialog in every_dialog(sample_window(), tmp_path):
        dialog.show()
        QApplication.processEvents()
        pressed = enter_presses(dialog)
        assert len(pressed) == 1, f"{type(dialog).__name__}: Enter presses {[b.text() for b in pressed]}"
        button = pressed[0]
        box = button.parent()
        assert (isinstance(box, QDialogButtonBox) and box.buttonRole(button) != QDialogButtonBox.ButtonRole.ActionRole
                or button in chosen_on_purpose(dialog)), f"{type(dialog).__name__}: Enter presses {button.text()}"
        dialog.hide()


@pytest.fixture
def standard_button_keys():
    """The app's letters for Qt's standard buttons, for one test."""
    app = QApplication.instance()
    translator = button_keys.install(app)
    yield translator
    app.removeTranslator(translator)
    translator.deleteLater()


def test_save_changes_has_a_letter_for_save_and_for_discard(standard_button_keys):
    # Qt names Yes and No with a letter, not Save or Discard: Discard could only be reached by Tab.
    box = QMessageBox(QMessageBox.Icon.Question, "Save changes?", "Save your changes?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel)
    texts = {box.button(button).text() for button in (QMessageBox.StandardButton.Save,
                                                       QMessageBox.StandardButton.Discard,
                                                       QMessageBox.StandardButton.Cancel)}
    assert texts == {"&Save", "&Discard", "Cancel"}  # Escape is Cancel's


def test_every_dialog_keeps_one_letter_per_button_with_the_standard_buttons_lettered(standard_button_keys,
                                                                                     sample_window, tmp_path):
    for dialog in every_dialog(sample_window(), tmp_path):
        assert_unique_dialog_mnemonics(dialog)


def test_tab_leaves_the_change_request_note_for_its_buttons(qtbot):
    # Tab typed a tab into the note: by keyboard alone the note could be written but not sent.
    from PySide6.QtCore import Qt

    from wyassembler.ui.dialogs.forms import NoteDialog

    dialog = NoteDialog("section 6", None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "Please add the 2006 figures.")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
    assert dialog.text() == "Please add the 2006 figures." and "\t" not in dialog.note.toPlainText()
    send = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert QApplication.focusWidget() is send
    qtbot.keyClick(send, Qt.Key.Key_Return)
    assert dialog.result() == NoteDialog.DialogCode.Accepted
