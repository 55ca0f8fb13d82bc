"""Reading and writing project files on disk: size-limited reads, atomic saves, rotating backups.

A save never leaves a half-written project: the new bytes go to a temporary
file in the same folder, are flushed and fsynced, and only then replace the
project with ``os.replace``. The version being replaced is kept in a backup
folder beside the project, so every partner on a shared drive can reach it.
"""

from __future__ import annotations

import copy
import glob
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..core.merge import Structure, merge_projects, structure_of
from ..core.content import sha256_hex
from ..core.history import (MERGE_OVER_CHANGE, SAVE_OVER_CHANGE, history_problems, merged_history, record_save,
                             vouches_for_its_file)
from ..core.model import Actor, ConflictCopy, Project
from ..core.restore import record_restore, restore_over, restoring_actor
from ..fileio import FileWriteError, describe_os_error, open_to_read, real_path, write_atomically
from .backups import (BACKUP_DIR_NAME, BACKUP_STAMP, BACKUPS_KEPT, PROJECT_SUFFIX, backup_dir, backup_time,
                      keep_backup, keep_bytes, list_backups)
from .codec import (FORMAT_VERSION, MAX_FILE_BYTES, LoadReport, NewerFormatError, ProjectFileError, from_bytes,
                    to_bytes, too_big_message)
from .foreign import carry_over, declared_version, version_key
from .git_work_tree import find_work_tree
from .history_xml import history_from_bytes
from .lock import WAIT_TIMEOUT, LockHolder, acquire
from .write_gate import check_before_write, check_size, checked_bytes

__all__ = ["BACKUP_DIR_NAME", "BACKUP_STAMP", "BACKUPS_KEPT", "PROJECT_SUFFIX", "backup_dir", "backup_time",
           "list_backups"]  # where the backups live is backups.py; these names stay importable from here


