"""Recovery files: the unsaved state of every open project, kept in the user's data folder.

While a project has unsaved changes the app writes it here within a second or
two of each change. The window takes a snapshot on its own thread (containers
copied, immutable content shared: cheap); serialising and writing it happen on
a worker thread, newest snapshot only, one at a time, so a later state is never
overwritten by an earlier one. A clean save or close removes the file; a crash
leaves it, and the next start offers it back. Each file names the process that
wrote it, so two running copies of the app never offer each other's work.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from ...core.collector import collector_held_off
from ...core.model import Project
from ...projectfile.storage import atomic_write
from ...projectfile.write_gate import WriteRefused, checked_bytes
from ...settings import data_dir

log = logging.getLogger(__name__)

SUFFIX = ".wyproj"


def recovery_dir() -> Path:
    return data_dir() / "recovery"


@dataclass
class RecoveryFile:
    """A recovery file left behind, with what it recovers."""

    data_path: Path
    meta_path: Path
    original: Path | None
    title: str
    saved_at: datetime
    unplaced: str | None = None  # a relative path an older note gave: its folder is unknown

    def describe(self) -> str:
        if self.original:
            where = str(self.original)
        elif self.unplaced:
            where = f"{self.unplaced}, in a folder that was not recorded: use Save As to choose where it goes"
        else:
            where = "a response that was never saved"
        return f"\u201c{self.title}\u201d ({where}), as it was at {self.saved_at.astimezone():%H:%M on %d %b %Y}"

    def read(self) -> bytes:
        return self.data_path.read_bytes()

    def discard(self) -> None:
        for path in (self.data_path, self.meta_path):
            try:
                path.unlink()
            except OSError:
                pass


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return ctypes.windll.kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT
        finally:
            ctypes.windll.kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class _Snapshot:
    project: Project  # a detached copy (core.snapshot): nothing on the UI thread changes it any more
    original: Path | None
    title: str


class RecoveryWriter:
    """Keeps one project's recovery file up to date; one writer per open project.

    :meth:`submit` hands over a snapshot and returns at once; a worker thread serialises and writes
    the newest one. :meth:`discard` and :meth:`flush` wait for a write in progress, so nothing
    written before them lands after them.
    """

    def __init__(self) -> None:
        self.key = uuid.uuid4().hex
        folder = recovery_dir()
        self.data_path = folder / f"{self.key}{SUFFIX}"
        self.meta_path = folder / f"{self.key}.json"
        self._state = threading.Condition()
        self._pending: _Snapshot | None = None  # the newest snapshot not yet written; older ones are dropped
        self._busy = False  # the worker is writing a snapshot it has taken
        self._discard_after_write = False  # discard() asked not to wait: the worker removes the file after its write
        self._worker: threading.Thread | None = None

    def submit(self, project: Project, original: Path | None, title: str) -> None:
        """Write ``project`` (a snapshot nobody changes any more) on the worker thread, soon."""
        with self._state:
            self._pending = _Snapshot(project, original, title)
            if self._worker is None:
                # The worker ends when there is nothing left to write, so an idle app keeps no thread.
                self._worker = threading.Thread(target=self._work, name="wyassembler-recovery", daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while True:
            with self._state:
                snapshot, self._pending = self._pending, None
                if snapshot is None:
                    self._worker = None
                    self._state.notify_all()
                    return
                self._busy = True
            try:
                # Through the write gate like every save: a project that could not be read back is not written.
                # The collector held off meanwhile: its full passes over the snapshots not yet frozen ran on
                # this thread holding the GIL 30-100 ms at 5,000 sections; what is made here is acyclic.
                with collector_held_off():
                    data = checked_bytes(snapshot.project)
                self.write(data, snapshot.original, snapshot.title)
            except WriteRefused as refused:
                log.error("recovery file not written: %s", refused)
            except Exception:  # a failed recovery write must never interrupt work
                log.exception("could not write the recovery file")
            finally:
                with self._state:
                    if self._discard_after_write:
                        self._discard_after_write = False
                        self._remove_files()  # before any newer snapshot is written: the order of calls holds
                    self._busy = False
                    self._state.notify_all()

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Wait until every submitted snapshot is written (or dropped for a newer one); False on timeout."""
        with self._state:
            return self._state.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def write(self, data: bytes, original: Path | None, title: str) -> Path:
        """Write the unsaved project atomically, then the note of what it is."""
        self.data_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.data_path, data, keep_backup=False)
        # Absolute, so a later start from another working folder saves to the same file.
        meta = {"original": str(Path(original).resolve()) if original else None, "title": title,
                "saved_at": datetime.now(UTC).isoformat(), "pid": os.getpid(),
                "host": socket.gethostname()}
        atomic_write(self.meta_path, json.dumps(meta, indent=2).encode("utf-8"), keep_backup=False)
        return self.data_path

    def discard(self, wait: bool = True) -> None:
        """Remove the recovery file: drop a snapshot still waiting, and let one being written finish first.
        ``wait=False`` (after a save, the person typing on) returns at once: a write in progress removes
        the file itself when it ends, so the UI thread never waits a whole serialisation out."""
        with self._state:
            self._pending = None
            if self._busy and not wait:
                self._discard_after_write = True
                return
            self._state.wait_for(lambda: not self._busy)
            self._discard_after_write = False
            self._remove_files()

    def _remove_files(self) -> None:
        for path in (self.data_path, self.meta_path):
            try:
                path.unlink()
            except OSError:
                pass


def left_behind() -> list[RecoveryFile]:
    """Recovery files whose app is no longer running on this machine, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for meta_path in folder.glob("*.json"):
        data_path = meta_path.with_suffix(SUFFIX)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            saved_at = datetime.fromisoformat(meta["saved_at"])
            pid, host = int(meta["pid"]), str(meta.get("host", ""))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not data_path.exists():
            continue
        if host == socket.gethostname() and _process_alive(pid):
            continue
        original = Path(meta["original"]) if meta.get("original") else None
        unplaced = None
        if original is not None and not original.is_absolute():
            # Relative to whichever folder that run started in; guessing today's would write a new file.
            original, unplaced = None, str(meta["original"])
        found.append(RecoveryFile(data_path, meta_path, original, str(meta.get("title") or "Untitled"), saved_at,
                                  unplaced))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
