"""Issue 18 in the app: endorsing with reservations and declining through the dialog, recording the
organisation's authority, and what the sign-off matrix shows of them (words, icons, tooltips, the count)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import CALDERDALE_LEAD, KIRKLEES_CONTRIBUTOR
from wyassembler.core import signoff
from wyassembler.core.partner_records import DECLINED, MAX_NOTE_CHARACTERS
from wyassembler.ui.common.icons import state_icon
from wyassembler.ui.dialogs.authority import AuthorityDialog
from wyassembler.ui.dialogs.endorse import EndorseDialog

ORG = "calderdale"
Key = Qt.Key


def ok_button(dialog):
    buttons = getattr(dialog, "buttons", None) or dialog.findChild(QDialogButtonBox)
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


def answering(qtbot, fill):
    """A stand-in for a dialog's exec: ``fill`` works the real widgets, then OK is clicked as a person
    would; the dialog's own accept() decides whether it closes."""
    def answer(dialog):
        with qtbot.waitExposed(dialog):
            dialog.show()
        fill(dialog)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        return dialog.result()
    return answer


def click(qtbot, button) -> None:
    """Click a radio button or check box on its indicator, as a person would (its middle may be empty space)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def response_cell(window, org_id: str = ORG):
    model = window.signoff_panel.model
    return model.index(model.rowCount() - 1, model._columns.index(org_id))


def image_of(icon):
    return icon.pixmap(32, 32).toImage()


def reservation_on_section_3(qtbot, dialog):
    click(qtbot, dialog.with_reservations)
    project = dialog._project
    dialog.reservation_on.setCurrentIndex(dialog.reservation_on.findData(project.find_section("3").id))
    qtbot.keyClicks(dialog.reservation_text, "We would phase the shared data centre over five years.")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)


def test_endorsing_with_a_reservation_on_a_section_shows_in_the_matrix_and_counts(qtbot, sample_window,
                                                                                  monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    project = window.document.project
    endorsed, required = window.signoff_panel.endorsement_count()
    assert endorsed == required  # the sample: every partner endorsed
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: reservation_on_section_3(qtbot, d)))
    window.app_actions.endorse_choice.trigger()

    latest = signoff.latest_by_org(project.endorsements)[ORG]
    assert [(r.text, r.section) for r in latest.reservations] == [
        ("We would phase the shared data centre over five years.", project.find_section("3").id)]
    cell = response_cell(window)
    assert cell.data() == "With reservations"
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    heading = project.find_section("3").heading
    assert "Endorsed with reservations" in tip
    assert f"On section 3 \u201c{heading}\u201d: We would phase the shared data centre over five years." in tip
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == tip
    assert image_of(cell.data(Qt.ItemDataRole.DecorationRole)) != image_of(state_icon(signoff.ENDORSED))
    # Both endorsing states count.
    assert window.signoff_panel.endorsement_count() == (required, required)
    assert f"{required} of {required}" in window.signoff_panel.headline.text()
    window.document.undo_stack.undo()
    assert response_cell(window).data() == "Endorsed"


def test_a_reservation_typed_but_not_added_is_given_on_the_whole_response(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)

    def fill(dialog):
        click(qtbot, dialog.with_reservations)
        assert not ok_button(dialog).isEnabled()
        assert "Add at least one reservation" in ok_button(dialog).toolTip()
        qtbot.keyClicks(dialog.reservation_text, "Costs are not yet agreed.")
        assert ok_button(dialog).text() == "Endorse with Reservations"

    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, fill))
    window.app_actions.endorse_choice.trigger()
    assert "On the whole response: Costs are not yet agreed." in \
        response_cell(window).data(Qt.ItemDataRole.ToolTipRole)


def test_a_reservation_too_long_is_refused_in_the_dialog_with_the_reason(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    dialog = EndorseDialog(window.document.project, ORG, window)
    qtbot.addWidget(dialog)
    dialog.with_reservations.setChecked(True)
    dialog.reservation_text.setPlainText("x" * (MAX_NOTE_CHARACTERS + 1))
    assert not dialog.add_reservation()
    assert "too long" in dialog.problem.text() and not dialog.problem.isHidden()
    assert dialog.reservations() == ()


def test_a_decline_note_too_long_is_refused_in_the_dialog_before_any_key_is_asked_for(qtbot, sample_window):
    """The dialog stays open with the reason (it used to close, the key's passphrase was asked, then refused)."""
    window = sample_window(CALDERDALE_LEAD)
    dialog = EndorseDialog(window.document.project, ORG, window)
    qtbot.addWidget(dialog)
    dialog.decline.setChecked(True)
    dialog.decline_note.setPlainText("x" * (MAX_NOTE_CHARACTERS + 1))
    dialog.accept()
    assert dialog.result() != EndorseDialog.DialogCode.Accepted
    assert "too long" in dialog.problem.text() and not dialog.problem.isHidden()
    dialog.decline_note.setPlainText("x" * MAX_NOTE_CHARACTERS)
    dialog.accept()
    assert dialog.result() == EndorseDialog.DialogCode.Accepted


def test_a_request_for_changes_too_long_cannot_be_sent_and_says_why(qtbot, sample_window):
    """Request Changes waits, saying why, for a note the core would refuse after the key's passphrase."""
    from wyassembler.ui.dialogs.forms import NoteDialog

    dialog = NoteDialog("the whole response", sample_window(CALDERDALE_LEAD))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "needs a note" in ok.toolTip()
    dialog.note.setPlainText("x" * (MAX_NOTE_CHARACTERS + 1))
    assert not ok.isEnabled() and "too long" in ok.toolTip()
    dialog.note.setPlainText("Say who pays.")
    assert ok.isEnabled() and ok.toolTip() == ""


def test_the_dialog_opens_on_the_standing_reservations(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: reservation_on_section_3(qtbot, d)))
    window.app_actions.endorse_choice.trigger()
    dialog = EndorseDialog(window.document.project, ORG, window)
    qtbot.addWidget(dialog)
    assert dialog.with_reservations.isChecked()
    assert [r.text for r in dialog.reservations()] == ["We would phase the shared data centre over five years."]
    assert dialog.reservation_list.item(0).text().startswith("On section 3 ")


