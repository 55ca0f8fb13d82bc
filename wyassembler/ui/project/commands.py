"""One QUndoCommand per change to the core: edits, structure, sign-offs, partners and properties.

Commands hold values and ids, never live core objects: a merge of another partner's save (or a
save that merged) replaces the project's objects, and the undo history must still apply to what
is open now. So every step looks its section up by id in the project as it is, and:

- undoing an edit records a *new* revision that restores the earlier text (and redo a new one with
  the edited text again), so an undo that reached the file is never brought back by a merge;
- a step refuses, rather than overwrite, when the section no longer holds what the step left there
  (another partner changed it meanwhile);
- undo and redo never raise: a step the core refuses now (the section is gone, permission changed)
  is dropped from the history and the document says why (:attr:`ProjectDocument.step_failed`).

Each command makes its change once in :meth:`CoreCommand.apply` (through the core, which checks
permissions and may refuse) before it is pushed; after every step it tells the document what
changed, and the views refresh from the core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from ...core import conflicts, editing, keys, outline, partners, permissions
from ...core.content import Blocks
from ...core.errors import WyassemblerError
from ...core.merge import MergeResult
from ...core.model import ConflictCopy, KeyEvent, Organisation, Project, Section
from ...core.signatures import Signer
from ...core.snapshot import detached
from .document import OUTLINE, PROPERTIES, SECTION, SIGNOFF, ProjectDocument

Text = tuple[str, Blocks]  # a section's heading and content: what an edit step changes


class StepRefused(WyassemblerError):
    """An undo or redo that cannot be carried out on the project as it is now."""


def _text_of(section: Section) -> Text:
    return section.heading, section.blocks


class CoreCommand(QUndoCommand):
    """A change already made by :meth:`apply`; the first ``redo`` (from ``push``) only announces it."""

    what = OUTLINE

    def __init__(self, document: ProjectDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        # The person's unlocked key, when the step's records are to be signed (the core signs them).
        self.signer: Signer | None = None
        self._applied_once = False
        self.section_ref = ""  # the id of the section the step is about, if any

    @property
    def project(self) -> Project:
        return self.document.project

    @property
    def actor(self):
        return self.document.require_actor()

    def section(self, section_id: str | None = None) -> Section:
        """The section with ``section_id`` (default: this step's) in the project as it is now."""
        sid = section_id or self.section_ref
        try:
            return self.project.section(sid)
        except WyassemblerError:
            raise StepRefused("the section is no longer in the project (another partner deleted it)") from None

    def parent(self, parent_id: str | None) -> Section | None:
        return self.section(parent_id) if parent_id else None

    def apply(self) -> bool:
        """Make the change for the first time; False if it changed nothing. May raise WyassemblerError."""
        self._applied_once = self._do()
        return self._applied_once

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
        else:
            self._step(self._redo, "redo")
            if self.isObsolete():
                return
        self._announce()

    def undo(self) -> None:
        self._step(self._undo, "undo")
        if not self.isObsolete():
            self._announce()

    def _step(self, step, verb: str) -> None:
        # Undo and redo never raise into Qt: a step the core refuses now leaves the history, and the
        # person is told why (QUndoStack drops a command made obsolete during undo or redo).
        try:
            step()
        except WyassemblerError as error:
            self.setObsolete(True)
            self.document.step_failed.emit(f"Could not {verb} \u201c{self.text()}\u201d: {error}")

    def section_id(self) -> str:
        return self.section_ref

    def _announce(self) -> None:
        self.document.notify(self.what, self.section_id())

    def _do(self) -> bool:
        raise NotImplementedError

    def _redo(self) -> None:
        self._do()

    def _undo(self) -> None:
        raise NotImplementedError


# -- content ------------------------------------------------------------------------

class TextStep(CoreCommand):
    """A step that changed sections' text: undone and redone as new revisions, never by dropping one."""

    what = SECTION

    def _set_text(self, section_id: str, expected: Text, wanted: Text) -> None:
        """Make ``wanted`` the section's text as a new revision, if it still holds ``expected``."""
        section = self.section(section_id)
        if _text_of(section) == wanted:
            return
        if _text_of(section) != expected:
            raise StepRefused("the section has been changed since (by another partner's save); "
                              "edit it by hand instead")
        heading, blocks = wanted
        editing.edit_section(self.project, self.actor, section, heading=heading, blocks=blocks)


class EditSectionCommand(TextStep):
    """A new revision of a section's heading and/or content."""

    def __init__(self, document: ProjectDocument, section: Section, *, heading: str | None = None,
                 blocks: Blocks | None = None) -> None:
        label = "Rename" if blocks is None else "Edit"
        super().__init__(document, f"{label} \u201c{section.heading}\u201d")
        self.section_ref = section.id
        self.heading = heading
        self.blocks = blocks
        self.before: Text = _text_of(section)
        self.after: Text = self.before

    def _do(self) -> bool:
        section = self.section()
        self.before = _text_of(section)
        revision = editing.edit_section(self.project, self.actor, section, heading=self.heading, blocks=self.blocks)
        self.after = _text_of(section)
        return revision is not None

    def _redo(self) -> None:
        self._set_text(self.section_ref, self.before, self.after)

    def _undo(self) -> None:
        self._set_text(self.section_ref, self.after, self.before)


# -- structure ------------------------------------------------------------------------

class AddSectionCommand(CoreCommand):
    def __init__(self, document: ProjectDocument, heading: str, owner: str, parent: Section | None,
                 index: int | None = None, signer: Signer | None = None) -> None:
        super().__init__(document, f"Add \u201c{heading}\u201d")
        self.heading, self.owner, self.index, self.signer = heading, owner, index, signer
        self.parent_id = parent.id if parent is not None else None
        self.added: Section | None = None  # the section as it was when undone: put back by redo

    def _do(self) -> bool:
        section = outline.add_section(self.project, self.actor, self.heading, self.owner,
                                      parent=self.parent(self.parent_id), index=self.index, signer=self.signer)
        self.section_ref = section.id
        self.index = self.project.location(section)[2]
        return True

    def _redo(self) -> None:
        parent = self.parent(self.parent_id)
        permissions.check_structure(self.project, self.actor, parent)
        siblings = parent.children if parent is not None else self.project.sections
        outline.insert_section(self.project, detached(self.added), parent, min(self.index, len(siblings)))

    def _undo(self) -> None:
        section = self.section()
        self.added = detached(section)
        if self.document.on_disk(section.id):
            outline.delete_section(self.project, self.actor, section)
        else:
            # Never saved: nobody else has it, so no tombstone goes into the file.
            outline.withdraw_section(self.project, self.actor, section)


class DeleteSectionCommand(CoreCommand):
    def __init__(self, document: ProjectDocument, section: Section) -> None:
        super().__init__(document, f"Delete \u201c{section.heading}\u201d")
        self.section_ref = section.id
        self.parent_id: str | None = None
        self.index = 0
        self.removed: Section | None = None

    def section_id(self) -> str:
        return ""  # the outline changed, not one section's text

    def _do(self) -> bool:
        section = self.section()
        self.removed = detached(section)
        parent, self.index = outline.delete_section(self.project, self.actor, section)
        self.parent_id = parent.id if parent is not None else None
        return True

    def _undo(self) -> None:
        parent = self.parent(self.parent_id)
        permissions.check_structure(self.project, self.actor, parent)
        if any(s.id == self.section_ref for s in self.project.all_sections()):
            raise StepRefused("the section is in the outline again already")
        siblings = parent.children if parent is not None else self.project.sections
        outline.insert_section(self.project, detached(self.removed), parent, min(self.index, len(siblings)))


class MoveSectionCommand(CoreCommand):
    """Reorder, indent, outdent or drag a section (with its sub-sections)."""

    INDENT, OUTDENT = "indent", "outdent"

    def __init__(self, document: ProjectDocument, section: Section, new_parent: Section | None = None,
                 index: int = 0, how: str = "") -> None:
        verb = {self.INDENT: "Indent", self.OUTDENT: "Outdent"}.get(how, "Move")
        super().__init__(document, f"{verb} \u201c{section.heading}\u201d")
        self.section_ref = section.id
        self.new_parent_id = new_parent.id if new_parent is not None else None
        self.index, self.how = index, how
        self.old_parent_id: str | None = None
        self.old_index = 0

    def section_id(self) -> str:
        return ""

    def _do(self) -> bool:
        section = self.section()
        if self.how == self.INDENT:
            old_parent, self.old_index = outline.indent_section(self.project, self.actor, section)
        elif self.how == self.OUTDENT:
            old_parent, self.old_index = outline.outdent_section(self.project, self.actor, section)
        else:
            old_parent, self.old_index = outline.move_section(self.project, self.actor, section,
                                                              self.parent(self.new_parent_id), self.index)
        self.old_parent_id = old_parent.id if old_parent is not None else None
        # From now on redo is a plain move to where the section ended up.
        self.how = ""
        new_parent, _, self.index = self.project.location(section)
        self.new_parent_id = new_parent.id if new_parent is not None else None
        return self.old_parent_id != self.new_parent_id or self.old_index != self.index

    def _redo(self) -> None:
        outline.move_section(self.project, self.actor, self.section(), self.parent(self.new_parent_id), self.index)

    def _undo(self) -> None:
        outline.move_section(self.project, self.actor, self.section(), self.parent(self.old_parent_id),
                             self.old_index)


class SetOwnershipCommand(CoreCommand):
    def __init__(self, document: ProjectDocument, section: Section, owner: str, contributors: list[str],
                 signer: Signer | None = None) -> None:
        super().__init__(document, f"Change who owns \u201c{section.heading}\u201d")
        self.section_ref, self.owner, self.contributors = section.id, owner, list(contributors)
        self.signer = signer  # signs the assignment, and the one undo makes
        self.previous: tuple[str, list[str]] | None = None

    def _do(self) -> bool:
        section = self.section()
        self.previous = outline.set_ownership(self.project, self.actor, section, self.owner, self.contributors,
                                              signer=self.signer)
        return self.previous != (section.owner, section.contributors)

    def _undo(self) -> None:
        owner, contributors = self.previous
        outline.set_ownership(self.project, self.actor, self.section(), owner, contributors, signer=self.signer)


# -- keys ----------------------------------------------------------------------------

class KeyEventCommand(CoreCommand):
    """A key registered, confirmed or revoked: the signed key events the core recorded.

    Undo takes those events off the end of the project's key history (by value), and redo puts the very
    same signed events back; either is refused if other key events have followed them meanwhile (another
    partner's save), since each event is linked to the one before it."""

    what = SIGNOFF  # a key's state decides which signatures in the matrix are valid

    def __init__(self, document: ProjectDocument, text: str, record_event: Callable[[Project], object]) -> None:
        super().__init__(document, text)
        self.record_event = record_event
        self.events: list[KeyEvent] = []
        self.before: KeyEvent | None = None  # the event the recorded ones follow

    def _last(self) -> KeyEvent | None:
        return self.project.key_events[-1] if self.project.key_events else None

    def _do(self) -> bool:
        count = len(self.project.key_events)
        last = self._last()
        self.record_event(self.project)
        self.events = list(self.project.key_events[count:])
        self.before = last
        return bool(self.events)

    def _redo(self) -> None:
        if self._last() != self.before:
            raise StepRefused("other key events were recorded since (another partner's save)")
        self.project.key_events.extend(self.events)

    def _undo(self) -> None:
        tail = self.project.key_events[-len(self.events):]
        if tail != self.events:
            raise StepRefused("other key events were recorded after it (another partner's save)")
        del self.project.key_events[-len(self.events):]


def register_key_command(document: ProjectDocument, signer: Signer) -> KeyEventCommand:
    """Register the person's own key (``signer``) for their organisation."""
    return KeyEventCommand(document, "Register my key", lambda project: keys.register_key(
        project, document.require_actor(), signer.public_key, signer))


def confirm_key_command(document: ProjectDocument, fingerprint: str, signer: Signer) -> KeyEventCommand:
    """Confirm a proposed key, signed with the person's confirmed key."""
    return KeyEventCommand(document, f"Confirm key {fingerprint[:9]}\u2026", lambda project: keys.confirm_key(
        project, document.require_actor(), fingerprint, signer))


def revoke_key_command(document: ProjectDocument, fingerprint: str, signer: Signer, reason: str) -> KeyEventCommand:
    """Revoke a key, with a reason, signed with the person's confirmed key."""
    return KeyEventCommand(document, f"Revoke key {fingerprint[:9]}\u2026", lambda project: keys.revoke_key(
        project, document.require_actor(), fingerprint, signer, reason))


# -- partners and properties ---------------------------------------------------------------

class SetPropertiesCommand(CoreCommand):
    what = PROPERTIES

    def __init__(self, document: ProjectDocument, changes: dict[str, object], signer: Signer | None = None) -> None:
        super().__init__(document, "Change the response's properties")
        # Any: the values are checked by set_properties, whose keywords each have their own type.
        self.changes: dict[str, Any] = changes
        self.previous: dict[str, Any] = {}
        self.signer = signer  # signs a new coordinator, and the ownership vouched for when signatures go on

    def _do(self) -> bool:
        self.previous = partners.set_properties(self.project, self.actor, signer=self.signer, **self.changes)
        return any(self.previous[name] != getattr(self.project, name) for name in self.changes)

    def _undo(self) -> None:
        partners.set_properties(self.project, self.actor, signer=self.signer, **self.previous)


class AddOrganisationCommand(CoreCommand):
    what = PROPERTIES

    def __init__(self, document: ProjectDocument, name: str, short_name: str = "", lead_name: str = "",
                 lead_email: str = "") -> None:
        super().__init__(document, f"Add {short_name or name} to the partners")
        self.fields = {"name": name, "short_name": short_name, "lead_name": lead_name, "lead_email": lead_email}
        self.org_id: str | None = None

    def _do(self) -> bool:
        org = partners.add_organisation(self.project, self.actor, org_id=self.org_id, **self.fields)
        self.org_id = org.id
        return True

    def _undo(self) -> None:
        partners.remove_organisation(self.project, self.actor, self.org_id)


class RemoveOrganisationCommand(CoreCommand):
    what = PROPERTIES

    def __init__(self, document: ProjectDocument, org_id: str) -> None:
        super().__init__(document, f"Remove {document.project.org_label(org_id)} from the partners")
        self.org_id = org_id
        self.index = 0
        self.org: Organisation | None = None
        self.endorser_at: int | None = None  # its place on the endorsers' list, put back by undo

    def _do(self) -> bool:
        endorsers = self.project.endorsers or []
        self.endorser_at = endorsers.index(self.org_id) if self.org_id in endorsers else None
        self.index, org = partners.remove_organisation(self.project, self.actor, self.org_id)
        self.org = detached(org)
        return True

    def _undo(self) -> None:
        org = self.org
        partners.add_organisation(self.project, self.actor, org.name, org.short_name, org.id,
                                  org.lead_name, org.lead_email, index=min(self.index, len(self.project.organisations)))
        if self.endorser_at is not None and self.project.endorsers is not None:
            self.project.endorsers.insert(self.endorser_at, self.org_id)


# -- other copies and conflict copies ------------------------------------------------------

class MergeCopyCommand(CoreCommand):
    """Another copy of the project (an offline copy, a sync client's copy) merged into the open one.

    The merge makes a new Project; undo puts the previous one back, but only while the open project
    is still the merge's own (a save or another partner's changes merged in since would be lost)."""

    def __init__(self, document: ProjectDocument, result: MergeResult, source: str) -> None:
        super().__init__(document, f"Merge {source}")
        self.merged: Project = result.project
        self.previous: Project = document.project

    def _do(self) -> bool:
        self.previous = self.document.project
        self.document.replace_project(self.merged)
        return True

    def _redo(self) -> None:
        if self.document.project is not self.previous:
            raise StepRefused("the project has changed since (it was saved or another partner's changes came in)")
        self.document.replace_project(self.merged)

    def _undo(self) -> None:
        if self.document.project is not self.merged:
            raise StepRefused("the project has changed since (it was saved or another partner's changes came in)")
        self.document.replace_project(self.previous)

    def _announce(self) -> None:
        self.document.reloaded.emit()


class ResolveConflictsCommand(TextStep):
    """Resolving every conflict copy of one section at once (see :mod:`wyassembler.core.conflicts`)."""

    def __init__(self, document: ProjectDocument, section: Section, text: str, signer: Signer | None = None) -> None:
        super().__init__(document, f"{text} \u201c{section.heading}\u201d")
        self.section_ref, self.signer = section.id, signer
        self.copies: list[ConflictCopy] = []
        self.resolutions_before = 0
        self.before: Text = _text_of(section)
        self.after: Text = self.before

    def _do(self) -> bool:
        section = self.section()
        self.copies = list(section.conflicts)
        self.resolutions_before = len(section.resolutions)
        self.before = _text_of(section)
        self._resolve(section)
        self.after = _text_of(section)
        return True

    def _resolve(self, section: Section) -> None:
        raise NotImplementedError

    def _redo(self) -> None:
        section = self.section()
        if section.conflicts != self.copies or _text_of(section) != self.before:
            raise StepRefused("the section or its conflict copies have changed since")
        self._resolve(section)

    def _undo(self) -> None:
        self._set_text(self.section_ref, self.after, self.before)
        section = self.section()
        del section.resolutions[self.resolutions_before:]
        section.conflicts = list(self.copies)


class KeepCurrentCommand(ResolveConflictsCommand):
    def __init__(self, document: ProjectDocument, section: Section, signer: Signer | None = None) -> None:
        super().__init__(document, section, "Keep the current version of", signer)

    def _resolve(self, section: Section) -> None:
        conflicts.keep_current(self.project, self.actor, section, signer=self.signer)


class TakeCopyCommand(ResolveConflictsCommand):
    def __init__(self, document: ProjectDocument, section: Section, number: int, signer: Signer | None = None) -> None:
        super().__init__(document, section, f"Take conflict copy {number} of", signer)
        self.number = number

    def _resolve(self, section: Section) -> None:
        conflicts.take_copy(self.project, self.actor, section, self.number, signer=self.signer)


class TakeMergedTextCommand(ResolveConflictsCommand):
    def __init__(self, document: ProjectDocument, section: Section, heading: str | None, blocks: Blocks,
                 signer: Signer | None = None) -> None:
        super().__init__(document, section, "Merge the versions of", signer)
        self.heading, self.blocks = heading, blocks

    def _resolve(self, section: Section) -> None:
        conflicts.take_merged_text(self.project, self.actor, section, self.heading, self.blocks, signer=self.signer)


# -- partner packs -------------------------------------------------------------------------

class ImportPackCommand(TextStep):
    """A partner pack edited in Word, brought back as one step: new revisions and conflict copies of
    its sections, and the proposals and comments its tracked changes and Word comments made
    (:func:`wyassembler.word.packs.import_pack`). Undo and redo set each section's text and conflict
    copies back as new revisions, like an edit, and take the review records away or put them back."""

    _RECORDS = ("proposals", "comments", "comment_states")

    def __init__(self, document: ProjectDocument, path) -> None:
        super().__init__(document, f"Import {getattr(path, 'name', path)}")
        self.path = path
        self.result = None  # the PackImportResult
        # section id -> (text, conflict copies) before and after the import
        self.before: dict[str, tuple[Text, list[ConflictCopy]]] = {}
        self.after: dict[str, tuple[Text, list[ConflictCopy]]] = {}
        self.records: dict[str, dict[str, list]] = {}  # section id -> list name -> the records it added

    def _do(self) -> bool:
        from ...word.packs import import_pack  # python-docx only when a pack is imported

        was = {s.id: (_text_of(s), list(s.conflicts)) for s in self.project.all_sections()}
        counts = {s.id: [len(getattr(s, name)) for name in self._RECORDS] for s in self.project.all_sections()}
        self.result = import_pack(self.project, self.path, self.actor)
        now = {s.id: (_text_of(s), list(s.conflicts)) for s in self.project.all_sections()}
        changed = [sid for sid, state in now.items() if sid in was and was[sid] != state]
        self.before = {sid: was[sid] for sid in changed}
        self.after = {sid: now[sid] for sid in changed}
        for section in self.project.all_sections():
            before = counts.get(section.id, [0] * len(self._RECORDS))
            added = {name: getattr(section, name)[count:] for name, count in zip(self._RECORDS, before, strict=True)}
            if any(added.values()):
                self.records[section.id] = added
        return bool(changed or self.records)

    def _redo(self) -> None:
        self._put(self.before, self.after)
        for sid, added in self.records.items():
            section = self.section(sid)
            for name, records in added.items():
                getattr(section, name).extend(r for r in records if r not in getattr(section, name))

    def _undo(self) -> None:
        self._put(self.after, self.before)
        for sid, added in self.records.items():
            section = self.section(sid)
            for name, records in added.items():
                setattr(section, name, [r for r in getattr(section, name) if r not in records])

    def _put(self, expected: dict, wanted: dict) -> None:
        for sid, (text, copies) in wanted.items():
            self._set_text(sid, expected[sid][0], text)
            self.section(sid).conflicts = list(copies)

    def _announce(self) -> None:
        for sid in {**self.after, **self.records}:
            self.document.notify(SECTION, sid)
