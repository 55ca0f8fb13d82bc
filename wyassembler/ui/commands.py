"""One QUndoCommand per change to the core: edits, structure, sign-offs, partners and properties.

Each command makes its change once in :meth:`apply` (through the core, which
checks permissions and may refuse) before it is pushed; undo and redo then
replay it with the core's own inverse operations. After every step the command
tells the document what changed, and the views refresh from the core.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..core import conflicts, editing, outline, partners, permissions, signoff
from ..core.content import Blocks
from ..core.merge import MergeResult
from ..core.model import Organisation, Project, Section, SignOff
from .document import OUTLINE, PROPERTIES, SECTION, SIGNOFF, ProjectDocument


def _position(items: list, item: object) -> int:
    """Where ``item`` itself is in ``items`` (core objects compare by value; this must not)."""
    return next(i for i, candidate in enumerate(items) if candidate is item)


def _remove_exact(items: list, item: object) -> None:
    del items[_position(items, item)]


class CoreCommand(QUndoCommand):
    """A change already made by :meth:`apply`; the first ``redo`` (from ``push``) only announces it."""

    what = OUTLINE

    def __init__(self, document: ProjectDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._applied_once = False

    @property
    def project(self):
        return self.document.project

    @property
    def actor(self):
        return self.document.require_actor()

    def apply(self) -> bool:
        """Make the change for the first time; False if it changed nothing. May raise WyassemblerError."""
        self._applied_once = self._do()
        return self._applied_once

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
        else:
            self._do()
        self._announce()

    def undo(self) -> None:
        self._undo()
        self._announce()

    def section_id(self) -> str:
        return ""

    def _announce(self) -> None:
        self.document.notify(self.what, self.section_id())

    def _do(self) -> bool:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


# -- content ------------------------------------------------------------------------

class EditSectionCommand(CoreCommand):
    """A new revision of a section's heading and/or content."""

    what = SECTION

    def __init__(self, document: ProjectDocument, section: Section, *, heading: str | None = None,
                 blocks: Blocks | None = None) -> None:
        label = "Rename" if blocks is None else "Edit"
        super().__init__(document, f"{label} \u201c{section.heading}\u201d")
        self.section = section
        self.heading = heading
        self.blocks = blocks
        self.revision = None

    def section_id(self) -> str:
        return self.section.id

    def _do(self) -> bool:
        # A redo records a fresh revision of the same text: the hash, and so every sign-off, agrees.
        self.revision = editing.edit_section(self.project, self.actor, self.section,
                                             heading=self.heading, blocks=self.blocks)
        return self.revision is not None

    def _undo(self) -> None:
        editing.restore_revision(self.section, self.revision)


# -- structure ------------------------------------------------------------------------

class AddSectionCommand(CoreCommand):
    def __init__(self, document: ProjectDocument, heading: str, owner: str, parent: Section | None,
                 index: int | None = None) -> None:
        super().__init__(document, f"Add \u201c{heading}\u201d")
        self.heading, self.owner, self.parent, self.index = heading, owner, parent, index
        self.section: Section | None = None

    def _do(self) -> bool:
        if self.section is None:
            self.section = outline.add_section(self.project, self.actor, self.heading, self.owner,
                                               parent=self.parent, index=self.index)
            self.index = self.project.location(self.section)[2]
        else:
            permissions.check_structure(self.project, self.actor, self.parent)
            outline.insert_section(self.project, self.section, self.parent, self.index)
        return True

    def _undo(self) -> None:
        outline.delete_section(self.project, self.actor, self.section)


class DeleteSectionCommand(CoreCommand):
    def __init__(self, document: ProjectDocument, section: Section) -> None:
        super().__init__(document, f"Delete \u201c{section.heading}\u201d")
        self.section = section
        self.parent: Section | None = None
        self.index = 0

    def _do(self) -> bool:
        self.parent, self.index = outline.delete_section(self.project, self.actor, self.section)
        return True

    def _undo(self) -> None:
        outline.insert_section(self.project, self.section, self.parent, self.index)


