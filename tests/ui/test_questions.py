"""The consultation questions in the app (issue 17): the Questions panel over the core's statuses (Qt's
model tester watching it), the editor's live count against the limit, choosing a section's questions and a
question's settings as undoable steps, disabled with the reason, and File › Import Consultation Questions…
read on a worker thread with its report."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.ui.conftest import COORDINATOR, KIRKLEES_LEAD
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_choice, set_no_comment, \
    set_options
from wyassembler.core.questions import Limit
from wyassembler.ui.dialogs.questions import AnswersQuestionDialog, ImportQuestionsDialog, QuestionSettingsDialog
from wyassembler.ui.dialogs.report import ReportDialog
from wyassembler.ui.models.questions import CHOICE, COUNT, NUMBER, QUESTION, STATE, QuestionsModel
from wyassembler.ui.operations.reasons import why_not
from wyassembler.ui.project import files
from wyassembler.ui.project.document import QUESTIONS as QUESTIONS_CHANGED, SIGNOFF
from wyassembler.ui.project.question_commands import ImportQuestionsCommand

HEAD = Actor("joint-services", "H. Dawson", "coordinator")
QUESTIONS = [NewQuestion("1", "Do you agree that partners should share one digital infrastructure?",
                         Limit("words", 250), ("Yes", "No", "Don't know")),
             NewQuestion("2", "Which services would benefit most, and why?", Limit("words", 30)),
             NewQuestion("3", "What barriers prevent sharing today?", Limit("characters", 20_000)),
             NewQuestion("4", "Anything else?")]


def words(count: int) -> tuple[Paragraph, ...]:
    return (Paragraph((Span(" ".join(["word"] * count)),)),)


def question_project():
    """The sample with four questions: 2 answered by section 2 (12 words: within 30), 3 by section 4 and its
    new sub-section 4.1 together, 1 and 4 by nothing (4 marked no comment)."""
    project = files.sample_project()
    import_questions(project, HEAD, QUESTIONS)
    one, two, three, four = project.questions
    sections = project.sections
    edit_section(project, HEAD, sections[1], blocks=words(12))
    map_section(project, HEAD, sections[1], [two.id])
    add_section(project, HEAD, "Costs", "kirklees", blocks=words(5), parent=sections[3])
    map_section(project, HEAD, sections[3], [three.id])
    set_no_comment(project, HEAD, four.id, True, "outside our remit")
    return project


@pytest.fixture
def questions_window(make_window):
    def make(identity=COORDINATOR):
        window = make_window(identity)
        window.open_project(question_project())
        window.questions_dock.raise_()
        window.questions_panel.set_showing(True)
        return window
    return make


def rows(model: QuestionsModel) -> list[list[str]]:
    return [[model.index(row, column).data() for column in (NUMBER, QUESTION, STATE, COUNT)]
            for row in range(model.rowCount())]


def replace_text(window, text: str) -> None:
    """Select all of the section's text and type ``text`` over it."""
    window.editor.text.selectAll()
    window.editor.text.insertPlainText(text)


def accept_with(monkeypatch, dialog_class, fill) -> list:
    """``dialog_class``'s exec fills the dialog in as the person would and presses OK."""
    seen = []

    def answer(dialog):
        seen.append(dialog)
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_class, "exec", answer)
    return seen


# -- the Questions panel ----------------------------------------------------------------------------

def test_the_panel_shows_each_question_its_state_and_count_against_the_limit(questions_window):
    window = questions_window()
    model = window.questions_panel.model
    shown = rows(model)
    assert [row[0] for row in shown] == ["1", "2", "3", "4"]
    assert shown[0][2] == "Unanswered" and shown[0][3] == "0 / 250 words"
    assert shown[1][2] == "Answered in 2" and shown[1][3] == "12 / 30 words"
    assert shown[2][2] == "Answered in 4"  # 4 and its sub-section 4.1, counted together
    assert shown[3][2] == "No comment" and shown[3][3] == "\u2013"  # nothing to count, as the CLI and Word say
    assert "outside our remit" in model.index(3, STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, COUNT).data(QuestionsModel.FILL_ROLE) == pytest.approx(12 / 30)
    assert model.index(0, STATE).data(Qt.ItemDataRole.DecorationRole) is not None
    assert window.questions_panel.summary.text() == ("4 questions: 2 answered, 1 no comment, 1 unanswered, "
                                                     "0 over the limit")


