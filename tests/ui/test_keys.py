"""The personal key in the app: made on first run (or skipped), unlocked once per session, signing
sign-offs and endorsements; the matrix saying which decisions are signed; the Keys dialog; requiring
signatures from the properties dialog. Real widgets; every modal answered by a stand-in."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.factories import COORDINATOR as COORDINATOR_ACTOR
from tests.signing import TestSigner
from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, identity_answer
from wyassembler import keystore
from wyassembler.core import signatures
from wyassembler.core.keys import key_states, register_key
from wyassembler.core.partners import set_properties
from wyassembler.core.signoff import endorse_response
from wyassembler.core.verification import signature_state
from wyassembler.ui import app as ui_app
from wyassembler.ui.dialogs.forms import AddSectionDialog, IdentityDialog, OwnershipDialog
from wyassembler.ui.dialogs.keys import ConfirmKeyDialog, KeysDialog, NewKeyDialog, UnlockKeyDialog
from wyassembler.ui.dialogs.project import PropertiesDialog
from wyassembler.ui.models.signoff_matrix import SignoffMatrixModel

PASSPHRASE = "correct horse battery staple"


class Unlocks:
    """A stand-in for UnlockKeyDialog.exec: types each passphrase in turn, or cancels when they run out."""

    def __init__(self, *passphrases: str) -> None:
        self.passphrases = list(passphrases)
        self.errors: list[str] = []
        self.asked = 0

    def __call__(self, dialog: UnlockKeyDialog):
        self.asked += 1
        while self.passphrases:
            dialog.passphrase.setText(self.passphrases.pop(0))
            dialog.accept()
            if dialog.result() == UnlockKeyDialog.DialogCode.Accepted:
                return UnlockKeyDialog.DialogCode.Accepted
            self.errors.append(dialog.error.text())
        return UnlockKeyDialog.DialogCode.Rejected


@pytest.fixture
def unlocks(monkeypatch):
    def install(*passphrases: str) -> Unlocks:
        stand_in = Unlocks(*passphrases)
        monkeypatch.setattr(UnlockKeyDialog, "exec", lambda dialog: stand_in(dialog))
        return stand_in
    return install


def registered_window(sample_window, unlocks, identity=COORDINATOR):
    """The sample open, the person's key made and registered (the coordinator's: trusted on first use)."""
    keystore.create_key(identity.name, PASSPHRASE)
    window = sample_window(identity)
    unlocks(PASSPHRASE)
    window.keys.register_my_key()
    return window


def endorsement_row(window) -> int:
    return window.signoff_panel.model.rowCount() - 1


# -- making and unlocking the key ---------------------------------------------------------------

def test_a_new_key_needs_the_same_passphrase_twice_and_stays_unlocked(qtbot):
    dialog = NewKeyDialog("H. Dawson")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE + "!")
    dialog.accept()
    assert dialog.result() != NewKeyDialog.DialogCode.Accepted
    assert "differ" in dialog.error.text()
    assert keystore.load_key_info() is None  # nothing written
    dialog.repeat.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == NewKeyDialog.DialogCode.Accepted
    info = keystore.load_key_info()
    assert info is not None and info.name == "H. Dawson"
    assert dialog.key is not None and dialog.key.fingerprint == info.fingerprint


def test_the_first_run_offers_a_key_after_the_identity(qtbot, monkeypatch):
    monkeypatch.setattr(IdentityDialog, "exec", identity_answer("P. Jones", "calderdale", "partner lead"))
    offered = []

    def make_key(dialog: NewKeyDialog):
        offered.append(dialog.name.text())
        dialog.passphrase.setText(PASSPHRASE)
        dialog.repeat.setText(PASSPHRASE)
        dialog.accept()
        return NewKeyDialog.DialogCode.Accepted

    monkeypatch.setattr(NewKeyDialog, "exec", make_key)
    window = ui_app.open_window()
    qtbot.addWidget(window)
    window.autosave_timer.stop()
    assert offered == ["P. Jones"]
    assert window.keys.unlocked is not None  # unlocked for the session: no passphrase asked again
    assert window.keys.unlocked.fingerprint == keystore.load_key_info().fingerprint


def test_the_first_key_can_be_skipped_and_made_later_from_the_menu(qtbot, monkeypatch, dialogs):
    monkeypatch.setattr(IdentityDialog, "exec", identity_answer("P. Jones", "calderdale", "partner lead"))
    monkeypatch.setattr(NewKeyDialog, "exec", lambda dialog: NewKeyDialog.DialogCode.Rejected)
    window = ui_app.open_window()
    qtbot.addWidget(window)
    window.autosave_timer.stop()
    assert keystore.load_key_info() is None and window.keys.unlocked is None
    assert window.app_actions.my_key.isEnabled()
    info = keystore.create_key("P. Jones", PASSPHRASE)
    window.app_actions.my_key.trigger()  # with a key: its fingerprint, to read aloud
    assert any(" ".join(info.fingerprint.split()[:8]) in shown for shown in dialogs.shown)


def test_a_wrong_passphrase_is_said_and_the_person_tries_again(sample_window, unlocks):
    keystore.create_key("H. Dawson", PASSPHRASE)
    window = sample_window()
    stand_in = unlocks("not it", PASSPHRASE)
    key = window.keys.unlock()
    assert stand_in.errors == ["Wrong passphrase: try again."]
    assert key is not None and window.keys.unlocked is key
    assert window.keys.unlock() is key and stand_in.asked == 1  # once per session


def exported_key(tmp_path, monkeypatch, name: str = "P. Jones"):
    """A key made on another computer and exported there; the data folder is then this computer's (no key)."""
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "desktop"))
    info = keystore.create_key(name, PASSPHRASE)
    carried = tmp_path / "my-key.json"
    keystore.export_key(carried)
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "laptop"))
    return info, carried