class MoveSectionCommand(CoreCommand):
    """Reorder, indent, outdent or drag a section (with its sub-sections)."""

    INDENT, OUTDENT = "indent", "outdent"

    def __init__(self, document: ProjectDocument, section: Section, new_parent: Section | None = None,
                 index: int = 0, how: str = "") -> None:
        verb = {self.INDENT: "Indent", self.OUTDENT: "Outdent"}.get(how, "Move")
        super().__init__(document, f"{verb} \u201c{section.heading}\u201d")
        self.section, self.new_parent, self.index, self.how = section, new_parent, index, how
        self.old_parent: Section | None = None
        self.old_index = 0

    def _do(self) -> bool:
        if self.how == self.INDENT:
            where = outline.indent_section(self.project, self.actor, self.section)
        elif self.how == self.OUTDENT:
            where = outline.outdent_section(self.project, self.actor, self.section)
        else:
            where = outline.move_section(self.project, self.actor, self.section, self.new_parent, self.index)
        self.old_parent, self.old_index = where
        # From now on redo is a plain move to where the section ended up.
        self.how = ""
        self.new_parent, _, self.index = self.project.location(self.section)
        return self.old_parent is not self.new_parent or self.old_index != self.index

    def _undo(self) -> None:
        outline.move_section(self.project, self.actor, self.section, self.old_parent, self.old_index)


class SetOwnershipCommand(CoreCommand):
    def __init__(self, document: ProjectDocument, section: Section, owner: str, contributors: list[str]) -> None:
        super().__init__(document, f"Change who owns \u201c{section.heading}\u201d")
        self.section, self.owner, self.contributors = section, owner, contributors
        self.previous: tuple[str, list[str]] | None = None

    def _do(self) -> bool:
        self.previous = outline.set_ownership(self.project, self.actor, self.section, self.owner, self.contributors)
        return self.previous != (self.section.owner, self.section.contributors)

    def _undo(self) -> None:
        owner, contributors = self.previous
        outline.set_ownership(self.project, self.actor, self.section, owner, contributors)


# -- sign-off ------------------------------------------------------------------------

class SignOffCommand(CoreCommand):
    """An approval of, or request for changes to, one section's current text."""

    what = SIGNOFF

    def __init__(self, document: ProjectDocument, section: Section, decision: str, note: str = "") -> None:
        verb = "Sign off" if decision == signoff.APPROVED else "Request changes to"
        super().__init__(document, f"{verb} \u201c{section.heading}\u201d")
        self.section, self.decision, self.note = section, decision, note
        self.record: SignOff | None = None

    def _do(self) -> bool:
        if self.record is None:
            self.record = signoff.sign_off_section(self.project, self.actor, self.section, self.decision, self.note)
        else:
            # Redo puts back the very record undo took away: same time, same hash.
            self.section.signoffs.append(self.record)
        return True

    def _undo(self) -> None:
        _remove_exact(self.section.signoffs, self.record)


class EndorseCommand(CoreCommand):
    """An endorsement of, or request for changes to, the whole response."""

    what = SIGNOFF

    def __init__(self, document: ProjectDocument, decision: str, note: str = "") -> None:
        super().__init__(document, "Endorse the response" if decision == signoff.APPROVED
                         else "Request changes to the response")
        self.decision, self.note = decision, note
        self.record: SignOff | None = None

    def _do(self) -> bool:
        if self.record is None:
            self.record = signoff.endorse_response(self.project, self.actor, self.decision, self.note)
        else:
            self.project.endorsements.append(self.record)
        return True

    def _undo(self) -> None:
        _remove_exact(self.project.endorsements, self.record)


# -- partners and properties ---------------------------------------------------------------

class SetPropertiesCommand(CoreCommand):
    what = PROPERTIES

    def __init__(self, document: ProjectDocument, changes: dict[str, object]) -> None:
        super().__init__(document, "Change the response's properties")
        self.changes = changes
        self.previous: dict[str, object] = {}

    def _do(self) -> bool:
        self.previous = partners.set_properties(self.project, self.actor, **self.changes)
        return any(self.previous[name] != getattr(self.project, name) for name in self.changes)

    def _undo(self) -> None:
        partners.set_properties(self.project, self.actor, **self.previous)


class AddOrganisationCommand(CoreCommand):
    what = PROPERTIES

    def __init__(self, document: ProjectDocument, name: str, short_name: str = "", lead_name: str = "",
                 lead_email: str = "") -> None:
        super().__init__(document, f"Add {short_name or name} to the partners")
        self.fields = dict(name=name, short_name=short_name, lead_name=lead_name, lead_email=lead_email)
        self.org: Organisation | None = None

    def _do(self) -> bool:
        org_id = self.org.id if self.org is not None else None
        self.org = partners.add_organisation(self.project, self.actor, org_id=org_id, **self.fields)
        return True

    def _undo(self) -> None:
        partners.remove_organisation(self.project, self.actor, self.org.id)


class RemoveOrganisationCommand(CoreCommand):
    what = PROPERTIES

    def __init__(self, document: ProjectDocument, org_id: str) -> None:
        super().__init__(document, f"Remove {document.project.org_label(org_id)} from the partners")
        self.org_id = org_id
        self.index = 0
        self.org: Organisation | None = None

    def _do(self) -> bool:
        self.index, self.org = partners.remove_organisation(self.project, self.actor, self.org_id)
        return True

    def _undo(self) -> None:
        org = self.org
        partners.add_organisation(self.project, self.actor, org.name, org.short_name, org.id,
                                  org.lead_name, org.lead_email, index=self.index)