def test_the_question_column_holds_the_whole_text_and_the_view_cuts_it_to_the_room_it_has(questions_window):
    window = questions_window()
    model = window.questions_panel.model
    assert model.index(0, QUESTION).data() == QUESTIONS[0].text  # 68 characters: not cut at 60 in a wide column
    assert window.questions_panel.table.textElideMode() == Qt.TextElideMode.ElideRight


LIKERT = ("Agree", "Neither agree nor disagree", "Disagree")


def shows_whole(table, column: int, text: str, icon: int = 0) -> bool:
    """Whether ``text`` (beside an icon ``icon`` pixels wide) fits in ``column`` of ``table`` uncut."""
    return table.fontMetrics().horizontalAdvance(text) + icon + 8 <= table.horizontalHeader().sectionSize(column)


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_state_and_the_choice_are_read_whole_at_the_usual_screen_widths(questions_window, width):
    window = questions_window()
    project = window.document.project
    three = project.questions[2]  # answered in 4 (with 4.1), as in the trial: "Answered in 4 (Neit…"
    set_options(project, HEAD, three.id, LIKERT)
    set_choice(project, HEAD, three.id, "Neither agree nor disagree")
    window.questions_panel.refresh()
    window.resize(width, 768)
    panel = window.questions_panel
    model, table = panel.model, panel.table
    assert model.index(2, STATE).data() == "Answered in 4"
    assert model.index(2, CHOICE).data() == "Neither agree nor disagree"
    assert model.headerData(CHOICE, Qt.Orientation.Horizontal) == "Choice"
    for row in range(model.rowCount()):
        assert shows_whole(table, STATE, model.index(row, STATE).data(), icon=20), model.index(row, STATE).data()
        assert shows_whole(table, CHOICE, model.index(row, CHOICE).data() or "")
    for words in ("Over the limit in 10", "No comment", "Unanswered"):
        assert shows_whole(table, STATE, words, icon=20)
    assert shows_whole(table, COUNT, "1,511 / 1,500 characters: over by 11")
    assert table.columnWidth(QUESTION) >= 200, "the question keeps room to be recognised"


def test_the_choice_column_is_hidden_while_no_question_offers_options(questions_window):
    window = questions_window()
    project = window.document.project
    panel = window.questions_panel
    assert not panel.table.isColumnHidden(CHOICE)  # question 1 offers Yes / No / Don't know
    set_options(project, HEAD, project.questions[0].id, ())
    window.document.notify(QUESTIONS_CHANGED, "")
    assert panel.table.isColumnHidden(CHOICE)


def test_over_the_limit_is_said_in_words_and_red(questions_window):
    window = questions_window()
    project = window.document.project
    window.select_section(project.sections[1].id)
    replace_text(window, " ".join(["word"] * 42))
    window.commit_editor()
    model = window.questions_panel.model
    assert model.index(1, STATE).data() == "Over the limit in 2"
    assert model.index(1, COUNT).data() == "42 / 30 words: over by 12"
    assert model.index(1, COUNT).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, COUNT).data(QuestionsModel.FILL_ROLE) > 1


def test_the_model_passes_qts_model_tester_and_follows_a_new_list_by_rows_not_a_reset(questions_window, qtmodeltester):
    window = questions_window()
    model = window.questions_panel.model
    qtmodeltester.check(model)
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    first_id = model.index(0, 0).data(QuestionsModel.QUESTION_ID_ROLE)
    # A new list: question 1 gone, 5 added, 3 before 2 — removed, inserted and moved rows.
    new = [QUESTIONS[2], QUESTIONS[1], QUESTIONS[3], NewQuestion("5", "A fifth question?")]
    assert window.run("", ImportQuestionsCommand(window.document, new, "list.md"))
    assert [row[0] for row in rows(model)] == ["3", "2", "4", "5"]
    assert first_id not in [model.index(r, 0).data(QuestionsModel.QUESTION_ID_ROLE) for r in range(4)]
    window.document.undo_stack.undo()
    assert [row[0] for row in rows(model)] == ["1", "2", "3", "4"]
    assert model.index(0, 0).data(QuestionsModel.QUESTION_ID_ROLE) == first_id, "ids kept by the undo"
    qtmodeltester.check(model)
    assert not resets


def test_choosing_a_question_selects_its_first_answering_section(questions_window):
    window = questions_window()
    project = window.document.project
    window.questions_panel.select_question(project.questions[2].id)
    assert window.current_section() is project.sections[3]
    assert window.editor.section is project.sections[3]


