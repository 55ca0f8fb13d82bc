"""Reading a consultation's question list: labels, text running on, limits, options, the summary of
questions against the body, duplicates, sequence, and hostile input."""

import pytest

from wyassembler.core.errors import ContentError
from wyassembler.core.question_edits import NewQuestion, check_question_list
from wyassembler.core.question_parsing import (LOOKED_FOR, SourceLine, lines_from_markdown, lines_from_table,
                                               lines_from_text, parse_questions)
from wyassembler.core.question_phrases import find_limit, find_options, read_label
from wyassembler.core.questions import Limit


def _text(text: str):
    return parse_questions(lines_from_text(text))


def _markdown(text: str):
    return parse_questions(lines_from_markdown(text))


def _numbers_and_texts(result):
    return [(q.number, q.text) for q in result.questions]


# -- labels ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, number, named", [
    ("Question 3 Do you agree?", "3", True),
    ("Question 3: Do you agree?", "3", True),
    ("Q3 Do you agree?", "3", True),
    ("Q3. Do you agree?", "3", True),
    ("question 12a - Do you agree?", "12a", True),
    ("Consultation question 4: Do you agree?", "4", True),
    ("Question 10(b): Do you agree?", "10(b)", True),
    ("Question A1: Do you agree?", "A1", True),
    ("3. Do you agree?", "3", False),
    ("3) Do you agree?", "3", False),
    ("3a Do you agree?", "3a", False),
    ("3a) Do you agree?", "3a", False),
    ("(3a) Do you agree?", "3a", False),
])
def test_each_way_of_writing_a_label_is_read(line, number, named):
    label = read_label(line)
    assert (label.number, label.named, label.rest) == (number, named, "Do you agree?")


@pytest.mark.parametrize("line", ["3.5 million people live here", "Q1 2024 was a good quarter",
                                  "Questions 3 to 5 ask about buses", "2020. A year", "Quite so",
                                  "Question 3 asks whether the duty should apply"])
def test_prose_that_only_resembles_a_label_is_not_one(line):
    assert read_label(line) is None


def test_a_plain_text_list_of_numbered_questions():
    result = _text("1. Do you agree with the proposal?\n2) Should the scheme be extended\nto rural areas?\n"
                   "3a What else should we consider?\n(3b) Anything more?\n")
    assert _numbers_and_texts(result) == [
        ("1", "Do you agree with the proposal?"),
        ("2", "Should the scheme be extended to rural areas?"),
        ("3a", "What else should we consider?"),
        ("3b", "Anything more?"),
    ]
    assert result.problems == []
    assert any("numbers alone" in note for note in result.notes)


def test_named_labels_win_over_numbered_points_of_prose():
    result = _text("Question 1: Do you agree with the proposal?\n\nThe proposal has three parts:\n"
                   "1. a new fund\n2. a new board\n3. a new duty\n\nQ2. Should the fund be ring-fenced?\n")
    assert _numbers_and_texts(result) == [("1", "Do you agree with the proposal?"),
                                          ("2", "Should the fund be ring-fenced?")]
    assert not any("numbers alone" in note for note in result.notes)


def test_a_markdown_numbered_list_keeps_its_shown_numbers():
    result = _markdown("# Questions\n\n4. Do you agree?\n5. Why?\n6. Anything else?\n")
    assert [q.number for q in result.questions] == ["4", "5", "6"]


def test_a_label_alone_takes_the_next_paragraph_as_its_text():
    result = _markdown("**Question 1:**\n\nDo you agree with the proposed definition?\n\n"
                       "The definition was drafted with the sector and is set out at length in annex A.\n")
    assert _numbers_and_texts(result) == [("1", "Do you agree with the proposed definition?")]


def test_text_runs_on_until_a_question_mark_then_only_instructions_follow():
    result = _text("Question 1: Do you agree with the proposal\nto extend the scheme?\n\n"
                   "Please explain your answer.\n\nThe scheme began in 2019 and has been reviewed twice.\n"
                   "Question 2: Why?\n")
    assert _numbers_and_texts(result) == [
        ("1", "Do you agree with the proposal to extend the scheme? Please explain your answer."),
        ("2", "Why?"),
    ]


def test_a_bold_question_runs_on_only_through_bold_paragraphs():
    result = _markdown("**Question 1: Do you agree with the proposal**\n\n**as set out above?**\n\n"
                       "We think most people will.\n")
    assert _numbers_and_texts(result) == [("1", "Do you agree with the proposal as set out above?")]


