"""Record how the acting organisation approved the response: the kind of decision, its reference and its
date (issue 18). The core checks and records it (:func:`wyassembler.core.authority.record_authority`);
the dialog shows the record standing now, so a partner sees what a new one replaces."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from ...core.authority import latest_authorities
from ...core.model import Project
from ...core.partner_records import AUTHORITY_KINDS, MAX_NOTE_CHARACTERS
from ..common.date_field import DateField


class AuthorityDialog(QDialog):
    """The kind of decision (delegated officer, committee, cabinet member, officer response), its reference
    ("Cabinet, 12 January 2006, minute 45") and, if known, the date it was taken."""

    def __init__(self, project: Project, org_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record Authority")
        standing = latest_authorities(project).get(org_id)
        intro = QLabel(f"Say how {project.org_label(org_id)} approved the response. The sign-off appendix of the "
                       "export shows it, and the coordinator may require it before a final export."
                       + (f"\n\nRecorded now: {standing.describe()}, by {standing.person}." if standing else ""))
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.kind = QComboBox()
        for kind, words in AUTHORITY_KINDS.items():
            self.kind.addItem(words, kind)
        self.kind.setAccessibleName("Kind of decision")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Reference")
        self.reference.setPlaceholderText("Cabinet, 12 January 2006, minute 45")
        self.reference.setMaxLength(MAX_NOTE_CHARACTERS)
        self.has_date = QCheckBox("&Decided on:")
        self.has_date.setAccessibleName("The date of the decision is known")
        # Typed as people type dates, or picked on a calendar; a record standing now is the starting point.
        self.decided = DateField(standing.decided if standing is not None and standing.decided else date.today())
        self.decided.setAccessibleName("Date of the decision")
        if standing is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(standing.kind)))
            self.reference.setText(standing.reference)
        self.has_date.setChecked(standing is None or standing.decided is not None)
        self.decided.setEnabled(self.has_date.isChecked())
        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Reference:", self.reference)
        form.addRow(self.has_date, self.decided)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.has_date.toggled.connect(self.decided.setEnabled)
        self.has_date.toggled.connect(self._update_ok)
        self.decided.validity_changed.connect(self._update_ok)
        self.reference.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    def _update_ok(self) -> None:
        """Record waits for a reference and, if a date is given, a date; its tooltip says which."""
        why = ""
        if not self.reference.text().strip():
            why = "Give the decision's reference, such as the meeting and minute number"
        elif self.has_date.isChecked() and not self.decided.is_valid():
            why = f"The date is not a date: {self.decided.problem()}"
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not why)
        ok.setToolTip(why)

    def chosen_kind(self) -> str:
        """The kind of decision, as the core names it (a key of AUTHORITY_KINDS)."""
        return str(self.kind.currentData())

    def decided_on(self) -> date | None:
        """The date of the decision, or None when the person gave none."""
        if not self.has_date.isChecked():
            return None
        when = self.decided.date()
        return date(when.year(), when.month(), when.day())
