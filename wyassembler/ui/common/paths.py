"""How a file is named in a question to the person: with its folder, so a copy on the shared drive and
one on the desktop with the same name are never mistaken for each other."""

from __future__ import annotations

from pathlib import Path


def in_folder(path: Path) -> str:
    """"in the folder /shared/West Yorkshire": where ``path`` is."""
    return f"in the folder {path.parent}"


def file_in_folder(path: Path) -> str:
    """"response.wyproj in the folder /shared/West Yorkshire"."""
    return f"{path.name} {in_folder(path)}"
