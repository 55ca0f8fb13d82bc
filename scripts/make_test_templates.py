"""Build the branded test templates in tests/data/templates/, the way councils' own templates come out.

Each is a python-docx document changed the way Word leaves a council's template:
fonts and colours on Normal and the headings, a footer with the council's name,
a logo pasted into the header with no alt text, an en-US Normal style from a
Word installed with US defaults, compatibility mode 14 (Word 2010), styles never
defined, a .dotx. The bytes are reproducible (fixed zip times and dates), so
running it again changes nothing unless this script changed.

Run:  .venv/bin/python scripts/make_test_templates.py
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from datetime import datetime, UTC
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from wyassembler.word.package import document_bytes

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "templates"
WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def logo_png(width: int = 96, height: int = 32) -> bytes:
    """A small two-colour PNG (a council 'logo'), written without an imaging library."""
    rows = b""
    for y in range(height):
        row = bytearray([0])  # filter type 0 for each scanline
        for x in range(width):
            inside = 4 <= y < height - 4 and (x < height or x % 12 < 8)
            row += bytes((0x00, 0x5A, 0x8C) if inside else (0xFF, 0xFF, 0xFF))
        rows += bytes(row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def _fonts(style, name: str) -> None:
    """Set every script's font, as Word does when a font is picked for a style (theme fonts removed)."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)


def _default_fonts(document, name: str) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for fonts in defaults.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), name)


def _remove_styles(document, names: set[str]) -> None:
    root = document.styles.element
    for style in list(root.iterfind(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")).casefold() in names:
            root.remove(style)


def _footer_text(footer, text: str) -> None:
    footer.is_linked_to_previous = False
    footer.paragraphs[0].text = text


def _new(author: str) -> docx.Document:
    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    document.core_properties.comments = "Corporate template - do not edit without Comms approval"
    document.core_properties.created = document.core_properties.modified = WHEN
    document.core_properties.revision = 7
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    document.add_paragraph("Type your document here.")  # a template's placeholder text
    return document


def serif() -> docx.Document:
    """(a) A serif house style with its own heading colours and footer text."""
    document = _new("Calderdale Corporate Communications")
    _default_fonts(document, "Times New Roman")
    for name, size, colour in (("Normal", 11, None), ("Heading 1", 18, (0x7A, 0x1F, 0x3D)),
                               ("Heading 2", 14, (0x7A, 0x1F, 0x3D)), ("Heading 3", 12, (0x4A, 0x4A, 0x4A)),
                               ("Title", 28, (0x7A, 0x1F, 0x3D)), ("Subtitle", 14, (0x4A, 0x4A, 0x4A))):
        style = document.styles[name]
        _fonts(style, "Times New Roman")
        style.font.size = Pt(size)
        if colour:
            style.font.color.rgb = RGBColor(*colour)
    _footer_text(document.sections[0].footer, "Calderdale Council \u2014 OFFICIAL")
    return document


def first_page_logo() -> docx.Document:
    """(b) A different first page (w:titlePg): the logo in its header, the address in its footer."""
    document = _new("Kirklees Design Team")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    header.paragraphs[0].add_run().add_picture(io.BytesIO(logo_png()), width=Cm(3.0))
    _footer_text(section.first_page_footer, "Kirklees Council, Civic Centre 3, Huddersfield HD1 2TG")
    return document


def us_compat14() -> docx.Document:
    """(c) Normal and the document defaults in en-US, compatibility mode 14 (Word 2010), spelling 'clean'."""
    document = _new("Bradford MDC")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-US")
    for name in ("Normal", "Heading 1"):
        document.styles[name].element.get_or_add_rPr().append(
            parse_xml(f'<w:lang {nsdecls("w")} w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'))
    settings = document.settings.element
    modes = [s for s in settings.iter(qn("w:compatSetting")) if s.get(qn("w:name")) == "compatibilityMode"]
    assert modes and modes[0].get(qn("w:val")) == "14"
    return document


def sparse() -> docx.Document:
    """(d) A template that defines little more than Normal, Heading 1, header and footer."""
    document = _new("Wakefield Council")
    _default_fonts(document, "Verdana")
    _fonts(document.styles["Normal"], "Verdana")
    document.styles["Normal"].font.size = Pt(11)
    heading = document.styles["Heading 1"]
    _fonts(heading, "Verdana")
    heading.font.color.rgb = RGBColor(0x00, 0x5E, 0x3C)
    _remove_styles(document, {"heading 2", "heading 3", "title", "subtitle", "list paragraph", "closing",
                              "hyperlink", "table grid", "list", "list 2", "list 3", "list bullet",
                              "list bullet 2", "list bullet 3", "list number", "list number 2",
                              "list number 3", "list continue", "list continue 2", "list continue 3"})
    return document


def dotx() -> docx.Document:
    """(e) A Word template (.dotx) whose footer already numbers its pages."""
    document = _new("Leeds City Council")
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0x00, 0x3D, 0x7A)
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.text = "Leeds City Council \u2013 page "
    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
                                  "</w:fldSimple>"))
    return document


TEMPLATES = {
    "serif-footer.docx": serif,
    "first-page-logo.docx": first_page_logo,
    "en-us-compat14.docx": us_compat14,
    "sparse-styles.docx": sparse,
    "corporate.dotx": dotx,
}


def build(name: str) -> bytes:
    """The bytes of one template, the same on every run."""
    document = TEMPLATES[name]()
    data = document_bytes(document)
    if name.endswith(".dotx"):
        data = _as_template(data)
    return data


def _as_template(data: bytes) -> bytes:
    import zipfile
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename == "[Content_Types].xml":
                member = member.replace(_DOCUMENT_TYPE, _TEMPLATE_TYPE)
            target.writestr(info, member)
    return out.getvalue()


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for template_name in TEMPLATES:
        (OUT / template_name).write_bytes(build(template_name))
        print(f"wrote {OUT / template_name}")