def test_declining_shows_declined_with_the_note_and_leaves_the_count(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    _, required = window.signoff_panel.endorsement_count()

    def fill(dialog):
        click(qtbot, dialog.decline)
        assert dialog.decline_box.isEnabled() and not dialog.reservations_box.isEnabled()
        qtbot.keyClicks(dialog.decline_note, "Our cabinet did not agree the charging model.")
        click(qtbot, dialog.named)
        assert ok_button(dialog).text() == "Decline"

    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, fill))
    window.app_actions.endorse_choice.trigger()
    latest = signoff.latest_by_org(window.document.project.endorsements)[ORG]
    assert (latest.decision, latest.named) == (DECLINED, True)
    cell = response_cell(window)
    assert cell.data() == "Declined"
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Declined to endorse" in tip
    assert "\u201cOur cabinet did not agree the charging model.\u201d" in tip
    assert "asks to be named as not endorsing" in tip
    assert image_of(cell.data(Qt.ItemDataRole.DecorationRole)) != \
        image_of(state_icon(signoff.CHANGES_REQUESTED))
    assert window.signoff_panel.endorsement_count() == (required - 1, required)
    # By default a decline does not stop the final export: the response goes out on behalf of the others,
    # and the panel says so (it said every partner had endorsed).
    panel = window.signoff_panel
    assert panel.model.matrix.readiness.ready
    assert [panel.blockers.item(i).text() for i in range(panel.blockers.count())] == [
        f"Nothing: every section is signed off, and the response goes out on behalf of the {required - 1} "
        f"partners that endorse it (declined: Calderdale)."]
    tally = f"{required - 1} of {required} organisations endorsed, 1 declined"
    assert panel.headline.text().endswith(tally) and window.progress_label.text().startswith(tally)
    window.document.undo_stack.undo()
    assert response_cell(window).data() == "Endorsed"


