"""Question lists an attacker or an unlucky user might give: labels too long to be a question's number,
invisible characters around a label, and more problems than a report can show. Nothing is dropped
without a line saying so, and the report stays readable."""

import pytest

from wyassembler.core.question_parsing import MAX_PROBLEMS, lines_from_text, parse_questions


def _text(text: str):
    return parse_questions(lines_from_text(text))


def test_a_named_question_with_a_number_too_long_is_reported_not_dropped():
    result = _text("Question 1: Do you agree?\n\nQuestion 99999999999999999999: And this?\n\n"
                   "Question 1000: And that?\n")
    assert [q.number for q in result.questions] == ["1"]
    assert any("99999999999999999999" in line and "not read" in line for line in result.problems), result.problems
    assert any("1000" in line and "not read" in line for line in result.problems), result.problems


def test_an_unreadable_label_ends_the_question_before_it():
    result = _text("Question 1: Do you agree with the proposals as set out\n"
                   "Question 12345: in the annex?\n")
    assert result.questions[0].text == "Do you agree with the proposals as set out"


def test_zero_width_and_direction_marks_around_a_label_are_not_in_the_way():
    result = _text("Question\u200b 1: \u202eDo you agree?\u202c\n\n\u200fQuestion 2\u200f: Why?\n\n"
                   "\ufeffQuestion 3: And \u2066this\u2069?\n")
    assert [(q.number, q.text) for q in result.questions] == [
        ("1", "Do you agree?"), ("2", "Why?"), ("3", "And this?")]


def test_a_hundred_thousand_questions_give_a_report_of_bounded_length():
    text = "".join(f"Question {number}: What about item {number}?\n\n" for number in range(1, 100_001))
    result = _text(text)
    assert len(result.questions) == 999
    assert len(result.problems) <= MAX_PROBLEMS + 1
    assert "98,901 more" in result.problems[-1], result.problems[-1]  # 99,001 unread: 100 listed
    assert result.problem_count == 99_001


def test_a_question_in_the_summary_but_not_in_the_body_is_reported():
    result = _text("Question 1: Do you agree with A?\n\nQuestion 2: Do you agree with B?\n\n"
                   "Question 4: Anything else?\n\nSummary of questions\n\nQuestion 1: Do you agree with A?\n\n"
                   "Question 2: Do you agree with B?\n\nQuestion 3: Why?\n")
    assert [q.number for q in result.questions] == ["1", "2", "3"]
    assert any("question 4 is in the body" in line for line in result.problems), result.problems
    assert any("question 3" in line and "not in the body" in line for line in result.problems), result.problems


@pytest.mark.parametrize("line, number, text", [
    ("Question 2 (a): Spaced?", "2(a)", "Spaced?"),
    ("Question 12.1.3: Deep?", "12.1.3", "Deep?"),
    ("Question no. 2: Numbered?", "2", "Numbered?"),
    ("Question #2: Hashed?", "2", "Hashed?"),
    ("Question number 2: Spelt out?", "2", "Spelt out?"),
])
def test_labels_written_other_usual_ways_are_read_whole(line, number, text):
    result = _text(f"Question 1: First?\n\n{line}\n")
    assert [(q.number, q.text) for q in result.questions][1:] == [(number, text)], result.problems


@pytest.mark.parametrize("line", ["Question Two: Words?", "Question CON: Letters?", "Question (ii): Bracketed?"])
def test_a_label_whose_number_cannot_be_read_is_reported(line):
    result = _text(f"Question 1: First?\n\n{line}\n")
    assert [q.number for q in result.questions] == ["1"]
    assert any(line[:12] in problem and "not read" in problem for problem in result.problems), result.problems


def test_a_bracket_after_the_number_that_starts_the_text_stays_in_the_text():
    result = _text("Question 1: First?\n\nQuestion 5 (a) and (b): Both?\n")
    assert [(q.number, q.text) for q in result.questions][1:] == [("5", "(a) and (b): Both?")]
