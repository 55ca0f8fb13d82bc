"""Noticing that someone else saved the open project's file: every time, not only the first.

A save replaces the file and keeps the replaced one as a hard-linked backup, so a file system watch
stays on that backup (which never changes again) while the path names a new file. The watch is
therefore removed and added afresh after every change, and the file's size, modification time and
inode are also polled, for network drives that send no notifications at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

# Another save is looked at once it has had this long to finish (it links, then replaces).
SETTLE_MS = 400
# How often size, time and inode are compared: a stat, nothing more.
POLL_MS = 2000


def disk_signature(path: Path | None) -> tuple[int, int, int] | None:
    """Size, modification time and inode of ``path`` (None if it is not there): any save changes one."""
    if path is None:
        return None
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino


class DiskWatch(QObject):
    """Watches one file; ``settled`` says it may have changed (the window compares its bytes)."""

    settled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self._path: Path | None = None
        self._signature: tuple[int, int, int] | None = None
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.poll_timer.timeout.connect(self._poll)
        self.settle_timer.timeout.connect(self.settled)

    def watch(self, path: Path | None) -> None:
        """Watch ``path`` afresh (None: nothing), remembering how it looks now for the poll."""
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        self._path = path
        self._signature = disk_signature(path)
        if self._signature is not None:
            self.watcher.addPath(str(path))
        if path is None:
            self.poll_timer.stop()
            self.settle_timer.stop()
        elif not self.poll_timer.isActive():
            self.poll_timer.start()

    def rearm(self) -> None:
        """Watch the file the path names now; never trust watcher.files() still listing it."""
        self.watch(self._path)

    def _on_file_changed(self, path: str) -> None:
        if self._path is not None and Path(path) == self._path:
            self.rearm()
            self.settle_timer.start()

    def _poll(self) -> None:
        if self._path is not None and disk_signature(self._path) != self._signature:
            self.rearm()
            self.settle_timer.start()
