"""Recognising the copies sync clients make beside a project when two computers changed it at once.

OneDrive and SharePoint keep the other computer's version as
``name-MACHINE.wyproj``; Dropbox as ``name (J. Smith's conflicted copy
2026-01-05).wyproj``; Nextcloud and ownCloud as ``name (conflicted copy
2026-01-05 101500).wyproj``; Syncthing as
``name.sync-conflict-20260105-101500-ABCDEF1.wyproj``; Google Drive as
``name (1).wyproj``. :func:`find_sync_copies` picks them out of a folder
listing, so the app can offer to merge them (which checks that each really is
a copy of the same project before touching anything).

This is a pure function of names: it reads no folder itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SUFFIX = ".wyproj"


@dataclass(frozen=True)
class SyncCopy:
    """A file that looks like a sync client's copy of the project."""

    name: str
    client: str
    # What the name says about where the copy came from: a machine, a person, a date.
    detail: str


def _patterns(stem: str) -> list[tuple[str, re.Pattern[str]]]:
    s = re.escape(stem)
    ext = re.escape(SUFFIX)
    return [
        ("Dropbox", re.compile(rf"{s} \((?P<detail>[^()]*conflicted copy[^()]*(?:\(\d+\))?)\){ext}", re.I)),
        ("Nextcloud", re.compile(rf"{s} \((?P<detail>conflict(?:ed copy)? [^()]*)\){ext}", re.I)),
        ("Syncthing", re.compile(rf"{s}\.sync-conflict-(?P<detail>[0-9]{{8}}-[0-9]{{6}}(?:-[A-Z0-9]+)?){ext}", re.I)),
        ("Google Drive", re.compile(rf"{s} \((?P<detail>[0-9]+)\){ext}", re.I)),
        ("OneDrive", re.compile(rf"{s}-(?P<detail>[A-Za-z0-9][A-Za-z0-9_-]{{0,62}}?)(?:-[0-9]+)?{ext}", re.I)),
    ]


def find_sync_copies(project_name: str, names: Iterable[str]) -> list[SyncCopy]:
    """The names in ``names`` (one folder's listing) that look like sync-client copies of the project
    file ``project_name``, sorted by name. The project itself, hidden files (locks, temporary files,
    backups) and other projects' files are left out."""
    if not project_name.lower().endswith(SUFFIX):
        return []
    stem = project_name[: -len(SUFFIX)]
    patterns = _patterns(stem)
    found = []
    for name in names:
        if name == project_name or name.startswith(".") or not name.lower().endswith(SUFFIX):
            continue
        for client, pattern in patterns:
            match = pattern.fullmatch(name)
            if match:
                found.append(SyncCopy(name, client, match.group("detail")))
                break
    return sorted(found, key=lambda copy: copy.name)
