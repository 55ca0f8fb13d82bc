"""Importing Word documents: structure, formatting, dialects (python-docx, LibreOffice, Google-style markup),
the report of what the model cannot hold, real Word files, and round trips through the exporter."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.word.docx_fixtures import (REAL, SOFFICE, URL, add_numbering, libreoffice_copy, outline,
                                      rich_document, rich_expected)
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, Table, plain
from wyassembler.core.integrity import soundness_problems
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.resource_files import resource
from wyassembler.word.body_reader import strip_typed_number
from wyassembler.word.package import PackageError
from wyassembler.word.reader import import_docx
from wyassembler.word.writer import export_docx

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = str(resource("samples", "west-yorkshire-2005.wyproj"))


def _round_trip(project, tmp_path: Path, name: str = "again.docx", preset: str | None = None):
    out = tmp_path / name
    export_docx(project, out, draft=True, project_path=None)
    return import_docx(out, preset=preset).project


def _assert_same_outline(got, expected) -> None:
    assert len(got) == len(expected)
    for index, (g, e) in enumerate(zip(got, expected, strict=True)):
        assert g[0] == e[0] and g[1] == e[1], f"section {index}: {g[:2]} != {e[:2]}"
        assert len(g[2]) == len(e[2]), f"section {index} {e[1]}: {len(g[2])} blocks, expected {len(e[2])}"
        for block_index, (gb, eb) in enumerate(zip(g[2], e[2], strict=True)):
            assert gb == eb, f"section {e[1]!r}, block {block_index}"


# -- the python-docx fixture -------------------------------------------------------------------

@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    return rich_document(tmp_path_factory.mktemp("rich") / "rich.docx")


def test_rich_document_imports_block_by_block(rich):
    result = import_docx(rich)
    project = result.project
    assert project.title == "Transformational Government \u2013 the West Yorkshire view"
    assert project.subtitle == "A response from the Heads of ICT"
    _assert_same_outline(outline(project), rich_expected())
    assert [org.name for org in project.organisations] == ["Coordinator"]
    assert all(section.owner == project.coordinator for section in project.all_sections())
    assert not soundness_problems(project)
    assert from_bytes(to_bytes(project)).title == project.title  # saves and loads
    lines = result.report.lines()
    assert any(line.startswith("1 heading below level 3 kept as bold paragraphs") and "section 1.1.1" in line
               for line in lines), lines


def test_rich_document_round_trips_through_export(rich, tmp_path):
    first = import_docx(rich).project
    again = _round_trip(first, tmp_path)
    assert (again.title, again.subtitle) == (first.title, first.subtitle)
    _assert_same_outline(outline(again), outline(first))


@pytest.mark.skipif(not SOFFICE, reason="needs LibreOffice")
def test_libreoffice_dialect_imports_the_same(rich, tmp_path):
    copy = libreoffice_copy(rich, tmp_path)
    project = import_docx(copy).project
    assert project.title == "Transformational Government \u2013 the West Yorkshire view"
    assert project.subtitle == "A response from the Heads of ICT"
    _assert_same_outline(outline(project), rich_expected())
    _assert_same_outline(outline(_round_trip(project, tmp_path)), rich_expected())


@pytest.mark.skipif(not SOFFICE, reason="needs LibreOffice")
def test_libreoffice_resave_of_our_export_imports_the_same(tmp_path):
    sample = storage.load(SAMPLE).project
    exported = tmp_path / "sample.docx"
    export_docx(sample, exported, draft=True, project_path=None)
    project = import_docx(libreoffice_copy(exported, tmp_path), preset="west-yorkshire").project
    _assert_same_outline(outline(project), outline(sample))


# -- round trips of projects ----------------------------------------------------------------------

def test_sample_round_trips_with_its_member_list_and_closing_line(tmp_path):
    sample = storage.load(SAMPLE).project
    result = import_docx(_export(sample, tmp_path), preset="west-yorkshire")
    project = result.project
    _assert_same_outline(outline(project), outline(sample))
    assert any(isinstance(block, MemberList) for block in project.sections[0].blocks)
    assert (project.title, project.subtitle, project.closing_line) == (sample.title, sample.subtitle,
                                                                       sample.closing_line)
    assert [org.id for org in project.organisations] == [org.id for org in sample.organisations]
    assert all(section.owner == "joint-services" for section in project.all_sections())


def _export(project, tmp_path: Path) -> Path:
    out = tmp_path / "export.docx"
    export_docx(project, out, draft=True, project_path=None)
    return out


def test_synthetic_response_round_trips(tmp_path):
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import build

    project = build(60)
    again = import_docx(_export(project, tmp_path), preset="west-yorkshire").project
    _assert_same_outline(outline(again), outline(project))


def test_links_and_formatting_in_table_cells_round_trip(tmp_path):
    from tests.factories import COORDINATOR
    from wyassembler.core.outline import add_section
    from wyassembler.core.presets import new_project

    project = new_project("Tables", preset="west-yorkshire")
    header = (plain("Body"), (Span("Link", href=URL),), (Span("Note", italic=True),))
    rows = (((Span("Leeds", bold=True),), (Span("site", href="https://leeds.gov.uk"),), plain("\u00a35 \u201cok\u201d")),
            (plain("Wakefield"), (), (Span("b", True, True),)))
    add_section(project, COORDINATOR, "Numbers", "leeds", (Table(header, rows), Paragraph(plain("After."))))
    again = import_docx(_export(project, tmp_path), preset="west-yorkshire").project
    _assert_same_outline(outline(again), outline(project))


# -- dialects and style resolution -------------------------------------------------------------------

def _rename_style_ids(path: Path, renames: dict[str, str]) -> None:
    """Give styles other ids (as a German Word or LibreOffice would), keeping their names."""
    document = docx.Document(path)
    for style in document.styles.element.iter(qn("w:style")):
        old = style.get(qn("w:styleId"))
        if old in renames:
            style.set(qn("w:styleId"), renames[old])
    for element in document.element.iter(qn("w:pStyle"), qn("w:basedOn")):
        if element.get(qn("w:val")) in renames:
            element.set(qn("w:val"), renames[element.get(qn("w:val"))])
    document.save(path)


def test_localised_style_ids_are_found_by_name(rich, tmp_path):
    copy = tmp_path / "german.docx"
    copy.write_bytes(rich.read_bytes())
    _rename_style_ids(copy, {"Heading1": "berschrift1", "Heading2": "berschrift2", "Heading3": "berschrift3",
                             "Title": "Titel", "Subtitle": "Untertitel"})
    project = import_docx(copy).project
    assert project.title.startswith("Transformational")
    assert [(level, heading) for level, heading, _ in outline(project)] == [
        (level, heading) for level, heading, _ in rich_expected()]


def test_outline_levels_without_heading_names(tmp_path):
    document = docx.Document()
    styles = document.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="P1"><w:name w:val="Big point"/>'
                            f'<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'))
    document.add_paragraph("A custom heading", style="Big point")
    document.add_paragraph("Text one.")
    direct = document.add_paragraph("A direct outline level")
    direct._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    document.add_paragraph("Text two.")
    not_heading = document.add_heading("Body text by outline level", 2)
    not_heading._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    path = tmp_path / "outline.docx"
    document.save(path)
    got = outline(import_docx(path).project)
    assert [(level, heading) for level, heading, _ in got] == [(1, "A custom heading"), (2, "A direct outline level")]
    assert got[1][2][-1] == Paragraph((Span("Body text by outline level", bold=True),))


def test_google_docs_style_markup(tmp_path):
    """Google Docs writes explicit on/off run properties, numbering on every list paragraph, and links by r:id."""
    document = docx.Document()
    bullets = add_numbering(document, ["bullet", "bullet"])
    numbers = add_numbering(document, ["decimal", "decimal"])
    r_id = document.part.relate_to(URL, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                                   is_external=True)
    body = document.element.body
    sect = body[-1]
    xml = (f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Doc title</w:t></w:r></w:p>'
           f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b w:val="0"/><w:i w:val="0"/></w:rPr>'
           f'<w:t xml:space="preserve">1. Intro </w:t></w:r></w:p>'
           f'<w:p><w:r><w:rPr><w:b w:val="1"/><w:i w:val="0"/></w:rPr><w:t xml:space="preserve">Strong </w:t></w:r>'
           f'<w:r><w:rPr><w:b w:val="0"/><w:i w:val="1"/></w:rPr><w:t>soft</w:t></w:r>'
           f'<w:hyperlink r:id="{r_id}"><w:r><w:rPr><w:color w:val="1155cc"/><w:u w:val="single"/></w:rPr>'
           f'<w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink></w:p>'
           f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{bullets}"/></w:numPr></w:pPr><w:r><w:t>b1</w:t></w:r></w:p>'
           f'<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="{bullets}"/></w:numPr></w:pPr><w:r><w:t>b2</w:t></w:r></w:p>'
           f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbers}"/></w:numPr></w:pPr><w:r><w:t>n1</w:t></w:r></w:p>')
    for element in parse_xml(f'<w:body {nsdecls("w", "r")}>{xml}</w:body>'):
        sect.addprevious(element)
    path = tmp_path / "google.docx"
    document.save(path)
    result = import_docx(path)
    assert result.project.title == "Doc title"
    assert outline(result.project) == [(1, "Intro", (
        Paragraph((Span("Strong ", bold=True), Span("soft", italic=True), Span(" link", href=URL))),
        ListItem(plain("b1"), "bullet", 1), ListItem(plain("b2"), "bullet", 2), ListItem(plain("n1"), "number", 1)))]


def test_character_styles_toggle_and_direct_formatting_wins(tmp_path):
    document = docx.Document()
    styles = document.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="BoldPara"><w:name w:val="Bold para"/>'
                            f'<w:rPr><w:b/></w:rPr></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="character" w:styleId="Loud"><w:name w:val="Loud"/>'
                            f'<w:rPr><w:b/><w:i/></w:rPr></w:style>'))
    document.add_heading("Toggles", 1)
    p = document.add_paragraph("bold by style ", style="Bold para")
    p.add_run("toggled off").style = "Loud"  # bold style XOR bold character style: not bold, italic
    p.add_run(" direct off").bold = False
    plain_p = document.add_paragraph()
    plain_p.add_run("loud").style = "Loud"
    path = tmp_path / "toggles.docx"
    document.save(path)
    blocks = import_docx(path).project.sections[0].blocks
    assert blocks == (Paragraph((Span("bold by style ", bold=True), Span("toggled off", italic=True),
                                 Span(" direct off"))),
                      Paragraph((Span("loud", True, True),)))


def test_typed_heading_numbers_are_removed_but_not_years():
    assert strip_typed_number("1 Background information") == "Background information"
    assert strip_typed_number("2.1. Vision") == "Vision"
    assert strip_typed_number("3.2.1)\tDetail") == "Detail"
    assert strip_typed_number("2005 spending review") == "2005 spending review"
    assert strip_typed_number("4") == "4"


def test_text_before_the_first_heading_and_skipped_levels(tmp_path):
    document = docx.Document()
    document.add_paragraph("Opening words.")
    document.add_heading("Top", 1)
    document.add_heading("Too deep", 3)
    document.add_paragraph("Inside.")
    path = tmp_path / "shape.docx"
    document.save(path)
    result = import_docx(path)
    assert [(level, heading) for level, heading, _ in outline(result.project)] == [
        (1, "Introduction"), (1, "Top"), (2, "Too deep")]
    text = "\n".join(result.report.lines())
    assert "Introduction" in text and "1 heading that skipped a level" in text
    assert result.project.title == "shape" and "Title style" in text


# -- what the model cannot hold --------------------------------------------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf"
                    "f03f0005000201e5272fe90000000049454e44ae426082")


def test_everything_dropped_is_reported_and_tracked_changes_are_accepted(tmp_path):
    document = docx.Document()
    document.add_heading("Report", 1)
    p = document.add_paragraph("Commented text")
    document.add_comment(p.runs, text="Is this right?", author="Reviewer")
    document.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
    changes = document.add_paragraph()
    changes._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">kept </w:t></w:r></w:ins>'))
    changes._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>gone </w:delText></w:r></w:del>'))
    changes.add_run("and this")
    hidden = document.add_paragraph("Shown")
    secret = hidden.add_run(" secret")
    secret.font.hidden = True
    field = document.add_paragraph("Page ")
    field._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'))
    link_field = document.add_paragraph()
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "{URL}" </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>field link</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        link_field._p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    internal = document.add_paragraph()
    internal._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="_Toc1"><w:r><w:t>see above</w:t></w:r></w:hyperlink>'))
    joined = document.add_paragraph("First half ")
    joined._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:del w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr>'))
    document.add_paragraph("second half")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Merged"
    table.cell(1, 0).text = "a"
    table.cell(1, 0).add_paragraph("b")
    path = tmp_path / "lossy.docx"
    document.save(path)
    result = import_docx(path)
    blocks = result.project.sections[0].blocks
    assert Paragraph(plain("Commented text")) in blocks
    assert Paragraph(plain("kept and this")) in blocks
    assert Paragraph(plain("Shown")) in blocks
    assert Paragraph(plain("Page 7")) in blocks
    assert Paragraph((Span("field link", href=URL),)) in blocks
    assert Paragraph(plain("see above")) in blocks
    assert Paragraph(plain("First half second half")) in blocks
    # python-docx marks no header row: the table comes in without one, and a cell's paragraphs as its lines
    assert Table((), ((plain("Merged"), ()), (plain("a\nb"), ()))) in blocks
    counts = {kind: result.report.total(kind) for kind in result.report.counts}
    assert counts["comment"] == 1 and counts["image"] == 1 and counts["hidden"] == 1 and counts["field"] == 1
    assert counts["insertion"] == 1 and counts["deletion"] == 2 and counts["internal-link"] == 1
    assert counts["merged-cell"] == 1 and counts["cell-paragraphs"] == 1 and counts["headerless-table"] == 1
    text = "\n".join(result.report.lines())
    assert "tracked deletions accepted" in text and "in section 1" in text


@pytest.mark.parametrize("name, kind, count", [
    ("comments.docx", "comment", 2), ("footnotes.docx", "footnote", 2), ("endnotes.docx", "endnote", 2),
    ("text-box.docx", "text-box", 1), ("tiny-picture.docx", "image", 1), ("external-picture.docx", "image", 1),
    ("strikethrough.docx", "strike", 1), ("underline.docx", "underline", 1),
    ("footnote-hyperlink.docx", "footnote", 1)])
def test_real_word_documents_report_what_they_lose(name, kind, count):
    result = import_docx(REAL / name)
    assert result.report.total(kind) == count, result.report.lines()


@pytest.mark.parametrize("path", sorted(REAL.glob("*.docx")), ids=lambda p: p.name)
def test_every_real_word_document_imports_or_is_refused_clearly(path):
    try:
        result = import_docx(path)
    except PackageError as error:
        assert "\n" not in str(error) and path.name in str(error)
        return
    assert not soundness_problems(result.project)
    from_bytes(to_bytes(result.project))


def test_real_word_content():
    assert outline(import_docx(REAL / "simple-list.docx").project)[0][2] == (
        ListItem(plain("Apple"), "bullet", 1), ListItem(plain("Banana"), "bullet", 1))
    tables = outline(import_docx(REAL / "tables.docx").project)[0][2]
    # Word's Table Grid with the Header Row look on, but no row marked or formatted as a header
    assert Table((), ((plain("Top left"), plain("Top right")), (plain("Bottom left"), plain("Bottom right")))) in tables
    with pytest.raises(PackageError, match="Strict"):
        import_docx(REAL / "strict-format.docx")


# -- bad input ------------------------------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"just text, not a zip"), "is not a Word document"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600), "password-protected"),
    (lambda p: _zip(p, {"[Content_Types].xml": b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
                        "word/vbaProject.bin": b"x"}), "macro-enabled"),
    (lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 300_000_000}), "zip bomb"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 100), "damaged"),
])
def test_bad_files_are_refused_in_one_line(tmp_path, make, message):
    path = tmp_path / "bad.docx"
    make(path)
    with pytest.raises(PackageError) as caught:
        import_docx(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_docm_is_refused_by_name(tmp_path, rich):
    path = tmp_path / "macro.docm"
    path.write_bytes(rich.read_bytes())
    with pytest.raises(Exception, match="macro-enabled"):
        import_docx(path)


def test_five_thousand_pages_import_in_bounded_time(tmp_path):
    """About 40,000 paragraphs under 5,000 headings (roughly 5,000 pages)."""
    import time

    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    words = "The partnership will deliver shared services across the region with a common network. " * 4
    parts = []
    for index in range(5000):
        parts.append(f'<w:p><w:pPr><w:pStyle w:val="Heading{1 + index % 3}"/></w:pPr><w:r><w:t>Part {index}</w:t></w:r></w:p>')
        parts.extend(f'<w:p><w:r><w:t>{words}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> bold</w:t></w:r></w:p>'
                     for _ in range(7))
    for element in parse_xml(f'<w:body {nsdecls("w")}>{"".join(parts)}</w:body>'):
        sect.addprevious(element)
    path = tmp_path / "huge.docx"
    document.save(path)
    started = time.perf_counter()
    project = import_docx(path).project
    assert time.perf_counter() - started < 30
    assert len(project.all_sections()) == 5000
