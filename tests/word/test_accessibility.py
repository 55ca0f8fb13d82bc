"""Accessibility warnings on what an export produces; none of them stops the export."""

from __future__ import annotations

import docx
from lxml import etree

from tests.factories import COORDINATOR, T0
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.editing import edit_section
from wyassembler.word.accessibility import check_document
from wyassembler.word.writer import build_docx


def test_vague_and_bare_links_are_reported(project):
    blocks = (Paragraph((Span("For the strategy "), Span("click here", href="https://example.org/s"),
                         Span(" or see "), Span("https://example.org/raw", href="https://example.org/raw"),
                         Span(" or the "), Span("National Strategy", href="https://example.org/n"))),)
    edit_section(project, COORDINATOR, project.sections[1], blocks=blocks, now=T0)
    warnings = build_docx(project, draft=True).warnings
    assert len(warnings) == 2
    assert any("\u201cclick here\u201d does not say where it leads" in w for w in warnings)
    assert any("https://example.org/raw" in w and "bare address" in w for w in warnings)
    assert all("Shared services" in w for w in warnings), "each warning says where the problem is"


def test_clean_export_has_no_warnings(project):
    assert build_docx(project, draft=True).warnings == []


def test_skipped_levels_empty_headings_and_headerless_tables():
    document = docx.Document()
    document.add_heading("Introduction", level=1)
    document.add_heading("Too deep", level=3)
    document.add_heading("", level=2)
    document.add_table(rows=2, cols=2)
    warnings = check_document(document.element.body, document.styles.element)
    assert len(warnings) == 3
    assert "\u201cToo deep\u201d is level 3 but follows a level 1" in warnings[0]
    assert "empty heading (level 2)" in warnings[1] and "Too deep" in warnings[1]
    assert "table 1" in warnings[2] and "no header row" in warnings[2]


def test_title_style_is_not_a_heading():
    document = docx.Document()
    document.add_heading("The title", level=0)
    document.add_heading("First", level=1)
    assert check_document(document.element.body, document.styles.element) == []


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(xml: str):
    """A w:body from compact XML: ``H1:text`` a Heading 1, ``P:text`` a paragraph (``|`` a line break),
    ``L:text`` a real list item; anything else is taken as WordprocessingML."""
    parts = []
    for line in xml.strip().splitlines():
        kind, _, text = line.strip().partition(":")
        runs = "<w:br/>".join(f'<w:t xml:space="preserve">{piece}</w:t>' for piece in text.split("|"))
        if kind == "H1":
            parts.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r>{runs}</w:r></w:p>')
        elif kind == "P":
            parts.append(f"<w:p><w:r>{runs}</w:r></w:p>")
        elif kind == "L":
            parts.append(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                         f"<w:r>{runs}</w:r></w:p>")
        else:
            parts.append(line.strip())
    return etree.fromstring(f"<w:body {W_NS}>{''.join(parts)}</w:body>")


def _check(xml: str, furniture=()):
    return check_document(_body(xml), docx.Document().styles.element, list(furniture))


def _table(header: list[str] | None, row: list[str]) -> str:
    def cells(texts):
        return "".join(f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>" for text in texts)
    head = f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells(header)}</w:tr>" if header is not None else ""
    return f"<w:tbl>{head}<w:tr>{cells(row)}</w:tr></w:tbl>"


def test_typed_bullets_are_reported_once_per_run_under_their_section():
    warnings = _check("""
        H1:Budget
        P:\u2022 Leeds
        P:\u2022\tKirklees
        P:- Wakefield
        P:The next paragraph is prose.
        H1:Staffing
        P:* one|* two
        P:\u2013 three
        L:A real list item
        P:-5 degrees is not a bullet, nor is a-b
        P:Points:|- first line after a break|- second line
    """)
    assert warnings == [
        "3 lines start with a typed bullet (\u201c\u2022\u201d\u201c-\u201d) under \u201cBudget\u201d; make them "
        "a real list, which screen readers announce as one",
        "3 lines start with a typed bullet (\u201c*\u201d\u201c\u2013\u201d) under \u201cStaffing\u201d; make them "
        "a real list, which screen readers announce as one",
        "2 lines start with a typed bullet (\u201c-\u201d) under \u201cStaffing\u201d; make them a real list, "
        "which screen readers announce as one"]


