"""A corrected question list that numbers its questions afresh (a question inserted, one taken out):
each section stays mapped to the question it answers, found by its wording, never moved to whatever
question now carries the old number."""

from __future__ import annotations

import pytest

from tests.factories import COORDINATOR, KIRKLEES
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
from wyassembler.core.questions import Limit, find_question

FIRST = [
    NewQuestion("1", "Do you agree with the proposals?", None, ("Yes", "No")),
    NewQuestion("2", "What barriers do local bodies face?", Limit("words", 10)),
    NewQuestion("3", "How should data be shared?"),
]


@pytest.fixture
def answered(project):
    import_questions(project, COORDINATOR, FIRST)
    map_section(project, KIRKLEES, project.find_section("3"), ["2"])
    return project


def test_a_question_inserted_before_an_answered_one_leaves_the_answer_with_its_question(answered):
    barriers = find_question(answered.questions, "2").id
    result = import_questions(answered, COORDINATOR, [
        FIRST[0], NewQuestion("2", "Is this a new question?"),
        NewQuestion("3", FIRST[1].text, FIRST[1].limit), NewQuestion("4", FIRST[2].text)])
    assert find_question(answered.questions, "3").id == barriers
    assert answered.find_section("3").answers == [barriers]
    assert find_question(answered.questions, "2").id != barriers
    assert result.added == ["2"]
    assert "changed question 3: number 2 \u2192 3" in " ".join(result.lines()), result.lines()


def test_a_question_reworded_under_its_number_keeps_its_id(answered):
    barriers = find_question(answered.questions, "2").id
    import_questions(answered, COORDINATOR, [FIRST[0], NewQuestion("2", "What barriers do councils face?"),
                                             FIRST[2]])
    assert find_question(answered.questions, "2").id == barriers


def test_two_questions_worded_alike_are_matched_by_number(project):
    import_questions(project, COORDINATOR, [NewQuestion("1", "Why?"), NewQuestion("2", "Why?")])
    ids = [question.id for question in project.questions]
    import_questions(project, COORDINATOR, [NewQuestion("1", "Why?"), NewQuestion("2", "Why?")])
    assert [question.id for question in project.questions] == ids
