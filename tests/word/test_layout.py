"""Layout of the exported document: tables sized by their content, tables without a header row,
heading numbers with room for three digits; checked in the XML and in what LibreOffice prints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tests.factories import COORDINATOR, T0
from tests.hard_project import EIGHT_COLUMNS, hard_project
from tests.word.readback import open_docx, style_numbering
from tests.word.rendering import needs_libreoffice, rendered_lines, words
from wyassembler.core import signoff
from wyassembler.core.content import Paragraph, Table, plain
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.word import layout
from wyassembler.word.packs import build_pack
from wyassembler.word.writer import build_docx

TEXT_WIDTH = 11906 - 2 * 1417  # the default template: A4 less 2.5 cm margins

SIX_COLUMNS = ("Organisation", "Lead", "Budget", "Telecommunications", "Agreed", "Quarter")


def _six_column_project():
    header = tuple(plain(word) for word in SIX_COLUMNS)
    rows = ((plain("Calderdale Council"), plain("J. Smith"), plain("£12,000"), plain("Broadband for schools"),
             plain("Yes"), plain("Q3")),
            (plain("Kirklees"), plain("S. Patel"), plain("£8,500"), plain("Shared data centre"), plain("No"),
             plain("Q4")))
    project = new_project("Layout", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Budget", "leeds", (Table(header, rows),), now=T0)
    return project


def _grid(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table._tbl.find(qn("w:tblGrid")).iterfind(qn("w:gridCol"))]


def test_columns_are_sized_by_their_content_in_a_fixed_layout():
    doc = open_docx(build_docx(_six_column_project(), draft=True).data)
    (table,) = doc.tables
    properties = table._tbl.find(qn("w:tblPr"))
    assert properties.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    widths = _grid(table)
    assert sum(widths) == TEXT_WIDTH
    cells = [int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w")))
             for tc in table.rows[0]._tr.iterfind(qn("w:tc"))]
    assert cells == widths
    for word, width in zip(SIX_COLUMNS, widths, strict=True):
        assert width >= layout.text_width(word, 12, bold=True) + layout.CELL_PADDING, word
    # The long column gets more room than the short ones, which get no more than they need.
    assert widths[3] == max(widths) and widths[5] < widths[0]


def test_the_widths_are_shared_when_the_page_cannot_hold_every_word():
    body = [[(f"{word[:5]} {n}", False) for n in (1, 2, 3)] for word in EIGHT_COLUMNS]
    widths = layout.column_widths(list(EIGHT_COLUMNS), body, TEXT_WIDTH, 12)
    assert sum(widths) == TEXT_WIDTH
    # The data first: every body word whole; then as many header words as fit.
    assert all(width >= layout.longest_word(cells[0][0], 12) + layout.CELL_PADDING
               for width, cells in zip(widths, body, strict=True))
    needs = [layout.text_width(word, 12, True) + layout.CELL_PADDING for word in EIGHT_COLUMNS]
    whole = [word for word, width, need in zip(EIGHT_COLUMNS, widths, needs, strict=True) if width >= need]
    assert whole == ["Organisation", "Accessibility"]
    # Even the body's words too wide for the page: 1 cm at least each, as many words whole as fit.
    body = [[("Telecommunications", False)], [("Interoperability", False)]] * 4
    widths = layout.column_widths([], body, TEXT_WIDTH, 12)
    assert sum(widths) == TEXT_WIDTH and min(widths) >= layout.NARROWEST_COLUMN
    need = layout.text_width("Interoperability", 12) + layout.CELL_PADDING
    assert sum(width >= need for width in widths[1::2]) == 3  # three whole, the rest share what is left
    assert layout.column_widths([], [[("a", False)], [("b", False)]], 1000, 12) == [500, 500]


def test_a_table_without_a_header_row_has_none():
    project = new_project("Layout", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    rows = ((plain("Telephone"), plain("0113 000 0000")), (plain("E-mail"), plain("ict@example.org")))
    add_section(project, COORDINATOR, "Contact", "leeds", (Paragraph(plain("Contact:")), Table((), rows)), now=T0)
    doc = open_docx(build_docx(project, draft=True).data)
    (table,) = doc.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["Telephone", "0113 000 0000"],
                                                                          ["E-mail", "ict@example.org"]]
    assert not list(table._tbl.iter(qn("w:tblHeader")))
    assert not any(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}").get(qn("w:firstRow")) == "0"


def test_heading_numbers_get_room_for_the_widest_number():
    doc = open_docx(build_docx(hard_project(), draft=True).data)
    numbering = doc.part.numbering_part.element
    num_id, _ = style_numbering(doc, "Heading 1")
    num = next(n for n in numbering.iterfind(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    heading_abstract = next(a for a in numbering.iterfind(qn("w:abstractNum"))
                            if a.get(qn("w:abstractNumId")) == abstract_id)
    indents = [int(lvl.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn("w:hanging")))
               for lvl in heading_abstract.iterfind(qn("w:lvl"))]
    assert indents[0] >= layout.text_width("104", 16, bold=True) + 160
    assert indents[1] >= layout.text_width("105.1", 14, bold=True) + 140


# -- as LibreOffice prints them ----------------------------------------------------------------

@pytest.fixture(scope="module")
def hard_lines(tmp_path_factory):
    project = hard_project()
    signoff.endorse_response(project, COORDINATOR, now=T0)  # a "coordinator" in the Role column
    data = build_docx(project, draft=True, signoff_appendix=True).data
    return rendered_lines(data, tmp_path_factory.mktemp("hard"), "hard")


@needs_libreoffice
def test_printed_table_keeps_every_word_whole_when_the_page_allows(tmp_path):
    printed = words(rendered_lines(build_docx(_six_column_project(), draft=True).data, tmp_path))
    for word in SIX_COLUMNS + ("Calderdale", "Council", "Broadband", "schools"):
        assert word in printed, word


@needs_libreoffice
def test_printed_eight_column_table_keeps_every_word_whole_on_a_landscape_page(hard_lines):
    printed = words(hard_lines)
    assert set(EIGHT_COLUMNS) | {"Respo", "Infra", "Inter", "Telec", "Authe"} <= printed


@needs_libreoffice
def test_printed_headerless_table_shows_its_rows(hard_lines):
    assert any(re.search(r"Telephone\s+0113 000 0000", line) for line in hard_lines)
    assert any(re.search(r"E-mail\s+ict@example\.org", line) for line in hard_lines)


@needs_libreoffice
def test_printed_heading_numbers_stand_apart_from_the_heading(hard_lines):
    for number, text in (("104", "Consultation point 103"), ("104.1", "Detail 1 of consultation point 103"),
                         ("94.2", "Detail 2 of consultation point 93"), ("2.1.1", "Ymateb Cymraeg")):
        assert any(re.match(rf"\s*{re.escape(number)}\s+{text}", line) for line in hard_lines), number


@needs_libreoffice
def test_printed_signoff_appendix_keeps_the_role_whole(hard_lines):
    assert "coordinator" in words(hard_lines)
    assert "Organisation" in words(hard_lines[next(i for i, line in enumerate(hard_lines)
                                                   if "Sign-off record" in line):])


def test_column_widths_for_header_only_tables_empty_columns_and_other_scripts():
    assert sum(layout.column_widths(["Name", "Comments"], [[], []], TEXT_WIDTH, 12)) == TEXT_WIDTH
    widths = layout.column_widths([], [[("", False)], [("Some text here", False)]], TEXT_WIDTH, 12)
    assert sum(widths) == TEXT_WIDTH and min(widths) >= layout.CELL_PADDING
    assert layout.text_width("ŵyr café", 12) == layout.text_width("wyr cafe", 12)
    assert layout.text_width("日本", 12) > layout.text_width("ab", 12)


# -- tables too wide for the page --------------------------------------------------------------

TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "templates"


def _wide_table_project(*tables_between: tuple) -> object:
    """A project whose section "Tables" opens with a line and the eight-column table."""
    project = new_project("Layout", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Before", "leeds", (Paragraph(plain("Some text before.")),), now=T0)
    wide = Table(tuple(plain(word) for word in EIGHT_COLUMNS),
                 tuple(tuple(plain(f"{word[:5]} {n}") for word in EIGHT_COLUMNS) for n in (1, 2)))
    add_section(project, COORDINATOR, "Tables", "leeds", (Paragraph(plain("The table:")), wide, *tables_between),
                now=T0)
    add_section(project, COORDINATOR, "After", "leeds", (Paragraph(plain("Some text after.")),), now=T0)
    return project


def _sections(doc) -> list:
    """Every w:sectPr in body order: the section breaks in paragraphs, then the body's own."""
    body = doc.element.body
    return list(body.iterfind(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")) + [body.find(qn("w:sectPr"))]


def _landscape(section) -> bool:
    size = section.find(qn("w:pgSz"))
    return int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))


