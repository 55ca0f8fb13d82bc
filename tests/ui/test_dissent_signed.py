"""Issue 18 in the app, signed and watched: an endorsement with reservations, a decline and an authority
record are signed with the person's key as endorsements are, and Qt's model tester watches the matrix
while the new states come and go."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import CALDERDALE_LEAD
from tests.ui.test_dissent import ORG, answering, click, reservation_on_section_3, response_cell
from tests.ui.test_keys import PASSPHRASE, Unlocks
from wyassembler import keystore
from wyassembler.core import signoff
from wyassembler.core.authority import authority_verdict
from wyassembler.core.keys import key_ledger
from wyassembler.core.partner_records import DECLINED
from wyassembler.core.verification import VALID, signature_state
from wyassembler.ui.dialogs.authority import AuthorityDialog
from wyassembler.ui.dialogs.endorse import EndorseDialog
from wyassembler.ui.dialogs.keys import UnlockKeyDialog


def coordinator_with_key(sample_window, monkeypatch):
    """The sample open as the coordinator, whose key is made, registered and unlocked (trusted on first use)."""
    keystore.create_key("H. Dawson", PASSPHRASE)
    window = sample_window()
    stand_in = Unlocks(PASSPHRASE)
    monkeypatch.setattr(UnlockKeyDialog, "exec", lambda dialog: stand_in(dialog))
    window.keys.register_my_key()
    return window


def test_reservations_a_decline_and_authority_are_signed_with_the_key(qtbot, sample_window, monkeypatch):
    window = coordinator_with_key(sample_window, monkeypatch)
    project, org = window.document.project, "joint-services"
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: reservation_on_section_3(qtbot, d)))
    window.app_actions.endorse_choice.trigger()
    endorsement = project.endorsements[-1]
    assert endorsement.reservations and signature_state(project, endorsement) == VALID
    assert response_cell(window, org).data() == "With reservations \u00b7 signed"

    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: click(qtbot, d.decline)))
    window.app_actions.endorse_choice.trigger()
    decline = project.endorsements[-1]
    assert decline.decision == DECLINED and signature_state(project, decline) == VALID
    assert "signed with a confirmed key" in response_cell(window, org).data(Qt.ItemDataRole.ToolTipRole)

    def fill(dialog):
        qtbot.keyClicks(dialog.reference, "Partnership board, 3 March 2006, item 7")
    monkeypatch.setattr(AuthorityDialog, "exec", answering(qtbot, fill))
    window.app_actions.record_authority.trigger()
    authority = project.authorities[-1]
    assert authority.signature is not None
    assert authority_verdict(project, authority, key_ledger(project)).state == VALID


def test_the_model_tester_watches_the_matrix_through_the_new_states(qtbot, sample_window, monkeypatch,
                                                                     qtmodeltester):
    window = sample_window(CALDERDALE_LEAD)
    model = window.signoff_panel.model
    qtmodeltester.check(model)
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: reservation_on_section_3(qtbot, d)))
    window.app_actions.endorse_choice.trigger()
    assert model.state_at(model.rowCount() - 1, ORG) == signoff.ENDORSED_WITH_RESERVATIONS
    qtmodeltester.check(model)
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: click(qtbot, d.decline)))
    window.app_actions.endorse_choice.trigger()
    assert model.state_at(model.rowCount() - 1, ORG) == DECLINED
    qtmodeltester.check(model)
    # Every text a cell can show fits the column: the new words are among the badges columns are sized for.
    assert {"With reservations", "Declined"} <= set(model.badge_texts())
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert model.state_at(model.rowCount() - 1, ORG) == signoff.ENDORSED
    qtmodeltester.check(model)


def test_reservations_a_decline_authority_and_settings_are_saved_and_shown_again(qtbot, sample_window, make_window,
                                                                                 monkeypatch, dialogs, tmp_path):
    from tests.ui.conftest import COORDINATOR, save_and_wait
    from wyassembler.core.model import Actor
    from wyassembler.core.partners import set_properties
    from wyassembler.core.signoff import decline_response

    window = sample_window(CALDERDALE_LEAD)
    project = window.document.project
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: reservation_on_section_3(qtbot, d)))
    window.app_actions.endorse_choice.trigger()

    def fill(dialog):
        qtbot.keyClicks(dialog.reference, "Cabinet, 12 January 2006, minute 45")
    monkeypatch.setattr(AuthorityDialog, "exec", answering(qtbot, fill))
    window.app_actions.record_authority.trigger()
    decline_response(project, Actor("kirklees", "S. Patel", "partner lead"), "Not agreed.", named=True)
    set_properties(project, Actor("joint-services", "H. Dawson", "coordinator"), member_list="endorsers")
    dialogs.save_path = str(tmp_path / "response.wyproj")
    assert save_and_wait(qtbot, window)

    again = make_window(COORDINATOR)
    assert again.open_path(tmp_path / "response.wyproj")
    reopened = again.document.project
    assert reopened.member_list == "endorsers"
    assert response_cell(again).data() == "With reservations"
    tip = response_cell(again).data(Qt.ItemDataRole.ToolTipRole)
    assert "On section 3 " in tip and "We would phase the shared data centre over five years." in tip
    assert "Authority: Cabinet member decision: Cabinet, 12 January 2006, minute 45" not in tip  # the default kind
    assert "Authority: Delegated officer decision: Cabinet, 12 January 2006, minute 45" in tip
    assert response_cell(again, "kirklees").data() == "Declined"
    assert "\u201cNot agreed.\u201d" in response_cell(again, "kirklees").data(Qt.ItemDataRole.ToolTipRole)
