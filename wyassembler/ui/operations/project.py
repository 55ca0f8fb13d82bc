"""What the Project and Edit menus do to the project as a whole: its properties, its partners,
who the person is (their identity), and the export to Word or PDF (with the Accessibility view it offers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialogs.export import ExportDialog
from .accessibility import AccessibilityOperations
from ..dialogs.forms import IdentityDialog, keep_identity
from ..dialogs.project import PartnersDialog, PropertiesDialog
from ...core import refusals
from ..project import commands
from ..project.partner_commands import EditOrganisationCommand

if TYPE_CHECKING:
    from ..main_window import MainWindow


class ProjectOperations:
    """Properties, partners, identity and export for one window; the window owns it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        # The partners dialog while it is open: its requests come back here, and it is refreshed after each.
        self.partners_dialog: PartnersDialog | None = None
        self.accessibility = AccessibilityOperations(window)  # builds and wires its own dock: the window is full

    def edit_properties(self) -> None:
        """Edit the project's properties (the coordinator changes them; others read them)."""
        document = self.window.document
        if document is None:
            return
        dialog = PropertiesDialog(document.project, document.may_restructure(), self.window, _why_not(document))
        if dialog.exec() == PropertiesDialog.DialogCode.Accepted:
            changes = dialog.changes()
            if not changes:
                return
            signer = None
            if "coordinator" in changes or changes.get("require_signatures") is True or (
                    "require_signatures" in changes and document.project.signature_policies):
                # A new coordinator, the ownership vouched for when signatures go on, and the requirement's
                # changes once a record made it, are signed records.
                go_on, signer = self.window.keys.decision_signer("The change is signed with your key.")
                if not go_on:
                    return
            self.window.run("The properties were not changed.",
                            commands.SetPropertiesCommand(document, changes, signer=signer))

    def edit_partners(self) -> None:
        """The partners dialog: each addition or removal is its own command while it is open."""
        document = self.window.document
        if document is None:
            return
        dialog = PartnersDialog(document.project, document.may_restructure(), self.window, _why_not(document))
        dialog.add_requested.connect(self._add_partner)
        dialog.edit_requested.connect(self._edit_partner)
        dialog.remove_requested.connect(self._remove_partner)
        self.partners_dialog = dialog
        try:
            dialog.exec()
        finally:
            self.partners_dialog = None

    def _add_partner(self, name: str, short_name: str, lead: str, email: str) -> None:
        document, dialog = self.window.document, self.partners_dialog
        if document is None or dialog is None:
            return
        if self.window.run("The partner was not added.",
                           commands.AddOrganisationCommand(document, name, short_name, lead, email)):
            dialog.clear_form()
            dialog.refresh(document.project)

    def _edit_partner(self, org_id: str, changes: dict[str, str]) -> None:
        document, dialog = self.window.document, self.partners_dialog
        if document is None or dialog is None:
            return
        if self.window.run("The partner's details were not changed.",
                           EditOrganisationCommand(document, org_id, changes)):
            dialog.refresh(document.project)

    def _remove_partner(self, org_id: str) -> None:
        document, dialog = self.window.document, self.partners_dialog
        if document is None or dialog is None:
            return
        if self.window.run("The partner was not removed.", commands.RemoveOrganisationCommand(document, org_id)):
            dialog.refresh(document.project)

    def change_identity(self) -> None:
        """Edit › Your Identity: who the person is, kept for next time and acting from now on."""
        window = self.window
        document = window.document
        dialog = IdentityDialog(window.identity, document.project if document else None, window)
        if dialog.exec() != IdentityDialog.DialogCode.Accepted:
            return
        identity = dialog.identity()
        window.identity = identity
        keep_identity(window, identity)
        if document is not None:
            window.commit_editor()
            document.set_identity(identity)
        window.update_everything()

    def export(self) -> None:
        """Export to Word or PDF (the dialog runs the export on its own thread)."""
        document = self.window.document
        if document is None or not self.window.commit_editor():
            return
        ExportDialog(document.project, document.path, self.window,
                     show_accessibility=self.accessibility.show).exec()


def _why_not(document) -> str:
    """Why the acting person may only read the properties and partners ("" when they may change them)."""
    if document.actor is None:
        return "Say who you are first (Edit \u203a Your Identity\u2026)"
    return refusals.why_not_restructure(document.project, document.actor) or ""
