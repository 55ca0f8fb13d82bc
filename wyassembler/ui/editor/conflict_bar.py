"""The bar above a section that holds conflict copies: how many, and a Resolve\u2026 button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ...core.model import Section


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def kept_sentence(count: int) -> str:
    """What ``count`` conflict copies are, in words true of every way one is made (two copies of the project
    saved at once, a returned pack or proposed changes accepted after the section changed, a restore)."""
    if count == 1:
        return ("another version of this section was kept as a conflict copy, made on a text that is no longer "
                "the current one. Nothing is lost: it stays until someone resolves it.")
    return (f"{count} other versions of this section were kept as conflict copies, each made on a text that is "
            f"no longer the current one. Nothing is lost: they stay until someone resolves them.")


class ConflictBar(QFrame):
    """"This section has 2 conflict copies" and a Resolve… button, shown only when there are some."""

    def __init__(self, resolve: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QToolButton()
        self.button.setDefaultAction(resolve)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 6, 5)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_for(self, section: Section | None) -> None:
        count = len(section.conflicts) if section is not None else 0
        if not count:
            self.hide()
            return
        self.label.setText(f"This section has {plural(count, 'conflict copy', 'conflict copies')}: "
                           + kept_sentence(count))
        self.show()
