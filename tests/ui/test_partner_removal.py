"""The partners dialog's Remove Selected on a partner whose records the response keeps: refused before
anything changes, the reason named in one sentence, and the project still saves."""

from __future__ import annotations

from PySide6.QtCore import Qt

from wyassembler.core import signoff
from wyassembler.core.model import Actor
from wyassembler.ui.dialogs.project import PartnersDialog
from wyassembler.ui.project import commands

from tests.ui.conftest import COORDINATOR, save_and_wait


def _remove_in_the_dialog(monkeypatch, org_id: str) -> None:
    def choose_and_remove(dialog: PartnersDialog) -> int:
        for row in range(dialog.list.count()):
            if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == org_id:
                dialog.list.setCurrentRow(row)
        dialog.remove_button.click()
        return 0

    monkeypatch.setattr(PartnersDialog, "exec", choose_and_remove)


def test_removing_a_partner_that_endorsed_is_refused_in_one_sentence_and_the_project_saves(
        qtbot, sample_window, dialogs, monkeypatch, tmp_path):
    window = sample_window(COORDINATOR)
    document = window.document
    assert window.run("The partner was not added.", commands.AddOrganisationCommand(document, "Harrogate Borough "
                                                                                     "Council", "Harrogate"))
    org_id = document.project.organisations[-1].id
    signoff.decline_response(document.project, Actor(org_id, "R. Moss", "partner lead"), "Not for us")
    partners = list(document.project.organisations)
    steps = document.undo_stack.count()
    _remove_in_the_dialog(monkeypatch, org_id)

    window.project_ops.edit_partners()

    assert document.project.organisations == partners
    assert document.undo_stack.count() == steps
    refusal = [text for text in dialogs.shown if "cannot be removed" in text]
    assert len(refusal) == 1
    assert "Harrogate cannot be removed while it declined to endorse the response" in refusal[0]
    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)


def test_a_partner_nothing_names_is_removed_in_the_dialog(qtbot, sample_window, dialogs, monkeypatch, tmp_path):
    window = sample_window(COORDINATOR)
    document = window.document
    assert window.run("The partner was not added.", commands.AddOrganisationCommand(document, "Harrogate Borough "
                                                                                     "Council", "Harrogate"))
    org_id = document.project.organisations[-1].id
    _remove_in_the_dialog(monkeypatch, org_id)

    window.project_ops.edit_partners()

    assert org_id not in {org.id for org in document.project.organisations}
    assert not [text for text in dialogs.shown if "cannot be removed" in text]
    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)


def test_undoing_the_removal_of_an_endorser_puts_it_back_on_the_endorsers_list(sample_window):
    window = sample_window(COORDINATOR)
    document = window.document
    assert window.run("The partner was not added.", commands.AddOrganisationCommand(document, "Harrogate Borough "
                                                                                     "Council", "Harrogate"))
    org_id = document.project.organisations[-1].id
    assert window.run("Not changed.", commands.SetPropertiesCommand(document, {"endorsers": ["kirklees", org_id,
                                                                                            "calderdale"]}))
    assert window.run("The partner was not removed.", commands.RemoveOrganisationCommand(document, org_id))
    assert document.project.endorsers == ["kirklees", "calderdale"]

    document.undo_stack.undo()
    assert document.project.endorsers == ["kirklees", org_id, "calderdale"]
    document.undo_stack.redo()
    assert document.project.endorsers == ["kirklees", "calderdale"]