def test_a_contributor_may_not_endorse_or_decline_and_is_told_why(sample_window):
    window = sample_window(KIRKLEES_CONTRIBUTOR)
    action = window.app_actions.endorse_choice
    assert not action.isEnabled()
    assert "Only a partner lead or the coordinator may endorse or decline the response" in action.toolTip()


def test_endorsing_with_reservations_is_open_after_a_plain_endorsement(sample_window):
    window = sample_window(CALDERDALE_LEAD)
    assert not window.app_actions.endorse.isEnabled()  # endorsed already in the sample
    assert window.app_actions.endorse_choice.isEnabled()


def test_recording_authority_shows_it_in_the_matrix_and_undoes(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    model = window.signoff_panel.model
    column = model._columns.index(ORG)
    name = window.document.project.organisation(ORG).name
    # Nothing recorded and none required: the header names the organisation alone.
    assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == name

    def fill(dialog):
        assert not ok_button(dialog).isEnabled()  # no reference yet
        dialog.kind.setCurrentIndex(dialog.kind.findData("cabinet-member"))
        qtbot.keyClicks(dialog.reference, "Cabinet, 12 January 2006, minute 45")
        dialog.decided.edit.selectAll()
        qtbot.keyClicks(dialog.decided.edit, "12 Jan 2006")
        dialog.decided.edit.editingFinished.emit()
        assert ok_button(dialog).isEnabled()

    monkeypatch.setattr(AuthorityDialog, "exec", answering(qtbot, fill))
    window.app_actions.record_authority.trigger()
    authority = window.document.project.authorities[-1]
    assert (authority.org, authority.kind, authority.decided) == (ORG, "cabinet-member", date(2006, 1, 12))
    said = "Authority: Cabinet member decision: Cabinet, 12 January 2006, minute 45 (12 January 2006)"
    assert said in model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert said in model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
    assert said in response_cell(window).data(Qt.ItemDataRole.ToolTipRole)
    window.document.undo_stack.undo()
    assert window.document.project.authorities == []
    assert "Authority" not in response_cell(window).data(Qt.ItemDataRole.ToolTipRole)


def test_the_authority_dialog_waits_for_a_date_that_is_a_date(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    dialog = AuthorityDialog(window.document.project, ORG, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.reference, "Officer decision 2006/14")
    dialog.decided.edit.setText("the thirty-second of Smarch")
    assert not ok_button(dialog).isEnabled()
    assert ok_button(dialog).toolTip().startswith("The date is not a date")
    dialog.has_date.setChecked(False)
    assert ok_button(dialog).isEnabled() and dialog.decided_on() is None


@pytest.mark.parametrize("state", [signoff.ENDORSED_WITH_RESERVATIONS, DECLINED])
def test_each_new_state_has_its_own_icon_and_words(state):
    from wyassembler.ui.common.icons import state_word
    others = [signoff.APPROVED, signoff.ENDORSED, signoff.STALE, signoff.CHANGES_REQUESTED, signoff.PENDING,
              signoff.ENDORSED_WITH_RESERVATIONS, DECLINED]
    images = {other: image_of(state_icon(other)) for other in others}
    assert all(images[state] != images[other] for other in others if other != state)
    assert state_word(state) in ("Endorsed with reservations", "Declined to endorse")


# -- the coordinator's settings ------------------------------------------------------------------------

def test_the_four_settings_change_in_the_properties_dialog_as_one_undo_step(qtbot, sample_window, monkeypatch):
    from tests.ui.conftest import COORDINATOR
    from wyassembler.ui.dialogs.project import PropertiesDialog

    window = sample_window(COORDINATOR)
    project = window.document.project
    steps = window.document.undo_stack.count()

    def fill(dialog):
        click(qtbot, dialog.declines_block)
        click(qtbot, dialog.require_authority)
        dialog.behalf_at.setCurrentIndex(dialog.behalf_at.findData("title"))
        dialog.member_list.setCurrentIndex(dialog.member_list.findData("endorsers"))
        assert dialog.behalf_at.currentText() == "After the title"
        assert dialog.member_list.currentText() == "Only the partners that endorse"

    monkeypatch.setattr(PropertiesDialog, "exec", answering(qtbot, fill))
    window.app_actions.properties.trigger()
    assert (project.declines_block, project.require_authority, project.behalf_at, project.member_list) == \
        (True, True, "title", "endorsers")
    assert window.document.undo_stack.count() == steps + 1
    # Authority now required: every endorser lacks it, and the panel says so.
    blockers = [window.signoff_panel.blockers.item(i).text() for i in range(window.signoff_panel.blockers.count())]
    assert any("authority not recorded" in line for line in blockers)
    # The matrix says whose authority is missing, where the coordinator requires it.
    assert "Authority: not recorded (the coordinator requires it)" in \
        response_cell(window).data(Qt.ItemDataRole.ToolTipRole)
    window.document.undo_stack.undo()
    assert (project.declines_block, project.require_authority, project.behalf_at, project.member_list) == \
        (False, False, "members", "all")
    window.document.undo_stack.redo()
    assert project.member_list == "endorsers"


def test_with_declines_blocking_a_decline_stops_the_final_export(qtbot, sample_window, monkeypatch):
    from wyassembler.core.partners import set_properties
    from wyassembler.core.model import Actor

    window = sample_window(CALDERDALE_LEAD)
    set_properties(window.document.project, Actor("joint-services", "H. Dawson", "coordinator"), declines_block=True)
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: click(qtbot, d.decline)))
    window.app_actions.endorse_choice.trigger()
    panel = window.signoff_panel
    assert not panel.model.matrix.readiness.ready
    blockers = [panel.blockers.item(i).text() for i in range(panel.blockers.count())]
    assert any("declined to endorse the response" in line for line in blockers)


