"""Councils' own templates (tests/data/templates, made by scripts/make_test_templates.py) through the export:
the language, the compatibility mode, the styles they lack, the page numbers, their logos."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from tests.word.readback import body_paragraphs, open_docx
from wyassembler.word.writer import build_docx

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
ALL = sorted(path.name for path in TEMPLATES.iterdir() if path.suffix in (".docx", ".dotx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROLES = ("Normal", "Title", "Subtitle", "heading 1", "heading 2", "heading 3", "List Paragraph", "header",
         "footer", "Closing", "Hyperlink", "Table Grid")


def _export(project, name: str, **options):
    result = build_docx(project, template=TEMPLATES / name, draft=True, **options)
    return result, open_docx(result.data)


def _style(document, name: str):
    return next(s for s in document.styles.element.iter(qn("w:style"))
                if s.find(qn("w:name")).get(qn("w:val")).casefold() == name.casefold())


def _inherited(document, style, tag: str):
    """The first ``tag`` (in w:rPr or w:pPr) on ``style`` or what it is based on, then the document defaults."""
    by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.iter(qn("w:style"))}
    while style is not None:
        found = style.find(f"{W}rPr/{W}{tag}")
        if found is not None:
            return found
        based_on = style.find(qn("w:basedOn"))
        style = by_id.get(based_on.get(qn("w:val"))) if based_on is not None else None
    return document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}{tag}")


def test_the_test_templates_are_what_councils_send():
    assert ALL == ["corporate.dotx", "en-us-compat14.docx", "first-page-logo.docx", "serif-footer.docx",
                   "sparse-styles.docx"]
    assert all(path.stat().st_size < 100_000 for path in TEMPLATES.iterdir())


@pytest.mark.parametrize("name", ALL)
def test_en_gb_on_every_style_the_body_uses(project, name):
    _, doc = _export(project, name)
    defaults = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(qn("w:val")) == "en-GB"
    for role in ROLES:
        language = _inherited(doc, _style(doc, role), "lang")
        assert language is not None and language.get(qn("w:val")) == "en-GB", (name, role)
    theme_language = doc.settings.element.find(qn("w:themeFontLang"))
    assert theme_language is None or theme_language.get(qn("w:val")) == "en-GB"


def test_an_en_us_template_says_en_us_nowhere_in_the_styles(project):
    _, doc = _export(project, "en-us-compat14.docx")
    used = {p.element.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) for p in body_paragraphs(doc)
            if p.element.find(f"{W}pPr/{W}pStyle") is not None}
    by_id = {s.get(qn("w:styleId")): s for s in doc.styles.element.iter(qn("w:style"))}
    for style_id in used | {"Normal"}:
        assert _inherited(doc, by_id[style_id], "lang").get(qn("w:val")) == "en-GB", style_id


def _compatibility(doc) -> dict[str, str]:
    return {s.get(qn("w:name")): s.get(qn("w:val")) for s in doc.settings.element.iter(qn("w:compatSetting"))}


@pytest.mark.parametrize("name", ALL)
def test_compatibility_mode_15_whatever_the_template_was_saved_in(project, name):
    _, doc = _export(project, name)
    settings = _compatibility(doc)
    assert settings["compatibilityMode"] == "15"
    assert settings["overrideTableStyleFontSizeAndJustification"] == "1"
    assert doc.settings.element.find(qn("w:proofState")) is None, "the template's spell-check state is not ours"


def test_a_template_without_compatibility_settings_gets_mode_15_in_schema_order(project, tmp_path):
    source = TEMPLATES / "serif-footer.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w") as copy:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "word/settings.xml":
                data = re.sub(rb"<w:compat>.*?</w:compat>", b"", data, flags=re.S)
            copy.writestr(info, data)
    template = tmp_path / "word2007.docx"
    template.write_bytes(out.getvalue())
    doc = open_docx(build_docx(project, template=template, draft=True).data)
    assert _compatibility(doc)["compatibilityMode"] == "15"
    order = [child.tag for child in doc.settings.element]
    assert order.index(qn("w:compat")) < order.index(qn("w:rsids"))


@pytest.mark.parametrize("name", ["serif-footer.docx", "sparse-styles.docx", "en-us-compat14.docx"])
def test_styles_the_template_lacks_build_on_its_own_and_bring_no_fonts_sizes_or_colours(project, name):
    result, doc = _export(project, name)
    normal, closing = _style(doc, "Normal"), _style(doc, "Closing")
    assert closing.find(qn("w:basedOn")).get(qn("w:val")) == normal.get(qn("w:styleId"))
    for tag in ("rFonts", "sz", "color"):
        assert closing.find(f"{W}rPr/{W}{tag}") is None, tag
        assert _inherited(doc, closing, tag) is _inherited(doc, normal, tag), tag
    assert "Closing" in result.warnings[0] and "built on its own Normal" in result.warnings[0]


def test_a_sparse_template_gets_headings_built_on_its_heading_1(project):
    _, doc = _export(project, "sparse-styles.docx")
    heading1, heading2, heading3 = (_style(doc, f"heading {level}") for level in (1, 2, 3))
    assert heading2.find(qn("w:basedOn")).get(qn("w:val")) == heading1.get(qn("w:styleId"))
    assert heading3.find(qn("w:basedOn")).get(qn("w:val")) == heading2.get(qn("w:styleId"))
    assert _inherited(doc, heading3, "color").get(qn("w:val")) == "005E3C", "the council's heading colour"
    assert _inherited(doc, heading3, "rFonts").get(qn("w:ascii")) == "Verdana"
    assert heading2.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == "1"
    title = _style(doc, "Title")
    assert title.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == "9", "the title is not a heading"
    assert title.find(f"{W}pPr/{W}numPr/{W}numId").get(qn("w:val")) == "0", "nor numbered"
    table = _style(doc, "Table Grid")
    assert table.find(f".//{W}shd") is None and table.find(f".//{W}rFonts") is None


def test_a_fallback_hyperlink_takes_the_theme_hyperlink_colour(project):
    _, doc = _export(project, "serif-footer.docx")
    link = _style(doc, "Hyperlink")
    colour = link.find(f"{W}rPr/{W}color")
    assert colour.get(qn("w:themeColor")) == "hyperlink" and colour.get(qn("w:val")) == "0000FF"
    assert link.find(f"{W}rPr/{W}u").get(qn("w:val")) == "single"
    assert link.find(f"{W}rPr/{W}rFonts") is None


def _footer_xml(doc, kind: str) -> str:
    section = doc.sections[0]
    footer = {"default": section.footer, "first": section.first_page_footer}[kind]
    return etree.tostring(footer._element, encoding="unicode")


def _page_fields(xml: str) -> int:
    return len(re.findall(r'instr="\s*PAGE\s*"|>\s*PAGE\s*<', xml))


def test_a_footer_with_the_council_s_text_keeps_it_and_numbers_the_pages(project):
    _, doc = _export(project, "serif-footer.docx")
    footer = _footer_xml(doc, "default")
    assert "Calderdale Council \u2014 OFFICIAL" in footer
    assert _page_fields(footer) == 1 and "NUMPAGES" in footer


def test_a_different_first_page_that_is_a_real_page_is_numbered_too(project):
    _, doc = _export(project, "first-page-logo.docx")
    assert doc.sections[0].different_first_page_header_footer
    first, rest = _footer_xml(doc, "first"), _footer_xml(doc, "default")
    assert "Kirklees Council, Civic Centre 3" in first and _page_fields(first) == 1
    assert _page_fields(rest) == 1


def test_a_title_page_is_not_numbered(project, tmp_path):
    """A template whose Heading 1 starts a new page makes page 1 a title page: its footer stays as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATES / "first-page-logo.docx") as archive, zipfile.ZipFile(out, "w") as copy:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "word/styles.xml":
                data = re.sub(rb'(<w:name w:val="heading 1"/>.*?<w:keepLines/>)', rb"\1<w:pageBreakBefore/>", data,
                              count=1, flags=re.S)
            copy.writestr(info, data)
    template = tmp_path / "cover.docx"
    template.write_bytes(out.getvalue())
    doc = open_docx(build_docx(project, template=template, draft=True).data)
    assert _page_fields(_footer_xml(doc, "first")) == 0
    assert _page_fields(_footer_xml(doc, "default")) == 1


