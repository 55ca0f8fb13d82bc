"""The consultation questions' dialogs: which questions a section answers, one question's settings
(limit, options, no comment, choice), and File › Import Consultation Questions… reading the file on a worker thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QSpinBox, QVBoxLayout,
                               QWidget)

from ...core.errors import WyassemblerError
from ...core.questions import CHARACTERS, MAX_LIMIT, WORDS, Limit, Question, check_number, number_key
from ...core.text import clean_text
from ..common.submit_keys import send_with_ctrl_enter
from ..common.workers import KeptWorker
from ..common.working import busy_bar, status_line
from ..project.question_commands import QuestionSettings

log = logging.getLogger(__name__)

QUESTION_FILES = "Consultation questions (*.docx *.md *.txt);;Word documents (*.docx);;Markdown or text (*.md *.txt)"
FILTER_HINT = "A number (2 also finds 2a, 2.1) or words from the question"


def _numbered(question: Question, key: str) -> bool:
    """Whether ``question`` is number ``key`` or one of its parts: "2" is 2, 2a, 2.1 and 2(b), never 12,
    21 or 1.2 (a digit after a digit, or a letter after a letter, is another number)."""
    number = number_key(question.number)
    if not number.startswith(key):
        return False
    rest = number[len(key):]
    return not rest or not (rest[0].isdigit() and key[-1].isdigit() or rest[0].isalpha() and key[-1].isalpha())


def matching_questions(questions: list[Question], text: str) -> list[Question]:
    """What the filter ``text`` finds: typed as a question number ("2", "2.", "Q2", "Question 2") that
    question and its parts, when the list has it; otherwise the questions whose text holds every word."""
    try:
        key = number_key(check_number(text)) if any(c.isdigit() for c in text) else ""
    except WyassemblerError:
        key = ""
    numbered = [question for question in questions if key and _numbered(question, key)]
    if numbered:
        return numbered
    words = text.casefold().split()
    return [question for question in questions if all(word in question.text.casefold() for word in words)]


class AnswersQuestionDialog(QDialog):
    """The questions, each checkable: the ones the section answers (usually one; several for a section
    that answers them together). A filter narrows a long list by number or words."""

    def __init__(self, section_label: str, questions: list[Question], answered: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Answers Question")
        intro = QLabel(f"Section {section_label} answers the questions ticked. Its text is the answer, under the "
                       f"question instead of its heading; its sub-sections follow with their headings.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(FILTER_HINT)
        self.filter.setAccessibleName("Filter the questions")
        self.list = QListWidget()
        self.list.setAccessibleName("Questions this section answers")
        self.list.setWordWrap(True)
        self.questions = list(questions)
        ticked = set(answered)
        for question in questions:
            item = QListWidgetItem(f"{question.number}.  {question.text}")
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if question.id in ticked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        # A tick the filter hides is named: mapping the section to another question found by the filter
        # would otherwise keep the old question ticked, unseen, and the section would answer both.
        self.hidden_ticked = QLabel()
        self.hidden_ticked.setObjectName("hint")
        self.hidden_ticked.hide()
        self.unknown = [qid for qid in answered if qid not in {q.id for q in questions}]
        note = QLabel("It also answers a question no longer in the list: that mapping goes once you press OK."
                      if self.unknown else "")
        note.setWordWrap(True)
        note.setVisible(bool(self.unknown))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.none_button = buttons.addButton("Answers &None", QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hidden_ticked)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._name_hidden_ticks)
        self.none_button.clicked.connect(self.clear)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        first = next((self.list.item(r) for r in range(self.list.count())
                      if self.list.item(r).checkState() == Qt.CheckState.Checked), self.list.item(0))
        if first is not None:
            self.list.setCurrentItem(first)
        self.resize(560, 440)

    def _filter(self, text: str) -> None:
        found = {question.id for question in matching_questions(self.questions, text)}
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) not in found)
            first = first or (None if item.isHidden() else item)
        current = self.list.currentItem()
        if first is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first)  # Space ticks what was typed, not a question out of sight
        self._name_hidden_ticks()

    def _name_hidden_ticks(self) -> None:
        numbers = [question.number for row, question in enumerate(self.questions)
                   if self.list.item(row).isHidden() and self.list.item(row).checkState() == Qt.CheckState.Checked]
        self.hidden_ticked.setText(f"Also ticked, hidden by the filter: question{'s' if len(numbers) > 1 else ''} "
                                   f"{', '.join(numbers)}" if numbers else "")
        self.hidden_ticked.setVisible(bool(numbers))

    def set_checked(self, question_ids: list[str]) -> None:
        wanted = set(question_ids)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def clear(self) -> None:
        self.set_checked([])

    def values(self) -> list[str]:
        """The ids of the questions ticked, in the consultation's order."""
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
                if self.list.item(row).checkState() == Qt.CheckState.Checked]


