"""Tables in the section editor, as in Word: Insert Table asks rows x columns and the header row; Tab
and Shift+Tab go from cell to cell; rows and columns are inserted, deleted and moved from the Format
menu's Table submenu or the context menu; the header row turns on and off and survives commit, save,
reload and export."""

from __future__ import annotations

import io

import docx
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import KIRKLEES_LEAD, save_and_wait
from tests.ui.editor_input import show
from wyassembler.core.content import Paragraph, Table, plain
from wyassembler.projectfile.storage import load
from wyassembler.ui.dialogs.table_size import TableSizeDialog
from wyassembler.word.writer import build_docx




def answer_table_size(monkeypatch, rows: int, columns: int, header: bool = True) -> None:
    """Fill in the Insert Table dialog as a person would and press Insert."""

    def answer(dialog):
        dialog.rows.setValue(rows)
        dialog.columns.setValue(columns)
        dialog.header.setChecked(header)
        return TableSizeDialog.DialogCode.Accepted

    monkeypatch.setattr(TableSizeDialog, "exec", answer)


def cells(*rows: str):
    """Table rows from strings of space-separated cell texts ("-" for an empty cell)."""
    return tuple(tuple(() if text == "-" else plain(text) for text in row.split()) for row in rows)


def put_cursor_in(window, row: int, column: int, table_index: int = 0) -> None:
    table = window.editor.text.document().rootFrame().childFrames()[table_index]
    window.editor.text.setTextCursor(table.cellAt(row, column).firstCursorPosition())


def only_table(window) -> Table:
    tables = [block for block in window.editor.current_blocks() if isinstance(block, Table)]
    assert len(tables) == 1
    return tables[0]


def test_filling_a_4x5_table_takes_typing_and_tab_only(qtbot, sample_window, monkeypatch):
    window = sample_window()
    show(window, (Paragraph(plain("Costs:")),))
    answer_table_size(monkeypatch, rows=4, columns=5)
    window.editor.text.moveCursor(QTextCursor.MoveOperation.End)
    window.app_actions.insert_table.trigger()
    text = window.editor.text
    assert window.focusWidget() is text  # typing goes straight into the table
    for row in range(4):
        for column in range(5):
            qtbot.keyClicks(text, f"r{row}c{column}")
            qtbot.keyClick(text, Qt.Key.Key_Tab)
    # Tab in the last cell added a fifth row and went into it.
    qtbot.keyClicks(text, "added")
    header = tuple(plain(f"r0c{column}") for column in range(5))
    body = tuple(tuple(plain(f"r{row}c{column}") for column in range(5)) for row in range(1, 4))
    expected = Table(header, (*body, (plain("added"), (), (), (), ())))
    assert window.editor.current_blocks() == (Paragraph(plain("Costs:")), expected)
    assert window.editor.is_modified()
    assert "\t" not in text.toPlainText()


def test_tab_selects_the_next_cells_text_and_shift_tab_goes_back_but_not_before_the_first(qtbot, sample_window):
    window = sample_window()
    show(window, (Table(*_split(cells("a b", "c d"))),))
    text = window.editor.text
    put_cursor_in(window, 0, 0)
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    assert text.textCursor().selectedText() == "b"
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    assert text.textCursor().selectedText() == "c"
    qtbot.keyClicks(text, "typed over")
    qtbot.keyClick(text, Qt.Key.Key_Backtab)
    assert text.textCursor().selectedText() == "b"
    qtbot.keyClick(text, Qt.Key.Key_Backtab)
    qtbot.keyClick(text, Qt.Key.Key_Backtab)  # in the first cell: stays there
    assert text.textCursor().selectedText() == "a"
    assert only_table(window) == Table((plain("a"), plain("b")), ((plain("typed over"), plain("d")),))


def _split(rows):
    """(header, body) of rows whose first is the header."""
    return rows[0], rows[1:]


def test_tab_outside_a_table_still_types_a_tab_and_indents_a_list(qtbot, sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("Before")), Table((), cells("x"))))
    text = window.editor.text
    cursor = text.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    text.setTextCursor(cursor)
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    qtbot.keyClicks(text, "after")
    assert window.editor.current_blocks()[0] == Paragraph(plain("Before\tafter"))


def test_insert_table_asks_the_size_and_can_leave_out_the_header(sample_window, monkeypatch):
    window = sample_window()
    show(window, (Paragraph(plain("Intro")),))
    answer_table_size(monkeypatch, rows=2, columns=3, header=False)
    window.app_actions.insert_table.trigger()
    table = window.editor.text.document().rootFrame().childFrames()[0]
    assert (table.rows(), table.columns(), table.format().headerRowCount()) == (2, 3, 0)
    assert table.cellAt(0, 0).format().background().style() == Qt.BrushStyle.NoBrush
    window.editor.text.insertPlainText("x")  # the cursor is in the first cell
    assert only_table(window) == Table((), ((plain("x"), (), ()), ((), (), ())))