def test_typing_does_not_work_the_statuses_out_and_a_section_answering_nothing_does_not_either(questions_window,
                                                                                               monkeypatch):
    window = questions_window()
    project = window.document.project
    refreshed = []
    original = QuestionsModel.refresh
    monkeypatch.setattr(QuestionsModel, "refresh", lambda model: (refreshed.append(1), original(model)))
    window.select_section(project.sections[0].id)  # answers nothing
    window.editor.text.insertPlainText("More background. ")
    assert window.commit_editor()
    assert refreshed == [], "the text of a section that is part of no answer changes no question"
    window.select_section(project.sections[1].id)
    for letter in "typing":
        window.editor.text.insertPlainText(letter)
    assert refreshed == [], "keystrokes alone work nothing out"
    assert window.commit_editor()
    assert refreshed == [1]
    window.document.notify(SIGNOFF, project.sections[1].id)  # what a decision on section 2 announces
    assert refreshed == [1], "a decision changes no answer"


def test_a_change_while_the_panel_is_behind_the_matrix_is_caught_up_when_it_is_shown(questions_window):
    window = questions_window()
    project = window.document.project
    window.questions_panel.set_showing(False)
    window.select_section(project.sections[1].id)
    replace_text(window, "Two words")
    window.commit_editor()
    assert window.questions_panel.model.index(1, COUNT).data() == "12 / 30 words", "not worked out while hidden"
    window.app_actions.show_questions.trigger()
    assert window.questions_panel.model.index(1, COUNT).data() == "2 / 30 words"


# -- the editor's live count --------------------------------------------------------------------------

def test_the_editor_counts_the_answer_as_it_is_typed_and_says_when_it_is_over(qtbot, questions_window):
    window = questions_window()
    project = window.document.project
    window.select_section(project.sections[1].id)
    bar = window.editor.answer_count
    assert bar.isVisible()
    assert bar.label.text() == "Question 2: 12 / 30 words"
    window.editor.text.moveCursor(window.editor.text.textCursor().MoveOperation.End)
    window.editor.text.insertPlainText(" and" * 20)
    qtbot.waitUntil(lambda: "32 / 30" in bar.label.text())
    assert bar.label.text() == "Question 2: 32 / 30 words \u2014 over by 2"
    assert bar.is_over()
    assert window.editor.is_modified(), "counted without committing the typing"


def test_a_shared_answer_is_counted_whole_and_said_so(qtbot, questions_window):
    window = questions_window()
    project = window.document.project
    sub = project.sections[3].children[0]
    window.select_section(sub.id)
    bar = window.editor.answer_count
    assert bar.label.text().startswith("Question 3: ")
    assert "/ 20,000 characters in the whole answer (with section 4)" in bar.label.text()
    before = int(bar.label.text().split(": ")[1].split(" /")[0].replace(",", ""))
    window.editor.text.moveCursor(window.editor.text.textCursor().MoveOperation.End)
    window.editor.text.insertPlainText(" more")
    qtbot.waitUntil(lambda: f"{before + 5} /" in bar.label.text())


def test_a_section_answering_nothing_says_so_and_a_project_without_questions_shows_no_bar(questions_window,
                                                                                          sample_window):
    window = questions_window()
    window.select_section(window.document.project.sections[0].id)
    assert window.editor.answer_count.label.text() == "This section answers no consultation question."
    plain = sample_window()
    assert not plain.editor.answer_count.isVisible()


# -- choosing a section's questions --------------------------------------------------------------------

def test_answers_question_maps_the_section_in_one_undoable_step_that_gives_back_a_no_comment_mark(
        questions_window, monkeypatch):
    window = questions_window()
    project = window.document.project
    four = project.questions[3]
    section = project.sections[4]
    window.select_section(section.id)
    seen = accept_with(monkeypatch, AnswersQuestionDialog, lambda dialog: dialog.set_checked([four.id]))
    window.app_actions.answers_question.trigger()
    assert seen and seen[0].values() == [four.id]
    assert section.answers == [four.id]
    assert not project.questions[3].no_comment, "answering it took the no-comment mark away"
    assert window.questions_panel.model.index(3, STATE).data() == "Answered in 5"
    assert window.editor.answer_count.label.text().startswith("Question 4: ")
    window.app_actions.undo.trigger()
    assert section.answers == []
    assert project.questions[3].no_comment and project.questions[3].no_comment_reason == "outside our remit"
    assert window.questions_panel.model.index(3, STATE).data() == "No comment"
    window.app_actions.redo.trigger()
    assert section.answers == [four.id] and not project.questions[3].no_comment


