"""The export dialog while a name is typed into "Save as" (issue 19 trial): every text on the way to a path,
"/" or "C:\\" or a folder ending in its separator, is only text, never an error box."""

from __future__ import annotations

import pytest

from tests.ui.conftest import COORDINATOR
from tests.ui.test_export_public import confidential
from wyassembler.ui.dialogs.export import ExportDialog, PublicCopyBox


def test_typing_an_absolute_path_into_save_as_raises_nothing(qtbot, sample_window, tmp_path):
    """Select the Save-as name and type "/tmp/…/response.pdf": the first keystroke leaves "/", whose public-copy
    name (PublicCopyBox.name_for: Path("/").with_name) raised ValueError, so "That did not work" popped up
    while typing and the next space pressed its OK, eating what had been typed."""
    window = sample_window(COORDINATOR)
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.output.selectAll()
    target = str(tmp_path / "response final.pdf")
    qtbot.keyClicks(dialog.output, target)
    assert dialog.output.text() == target
    assert dialog.suffix() == ".pdf"


def dialog_for(qtbot, window, tmp_path) -> ExportDialog:
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_public_copy_name_follows_each_keystroke_without_an_error(qtbot, sample_window, tmp_path):
    """With a public copy offered, its name follows the full name typed key by key (none while the text is
    still "/" or a folder), and ends as the full name's with " (public)"."""
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    assert dialog.public_copy.offered
    dialog.output.selectAll()
    qtbot.keyClicks(dialog.output, "/")
    assert dialog.public_copy.output.text() == ""
    target = str(tmp_path / "out" / "response.pdf")
    qtbot.keyClicks(dialog.output, target[1:])
    assert dialog.public_copy.output.text() == str(tmp_path / "out" / "response (public).pdf")


def test_changing_the_format_leaves_a_folder_name_alone(qtbot, sample_window, tmp_path):
    """A name ending in a separator names a folder: switching to PDF must not make "reports.docx/" of it
    (pathlib reads "reports.docx/" as the file "reports.docx"), nor raise on "/"."""
    window = sample_window(COORDINATOR)
    dialog = dialog_for(qtbot, window, tmp_path)
    for typed in ("/", "reports.docx/", "C:\\"):
        dialog.format.setCurrentIndex(dialog.format.findData(".docx"))
        dialog.output.setText(typed)
        dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
        assert dialog.output.text() == typed
    dialog.output.setText(str(tmp_path / "response.pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData(".docx"))
    assert dialog.output.text() == str(tmp_path / "response.docx")


def test_an_unknown_users_home_in_the_name_is_an_ordinary_folder_name(qtbot, sample_window, tmp_path):
    """"~nobody-here/x.docx": Path.expanduser raised RuntimeError at Export ("That did not work"); the name
    is taken as typed, beside the project, and the export says in one line why it could not write there."""
    window = sample_window(COORDINATOR)
    dialog = dialog_for(qtbot, window, tmp_path)
    dialog.output.setText("~nobody-here-at-all/x.docx")
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=60_000)
    status = dialog.status.text()
    assert status.startswith("The document was not exported:") and "\n" not in status, status
    assert not (tmp_path / "~nobody-here-at-all").exists()


@pytest.mark.parametrize("typed", ["/", ".", "", "  ", "C:\\", "C:/", "reports/", "/tmp/reports/", "..", "~", "~/"])
def test_no_public_copy_name_is_offered_before_a_file_name_is_typed(typed):
    """No file name typed yet (the root, a drive, a folder, the home folder): no public-copy name, no error."""
    assert PublicCopyBox.name_for(typed) == ""


def test_the_public_copy_name_follows_a_file_name():
    assert PublicCopyBox.name_for("/tmp/r/response.pdf") == "/tmp/r/response (public).pdf"
    assert PublicCopyBox.name_for(" response ") == "response (public).docx"


UNKNOWN_HOME = "~nobody-here-at-all/response.wyproj"


def test_opening_an_unknown_users_home_path_is_the_plain_cannot_open_dialog(make_window, dialogs, tmp_path,
                                                                             monkeypatch):
    """The same rule where a path comes from the command line or another launch: expanduser's RuntimeError
    was "That did not work"; now the file is simply not there."""
    monkeypatch.chdir(tmp_path)
    window = make_window()
    assert not window.open_path(UNKNOWN_HOME)
    assert window.document is None
    assert any("response.wyproj could not be opened" in text for text in dialogs.shown), dialogs.shown


def test_cli_open_of_an_unknown_users_home_path_hands_the_app_the_path_as_typed(monkeypatch, tmp_path):
    """`wyassembler open ~nobody/x.wyproj` said "internal error: RuntimeError"; the shell leaves such a
    name as it is, and so does the command: the app then says it cannot open it."""
    from wyassembler import cli
    from wyassembler.ui import app as ui_app

    monkeypatch.chdir(tmp_path)
    started = []
    monkeypatch.setattr(ui_app, "run", lambda project=None, argv=None: started.append(project) or 0)
    assert cli.main(["open", UNKNOWN_HOME]) == 0
    assert started == [str((tmp_path / UNKNOWN_HOME).resolve())]