def test_the_first_run_can_import_a_key_file_proving_its_passphrase(qtbot, monkeypatch, tmp_path, dialogs, unlocks):
    info, carried = exported_key(tmp_path, monkeypatch)
    monkeypatch.setattr(IdentityDialog, "exec", identity_answer("P. Jones", "calderdale", "partner lead"))

    def choose_import(dialog: NewKeyDialog):
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(NewKeyDialog, "exec", choose_import)
    dialogs.open_path = str(carried)
    stand_in = unlocks("not it", PASSPHRASE)
    window = ui_app.open_window()
    qtbot.addWidget(window)
    window.autosave_timer.stop()
    assert stand_in.errors == ["Wrong passphrase: try again."]
    assert keystore.key_path().read_bytes() == carried.read_bytes()
    assert window.keys.unlocked is not None and window.keys.unlocked.fingerprint == info.fingerprint


def test_a_wrong_passphrase_then_cancel_installs_nothing(sample_window, monkeypatch, tmp_path, dialogs, unlocks):
    _, carried = exported_key(tmp_path, monkeypatch)
    monkeypatch.setattr(NewKeyDialog, "exec", lambda dialog: NewKeyDialog.IMPORT_KEY_FILE)
    window = sample_window()
    dialogs.open_path = str(carried)
    stand_in = unlocks("not it")  # then cancelled
    window.app_actions.my_key.trigger()  # no key yet: the new-key dialog, and its Import a Key File...
    assert stand_in.asked == 1 and stand_in.errors == ["Wrong passphrase: try again."]
    assert keystore.load_key_info() is None and window.keys.unlocked is None


def test_my_key_imports_over_a_key_only_when_the_person_says_replace(sample_window, monkeypatch, tmp_path, dialogs,
                                                                     unlocks):
    info, carried = exported_key(tmp_path, monkeypatch)
    laptop_key = keystore.create_key("P. Jones", "laptop words")
    before = keystore.key_path().read_bytes()
    window = sample_window()
    dialogs.open_path = str(carried)
    dialogs.message_box_button = "Import a Key File\u2026"
    dialogs.question_answer = QMessageBox.StandardButton.No
    stand_in = unlocks(PASSPHRASE)
    window.app_actions.my_key.trigger()
    assert any("Replace your key" in shown and laptop_key.fingerprint[:19] in shown for shown in dialogs.shown)
    assert stand_in.asked == 0 and keystore.key_path().read_bytes() == before
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    window.app_actions.my_key.trigger()
    assert stand_in.asked == 1
    assert keystore.load_key_info().fingerprint == info.fingerprint
    assert [path.read_bytes() for path in keystore.backups()] == [before]
    assert window.keys.unlocked is not None and window.keys.unlocked.fingerprint == info.fingerprint


