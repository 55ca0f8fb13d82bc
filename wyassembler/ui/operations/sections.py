"""What the Section menu and the outline do: add, rename, delete, move, indent, outdent, ownership.

Every change becomes one command from :mod:`..project.commands`, run through the window (so what was
typed is committed first and a refusal from the core comes back as a dialog in its own words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ...core.model import Section
from ...core.outline import descendants
from ...core.permissions import is_coordinator
from ..dialogs.forms import AddSectionDialog, OwnershipDialog
from ..project import commands
from .comments import CommentOperations
from .confidentiality import ConfidentialityOperations
from ..project.document import ProjectDocument

if TYPE_CHECKING:
    from ..main_window import MainWindow


class SectionOperations:
    """The outline's changes for one window; the window owns it and wires its actions to it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        # Section › Mark Confidential… and Mark Public: their own object, wired here (the window is full).
        self.confidentiality = ConfidentialityOperations(window)
        self.comments = CommentOperations(window)  # the Comments dock and its actions, wired there too

    def _current(self) -> tuple[ProjectDocument, Section] | None:
        """The open project and the section selected in the outline, if both."""
        document, section = self.window.document, self.window.current_section()
        return (document, section) if document is not None and section is not None else None

    def add_section(self) -> None:
        """A new section after the selected one (at the end if none is)."""
        document = self.window.document
        if document is None:
            return
        current = self.window.current_section()
        project = document.project
        parent, index = None, None
        if current is not None:
            parent, _, at = project.location(current)
            index = at + 1
        where = (f"The new section goes after {project.number_of(current)} \u201c{current.heading}\u201d."
                 if current is not None else "The new section goes at the end.")
        default_owner = document.actor.org if document.actor else None
        dialog = AddSectionDialog(project, default_owner, where, self.window)
        if dialog.exec() != AddSectionDialog.DialogCode.Accepted:
            return
        heading, owner = dialog.values()
        self._add(document, heading, owner, parent, index)

    def add_subsection(self) -> None:
        """A new section inside the selected one, at its end."""
        current = self._current()
        if current is None:
            return
        document, parent = current
        project = document.project
        where = f"The new section goes inside {project.number_of(parent)} \u201c{parent.heading}\u201d."
        # Only the coordinator gives a section to another organisation; a partner's is its own.
        actor = document.actor
        owner = parent.owner if actor is None or is_coordinator(project, actor.org) else actor.org
        dialog = AddSectionDialog(project, owner, where, self.window)
        if dialog.exec() != AddSectionDialog.DialogCode.Accepted:
            return
        heading, owner = dialog.values()
        self._add(document, heading, owner, parent, None)

    def _add(self, document: ProjectDocument, heading: str, owner: str, parent: Section | None,
             index: int | None) -> None:
        # Its owner is an assignment, signed like the other records when the person's key may sign.
        go_on, signer = self.window.keys.decision_signer("Who owns the new section is signed with your key.")
        if not go_on:
            return
        command = commands.AddSectionCommand(document, heading, owner, parent, index, signer=signer)
        if self.window.run("The section was not added.", command):
            self.window.select_section(command.section_ref)

    def rename_section(self) -> None:
        """Start editing the selected section's heading in the outline."""
        tree = self.window.tree
        index = tree.currentIndex()
        if index.isValid():
            tree.edit(index.siblingAtColumn(0))

    def rename_section_to(self, section_id: str, heading: str) -> None:
        """Rename a section (from the outline's in-place editor or the editor's heading field)."""
        document = self.window.document
        if document is None:
            return
        section = document.project.section(section_id)
        self.window.run("The section was not renamed.", commands.EditSectionCommand(document, section, heading=heading))

    def delete_section(self) -> None:
        """Delete the selected section and its sub-sections, once the person confirms."""
        current = self._current()
        if current is None:
            return
        document, section = current
        subs = len(descendants(section))  # all of them go, however deep
        extra = f" and its {subs} sub-section{'s' if subs != 1 else ''}" if subs else ""
        answer = QMessageBox.question(
            self.window, "Delete section?",
            f"Delete section {document.project.number_of(section)} \u201c{section.heading}\u201d{extra}?\n\n"
            f"Its sign-offs go with it. You can undo this until you close the project.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.window.run("The section was not deleted.", commands.DeleteSectionCommand(document, section))

    def _move(self, section: Section | None, parent: Section | None, index: int, how: str = "") -> None:
        document = self.window.document
        if section is None or document is None:
            return
        command = commands.MoveSectionCommand(document, section, parent, index, how)
        if self.window.run("The section was not moved.", command):
            self.window.select_section(section.id)

    def move_up(self) -> None:
        current = self._current()
        if current is None:
            return
        document, section = current
        parent, _, index = document.project.location(section)
        if index > 0:
            self._move(section, parent, index - 1)

    def move_down(self) -> None:
        current = self._current()
        if current is None:
            return
        document, section = current
        parent, siblings, index = document.project.location(section)
        if index < len(siblings) - 1:
            self._move(section, parent, index + 1)

    def indent_section(self) -> None:
        self._move(self.window.current_section(), None, 0, commands.MoveSectionCommand.INDENT)

    def outdent_section(self) -> None:
        self._move(self.window.current_section(), None, 0, commands.MoveSectionCommand.OUTDENT)

    def move_section_to(self, section_id: str, parent_id: str, index: int) -> None:
        """Carry out a drag and drop from the outline."""
        document = self.window.document
        if document is None:
            return
        project = document.project
        parent = project.section(parent_id) if parent_id else None
        self._move(project.section(section_id), parent, index)

    def change_ownership(self) -> None:
        """Change the selected section's owner and contributors."""
        current = self._current()
        if current is None:
            return
        document, section = current
        dialog = OwnershipDialog(document.project, section.owner, section.contributors, section.heading,
                                 self.window)
        if dialog.exec() == OwnershipDialog.DialogCode.Accepted:
            owner, contributors = dialog.values()
            go_on, signer = self.window.keys.decision_signer("The new owner is signed with your key.")
            if go_on:
                self.window.run("The owner was not changed.",
                                commands.SetOwnershipCommand(document, section, owner, contributors, signer=signer))
