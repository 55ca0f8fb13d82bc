"""A broken field (never closed, or its marks hidden) stays within its paragraph or section, and is reported.

Word's complex fields are a begin mark, the field code, a separate mark, the shown result and an end mark,
possibly in different runs and paragraphs. A field whose end never comes, or whose marks are formatted
as hidden text, must not swallow the rest of the document (import-docx) or the next section (import-pack).
"""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.factories import CALDERDALE
from tests.word.docx_fixtures import URL
from tests.word.test_packs import W_CONTENT, _controls, _pack, project  # noqa: F401 - the fixture
from wyassembler.core.content import Paragraph, Span, plain
from wyassembler.word.packs import import_pack
from wyassembler.word.reader import import_docx

HIDDEN = "<w:rPr><w:vanish/></w:rPr>"
BEGIN = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
SEPARATE = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def _instruction(code: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'


def _text(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _hidden(run: str) -> str:
    return run.replace("<w:r>", f"<w:r>{HIDDEN}", 1)


def _append_runs(p, runs: list[str]) -> None:
    for xml in runs:
        p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))


BROKEN = {
    # begin and code, then no separate and no end: the paragraph's own text after it must stay
    "never closed": [BEGIN, _instruction("PAGE"), _text("tail")],
    # separate and end formatted as hidden text (vanish): still the field's marks
    "hidden marks": [BEGIN, _instruction("PAGE"), _hidden(SEPARATE), _text("tail"), _hidden(END)],
}


def _document(tmp_path, runs: list[str], name: str = "fields.docx"):
    document = docx.Document()
    document.add_heading("One", 1)
    p = document.add_paragraph("Before ")
    _append_runs(p._p, runs)
    document.add_paragraph("After the field")
    document.add_heading("Two", 1)
    document.add_paragraph("Second section text")
    path = tmp_path / name
    document.save(path)
    return path


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_field_keeps_the_rest_of_the_document(tmp_path, case):
    result = import_docx(_document(tmp_path, BROKEN[case]))
    sections = result.project.sections
    assert [s.heading for s in sections] == ["One", "Two"]
    assert sections[0].blocks == (Paragraph(plain("Before tail")), Paragraph(plain("After the field")))
    assert sections[1].blocks == (Paragraph(plain("Second section text")),)
    if case == "never closed":
        assert result.report.total("unclosed-field") == 1
        assert any("never closed" in line and "section 1" in line for line in result.report.lines())


def test_a_hidden_end_mark_still_ends_a_link_field(tmp_path):
    runs = [BEGIN, _instruction(f'HYPERLINK "{URL}"'), SEPARATE, _text("the link"), _hidden(END), _text(" and after")]
    result = import_docx(_document(tmp_path, runs))
    first = result.project.sections[0].blocks
    assert first[0] == Paragraph((Span("Before "), Span("the link", href=URL), Span(" and after")))
    assert first[1] == Paragraph(plain("After the field"))
    assert not result.report.total("unclosed-field")


def test_a_result_never_ended_stops_at_the_next_heading(tmp_path):
    """A link field's result may run over paragraphs, but not into the next section."""
    runs = [BEGIN, _instruction(f'HYPERLINK "{URL}"'), SEPARATE, _text("the link")]
    result = import_docx(_document(tmp_path, runs))
    one, two = result.project.sections
    assert one.blocks[0] == Paragraph((Span("Before "), Span("the link", href=URL)))
    assert two.heading == "Two" and two.blocks == (Paragraph(plain("Second section text")),)
    assert result.report.total("unclosed-field") == 1


def test_a_field_left_open_in_a_table_cell_ends_with_the_cell(tmp_path):
    document = docx.Document()
    document.add_heading("One", 1)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("A", "B"), ("c", "d")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    _append_runs(table.cell(1, 0).paragraphs[0]._p, [BEGIN, _instruction("PAGE"), SEPARATE, _text(" 3")])
    document.add_paragraph("After the table")
    path = tmp_path / "cell.docx"
    document.save(path)
    result = import_docx(path)
    blocks = result.project.sections[0].blocks
    assert blocks[0].rows == ((plain("A"), plain("B")), (plain("c 3"), plain("d")))  # no header row marked
    assert blocks[-1] == Paragraph(plain("After the table"))
    assert result.report.total("unclosed-field") == 1


def test_deeply_nested_fields_pair_up_past_the_nesting_limit(tmp_path):
    """Sixty fields nested in each other's codes: only the outermost one's result is shown, as in Word,
    even past the reader's nesting limit."""
    runs = [BEGIN, _instruction("IF")] * 60 + [r for i in range(60) for r in (SEPARATE, _text(f"r{i}"), END)]
    result = import_docx(_document(tmp_path, runs + [_text(" tail")]))
    assert result.project.sections[0].blocks[0] == Paragraph(plain("Before r59 tail"))


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_field_in_a_pack_stays_in_its_section(project, tmp_path, case):  # noqa: F811
    path = _pack(project, tmp_path)
    document = docx.Document(path)
    boxes = [sdt for tag, sdt in _controls(document) if tag.startswith("wyassembler:section:")]
    content = boxes[0].find(W_CONTENT)
    added = document.add_paragraph("Edited: ")
    _append_runs(added._p, BROKEN[case])
    content.append(added._p)
    content.append(document.add_paragraph("After the field")._p)
    document.save(path)
    second = project.find_section("3")
    revisions = len(second.revisions)
    result = import_pack(project, path, CALDERDALE)
    first = project.find_section("2")
    assert result.updated == [first]
    assert first.blocks[-2:] == (Paragraph(plain("Edited: tail")), Paragraph(plain("After the field")))
    assert second in result.unchanged and len(second.revisions) == revisions
    if case == "never closed":
        assert any("never closed" in line and "section 2" in line for line in result.report_lines())

