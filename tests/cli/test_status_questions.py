"""``status`` with consultation questions: the Questions block and the ``questions`` list of --json."""

from __future__ import annotations

from datetime import date

import pytest

from wyassembler.cli.report import status_json, status_text
from wyassembler.core.answers import OVER_LIMIT, UNANSWERED
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_no_comment
from wyassembler.core.questions import Limit
from wyassembler.core.signoff import signoff_matrix
from wyassembler.projectfile.codec import from_bytes
from wyassembler.resource_files import SAMPLE, resource_bytes

COORDINATOR = Actor("joint-services", "H. Dawson")
QUESTIONS = [
    NewQuestion("1", "Do you agree that councils should share their ICT infrastructure?", None,
                ("Yes", "No", "Don't know")),
    NewQuestion("2", "What stops citizens and businesses using services online?", Limit("words", 5)),
    NewQuestion("3a", "How should partners build a shared services culture?", Limit("characters", 100_000, False)),
    NewQuestion("4", "What should professional standards for ICT planning be?"),
]


@pytest.fixture
def asked():
    """The sample response, ready for a final export, then asked four questions: 2 answered over its
    5-word limit by section 2, 3a answered by section 3, 4 marked no comment, 1 with no option chosen."""
    project = from_bytes(resource_bytes(*SAMPLE))
    import_questions(project, COORDINATOR, QUESTIONS)
    map_section(project, COORDINATOR, project.find_section("2"), ["2"])
    map_section(project, COORDINATOR, project.find_section("3"), ["3a"])
    set_no_comment(project, COORDINATOR, "4", True, "outside our remit")
    return project


def _status_text(project):
    return status_text(project, signoff_matrix(project), date(2006, 1, 1))


def test_status_lists_each_failing_question_on_a_line_under_a_summary(asked):
    lines = _status_text(asked).splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("Questions:"))
    assert lines[start] == "Questions: 1 of 4 questions answered, 1 marked no comment, 1 over its limit, 1 unanswered"
    failing = lines[start + 1:start + 3]
    assert failing[0].startswith("  question 1 \u201cDo you agree") and "no option chosen" in failing[0]
    assert failing[1].startswith("  question 2 \u201cWhat stops") and "over its limit by" in failing[1]
    assert lines[start + 3] == ""  # nothing else: 3a is answered and 4 is no comment


def test_the_questions_are_not_repeated_in_what_blocks_a_final_export(asked):
    text = _status_text(asked)
    assert "not ready" in text.splitlines()[1]
    blocking = text.split("Before a final export:")[1].splitlines()
    coordinator = next(line for line in blocking if line.startswith("  Joint Services:"))
    # the coordinator's other item: the questions changed the response, so endorsements went stale
    assert coordinator.endswith("; 2 question problem(s), listed under Questions above")
    assert not any("Do you agree" in line for line in blocking)


def test_status_says_nothing_of_questions_for_a_project_without_them():
    project = from_bytes(resource_bytes(*SAMPLE))
    text = _status_text(project)
    assert "Questions" not in text and "READY for final export" in text
    assert status_json(project, signoff_matrix(project))["questions"] == []


def test_a_section_answering_a_removed_question_is_listed(asked):
    import_questions(asked, COORDINATOR, QUESTIONS[:1] + QUESTIONS[2:])  # question 2 goes; section 2 keeps its text
    text = _status_text(asked)
    assert "Questions: 1 of 3 questions answered, 1 marked no comment, 1 unanswered" in text
    assert "  section 2 \u201cCitizen and Business Centred Services.\u201d answers a question that is no longer " \
           "in the list" in text


def test_status_json_gives_each_question_its_limit_count_sections_and_state(asked):
    data = status_json(asked, signoff_matrix(asked))
    by_number = {question["number"]: question for question in data["questions"]}
    assert list(by_number) == ["1", "2", "3a", "4"]  # the consultation's order
    assert set(by_number["2"]) == {"id", "number", "text", "limit", "count", "sections", "state"}
    assert by_number["1"]["limit"] is None and by_number["1"]["state"] == UNANSWERED
    assert by_number["2"]["limit"] == {"kind": "words", "value": 5, "spaces": True}
    assert by_number["2"]["sections"] == ["2"] and by_number["2"]["state"] == OVER_LIMIT
    assert by_number["2"]["count"] > 5
    assert by_number["3a"]["limit"] == {"kind": "characters", "value": 100_000, "spaces": False}
    assert by_number["3a"]["state"] == "answered" and by_number["3a"]["sections"] == ["3"]
    assert by_number["4"]["state"] == "no-comment" and by_number["4"]["sections"] == []
    assert by_number["2"]["id"] == asked.questions[1].id and by_number["2"]["text"] == QUESTIONS[1].text
    assert data["ready"] is False
