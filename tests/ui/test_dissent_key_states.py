"""Issue 18's records in the app with a key that may not sign them (revoked, or registered and never confirmed),
in a response that requires signatures: each is refused in one message saying why, its passphrase never asked
for, and nothing is recorded."""

from __future__ import annotations

import pytest

from tests.factories import COORDINATOR as COORDINATOR_ACTOR
from tests.signing import TestSigner
from tests.ui.conftest import CALDERDALE_LEAD
from tests.ui.test_dissent import answering, click, reservation_on_section_3
from tests.ui.test_keys import PASSPHRASE, registered_window, unlocks  # noqa: F401  (unlocks: a fixture)
from wyassembler.core.keys import confirm_key, key_states, register_key, revoke_key
from wyassembler.core.partners import set_properties
from wyassembler.ui.dialogs.authority import AuthorityDialog
from wyassembler.ui.dialogs.confidential import ConfidentialDialog
from wyassembler.ui.dialogs.endorse import EndorseDialog


def _reason(qtbot, dialog) -> None:
    qtbot.keyClicks(dialog.reason, "names members of staff")


def _reference(qtbot, dialog) -> None:
    qtbot.keyClicks(dialog.reference, "Cabinet, 12 January 2006, minute 45")


RECORDS = {  # the dialog the action opens, how a person fills it, the action, the operation behind it
    "endorsement with a reservation": (EndorseDialog, reservation_on_section_3, "endorse_choice",
                                       lambda window: window.signing.endorse_or_decline),
    "decline": (EndorseDialog, lambda qtbot, dialog: click(qtbot, dialog.decline), "endorse_choice",
                lambda window: window.signing.endorse_or_decline),
    "authority": (AuthorityDialog, _reference, "record_authority", lambda window: window.signing.record_authority),
    "mark": (ConfidentialDialog, _reason, "mark_confidential",
             lambda window: window.sections.confidentiality.mark_confidential),
}


def _records(project) -> tuple:
    return (len(project.endorsements), len(project.authorities), sum(len(s.marks) for s in project.all_sections()))


@pytest.mark.parametrize("state", ["revoked", "proposed"])
@pytest.mark.parametrize("record", sorted(RECORDS))
def test_a_record_the_key_may_not_sign_is_offered_with_the_reason_and_refused_in_one_message(
        qtbot, sample_window, unlocks, dialogs, monkeypatch, state, record):  # noqa: F811 - the fixture imported above
    window = registered_window(sample_window, unlocks, CALDERDALE_LEAD)  # Calderdale's key: proposed
    project = window.document.project
    coordinator_key = TestSigner()
    register_key(project, COORDINATOR_ACTOR, coordinator_key.public_key, coordinator_key)
    (mine,) = key_states(project)["calderdale"]
    if state == "revoked":
        confirm_key(project, COORDINATOR_ACTOR, mine.fingerprint, coordinator_key)
        revoke_key(project, COORDINATOR_ACTOR, mine.fingerprint, coordinator_key, "laptop lost")
    set_properties(project, COORDINATOR_ACTOR, signer=coordinator_key, require_signatures=True)
    assert [key.state for key in key_states(project)["calderdale"]] == [state]
    window.keys.unlocked = None
    asked = unlocks(PASSPHRASE)
    section = next(s for s in project.all_sections() if s.owner == "calderdale")
    window.select_section(section.id)
    dialog_class, fill, action, operation = RECORDS[record]
    why = "was revoked" if state == "revoked" else "is only proposed"
    # The menu offers it greyed, saying why, before anyone fills its dialog in...
    offered = getattr(window.app_actions, action)
    assert not offered.isEnabled()
    assert "Signatures are required, and your key cannot sign" in offered.toolTip() and why in offered.toolTip()
    # ...and reached another way (a shortcut pressed as the key is revoked), it is refused in one message.
    monkeypatch.setattr(dialog_class, "exec", answering(qtbot, lambda dialog: fill(qtbot, dialog)))
    before, dialogs.shown[:] = _records(project), []
    operation(window)()
    assert _records(project) == before
    assert asked.asked == 0  # the passphrase was not asked for
    (message,) = dialogs.shown
    assert message.startswith("This response requires signatures: nothing was recorded.") and why in message