# -- other copies and conflict copies ------------------------------------------------------

class MergeCopyCommand(CoreCommand):
    """Another copy of the project (an offline copy, a sync client's copy) merged into the open one.

    The merge makes a new Project; undo puts the previous one back. Commands before this one on the
    stack point at the previous project's objects and those after it at the merged one's, so a linear
    undo history stays consistent."""

    def __init__(self, document: ProjectDocument, result: MergeResult, source: str) -> None:
        super().__init__(document, f"Merge {source}")
        self.merged: Project = result.project
        self.previous: Project = document.project

    def _do(self) -> bool:
        self.previous = self.document.project
        self._swap(self.merged)
        return True

    def _undo(self) -> None:
        self._swap(self.previous)

    def _swap(self, project: Project) -> None:
        self.document.project = project
        self.document.actor = self.document._actor_for(self.document.identity)

    def _announce(self) -> None:
        self.document.reloaded.emit()


class ResolveConflictsCommand(CoreCommand):
    """Resolving every conflict copy of one section at once (see :mod:`wyassembler.core.conflicts`)."""

    what = SECTION

    def __init__(self, document: ProjectDocument, section: Section, text: str) -> None:
        super().__init__(document, f"{text} \u201c{section.heading}\u201d")
        self.section = section
        self.copies = list(section.conflicts)
        self.resolutions_before = len(section.resolutions)
        self.revision = None

    def section_id(self) -> str:
        return self.section.id

    def _do(self) -> bool:
        self.copies = list(self.section.conflicts)
        self.resolutions_before = len(self.section.resolutions)
        self.revision = self._resolve()
        return True

    def _resolve(self):
        raise NotImplementedError

    def _undo(self) -> None:
        if self.revision is not None:
            editing.restore_revision(self.section, self.revision)
        del self.section.resolutions[self.resolutions_before:]
        self.section.conflicts = list(self.copies)


class KeepCurrentCommand(ResolveConflictsCommand):
    def __init__(self, document: ProjectDocument, section: Section) -> None:
        super().__init__(document, section, "Keep the current version of")

    def _resolve(self):
        conflicts.keep_current(self.project, self.actor, self.section)
        return None


class TakeCopyCommand(ResolveConflictsCommand):
    def __init__(self, document: ProjectDocument, section: Section, number: int) -> None:
        super().__init__(document, section, f"Take conflict copy {number} of")
        self.number = number

    def _resolve(self):
        return conflicts.take_copy(self.project, self.actor, self.section, self.number)


class TakeMergedTextCommand(ResolveConflictsCommand):
    def __init__(self, document: ProjectDocument, section: Section, heading: str | None, blocks: Blocks) -> None:
        super().__init__(document, section, "Merge the versions of")
        self.heading, self.blocks = heading, blocks

    def _resolve(self):
        return conflicts.take_merged_text(self.project, self.actor, self.section, self.heading, self.blocks)


# -- partner packs -------------------------------------------------------------------------

class ImportPackCommand(CoreCommand):
    """A partner pack edited in Word, brought back as one step: new revisions and conflict copies of
    its sections (:func:`wyassembler.word.packs.import_pack`). Undo puts every section's history back."""

    def __init__(self, document: ProjectDocument, path) -> None:
        super().__init__(document, f"Import {getattr(path, 'name', path)}")
        self.path = path
        self.result = None  # the PackImportResult
        self.before: dict[str, tuple[Section, list, list]] = {}
        self.after: dict[str, tuple[list, list]] = {}

    def _do(self) -> bool:
        if self.result is None:
            from ..word.packs import import_pack  # python-docx only when a pack is imported

            sections = self.project.all_sections()
            self.before = {s.id: (s, list(s.revisions), list(s.conflicts)) for s in sections}
            self.result = import_pack(self.project, self.path, self.actor)
            self.after = {sid: (list(s.revisions), list(s.conflicts)) for sid, (s, revisions, copies)
                          in self.before.items() if s.revisions != revisions or s.conflicts != copies}
            return bool(self.after)
        for sid, (revisions, copies) in self.after.items():
            section = self.before[sid][0]
            section.revisions[:], section.conflicts[:] = revisions, copies
        return True

    def _undo(self) -> None:
        for sid in self.after:
            section, revisions, copies = self.before[sid]
            section.revisions[:], section.conflicts[:] = revisions, copies

    def _announce(self) -> None:
        for sid in self.after:
            self.document.notify(SECTION, sid)
