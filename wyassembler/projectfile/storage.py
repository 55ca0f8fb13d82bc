"""Reading and writing project files on disk: size-limited reads, atomic saves, rotating backups.

A save never leaves a half-written project: the new bytes go to a temporary
file in the same folder, are flushed and fsynced, and only then replace the
project with ``os.replace``. The version being replaced is kept in a backup
folder beside the project, so every partner on a shared drive can reach it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..core.model import Project
from ..fileio import FileWriteError, describe_os_error, write_atomically
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
    """Write ``data`` to ``path`` atomically, keeping the version it replaces as a backup."""
    try:
        write_atomically(Path(path), data, _keep_backup if keep_backup else None)
    except FileWriteError as error:
        raise ProjectFileError(str(error)) from None


def save_project(project: Project, path: str | os.PathLike, keep_backup: bool = True) -> bytes:
    """Save ``project`` atomically to ``path``; returns the bytes written."""
    data = to_bytes(project)
    atomic_write(Path(path), data, keep_backup)
    return data
