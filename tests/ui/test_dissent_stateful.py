"""No sequence of ordinary actions leaves a project that cannot be saved or read back (Hypothesis, stateful).

The app's own undoable steps, by several partners in turn (the coordinator, two partner leads and a
partner added on the way): sections added, edited, deleted, given to another owner, signed off, marked
confidential or public; the response endorsed plainly or with reservations on any section, declined,
asked to change; authority recorded; partners added and removed; undo and redo of any of it. Between
them: saves through the shared-save path (merging what another partner saved meanwhile), another
partner's save of their own records, and a restore of a backup, the file opened again after it.

After every step the project passes the write gate and reads back equal to itself, and a step the
core refuses changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from tests.factories import T0
from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR
from wyassembler.core import signoff
from wyassembler.core.authority import record_authority
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.model import Actor
from wyassembler.core.merge import merge_projects
from wyassembler.core.outline import add_section
from wyassembler.core.partners import remove_organisation
from wyassembler.core.question_edits import NewQuestion, import_questions
from wyassembler.core.presets import new_project
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.projectfile.lock import LockHolder
from wyassembler.projectfile.write_gate import checked_bytes
from wyassembler.settings import Identity
from wyassembler.ui.project import commands, record_commands
from wyassembler.ui.project.record_commands import (DeclineCommand, EndorseWithReservationsCommand,
                                                     RecordAuthorityCommand)
from wyassembler.ui.project.document import ProjectDocument
from wyassembler.ui.project.record_commands import MarkSectionCommand
from wyassembler.ui.project.question_commands import ImportQuestionsCommand, MapSectionCommand

KIRKLEES_LEAD = Identity("S. Patel", "kirklees", "partner lead")
HARROGATE_LEAD = Identity("R. Moss", "harrogate", "partner lead")  # once the coordinator adds Harrogate
PEOPLE = [COORDINATOR, KIRKLEES_LEAD, CALDERDALE_LEAD, HARROGATE_LEAD]
OWNERS = ["kirklees", "calderdale", "harrogate"]
HOLDER = LockHolder.current("H. Dawson", "joint-services")


def _start() -> bytes:
    project = new_project("A response", "Our view", preset="west-yorkshire", person="H. Dawson", now=T0)
    coordinator = Actor("joint-services", "H. Dawson", "coordinator")
    for heading, owner in (("Shared services", "calderdale"), ("Professionalism", "kirklees")):
        add_section(project, coordinator, heading, owner, (Paragraph(plain(f"{heading} matter.")),), now=T0)
    import_questions(project, coordinator, [NewQuestion("1", "Do you agree?"), NewQuestion("2", "Why?")])
    return checked_bytes(project)


class PartnersAtWork(RuleBasedStateMachine):
    """One open project, its file in ``folder``, changed by the app's steps and by other partners' saves."""

    folder: Path

    def __init__(self) -> None:
        super().__init__()
        self.path = self.folder / f"response-{id(self)}.wyproj"
        self.path.write_bytes(_start())
        self._open()
        self.edits = 0

    def _open(self) -> None:
        loaded = storage.load(self.path)
        self.document = ProjectDocument(loaded.project, self.path, loaded.data, COORDINATOR)
        self.document.base = loaded.structure or self.document.base

    def _as(self, person: Identity) -> None:
        self.document.set_identity(person)

    def _run(self, make_command) -> None:
        """Run one step as the app does; a refusal must leave the project as it was."""
        before = to_bytes(self.document.project)
        try:
            if self.document.actor is not None:
                self.document.execute(make_command())
        except WyassemblerError:
            assert to_bytes(self.document.project) == before, "a refused step changed the project"

    def _section(self, choice: int):
        sections = self.document.project.all_sections()
        return sections[choice % len(sections)] if sections else None

    # -- the outline and the text -----------------------------------------------------------------

    @rule(owner=st.sampled_from(OWNERS), under=st.integers(0, 20), nested=st.booleans())
    def add_section(self, owner, under, nested):
        self._as(COORDINATOR)
        parent = self._section(under) if nested else None
        self._run(lambda: commands.AddSectionCommand(self.document, f"Added {self.edits}", owner, parent))
        self.edits += 1

    @rule(choice=st.integers(0, 20))
    def delete_section(self, choice):
        self._as(COORDINATOR)
        section = self._section(choice)
        if section is not None:
            self._run(lambda: commands.DeleteSectionCommand(self.document, section))

    @rule(choice=st.integers(0, 20), person=st.sampled_from(PEOPLE))
    def edit_section(self, choice, person):
        self._as(person)
        section = self._section(choice)
        if section is not None:
            self.edits += 1
            self._run(lambda: commands.EditSectionCommand(
                self.document, section, blocks=(Paragraph(plain(f"Edit {self.edits}.")),)))

    @rule(choice=st.integers(0, 20), owner=st.sampled_from(OWNERS), contributor=st.sampled_from(OWNERS + [""]))
    def hand_over_section(self, choice, owner, contributor):
        self._as(COORDINATOR)
        section = self._section(choice)
        if section is not None:
            self._run(lambda: commands.SetOwnershipCommand(self.document, section, owner,
                                                           [contributor] if contributor else []))

    @rule(choice=st.integers(0, 20), person=st.sampled_from(PEOPLE), approve=st.booleans())
    def sign_off_section(self, choice, person, approve):
        self._as(person)
        section = self._section(choice)
        if section is not None:
            decision = signoff.APPROVED if approve else signoff.CHANGES_REQUESTED
            note = "" if approve else "Why?"
            self._run(lambda: record_commands.SignOffCommand(self.document, section, decision, note))

    @rule(choice=st.integers(0, 20), person=st.sampled_from(PEOPLE), confidential=st.booleans())
    def mark_section(self, choice, person, confidential):
        self._as(person)
        section = self._section(choice)
        if section is not None:
            self._run(lambda: MarkSectionCommand(self.document, section, confidential,
                                                 "Commercially sensitive" if confidential else ""))

    @rule(choice=st.integers(0, 20), to=st.integers(0, 20), how=st.sampled_from(["indent", "outdent", ""]))
    def move_section(self, choice, to, how):
        self._as(COORDINATOR)
        section, target = self._section(choice), self._section(to)
        if section is not None:
            parent = None if how or target is section else target
            self._run(lambda: commands.MoveSectionCommand(self.document, section, parent, 0, how))

    @rule(choice=st.integers(0, 20), questions=st.lists(st.sampled_from(["1", "2"]), max_size=2),
          person=st.sampled_from(PEOPLE))
    def map_answers(self, choice, questions, person):
        self._as(person)
        section = self._section(choice)
        ids = [q.id for q in self.document.project.questions if q.number in questions]
        if section is not None:
            self._run(lambda: MapSectionCommand(self.document, section, ids))

    @rule(keep=st.lists(st.sampled_from(["1", "2", "3"]), max_size=3, unique=True))
    def import_questions(self, keep):
        self._as(COORDINATOR)
        new = [NewQuestion(number, f"Question {number}?") for number in keep]
        self._run(lambda: ImportQuestionsCommand(self.document, new, "questions.txt"))

    # -- the whole response ----------------------------------------------------------------------

    @rule(person=st.sampled_from(PEOPLE), on=st.lists(st.integers(-1, 20), max_size=3))
    def endorse(self, person, on):
        self._as(person)
        if not on:
            self._run(lambda: record_commands.EndorseCommand(self.document, signoff.APPROVED))
            return
        project = self.document.project
        sections = [self._section(choice) for choice in on if choice >= 0]
        reservations = tuple(signoff.reservation(project, f"Not quite {n}", section.id if section else "")
                             for n, section in enumerate(sections or [None]))
        self._run(lambda: EndorseWithReservationsCommand(self.document, reservations))

    @rule(person=st.sampled_from(PEOPLE), named=st.booleans(), changes=st.booleans())
    def decline_or_ask_for_changes(self, person, named, changes):
        self._as(person)
        if changes:
            self._run(lambda: record_commands.EndorseCommand(self.document, signoff.CHANGES_REQUESTED, "Shorter"))
        else:
            self._run(lambda: DeclineCommand(self.document, "We cannot support it", named))

    @rule(person=st.sampled_from(PEOPLE))
    def record_authority(self, person):
        self._as(person)
        self._run(lambda: RecordAuthorityCommand(self.document, "committee", "Executive, minute 4", None))

    # -- the partners ------------------------------------------------------------------------------

    @rule()
    def add_harrogate(self):
        self._as(COORDINATOR)
        if all(org.id != "harrogate" for org in self.document.project.organisations):
            self._run(lambda: commands.AddOrganisationCommand(self.document, "Harrogate Borough Council",
                                                              "Harrogate"))

    @rule(org=st.sampled_from(["harrogate", "leeds", "kirklees"]))
    def remove_partner(self, org):
        self._as(COORDINATOR)
        if any(o.id == org for o in self.document.project.organisations):
            self._run(lambda: commands.RemoveOrganisationCommand(self.document, org))

    @rule(endorsers=st.lists(st.sampled_from(["kirklees", "calderdale", "harrogate"]), max_size=3, unique=True),
          coordinator=st.sampled_from(["joint-services", "harrogate", None]))
    def set_properties(self, endorsers, coordinator):
        self._as(COORDINATOR)
        changes: dict[str, object] = {"endorsers": endorsers or None, "declines_block": bool(endorsers)}
        if coordinator is not None:
            changes["coordinator"] = coordinator
        self._run(lambda: commands.SetPropertiesCommand(self.document, changes))

    # -- undo, redo, saves, other partners, restores -----------------------------------------------

    @rule(times=st.integers(1, 4))
    def undo(self, times):
        for _ in range(times):
            self.document.undo_stack.undo()

    @rule(times=st.integers(1, 4))
    def redo(self, times):
        for _ in range(times):
            self.document.undo_stack.redo()

    @rule()
    def save(self):
        document = self.document
        result = storage.save_shared(document.project, self.path, document.disk_bytes, document.base,
                                     holder=HOLDER)
        assert from_bytes(result.data) == result.project
        document.last_saved = result.project
        document.disk_bytes, document.base = result.data, result.structure
        if result.merged:  # as the app does: the merged project open, its undo history kept (applied by id)
            document.replace_project(result.project)
        else:
            document.project.history = list(result.project.history)
        document.undo_stack.setClean()

    @rule(choice=st.integers(-1, 20), org=st.sampled_from(["calderdale", "leeds", "joint-services"]),
          what=st.sampled_from(["reserve", "decline", "authority", "mark", "edit", "remove"]))
    def another_partner_saves(self, choice, org, what):
        """Another partner, with the file open elsewhere, records something and saves it."""
        loaded = storage.load(self.path)
        project, actor = loaded.project, Actor(org, "Someone", "partner lead")
        sections = project.all_sections()
        section = sections[choice % len(sections)] if sections and choice >= 0 else None
        try:
            if what == "edit" and section is not None:
                edit_section(project, actor, section, blocks=(Paragraph(plain(f"{org} says so.")),))
            elif what == "remove":
                remove_organisation(project, actor, "harrogate" if choice % 2 else "leeds")
            elif what == "reserve":
                signoff.endorse_response(project, actor, reservations=[
                    signoff.reservation(project, "Elsewhere", section.id if section else "")])
            elif what == "decline":
                signoff.decline_response(project, actor, "Not from here", named=True)
            elif what == "authority":
                record_authority(project, actor, "delegated-officer", "Director's powers")
            elif section is not None:
                mark_section(project, actor, section, True, "Personal data")
        except WyassemblerError:
            return
        storage.save_shared(project, self.path, loaded.data, loaded.structure, holder=HOLDER)

    @rule(choice=st.integers(0, 20), person=st.sampled_from(PEOPLE))
    def keep_current_over_conflicts(self, choice, person):
        self._as(person)
        section = self._section(choice)
        if section is not None and section.conflicts:
            self._run(lambda: commands.KeepCurrentCommand(self.document, section))

    @rule()
    def merge_a_copy(self):
        """File › Merge… of a copy of the saved file that another partner changed offline."""
        loaded = storage.load(self.path)
        other = loaded.project
        try:
            signoff.decline_response(other, Actor("calderdale", "J. Smith", "partner lead"), "Offline view")
        except WyassemblerError:
            pass
        self._as(COORDINATOR)
        result = merge_projects(self.document.project, other, self.document.base)
        self._run(lambda: commands.MergeCopyCommand(self.document, result, "the offline copy"))

    @rule(number=st.integers(1, 3))
    def restore_a_backup(self, number):
        if len(storage.list_backups(self.path)) < number:
            return
        storage.restore_backup(self.path, number, holder=HOLDER,
                               actor=Actor("joint-services", "H. Dawson", "coordinator"))
        self._open()  # the app opens the restored file again

    # -- what must always hold -------------------------------------------------------------------------

    @invariant()
    def saves_and_reads_back(self):
        project = self.document.project
        assert from_bytes(checked_bytes(project)) == project


def test_no_sequence_of_actions_leaves_a_project_that_cannot_be_saved(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(PartnersAtWork, "folder", tmp_path, raising=False)
    run_state_machine_as_test(PartnersAtWork, settings=settings(
        max_examples=40, stateful_step_count=30, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
