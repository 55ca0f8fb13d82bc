"""The bar above a section that holds conflict copies: how many, and a Resolve\u2026 button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ...core.model import Section


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


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
        self.label.setText(f"This section has {plural(count, 'conflict copy', 'conflict copies')}: it was "
                           f"changed in two copies of the project at once, and both versions are kept "
                           f"until someone resolves it.")
        self.show()
