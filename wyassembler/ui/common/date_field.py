"""A date field that takes a date as people type it: "5/1/2026", "5 Jan 2026", "2026-01-05", or only the
day or the year of the date already there (:func:`wyassembler.core.dates.parse_date`).

QDateEdit's sections fight typing: a "5" typed into the day waits for a second digit, a two-digit year
stays "27", a whole date typed over the text is refused. Here the text is the person's until they leave
the field; then it is shown back in words, or marked with the reason it is not a date.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from ...core.dates import EXAMPLE, date_words, parse_date
from ...core.errors import ContentError


class DateField(QWidget):
    """A line to type a date in, with a calendar to pick one; ``date()`` is what the text means now."""

    validity_changed = Signal(bool)  # after each change of the text: whether it is a date

    def __init__(self, when: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = when  # the date last confirmed: what a typed day or year is taken with
        self._problem = ""
        self.edit = QLineEdit(date_words(when))
        self.edit.setPlaceholderText(EXAMPLE[2:].capitalize())
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("\u2026")
        self.calendar_button.setToolTip("Choose the date on a calendar")
        self.calendar_button.setAccessibleName("Choose the date on a calendar")
        self.calendar_button.setMenu(menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._check)
        self.edit.editingFinished.connect(self._confirm)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(self.date()))
        self.calendar.clicked.connect(lambda picked: self._picked(picked, menu))

    def setAccessibleName(self, name: str) -> None:  # Qt's name: the line people type in gets it too
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _picked(self, picked: QDate, menu: QMenu) -> None:
        self.setDate(picked)
        menu.close()

    def _meaning(self) -> date:
        return parse_date(self.edit.text(), self._reference)

    def _check(self) -> None:
        """Say at once whether the text is a date, without touching what is being typed."""
        try:
            self._meaning()
            problem = ""
        except ContentError as error:
            problem = str(error)
        self._problem = problem
        self.edit.setToolTip(f"Not a date: {problem}" if problem else "")
        self.edit.setProperty("invalid", bool(problem))
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        self.validity_changed.emit(not problem)

    def _confirm(self) -> None:
        """Leaving the field: a date is shown back in words and becomes the one later typing builds on."""
        if self._problem:
            return
        self._reference = self._meaning()
        words = date_words(self._reference)
        if self.edit.text() != words:
            self.edit.setText(words)

    def problem(self) -> str:
        """Why the text is not a date ("" when it is)."""
        return self._problem

    def is_valid(self) -> bool:
        return not self._problem

    def date(self) -> QDate:
        """The date the text means now (the last one confirmed while the text is not a date)."""
        when = self._reference if self._problem else self._meaning()
        return QDate(when.year, when.month, when.day)

    def setDate(self, when: QDate) -> None:  # QDateEdit's name, which this replaces
        self._reference = date(when.year(), when.month(), when.day())
        self.edit.setText(date_words(self._reference))
