"""What the Edit and Format menus do: undo and redo (the editor's own typing first, then the
project's history), cut, copy and paste into whatever has focus, and the section editor's formatting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from ...core.content import check_href
from ...core.errors import WyassemblerError
from ..common.errors import show_error
from ..dialogs.link import LinkDialog
from ..dialogs.table_size import TableSizeDialog
from ..project.commands import CoreCommand

if TYPE_CHECKING:
    from ..main_window import MainWindow


def _focused_text() -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    """The focused widget if it edits text (a line edit, the editor), else None."""
    widget = QApplication.focusWidget()
    return widget if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) else None


class EditOperations:
    """Undo, redo, the clipboard and formatting for one window; the window owns it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # -- history ------------------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the editor's own typing while it has some, else the project's last step."""
        window = self.window
        if window.document is None:
            return
        text = window.editor.text
        if text.hasFocus() and text.document().isUndoAvailable():
            text.undo()
            return
        window.commit_editor()
        self._step_history(-1)

    def redo(self) -> None:
        window = self.window
        if window.document is None:
            return
        text = window.editor.text
        if text.hasFocus() and text.document().isRedoAvailable():
            text.redo()
            return
        self._step_history(+1)

    def _step_history(self, direction: int) -> None:
        """Undo (-1) or redo (+1) one step of the project's history, saying what it was and showing
        the section it changed: the step may be in a section other than the one on screen."""
        document = self.window.document
        if document is None:
            return
        stack = document.undo_stack
        index = stack.index() - 1 if direction < 0 else stack.index()
        command = stack.command(index) if 0 <= index < stack.count() else None
        if command is None:
            return
        label, count = command.text(), stack.count()
        section_id = command.section_id() if isinstance(command, CoreCommand) else ""
        stack.undo() if direction < 0 else stack.redo()
        if stack.count() < count:
            return  # the step failed and left the history; the document said why
        if section_id:
            self.window.select_section(section_id)
        self.window.statusBar().showMessage(f"{'Undid' if direction < 0 else 'Redid'}: {label}", 6000)

    # -- the clipboard --------------------------------------------------------------------------

    def cut(self) -> None:
        widget = _focused_text()
        if widget is not None:
            widget.cut()

    def copy(self) -> None:
        widget = _focused_text()
        if widget is not None:
            widget.copy()

    def paste(self) -> None:
        widget = _focused_text()
        if widget is not None:
            widget.paste()

    # -- formatting -----------------------------------------------------------------------------

    def toggle_bullets(self) -> None:
        self.window.editor.toggle_list("bullet")

    def toggle_numbers(self) -> None:
        self.window.editor.toggle_list("number")

    def list_deeper(self) -> None:
        self.window.editor.change_list_level(1)

    def list_shallower(self) -> None:
        self.window.editor.change_list_level(-1)

    def plain_paragraph(self) -> None:
        self.window.editor.set_list(None)

    def insert_table(self) -> None:
        """Ask how many rows and columns, and whether the first row is a header, then insert the table."""
        editor = self.window.editor
        if not editor.is_editable():
            return
        dialog = TableSizeDialog(self.window)
        if dialog.exec() != TableSizeDialog.DialogCode.Accepted:
            return
        editor.insert_table(dialog.rows.value(), dialog.columns.value(), dialog.header.isChecked())

    def insert_link(self) -> None:
        """Ask for the link's words and address (those of the link at the caret, or the selection's words)
        and make them a link: new words replace the old ones, in the link (one undo step)."""
        editor = self.window.editor
        if not editor.is_editable():
            return
        target = editor.link_target()
        dialog = LinkDialog(target, self.window)
        if dialog.exec() != LinkDialog.DialogCode.Accepted:
            return
        text, href = dialog.answers()
        if not href:
            return
        try:
            href = check_href(href)
        except WyassemblerError as error:
            show_error(self.window, "That address cannot be a link.", error)
            return
        editor.set_link(target, text, href)
