"""Saving on a worker thread: lock, merge with what is on disk, write, release (in a git work tree:
only write, git merges) — while the window
stays responsive, says whom it waits for, and can be cancelled.

The job works on a snapshot of the project taken on the UI thread (:func:`core.snapshot.snapshot`),
so the person can go on typing during the save; :meth:`ProjectDocument.finish_save` brings the
result back on the UI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from ...core.collector import collector_held_off
from ...core.merge import MergeResult, Structure, merge_projects, structure_of
from ...core.model import Project
from ...projectfile import storage
from ...projectfile.git_work_tree import WorkTree
from ...projectfile.lock import LockHolder
from . import heap

# How a save's merge names the two sides in conflict copies and notes.
OURS_LABEL, THEIRS_LABEL = "your changes", "the saved file"


class SaveJob(QThread):
    """One shared save of a snapshot; ``result`` or ``error`` is set when the thread finishes."""

    waiting = Signal(str)  # someone else holds the file's lock; the message says who

    def __init__(self, snapshot: Project, target: Path, base_data: bytes | None, base: Structure | None,
                 holder: LockHolder, replace: bool, generation: int, base_vouched: bool | None = None,
                 work_tree: WorkTree | None = None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.target = target
        self.base_data = base_data
        self.base = base
        self.base_vouched = base_vouched  # known when the base was read: the file is not parsed again for it
        self.holder = holder
        self.replace = replace
        # How many changes the document had seen when the snapshot was taken.
        self.generation = generation
        # In a git work tree git merges: the save neither locks nor merges (storage.save_in_work_tree).
        self.work_tree = work_tree
        self.cancel_event = threading.Event()
        self.result: storage.SaveResult | None = None
        self.error: BaseException | None = None
        # What the save merged, merged again under what was changed here while it ran (see Remerge).
        self.remerge: Remerge | None = None

    def cancel(self) -> None:
        """Stop waiting for another partner's lock; a save already writing finishes regardless."""
        self.cancel_event.set()

    def run(self) -> None:
        try:
            with collector_held_off():  # as the recovery writer: no full pass of the collector on this thread
                if self.work_tree is not None:
                    self.result = storage.save_in_work_tree(
                        self.snapshot, self.target, self.base_data, holder=self.holder, replace=self.replace,
                        base_vouched=self.base_vouched)
                    return
                self.result = storage.save_shared(
                    self.snapshot, self.target, self.base_data, self.base, holder=self.holder,
                    on_wait=self._on_wait, replace=self.replace, cancel=self.cancel_event,
                    ours_label=OURS_LABEL, theirs_label=THEIRS_LABEL, base_vouched=self.base_vouched)
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread, shown there
            self.error = error

    def _on_wait(self, holder) -> None:
        self.waiting.emit(holder.waiting_message() if holder else "Waiting for another save to finish")


class Remerge:
    """What a save merged (another partner's save with ours) merged again, on a worker thread, under a
    snapshot of what was changed here while the save ran: at 5,000 sections that merge held the UI thread
    1.7 s. ``result`` or ``error`` is set once :meth:`done`; ``generation`` says which state it is under."""

    def __init__(self, ours: Project, saved: Project, before: Project, generation: int) -> None:
        self.ours = ours  # a detached copy: nothing on the UI thread changes it
        self.saved = saved
        self.before = before  # the snapshot the save wrote: its structure is the merge's base
        self.generation = generation
        self.result: MergeResult | None = None
        self.error: BaseException | None = None
        # A plain thread, not a QThread: a window closed while it runs must not destroy a running QThread.
        self.thread = threading.Thread(target=self._run, name="wyassembler-remerge", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def done(self) -> bool:
        return not self.thread.is_alive()

    def _run(self) -> None:
        try:
            self.result = heap.built_out_of_sight(lambda: merge_projects(
                self.ours, self.saved, structure_of(self.before), ours_label=OURS_LABEL, theirs_label=THEIRS_LABEL))
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread, shown there
            self.error = error