# The limit's kinds as the dialog offers them: (label, kind, spaces).
LIMIT_CHOICES = (("No limit", None, True), ("Words", WORDS, True), ("Characters", CHARACTERS, True),
                 ("Characters, not counting spaces", CHARACTERS, False))


def option_lines(text: str) -> tuple[str, ...]:
    """The options typed one a line, as the core keeps them: cleaned, blank lines and repeats dropped."""
    return tuple(dict.fromkeys(option for option in (clean_text(line) for line in text.splitlines()) if option))


class QuestionSettingsDialog(QDialog):
    """One question's limit, options, no-comment mark and choice; the parts the person may not set are
    disabled with the reason beside them. A choice the edited options no longer offer is said to go
    before OK is pressed."""

    def __init__(self, question: Question, may_shape: bool, may_choose: bool, answered: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Question {question.number}")
        self.question = question
        text = QLabel(f"<b>{question.number}.</b> {_escape(question.text)}")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of limit")
        for label, _kind, _spaces in LIMIT_CHOICES:
            self.kind.addItem(label)
        limit = question.limit
        self.kind.setCurrentIndex(next(i for i, (_, kind, spaces) in enumerate(LIMIT_CHOICES)
                                       if (limit is None and kind is None)
                                       or (limit is not None and (kind, spaces) == (limit.kind, limit.spaces))))
        self.value = QSpinBox()
        self.value.setRange(1, MAX_LIMIT)
        self.value.setGroupSeparatorShown(True)
        self.value.setAccessibleName("Limit")
        self.value.setValue(limit.value if limit else 250)
        self.no_comment = QCheckBox("The response makes &no comment on this question")
        self.no_comment.setChecked(question.no_comment)
        self.reason = QLineEdit(question.no_comment_reason)
        self.reason.setPlaceholderText("Why not (optional)")
        self.reason.setAccessibleName("Why the response makes no comment")
        self.options = QPlainTextEdit("\n".join(question.options))
        self.options.setPlaceholderText("One option a line (Yes, No, Don't know); none for an answer in words only")
        self.options.setAccessibleName("The options the question offers, one a line")
        self.options.setTabChangesFocus(True)
        self.options.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.choice = QComboBox()
        self.choice.setAccessibleName("The option the response chooses")
        self._wanted_choice = question.choice  # the person's choice, kept while the options are retyped
        self._rebuilding = False
        self.dropped = QLabel()
        self.dropped.setObjectName("refusedReason")
        self.dropped.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow("&Limit:", self.kind)
        self.form.addRow("", self.value)
        self.form.addRow("O&ptions:", self.options)
        self.form.addRow("&Choice:", self.choice)
        self.form.addRow("", self.dropped)
        self.form.addRow("", self.no_comment)
        self.form.addRow("&Reason:", self.reason)
        why = []
        if not may_shape:
            why.append("Only the coordinator sets the limit and the options, and marks a question no comment.")
        elif answered:
            why.append("A section answers this question, so it cannot be marked no comment.")
        if question.options and not may_choose:
            why.append("The option is chosen by the coordinator or the editors of a section answering it.")
        self.reason_label = QLabel(" ".join(why))
        self.reason_label.setObjectName("hint")
        self.reason_label.setWordWrap(True)
        self.reason_label.setVisible(bool(why))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.buttons)
        self.kind.setEnabled(may_shape)
        self.options.setEnabled(may_shape)
        self.no_comment.setEnabled(may_shape and (not answered or question.no_comment))
        self.choice.setEnabled(may_choose)
        self._may_shape = may_shape
        self.kind.currentIndexChanged.connect(self._update)
        self.no_comment.toggled.connect(self._update)
        self.options.textChanged.connect(self._offer_options)
        self.choice.currentIndexChanged.connect(self._choice_changed)
        self._offer_options()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()
        send_with_ctrl_enter(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))  # Enter: a new option
        self.resize(520, self.sizeHint().height())

    def _offer_options(self) -> None:
        """The choice offers the options as typed; the one chosen stays chosen while it is among them."""
        offered = option_lines(self.options.toPlainText())
        self._rebuilding = True
        self.choice.clear()
        self.choice.addItem("(none chosen)", "")
        for option in offered:
            self.choice.addItem(option, option)
        self.choice.setCurrentIndex(max(self.choice.findData(self._wanted_choice), 0))
        self._rebuilding = False
        self.form.setRowVisible(self.choice, bool(offered))
        gone = self._wanted_choice and self._wanted_choice not in offered
        self.dropped.setText(f"\u201c{self._wanted_choice}\u201d is no longer an option: the response\u2019s choice "
                             f"goes when you press OK." if gone else "")
        self.form.setRowVisible(self.dropped, bool(gone))

    def _choice_changed(self) -> None:
        if not self._rebuilding:
            self._wanted_choice = self.choice.currentData() or ""
            self._offer_options()

    def _update(self) -> None:
        self.value.setEnabled(self._may_shape and LIMIT_CHOICES[self.kind.currentIndex()][1] is not None)
        self.reason.setEnabled(self._may_shape and self.no_comment.isChecked())

    def values(self) -> QuestionSettings:
        _label, kind, spaces = LIMIT_CHOICES[self.kind.currentIndex()]
        limit = Limit(kind, self.value.value(), spaces) if kind is not None else None
        no_comment = self.no_comment.isChecked()
        options = option_lines(self.options.toPlainText()) if self._may_shape else self.question.options
        return QuestionSettings(limit, options, no_comment,
                                self.reason.text().strip() if no_comment else "", self.choice.currentData() or "")


