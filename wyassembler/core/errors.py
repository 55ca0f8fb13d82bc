"""Errors that carry a message fit to show a user as it is."""


class WyassemblerError(Exception):
    """Base class: the message is one plain sentence for the user."""


class ContentError(WyassemblerError, ValueError):
    """Content that the content model cannot hold."""


class NotFoundError(WyassemblerError, LookupError):
    """A section, organisation or revision that does not exist."""


class PermissionDenied(WyassemblerError):
    """The acting organisation may not do this."""


class OutlineError(WyassemblerError, ValueError):
    """A structural change the outline cannot take (too deep, a cycle...)."""


class ExportCancelled(WyassemblerError):
    """The person cancelled an export before its file was written: nothing was written."""

    def __init__(self, message: str = "the export was cancelled; nothing was written") -> None:
        super().__init__(message)
