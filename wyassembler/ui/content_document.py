"""Section content <-> QTextDocument: the editor shows exactly what the content model holds.

Going in, every block becomes its natural Qt form: a paragraph a text block, a
list item a block in a QTextList (indent = level, a different bullet or number
style per level), a table a QTextTable with one header row. The member list,
which is generated from the partners and never typed, becomes one shaded
placeholder block marked with a block property.

Coming out, anything Qt can hold is read back into the model and the rest is
dropped: headings and other styles become paragraphs, fonts and colours vanish,
images disappear, only bold, italic and web or mail links survive. The same
reader cleans what is pasted, so a paste from Word or a web page can only
bring in what a section may hold.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (QBrush, QColor, QFont, QTextBlock, QTextBlockFormat, QTextCharFormat,
                           QTextCursor, QTextDocument, QTextFrameFormat, QTextLength, QTextListFormat,
                           QTextTable, QTextTableFormat)

from ..core.content import (LINK_SCHEMES, MAX_LIST_LEVEL, Block, Blocks, ListItem, MemberList, Paragraph,
                            Span, Table, normalize_blocks, normalize_inline)
from ..core.errors import ContentError

# A user property on the member list's placeholder block (QTextFormat.UserProperty + 1).
MEMBER_PROPERTY = 0x100000 + 1

_BULLET_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)
_NUMBER_STYLES = (QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
                  QTextListFormat.Style.ListLowerRoman)
# Word pastes list items as paragraphs that start with a bullet glyph and a tab; read them as lists.
_PASTED_BULLET = re.compile(r"^\s*([\u2022\u00b7\u25aa\u25cf\u2013o\u00a7-])[\s\u00a0]+")
_OBJECT_CHAR = "\ufffc"
LINK_COLOUR = QColor("#0b57d0")


def paragraph_format() -> QTextBlockFormat:
    """Body paragraphs get a little space after them, as in the exported document."""
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(8)
    return fmt


def list_format(kind: str, level: int) -> QTextListFormat:
    """The Qt list format for a bulleted or numbered list at ``level`` (1 to 3)."""
    styles = _BULLET_STYLES if kind == "bullet" else _NUMBER_STYLES
    fmt = QTextListFormat()
    fmt.setStyle(styles[level - 1])
    fmt.setIndent(level)
    return fmt


def list_kind(style: QTextListFormat.Style) -> str:
    return "number" if style in _NUMBER_STYLES or style in (
        QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListUpperRoman) else "bullet"


def span_format(span: Span) -> QTextCharFormat:
    """Character format for a span: weight, slant and, for links, an anchor shown as a link."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if span.bold else QFont.Weight.Normal)
    fmt.setFontItalic(span.italic)
    if span.href:
        fmt.setAnchor(True)
        fmt.setAnchorHref(span.href)
        fmt.setFontUnderline(True)
        fmt.setForeground(QBrush(LINK_COLOUR))
        fmt.setToolTip(span.href)
    return fmt


# -- blocks -> document -----------------------------------------------------------

def fill_document(document: QTextDocument, blocks: Blocks, member_names: list[str]) -> None:
    """Replace the document's text with ``blocks``; the document's own undo history is cleared."""
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    write_blocks(cursor, blocks, member_names, first=True)
    cursor.endEditBlock()
    document.setUndoRedoEnabled(True)
    document.setModified(False)


def write_blocks(cursor: QTextCursor, blocks: Blocks, member_names: list[str], first: bool = False) -> None:
    """Insert ``blocks`` at ``cursor``; with ``first`` the first block reuses the empty block there."""
    open_lists: dict[int, tuple[str, object]] = {}
    for block in blocks:
        if not first:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        first = False
        if isinstance(block, ListItem):
            _write_list_item(cursor, block, open_lists)
            continue
        open_lists.clear()
        if isinstance(block, Paragraph):
            cursor.setBlockFormat(paragraph_format())
            _write_spans(cursor, block.spans)
        elif isinstance(block, Table):
            _write_table(cursor, block)
        elif isinstance(block, MemberList):
            _write_member_placeholder(cursor, member_names)


def _write_spans(cursor: QTextCursor, spans) -> None:
    for span in spans:
        cursor.insertText(span.text, span_format(span))
    cursor.setCharFormat(QTextCharFormat())


def _write_list_item(cursor: QTextCursor, item: ListItem, open_lists: dict) -> None:
    # Deeper lists end when a shallower item comes; a different kind at the same level starts a new list.
    for level in [lvl for lvl in open_lists if lvl > item.level]:
        del open_lists[level]
    current = open_lists.get(item.level)
    cursor.setBlockFormat(QTextBlockFormat())
    if current is not None and current[0] == item.kind:
        current[1].add(cursor.block())
    else:
        open_lists[item.level] = (item.kind, cursor.createList(list_format(item.kind, item.level)))
    _write_spans(cursor, item.spans)


HEADER_SHADE = "#e8eef2"


def insert_table(cursor: QTextCursor, rows: int, columns: int) -> QTextTable:
    """A full-width table with one header row, shaded (not bolded: bold in a header cell stays the
    author's own), at ``cursor``; used for content read in and for tables the user inserts."""
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table = cursor.insertTable(rows, columns, fmt)
    for column in range(columns):
        cell = table.cellAt(0, column)
        cell_fmt = cell.format()
        cell_fmt.setBackground(QColor(HEADER_SHADE))
        cell.setFormat(cell_fmt)
    return table


