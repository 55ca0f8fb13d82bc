"""Typing into the section editor as a user does, for the UI tests."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor


def type_at_end(qtbot, window, text: str) -> None:
    """Put the cursor at the end of the section's text and type ``text`` key by key."""
    editor = window.editor.text
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, text)