def test_the_answers_dialog_lists_every_question_checkable_and_filters(questions_window):
    window = questions_window()
    project = window.document.project
    dialog = AnswersQuestionDialog("2", project.questions, [project.questions[1].id], window)
    assert dialog.list.count() == 4
    assert dialog.values() == [project.questions[1].id]
    dialog.filter.setText("barriers")
    assert [dialog.list.item(r).isHidden() for r in range(4)] == [True, True, False, True]
    dialog.list.item(2).setCheckState(Qt.CheckState.Checked)
    assert dialog.values() == [project.questions[1].id, project.questions[2].id]
    dialog.clear()
    assert dialog.values() == []


NUMBERED = [NewQuestion(number, f"Question text {number} about services") for number in
            ("1", "1.2", "2", "2.1", "2a", "2(b)", "3.2", "12", "21")] + \
           [NewQuestion("22", "What would you change by 2030?")]


def shown(dialog: AnswersQuestionDialog) -> list[str]:
    """The numbers the filtered list shows, in its order."""
    return [dialog.list.item(r).text().split(".  ")[0] for r in range(dialog.list.count())
            if not dialog.list.item(r).isHidden()]


@pytest.mark.parametrize("typed", ["2", "2.", "Q2", "q 2", "Question 2", "question 2:", " 2 "])
def test_a_number_in_the_filter_finds_that_question_and_its_sub_questions_not_others_ending_in_it(
        questions_window, typed):
    window = questions_window()
    project = window.document.project
    import_questions(project, HEAD, NUMBERED)
    dialog = AnswersQuestionDialog("2", project.questions, [], window)
    dialog.filter.setText(typed)
    assert shown(dialog) == ["2", "2.1", "2a", "2(b)"]  # not 1.2, 3.2, 12 or 21
    assert dialog.list.currentItem().text().startswith("2.  "), "the number typed is the current item"


def test_a_ticked_question_the_filter_hides_is_named_so_it_is_not_kept_unseen(questions_window):
    window = questions_window()
    project = window.document.project
    dialog = AnswersQuestionDialog("2", project.questions, [project.questions[0].id], window)
    assert dialog.hidden_ticked.isHidden()
    dialog.filter.setText("2")  # looking for question 2 while 1 stays ticked
    assert not dialog.hidden_ticked.isHidden()
    assert dialog.hidden_ticked.text() == "Also ticked, hidden by the filter: question 1"
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.hidden_ticked.isHidden()
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.filter.clear()
    assert dialog.hidden_ticked.isHidden()


def test_the_filter_finds_a_sub_question_by_its_number_and_words_in_the_text(questions_window):
    window = questions_window()
    project = window.document.project
    import_questions(project, HEAD, NUMBERED)
    dialog = AnswersQuestionDialog("2", project.questions, [], window)
    dialog.filter.setText("2.1")
    assert shown(dialog) == ["2.1"]
    dialog.filter.setText("1.2")
    assert shown(dialog) == ["1.2"]
    dialog.filter.setText("2030")  # no question is numbered so: the words of the questions
    assert shown(dialog) == ["22"]
    dialog.filter.setText("services 2")  # words match the text only, never the number printed before it
    assert shown(dialog) == [q.number for q in NUMBERED if "2" in q.text and "services" in q.text]
    assert "2a" in dialog.filter.placeholderText() and "words" in dialog.filter.placeholderText()


def test_answers_question_is_disabled_with_the_reason(questions_window, sample_window):
    window = questions_window(KIRKLEES_LEAD)
    project = window.document.project
    theirs = project.sections[1]  # Bradford's
    window.select_section(theirs.id)
    action = window.app_actions.answers_question
    assert not action.isEnabled()
    assert "Bradford" in why_not(action) or "may not edit" in why_not(action).lower()
    window.select_section(project.sections[3].id)  # Kirklees's own
    assert action.isEnabled()
    plain = sample_window()
    assert not plain.app_actions.answers_question.isEnabled()
    assert "no consultation questions yet" in why_not(plain.app_actions.answers_question)


# -- a question's settings ----------------------------------------------------------------------------

