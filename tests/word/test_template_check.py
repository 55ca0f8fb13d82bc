"""The template check: each rule broken by a template built here from compact XML, the near misses that
pass, the real branded templates, wyassembler's own reference.docx, and hostile files."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.word.cxml import element
from wyassembler.core.findings import ERROR, TEMPLATE, WARNING
from wyassembler.word.package import PackageError
from wyassembler.word.template_check import contrast_ratio, meets_contrast, shown_ratio, template_findings
from wyassembler.word.writer import build_docx, default_template_path

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
WHITE = (255, 255, 255)


def _merge(style, expression: str) -> None:
    """Put the compact-XML ``expression`` (a w:rPr, w:pPr, w:tcPr or w:tblStylePr) into ``style``: each of
    its children replaces the style's own child of that name, the rest of the style is left as it was."""
    new = element(expression)
    target = next((child for child in style if child.tag == new.tag
                   and child.get(qn("w:type")) == new.get(qn("w:type"))), None)
    if target is None:
        style.append(new)
        return
    for child in list(new):
        for old in target.findall(child.tag):
            target.remove(old)
        target.append(child)


def _template(tmp_path, change=None, name="brand.docx", **styles: str) -> Path:
    """wyassembler's reference.docx with ``styles`` (style id -> compact XML, see :func:`_merge`) changed,
    then ``change(document)``."""
    document = docx.Document(str(default_template_path()))
    by_id = {style.get(qn("w:styleId")): style for style in document.styles.element.iterfind(qn("w:style"))}
    for style_id, expression in styles.items():
        _merge(by_id[style_id], expression)
    if change is not None:
        change(document)
    path = tmp_path / name
    document.save(str(path))
    return path


def _rules(findings) -> list[tuple[str, str, str]]:
    return [(finding.rule, finding.severity, finding.place) for finding in findings]


def _furniture(document, kind: str, part: str = "footer"):
    section = document.sections[0]
    if kind == "first":
        section.different_first_page_header_footer = True
    if kind == "even":
        document.settings.odd_and_even_pages_header_footer = True
    prefix = {"default": "", "first": "first_page_", "even": "even_page_"}[kind]
    return getattr(section, prefix + part)


def _footer_run(run_expression: str, kind: str = "default", style: str = "Footer"):
    def change(document):
        paragraph = _furniture(document, kind).paragraphs[0]
        paragraph.style = document.styles[style]
        paragraph._p.append(element(run_expression))
    return change


def _shade_in(advice: str) -> tuple[int, int, int]:
    found = re.search(r"#([0-9A-F]{6}) gives", advice)
    assert found, advice
    value = found.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


# -- the reference and the branded templates ----------------------------------------------------------------

def test_wyassemblers_own_reference_has_no_findings():
    assert template_findings(None) == []
    assert template_findings(default_template_path()) == []


def test_the_word_2010_default_colours_fail_contrast_in_three_branded_templates():
    """python-docx's default document (Word 2010's) colours Heading 2, Heading 3 and Subtitle accent 1,
    #4F81BD: 4.0:1 on white, and none of them is large text (13 pt bold, 11 pt bold, 12 pt)."""
    for name in ("corporate.dotx", "en-us-compat14.docx", "first-page-logo.docx"):
        findings = [f for f in template_findings(TEMPLATES / name) if f.rule == "contrast"]
        assert [f.message.split(" style ")[0] for f in findings] == [f"text in the \u201c{name}\u201d" for name in
                                                                     ("Subtitle", "Heading 2", "Heading 3")]
        for finding in findings:
            assert (finding.severity, finding.place) == (ERROR, TEMPLATE)
            assert "#4F81BD on white paper, a contrast of 4.0:1; WCAG 2.1 asks for 4.5:1" in finding.message
            assert meets_contrast(contrast_ratio(_shade_in(finding.advice), WHITE), large=False)


def test_each_branded_template_yields_what_it_holds():
    expected = {
        # Times and claret headings, its own footer text in the Footer style (en-GB once exported): clean.
        "serif-footer.docx": [],
        # Verdana; the styles it lacks are built on its Normal and Heading 1, which pass.
        "sparse-styles.docx": [],
        "corporate.dotx": [("contrast", ERROR, TEMPLATE)] * 3,
        # en-US everywhere, but only in styles the export sets to en-GB: no language finding.
        "en-us-compat14.docx": [("contrast", ERROR, TEMPLATE)] * 3,
        "first-page-logo.docx": [("contrast", ERROR, TEMPLATE)] * 3
        + [("image-alt", ERROR, "the template's first-page header")],
    }
    for name, rules in expected.items():
        assert _rules(template_findings(TEMPLATES / name)) == rules, name


