"""What the export dialog shows once it wrote a public copy beside the full response: a confidential text
quoted where the public copy prints it said once (the dialog's own check already shows it), and an offer to
open the public copy as well as the full one."""

from __future__ import annotations

from tests.ui.conftest import COORDINATOR
from tests.ui.test_export_public import confidential, dialog_for, export, pytestmark  # noqa: F401 (a skip mark)

QUOTED = "appears in section 6"


def test_a_quoted_confidential_text_is_said_once_after_an_export_with_a_public_copy(qtbot, sample_window,
                                                                                     tmp_path):
    window = sample_window(COORDINATOR)
    confidential(window, quoted=True)
    dialog = dialog_for(qtbot, window, tmp_path)
    assert QUOTED in dialog.public_copy.warnings.text()
    export(qtbot, dialog)
    assert dialog.public_path is not None and dialog.public_path.exists()
    shown = [dialog.status.text(), dialog.public_copy.warnings.text()]
    assert sum(text.count(QUOTED) for text in shown) == 1, shown
    assert dialog.public_copy.warnings.isVisible()


def test_the_result_offers_to_open_the_public_copy_too(qtbot, sample_window, tmp_path, monkeypatch, dialogs):
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.test_keyboard import assert_unique_dialog_mnemonics

    opened = []
    monkeypatch.setattr("wyassembler.ui.dialogs.export.QDesktopServices.openUrl", lambda url: opened.append(url))
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    assert dialog.open_public_button.isHidden()
    export(qtbot, dialog)
    assert not dialog.open_public_button.isHidden()
    assert_unique_dialog_mnemonics(dialog)
    dialog.open_public_button.click()
    dialog.open_document_button.click()
    assert [url.toLocalFile() for url in opened] == [str(dialog.public_path), str(dialog.output_path)]
    # Exported again (replacing the full response) without a public copy: the offer goes with it.
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    dialog.public_copy.write.setChecked(False)
    export(qtbot, dialog)
    assert dialog.public_path is None and dialog.open_public_button.isHidden()
