"""Word tables as content tables: rows and cells, merged cells split, a cell's paragraphs as lines,
and whether the first row is a header row (see :func:`_is_header_row`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..core.content import Span, Table
from .body_styles import StyleSheet
from .wordml import (CUSTOM_XML, DEL, FALSE, GRID_SPAN, INS, MOVE_TO, P, PPR, PSTYLE, SDT, SDT_CONTENT, TBL,
                     TBL_HEADER, TBL_LOOK, TBL_PR, TBL_STYLE, TC, TCPR, TR, TRPR, VAL, VMERGE, w_tag)

if TYPE_CHECKING:
    from .body_reader import BodyReader


def read_table(reader: BodyReader, tbl, nested: bool = False) -> Table | None:
    """A ``w:tbl`` as a table (None if no row is left), reporting what the model cannot hold; a table
    ``nested`` in a cell is flattened by its caller, so whether it has a header goes unreported."""
    rows: list[list[tuple]] = []
    first_row = None
    for tr in _rows(tbl):
        trpr = tr.find(TRPR)
        if trpr is not None and (trpr.find(DEL) is not None):
            reader.report.add("deletion", reader.where)
            continue
        cells: list[tuple] = []
        for tc in _cells(tr):
            spans, span_count = _cell(reader, tc)
            cells.append(spans)
            if span_count > 1:
                reader.report.add("merged-cell", reader.where)
                cells.extend(() for _ in range(span_count - 1))
        if cells:
            rows.append(cells)
            first_row = tr if first_row is None else first_row
    if not rows:
        return None
    if not _is_header_row(reader.styles, tbl, first_row):
        if not nested:
            reader.report.add("headerless-table", reader.where)
        return Table((), tuple(tuple(row) for row in rows))
    width = max(len(row) for row in rows)
    header = rows[0] + [() for _ in range(width - len(rows[0]))]
    # Export makes every header cell bold anyway: bold there says nothing.
    header = [tuple(Span(s.text, False, s.italic, s.href) for s in cell) for cell in header]
    return Table(tuple(header), tuple(tuple(row) for row in rows[1:]))

def _is_header_row(styles: StyleSheet, tbl, tr) -> bool:
    """Whether a table's first row is its header: marked as one (``w:tblHeader``, Word's "Repeat as
    header row", which screen readers and tagged PDFs use), or, unmarked, shown as one: the
    table's "Header Row" look (``w:tblLook firstRow``) on and its table style formatting that row."""
    trpr = tr.find(TRPR)
    marked = trpr.find(TBL_HEADER) if trpr is not None else None
    if marked is not None:
        return marked.get(VAL, "true").lower() not in FALSE
    tblpr = tbl.find(TBL_PR)
    look = tblpr.find(TBL_LOOK) if tblpr is not None else None
    if look is None or not _looks_at_first_row(look):
        return False
    style = tblpr.find(TBL_STYLE)
    return styles.formats_first_row(style.get(VAL) if style is not None else None)

def _cell(reader: BodyReader, tc) -> tuple[tuple, int]:
    depth = len(reader.fields)
    try:
        return _cell_content(reader, tc)
    finally:
        reader.end_fields(depth)  # a field begun in a cell ends with it

def _cell_content(reader: BodyReader, tc) -> tuple[tuple, int]:
    """A cell's spans (its paragraphs as lines) and how many grid columns it spans; a cell merged into
    the one above it (``w:vMerge`` continued) is empty."""
    span_count, continued = _merge(tc)
    if continued:
        reader.report.add("merged-cell", reader.where)
        return (), span_count
    pieces = _cell_pieces(reader, tc)
    if len(pieces) > 1:
        reader.report.add("cell-paragraphs", reader.where)
    joined: list[Span] = []
    for index, spans in enumerate(pieces):
        if index:
            joined.append(Span("\n"))  # a cell holds one paragraph: its paragraphs become its lines
        joined.extend(spans)
    return tuple(joined), span_count


def _merge(tc) -> tuple[int, bool]:
    """How many grid columns a cell spans (``w:gridSpan``, 1 to 64), and whether it continues the
    cell above it (``w:vMerge`` without ``restart``)."""
    tcpr = tc.find(TCPR)
    if tcpr is None:
        return 1, False
    span_count = 1
    grid = tcpr.find(GRID_SPAN)
    if grid is not None and grid.get(VAL, "1").isdecimal():
        span_count = max(1, min(int(grid.get(VAL, "1")), 64))
    merge = tcpr.find(VMERGE)
    return span_count, merge is not None and merge.get(VAL, "continue") == "continue"


def _cell_pieces(reader: BodyReader, tc) -> list[list[Span]]:
    """The spans of each paragraph in a cell that has text; a nested table's cells flattened into it."""
    pieces: list[list[Span]] = []
    for element in reader.block_elements(tc):
        if element.tag == P:
            spans = reader.spans(element, reader.paragraph_style(_style_of(element)).styling)
            if any(span.text.strip() for span in spans):
                pieces.append(spans)
        elif element.tag == TBL:
            reader.report.add("nested-table", reader.where)
            nested = read_table(reader, element, nested=True)
            if nested is not None:
                pieces.extend(list(cell) for row in (nested.header, *nested.rows) for cell in row if cell)
    return pieces


def _looks_at_first_row(look) -> bool:
    """``w:tblLook``'s firstRow, as an attribute or (older documents) a bit of its hex ``w:val``."""
    first_row = look.get(w_tag("firstRow"))
    if first_row is not None:
        return first_row.lower() not in FALSE
    try:
        return bool(int(look.get(VAL, "0"), 16) & 0x0020)
    except ValueError:
        return False


def _rows(tbl) -> Iterator:
    for child in tbl:
        if child.tag == TR:
            yield child
        elif child.tag in (SDT, CUSTOM_XML, INS, MOVE_TO):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _rows(inner)


def _cells(tr) -> Iterator:
    for child in tr:
        if child.tag == TC:
            yield child
        elif child.tag in (SDT, CUSTOM_XML):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _cells(inner)


def _style_of(p) -> str | None:
    ppr = p[0] if len(p) and p[0].tag == PPR else None
    if ppr is None:
        return None
    style = ppr.find(PSTYLE)
    return style.get(VAL) if style is not None else None
