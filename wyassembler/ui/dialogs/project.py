"""The coordinator's dialogs: the response's properties and its partner organisations."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from ...core.content import MAX_LIST_LEVEL
from ...core.lists import LEVEL_FORMATS
from ...core.model import Project
from ..common.date_field import DateField


class PropertiesDialog(QDialog):
    """Title, subtitle, partnership, what it responds to, deadline, closing line, coordinator, endorsers,
    what a partner declining means and whose authority is needed, where the statement of on whose behalf the
    response is made stands and whom the member list names, and how numbered lists are numbered at each level."""

    def __init__(self, project: Project, editable: bool, parent: QWidget | None = None, why_not: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Response Properties")
        self._project = project
        self.title = QLineEdit(project.title)
        self.subtitle = QLineEdit(project.subtitle)
        self.partnership = QLineEdit(project.partnership)
        self.responds_to = QLineEdit(project.responds_to)
        self.has_deadline = QCheckBox("Deadline:")
        # Typed as people type dates (5/1/2026, 5 Jan 2026, a day or a year alone), or picked on a calendar.
        self.deadline = DateField(project.deadline or date.today())
        self.deadline.setAccessibleName("Deadline")
        self.has_deadline.setChecked(project.deadline is not None)
        self.deadline.setEnabled(project.deadline is not None)
        self.closing_line = QLineEdit(project.closing_line_template or "")
        self.closing_line.setPlaceholderText("Submitted on behalf of the {partnership}")
        self.coordinator = QComboBox()
        for org in project.organisations:
            self.coordinator.addItem(org.name, org.id)
        self.coordinator.setCurrentIndex(max(0, self.coordinator.findData(project.coordinator)))
        self.all_endorse = QRadioButton("Every partner must endorse")
        self.some_endorse = QRadioButton("Only these partners must endorse:")
        self.endorsers = QListWidget()
        self.endorsers.setAccessibleName("Organisations that must endorse")
        chosen = set(project.required_endorsers())
        for org in project.organisations:
            item = QListWidgetItem(org.name)
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if org.id in chosen else Qt.CheckState.Unchecked)
            self.endorsers.addItem(item)
        (self.all_endorse if project.endorsers is None else self.some_endorse).setChecked(True)
        # Six partners in sight (the rest scroll), so the dialog with the dissent settings fits a 768-pixel screen.
        shown = min(self.endorsers.count(), 6)
        if shown:
            self.endorsers.setFixedHeight(self.endorsers.sizeHintForRow(0) * shown + 2 * self.endorsers.frameWidth())
        self.endorsers.setEnabled(project.endorsers is not None)
        self.require_signatures = QCheckBox("Only si&gned sign-offs and endorsements count towards final")
        self.require_signatures.setChecked(project.require_signatures)
        self.require_signatures.setToolTip("Each partner signs with a confirmed key (Partner \u203a Keys\u2026); "
                                           "an unsigned or invalid decision then does not count")
        self.require_signatures.setAccessibleName("Require signatures")
        self._dissent_settings(project)
        self.numbering: list[QComboBox] = []
        for level in range(1, MAX_LIST_LEVEL + 1):
            combo = QComboBox()
            for fmt, label in LEVEL_FORMATS.items():
                combo.addItem(label, fmt)
            combo.setCurrentIndex(max(0, combo.findData(project.list_formats[level - 1])))
            combo.setAccessibleName(f"Level {level} numbering")
            combo.setEnabled(editable)
            self.numbering.append(combo)

        for widget, name in ((self.title, "Title"), (self.subtitle, "Subtitle"), (self.partnership, "Partnership"),
                             (self.responds_to, "Responds to"), (self.closing_line, "Closing line"),
                             (self.coordinator, "Coordinating organisation"),
                             (self.behalf_at, self.behalf_at.accessibleName()),
                             (self.member_list, self.member_list.accessibleName())):
            widget.setAccessibleName(name)
            widget.setEnabled(editable)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Subtitle:", self.subtitle)
        form.addRow("&Partnership:", self.partnership)
        form.addRow("&Responds to:", self.responds_to)
        form.addRow(self.has_deadline, self.deadline)
        form.addRow("C&losing line:", self.closing_line)
        form.addRow("&Coordinator:", self.coordinator)
        form.addRow("Endorsement:", self.all_endorse)
        form.addRow("", self.some_endorse)
        form.addRow("", self.endorsers)
        form.addRow("Signatures:", self.require_signatures)
        form.addRow("Declining:", self.declines_block)
        form.addRow("Authority:", self.require_authority)
        form.addRow("\u201cOn whose &behalf\u201d statement:", self.behalf_at)
        form.addRow("&Member list names:", self.member_list)
        for level, combo in enumerate(self.numbering, start=1):
            form.addRow(f"Level &{level} numbering:", combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   if editable else QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)  # None when read only
        layout = QVBoxLayout(self)
        if not editable and why_not:
            note = QLabel(f"Read only. {why_not}.")
            note.setWordWrap(True)
            note.setObjectName("dialogIntro")
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        for widget in (self.has_deadline, self.deadline, self.all_endorse, self.some_endorse,
                       self.require_signatures, self.declines_block, self.require_authority):
            widget.setEnabled(editable and widget.isEnabled())
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.has_deadline.toggled.connect(self._update_ok)
        self.deadline.validity_changed.connect(self._update_ok)
        self.some_endorse.toggled.connect(self.endorsers.setEnabled)
        self.resize(560, self.sizeHint().height())

    def _dissent_settings(self, project: Project) -> None:
        """The coordinator's settings for partners that decline or endorse with reservations (issue 18)."""
        self.declines_block = QCheckBox("A partner &declining stops the final export")
        self.declines_block.setChecked(project.declines_block)
        self.declines_block.setToolTip("Otherwise the response goes out on behalf of the partners that endorse "
                                       "it, and says so")
        self.declines_block.setAccessibleName("A partner declining stops the final export")
        self.require_authority = QCheckBox("Each endorsing partner must record its &authority first")
        self.require_authority.setChecked(project.require_authority)
        self.require_authority.setToolTip("Before a final export, each partner that endorses says how it approved "
                                          "the response (Sign-off \u203a Record Authority\u2026)")
        self.require_authority.setAccessibleName("Require each endorsing partner's authority")
        self.behalf_at = _choice_box("Where the \u201con whose behalf\u201d statement stands", project.behalf_at,
                                     (("members", "With the member list"), ("title", "After the title")))
        self.member_list = _choice_box("Whom the member list names", project.member_list,
                                       (("all", "All partners"), ("endorsers", "Only the partners that endorse")))

    def _update_ok(self) -> None:
        """OK waits for a deadline that is a date, and says so."""
        if self._ok is None:
            return
        blocked = self.has_deadline.isChecked() and not self.deadline.is_valid()
        self._ok.setEnabled(not blocked)
        self._ok.setToolTip(f"The deadline is not a date: {self.deadline.problem()}" if blocked else "")

    def changes(self) -> dict[str, object]:
        """Only the properties that differ from the project's, ready for ``set_properties``."""
        project = self._project
        qdate = self.deadline.date()
        wanted: dict[str, object] = {
            "title": self.title.text().strip(),
            "subtitle": self.subtitle.text().strip(),
            "partnership": self.partnership.text().strip(),
            "responds_to": self.responds_to.text().strip(),
            "deadline": date(qdate.year(), qdate.month(), qdate.day()) if self.has_deadline.isChecked() else None,
            "closing_line_template": self.closing_line.text().strip() or None,
            "coordinator": self.coordinator.currentData(),
            "endorsers": None if self.all_endorse.isChecked() else [
                self.endorsers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.endorsers.count())
                if self.endorsers.item(i).checkState() == Qt.CheckState.Checked],
            "list_formats": tuple(combo.currentData() for combo in self.numbering),
            "require_signatures": self.require_signatures.isChecked(),
            "declines_block": self.declines_block.isChecked(),
            "require_authority": self.require_authority.isChecked(),
            "behalf_at": self.behalf_at.currentData(),
            "member_list": self.member_list.currentData(),
        }
        return {name: value for name, value in wanted.items() if getattr(project, name) != value}


