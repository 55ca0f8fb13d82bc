"""``questions import | list | set`` and ``answer``: the consultation's questions from the command line."""

from __future__ import annotations

import json

import pytest

from wyassembler.projectfile.storage import load
from wyassembler.resource_files import QUESTIONS_SAMPLE_CONSULTATION, resource_bytes

AS_COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")
AS_BRADFORD = ("--as", "Bradford", "--by", "R. Ahmed")
QUESTION_LIST = """\
# Summary of questions

Question 1: Do you agree with the proposals? Yes / No / Don't know

Question 2: What barriers do local bodies face? (max 5 words)

Question 3: How should data be shared between partners? [500 characters]

Question 4:

Question 5: What else should we know? (max 0 words)
"""


@pytest.fixture
def question_list(tmp_path):
    path = tmp_path / "questions.md"
    path.write_text(QUESTION_LIST, encoding="utf-8")
    return path


@pytest.fixture
def asked(cli, sample, question_list):
    """The sample response with the four questions of QUESTION_LIST that read."""
    result = cli("questions", "import", sample, question_list, *AS_COORDINATOR)
    assert result.code == 0, result.err
    return sample


def _questions(path):
    return {question.number: question for question in load(path).project.questions}


def _one_line(result):
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wyassembler"), result.err
    return lines[0]


def test_import_reports_what_it_read_what_it_could_not_and_what_changed(cli, sample, question_list):
    result = cli("questions", "import", sample, question_list, *AS_COORDINATOR)
    assert result.code == 0, result.err
    out = result.out
    assert f"Read 4 question(s) from {question_list}: 2 with a limit, 1 with options to choose from." in out
    assert "  took the questions from the summary of questions (line 1)" in out
    assert "  2: limit 5 words\n  3: limit 500 characters\n  1: options Yes / No / Don't know" in out
    # every line the parser could not read, as it said it
    assert "  question 4 (line 9 in the summary of questions) has a number but no text; it was not read" in out
    assert "its limit cannot be kept: a limit must be a whole number from 1 to 1,000,000, not 0" in out
    assert "no question 4 between question 3 and question 5" in out
    assert "added 4 question(s): 1, 2, 3, 5." in out
    assert "Sections answering no question: 1 \u201cBackground information (Partnership Members)\u201d" in out
    questions = _questions(sample)
    assert list(questions) == ["1", "2", "3", "5"]
    assert questions["1"].options == ("Yes", "No", "Don't know") and questions["3"].limit.value == 500


