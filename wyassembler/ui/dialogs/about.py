"""Help › About wyassembler and Help › Show the Log Folder."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from ... import __version__
from ...settings import log_dir


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent, "About wyassembler",
        f"<h3>wyassembler {__version__}</h3>"
        "<p>Assemble one joint consultation response from many partner bodies: each writes and "
        "owns its sections, signs them off and endorses the whole; the coordinator exports the "
        "Word document.</p><p>Free software under the MIT licence.</p>")


def show_log_folder() -> None:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
