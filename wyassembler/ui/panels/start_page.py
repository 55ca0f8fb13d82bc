"""The start page: recent projects, a new response, an existing file, or the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSizePolicy, QToolButton,
                               QVBoxLayout, QWidget)

from ... import __version__
from ..common.icons import app_pixmap


class StartPage(QWidget):
    """What the window shows with no project open."""

    recent_chosen = Signal(str)

    def __init__(self, actions, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        logo = QLabel()
        logo.setPixmap(app_pixmap(72))
        title = QLabel("wyassembler")
        title.setObjectName("startTitle")
        tagline = QLabel("One consultation response, written together by every partner, "
                         "signed off section by section, exported to Word.")
        tagline.setObjectName("startTagline")
        tagline.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(tagline)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        start_title = QLabel("Start")
        start_title.setObjectName("startSection")
        start_col = QVBoxLayout()
        start_col.addWidget(start_title)
        for action, detail in ((actions.new_project, "With the West Yorkshire partners, or your own"),
                               (actions.open_project, "A .wyproj file on the shared drive or your computer"),
                               (actions.open_sample, "The 2005 West Yorkshire response, to look around")):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIconSize(QSize(24, 24))
            button.setObjectName("startButton")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(action.text().replace("&", "").rstrip("\u2026"))
            note = QLabel(detail)
            note.setObjectName("hint")
            start_col.addWidget(button)
            start_col.addWidget(note)
        start_col.addStretch(1)

        recent_title = QLabel("Recent projects")
        recent_title.setObjectName("startSection")
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setAccessibleName("Recent projects")
        self.empty_note = QLabel("Projects you open will be listed here.")
        self.empty_note.setObjectName("hint")
        recent_col = QVBoxLayout()
        recent_col.addWidget(recent_title)
        recent_col.addWidget(self.recent, 1)
        recent_col.addWidget(self.empty_note)

        columns = QHBoxLayout()
        columns.addLayout(start_col, 2)
        columns.addSpacing(24)
        columns.addLayout(recent_col, 3)
        card = QFrame()
        card.setObjectName("startCard")
        card.setMaximumWidth(900)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(32, 28, 32, 28)
        card_layout.addLayout(top)
        card_layout.addSpacing(18)
        card_layout.addLayout(columns, 1)
        version = QLabel(f"Version {__version__}")
        version.setObjectName("hint")
        card_layout.addWidget(version, 0, Qt.AlignmentFlag.AlignRight)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addWidget(card, 8)
        outer.addStretch(1)
        self.recent.itemActivated.connect(self._on_activated)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem}\n{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.empty_note.setVisible(not paths)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
