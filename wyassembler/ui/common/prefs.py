"""The app's own preferences: recent projects and the window's layout (QSettings, INI format).

They live beside the identity in the user's config folder, so one folder holds
everything wyassembler remembers about a user.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow

from ...settings import config_dir

RECENT_KEPT = 8


def settings() -> QSettings:
    return QSettings(str(config_dir() / "wyassembler-ui.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[Path]:
    """Recently opened projects that still exist, newest first."""
    value = settings().value("recent/files", [])
    if isinstance(value, str):
        value = [value]
    return [Path(p) for p in (value or []) if p and Path(p).exists()][:RECENT_KEPT]


def add_recent(path: Path) -> None:
    path = Path(path).resolve()
    paths = [path] + [p for p in recent_files() if p.resolve() != path]
    store = settings()
    store.setValue("recent/files", [str(p) for p in paths[:RECENT_KEPT]])
    store.sync()


def clear_recent() -> None:
    store = settings()
    store.remove("recent/files")
    store.sync()


# The docks' layout as saved before the outline got its room back (screen.PageStack) is not restored:
# it kept the outline squeezed to its number column.
WINDOW_STATE_VERSION = 1


def save_window(window: QMainWindow) -> None:
    store = settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState(WINDOW_STATE_VERSION))
    store.sync()


def restore_window(window: QMainWindow) -> bool:
    """Put the window back where the user left it; False on the first run."""
    store = settings()
    geometry = store.value("window/geometry")
    if geometry is None:
        return False
    window.restoreGeometry(geometry)
    state = store.value("window/state")
    if state is not None:
        window.restoreState(state, WINDOW_STATE_VERSION)
    return True
