"""The answers for online forms: the records, their JSON and CSV, and the .txt folder's files and names."""

import csv
import io
import json
import re

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.answer_export import (SUMMARY_MARKER, SUMMARY_NAME, AnswerRecord, answer_files, answer_records,
                                            answers_csv, answers_json, file_names, guard_cell, summary_files)
from wyassembler.core.content import ListItem, Paragraph, Span, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_choice, set_no_comment
from wyassembler.core.questions import Limit

QUESTIONS = [
    NewQuestion("1", "Do you agree?", None, ("Yes", "No", "Don't know")),
    NewQuestion("2", "What barriers do local bodies face?", Limit("words", 10)),
    NewQuestion("3a", "How should data be shared?", Limit("characters", 30)),
    NewQuestion("4", "Anything for Wales?", Limit("words", 100)),
    NewQuestion("10", "Any other comments?"),
]


@pytest.fixture
def answered(project):
    """Question 1 chosen, 2 answered (4 words), 3a over its limit, 4 no comment, 10 unanswered."""
    import_questions(project, COORDINATOR, QUESTIONS)
    set_choice(project, COORDINATOR, "1", "Yes")
    map_section(project, CALDERDALE, project.find_section("2"), ["2"])
    section = project.find_section("3")
    edit_section(project, KIRKLEES, section, blocks=(
        Paragraph((Span("See "), Span("the \u00a32m plan", href="https://example.org/p"))),
        ListItem(plain("=SUM(A1)"), "bullet")), now=T0)
    map_section(project, KIRKLEES, section, ["3a"])
    set_no_comment(project, COORDINATOR, "4", True, "A matter for the Welsh Government.")
    return project


def test_records_hold_each_question_as_printed_with_its_text_choice_state_count_and_limit(answered):
    records = answer_records(answered)
    three_a = "See the \u00a32m plan (https://example.org/p)\n\n- =SUM(A1)"
    assert records == [
        AnswerRecord("1", "Do you agree?", "", "Yes", "answered", 0, None),
        AnswerRecord("2", "What barriers do local bodies face?", "We welcome this.\n\n- Legislation", "", "answered",
                     4, Limit("words", 10)),
        # Hand-counted: "See " 4 + "the £2m plan" 12 + " (" 2 + the address 21 + ")" 1 = 40,
        # a blank line 2, "- =SUM(A1)" 10.
        AnswerRecord("3a", "How should data be shared?", three_a, "", "over-limit", 52, Limit("characters", 30)),
        # The no-comment line is what the form receives, so it is what is counted: 8 words.
        AnswerRecord("4", "Anything for Wales?", "No comment. A matter for the Welsh Government.", "", "no-comment",
                     8, Limit("words", 100)),
        AnswerRecord("10", "Any other comments?", "", "", "unanswered", 0, None),
    ]
    assert len(three_a) == 52


def test_a_no_comment_without_a_reason_says_no_comment(answered):
    set_no_comment(answered, COORDINATOR, "4", True)
    assert answer_records(answered)[3].free_text == "No comment."


def test_json_is_one_object_with_the_respondent_and_the_answers_in_a_fixed_key_order(answered):
    text = answers_json(answered)
    document = json.loads(text)
    assert list(document) == ["respondent", "answers"]
    assert document["respondent"] == {
        "partnership": "West Yorkshire Heads of ICT", "response_title": "A response",
        "members": [org.name for org in answered.organisations], "coordinator": "West Yorkshire Joint Services"}
    assert list(document["answers"][0]) == ["question_id", "question_text", "free_text", "multiple_choice", "state",
                                            "count", "limit"]
    assert [a["question_id"] for a in document["answers"]] == ["1", "2", "3a", "4", "10"]
    assert "\u00a32m" in text and "\\u00a3" not in text  # not escaped
    assert document["answers"][2]["free_text"].endswith("- =SUM(A1)")  # JSON carries the text exactly
    # The limit as status --json gives it.
    assert document["answers"][2]["limit"] == {"kind": "characters", "value": 30, "spaces": True}
    assert document["answers"][0]["limit"] is None