def _choice_box(name: str, value: str, choices: tuple[tuple[str, str], ...]) -> QComboBox:
    """A list of (value, words) with ``value`` chosen, named for screen readers."""
    combo = QComboBox()
    for data, words in choices:
        combo.addItem(words, data)
    combo.setCurrentIndex(max(0, combo.findData(value)))
    combo.setAccessibleName(name)
    return combo


class PartnersDialog(QDialog):
    """The partner organisations; adding and removing are requests the window carries out."""

    add_requested = Signal(str, str, str, str)  # name, short name, lead, email
    edit_requested = Signal(str, object)  # organisation id, {field: new value} of the fields changed
    remove_requested = Signal(str)  # organisation id

    def __init__(self, project: Project, editable: bool, parent: QWidget | None = None, why_not: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Partners")
        self._project = project
        self.list = QListWidget()
        self.list.setAccessibleName("Partner organisations")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Full name, e.g. Harrogate Borough Council")
        self.name.setAccessibleName("Partner's full name")
        self.short_name = QLineEdit()
        self.short_name.setPlaceholderText("Short name, e.g. Harrogate")
        self.short_name.setAccessibleName("Partner's short name")
        self.lead = QLineEdit()
        self.lead.setPlaceholderText("Partner lead's name")
        self.lead.setAccessibleName("Partner lead's name")
        self.email = QLineEdit()
        self.email.setPlaceholderText("Partner lead's email")
        self.email.setAccessibleName("Partner lead's email")
        # Choosing a partner in the list puts its details in the form, to change and save; New empties it.
        self.new_button = QPushButton("Ne&w")
        self.add_button = QPushButton("&Add Partner")
        self.save_button = QPushButton("&Save Changes")
        self.remove_button = QPushButton("&Remove Selected")
        for widget in (self.name, self.short_name, self.lead, self.email, self.new_button, self.add_button,
                       self.save_button, self.remove_button):
            widget.setEnabled(editable)
            if not editable and why_not:
                widget.setToolTip(why_not)
        self._editable = editable
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.remove_button)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("S&hort name:", self.short_name)
        form.addRow("&Lead:", self.lead)
        form.addRow("&Email:", self.email)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(close)
        self.add_button.clicked.connect(self._on_add)
        self.save_button.clicked.connect(self._on_save)
        self.new_button.clicked.connect(self._on_new)
        self.remove_button.clicked.connect(self._on_remove)
        self.list.currentItemChanged.connect(self._on_chosen)
        self.refresh(project)
        self.resize(520, 520)

    def refresh(self, project: Project) -> None:
        """Show ``project``'s partners, keeping the one chosen (and the form) where it still exists."""
        chosen = self.chosen_id()
        self._project = project
        self.list.blockSignals(True)
        self.list.clear()
        for org in project.organisations:
            lead = f" \u2014 lead: {org.lead_name}" if org.lead_name else ""
            item = QListWidgetItem(f"{org.name} ({org.label()}){lead}")
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            self.list.addItem(item)
            if org.id == chosen:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def chosen_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_chosen(self) -> None:
        org_id = self.chosen_id()
        org = next((org for org in self._project.organisations if org.id == org_id), None)
        if org is not None:
            for field, value in zip((self.name, self.short_name, self.lead, self.email),
                                    (org.name, org.short_name, org.lead_name, org.lead_email), strict=True):
                field.setText(value)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.chosen_id() is not None
        for button in (self.save_button, self.remove_button):
            button.setEnabled(self._editable and chosen)
            if self._editable:
                button.setToolTip("" if chosen else "Choose a partner in the list first")
        # Enter in the form does what the form is for: save the chosen partner, or add the new one. Left
        # to Qt, the first button (New) was the default, and Enter emptied what had just been typed.
        (self.save_button if chosen else self.add_button).setDefault(self._editable)

    def _on_new(self) -> None:
        self.list.setCurrentRow(-1)
        self.clear_form()
        self.name.setFocus()

    def _on_save(self) -> None:
        org_id = self.chosen_id()
        org = next((org for org in self._project.organisations if org.id == org_id), None)
        if org is None:
            return
        typed = {"name": self.name.text().strip(), "short_name": self.short_name.text().strip(),
                 "lead_name": self.lead.text().strip(), "lead_email": self.email.text().strip()}
        changes = {field: value for field, value in typed.items() if value != getattr(org, field)}
        if changes:
            self.edit_requested.emit(org.id, changes)

    def _on_add(self) -> None:
        if self.name.text().strip():
            self.add_requested.emit(self.name.text().strip(), self.short_name.text().strip(),
                                    self.lead.text().strip(), self.email.text().strip())

    def clear_form(self) -> None:
        for field in (self.name, self.short_name, self.lead, self.email):
            field.clear()

    def _on_remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))
