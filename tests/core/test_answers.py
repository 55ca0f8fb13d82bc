"""The consultation's questions: the list, a section's mapping, counting rules, states and readiness."""

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.answers import (ANSWERED, NO_COMMENT, OVER_LIMIT, UNANSWERED, answer_parts, count_characters,
                                      count_words, plain_answer, question_problems, question_statuses)
from wyassembler.core.content import ListItem, Paragraph, Span, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import ContentError, NotFoundError, PermissionDenied
from wyassembler.core.outline import add_section
from wyassembler.core.question_edits import (NewQuestion, import_questions, map_section, set_choice, set_limit,
                                             set_no_comment)
from wyassembler.core.questions import Limit, check_number, find_question
from wyassembler.core.signoff import readiness, response_hash

QUESTIONS = [
    NewQuestion("1", "Do you agree with the proposed shared infrastructure?", None, ("Yes", "No", "Don't know")),
    NewQuestion("2", "What barriers do local bodies face?", Limit("words", 10)),
    NewQuestion("3a", "How should data be shared?", Limit("characters", 40)),
]


@pytest.fixture
def asked(project):
    import_questions(project, COORDINATOR, QUESTIONS)
    return project


def _status(project, number):
    return next(s for s in question_statuses(project) if s.question.number == number)


def test_words_are_counted_as_word_counts_them():
    # Hand-counted: hyphenated words, abbreviations, money and a lone dash are one word each.
    assert count_words("A well-known, e.g. \u00a32.5m \u2013 saving") == 6
    assert count_words("  two\u00a0words\n") == 2
    assert count_words("") == 0


def test_characters_are_counted_as_a_browser_text_box_counts_them():
    assert count_characters("ab c\nd") == 6  # the line break is one character
    assert count_characters("ab c\nd", spaces=False) == 4
    assert count_characters("caf\u00e9 \U0001F600") == 7  # an emoji is two, as browsers count


def test_question_numbers_are_kept_as_printed_and_found_by_any_usual_name(asked):
    assert check_number("Question 3a") == "3a"
    assert find_question(asked.questions, "Q3A").number == "3a"
    assert find_question(asked.questions, asked.questions[1].id).number == "2"
    with pytest.raises(NotFoundError, match="numbered 1, 2, 3a"):
        find_question(asked.questions, "7")


def test_a_question_is_unanswered_until_a_section_with_text_answers_it(asked):
    assert _status(asked, "2").state == UNANSWERED
    map_section(asked, CALDERDALE, asked.find_section("2"), ["2"])
    status = _status(asked, "2")
    assert status.state == ANSWERED and status.section_numbers == ["2"]
    assert status.count == 4  # "We welcome this." + "Legislation"


def test_an_answer_over_its_limit_is_over_limit_and_blocks_final(asked):
    section = asked.find_section("3")
    edit_section(asked, KIRKLEES, section, blocks=(Paragraph(plain("one two three four five six seven eight "
                                                                   "nine ten eleven")),), now=T0)
    map_section(asked, KIRKLEES, section, ["2"])
    status = _status(asked, "2")
    assert (status.state, status.count) == (OVER_LIMIT, 11)
    assert "over its limit by 1 (11 / 10 words)" in status.problem()
    assert any("question 2" in item for items in readiness(asked).missing.values() for item in items)


def test_readiness_keeps_the_question_lines_it_lists_for_status_to_show(asked):
    map_section(asked, KIRKLEES, asked.find_section("3"), ["2"])
    ready = readiness(asked)
    assert ready.question_problems == question_problems(asked, ready.questions)
    assert len(ready.question_problems) == 2  # questions 1 and 3a unanswered (2 is answered, within its limit)
    assert set(ready.question_problems) <= set(ready.missing[asked.coordinator])


def test_characters_limit_counts_the_plain_text_for_forms(asked):
    section = asked.find_section("3")
    link = Span("the strategy", href="https://example.org/s")
    edit_section(asked, KIRKLEES, section, blocks=(Paragraph((Span("See "), link)),
                                                   ListItem(plain("one"), "number"), ListItem(plain("two"), "number")),
                 now=T0)
    map_section(asked, KIRKLEES, section, ["3a"])
    parts = answer_parts(asked)[asked.questions[2].id]
    text = plain_answer(asked, parts)
    assert text == "See the strategy (https://example.org/s)\n\n1. one\n2. two"
    assert _status(asked, "3a").count == len(text) == 40 + 2 + 6 + 1 + 6  # hand-counted, line breaks one each
    assert _status(asked, "3a").state == OVER_LIMIT


def test_sub_sections_belong_to_their_mapped_parent_with_their_headings(asked):
    parent = asked.find_section("3")
    add_section(asked, COORDINATOR, "Police view", "police", (Paragraph(plain("Agreed.")),), parent=parent, now=T0)
    map_section(asked, KIRKLEES, parent, ["2"])
    parts = answer_parts(asked)[asked.questions[1].id]
    assert [(p.number, p.heading) for p in parts] == [("3", ""), ("3.1", "Police view")]
    assert plain_answer(asked, parts) == "Standards matter.\n\nPolice view\n\nAgreed."
    assert _status(asked, "2").count == 5


