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
