"""Errors as dialogs in plain words; never a traceback on screen (the log keeps those)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.errors import WyassemblerError
from ...settings import log_file

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """What to tell the user about ``error``: its own sentence if it has one, else where the details are."""
    if isinstance(error, WyassemblerError):
        text = str(error)
        return text[0].upper() + text[1:] if text else "Something went wrong."
    if isinstance(error, OSError):
        return f"The computer refused: {error.strerror or error}."
    return (f"Something unexpected went wrong inside wyassembler ({type(error).__name__}). "
            f"Your work has not been thrown away. The details are in {log_file()}.")


def show_error(parent: QWidget | None, what: str, error: BaseException) -> None:
    """A warning dialog: ``what`` failed, and why, in plain words."""
    if not isinstance(error, WyassemblerError):
        log.error("%s", what, exc_info=(type(error), error, error.__traceback__))
    box = QMessageBox(QMessageBox.Icon.Warning, "wyassembler", what, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(error_text(error))
    box.exec()


def install_excepthook() -> None:
    """Turn an uncaught exception in a slot into a dialog instead of a console traceback."""
    previous = sys.excepthook

    def hook(kind, error, traceback) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, traceback)
            return
        log.error("uncaught exception", exc_info=(kind, error, traceback))
        try:
            show_error(None, "That did not work.", error)
        except Exception:  # noqa: BLE001 - never let the hook itself crash the app
            previous(kind, error, traceback)

    sys.excepthook = hook
