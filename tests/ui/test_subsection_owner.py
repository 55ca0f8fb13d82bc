"""Section > Add Sub-section as a partner: the new section is the partner's own, never another
organisation's (only the coordinator assigns owners; issue 15, attack tests)."""

from __future__ import annotations

from wyassembler.core.signoff import section_states
from wyassembler.settings import Identity
from wyassembler.ui.dialogs.forms import AddSectionDialog

POLICE_LEAD = Identity("P. Clarke", "police", "partner lead")  # a contributor to section 3, Calderdale's


def _add_subsection(window, monkeypatch, heading: str, owner: str | None = None) -> None:
    def answer(dialog):
        dialog.heading.setText(heading)
        if owner is not None:
            dialog.owner.setCurrentIndex(dialog.owner.findData(owner))
        return AddSectionDialog.DialogCode.Accepted

    monkeypatch.setattr(AddSectionDialog, "exec", answer)
    window.select_section(window.document.project.find_section("3").id)
    window.app_actions.add_subsection.trigger()


def test_a_partners_sub_section_is_its_own_by_default(sample_window, monkeypatch):
    window = sample_window(POLICE_LEAD)
    _add_subsection(window, monkeypatch, "Policing detail")
    [child] = window.document.project.find_section("3").children
    assert (child.heading, child.owner, child.contributors) == ("Policing detail", "police", [])
    assert section_states(child) == {"police": "pending"}


def test_a_partner_cannot_give_a_sub_section_to_another_organisation(sample_window, monkeypatch, dialogs):
    window = sample_window(POLICE_LEAD)
    _add_subsection(window, monkeypatch, "Kirklees's now", owner="kirklees")
    assert window.document.project.find_section("3").children == []
    assert any("only the coordinating organisation" in text.lower() for text in dialogs.shown), dialogs.shown
    assert not window.document.undo_stack.canUndo()