@dataclass
class Loaded:
    """A project as read from disk, with the exact bytes it came from and what reading noticed."""

    project: Project
    path: Path
    data: bytes
    report: LoadReport
    # The outline, ownership, partners and properties as loaded: the base of a three-way merge on save.
    structure: Structure | None = None
    # Whether the file's newest history entry vouches for its records, worked out once when it was read,
    # so a save over the unchanged file need not read it again to know (None: not worked out).
    vouched: bool | None = None


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refusing files over ``limit`` before reading them."""
    try:
        with open_to_read(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ProjectFileError(f"{path} {too_big_message(size, limit)}")
            return handle.read(limit + 1)
    except OSError as error:
        raise ProjectFileError(describe_os_error(error, path, "read")) from None


def load(path: str | os.PathLike) -> Loaded:
    """Read, check and build the project at ``path``.

    A path through a symbolic link (a shortcut to the shared folder) is resolved here, once:
    :attr:`Loaded.path` is the real file, so its lock, its backups and the atomic replace of a save
    all happen beside it, and the link is never replaced by a local copy."""
    path = real_path(path)
    try:
        data = read_limited(path)
    except ProjectFileError as error:
        raise _with_backup(str(error), path) from None
    report = LoadReport()
    try:
        project = from_bytes(data, report)
    except ProjectFileError as error:
        raise _with_backup(f"{path}: {error}", path) from None
    return Loaded(project, path, data, report, structure_of(project), vouches_for_its_file(project))


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


def atomic_write(path: Path, data: bytes, keep_backup: bool = True, before_replace=None) -> None:
    """Write ``data`` to ``path`` atomically, keeping the version it replaces as a backup;
    ``before_replace(path)`` runs first, and whatever it raises stops the write."""

    def prepare(target: Path) -> None:
        if before_replace is not None:
            before_replace(target)
        if keep_backup:
            _keep_backup(target)

    try:
        write_atomically(Path(path), data, prepare)
    except FileWriteError as error:
        raise ProjectFileError(str(error)) from None


def _keep_backup(path: Path) -> None:
    keep_backup(path)


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
        # The save recorded itself over the records it wrote: its newest entry vouches for them.
        return Loaded(self.project, path, self.data, LoadReport(), self.structure, vouched=True)


def _read_if_present(path: Path) -> bytes | None:
    try:
        return read_limited(path)
    except ProjectFileError:
        if not path.exists():
            return None
        raise


Identity = tuple[int, int, int] | None  # (inode, size, modification time) of a file; None if absent


def _identity(path: Path) -> Identity:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ProjectFileError(describe_os_error(error, path, "read")) from None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def _read_with_identity(path: Path) -> tuple[bytes | None, Identity]:
    """The file's bytes and which file they came from, from one open handle (a stat taken apart from
    the read could describe a file renamed in between, and hide that change from the check before
    the rename); (None, None) if there is no file."""
    try:
        handle = open_to_read(path)  # closed by the with below; only opening is guarded
    except FileNotFoundError:
        return None, None
    except OSError as error:
        raise ProjectFileError(describe_os_error(error, path, "read")) from None
    with handle:
        stat = os.fstat(handle.fileno())
        if stat.st_size > MAX_FILE_BYTES:
            raise ProjectFileError(f"{path} {too_big_message(stat.st_size)}")
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise ProjectFileError(describe_os_error(error, path, "read")) from None
    return data, (stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass
class _OnDisk:
    """The file as one attempt of a save read it: its bytes, which file it was, and, when it had to be
    read as a project, that project or why it cannot be read."""

    data: bytes | None
    identity: Identity
    project: Project | None = None
    unreadable: ProjectFileError | None = None


class _Overtaken(Exception):
    """Between reading the file and replacing it, someone else saved it or took the lock: read it again."""


SAVE_ATTEMPTS = 5
# An unreadable file that changed this recently may be a sync client's download still arriving.
SETTLE_AFTER = 2.0
SETTLE_LIMIT = 10.0


def save_shared(project: Project, path: str | os.PathLike, base_data: bytes | None,
                base: Structure | None = None, *, holder: LockHolder | None = None,
                on_wait=None, timeout: float = WAIT_TIMEOUT, replace: bool = False,
                ours_label: str = "your copy", theirs_label: str = "the saved file",
                cancel: threading.Event | None = None, base_vouched: bool | None = None,
                just_read: Loaded | None = None) -> SaveResult:
    """Save ``project`` to a file others may be saving too: lock, merge, write, release.

    ``base_data`` is the bytes ``project`` was loaded from (``None`` for a new file) and ``base`` the
    structure it had then (:attr:`Loaded.structure`; worked out from ``base_data`` when missing). If
    the file changed since, what is on disk is merged with ``project`` (see :mod:`..core.merge`) and
    the merged project is written; ``project`` itself is never changed. ``replace`` writes
    ``project`` over whatever is there (kept as a backup), for deliberate overwrites.
    Raises :class:`ProjectFileError` (or :class:`LockError`) and writes nothing if the file now
    holds a different project, cannot be locked, or cannot be written; ``cancel`` (set from another
    thread) stops a save that is still waiting for the lock (:class:`SaveCancelled`).

    What the caller already knows is not worked out again: ``base_vouched`` is :attr:`Loaded.vouched`
    of ``base_data``, and ``just_read`` the file as the caller read it a moment ago, its project
    untouched (a merge of another copy into it): if the file still holds those bytes, neither is
    parsed again.
    """
    path = real_path(path)  # once: the lock and the replace happen beside the real file, never a link
    deadline = time.monotonic() + timeout
    for _ in range(SAVE_ATTEMPTS):
        with acquire(path, holder, timeout=max(deadline - time.monotonic(), 0.0), on_wait=on_wait,
                     cancel=cancel) as lock:
            try:
                return _save_once(project, path, (base_data, base, base_vouched, just_read), lock, replace,
                                  (ours_label, theirs_label))
            except _Overtaken:
                continue  # merge again with what is there now
    raise ProjectFileError(f"cannot save {path}: it kept changing while this save merged it "
                           f"({SAVE_ATTEMPTS} times); nothing was written, save again in a moment")


class ChangedOnDisk(ProjectFileError):
    """A file in a git work tree changed on disk since it was read (a git pull, checkout or merge): not
    written over, as git, not wyassembler, merges there. The message says what happened and that nothing
    was written; what to do next is each front end's to say (:meth:`advised`)."""

    def __init__(self, path: Path, gone: bool, doing: str = "save", advice: str = "") -> None:
        what = "is no longer there" if gone else "changed on disk"
        super().__init__(f"cannot {doing} {path}: it {what} since it was read here (a git pull, checkout or "
                         f"merge?), and in a git work tree git does the merging; nothing was written"
                         + (f": {advice}" if advice else ""))
        self.path, self.gone, self.doing = path, gone, doing

    def advised(self, advice: str) -> ChangedOnDisk:
        """The same refusal, ending with what the person should do now (the app's words or the command line's)."""
        return ChangedOnDisk(self.path, self.gone, self.doing, advice)


