"""Build resources/templates/reference.docx, the default look of every export, byte for byte.

Plain, readable, and in line with UK public-sector guidance: a sans-serif
font (Arial) at 12 point, headings set apart by size and weight rather than
colour alone, dark text with contrast well above 4.5:1, A4 with 2.5 cm margins.
Run it after changing the look:  python scripts/make_template.py
"""

from __future__ import annotations

import sys
from datetime import datetime, UTC
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from wyassembler.word.package import document_bytes

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates" / "reference.docx"
FONT = "Arial"
INK = RGBColor(0x0B, 0x0C, 0x0C)
NAVY = RGBColor(0x1D, 0x2F, 0x5C)
GREY = RGBColor(0x40, 0x40, 0x40)
LINK = RGBColor(0x1D, 0x4E, 0x9A)
DROPPED_PARTS = ("thumbnail", "customXml", "stylesWithEffects")


def _strip_theme_fonts(element) -> None:
    for fonts in element.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme}") or "Theme" in attribute:
                del fonts.attrib[attribute]
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
    for color in element.iter(qn("w:color")):
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attribute), None)


def _paragraph_style(document, name, size, bold=False, italic=False, color=INK, before=0, after=8,
                     keep_next=False, line=1.15):
    style = document.styles[name]
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
    return style


def build() -> bytes:
    document = docx.Document()
    package = document.part.package
    for rel in list(package.rels.values()):
        if any(marker in str(rel.target_ref) for marker in DROPPED_PARTS):
            del package.rels[rel.rId]
    for rel in list(document.part.rels.values()):
        if any(marker in str(rel.target_ref) for marker in DROPPED_PARTS):
            del document.part.rels[rel.rId]

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)

    styles_root = document.styles.element
    defaults = styles_root.find(qn("w:docDefaults"))
    _strip_theme_fonts(defaults)
    for size in defaults.iter(qn("w:sz"), qn("w:szCs")):
        size.set(qn("w:val"), "24")

    _paragraph_style(document, "Normal", 12)
    _paragraph_style(document, "Title", 26, bold=True, color=NAVY, after=6, line=1.0)
    _paragraph_style(document, "Subtitle", 16, color=GREY, after=24, line=1.0)
    _paragraph_style(document, "Heading 1", 16, bold=True, color=NAVY, before=18, after=6, keep_next=True)
    _paragraph_style(document, "Heading 2", 14, bold=True, color=NAVY, before=12, after=6, keep_next=True)
    _paragraph_style(document, "Heading 3", 12, bold=True, color=NAVY, before=12, after=4, keep_next=True)
    _paragraph_style(document, "List Paragraph", 12, after=4)
    _paragraph_style(document, "Header", 10, color=GREY, after=0, line=1.0)
    _paragraph_style(document, "Footer", 10, color=GREY, after=0, line=1.0)
    if "Closing" not in [s.name for s in document.styles]:
        document.styles.add_style("Closing", WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles["Normal"]
    _paragraph_style(document, "Closing", 12, before=18, after=0)

    if "Hyperlink" not in [s.name for s in document.styles]:
        document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link = document.styles["Hyperlink"]
    link.font.color.rgb = LINK
    link.font.underline = True

    grid = document.styles["Table Grid"]
    table_pr = etree.SubElement(grid.element, qn("w:tblStylePr"))
    table_pr.set(qn("w:type"), "firstRow")
    rpr = etree.SubElement(table_pr, qn("w:rPr"))
    etree.SubElement(rpr, qn("w:b"))
    tcpr = etree.SubElement(table_pr, qn("w:tcPr"))
    shading = etree.SubElement(tcpr, qn("w:shd"))
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E3E8F1")):
        shading.set(qn(name), value)

    for style in styles_root.iter(qn("w:style")):
        _strip_theme_fonts(style)

    settings = document.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 and later; 14 opens in "Compatibility Mode"
    for tag in ("w:proofState", "w:savePreviewPicture"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "en-GB")

    properties = document.core_properties
    properties.title = properties.subject = properties.keywords = properties.comments = ""
    properties.author = properties.last_modified_by = "wyassembler"
    properties.category = ""
    properties.revision = 1
    properties.created = properties.modified = datetime(2026, 1, 1, tzinfo=UTC)
    properties.language = "en-GB"
    return document_bytes(document)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