def test_a_logo_without_alt_text_is_named_with_its_header():
    logo = next(f for f in template_findings(TEMPLATES / "first-page-logo.docx") if f.rule == "image-alt")
    assert logo.message == "it has a picture without alt text"  # the place says where, once
    assert logo.place == "the template's first-page header"
    assert "Alt Text" in logo.advice and "decorative" in logo.advice
    assert logo.section_id is None


# -- text-size ----------------------------------------------------------------------------------------------

def test_a_small_normal_style_is_named_with_the_styles_that_take_its_size(tmp_path):
    findings = template_findings(_template(tmp_path, Normal="w:rPr/w:sz{w:val=18}"))
    assert _rules(findings) == [("text-size", WARNING, TEMPLATE)]
    # Quote sets no size of its own: it is 9 pt because Normal is.
    assert findings[0].message == "text in the \u201cNormal\u201d and \u201cQuote\u201d styles is 9 pt, under 10 pt"
    assert findings[0].advice == ("set the \u201cNormal\u201d style to 10 pt or more in the template "
                                  "(12 pt is easier to read)")


def test_ten_points_is_enough(tmp_path):
    assert template_findings(_template(tmp_path, Normal="w:rPr/w:sz{w:val=20}", Header="w:rPr/w:sz{w:val=20}")) == []


def test_a_small_default_size_is_traced_to_the_defaults(tmp_path):
    def change(document):
        defaults = document.styles.element.find(qn("w:docDefaults"))
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}").set(qn("w:val"), "16")
        quote = document.styles["Quote"].element
        normal = document.styles["Normal"].element
        normal.find(qn("w:rPr")).remove(normal.find(f"{qn('w:rPr')}/{qn('w:sz')}"))
        assert quote.find(f"{qn('w:rPr')}/{qn('w:sz')}") is None
    findings = template_findings(_template(tmp_path, change))
    assert _rules(findings) == [("text-size", WARNING, TEMPLATE)]
    assert "8 pt" in findings[0].message and "\u201cNormal\u201d" in findings[0].message
    assert findings[0].advice.startswith("set the template's default font settings to 10 pt")


# -- contrast -----------------------------------------------------------------------------------------------

def test_grey_heading_under_four_and_a_half_to_one_is_an_error(tmp_path):
    findings = template_findings(_template(tmp_path, Heading3="w:rPr/w:color{w:val=777777}"))
    assert _rules(findings) == [("contrast", ERROR, TEMPLATE)]
    # 4.48:1 is shown rounded down: a failing ratio never reads as the 4.5:1 it misses.
    assert findings[0].message == ("text in the \u201cHeading 3\u201d style is #777777 on white paper, a contrast of "
                                   "4.4:1; WCAG 2.1 asks for 4.5:1 for text under 18 pt (14 pt bold)")
    assert findings[0].advice.startswith("darken the text colour of the \u201cHeading 3\u201d style in the template")
    shade = _shade_in(findings[0].advice)
    assert 4.5 <= contrast_ratio(shade, WHITE) < 4.6, "the nearest darker shade that passes"


def test_four_and_a_half_to_one_exactly_passes(tmp_path):
    assert meets_contrast(4.5, large=False) and not meets_contrast(4.4999, large=False)
    assert meets_contrast(3.0, large=True) and not meets_contrast(2.9999, large=True)
    assert shown_ratio(4.4999) == "4.4:1"
    # #668019 on white is 4.500004:1, the nearest an 8-bit colour comes to 4.5:1 from above.
    assert 4.5 <= contrast_ratio((0x66, 0x80, 0x19), WHITE) < 4.50001
    assert template_findings(_template(tmp_path, Heading3="w:rPr/w:color{w:val=668019}")) == []
    assert template_findings(_template(tmp_path, Heading3="w:rPr/w:color{w:val=767676}")) == []


