"""Counting answers fast without counting differently: the word counter against str.split, the counts kept
between calls against every change they rest on, and a count made only when asked for."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import CALDERDALE, COORDINATOR
from wyassembler.core.answers import count_words, question_statuses
from wyassembler.core.content import ListItem, Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.lists import DEFAULT_LEVEL_FORMATS
from wyassembler.core.outline import add_section
from wyassembler.core.partners import edit_organisation, set_properties
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
from wyassembler.core.questions import Limit

# Every character Python takes for whitespace, beside letters, digits and a few of the non-ASCII
# characters a UK text holds (pound sign, curly quote, dash, accents, an emoji, a lone surrogate).
SPACES = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
TEXT = st.text(alphabet=SPACES + string.ascii_letters[:6] + "19-.,\u00a3\u2019\u2013\u00e9\U0001F600\ud800",
               max_size=60)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_words_are_what_str_split_makes_of_any_text(text):
    assert count_words(text) == len(text.split())


def _asked(project, limit=None):
    import_questions(project, COORDINATOR, [NewQuestion("1", "What barriers do local bodies face?", limit)])
    map_section(project, CALDERDALE, project.find_section("2"), ["1"])
    return project


def _count(project):
    return question_statuses(project)[0].count


def test_a_count_follows_each_change_it_rests_on(project):
    asked = _asked(project, Limit("characters", 1000))
    section = asked.find_section("2")
    before = _count(asked)
    assert before == len("We welcome this.\n\n- Legislation")
    edit_section(asked, CALDERDALE, section, blocks=(Paragraph(plain("We welcome this warmly.")),))
    assert _count(asked) == len("We welcome this warmly.")
    # A sub-section not mapped itself joins the answer with its heading.
    add_section(asked, COORDINATOR, "Costs", "calderdale", (Paragraph(plain("Less.")),), section)
    assert _count(asked) == len("We welcome this warmly.\n\nCosts\n\nLess.")
    edit_section(asked, COORDINATOR, asked.find_section("2.1"), heading="Savings")
    assert _count(asked) == len("We welcome this warmly.\n\nSavings\n\nLess.")


def test_a_character_count_follows_the_list_numbering(project):
    asked = _asked(project, Limit("characters", 1000))
    edit_section(asked, CALDERDALE, asked.find_section("2"), blocks=(ListItem(plain("One"), "number", 1),))
    assert _count(asked) == len("1. One")
    set_properties(asked, COORDINATOR, list_formats=("upperRoman",) + DEFAULT_LEVEL_FORMATS[1:])
    assert _count(asked) == len("I. One")


def test_a_member_list_is_counted_with_the_members_names_as_they_are(project):
    from wyassembler.core.content import MemberList

    asked = _asked(project)
    edit_section(asked, CALDERDALE, asked.find_section("2"), blocks=(MemberList(),))
    before = _count(asked)
    org = asked.organisations[0]
    edit_organisation(asked, COORDINATOR, org.id, name=org.name + " and District")
    assert _count(asked) == before + 2


def test_an_answer_without_a_limit_is_counted_only_when_asked_for(project):
    asked = _asked(project)
    status = question_statuses(asked)[0]
    assert status.state == "answered"
    assert "count" not in vars(status)  # its state did not need it
    assert status.count == 4  # "We welcome this." + "Legislation"
    limited = question_statuses(_asked(project, Limit("words", 3)))[0]
    assert "count" in vars(limited) and limited.state == "over-limit" and limited.count == 4
