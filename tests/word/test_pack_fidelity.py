"""A partner pack comes back with what was written in it: line breaks, tabs, lists that restart or start
at a number, tables without a header row; through the real round trip (export_pack, the .docx edited
as Word would save it, import_pack). An export read back by import-docx keeps them too."""

from __future__ import annotations

from datetime import timedelta

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.factories import CALDERDALE, COORDINATOR, T0
from tests.word.test_packs import _edit, _pack, project  # noqa: F401 - the fixture
from tests.word.test_reader_fidelity import _abstract, _item, _num, _p, _run
from wyassembler.core.content import ListItem, Paragraph, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.word.packs import import_pack
from wyassembler.word.reader import import_docx
from wyassembler.word.writer import export_docx

FAITHFUL = (
    Paragraph(plain("Lines:\nthe second\tand a tab")),
    ListItem(plain("a"), "number", 1), ListItem(plain("b"), "number", 1),
    ListItem(plain("note"), "bullet", 1),
    ListItem(plain("c"), "number", 1),  # a list of its own after the bullet: 1 again
    ListItem(plain("nested under c"), "number", 2),
    ListItem(plain("x"), "bullet", 1), ListItem(plain("under x"), "number", 2),
    ListItem(plain("y"), "bullet", 1), ListItem(plain("under y, 1 again"), "number", 2),
    Paragraph(plain("Between lists.")),
    ListItem(plain("fifth"), "number", 1, start=5), ListItem(plain("sixth"), "number", 1),
    Table((), ((plain("no"), plain("header")), (plain("row"), plain("here")))),
    Table((plain("With"), plain("header")), ((plain("x"), plain("y")),)),
)


def test_what_the_pack_was_made_with_comes_back_unchanged(project, tmp_path):  # noqa: F811 - the fixture imported above
    section = project.find_section("3")
    edit_section(project, COORDINATOR, section, blocks=FAITHFUL, now=T0 + timedelta(days=450))
    result = import_pack(project, _pack(project, tmp_path), CALDERDALE)
    assert not result.changed and len(result.unchanged) == 2, result.report_lines()
    assert section.blocks == FAITHFUL


def test_what_the_export_wrote_imports_as_it_was(project, tmp_path):  # noqa: F811 - the fixture imported above
    section = project.find_section("3")
    edit_section(project, COORDINATOR, section, blocks=FAITHFUL, now=T0 + timedelta(days=450))
    out = tmp_path / "export.docx"
    export_docx(project, out, draft=True, project_path=None)
    again = import_docx(out).project
    assert next(s.blocks for s in again.all_sections() if s.heading == section.heading) == FAITHFUL


def _append(document, content, xml: str) -> None:
    for element in parse_xml(f'<w:body {nsdecls("w")}>{xml}</w:body>'):
        content.append(element)


def _add_numbering(document, xml: str) -> None:
    part = document.part.numbering_part.element
    first_num = part.find(qn("w:num"))
    for element in parse_xml(f'<w:numbering {nsdecls("w")}>{xml}</w:numbering>'):
        if element.tag == qn("w:abstractNum"):
            first_num.addprevious(element)
        else:
            part.append(element)


def test_a_partners_breaks_tabs_restarted_lists_and_headerless_tables_come_back(project, tmp_path):  # noqa: F811 - the fixture imported above
    path = _pack(project, tmp_path)
    section = project.find_section("3")

    def change(document, content):
        _add_numbering(document, _abstract(90) + _num(90, 90) + _num(91, 90, {0: 1}) + _num(92, 90, {0: 4}))
        cells = "".join(f"<w:tc>{_p(_run(text))}</w:tc>" for text in ("Total", "\u00a312m"))
        _append(document, content,
                _p('<w:r><w:t>Address:</w:t><w:br/><w:t>Wellington House</w:t><w:tab/><w:t>Leeds</w:t></w:r>')
                + _item("one", 90) + _item("two", 90)
                + _p(_run("Then, numbered again:"))
                + _item("one again", 91)  # Word's "Restart at 1"
                + _item("four", 92) + _item("five", 92)  # Word's "Set numbering value" to 4, right after
                + '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblLook w:val="04A0" w:firstRow="0"/>'
                  f'</w:tblPr><w:tr>{cells}</w:tr></w:tbl>')

    _edit(path, 1, change)
    result = import_pack(project, path, CALDERDALE, now=T0 + timedelta(days=500))
    assert result.updated == [section]
    assert section.blocks[-8:] == (
        Paragraph(plain("Address:\nWellington House\tLeeds")),
        ListItem(plain("one"), "number", 1), ListItem(plain("two"), "number", 1),
        Paragraph(plain("Then, numbered again:")),
        ListItem(plain("one again"), "number", 1),
        ListItem(plain("four"), "number", 1, start=4), ListItem(plain("five"), "number", 1),
        Table((), ((plain("Total"), plain("\u00a312m")),)))
    lines = "\n".join(result.report_lines())
    assert "1 table without a header row kept without one" in lines and "(in section 3)" in lines


def test_a_heading_the_partner_emptied_stays_and_the_text_comes_back(project, tmp_path):  # noqa: F811 - the fixture imported above
    path = _pack(project, tmp_path)
    section = project.find_section("3")
    heading = section.heading

    def change(document, content):
        paragraphs = content.findall(qn("w:p"))
        for text in paragraphs[0].iter(qn("w:t")):
            if text.text.strip() != "3":  # the typed number stays, the words go
                text.text = ""
        content.append(document.add_paragraph("Added after emptying the heading.")._p)

    _edit(path, 1, change)
    result = import_pack(project, path, CALDERDALE, now=T0 + timedelta(days=500))
    assert result.updated == [section]
    assert section.heading == heading
    assert section.blocks[-1] == Paragraph(plain("Added after emptying the heading."))
    assert any(line.startswith("1 section heading emptied left as it was") or "heading emptied" in line
               for line in result.report_lines())
    assert not [line for line in result.problems if "not imported" in line]


def test_a_pack_made_by_hand_reads_its_lists_as_word_numbers_them(project, tmp_path):  # noqa: F811 - the fixture imported above
    """Import only, on a pack as Word saves one: the list instances and overrides Word writes."""
    path = _pack(project, tmp_path)

    def change(document, content):
        for child in list(content)[1:]:
            content.remove(child)  # keep the heading, replace the text
        _add_numbering(document, _abstract(90) + _num(90, 90) + _num(91, 90, {0: 7}))
        _append(document, content, _item("a", 90) + _item("a.i", 90, 1) + _item("b", 90) + _item("g", 91)
                + _item("h", 91) + _item("c goes on counting", 90))

    _edit(path, 1, change)
    import_pack(project, path, CALDERDALE, now=T0 + timedelta(days=500))
    assert project.find_section("3").blocks == (
        ListItem(plain("a"), "number", 1), ListItem(plain("a.i"), "number", 2), ListItem(plain("b"), "number", 1),
        ListItem(plain("g"), "number", 1, start=7), ListItem(plain("h"), "number", 1),
        ListItem(plain("c goes on counting"), "number", 1))  # Word shows 9, as the content model does
