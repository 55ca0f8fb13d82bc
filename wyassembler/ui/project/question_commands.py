"""The consultation questions' undoable steps: an import of the list, one question's settings, and which
questions a section answers.

Like :mod:`.commands`, each step holds ids and values (questions are frozen values), never live objects,
makes its change through :mod:`wyassembler.core.question_edits` (which checks permissions) and, undone or
redone, refuses rather than overwrite what someone else changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...core import permissions
from ...core.model import Section
from ...core.question_edits import NewQuestion, QuestionImport, import_questions, map_section, set_choice, set_limit, \
    set_no_comment, set_options
from ...core.questions import Limit, Question
from .commands import CoreCommand, StepRefused
from .document import QUESTIONS, ProjectDocument


def _question(questions: list[Question], question_id: str) -> Question:
    for question in questions:
        if question.id == question_id:
            return question
    raise StepRefused("the question is no longer in the list (another partner's import removed it)")


class ImportQuestionsCommand(CoreCommand):
    """The question list replaced by what was read from a file (a question already in the list keeps its id,
    found by its wording first, then by its number: see :func:`...core.question_edits.import_questions`)."""

    what = QUESTIONS

    def __init__(self, document: ProjectDocument, questions: list[NewQuestion], source: str) -> None:
        super().__init__(document, f"Import the questions from {source}")
        self.new = list(questions)
        self.before: list[Question] = []
        self.after: list[Question] = []
        self.result: QuestionImport | None = None

    def _do(self) -> bool:
        self.before = list(self.project.questions)
        self.result = import_questions(self.project, self.actor, self.new)
        self.after = list(self.project.questions)
        return self.after != self.before

    def _swap(self, expected: list[Question], wanted: list[Question]) -> None:
        permissions.check_structure(self.project, self.actor)
        if self.project.questions != expected:
            raise StepRefused("the question list changed since (another partner's save)")
        self.project.questions = list(wanted)

    def _redo(self) -> None:
        self._swap(self.before, self.after)

    def _undo(self) -> None:
        self._swap(self.after, self.before)


@dataclass(frozen=True)
class QuestionSettings:
    """What the coordinator (or an answering section's editor, for the choice) sets on one question."""

    limit: Limit | None
    options: tuple[str, ...]
    no_comment: bool
    no_comment_reason: str
    choice: str

    @classmethod
    def of(cls, question: Question) -> QuestionSettings:
        return cls(question.limit, question.options, question.no_comment, question.no_comment_reason,
                   question.choice)


class SetQuestionCommand(CoreCommand):
    """One question's limit, options, no-comment mark and choice set at once (one dialog, one step); each
    value that differs goes through the core function that checks who may set it. New options come before
    the choice (which must be one of them); a choice they no longer offer goes with them, and comes back
    when the step is undone."""

    what = QUESTIONS

    def __init__(self, document: ProjectDocument, question: Question, settings: QuestionSettings) -> None:
        super().__init__(document, f"Change {question.label()}")
        self.question_id = question.id
        self.before = QuestionSettings.of(question)
        self.after = settings

    def _set(self, expected: QuestionSettings, wanted: QuestionSettings) -> bool:
        project, actor = self.project, self.actor
        current = QuestionSettings.of(_question(project.questions, self.question_id))
        if current != expected:
            raise StepRefused("the question was changed since (another partner's save)")
        saved = list(project.questions)
        try:
            if wanted.limit != current.limit:
                set_limit(project, actor, self.question_id, wanted.limit)
            if wanted.options != current.options:
                set_options(project, actor, self.question_id, wanted.options)
            if (wanted.no_comment, wanted.no_comment_reason) != (current.no_comment, current.no_comment_reason):
                set_no_comment(project, actor, self.question_id, wanted.no_comment, wanted.no_comment_reason)
            if wanted.choice != _question(project.questions, self.question_id).choice:  # options may drop it
                set_choice(project, actor, self.question_id, wanted.choice or None)
        except Exception:
            project.questions = saved  # all or nothing: a refusal of the second value keeps the first too
            raise
        return wanted != current

    def _do(self) -> bool:
        changed = self._set(self.before, self.after)
        # As the core keeps them (cleaned): what an undo expects to find.
        self.after = QuestionSettings.of(_question(self.project.questions, self.question_id))
        return changed

    def _undo(self) -> None:
        self._set(self.after, self.before)


class MapSectionCommand(CoreCommand):
    """Which questions a section answers. Answering a question takes its no-comment mark away, so the step
    keeps the marks it took and puts them back when undone."""

    what = QUESTIONS

    def __init__(self, document: ProjectDocument, section: Section, question_ids: list[str]) -> None:
        super().__init__(document, f"Choose the questions section {document.project.number_of(section)} answers")
        self.section_ref = section.id
        self.wanted = list(question_ids)
        self.previous: list[str] = []
        self.marks_taken: list[Question] = []  # questions as they were before the mapping took their mark

    def _do(self) -> bool:
        before = {question.id: question for question in self.project.questions}
        self.previous = map_section(self.project, self.actor, self.section(), self.wanted)
        self.marks_taken = [before[q.id] for q in self.project.questions if before.get(q.id) not in (None, q)]
        return self.previous != self.wanted or bool(self.marks_taken)

    def _redo(self) -> None:
        section = self.section()
        if section.answers != self.previous:
            raise StepRefused("the section's questions were changed since (another partner's save)")
        map_section(self.project, self.actor, section, self.wanted)

    def _undo(self) -> None:
        section = self.section()
        if section.answers != self.wanted:
            raise StepRefused("the section's questions were changed since (another partner's save)")
        known = {question.id for question in self.project.questions}
        # Through the core (which checks the person may edit the section); ids no longer in the list stay as
        # they were, which the core cannot name.
        map_section(self.project, self.actor, section, [qid for qid in self.previous if qid in known])
        section.answers = list(self.previous)
        marks = {question.id: question for question in self.marks_taken}
        self.project.questions = [replace(q, no_comment=marks[q.id].no_comment,
                                          no_comment_reason=marks[q.id].no_comment_reason)
                                  if q.id in marks else q for q in self.project.questions]