def test_a_heading_ends_a_question():
    result = _markdown("Question 1: Tell us about your area\n\n## Next chapter\n\nSome prose.\n")
    assert _numbers_and_texts(result) == [("1", "Tell us about your area")]


def test_a_heading_is_never_a_bare_numbered_question():
    result = _markdown("## 1. Introduction\n\n1. Do you agree?\n2. Why?\n\n## 2. Background\n")
    assert [q.number for q in result.questions] == ["1", "2"]
    assert result.questions[0].text == "Do you agree?"


# -- limits -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, limit", [
    ("Why? (max 250 words)", Limit("words", 250)),
    ("Why? (maximum of 250 words)", Limit("words", 250)),
    ("Why? [500 characters]", Limit("characters", 500)),
    ("Why? 250 word limit", Limit("words", 250)),
    ("Why? Please limit your answer to 300 words.", Limit("words", 300)),
    ("Why? (max. 1,000 characters including spaces)", Limit("characters", 1000)),
    ("Why? (500 characters, excluding spaces)", Limit("characters", 500, spaces=False)),
    ("Why? Word limit: 400", Limit("words", 400)),
    ("Why? (Limit: 1,000 characters, excluding spaces)", Limit("characters", 1000, spaces=False)),
    ("Why? (limit 500 words)", Limit("words", 500)),
    ("Why? [Limit - 300 words]", Limit("words", 300)),
    ("Why? (Max: 250 words)", Limit("words", 250)),
    ("Why? 250 words maximum", Limit("words", 250)),
    ("Why? (Please answer in 250 words or fewer)", Limit("words", 250)),
    ("Why? Please answer in 400 characters or less.", Limit("characters", 400)),
    ("Why? (Response limited to 1500 characters)", Limit("characters", 1500)),
    ("Why? Responses are limited to 1,500 characters, excluding spaces.", Limit("characters", 1500, spaces=False)),
])
def test_limits_written_the_usual_ways(written, limit):
    result = _text(f"Question 1: {written}\n")
    assert result.questions == [NewQuestion("1", "Why?", limit)]
    assert result.problems == []


@pytest.mark.parametrize("written", ["Why? (no limit)", "Why? [No word limit]", "Why? (no character limit)"])
def test_a_question_saying_it_has_no_limit_has_none_and_the_phrase_is_not_its_text(written):
    result = _text(f"Question 1: {written}\n")
    assert result.questions == [NewQuestion("1", "Why?", None)]
    assert result.problems == []


def test_a_number_in_a_question_is_not_a_limit():
    found = find_limit("Should the 2,000 characters rule apply to the 300 words of guidance?")
    assert found.limit is None and found.problem == ""


@pytest.mark.parametrize("written, problem", [
    ("Why? (max two hundred words)", "a limit that could not be read"),
    ("Why? (max 0 words)", "its limit cannot be kept"),
    ("Why? (max 250 words) [300 words]", "two different limits"),
])
def test_a_limit_that_cannot_be_read_is_reported_with_its_place(written, problem):
    result = _text(f"Intro\nQuestion 1: {written}\n")
    assert len(result.problems) == 1
    assert result.problems[0].startswith("question 1 (line 2)") and problem in result.problems[0]


def test_a_limit_on_a_line_of_its_own_belongs_to_the_question():
    result = _text("Question 1: Why do you think so?\n(max 250 words)\n")
    assert result.questions == [NewQuestion("1", "Why do you think so?", Limit("words", 250))]


# -- options ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, options", [
    ("Do you agree? Yes / No / Don't know", ("Yes", "No", "Don't know")),
    ("Do you agree? Yes/No/Unsure", ("Yes", "No", "Unsure")),
    ("Do you agree? (Agree / Disagree / Neither agree nor disagree)",
     ("Agree", "Disagree", "Neither agree nor disagree")),
    ("Do you agree? Strongly agree, Agree, Neither agree nor disagree, Disagree, Strongly disagree",
     ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")),
    ("Do you agree? \u2610 Yes \u2610 No \u2610 Don't know", ("Yes", "No", "Don't know")),
    ("Do you agree? [ ] Yes [ ] No [ ] Not sure", ("Yes", "No", "Not sure")),
])
def test_options_on_the_question_line(written, options):
    result = _text(f"Question 1: {written} (max 100 words)\n")
    assert result.questions == [NewQuestion("1", "Do you agree?", Limit("words", 100), options)]