@pytest.mark.parametrize("how", ["not json", "folder", "another public key"])
def test_a_bad_key_file_is_said_and_nothing_is_installed(sample_window, monkeypatch, tmp_path, dialogs, unlocks, how):
    source = tmp_path / "to-import.json"
    if how == "folder":
        source.mkdir()
    elif how == "not json":
        source.write_text("{ not a key")
    else:
        _, carried = exported_key(tmp_path, monkeypatch)
        record = json.loads(carried.read_bytes())
        record["public_key"] = signatures.encode(bytes(reversed(signatures.decode(record["public_key"], 32, "k"))))
        source.write_text(json.dumps(record))
    monkeypatch.setattr(NewKeyDialog, "exec", lambda dialog: NewKeyDialog.IMPORT_KEY_FILE)
    window = sample_window()
    dialogs.open_path = str(source)
    stand_in = unlocks(PASSPHRASE)
    window.app_actions.my_key.trigger()
    if how == "another public key":  # only the passphrase opens the private half to compare
        assert stand_in.asked == 1 and "do not belong together" in stand_in.errors[0]
    else:
        assert stand_in.asked == 0
        assert any("not imported" in shown and str(source) in shown for shown in dialogs.shown)
    assert keystore.load_key_info() is None and window.keys.unlocked is None


def test_over_a_damaged_key_my_key_makes_a_new_one_keeping_the_damaged_file(sample_window, monkeypatch, dialogs):
    keystore.create_key("H. Dawson", PASSPHRASE)
    keystore.key_path().write_bytes(b"overwritten")
    made = []

    def make_key(dialog: NewKeyDialog):
        dialog.passphrase.setText(PASSPHRASE)
        dialog.repeat.setText(PASSPHRASE)
        dialog.accept()
        made.append(dialog.error.text())
        return dialog.result()

    monkeypatch.setattr(NewKeyDialog, "exec", make_key)
    window = sample_window()
    window.app_actions.my_key.trigger()
    assert any("damaged" in shown for shown in dialogs.shown)
    assert made == [""] and window.keys.unlocked is not None
    assert keystore.load_key_info().fingerprint == window.keys.unlocked.fingerprint
    assert [path.read_bytes() for path in keystore.backups()] == [b"overwritten"]


def test_a_key_file_imports_over_a_damaged_key_when_the_person_says_replace(sample_window, monkeypatch, tmp_path,
                                                                            dialogs, unlocks):
    info, carried = exported_key(tmp_path, monkeypatch)
    keystore.create_key("P. Jones", "laptop words")
    keystore.key_path().write_bytes(b"overwritten")
    monkeypatch.setattr(NewKeyDialog, "exec", lambda dialog: NewKeyDialog.IMPORT_KEY_FILE)
    window = sample_window()
    dialogs.open_path = str(carried)
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    unlocks(PASSPHRASE)
    window.app_actions.my_key.trigger()
    assert any("Replace your key file, which cannot be read" in shown for shown in dialogs.shown)
    assert keystore.load_key_info().fingerprint == info.fingerprint
    assert [path.read_bytes() for path in keystore.backups()] == [b"overwritten"]


def test_cancelling_the_file_dialog_imports_nothing(sample_window, monkeypatch, dialogs, unlocks):
    monkeypatch.setattr(NewKeyDialog, "exec", lambda dialog: NewKeyDialog.IMPORT_KEY_FILE)
    window = sample_window()
    dialogs.open_path = ""
    stand_in = unlocks(PASSPHRASE)
    window.app_actions.my_key.trigger()
    assert stand_in.asked == 0 and keystore.load_key_info() is None


# -- signing ------------------------------------------------------------------------------------------

def test_the_coordinators_key_signs_the_endorsement_and_undo_redo_keep_it(sample_window, unlocks):
    window = registered_window(sample_window, unlocks)
    project = window.document.project
    assert [state.state for state in key_states(project)["joint-services"]] == ["confirmed"]
    stand_in = unlocks()  # already unlocked: not asked again
    window.signing.endorse()
    assert stand_in.asked == 0
    record = project.endorsements[-1]
    assert record.signature is not None and signature_state(project, record) == "valid"
    model, row = window.signoff_panel.model, endorsement_row(window)
    column = model._columns.index("joint-services")
    assert model.signature_at(row, "joint-services") == "valid"
    assert "signed" in model.data(model.index(row, column))
    assert "signed with a confirmed key" in model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    window.document.undo_stack.undo()
    assert record not in project.endorsements
    window.document.undo_stack.redo()
    assert project.endorsements[-1] is record and signature_state(project, record) == "valid"


