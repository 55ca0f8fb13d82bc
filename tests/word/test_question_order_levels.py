"""Heading levels in the consultation's order: each question's heading, then the sections answering it
nested under it without gaps, read back by the outline levels of the built document's heading styles
(as :mod:`wyassembler.word.accessibility` reads them); any outline, any mapping (Hypothesis)."""

from __future__ import annotations

from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import COORDINATOR, T0
from tests.word.readback import open_docx
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
from wyassembler.word.packs import build_pack
from wyassembler.word.styles import outline_levels
from wyassembler.word.writer import build_docx

KNOWN = ("1", "2", "3")
GONE = "gone-question"  # a question no longer in the list


def _headings(data: bytes) -> list[tuple[int, str]]:
    """(level, text) of every heading in the body, its level that of its style's outline level."""
    document = open_docx(data)
    levels = outline_levels(document.styles.element)
    headings = []
    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        level = levels.get(style.get(qn("w:val"), "")) if style is not None else None
        if level is not None:
            headings.append((level, "".join(t.text or "" for t in paragraph.iter(qn("w:t")))))
    return headings


def _texts(data: bytes) -> list[str]:
    return [paragraph.text for paragraph in open_docx(data).paragraphs]


def _project():
    project = new_project("A response", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.sections.clear()
    import_questions(project, COORDINATOR, [NewQuestion(number, f"Question {number}?") for number in KNOWN])
    return project


def _section(project, name, parent=None, answers=()):
    section = add_section(project, COORDINATOR, name, "joint-services", (Paragraph(plain(f"{name} text.")),),
                          parent=parent, now=T0)
    map_section(project, COORDINATOR, section, list(answers))
    return section


def _after(headings, text):
    return headings[[heading for _, heading in headings].index(text):]


def test_a_section_and_its_sub_sub_section_answering_one_question_nest_under_its_heading():
    # A (answers 1) > B > C (answers 1 too), and A > D: C stays inside A's answer, under B.
    project = _project()
    a = _section(project, "A", answers=["1"])
    b = _section(project, "B", a)
    _section(project, "C", b, ["1"])
    _section(project, "D", a)
    data = build_docx(project, draft=True, order="questions").data
    assert _after(_headings(data), "Question 1: Question 1?")[:4] == [
        (1, "Question 1: Question 1?"), (2, "B"), (3, "C"), (2, "D")]
    texts = _texts(data)
    assert texts[texts.index("Question 1: Question 1?"):][:8] == [
        "Question 1: Question 1?", "A text.", "B", "B text.", "C", "C text.", "D", "D text."]


def test_a_sub_section_answering_a_question_whose_parent_answers_another_nests_under_the_nearest_shown():
    # A (answers 1) > B (answers 2) > C (answers 1): under question 1, C is A's part two levels down, but
    # B is not shown there, so C's heading comes one below the question's, not two.
    project = _project()
    a = _section(project, "A", answers=["1"])
    b = _section(project, "B", a, ["2"])
    _section(project, "C", b, ["1"])
    headings = _headings(build_docx(project, draft=True, order="questions").data)
    assert _after(headings, "Question 1: Question 1?")[:3] == [(1, "Question 1: Question 1?"), (2, "C"),
                                                                (1, "Question 2: Question 2?")]


def test_a_sub_section_answering_a_removed_question_below_two_answering_levels_stands_at_level_one():
    # P (answers 1) > A > B (answers a question no longer in the list): B stands on its own after the answers.
    project = _project()
    p = _section(project, "P", answers=["1"])
    a = _section(project, "A", p)
    b = _section(project, "B", a)
    b.answers = [GONE]
    headings = _headings(build_docx(project, draft=True, order="questions").data)
    assert headings[-2:] == [(1, "Question 3: Question 3?"), (1, "B")]
    assert (2, "A") in headings


def test_an_unanswering_parent_keeps_its_left_over_sub_sections_under_it():
    # P (no question) > A (answers 1) > B (a removed question), P > E: after the answers, P with B and E
    # under it (B is part of P; A's answer is not printed there).
    project = _project()
    p = _section(project, "P")
    a = _section(project, "A", p, ["1"])
    b = _section(project, "B", a)
    b.answers = [GONE]
    _section(project, "E", p)
    headings = _headings(build_docx(project, draft=True, order="questions").data)
    assert _after(headings, "P") == [(1, "P"), (2, "B"), (2, "E")]


# Each section: its parent's index among those before it (None: top level), whether it has text, and the
# questions it answers (GONE: one no longer in the list).
ANSWERS = st.sampled_from(((), ("1",), ("2",), ("3",), (GONE,), ("1", "2"), ("2", GONE)))
SECTION = st.tuples(st.integers(0, 7) | st.none(), st.booleans(), ANSWERS)


def _random_project(shape):
    project = _project()
    sections = []
    for index, (parent, has_text, answers) in enumerate(shape):
        above = sections[parent] if parent is not None and parent < len(sections) else None
        if above is not None and project.place_of(above).level == 3:
            above = None
        blocks = (Paragraph(plain(f"Text of section {index}.")),) if has_text else ()
        section = add_section(project, COORDINATOR, f"Heading {index}", "joint-services", blocks, parent=above,
                              now=T0)
        if GONE in answers:  # as a project keeps it after the question left the list
            section.answers = list(answers)
        else:
            map_section(project, COORDINATOR, section, list(answers))
        sections.append(section)
    return project, sections


def _times_printed(project, section) -> int:
    """How often the question order prints ``section``'s text: once under each listed question its nearest
    section mapped to questions (itself or above) answers; once on its own where that is none."""
    holder = section
    while holder is not None and not holder.answers:
        holder = project.parent_of(holder)
    known = {question.id for question in project.questions}
    return max(1, len([answer for answer in holder.answers if answer in known]) if holder is not None else 1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SECTION, min_size=1, max_size=8))
def test_any_outline_in_question_order_has_headings_without_gaps_and_each_text_once(shape):
    project, sections = _random_project(shape)
    data = build_docx(project, draft=True, order="questions").data  # never raises
    headings = _headings(data)
    previous = 0
    for level, text in headings:
        assert 1 <= level <= 3, (level, text, headings)
        assert level <= previous + 1, (level, text, headings)
        previous = level
    texts = _texts(data)
    for index, section in enumerate(sections):
        if section.blocks:
            assert texts.count(f"Text of section {index}.") == _times_printed(project, section), (index, texts)


def test_a_partner_pack_nests_headings_by_the_sections_it_holds_without_gaps():
    # The same rule in a partner's pack, which holds only some sections: Kirklees edits C (in A > B), D (in A),
    # E and F (in E), not A or B; so C and D stand at level 1 (their outline levels 3 and 2 would skip), F
    # one below E. The outline number typed in each heading still says where the section is.
    project = _project()
    a = _section(project, "A")
    b = _section(project, "B", a)
    for name, parent in (("C", b), ("D", a)):
        add_section(project, COORDINATOR, name, "kirklees", (), parent=parent, now=T0)
    e = add_section(project, COORDINATOR, "E", "kirklees", (), now=T0)
    add_section(project, COORDINATOR, "F", "kirklees", (), parent=e, now=T0)
    headings = _headings(build_pack(project, "kirklees").data)
    assert headings == [(1, "1.1.1C"), (1, "1.2D"), (1, "2E"), (2, "2.1F")]
