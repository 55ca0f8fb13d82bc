"""What the window and its dialogs need of project files, in one place: ui/ reaches the file through
ui/project/ and ui/operations/ only (docs/architecture.md, "Layers"), so the lock, the merge and the
write gate stay where saving is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ...core.model import Project
from ...projectfile import storage
from ...projectfile.codec import ProjectFileError, from_bytes
from ...projectfile.git_work_tree import find_work_tree
from ...resource_files import SAMPLE, resource_bytes

BACKUPS_KEPT = storage.BACKUPS_KEPT
BACKUP_DIR_NAME = storage.BACKUP_DIR_NAME


def in_work_tree(path: Path) -> bool:
    """Whether ``path`` is in a git work tree, where saves and restores keep no backups (git keeps the versions)."""
    return find_work_tree(path) is not None


def load_project(path: Path) -> storage.Loaded:
    """The project at ``path`` as read for editing (see :func:`.storage.load`); raises on anything unreadable."""
    return storage.load(path)


def sample_project() -> Project:
    """The West Yorkshire 2005 response shipped with the app."""
    return from_bytes(resource_bytes(*SAMPLE))


def project_from_bytes(data: bytes) -> Project:
    """A project from the bytes of a project file (recovered work, say); raises if they are not one."""
    return from_bytes(data)


@dataclass(frozen=True)
class Backup:
    """One backup of a project file: where it is and when it was saved (None if its name does not say)."""

    path: Path
    time: datetime | None


def backups(path: Path) -> list[Backup]:
    """The backups of the project at ``path``, newest first (number 1 is the first)."""
    return [Backup(backup, storage.backup_time(backup)) for backup in storage.list_backups(path)]


def read_backup(backup: Path) -> Project:
    """The project a backup holds; :class:`BackupUnreadable` says why it cannot be opened."""
    try:
        return from_bytes(storage.read_limited(backup))
    except ProjectFileError as error:
        raise BackupUnreadable(str(error)) from error


class BackupUnreadable(Exception):
    """A backup that is not a readable project file; the message says why."""
