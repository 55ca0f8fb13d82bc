"""The Questions panel: the consultation's questions, where each stands (answered, no comment, unanswered,
over the limit) and each answer's count against its limit; choosing one shows the section answering it.

It follows the document's changes (never keystrokes): a change to a section's text works the statuses out
again only when that section is part of an answer, and not at all while the panel is hidden (it catches
up when shown).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QStyledItemDelegate,
                               QStyleOptionViewItem, QToolBar, QVBoxLayout, QWidget)

from ...core.answers import ANSWERED, NO_COMMENT, OVER_LIMIT, UNANSWERED
from ..common.columns import column_width, list_table
from ..models.questions import CHOICE, COUNT, NUMBER, QUESTION, STATE, STATE_WORDS, QuestionsModel
from ..project.document import SECTION, SIGNOFF, ProjectDocument

BAR_COLOUR, OVER_COLOUR = QColor(46, 125, 79, 60), QColor(179, 38, 30, 70)
# The widest choice the Choice column makes room for (the longest of the usual five-point scale); a longer
# option is cut, whole in the tooltip, so the question's text keeps its room at 1024x768.
WIDEST_CHOICE = "Neither agree nor disagree"


class CountBarDelegate(QStyledItemDelegate):
    """The count column: a pale bar behind the text filled as far as the count is toward the limit, red
    when over it (the text says "over by N" too, so colour is never the only sign)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        fill = index.data(QuestionsModel.FILL_ROLE)
        if fill is not None:
            # Over the cell (a selected row's background included), pale and see-through: the text stays legible.
            rect = QRectF(option.rect).adjusted(2, 3, -2, -3)
            painter.save()
            painter.fillRect(QRectF(rect.left(), rect.top(), rect.width() * min(fill, 1.0), rect.height()),
                             OVER_COLOUR if fill > 1 else BAR_COLOUR)
            painter.restore()


class QuestionsPanel(QWidget):
    """A summary line, the questions' table, and the actions on them."""

    section_activated = Signal(str)  # a question was chosen: the first section answering it
    question_chosen = Signal(str)  # the current question's id ("" for none)

    def __init__(self, actions, parent=None) -> None:
        super().__init__(parent)
        self._document: ProjectDocument | None = None
        self._stale = False  # a change came while hidden: refresh when shown
        self._showing = False  # the dock's tab is in front (a tab behind stays "visible" to Qt, moved out of sight)
        self.model = QuestionsModel(None, self)
        self.summary = QLabel()
        self.summary.setObjectName("questionsSummary")
        self.summary.setWordWrap(True)
        toolbar = QToolBar("Questions")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (actions.import_questions, actions.answers_question, actions.question_settings):
            toolbar.addAction(action)
        self.table = list_table(self.model, "questionsTable",
                                "The consultation's questions: number, question, state, option chosen, "
                                "count against the limit")
        self.table.setItemDelegateForColumn(COUNT, CountBarDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        self.table.addAction(actions.question_settings)
        # The summary and the actions share a line: at 1024x768 the tab has room for a few rows only.
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(toolbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._fit_columns()
        self.set_showing(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.doubleClicked.connect(lambda _index: actions.question_settings.trigger())
        self.model.modelReset.connect(self._show_summary)
        self.model.modelReset.connect(self._fit_choice_column)
        self.model.modelReset.connect(lambda: self.question_chosen.emit(""))

    def set_document(self, document: ProjectDocument | None) -> None:
        self._document = document
        self._stale = False
        self.model.set_document(document)

    def follow_change(self, what: str, section_id: str) -> None:
        """Follow a change the document announced (see the module's note on what is worked out again)."""
        if self._document is None or what == SIGNOFF or (what == SECTION and not self.model.affected_by(section_id)):
            return  # a decision or a key changes no answer
        if not self._showing:
            self._stale = True
            return
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.model.refresh()
        self._show_summary()
        self._fit_choice_column()

    def set_showing(self, showing: bool) -> None:
        """The dock's tab came to the front (or went behind the sign-off matrix's): a table behind another
        tab takes no focus (Tab passes it by), and catches up with the changes it missed when shown."""
        self._showing = showing
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus if showing else Qt.FocusPolicy.NoFocus)
        if showing and self._stale:
            self.refresh()

    def current_question_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(QuestionsModel.QUESTION_ID_ROLE) if index.isValid() else None

    def select_question(self, question_id: str) -> None:
        row = self.model.row_of(question_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, NUMBER))

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.resizeSection(NUMBER, column_width(self.table, header, ["No.", "10(b)"]))
        # The state and the section answering it (a sub-section's number too); the choice has its own column.
        states = [f"{words} in 10.10" for words in STATE_WORDS.values()]
        header.resizeSection(STATE, column_width(self.table, header, states, 16))
        header.resizeSection(COUNT, column_width(self.table, header, ["1,500 / 1,500 characters: over by 99"]))
        self._fit_choice_column()

    def _fit_choice_column(self) -> None:
        """The Choice column as wide as the options the questions offer (up to :data:`WIDEST_CHOICE`),
        hidden while none offers any."""
        questions = self._document.project.questions if self._document is not None else []
        options = [option for question in questions for option in question.options]
        self.table.setColumnHidden(CHOICE, not options)
        if options:
            header = self.table.horizontalHeader()
            widest = column_width(self.table, header, [WIDEST_CHOICE])
            header.resizeSection(CHOICE, min(column_width(self.table, header, ["Choice", *options]), widest))

    def _show_summary(self) -> None:
        statuses = self.model.statuses()
        if self._document is None:
            self.summary.setText("")
        elif not statuses:
            self.summary.setText("No consultation questions yet. File \u203a Import Consultation Questions\u2026 reads "
                                 "them from the consultation document or its summary of questions.")
        else:
            counts = {state: sum(1 for s in statuses if s.state == state)
                      for state in (ANSWERED, NO_COMMENT, UNANSWERED, OVER_LIMIT)}
            self.summary.setText(f"{len(statuses)} questions: {counts[ANSWERED]} answered, {counts[NO_COMMENT]} no "
                                 f"comment, {counts[UNANSWERED]} unanswered, {counts[OVER_LIMIT]} over the limit")

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        section_id = current.siblingAtColumn(0).data(QuestionsModel.SECTION_ID_ROLE) if current.isValid() else ""
        self.question_chosen.emit(self.current_question_id() or "")
        if section_id:
            self.section_activated.emit(section_id)
