"""``textconv``: a project as readable text on stdout, for ``git diff`` and ``git log -p``.

git runs it (``diff.wyassembler.textconv``, registered by ``git-setup``) on a temporary copy of each
version and diffs the texts. The text is always UTF-8 with LF line ends, whatever the console's encoding:
git compares bytes, and a version written in another code page would show every line as changed. A file
that cannot be read gives one line on stderr and exit 1 (git then reports the conversion failed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import WyassemblerError
from ..core.textconv import project_text
from ..projectfile import storage
from ..projectfile.codec import MAX_FILE_BYTES, from_bytes, too_big_message
from .commands import CommandError

STDIN = "-"


def _project_bytes(name: str) -> bytes:
    """The file's bytes (or standard input's, for ``-``), refusing more than a project may be."""
    if name != STDIN:
        return storage.read_limited(Path(name))
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise CommandError(f"standard input {too_big_message(len(data))}")
    return data


def cmd_textconv(args: argparse.Namespace) -> int:
    """Write the project's text to stdout as UTF-8 bytes; an unreadable project is one line on stderr."""
    data = _project_bytes(args.project)
    if not data.strip():
        return 0  # an empty version (the file emptied in a commit) reads as no text, as git shows it
    try:
        project = from_bytes(data)
    except WyassemblerError as error:
        where = "standard input" if args.project == STDIN else args.project
        raise CommandError(f"{where}: {error}") from None
    text = project_text(project)
    sys.stdout.flush()  # anything written through the text layer goes first
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
