"""Accessibility warnings on what an export produces: the rules' (core.accessibility), and the built document's
headings (word.accessibility.check_document); pictures in a header without alt text counted (pictures_without_alt)."""

from __future__ import annotations

import docx
from lxml import etree

from tests.factories import COORDINATOR, T0
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.editing import edit_section
from wyassembler.word.accessibility import check_document, pictures_without_alt
from wyassembler.word.writer import build_docx


def test_vague_and_bare_links_are_reported(project):
    blocks = (Paragraph((Span("For the strategy "), Span("click here", href="https://example.org/s"),
                         Span(" or see "), Span("https://example.org/raw", href="https://example.org/raw"),
                         Span(" or the "), Span("National Strategy", href="https://example.org/n"))),)
    edit_section(project, COORDINATOR, project.sections[1], blocks=blocks, now=T0)
    warnings = build_docx(project, draft=True).warnings
    assert len(warnings) == 2
    assert warnings[0].startswith("section 2 \u201cShared services\u201d: the link text \u201cclick here\u201d does "
                                  "not say where it leads (it goes to \u201chttps://example.org/s\u201d)")
    assert warnings[1].startswith("section 2 \u201cShared services\u201d: the link text "
                                  "\u201chttps://example.org/raw\u201d is a bare address")
    assert all(" \u2014 Edit the link (Format \u203a Link\u2026)" in w for w in warnings), "each says what to do"


def test_clean_export_has_no_warnings(project):
    assert build_docx(project, draft=True).warnings == []


def test_skipped_levels_and_empty_headings_of_the_built_document():
    document = docx.Document()
    document.add_heading("Introduction", level=1)
    document.add_heading("Too deep", level=3)
    document.add_heading("", level=2)
    document.add_table(rows=2, cols=2)  # tables are the rules' (core.accessibility), not this check's
    warnings = check_document(document.element.body, document.styles.element)
    assert len(warnings) == 2
    assert "\u201cToo deep\u201d is level 3 but follows a level 1" in warnings[0]
    # The project's outline never skips a level: only the template's heading styles can, so it says where to look.
    assert " \u2014 In the template, give Heading 1, 2 and 3 the outline levels 1, 2 and 3" in warnings[0]
    assert "empty heading (level 2)" in warnings[1] and "Too deep" in warnings[1]


def test_title_style_is_not_a_heading():
    document = docx.Document()
    document.add_heading("The title", level=0)
    document.add_heading("First", level=1)
    assert check_document(document.element.body, document.styles.element) == []


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


PICTURE = ('<w:p {ns} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:r>'
           '<w:drawing><wp:inline><wp:docPr id="1" name="Logo" {alt}/></wp:inline></w:drawing></w:r></w:p>')


def _part(*paragraphs: str):
    return etree.fromstring(f"<w:hdr {W_NS}>{''.join(paragraphs)}</w:hdr>")


def test_template_pictures_without_alt_text_are_counted_decorative_and_vml_fallbacks_aside():
    no_alt = PICTURE.format(ns=W_NS, alt='descr=""')
    described = PICTURE.format(ns=W_NS, alt='descr="Calderdale Council logo"')
    decorative = PICTURE.format(ns=W_NS, alt="").replace(
        "</wp:docPr>", "").replace('name="Logo" />', 'name="Logo"><a:extLst xmlns:a="http://schemas.openxml'
                                   'formats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-948B-'
                                   '1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/'
                                   'office/drawing/2017/decorative" val="1"/></a:ext></a:extLst></wp:docPr>')
    vml = (f'<w:p {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:imagedata/></v:shape>'
           "</w:pict></w:r></w:p>")
    counts = [pictures_without_alt(_part(no_alt, described)), pictures_without_alt(_part(described, decorative)),
              pictures_without_alt(_part(no_alt, vml))]
    assert counts == [1, 0, 2]