def test_cancelling_insert_table_inserts_nothing(sample_window, monkeypatch):
    window = sample_window()
    section = show(window, (Paragraph(plain("Intro")),))
    monkeypatch.setattr(TableSizeDialog, "exec", lambda dialog: TableSizeDialog.DialogCode.Rejected)
    window.app_actions.insert_table.trigger()
    assert window.editor.current_blocks() == section.blocks and not window.editor.is_modified()


def test_table_actions_are_enabled_only_in_a_table_and_say_why_not(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("Intro")), Table((plain("h"),), cells("b"))))
    actions = window.app_actions
    window.editor.text.moveCursor(QTextCursor.MoveOperation.Start)
    for action in actions.table_actions():
        assert not action.isEnabled()
        assert "Put the cursor in a table first" in action.statusTip() and "Put the cursor" in action.toolTip()
    put_cursor_in(window, 1, 0)
    for action in actions.table_actions():
        assert action.isEnabled() and "not available" not in action.statusTip()
    assert actions.header_row.isChecked()

    reader = sample_window(KIRKLEES_LEAD)
    reader.select_section(reader.document.project.find_section("3").id)
    assert all("read only" in action.statusTip() for action in reader.app_actions.table_actions())
    assert not any(action.isEnabled() for action in reader.app_actions.table_actions())


def test_the_format_menu_and_the_context_menu_offer_the_table_actions(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("Intro")), Table((plain("h"),), cells("b"))))
    format_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "F&ormat")
    table_menu = next(a.menu() for a in format_menu.actions() if a.menu() is not None and "able" in a.text())
    assert table_menu.actions() == window.app_actions.table_actions()

    text = window.editor.text
    table = text.document().rootFrame().childFrames()[0]
    in_cell = text.cursorRect(table.cellAt(1, 0).firstCursorPosition()).center()
    menu = window.editor.tables.context_menu(in_cell, text.table_actions)
    submenus = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert submenus and submenus[-1].actions() == window.app_actions.table_actions()
    # Both show an action's tooltip, where one switched off says why.
    assert table_menu.toolTipsVisible() and submenus[-1].toolTipsVisible()
    assert text.textCursor().currentTable() is not None  # the right-click put the cursor in the cell
    menu.deleteLater()
    in_intro = text.cursorRect(QTextCursor(text.document().begin())).center()
    outside = window.editor.tables.context_menu(in_intro, text.table_actions)
    assert not any(a.menu() is not None and "able" in a.text() for a in outside.actions())
    outside.deleteLater()


def test_rows_are_inserted_above_and_below_and_deleted(sample_window):
    window = sample_window()
    show(window, (Table(*_split(cells("H1 H2", "a b", "c d"))),))
    actions = window.app_actions
    put_cursor_in(window, 1, 1)
    actions.add_table_row.trigger()  # below row "a b": the cursor goes into the new row
    window.editor.text.insertPlainText("new")
    assert only_table(window) == Table(*_split(cells("H1 H2", "a b", "- new", "c d")))
    actions.add_row_above.trigger()
    window.editor.text.insertPlainText("up")
    assert only_table(window) == Table(*_split(cells("H1 H2", "a b", "- up", "- new", "c d")))
    actions.delete_row.trigger()
    actions.delete_row.trigger()
    assert only_table(window) == Table(*_split(cells("H1 H2", "a b", "c d")))
    assert window.editor.is_modified()


def test_a_row_inserted_above_the_header_becomes_the_shaded_header(sample_window):
    window = sample_window()
    show(window, (Table(*_split(cells("H", "a"))),))
    put_cursor_in(window, 0, 0)
    window.app_actions.add_row_above.trigger()
    window.editor.text.insertPlainText("Top")
    assert only_table(window) == Table(*_split(cells("Top", "H", "a")))
    table = window.editor.text.document().rootFrame().childFrames()[0]
    shaded = [table.cellAt(row, 0).format().background().style() != Qt.BrushStyle.NoBrush for row in range(3)]
    assert shaded == [True, False, False]


def test_columns_are_inserted_left_and_right_and_deleted(sample_window):
    window = sample_window()
    show(window, (Table(*_split(cells("H1 H2", "a b"))),))
    actions = window.app_actions
    put_cursor_in(window, 1, 0)
    actions.add_column_right.trigger()
    window.editor.text.insertPlainText("mid")
    actions.add_column_left.trigger()
    window.editor.text.insertPlainText("left")
    assert only_table(window) == Table(*_split(cells("H1 - - H2", "a left mid b")))
    table = window.editor.text.document().rootFrame().childFrames()[0]
    assert all(table.cellAt(0, c).format().background().style() != Qt.BrushStyle.NoBrush for c in range(4))
    actions.delete_column.trigger()
    assert only_table(window) == Table(*_split(cells("H1 - H2", "a mid b")))


