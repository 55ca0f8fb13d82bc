"""Section content <-> QTextDocument: the editor shows exactly what the content model holds.

Going in, every block becomes its natural Qt form: a paragraph a text block, a
line break inside it Qt's line separator (U+2028, what Shift+Enter types), a
list item a block in a QTextList (indent = level, a different bullet per level,
numbers in the project's format for the level), each list as
:func:`.lists.list_places` finds them its own QTextList starting from its
number, a table a QTextTable with one shaded header row or none. The member
list, which is generated from the partners and never typed, becomes one shaded
placeholder block marked with a block property.

Coming out, anything Qt can hold is read back into the model and the rest is
dropped: headings and other styles become paragraphs, fonts and colours vanish,
images disappear, only bold, italic and web or mail links survive; a list keeps
the number Qt shows its items. The same reader cleans what is pasted, so a
paste from Word or a web page can only bring in what a section may hold (a
pasted table's first row is its header, unless the paste came from this editor,
whose tables say whether they have one).
"""

from __future__ import annotations

import re

from PySide6.QtGui import (QBrush, QColor, QFont, QTextBlock, QTextBlockFormat, QTextCharFormat,
                           QTextCursor, QTextDocument, QTextFrameFormat, QTextLength, QTextListFormat,
                           QTextList, QTextTable, QTextTableFormat)

from ...core.content import (LINK_SCHEMES, MAX_LIST_LEVEL, MAX_LIST_START, Block, Blocks, ListItem, MemberList,
                            Paragraph, Span, Table, normalize_blocks, normalize_inline)
from ...core.declarations import member_names
from ...core.errors import ContentError
from ...core.lists import DEFAULT_LEVEL_FORMATS, list_places
from ...core.model import Project

# A user property on the member list's placeholder block (QTextFormat.UserProperty + 1).
MEMBER_PROPERTY = 0x100000 + 1

_BULLET_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)
# Word's number formats (core.lists.LEVEL_FORMATS) as Qt shows them; each with a "." as in Word.
_NUMBER_STYLES = {
    "decimal": QTextListFormat.Style.ListDecimal,
    "lowerLetter": QTextListFormat.Style.ListLowerAlpha,
    "upperLetter": QTextListFormat.Style.ListUpperAlpha,
    "lowerRoman": QTextListFormat.Style.ListLowerRoman,
    "upperRoman": QTextListFormat.Style.ListUpperRoman,
}
# Qt's line separator: a line break inside a block, as Shift+Enter makes one.
LINE_SEPARATOR = "\u2028"
# Word pastes list items as paragraphs that start with a bullet glyph and a tab; read them as lists.
_PASTED_BULLET = re.compile(r"^\s*([\u2022\u00b7\u25aa\u25cf\u2013o\u00a7-])[\s\u00a0]+")
_OBJECT_CHAR = "\ufffc"
LINK_COLOUR = QColor("#0b57d0")


def paragraph_format() -> QTextBlockFormat:
    """Body paragraphs get a little space after them, as in the exported document."""
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(8)
    return fmt


def list_format(kind: str, level: int, level_formats: tuple[str, ...] = DEFAULT_LEVEL_FORMATS,
                start: int = 1) -> QTextListFormat:
    """The Qt list format for a bulleted or numbered list at ``level`` (1 to 3); a numbered one in the
    project's format for the level (``level_formats``, Word's names), numbered from ``start``."""
    fmt = QTextListFormat()
    if kind == "bullet":
        fmt.setStyle(_BULLET_STYLES[level - 1])
    else:
        fmt.setStyle(_NUMBER_STYLES.get(level_formats[level - 1], QTextListFormat.Style.ListDecimal))
        fmt.setNumberSuffix(".")
        fmt.setStart(start)
    fmt.setIndent(level)
    return fmt


def list_kind(style: QTextListFormat.Style) -> str:
    return "number" if style in _NUMBER_STYLES.values() else "bullet"


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

def member_preview(project: Project) -> tuple[list[str], bool]:
    """The names the member list's placeholder shows, as the export writes them (every partner, or only
    those who endorse, as the project says), and whether they are only the endorsers."""
    return member_names(project), project.member_list == "endorsers"