def test_large_bold_text_needs_three_to_one(tmp_path):
    # Heading 1 is 16 pt bold: large. #929292 is 3.1:1, #959595 2.99:1.
    assert template_findings(_template(tmp_path, Heading1="w:rPr/w:color{w:val=929292}")) == []
    findings = template_findings(_template(tmp_path, Heading1="w:rPr/w:color{w:val=959595}"))
    assert _rules(findings) == [("contrast", ERROR, TEMPLATE)]
    assert "a contrast of 2.9:1; WCAG 2.1 asks for 3:1 for large text" in findings[0].message
    # Not bold, 16 pt is not large: the same 3.1:1 fails.
    findings = template_findings(_template(tmp_path, Heading1="w:rPr/(w:b{w:val=0},w:color{w:val=929292})"))
    assert "3.1:1; WCAG 2.1 asks for 4.5:1" in findings[0].message


def test_theme_colours_are_looked_up_with_their_shade_and_tint(tmp_path):
    # The w:val Word keeps beside a theme colour is a cache; the theme's accent 6 (#F79646) is what shows.
    findings = template_findings(_template(tmp_path, Heading3="w:rPr/w:color{w:val=1D2F5C,w:themeColor=accent6}"))
    assert "#F79646 on white paper" in findings[0].message
    # Text 2 (through the colour mapping: dark 2, #1F497D) shaded 75 %: Word's own #17365D.
    shaded = "w:rPr/w:color{w:val=FF0000,w:themeColor=text2,w:themeShade=BF}"
    assert template_findings(_template(tmp_path, Heading3=shaded)) == []
    # Text 2 tinted 40 % (Word's "Text 2, lighter 40%", which it caches as #8DB3E2: its arithmetic rounds a
    # unit apart), far too light.
    tinted = "w:rPr/w:color{w:val=1F497D,w:themeColor=text2,w:themeTint=66}"
    findings = template_findings(_template(tmp_path, Heading3=tinted))
    assert "#8EB4E3 on white paper, a contrast of 2.1:1" in findings[0].message


def test_a_page_colour_darkens_what_text_is_on(tmp_path):
    def dark_page(document):
        document.element.insert(0, element("w:background{w:color=1D2F5C}"))
    findings = template_findings(_template(tmp_path, dark_page))
    assert findings and all(f.rule == "contrast" for f in findings)
    normal = next(f for f in findings if "\u201cNormal\u201d" in f.message)
    assert "#0B0C0C on #1D2F5C (the page)" in normal.message
    assert normal.advice.startswith("lighten the text colour")
    assert contrast_ratio(_shade_in(normal.advice), (0x1D, 0x2F, 0x5C)) >= 4.5


def test_automatic_colour_always_shows(tmp_path):
    def dark_page(document):
        document.element.insert(0, element("w:background{w:color=000000}"))
    findings = template_findings(_template(tmp_path, dark_page, Normal="w:rPr/w:color{w:val=auto}"))
    assert findings, "the styles with colours of their own are still too dark"
    assert not any("\u201cNormal\u201d" in f.message for f in findings)


def test_paragraph_shading_is_what_a_style_is_shown_on(tmp_path):
    findings = template_findings(_template(tmp_path, Quote="w:pPr/w:shd{w:val=clear,w:color=auto,w:fill=1D2F5C}"))
    assert _rules(findings) == [("contrast", ERROR, TEMPLATE)]
    assert "\u201cQuote\u201d style is #000000 on #1D2F5C (the \u201cQuote\u201d style)" in findings[0].message


def test_a_table_header_row_on_a_dark_fill_needs_light_text(tmp_path):
    dark_head = "w:tblStylePr{w:type=firstRow}/(w:rPr/w:b,w:tcPr/w:shd{w:val=clear,w:color=auto,w:fill=1D2F5C})"
    findings = template_findings(_template(tmp_path, TableGrid=dark_head))
    assert _rules(findings) == [("contrast", ERROR, TEMPLATE)]
    assert findings[0].message.startswith("text in a table's header row (the \u201cTable Grid\u201d style) is "
                                          "#0B0C0C on #1D2F5C (the first row of the \u201cTable Grid\u201d style)")
    light_text = dark_head.replace("w:rPr/w:b", "w:rPr/(w:b,w:color{w:val=FFFFFF})")
    assert template_findings(_template(tmp_path, TableGrid=light_text)) == []