def test_one_line_opening_with_a_dash_is_an_attribution_not_a_typed_list():
    # "\u2013 Tim Berners-Lee" under a quotation (or "- " typed for the dash) is one line; two in a row
    # are a list; a bullet or an asterisk is a typed list even alone.
    assert _check("""
        H1:Quotes
        P:The Web is for everyone.
        P:\u2013 Tim Berners-Lee
        P:Simplicity is prerequisite for reliability.
        P:- Edsger Dijkstra
    """) == []
    warnings = _check("""
        H1:Lists
        P:\u2013 one
        P:\u2013 two
        P:Between.
        P:\u2022 alone
        P:Between.
        P:* alone
    """)
    assert [warning.split(" under ")[0] for warning in warnings] == [
        "2 lines start with a typed bullet (\u201c\u2013\u201d)",
        "a line starts with a typed bullet (\u201c\u2022\u201d)",
        "a line starts with a typed bullet (\u201c*\u201d)"]


def test_real_lists_and_prose_are_not_typed_bullets():
    assert _check("""
        H1:Budget
        L:\u2022 even a real list item that repeats the bullet
        P:Costs rose - as expected - in 2005.
        P:*Starred* words are emphasis, not bullets
    """) == []


def test_empty_header_cells_and_headerless_tables_name_the_section():
    warnings = _check(f"""
        H1:Partners
        {_table(["Partner", "", "Budget"], ["Leeds", "A", "1"])}
        H1:Money
        {_table(["", "", "x"], ["a", "b", "c"])}
        {_table(None, ["a", "b"])}
        {_table(["Partner", "Lead"], ["Leeds", "A"])}
    """)
    assert warnings == [
        "table 1 (under \u201cPartners\u201d) has an empty header cell (column 2); a screen reader reads nothing "
        "for that column",
        "table 2 (under \u201cMoney\u201d) has empty header cells (columns 1, 2); a screen reader reads nothing "
        "for that column",
        "table 3 (under \u201cMoney\u201d) has no header row"]


PICTURE = ('<w:p {ns} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:r>'
           '<w:drawing><wp:inline><wp:docPr id="1" name="Logo" {alt}/></wp:inline></w:drawing></w:r></w:p>')


def _part(*paragraphs: str):
    return etree.fromstring(f"<w:hdr {W_NS}>{''.join(paragraphs)}</w:hdr>")


def test_template_pictures_without_alt_text_are_flagged_by_where_they_are():
    no_alt = PICTURE.format(ns=W_NS, alt='descr=""')
    described = PICTURE.format(ns=W_NS, alt='descr="Calderdale Council logo"')
    decorative = PICTURE.format(ns=W_NS, alt="").replace(
        "</wp:docPr>", "").replace('name="Logo" />', 'name="Logo"><a:extLst xmlns:a="http://schemas.openxml'
                                   'formats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-948B-'
                                   '1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/'
                                   'office/drawing/2017/decorative" val="1"/></a:ext></a:extLst></wp:docPr>')
    vml = (f'<w:p {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:imagedata/></v:shape>'
           "</w:pict></w:r></w:p>")
    warnings = _check("H1:Intro", [("the first-page header", _part(no_alt, described)),
                                    ("the header", _part(described, decorative)),
                                    ("the footer", _part(no_alt, vml))])
    assert warnings == [
        "the first-page header of the template has a picture without alt text; describe the logo in Word "
        "(Edit Alt Text) or mark it decorative",
        "the footer of the template has 2 pictures without alt text; describe the logo in Word (Edit Alt Text) "
        "or mark it decorative"]
