"""Lists, line breaks and tabs in the exported document: in the XML, and as LibreOffice prints them."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories import COORDINATOR, T0
from tests.hard_project import hard_project, mixed_lists
from tests.pdf_checks import read_structure
from tests.word.readback import body_paragraphs, level_texts, open_docx, start_overrides
from tests.word.rendering import label_before, needs_libreoffice, rendered_lines
from wyassembler.core.content import ListItem, Paragraph, Span, plain
from wyassembler.core.lists import list_places
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
from wyassembler.word.packs import build_pack
from wyassembler.word.pdf_engine import docx_to_pdf
from wyassembler.word.reader import import_docx
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


def test_a_nested_list_goes_on_its_parent_items_numbering_instance():
    """One w:num per top-level list, its nested lists on it at their w:ilvl: how Word, its navigation and
    LibreOffice's tagged PDF tell a nested list from a list beside it. Each numbered level the instance uses
    starts where its first item's number says."""
    blocks = mixed_lists()
    doc = open_docx(build_docx(_project(blocks), draft=True).data)
    paragraphs = _list_paragraphs(doc)
    items = [block for block in blocks if isinstance(block, ListItem)]
    assert [p.text for p in paragraphs] == [block.spans[0].text for block in items]
    assert [p.level for p in paragraphs] == [block.level - 1 for block in items]
    num = {p.text: p.num_id for p in paragraphs}
    lists = [["Shared infrastructure", "Common standards"], ["A note between the two numbered lists"],
             ["Restarted first", "Restarted second", "Nested one", "Nested two", "Nested deeper", "Restarted third"],
             ["Bullet parent", "Under a bullet, first", "Under a bullet, second", "Next bullet parent",
              "Under the next bullet, first again"],
             ["Fifth point", "Sixth point"]]
    assert [{num[text] for text in texts} for texts in lists] == [{num[texts[0]]} for texts in lists]
    assert len({num[texts[0]] for texts in lists}) == len(lists), "two top-level lists share a numbering instance"
    restarted, under_bullets, fifth = num["Restarted first"], num["Bullet parent"], num["Fifth point"]
    assert start_overrides(doc, restarted) == {0: 1, 1: 1, 2: 1}
    assert start_overrides(doc, under_bullets) == {1: 1}
    assert start_overrides(doc, fifth) == {0: 5}
    assert level_texts(doc, under_bullets)[0][0] == "bullet"
    assert level_texts(doc, under_bullets)[1] == ("lowerLetter", "%2.")
    assert level_texts(doc, restarted) == {0: ("decimal", "%1."), 1: ("lowerLetter", "%2."), 2: ("lowerRoman", "%3.")}


def test_a_nested_list_that_restarts_or_changes_kind_gets_an_instance_of_its_own():
    """Where the parent's instance would show another number (an author's start) or mark (the other kind
    at that level), the nested list goes on a new one: the numbers are right before the nesting is kept."""
    bullet = lambda text, level=1: ListItem(plain(text), "bullet", level)  # noqa: E731
    number = lambda text, level=1, start=None: ListItem(plain(text), "number", level, start)  # noqa: E731
    blocks = (bullet("Parent"), number("One", 2), number("Two", 2), bullet("Deep", 3), number("Three", 2),
              bullet("Next parent"), number("From five", 2, 5), number("Six", 2), bullet("A bullet now", 2))
    doc = open_docx(build_docx(_project(blocks), draft=True).data)
    num = {p.text: p.num_id for p in _list_paragraphs(doc)}
    assert len({num[text] for text in ("Parent", "One", "Two", "Deep", "Three", "Next parent")}) == 1
    assert num["From five"] == num["Six"] != num["Parent"]
    assert start_overrides(doc, num["From five"]) == {1: 5}
    assert num["A bullet now"] not in (num["Parent"], num["Six"])
    assert level_texts(doc, num["A bullet now"])[1][0] == "bullet"


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


# -- any lists: the numbers Word shows, read back by the importer --------------------------------------

def _item(draw, previous_level: int, index: int) -> ListItem:
    level = draw(st.integers(1, min(previous_level + 1, 3)))
    kind = draw(st.sampled_from(["bullet", "number"]))
    start = draw(st.one_of(st.none(), st.none(), st.integers(0, 9))) if kind == "number" else None
    return ListItem(plain(f"Item {index}"), kind, level, start)


@st.composite
def _list_blocks(draw, first: int = 0) -> tuple:
    blocks, level = [], 0
    for index in range(first, first + draw(st.integers(1, 14))):
        if draw(st.integers(0, 7)) == 0:
            blocks.append(Paragraph(plain(f"Between {index}")))
            level = 0
        else:
            blocks.append(_item(draw, level, index))
            level = blocks[-1].level
    return tuple(blocks)


def _shown(blocks) -> list[tuple[str, str, int, int | None]]:
    """Each list item's text, kind, level and the number the content model shows it (None for a bullet)."""
    places = list_places(blocks)
    return [(block.spans[0].text, block.kind, block.level, places[index].number if block.kind == "number" else None)
            for index, block in enumerate(blocks) if isinstance(block, ListItem)]


def _bullet(text: str, level: int = 1) -> ListItem:
    return ListItem(plain(text), "bullet", level)


def _number(text: str, level: int = 1, start: int | None = None) -> ListItem:
    return ListItem(plain(text), "number", level, start)