def test_faint_links_are_an_error(tmp_path):
    findings = template_findings(_template(tmp_path, Hyperlink="w:rPr/w:color{w:val=99BBFF}"))
    assert _rules(findings) == [("contrast", ERROR, TEMPLATE)]
    assert findings[0].message.startswith("link text (the \u201cHyperlink\u201d style) is #99BBFF")


def test_styles_the_template_lacks_are_judged_as_built_on_its_own(tmp_path):
    def no_lower_headings(document):
        for name in ("heading 2", "heading 3"):
            style = document.styles[name].element
            style.getparent().remove(style)
    findings = template_findings(_template(tmp_path, no_lower_headings, Heading1="w:rPr/w:color{w:val=AAAAAA}"))
    # One cause, one finding: Heading 2 and 3 are made from Heading 1 and take its colour and its size
    # (16 pt bold, large text: 2.3:1 where 3:1 is needed).
    assert _rules(findings) == [("contrast", ERROR, TEMPLATE)]
    assert findings[0].message.startswith("text in the \u201cHeading 1\u201d, \u201cHeading 2\u201d and "
                                          "\u201cHeading 3\u201d styles is #AAAAAA")
    assert "3:1 for large text" in findings[0].message
    assert "of the \u201cHeading 1\u201d style" in findings[0].advice


# -- image-alt ----------------------------------------------------------------------------------------------

LOGO = zipfile.ZipFile(TEMPLATES / "first-page-logo.docx").read("word/media/image1.png")
DECORATIVE = ('<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
              '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
              'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')