def _write_table(cursor: QTextCursor, table: Table) -> None:
    qtable = insert_table(cursor, 1 + len(table.rows), len(table.header))
    for r, row in enumerate((table.header, *table.rows)):
        for c, cell in enumerate(row):
            _write_spans(qtable.cellAt(r, c).firstCursorPosition(), cell)
    # Leave the cursor after the table, in the block Qt adds there.
    cursor.setPosition(qtable.lastPosition() + 1)


def _write_member_placeholder(cursor: QTextCursor, member_names: list[str]) -> None:
    fmt = QTextBlockFormat()
    fmt.setProperty(MEMBER_PROPERTY, True)
    fmt.setBackground(QColor("#eef3f6"))
    fmt.setLeftMargin(8)
    cursor.setBlockFormat(fmt)
    text_fmt = QTextCharFormat()
    text_fmt.setFontItalic(True)
    text_fmt.setForeground(QColor("#44545c"))
    names = "; ".join(member_names) if member_names else "no partners yet"
    cursor.insertText(f"[Member list, filled in from the partners: {names}]", text_fmt)
    cursor.setCharFormat(QTextCharFormat())


# -- document -> blocks -----------------------------------------------------------

def read_document(document: QTextDocument, *, pasted: bool = False) -> Blocks:
    """The content model's reading of ``document``: only what a section may hold survives."""
    blocks: list[Block] = []
    block = document.begin()
    seen_tables: set[int] = set()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            key = table.firstPosition()
            if key not in seen_tables:
                seen_tables.add(key)
                converted = _read_table(table)
                if converted is not None:
                    blocks.append(converted)
            block = block.next()
            continue
        converted = _read_block(block, pasted)
        if isinstance(converted, MemberList) and blocks and isinstance(blocks[-1], MemberList):
            converted = None
        if converted is not None:
            blocks.append(converted)
        block = block.next()
    return normalize_blocks(blocks)


def _read_block(block: QTextBlock, pasted: bool) -> Block | None:
    if block.blockFormat().hasProperty(MEMBER_PROPERTY):
        return MemberList()
    spans = read_spans(block)
    text_list = block.textList()
    if text_list is not None:
        fmt = text_list.format()
        level = min(max(fmt.indent(), 1), MAX_LIST_LEVEL)
        return ListItem(spans, list_kind(fmt.style()), level)
    if pasted and spans:
        # A Word list item pasted as a paragraph: "•<tab>text" becomes a bullet.
        match = _PASTED_BULLET.match(spans[0].text)
        if match and len(spans[0].text) > match.end():
            first = Span(spans[0].text[match.end():], spans[0].bold, spans[0].italic, spans[0].href)
            level = min(max(block.blockFormat().indent(), 1), MAX_LIST_LEVEL)
            return ListItem((first, *spans[1:]), "bullet", level)
    return Paragraph(spans)


def read_spans(block: QTextBlock, *, drop_bold: bool = False) -> tuple[Span, ...]:
    """The inline spans of one text block: bold, italic and checked links; other formatting dropped."""
    spans: list[Span] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        text = fragment.text().replace(_OBJECT_CHAR, "").replace("\u2028", " ")
        if not text:
            continue
        fmt = fragment.charFormat()
        href = fmt.anchorHref() if fmt.isAnchor() else ""
        bold = fmt.fontWeight() >= QFont.Weight.DemiBold and not drop_bold
        spans.append(Span(text, bold, fmt.fontItalic(), _usable_href(href)))
    return normalize_inline(spans)


def _usable_href(href: str) -> str | None:
    """A link target the model accepts, or ``None`` (the text stays, the link goes)."""
    href = href.strip()
    if not href:
        return None
    if not href.lower().startswith(LINK_SCHEMES):
        return None
    try:
        normalize_inline([Span("x", href=href)])
    except ContentError:
        return None
    return href


def _read_table(table) -> Table | None:
    rows = []
    for r in range(table.rows()):
        cells = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            spans: list[Span] = []
            cursor = cell.firstCursorPosition()
            block = cursor.block()
            while block.isValid() and block.position() <= cell.lastPosition():
                if spans:
                    spans.append(Span(" "))
                spans.extend(read_spans(block, drop_bold=(r == 0)))
                block = block.next()
            cells.append(normalize_inline(spans))
        rows.append(tuple(cells))
    if not rows or not any(rows[0]) and len(rows) == 1:
        return None
    try:
        return Table(rows[0], tuple(rows[1:]))
    except ContentError:
        return None


def blocks_from_html(html: str) -> Blocks:
    """Clean pasted HTML (from Word, a browser, an email) down to the content model."""
    scratch = QTextDocument()
    scratch.setHtml(html)
    return read_document(scratch, pasted=True)


def document_for(blocks: Blocks, member_names: list[str] | None = None) -> QTextDocument:
    """A scratch document holding ``blocks``, e.g. to insert them as a fragment."""
    scratch = QTextDocument()
    fill_document(scratch, blocks, member_names or [])
    return scratch