def test_import_again_keeps_ids_and_answers_and_reports_a_removed_question(cli, asked, tmp_path):
    assert cli("answer", asked, "2", "--question", "2", *AS_BRADFORD).code == 0
    ids = {number: question.id for number, question in _questions(asked).items()}
    shorter = tmp_path / "shorter.md"
    shorter.write_text("Question 1: Do you agree with the proposals? Yes / No\n\n"
                       "Question 3: How should data be shared between partners? [600 characters]\n", encoding="utf-8")
    result = cli("questions", "import", asked, shorter, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert "changed question 1: options Yes / No / Don't know \u2192 Yes / No" in result.out
    assert "changed question 3: limit 500 characters \u2192 600 characters" in result.out
    assert "question 2 is no longer in the list; section(s) 2 keep their text, no longer mapped" in result.out
    assert "question 5 is no longer in the list." in result.out
    after = _questions(asked)
    assert {number: question.id for number, question in after.items()} == {"1": ids["1"], "3": ids["3"]}
    section = load(asked).project.find_section("2")
    assert section.answers == [ids["2"]]  # kept, reported; never dropped silently
    status = cli("status", asked)
    assert "answers a question that is no longer in the list" in status.out


def test_import_reads_the_consultation_docx(cli, sample, tmp_path):
    docx = tmp_path / "consultation.docx"
    docx.write_bytes(resource_bytes("samples", QUESTIONS_SAMPLE_CONSULTATION[1]))
    result = cli("questions", "import", sample, docx, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert "Read 11 question(s)" in result.out and "added 11 question(s): 1, 2, 3, 4, 5a, 5b, 6" in result.out


def test_list_shows_each_question_with_its_limit_state_count_and_sections(cli, asked):
    assert cli("answer", asked, "2", "--question", "2", *AS_BRADFORD).code == 0
    assert cli("questions", "set", asked, "5", "--no-comment", "Outside our remit", *AS_COORDINATOR).code == 0
    result = cli("questions", "list", asked)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["No.", "Question", "Limit", "State", "Count", "Sections"]
    assert lines[1].split()[0] == "1" and lines[1].split()[-4:] == ["\u2013", "unanswered", "\u2013", "\u2013"]
    assert lines[2].strip() == "options Yes / No / Don't know (none chosen)"
    row = lines[3].split()
    assert row[0] == "2" and row[-7:] == ["5", "words", "over-limit", row[-4], "/", "5", "2"] and int(row[-4]) > 5
    assert "no-comment" in lines[5] and lines[6].strip() == "no comment: Outside our remit"


def test_list_columns_stay_aligned_under_the_widest_limit(cli, asked):
    assert cli("questions", "set", asked, "3", "--limit-chars", "1000000", "--count", "no-spaces",
               *AS_COORDINATOR).code == 0
    lines = [line for line in cli("questions", "list", asked).out.splitlines() if not line.startswith("     ")]
    state_column = lines[0].index("State")
    assert "1,000,000 chars, no spaces" in lines[3]
    assert all(line[state_column:].split()[0] in ("unanswered", "over-limit", "answered") for line in lines[1:]), \
        lines


def test_list_json_gives_every_field(cli, asked):
    assert cli("answer", asked, "3", "--question", "Q3", "--as", "Calderdale", "--by", "J. Smith").code == 0
    data = json.loads(cli("questions", "list", asked, "--json").out)
    numbers = [question["number"] for question in data["questions"]]
    assert numbers == ["1", "2", "3", "5"]
    first, third = data["questions"][0], data["questions"][2]
    assert first["options"] == ["Yes", "No", "Don't know"] and first["choice"] is None and first["limit"] is None
    assert third["limit"] == {"kind": "characters", "value": 500, "spaces": True}
    assert third["sections"] == ["3"] and third["state"] in ("answered", "over-limit") and third["count"] > 0
    assert set(third) >= {"id", "number", "text", "limit", "count", "sections", "state", "no_comment"}
    assert data["sections_answering_removed_questions"] == []


def test_set_changes_one_question_at_a_time(cli, asked):
    steps = [
        (["2", "--limit-words", "250"], "limit 250 words (was 5 words)", lambda q: q["2"].limit.value == 250),
        (["2", "--limit-chars", "900", "--count", "no-spaces"], "limit 900 characters, not counting spaces",
         lambda q: (q["2"].limit.kind, q["2"].limit.spaces) == ("characters", False)),
        (["2", "--no-limit"], "no limit (was 900 characters, not counting spaces)", lambda q: q["2"].limit is None),
        (["5", "--no-comment", "Outside our remit"], "marked no comment: Outside our remit",
         lambda q: q["5"].no_comment and q["5"].no_comment_reason == "Outside our remit"),
        (["5", "--comment"], "no longer marked no comment", lambda q: not q["5"].no_comment),
        (["Q1", "--choice", "yes"], "the response chooses \u201cYes\u201d", lambda q: q["1"].choice == "Yes"),
        (["1", "--no-choice"], "no option chosen", lambda q: q["1"].choice == ""),
        (["3", "--options", "Agree / Disagree / Neither agree nor disagree"],
         "options Agree / Disagree / Neither agree nor disagree", lambda q: len(q["3"].options) == 3),
        (["3", "--options", ""], "no options (a free-text question)", lambda q: q["3"].options == ()),
    ]
    for args, said, holds in steps:
        result = cli("questions", "set", asked, *args, *AS_COORDINATOR)
        assert result.code == 0, result.err
        assert said in result.out, result.out
        assert holds(_questions(asked)), args


def test_a_reason_ending_its_sentence_is_not_given_a_second_full_stop(cli, asked):
    result = cli("questions", "set", asked, "5", "--no-comment", "Outside our remit.", *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert result.out.rstrip().endswith(": marked no comment: Outside our remit."), result.out


def test_an_editor_of_an_answering_section_may_choose_its_option(cli, asked):
    assert cli("answer", asked, "2", "--question", "1", *AS_BRADFORD).code == 0
    result = cli("questions", "set", asked, "1", "--choice", "No", *AS_BRADFORD)
    assert result.code == 0, result.err
    assert _questions(asked)["1"].choice == "No"


def test_answer_maps_sections_by_number_or_id_and_none_unmaps(cli, asked):
    question_id = _questions(asked)["3"].id
    result = cli("answer", asked, "3", "4", "--question", "2", "--question", question_id, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith("Section 3 \u201cMoving to a Shared Services Culture\u201d answers "
                                                 "question 2 \u201cWhat barriers")
    assert "(was: none)" in result.out
    project = load(asked).project
    ids = [_questions(asked)["2"].id, question_id]
    assert project.find_section("3").answers == ids and project.find_section("4").answers == ids
    result = cli("answer", asked, "4", "--none", *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert "answers no question (was: question 2, question 3)" in result.out
    assert load(asked).project.find_section("4").answers == []


def test_status_json_and_text_carry_the_questions(cli, asked):
    assert cli("answer", asked, "2", "--question", "2", *AS_BRADFORD).code == 0
    data = json.loads(cli("status", asked, "--json").out)
    assert [question["number"] for question in data["questions"]] == ["1", "2", "3", "5"]
    assert data["questions"][1]["state"] == "over-limit" and data["questions"][1]["sections"] == ["2"]
    text = cli("status", asked).out
    assert "Questions: 0 of 4 questions answered, 1 over its limit, 3 unanswered" in text


def test_a_final_export_is_refused_and_says_which_question(cli, asked, tmp_path):
    result = cli("export", asked, "-o", tmp_path / "final.docx")
    assert result.code != 0 and not (tmp_path / "final.docx").exists()
    assert "question 2 \u201cWhat barriers do local bodies face?\u201d: not answered" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("args, expected", [
    (["questions", "set", "{p}", "2", "--limit-words", "0", *AS_COORDINATOR],
     "a limit must be a whole number from 1 to 1,000,000, not 0"),
    (["questions", "set", "{p}", "2", "--limit-chars", "-5", *AS_COORDINATOR], "not -5"),
    (["questions", "set", "{p}", "2", "--limit-words", "ten", *AS_COORDINATOR], "invalid int value: 'ten'"),
    (["questions", "set", "{p}", "9", "--no-limit", *AS_COORDINATOR],
     "there is no question '9': the questions are numbered 1, 2, 3, 5"),
    (["questions", "set", "{p}", "1", "--choice", "Perhaps", *AS_COORDINATOR],
     "'Perhaps' is not an option of question 1: choose one of Yes / No / Don't know"),
    (["questions", "set", "{p}", "2", "--choice", "Yes", *AS_COORDINATOR], "question 2 offers no options"),
    (["questions", "set", "{p}", "2", "--count", "no-spaces", *AS_COORDINATOR],
     "one of the arguments --limit-words --limit-chars"),
    (["questions", "set", "{p}", "2", "--limit-words", "9", "--count", "no-spaces", *AS_COORDINATOR],
     "--count goes with --limit-chars"),
    (["questions", "set", "{p}", "2", "--limit-words", "9", "--no-limit", *AS_COORDINATOR], "not allowed with"),
    (["questions", "set", "{p}", "2", "--limit-words", "9", *AS_BRADFORD], "only the coordinating organisation"),
    (["questions", "set", "{p}", "2", "--limit-words", "9"], "missing: --as, --by"),
    (["questions", "set", "{p}", "2", "--no-comment", *AS_COORDINATOR],
     "question 2 is answered by section(s) 2: map them elsewhere first"),
    (["answer", "{p}", "9", "--question", "2", *AS_COORDINATOR], "no section '9'"),
    (["answer", "{p}", "2", "--question", "4", *AS_COORDINATOR], "there is no question '4'"),
    (["answer", "{p}", "3", "--question", "2", *AS_BRADFORD], "Bradford may not edit section 3"),
    (["answer", "{p}", "2", *AS_BRADFORD], "one of the arguments --question --none is required"),
    (["answer", "{p}", "2", "--question", "1", "--none", *AS_BRADFORD], "not allowed with"),
    (["questions", "import", "{p}", "{empty}", *AS_COORDINATOR],
     "empty.md: no questions found: looked for paragraphs or list items starting"),
    (["questions", "import", "{p}", "{unread}", *AS_COORDINATOR],
     "2 passage(s) not read, the first: question 3 (line 1) has a number but no text; it was not read; nothing "
     "was changed"),
    (["questions", "import", "{p}", "{missing}", *AS_COORDINATOR], "no such file"),
    (["questions", "import", "{p}", "{pdf}", *AS_COORDINATOR], "save it as a .docx first"),
    (["questions", "import", "{p}", "{list}", *AS_BRADFORD], "only the coordinating organisation"),
    (["questions", "import", "{p}", "{duplicates}", *AS_COORDINATOR], "question number 2 appears twice in the list"),
    (["questions", "list", "{missing}"], "no such file"),
    (["questions", "frobnicate", "{p}"], "invalid choice: 'frobnicate'"),
])
def test_bad_input_is_one_line_a_non_zero_exit_and_nothing_saved(cli, asked, question_list, tmp_path, args,
                                                                 expected):
    assert cli("answer", asked, "2", "--question", "2", *AS_BRADFORD).code == 0
    (tmp_path / "empty.md").write_text("# Our consultation\n\nNothing is asked here.\n", encoding="utf-8")
    (tmp_path / "consultation.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "duplicates.md").write_text("Question 2: One?\n\nQuestion 2: Two?\n", encoding="utf-8")
    (tmp_path / "unread.md").write_text("Question 3:\n\nQuestion 4:\n", encoding="utf-8")
    names = {"p": asked, "empty": tmp_path / "empty.md", "missing": tmp_path / "nowhere.md",
             "pdf": tmp_path / "consultation.pdf", "list": question_list, "duplicates": tmp_path / "duplicates.md",
             "unread": tmp_path / "unread.md"}
    before = asked.read_bytes()
    line = _one_line(cli(*[arg.format(**names) for arg in args]))
    assert expected in line
    assert asked.read_bytes() == before
