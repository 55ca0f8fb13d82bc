"""Putting a section in the editor and typing into it as a user does, for the UI tests."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from wyassembler.ui.project import commands


def type_at_end(qtbot, window, text: str) -> None:
    """Put the cursor at the end of the section's text and type ``text`` key by key."""
    editor = window.editor.text
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def show(window, blocks, ref="3"):
    """Make ``blocks`` the text of section ``ref`` (one undoable step) and show it in the editor."""
    section = window.document.project.find_section(ref)
    window.document.execute(commands.EditSectionCommand(window.document, section, blocks=blocks))
    window.select_section(section.id)
    assert window.editor.section is section
    return section
