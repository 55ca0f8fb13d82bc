"""The project's list numbering (Project.list_formats): set as a property, merged and restored."""

from __future__ import annotations

import copy

import pytest

from tests.factories import CALDERDALE, COORDINATOR, T0
from wyassembler.core.errors import ContentError, PermissionDenied
from wyassembler.core.lists import DEFAULT_LEVEL_FORMATS
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.partners import set_properties
from wyassembler.core.restore import restore_over
from wyassembler.projectfile.codec import to_bytes

LETTERS_FIRST = ("upperLetter", "decimal", "upperRoman")


def test_the_coordinator_sets_the_numbering_and_gets_the_previous_back_for_undo(project):
    previous = set_properties(project, COORDINATOR, list_formats=["upperLetter", "decimal", "upperRoman"])
    assert project.list_formats == LETTERS_FIRST  # a tuple, whatever sequence was given
    assert previous == {"list_formats": DEFAULT_LEVEL_FORMATS}
    set_properties(project, COORDINATOR, **previous)
    assert project.list_formats == DEFAULT_LEVEL_FORMATS


@pytest.mark.parametrize("formats, message", [
    (("decimal", "lowerLetter"), "a format for each of the 3 levels, not 2"),
    (("decimal", "bullet", "lowerRoman"), "'bullet' is not one of"),
    ("decimal", "a sequence of formats"),
])
def test_bad_numbering_is_refused_and_nothing_changes(project, formats, message):
    with pytest.raises(ContentError, match=message):
        set_properties(project, COORDINATOR, list_formats=formats)
    assert project.list_formats == DEFAULT_LEVEL_FORMATS


def test_only_the_coordinator_sets_the_numbering(project):
    with pytest.raises(PermissionDenied):
        set_properties(project, CALDERDALE, list_formats=LETTERS_FIRST)
    assert project.list_formats == DEFAULT_LEVEL_FORMATS


def test_numbering_changed_on_one_side_is_merged_in(project):
    disk, ours, base = copy.deepcopy(project), copy.deepcopy(project), structure_of(project)
    set_properties(ours, COORDINATOR, list_formats=LETTERS_FIRST)
    merged = merge_projects(ours, disk, base)
    assert merged.project.list_formats == LETTERS_FIRST and merged.notes == []


def test_numbering_changed_on_both_sides_keeps_disks_with_a_note_in_labels(project):
    disk, ours, base = copy.deepcopy(project), copy.deepcopy(project), structure_of(project)
    set_properties(ours, COORDINATOR, list_formats=LETTERS_FIRST)
    set_properties(disk, COORDINATOR, list_formats=("lowerRoman", "lowerLetter", "decimal"))
    merged = merge_projects(ours, disk, base)
    assert merged.project.list_formats == ("lowerRoman", "lowerLetter", "decimal")
    assert merged.notes == ["The list numbering differs: the saved file has \u201ci. a. 1.\u201d, your copy has "
                            "\u201cA. 1. I.\u201d; the saved file's is kept."]


def test_a_merge_keeps_the_numbering_a_tuple_so_the_default_is_not_written(project):
    disk, ours, base = copy.deepcopy(project), copy.deepcopy(project), structure_of(project)
    merged = merge_projects(ours, disk, base).project
    assert merged.list_formats == DEFAULT_LEVEL_FORMATS
    assert b"list-numbering" not in to_bytes(merged)


def test_a_restore_puts_back_the_numbering_of_the_version_restored(project):
    older = copy.deepcopy(project)
    set_properties(older, COORDINATOR, list_formats=LETTERS_FIRST)
    restored = restore_over(project, older, COORDINATOR, "backup", "0" * 64, "1" * 64, now=T0)
    assert restored.list_formats == LETTERS_FIRST
