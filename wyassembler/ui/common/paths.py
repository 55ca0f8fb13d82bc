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


def typed_file(text: str) -> Path | None:
    """The file a name typed into a "Save as" field means, or None while it names no file yet: nothing,
    ".", "..", "~", a root or drive ("/", "C:\\"), or a folder ending in its separator. pathlib's
    with_name/with_suffix raise ValueError on the first of those, and quietly take the folder for the file
    on the last ("reports/" has the name "reports"), so look here first."""
    text = text.strip()
    if not text or text.endswith(("/", "\\")):
        return None
    path = Path(text)
    return path if path.name not in ("", ".", "..", "~") else None


def typed_path(text: str) -> Path:
    """A typed path with "~" expanded, or as typed when it cannot be (an unknown user's "~bob", no home
    folder): expanduser raises RuntimeError there, and the name is then only an odd file name."""
    path = Path(text.strip())
    try:
        return path.expanduser()
    except RuntimeError:
        return path
