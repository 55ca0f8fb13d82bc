"""Merging two copies of one project: every rule, and the same result whatever the order of arrival."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from wyassembler.core import conflicts
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section, prune_history
from wyassembler.core.errors import ContentError, PermissionDenied
from wyassembler.core.integrity import reference_problems, soundness_problems
from wyassembler.core.merge import ProjectMismatchError, merge_projects, structure_of
from wyassembler.core.outline import add_section, delete_section, move_section
from wyassembler.core.partners import add_organisation, set_properties
from wyassembler.core.signoff import endorse_response, section_state, sign_off_section


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def edit(project, actor, ref, words, minutes=1, heading=None):
    return edit_section(project, actor, project.find_section(ref), heading=heading, blocks=text(words),
                        now=T0 + timedelta(minutes=minutes))


def words_of(section) -> str:
    return section.blocks[0].spans[0].text


def sound(project) -> bool:
    return reference_problems(project) == [] and soundness_problems(project) == []


@pytest.fixture
def copies(project):
    """(disk, ours, base structure): two copies of one project as loaded."""
    return copy.deepcopy(project), copy.deepcopy(project), structure_of(project)


def test_a_section_changed_on_one_side_takes_that_side(copies):
    disk, ours, base = copies
    edit(ours, CALDERDALE, "2", "Ours only.")
    edit(disk, KIRKLEES, "3", "Disk only.")
    result = merge_projects(ours, disk, base)
    merged = result.project
    assert words_of(merged.find_section("2")) == "Ours only."
    assert words_of(merged.find_section("3")) == "Disk only."
    assert result.notes == [] and result.new_conflicts == []
    assert sound(merged)


def test_the_inputs_are_not_changed(copies):
    disk, ours, base = copies
    edit(ours, CALDERDALE, "2", "Ours only.")
    before_disk, before_ours = copy.deepcopy(disk), copy.deepcopy(ours)
    merge_projects(ours, disk, base)
    assert disk == before_disk and ours == before_ours


def test_changed_on_both_sides_keeps_disk_current_and_ours_as_a_conflict_copy(copies):
    disk, ours, base = copies
    edit(disk, CALDERDALE, "2", "Disk's words.", minutes=1)
    mine = edit(ours, POLICE, "2", "Our words.", minutes=2)
    result = merge_projects(ours, disk, base)
    section = result.project.find_section("2")
    assert words_of(section) == "Disk's words."
    [conflict] = section.conflicts
    assert (conflict.org, conflict.person, conflict.time) == ("police", "P. Clarke", T0 + timedelta(minutes=2))
    assert conflict.blocks == text("Our words.") and conflict.id == mine.id
    assert conflict.base == disk.find_section("2").revisions[0].id
    assert mine in section.revisions  # the losing revision stays in the history
    assert result.new_conflicts == [(section.id, conflict)]
    assert "conflict copy 1" in result.notes[0] and "P. Clarke" in result.notes[0]
    assert sound(result.project)


def test_both_sides_reaching_the_same_text_is_no_clash(copies):
    disk, ours, base = copies
    edit(disk, CALDERDALE, "2", "Same words.")
    edit(ours, POLICE, "2", "Same words.")
    result = merge_projects(ours, disk, base)
    assert result.project.find_section("2").conflicts == [] and result.notes == []


def test_sections_added_on_both_sides_are_all_kept_in_place(copies):
    disk, ours, base = copies
    shared = ours.find_section("2")
    add_section(ours, COORDINATOR, "Ours at the end", "leeds", now=T0)
    add_section(ours, CALDERDALE, "Ours under shared", "calderdale", parent=shared, now=T0)
    add_section(disk, COORDINATOR, "Disk's first", "wakefield", index=0, now=T0)
    merged = merge_projects(ours, disk, base).project
    headings = [(number, s.heading) for number, _, s in merged.walk()]
    assert headings == [("1", "Disk's first"), ("2", "Background information (Partnership Members)"),
                        ("3", "Shared services"), ("3.1", "Ours under shared"), ("4", "Professionalism"),
                        ("5", "Ours at the end")]
    assert sound(merged)


@pytest.mark.parametrize("deleter", ["ours", "disk"])
def test_a_deletion_of_an_unchanged_section_stands(copies, deleter):
    disk, ours, base = copies
    side = ours if deleter == "ours" else disk
    delete_section(side, COORDINATOR, side.find_section("3"))
    result = merge_projects(ours, disk, base)
    assert [s.heading for s in result.project.sections] == ["Background information (Partnership Members)",
                                                            "Shared services"]
    assert [t.section_id for t in result.project.tombstones] == [disk.find_section("3").id if deleter == "ours"
                                                                 else ours.find_section("3").id]


@pytest.mark.parametrize("deleter", ["ours", "disk"])
def test_an_edit_beats_a_delete(copies, deleter):
    disk, ours, base = copies
    deleting, editing = (ours, disk) if deleter == "ours" else (disk, ours)
    section_id = editing.find_section("3").id
    edit(editing, KIRKLEES, "3", "Still needed.")
    delete_section(deleting, COORDINATOR, deleting.find_section("3"), now=T0)
    result = merge_projects(ours, disk, base)
    restored = result.project.section(section_id)
    assert words_of(restored) == "Still needed."
    assert result.project.number_of(restored) == "3"
    assert result.project.tombstones == []
    assert "deleted by H. Dawson" in result.notes[0] and "put back" in result.notes[0]


def test_a_deletion_stands_against_a_copy_that_was_behind(project):
    # Someone with an old copy saves after the section was edited and then deleted: it must stay deleted.
    old = copy.deepcopy(project)
    edit(project, KIRKLEES, "3", "Edited before deletion.")
    delete_section(project, COORDINATOR, project.find_section("3"), now=T0 + timedelta(minutes=5))
    result = merge_projects(old, project)  # no base: an offline copy
    assert len(result.project.sections) == 2


def test_a_move_on_one_side_is_kept_with_a_base_and_reported_without(copies):
    disk, ours, base = copies
    shared_id = disk.find_section("2").id
    move_section(ours, COORDINATOR, ours.find_section("3"), None, 0)
    edit(disk, CALDERDALE, "2", "Meanwhile on disk.")
    with_base = merge_projects(ours, disk, base)
    assert with_base.project.sections[0].heading == "Professionalism"
    assert words_of(with_base.project.section(shared_id)) == "Meanwhile on disk."
    move_section(ours, COORDINATOR, ours.find_section("1"), ours.find_section("3"), 0)
    without = merge_projects(ours, disk)
    assert without.project.sections[0].heading.startswith("Background")
    assert any("sits elsewhere" in note for note in without.notes)


def test_moves_that_would_make_a_cycle_keep_disks_outline(copies):
    disk, ours, base = copies
    move_section(ours, COORDINATOR, ours.find_section("2"), ours.find_section("3"), 0)
    move_section(disk, COORDINATOR, disk.find_section("3"), disk.find_section("2"), 0)
    result = merge_projects(ours, disk, base)
    assert [(n, s.heading) for n, _, s in result.project.walk()][1:] == [("2", "Shared services"),
                                                                         ("2.1", "Professionalism")]
    assert any("moved in both copies" in note for note in result.notes)
    assert sound(result.project)


def test_organisations_and_properties_merge_three_ways(copies):
    disk, ours, base = copies
    add_organisation(ours, COORDINATOR, "Sheffield City Council", "Sheffield")
    add_organisation(disk, COORDINATOR, "York Council", "York")
    set_properties(ours, COORDINATOR, title="Our title")
    set_properties(disk, COORDINATOR, subtitle="Disk subtitle")
    disk.organisation("leeds").lead_name = "M. Walsh"
    result = merge_projects(ours, disk, base)
    merged = result.project
    assert [o.id for o in merged.organisations][-2:] == ["sheffield", "york"]
    assert (merged.title, merged.subtitle) == ("Our title", "Disk subtitle")
    assert merged.organisation("leeds").lead_name == "M. Walsh"
    assert result.notes == []


def test_a_property_changed_on_both_sides_keeps_disks_with_a_note(copies):
    disk, ours, base = copies
    set_properties(ours, COORDINATOR, title="Ours")
    set_properties(disk, COORDINATOR, title="Disk's")
    result = merge_projects(ours, disk, base)
    assert result.project.title == "Disk's"
    assert result.notes == ["The title differs: the saved file has \u201cDisk's\u201d, your copy has \u201cOurs\u201d; "
                            "the saved file's is kept."]


def test_an_organisation_removed_on_one_side_goes_unless_still_named(copies):
    disk, ours, base = copies
    ours.organisations = [o for o in ours.organisations if o.id not in ("wypte", "police")]
    merged = merge_projects(ours, disk, base).project
    ids = [o.id for o in merged.organisations]
    assert "wypte" not in ids
    assert "police" in ids  # still a contributor of section 2


def test_signoffs_and_endorsements_are_a_union_and_staleness_follows(copies):
    disk, ours, base = copies
    sign_off_section(ours, CALDERDALE, ours.find_section("2"), now=T0)
    sign_off_section(disk, POLICE, disk.find_section("2"), now=T0)
    endorse_response(ours, KIRKLEES, now=T0)
    edit(disk, KIRKLEES, "3", "Changes the response.")
    merged = merge_projects(ours, disk, base).project
    section = merged.find_section("2")
    assert {s.org for s in section.signoffs} == {"calderdale", "police"}
    assert section_state(section, "calderdale") == "approved"
    assert [e.org for e in merged.endorsements] == ["kirklees"]
    from wyassembler.core.signoff import endorsement_states
    assert endorsement_states(merged)["kirklees"] == "stale"


def test_a_different_project_is_refused(copies, project):
    disk, ours, _ = copies
    ours.id = "another-project"
    with pytest.raises(ProjectMismatchError, match="two different projects"):
        merge_projects(ours, disk)


def test_merging_a_copy_with_itself_changes_nothing(copies):
    disk, ours, _ = copies
    edit(disk, CALDERDALE, "2", "Something.")
    assert merge_projects(copy.deepcopy(disk), disk).project == disk


def test_content_pruned_on_one_side_is_filled_from_the_other(copies):
    disk, ours, base = copies
    for n in range(8):
        edit(disk, CALDERDALE, "2", f"Version {n}.", minutes=n + 1)
    ours = copy.deepcopy(disk)
    # Ours still has the content of revision 1 (say, because someone signed it there); disk pruned it.
    full = ours.find_section("2").revisions[1]
    assert full.blocks is None
    ours.find_section("2").revisions[1] = type(full)(full.id, full.parent, full.org, full.person, full.time,
                                                     full.heading, text("Version 0."), full.hash)
    edit(disk, KIRKLEES if False else CALDERDALE, "2", "Version 9.", minutes=20)
    merged = merge_projects(ours, disk, base).project.find_section("2")
    assert merged.revision(full.id).blocks == text("Version 0.")
    assert words_of(merged) == "Version 9."


def test_offline_merges_in_any_order_give_the_same_result(project):
    # Three copies edit the same section and others; merged into the file in either order.
    disk, a, b = copy.deepcopy(project), copy.deepcopy(project), copy.deepcopy(project)
    edit(disk, CALDERDALE, "2", "Disk's words.", minutes=1)
    edit(a, POLICE, "2", "A's words.", minutes=2)
    edit(a, KIRKLEES, "3", "A on three.", minutes=2)
    edit(b, CALDERDALE, "2", "B's words.", minutes=3)
    sign_off_section(b, CALDERDALE, b.find_section("2"), now=T0 + timedelta(minutes=4))
    first = merge_projects(b, merge_projects(a, disk).project).project
    second = merge_projects(a, merge_projects(b, disk).project).project
    assert first == second
    section = first.find_section("2")
    assert words_of(section) == "Disk's words."
    assert [c.blocks[0].spans[0].text for c in section.conflicts] == \
        ["A's words.", "B's words."]
    assert sound(first)


def test_which_clashing_version_is_current_depends_only_on_who_reached_the_disk_first(project):
    disk, a, b = copy.deepcopy(project), copy.deepcopy(project), copy.deepcopy(project)
    edit(a, POLICE, "2", "A's words.", minutes=2)
    edit(b, CALDERDALE, "2", "B's words.", minutes=3)
    first = merge_projects(b, merge_projects(a, disk).project).project.find_section("2")
    second = merge_projects(a, merge_projects(b, disk).project).project.find_section("2")
    versions = lambda s: sorted(words_of(x) for x in [s, *s.conflicts])  # noqa: E731
    assert versions(first) == versions(second) == ["A's words.", "B's words."]
    assert (words_of(first), words_of(second)) == ("A's words.", "B's words.")
    assert {r.id for r in first.revisions} == {r.id for r in second.revisions}


def test_same_inputs_give_equal_results(copies):
    disk, ours, base = copies
    edit(disk, CALDERDALE, "2", "Disk.")
    edit(ours, POLICE, "2", "Ours.")
    add_section(ours, COORDINATOR, "New", "leeds", now=T0)
    assert merge_projects(ours, disk, base).project == merge_projects(ours, disk, base).project


def test_merging_back_into_the_older_copy_keeps_a_sound_history(project):
    # A took a copy on a stick, kept editing at home, and the office file took the clash; then the
    # office file is merged into the stick's copy: the stick's old current is not the newest any more.
    disk = copy.deepcopy(project)
    stick = copy.deepcopy(project)
    edit(stick, CALDERDALE, "2", "First at home.", minutes=1)
    home = copy.deepcopy(stick)
    edit(home, CALDERDALE, "2", "Second at home.", minutes=2)
    edit(disk, POLICE, "2", "Office.", minutes=3)
    office = merge_projects(home, disk).project
    back = merge_projects(office, stick).project
    assert sound(back)
    section = back.find_section("2")
    assert words_of(section) in ("Office.", "Second at home.")


# -- resolving --------------------------------------------------------------------

@pytest.fixture
def clash(copies):
    disk, ours, base = copies
    edit(disk, CALDERDALE, "2", "Disk's words.", minutes=1)
    edit(ours, POLICE, "2", "Our words.", minutes=2)
    return merge_projects(ours, disk, base).project, ours


def test_keep_current_drops_the_copies_and_a_later_merge_does_not_bring_them_back(clash):
    merged, ours = clash
    section = merged.find_section("2")
    [record] = conflicts.keep_current(merged, CALDERDALE, section, now=T0)
    assert section.conflicts == [] and record.outcome == "kept-current" and record.org == "calderdale"
    again = merge_projects(ours, merged).project.find_section("2")
    assert again.conflicts == [] and words_of(again) == "Disk's words."


def test_take_copy_makes_it_current_and_its_signoffs_count_again(clash):
    merged, _ = clash
    section = merged.find_section("2")
    copy_hash = section.conflicts[0].hash
    sign_off_section(merged, POLICE, section, now=T0)  # police approve the current text
    revision = conflicts.take_copy(merged, POLICE, section, 1, now=T0 + timedelta(minutes=9))
    assert words_of(section) == "Our words." and revision.hash == copy_hash
    assert section.conflicts == [] and section.resolutions[0].outcome == "took-copy"
    assert sound(merged)


def test_a_merged_text_is_a_new_revision(clash):
    merged, _ = clash
    section = merged.find_section("2")
    conflicts.take_merged_text(merged, CALDERDALE, section, None, text("Both, combined."), now=T0)
    assert words_of(section) == "Both, combined." and section.current.person == "J. Smith"
    assert section.resolutions[0].outcome == "merged"


def test_resolving_needs_edit_rights_and_a_conflict(clash):
    merged, _ = clash
    with pytest.raises(PermissionDenied):
        conflicts.keep_current(merged, KIRKLEES, merged.find_section("2"))
    with pytest.raises(ContentError, match="no conflict copies"):
        conflicts.keep_current(merged, KIRKLEES, merged.find_section("3"))
    from wyassembler.core.errors import NotFoundError
    with pytest.raises(NotFoundError, match="there is no copy 2"):
        conflicts.take_copy(merged, CALDERDALE, merged.find_section("2"), 2)
    assert len(merged.find_section("2").conflicts) == 1


def test_pruning_keeps_the_content_of_conflict_copies(clash):
    merged, _ = clash
    section = merged.find_section("2")
    kept = section.conflicts[0].id
    for n in range(8):
        edit(merged, CALDERDALE, "2", f"More {n}.", minutes=10 + n)
    prune_history(section)
    assert section.revision(kept).blocks is not None


def test_an_unresolved_conflict_stands_between_the_response_and_final(clash):
    from wyassembler.core.signoff import readiness
    merged, _ = clash
    section = merged.find_section("2")
    assert any("1 unresolved conflict copy" in item for item in readiness(merged).missing["calderdale"])
    conflicts.keep_current(merged, CALDERDALE, section, now=T0)
    assert not any("conflict" in item for item in readiness(merged).missing.get("calderdale", []))
