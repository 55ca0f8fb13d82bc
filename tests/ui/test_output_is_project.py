"""No output ever replaces the project it came from: File › Export to Word…, File › Export Answers for Online
Form… and Partner › Export My Sections for Word… refuse the open project file as their output, by its name, a
symbolic link or a hard link, in one line, before asking to replace anything; nothing is written and the project
is as it was. (The command line's side is tests/cli/test_output_is_project.py.)"""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, open_and_wait
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import map_section
from wyassembler.projectfile.codec import from_bytes
from wyassembler.resource_files import QUESTIONS_SAMPLE, SAMPLE, resource_bytes
from wyassembler.ui.dialogs.answers import ExportAnswersDialog
from wyassembler.ui.dialogs.export import ExportDialog, load_engine

YES = QMessageBox.StandardButton.Yes
HEAD = Actor("joint-services", "H. Dawson", "coordinator")
ITSELF = "is the project file itself"


def _open_saved(qtbot, make_window, path, sample, identity):
    path.write_bytes(resource_bytes(*sample))
    window = make_window(identity)
    open_and_wait(qtbot, window, path)
    return window


def _links(project_file, suffix: str):
    """A symbolic and a hard link to the project, named like an output."""
    symbolic = project_file.with_name(f"via-link{suffix}")
    symbolic.symlink_to(project_file)
    hard = project_file.with_name(f"hard{suffix}")
    os.link(project_file, hard)
    return [symbolic, hard]


def _untouched(project_file, before: bytes) -> None:
    assert project_file.read_bytes() == before
    assert from_bytes(project_file.read_bytes()).questions is not None


@pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")
def test_export_to_word_refuses_the_project_itself(qtbot, make_window, dialogs, tmp_path):
    project_file = tmp_path / "response.wyproj"
    window = _open_saved(qtbot, make_window, project_file, QUESTIONS_SAMPLE, COORDINATOR)
    before = project_file.read_bytes()
    dialog = ExportDialog(window.document.project, window.document.path, window)
    qtbot.addWidget(dialog)
    dialog.draft.setChecked(True)
    dialogs.question_answer = YES  # were it asked, the person would agree to replace
    for target in [project_file, *_links(project_file, ".docx")]:
        dialog.output.setText(str(target))
        dialog.start_export()
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=15000)
        status = dialog.status.text()
        assert ITSELF in status and len(status.splitlines()) == 1, status
        assert not dialogs.shown, dialogs.shown  # refused before any question about replacing
        assert not dialog.open_document_button.isVisible()
        _untouched(project_file, before)


@pytest.mark.parametrize("kind", ["json", "csv", "txt"])
def test_export_answers_refuses_the_project_itself(qtbot, make_window, dialogs, tmp_path, kind):
    project_file = tmp_path / "response.wyproj"
    window = _open_saved(qtbot, make_window, project_file, QUESTIONS_SAMPLE, COORDINATOR)
    before = project_file.read_bytes()
    dialog = ExportAnswersDialog(window.document.project, window.document.path, window)
    qtbot.addWidget(dialog)
    {"json": dialog.json_choice, "csv": dialog.csv_choice, "txt": dialog.folder_choice}[kind].setChecked(True)
    dialogs.question_answer = YES
    for target in [project_file, *_links(project_file, "" if kind == "txt" else f".{kind}")]:
        dialog.output.setText(str(target))
        dialog.start_export()
        qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=20000)
        status = dialog.status.text()
        assert ITSELF in status and len(status.splitlines()) == 1, status
        assert not dialogs.shown, dialogs.shown
        assert dialog.results.isHidden() and dialog.written is None
        _untouched(project_file, before)


def test_answers_into_a_folder_never_replace_nor_remove_the_project_kept_there(qtbot, answered_in_folder, dialogs):
    """The project saved in the answers' folder under an answer file's name: writing the folder again would
    replace it (a question it answers) or remove it (an earlier answer that no longer belongs)."""
    dialog, folder, project = answered_in_folder
    for name in ("Q01.txt", "Q10.txt"):
        project_file = folder / name
        project_file.write_bytes(resource_bytes(*QUESTIONS_SAMPLE))
        before = project_file.read_bytes()
        dialog._project_path = project_file
        files = sorted(os.listdir(folder))
        dialog.start_export()
        qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=20000)
        status = dialog.status.text()
        assert ITSELF in status and len(status.splitlines()) == 1, status
        assert sorted(os.listdir(folder)) == files
        _untouched(project_file, before)
        project_file.unlink()


@pytest.fixture
def answered_in_folder(qtbot, make_window, tmp_path):
    """The answers exported to a folder of ours, then the last question's answer unmapped (Q10.txt would go)."""
    project_file = tmp_path / "response.wyproj"
    window = _open_saved(qtbot, make_window, project_file, QUESTIONS_SAMPLE, COORDINATOR)
    project = window.document.project
    dialog = ExportAnswersDialog(project, project_file, window)
    qtbot.addWidget(dialog)
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=20000)
    folder = tmp_path / "response - answers"
    assert (folder / "Q01.txt").exists() and (folder / "Q10.txt").exists()
    answering = next(section for section in project.all_sections() if project.questions[-1].id in section.answers)
    map_section(project, HEAD, answering, [])
    (folder / "Q10.txt").unlink()
    return dialog, folder, project


@pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")
def test_export_my_sections_refuses_the_project_itself(qtbot, make_window, dialogs, reports, tmp_path):
    project_file = tmp_path / "response.wyproj"
    window = _open_saved(qtbot, make_window, project_file, SAMPLE, CALDERDALE_LEAD)
    before = project_file.read_bytes()
    dialogs.question_answer = YES
    for target in _links(project_file, ".docx"):
        dialogs.shown.clear()
        dialogs.save_path = str(target)
        window.app_actions.export_pack.trigger()
        assert len(dialogs.shown) == 1 and ITSELF in dialogs.shown[0], dialogs.shown  # the refusal, not a question
        assert dialogs.shown[0].startswith("Your sections were not exported.")
        assert len(dialogs.shown[0].splitlines()) == 1
        assert not reports
        _untouched(project_file, before)
