"""The bar under the section text: which question(s) the section answers, and the answer's count against
the question's limit while typing ("212 / 250 words", red and "over by 12" when over).

The count follows :mod:`wyassembler.core.answers`' rules on the editor's text as it is now, in the place
of the section's stored text, with the other sections answering the question as they are stored: when
several sections make up one answer, the count is the whole answer's, and the bar says so. Counting waits
for a pause in typing (:data:`RECOUNT_MS`), so a long section does not slow each keystroke.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from ...core.answers import AnswerPart, answer_count, answer_parts
from ...core.content import Blocks
from ...core.model import Project, Section
from ...core.questions import Question

RECOUNT_MS = 250


def count_line(question: Question, count: int, parts: list[AnswerPart], section: Section) -> tuple[str, bool]:
    """(what the bar says of one question, whether the answer is over its limit)."""
    limit = question.limit
    unit = limit.unit() if limit is not None else "words"
    shared = [part.number for part in parts if part.section is not section]
    whole = f" in the whole answer (with section{'s' if len(shared) > 1 else ''} {', '.join(shared)})" if shared else ""
    if limit is None:
        return f"Question {question.number}: {count:,} {unit}{whole}, no limit", False
    spaces = "" if limit.spaces else ", not counting spaces"
    over = count - limit.value
    text = f"Question {question.number}: {count:,} / {limit.value:,} {unit}{spaces}{whole}"
    return (f"{text} \u2014 over by {over:,}", True) if over > 0 else (text, False)


class AnswerCountBar(QFrame):
    """Shown for a project with questions: the section's questions and their live counts; a button
    chooses the questions (the Section menu's Answers Question… action)."""

    def __init__(self, choose_action, current_blocks: Callable[[], Blocks], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("answerCount")
        self._current_blocks = current_blocks
        self._project: Project | None = None
        self._section: Section | None = None
        # (question, the parts of its answer) for every question the section's text is part of.
        self._answers: list[tuple[Question, list[AnswerPart]]] = []
        self.label = QLabel()
        self.label.setObjectName("answerCountText")
        self.label.setWordWrap(True)
        self.label.setAccessibleName("The answer's length against the question's limit")
        self.choose = QToolButton()
        self.choose.setDefaultAction(choose_action)
        self.choose.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 4, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.choose)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECOUNT_MS)
        self.timer.timeout.connect(self.recount)
        self.hide()

    def show_for(self, project: Project | None, section: Section | None) -> None:
        """Work out which questions ``section`` is part of (one walk of the outline) and count them."""
        self.timer.stop()
        self._project, self._section = project, section
        self._answers = []
        if project is None or section is None or not project.questions:
            self.hide()
            return
        parts = answer_parts(project)
        for question in project.questions:
            answer = parts.get(question.id, [])
            if any(part.section is section for part in answer):
                self._answers.append((question, answer))
        self.show()
        self.recount()

    def follow_change(self, what: str, section_id: str) -> None:
        """Another section's text changed (the document says which): a shared answer's count moves with it."""
        if self._section is not None and section_id != self._section.id and self._answers:
            self.show_for(self._project, self._section)

    def text_changed(self) -> None:
        """The editor's text changed: count again after a pause."""
        if self._answers:
            self.timer.start()

    def recount(self) -> None:
        project, section = self._project, self._section
        if project is None or section is None:
            return
        if not self._answers:
            self._say(self._unmapped(project, section), False)
            self.label.setToolTip("")
            return
        editing = (section, self._current_blocks())
        lines = [count_line(question, answer_count(project, parts, question.limit, editing), parts, section)
                 for question, parts in self._answers]
        self._say("\n".join(text for text, _ in lines), any(over for _, over in lines))
        self.label.setToolTip("\n".join(f"Question {question.number}: {question.text}"
                                         for question, _ in self._answers))

    @staticmethod
    def _unmapped(project: Project, section: Section) -> str:
        gone = [qid for qid in section.answers if qid not in {q.id for q in project.questions}]
        if gone:
            return "This section answers a question no longer in the list: choose its question again."
        return "This section answers no consultation question."

    def _say(self, text: str, over: bool) -> None:
        self.label.setText(text)
        self.setProperty("over", over)
        for widget in (self, self.label):  # the label's colour is styled by the bar's property
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def is_over(self) -> bool:
        return bool(self.property("over"))