def save_in_work_tree(project: Project, path: str | os.PathLike, base_data: bytes | None, *,
                      holder: LockHolder, replace: bool = False, base_vouched: bool | None = None) -> SaveResult:
    """Save ``project`` to a file in a git work tree: through the write gate, atomically, with its save
    recorded, but no lock, no merge with the disk and no backup (git keeps the versions and merges them:
    a lock file and a backup folder would only show up in ``git status``).

    ``base_data`` is the bytes ``project`` was loaded from (None: a new file). Unless ``replace`` (a
    deliberate overwrite, Save As), a file that no longer holds those bytes is never saved over:
    :class:`ChangedOnDisk`, nothing written. Raises :class:`ProjectFileError` for anything else that stops it."""
    path = real_path(path)
    disk = _OnDisk(*_read_with_identity(path))
    if not replace and disk.data != base_data:
        raise ChangedOnDisk(path, disk.data is None)
    newer = declared_version(disk.data) if disk.data is not None and not replace else None
    if newer and version_key(newer) > version_key(FORMAT_VERSION):
        try:  # a newer minor format: what it holds that we do not know goes back into it
            disk.project = from_bytes(disk.data or b"")
        except NewerFormatError as error:
            raise NewerFormatError(f"cannot save {path}: {error}; nothing was written", error.version) from None
    saver = (holder.org, holder.person or holder.user)
    over_change = not replace and _changed_outside(disk, base_data, base_vouched)
    saved = _saved(project, disk, replace, saver, over_change)
    if disk.project is not None:
        carry_over(saved, disk.project, project)
    data = _write_in_work_tree(saved, path, disk)
    return SaveResult(saved, data, structure_of(saved))


def merge_in_work_tree(project: Project, into: Loaded, *, holder: LockHolder, ours_label: str = "your copy",
                       theirs_label: str = "the saved file") -> SaveResult:
    """Merge ``project`` (another copy of the project) into the file ``into`` was read from a moment ago,
    as :func:`save_shared` does with ``just_read``, but as a save in a git work tree is made: no lock, no
    backup, and a file git changed since ``into`` was read is not written over (:class:`ChangedOnDisk`).
    The file's versions stay current; ``project``'s clashing ones become conflict copies."""
    path = real_path(into.path)
    disk = _OnDisk(*_read_with_identity(path))
    if disk.data != into.data:
        raise ChangedOnDisk(path, disk.data is None, "merge into")
    saver = (holder.org, holder.person or holder.user)
    over_change = _changed_outside(disk, into.data, into.vouched)
    result = SaveResult(project, b"", structure_of(project))
    _merge_with_disk(result, _saved(project, None, True, saver), path, into.project, None, None,
                     (ours_label, theirs_label))
    record_save(result.project, *saver, kind=MERGE_OVER_CHANGE if over_change else "save")  # as _save_once does
    result.data = _write_in_work_tree(result.project, path, disk, "merge into")
    result.structure = structure_of(result.project)
    return result


def _write_in_work_tree(project: Project, path: Path, disk: _OnDisk, doing: str = "save") -> bytes:
    """Write ``project`` over the file ``disk`` describes, through the write gate, with no backup, unless
    git replaced that file meanwhile (:class:`ChangedOnDisk`); returns the bytes now there."""
    data = checked_bytes(project, path)
    if data == disk.data:
        return data
    _remove_abandoned_temporaries(path)

    def still_as_read(target: Path) -> None:  # git may have replaced it while we wrote ours
        if _identity(target) != disk.identity and _read_if_present(target) != disk.data:
            raise ChangedOnDisk(target, not target.exists(), doing)

    atomic_write(path, data, keep_backup=False, before_replace=still_as_read)
    return data


