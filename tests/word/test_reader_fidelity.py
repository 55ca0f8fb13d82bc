"""Word in keeps what the author wrote and says what it changed: line breaks and tabs, the numbers
Word shows on list items (restarts, start numbers, continued lists), tables with and without a
header row, and headings left empty. Each document is a compact body of WordprocessingML.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.word.docx_fixtures import SOFFICE
from wyassembler.core.content import ListItem, Paragraph, Span, Table, inline_text, plain
from wyassembler.core.lists import DEFAULT_LEVEL_FORMATS, list_places, number_label
from wyassembler.word.reader import import_docx

W = nsdecls("w")


def _run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(content: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


def _item(text: str, num_id: int, ilvl: int = 0) -> str:
    return _p(_run(text), "ListParagraph", (num_id, ilvl))


def _heading(text: str, level: int = 1) -> str:
    return _p(_run(text) if text else "", f"Heading{level}")


def _abstract(abstract_id: int, formats=("decimal", "lowerLetter", "lowerRoman"), starts=(1, 1, 1),
              restarts=(None, None, None)) -> str:
    levels = ""
    for ilvl, (fmt, start, restart) in enumerate(zip(formats, starts, restarts, strict=True)):
        start_xml = f'<w:start w:val="{start}"/>' if start is not None else ""
        restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
        levels += (f'<w:lvl w:ilvl="{ilvl}">{start_xml}<w:numFmt w:val="{fmt}"/>{restart_xml}'
                   f'<w:lvlText w:val="%{ilvl + 1}."/></w:lvl>')
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'


def _num(num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    overrides = "".join(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for ilvl, start in (start_overrides or {}).items())
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def _docx(tmp_path, body: str, numbering: str = "", styles: str = "", name: str = "doc.docx"):
    """A document whose body is ``body``, with extra list definitions (``w:abstractNum`` and ``w:num``
    elements, ids from 90 up to stay clear of the template's) and extra styles."""
    document = docx.Document()
    root = document.element.body
    for element in parse_xml(f"<w:body {W}>{body}</w:body>"):
        root.insert(len(root) - 1, element)  # before the section properties
    if numbering:
        part = document.part.numbering_part.element
        first_num = part.find(qn("w:num"))
        for element in parse_xml(f"<w:numbering {W}>{numbering}</w:numbering>"):
            if element.tag == qn("w:abstractNum") and first_num is not None:
                first_num.addprevious(element)
            else:
                part.append(element)
    if styles:
        for element in parse_xml(f"<w:styles {W}>{styles}</w:styles>"):
            document.styles.element.append(element)
    path = tmp_path / name
    document.save(path)
    return path


def _blocks(tmp_path, body: str, numbering: str = "", styles: str = ""):
    result = import_docx(_docx(tmp_path, body, numbering, styles))
    return result.project.sections[0].blocks, result.report


def _shown_numbers(blocks) -> list[int]:
    """The number the content model shows each numbered item (one rule: core.lists)."""
    places = list_places(blocks)
    return [places[i].number for i, block in enumerate(blocks) if isinstance(block, ListItem)
            and block.kind == "number"]


# -- line breaks and tabs ------------------------------------------------------------------------

def test_line_breaks_and_tabs_are_kept_in_paragraphs_items_and_cells(tmp_path):
    broken = ('<w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:tab/><w:t>three</w:t><w:cr/><w:t>four</w:t>'
              '<w:br w:type="textWrapping" w:clear="all"/><w:t>five</w:t></w:r>')
    body = (_heading("Breaks") + _p(broken) + _p('<w:r><w:t>Item</w:t><w:br/><w:t>more</w:t></w:r>', "ListBullet")
            + f'<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>{_p(_run("Head"))}</w:tc></w:tr>'
              f'<w:tr><w:tc>{_p("<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r>")}</w:tc></w:tr></w:tbl>')
    blocks, report = _blocks(tmp_path, body)
    assert blocks == (Paragraph(plain("one\ntwo\tthree\nfour\nfive")),
                      ListItem(plain("Item\nmore"), "bullet", 1),
                      Table((plain("Head"),), ((plain("a\tb"),),)))
    assert not report.counts


def test_tab_stops_in_paragraph_properties_are_not_text(tmp_path):
    body = _heading("Tabs") + ('<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
                               '<w:r><w:t>Name</w:t><w:tab/><w:t>Role</w:t></w:r></w:p>')
    blocks, _ = _blocks(tmp_path, body)
    assert blocks == (Paragraph(plain("Name\tRole")),)


def test_a_heading_with_a_line_break_stays_one_line(tmp_path):
    body = _p('<w:r><w:t>Part one</w:t><w:br/><w:t>the vision</w:t></w:r>', "Heading1") + _p(_run("Text"))
    result = import_docx(_docx(tmp_path, body))
    assert result.project.sections[0].heading == "Part one the vision"


def test_page_and_column_breaks_are_reported_and_keep_lines_apart(tmp_path):
    body = (_heading("Pages") + _p('<w:r><w:t>Before</w:t><w:br w:type="page"/><w:t>after</w:t></w:r>')
            + _p('<w:r><w:br w:type="page"/></w:r>')  # Word's Insert > Page Break: a paragraph of its own
            + _p('<w:r><w:t>Left</w:t><w:br w:type="column"/><w:t>right</w:t></w:r>'))
    blocks, report = _blocks(tmp_path, body)
    assert blocks == (Paragraph(plain("Before\nafter")), Paragraph(plain("Left\nright")))
    assert report.total("page-break") == 3
    assert any(line.startswith("3 page or column breaks left out") for line in report.lines())


def test_several_paragraphs_in_a_cell_become_its_lines(tmp_path):
    body = (_heading("Cells") + f'<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>{_p(_run("H"))}</w:tc></w:tr>'
            f'<w:tr><w:tc>{_p(_run("first"))}{_p(_run("second"))}</w:tc></w:tr></w:tbl>')
    blocks, report = _blocks(tmp_path, body)
    assert blocks == (Table((plain("H"),), ((plain("first\nsecond"),),)),)
    assert report.total("cell-paragraphs") == 1


# -- list numbers -----------------------------------------------------------------------------------

def test_a_start_override_starts_the_list_there(tmp_path):
    numbering = _abstract(90) + _num(90, 90, {0: 5})
    blocks, _ = _blocks(tmp_path, _heading("Five") + _item("e", 90) + _item("f", 90), numbering)
    assert blocks == (ListItem(plain("e"), "number", 1, start=5), ListItem(plain("f"), "number", 1))
    assert _shown_numbers(blocks) == [5, 6]


def test_a_list_numbered_from_above_32767_starts_at_32767_says_so_and_numbers_on(tmp_path):
    # The content model's starts stop at 32767 (Word's own limit for "Set numbering value"); a document
    # saying more is clamped once, in one report line, and the items after go on (not each a list at 32767).
    numbering = _abstract(90) + _num(90, 90, {0: 40000})
    blocks, report = _blocks(tmp_path, _heading("High") + _item("e", 90) + _item("f", 90) + _item("g", 90),
                             numbering)
    assert blocks == (ListItem(plain("e"), "number", 1, start=32767), ListItem(plain("f"), "number", 1),
                      ListItem(plain("g"), "number", 1))
    assert _shown_numbers(blocks) == [32767, 32768, 32769]
    (line,) = [line for line in report.lines() if "32767" in line]
    assert line.startswith("1 list numbered from above 32767 started at 32767") and "section 1" in line


def test_a_level_starting_elsewhere_than_1_starts_the_list_there(tmp_path):
    numbering = _abstract(90, starts=(3, 1, 1)) + _num(90, 90)
    blocks, _ = _blocks(tmp_path, _heading("Three") + _item("c", 90) + _item("d", 90), numbering)
    assert blocks[0].start == 3 and blocks[1].start is None
    assert _shown_numbers(blocks) == [3, 4]


def test_two_lists_one_after_the_other_stay_two_lists(tmp_path):
    numbering = _abstract(90) + _abstract(91) + _num(90, 90) + _num(91, 91)
    body = _heading("Two") + _item("a", 90) + _item("b", 90) + _item("x", 91) + _item("y", 91)
    blocks, _ = _blocks(tmp_path, body, numbering)
    assert [block.start for block in blocks] == [None, None, 1, None]
    assert _shown_numbers(blocks) == [1, 2, 1, 2]


def test_a_restart_of_the_same_list_definition_restarts(tmp_path):
    # Word's "Restart at 1": a new w:num of the same definition, with a start override.
    numbering = _abstract(90) + _num(90, 90) + _num(91, 90, {0: 1})
    body = _heading("Restart") + _item("a", 90) + _item("b", 90) + _item("x", 91) + _item("y", 91)
    blocks, _ = _blocks(tmp_path, body, numbering)
    assert _shown_numbers(blocks) == [1, 2, 1, 2]


def test_instances_of_one_definition_without_override_continue_as_in_word(tmp_path):
    # Word counts per definition: a second w:num of it, with no override, goes on counting.
    numbering = _abstract(90) + _num(90, 90) + _num(91, 90)
    body = _heading("Continue") + _item("a", 90) + _item("b", 90) + _p(_run("Between")) + _item("c", 91)
    blocks, _ = _blocks(tmp_path, body, numbering)
    assert blocks[-1] == ListItem(plain("c"), "number", 1, start=3)


def test_one_list_goes_on_over_nested_items_and_paragraphs(tmp_path):
    numbering = _abstract(90) + _num(90, 90)
    body = (_heading("One list") + _item("a", 90) + _item("a.a", 90, 1) + _item("a.b", 90, 1) + _item("b", 90)
            + _item("b.a", 90, 1) + _p(_run("A paragraph between")) + _item("c", 90))
    blocks, _ = _blocks(tmp_path, body, numbering)
    # Nested items restart under each item, as both Word and the content model number them.
    assert [getattr(block, "start", None) for block in blocks] == [None, None, None, None, None, None, 3]
    assert _shown_numbers(blocks) == [1, 1, 2, 2, 1, 3]


def test_a_level_that_never_restarts_keeps_counting(tmp_path):
    numbering = _abstract(90, restarts=(None, 0, None)) + _num(90, 90)
    body = _heading("Go on") + _item("a", 90) + _item("x", 90, 1) + _item("b", 90) + _item("y", 90, 1)
    blocks, _ = _blocks(tmp_path, body, numbering)
    assert blocks[3] == ListItem(plain("y"), "number", 2, start=2)
    assert _shown_numbers(blocks) == [1, 1, 2, 2]


def test_a_level_without_a_start_counts_from_0_as_word_does(tmp_path):
    numbering = _abstract(90, starts=(None, None, None)) + _num(90, 90)
    blocks, _ = _blocks(tmp_path, _heading("Zero") + _item("a", 90) + _item("b", 90), numbering)
    assert _shown_numbers(blocks) == [0, 1]


def test_numbers_go_on_across_sections_as_word_shows_them(tmp_path):
    numbering = _abstract(90) + _num(90, 90)
    body = _heading("One") + _item("a", 90) + _item("b", 90) + _heading("Two") + _item("c", 90)
    sections = import_docx(_docx(tmp_path, body, numbering)).project.sections
    assert sections[1].blocks == (ListItem(plain("c"), "number", 1, start=3),)


def test_bullets_between_numbered_items_of_one_list(tmp_path):
    # What wyassembler's export wrote before lists restarted: Word shows 1, 2, bullet, 3.
    numbering = _abstract(90) + _abstract(91, ("bullet",) * 3) + _num(90, 90) + _num(91, 91)
    body = _heading("Mixed") + _item("a", 90) + _item("b", 90) + _item("note", 91) + _item("c", 90)
    blocks, _ = _blocks(tmp_path, body, numbering)
    assert blocks[3] == ListItem(plain("c"), "number", 1, start=3)


# -- tables -------------------------------------------------------------------------------------------

HEADER_STYLE = ('<w:style w:type="table" w:styleId="Banded"><w:name w:val="Banded"/>'
                '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>')
PLAIN_STYLE = ('<w:style w:type="table" w:styleId="Lines"><w:name w:val="Lines"/>'
               '<w:tblStylePr w:type="firstRow"><w:rPr/><w:tblPr/></w:tblStylePr></w:style>')


def _table(first_row_props: str = "", table_props: str = "") -> str:
    cells = "".join(f"<w:tc>{_p(_run(text))}</w:tc>" for text in ("Partner", "Lead"))
    body = "".join(f"<w:tc>{_p(_run(text))}</w:tc>" for text in ("Leeds", "A. Jones"))
    return (f"<w:tbl><w:tblPr>{table_props}</w:tblPr><w:tr><w:trPr>{first_row_props}</w:trPr>{cells}</w:tr>"
            f"<w:tr>{body}</w:tr></w:tbl>")


WITH_HEADER = Table((plain("Partner"), plain("Lead")), ((plain("Leeds"), plain("A. Jones")),))
WITHOUT_HEADER = Table((), ((plain("Partner"), plain("Lead")), (plain("Leeds"), plain("A. Jones"))))


@pytest.mark.parametrize("first_row, table, expected", [
    ("<w:tblHeader/>", "", WITH_HEADER),
    ('<w:tblHeader w:val="0"/>', "", WITHOUT_HEADER),
    ("", "", WITHOUT_HEADER),
    # the Header Row look with a style that formats the first row: it shows as a header
    ("", '<w:tblStyle w:val="Banded"/><w:tblLook w:val="04A0" w:firstRow="1" w:noVBand="1"/>', WITH_HEADER),
    ("", '<w:tblStyle w:val="Banded"/><w:tblLook w:val="0420"/>', WITH_HEADER),  # older: a bit of w:val
    ("", '<w:tblStyle w:val="Banded"/><w:tblLook w:val="04A0" w:firstRow="0"/>', WITHOUT_HEADER),
    # the look on, but the style gives the first row nothing: it looks like any other row
    ("", '<w:tblStyle w:val="Lines"/><w:tblLook w:val="04A0" w:firstRow="1"/>', WITHOUT_HEADER),
    ("", '<w:tblLook w:val="04A0" w:firstRow="1"/>', WITHOUT_HEADER),  # the default table style
], ids=["marked", "marked-off", "unmarked", "look-and-style", "look-in-val", "look-off", "look-plain-style",
        "look-default-style"])
def test_a_table_has_a_header_row_only_if_word_marks_or_shows_one(tmp_path, first_row, table, expected):
    blocks, report = _blocks(tmp_path, _heading("Table") + _table(first_row, table), styles=HEADER_STYLE + PLAIN_STYLE)
    assert blocks == (expected,)
    assert report.total("headerless-table") == (0 if expected.has_header else 1)


def test_a_headerless_table_is_named_in_the_report(tmp_path):
    result = import_docx(_docx(tmp_path, _heading("One") + _p(_run("x")) + _heading("Two") + _table()))
    assert "1 table without a header row kept without one" in "\n".join(result.report.lines())
    assert "(in section 2)" in next(line for line in result.report.lines() if "header row" in line)


def test_bold_in_a_headerless_first_row_is_kept(tmp_path):
    bold = "<w:tc>" + _p(_run("Total", "<w:rPr><w:b/></w:rPr>")) + "</w:tc>"
    blocks, _ = _blocks(tmp_path, _heading("Bold") + f"<w:tbl><w:tr>{bold}</w:tr></w:tbl>")
    assert blocks == (Table((), (((Span("Total", bold=True),),),)),)


# -- empty headings ----------------------------------------------------------------------------------

def test_an_empty_heading_1_keeps_its_section(tmp_path):
    body = (_heading("First") + _p(_run("one")) + _heading("") + _p(_run("lost before"))
            + _heading("Third") + _p(_run("three")))
    result = import_docx(_docx(tmp_path, body))
    sections = result.project.sections
    assert [s.heading for s in sections] == ["First", "Untitled section 1", "Third"]
    assert sections[1].blocks == (Paragraph(plain("lost before")),)
    assert sections[0].blocks == (Paragraph(plain("one")),)
    line = next(line for line in result.report.lines() if line.startswith("1 heading without text"))
    assert "Untitled section" in line and "(in section 2)" in line


@pytest.mark.parametrize("level", [2, 3])
def test_empty_headings_at_levels_2_and_3_keep_their_sections(tmp_path, level):
    parents = "".join(_heading(f"Level {n}", n) for n in range(1, level))
    body = parents + _heading("", level) + _p(_run("under it")) + _heading("", level) + _p(_run("and again"))
    result = import_docx(_docx(tmp_path, body))
    untitled = [(lvl, s.heading, s.blocks) for _, lvl, s in result.project.walk() if lvl == level]
    assert untitled == [(level, "Untitled section 1", (Paragraph(plain("under it")),)),
                        (level, "Untitled section 2", (Paragraph(plain("and again")),))]
    assert result.report.total("empty-heading") == 2


def test_an_empty_heading_with_only_subsections_keeps_them_under_it(tmp_path):
    body = _heading("First") + _p(_run("one")) + _heading("") + _heading("Child", 2) + _p(_run("c"))
    project = import_docx(_docx(tmp_path, body)).project
    assert [(lvl, s.heading) for _, lvl, s in project.walk()] == [(1, "First"), (1, "Untitled section 1"),
                                                                  (2, "Child")]


def test_an_empty_heading_with_nothing_under_it_is_left_out_and_reported(tmp_path):
    body = (_heading("First") + _p(_run("one")) + _heading("") + _heading("Second") + _heading("Child", 2)
            + _p(_run("c")) + _heading("", 2) + _heading("Third") + _p(_run("x")) + _heading(""))
    result = import_docx(_docx(tmp_path, body))
    assert [(n, s.heading) for n, _, s in result.project.walk()] == [("1", "First"), ("2", "Second"),
                                                                     ("2.1", "Child"), ("3", "Third")]
    assert result.report.total("empty-heading-dropped") == 3
    line = next(line for line in result.report.lines() if "anything under" in line)
    assert line.endswith("left out (in section 1, section 2.1 and section 3)")


# -- a document LibreOffice wrote, read as LibreOffice shows it ----------------------------------------

PDFTOTEXT = shutil.which("pdftotext")
ODT = ('<?xml version="1.0" encoding="UTF-8"?>'
       '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3" '
       'office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>'
       '<text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-suffix="." '
       'style:num-format="1"/><text:list-level-style-number text:level="2" style:num-suffix="." '
       'style:num-format="a"/></text:list-style><text:list-style style:name="B"><text:list-level-style-bullet '
       'text:level="1" text:bullet-char="\u2022"/></text:list-style></office:automatic-styles>'
       '<office:body><office:text>{body}</office:text></office:body></office:document>')


def _odt_list(items: str, attributes: str = "") -> str:
    return f'<text:list text:style-name="N" {attributes}>{items}</text:list>'


def _odt_item(text: str, attributes: str = "", inner: str = "") -> str:
    return f"<text:list-item {attributes}><text:p>{text}</text:p>{inner}</text:list-item>"


def _odt_table(header: bool) -> str:
    row = "<table:table-row>" + "".join(f"<table:table-cell><text:p>{t}</text:p></table:table-cell>"
                                        for t in ("left", "right")) + "</table:table-row>"
    first = f"<table:table-header-rows>{row.replace('left', 'Head')}</table:table-header-rows>" if header else row
    return f'<table:table><table:table-column table:number-columns-repeated="2"/>{first}{row}</table:table>'


LIBREOFFICE_BODY = (
    '<text:h text:outline-level="1">Lists</text:h>'
    "<text:p>Name<text:tab/>Role<text:line-break/>Second line</text:p>"
    + _odt_list(_odt_item("first") + _odt_item("second"), 'xml:id="l1"')
    + "<text:p>An aside in the middle.</text:p>"
    + _odt_list(_odt_item("third, continued"), 'text:continue-list="l1"')
    + _odt_list(_odt_item("a new list"))
    + '<text:list text:style-name="B">' + _odt_item("a bullet") + "</text:list>"
    + _odt_list(_odt_item("five", 'text:start-value="5"')
                + _odt_item("six", inner="<text:list>" + _odt_item("six a") + _odt_item("six b") + "</text:list>")
                + _odt_item("seven"))
    + _odt_table(header=False) + _odt_table(header=True)
    + '<text:h text:outline-level="1"></text:h><text:p>Under an empty heading.</text:p>'
    + '<text:h text:outline-level="1">Last</text:h><text:p>End.</text:p>')


def _libreoffice(source: Path, target: str, tmp_path: Path) -> Path:
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", target, "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = tmp_path / f"{source.stem}.{target.split(':')[0]}"
    assert result.exists(), f"LibreOffice did not write {result.name}"
    return result


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="needs LibreOffice and pdftotext")
def test_a_libreoffice_document_imports_with_the_numbers_libreoffice_shows(tmp_path):
    source = tmp_path / "lists.fodt"
    source.write_text(ODT.format(body=LIBREOFFICE_BODY), encoding="utf-8")
    document = _libreoffice(source, "docx:MS Word 2007 XML", tmp_path)
    result = import_docx(document)
    sections = result.project.sections
    assert [s.heading for s in sections] == ["Lists", "Untitled section 1", "Last"]
    blocks = sections[0].blocks
    assert blocks[0] == Paragraph(plain("Name\tRole\nSecond line"))
    assert blocks[-2:] == (Table((), ((plain("left"), plain("right")),) * 2),
                           Table((plain("Head"), plain("right")), ((plain("left"), plain("right")),)))
    # Every numbered item shows the label LibreOffice prints for it.
    pdf = _libreoffice(document, "pdf", tmp_path)
    printed = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True,
                             text=True).stdout
    labels = {text: label for label, text in re.findall(r"^\s*([0-9]+\.|[a-z]\.)\s*(\S.*?)\s*$", printed,
                                                        re.MULTILINE)}
    places = list_places(blocks)
    shown = {inline_text(block.spans): number_label(places[index].number, DEFAULT_LEVEL_FORMATS[block.level - 1])
             for index, block in enumerate(blocks) if isinstance(block, ListItem) and block.kind == "number"}
    assert shown == labels
    assert shown == {"first": "1.", "second": "2.", "third, continued": "3.", "a new list": "1.", "five": "5.",
                     "six": "6.", "six a": "a.", "six b": "b.", "seven": "7."}
    assert result.report.total("headerless-table") == 1 and result.report.total("empty-heading") == 1


def test_report_places_read_as_places(tmp_path):
    result = import_docx(_docx(tmp_path, _p(_run("Intro")) + _table() + _heading("One") + _p(_run("x"))))
    line = next(line for line in result.report.lines() if "header row" in line)
    assert line.endswith("(in the text before the first heading)")


def test_an_empty_heading_before_the_title_leaves_the_title_the_projects(tmp_path):
    body = _heading("") + _p(_run("The response"), "Title") + _heading("One") + _p(_run("x"))
    result = import_docx(_docx(tmp_path, body))
    assert result.project.title == "The response"
    assert [s.heading for s in result.project.sections] == ["One"]
    assert result.report.total("empty-heading-dropped") == 1


def test_the_header_is_judged_on_the_first_row_that_has_cells(tmp_path):
    table = _table("<w:tblHeader/>").replace("<w:tbl><w:tblPr></w:tblPr>", "<w:tbl><w:tblPr></w:tblPr><w:tr/>", 1)
    blocks, _ = _blocks(tmp_path, _heading("Table") + table)
    assert blocks == (WITH_HEADER,)