def test_csv_is_rfc_4180_with_the_respondent_on_every_row_and_formulas_guarded(answered):
    text = answers_csv(answered)
    assert text.count("\r\n") == 6  # the header and five records; a line break inside an answer stays "\n"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["question_id", "question_text", "free_text", "multiple_choice", "state", "count", "limit",
                       "respondent_partnership", "respondent_response_title", "respondent_members",
                       "respondent_coordinator"]
    assert len(rows) == 6 and all(len(row) == 11 for row in rows)
    assert rows[1][:7] == ["1", "Do you agree?", "", "Yes", "answered", "0", ""]
    assert rows[2][2] == "We welcome this.\n\n- Legislation"  # a line feed inside a quoted field
    assert rows[3][2].startswith("See the \u00a32m plan")
    assert rows[5][8] == "A response" and rows[5][9].startswith("City of Bradford Metropolitan District Council; ")
    assert '"We welcome this.\n\n- Legislation"' in text  # quoted, as RFC 4180 wants for a line break


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_a_quote(answered):
    edit_section(answered, CALDERDALE, answered.find_section("2"),
                 blocks=(Paragraph(plain('=HYPERLINK("http://evil","x")')),), now=T0)
    rows = list(csv.reader(io.StringIO(answers_csv(answered), newline="")))
    assert rows[2][2] == "'=HYPERLINK(\"http://evil\",\"x\")"
    for dangerous in ("=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx", "\uff1d1"):
        assert guard_cell(dangerous) == "'" + dangerous
    for harmless in ("1", "Yes", " =1", "a=b", ""):
        assert guard_cell(harmless) == harmless


def test_file_names_sort_in_the_consultations_order_and_are_safe_on_windows():
    assert file_names(["1", "2", "3a", "3b", "10", "10(b)"]) == [
        "Q01.txt", "Q02.txt", "Q03a.txt", "Q03b.txt", "Q10.txt", "Q10b.txt"]
    assert file_names(["3.2", "3.10", "100"]) == ["Q003.002.txt", "Q003.010.txt", "Q100.txt"]
    # Printed numbers that do not sort as the consultation orders them: the position goes first.
    assert file_names(["B1", "A1"]) == ["01-QB01.txt", "02-QA01.txt"]
    assert file_names(["3", "3.2"]) == ["01-Q03.txt", "02-Q03.02.txt"]
    # Reserved device names cannot occur ("Q" comes first); unsafe characters become "_"; names that
    # would be one file on Windows or macOS get a suffix.
    odd = file_names(["1/2", "1:2", "1a", "1A", "CON", "NUL"])
    assert odd == ["Q01_02.txt", "Q01_02-2.txt", "Q01a.txt", "Q01A-2.txt", "QCON.txt", "QNUL.txt"]
    assert len({name.casefold() for name in odd}) == len(odd)
    assert all(re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._\-]*\.txt", name) for name in odd)
    assert not any(ch in name for name in odd for ch in '<>:"/\\|?*')


def test_txt_files_hold_only_the_text_and_unanswered_questions_get_none(answered):
    files = answer_files(answered, not_final="Not final yet.")
    by_name = {file.name: file.text for file in files}
    assert list(by_name) == ["Q02.txt", "Q03a.txt", "Q04.txt", SUMMARY_NAME]
    assert by_name["Q02.txt"] == "We welcome this.\n\n- Legislation"  # no heading, no count, no final newline
    assert by_name["Q04.txt"] == "No comment. A matter for the Welsh Government."
    summary = by_name[SUMMARY_NAME]
    assert summary.splitlines()[0] == SUMMARY_MARKER and "Not final yet." in summary
    rows = [line for line in summary.splitlines() if "question " in line and not line.startswith("Each")]
    assert rows == [
        "(no file)       question 1      0 words                      answered; choice: Yes",
        "Q02.txt         question 2      4 / 10 words                 answered",
        "Q03a.txt        question 3a     52 / 30 characters           OVER THE LIMIT",
        "Q04.txt         question 4      8 / 100 words                no-comment",  # the file holds 8
        "(no file)       question 10     0 words                      UNANSWERED",
    ]
    assert summary_files(summary) == ["Q02.txt", "Q03a.txt", "Q04.txt"]


def test_a_summary_not_written_by_wyassembler_lists_nothing():
    assert summary_files("My notes\nQ01.txt  remember this\n") is None
    assert summary_files("") is None