# Bullets holding numbered lists holding bullets, a nested list restarted at 5 and another at 4, a nested list
# of the other kind between two numbered ones, a top-level list restarted at 7, and a nested list from 3 followed
# by one from 1 (LibreOffice begins a level again at its instance's start override, Word at the level's start).
MIXED_NESTING = (
    _bullet("Alpha"), _number("Alpha one", 2), _number("Alpha two", 2), _bullet("Alpha two's bullet", 3),
    _number("Alpha three", 2),
    _bullet("Beta"), _number("Beta from five", 2, 5), _number("Beta six", 2), _bullet("Beta's bullet", 2),
    _number("Beta numbered again", 2),
    _bullet("Gamma"), _number("Gamma one", 2), _number("Gamma from four", 2, 4), _bullet("Gamma's bullet", 3),
    _number("Gamma five", 2),
    _number("Top one"), _number("Top two"), _number("Top from seven", start=7), _number("Top eight"),
    _number("Eight's from three", 2, 3), _number("Eight's four", 2), _number("Top nine"), _number("Nine's first", 2),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_list_blocks(), _list_blocks(first=100))
@example(MIXED_NESTING, (_number("Again from three", start=3), _bullet("A bullet", 2), _number("One", 2)))
def test_word_shows_every_list_number_the_content_model_gives(first, second):
    """Whatever the nesting, kinds and starts (two sections: Word's counts run on through the document),
    the importer, counting as Word counts, reads back the number every item showed in the editor."""
    project = _project(first)
    add_section(project, COORDINATOR, "More lists", "leeds", second, now=T0)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "lists.docx"
        out.write_bytes(build_docx(project, draft=True).data)
        imported = {section.heading: section.blocks for section in import_docx(out).project.all_sections()}
    written = {section.heading: section.blocks for section in project.all_sections()}
    assert _shown(imported["Lists"]) == _shown(written["Lists"])
    assert _shown(imported["More lists"]) == _shown(written["More lists"])


@needs_libreoffice
def test_printed_mixed_nested_lists_show_the_content_models_labels_and_nest_in_the_tagged_pdf(tmp_path):
    """Bullets holding numbered lists holding bullets, with restarts, as LibreOffice prints them: every label
    the editor shows; and in the tagged PDF a nested list is an L inside its parent's LI."""
    project = _project(MIXED_NESTING)
    data = build_docx(project, draft=True).data
    lines = rendered_lines(data, tmp_path / "printed")
    expected = {
        "Alpha": "\u2022", "Alpha one": "a.", "Alpha two": "b.", "Alpha two's bullet": "\u25aa", "Alpha three": "c.",
        "Beta": "\u2022", "Beta from five": "e.", "Beta six": "f.", "Beta's bullet": "\u25e6",
        "Beta numbered again": "a.",
        "Gamma": "\u2022", "Gamma one": "a.", "Gamma from four": "d.", "Gamma's bullet": "\u25aa", "Gamma five": "e.",
        "Top one": "1.", "Top two": "2.", "Top from seven": "7.", "Top eight": "8.", "Eight's from three": "c.",
        "Eight's four": "d.", "Top nine": "9.", "Nine's first": "a.",
    }
    assert {text: label_before(lines, text) for text in expected} == expected
    pdf = tmp_path / "tagged.pdf"
    pdf.write_bytes(docx_to_pdf(data))
    structure = read_structure(pdf)
    items = {_item_text(item): item for item in structure.find("LI")}
    nested = [_item_text(item) for item in items["Alpha"].walk() if item.role == "LI"]
    assert nested == ["Alpha", "Alpha one", "Alpha two", "Alpha two's bullet", "Alpha three"]
    assert [_item_text(item) for item in items["Alpha two"].walk() if item.role == "LI"] == [
        "Alpha two", "Alpha two's bullet"]
    outer = next(lst for lst in structure.find("L") if items["Alpha"] in lst.children)
    assert [_item_text(item) for item in outer.children][:2] == ["Alpha", "Beta"]


def _item_text(item) -> str:
    """A tagged list item's own text, without its label and the items of a list nested in it."""
    return item.children[-1].children[0].label_and_body()[1]


def _in_questions_order(project) -> bytes:
    section = next(section for section in project.all_sections() if section.heading == "Lists")
    import_questions(project, COORDINATOR, [NewQuestion("1", "What lists?")])
    map_section(project, COORDINATOR, section, ["1"])
    return build_docx(project, draft=True, order="questions").data


@pytest.mark.parametrize("build", [lambda project: build_pack(project, "leeds").data, _in_questions_order],
                         ids=["partner pack", "consultation's order"])
def test_partner_packs_and_the_consultations_order_nest_lists_too(build):
    """A partner's pack and the export in the consultation's order lay out sections with the same builder."""
    body = open_docx(build(_project(MIXED_NESTING))).element.body
    num = {"".join(t.text for t in p.iter(qn("w:t"))): int(n.get(qn("w:val")))
           for p in body.iter(qn("w:p")) for n in p.iter(qn("w:numId"))}
    assert len({num[text] for text in ("Alpha", "Alpha one", "Alpha two", "Alpha two's bullet", "Beta")}) == 1
    assert num["Beta from five"] == num["Beta six"] != num["Alpha"]