@pytest.mark.parametrize("marks", [("\u2610 ", "\u2610 ", "\u2610 "), ("[ ] ", "[ ] ", "[ ] "), ("- ", "- ", "- ")])
def test_option_lines_under_a_question(marks):
    lines = "".join(f"{mark}{option}\n" for mark, option in zip(marks, ("Yes", "No", "Don't know"), strict=True))
    result = _text(f"Question 1: Do you agree?\n{lines}Question 2: Why?\n")
    assert result.questions[0] == NewQuestion("1", "Do you agree?", None, ("Yes", "No", "Don't know"))
    assert result.questions[1].text == "Why?"


def test_markdown_bullets_under_a_question_are_its_options_but_not_under_a_statement():
    result = _markdown("Question 1: Do you agree?\n\n- Yes\n- No\n\nQuestion 2: Tell us about\n\n- your area\n")
    assert result.questions[0].options == ("Yes", "No")
    assert result.questions[1] == NewQuestion("2", "Tell us about your area")


def test_commas_in_prose_are_not_options():
    assert find_options("Which bodies, groups or people should we consult?") == (
        (), "Which bodies, groups or people should we consult?")


# -- the summary of questions ---------------------------------------------------------------------------

CONSULTATION = """# Consultation on local buses

## Introduction

This consultation asks 3 questions. The proposals:

1. a new definition;
2. franchising for all.

**Question 1:** Do you agree with the proposed definition of a local bus service? (max 250 words)

The government also thinks that many things matter, and this paragraph is prose that follows it.

**Question 2:** Should franchising be extended?

- Yes
- No
- Don't know

**Question 3:** What else should we consider?

## Summary of questions

1. Do you agree with the proposed definition of a local bus service?
2. Should franchising be extended? Yes / No / Don't know
3. What else should the government consider? [500 characters]

## Annex B: Glossary

1. Bus: a vehicle.
"""


def test_the_summary_of_questions_is_the_list_and_the_body_is_compared_with_it():
    result = _markdown(CONSULTATION)
    assert result.questions == [
        NewQuestion("1", "Do you agree with the proposed definition of a local bus service?", Limit("words", 250)),
        NewQuestion("2", "Should franchising be extended?", None, ("Yes", "No", "Don't know")),
        NewQuestion("3", "What else should the government consider?", Limit("characters", 500)),
    ]
    assert result.problems == [
        "question 3 is worded differently in the body (line 20: \u201cWhat else should we consider?\u201d) than "
        "in the summary (line 26: \u201cWhat else should the government "
        "consider?\u201d); the summary's wording was taken"]
    assert "took the questions from the summary of questions (line 22)" in result.notes
    assert any("limit (250 words) was taken from the body (line 10)" in note for note in result.notes)


def test_a_body_question_missing_from_the_summary_is_reported():
    result = _text("Question 1: Why?\nQuestion 2: How?\n\nSummary of questions\n\n1. Why?\n")
    assert _numbers_and_texts(result) == [("1", "Why?")]
    assert result.problems == ["question 2 is in the body (line 2) but not in the summary of questions; "
                               "it was left out"]


def test_what_the_body_could_not_read_does_not_matter_once_the_summary_is_the_list():
    result = _text("Question 1: Why? (max two hundred words)\n\nSummary of questions\n\n1. Why? (max 200 words)\n")
    assert result.questions == [NewQuestion("1", "Why?", Limit("words", 200))]
    assert result.problems == ["question 1 is worded differently in the body (line 1: \u201cWhy? (max two hundred "
                               "words)\u201d) than in the summary (line 5: \u201cWhy?\u201d); the summary's wording "
                               "was taken"]


def test_an_empty_summary_section_leaves_the_body_questions():
    result = _markdown("## Consultation questions\n\nSee below.\n\n## Chapter 1\n\nQuestion 1: Why?\n")
    assert _numbers_and_texts(result) == [("1", "Why?")]


# -- duplicates, sequence, what cannot be read -----------------------------------------------------------

def test_the_same_question_twice_is_merged_silently():
    result = _text("Question 1: Why?\nQuestion 2: How?\nQuestion 2: How?\n")
    assert _numbers_and_texts(result) == [("1", "Why?"), ("2", "How?")]
    assert result.problems == []


def test_a_number_twice_with_different_text_is_reported_and_the_import_refuses_it():
    result = _text("Question 1: Why?\nQuestion 2: How?\nQuestion 2: When?\n")
    assert _numbers_and_texts(result) == [("1", "Why?"), ("2", "How?"), ("2", "When?")]
    assert result.problems == ["question 2 appears twice, worded or limited differently (line 2 and line 3); "
                               "the list cannot be imported until one goes"]
    with pytest.raises(ContentError, match="question number 2 appears twice"):
        check_question_list(result.questions)


