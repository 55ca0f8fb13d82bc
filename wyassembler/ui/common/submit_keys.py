"""Ctrl+Enter sends a dialog whose text box takes several lines, as in Word, Teams and Outlook.

In a multi-line box Enter starts a new line, so Qt's Enter-presses-OK cannot send the dialog; and Qt
does nothing with Ctrl+Return there (the box swallows it, and a dialog only presses its default button for
an Enter without Ctrl). :func:`send_with_ctrl_enter` gives every such box in a dialog Ctrl+Enter and
Ctrl+Return: they click the dialog's OK button, which does nothing while it is disabled (no text yet)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPlainTextEdit, QTextEdit, QWidget

SEND_HINT = "Enter starts a new line; Ctrl+Enter sends."
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_ctrl_enter(event: QKeyEvent) -> bool:
    """Ctrl+Return, or Ctrl+Enter on the keypad (no Shift or Alt)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in _ENTER_KEYS and modifiers == Qt.KeyboardModifier.ControlModifier


class _CtrlEnterSends(QObject):
    """Installed on a text box: Ctrl+Enter clicks ``button`` instead of reaching the box."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button)  # lives as long as the button it presses
        self._button = button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Both event types are key events.
        if (event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                or not is_ctrl_enter(cast(QKeyEvent, event))):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # ours: no menu shortcut takes it before the key press comes
            return True
        if self._button.isEnabled():
            self._button.click()
        return True


def send_with_ctrl_enter(dialog: QWidget, send: QAbstractButton) -> None:
    """Every editable multi-line text box in ``dialog``: Ctrl+Enter (and Ctrl+Return) clicks ``send``,
    Enter alone keeps starting a new line; the rule is said to screen readers and in the tooltip."""
    sender = _CtrlEnterSends(send)
    for box in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit):
        if box.isReadOnly():
            continue
        box.installEventFilter(sender)
        box.setAccessibleDescription(" ".join(part for part in (box.accessibleDescription(), SEND_HINT) if part))
        box.setToolTip(box.toolTip() or SEND_HINT)
