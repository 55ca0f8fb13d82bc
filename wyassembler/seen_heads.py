"""The newest history entry this user has seen of each project file, kept in the user's data folder.

One small JSON file per project id (``history/<project id>.json``), mapping each file's real path to
the id of the newest entry (:mod:`.core.history`) seen in it. Kept per file, not per project: an
offline copy taken home and a shared file are two lines of one project, and neither is an older
copy of the other. Opening a file whose history lacks the entry remembered for it warns
(:func:`~.core.history.history_warning`): an older copy was put back, or its history rewritten.

A file in a git work tree is not watched: a checkout of another branch, a reset or a pull puts another
line of history in place on purpose, and git keeps every version and shows a rollback in its log, so a
warning there would only ever be a false alarm (remembering per branch would still cry wolf at a reset).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .core.history import contains, head
from .core.model import Project
from .fileio import FileWriteError, write_atomically
from .projectfile.git_work_tree import find_work_tree
from .settings import data_dir

FOLDER = "history"


def _record_path(project_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", project_id).lstrip(".") or "_"
    return data_dir() / FOLDER / f"{safe}.json"


def _seen(project_id: str) -> dict[str, str]:
    try:
        raw = json.loads(_record_path(project_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        return {}
    return {path: entry for path, entry in files.items() if isinstance(path, str) and isinstance(entry, str)}


def seen_head(project_id: str, path: str | Path) -> str | None:
    """The id of the newest history entry this user has seen in the file at ``path``, if any; None for
    a file in a git work tree, which is not watched (see the module's docstring)."""
    if find_work_tree(path) is not None:
        return None
    return _seen(project_id).get(str(Path(path).resolve()))


def remember_head(project: Project, path: str | Path, *, deliberate: bool = False) -> bool:
    """Remember ``project``'s newest entry as seen in the file at ``path``, when it is newer than (made on)
    the one remembered, or ``deliberate`` (a restore this user made). A file that went back keeps the
    older remembered entry, so the warning stays until someone restores deliberately. Returns whether
    it was written; a data folder that cannot be written is no reason to stop (nothing is lost). A file in
    a git work tree is not remembered (see the module's docstring)."""
    newest = head(project)
    if newest is None or find_work_tree(path) is not None:
        return False
    files = _seen(project.id)
    key = str(Path(path).resolve())
    before = files.get(key)
    if before == newest.id or (before and not deliberate and not contains(project, before)):
        return False
    files[key] = newest.id
    record = _record_path(project.id)
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(record, json.dumps({"project": project.id, "files": files}, indent=2).encode("utf-8"))
    except (OSError, FileWriteError):
        return False
    return True
