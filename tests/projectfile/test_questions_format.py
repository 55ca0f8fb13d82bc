"""Format 1.5: the consultation's questions and each section's answers, written, read back and checked."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tests.factories import CALDERDALE, COORDINATOR
from wyassembler.core.answers import question_problems, unknown_answers
from wyassembler.core.history import history_problems, project_digest
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_choice, set_no_comment
from wyassembler.core.questions import Limit
from wyassembler.core.snapshot import snapshot, snapshot_in_steps
from wyassembler.projectfile import codec, foreign
from wyassembler.projectfile.codec import LoadReport, ProjectFileError, from_bytes, schema, to_bytes
from wyassembler.projectfile.write_gate import WriteRefused, checked_bytes

QUESTIONS = [
    NewQuestion("1", "Do you agree with the proposed shared infrastructure?", None, ("Yes", "No", "Don't know")),
    NewQuestion("2", "What barriers do local bodies face?", Limit("words", 250)),
    NewQuestion("3a", "How should data be shared?", Limit("characters", 1500, spaces=False)),
    NewQuestion("3b", "Anything else?", Limit("characters", 500)),
]


@pytest.fixture
def asked(project):
    import_questions(project, COORDINATOR, QUESTIONS)
    set_choice(project, COORDINATOR, "1", "don't know")
    set_no_comment(project, COORDINATOR, "3b", True, "Outside our remit")
    map_section(project, CALDERDALE, project.find_section("2"), ["2", "3a"])
    project.find_section("3").answers = ["q-removed"]  # a question since removed: kept, reported
    return project


def test_questions_and_answers_round_trip_byte_for_byte(asked):
    data = to_bytes(asked)
    assert b' format="1.5" ' in data
    again = from_bytes(data)
    assert again.questions == asked.questions
    assert again.find_section("2").answers == [asked.questions[1].id, asked.questions[2].id]
    assert to_bytes(again) == data
    assert schema().validate(etree.fromstring(data))


def test_what_the_file_holds_of_a_question(asked):
    text = to_bytes(asked).decode("utf-8")
    assert '<limit kind="characters" value="1500" spaces="no"/>' in text
    assert '<limit kind="words" value="250"/>' in text
    assert "<option>Don't know</option>" in text and "<choice>Don't know</choice>" in text
    assert "<no-comment>Outside our remit</no-comment>" in text
    assert f'<answers questions="{asked.questions[1].id} {asked.questions[2].id}"/>' in text


def test_a_project_without_questions_keeps_the_format_it_wrote(project):
    assert b' format="1.0" ' in to_bytes(project)
    project.find_section("2").answers = ["q-gone"]  # a mapping alone is 1.5: the id must not be lost
    assert b' format="1.5" ' in to_bytes(project)


def test_an_answer_to_a_question_no_longer_in_the_list_reads_back_and_is_reported(asked):
    again = from_bytes(to_bytes(asked))
    assert again.find_section("3").answers == ["q-removed"]
    assert [number for number, _ in unknown_answers(again)] == ["3"]


def test_a_question_marked_no_comment_without_a_reason_round_trips(asked):
    set_no_comment(asked, COORDINATOR, "3b", True)
    again = from_bytes(to_bytes(asked))
    assert again.questions[3].no_comment and again.questions[3].no_comment_reason == ""


def test_duplicate_question_numbers_read_back_and_are_reported(asked):
    asked.questions.append(replace(asked.questions[1], id="q-other"))
    again = from_bytes(checked_bytes(asked))
    assert [q.number for q in again.questions].count("2") == 2
    assert any("question number 2 is in the list more than once" in line for line in question_problems(again))


def _edited(project, pattern: str, replacement: str) -> bytes:
    text, count = re.subn(pattern, replacement, to_bytes(project).decode("utf-8"), count=1)
    assert count == 1
    return text.encode("utf-8")


@pytest.mark.parametrize("pattern, replacement, message", [
    (r'<question id="([^"]+)" number="2">', r'<question id="{first}" number="2">', "two questions have the id"),
    (r'value="250"', 'value="0"', "line"),
    (r'value="250"', 'value="5000000"', "a limit must be a whole number from 1 to 1,000,000"),
    (r'<limit kind="words" value="250"/>', '<limit kind="words" value="250" spaces="no"/>',
     "only a limit in characters can count without spaces"),
    (r'number="3a"', 'number="3a)x("', "is not a question number"),
])
def test_damaged_questions_are_refused_in_one_line(asked, pattern, replacement, message):
    data = _edited(asked, pattern, replacement.replace("{first}", asked.questions[0].id))
    with pytest.raises(ProjectFileError, match=re.escape(message)) as error:
        from_bytes(data)
    assert "\n" not in str(error.value)


def test_a_choice_that_is_not_an_option_is_read_without_it_and_reported(asked):
    report = LoadReport()
    again = from_bytes(_edited(asked, r"<choice>Don't know</choice>", "<choice>Perhaps</choice>"), report)
    assert again.questions[0].choice == ""
    assert len(report.problems) == 1
    assert re.fullmatch(r"question 1 \(line \d+\): its choice \u201cPerhaps\u201d is not one of its options, so it "
                        r"was left out: choose again", report.problems[0])


def test_empty_and_repeated_options_and_an_empty_question_are_read_and_reported(asked):
    # Hand edits: read back whole, what is not whole said, nothing refused.
    data = _edited(asked, "<option>No</option>", "<option>No</option><option>No</option><option></option>")
    data = data.replace(b"<text>Anything else?</text>", b"<text></text>")
    report = LoadReport()
    again = from_bytes(data, report)
    assert again.questions[0].options == ("Yes", "No", "Don't know")
    assert any("an empty or repeated option was left out" in line for line in report.problems)
    assert any(re.fullmatch(r"question 3b \(line \d+\) has no text: .*", line) for line in report.problems)
    assert to_bytes(again)  # and it saves


@pytest.mark.parametrize("damage, message", [
    (lambda p: p.questions.__setitem__(0, replace(p.questions[0], choice="Perhaps")), "is not one of its options"),
    (lambda p: p.questions.__setitem__(0, replace(p.questions[0], id="q 1")), "which a project file cannot hold"),
    (lambda p: p.questions.append(p.questions[0]), "two questions share the id"),
    (lambda p: p.questions.__setitem__(0, replace(p.questions[0], number="Q1")), "not kept as printed"),
    (lambda p: p.questions.__setitem__(1, replace(p.questions[1], no_comment_reason="Why")), "reason for no comment"),
    (lambda p: setattr(p.find_section("2"), "answers", ["q 9"]), "which a project file cannot hold"),
])
def test_the_write_gate_refuses_questions_that_would_not_read_back(asked, damage, message, tmp_path):
    damage(asked)
    with pytest.raises(WriteRefused, match=message):
        checked_bytes(asked, tmp_path / "r.wyproj")


def test_a_file_with_questions_opened_by_the_1_4_rules_keeps_them(asked, monkeypatch):
    """A 1.4 reader sets the unknown <questions> and <answers> aside (projectfile.foreign) and writes them
    back where they were: simulated with this reader told it is 1.4 and knows no 1.5 names."""
    data = to_bytes(asked)
    known_1_4 = foreign._known_names() - {"questions", "question", "text", "limit", "option", "choice",
                                          "no-comment", "answers"}
    monkeypatch.setattr(codec, "FORMAT_VERSION", "1.4")
    monkeypatch.setattr(foreign, "_known_names", lambda: known_1_4)
    old = from_bytes(data)
    assert old.questions == [] and all(not s.answers for s in old.all_sections())
    assert to_bytes(old) == data
    old.subtitle = "Changed by 1.4"
    written = to_bytes(old)
    assert b' format="1.5" ' in written
    monkeypatch.undo()
    again = from_bytes(written)
    assert again.questions == asked.questions and again.subtitle == "Changed by 1.4"
    assert [s.answers for s in again.all_sections()] == [s.answers for s in asked.all_sections()]


def test_the_history_digest_covers_a_questions_choice_and_a_sections_answers(asked, project_without_questions):
    before = project_digest(asked)
    set_choice(asked, COORDINATOR, "1", "No")
    after_choice = project_digest(asked)
    map_section(asked, CALDERDALE, asked.find_section("2"), ["2"])
    assert len({before, after_choice, project_digest(asked)}) == 3
    assert project_digest(from_bytes(to_bytes(asked))) == project_digest(asked)
    # A project without questions keeps the digest it had before questions existed (frozen 1.4 file).
    assert not history_problems(project_without_questions)


@pytest.fixture
def project_without_questions():
    return from_bytes((Path(__file__).resolve().parents[1] / "data" / "formats" / "format-1.4.wyproj").read_bytes())


def test_a_snapshots_questions_and_answers_are_its_own(asked):
    copy = snapshot(asked)
    assert copy.questions == asked.questions and copy.questions is not asked.questions
    set_choice(asked, COORDINATOR, "1", "No")
    asked.find_section("2").answers.append("q-more")
    assert copy.questions[0].choice == "Don't know"
    assert copy.find_section("2").answers == [asked.questions[1].id, asked.questions[2].id]
    stepped = [step for step in snapshot_in_steps(copy, sections_per_step=1) if step is not None][-1]
    copy.find_section("2").answers.clear()
    copy.questions.clear()
    assert stepped.find_section("2").answers and stepped.questions
