"""The user's own folders and settings: identity, recent files, logs (through platformdirs).

Config (identity, recent files) goes in the user's config folder; recovery
files in the data folder; the log in the log folder, as each platform expects.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from .core.presets import organisation_name
from .core.text import clean_text

APP_NAME = "wyassembler"
APP_AUTHOR = "wyassembler"
IDENTITY_FILE = "identity.json"


def config_dir() -> Path:
    return Path(os.environ.get("WYASSEMBLER_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def data_dir() -> Path:
    return Path(os.environ.get("WYASSEMBLER_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(os.environ.get("WYASSEMBLER_LOG_DIR") or platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


@dataclass
class Identity:
    """Who uses this copy of wyassembler: a name, an organisation (id, short or full name) and a role."""

    name: str
    organisation: str
    role: str = "contributor"

    def __post_init__(self) -> None:
        # Cleaned as the core cleans every name, so what the dialog or the saved file gives can be
        # written into a project; one-line fields, so a pasted line break becomes a space.
        self.name = clean_text(self.name)
        self.organisation = clean_text(self.organisation)
        self.role = clean_text(self.role)

    def label(self) -> str:
        """"H. Dawson \u00b7 West Yorkshire Joint Services": the organisation by its name where the presets know
        its id (a saved identity holds the id), as given otherwise."""
        return f"{self.name} \u00b7 {organisation_name(self.organisation)}"


def load_identity() -> Identity | None:
    """The saved identity, or ``None`` if there is none or it cannot be read."""
    try:
        raw = json.loads((config_dir() / IDENTITY_FILE).read_text(encoding="utf-8"))
        name, organisation = raw["name"], raw["organisation"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # A name or organisation that is missing ("organisation": null) or empty once cleaned is no
    # identity: ask again.
    if not isinstance(name, str) or not isinstance(organisation, str):
        return None
    role = raw.get("role")
    try:
        identity = Identity(name, organisation, role if isinstance(role, str) else "")
    except ValueError:  # a name over the size a project can hold (core.text.TextTooLong)
        return None
    if not identity.name or not identity.organisation:
        return None
    identity.role = identity.role or "contributor"
    return identity


def save_identity(identity: Identity) -> Path:
    """Keep who you are in the config folder, atomically like every file we write."""
    from .fileio import write_atomically

    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / IDENTITY_FILE
    write_atomically(path, json.dumps(asdict(identity), indent=2).encode("utf-8"))
    return path


def log_file() -> Path:
    return log_dir() / "wyassembler.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to a rotating file in the user's log folder; returns its path, or ``None`` if it cannot be written."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return path