def test_question_settings_set_a_limit_in_one_undoable_step(questions_window, monkeypatch):
    window = questions_window()
    project = window.document.project
    window.questions_panel.select_question(project.questions[1].id)
    action = window.app_actions.question_settings
    assert action.isEnabled()

    def fill(dialog: QuestionSettingsDialog) -> None:
        dialog.kind.setCurrentIndex(3)  # characters, not counting spaces
        dialog.value.setValue(60)
    accept_with(monkeypatch, QuestionSettingsDialog, fill)
    action.trigger()
    assert project.questions[1].limit == Limit("characters", 60, spaces=False)
    assert window.questions_panel.model.index(1, COUNT).data() == "48 / 60 characters (no spaces)"
    window.app_actions.undo.trigger()
    assert project.questions[1].limit == Limit("words", 30)


def test_question_settings_edit_the_options_in_one_undoable_step(questions_window, monkeypatch):
    window = questions_window()
    project = window.document.project
    window.questions_panel.select_question(project.questions[0].id)
    steps = window.document.undo_stack.count()

    def fill(dialog: QuestionSettingsDialog) -> None:
        assert dialog.options.isEnabled()
        assert dialog.options.toPlainText() == "Yes\nNo\nDon't know"
        dialog.options.setPlainText("Agree\n  Neither agree nor disagree \n\nDisagree\nAgree")
        assert [dialog.choice.itemText(i) for i in range(dialog.choice.count())] == ["(none chosen)", *LIKERT]
        dialog.choice.setCurrentIndex(dialog.choice.findData("Disagree"))
    accept_with(monkeypatch, QuestionSettingsDialog, fill)
    window.app_actions.question_settings.trigger()
    assert project.questions[0].options == LIKERT and project.questions[0].choice == "Disagree"
    assert window.questions_panel.model.index(0, CHOICE).data() == "Disagree"
    assert window.document.undo_stack.count() == steps + 1
    window.app_actions.undo.trigger()
    assert project.questions[0].options == ("Yes", "No", "Don't know") and project.questions[0].choice == ""
    window.app_actions.redo.trigger()
    assert project.questions[0].options == LIKERT and project.questions[0].choice == "Disagree"


def test_options_that_drop_the_choice_say_so_before_ok_and_undo_brings_it_back(questions_window, monkeypatch):
    window = questions_window()
    project = window.document.project
    set_choice(project, HEAD, project.questions[0].id, "Don't know")
    window.questions_panel.select_question(project.questions[0].id)
    warned = []

    def fill(dialog: QuestionSettingsDialog) -> None:
        assert dialog.choice.currentData() == "Don't know" and dialog.dropped.isHidden()
        dialog.options.setPlainText("Yes\nNo")
        warned.append(dialog.dropped.text())
        assert not dialog.dropped.isHidden() and dialog.choice.currentData() == ""
        dialog.options.setPlainText("Yes\nNo\nDon't know")  # typed back: chosen again, no warning
        assert dialog.choice.currentData() == "Don't know" and dialog.dropped.isHidden()
        dialog.options.setPlainText("Yes\nNo")
    accept_with(monkeypatch, QuestionSettingsDialog, fill)
    window.app_actions.question_settings.trigger()
    assert "\u201cDon't know\u201d is no longer an option" in warned[0] and "OK" in warned[0]
    assert project.questions[0].options == ("Yes", "No") and project.questions[0].choice == ""
    window.app_actions.undo.trigger()
    assert project.questions[0].options == ("Yes", "No", "Don't know")
    assert project.questions[0].choice == "Don't know"


def test_a_free_text_question_can_be_given_options_and_only_the_coordinator_edits_them(questions_window):
    window = questions_window()
    project = window.document.project
    dialog = QuestionSettingsDialog(project.questions[1], True, True, True, window)
    assert dialog.options.toPlainText() == "" and dialog.choice.isHidden()
    dialog.options.setPlainText("Yes\nNo")
    assert not dialog.choice.isHidden() and dialog.values().options == ("Yes", "No")
    editor = QuestionSettingsDialog(project.questions[0], False, True, True, window)  # an answering editor
    assert not editor.options.isEnabled() and editor.choice.isEnabled()
    assert "Only the coordinator sets the limit and the options" in editor.reason_label.text()