def test_a_number_out_of_sequence_and_a_gap_are_reported():
    result = _text("Question 1: A?\nQuestion 2: B?\nQuestion 7: C?\nQuestion 3: D?\n")
    assert result.problems == [
        "no question 3 to 6 between question 2 and question 7 (line 3): check none was missed",
        "question 3 (line 4) comes after question 7: out of sequence",
    ]


def test_sub_questions_are_in_sequence():
    result = _text("Q1 A?\nQ2 B?\nQ2a C?\nQ2b D?\nQ3 E?\n")
    assert [q.number for q in result.questions] == ["1", "2", "2a", "2b", "3"]
    assert result.problems == []


def test_a_question_without_a_number_is_reported_not_read():
    result = _text("Question 1: Why?\nQuestion: What about the rest?\nQuestion 2: How?\n\nFAQ\n"
                   "Q: How do I respond?\nA: By email.\n")
    assert _numbers_and_texts(result) == [("1", "Why?"), ("2", "How?")]
    assert result.problems == ["line 2: \u201cQuestion: What about the rest?\u201d reads like a question but "
                               "has no number; it was not read"]


def test_a_label_with_no_text_is_reported():
    result = _markdown("Question 1: Why?\n\nQuestion 2:\n\n## Next\n")
    assert _numbers_and_texts(result) == [("1", "Why?")]
    assert result.problems == ["question 2 (line 3) has a number but no text; it was not read"]


def test_nothing_recognised_says_what_was_looked_for():
    result = _text("Dear colleague,\n\nThank you for your letter.\n")
    assert result.questions == []
    assert result.problems == [LOOKED_FOR]
    assert "\u201cQuestion 3\u201d" in LOOKED_FOR and "\u201c3a\u201d" in LOOKED_FOR


# -- tables ---------------------------------------------------------------------------------------------

def test_a_table_of_questions_with_a_number_column():
    lines = lines_from_table([["No.", "Question", "Your answer"], ["1", "Do you agree? Yes / No", ""],
                              ["2", "Why? (max 100 words)", "Click here to enter text."]],
                             ["row 1", "row 2", "row 3"])
    result = parse_questions(lines)
    assert result.questions == [NewQuestion("1", "Do you agree?", None, ("Yes", "No")),
                                NewQuestion("2", "Why?", Limit("words", 100))]


def test_a_table_row_with_the_label_in_its_text():
    lines = lines_from_table([["Question 1: Do you agree?", "Yes / No / Don't know", ""]], ["row 1"])
    assert parse_questions(lines).questions == [NewQuestion("1", "Do you agree?", None, ("Yes", "No", "Don't know"))]


# -- hostile input --------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "Question 1 (((((max 250 words [[[[ 1,1,1,1,1 up to up to maximum of ",
    "(" * 200 + "9" * 200 + " words limit " * 20 + "\n",
    "Q1 " + "Yes / " * 500 + "\n",
    "- Yes\n",
])
def test_five_megabytes_of_hostile_text_is_read_to_the_end(unit):
    text = unit * (5_000_000 // len(unit))
    result = _text(text)
    assert len(text) >= 4_900_000
    assert isinstance(result.problems, list)  # it finished: no pattern backtracks without bound


def test_one_enormous_line_is_read_to_the_end():
    result = parse_questions([SourceLine("Question 1: " + "why " * 1_250_000, "line 1")])
    assert result.questions == []
    assert result.problems[0] == "question 1 (line 1) is over 5,000 characters long, more than a question; " \
                                 "it was not read"


def test_options_after_the_question_mark_end_at_their_sentence():
    # As consultations print them: the options, then an instruction that is still the question's.
    text = "Question 1: Do you agree? Yes / No / Don't know. Please explain your answer. (max 250 words)"
    (question,) = parse_questions(lines_from_text(text)).questions
    assert question.options == ("Yes", "No", "Don't know")
    assert question.text == "Do you agree? Please explain your answer."
    assert question.limit == Limit("words", 250)


def test_a_script_or_style_inside_a_markdown_question_is_not_its_text():
    text = "Question 1: Do you agree? <script>alert('x')</script> Please explain. <style>p {}</style>"
    (question,) = parse_questions(lines_from_markdown(text)).questions
    assert "alert" not in question.text and "{}" not in question.text
    assert question.text.startswith("Do you agree?")
