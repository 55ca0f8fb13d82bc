"""Reading and writing project files on disk: size-limited reads, atomic saves, rotating backups.

A save never leaves a half-written project: the new bytes go to a temporary
file in the same folder, are flushed and fsynced, and only then replace the
project with ``os.replace``. The version being replaced is kept in a backup
folder beside the project, so every partner on a shared drive can reach it.
"""

from __future__ import annotations

import glob
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..core.merge import Structure, merge_projects, structure_of
from ..core.content import sha256_hex
from ..core.model import Actor, ConflictCopy, Project
from ..core.restore import record_restore, restore_over, restoring_actor
from ..fileio import FileWriteError, describe_os_error, write_atomically
from .codec import MAX_FILE_BYTES, LoadReport, ProjectFileError, from_bytes, to_bytes
from .lock import WAIT_TIMEOUT, LockError, LockHolder, acquire
from .write_gate import check_before_write, checked_bytes

PROJECT_SUFFIX = ".wyproj"
BACKUP_DIR_NAME = ".wyassembler-backups"
BACKUPS_KEPT = 20


@dataclass
class Loaded:
    """A project as read from disk, with the exact bytes it came from and what reading noticed."""

    project: Project
    path: Path
    data: bytes
    report: LoadReport
    # The outline, ownership, partners and properties as loaded: the base of a three-way merge on save.
    structure: Structure | None = None


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refusing files over ``limit`` before reading them."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ProjectFileError(f"{path} is {size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB a project may be")
            return handle.read(limit + 1)
    except OSError as error:
        raise ProjectFileError(describe_os_error(error, path, "read")) from None


def load(path: str | os.PathLike) -> Loaded:
    """Read, check and build the project at ``path``."""
    path = Path(path)
    try:
        data = read_limited(path)
    except ProjectFileError as error:
        raise _with_backup(str(error), path) from None
    report = LoadReport()
    try:
        project = from_bytes(data, report)
    except ProjectFileError as error:
        raise _with_backup(f"{path}: {error}", path) from None
    return Loaded(project, path, data, report, structure_of(project))


def newest_good_backup(path: str | os.PathLike) -> Path | None:
    """The newest backup of ``path`` that opens as a project, if any."""
    for backup in list_backups(path):
        try:
            from_bytes(read_limited(backup))
        except ProjectFileError:
            continue
        return backup
    return None


class LoadError(ProjectFileError):
    """A project that failed to load: ``reason`` says why; ``backup`` is its newest good backup, if any,
    so the app can offer it without reading the backups again."""

    def __init__(self, reason: str, backup: Path | None, path: Path) -> None:
        hint = f" (its newest good backup is {backup}; restore it with 'wyassembler restore {path}')" if backup else ""
        super().__init__(reason + hint)
        self.reason = reason
        self.backup = backup


def _with_backup(reason: str, path: Path) -> LoadError:
    try:
        backup = newest_good_backup(path)
    except OSError:
        backup = None
    return LoadError(reason, backup, path)


def backup_dir(path: Path) -> Path:
    """Where the backups of ``path`` live: a hidden folder beside it, one sub-folder per project file."""
    return path.parent / BACKUP_DIR_NAME / path.name


def list_backups(path: str | os.PathLike) -> list[Path]:
    """The backups of a project, newest first."""
    folder = backup_dir(Path(path))
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{PROJECT_SUFFIX}"), reverse=True)


BACKUP_STAMP = "%Y%m%dT%H%M%S%fZ"  # a backup's name starts with when it was made, so names sort by time


def backup_time(backup: Path) -> datetime | None:
    """When a backup was made, from its name (``20260105T101500123456Z-4242.wyproj``)."""
    try:
        return datetime.strptime(backup.name.split("-", 1)[0], BACKUP_STAMP).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _keep_backup(path: Path) -> None:
    """Keep the file about to be replaced, then drop all but the newest BACKUPS_KEPT."""
    if not path.exists():
        return
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime(BACKUP_STAMP)
    target = folder / f"{stamp}-{os.getpid()}{PROJECT_SUFFIX}"
    try:
        # A hard link costs nothing: os.replace gives the path a new inode and the link keeps the old one.
        os.link(path, target)
    except OSError:
        shutil.copy2(path, target)
    for old in list_backups(path)[BACKUPS_KEPT:]:
        try:
            old.unlink()
        except OSError:
            pass


def atomic_write(path: Path, data: bytes, keep_backup: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, keeping the version it replaces as a backup."""
    try:
        write_atomically(Path(path), data, _keep_backup if keep_backup else None)
    except FileWriteError as error:
        raise ProjectFileError(str(error)) from None


def save_project(project: Project, path: str | os.PathLike, keep_backup: bool = True) -> bytes:
    """Save ``project`` atomically to ``path``; returns the bytes written."""
    data = checked_bytes(project, path)
    atomic_write(Path(path), data, keep_backup)
    return data


# -- saving a shared file ---------------------------------------------------------

@dataclass
class SaveResult:
    """What a shared save wrote, and what the user should be told."""

    project: Project
    # The bytes now on disk and the structure they hold: the base of the next save.
    data: bytes
    structure: Structure
    notes: list[str] = field(default_factory=list)
    # (section id, copy) for each conflict copy this save made of the saver's own changes.
    conflicts: list[tuple[str, ConflictCopy]] = field(default_factory=list)
    merged: bool = False

    def loaded(self, path: Path) -> Loaded:
        """The saved project as if just loaded, for the next edit and save."""
        return Loaded(self.project, path, self.data, LoadReport(), self.structure)


def _read_if_present(path: Path) -> bytes | None:
    try:
        return read_limited(path)
    except ProjectFileError:
        if not path.exists():
            return None
        raise


def save_shared(project: Project, path: str | os.PathLike, base_data: bytes | None,
                base: Structure | None = None, *, holder: LockHolder | None = None,
                on_wait=None, timeout: float = WAIT_TIMEOUT, replace: bool = False,
                ours_label: str = "your copy", theirs_label: str = "the saved file",
                cancel: threading.Event | None = None) -> SaveResult:
    """Save ``project`` to a file others may be saving too: lock, merge, write, release.

    ``base_data`` is the bytes ``project`` was loaded from (``None`` for a new file) and ``base`` the
    structure it had then (:attr:`Loaded.structure`; worked out from ``base_data`` when missing). If
    the file changed since, what is on disk is merged with ``project`` (see :mod:`..core.merge`) and
    the merged project is written; ``project`` itself is never changed. ``replace`` writes
    ``project`` over whatever is there (kept as a backup), for deliberate overwrites.
    Raises :class:`ProjectFileError` (or :class:`LockError`) and writes nothing if the file now
    holds a different project, cannot be locked, or cannot be written; ``cancel`` (set from another
    thread) stops a save that is still waiting for the lock (:class:`SaveCancelled`).
    """
    path = Path(path)
    with acquire(path, holder, timeout=timeout, on_wait=on_wait, cancel=cancel) as lock:
        disk = _read_if_present(path)
        result = SaveResult(project, b"", base or structure_of(project))
        if disk is not None and disk != base_data and not replace:
            _merge_with_disk(result, project, path, disk, base_data, base, (ours_label, theirs_label))
        lock.refresh()
        _remove_abandoned_temporaries(path)
        data = to_bytes(result.project)
        result.data = data
        if data != disk:
            if not lock.held():
                raise LockError(f"cannot save {path}: the save took so long that another saver took over; "
                                f"nothing was written, try again")
            check_before_write(result.project, path)
            atomic_write(path, data)
        result.structure = structure_of(result.project)
    return result


ABANDONED_AFTER = 120.0


def _remove_abandoned_temporaries(path: Path) -> None:
    """Temporary files of saves that crashed before renaming them: old ones are nobody's any more."""
    now = time.time()
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - temp.stat().st_mtime > ABANDONED_AFTER:
                temp.unlink()
        except OSError:
            pass


def _merge_with_disk(result: SaveResult, project: Project, path: Path, disk: bytes,
                     base_data: bytes | None, base: Structure | None, labels: tuple[str, str]) -> None:
    try:
        theirs = from_bytes(disk)
    except ProjectFileError as error:
        # Unreadable bytes are not a project anyone can lose work in; they stay in the backups.
        result.notes.append(f"the file on disk could not be read ({error}); it was kept as a backup "
                            f"and replaced by this save")
        return
    if theirs.id != project.id:
        raise ProjectFileError(
            f"cannot save {path}: it now holds a different project (\u201c{theirs.title}\u201d); "
            f"nothing was written: save this one under another name")
    if base is None and base_data is not None:
        try:
            base = structure_of(from_bytes(base_data))
        except ProjectFileError:
            base = None
    merged = merge_projects(project, theirs, base, ours_label=labels[0], theirs_label=labels[1])
    result.project, result.notes, result.conflicts, result.merged = (
        merged.project, merged.notes, merged.new_conflicts, True)


def restore_backup(path: str | os.PathLike, number: int, *, holder: LockHolder | None = None,
                   on_wait=None, actor: Actor | None = None) -> Path:
    """Put backup ``number`` (1 = newest, as :func:`list_backups` orders them) back in place of
    ``path``, keeping the version it replaces as a backup in turn; returns the backup used.

    The restore is recorded as a change made now by ``actor`` (else the lock holder, else the saved
    identity) on top of the file it replaces (:mod:`..core.restore`), so a partner who still has the newer
    text open follows the restore when saving instead of undoing it."""
    path = Path(path)
    backups = list_backups(path)
    if not backups:
        raise ProjectFileError(f"{path} has no backups (they are kept in {backup_dir(path)})")
    if not 1 <= number <= len(backups):
        raise ProjectFileError(f"{path} has backups 1 to {len(backups)}; there is no backup {number}")
    backup = backups[number - 1]
    version_data = read_limited(backup)
    try:
        older = from_bytes(version_data)
    except ProjectFileError as error:
        raise ProjectFileError(f"backup {number} ({backup.name}) cannot be opened: {error}") from None
    holder = holder or LockHolder.current()
    with acquire(path, holder, on_wait=on_wait):
        restored = _restored(older, *_on_disk(path), holder, actor, backup.name, version_data)
        # Written as a save writes it, through the same check: what was damaged by hand is not put back as it was.
        atomic_write(path, checked_bytes(restored, path))
    return backup


def _on_disk(path: Path) -> tuple[Project | None, bytes | None]:
    """The project at ``path`` (``None`` if it cannot be read) and its bytes (``None`` if there are none)."""
    try:
        data = _read_if_present(path)
    except ProjectFileError:
        return None, None
    if data is None:
        return None, None
    try:
        return from_bytes(data), data
    except ProjectFileError:
        return None, data


def _restored(older: Project, current: Project | None, current_data: bytes | None, holder: LockHolder,
              actor: Actor | None, version: str, version_data: bytes) -> Project:
    """``older`` put back over ``current`` as a recorded step forward (:func:`..core.restore.restore_over`);
    over a damaged or missing file, or another project, ``older`` as it is, with the record."""
    base = current if current is not None and current.id == older.id else None
    who = actor or restoring_actor(base or older, holder.org, holder.person or holder.user)
    version_hash = sha256_hex(version_data)
    replaced_hash = sha256_hex(current_data) if current_data is not None else ""
    if base is None:
        return record_restore(older, who, version, version_hash, replaced_hash)
    return restore_over(base, older, who, version, version_hash, replaced_hash)
