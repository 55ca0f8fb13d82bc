"""A report after bringing Word in or sending sections out: a summary, then groups of lines.

Used for the import report of File › Import Word Document…, the list of sections a partner pack
holds, and what importing an edited pack did. The text can be selected and copied (to paste into
an email to the partner or the coordinator).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget


class ReportDialog(QDialog):
    """``summary`` on top, then each (heading, lines) group that has lines, as a bulleted list."""

    def __init__(self, title: str, summary: str, groups: list[tuple[str, list[str]]],
                 parent: QWidget | None = None, *, document: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.groups = [(heading, list(lines)) for heading, lines in groups if lines]
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("dialogIntro")
        self.body = QTextBrowser()
        self.body.setAccessibleName("Report")
        self.body.setOpenLinks(False)
        self.body.setHtml(self._html())
        self.body.setVisible(bool(self.groups))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton("&Copy Report", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setVisible(bool(self.groups))
        self.copy_button.clicked.connect(self.copy_report)
        self.document = document
        if document is not None:
            self.open_document_button = self.buttons.addButton("&Open Document", QDialogButtonBox.ButtonRole.ActionRole)
            self.open_folder_button = self.buttons.addButton("Open &Folder", QDialogButtonBox.ButtonRole.ActionRole)
            self.open_document_button.clicked.connect(self.open_document)
            self.open_folder_button.clicked.connect(self.open_folder)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        shown = sum(len(lines) + 2 for _, lines in self.groups)
        self.resize(640, min(540, 150 + 24 * shown) if self.groups else self.sizeHint().height())

    def _html(self) -> str:
        parts = []
        for heading, lines in self.groups:
            parts.append(f"<h4>{html.escape(heading)}</h4><ul>")
            parts.extend(f"<li>{html.escape(line)}</li>" for line in lines)
            parts.append("</ul>")
        return "".join(parts)

    def text(self) -> str:
        """The report as plain text."""
        out = [self.summary.text()]
        for heading, lines in self.groups:
            out.append("")
            out.append(heading)
            out.extend(f"  - {line}" for line in lines)
        return "\n".join(out)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def open_document(self) -> None:
        if self.document:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.document))

    def open_folder(self) -> None:
        if self.document:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.document).parent)))
