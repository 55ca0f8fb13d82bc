"""Tables in the section editor, edited as in Word: Tab and Shift+Tab go from cell to cell
(selecting the cell's text, so typing replaces it), Tab in the last cell adds a row; rows and
columns are inserted, deleted and moved where the cursor is; the first row is the header row or not.

Every change goes through the editor's document in one edit block, so it is one step of the
editor's own undo and an ordinary modification the window commits as a revision, like typing.
A table's header row is its first row, shaded (never bolded: bold there is the author's own);
:mod:`.content_document` reads a table with a header row count of 0 as one without a header.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import (QAction, QColor, QKeyEvent, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat,
                           QTextTable)
from PySide6.QtWidgets import QMenu, QTextEdit

from ...core.content import Blocks, Inline, MemberList, Span, Table
from .content_document import HEADER_SHADE, insert_table as insert_qt_table

# Nobody fills in a bigger table in a response, and Qt lays a huge one out slowly.
MAX_TABLE_ROWS = 200
MAX_TABLE_COLUMNS = 20


def text_for_a_cell(blocks: Blocks) -> Inline:
    """What is pasted into a table cell, as the cell's text (a cell holds one paragraph, never a table
    or a list, as in the content model): each block a line, a table's cells apart by tabs and its rows
    a line each; the member list, which is generated, is left out."""
    lines: list[list[Span]] = []
    for block in blocks:
        if isinstance(block, Table):
            for row in (block.header, *block.rows) if block.has_header else block.rows:
                line: list[Span] = []
                for index, cell in enumerate(row):
                    line.extend((Span("\t"), *cell) if index else cell)
                lines.append(line)
        elif not isinstance(block, MemberList):
            lines.append(list(block.spans))
    spans: list[Span] = []
    for index, line in enumerate(lines):
        spans.extend((Span("\n"), *line) if index else line)
    return tuple(spans)


def shade_header_row(table: QTextTable) -> None:
    """Shade the first row's cells if the table has a header row, and no other cell: after rows
    move or are inserted above, the shading follows what is now the first row."""
    header = table.format().headerRowCount() > 0
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            fmt = cell.format()
            shaded = fmt.hasProperty(QTextFormat.Property.BackgroundBrush)
            if header and row == 0 and not shaded:
                fmt.setBackground(QColor(HEADER_SHADE))
                cell.setFormat(fmt)
            elif shaded and not (header and row == 0):
                fmt.clearBackground()
                cell.setFormat(fmt)
            _clear_text_shading(table, row, column)


def _clear_text_shading(table: QTextTable, row: int, column: int) -> None:
    """Take the background off a cell's text. Qt gives text typed into a cell the cell's format, its
    shading included, so the header's words kept their shading once the row stopped being the header;
    the content model has no shaded text, so nothing of the author's is lost."""
    cell = table.cellAt(row, column)
    cursor = QTextCursor(table.document())
    block = cell.firstCursorPosition().block()
    while block.isValid() and block.position() <= cell.lastPosition():
        for piece in block.textFormats():
            if piece.format.hasProperty(QTextFormat.Property.BackgroundBrush):
                cursor.setPosition(block.position() + piece.start)
                cursor.setPosition(block.position() + piece.start + piece.length, QTextCursor.MoveMode.KeepAnchor)
                plain_format = QTextCharFormat(piece.format)
                plain_format.clearBackground()
                cursor.setCharFormat(plain_format)
        block = block.next()


