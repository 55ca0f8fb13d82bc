"""Crash recovery for the window's open project: a snapshot shortly after each change.

A change (typing, a commit, a merge) starts a short timer; when it fires, the window's project is
copied on the UI thread (containers only: content is immutable and shared), with what is typed in
the editor added to the copy as its section's newest revision, and the copy goes to the recovery
writer, which serialises and writes it on its own thread. Typing stays uncommitted in the editor:
the recovery file does not cost an undo step or a revision.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from ...core import editing
from ...core.errors import WyassemblerError
from ...core.model import Project
from ...core.snapshot import snapshot

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

# A snapshot follows a change after this pause, and at the latest this long after the first change
# not yet in one (typing without a pause): a crash loses a few seconds at most.
RECOVERY_IDLE_MS = 1000
RECOVERY_MAX_WAIT_MS = 4000


class Autosave(QObject):
    """Schedules recovery snapshots of ``window.document`` and hands them to ``window.recovery``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECOVERY_IDLE_MS)
        self._unsnapshotted = QElapsedTimer()  # since the first change not yet in a snapshot
        self.timer.timeout.connect(self.run)

    def due(self, *_args) -> None:
        """Something changed: snapshot it after a short pause, or a few seconds at most."""
        if not self._unsnapshotted.isValid():
            self._unsnapshotted.start()
        if not self.timer.isActive() or self._unsnapshotted.elapsed() < RECOVERY_MAX_WAIT_MS:
            self.timer.start()

    def run(self) -> None:
        """Take the snapshot now (if anything is unsaved) and queue it for writing."""
        self._unsnapshotted.invalidate()
        window = self.window
        document = window.document
        if document is None or not (document.is_dirty() or window.editor.is_modified()):
            return
        try:
            project = self._snapshot()
        except Exception:  # a failed recovery snapshot must never interrupt work
            log.exception("could not take the recovery snapshot")
            return
        window.recovery.submit(project, document.path, document.project.title)

    def _snapshot(self) -> Project:
        """A detached copy of the project, with what is typed in the editor as its section's newest revision."""
        document, editor = self.window.document, self.window.editor
        assert document is not None, "run() snapshots only an open project"
        project = snapshot(document.project)
        section = editor.section
        if section is not None and editor.is_modified() and editor.is_editable() and document.actor is not None:
            try:
                editing.edit_section(project, document.actor, project.section(section.id),
                                     blocks=editor.current_blocks())
            except WyassemblerError as error:  # the committed state is still worth keeping
                log.warning("recovery snapshot without the typing in %s: %s", section.id, error)
        return project
