"""File > Restore a Previous Version: the backups of the open project, newest first.

Listing is cheap (names and sizes); a backup is read only when it is selected, to say whether it
opens and who made its last change. The window restores the chosen one (:mod:`.sync_operations`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ..project import files
from .conflicts import when


_IN_GIT_INTRO = ("In a git work tree saves keep no backups: git keeps the versions. These were kept before "
                 "the project was put in git. Restoring one puts it back in place of {name} for everyone; no "
                 "backup is kept of the version it replaces, so commit that first if you may want it back.")


def describe_backup(backup: Path) -> str:
    """What the backup holds, or why it cannot be opened."""
    try:
        project = files.read_backup(backup)
    except files.BackupUnreadable as error:
        return f"This backup cannot be opened ({error}); choose another."
    sections = list(project.all_sections())
    if not sections:
        return f"\u201c{project.title}\u201d, with no sections."
    last = max((s.current for s in sections), key=lambda r: (r.time, r.id))
    return (f"\u201c{project.title}\u201d, {len(sections)} sections. Its last change was by {last.person} "
            f"({project.org_label(last.org)}) on {when(last.time)}.")


class BackupsDialog(QDialog):
    """Pick a backup; :meth:`number` is its number as :func:`.files.backups` counts (1 = newest)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore a Previous Version")
        self.path = path
        self.backups = files.backups(path)
        in_git = files.in_work_tree(path)  # saved and restored there with no backups: git keeps versions
        intro = QLabel(_IN_GIT_INTRO.format(name=path.name) if in_git else
                       f"Every save keeps the version it replaces, up to the last {files.BACKUPS_KEPT}, in "
                       f"the hidden folder <i>{files.BACKUP_DIR_NAME}</i> beside the project, where every "
                       f"partner can reach them. Restoring one puts it back in place of {path.name} for "
                       f"everyone; the version it replaces becomes a backup too, so nothing is lost.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.list = QTreeWidget()
        self.list.setAccessibleName("Backups, newest first")
        self.list.setHeaderLabels(["Saved", "Size"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for number, backup in enumerate(self.backups, start=1):
            time = backup.time
            try:
                size = f"{backup.path.stat().st_size / 1024:,.1f} KB"
            except OSError:
                size = "?"
            label = when(time, seconds=True) if time is not None else backup.path.name
            item = QTreeWidgetItem([("Newest: " if number == 1 else "") + label, size])
            item.setData(0, Qt.ItemDataRole.UserRole, number)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setObjectName("hint")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setMinimumHeight(40)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("&Restore This Version\u2026")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemDoubleClicked.connect(lambda *_: self.restore_button.isEnabled() and self.accept())
        if self.backups:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self.details.setText(f"{path.name} has no backups: in a git work tree git keeps its versions (git log)."
                                 if in_git else
                                 f"{path.name} has no backups yet: one is kept each time the project is saved.")
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip("There is no earlier version to restore yet")
        self.resize(560, 460)

    def _on_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip("Choose a version in the list first")
            return
        text = describe_backup(self.backups[item.data(0, Qt.ItemDataRole.UserRole) - 1].path)
        self.details.setText(text)
        unreadable = text.startswith("This backup cannot be opened")
        self.restore_button.setEnabled(not unreadable)
        self.restore_button.setToolTip(text if unreadable else "")

    def number(self) -> int:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else 0

    def select(self, number: int) -> None:
        self.list.setCurrentItem(self.list.topLevelItem(number - 1))
