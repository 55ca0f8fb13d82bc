"""What the Sign-off menu does: approve a section, request changes to it, endorse the whole
response or request changes to it; each one command, run through the window, signed with the
person's key when it may sign for their organisation (:meth:`KeyOperations.decision_signer`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core import signoff
from ..dialogs.forms import NoteDialog
from ..project import commands

if TYPE_CHECKING:
    from ..main_window import MainWindow


class SignoffOperations:
    """Sign-off for one window; the window owns it and wires its actions to it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def sign_off(self) -> None:
        """Approve the selected section for the acting organisation."""
        document, section = self.window.document, self.window.current_section()
        if document is None or section is None:
            return
        go_on, signer = self.window.keys.decision_signer()
        if go_on:
            self.window.run("The section was not signed off.",
                            commands.SignOffCommand(document, section, signoff.APPROVED, signer=signer))

    def request_changes(self) -> None:
        """Ask the selected section's owner for changes, with a note saying what."""
        document, section = self.window.document, self.window.current_section()
        if document is None or section is None:
            return
        number = document.project.number_of(section)
        dialog = NoteDialog(f"section {number} \u201c{section.heading}\u201d", self.window)
        if dialog.exec() != NoteDialog.DialogCode.Accepted:
            return
        go_on, signer = self.window.keys.decision_signer()
        if go_on:
            self.window.run("The request for changes was not recorded.",
                            commands.SignOffCommand(document, section, signoff.CHANGES_REQUESTED, dialog.text(),
                                                    signer=signer))

    def endorse(self) -> None:
        """Endorse the whole response for the acting organisation."""
        document = self.window.document
        if document is None:
            return
        go_on, signer = self.window.keys.decision_signer()
        if go_on:
            self.window.run("The response was not endorsed.",
                            commands.EndorseCommand(document, signoff.APPROVED, signer=signer))

    def request_changes_to_response(self) -> None:
        """Ask for changes to the whole response, with a note saying what."""
        document = self.window.document
        if document is None:
            return
        dialog = NoteDialog("the whole response", self.window)
        if dialog.exec() != NoteDialog.DialogCode.Accepted:
            return
        go_on, signer = self.window.keys.decision_signer()
        if go_on:
            self.window.run("The request for changes was not recorded.",
                            commands.EndorseCommand(document, signoff.CHANGES_REQUESTED, dialog.text(), signer=signer))
