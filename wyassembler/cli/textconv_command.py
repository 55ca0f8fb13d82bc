"""``textconv``: a project as readable text on stdout, for ``git diff`` and ``git log -p``.

git runs it (``diff.wyassembler.textconv``, registered by ``git-setup``) on a temporary copy of each
version and diffs the texts. The text is always UTF-8 with LF line ends, whatever the console's encoding:
git compares bytes, and a version written in another code page would show every line as changed. A file
that cannot be read gives one line on stderr and exit 1. A version that is read but is no project (a
line merge's ``<<<<<<<`` markers, bytes that are not text) is shown as its raw text under a line saying
so, exit 0: git stops the whole ``git log -p`` or ``git diff`` at a converter that fails, hiding every
older commit, and the raw text is what the user needs to see there.
"""

from __future__ import annotations

import argparse
import hashlib
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


def raw_text(data: bytes, why: str) -> str:
    """What git shows for a version that is no project: a line saying why, then its text as it stands
    (LF line ends), or for bytes that are not UTF-8 how many there are and a digest, so two such
    versions still differ in the diff."""
    heading = f"(not a readable wyassembler project: {why})\n"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return heading + f"({len(data)} bytes that are not UTF-8 text, sha256 {hashlib.sha256(data).hexdigest()})\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return heading + text + ("" if text.endswith("\n") else "\n")


def cmd_textconv(args: argparse.Namespace) -> int:
    """Write the project's text to stdout as UTF-8 bytes; an unreadable project is one line on stderr."""
    data = _project_bytes(args.project)
    if not data.strip():
        return 0  # an empty version (the file emptied in a commit) reads as no text, as git shows it
    try:
        text = project_text(from_bytes(data))
    except WyassemblerError as error:
        where = "standard input" if args.project == STDIN else args.project
        sys.stderr.write(f"wyassembler textconv: {where}: {error}\n")
        text = raw_text(data, str(error))
    sys.stdout.flush()  # anything written through the text layer goes first
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
