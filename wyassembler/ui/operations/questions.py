"""What the consultation questions' actions do: File › Import Consultation Questions…, File › Export Answers
for Online Form…, Section › Answers Question…, Project › Question Settings…, and the Questions panel's
choice of a question. Each change is
one undoable step (:mod:`..project.question_commands`); the window owns one :class:`QuestionOperations`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ...core import refusals
from ...core.question_edits import may_choose
from ..dialogs.answers import ExportAnswersDialog
from ..dialogs.questions import QUESTION_FILES, AnswersQuestionDialog, ImportQuestionsDialog, QuestionSettingsDialog
from ..dialogs.report import ReportDialog
from ..project.question_commands import ImportQuestionsCommand, MapSectionCommand, SetQuestionCommand

if TYPE_CHECKING:
    from ..main_window import MainWindow


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class QuestionOperations(QObject):
    """The questions' actions; ``window`` is the MainWindow."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_report: ReportDialog | None = None  # the last report shown (tests read it)

    # -- File › Import Consultation Questions… ------------------------------------------------------

    def import_questions(self) -> None:
        window, document = self.window, self.window.document
        if document is None or not window.commit_editor():
            return
        start = str(document.path.parent) if document.path else ""
        path, _ = QFileDialog.getOpenFileName(window, "Import Consultation Questions", start, QUESTION_FILES)
        if not path:
            return
        dialog = ImportQuestionsDialog(Path(path), window)
        dialog.start()
        if dialog.exec() != ImportQuestionsDialog.DialogCode.Accepted or dialog.result_value is None:
            return
        parsed = dialog.result_value
        name = Path(path).name
        if not parsed.questions:
            self._report("No Questions Imported", f"No numbered questions were found in {name}; the question "
                         f"list is as it was.", parsed)
            return
        command = ImportQuestionsCommand(document, list(parsed.questions), name)
        if not window.run("The questions were not imported.", command):
            if command.result is not None:  # read and checked, but the list was the same
                self._report("Questions Imported", f"The {_plural(len(parsed.questions), 'question')} in {name} "
                             f"are the ones the response has already: nothing changed.", parsed)
            return
        result = command.result
        assert result is not None, "an import that changed the list says what it changed"
        self._report("Questions Imported", f"{_plural(len(parsed.questions), 'question')} read from {name}: "
                     f"{len(result.added)} added, {len(result.changed)} changed, {len(result.removed)} removed, "
                     f"{len(parsed.problems)} not read. Edit \u203a Undo puts the earlier list back.", parsed,
                     result.lines())

    def _report(self, title: str, summary: str, parsed, changes: list[str] | None = None) -> None:
        """The report: what the import changed, what the file held that was not read, and how it was read."""
        groups = [("What changed", list(changes or [])),
                  ("Not read: check these against the consultation", list(parsed.problems)),
                  ("How the list was read", list(parsed.notes))]
        self.last_report = ReportDialog(title, summary, groups, self.window)
        self.last_report.exec()

    # -- File › Export Answers for Online Form… -------------------------------------------------------

    def export_answers(self) -> None:
        """The answers as an online form takes them (the dialog writes them on its own thread)."""
        window, document = self.window, self.window.document
        if document is None or not document.project.questions or not window.commit_editor():
            return
        ExportAnswersDialog(document.project, document.path, window).exec()

    # -- Section › Answers Question… ------------------------------------------------------------------

    def answers_question(self) -> None:
        window, document = self.window, self.window.document
        section = window.current_section()
        if document is None or section is None:
            return
        project = document.project
        dialog = AnswersQuestionDialog(f"{project.number_of(section)} \u201c{section.heading}\u201d",
                                       project.questions, section.answers, window)
        if dialog.exec() != AnswersQuestionDialog.DialogCode.Accepted:
            return
        wanted = dialog.values()
        if wanted == section.answers:
            return
        window.run("The section's questions were not changed.", MapSectionCommand(document, section, wanted))

    # -- Project › Question Settings… (and the Questions panel) --------------------------------------

    def question_chosen(self, question_id: str) -> None:
        """The Questions panel's current question changed: the settings action follows it."""
        self.window.app_actions.chosen_question = question_id or ""
        self.window.update_actions()

    def question_settings(self) -> None:
        window, document = self.window, self.window.document
        if document is None or document.actor is None:
            return
        project, actor = document.project, document.actor
        question = next((q for q in project.questions if q.id == window.app_actions.chosen_question), None)
        if question is None:
            return
        answered = any(question.id in section.answers for section in project.all_sections())
        dialog = QuestionSettingsDialog(question, refusals.why_not_restructure(project, actor) is None,
                                        may_choose(project, question, actor.org), answered, window)
        if dialog.exec() != QuestionSettingsDialog.DialogCode.Accepted:
            return
        settings = dialog.values()
        window.run(f"{question.label().capitalize()} was not changed.",
                   SetQuestionCommand(document, question, settings))