def _save_once(project: Project, path: Path, known: tuple, lock, replace: bool,
               labels: tuple[str, str]) -> SaveResult:
    """One attempt: read, merge, write; :class:`_Overtaken` if the file or the lock changed hands
    before the replace (POSIX cannot make the rename itself conditional, so this is checked last).
    ``known``: the base's bytes, structure and vouching, and the file as just read (see save_shared)."""
    base_data, base, base_vouched, just_read = known
    disk = _read_settled(path, lock, base_data, replace, just_read)
    result = SaveResult(project, b"", base or structure_of(project))
    if lock.took_over_unreadable:
        result.notes.append(f"the lock {lock.path} could not be read (not a lock wyassembler writes, or "
                            f"left half-written) and was taken over")
    if disk.unreadable is not None and disk.data is not None:
        result.notes.append(_replacing_unreadable_note(disk.unreadable))
    saver = (lock.holder.org, lock.holder.person or lock.holder.user)
    over_change = not replace and _changed_outside(disk, base_data, base_vouched)
    if disk.project is not None and disk.data == base_data:
        # Unchanged, but in a newer minor format: what it holds that we do not know goes back into it.
        result.project = _saved(project, disk, replace, saver, over_change)
        carry_over(result.project, disk.project, project)
    elif disk.project is not None:
        _merge_with_disk(result, _saved(project, None, True, saver), path, disk.project, base_data, base, labels)
        # made on both heads: a merge
        record_save(result.project, *saver, kind=MERGE_OVER_CHANGE if over_change else "save")
    else:
        result.project = _saved(project, disk, replace, saver, over_change)
    lock.refresh()
    _remove_abandoned_temporaries(path)
    data = to_bytes(result.project)
    result.data = data
    if data != disk.data:
        check_before_write(result.project, path)
        check_size(data, path)
        keep_opened = base_data if disk.unreadable is not None and disk.data is not None else None
        atomic_write(path, data, before_replace=lambda target: _before_replace(target, lock, disk, keep_opened,
                                                                              result.notes))
    result.structure = structure_of(result.project)
    return result


def _changed_outside(disk: _OnDisk, base_data: bytes | None, base_vouched: bool | None) -> bool:
    """Whether the readable file on disk holds records its newest history entry does not vouch for (a
    hand edit): a save over it must say so rather than vouch for the edit as its own."""
    if disk.data is None or disk.unreadable is not None:
        return False
    if disk.project is None and base_vouched is not None and disk.data == base_data:
        return not base_vouched  # the file is as loaded, and loading worked this out
    try:
        on_disk = disk.project if disk.project is not None else from_bytes(disk.data)
    except ProjectFileError:
        return False
    return not vouches_for_its_file(on_disk)


def _saved(project: Project, disk: _OnDisk | None, replace: bool, saver: tuple[str, str],
           over_change: bool = False) -> Project:
    """A copy of ``project`` with its save recorded in its history (``project`` is left as it is).
    Unless replacing, the history of the file on disk is carried forward first: a caller that kept
    editing the project it saved before has not got that save's entry, and the new one is made on it.
    ``over_change``: the file saved over was changed outside wyassembler, and the entry says so."""
    saved = copy.copy(project)
    saved.history = list(project.history)
    if not replace and disk is not None and disk.data is not None and disk.unreadable is None:
        on_disk = disk.project.history if disk.project is not None else history_from_bytes(disk.data)
        saved.history = merged_history(on_disk, saved.history)
    record_save(saved, *saver, kind=SAVE_OVER_CHANGE if over_change else "save")
    return saved


def _read_settled(path: Path, lock, base_data: bytes | None, replace: bool,
                  just_read: Loaded | None = None) -> _OnDisk:
    """The file on disk, read as a project when it must be merged. A newer format's file is refused
    (never saved over); an unreadable one is waited for while it still changes (a download arriving).
    ``just_read``: the file as the caller read it, taken as it is if the bytes are still those."""
    disk = _OnDisk(*_read_with_identity(path))
    if replace or disk.data is None:
        return disk
    if just_read is not None and disk.data == just_read.data and disk.data != base_data:
        disk.project = just_read.project
        return disk
    newer = declared_version(disk.data)
    if disk.data == base_data and not (newer and version_key(newer) > version_key(FORMAT_VERSION)):
        return disk  # unchanged since loading (a newer minor's file is read each time, to keep its elements)
    started = changed = time.monotonic()
    while True:
        try:
            disk.project = from_bytes(disk.data)
            return disk
        except NewerFormatError as error:
            raise NewerFormatError(f"cannot save {path}: {error}; nothing was written", error.version) from None
        except ProjectFileError as error:
            disk.unreadable = error
        now = time.monotonic()
        if now - changed >= SETTLE_AFTER or now - started >= SETTLE_LIMIT:
            return disk
        time.sleep(0.1)
        lock.refresh()
        again = _OnDisk(*_read_with_identity(path))
        if again.identity != disk.identity:
            changed = time.monotonic()
        disk = again
        if disk.data is None:
            return disk


