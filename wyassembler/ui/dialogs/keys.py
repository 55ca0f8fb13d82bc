"""The personal key's dialogs: make a key, unlock it for the session, and the project's keys
(register mine, confirm one after checking its fingerprint with its owner, revoke one).

Private keys and passphrases stay in :mod:`wyassembler.keystore`; these dialogs only collect the
passphrase and hand it over. What changes the project is a request the window carries out as a
command (:mod:`..operations.keys`), so each key event is one undo step like any other change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ... import keystore
from ...core.keys import CONFIRMED, PROPOSED, KeyState, key_states
from ...core.model import Project

FINGERPRINT_ROLE = Qt.ItemDataRole.UserRole + 1
CHECK_BY_PHONE = ("Call the key's owner (on a number you already know, not one from an email) and have them "
                  "read you their fingerprint from Partner \u203a My Key\u2026. Confirm only if all 16 groups match.")


def fingerprint_lines(fingerprint: str) -> str:
    """The 16 groups of a fingerprint as two lines of eight, easy to read aloud."""
    groups = fingerprint.split()
    return " ".join(groups[:8]) + "\n" + " ".join(groups[8:])


def fingerprint_label(fingerprint: str, point_size: int = 16) -> QLabel:
    """A label showing a fingerprint large, in a fixed-width font, selectable to copy."""
    label = QLabel(fingerprint_lines(fingerprint))
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(f"Fingerprint {fingerprint}")
    return label


def _passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("keyError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e")
    label.hide()
    return label


class NewKeyDialog(QDialog):
    """Make the person's key: a name and a passphrase typed twice. "Not Now" skips it (Partner › My Key… later);
    "Import a Key File…" closes it with :attr:`IMPORT_KEY_FILE`, for the window to import one instead."""

    IMPORT_KEY_FILE = 2  # the result when the person would rather bring the key they have on another computer

    def __init__(self, name: str = "", parent: QWidget | None = None, first_run: bool = False,
                 replace_unreadable: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make Your Signing Key")
        self.key: keystore.UnlockedKey | None = None
        self.replace_unreadable = replace_unreadable
        intro = QLabel("A personal key signs your organisation's sign-offs and endorsements, so anyone can check "
                       "that you made them. Its passphrase cannot be recovered: if you lose it, you make a new key."
                       + ("\n\nYou can skip this now and make a key later from Partner \u203a My Key\u2026."
                          if first_run else "")
                       + ("\n\nYour key file cannot be read: a new key replaces it (the old file is kept as a "
                          "backup)." if replace_unreadable else ""))
        intro.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Your name")
        self.passphrase = _passphrase_field("Passphrase")
        self.repeat = _passphrase_field("Passphrase again")
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("&Again:", self.repeat)
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton("&Create Key", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton("Not No&w", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button = buttons.addButton("&Import a Key File\u2026", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setToolTip("Use the key you made on another computer (exported with 'wyassembler key "
                                      "export' or copied from its data folder)")
        self.import_button.clicked.connect(lambda: self.done(self.IMPORT_KEY_FILE))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def _problem(self) -> str | None:
        if not self.name.text().strip():
            return "Give your name for the key."
        if not self.passphrase.text().strip():
            return "Choose a passphrase."
        if self.passphrase.text() != self.repeat.text():
            return "The two passphrases differ: type the same passphrase twice."
        return None

    def accept(self) -> None:
        """Make the key and keep it unlocked for the session; a problem is said in the dialog, which stays open."""
        problem = self._problem()
        if problem is None:
            try:
                keystore.create_key(self.name.text(), self.passphrase.text(), replace=self.replace_unreadable)
                self.key = keystore.unlock(self.passphrase.text())
            except keystore.KeyStoreError as error:
                problem = str(error)
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()


class UnlockKeyDialog(QDialog):
    """The passphrase, once per session; a wrong one is said here and the person tries again.

    ``open_key`` unlocks with the passphrase typed (the installed key's :func:`keystore.unlock` unless given:
    importing a key file proves its passphrase with :func:`keystore.import_key`)."""

    def __init__(self, info: keystore.KeyInfo, why: str = "", parent: QWidget | None = None,
                 open_key: Callable[[str], keystore.UnlockedKey] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unlock Your Key")
        self.key: keystore.UnlockedKey | None = None
        self.open_key = open_key or keystore.unlock
        text = QLabel(f"{why + ' ' if why else ''}Type the passphrase of your key \u201c{info.name}\u201d "
                      f"({info.fingerprint[:19]}\u2026). It stays unlocked until you quit wyassembler.")
        text.setWordWrap(True)
        self.passphrase = _passphrase_field("Passphrase")
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Unlock")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.key = self.open_key(self.passphrase.text())
        except keystore.KeyStoreError as error:
            wrong = "wrong passphrase" in str(error)
            self.error.setText("Wrong passphrase: try again." if wrong else str(error))
            self.error.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        super().accept()


class ConfirmKeyDialog(QDialog):
    """The fingerprint of the key to confirm, large, and what to check before confirming it."""

    def __init__(self, fingerprint: str, owner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm a Key")
        heading = QLabel(f"Is this the key of {owner}?")
        heading.setWordWrap(True)
        instruction = QLabel(CHECK_BY_PHONE)
        instruction.setWordWrap(True)
        self.fingerprint = fingerprint_label(fingerprint, 18)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("The Fingerprints &Match: Confirm")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.fingerprint)
        layout.addWidget(instruction)
        layout.addWidget(buttons)


def _state_words(state: KeyState) -> str:
    if state.trusted_on_first_use and state.state == CONFIRMED:
        return "confirmed (trusted on first use)"
    return state.state


class KeysDialog(QDialog):
    """Every organisation's keys and their state; register, confirm and revoke are requests to the window."""

    register_requested = Signal()
    confirm_requested = Signal(str)  # fingerprint
    revoke_requested = Signal(str)  # fingerprint

    def __init__(self, project: Project, my_fingerprint: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keys")
        self.my_fingerprint = my_fingerprint
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Organisation and key", "State", "Since", "By"])
        self.tree.setAccessibleName("Each organisation's keys")
        self.register_button = QPushButton("&Register My Key")
        self.confirm_button = QPushButton("&Confirm\u2026")
        self.revoke_button = QPushButton("Re&voke\u2026")
        self.register_button.clicked.connect(self.register_requested)
        self.confirm_button.clicked.connect(lambda: self._request(self.confirm_requested))
        self.revoke_button.clicked.connect(lambda: self._request(self.revoke_requested))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.mine = QLabel()
        self.mine.setWordWrap(True)
        row = QHBoxLayout()
        for button in (self.register_button, self.confirm_button, self.revoke_button):
            button.setAutoDefault(False)  # Enter on a key closes; it registered my key, the first button
            row.addWidget(button)
        row.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mine)
        layout.addWidget(self.tree)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(760, 420)
        self.refresh(project)

    def refresh(self, project: Project) -> None:
        """Show the project's keys as they stand now."""
        self.tree.clear()
        self._states: dict[str, KeyState] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        for org_id, states in key_states(project).items():
            org_item = QTreeWidgetItem([project.org_label(org_id), f"{len(states)} key(s)" if states else "no key"])
            self.tree.addTopLevelItem(org_item)
            for state in states:
                mine = " (yours)" if state.fingerprint == self.my_fingerprint else ""
                item = QTreeWidgetItem([state.fingerprint + mine, _state_words(state),
                                        f"{state.since:%d %b %Y %H:%M} UTC", state.by])
                item.setData(0, FINGERPRINT_ROLE, state.fingerprint)
                item.setToolTip(0, f"Key of {project.org_label(org_id)}: {_state_words(state)}")
                org_item.addChild(item)
                self._states[state.fingerprint] = state
                self._items[state.fingerprint] = item
            org_item.setExpanded(True)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        registered = self.my_fingerprint is not None and self.my_fingerprint in self._states
        self.mine.setText("You have no key: make one with Partner \u203a My Key\u2026." if self.my_fingerprint is None
                          else f"Your key: {self.my_fingerprint}"
                          + ("" if registered else " \u2014 not registered in this project yet."))
        self.register_button.setEnabled(self.my_fingerprint is not None and not registered)
        self.register_button.setToolTip("You have no key yet: make one with Partner \u203a My Key\u2026"
                                        if self.my_fingerprint is None else
                                        "Your key is registered in this project already" if registered else "")
        self._update_buttons()

    def select_key(self, fingerprint: str) -> None:
        """Make the key with ``fingerprint`` the current row."""
        self.tree.setCurrentItem(self._items[fingerprint])

    def current_fingerprint(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, FINGERPRINT_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def _update_buttons(self) -> None:
        state = self._states.get(self.current_fingerprint() or "")
        self.confirm_button.setEnabled(state is not None and state.state == PROPOSED)
        self.revoke_button.setEnabled(state is not None and state.state != "revoked")
        # A disabled button says why: nothing chosen, or the key already past that step.
        chosen = "Choose a key in the list first"
        self.confirm_button.setToolTip(chosen if state is None else "" if state.state == PROPOSED
                                       else f"This key is {_state_words(state)}: only a proposed key is confirmed")
        self.revoke_button.setToolTip(chosen if state is None else "This key is revoked already"
                                      if state.state == "revoked" else "")

    def _request(self, signal: SignalInstance) -> None:
        fingerprint = self.current_fingerprint()
        if fingerprint is not None:
            signal.emit(fingerprint)
