"""File › Export Answers for Online Form… (issue 17): the answers written on a worker thread by the same rules
as ``wyassembler export-answers`` (wyassembler/answer_files.py): the same files, a file replaced or a folder not
ours written into only when the person says so, our stale files removed, links refused; then each question's
count against its limit and what to look at."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import COORDINATOR
from wyassembler.cli import main as cli_main
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import map_section
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.resource_files import QUESTIONS_SAMPLE, resource_bytes
from wyassembler.ui.dialogs.answers import ExportAnswersDialog
from wyassembler.ui.operations.reasons import why_not

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
HEAD = Actor("joint-services", "H. Dawson", "coordinator")


@pytest.fixture
def answered(make_window):
    """A window with the questions sample open, saved at tmp_path/response.wyproj."""

    def make(path):
        window = make_window(COORDINATOR)
        window.open_project(from_bytes(resource_bytes(*QUESTIONS_SAMPLE)), path)
        return window

    return make


def run(qtbot, dialog: ExportAnswersDialog) -> None:
    """Export and wait for the result to be shown (the thread ends before its queued signal arrives)."""
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=20000)


def folder_files(folder) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in sorted(os.listdir(folder))}


def test_the_action_needs_questions_and_opens_the_dialog(qtbot, sample_window, answered, tmp_path, monkeypatch):
    plain = sample_window(COORDINATOR)
    action = plain.app_actions.export_answers
    assert not action.isEnabled() and "no consultation questions" in why_not(action)
    assert action in plain.menuBar().actions()[0].menu().actions()  # in the File menu
    window = answered(tmp_path / "response.wyproj")
    action = window.app_actions.export_answers
    assert action.isEnabled()
    opened = []
    monkeypatch.setattr(ExportAnswersDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    action.trigger()
    assert len(opened) == 1 and opened[0].output.text() == str(tmp_path / "response - answers")


def test_a_folder_is_written_as_the_command_line_writes_it_and_each_count_is_shown(qtbot, answered, tmp_path):
    window = answered(tmp_path / "response.wyproj")
    project = window.document.project
    dialog = ExportAnswersDialog(project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    assert dialog.kind() == "txt"
    run(qtbot, dialog)
    written = folder_files(tmp_path / "response - answers")
    assert "Q03.txt" in written and "summary.txt" in written and "Q09.txt" in written  # 9: no comment

    (tmp_path / "same.wyproj").write_bytes(to_bytes(project))
    assert cli_main(["export-answers", str(tmp_path / "same.wyproj"), "-o", str(tmp_path / "by-cli")]) == 0
    assert folder_files(tmp_path / "by-cli") == written  # one set of rules: the same files, byte for byte

    table = dialog.results
    assert table.rowCount() == len(project.questions) and not table.isHidden()
    three = next(row for row in range(table.rowCount()) if table.item(row, 0).text() == "3")
    assert table.item(three, 2).text() == "1,511 / 1,500 characters: over by 11"
    assert table.item(three, 3).text().startswith("Over the limit")
    assert table.item(three, 4).text() == "Q03.txt"
    problems = [dialog.problems.item(row).text() for row in range(dialog.problems.count())]
    assert any("question 3" in line and "over its limit by 11" in line for line in problems), problems
    assert "not final yet" in dialog.status.text()


def test_json_asks_before_replacing_a_file_and_keeps_it_when_told_no(qtbot, answered, tmp_path, dialogs):
    window = answered(tmp_path / "response.wyproj")
    dialog = ExportAnswersDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.json_choice.setChecked(True)
    target = tmp_path / "response - answers.json"
    assert dialog.output.text() == str(target)
    target.write_text("mine", encoding="utf-8")
    dialogs.question_answer = NO
    run(qtbot, dialog)
    assert len(dialogs.shown) == 1 and "already exists" in dialogs.shown[0]
    assert target.read_text(encoding="utf-8") == "mine" and "was kept as it is" in dialog.status.text()
    dialogs.question_answer = YES
    run(qtbot, dialog)
    records = json.loads(target.read_text(encoding="utf-8"))["answers"]
    assert [record["question_id"] for record in records][:3] == ["1", "2", "3"]
    assert dialog.results.isColumnHidden(4)  # no files to name


def test_a_folder_not_ours_is_written_into_only_when_the_person_says_so_and_nothing_in_it_goes(qtbot, answered,
                                                                                                tmp_path, dialogs):
    window = answered(tmp_path / "response.wyproj")
    dialog = ExportAnswersDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "minutes.txt").write_text("ours, not wyassembler's", encoding="utf-8")
    dialog.output.setText("shared")  # a name without a folder goes beside the project
    dialogs.question_answer = NO
    run(qtbot, dialog)
    assert "was not written by an export of answers" in dialogs.shown[0]
    assert os.listdir(folder) == ["minutes.txt"]
    dialogs.question_answer = YES
    run(qtbot, dialog)
    assert "summary.txt" in os.listdir(folder) and (folder / "minutes.txt").read_text(encoding="utf-8")


def test_our_folder_again_loses_the_file_of_a_question_no_longer_answered(qtbot, answered, tmp_path, dialogs):
    window = answered(tmp_path / "response.wyproj")
    project = window.document.project
    dialog = ExportAnswersDialog(project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    run(qtbot, dialog)
    folder = tmp_path / "response - answers"
    assert (folder / "Q10.txt").exists()
    answering = next(section for section in project.all_sections() if project.questions[-1].id in section.answers)
    map_section(project, HEAD, answering, [])
    run(qtbot, dialog)
    assert not dialogs.shown  # our own folder: nothing to ask
    assert not (folder / "Q10.txt").exists()
    assert "Removed 1 answer file(s) of an earlier export that no longer belong: Q10.txt." in dialog.status.text()


def test_a_link_is_never_written_through(qtbot, answered, tmp_path):
    window = answered(tmp_path / "response.wyproj")
    dialog = ExportAnswersDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    dialog.output.setText(str(tmp_path / "link"))
    run(qtbot, dialog)
    assert "symbolic link" in dialog.status.text() and os.listdir(real) == []
    assert dialog.results.isHidden()
