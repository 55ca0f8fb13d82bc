"""Lists, line breaks and tabs in the exported document: in the XML, and as LibreOffice prints them."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from tests.factories import COORDINATOR, T0
from tests.hard_project import hard_project, mixed_lists
from tests.word.readback import body_paragraphs, level_texts, open_docx, start_overrides
from tests.word.rendering import label_before, needs_libreoffice, rendered_lines
from wyassembler.core.content import ListItem, Paragraph, Span, plain
from wyassembler.core.lists import list_places
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.word.writer import build_docx


def _project(blocks, list_formats=None):
    project = new_project("Lists", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Lists", "leeds", blocks, now=T0)
    if list_formats is not None:
        project.list_formats = list_formats
    return project


def _list_paragraphs(doc):
    """The list paragraphs of the "Lists" section (the preset's member list comes before it)."""
    paragraphs = body_paragraphs(doc)
    start = next(index for index, p in enumerate(paragraphs) if p.text == "Lists" and p.style == "Heading 1")
    return [p for p in paragraphs[start:] if p.num_id is not None and p.style == "List Paragraph"]


def test_every_list_is_its_own_numbering_instance_starting_at_its_first_number():
    blocks = mixed_lists()
    doc = open_docx(build_docx(_project(blocks), draft=True).data)
    paragraphs = _list_paragraphs(doc)
    places = list_places(blocks)
    items = [(index, block) for index, block in enumerate(blocks) if isinstance(block, ListItem)]
    assert [p.text for p in paragraphs] == [block.spans[0].text for _, block in items]
    num_of_list: dict[int, int] = {}
    for (index, block), paragraph in zip(items, paragraphs, strict=True):
        place = places[index]
        assert paragraph.level == block.level - 1
        assert num_of_list.setdefault(place.list_index, paragraph.num_id) == paragraph.num_id, block
        if block.kind == "number" and place.begins:
            assert start_overrides(doc, paragraph.num_id) == {block.level - 1: place.number}, block
    assert len(set(num_of_list.values())) == len(num_of_list), "two lists share a numbering instance"


def test_level_formats_follow_the_project():
    blocks = (ListItem(plain("one"), "number", 1), ListItem(plain("one.a"), "number", 2),
              ListItem(plain("one.a.i"), "number", 3))
    doc = open_docx(build_docx(_project(blocks), draft=True).data)
    first = _list_paragraphs(doc)[0].num_id
    assert level_texts(doc, first) == {0: ("decimal", "%1."), 1: ("lowerLetter", "%2."), 2: ("lowerRoman", "%3.")}
    chosen = ("upperRoman", "upperLetter", "decimal")
    doc = open_docx(build_docx(_project(blocks, chosen), draft=True).data)
    first = _list_paragraphs(doc)[0].num_id
    assert level_texts(doc, first) == {0: ("upperRoman", "%1."), 1: ("upperLetter", "%2."), 2: ("decimal", "%3.")}


def test_line_breaks_and_tabs_are_word_elements_in_plain_bold_and_linked_runs():
    spans = (Span("Address:\nWellington House"), Span("\tbold\tline\nnext", bold=True),
             Span("a\nlink", href="https://example.org/"))
    doc = open_docx(build_docx(_project((Paragraph(spans),)), draft=True).data)
    (paragraph,) = [p for p in body_paragraphs(doc) if p.text.startswith("Address")]
    element = paragraph.element
    assert all("\n" not in (t.text or "") and "\t" not in (t.text or "") for t in element.iter(qn("w:t")))
    assert len(list(element.iter(qn("w:br")))) == 3
    assert len(list(element.iter(qn("w:tab")))) == 2
    link = element.find(qn("w:hyperlink"))
    assert len(list(link.iter(qn("w:br")))) == 1
    bold_runs = [r for r in element.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None]
    assert len(bold_runs) == 1 and len(list(bold_runs[0].iter(qn("w:tab")))) == 2


# -- as LibreOffice prints them ----------------------------------------------------------------

@pytest.fixture(scope="module")
def hard_lines(tmp_path_factory):
    project = hard_project()
    return rendered_lines(build_docx(project, draft=True).data, tmp_path_factory.mktemp("hard"), "hard")


@needs_libreoffice
def test_printed_list_numbers_restart_and_start_where_the_author_said(hard_lines):
    expected = {
        "Shared infrastructure": "1.", "Common standards": "2.", "A note between the two numbered lists": "•",
        "Restarted first": "1.", "Restarted second": "2.", "Nested one": "a.", "Nested two": "b.",
        "Nested deeper": "i.", "Restarted third": "3.",
        "Bullet parent": "•", "Under a bullet, first": "a.", "Under a bullet, second": "b.",
        "Next bullet parent": "•", "Under the next bullet, first again": "a.",
        "Fifth point": "5.", "Sixth point": "6.",
    }
    assert {text: label_before(hard_lines, text) for text in expected} == expected


@needs_libreoffice
def test_printed_line_break_gives_separate_lines(hard_lines):
    at = next(index for index, line in enumerate(hard_lines) if line.strip() == "Address:")
    assert hard_lines[at + 1].strip() == "Wellington House"
    assert hard_lines[at + 2].split()[:2] == ["Leeds", "Tel:"]


@needs_libreoffice
def test_printed_level_formats_follow_the_project(tmp_path):
    blocks = (ListItem(plain("Upper roman one"), "number", 1), ListItem(plain("Upper roman two"), "number", 1),
              ListItem(plain("Capital letter"), "number", 2), ListItem(plain("Decimal inside"), "number", 3))
    project = _project(blocks, ("upperRoman", "upperLetter", "decimal"))
    lines = rendered_lines(build_docx(project, draft=True).data, tmp_path)
    assert [label_before(lines, block.spans[0].text) for block in blocks] == ["I.", "II.", "A.", "1."]
