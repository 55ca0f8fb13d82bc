"""The coordinator's dissent settings (issue 18) are project properties: set with set_properties (checked,
undone with the values it returns) and merged three ways like the others."""

from __future__ import annotations

import copy

import pytest

from tests.factories import COORDINATOR, KIRKLEES
from wyassembler.core.errors import ContentError, PermissionDenied
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.partners import set_properties


def test_the_coordinator_sets_the_four_settings_and_gets_the_old_values_back(project):
    previous = set_properties(project, COORDINATOR, declines_block=True, require_authority=True,
                              behalf_at="title", member_list="endorsers")
    assert (project.declines_block, project.require_authority, project.behalf_at, project.member_list) == \
        (True, True, "title", "endorsers")
    assert previous == {"declines_block": False, "require_authority": False, "behalf_at": "members",
                        "member_list": "all"}
    set_properties(project, COORDINATOR, **previous)
    assert (project.declines_block, project.require_authority, project.behalf_at, project.member_list) == \
        (False, False, "members", "all")


@pytest.mark.parametrize(("name", "value", "says"), [
    ("declines_block", "yes", "is yes or no"),
    ("require_authority", 1, "is yes or no"),
    ("behalf_at", "footer", "not one of members, title"),
    ("member_list", "some", "not one of all, endorsers"),
])
def test_a_wrong_value_is_refused_in_one_line_and_changes_nothing(project, name, value, says):
    with pytest.raises(ContentError, match=says):
        set_properties(project, COORDINATOR, **{name: value})
    assert (project.declines_block, project.require_authority, project.behalf_at, project.member_list) == \
        (False, False, "members", "all")


def test_only_the_coordinator_changes_them(project):
    with pytest.raises(PermissionDenied):
        set_properties(project, KIRKLEES, declines_block=True)


def test_the_settings_merge_three_ways(project):
    disk, ours, base = copy.deepcopy(project), copy.deepcopy(project), structure_of(project)
    set_properties(ours, COORDINATOR, declines_block=True, behalf_at="title")
    set_properties(disk, COORDINATOR, require_authority=True, member_list="endorsers")
    result = merge_projects(ours, disk, base)
    merged = result.project
    assert (merged.declines_block, merged.require_authority, merged.behalf_at, merged.member_list) == \
        (True, True, "title", "endorsers")
    assert result.notes == []


def test_without_a_base_a_difference_keeps_disks_with_a_note_in_words(project):
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    set_properties(ours, COORDINATOR, declines_block=True, behalf_at="title")
    result = merge_projects(ours, disk, None)
    assert (result.project.declines_block, result.project.behalf_at) == (False, "members")
    assert result.notes == [
        "The setting whether a decline stops the final export differs: the saved file has \u201cno\u201d, "
        "your copy has \u201cyes\u201d; the saved file's is kept.",
        "The place of the \u201con whose behalf\u201d statement differs: the saved file has \u201cmembers\u201d, "
        "your copy has \u201ctitle\u201d; the saved file's is kept."]
