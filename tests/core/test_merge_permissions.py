"""What arrives by merge obeys the rules a command obeys; what does not is left out and listed."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from tests.cli.conftest import cli  # noqa: F401 - the command line, run in this process
from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from wyassembler.core import conflicts
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.model import Actor, Resolution, Revision, SignOff, Tombstone
from wyassembler.core.outline import add_section, delete_section, set_ownership
from wyassembler.core.signoff import section_state, sign_off_section
from wyassembler.projectfile import storage

LEEDS = Actor("leeds", "M. Walsh", "partner lead")


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def forged_deletion(project, ref: str, actor: Actor):
    """What a hand-edited copy holds: the section gone and a tombstone naming someone who could not delete it."""
    section = project.find_section(ref)
    _, siblings, index = project.location(section)
    del siblings[index]
    project.tombstones.append(Tombstone(section.id, actor.org, actor.person, T0 + timedelta(hours=1),
                                        section.current.id, tuple(r.id for r in section.revisions[:-1])))
    return section


def forged_edit(project, ref: str, actor: Actor, words: str, minutes: int = 5) -> Revision:
    section = project.find_section(ref)
    revision = Revision.create(section.current.id, actor, section.heading, text(words), T0 + timedelta(minutes=minutes))
    section.revisions.append(revision)
    return revision


def refusals(result) -> list[str]:
    return [note for note in result.notes if note.startswith("Not taken from")]


def test_a_tombstone_naming_an_organisation_that_could_not_delete_is_refused(project):
    disk, other = project, copy.deepcopy(project)
    gone = forged_deletion(other, "2", LEEDS)
    result = merge_projects(other, disk)
    assert result.project.section(gone.id).heading == "Shared services"
    assert result.project.tombstones == []
    [note] = refusals(result)
    assert "deletion of \u201cShared services\u201d by M. Walsh (Leeds" in note and "the section is kept" in note


def test_the_coordinators_deletion_still_stands(project):
    disk, other = project, copy.deepcopy(project)
    gone = other.find_section("2")
    delete_section(other, COORDINATOR, gone, now=T0)
    result = merge_projects(other, disk)
    assert all(s.id != gone.id for s in result.project.all_sections())
    assert refusals(result) == []


def test_a_sub_section_deleted_by_an_editor_of_the_section_above_it_stays_deleted(project):
    parent = project.find_section("2")
    child = add_section(project, CALDERDALE, "Detail", "calderdale", text("Detail."), parent=parent, now=T0)
    disk, other = project, copy.deepcopy(project)
    delete_section(other, POLICE, other.section(child.id), now=T0)  # police contributes to section 2
    result = merge_projects(other, disk)
    assert all(s.id != child.id for s in result.project.all_sections())
    assert refusals(result) == []


def test_an_edit_by_an_organisation_that_may_not_edit_is_refused_with_what_was_built_on_it(project):
    disk, other = project, copy.deepcopy(project)
    forged = forged_edit(other, "3", LEEDS, "Leeds rewrote Kirklees's section.", minutes=5)
    edit_section(other, KIRKLEES, other.find_section("3"), blocks=text("Built on it."), now=T0 + timedelta(minutes=6))
    edit_section(other, CALDERDALE, other.find_section("2"), blocks=text("Calderdale's own edit."),
                 now=T0 + timedelta(minutes=7))
    result = merge_projects(other, disk)
    merged = result.project
    assert merged.find_section("3").current == disk.find_section("3").current
    assert forged.id not in {r.id for r in merged.find_section("3").revisions}
    assert merged.find_section("2").blocks == text("Calderdale's own edit.")  # the allowed edit arrives
    [note] = refusals(result)
    assert "edit of \u201cProfessionalism\u201d by M. Walsh (Leeds" in note


def test_a_sign_off_by_an_organisation_that_does_not_sign_the_section_is_refused(project):
    disk, other = project, copy.deepcopy(project)
    section = other.find_section("2")
    section.signoffs.append(SignOff("leeds", "approved", "M. Walsh", "partner lead", T0, section.hash, "", 1))
    sign_off_section(other, CALDERDALE, section, now=T0)
    result = merge_projects(other, disk)
    merged = result.project.find_section("2")
    assert [s.org for s in merged.signoffs] == ["calderdale"]
    assert section_state(merged, "calderdale") == "approved"
    [note] = refusals(result)
    assert "approved decision on \u201cShared services\u201d by M. Walsh (Leeds" in note


def test_an_endorsement_by_nobody_is_refused(project):
    disk, other = project, copy.deepcopy(project)
    other.endorsements.append(SignOff("leeds", "approved", "  ", "", T0, "0" * 64, "", 1))
    result = merge_projects(other, disk)
    assert result.project.endorsements == []
    assert len(refusals(result)) == 1


def test_a_resolution_by_an_organisation_that_may_not_edit_leaves_the_copy_to_resolve(project):
    ours, theirs = copy.deepcopy(project), copy.deepcopy(project)
    edit_section(theirs, CALDERDALE, theirs.find_section("2"), blocks=text("Disk."), now=T0 + timedelta(minutes=1))
    edit_section(ours, POLICE, ours.find_section("2"), blocks=text("Ours."), now=T0 + timedelta(minutes=2))
    disk = merge_projects(ours, theirs).project
    assert len(disk.find_section("2").conflicts) == 1
    other = copy.deepcopy(disk)
    section = other.find_section("2")
    section.resolutions.append(Resolution(section.conflicts[0].id, "leeds", "M. Walsh", T0, "kept-current"))
    section.conflicts = []
    result = merge_projects(other, disk)
    assert len(result.project.find_section("2").conflicts) == 1
    assert "resolution of a conflict copy" in refusals(result)[0]
    # The owner's resolution is taken.
    owners = copy.deepcopy(disk)
    conflicts.keep_current(owners, CALDERDALE, owners.find_section("2"), now=T0)
    result = merge_projects(owners, disk)
    assert result.project.find_section("2").conflicts == [] and refusals(result) == []


def test_a_new_section_added_by_someone_who_may_not_add_it_is_refused(project):
    disk, other = project, copy.deepcopy(project)
    other.coordinator = None  # the copy pretends nobody coordinates, so anyone may add
    top = add_section(other, LEEDS, "Leeds's own chapter", "leeds", text("Ours."), now=T0)
    under = add_section(other, CALDERDALE, "Shared detail", "calderdale", text("Detail."),
                        parent=other.find_section("2"), now=T0)
    result = merge_projects(other, disk)
    ids = {s.id for s in result.project.all_sections()}
    assert top.id not in ids and under.id in ids  # an editor of section 2 may add under it
    assert result.project.coordinator == "joint-services"
    assert "new section \u201cLeeds's own chapter\u201d added by M. Walsh (Leeds" in refusals(result)[0]


def test_a_foreign_copys_ownership_and_outline_changes_do_not_take_effect(project):
    disk, other = project, copy.deepcopy(project)
    other.coordinator = None
    set_ownership(other, LEEDS, other.find_section("2"), "leeds", [])
    other.sections.reverse()
    result = merge_projects(other, disk)  # no base: a copy from elsewhere
    assert result.project.find_section("2").owner == "calderdale"
    assert [s.id for s in result.project.sections] == [s.id for s in disk.sections]
    assert any("different owner" in note for note in result.notes)


def test_a_decision_made_before_the_role_changed_on_disk_is_kept(project):
    base = structure_of(project)
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    set_ownership(disk, COORDINATOR, disk.find_section("2"), "kirklees", [])
    sign_off_section(ours, CALDERDALE, ours.find_section("2"), now=T0)
    result = merge_projects(ours, disk, base)
    assert [s.org for s in result.project.find_section("2").signoffs] == ["calderdale"]
    assert refusals(result) == []


def test_merging_a_hand_edited_copy_on_the_command_line_keeps_the_section_and_says_so(cli, project, tmp_path):  # noqa: F811 - the fixture imported above
    shared, laptop = tmp_path / "r.wyproj", tmp_path / "laptop.wyproj"
    storage.save_project(project, shared)
    other = copy.deepcopy(project)
    forged_deletion(other, "2", LEEDS)
    storage.save_project(other, laptop)
    result = cli("merge", shared, laptop)
    assert result.code == 0, result.err
    assert "Not taken from laptop.wyproj: the deletion of \u201cShared services\u201d" in result.err
    assert storage.load(shared).project.find_section("2").heading == "Shared services"


def test_a_shared_save_of_a_copy_holding_a_forged_sign_off_leaves_it_out(project, tmp_path):
    shared = tmp_path / "r.wyproj"
    storage.save_project(project, shared)
    mine, theirs = storage.load(shared), storage.load(shared)
    edit_section(theirs.project, KIRKLEES, theirs.project.find_section("3"), blocks=text("Disk moved on."))
    storage.save_shared(theirs.project, shared, theirs.data, theirs.structure)
    section = mine.project.find_section("2")
    section.signoffs.append(SignOff("wypte", "approved", "T. Bus", "", T0, section.hash, "", 1))
    result = storage.save_shared(mine.project, shared, mine.data, mine.structure)
    assert result.merged and any("T. Bus (WYPTE" in note for note in result.notes)
    assert storage.load(shared).project.find_section("2").signoffs == []


@pytest.mark.parametrize("order", ["ours-first", "theirs-first"])
def test_refusing_changes_nothing_the_receiving_file_already_holds(project, order):
    disk = copy.deepcopy(project)
    forged = forged_edit(disk, "3", LEEDS, "Already on disk.")  # not arriving: the receiving file's own
    other = copy.deepcopy(project)
    result = merge_projects(other, disk) if order == "ours-first" else merge_projects(disk, copy.deepcopy(disk))
    assert result.project.find_section("3").current.id == forged.id
