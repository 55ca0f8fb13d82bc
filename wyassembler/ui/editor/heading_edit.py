"""The section editor's heading: one paragraph that wraps over as many lines as it needs.

A QLineEdit would scroll a long heading sideways, hiding most of it; this is a QTextEdit kept to a
single line of plain text (Enter finishes editing, as in a line edit; what is pasted or dropped loses
its line breaks; Tab moves on) whose height follows its text.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent, QResizeEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QWidget

# Everything that would start a new line in a heading becomes a space (a heading is one line).
_LINE_BREAKS = str.maketrans({"\r": " ", "\n": " ", "\t": " ", "\u2028": " ", "\u2029": " ", "\x0b": " "})


def one_line(text: str) -> str:
    """``text`` with every line break and tab made a space: what a heading can hold."""
    return text.replace("\r\n", " ").translate(_LINE_BREAKS)


class HeadingEdit(QTextEdit):
    """A wrapping one-paragraph text field with a line edit's API (``text``, ``setText``,
    ``editing_finished`` on Enter and on leaving it)."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(2)
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()
        # The text when the field last said it was finished: leaving it says so again only if it changed
        # since (as Qt 6's QLineEdit), or a refused heading's dialog, taking the focus, was shown twice.
        self._finished_text = ""

    # -- a line edit's API ------------------------------------------------------------------

    def text(self) -> str:
        """The heading as typed, on one line."""
        return one_line(self.toPlainText())

    def setText(self, text: str) -> None:
        """Show ``text`` from its start; the field's own undo history starts again, as a line edit's does."""
        self.setPlainText(one_line(text))
        self._finished_text = self.text()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def line_count(self) -> int:
        """How many lines the heading takes at the field's width."""
        layout = self.document().firstBlock().layout()
        return layout.lineCount() if layout is not None else 1

    # -- one line, wrapped ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter (with or without Shift) finishes the heading; it never starts a new line.
            self._finish()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # As a line edit does: leaving finishes the heading, except for the field's own context menu.
        if event.reason() != Qt.FocusReason.PopupFocusReason and self.text() != self._finished_text:
            self._finish()

    def _finish(self) -> None:
        self._finished_text = self.text()
        self.editing_finished.emit()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """What an input method commits goes in on one line too."""
        committed = event.commitString()
        if committed and one_line(committed) != committed:
            event.setCommitString(one_line(committed))
        super().inputMethodEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste (or drop) as plain text on one line."""
        if source.hasText():
            self.textCursor().insertText(one_line(source.text()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the wrapped heading, so every line shows and nothing scrolls."""
        document = self.document()
        document.setTextWidth(max(self.viewport().width(), 1))
        margins, around = self.contentsMargins(), self.viewportMargins()
        chrome = 2 * self.frameWidth() + margins.top() + margins.bottom() + around.top() + around.bottom()
        height = max(math.ceil(document.size().height()), self.fontMetrics().lineSpacing()) + chrome
        if height != self.height():
            self.setFixedHeight(height)
        # QTextEdit set its scroll range for the height before this one (when it first lays out on
        # showing): with every line shown there is nothing left to scroll, or the first line would hide.
        overflow = max(0, math.ceil(document.size().height()) - self.viewport().height())
        if self.verticalScrollBar().maximum() != overflow:
            self.verticalScrollBar().setRange(0, overflow)
