"""Editing a partner's details as one undoable step (commands.py holds adding and removing one).

The step holds the organisation's id and the values before and after, never the Organisation object:
a merge of another partner's save replaces the objects, and undo must still find the partner."""

from __future__ import annotations

from ...core import partners
from .commands import CoreCommand
from .document import PROPERTIES, ProjectDocument


class EditOrganisationCommand(CoreCommand):
    """Change a partner's name, short name, lead or lead's email; undo puts the old values back."""

    what = PROPERTIES

    def __init__(self, document: ProjectDocument, org_id: str, changes: dict[str, str]) -> None:
        super().__init__(document, f"Edit the details of {document.project.org_label(org_id)}")
        self.org_id = org_id
        self.changes = dict(changes)
        self.previous: dict[str, str] = {}

    def _do(self) -> bool:
        self.previous = partners.edit_organisation(self.project, self.actor, self.org_id, **self.changes)
        org = self.project.organisation(self.org_id)
        return any(value != getattr(org, field) for field, value in self.previous.items())

    def _undo(self) -> None:
        partners.edit_organisation(self.project, self.actor, self.org_id, **self.previous)
