"""What Section › Mark Confidential… and Mark Public do: one confidentiality mark on the selected section,
one undo step, run through the window, signed with the person's key when it may sign for their
organisation (:meth:`KeyOperations.decision_signer`), as a sign-off is.

Who may mark a section, and why not, is the core's (:func:`core.refusals.why_not_mark`, shown by the
disabled actions); this object wires its two actions itself, so the window does not grow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.confidentiality import confidential_reason
from ..dialogs.confidential import ConfidentialDialog
from ..project.record_commands import MarkSectionCommand

if TYPE_CHECKING:
    from ..main_window import MainWindow


class ConfidentialityOperations:
    """Marking sections confidential or public for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        window.app_actions.mark_confidential.triggered.connect(self.mark_confidential)
        window.app_actions.mark_public.triggered.connect(self.mark_public)

    def mark_confidential(self) -> None:
        """Ask why the selected section is confidential (required), then mark it so."""
        document, section = self.window.document, self.window.current_section()
        if document is None or section is None:
            return
        before = confidential_reason(section) or ""
        what = f"section {document.project.number_of(section)} \u201c{section.heading}\u201d"
        dialog = ConfidentialDialog(what, before, self.window)
        if dialog.exec() != ConfidentialDialog.DialogCode.Accepted or dialog.text() == before:
            return
        go_on, signer = self.window.keys.decision_signer("The mark will be signed with your key.")
        if go_on:
            self.window.run("The section was not marked confidential.",
                            MarkSectionCommand(document, section, True, dialog.text(), signer=signer))

    def mark_public(self) -> None:
        """Mark the selected section public again: the public copy includes it."""
        document, section = self.window.document, self.window.current_section()
        if document is None or section is None:
            return
        go_on, signer = self.window.keys.decision_signer("The mark will be signed with your key.")
        if go_on:
            self.window.run("The section was not marked public.",
                            MarkSectionCommand(document, section, False, signer=signer))
