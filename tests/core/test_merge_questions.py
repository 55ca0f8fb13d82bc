"""Two copies of a project merge the consultation's questions per question, and each section's answers,
three ways; without the base a copy from elsewhere changes neither (issue 17)."""

from __future__ import annotations

import copy

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.answers import question_problems
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.outline import add_section
from wyassembler.core.question_edits import (NewQuestion, import_questions, map_section, set_choice, set_limit,
                                             set_no_comment, set_options)
from wyassembler.core.questions import Limit
from wyassembler.projectfile import storage

QUESTIONS = [
    NewQuestion("1", "Do you agree?", None, ("Yes", "No", "Don't know")),
    NewQuestion("2", "What barriers do local bodies face?", Limit("words", 250)),
    NewQuestion("3", "How should data be shared?"),
]


@pytest.fixture
def asked(project):
    import_questions(project, COORDINATOR, QUESTIONS)
    return project


def copies(project):
    """(the structure both copies started from, the copy on disk, the copy being saved)."""
    return structure_of(project), copy.deepcopy(project), copy.deepcopy(project)


def numbers(project) -> list[str]:
    return [q.number for q in project.questions]


def test_a_shared_save_keeps_the_questions_and_the_sections_answers(asked, tmp_path):
    path = tmp_path / "r.wyproj"
    storage.save_project(asked, path)
    mine, theirs = storage.load(path), storage.load(path)
    edit_section(theirs.project, KIRKLEES, theirs.project.find_section("3"), blocks=(Paragraph(plain("Disk.")),))
    storage.save_shared(theirs.project, path, theirs.data, theirs.structure)
    map_section(mine.project, CALDERDALE, mine.project.find_section("2"), ["2"])
    set_choice(mine.project, COORDINATOR, "1", "Yes")
    assert storage.save_shared(mine.project, path, mine.data, mine.structure).merged
    saved = storage.load(path).project
    assert numbers(saved) == ["1", "2", "3"] and saved.questions[0].choice == "Yes"
    assert saved.find_section("2").answers == [saved.questions[1].id]


def test_changes_to_different_parts_of_a_question_both_stand(asked):
    base, disk, ours = copies(asked)
    set_limit(ours, COORDINATOR, "2", Limit("characters", 1500))
    set_choice(disk, COORDINATOR, "1", "No")
    set_no_comment(disk, COORDINATOR, "2", True, "Not ours to say")
    result = merge_projects(ours, disk, base)
    first, second = result.project.questions[:2]
    assert first.choice == "No" and second.limit == Limit("characters", 1500)
    assert second.no_comment and second.no_comment_reason == "Not ours to say"
    assert result.notes == []


def test_the_same_part_changed_differently_keeps_the_saved_files_with_a_note(asked):
    base, disk, ours = copies(asked)
    set_choice(ours, COORDINATOR, "1", "Yes")
    set_choice(disk, COORDINATOR, "1", "No")
    result = merge_projects(ours, disk, base)
    assert result.project.questions[0].choice == "No"
    assert result.notes == ["Question 1 differs in each copy (its choice): the saved file's is kept."]


def test_questions_added_on_either_side_are_kept_in_the_consultations_order(asked):
    base, disk, ours = copies(asked)
    import_questions(ours, COORDINATOR, QUESTIONS[:2] + [NewQuestion("2a", "And the costs?")] + QUESTIONS[2:])
    import_questions(disk, COORDINATOR, QUESTIONS + [NewQuestion("4", "Anything else?")])
    result = merge_projects(ours, disk, base)
    assert numbers(result.project) == ["1", "2", "2a", "3", "4"]
    assert result.notes == []


