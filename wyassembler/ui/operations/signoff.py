"""What the Sign-off menu does: approve a section, request changes to it, endorse the whole
response (plainly, or with reservations), decline it or request changes to it, record the authority
under which the organisation approved it; each one command, run through the window, signed with the
person's key when it may sign for their organisation (:meth:`KeyOperations.decision_signer`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core import signoff
from ..dialogs.authority import AuthorityDialog
from ..dialogs.endorse import DECLINE, WITH_RESERVATIONS, EndorseDialog
from ..dialogs.forms import NoteDialog
from .review import ReviewOperations
from ..project.record_commands import (DeclineCommand, EndorseCommand, EndorseWithReservationsCommand,
                                       RecordAuthorityCommand, SignOffCommand)

if TYPE_CHECKING:
    from ..main_window import MainWindow


class SignoffOperations:
    """Sign-off for one window; the window owns it and wires its actions to it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        # Wired here, not in the window (which is at its size limit).
        window.app_actions.endorse_choice.triggered.connect(self.endorse_or_decline)
        window.app_actions.record_authority.triggered.connect(self.record_authority)
        self.review = ReviewOperations(window)  # stale approvals' changes and proposals: the bar above the section

    def sign_off(self) -> None:
        """Approve the selected section for the acting organisation."""
        document, section = self.window.document, self.window.current_section()
        if document is None or section is None:
            return
        go_on, signer = self.window.keys.decision_signer()
        if go_on:
            self.window.run("The section was not signed off.",
                            SignOffCommand(document, section, signoff.APPROVED, signer=signer))

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
                            SignOffCommand(document, section, signoff.CHANGES_REQUESTED, dialog.text(),
                                                    signer=signer))

    def endorse(self) -> None:
        """Endorse the whole response for the acting organisation."""
        document = self.window.document
        if document is None:
            return
        go_on, signer = self.window.keys.decision_signer()
        if go_on:
            self.window.run("The response was not endorsed.",
                            EndorseCommand(document, signoff.APPROVED, signer=signer))

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
                            EndorseCommand(document, signoff.CHANGES_REQUESTED, dialog.text(), signer=signer))

    def endorse_or_decline(self) -> None:
        """Endorse the whole response, with reservations or without, or decline it: the dialog's choice."""
        document = self.window.document
        if document is None or document.actor is None:
            return
        dialog = EndorseDialog(document.project, document.actor.org, self.window)
        if dialog.exec() != EndorseDialog.DialogCode.Accepted:
            return
        go_on, signer = self.window.keys.decision_signer()
        if not go_on:
            return
        choice = dialog.choice()
        if choice == DECLINE:
            self.window.run("The decline was not recorded.",
                            DeclineCommand(document, dialog.note(), dialog.named.isChecked(), signer=signer))
        elif choice == WITH_RESERVATIONS:
            self.window.run("The response was not endorsed.",
                            EndorseWithReservationsCommand(document, dialog.reservations(), signer=signer))
        else:
            self.window.run("The response was not endorsed.",
                            EndorseCommand(document, signoff.APPROVED, signer=signer))

    def record_authority(self) -> None:
        """Record how the acting organisation approved the response."""
        document = self.window.document
        if document is None or document.actor is None:
            return
        dialog = AuthorityDialog(document.project, document.actor.org, self.window)
        if dialog.exec() != AuthorityDialog.DialogCode.Accepted:
            return
        go_on, signer = self.window.keys.decision_signer("The record will be signed with your key.")
        if go_on:
            self.window.run("The authority was not recorded.",
                            RecordAuthorityCommand(document, dialog.chosen_kind(), dialog.reference.text(),
                                                   dialog.decided_on(), signer=signer))