def _before_replace(path: Path, lock, disk: _OnDisk, keep_opened: bytes | None, notes: list[str]) -> None:
    """Right before the rename: the lock must still be ours and the file the one we read."""
    lock.refresh()
    if not lock.held():
        raise _Overtaken("another saver took the lock over")
    now = _identity(path)
    if now != disk.identity and (now is None or disk.identity is None or _read_if_present(path) != disk.data):
        raise _Overtaken("the file changed")
    if keep_opened is not None:
        # The unreadable file is kept as a backup by the save; so is the last version we could read,
        # so that a half-downloaded file is never the only copy of the version it replaced.
        notes.append(f"the version this save started from is kept as backup {keep_bytes(path, keep_opened).name}")


def _replacing_unreadable_note(error: ProjectFileError) -> str:
    return (f"the file on disk could not be read ({error}); it was kept as a backup and replaced by this save "
            f"(restore it with 'wyassembler restore' if it was not damaged)")


ABANDONED_AFTER = 120.0


def _remove_abandoned_temporaries(path: Path) -> None:
    """Temporary files of saves that crashed before renaming them: old ones are nobody's any more."""
    now = time.time()
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - os.lstat(temp).st_mtime > ABANDONED_AFTER:  # a link is removed, never followed
                temp.unlink()
        except OSError:
            pass


def _merge_with_disk(result: SaveResult, project: Project, path: Path, theirs: Project,
                     base_data: bytes | None, base: Structure | None, labels: tuple[str, str]) -> None:
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
    # This save's entry will vouch for what it merged: say so if the file's records were not vouched for.
    merged.notes.extend(f"in {labels[1]}, {problem}" for problem in history_problems(theirs))
    carry_over(merged.project, theirs, project)  # a newer minor format's elements stay in the file
    result.project, result.notes, result.conflicts, result.merged = (
        merged.project, merged.notes, merged.new_conflicts, True)


def restore_backup(path: str | os.PathLike, number: int, *, holder: LockHolder | None = None,
                   on_wait=None, actor: Actor | None = None) -> Path:
    """Put backup ``number`` (1 = newest, as :func:`list_backups` orders them) back in place of
    ``path``, keeping the version it replaces as a backup in turn; returns the backup used.

    The restore is recorded as a change made now by ``actor`` (else the lock holder, which the caller
    names; without one, the login name) on top of the file it replaces (:mod:`..core.restore`), so a
    partner who still has the newer text open follows the restore when saving instead of undoing it.
    In a git work tree it is written as a save there is (:func:`save_in_work_tree`): no lock and no
    backup (git keeps the versions), and never over a version git put there meanwhile (:class:`ChangedOnDisk`)."""
    path = real_path(path)  # locked and replaced beside the real file, as a save is
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
    if find_work_tree(path) is not None:
        disk = _OnDisk(*_read_with_identity(path))
        current = _project_or_none(path, disk.data)
        restored = _restored(older, current, disk.data, holder, actor, backup.name, version_data)
        _write_in_work_tree(restored, path, disk, "restore")
        return backup
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
    return _project_or_none(path, data), data


def _project_or_none(path: Path, data: bytes | None) -> Project | None:
    """The project ``data`` holds; ``None`` if there is none or it cannot be read. A newer format is
    refused: a restore over it would lose what the newer version added."""
    if data is None:
        return None
    try:
        return from_bytes(data)
    except NewerFormatError as error:
        raise NewerFormatError(f"cannot restore {path}: {error}; nothing was written", error.version) from None
    except ProjectFileError:
        return None


def _restored(older: Project, current: Project | None, current_data: bytes | None, holder: LockHolder,
              actor: Actor | None, version: str, version_data: bytes) -> Project:
    """``older`` put back over ``current`` as a recorded step forward (:func:`..core.restore.restore_over`);
    over a damaged or missing file, or another project, ``older`` as it is, with the record."""
    base = current if current is not None and current.id == older.id else None
    who = actor or restoring_actor(base or older, holder.org, holder.person or holder.user)
    version_hash = sha256_hex(version_data)
    replaced_hash = sha256_hex(current_data) if current_data is not None else ""
    if base is None:
        restored = record_restore(older, who, version, version_hash, replaced_hash)
    else:
        restored = restore_over(base, older, who, version, version_hash, replaced_hash)
    record_save(restored, who.org, who.person, kind="restore")  # on the current head: a step forward
    return restored