class TableEditing(QObject):
    """The table operations of one text edit; each acts on the table the cursor is in."""

    # A row, column or the header changed without the cursor necessarily moving: actions re-check.
    changed = Signal()

    def __init__(self, edit: QTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    # -- where the cursor is --------------------------------------------------------------

    def current_table(self) -> QTextTable | None:
        """The table the cursor is in, or None."""
        return self._edit.textCursor().currentTable()

    def has_header_row(self) -> bool:
        table = self.current_table()
        return table is not None and table.format().headerRowCount() > 0

    def _place(self) -> tuple[QTextTable, int, int] | None:
        """(table, row, column) of the cursor's cell, or None outside a table or in a read-only editor."""
        table = self.current_table()
        if table is None or self._edit.isReadOnly():
            return None
        cell = table.cellAt(self._edit.textCursor())
        return table, cell.row(), cell.column()

    def _select_cell(self, table: QTextTable, row: int, column: int) -> None:
        """Put the cursor in a cell with its text selected, as Tab does in Word."""
        cell = table.cellAt(row, column)
        cursor = cell.firstCursorPosition()
        cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        self._edit.setTextCursor(cursor)

    def _put_cursor(self, table: QTextTable, row: int, column: int) -> None:
        row = min(max(row, 0), table.rows() - 1)
        column = min(max(column, 0), table.columns() - 1)
        self._edit.setTextCursor(table.cellAt(row, column).firstCursorPosition())

    # -- Tab and Shift+Tab ------------------------------------------------------------------

    def tab_pressed(self, event: QKeyEvent) -> bool:
        """Tab or Shift+Tab (with no other modifier: Ctrl+Tab leaves the editor) in a table moves between
        its cells; False for any other key, or outside a table."""
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        return self.move_between_cells(backwards=event.key() == Qt.Key.Key_Backtab)

    def move_between_cells(self, backwards: bool) -> bool:
        """Tab (or Shift+Tab with ``backwards``) in a table: to the next (previous) cell, its text
        selected; Tab in the last cell adds a row and goes into it; Shift+Tab in the first cell
        stays. False outside a table, where Tab keeps its other meanings."""
        place = self._place()
        if place is None:
            return False
        table, row, column = place
        index = row * table.columns() + column + (-1 if backwards else 1)
        if index < 0:
            return True
        cursor = self._edit.textCursor()
        if index >= table.rows() * table.columns():
            if table.rows() >= MAX_TABLE_ROWS:
                return True
            cursor.beginEditBlock()
            table.appendRows(1)
            cursor.endEditBlock()
            self.changed.emit()
        self._select_cell(table, *divmod(index, table.columns()))
        return True

    # -- inserting ----------------------------------------------------------------------------

    def insert_table(self, rows: int, columns: int, header: bool = True) -> None:
        """A full-width table of ``rows`` rows (the header row included) and ``columns`` columns, after
        the current paragraph, with the cursor in its first cell."""
        rows = min(max(rows, 1), MAX_TABLE_ROWS)
        columns = min(max(columns, 1), MAX_TABLE_COLUMNS)
        cursor = self._edit.textCursor()
        cursor.beginEditBlock()
        if cursor.currentTable() is not None:
            # Not a table inside a cell (the content model has none): the new one goes after this table.
            cursor.setPosition(cursor.currentTable().lastPosition() + 1)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        table = insert_qt_table(cursor, rows, columns, header)
        cursor.endEditBlock()
        self._put_cursor(table, 0, 0)
        self.changed.emit()

    def insert_row(self, below: bool) -> bool:
        """A row above or below the cursor's row; the cursor goes into it, same column."""
        place = self._place()
        if place is None or place[0].rows() >= MAX_TABLE_ROWS:
            return False
        table, row, column = place
        new_row = row + 1 if below else row
        self._edit_table(table, lambda: table.insertRows(new_row, 1))
        self._put_cursor(table, new_row, column)
        return True

    def insert_row_above(self) -> bool:
        return self.insert_row(below=False)

    def insert_row_below(self) -> bool:
        return self.insert_row(below=True)

    def insert_column(self, right: bool) -> bool:
        """A column left or right of the cursor's column; the cursor goes into it, same row."""
        place = self._place()
        if place is None or place[0].columns() >= MAX_TABLE_COLUMNS:
            return False
        table, row, column = place
        new_column = column + 1 if right else column
        self._edit_table(table, lambda: table.insertColumns(new_column, 1))
        self._put_cursor(table, row, new_column)
        return True

    def insert_column_left(self) -> bool:
        return self.insert_column(right=False)

    def insert_column_right(self) -> bool:
        return self.insert_column(right=True)

    # -- deleting -----------------------------------------------------------------------------

    def delete_row(self) -> bool:
        """Delete the cursor's row; the table's only row takes the table with it, as in Word."""
        place = self._place()
        if place is None:
            return False
        table, row, column = place
        if table.rows() == 1:
            return self._delete_table(table)
        self._edit_table(table, lambda: table.removeRows(row, 1))
        self._put_cursor(table, row, column)
        return True

    def delete_column(self) -> bool:
        """Delete the cursor's column; the table's only column takes the table with it."""
        place = self._place()
        if place is None:
            return False
        table, row, column = place
        if table.columns() == 1:
            return self._delete_table(table)
        self._edit_table(table, lambda: table.removeColumns(column, 1))
        self._put_cursor(table, row, column)
        return True

    def _delete_table(self, table: QTextTable) -> bool:
        cursor = self._edit.textCursor()
        cursor.beginEditBlock()
        cursor.setPosition(table.firstPosition() - 1)
        cursor.setPosition(table.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.endEditBlock()
        self._edit.setTextCursor(cursor)
        self.changed.emit()
        return True

    # -- moving rows and the header ---------------------------------------------------------------

    def move_row(self, delta: int) -> bool:
        """Move the cursor's row one up (``delta`` -1) or down (+1), the cursor with it; a row moved
        to the top of a table with a header row becomes its header."""
        place = self._place()
        if place is None:
            return False
        table, row, column = place
        other = row + delta
        if not 0 <= other < table.rows():
            return False
        self._edit_table(table, lambda: self._swap_rows(table, row, other))
        self._put_cursor(table, other, column)
        return True

    def move_row_up(self) -> bool:
        return self.move_row(-1)

    def move_row_down(self) -> bool:
        return self.move_row(+1)

    @staticmethod
    def _swap_rows(table: QTextTable, first: int, second: int) -> None:
        # Qt has no row move: the cells' contents (with their formatting) change places instead.
        for column in range(table.columns()):
            first_text = _cell_selection(table, first, column).selection()
            second_text = _cell_selection(table, second, column).selection()
            _replace_cell(table, first, column, second_text)
            _replace_cell(table, second, column, first_text)

    def set_header_row(self, on: bool) -> bool:
        """Make the table's first row its header row (shaded) or an ordinary row."""
        place = self._place()
        if place is None:
            return False
        table = place[0]

        def change() -> None:
            fmt = table.format()
            fmt.setHeaderRowCount(1 if on else 0)
            table.setFormat(fmt)

        self._edit_table(table, change)
        return True

    def _edit_table(self, table: QTextTable, change) -> None:
        """Run ``change`` on ``table`` as one undo step, then shade its header row afresh."""
        cursor = self._edit.textCursor()
        cursor.beginEditBlock()
        change()
        shade_header_row(table)
        cursor.endEditBlock()
        self.changed.emit()

    # -- the context menu -------------------------------------------------------------------------

    def context_menu(self, position: QPoint, table_actions: list[QAction]) -> QMenu:
        """The editor's standard context menu at ``position`` (the cursor moved there first, as a
        right-click in Word does, unless it is inside the selection), with the table's actions
        after it when the click is in a table."""
        edit = self._edit
        cursor = edit.textCursor()
        clicked = edit.cursorForPosition(position)
        if not (cursor.hasSelection() and cursor.selectionStart() <= clicked.position() <= cursor.selectionEnd()):
            edit.setTextCursor(clicked)
        menu = edit.createStandardContextMenu(position)
        if table_actions and self.current_table() is not None:
            menu.addSeparator()
            table_menu = menu.addMenu("T&able")
            table_menu.setToolTipsVisible(True)  # an action switched off says why, as in Format › Table
            table_menu.addActions(table_actions)
        return menu


def _cell_selection(table: QTextTable, row: int, column: int) -> QTextCursor:
    cell = table.cellAt(row, column)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _replace_cell(table: QTextTable, row: int, column: int, fragment) -> None:
    cursor = _cell_selection(table, row, column)
    cursor.removeSelectedText()
    if not fragment.isEmpty():
        cursor.insertFragment(fragment)
