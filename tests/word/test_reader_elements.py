"""The Word reader element by element: each handler fed WordprocessingML written in compact XML
(see tests/word/cxml.py), inside python-docx's default document for its styles and relationships."""

from __future__ import annotations

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from tests.word.cxml import CxmlError, element, xml
from wyassembler.core.content import ListItem, Paragraph, Span, Table
from wyassembler.word.body_items import BlockItem, Closing, Heading, Subtitle, Title
from wyassembler.word.body_reader import BodyReader
from wyassembler.word.import_report import ImportReport

PICTURE = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def _reader(*styles: str, document=None) -> BodyReader:
    """A reader of python-docx's default document, with these extra styles (compact XML) in it."""
    document = document or docx.Document()
    for style in styles:
        document.styles.element.append(element(style))
    return BodyReader(document, ImportReport())


def _read(expression: str, reader: BodyReader | None = None) -> tuple[list, dict[str, int]]:
    """The items read from one body element, and the report's totals by kind."""
    reader = reader or _reader()
    items = list(reader.items([element(expression)]))
    return items, {kind: reader.report.total(kind) for kind in reader.report.counts}


def _spans(expression: str, reader: BodyReader | None = None) -> tuple[tuple[Span, ...], dict[str, int]]:
    """The spans of the one paragraph ``expression`` makes, and what was reported."""
    items, report = _read(expression, reader)
    assert len(items) == 1 and isinstance(items[0], BlockItem) and isinstance(items[0].block, Paragraph), items
    return items[0].block.spans, report


# -- the compact notation itself ----------------------------------------------------------------