def _logo(kind: str, part: str, alt: str | None = None, decorative: bool = False):
    def change(document):
        run = _furniture(document, kind, part).paragraphs[0].add_run()
        run.add_picture(io.BytesIO(LOGO))
        doc_pr = next(run._r.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
        if alt is not None:
            doc_pr.set("descr", alt)
        if decorative:
            from lxml import etree
            doc_pr.append(etree.fromstring(DECORATIVE))
    return change


@pytest.mark.parametrize("kind, part, place", [
    ("default", "header", "the template's header"),
    ("first", "header", "the template's first-page header"),
    ("even", "footer", "the template's even-page footer"),
])
def test_a_picture_without_alt_text_in_any_header_or_footer_is_an_error(tmp_path, kind, part, place):
    findings = template_findings(_template(tmp_path, _logo(kind, part)))
    assert _rules(findings) == [("image-alt", ERROR, place)]


def test_a_first_or_even_page_header_the_pages_never_show_is_not_judged(tmp_path):
    def hidden(document):
        _logo("first", "header")(document)
        _logo("even", "footer")(document)
        document.sections[0].different_first_page_header_footer = False
        document.settings.odd_and_even_pages_header_footer = False
    assert template_findings(_template(tmp_path, hidden)) == []


def test_described_and_decorative_pictures_pass(tmp_path):
    assert template_findings(_template(tmp_path, _logo("default", "header", alt="Calderdale Council"))) == []
    assert template_findings(_template(tmp_path, _logo("first", "header", decorative=True))) == []


# -- the template's own header and footer text --------------------------------------------------------------

def test_small_grey_footer_text_is_named_with_its_footer(tmp_path):
    run = 'w:r/(w:rPr/(w:color{w:val=999999},w:sz{w:val=14}),w:t"Leeds City Council \u2013 OFFICIAL")'
    findings = template_findings(_template(tmp_path, _footer_run(run, "first")))
    assert _rules(findings) == [("text-size", WARNING, "the template's first-page footer"),
                                ("contrast", ERROR, "the template's first-page footer")]
    size, contrast = findings
    assert size.message == "the text \u201cLeeds City Council \u2013 OFFICIAL\u201d is 7 pt, under 10 pt"
    assert size.advice.startswith("set the text itself to 10 pt or more")
    assert contrast.message.startswith("the text \u201cLeeds City Council \u2013 OFFICIAL\u201d is #999999 on white "
                                       "paper, a contrast of 2.8:1")


def test_footer_text_that_only_takes_its_style_is_judged_once_as_the_style(tmp_path):
    run = 'w:r/w:t"Leeds City Council"'
    findings = template_findings(_template(tmp_path, _footer_run(run), Footer="w:rPr/w:sz{w:val=16}"))
    assert _rules(findings) == [("text-size", WARNING, TEMPLATE)]
    assert "\u201cFooter\u201d" in findings[0].message


def test_footer_text_in_a_style_the_export_does_not_use_is_judged_as_that_text(tmp_path):
    # Word's Caption style here is 9 pt bold accent 1 (#4F81BD, 4.0:1); the export never uses it itself.
    findings = template_findings(_template(tmp_path, _footer_run('w:r/w:t"Kirklees Council"', style="Caption")))
    assert _rules(findings) == [("text-size", WARNING, "the template's footer"),
                                ("contrast", ERROR, "the template's footer")]
    assert "9 pt" in findings[0].message and "\u201cCaption\u201d" in findings[0].advice
    assert "#4F81BD" in findings[1].message and "\u201cCaption\u201d" in findings[1].advice


# -- language -----------------------------------------------------------------------------------------------

def test_header_text_keeping_another_language_is_a_warning(tmp_path):
    run = 'w:r/(w:rPr/w:lang{w:val=en-US},w:t"Leeds City Council")'
    findings = template_findings(_template(tmp_path, _footer_run(run)))
    assert _rules(findings) == [("language", WARNING, "the template's footer")]
    assert findings[0].message == ("the text \u201cLeeds City Council\u201d is marked as en-US, not en-GB: the export "
                                   "sets en-GB on its own styles, but this text keeps the language set on the "
                                   "text itself")


def test_header_text_in_welsh_is_not_told_to_be_marked_english(tmp_path):
    # A bilingual header's Welsh line marked cy-GB is right (WCAG 3.1.2): only English text marked otherwise is wrong.
    run = 'w:r/(w:rPr/w:lang{w:val=cy-GB},w:t"Cyngor Dinas Caerdydd")'
    findings = template_findings(_template(tmp_path, _footer_run(run)))
    assert _rules(findings) == [("language", WARNING, "the template's footer")]
    assert findings[0].advice.startswith("if the text is in English, set its language to English (United Kingdom)")
    assert "if it is in the language it is marked as (Welsh, say), leave it" in findings[0].advice


def test_an_en_us_template_whose_header_text_is_in_its_styles_is_not_reported(tmp_path):
    def en_us(document):
        for lang in document.styles.element.iter(qn("w:lang")):
            lang.set(qn("w:val"), "en-US")
        _footer_run('w:r/w:t"Leeds City Council"')(document)
    assert template_findings(_template(tmp_path, en_us, Footer="w:rPr/w:lang{w:val=en-US}")) == []


# -- hostile files ------------------------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("data, expected", [
    (b"This is not a Word document at all.\n", "not a Word document"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 50_000_000}), "zip bomb"),
    (b"PK\x03\x04" + b"\0" * 100, "damaged"),
])
def test_a_hostile_template_gives_the_exports_one_line_error(project, tmp_path, data, expected):
    template = tmp_path / "hostile.docx"
    template.write_bytes(data)
    with pytest.raises(PackageError, match=expected) as checked:
        template_findings(template)
    with pytest.raises(PackageError) as exported:
        build_docx(project, template=template, draft=True)
    assert str(checked.value) == str(exported.value)
    assert "\n" not in str(checked.value)


def test_a_missing_template_is_named(tmp_path):
    with pytest.raises(PackageError, match="does not exist"):
        template_findings(tmp_path / "nope.docx")


def test_nonsense_values_are_read_as_unset(tmp_path):
    def no_defaults_or_theme(document):
        root = document.styles.element
        root.remove(root.find(qn("w:docDefaults")))
        theme = next(rel for rel in document.part.rels.values() if rel.reltype.endswith("/theme"))
        del document.part.rels[theme.rId]
    findings = template_findings(_template(
        tmp_path, no_defaults_or_theme,
        Normal="w:rPr/(w:sz{w:val=-4},w:color{w:val=zzz,w:themeColor=bogus})",
        Heading1="w:rPr/w:color{w:val=1D2F5C,w:themeColor=accent1}",  # no theme: the w:val shows
        Quote="w:pPr/w:shd{w:val=clear,w:fill=12,w:themeFill=accent2}"))
    # Normal has no size left (Word's 10 pt) and no colour (automatic): nothing to report.
    assert findings == []
