"""The export dialog and the consultation's questions (issue 17): the order and the table of questions offered
only to a project with questions and passed to the export on its worker thread; what stands before a final
export said as it is (the sign-off, the questions or both), before and when the engine refuses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR
from tests.word.readback import body_paragraphs, open_docx
from tests.word.signed_sample import signed_sample
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_no_comment
from wyassembler.projectfile.codec import from_bytes
from wyassembler.resource_files import QUESTIONS_SAMPLE, resource_bytes
from wyassembler.ui.dialogs.export import ExportDialog, load_engine

pytestmark = pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")


def questions_sample():
    return from_bytes(resource_bytes(*QUESTIONS_SAMPLE))


def signed_with_questions(no_comment_on_2: bool):
    """The sample signed off and endorsed by all after two questions came in: 1 answered by section 1, 2 by
    nothing (open, or marked no comment)."""

    def ask(project) -> None:
        coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
        import_questions(project, coordinator, [NewQuestion("1", "What do you think of the proposals?"),
                                                NewQuestion("2", "Anything else?")])
        map_section(project, coordinator, project.sections[0], ["1"])
        if no_comment_on_2:
            set_no_comment(project, coordinator, "2", True, "Nothing to add.")

    return signed_sample(ask)[0]


def export(qtbot, dialog: ExportDialog) -> None:
    """Export and wait for the result to be shown (the thread ends before its queued signal arrives)."""
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=20000)


def test_a_project_without_questions_is_not_offered_the_order_or_the_table(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    dialog = ExportDialog(window.document.project, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    for widget in (dialog.order_outline, dialog.order_questions, dialog.questions_table):
        assert not widget.isVisible()
    dialog.order_questions.setChecked(True)  # even if set by mistake, an outline is what it exports
    assert dialog.order() == "outline"


def test_the_questions_order_and_table_are_offered_and_reach_the_export(qtbot, make_window, tmp_path):
    window = make_window(COORDINATOR)
    window.open_project(questions_sample())
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.order_outline.isVisible() and dialog.order_questions.isVisible()
    assert dialog.questions_table.isVisible() and not dialog.questions_table.isChecked()
    assert dialog.order_outline.isChecked()  # as the command line: the outline unless asked
    assert dialog.draft.isChecked()  # the sample has an answer over its limit: not final
    qtbot.mouseClick(dialog.order_questions, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.questions_table, Qt.MouseButton.LeftButton)
    export(qtbot, dialog)
    assert dialog.status.text().startswith(f"Exported to {tmp_path / 'response - draft.docx'}"), dialog.status.text()
    document = open_docx((tmp_path / "response - draft.docx").read_bytes())
    headings = [p.text for p in body_paragraphs(document) if p.style.startswith("Heading")]
    project = window.document.project
    first = project.questions[0]
    assert f"Question {first.number}: {first.text}" in headings
    assert len(document.tables) >= 1  # the table of questions
    header = [cell.text for cell in document.tables[-1].rows[0].cells]
    assert "Question" in " ".join(header)


def test_the_outline_order_is_exported_when_left_as_it_is(qtbot, make_window, tmp_path):
    window = make_window(COORDINATOR)
    window.open_project(questions_sample())
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    export(qtbot, dialog)
    headings = [p.text for p in body_paragraphs(open_docx((tmp_path / "response - draft.docx").read_bytes()))
                if p.style.startswith("Heading")]
    assert not any(text.startswith("Question ") for text in headings)


def test_a_response_signed_off_with_a_question_open_is_told_the_questions_stand_in_the_way(qtbot, make_window):
    window = make_window(COORDINATOR)
    project = signed_with_questions(no_comment_on_2=False)
    dialog = ExportDialog(project, None, window)
    qtbot.addWidget(dialog)
    text = dialog.readiness_label.text()
    assert "the response is signed off, but the answers to the consultation's questions are not ready" in text
    assert "Still to sign" not in text
    assert not dialog.final.isEnabled() and dialog.draft.isChecked()
    listed = [dialog.missing.item(row).text() for row in range(dialog.missing.count())]
    assert any("question 2 \u201cAnything else?\u201d: not answered" in line for line in listed)


def test_the_engines_refusal_says_what_is_missing_in_the_dialogs_words(qtbot, make_window, tmp_path):
    window = make_window(COORDINATOR)
    project = signed_with_questions(no_comment_on_2=True)
    dialog = ExportDialog(project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    assert dialog.final.isEnabled() and dialog.final.isChecked()
    # Meanwhile (a partner's save merged in, say) a section comes to answer a question no longer in the list.
    project.sections[1].answers.append("a-question-since-removed")
    export(qtbot, dialog)
    status = dialog.status.text()
    assert status.startswith("The document was not exported: the answers to the consultation's questions are not "
                             "ready, so it cannot be exported as final (choose Draft for a marked draft)."), status
    assert "answers a question that is no longer in the list" in status
    assert "--draft" not in status and "not signed off" not in status
    assert not (tmp_path / "response - final.docx").exists()