def test_a_question_removed_on_one_side_goes_unless_the_other_changed_it(asked):
    base, disk, ours = copies(asked)
    import_questions(ours, COORDINATOR, QUESTIONS[:2])  # question 3 withdrawn
    assert numbers(merge_projects(ours, disk, base).project) == ["1", "2"]
    assert numbers(merge_projects(disk, ours, base).project) == ["1", "2"]
    set_no_comment(disk, COORDINATOR, "3", True)
    result = merge_projects(ours, disk, base)
    assert numbers(result.project) == ["1", "2", "3"]
    assert result.notes == ["Question 3 was removed in your copy but changed in the saved file: it is kept."]


def test_a_sections_answers_merge_three_ways(asked):
    base, disk, ours = copies(asked)
    map_section(ours, CALDERDALE, ours.find_section("2"), ["2"])
    map_section(disk, KIRKLEES, disk.find_section("3"), ["3"])
    result = merge_projects(ours, disk, base).project
    assert result.find_section("2").answers == [asked.questions[1].id]
    assert result.find_section("3").answers == [asked.questions[2].id]
    map_section(disk, CALDERDALE, disk.find_section("2"), ["1"])
    clash = merge_projects(ours, disk, base)
    assert clash.project.find_section("2").answers == [asked.questions[0].id]
    assert clash.notes == ["\u201cShared services\u201d answers different questions in each copy; the saved file's "
                           "mapping is kept."]


def test_a_choice_the_other_side_no_longer_offers_is_left_out_with_a_note(asked):
    base, disk, ours = copies(asked)
    set_options(ours, COORDINATOR, "1", ["Yes", "No"])
    set_choice(disk, COORDINATOR, "1", "Don't know")
    result = merge_projects(ours, disk, base)
    assert result.project.questions[0].options == ("Yes", "No") and result.project.questions[0].choice == ""
    assert any("\u201cDon't know\u201d for question 1 is no longer one of its options" in n for n in result.notes)


def test_a_copy_from_elsewhere_changes_no_question_and_no_mapping(asked):
    """Without the base, as for properties and ownership: the receiving file's stands, each difference noted."""
    disk, other = asked, copy.deepcopy(asked)
    import_questions(other, COORDINATOR, QUESTIONS + [NewQuestion("9", "Smuggled in?")])
    set_choice(other, COORDINATOR, "1", "Yes")
    map_section(other, CALDERDALE, other.find_section("2"), ["9"])
    new = add_section(other, CALDERDALE, "Our own answer", "calderdale", (Paragraph(plain("Text.")),),
                      parent=other.find_section("2"), now=T0)
    map_section(other, CALDERDALE, new, ["3"])
    result = merge_projects(other, disk)
    assert numbers(result.project) == ["1", "2", "3"] and result.project.questions[0].choice == ""
    assert result.project.find_section("2").answers == []
    assert result.project.find_section(new.id).answers == [asked.questions[2].id]  # a new section comes whole
    assert "Question 9 is only in your copy, a copy from elsewhere: not taken (the coordinator imports the " \
           "question list)." in result.notes
    assert "Question 1 differs in each copy (its choice): the saved file's is kept." in result.notes
    assert any("answers different questions in each copy" in note for note in result.notes)


def test_the_list_imported_on_both_sides_is_one_list_with_the_saved_files_ids(project, tmp_path):
    base, disk, ours = copies(project)  # no questions yet: each import gives every question a new id
    import_questions(disk, COORDINATOR, QUESTIONS)
    import_questions(ours, COORDINATOR, QUESTIONS[:2] + [NewQuestion("3", "How should data be shared, and why?")])
    map_section(ours, CALDERDALE, ours.find_section("2"), ["2", "3"])
    result = merge_projects(ours, disk, base)
    assert [q.id for q in result.project.questions] == [q.id for q in disk.questions]
    assert result.project.find_section("2").answers == [disk.questions[1].id, disk.questions[2].id]
    assert result.notes == ["Question 3 differs in each copy (its text): the saved file's is kept."]
    path = tmp_path / "r.wyproj"
    storage.save_project(result.project, path)
    assert not any(line.startswith("question number") for line in question_problems(storage.load(path).project))
