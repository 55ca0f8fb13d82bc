"""Partners and dates (issue 16 item 6): a partner's details edited in the Partners dialog as one undoable
step, the deadline typed as people type dates, and the start page naming the organisation."""

from __future__ import annotations

import pytest
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


# -- the deadline, typed ------------------------------------------------------------------------------

def properties_dialog(qtbot, window):
    from wyassembler.ui.dialogs.project import PropertiesDialog

    dialog = PropertiesDialog(window.document.project, True, window)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # Tab moves the focus only in the active window
        dialog.show()
        dialog.activateWindow()
    dialog.has_deadline.setChecked(True)
    return dialog


def type_date(qtbot, field, text: str) -> None:
    """Select what the field holds and type ``text`` over it, then leave the field with Tab."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def test_a_day_typed_alone_keeps_the_month_and_year(qtbot, sample_window):
    from PySide6.QtCore import QDate

    dialog = properties_dialog(qtbot, sample_window(COORDINATOR))
    dialog.deadline.setDate(QDate(2026, 3, 17))
    type_date(qtbot, dialog.deadline, "5")
    assert dialog.deadline.date() == QDate(2026, 3, 5)
    assert dialog.deadline.edit.text() == "5 March 2026"  # shown back in words once left
    type_date(qtbot, dialog.deadline, "2027")
    assert dialog.deadline.date() == QDate(2027, 3, 5)
    type_date(qtbot, dialog.deadline, "27")
    assert dialog.deadline.date() == QDate(2027, 3, 27)


@pytest.mark.parametrize("typed", ["5/1/2026", "5 Jan 2026", "2026-01-05", "5th January 2026"])
def test_a_whole_date_is_typed_as_people_write_it(qtbot, sample_window, typed):
    from PySide6.QtCore import QDate

    dialog = properties_dialog(qtbot, sample_window(COORDINATOR))
    type_date(qtbot, dialog.deadline, typed)
    assert dialog.deadline.date() == QDate(2026, 1, 5)
    assert dialog.changes()["deadline"].isoformat() == "2026-01-05"


def test_what_is_not_a_date_says_why_and_ok_waits(qtbot, sample_window):
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = properties_dialog(qtbot, sample_window(COORDINATOR))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    type_date(qtbot, dialog.deadline, "31/2/2026")
    assert not ok.isEnabled() and "there is no 31 February 2026" in ok.toolTip()
    assert "there is no 31 February 2026" in dialog.deadline.edit.toolTip()
    assert dialog.deadline.edit.text() == "31/2/2026"  # left as typed, to correct
    dialog.has_deadline.setChecked(False)  # no deadline: nothing to wait for
    assert ok.isEnabled()
    dialog.has_deadline.setChecked(True)
    type_date(qtbot, dialog.deadline, "28/2/2026")
    assert ok.isEnabled() and not dialog.deadline.edit.toolTip()


def test_the_typed_deadline_reaches_the_project_and_undoes(qtbot, sample_window, monkeypatch):
    from datetime import date

    from wyassembler.ui.dialogs.project import PropertiesDialog

    window = sample_window(COORDINATOR)
    before = window.document.project.deadline

    def answer(dialog):
        dialog.has_deadline.setChecked(True)
        type_date(qtbot, dialog.deadline, "5 Jan 2027")
        return PropertiesDialog.DialogCode.Accepted

    monkeypatch.setattr(PropertiesDialog, "exec", answer)
    window.app_actions.properties.trigger()
    assert window.document.project.deadline == date(2027, 1, 5)
    window.document.undo_stack.undo()
    assert window.document.project.deadline == before


# -- the start page ----------------------------------------------------------------------------------

def test_the_start_page_names_the_organisation_not_its_id(make_window):
    window = make_window(COORDINATOR)
    assert window.stack.currentIndex() == 0  # the start page
    assert window.identity_label.text() == "H. Dawson \u00b7 West Yorkshire Joint Services"
    window.open_sample()
    window.close_project(ask=False)
    assert window.identity_label.text() == "H. Dawson \u00b7 West Yorkshire Joint Services"


def test_an_organisation_the_presets_do_not_know_is_named_as_given(make_window):
    from wyassembler.settings import Identity

    window = make_window(Identity("Z. Stranger", "Harrogate Borough Council", "partner lead"))
    assert window.identity_label.text() == "Z. Stranger \u00b7 Harrogate Borough Council"


def test_a_word_import_for_someone_not_among_its_partners_names_their_organisation(qtbot, make_window, dialogs,
                                                                                   monkeypatch, tmp_path):
    from tests.ui.test_word_menus import word_document
    from wyassembler.settings import Identity
    from wyassembler.ui.dialogs.report import ReportDialog
    from wyassembler.ui.dialogs.word_import import ImportWordDialog

    def answer(dialog):
        dialog.preset.setChecked(True)  # the West Yorkshire partners, of which Harrogate is not one
        dialog.start_import()
        qtbot.waitUntil(lambda: dialog.is_done() and not dialog.is_running(), timeout=10000)
        return dialog.result()

    reports: list[ReportDialog] = []
    monkeypatch.setattr(ImportWordDialog, "exec", answer)
    monkeypatch.setattr(ReportDialog, "exec", lambda dialog: reports.append(dialog) or 0)
    window = make_window(Identity("Z. Stranger", "Harrogate Borough Council", "partner lead"))
    dialogs.open_path = str(word_document(tmp_path / "draft.docx"))
    window.app_actions.import_word.trigger()
    assert window.document.actor is None
    assert "You (Harrogate Borough Council) are not one of its partners" in reports[0].summary.text()


def test_enter_in_the_partners_form_saves_or_adds_never_empties_it(qtbot, sample_window, monkeypatch):
    # Enter pressed New, the first button: the form emptied and what was typed was lost.
    window = sample_window(COORDINATOR)

    def steps(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        choose(dialog, "leeds")
        dialog.email.setFocus()
        dialog.email.selectAll()
        qtbot.keyClicks(dialog.email, "m.walsh@leeds.example")
        qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
        assert dialog.chosen_id() == "leeds" and dialog.email.text() == "m.walsh@leeds.example"
        dialog.new_button.click()
        for field, typed in ((dialog.name, "Harrogate Borough Council"), (dialog.short_name, "Harrogate")):
            qtbot.keyClicks(field, typed)
        qtbot.keyClick(dialog.short_name, Qt.Key.Key_Return)
        dialog.hide()

    open_partners(window, monkeypatch, steps)
    project = window.document.project
    assert project.organisation("leeds").lead_email == "m.walsh@leeds.example"
    assert any(org.name == "Harrogate Borough Council" for org in project.organisations)