def test_a_partner_sees_the_settings_read_only(qtbot, sample_window):
    from wyassembler.ui.dialogs.project import PropertiesDialog

    window = sample_window(CALDERDALE_LEAD)
    dialog = PropertiesDialog(window.document.project, False, window)
    qtbot.addWidget(dialog)
    for widget in (dialog.declines_block, dialog.require_authority, dialog.behalf_at, dialog.member_list):
        assert not widget.isEnabled()
        assert widget.accessibleName()


def test_the_sign_off_menu_and_the_endorse_dialog_work_from_the_keyboard(qtbot, sample_window, monkeypatch):
    from PySide6.QtWidgets import QApplication
    from tests.ui.test_keyboard import activate, answered_by_keys, assert_unique_dialog_mnemonics, focused, press, \
        type_text

    window = sample_window(CALDERDALE_LEAD)
    project = window.document.project
    activate(qtbot, window)
    window.tree.setFocus()
    alt = Qt.KeyboardModifier.AltModifier

    def keys(dialog):
        assert_unique_dialog_mnemonics(dialog)
        press(Key.Key_R, alt)  # Endorse with &reservations (a button's mnemonic clicks it after a moment)
        qtbot.waitUntil(dialog.with_reservations.isChecked)
        assert dialog.reservations_box.isEnabled()
        press(Key.Key_O, alt)  # &On: the whole response, then each section
        assert focused() is dialog.reservation_on
        press(Key.Key_Down)
        press(Key.Key_T, alt)  # Reservation &text
        assert focused() is dialog.reservation_text
        type_text("Timescales too short.")
        press(Key.Key_Tab)  # out of the text, to Add
        assert focused() is dialog.add_button
        press(Key.Key_Space)
        assert [r.section for r in dialog.reservations()] == [project.find_section("1").id]
        assert focused() is dialog.reservation_list  # the one added, where a screen reader says it
        press(Key.Key_Return)  # Enter presses OK, not Add or Remove

    monkeypatch.setattr(EndorseDialog, "exec", answered_by_keys(qtbot, keys))
    press(Key.Key_I, alt)  # the Sign-off menu
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(Key.Key_D)  # Endorse with Reservations or &Decline...
    latest = signoff.latest_by_org(project.endorsements)[ORG]
    assert [(r.text, r.section) for r in latest.reservations] == [("Timescales too short.",
                                                                  project.find_section("1").id)]