def test_question_settings_refuse_no_comment_on_an_answered_question_and_say_who_may(questions_window):
    window = questions_window()
    project = window.document.project
    dialog = QuestionSettingsDialog(project.questions[1], True, True, True, window)
    assert not dialog.no_comment.isEnabled()
    assert "cannot be marked no comment" in dialog.reason_label.text()
    partner = questions_window(KIRKLEES_LEAD)
    partner.questions_panel.select_question(partner.document.project.questions[1].id)
    assert not partner.app_actions.question_settings.isEnabled()
    assert "coordinating organisation" in why_not(partner.app_actions.question_settings)
    partner.questions_panel.select_question(partner.document.project.questions[0].id)  # nobody answers it
    assert not partner.app_actions.question_settings.isEnabled()


# -- File › Import Consultation Questions… ----------------------------------------------------------------

def wait_for_read(qtbot, monkeypatch) -> list:
    """ImportQuestionsDialog.exec waits for the worker thread, as the modal dialog would."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        qtbot.waitUntil(dialog.is_done, timeout=20_000)
        dialog.job.wait()
        return QDialog.DialogCode.Accepted if dialog.result_value is not None else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ImportQuestionsDialog, "exec", run)
    monkeypatch.setattr(ReportDialog, "exec", lambda dialog: 0)
    return seen


def test_import_reads_on_a_worker_thread_reports_and_is_undone_in_one_step(qtbot, questions_window, dialogs,
                                                                           monkeypatch, tmp_path):
    window = questions_window()
    project = window.document.project
    ids = {q.number: q.id for q in project.questions}
    source = tmp_path / "questions.md"
    source.write_text("Question 2: Which services would benefit most, and why? (max 300 words)\n\n"
                      "Question 3: What barriers prevent sharing today? [500 characters]\n\n"
                      "Question 6: Is there anything else? Yes / No\n\n"
                      "Q7 \n", encoding="utf-8")
    dialogs.open_path = str(source)
    seen = wait_for_read(qtbot, monkeypatch)
    window.app_actions.import_questions.trigger()
    assert seen and seen[0].result_value is not None
    assert [q.number for q in project.questions] == ["2", "3", "6"]
    assert project.questions[0].id == ids["2"] and project.sections[1].answers == [ids["2"]], "kept by number"
    assert project.questions[0].limit == Limit("words", 300)
    report = window.questions.last_report
    assert report is not None
    text = report.text()
    assert "3 questions read from questions.md: 1 added, 2 changed, 2 removed, 2 not read" in text
    assert "no question 4 to 5 between question 3 and question 6" in text, "every problem line is shown"
    assert "added 1 question(s): 6" in text and "question 1 is no longer in the list" in text
    assert [row[0] for row in rows(window.questions_panel.model)] == ["2", "3", "6"]
    window.app_actions.undo.trigger()
    assert [q.number for q in project.questions] == ["1", "2", "3", "4"]


def test_an_unreadable_file_says_why_and_changes_nothing(qtbot, questions_window, dialogs, monkeypatch, tmp_path):
    window = questions_window()
    before = list(window.document.project.questions)
    source = tmp_path / "questions.pdf"
    source.write_bytes(b"%PDF-1.4")
    dialogs.open_path = str(source)
    seen = wait_for_read(qtbot, monkeypatch)
    window.app_actions.import_questions.trigger()
    assert seen and seen[0].error and "save it as a .docx first" in seen[0].status.text()
    assert window.document.project.questions == before
    assert not window.document.undo_stack.canUndo()


def test_a_file_without_questions_is_reported_and_nothing_changes(qtbot, questions_window, dialogs, monkeypatch,
                                                                  tmp_path):
    window = questions_window()
    before = list(window.document.project.questions)
    source = tmp_path / "notes.txt"
    source.write_text("Some notes about the consultation, with no numbered questions at all.\n", encoding="utf-8")
    dialogs.open_path = str(source)
    wait_for_read(qtbot, monkeypatch)
    window.app_actions.import_questions.trigger()
    assert window.document.project.questions == before
    assert "No numbered questions were found in notes.txt" in window.questions.last_report.text()


def test_import_is_the_coordinators(questions_window):
    window = questions_window(KIRKLEES_LEAD)
    action = window.app_actions.import_questions
    assert not action.isEnabled() and why_not(action)


def test_the_questions_save_and_open_again_in_the_app(qtbot, questions_window, tmp_path):
    from tests.ui.conftest import save_and_wait

    window = questions_window()
    path = tmp_path / "response.wyproj"
    window.document.path = Path(path)
    assert save_and_wait(qtbot, window)
    window.close_project(ask=False)
    assert window.open_path(path)
    assert [row[0] for row in rows(window.questions_panel.model)] == ["1", "2", "3", "4"]
