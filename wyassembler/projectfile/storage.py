"""Reading and writing project files on disk: size-limited reads, atomic saves, rotating backups.

A save never leaves a half-written project: the new bytes go to a temporary
file in the same folder, are flushed and fsynced, and only then replace the
project with ``os.replace``. The version being replaced is kept in a backup
folder beside the project, so every partner on a shared drive can reach it.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..core.model import Project
from .codec import MAX_FILE_BYTES, LoadReport, ProjectFileError, from_bytes, to_bytes

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


def _describe_os_error(error: OSError, path: Path, doing: str) -> str:
    reason = {
        errno.ENOENT: "no such file or folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk is read-only",
        errno.EISDIR: "it is a folder, not a file",
        errno.ENAMETOOLONG: "the name is too long",
    }.get(error.errno, error.strerror or str(error))
    return f"cannot {doing} {path}: {reason}"


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refusing files over ``limit`` before reading them."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ProjectFileError(f"{path} is {size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB a project may be")
            return handle.read(limit + 1)
    except OSError as error:
        raise ProjectFileError(_describe_os_error(error, path, "read")) from None


def load(path: str | os.PathLike) -> Loaded:
    """Read, check and build the project at ``path``."""
    path = Path(path)
    data = read_limited(path)
    report = LoadReport()
    try:
        project = from_bytes(data, report)
    except ProjectFileError as error:
        raise ProjectFileError(f"{path}: {error}") from None
    return Loaded(project, path, data, report)


def load_project(path: str | os.PathLike) -> Project:
    return load(path).project


def backup_dir(path: Path) -> Path:
    """Where the backups of ``path`` live: a hidden folder beside it, one sub-folder per project file."""
    return path.parent / BACKUP_DIR_NAME / path.name


def list_backups(path: str | os.PathLike) -> list[Path]:
    """The backups of a project, newest first."""
    folder = backup_dir(Path(path))
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{PROJECT_SUFFIX}"), reverse=True)


def _keep_backup(path: Path) -> None:
    """Keep the file about to be replaced, then drop all but the newest BACKUPS_KEPT."""
    if not path.exists():
        return
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
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
    """Write ``data`` to ``path`` so that readers only ever see the old or the new bytes, whole."""
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ProjectFileError(_describe_os_error(error, folder, "save in")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup:
            _keep_backup(path)
        os.replace(temp_name, path)
    except OSError as error:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise ProjectFileError(_describe_os_error(error, path, "save")) from None
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_project(project: Project, path: str | os.PathLike, keep_backup: bool = True) -> bytes:
    """Save ``project`` atomically to ``path``; returns the bytes written."""
    data = to_bytes(project)
    atomic_write(Path(path), data, keep_backup)
    return data
