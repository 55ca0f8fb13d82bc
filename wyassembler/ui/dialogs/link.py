"""Format › Link…: the link's words and its address together, as Word's Insert Hyperlink asks ("Text to
display" and "Address"), so that a link's vague words ("click here") can be put right where it is set."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..editor.links import LinkTarget

ADDRESS_HINT = "https://\u2026 or mailto:\u2026"


class LinkDialog(QDialog):
    """The words to show and the address, prefilled from the link or the selection; only gathers answers."""

    def __init__(self, target: LinkTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Link" if target.href else "Link")
        self.text = QLineEdit(target.text)
        self.text.setAccessibleName("Text to display")
        self.text.setToolTip("The words a reader sees and a screen reader lists: say where the link leads, "
                             "such as the page's title")
        if not target.text_editable:  # several paragraphs, a line break or a table: linked as they are
            self.text.setEnabled(False)
            self.text.setPlaceholderText("The selected text, as it is")
        self.address = QLineEdit(target.href or "https://")
        self.address.setAccessibleName("Web or email address")
        self.address.setPlaceholderText(ADDRESS_HINT)
        form = QFormLayout()
        form.addRow("&Text to display:", self.text)
        form.addRow("&Address:", self.address)
        hint = QLabel(f"A web or email address ({ADDRESS_HINT}). With no text to display, the address is shown.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        # Words to write first when there are none yet, else the address (Word's order of the two).
        focus = self.text if target.text_editable and not target.text else self.address
        focus.setFocus()
        focus.selectAll()

    def answers(self) -> tuple[str, str]:
        """(text to display, address) as typed, ends stripped."""
        return self.text.text().strip(), self.address.text().strip()
