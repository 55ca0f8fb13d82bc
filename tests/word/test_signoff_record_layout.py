"""The sign-off record's columns (a new user's trial of issue 18): an authority ("Cabinet member decision:
Portfolio Holder for …, decision record …") wrapped to a dozen lines in a narrow Meaning column while
"Signed by" and the date were squeezed to a word a line. The record is set in the smallest table size and its
spare room goes where it saves the most lines; verify-docx checks the same cells as before."""

from __future__ import annotations

from datetime import date

from docx.oxml.ns import qn

from tests.factories import COORDINATOR, T0
from tests.word.readback import open_docx
from tests.word.test_declarations import _approve_sections, _decide, _lead, _no_text_problems
from wyassembler.core.authority import record_authority
from wyassembler.core.content import Table, plain
from wyassembler.core.outline import add_section
from wyassembler.word import layout
from wyassembler.word.writer import SIGNOFF_RECORD_SIZE, build_docx, export_docx

AUTHORITIES = {
    "leeds": ("cabinet-member", "Portfolio Holder for Community Safety, decision record CS/2027/04"),
    "bradford": ("delegated-officer", "Chief Executive, under the scheme of delegation para 4.2"),
    "kirklees": ("committee", "Cabinet, 12 January 2006, minute 45"),
}


def _record(project) -> None:
    _approve_sections(project)
    _decide(project)
    for org_id, (kind, reference) in AUTHORITIES.items():
        record_authority(project, _lead(org_id), kind, reference, date(2027, 3, 15), now=T0)


def _grid(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table._tbl.find(qn("w:tblGrid")).iterfind(qn("w:gridCol"))]


def _size_pt(table) -> set[float]:
    return {int(size.get(qn("w:val"))) / 2 for size in table._tbl.iter(qn("w:sz"))}


def test_an_authority_reads_across_its_column_and_the_dates_stay_whole(project, tmp_path):
    _record(project)
    path = tmp_path / "full.docx"
    export_docx(project, path, signoff_appendix=True, project_path=None)
    table = open_docx(path.read_bytes()).tables[-1]
    assert _size_pt(table) == {SIGNOFF_RECORD_SIZE}
    widths = _grid(table)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    space = layout.text_width(" ", SIGNOFF_RECORD_SIZE)

    def lines(text: str, column: int) -> int:
        pieces = [layout.text_width(piece, SIGNOFF_RECORD_SIZE) for piece in text.split()]
        return layout.cell_lines(pieces, space, widths[column])
    authorities = [row for row in rows if row[0] == "Authority"]
    assert len(authorities) == 3
    assert widths[3] == max(widths)  # Meaning: the authorities' column
    assert max(lines(row[3], 3) for row in authorities) <= 8, widths  # 12 before (12 pt, shared by mean)
    assert all(lines(row[4], 4) <= 2 for row in rows[1:]), widths  # "05 Jan 2026" whole, the time below
    assert max(lines(row[2], 2) for row in rows[1:]) <= 3, widths  # "Lead of joint-services, partner lead"
    _no_text_problems(path)


def test_tables_in_the_body_keep_the_bodys_size(project):
    table = Table((plain("Item"), plain("Cost")), ((plain("Lease of the depot at Hessle"), plain("240,000")),))
    add_section(project, COORDINATOR, "Costs", "leeds", (table,), now=T0)
    _record(project)
    document = open_docx(build_docx(project, signoff_appendix=True).data)
    assert len(document.tables) == 2
    # (a run at the body's size states none: it takes the style's)
    assert _size_pt(document.tables[0]) == set() and _size_pt(document.tables[-1]) == {SIGNOFF_RECORD_SIZE}


def test_a_cell_is_broken_into_lines_as_word_breaks_it():
    space = 50
    assert layout.cell_lines([100, 100, 100], space, layout.CELL_PADDING + 400) == 1  # two spaces between
    assert layout.cell_lines([100, 100, 100], space, layout.CELL_PADDING + 396) == 2  # (3 twips for rounding)
    assert layout.cell_lines([100, 100, 100], space, layout.CELL_PADDING + 100) == 3
    assert layout.cell_lines([500], space, layout.CELL_PADDING + 200) == 3  # a word too wide breaks inside
    assert layout.cell_lines([], space, layout.CELL_PADDING + 100) == 1


def test_the_spare_room_goes_to_the_column_whose_few_long_cells_wrap_most():
    """Many rows of a short note and a one-word column; two rows of a long authority: the authorities' column
    gets the room, rather than by its typical (short) cell."""
    long = "Cabinet member decision: Portfolio Holder for Community Safety, decision record CS/2027/04 (15 March 2027)"
    names = [(f"A. Person {n}, partner lead", False) for n in range(12)]
    meanings = [("Approved", False)] * 10 + [(long, False)] * 2
    header = ["Signed by", "Meaning"]
    widths = layout.column_widths(header, [names, meanings], 6000, 10)
    assert sum(widths) == 6000 and widths[1] > widths[0]
    space = layout.text_width(" ", 10)
    pieces = [layout.text_width(piece, 10) for piece in long.split()]
    assert layout.cell_lines(pieces, space, widths[1]) <= 4, widths


def test_a_table_whose_cells_all_fit_on_one_line_keeps_them_there():
    """The trial's three-column table in the body: room (near enough) for every cell and header on one line:
    the two short columns get their one line, the long one the rest, as before (handing the room out in steps
    had "Proposed standard" wrap)."""
    header = ["Measure", "Current (average)", "Proposed standard"]
    columns = [[("999 calls answered within 10 seconds", False), ("Failover to secondary site", False)],
               [("91%", False), ("45 minutes", False)], [("95%", False), ("15 minutes", False)]]
    widths = layout.column_widths(header, columns, 9072, 12)
    assert sum(widths) == 9072
    for width, head in zip(widths[1:], header[1:], strict=True):
        assert width >= layout.CELL_PADDING + layout.line_width(head, 12, True), head
    assert widths[0] >= 0.99 * (layout.CELL_PADDING + layout.line_width(columns[0][0][0], 12)), widths