def test_the_authority_dialog_works_from_the_keyboard(qtbot, sample_window, monkeypatch):
    from tests.ui.test_keyboard import activate, answered_by_keys, assert_unique_dialog_mnemonics, press, type_text

    window = sample_window(CALDERDALE_LEAD)
    activate(qtbot, window)
    alt = Qt.KeyboardModifier.AltModifier

    def keys(dialog):
        assert_unique_dialog_mnemonics(dialog)
        press(Key.Key_K, alt)
        press(Key.Key_Down)  # Committee resolution
        press(Key.Key_R, alt)
        type_text("Executive Board, 3 March 2006, minute 12")
        press(Key.Key_D, alt)  # Decided on: off
        qtbot.waitUntil(lambda: not dialog.has_date.isChecked())
        press(Key.Key_Return)

    monkeypatch.setattr(AuthorityDialog, "exec", answered_by_keys(qtbot, keys))
    window.signing.record_authority()
    authority = window.document.project.authorities[-1]
    assert (authority.kind, authority.reference, authority.decided) == (
        "committee", "Executive Board, 3 March 2006, minute 12", None)


def test_enter_in_the_new_dialogs_presses_their_own_ok(qtbot, sample_window):
    from tests.ui.test_dialog_enter import enter_presses

    window = sample_window(CALDERDALE_LEAD)
    for dialog in (EndorseDialog(window.document.project, ORG, window),
                   AuthorityDialog(window.document.project, ORG, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, EndorseDialog):
            dialog.with_reservations.setChecked(True)
            dialog.reservation_text.setPlainText("Costs.")
            dialog.add_button.setFocus()
        assert enter_presses(dialog) == [ok_button(dialog)]


def test_after_endorsing_with_reservations_a_plain_endorsement_is_open_again(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    monkeypatch.setattr(EndorseDialog, "exec", answering(qtbot, lambda d: reservation_on_section_3(qtbot, d)))
    window.app_actions.endorse_choice.trigger()
    # Endorsing without the reservations changes what the organisation says: not "endorsed already".
    assert window.app_actions.endorse.isEnabled(), window.app_actions.endorse.toolTip()
    window.app_actions.endorse.trigger()
    assert response_cell(window).data() == "Endorsed"
    assert not window.app_actions.endorse.isEnabled()


def test_the_export_dialog_says_on_whose_behalf_when_a_partner_declined(qtbot, sample_window):
    from wyassembler.core.model import Actor
    from wyassembler.core.signoff import decline_response
    from wyassembler.ui.dialogs.export import ExportDialog

    window = sample_window(CALDERDALE_LEAD)
    project = window.document.project
    decline_response(project, Actor(ORG, "J. Smith", "partner lead"), "Not agreed.")
    dialog = ExportDialog(project, None, window)
    qtbot.addWidget(dialog)
    assert dialog.readiness_label.text() == (
        "Ready for a final export: every section is signed off, and the response goes out on behalf of the 9 "
        "partners that endorse it (declined: Calderdale).")


def test_the_editors_member_list_names_whom_the_export_names(qtbot, sample_window):
    """With the member list set to the endorsers, the editor showed every partner while the export named
    only those who endorse; it now shows what the export writes, and follows a decline and its undo."""
    from tests.ui.conftest import COORDINATOR
    from wyassembler.ui.project import commands
    from wyassembler.ui.project.record_commands import DeclineCommand

    window = sample_window(COORDINATOR)
    project = window.document.project
    ours = project.find_organisation(COORDINATOR.organisation).name
    window.select_section(project.find_section("1").id)

    def member_line() -> str:
        return next(line for line in window.editor.text.toPlainText().splitlines()
                    if line.startswith("[Member list"))

    assert member_line().startswith("[Member list, filled in from the partners: ") and ours in member_line()
    window.document.execute(commands.SetPropertiesCommand(window.document, {"member_list": "endorsers"}))
    assert member_line().startswith("[Member list, filled in from the partners that endorse: ")
    assert ours in member_line()  # every partner of the sample endorses
    window.document.execute(DeclineCommand(window.document, "Not agreed.", False))
    assert ours not in member_line()
    window.document.undo_stack.undo()
    assert ours in member_line()
