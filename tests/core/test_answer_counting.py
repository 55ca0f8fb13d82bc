"""Counting answers fast without counting differently: the word counter against str.split, the character
count against the plain text it stands for, the counts kept between calls against every change they rest
on, and a count made only when asked for."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import CALDERDALE, COORDINATOR, T0
from wyassembler.core.answers import (AnswerPart, answer_characters, count_characters, count_words, forget_counts,
                                      plain_answer, question_statuses)
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, Table, plain
from wyassembler.core.lists import LEVEL_FORMATS
from wyassembler.core.model import Revision, Section
from wyassembler.core.presets import new_project
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


# Blocks as an answer may hold them: spans of any such text, some bold, some links (shown as "text (address)"
# unless the text is the address), paragraphs, bullets and numbered items at three levels (some restarting,
# from 0 up), a table now and then, the members' list.
LINKS = ["https://www.gov.uk/consultations", "mailto:info@calderdale.gov.uk", "http://x.org"]
SPAN = st.builds(Span, st.one_of(TEXT, st.sampled_from(LINKS + ["info@calderdale.gov.uk", " x "])), st.booleans(),
                 st.booleans(), st.one_of(st.none(), st.none(), st.sampled_from(LINKS)))
INLINE = st.lists(SPAN, max_size=4).map(tuple)
BLOCK = st.one_of(
    st.builds(Paragraph, INLINE),
    st.builds(ListItem, INLINE, st.just("bullet"), st.integers(1, 3)),
    st.builds(ListItem, INLINE, st.just("number"), st.integers(1, 3), st.one_of(st.none(), st.integers(0, 30))),
    st.builds(lambda cells: Table(tuple(cells[:2]), (tuple(cells[2:]),)), st.lists(INLINE, min_size=4, max_size=4)),
    st.just(MemberList()))
FORMATS = st.lists(st.sampled_from(sorted(LEVEL_FORMATS)), min_size=3, max_size=3).map(tuple)


def _section(heading, blocks):
    return Section(f"s-{id(blocks)}", "calderdale", [Revision.create(None, CALDERDALE, heading, tuple(blocks))])


ORGANISATIONS = new_project("A response", "Our view", preset="west-yorkshire", person="H. Dawson", now=T0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "Costs", "Why \u00a32.5m"]), st.lists(BLOCK, max_size=7)), max_size=4),
       FORMATS, st.booleans())
def test_characters_are_counted_as_the_plain_answer_they_stand_for(pieces, formats, spaces):
    project = ORGANISATIONS
    project.list_formats = formats
    parts = [AnswerPart(_section(heading or "Answer", blocks), str(number), heading)
             for number, (heading, blocks) in enumerate(pieces, 1)]
    forget_counts()
    expected = count_characters(plain_answer(project, parts), spaces)
    assert answer_characters(project, parts, spaces) == expected
    assert answer_characters(project, parts, spaces) == expected  # kept by content hash, the same
    if parts:  # a section being edited is counted from the text given, as plain_answer takes it
        edited = (parts[0].section, (Paragraph(plain("Now this.")),) + tuple(parts[-1].section.blocks))
        assert answer_characters(project, parts, spaces, edited) == \
            count_characters(plain_answer(project, parts, edited), spaces)


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