def test_a_key_locked_when_signing_is_unlocked_first(sample_window, unlocks):
    window = registered_window(sample_window, unlocks)
    window.keys.unlocked = None  # a new session
    stand_in = unlocks(PASSPHRASE)
    window.signing.endorse()
    assert stand_in.asked == 1
    assert window.document.project.endorsements[-1].signature is not None


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_unlocking_cancelled_asks_before_signing_unsigned(sample_window, unlocks, dialogs, answer):
    window = registered_window(sample_window, unlocks)
    window.keys.unlocked = None
    unlocks()  # cancelled
    dialogs.question_answer = answer
    before = len(window.document.project.endorsements)
    window.signing.endorse()
    assert any("Sign without a signature?" in shown for shown in dialogs.shown)
    endorsements = window.document.project.endorsements
    if answer == QMessageBox.StandardButton.Yes:
        assert len(endorsements) == before + 1 and endorsements[-1].signature is None
    else:
        assert len(endorsements) == before


def test_a_project_requiring_signatures_refuses_an_unsigned_decision_with_the_reason(sample_window, unlocks,
                                                                                    dialogs):
    window = sample_window()
    window.document.project.require_signatures = True
    before = len(window.document.project.endorsements)
    window.signing.endorse()  # no key at all
    assert len(window.document.project.endorsements) == before
    assert any("requires signatures" in shown and "no signing key" in shown for shown in dialogs.shown)
    window.keys.unlocked = None
    keystore.create_key("H. Dawson", PASSPHRASE)
    unlocks(PASSPHRASE)
    window.keys.register_my_key()
    window.keys.unlocked = None
    unlocks()  # cancelled: refused, not asked whether to sign unsigned
    dialogs.shown.clear()
    window.signing.endorse()
    assert len(window.document.project.endorsements) == before
    assert not any("Sign without a signature?" in shown for shown in dialogs.shown)
    assert any("not unlocked" in shown for shown in dialogs.shown)


def test_a_proposed_key_does_not_sign(sample_window, unlocks):
    window = registered_window(sample_window, unlocks, CALDERDALE_LEAD)
    project = window.document.project
    assert [state.state for state in key_states(project)["calderdale"]] == ["proposed"]
    section = next(s for s in project.all_sections() if s.owner == "calderdale")
    window.select_section(section.id)
    window.signing.sign_off()
    assert section.signoffs[-1].org == "calderdale" and section.signoffs[-1].signature is None


# -- the matrix -----------------------------------------------------------------------------------------