def fill_document(document: QTextDocument, blocks: Blocks, names: list[str],
                  level_formats: tuple[str, ...] = DEFAULT_LEVEL_FORMATS, *, endorsers_only: bool = False) -> None:
    """Replace the document's text with ``blocks``, numbered lists in ``level_formats`` (the project's), the
    member list showing ``names`` (``endorsers_only``: they are the partners that endorse, not all of them);
    the document's own undo history is cleared."""
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    write_blocks(cursor, blocks, names, first=True, level_formats=level_formats, endorsers_only=endorsers_only)
    cursor.endEditBlock()
    document.setUndoRedoEnabled(True)
    document.setModified(False)


def write_blocks(cursor: QTextCursor, blocks: Blocks, names: list[str], first: bool = False,
                 level_formats: tuple[str, ...] = DEFAULT_LEVEL_FORMATS, *, endorsers_only: bool = False) -> None:
    """Insert ``blocks`` at ``cursor``; with ``first`` the first block reuses the empty block there."""
    places = list_places(blocks)
    qt_lists: dict[int, QTextList] = {}  # by list index: each list its own QTextList
    for index, block in enumerate(blocks):
        if not first:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        first = False
        if isinstance(block, ListItem):
            place = places[index]
            cursor.setBlockFormat(QTextBlockFormat())
            if place.begins:
                qt_lists[place.list_index] = cursor.createList(
                    list_format(block.kind, block.level, level_formats, place.number))
            else:
                qt_lists[place.list_index].add(cursor.block())
            _write_spans(cursor, block.spans)
            continue
        if isinstance(block, Paragraph):
            cursor.setBlockFormat(paragraph_format())
            _write_spans(cursor, block.spans)
        elif isinstance(block, Table):
            _write_table(cursor, block)
        elif isinstance(block, MemberList):
            _write_member_placeholder(cursor, names, endorsers_only)


def _write_spans(cursor: QTextCursor, spans) -> None:
    for span in spans:
        # insertText would make a line feed a new block: a line break is Qt's line separator.
        cursor.insertText(span.text.replace("\n", LINE_SEPARATOR), span_format(span))
    cursor.setCharFormat(QTextCharFormat())


HEADER_SHADE = "#e8eef2"


def insert_table(cursor: QTextCursor, rows: int, columns: int, header: bool = True) -> QTextTable:
    """A full-width table at ``cursor`` with one header row, shaded (not bolded: bold in a header cell
    stays the author's own), or with ``header=False`` none; used for content read in and for tables
    the user inserts."""
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1 if header else 0)
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table = cursor.insertTable(rows, columns, fmt)
    for column in range(columns if header else 0):
        cell = table.cellAt(0, column)
        cell_fmt = cell.format()
        cell_fmt.setBackground(QColor(HEADER_SHADE))
        cell.setFormat(cell_fmt)
    return table


def _write_table(cursor: QTextCursor, table: Table) -> None:
    rows = (table.header, *table.rows) if table.has_header else table.rows
    qtable = insert_table(cursor, len(rows), table.width, table.has_header)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            _write_spans(qtable.cellAt(r, c).firstCursorPosition(), cell)
    # Leave the cursor after the table, in the block Qt adds there.
    cursor.setPosition(qtable.lastPosition() + 1)


def _write_member_placeholder(cursor: QTextCursor, names: list[str], endorsers_only: bool) -> None:
    fmt = QTextBlockFormat()
    fmt.setProperty(MEMBER_PROPERTY, True)
    fmt.setBackground(QColor("#eef3f6"))
    fmt.setLeftMargin(8)
    cursor.setBlockFormat(fmt)
    text_fmt = QTextCharFormat()
    text_fmt.setFontItalic(True)
    text_fmt.setForeground(QColor("#44545c"))
    if endorsers_only:
        listed = "; ".join(names) if names else "none has endorsed the response yet"
        cursor.insertText(f"[Member list, filled in from the partners that endorse: {listed}]", text_fmt)
    else:
        listed = "; ".join(names) if names else "no partners yet"
        cursor.insertText(f"[Member list, filled in from the partners: {listed}]", text_fmt)
    cursor.setCharFormat(QTextCharFormat())


# -- document -> blocks -----------------------------------------------------------

