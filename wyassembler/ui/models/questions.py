"""The consultation's questions as a Qt table model: number, question, state, the option chosen (for a
multiple-choice question), count against the limit,
read from the core's ``question_statuses`` (what ``wyassembler status`` says of them).

Like the other models it keeps the rows its views were told about (question ids), so a new list is
announced as rows removed, inserted and moved, never a reset (only showing another project resets it).
Working the statuses out walks the outline once and counts each answer; the panel asks for it after a
change, never per keystroke (see :meth:`QuestionsModel.affected_by`).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...core import signoff
from ...core.errors import WyassemblerError
from ...core.answers import ANSWERED, NO_COMMENT, OVER_LIMIT, UNANSWERED, QuestionStatus, answer_parts, \
    question_statuses
from ..common.icons import state_icon
from ..project.document import ProjectDocument
from .signoff_matrix import ListSteps, follow_list

Index = QModelIndex | QPersistentModelIndex
NUMBER, QUESTION, STATE, CHOICE, COUNT = range(5)
HEADERS = ("No.", "Question", "State", "Choice", "Count / limit")
STATE_WORDS = {ANSWERED: "Answered", NO_COMMENT: "No comment", UNANSWERED: "Unanswered", OVER_LIMIT: "Over the limit"}
# The sign-off badges, whose marks say the state without colour: a tick, a ring (nothing yet), a cross.
_ICON_OF = {ANSWERED: signoff.APPROVED, NO_COMMENT: signoff.ENDORSED, UNANSWERED: signoff.PENDING,
            OVER_LIMIT: signoff.CHANGES_REQUESTED}
OVER_COLOUR = QColor("#b3261e")


def question_state_icon(state: str):
    """The badge of a question's state (answered, no comment, unanswered, over the limit)."""
    return state_icon(_ICON_OF[state])


def count_text(status: QuestionStatus) -> str:
    """"212 / 250 words", "212 words" without a limit, "312 / 250 words: over by 62" when over; a dash
    where there is nothing to count (no comment, a choice alone without a limit)."""
    limit = status.question.limit
    if not status.counted:
        return "\u2013"
    if limit is None:
        return status.count_phrase()
    over = status.count - limit.value
    return status.count_phrase() + (f": over by {over:,}" if over > 0 else "")


def state_text(status: QuestionStatus, with_choice: bool = True) -> str:
    """The state in words, with the sections that answer it and (``with_choice``) the option chosen."""
    words = STATE_WORDS[status.state]
    if status.section_numbers:
        words += f" in {', '.join(status.section_numbers)}"
    if with_choice and status.question.choice:
        words += f" ({status.question.choice})"
    return words


class QuestionsModel(QAbstractTableModel):
    """One row per question in the consultation's order."""

    QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the first section answering it ("" if none)
    FILL_ROLE = Qt.ItemDataRole.UserRole + 3  # count / limit as a fraction (None without a limit)

    def __init__(self, document: ProjectDocument | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._rows: list[str] = []  # question ids, as the views know them
        self._statuses: dict[str, QuestionStatus] = {}
        self._answering: set[str] = set()  # ids of the sections whose text is part of some answer
        self._recompute()
        self._rows = list(self._statuses)

    def set_document(self, document: ProjectDocument | None) -> None:
        """Show another project (or none): the one change that resets the model."""
        self.beginResetModel()
        self._document = document
        self._recompute()
        self._rows = list(self._statuses)
        self.endResetModel()

    def refresh(self) -> None:
        """Work the statuses out again; rows follow the list by id, then every cell is repainted."""
        if self._document is None:
            return
        previous = self._statuses
        self._recompute()
        # Rows still shown while others come and go read their old status until the repaint at the end.
        self._statuses = {**previous, **self._statuses}
        follow_list(self._rows, [q.id for q in self._document.project.questions], ListSteps(self, rows=True))
        self._statuses = {qid: self._statuses[qid] for qid in self._rows}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1))

    def affected_by(self, section_id: str) -> bool:
        """Whether a change to the text of ``section_id`` alone can change what this model shows: only a
        section that is part of an answer (or now answers a question) can."""
        if self._document is None or not self._document.project.questions:
            return False
        if section_id in self._answering:
            return True
        try:
            return bool(self._document.project.section(section_id).answers)
        except WyassemblerError:  # deleted meanwhile: the outline's change refreshes the model
            return False

    def _recompute(self) -> None:
        self._statuses, self._answering = {}, set()
        if self._document is None:
            return
        project = self._document.project
        parts = answer_parts(project)
        self._answering = {part.section.id for answer in parts.values() for part in answer}
        self._statuses = {status.question.id: status for status in question_statuses(project, parts)}

    def statuses(self) -> list[QuestionStatus]:
        """The statuses shown, in row order."""
        return [self._statuses[qid] for qid in self._rows]

    def status_at(self, row: int) -> QuestionStatus | None:
        return self._statuses.get(self._rows[row]) if 0 <= row < len(self._rows) else None

    def row_of(self, question_id: str) -> int:
        return self._rows.index(question_id) if question_id in self._rows else -1

    # -- the model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        status = self.status_at(index.row())
        if status is None or not 0 <= index.column() < len(HEADERS):
            return None
        question, column = status.question, index.column()
        if role == self.QUESTION_ID_ROLE:
            return question.id
        if role == self.SECTION_ID_ROLE:
            return status.parts[0].section.id if status.parts else ""
        if role == Qt.ItemDataRole.DisplayRole:
            # the whole text: the view cuts it to the column's width (a fixed cut wasted a wide column)
            return (question.number, question.text, state_text(status, with_choice=False), question.choice,
                    count_text(status))[column]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tooltip(status, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATE:
            return question_state_icon(status.state)
        if role == Qt.ItemDataRole.ForegroundRole and status.state == OVER_LIMIT and column in (STATE, COUNT):
            return OVER_COLOUR
        if role == self.FILL_ROLE and column == COUNT and question.limit is not None:
            return status.count / question.limit.value
        return None

    def _tooltip(self, status: QuestionStatus, column: int) -> str:
        question = status.question
        if column == QUESTION:
            return f"Question {question.number}: {question.text}"
        if column == STATE:
            problem = status.problem()
            reason = f": {question.no_comment_reason}" if status.state == NO_COMMENT and question.no_comment_reason \
                else ""
            return f"{state_text(status)}{reason}" + (f" \u2014 {problem}" if problem else "")
        if column == CHOICE:
            if not question.options:
                return f"Question {question.number} offers no options to choose from"
            chosen = f"chosen: {question.choice}" if question.choice else "none chosen yet"
            return f"Options: {' / '.join(question.options)} ({chosen})"
        if column == COUNT:
            limit = question.limit.describe() if question.limit else "no limit"
            whole = " (the whole answer: every section answering it, with their sub-sections)" if status.parts else ""
            return f"{count_text(status)}{whole}; limit: {limit}"
        return f"Question {question.number}"
