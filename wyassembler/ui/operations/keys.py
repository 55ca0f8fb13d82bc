"""The person's signing key in the app: made, or imported from a key file, on first run or from
Partner › My Key…, unlocked once per session and kept unlocked by the window; which signer a sign-off
gets; and the project's keys (Partner › Keys…): register mine, confirm one, revoke one, each a signed
key event and one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from ... import keystore
from ...core.errors import WyassemblerError
from ...core.keys import key_states, signing_problem
from ...core.model import Project
from ...core.signature_policy import signatures_required
from ..common.errors import show_error
from ..dialogs.keys import ConfirmKeyDialog, KeysDialog, NewKeyDialog, UnlockKeyDialog, fingerprint_lines
from ..project import commands

if TYPE_CHECKING:
    from ..main_window import MainWindow

SIGN_UNSIGNED = "Sign without a signature?"
KEY_FILE_FILTER = "Key files (*.json);;All files (*)"


class KeyOperations:
    """The key for one window: ``unlocked`` holds the unlocked key for the rest of the session."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.unlocked: keystore.UnlockedKey | None = None
        # The keys dialog while it is open: its requests come back here, and it is refreshed after each.
        self.keys_dialog: KeysDialog | None = None

    # -- the personal key -----------------------------------------------------------------

    def key_info(self) -> keystore.KeyInfo | None:
        """The person's key as anyone may see it; None when there is none or its file cannot be read (said)."""
        try:
            return keystore.load_key_info()
        except keystore.KeyStoreError as error:
            show_error(self.window, "Your signing key cannot be used.", error)
            return None

    def offer_first_key(self) -> None:
        """On first run, after the identity: offer to make a key (skippable; Partner › My Key… later)."""
        try:
            if keystore.load_key_info() is not None:
                return
        except keystore.KeyStoreError:
            return  # a damaged key file is reported when the key is used, not at start-up
        self._new_key(first_run=True)

    def my_key(self) -> None:
        """Partner › My Key…: make a key, or show the one the person has (its fingerprint, to read aloud)."""
        info = self.key_info()
        if info is None:
            self._new_key(first_run=False)
            return
        box = QMessageBox(QMessageBox.Icon.Information, "My Key", f"Your key \u201c{info.name}\u201d, made "
                          f"{info.created:%d %B %Y}. Its fingerprint:\n\n{fingerprint_lines(info.fingerprint)}",
                          QMessageBox.StandardButton.Close, self.window)
        box.setInformativeText("Read it to whoever confirms your key. "
                               + ("It is unlocked for this session." if self._unlocked_for(info) else
                                  "It is locked; wyassembler asks for its passphrase when it first signs."))
        import_button = box.addButton("&Import a Key File\u2026", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is import_button:
            self.import_key_file()

    def _new_key(self, first_run: bool) -> None:
        identity = self.window.identity
        try:  # only reached without a readable key: a file there is a damaged one, which a new key replaces
            unreadable = keystore.key_file_exists()
        except keystore.KeyStoreError:
            unreadable = False  # a link or a folder there: making the key says so
        dialog = NewKeyDialog(identity.name if identity is not None else "", self.window, first_run=first_run,
                              replace_unreadable=unreadable)
        result = dialog.exec()
        if result == NewKeyDialog.IMPORT_KEY_FILE:
            self.import_key_file()
        elif result == NewKeyDialog.DialogCode.Accepted and dialog.key is not None:
            self.unlocked = dialog.key
            self.window.update_everything()

    def import_key_file(self) -> None:
        """Import a Key File…: the person's key from another computer, installed once its passphrase opens it
        (so it is unlocked for the session); a key they have is replaced only if they say so, kept as a backup."""
        chosen, _ = QFileDialog.getOpenFileName(self.window, "Import a Key File", "", KEY_FILE_FILTER)
        if not chosen:
            return
        source = Path(chosen)
        try:
            offered = keystore.key_file_info(source)
            replace = keystore.key_file_exists()
        except keystore.KeyStoreError as error:
            show_error(self.window, "The key was not imported.", error)
            return
        if replace and not self._replace_agreed(offered):
            return
        dialog = UnlockKeyDialog(offered, "The key file is installed once its passphrase opens it.", self.window,
                                 open_key=lambda words: keystore.import_key(source, words, replace=replace))
        if dialog.exec() == UnlockKeyDialog.DialogCode.Accepted and dialog.key is not None:
            self.unlocked = dialog.key
            self.window.update_everything()

    def _replace_agreed(self, offered: keystore.KeyInfo) -> bool:
        """Whether the person agrees to replace their key (readable or damaged) with ``offered``."""
        try:
            current = keystore.load_key_info()
            theirs = f"your key \u201c{current.name}\u201d ({current.fingerprint[:19]}\u2026)" if current else ""
        except keystore.KeyStoreError:
            theirs = "your key file, which cannot be read,"
        answer = QMessageBox.question(self.window, "Replace Your Key", f"Replace {theirs} with the key "
                                      f"\u201c{offered.name}\u201d ({offered.fingerprint[:19]}\u2026)? Your key "
                                      f"file now is kept as a backup.",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _unlocked_for(self, info: keystore.KeyInfo) -> bool:
        return self.unlocked is not None and self.unlocked.fingerprint == info.fingerprint

    def unlock(self, why: str = "") -> keystore.UnlockedKey | None:
        """The unlocked key, asking for its passphrase if this session has not yet; None if cancelled or none."""
        info = self.key_info()
        if info is None:
            return None
        if self._unlocked_for(info):
            return self.unlocked
        dialog = UnlockKeyDialog(info, why, self.window)
        if dialog.exec() != UnlockKeyDialog.DialogCode.Accepted or dialog.key is None:
            return None
        self.unlocked = dialog.key
        return self.unlocked

    # -- signing decisions --------------------------------------------------------------------

    def decision_signer(self, why: str = "Your decision will be signed with your key.",
                        ) -> tuple[bool, keystore.UnlockedKey | None]:
        """(whether to go on, the signer) for a signed record by the acting person: a sign-off, an endorsement,
        a resolution of conflict copies, an ownership assignment.

        The key signs when it is a confirmed key of the acting organisation; if it is locked, the person is
        asked to unlock it. Without a signature: in a project requiring signatures the decision is refused
        with the reason; otherwise it is made unsigned, as before keys (asking first if they cancelled unlocking)."""
        document = self.window.document
        if document is None or document.actor is None:
            return True, None  # the command refuses with its own words
        project, org = document.project, document.actor.org
        info = self.key_info()
        problem = ("you have no signing key (make one with Partner \u203a My Key\u2026)" if info is None
                   else signing_problem(project, org, info.fingerprint))
        # The requirement in force (the flag, or the last valid signed record), as the core and the matrix
        # judge it: a flag cleared by hand in the file does not let an unsigned decision in.
        required = signatures_required(project)
        if problem is not None:
            if required:
                self._refuse(problem)
                return False, None
            return True, None
        key = self.unlock(why)
        if key is not None:
            return True, key
        if required:
            self._refuse("your key was not unlocked")
            return False, None
        answer = QMessageBox.question(self.window, "Sign Without a Signature", SIGN_UNSIGNED + " Others then "
                                      "cannot check that it was you who did this.",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes, None

    def _refuse(self, reason: str) -> None:
        show_error(self.window, "This response requires signatures: nothing was recorded.",
                   WyassemblerError(f"it cannot be signed: {reason}"))

    # -- the project's keys ---------------------------------------------------------------------

    def show_keys(self) -> None:
        """Partner › Keys…: each organisation's keys; register, confirm and revoke while it is open."""
        document = self.window.document
        if document is None:
            return
        info = self.key_info()
        dialog = KeysDialog(document.project, info.fingerprint if info is not None else None, self.window)
        dialog.register_requested.connect(self.register_my_key)
        dialog.confirm_requested.connect(self.confirm_key)
        dialog.revoke_requested.connect(self.revoke_key)
        self.keys_dialog = dialog
        try:
            dialog.exec()
        finally:
            self.keys_dialog = None

    def _run(self, what_failed: str, command: commands.CoreCommand) -> bool:
        done = self.window.run(what_failed, command)
        document = self.window.document
        if done and self.keys_dialog is not None and document is not None:
            self.keys_dialog.refresh(document.project)
        return done

    def register_my_key(self) -> None:
        """Register the person's key for their organisation (signed with it, so it is unlocked first)."""
        document = self.window.document
        key = self.unlock("Registering your key signs the registration with it.") if document else None
        if document is not None and key is not None:
            self._run("Your key was not registered.", commands.register_key_command(document, key))

    def confirm_key(self, fingerprint: str) -> None:
        """Confirm a proposed key once the person has checked its fingerprint with its owner."""
        document = self.window.document
        if document is None:
            return
        owner = _owner_of(document.project, fingerprint)
        if ConfirmKeyDialog(fingerprint, owner, self.window).exec() != ConfirmKeyDialog.DialogCode.Accepted:
            return
        key = self.unlock("Confirming a key signs the confirmation with your key.")
        if key is not None:
            self._run("The key was not confirmed.", commands.confirm_key_command(document, fingerprint, key))

    def revoke_key(self, fingerprint: str) -> None:
        """Revoke a key, with a reason: what it signed before stays valid, later signatures do not count."""
        document = self.window.document
        if document is None:
            return
        reason, ok = QInputDialog.getText(self.window, "Revoke a Key", f"Why is key {fingerprint[:19]}\u2026 "
                                          f"revoked (lost, left the organisation)?", QLineEdit.EchoMode.Normal)
        if not ok:
            return
        key = self.unlock("Revoking a key signs the revocation with your key.")
        if key is not None:
            self._run("The key was not revoked.", commands.revoke_key_command(document, fingerprint, key, reason))


def _owner_of(project: Project, fingerprint: str) -> str:
    """The organisation a key is registered to, as the person knows it."""
    return next((project.org_label(org) for org, states in key_states(project).items()
                 if any(state.fingerprint == fingerprint for state in states)), "its organisation")
