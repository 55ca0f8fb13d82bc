"""The warning bar for a file whose history looks rolled back: it lacks the newest save this user has
seen of it (an older copy put back by a sync client, or its history rewritten).

The user's data folder remembers, per file, the newest history entry seen (:mod:`wyassembler.seen_heads`);
opening the file, each save and a deliberate restore update it, and opening a file that no longer
contains it shows the core's warning (:func:`~wyassembler.core.history.history_warning`) above the
editor until the person dismisses it. Nothing here blocks work: the bar says what to check. A file in
a git work tree is not watched (a checkout of another branch is no rollback; git keeps the history).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ... import seen_heads
from ...core.history import history_warning
from ...core.model import Project

if TYPE_CHECKING:
    from ..main_window import MainWindow


class HistoryWarningBar(QFrame):
    """A plain, non-blocking bar: the warning in words, Restore a Previous Version…, and Dismiss."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("historyWarningBar")
        self.setStyleSheet("#historyWarningBar { background: #fdecea; border: 1px solid #b3261e; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backups = QPushButton("Previous &Versions\u2026")
        self.dismiss = QPushButton("Dismiss")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.backups)
        layout.addWidget(self.dismiss)
        self.dismiss.clicked.connect(self.hide)
        self.hide()

    def warn(self, text: str) -> None:
        message = f"History warning: {text[:1].upper()}{text[1:]}."
        self.label.setText(message)
        self.setAccessibleName(message)
        self.show()


class HistoryWatch:
    """For one window: checks each project opened against the newest save seen, and remembers new ones."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.bar = HistoryWarningBar()
        page = window.editor_page_layout
        page.insertWidget(page.indexOf(window.disk_banner) + 1, self.bar)
        self.bar.backups.clicked.connect(window.app_actions.restore_backup.trigger)

    def document_shown(self) -> None:
        """A project was opened: warn if its file lost the newest save seen, else remember its newest."""
        self.bar.hide()
        document = self.window.document
        if document is None or document.path is None:
            return
        project, path = document.project, document.path
        warning = history_warning(project, seen_heads.seen_head(project.id, path))
        if warning is not None:
            self.bar.warn(warning)
        else:
            seen_heads.remember_head(project, path)

    def saved(self, path: Path, written: Project | None) -> None:
        """``written`` (the project as a save wrote it, its save in its history) is now in ``path``:
        remember its newest entry."""
        if written is not None:
            seen_heads.remember_head(written, path)

    def restored(self, path: Path) -> None:
        """The person put a previous version back on purpose (recorded in the history, so no rollback):
        remember it as seen, and the warning, answered, goes."""
        document = self.window.document
        if document is not None:
            seen_heads.remember_head(document.project, path, deliberate=True)
        self.bar.hide()