def test_a_footer_that_already_numbers_its_pages_is_not_numbered_twice(project):
    _, doc = _export(project, "corporate.dotx")
    footer = _footer_xml(doc, "default")
    assert "Leeds City Council" in footer and _page_fields(footer) == 1 and "NUMPAGES" not in footer


def test_a_header_logo_without_alt_text_is_flagged(project):
    result, _ = _export(project, "first-page-logo.docx")
    flagged = [w for w in result.warnings if "alt text" in w]
    assert flagged == ["the template's first-page header: it has a picture "
                       "without alt text \u2014 Describe the logo in Word (Edit Alt Text) or mark it decorative. "
                       "A final export refuses until this is fixed."]
    assert not any("alt text" in w for w in _export(project, "serif-footer.docx")[0].warnings)


def test_a_header_with_only_an_old_style_vml_logo_is_kept(project, tmp_path):
    """Word 2003-era templates hold their logo as VML (w:pict); it is the header's content, not emptiness."""
    template = docx.Document()
    header = template.sections[0].header
    header.is_linked_to_previous = False
    header._element.append(parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:r><w:pict>'
        '<v:shape id="Logo" style="width:90pt;height:30pt"><v:imagedata o:title=""/></v:shape>'
        "</w:pict></w:r></w:p>"))
    path = tmp_path / "vml.docx"
    template.save(path)
    result = build_docx(project, template=path, draft=True)
    doc = open_docx(result.data)
    header_xml = etree.tostring(doc.sections[0].header._element, encoding="unicode")
    assert "v:imagedata" in header_xml and project.title not in header_xml
    assert any(w.startswith("the template's header: it has a picture without alt text")
               for w in result.warnings)
