"""The export dialog's public copy is the command line's, byte for byte (issue 18): the same project and
the same choices give the same bytes, whichever way the copy was asked for."""

from __future__ import annotations

import pytest

from tests.ui.conftest import COORDINATOR
from tests.ui.test_export_public import confidential, dialog_for, export
from tests.word.public_sample import QUESTIONS, leaks
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import import_questions, map_section
from wyassembler.cli import main
from wyassembler.projectfile.storage import save_project
from wyassembler.ui.dialogs.export import load_engine

pytestmark = pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")


@pytest.mark.parametrize("questions", [False, True], ids=["outline", "questions-with-appendices"])
def test_the_dialogs_public_copy_is_the_command_lines_byte_for_byte(qtbot, sample_window, tmp_path, capsys,
                                                                    questions):
    window = sample_window(COORDINATOR)
    confidential(window)
    if questions:  # the consultation's questions, one answered by the confidential section 4
        project = window.document.project
        coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
        import_questions(project, coordinator, QUESTIONS)
        four = project.find_section("4")
        map_section(project, Actor(four.owner, "Lead", "partner lead"), four, ["3"])
    saved = tmp_path / "response.wyproj"
    save_project(window.document.project, saved)
    dialog = dialog_for(qtbot, window, tmp_path)
    options = ["--draft", "--public"]
    if questions:
        assert dialog.has_questions
        dialog.order_questions.setChecked(True)
        dialog.questions_table.setChecked(True)
        dialog.appendix.setChecked(True)
        options += ["--order", "questions", "--questions-appendix", "--signoff-appendix"]
    export(qtbot, dialog)
    public = tmp_path / "response - draft (public).docx"
    assert dialog.public_path == public and public.exists()
    by_cli = tmp_path / "cli.docx"
    assert main(["export", str(saved), "-o", str(by_cli), *options]) == 0
    capsys.readouterr()
    assert public.read_bytes() == by_cli.read_bytes()
    assert leaks(public.read_bytes(), ["QXSECRET"]) == []


def test_the_dialogs_report_of_a_public_copy_names_a_withheld_section_by_number_only(qtbot, sample_window,
                                                                                    tmp_path):
    """The full response's warnings may name a confidential heading ("section 4 “…” answers questions 2, 3");
    once a public copy was written with it, the one report names it by number (it may be passed on)."""
    window = sample_window(COORDINATOR)
    confidential(window)
    project = window.document.project
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    four = project.find_section("4")
    edit_section(project, coordinator, four, heading="Depot lease terms QXHEADING")
    import_questions(project, coordinator, QUESTIONS)
    map_section(project, Actor(four.owner, "Lead", "partner lead"), four, ["2", "3"])
    dialog = dialog_for(qtbot, window, tmp_path)
    dialog.order_questions.setChecked(True)
    export(qtbot, dialog)
    assert "Public copy (confidential sections withheld)" in dialog.status.text()
    assert "section 4 answers questions 2, 3" in dialog.status.text()
    assert "QXHEADING" not in dialog.status.text() and not [w for w in dialog.warnings if "QXHEADING" in w]