class QuestionReadJob(KeptWorker):
    """Reads a consultation's questions from a file (``word.question_reader``) off the UI thread; kept until it
    ends, the app's quitting included (KeptWorker)."""

    succeeded = Signal(object)  # the ParsedQuestions
    failed = Signal(str)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def run(self) -> None:
        try:
            from ...word.question_reader import questions_from_file

            result = questions_from_file(self.path)
        except WyassemblerError as error:
            text = str(error)
            self.failed.emit(text[:1].upper() + text[1:])
        except Exception as error:  # shown in plain words; the log keeps the traceback
            log.exception("reading questions from %s failed", self.path)
            self.failed.emit(f"The reading stopped unexpectedly ({type(error).__name__}). "
                             f"Details are in wyassembler's log file.")
        else:
            self.succeeded.emit(result)


class ImportQuestionsDialog(QDialog):
    """Shows that the file is being read; closes accepted with :attr:`result_value` once it is, or says why not."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Consultation Questions")
        self.path = Path(path)
        self.result_value = None  # the ParsedQuestions once read
        self.error = ""
        self.status = status_line(f"Reading the questions in {self.path.name}\u2026")
        self.progress = busy_bar("Reading", shown=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.job = QuestionReadJob(self.path)
        self.job.succeeded.connect(self._on_succeeded)
        self.job.failed.connect(self._on_failed)
        self.resize(480, self.sizeHint().height())

    def start(self) -> None:
        self.job.start()

    def is_done(self) -> bool:
        return self.result_value is not None or bool(self.error)

    def _on_succeeded(self, result) -> None:
        self.result_value = result
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.error = message
        self.progress.hide()
        end = "" if message.endswith((".", "!", "?")) else "."
        self.status.setText(f"No questions were imported from {self.path.name}. {message}{end}")

    def reject(self) -> None:
        # Not while the file is read (moments): the dialog then says how it went.
        if self.job.isRunning():
            return
        super().reject()


def _escape(text: str) -> str:
    import html

    return html.escape(text)
