"""Saves by someone else: brought into the open project when the disk watch says the file changed
(everything typed here kept), and File › Reload from Disk, which throws the unsaved changes away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ..common.errors import show_error

if TYPE_CHECKING:
    from ..main_window import MainWindow


class OtherSaves:
    """What the window does about other partners' saves of its file; the window owns it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def check_disk(self) -> None:
        """If someone else saved our file, bring their changes in, keeping everything typed here."""
        window = self.window
        document = window.document
        if document is None or document.is_saving():
            return  # our own save is writing; it merges whatever it finds on disk
        window.disk_watch.rearm()  # the notification may have come before the other save's replace
        if not document.changed_on_disk():
            return
        editor = window.editor
        current = editor.section.id if editor.section else None
        cursor_position = editor.text.textCursor().position()
        window.commit_editor()
        try:
            notes = document.merge_from_disk()
        except Exception as error:  # noqa: BLE001 - any failure becomes a dialog; nothing was changed
            window.show_disk_note("Another partner saved this project, but their changes could not be brought "
                                  "in: your copy is unchanged and saving will not overwrite theirs.")
            show_error(window, "The changes saved by another partner could not be brought in.", error)
            return
        if current:
            window.select_section(current)
            cursor = editor.text.textCursor()
            cursor.setPosition(min(cursor_position, editor.text.document().characterCount() - 1))
            editor.text.setTextCursor(cursor)
        message = "Another partner saved this project; their changes are now shown here"
        message += (", and your unsaved changes are kept." if document.is_dirty() else ".")
        window.show_disk_note(" ".join([message, *notes]))

    def reload_from_disk(self) -> None:
        """Read the project again as it is saved now, once the person agrees to lose unsaved changes."""
        window = self.window
        document = window.document
        if document is None or document.path is None:
            return
        window.commit_editor()
        if document.is_dirty():
            answer = QMessageBox.warning(
                window, "Reload from disk?", "Reloading throws away the changes you have not saved.",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        try:
            document.reload_from_disk()
        except Exception as error:  # noqa: BLE001 - any failure becomes a dialog
            show_error(window, "The project could not be read again.", error)