def test_the_matrix_says_which_signatures_do_not_hold(sample_window, unlocks):
    window = registered_window(sample_window, unlocks)
    project = window.document.project
    window.signing.endorse()
    # The note changed after signing: the signature no longer covers the record.
    project.endorsements[-1] = dataclasses.replace(project.endorsements[-1], note="edited afterwards")
    model = SignoffMatrixModel(window.document)
    row, column = model.rowCount() - 1, model._columns.index("joint-services")
    assert model.signature_at(row, "joint-services") == "invalid"
    assert "signature invalid" in model.data(model.index(row, column))
    assert "signature invalid" in model.data(model.index(row, column), Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(model.index(row, column), Qt.ItemDataRole.DecorationRole) is not None


def test_unsigned_decisions_are_named_in_words_where_signatures_are_required(sample_window, unlocks):
    window = sample_window()
    window.signing.endorse()
    model = SignoffMatrixModel(window.document)
    row, column = model.rowCount() - 1, model._columns.index("joint-services")
    assert model.data(model.index(row, column)) == "Endorsed"  # unsigned, and nobody asks for signatures
    assert "unsigned" in model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    window.document.project.require_signatures = True
    model.refresh()
    assert "unsigned" in model.data(model.index(row, column))
    assert "does not count" in model.data(model.index(row, column), Qt.ItemDataRole.AccessibleTextRole)


def test_the_matrix_follows_the_signed_requirement_not_a_hand_cleared_flag(sample_window):
    window = sample_window()
    project = window.document.project
    coordinator_key = TestSigner()
    register_key(project, COORDINATOR_ACTOR, coordinator_key.public_key, coordinator_key)
    set_properties(project, COORDINATOR_ACTOR, signer=coordinator_key, require_signatures=True)
    endorse_response(project, COORDINATOR_ACTOR)  # unsigned: it does not count
    project.require_signatures = False  # the flag cleared by hand; the signed record still requires them
    model = SignoffMatrixModel(window.document)
    row, column = model.rowCount() - 1, model._columns.index("joint-services")
    assert "unsigned" in model.data(model.index(row, column))
    assert "does not count" in model.data(model.index(row, column), Qt.ItemDataRole.AccessibleTextRole)



def test_a_hand_cleared_flag_does_not_let_the_app_make_an_unsigned_decision(sample_window, dialogs):
    # The signed record still requires signatures: the app refuses, as the core and the matrix judge it.
    window = sample_window()
    project = window.document.project
    coordinator_key = TestSigner()
    register_key(project, COORDINATOR_ACTOR, coordinator_key.public_key, coordinator_key)
    set_properties(project, COORDINATOR_ACTOR, signer=coordinator_key, require_signatures=True)
    project.require_signatures = False  # cleared by hand in the file
    before = len(project.endorsements)
    window.signing.endorse()  # this person has no key of their own
    assert len(project.endorsements) == before
    assert any("requires signatures" in shown for shown in dialogs.shown)

# -- the keys dialog -------------------------------------------------------------------------------------

def as_person(window, monkeypatch, tmp_path, identity, folder: str):
    """The same window used by another person, with their own data folder (their own key)."""
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / folder))
    window.identity = identity
    window.document.set_identity(identity)
    window.keys.unlocked = None


def test_a_partners_key_is_registered_confirmed_and_revoked_from_the_keys_dialog(
        sample_window, unlocks, monkeypatch, tmp_path, dialogs):
    window = sample_window(CALDERDALE_LEAD)
    as_person(window, monkeypatch, tmp_path, CALDERDALE_LEAD, "calderdale")
    partner_key = keystore.create_key("J. Smith", PASSPHRASE)
    unlocks(PASSPHRASE)
    window.keys.register_my_key()
    project = window.document.project
    as_person(window, monkeypatch, tmp_path, COORDINATOR, "coordinator")
    keystore.create_key("H. Dawson", PASSPHRASE)
    unlocks(PASSPHRASE)
    checked = []

    def confirm(dialog: ConfirmKeyDialog):
        checked.append(dialog.fingerprint.text())
        return ConfirmKeyDialog.DialogCode.Accepted

    def use_dialog(dialog: KeysDialog):
        assert not dialog.confirm_button.isEnabled()
        dialog.register_button.click()  # the coordinator's own key: trusted on first use
        dialog.select_key(partner_key.fingerprint)
        assert dialog.confirm_button.isEnabled()
        dialog.confirm_button.click()
        dialog.select_key(partner_key.fingerprint)
        dialog.revoke_button.click()
        return KeysDialog.DialogCode.Rejected

    monkeypatch.setattr(ConfirmKeyDialog, "exec", confirm)
    monkeypatch.setattr(KeysDialog, "exec", use_dialog)
    dialogs.text_answer = ("left the council", True)
    window.app_actions.keys.trigger()
    groups = partner_key.fingerprint.split()
    assert checked == [" ".join(groups[:8]) + "\n" + " ".join(groups[8:])]  # all 16 groups, to read aloud
    states = key_states(project)
    assert [(s.state, s.trusted_on_first_use) for s in states["joint-services"]] == [("confirmed", True)]
    assert [s.state for s in states["calderdale"]] == ["revoked"]
    assert project.key_events[-1].reason == "left the council"
    window.document.undo_stack.undo()  # the revocation
    assert [s.state for s in key_states(project)["calderdale"]] == ["confirmed"]
    window.document.undo_stack.redo()
    assert [s.state for s in key_states(project)["calderdale"]] == ["revoked"]


