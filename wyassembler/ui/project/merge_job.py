"""Another partner's save brought in on a worker thread: the file read and merged with a snapshot of
the open project there, so a large project's merge (seconds at 5,000 sections) never holds the window.
:meth:`ProjectDocument.finish_merge_from_disk` takes the result in on the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from ...core.merge import MergeResult, Structure, merge_projects, structure_of
from ...core.model import Project
from ...projectfile import storage
from . import heap

OURS_LABEL, THEIRS_LABEL = "your unsaved changes", "the saved file"


class MergeJob:
    """One read and merge; ``loaded`` and ``result``, or ``error``, are set once :meth:`done`."""

    def __init__(self, path: Path, snapshot: Project, base: Structure | None, generation: int,
                 disk_bytes: bytes | None) -> None:
        self.path = path
        self.snapshot = snapshot  # a detached copy: nothing on the UI thread changes it
        self.base = base
        # How many changes the document had seen, and the bytes it knew on disk, when the snapshot was taken.
        self.generation = generation
        self.disk_bytes = disk_bytes
        self.loaded: storage.Loaded | None = None
        self.result: MergeResult | None = None
        self.error: BaseException | None = None
        self.theirs: Project | None = None  # what to merge with, when it is not the file (see again)
        self.earlier_notes: list[str] = []  # the notes of the merge this one repeats (see again)
        # A plain thread, not a QThread: a window closed while it runs must not destroy a running QThread.
        self.thread = threading.Thread(target=self._run, name="wyassembler-merge", daemon=True)

    def again(self, snapshot: Project, generation: int) -> MergeJob:
        """This finished job's merged project merged again under ``snapshot`` (a detached copy of the open
        project, changed while this job ran), on a worker thread too: the file is not read again, and the
        base is the structure this job's snapshot had, as a save merges what changed during it."""
        assert self.loaded is not None and self.result is not None, "only a merge that succeeded is repeated"
        repeat = MergeJob(self.path, snapshot, structure_of(self.snapshot), generation, self.disk_bytes)
        repeat.loaded, repeat.theirs = self.loaded, self.result.project
        repeat.earlier_notes = self.notes()
        return repeat

    def notes(self) -> list[str]:
        """The merge's notes, with those of the merge it repeats first (each once)."""
        assert self.result is not None
        return self.earlier_notes + [note for note in self.result.notes if note not in self.earlier_notes]

    def start(self) -> None:
        self.thread.start()

    def done(self) -> bool:
        return not self.thread.is_alive()

    def _run(self) -> None:
        try:
            self.loaded, self.result = heap.built_out_of_sight(self._read_and_merge)
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread, shown there
            self.error = error

    def _read_and_merge(self) -> tuple[storage.Loaded, MergeResult]:
        loaded = self.loaded if self.loaded is not None else storage.load(self.path)
        theirs = self.theirs if self.theirs is not None else loaded.project
        return loaded, merge_projects(self.snapshot, theirs, self.base, ours_label=OURS_LABEL,
                                      theirs_label=THEIRS_LABEL)
