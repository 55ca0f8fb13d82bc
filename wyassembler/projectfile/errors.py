"""The errors reading a project file raises: each message names the file's problem in one line."""

from __future__ import annotations

from ..core.errors import WyassemblerError


class ProjectFileError(WyassemblerError):
    """A project file that cannot be read: the message names the file's problem in one line."""


class NewerFormatError(ProjectFileError):
    """A file written by a newer wyassembler that this version cannot fully read (``version`` wrote it):
    never opened, and never saved over, so its newer content is not lost."""

    def __init__(self, message: str, version: str) -> None:
        super().__init__(message)
        self.version = version