def test_a_partner_cannot_confirm_its_own_proposed_key_without_a_confirmed_one(sample_window, unlocks, dialogs,
                                                                                monkeypatch):
    window = registered_window(sample_window, unlocks, CALDERDALE_LEAD)
    fingerprint = keystore.load_key_info().fingerprint
    events = list(window.document.project.key_events)
    monkeypatch.setattr(ConfirmKeyDialog, "exec", lambda dialog: ConfirmKeyDialog.DialogCode.Accepted)
    window.keys.confirm_key(fingerprint)
    assert window.document.project.key_events == events  # refused, nothing recorded
    assert any("only proposed" in shown for shown in dialogs.shown)


# -- requiring signatures ----------------------------------------------------------------------------------

def test_the_coordinator_requires_signatures_in_the_properties_dialog(sample_window, monkeypatch):
    window = sample_window()

    def require(dialog: PropertiesDialog):
        assert dialog.require_signatures.isEnabled()
        dialog.require_signatures.setChecked(True)
        return PropertiesDialog.DialogCode.Accepted

    monkeypatch.setattr(PropertiesDialog, "exec", require)
    window.app_actions.properties.trigger()
    assert window.document.project.require_signatures is True
    window.document.undo_stack.undo()
    assert window.document.project.require_signatures is False


def test_a_partner_sees_the_requirement_but_cannot_change_it(sample_window, qtbot):
    window = sample_window(CALDERDALE_LEAD)
    window.document.project.require_signatures = True
    dialog = PropertiesDialog(window.document.project, window.document.may_restructure())
    qtbot.addWidget(dialog)
    assert dialog.require_signatures.isChecked() and not dialog.require_signatures.isEnabled()
    assert "require_signatures" not in dialog.changes()


# -- other signed records: ownership, new sections, resolutions, a new coordinator ----------------------------

def test_an_ownership_change_and_its_undo_are_signed_assignments(sample_window, unlocks, monkeypatch):
    window = registered_window(sample_window, unlocks)
    project = window.document.project
    section = next(s for s in project.all_sections() if s.owner == "calderdale")
    window.select_section(section.id)

    def give_to_kirklees(dialog: OwnershipDialog):
        dialog.owner.setCurrentIndex(dialog.owner.findData("kirklees"))
        return OwnershipDialog.DialogCode.Accepted

    monkeypatch.setattr(OwnershipDialog, "exec", give_to_kirklees)
    window.app_actions.ownership.trigger()
    assert section.owner == "kirklees"
    assert section.assignments[-1].owner == "kirklees" and section.assignments[-1].signature is not None
    window.document.undo_stack.undo()
    assert section.owner == "calderdale"
    assert section.assignments[-1].owner == "calderdale" and section.assignments[-1].signature is not None


def test_a_new_sections_owner_is_signed(sample_window, unlocks, monkeypatch):
    window = registered_window(sample_window, unlocks)

    def add(dialog: AddSectionDialog):
        dialog.heading.setText("Signed from the start")
        return AddSectionDialog.DialogCode.Accepted

    monkeypatch.setattr(AddSectionDialog, "exec", add)
    window.app_actions.add_section.trigger()
    section = next(s for s in window.document.project.all_sections() if s.heading == "Signed from the start")
    assert section.assignments and section.assignments[-1].signature is not None


def test_a_resolution_of_conflict_copies_is_signed(sample_window, unlocks, monkeypatch):
    from tests.ui.test_sync import click, open_conflict
    from wyassembler.ui.dialogs.conflicts import ConflictsDialog

    window = sample_window()
    section = open_conflict(window)
    keystore.create_key("H. Dawson", PASSPHRASE)
    unlocks(PASSPHRASE)
    window.keys.register_my_key()
    monkeypatch.setattr(ConflictsDialog, "exec", click(lambda dialog: dialog.keep_button))
    window.app_actions.resolve_conflicts.trigger()
    assert not section.conflicts
    assert section.resolutions[-1].signature is not None


def test_handing_over_the_coordinator_role_is_signed(sample_window, unlocks, monkeypatch):
    window = registered_window(sample_window, unlocks)

    def hand_over(dialog: PropertiesDialog):
        dialog.coordinator.setCurrentIndex(dialog.coordinator.findData("calderdale"))
        return PropertiesDialog.DialogCode.Accepted

    monkeypatch.setattr(PropertiesDialog, "exec", hand_over)
    window.app_actions.properties.trigger()
    project = window.document.project
    assert project.coordinator == "calderdale"
    assert project.coordinator_changes[-1].signature is not None