def read_document(document: QTextDocument, *, pasted: bool = False, own_tables: bool = True) -> Blocks:
    """The content model's reading of ``document``: only what a section may hold survives.

    ``own_tables``: the tables are this editor's, whose header row count says whether they have a
    header; otherwise (pasted from elsewhere) a table's first row is its header, as before there
    could be a table without one.
    """
    blocks: list[Block] = []
    # By id of a numbered ListItem: the number Qt shows it, and whether it is its QTextList's first.
    shown_numbers: dict[int, tuple[int, bool]] = {}
    block = document.begin()
    seen_tables: set[int] = set()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            key = table.firstPosition()
            if key not in seen_tables:
                seen_tables.add(key)
                converted = _read_table(table, own_tables)
                if converted is not None:
                    blocks.append(converted)
            block = block.next()
            continue
        converted = _read_block(block, pasted)
        if isinstance(converted, MemberList) and blocks and isinstance(blocks[-1], MemberList):
            converted = None
        if converted is not None:
            blocks.append(converted)
            if isinstance(converted, ListItem) and converted.kind == "number" and block.textList() is not None:
                text_list = block.textList()
                item_number = text_list.itemNumber(block)
                shown_numbers[id(converted)] = (text_list.format().start() + item_number, item_number == 0)
        block = block.next()
    return _numbered_as_shown(normalize_blocks(blocks), shown_numbers)


def _numbered_as_shown(blocks: Blocks, shown_numbers: dict[int, tuple[int, bool]]) -> Blocks:
    """``blocks`` with a start number where the content model (:func:`.lists.list_places`) would
    number an item otherwise than the editor showed it: on the first item of each Qt list that starts
    from other than 1 or would go on from the list before it, and on any item Qt went on counting
    across something that ends a list (a paragraph, say)."""
    wanted = {index: shown_numbers[id(block)] for index, block in enumerate(blocks) if id(block) in shown_numbers}
    result = list(blocks)

    def restart(index: int, number: int) -> None:
        item = result[index]
        result[index] = ListItem(item.spans, item.kind, item.level, min(max(number, 0), MAX_LIST_START))
        wanted[index] = (result[index].start, True)

    places = list_places(result)  # whether an item begins a list does not depend on start numbers
    for index, (number, first) in list(wanted.items()):
        if first and (number != 1 or not places[index].begins):
            restart(index, number)
    # A Qt list interrupted by a paragraph: restart the first item numbered otherwise and look again
    # (a start renumbers the items after it); only a list edited into pieces needs more than one look.
    while True:
        places = list_places(result)
        wrong = next((index for index, (number, _) in wanted.items() if places[index].number != number), None)
        if wrong is None:
            return tuple(result)
        restart(wrong, wanted[wrong][0])


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
        text = fragment.text().replace(_OBJECT_CHAR, "").replace(LINE_SEPARATOR, "\n")
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


def _read_table(table: QTextTable, own: bool) -> Table | None:
    has_header = table.format().headerRowCount() > 0 or not own
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
                    # A cell holds one paragraph: Enter in a cell made a new line of it.
                    spans.append(Span("\n"))
                # A pasted header row is bold by the browser's or Word's doing; ours is the author's.
                spans.extend(read_spans(block, drop_bold=(not own and r == 0)))
                block = block.next()
            cells.append(normalize_inline(spans))
        rows.append(tuple(cells))
    if not rows or not any(rows[0]) and len(rows) == 1:
        return None
    try:
        return Table(rows[0], tuple(rows[1:])) if has_header else Table((), tuple(rows))
    except ContentError:
        return None


def blocks_from_html(html: str) -> Blocks:
    """Clean pasted HTML (from Word, a browser, an email) down to the content model."""
    scratch = QTextDocument()
    scratch.setHtml(html)
    # Qt marks the rich text it writes (a copy from this editor): its tables say if they have a header.
    return read_document(scratch, pasted=True, own_tables='name="qrichtext"' in html)


def document_for(blocks: Blocks, names: list[str] | None = None,
                 level_formats: tuple[str, ...] = DEFAULT_LEVEL_FORMATS, *,
                 endorsers_only: bool = False) -> QTextDocument:
    """A scratch document holding ``blocks``, e.g. to insert them as a fragment."""
    scratch = QTextDocument()
    fill_document(scratch, blocks, names or [], level_formats, endorsers_only=endorsers_only)
    return scratch
