"""The one check every project passes before its bytes reach the disk.

Every writer of a project file (the command line, the app's save and autosave,
merging, restoring a backup, importing from Word) gets its bytes from
:func:`checked_bytes`, so none can write a project that could not be read back:
ids unique, references resolved, each section's history without loops, the
consultation's questions as the file can hold them (ids, numbers, a choice among
the options), the format 1.6 records as a command makes them (:func:`.partner_xml.record_problems`), the
format 1.7 review records as the file can hold them (:func:`.review_xml.review_problems`),
and each revision's content matching its recorded hash
(:func:`~wyassembler.core.integrity.write_problems`). A project that fails is
not written at all, and the error says why in one line.
"""

from __future__ import annotations

import os

from ..core.errors import WyassemblerError
from ..core.integrity import write_problems
from ..core.model import Project
from . import codec
from .codec import ProjectFileError, to_bytes
from .partner_xml import record_problems
from .review_xml import review_problems


class WriteRefused(ProjectFileError):
    """A project the write gate stopped: nothing was written."""


def _cannot_save(path: str | os.PathLike | None) -> str:
    return f"cannot save {path}" if path is not None else "cannot save the project"


def check_before_write(project: Project, path: str | os.PathLike | None = None) -> None:
    """Raise :class:`WriteRefused` naming the first problem if ``project`` must not be written."""
    try:
        problems = write_problems(project) + record_problems(project) + review_problems(project)
    except WyassemblerError as error:  # a walk that met a loop in the outline
        problems = [str(error)]
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise WriteRefused(f"{_cannot_save(path)}: {problems[0]}{more}; nothing was written")


def check_size(data: bytes, path: str | os.PathLike | None = None) -> None:
    """Refuse bytes the reader would refuse: a file over the size every open accepts could never be
    opened again, by anyone."""
    if len(data) > codec.MAX_FILE_BYTES:
        raise WriteRefused(f"{_cannot_save(path)}: the file would be {len(data) / 1e6:.1f} MB, over the "
                           f"{codec.MAX_FILE_BYTES / 1e6:.0f} MB a project may be; nothing was written")


def checked_bytes(project: Project, path: str | os.PathLike | None = None) -> bytes:
    """The bytes of ``project`` as a project file, once it has passed :func:`check_before_write`
    and they are within the size the reader accepts."""
    check_before_write(project, path)
    data = to_bytes(project)
    check_size(data, path)
    return data
