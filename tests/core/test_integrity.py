"""Integrity rules every project obeys, and walks over parents and sections that always end.

A walk that follows a loop in hostile data must stop with a one-line error, never hang: a merge
that hangs does so holding the project's lock, so every other partner's save waits for it.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, T0
from tests.hang_guard import fails_if_still_running
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.integrity import hash_problems, reference_problems, write_problems
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.model import Section


@pytest.fixture(autouse=True)
def hang_guard():
    """Turn a walk that never ends into a failure instead of a test run that never ends (not a speed check)."""
    with fails_if_still_running(60, "the walk did not end: it followed a loop"):
        yield


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def looped(section: Section) -> None:
    """Make the first revision's parent the second one: r1.parent = r2, r2.parent = r1."""
    first, second = section.revisions[0], section.revisions[1]
    section.revisions[0] = replace(first, parent=second.id)


@pytest.fixture
def diverged(project):
    """(disk, ours): section 2 edited on both sides from one start, disk's edit the later."""
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    edit_section(ours, CALDERDALE, ours.find_section("2"), blocks=text("Ours."), now=T0 + timedelta(minutes=1))
    edit_section(disk, CALDERDALE, disk.find_section("2"), blocks=text("Disk."), now=T0 + timedelta(minutes=2))
    return disk, ours


def test_a_first_revision_with_a_parent_is_a_loop_in_the_history(diverged):
    disk, _ = diverged
    looped(disk.find_section("2"))
    problems = reference_problems(disk)
    assert len(problems) == 1
    assert "loops" in problems[0] and "\n" not in problems[0]


def test_a_first_revision_naming_a_parent_the_section_lacks_is_refused(project):
    section = project.find_section("2")
    section.revisions[0] = replace(section.revisions[0], parent="rev-gone")
    assert any("not an earlier revision" in problem for problem in reference_problems(project))


def test_merging_with_a_looped_history_stops_with_an_error(diverged):
    disk, ours = diverged
    looped(disk.find_section("2"))
    with pytest.raises(WyassemblerError, match="loop"):
        merge_projects(ours, disk, structure_of(ours))


def test_merging_from_a_looped_history_stops_with_an_error(diverged):
    disk, ours = diverged
    looped(ours.find_section("2"))
    with pytest.raises(WyassemblerError):
        merge_projects(ours, disk, structure_of(disk))


def test_merging_with_a_history_whose_parents_loop_among_themselves_stops(diverged):
    disk, ours = diverged
    section = ours.find_section("2")
    start, edit = section.revisions
    # Two revisions naming each other, neither reachable from the start: nothing can be ordered.
    a = replace(edit, id="rev-a", parent="rev-b")
    b = replace(edit, id="rev-b", parent="rev-a")
    section.revisions[:] = [start, a, b, edit]
    with pytest.raises(WyassemblerError):
        merge_projects(ours, disk, structure_of(disk))


def test_a_section_inside_itself_stops_the_outline_walk(project):
    section = project.find_section("2")
    section.children.append(section)
    with pytest.raises(WyassemblerError, match="inside itself"):
        list(project.walk())
    with pytest.raises(WyassemblerError):
        reference_problems(project)


def test_two_sections_sharing_an_id_across_levels_do_not_hang_a_merge(project):
    """Section ids are what a merge follows to find a section's parent: a duplicate makes them loop
    (A under B under A), and the merge must stop rather than follow them."""
    disk = copy.deepcopy(project)
    ours = copy.deepcopy(project)
    a, b = ours.find_section("2"), ours.find_section("3")
    ours.sections.remove(b)
    a.children.append(b)
    twin = Section(a.id, a.owner, list(a.revisions))
    b.children.append(twin)
    assert any("share the id" in problem for problem in reference_problems(ours))
    with pytest.raises(WyassemblerError):
        merge_projects(ours, disk, None)


def test_tombstones_of_sections_still_in_the_outline_merge_without_looping(project):
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    from wyassembler.core.outline import delete_section

    delete_section(ours, COORDINATOR, ours.find_section("3"), now=T0 + timedelta(minutes=1))
    # The same deletion recorded twice, and a tombstone for a section that is still there.
    ours.tombstones.append(ours.tombstones[0])
    ours.tombstones.append(replace(ours.tombstones[0], section_id=ours.find_section("2").id,
                                   last_revision="rev-other"))
    merged = merge_projects(ours, disk, structure_of(project)).project
    assert [s.id for s in merged.all_sections()] == [s.id for s in ours.all_sections()]
    assert write_problems(merged) == []


def test_a_revision_whose_content_does_not_match_its_hash_is_a_write_problem(project):
    section = project.find_section("2")
    section.revisions[-1] = replace(section.current, blocks=text("Changed without a new hash."))
    problems = hash_problems(project)
    assert len(problems) == 1 and "does not match its recorded hash" in problems[0]
    assert problems == write_problems(project)


def test_a_sound_project_has_no_write_problems(project):
    assert write_problems(project) == []


def test_the_merge_walks_over_parents_end_even_without_the_check_before_them(diverged):
    """The walks themselves are bounded, not only the check that runs before a merge."""
    from wyassembler.core.merge import _common_base, _leaf_from

    disk, _ = diverged
    section = disk.find_section("2")
    looped(section)
    first, second = section.revisions
    with pytest.raises(WyassemblerError, match="loops"):
        _leaf_from(second, section.revisions)
    with pytest.raises(WyassemblerError, match="loops"):
        _common_base(section.revisions, set())