def test_cxml_writes_nested_elements_attributes_and_text():
    assert xml('w:p/(w:pPr/w:pStyle{w:val=Heading1},w:r/w:t"a < \\"b\\"")') == (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:pPr>'
        '<w:pStyle w:val="Heading1"></w:pStyle></w:pPr><w:r><w:t>a &lt; "b"</w:t></w:r></w:p>')
    built = element("w:hyperlink{r:id=rId9,w:history=1}/w:r")
    assert built.nsmap == {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                           "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    assert len(built) == 1


@pytest.mark.parametrize("expression", ["w:p/(w:r", "p/w:r", "x:p", 'w:t"open', "w:p{w:val}", "w:p w:r"])
def test_cxml_refuses_what_it_cannot_parse(expression):
    with pytest.raises(CxmlError):
        xml(expression)


# -- text, breaks, tabs, hyphens, symbols -----------------------------------------------------

def test_runs_keep_their_text_in_order():
    spans, report = _spans('w:p/(w:r/w:t"Hello ",w:r/(w:t"wide",w:t" world"))')
    assert spans == (Span("Hello wide world"),)  # a paragraph's spans of one format are joined
    assert report == {}


@pytest.mark.parametrize("expression, text, reported", [
    ('w:p/w:r/(w:t"a",w:br,w:t"b")', "a\nb", {}),
    ('w:p/w:r/(w:t"a",w:br{w:type=textWrapping},w:t"b")', "a\nb", {}),
    ('w:p/w:r/(w:t"a",w:cr,w:t"b")', "a\nb", {}),
    ('w:p/w:r/(w:t"a",w:br{w:type=page},w:t"b")', "a\nb", {"page-break": 1}),
    ('w:p/w:r/(w:t"a",w:br{w:type=column},w:t"b")', "a\nb", {"page-break": 1}),
    ('w:p/w:r/(w:t"a",w:tab,w:t"b")', "a\tb", {}),
    ('w:p/w:r/(w:t"a",w:ptab{w:relativeTo=margin,w:alignment=right,w:leader=none},w:t"b")', "a\tb", {}),
    ('w:p/w:r/(w:t"well",w:noBreakHyphen,w:t"known")', "well\u2011known", {}),
    ('w:p/w:r/(w:t"hyphen",w:softHyphen,w:t"ation")', "hyphenation", {}),
    ('w:p/w:r/(w:t"tick",w:sym{w:font=Wingdings,w:char=F0FC},w:t"ed")', "ticked", {"symbol": 1}),
    ('w:p/w:r/(w:t"a",w:lastRenderedPageBreak,w:t"b")', "ab", {}),
])
def test_breaks_tabs_hyphens_and_symbols(expression, text, reported):
    spans, report = _spans(expression)
    assert "".join(span.text for span in spans) == text
    assert report == reported


# -- run properties and styles ------------------------------------------------------------------

def test_direct_bold_and_italic_and_their_off_values():
    spans, _ = _spans('w:p/(w:r/(w:rPr/w:b,w:t"bold"),w:r/(w:rPr/(w:b,w:i),w:t"both"),'
                      'w:r/(w:rPr/w:b{w:val=0},w:t"off"),w:r/(w:rPr/w:i{w:val=false},w:t"plain"))')
    assert spans == (Span("bold", bold=True), Span("both", True, True), Span("offplain"))


def test_character_styles_toggle_against_the_paragraph_style():
    reader = _reader("w:style{w:type=paragraph,w:styleId=Loud}/(w:name{w:val=Loud},w:rPr/w:b)",
                     "w:style{w:type=character,w:styleId=Shout}/(w:name{w:val=Shout},w:rPr/w:b)")
    spans, _ = _spans('w:p/(w:pPr/w:pStyle{w:val=Loud},w:r/w:t"loud ",w:r/(w:rPr/w:rStyle{w:val=Shout},'
                      'w:t"flipped "),w:r/(w:rPr/(w:rStyle{w:val=Emphasis},w:b{w:val=0}),w:t"emphasis"))', reader)
    # Bold in the paragraph style and again in the character style: toggled off. Direct w:b wins.
    assert spans == (Span("loud ", bold=True), Span("flipped "), Span("emphasis", italic=True))


def test_underline_strike_and_tracked_format_changes_are_reported_and_the_text_kept():
    spans, report = _spans('w:p/(w:r/(w:rPr/w:u{w:val=single},w:t"u"),w:r/(w:rPr/w:u{w:val=none},w:t"n"),'
                           'w:r/(w:rPr/(w:strike,w:dstrike),w:t"s"),w:r/(w:rPr/w:strike{w:val=off},w:t"o"),'
                           'w:r/(w:rPr/w:rPrChange{w:id=1,w:author=A}/w:rPr,w:t"c"))')
    assert "".join(span.text for span in spans) == "unsoc"
    assert report == {"underline": 1, "strike": 2, "format-change": 1}


def test_hidden_text_is_left_out_but_its_field_marks_still_count():
    spans, report = _spans('w:p/(w:r/(w:rPr/w:vanish,w:t"secret"),'
                           'w:r/(w:rPr/w:vanish,w:fldChar{w:fldCharType=begin}),w:r/w:instrText" PAGE ",'
                           'w:r/w:fldChar{w:fldCharType=separate},w:r/w:t"7",w:r/w:fldChar{w:fldCharType=end},'
                           'w:r/w:t" shown")')
    assert "".join(span.text for span in spans) == "7 shown"
    assert report == {"hidden": 1, "field": 1}


# -- fields -------------------------------------------------------------------------------------

def _complex_field(code: str, result: str) -> str:
    return (f'w:r/w:fldChar{{w:fldCharType=begin}},w:r/w:instrText"{code}",w:r/w:fldChar{{w:fldCharType=separate}},'
            f'w:r/w:t"{result}",w:r/w:fldChar{{w:fldCharType=end}}')


def test_a_hyperlink_field_becomes_a_link_and_its_code_is_not_text():
    link = _complex_field(' HYPERLINK \\"https://example.org/a\\" ', "here")
    spans, report = _spans(f'w:p/(w:r/w:t"see ",{link})')
    assert spans == (Span("see "), Span("here", href="https://example.org/a"))
    assert report == {}


def test_other_fields_keep_their_last_result_and_are_reported():
    spans, report = _spans(f'w:p/(w:r/w:t"Page ",{_complex_field(" PAGE ", "4")})')
    assert "".join(span.text for span in spans) == "Page 4"
    assert report == {"field": 1}


def test_a_table_of_contents_field_is_not_reported_as_a_field():
    reference = _complex_field(" PAGEREF _Toc1 \\\\h ", "3")
    _, report = _spans(f"w:p/({reference})")
    assert report == {}


def test_nothing_in_a_field_code_is_text():
    """A no-break hyphen, tab or break between a field's begin and separate marks is code, like its
    w:instrText (the no-break hyphen used to be shown)."""
    spans, report = _spans('w:p/(w:r/w:fldChar{w:fldCharType=begin},w:r/(w:instrText" DATE \\\\@ d",'
                           'w:noBreakHyphen,w:tab,w:br,w:instrText"MM"),w:r/w:fldChar{w:fldCharType=separate},'
                           'w:r/w:t"28-11",w:r/w:fldChar{w:fldCharType=end})')
    assert "".join(span.text for span in spans) == "28-11"
    assert report == {"field": 1}


def test_simple_fields_link_or_are_reported():
    spans, report = _spans('w:p/(w:fldSimple{w:instr=HYPERLINK "https://example.org"}/w:r/w:t"site",'
                           'w:fldSimple{w:instr= NUMPAGES }/w:r/w:t"9")')
    assert spans == (Span("site", href="https://example.org"), Span("9"))
    assert report == {"field": 1}


def test_a_field_left_open_ends_with_its_paragraph_code():
    spans, report = _spans('w:p/(w:r/w:fldChar{w:fldCharType=begin},w:r/w:instrText" PAGE ",w:r/w:t"after")')
    assert "".join(span.text for span in spans) == "after"
    assert report == {"unclosed-field": 1}


# -- links --------------------------------------------------------------------------------------

def test_hyperlinks_by_relationship_anchor_and_bad_target():
    document = docx.Document()
    web = document.part.relate_to("https://example.org/x", RT.HYPERLINK, is_external=True)
    script = document.part.relate_to("javascript:alert(1)", RT.HYPERLINK, is_external=True)
    spans, report = _spans(f'w:p/(w:hyperlink{{r:id={web},w:anchor=part}}/w:r/w:t"web",'
                           f'w:hyperlink{{w:anchor=_Toc2}}/w:r/w:t" inside",'
                           f'w:hyperlink{{r:id={script}}}/w:r/w:t" bad",w:hyperlink{{r:id=rId999}}/w:r/w:t" gone")',
                           _reader(document=document))
    assert spans == (Span("web", href="https://example.org/x#part"), Span(" inside bad gone"))
    assert report == {"internal-link": 1, "bad-link": 2}


def test_a_hyperlink_without_text_is_reported_not_dropped_silently():
    """As a Markdown "[](…)": nothing shows for it, so the model cannot hold it; the report says so."""
    document = docx.Document()
    web = document.part.relate_to("https://example.org/x", RT.HYPERLINK, is_external=True)
    spans, report = _spans(f'w:p/(w:r/w:t"See ",w:hyperlink{{r:id={web}}},w:r/w:t"and ",'
                           f'w:hyperlink{{r:id={web}}}/w:r/w:t"this")', _reader(document=document))
    assert spans == (Span("See and "), Span("this", href="https://example.org/x"))
    assert report == {"empty-link": 1}


# -- tracked changes, wrappers, things the model cannot hold ----------------------------------------

def test_tracked_changes_are_accepted_and_reported():
    spans, report = _spans('w:p/(w:r/w:t"kept ",w:ins{w:id=1,w:author=A}/w:r/w:t"added ",'
                           'w:del{w:id=2,w:author=A}/w:r/w:delText"gone ",w:moveFrom{w:id=3,w:author=A}/w:r/w:t"away",'
                           'w:moveTo{w:id=4,w:author=A}/w:r/w:t"here")')
    assert "".join(span.text for span in spans) == "kept added here"
    assert report == {"insertion": 1, "deletion": 1, "move": 1}


def test_wrappers_are_read_through():
    spans, report = _spans('w:p/(w:smartTag{w:uri=u,w:element=place}/w:r/w:t"Leeds",'
                           'w:customXml{w:element=x}/w:r/w:t", ",w:sdt/w:sdtContent/w:r/w:t"Bradford",'
                           'w:dir{w:val=rtl}/w:r/w:t".")')
    assert "".join(span.text for span in spans) == "Leeds, Bradford."
    assert report == {}


@pytest.mark.parametrize("inside, kind", [
    (f"w:drawing/wp:inline/a:graphic/a:graphicData{{uri={PICTURE}}}", "image"),
    ("w:drawing/wp:inline/a:graphic/a:graphicData{uri=http://schemas.openxmlformats.org/drawingml/2006/chart}",
     "chart"),
    ("w:drawing/wp:inline/a:graphic/a:graphicData{uri=urn:other}", "shape"),
    ("w:pict/v:shape/v:imagedata{r:id=rId1}", "image"),
    ("w:pict/v:shape/v:textbox/w:txbxContent/w:p/w:r/w:t\"boxed\"", "text-box"),
    ("w:pict/v:rect", "shape"),
    ("w:object", "object"),
    ("w:contentPart{r:id=rId1}", "shape"),
    ("w:footnoteReference{w:id=1}", "footnote"),
    ("w:endnoteReference{w:id=1}", "endnote"),
    ("w:commentReference{w:id=1}", "comment"),
    (f"mc:AlternateContent/(mc:Choice{{Requires=wps}}/w:drawing/wp:anchor/a:graphic/a:graphicData{{uri={PICTURE}}},"
     f"mc:Fallback/w:pict/v:shape/v:imagedata)", "image"),
])
def test_what_the_content_cannot_hold_is_counted_once(inside, kind):
    spans, report = _spans(f'w:p/w:r/(w:t"text",{inside})')
    assert "".join(span.text for span in spans) == "text"
    assert report == {kind: 1}


def test_equations_are_reported():
    spans, report = _spans('w:p/(w:r/w:t"x",m:oMath/m:r/m:t"y")')
    assert "".join(span.text for span in spans) == "x"
    assert report == {"equation": 1}


# -- paragraphs ---------------------------------------------------------------------------------

def test_heading_styles_and_outline_levels_make_headings():
    items, _ = _read('w:p/(w:pPr/w:pStyle{w:val=Heading2},w:r/w:t"Vision")')
    assert items == [Heading("Vision", 2, (Span("Vision", bold=True),))]  # bold, as the style makes it
    items, _ = _read('w:p/(w:pPr/w:outlineLvl{w:val=0},w:r/w:t"Plain but outlined")')
    assert items == [Heading("Plain but outlined", 1, (Span("Plain but outlined"),))]
    items, report = _read('w:p/(w:pPr/w:pStyle{w:val=Heading5},w:r/w:t"Deep")')
    assert items == [BlockItem(Paragraph((Span("Deep", bold=True),)))]
    assert report == {"deep-heading": 1}


def test_the_first_title_and_subtitle_before_any_heading_and_every_closing_line():
    reader = _reader("w:style{w:type=paragraph,w:styleId=Closing}/w:name{w:val=Closing}")
    paragraphs = [element(f'w:p/(w:pPr/w:pStyle{{w:val={style}}},w:r/w:t"{text}")') for style, text in (
        ("Title", "Response"), ("Title", "Another title"), ("Subtitle", "From us"), ("Heading1", "One"),
        ("Subtitle", "Too late"), ("Closing", "Yours"))]
    assert list(reader.items(paragraphs)) == [
        Title("Response"), BlockItem(Paragraph((Span("Another title"),))), Subtitle("From us"),
        Heading("One", 1, (Span("One", bold=True),)), BlockItem(Paragraph((Span("Too late", italic=True),))),
        Closing("Yours")]  # a subtitle after a heading is a paragraph in its style (italic here)


def test_a_paragraph_whose_mark_was_deleted_joins_the_next():
    reader = _reader()
    first = element('w:p/(w:pPr/w:rPr/w:del{w:id=1,w:author=A},w:r/w:t"one ")')
    second = element('w:p/w:r/w:t"two"')
    items = list(reader.items([first, second]))
    assert [item.block for item in items] == [Paragraph((Span("one "), Span("two")))]
    assert reader.report.total("deletion") == 1


def test_list_style_paragraphs_are_list_items():
    items, _ = _read('w:p/(w:pPr/(w:pStyle{w:val=ListBullet2},w:numPr/(w:ilvl{w:val=0},w:numId{w:val=1})),'
                     'w:r/w:t"point")', _numbered_reader())
    assert items == [BlockItem(ListItem((Span("point"),), "bullet", 1))]


def _numbered_reader() -> BodyReader:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(element("w:abstractNum{w:abstractNumId=7}/w:lvl{w:ilvl=0}/w:numFmt{w:val=bullet}"))
    numbering.append(element("w:num{w:numId=1}/w:abstractNumId{w:val=7}"))
    return _reader(document=document)


# -- tables -------------------------------------------------------------------------------------

def test_a_marked_header_row_merged_cells_and_cell_paragraphs():
    items, report = _read('w:tbl/(w:tr/(w:trPr/w:tblHeader,w:tc/w:p/w:r/(w:rPr/w:b,w:t"Name"),w:tc/w:p/w:r/w:t"Role"),'
                          'w:tr/(w:tc/(w:tcPr/w:gridSpan{w:val=2},w:p/w:r/w:t"wide")),'
                          'w:tr/(w:tc/(w:p/w:r/w:t"one",w:p/w:r/w:t"two"),w:tc/w:p))')
    table = items[0].block
    assert isinstance(table, Table)
    assert table.header == ((Span("Name"),), (Span("Role"),))  # header cells are bold anyway
    assert table.rows == (((Span("wide"),), ()), ((Span("one\ntwo"),), ()))
    assert report == {"merged-cell": 1, "cell-paragraphs": 1}


def test_a_table_without_a_header_row_is_reported_and_a_deleted_row_left_out():
    items, report = _read('w:tbl/(w:tr/w:tc/w:p/w:r/w:t"a",w:tr/(w:trPr/w:del{w:id=1,w:author=A},w:tc/w:p/w:r/w:t"b"))')
    assert items[0].block == Table((), (((Span("a"),),),))
    assert report == {"headerless-table": 1, "deletion": 1}


def test_a_field_begun_in_a_cell_ends_with_it():
    items, report = _read('w:tbl/w:tr/(w:tc/w:p/(w:r/w:fldChar{w:fldCharType=begin},w:r/w:instrText" REF x ",'
                          'w:r/w:fldChar{w:fldCharType=separate},w:r/w:t"ref"),w:tc/w:p/w:r/w:t"next")')
    assert items[0].block.rows == (((Span("ref"),), (Span("next"),)),)
    assert report == {"headerless-table": 1, "field": 1, "unclosed-field": 1}
