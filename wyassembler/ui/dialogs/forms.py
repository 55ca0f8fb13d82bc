"""Small dialogs: who you are, a new response, a new section, ownership, a note for a change request.

Each dialog only gathers answers; the window turns them into core calls (keeping who you are for
next time is :func:`keep_identity`, shared by the first run and Edit › Your Identity).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget)

from ...core import signoff
from ...core.errors import WyassemblerError
from ...core.model import ROLES, Project
from ...core.presets import WEST_YORKSHIRE, preset_organisations
from ...core.refusals import sentence
from ...settings import Identity, save_identity
from ..common.errors import show_error
from ..common.submit_keys import send_with_ctrl_enter


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("dialogIntro")
    return label


class IdentityDialog(QDialog):
    """Name, organisation and role: asked on the first run and kept in the user's config folder."""

    def __init__(self, identity: Identity | None, project: Project | None = None, parent: QWidget | None = None,
                 first_run: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to wyassembler" if first_run else "Your Identity")
        self.name = QLineEdit(identity.name if identity else "")
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. J. Smith")
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        # Enter must not add the typed name as an item without an organisation id behind it.
        self.organisation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.organisation.setAccessibleName("Your organisation")
        orgs = list(project.organisations) if project is not None else preset_organisations(WEST_YORKSHIRE)
        for org in orgs:
            self.organisation.addItem(org.name, org.id)
        if identity is not None:
            found = self.organisation.findData(identity.organisation)
            if found < 0:
                found = self.organisation.findText(identity.organisation, Qt.MatchFlag.MatchFixedString)
            if found >= 0:
                self.organisation.setCurrentIndex(found)
            else:
                self.organisation.setEditText(identity.organisation)
        self.role = QComboBox()
        self.role.setAccessibleName("Your role")
        for role in ROLES:
            self.role.addItem(role.capitalize(), role)
        self.role.setCurrentIndex(max(0, self.role.findData(identity.role if identity else "contributor")))
        roles_help = QLabel("Contributors write their organisation's sections. Partner leads also sign them "
                            "off and endorse the response. The coordinator shapes the outline, the partners "
                            "and the properties, and exports the Word document.")
        roles_help.setWordWrap(True)
        roles_help.setObjectName("hint")

        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("&Role:", self.role)
        layout = QVBoxLayout(self)
        if first_run:
            layout.addWidget(_intro("Before you start, tell wyassembler who you are. Your name and organisation "
                                    "are recorded with every change and sign-off you make."))
        layout.addLayout(form)
        layout.addWidget(roles_help)
        self.buttons = _buttons(self, "Continue" if first_run else "Save")
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self.organisation.editTextChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(460, self.sizeHint().height())

    def _update_ok(self) -> None:
        ok = bool(self.name.text().strip()) and bool(self.organisation.currentText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def identity(self) -> Identity:
        text = self.organisation.currentText().strip()
        index = self.organisation.findText(text, Qt.MatchFlag.MatchFixedString)
        org = self.organisation.itemData(index) if index >= 0 else None
        # An organisation the list does not know is kept as typed (read only until it is a partner).
        return Identity(self.name.text().strip(), org or text, self.role.currentData())


def keep_identity(parent: QWidget | None, identity: Identity) -> bool:
    """Save who you are for next time; if that fails, say so and carry on with it for this run."""
    try:
        save_identity(identity)
    except (OSError, WyassemblerError) as error:  # FileWriteError is a WyassemblerError, not an OSError
        show_error(parent, "Your identity could not be saved for next time.", error)
        return False
    return True


class NewResponseDialog(QDialog):
    """Title, subtitle and whether to start with the West Yorkshire partners."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Response")
        self.title = QLineEdit()
        self.title.setAccessibleName("Title of the response")
        self.title.setPlaceholderText("e.g. Response to the Transformational Government strategy")
        self.subtitle = QLineEdit()
        self.subtitle.setAccessibleName("Subtitle")
        self.preset = QCheckBox("Start with the West Yorkshire partnership (ten bodies, Joint Services coordinating)")
        self.preset.setChecked(True)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Subtitle:", self.subtitle)
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("A new joint response. "
                                "You can change all of this later under Project \u203a Properties."))
        layout.addLayout(form)
        layout.addWidget(self.preset)
        self.buttons = _buttons(self, "Create")
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.title.text().strip()))

    def values(self) -> tuple[str, str, str | None]:
        preset = WEST_YORKSHIRE if self.preset.isChecked() else None
        return self.title.text().strip(), self.subtitle.text().strip(), preset


class AddSectionDialog(QDialog):
    """A new section's heading and owning organisation."""

    def __init__(self, project: Project, default_owner: str | None, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Section")
        self.heading = QLineEdit()
        self.heading.setAccessibleName("Heading of the new section")
        self.owner = QComboBox()
        self.owner.setAccessibleName("Organisation that owns the new section")
        for org in project.organisations:
            self.owner.addItem(org.name, org.id)
        if default_owner:
            self.owner.setCurrentIndex(max(0, self.owner.findData(default_owner)))
        form = QFormLayout()
        form.addRow("&Heading:", self.heading)
        form.addRow("&Owner:", self.owner)
        layout = QVBoxLayout(self)
        layout.addWidget(_intro(where))
        layout.addLayout(form)
        self.buttons = _buttons(self, "Add")
        layout.addWidget(self.buttons)
        self.heading.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(480, self.sizeHint().height())

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.heading.text().strip()))

    def values(self) -> tuple[str, str]:
        return self.heading.text().strip(), self.owner.currentData()


class OwnershipDialog(QDialog):
    """Which organisation owns a section and which others contribute to it."""

    def __init__(self, project: Project, owner: str, contributors: list[str], heading: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Owner and Contributors")
        self.owner = QComboBox()
        self.owner.setAccessibleName("Owning organisation")
        self.contributors = QListWidget()
        self.contributors.setAccessibleName("Contributing organisations")
        for org in project.organisations:
            self.owner.addItem(org.name, org.id)
            item = QListWidgetItem(org.name)
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if org.id in contributors else Qt.CheckState.Unchecked)
            self.contributors.addItem(item)
        self.owner.setCurrentIndex(max(0, self.owner.findData(owner)))
        layout = QVBoxLayout(self)
        layout.addWidget(_intro(f"\u201c{heading}\u201d is signed off by its owner; contributors may also edit "
                                f"it and ask for changes."))
        form = QFormLayout()
        form.addRow("&Owner:", self.owner)
        form.addRow("&Contributors:", self.contributors)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Save"))

    def values(self) -> tuple[str, list[str]]:
        contributors = [self.contributors.item(i).data(Qt.ItemDataRole.UserRole)
                        for i in range(self.contributors.count())
                        if self.contributors.item(i).checkState() == Qt.CheckState.Checked]
        return self.owner.currentData(), contributors


class NoteDialog(QDialog):
    """The note that must go with a request for changes."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Request Changes")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("What should change")
        self.note.setPlaceholderText("Say what should change, so the owner can act on it.")
        self.note.setTabChangesFocus(True)  # Tab goes on to the buttons: it typed a tab, and the keyboard was stuck
        layout = QVBoxLayout(self)
        layout.addWidget(_intro(f"Ask for changes to {what}. Your note is shown to the other partners "
                                f"in wyassembler; it never appears in the exported document."))
        layout.addWidget(self.note)
        self.buttons = _buttons(self, "Request Changes")
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self._update_ok)
        self._update_ok()
        send_with_ctrl_enter(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))  # Enter: a new line
        self.resize(480, 260)

    def _update_ok(self) -> None:
        # The note checked as the core will check it, so one it refuses (none, or too long) is refused here,
        # not after the key's passphrase has been asked for.
        try:
            signoff.decision_note(signoff.CHANGES_REQUESTED, self.text())
            problem = ""
        except WyassemblerError as error:
            problem = sentence(str(error))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        ok.setToolTip(problem)

    def text(self) -> str:
        """The note, as typed (without surrounding white space)."""
        return self.note.toPlainText().strip()
