"""Word documents built in the tests with python-docx, and the content they should import as.

``rich_document`` holds everything the content model can carry (title, subtitle, typed heading numbers,
three heading levels, bold and italic together, links, £ and curly quotes, bulleted and numbered lists
nested through real numbering definitions and through Word's "List Bullet 2" styles, a table) plus
things it cannot (a level-4 heading, a comment, tracked changes, a hidden run, a field, an internal link).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from wyassembler.core.content import ListItem, Paragraph, Span, Table, plain

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REAL = Path(__file__).resolve().parent.parent / "data" / "word-real"

URL = "https://www.gov.uk/government/publications/transformational-government"
MAIL = "mailto:ict@westyorkshire.gov.uk"


def add_link(paragraph, text: str, url: str, bold: bool = False, italic: bool = False) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>{props}</w:rPr>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'))


def add_numbering(document, formats: list[str]) -> int:
    """A multi-level list definition (one numFmt per level) and an instance of it; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 1 + max(int(a.get(qn("w:abstractNumId"))) for a in numbering.iterfind(qn("w:abstractNum")))
    num_id = 1 + max(int(n.get(qn("w:numId"))) for n in numbering.iterfind(qn("w:num")))
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{"•" if fmt == "bullet" else f"%{i + 1}."}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>' for i, fmt in enumerate(formats))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>')
    numbering.find(qn("w:num")).addprevious(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def list_paragraph(document, text: str, num_id: int, ilvl: int):
    paragraph = document.add_paragraph(text, style="List Paragraph")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def mark_header_row(table) -> None:
    """Word's "Repeat as header row" on a python-docx table's first row (python-docx tables have none)."""
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def rich_document(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Transformational Government \u2013 the West Yorkshire view", style="Title")
    document.add_paragraph("A response from the Heads of ICT", style="Subtitle")
    document.add_heading("1 Background information", 1)
    p = document.add_paragraph("The partnership spent \u00a34.2m on \u201cshared\u201d services; ")
    p.add_run("this is bold").bold = True
    p.add_run(" and ")
    both = p.add_run("bold italic")
    both.bold = both.italic = True
    p.add_run(" and ")
    p.add_run("italic").italic = True
    p.add_run(". See ")
    add_link(p, "the strategy", URL)
    p.add_run(" or write to ")
    add_link(p, "the partnership", MAIL, bold=True)
    p.add_run(".")
    bullets = add_numbering(document, ["bullet", "bullet", "bullet"])
    list_paragraph(document, "First bullet", bullets, 0)
    list_paragraph(document, "Nested bullet", bullets, 1)
    list_paragraph(document, "Deeper bullet", bullets, 2)
    list_paragraph(document, "Back to the top", bullets, 0)
    document.add_heading("2.1. Shared services", 2)
    document.add_paragraph("Numbered points follow.")
    numbers = add_numbering(document, ["decimal", "lowerLetter", "lowerRoman"])
    list_paragraph(document, "Point one", numbers, 0)
    list_paragraph(document, "Point one (a)", numbers, 1)
    document.add_paragraph("Styled lists:")
    document.add_paragraph("Style bullet", style="List Bullet")
    document.add_paragraph("Style bullet two", style="List Bullet 2")
    document.add_paragraph("Style number", style="List Number")
    document.add_heading("Budget", 3)
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Partner", "Lead", "Budget"), ("Leeds", "A. Jones", "\u00a31m"),
                             ("Kirklees", "S. Patel", "\u00a3250k")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).paragraphs[0].runs[0].bold = True
    mark_header_row(table)
    document.add_heading("Detail", 4)  # python-docx's Heading 4 is bold italic
    document.add_paragraph("Under a level-4 heading.")
    document.add_heading("3 And finally", 1)
    document.add_paragraph("The end.")
    document.save(path)
    return path


def rich_expected() -> list[tuple[int, str, tuple]]:
    """(level, heading, blocks) of each section ``rich_document`` imports as."""
    first = Paragraph((
        Span("The partnership spent \u00a34.2m on \u201cshared\u201d services; "), Span("this is bold", bold=True),
        Span(" and "), Span("bold italic", True, True), Span(" and "), Span("italic", italic=True),
        Span(". See "), Span("the strategy", href=URL), Span(" or write to "),
        Span("the partnership", bold=True, href=MAIL), Span(".")))
    table = Table((plain("Partner"), plain("Lead"), plain("Budget")),
                  (((Span("Leeds", bold=True),), plain("A. Jones"), plain("\u00a31m")),
                   (plain("Kirklees"), plain("S. Patel"), plain("\u00a3250k"))))
    return [
        (1, "Background information", (
            first,
            ListItem(plain("First bullet"), "bullet", 1), ListItem(plain("Nested bullet"), "bullet", 2),
            ListItem(plain("Deeper bullet"), "bullet", 3), ListItem(plain("Back to the top"), "bullet", 1))),
        (2, "Shared services", (
            Paragraph(plain("Numbered points follow.")), ListItem(plain("Point one"), "number", 1),
            ListItem(plain("Point one (a)"), "number", 2), Paragraph(plain("Styled lists:")),
            ListItem(plain("Style bullet"), "bullet", 1), ListItem(plain("Style bullet two"), "bullet", 2),
            ListItem(plain("Style number"), "number", 1))),
        (3, "Budget", (table, Paragraph((Span("Detail", bold=True, italic=True),)),
                       Paragraph(plain("Under a level-4 heading.")))),
        (1, "And finally", (Paragraph(plain("The end.")),)),
    ]


def outline(project) -> list[tuple[int, str, tuple]]:
    return [(level, section.heading, section.blocks) for _, level, section in project.walk()]


def libreoffice_copy(source: Path, folder: Path) -> Path:
    """``source`` opened and saved again by LibreOffice as Word 2007-365 .docx."""
    out = folder / "lo"
    out.mkdir(exist_ok=True)
    profile = folder / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    'docx:MS Word 2007 XML', "--outdir", str(out), str(source)], check=True, capture_output=True,
                   timeout=180)
    result = out / source.name
    assert result.exists(), "LibreOffice did not write the document"
    return result
