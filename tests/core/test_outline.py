import pytest

from tests.factories import COORDINATOR, T0
from wyassembler.core.errors import NotFoundError, OutlineError
from wyassembler.core.outline import (add_section, delete_section, indent_section, insert_section,
                                      move_section, outdent_section)


def _numbers(project):
    return [(number, section.heading) for number, _, section in project.walk()]


def test_numbers_follow_the_tree_and_find_section_takes_number_or_id(project):
    shared = project.find_section("2")
    child = add_section(project, COORDINATOR, "Identity", "calderdale", parent=shared)
    grandchild = add_section(project, COORDINATOR, "Data", "calderdale", parent=child)
    assert project.find_section("2.1.1") is grandchild
    assert project.find_section(child.id) is child
    assert project.find_section("2.1.") is child
    with pytest.raises(NotFoundError):
        project.find_section("9")


def test_three_levels_at_most(project):
    level2 = add_section(project, COORDINATOR, "L2", "calderdale", parent=project.find_section("2"))
    level3 = add_section(project, COORDINATOR, "L3", "calderdale", parent=level2)
    with pytest.raises(OutlineError, match="no deeper than 3"):
        add_section(project, COORDINATOR, "L4", "calderdale", parent=level3)
    with pytest.raises(OutlineError, match="deeper than 3"):
        move_section(project, COORDINATOR, project.find_section("2"), project.find_section("3"), 0)


def test_move_indent_outdent_and_undo_by_moving_back(project):
    first, second, third = project.sections
    old_parent, old_index = indent_section(project, COORDINATOR, third)
    assert _numbers(project)[-1] == ("2.1", "Professionalism")
    outdent_section(project, COORDINATOR, third)
    assert [s.heading for s in project.sections] == [first.heading, second.heading, third.heading]
    move_section(project, COORDINATOR, third, None, 0)
    assert project.sections[0] is third
    with pytest.raises(OutlineError, match="inside itself"):
        child = add_section(project, COORDINATOR, "Child", "kirklees", parent=third)
        move_section(project, COORDINATOR, third, child, 0)


def test_first_section_cannot_indent_and_top_level_cannot_outdent(project):
    with pytest.raises(OutlineError):
        indent_section(project, COORDINATOR, project.sections[0])
    with pytest.raises(OutlineError):
        outdent_section(project, COORDINATOR, project.sections[0])


def test_delete_leaves_tombstones_and_insert_restores_the_same_section(project):
    shared = project.find_section("2")
    child = add_section(project, COORDINATOR, "Identity", "calderdale", parent=shared)
    parent, index = delete_section(project, COORDINATOR, shared)
    assert {t.section_id for t in project.tombstones} == {shared.id, child.id}
    assert [s.heading for s in project.sections] == ["Background information (Partnership Members)", "Professionalism"]
    insert_section(project, shared, parent, index)
    assert project.find_section("2.1") is child
    assert project.tombstones == []


def test_section_ids_are_unique_and_stable_across_moves(project):
    ids = [s.id for s in project.all_sections()]
    assert len(set(ids)) == len(ids)
    move_section(project, COORDINATOR, project.sections[2], None, 0)
    assert sorted(s.id for s in project.all_sections()) == sorted(ids)


def test_location_finds_a_section_by_identity_in_one_walk(project):
    from wyassembler.core.errors import NotFoundError
    from wyassembler.core.outline import add_section as add

    parent = project.sections[1]
    child = add(project, COORDINATOR, "Child", "calderdale", (), parent=parent, now=T0)
    assert project.location(parent) == (None, project.sections, 1)
    assert project.location(child) == (parent, parent.children, 0)
    stranger = add(project, COORDINATOR, "Elsewhere", "leeds", (), now=T0)
    project.sections.remove(stranger)
    with pytest.raises(NotFoundError):
        project.location(stranger)


def test_an_editor_who_may_add_a_sub_section_may_delete_it_again(project):
    from wyassembler.core.model import Actor
    from wyassembler.core.permissions import PermissionDenied

    parent = project.sections[1]
    partner = Actor(parent.owner, "J. Smith", "partner lead")
    child = add_section(project, partner, "Our own sub-section", parent.owner, parent=parent)
    delete_section(project, partner, child)
    assert child not in parent.children
    with pytest.raises(PermissionDenied):
        delete_section(project, partner, parent)  # a top-level section stays the coordinator's


def test_withdrawing_an_unsaved_section_leaves_no_tombstone(project):
    from wyassembler.core.outline import withdraw_section

    parent = project.sections[1]
    child = add_section(project, COORDINATOR, "Never saved", "calderdale", parent=parent)
    assert withdraw_section(project, COORDINATOR, child) == (parent, 0)
    assert child not in parent.children and project.tombstones == []