def test_deleting_the_only_row_or_column_deletes_the_table(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("Keep")), Table((), cells("x y")), Table((), cells("p", "q"))))
    put_cursor_in(window, 0, 1, table_index=0)
    window.app_actions.delete_row.trigger()
    assert window.editor.current_blocks() == (Paragraph(plain("Keep")), Table((), cells("p", "q")))
    put_cursor_in(window, 1, 0, table_index=0)
    window.app_actions.delete_column.trigger()
    assert window.editor.current_blocks() == (Paragraph(plain("Keep")),)
    assert not window.app_actions.delete_row.isEnabled()


def test_rows_move_up_and_down_with_their_formatting_and_the_cursor(sample_window):
    from wyassembler.core.content import Span

    window = sample_window()
    bold_row = ((Span("bold", bold=True),), plain("two"))
    show(window, (Table((plain("H1"), plain("H2")), ((plain("a"), plain("b")), bold_row, (plain("c"), ()))),))
    actions = window.app_actions
    put_cursor_in(window, 2, 0)
    actions.move_row_up.trigger()
    assert only_table(window) == Table((plain("H1"), plain("H2")), (bold_row, (plain("a"), plain("b")),
                                                                  (plain("c"), ())))
    actions.move_row_down.trigger()
    actions.move_row_down.trigger()  # the cursor went with the row: now it is last
    assert only_table(window) == Table((plain("H1"), plain("H2")), ((plain("a"), plain("b")), (plain("c"), ()),
                                                                  bold_row))
    assert not actions.move_row_down.trigger() and only_table(window).rows[-1] == bold_row  # no further
    window.editor.text.undo()  # each move is one step of the editor's own undo
    assert only_table(window).rows[1] == bold_row


def test_the_header_row_turns_off_and_on_through_commit_save_reload_and_export(qtbot, sample_window, dialogs,
                                                                                tmp_path):
    window = sample_window()
    section = show(window, (Table(*_split(cells("Who What", "Leeds Yes"))),))
    put_cursor_in(window, 1, 0)
    window.app_actions.header_row.trigger()  # off
    assert not window.app_actions.header_row.isChecked()
    table = window.editor.text.document().rootFrame().childFrames()[0]
    assert table.cellAt(0, 0).format().background().style() == Qt.BrushStyle.NoBrush
    assert window.commit_editor()
    assert section.blocks == (Table((), cells("Who What", "Leeds Yes")),)
    dialogs.save_path = str(tmp_path / "tables.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    assert load(tmp_path / "tables.wyproj").project.section(section.id).blocks == section.blocks
    assert _header_flags(window.document.project, "Leeds") == [False, False]

    put_cursor_in(window, 1, 1)
    window.app_actions.header_row.trigger()  # on again: shaded, and the first row is the header
    assert window.app_actions.header_row.isChecked()
    table = window.editor.text.document().rootFrame().childFrames()[0]
    assert table.cellAt(0, 1).format().background().style() != Qt.BrushStyle.NoBrush
    assert window.commit_editor()
    assert section.blocks == (Table(*_split(cells("Who What", "Leeds Yes"))),)
    window.document.undo_stack.undo()  # undo by value still works on a table edit
    assert section.blocks == (Table((), cells("Who What", "Leeds Yes")),)
    window.document.undo_stack.redo()
    assert _header_flags(window.document.project, "Leeds") == [True, False]


def _header_flags(project, marker: str) -> list[bool]:
    """Whether each row of the exported table holding ``marker`` is a Word header row."""
    exported = docx.Document(io.BytesIO(build_docx(project, draft=True).data))
    table = next(t for t in exported.tables if any(marker in cell.text for row in t.rows for cell in row.cells))
    return [row._tr.trPr is not None and row._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
            for row in table.rows]


def test_a_right_click_in_a_cell_without_a_selection_moves_the_cursor_there(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("Intro")), Table((plain("h"),), cells("b"))))
    text = window.editor.text
    text.moveCursor(QTextCursor.MoveOperation.Start)
    table = text.document().rootFrame().childFrames()[0]
    point: QPoint = text.cursorRect(table.cellAt(1, 0).firstCursorPosition()).center()
    window.editor.tables.context_menu(point, text.table_actions).deleteLater()
    assert table.cellAt(text.textCursor()).row() == 1