def test_multiple_choice_is_answered_by_its_choice(asked):
    assert _status(asked, "1").state == UNANSWERED
    with pytest.raises(ContentError, match="Yes / No / Don't know"):
        set_choice(asked, COORDINATOR, "1", "Maybe")
    set_choice(asked, COORDINATOR, "1", "yes")
    assert asked.questions[0].choice == "Yes" and _status(asked, "1").state == ANSWERED


def test_only_the_coordinator_or_an_answering_section_editor_may_choose(asked):
    with pytest.raises(PermissionDenied):
        set_choice(asked, KIRKLEES, "1", "No")
    map_section(asked, KIRKLEES, asked.find_section("3"), ["1"])
    set_choice(asked, KIRKLEES, "1", "No")
    assert asked.questions[0].choice == "No"


def test_no_comment_is_refused_for_an_answered_question_and_cleared_by_an_answer(asked):
    set_no_comment(asked, COORDINATOR, "3a", True, "Not within our remit")
    assert _status(asked, "3a").state == NO_COMMENT
    map_section(asked, KIRKLEES, asked.find_section("3"), ["3a"])
    assert not asked.questions[2].no_comment
    with pytest.raises(ContentError, match="answered by section"):
        set_no_comment(asked, COORDINATOR, "3a", True)


def test_reimport_keeps_ids_and_reports_removed_questions_with_their_sections(asked):
    map_section(asked, KIRKLEES, asked.find_section("3"), ["3a"])
    ids = [q.id for q in asked.questions]
    result = import_questions(asked, COORDINATOR, QUESTIONS[:2] + [NewQuestion("4", "Anything else?")])
    assert [q.id for q in asked.questions[:2]] == ids[:2]
    assert result.added == ["4"] and result.removed == [("3a", ["3"])]
    assert asked.find_section("3").answers == [ids[2]]  # the text stays, its mapping reported
    assert any("no longer in the list" in p for p in question_problems(asked))


def test_reimport_says_what_changed_in_each_question(asked):
    set_limit(asked, COORDINATOR, "3a", Limit("characters", 900, spaces=False))  # set by hand after the import
    result = import_questions(asked, COORDINATOR, [
        NewQuestion("1", QUESTIONS[0].text, None, ("Yes", "No")),
        NewQuestion("2", "What barriers do councils face?", Limit("words", 10)),
        NewQuestion("3a", QUESTIONS[2].text, None)])  # a list giving no limit drops the one set by hand: said so
    assert result.changed == ["1", "2", "3a"]
    assert result.lines() == [
        "changed question 1: options Yes / No / Don't know \u2192 Yes / No",
        "changed question 2: its text, now \u201cWhat barriers do councils face?\u201d",
        "changed question 3a: limit 900 characters, not counting spaces \u2192 none",
    ]


def test_bad_lists_and_limits_are_refused_with_a_clear_line(project):
    with pytest.raises(ContentError, match="appears twice"):
        import_questions(project, COORDINATOR, [NewQuestion("1", "A?"), NewQuestion("Q1", "B?")])
    with pytest.raises(ContentError, match="no questions"):
        import_questions(project, COORDINATOR, [])
    with pytest.raises(ContentError, match="from 1"):
        Limit("words", 0)
    with pytest.raises(PermissionDenied):
        import_questions(project, KIRKLEES, QUESTIONS)
    assert project.questions == []


def test_the_response_hash_covers_the_answers_but_not_without_questions(project):
    before = response_hash(project)
    import_questions(project, COORDINATOR, QUESTIONS)
    with_questions = response_hash(project)
    assert with_questions != before
    set_choice(project, COORDINATOR, "1", "No")
    assert response_hash(project) != with_questions
    project.questions = []
    assert response_hash(project) == before


def test_limit_changes_are_reported_as_the_limit_says(asked):
    set_limit(asked, COORDINATOR, "3a", Limit("characters", 500, spaces=False))
    assert _status(asked, "3a").count_phrase() == "0 / 500 characters (no spaces)"
    assert Limit("characters", 1500).describe() == "1,500 characters"
    with pytest.raises(ContentError):
        Limit("words", 10, spaces=False)


def test_tables_count_their_cells(asked):
    section = asked.find_section("3")
    edit_section(asked, KIRKLEES, section, blocks=(Table((plain("Body"), plain("View")),
                                                         ((plain("Police"), plain("Strongly agree")),)),), now=T0)
    map_section(asked, KIRKLEES, section, ["2"])
    assert _status(asked, "2").count == 5
    assert plain_answer(asked, answer_parts(asked)[asked.questions[1].id]) == "Body | View\nPolice | Strongly agree"


def test_a_count_is_shown_only_where_there_is_something_to_count(asked):
    set_choice(asked, COORDINATOR, "1", "Yes")  # a choice alone, no limit
    set_no_comment(asked, COORDINATOR, "3a", True)
    counted = {status.question.number: status.counted for status in question_statuses(asked)}
    assert counted == {"1": False, "2": True, "3a": False}  # 2: nothing yet, but a limit to count against
    map_section(asked, KIRKLEES, asked.find_section("3"), ["1"])
    assert _status(asked, "1").counted
