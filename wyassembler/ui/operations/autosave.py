"""Crash recovery for the window's open project: a snapshot shortly after each change.

A change (typing, a commit, a merge) starts a short timer; when it fires, the window's project is
copied on the UI thread (containers only: content is immutable and shared; a large project a few
hundred sections at a time, the window answering in between, and again if it changed meanwhile),
with what is typed in
the editor added to the copy as its section's newest revision, and the copy goes to the recovery
writer, which serialises and writes it on its own thread. Typing stays uncommitted in the editor:
the recovery file does not cost an undo step or a revision.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from ...core import editing
from ...core.errors import WyassemblerError
from ...core.model import Project
from ...core.snapshot import snapshot, snapshot_in_steps

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

# A snapshot follows a change after this pause, and at the latest this long after the first change
# not yet in one (typing without a pause): a crash loses a few seconds at most.
RECOVERY_IDLE_MS = 1000
RECOVERY_MAX_WAIT_MS = 4000
# A project this large is copied a few hundred sections at a time, the window answering in between: at
# once, 5,000 sections held the UI thread 30 ms, 60-90 ms while a save or a recovery write competed.
STEPPED_SNAPSHOT_SECTIONS = 1000
SECTIONS_PER_STEP = 250
STEP_SECONDS = 0.004  # steps are taken until this long has gone, then the window answers


class Autosave(QObject):
    """Schedules recovery snapshots of ``window.document`` and hands them to ``window.recovery``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECOVERY_IDLE_MS)
        self._unsnapshotted = QElapsedTimer()  # since the first change not yet in a snapshot
        # A snapshot being taken in steps, and what must not have changed since it started.
        self._steps: Iterator[Project | None] | None = None
        self._taken_of: tuple[object, object, int] | None = None
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)  # the next step once the events waiting meanwhile are handled
        self._step_timer.timeout.connect(self._step)
        self.timer.timeout.connect(self.run_soon)

    def due(self, *_args) -> None:
        """Something changed: snapshot it after a short pause, or a few seconds at most."""
        if not self._unsnapshotted.isValid():
            self._unsnapshotted.start()
        if not self.timer.isActive() or self._unsnapshotted.elapsed() < RECOVERY_MAX_WAIT_MS:
            self.timer.start()

    def run(self) -> None:
        """Take the snapshot now (if anything is unsaved) and queue it for writing."""
        self._drop_steps()  # this one is newer
        self._unsnapshotted.invalidate()
        if self._unsaved():
            self._submit(lambda: snapshot(self.window.document.project))  # type: ignore[union-attr]

    def run_soon(self) -> None:
        """:meth:`run`, with a large project copied in steps between which the window answers."""
        document = self.window.document
        if document is None or len(document.project.all_sections()) < STEPPED_SNAPSHOT_SECTIONS:
            self.run()
            return
        self._drop_steps()
        self._unsnapshotted.invalidate()
        if self._unsaved():
            self._steps = snapshot_in_steps(document.project, SECTIONS_PER_STEP)
            self._taken_of = (document, document.project, document.generation)
            self._step_timer.start()

    def _unsaved(self) -> bool:
        document = self.window.document
        return document is not None and (document.is_dirty() or self.window.editor.is_modified())

    def _drop_steps(self) -> None:
        self._step_timer.stop()
        self._steps = self._taken_of = None

    def _step(self) -> None:
        document = self.window.document
        if self._steps is None or document is None:
            self._drop_steps()
            return
        if self._taken_of != (document, document.project, document.generation):
            # Changed between steps: the copy would mix two states. Start again after the usual pause.
            self._drop_steps()
            self.due()
            return
        until = time.perf_counter() + STEP_SECONDS
        try:
            while (copied := next(self._steps)) is None and time.perf_counter() < until:
                pass
        except Exception:  # a failed recovery snapshot must never interrupt work
            log.exception("could not take the recovery snapshot")
            self._drop_steps()
            return
        if copied is None:
            self._step_timer.start()
            return
        self._drop_steps()
        self._submit(lambda: copied)

    def _submit(self, copy) -> None:
        """Queue ``copy()`` (a detached copy of the project), with the editor's typing added, for writing."""
        document = self.window.document
        assert document is not None, "only an open project is snapshotted"
        try:
            project = self._with_typing(copy())
        except Exception:  # a failed recovery snapshot must never interrupt work
            log.exception("could not take the recovery snapshot")
            return
        self.window.recovery.submit(project, document.path, document.project.title)

    def _with_typing(self, project: Project) -> Project:
        """``project`` (a detached copy) with what is typed in the editor as its section's newest revision."""
        document, editor = self.window.document, self.window.editor
        assert document is not None, "run() snapshots only an open project"
        section = editor.section
        if section is not None and editor.is_modified() and editor.is_editable() and document.actor is not None:
            try:
                editing.edit_section(project, document.actor, project.section(section.id),
                                     blocks=editor.current_blocks())
            except WyassemblerError as error:  # the committed state is still worth keeping
                log.warning("recovery snapshot without the typing in %s: %s", section.id, error)
        return project
