"""Section › Mark Confidential…: the reason a section is to be kept from publication (required).

The dialog only gathers the reason; the window records the mark (ui/operations/confidentiality.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...core.partner_records import MAX_NOTE_CHARACTERS


class ConfidentialDialog(QDialog):
    """Why the section is confidential, in the words the response will give (OK only with a reason)."""

    def __init__(self, what: str, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark Confidential")
        intro = QLabel(f"Mark {what} confidential: the public copy of the response withholds it and its "
                       f"sub-sections, and the full response states which sections are confidential and why, "
                       f"as government guidance asks. Partners' endorsements will need giving again: what is "
                       f"withheld is part of what they endorse.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.reason = QLineEdit(reason)
        self.reason.setMaxLength(MAX_NOTE_CHARACTERS)
        self.reason.setAccessibleName("Why the section is confidential")
        self.reason.setPlaceholderText("e.g. commercially sensitive")
        hint = QLabel("Say why in a few words: the public copy shows \u201cSection N is withheld: <your reason>.\u201d")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form = QFormLayout()
        form.addRow("&Reason:", self.reason)
        form.addRow("", hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mark Confidential")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)  # a taller dialog grows here, not between the reason and its hint
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(520, 220)

    def _update_ok(self) -> None:
        # The reason is required (the core refuses a mark without one): OK waits for it.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def text(self) -> str:
        """The reason as typed, without surrounding spaces."""
        return self.reason.text().strip()
