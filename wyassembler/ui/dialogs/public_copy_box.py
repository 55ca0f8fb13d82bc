"""The export dialog's public-copy box: offered only when a section is marked confidential (it says what is
withheld, or why nothing can be), a name of its own that follows the full response's, and the warnings of a
confidential section's text quoted where the public copy prints it, looked for on a worker thread
(:class:`QuotedCheck`) as the dialog opens. Split from export.py, which places it and writes the copy.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ...core.confidentiality import Withheld, withheld_sections
from ...core.model import Project
from ...core.public_copy import quoted_elsewhere
from ...core.refusals import sentence
from ...core.snapshot import snapshot
from ..common.paths import typed_file
from ..common.workers import KeptWorker
from .export_job import FILTERS, WORD

__all__ = ["PublicCopyBox", "QuotedCheck"]


class QuotedCheck(KeptWorker):
    """:func:`quoted_elsewhere` on a snapshot of the project, on a worker thread; kept alive until it ends
    even if its dialog closes first, and waited for if the app quits first (a QThread destroyed while running
    ends the app)."""

    found = Signal(list)  # the warnings, in the core's words

    def __init__(self, project: Project) -> None:
        super().__init__()
        self._project = snapshot(project)

    def run(self) -> None:
        self.found.emit(quoted_elsewhere(self._project))


def _with_sub_sections(withheld: dict[str, Withheld], marked: Withheld) -> str:
    """" and its 2 sub-sections" withheld with the section marked confidential, or nothing when it has none."""
    below = sum(1 for item in withheld.values() if item.marked_number == marked.number and item.number != marked.number)
    return "" if not below else " and its sub-section" if below == 1 else f" and its {below} sub-sections"


class PublicCopyBox(QGroupBox):
    """Also write a public copy: offered only when a section is marked confidential (else it says why),
    under a name of its own that follows the full response's ("<name> (public).docx") until the person
    gives one; the warnings of a confidential section's text quoted where the public copy prints it."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__("Public copy", parent)
        withheld = withheld_sections(project)
        marked = [item for item in withheld.values() if item.number == item.marked_number]
        self.offered = bool(marked)
        self.write = QCheckBox("Also write a &public copy (confidential sections withheld)")
        self.output = QLineEdit()
        self.output.setAccessibleName("Where to save the public copy")
        self.browse = QPushButton("Bro&wse\u2026")
        self.browse.setAccessibleName("Choose where to save the public copy")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("publicCopyNote")
        self.quoted: list[str] = []
        self.suffix = WORD  # the format the full response is exported in: the public copy's too
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("quotedWarnings")
        self.warnings.setAccessibleName("Confidential text quoted in sections the public copy prints")
        self.warnings.hide()
        self._check: QuotedCheck | None = None
        if self.offered:
            # Looked for on a worker as the dialog opens (half a second at 1,000 sections), shown when found.
            self.warnings.setText("Looking for confidential text quoted in the sections the public copy prints\u2026")
            self.warnings.show()
            self._check = QuotedCheck(project)
            self._check.found.connect(self._show_quoted)
            self._check.start()
        self.output_label = QLabel("Save as:")
        row = QHBoxLayout()
        row.addWidget(self.output_label)
        row.addWidget(self.output, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.write)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.warnings)
        if self.offered:
            self.note.setText("Withheld in the public copy: " + "; ".join(
                f"section {item.number}{_with_sub_sections(withheld, item)} ({item.reason})" for item in marked) + ".")
            self.write.setChecked(True)
        else:
            why = ("No section is marked confidential, so there is nothing to withhold: mark one with "
                   "Section \u203a Mark Confidential\u2026 to write a public copy.")
            self.note.setText(why)
            self.write.setToolTip(why)
            self.write.setEnabled(False)
            for widget in (self.output_label, self.output, self.browse):
                widget.hide()
        self.write.toggled.connect(self._follow_choice)
        self.browse.clicked.connect(self._browse)
        self._follow_choice(self.write.isChecked())

    def checking(self) -> bool:
        """Whether the search for quoted confidential text is still running."""
        return self._check is not None and self._check.isRunning()

    def _show_quoted(self, quoted: list[str]) -> None:
        self.quoted = quoted
        self.warnings.setText("\n".join(f"\u26a0 {sentence(w)}: the public copy would print it there. "
                                         f"Change that section, or mark it confidential too." for w in quoted))
        self.warnings.setVisible(bool(quoted))

    def _follow_choice(self, writing: bool) -> None:
        self.output.setEnabled(writing)
        self.browse.setEnabled(writing)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Public Copy", self.output.text(), FILTERS[self.suffix],
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.output.setText(path if path.lower().endswith(self.suffix) else path + self.suffix)

    def wanted(self) -> bool:
        """Whether a public copy is to be written (offered and chosen)."""
        return self.offered and self.write.isChecked()

    @staticmethod
    def name_for(full: str) -> str:
        """The public copy's default name beside the full response's: "<name> (public).docx"; none while the
        name typed is not yet a file's ("/" or a folder on the way to one)."""
        path = typed_file(full)
        return str(path.with_name(f"{path.stem} (public){path.suffix or '.docx'}")) if path is not None else ""
