"""Partners and dates (issue 16 item 6): a partner's details edited in the Partners dialog as one undoable
step, the deadline typed as people type dates, and the start page naming the organisation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR, KIRKLEES_LEAD
from wyassembler.ui.dialogs.project import PartnersDialog


def open_partners(window, monkeypatch, steps) -> PartnersDialog:
    """Open Project › Partners… and run ``steps(dialog)`` as the person would while it is open."""
    shown: list[PartnersDialog] = []

    def exec_(dialog):
        shown.append(dialog)
        steps(dialog)
        return PartnersDialog.DialogCode.Rejected

    monkeypatch.setattr(PartnersDialog, "exec", exec_)
    window.app_actions.partners.trigger()
    return shown[0]


def choose(dialog: PartnersDialog, org_id: str) -> None:
    row = next(r for r in range(dialog.list.count()) if dialog.list.item(r).data(Qt.ItemDataRole.UserRole) == org_id)
    dialog.list.setCurrentRow(row)


def test_a_partner_is_edited_in_the_dialog_and_undone_in_one_step(qtbot, sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    project = window.document.project
    before = window.document.undo_stack.count()
    lead_before = project.organisation("leeds").lead_name

    def steps(dialog):
        choose(dialog, "leeds")
        assert dialog.name.text() == "Leeds City Council" and dialog.short_name.text() == "Leeds"
        dialog.short_name.clear()
        qtbot.keyClicks(dialog.short_name, "Leeds CC")
        dialog.lead.setText("R. Ahmed")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert "Leeds CC" in dialog.list.currentItem().text()  # refreshed, still chosen

    open_partners(window, monkeypatch, steps)
    org = project.organisation("leeds")
    assert (org.short_name, org.lead_name, org.name) == ("Leeds CC", "R. Ahmed", "Leeds City Council")
    assert window.document.undo_stack.count() == before + 1
    model = window.signoff_panel.model
    column = model._columns.index("leeds")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Leeds CC"  # the matrix follows
    window.document.undo_stack.undo()
    org = window.document.project.organisation("leeds")
    assert (org.short_name, org.lead_name) == ("Leeds", lead_before)
    window.document.undo_stack.redo()
    assert window.document.project.organisation("leeds").short_name == "Leeds CC"


def test_a_refused_partner_edit_says_why_and_changes_nothing(qtbot, sample_window, monkeypatch, dialogs):
    window = sample_window(COORDINATOR)

    def steps(dialog):
        choose(dialog, "leeds")
        dialog.name.setText("Kirklees Metropolitan Council")
        dialog.save_button.click()

    open_partners(window, monkeypatch, steps)
    assert window.document.project.organisation("leeds").name == "Leeds City Council"
    assert any("already an organisation called" in shown for shown in dialogs.shown)


def test_new_empties_the_form_and_save_needs_a_chosen_partner(qtbot, sample_window, monkeypatch):
    window = sample_window(COORDINATOR)

    def steps(dialog):
        assert not dialog.save_button.isEnabled()
        assert dialog.save_button.toolTip() == "Choose a partner in the list first"
        choose(dialog, "leeds")
        assert dialog.save_button.isEnabled() and dialog.name.text()
        dialog.new_button.click()
        assert not dialog.name.text() and dialog.chosen_id() is None and not dialog.save_button.isEnabled()

    open_partners(window, monkeypatch, steps)


def test_a_partner_who_may_not_edit_partners_is_told_why(qtbot, sample_window, monkeypatch):
    window = sample_window(KIRKLEES_LEAD)

    def steps(dialog):
        choose(dialog, "leeds")
        assert not dialog.save_button.isEnabled() and not dialog.name.isEnabled()
        assert dialog.save_button.toolTip().startswith("Only the coordinating organisation")

    open_partners(window, monkeypatch, steps)
