"""The two widgets every dialog that works on a worker thread shows: a busy bar and the line saying how it went."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar


def busy_bar(doing: str, shown: bool = False) -> QProgressBar:
    """A bar that moves while the work runs (its length unknown), named ``doing`` ("Exporting") for screen
    readers; hidden until the work starts unless ``shown``."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setAccessibleName(doing)
    bar.setVisible(shown)
    return bar


def status_line(text: str = "") -> QLabel:
    """The line that says what the work is doing or how it went (styled as the export dialogs' status)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("exportStatus")
    return label