def _references(section) -> list[tuple[str, str, str]]:
    return [(ref.tag, ref.get(qn("w:type")), ref.get(qn("r:id"))) for ref in section
            if ref.tag in (qn("w:headerReference"), qn("w:footerReference"))]


def test_a_table_too_wide_for_the_page_goes_on_landscape_pages_with_its_heading():
    result = build_docx(_wide_table_project(), draft=True)
    doc = open_docx(result.data)
    sections = _sections(doc)
    assert [_landscape(section) for section in sections] == [False, True, False]
    # Every section shows the template's header and footer; page numbers run on (no restart).
    assert _references(sections[0]) and all(_references(s) == _references(sections[-1]) for s in sections)
    assert not any(s.find(f"{qn('w:pgNumType')}") is not None and s.find(qn("w:pgNumType")).get(qn("w:start"))
                   for s in sections[1:])
    # The heading and its line go over with the table, not left alone on a portrait page.
    body = list(doc.element.body)
    heading = next(i for i, p in enumerate(body) if "".join(t.text for t in p.iter(qn("w:t"))) == "Tables")
    breaks = [i for i, p in enumerate(body) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    table = body.index(doc.tables[0]._tbl)
    assert breaks[0] < heading < table < breaks[1]
    assert any("landscape" in warning and "\u201cTables\u201d" in warning for warning in result.warnings)


def test_wide_tables_in_a_row_share_their_landscape_pages():
    wide = next(s for s in _wide_table_project().all_sections() if s.heading == "Tables").blocks[1]
    doc = open_docx(build_docx(_wide_table_project(wide), draft=True).data)
    assert [_landscape(section) for section in _sections(doc)] == [False, True, False]


def test_only_the_first_section_keeps_a_templates_different_first_page():
    doc = open_docx(build_docx(_wide_table_project(), template=TEMPLATES / "first-page-logo.docx",
                               draft=True).data)
    sections = _sections(doc)
    assert [section.find(qn("w:titlePg")) is not None for section in sections] == [True, False, False]
    assert all(_references(section) == _references(sections[0]) for section in sections)


def test_a_pack_never_breaks_a_section_control_with_landscape_pages():
    result = build_pack(_wide_table_project(), "leeds")
    doc = open_docx(result.data)
    assert not list(doc.element.body.iter(qn("w:sectPr")))[:-1]
    assert not any("landscape" in warning for warning in result.warnings)


def test_a_table_whose_words_fit_at_a_smaller_size_is_set_smaller_and_says_so():
    words_ = ("Organisation", "Responsibility", "Infrastructure", "Accessibility", "Procurement", "Budget")
    project = new_project("Layout", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Six", "leeds", (Table(tuple(plain(w) for w in words_), ((plain("x"),),)),),
                now=T0)
    assert not layout.words_fit(list(words_), [[("x", False)]] + [[]] * 5, TEXT_WIDTH, 12)
    result = build_docx(project, draft=True)
    doc = open_docx(result.data)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Organisation")
    sizes = {run.font.size.pt for cell in table.rows[0].cells for run in cell.paragraphs[0].runs}
    (size,) = sizes
    assert 10 <= size < 12 and layout.words_fit(list(words_), [[("x", False)]] + [[]] * 5, TEXT_WIDTH, size)
    assert not _sections(doc)[:-1]  # smaller type first; landscape only when that is not enough
    assert any(f"set in {size:g} pt" in warning for warning in result.warnings)


def test_the_templates_font_sets_the_widths():
    arial = layout.font_scale("Arial")
    assert arial == 1.0 and layout.font_scale(None) == 1.0
    assert layout.font_scale("Verdana") > layout.font_scale("Unknown Sans") > layout.font_scale("Times New Roman")
    widths = {}
    for name in ("serif-footer.docx", "sparse-styles.docx"):  # Times New Roman, Verdana
        doc = open_docx(build_docx(_six_column_project(), template=TEMPLATES / name, draft=True).data)
        widths[name] = _grid(doc.tables[0])
    telecoms = SIX_COLUMNS.index("Telecommunications")
    assert widths["sparse-styles.docx"][telecoms] > widths["serif-footer.docx"][telecoms]


@needs_libreoffice
def test_printed_wide_table_is_on_a_landscape_page_that_keeps_the_page_number(tmp_path):
    rendered_lines(build_docx(_wide_table_project(), draft=True).data, tmp_path, "wide")
    pdf = str(tmp_path / "wide.pdf")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "10", pdf], capture_output=True, text=True, check=True).stdout
    sizes = [tuple(float(n) for n in m) for m in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    pages = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    table_page = next(i for i, page in enumerate(pages) if "Telecommunications" in page)
    assert sizes[table_page][0] > sizes[table_page][1] and sizes[0][0] < sizes[0][1]
    assert "Tables" in pages[table_page] and f"Page {table_page + 1} of {len(sizes)}" in pages[table_page]
    assert set(EIGHT_COLUMNS) <= words(pages[table_page].splitlines())
