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


class FinalExportRefused(WyassemblerError):
    """A final export refused for what the response lacks: ``reason`` says what in a phrase, ``missing``
    lists it one a line under the heading ``LIST``; the message points to a marked draft instead."""

    LIST = "Missing"

    def __init__(self, reason: str, missing: str) -> None:
        self.reason = reason
        self.missing = missing
        super().__init__(self.said("export a marked draft with --draft"))

    def said(self, way_out: str) -> str:
        """The refusal with ``way_out`` (how to get a marked draft where the person is) in its brackets."""
        return f"{self.reason}, so it cannot be exported as final ({way_out}). {self.LIST}:\n{self.missing}"


class ExportCancelled(WyassemblerError):
    """The person cancelled an export before its file was written: nothing was written."""

    def __init__(self, message: str = "the export was cancelled; nothing was written") -> None:
        super().__init__(message)
