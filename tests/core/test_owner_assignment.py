"""Only the coordinator assigns sections to organisations (issue 15, attack tests).

An editor may add a sub-section under a section it edits, but it could name any owner or contributors,
putting a pending approval on another organisation's list: now what a partner adds is its own."""

from __future__ import annotations

import copy

import pytest

from tests.factories import CALDERDALE, COORDINATOR, POLICE
from wyassembler.core.errors import PermissionDenied
from wyassembler.core.merge import merge_projects
from wyassembler.core.outline import add_section, set_ownership
from wyassembler.core.signoff import section_states


@pytest.mark.parametrize("owner, contributors", [
    ("kirklees", []),
    ("calderdale", ["kirklees"]),
    ("police", []),  # a contributor of the parent, still another organisation
])
def test_an_editor_cannot_add_a_subsection_owned_by_or_shared_with_another_organisation(project, owner, contributors):
    shared = project.find_section("2")
    before = copy.deepcopy(project)
    with pytest.raises(PermissionDenied, match="only the coordinating organisation .* assigns sections"):
        add_section(project, CALDERDALE, "Yours now", owner, parent=shared, contributors=contributors)
    assert project == before


def test_an_editor_adds_a_subsection_of_its_own(project):
    shared = project.find_section("2")
    mine = add_section(project, POLICE, "Policing", "police", parent=shared)
    assert section_states(mine) == {"police": "pending"}


def test_the_coordinator_assigns_any_owner_and_contributors(project):
    shared = project.find_section("2")
    child = add_section(project, COORDINATOR, "Identity", "kirklees", parent=shared, contributors=["fire"])
    assert section_states(child) == {"kirklees": "pending", "fire": "pending"}


def test_only_the_coordinator_changes_ownership_even_of_its_own_section(project):
    shared = project.find_section("2")
    with pytest.raises(PermissionDenied, match="only the coordinating organisation"):
        set_ownership(project, CALDERDALE, shared, "kirklees", [])
    assert shared.owner == "calderdale"
    set_ownership(project, COORDINATOR, shared, "kirklees", [])
    assert shared.owner == "kirklees"


def test_a_merged_subsection_given_to_another_organisation_is_refused(project):
    """The same rule for a sub-section arriving by merge from a copy that broke it (by hand)."""
    theirs = copy.deepcopy(project)
    ours = copy.deepcopy(project)
    added = add_section(ours, CALDERDALE, "Yours now", "calderdale", parent=ours.find_section("2"))
    added.owner = "kirklees"  # as a hand-edited or foreign copy could hold it
    result = merge_projects(ours, theirs)
    assert all(section.heading != "Yours now" for section in result.project.all_sections())
    assert any("Yours now" in note and "owned by" in note for note in result.notes), result.notes


def test_an_owner_changed_by_hand_in_a_merged_copy_is_not_taken_and_is_noted(project):
    """Ownership carries no author in the file: a foreign copy (no base) never overrides it, and says so."""
    theirs = copy.deepcopy(project)
    ours = copy.deepcopy(project)
    ours.find_section("2").owner = "kirklees"
    result = merge_projects(ours, theirs)
    assert result.project.find_section("2").owner == "calderdale"
    assert any("different owner or contributors" in note for note in result.notes), result.notes
