"""New Comment and Reply: the words of a comment, with what it is on (the quoted passage, the whole
section, or the comment answered) said above them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.review_records import MAX_COMMENT_CHARACTERS
from ..common.submit_keys import send_with_ctrl_enter


class CommentDialog(QDialog):
    """A comment's text; OK only once there is some, and not too much."""

    def __init__(self, title: str, about: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.about = QLabel(about)
        self.about.setWordWrap(True)
        self.about.setObjectName("dialogIntro")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("The comment")
        self.note.setPlaceholderText("Write your comment. The other partners see it in wyassembler; it is never "
                                     "in the final document.")
        self.note.setTabChangesFocus(True)  # Tab goes on to the buttons
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self._update_ok)
        self._update_ok()
        send_with_ctrl_enter(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))  # Enter: a new line
        self.resize(480, 260)

    def _update_ok(self) -> None:
        count = len(self.text())
        problem = ("Write the comment first" if not count else
                   f"A comment is at most {MAX_COMMENT_CHARACTERS:,} characters; this one has {count:,}"
                   if count > MAX_COMMENT_CHARACTERS else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        ok.setToolTip(problem)

    def text(self) -> str:
        """The comment as typed, without surrounding white space."""
        return self.note.toPlainText().strip()
