"""The backups of a project: a hidden folder beside it, written and pruned without following links.

``.wyassembler-backups/<file name>/`` beside the project keeps the versions
saves replaced, newest :data:`BACKUPS_KEPT`. Everything here refuses to go
through a symbolic link (a link there could send the backups, and the pruning
of old ones, into an unrelated folder), and only ever removes files whose
names it generated itself (``20260105T101500123456Z-4242.wyproj``). Errors
name the backups folder, not the project, so the user knows what to fix.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from datetime import datetime, UTC
from pathlib import Path

from ..fileio import FileWriteError, describe_os_error, real_path

PROJECT_SUFFIX = ".wyproj"
BACKUP_DIR_NAME = ".wyassembler-backups"
BACKUPS_KEPT = 20
BACKUP_STAMP = "%Y%m%dT%H%M%S%fZ"  # a backup's name starts with when it was made, so names sort by time
_GENERATED_NAME = re.compile(r"\d{8}T\d{12}Z-\d+" + re.escape(PROJECT_SUFFIX))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def backup_dir(path: str | os.PathLike) -> Path:
    """Where the backups of ``path`` live: a hidden folder beside the real file (a project reached
    through a symbolic link keeps its backups beside the file it points to), one sub-folder per file."""
    path = real_path(path)
    return path.parent / BACKUP_DIR_NAME / path.name


def _levels(path: Path) -> tuple[Path, Path]:
    folder = backup_dir(path)
    return folder.parent, folder


def _is_real_folder(folder: Path) -> bool:
    return not os.path.islink(folder) and os.path.isdir(folder)


def list_backups(path: str | os.PathLike) -> list[Path]:
    """The backups of a project, newest first: files with the names we give them, in a real folder
    (never one reached through a symbolic link)."""
    top, folder = _levels(Path(path))
    if not (_is_real_folder(top) and _is_real_folder(folder)):
        return []
    found = [folder / entry.name for entry in os.scandir(folder)
             if _GENERATED_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)]
    return sorted(found, reverse=True)


def backup_time(backup: Path) -> datetime | None:
    """When a backup was made, from its name (``20260105T101500123456Z-4242.wyproj``)."""
    try:
        return datetime.strptime(backup.name.split("-", 1)[0], BACKUP_STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def backup_folder_for_writing(path: Path) -> Path:
    """The backup folder of ``path``, made if missing; :class:`FileWriteError` naming the folder if it
    is a file, a symbolic link, or cannot be made."""
    for level in _levels(path):
        try:
            os.mkdir(level)
        except FileExistsError:
            pass
        except OSError as error:
            raise FileWriteError(describe_os_error(error, level, "make the backup folder")) from None
        if os.path.islink(level):
            raise FileWriteError(f"cannot keep a backup of {path}: {level} is a symbolic link, and backups are "
                                 f"never written through one; remove the link and save again")
        if not os.path.isdir(level):
            raise FileWriteError(f"cannot keep a backup of {path}: {level} is a file, not a folder; "
                                 f"rename or remove it and save again")
    return backup_dir(path)


def _new_name(folder: Path) -> Path:
    """A name no backup has yet (two backups in one microsecond get the next one)."""
    while True:
        stamp = datetime.now(UTC).strftime(BACKUP_STAMP)
        target = folder / f"{stamp}-{os.getpid()}{PROJECT_SUFFIX}"
        if not os.path.lexists(target):
            return target


def keep_backup(path: Path) -> Path | None:
    """Keep the file about to be replaced, then drop all but the newest :data:`BACKUPS_KEPT`;
    returns the backup made (None if there was no file)."""
    if not os.path.lexists(path):
        return None
    folder = backup_folder_for_writing(path)
    target = _new_name(folder)
    try:
        # A hard link costs nothing: os.replace gives the path a new inode and the link keeps the old one.
        os.link(path, target)
    except OSError:
        with open(path, "rb") as source:
            _write_new(target, source)
    prune(path)
    return target


def keep_bytes(path: Path, data: bytes) -> Path:
    """Keep ``data`` (a version of ``path`` no longer on disk) as its newest backup."""
    folder = backup_folder_for_writing(path)
    target = _new_name(folder)
    _write_new(target, io.BytesIO(data))
    return target


def _write_new(target: Path, source) -> None:
    """Copy ``source`` into a new file ``target``, never through a link, never over an existing file."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
    except OSError as error:
        raise FileWriteError(describe_os_error(error, target.parent, "keep a backup in")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            shutil.copyfileobj(source, handle)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        try:
            os.unlink(target)
        except OSError:
            pass
        raise FileWriteError(describe_os_error(error, target.parent, "keep a backup in")) from None


def prune(path: Path) -> None:
    """Drop all but the newest :data:`BACKUPS_KEPT` backups (only files named as we name them)."""
    for old in list_backups(path)[BACKUPS_KEPT:]:
        try:
            os.unlink(old)
        except OSError:
            pass