def test_insert_table_inside_a_table_puts_the_new_one_after_it(sample_window, monkeypatch):
    window = sample_window()
    show(window, (Table((), cells("x y")), Paragraph(plain("After"))))
    put_cursor_in(window, 0, 1)
    answer_table_size(monkeypatch, rows=1, columns=1, header=False)
    window.app_actions.insert_table.trigger()
    window.editor.text.insertPlainText("new")
    assert window.editor.current_blocks() == (Table((), cells("x y")), Table((), cells("new")),
                                              Paragraph(plain("After")))


def test_the_insert_table_dialog_starts_at_three_by_three_with_a_header_row(qtbot):
    dialog = TableSizeDialog()
    qtbot.addWidget(dialog)
    assert (dialog.rows.value(), dialog.columns.value(), dialog.header.isChecked()) == (3, 3, True)
    assert dialog.rows.minimum() == dialog.columns.minimum() == 1
    assert dialog.rows.accessibleName() and dialog.columns.accessibleName()


def test_a_table_or_paragraphs_pasted_into_a_cell_become_the_cells_lines_not_a_table_inside_it(sample_window):
    from PySide6.QtCore import QMimeData

    window = sample_window()
    show(window, (Table((), cells("x y")), Paragraph(plain("After"))))
    put_cursor_in(window, 0, 1)
    data = QMimeData()
    data.setHtml("<table><tr><th>A</th><th>B</th></tr><tr><td>c</td><td>d</td></tr></table><p>more</p>")
    window.editor.text.insertFromMimeData(data)
    # What the editor shows is what is kept: one table, the pasted rows as lines of the cell.
    assert len(window.editor.text.document().rootFrame().childFrames()) == 1
    assert window.editor.current_blocks() == (Table((), ((plain("x"), plain("A\tB\nc\td\nmorey")),)),
                                              Paragraph(plain("After")))


def test_alt_shift_up_moves_a_table_row_only_from_the_text(qtbot, sample_window):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = sample_window()
    section = show(window, (Table((), cells("a", "b")),))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    put_cursor_in(window, 1, 0)
    window.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    QTest.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    window.select_section(section.id)  # (the outline may have taken the key as its own Up)
    assert window.editor.current_blocks() == section.blocks == (Table((), cells("a", "b")),)
    put_cursor_in(window, 1, 0)
    window.editor.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.text)
    QTest.keyClick(window.editor.text, Qt.Key.Key_Up,
                   Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.current_blocks() == (Table((), cells("b", "a")),)


def test_closing_the_project_with_the_cursor_in_a_table_turns_the_table_actions_off(sample_window):
    window = sample_window()
    show(window, (Table((plain("h"),), cells("b")),))
    put_cursor_in(window, 1, 0)
    assert window.app_actions.add_table_row.isEnabled()
    window.document.undo_stack.setClean()
    window.close_project(ask=False)
    assert window.document is None
    for action in window.app_actions.table_actions():
        assert not action.isEnabled() and "No section is shown" in action.statusTip()


def _shaded_text(window) -> list[str]:
    """The table text painted on a background of its own (not the cell's)."""
    from PySide6.QtGui import QTextFormat

    table = window.editor.text.document().rootFrame().childFrames()[0]
    shaded = []
    for row in range(table.rows()):
        for column in range(table.columns()):
            block = table.cellAt(row, column).firstCursorPosition().block()
            shaded += [block.text()[piece.start:piece.start + piece.length] for piece in block.textFormats()
                       if piece.format.hasProperty(QTextFormat.Property.BackgroundBrush)]
    return shaded


def test_text_typed_in_the_header_row_loses_its_shading_with_the_header(qtbot, sample_window, monkeypatch):
    # Typed into a shaded header cell, text took the cell's shading as its own: with the header row
    # turned off, or the row moved down, the words stayed shaded in an unshaded cell.
    window = sample_window()
    show(window, (Paragraph(plain("Costs:")),))
    answer_table_size(monkeypatch, rows=3, columns=2)
    window.editor.text.moveCursor(QTextCursor.MoveOperation.End)
    window.app_actions.insert_table.trigger()
    text = window.editor.text
    for words in ("Head one", "Head two", "a", "b"):
        qtbot.keyClicks(text, words)
        qtbot.keyClick(text, Qt.Key.Key_Tab)
    put_cursor_in(window, 0, 0)
    window.app_actions.header_row.trigger()  # off
    assert not window.app_actions.header_row.isChecked()
    assert _shaded_text(window) == []
    window.app_actions.header_row.trigger()  # on again, and the header moved down a row
    table = text.document().rootFrame().childFrames()[0]
    text.setTextCursor(table.cellAt(0, 1).lastCursorPosition())
    qtbot.keyClicks(text, " more")
    put_cursor_in(window, 0, 0)
    window.app_actions.move_row_down.trigger()
    assert _shaded_text(window) == []
    assert only_table(window) == Table((plain("a"), plain("b")), ((plain("Head one"), plain("Head two more")),
                                                                  ((), ())))
