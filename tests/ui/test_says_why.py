"""It always says why (issue 16 item 4): a disabled action's tooltip and status tip give the reason, the
sign-off panel's buttons show the same, a request for changes shows its note, the bar about another
partner's save goes when it is no longer true, and save prompts name the folder."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, KIRKLEES_CONTRIBUTOR, KIRKLEES_LEAD
from tests.ui.editor_input import type_at_end
from tests.ui.conflict_copies import two_conflict_copies
from wyassembler.core import signoff
from wyassembler.ui.operations.reasons import NO_PROJECT


def panel_button(window, action):
    toolbar = window.signoff_panel.findChild(QToolBar)
    return toolbar.widgetForAction(action)


def assert_says(action, words: str) -> None:
    assert not action.isEnabled()
    assert words in action.toolTip(), action.toolTip()
    assert words in action.statusTip(), action.statusTip()


def test_sign_off_on_another_organisations_section_names_who_may(sample_window):
    window = sample_window(KIRKLEES_LEAD)
    window.select_section(window.document.project.find_section("3").id)
    who = ("Only the partner leads of Calderdale Metropolitan Borough Council, West Yorkshire Police and "
           "West Yorkshire Fire & Rescue Service may sign off this section")
    assert_says(window.app_actions.sign_off, who)
    assert_says(window.app_actions.request_changes, "may ask for changes to this section")
    # The panel's button is the same action: it shows the same reason.
    assert who in panel_button(window, window.app_actions.sign_off).toolTip()
    assert not panel_button(window, window.app_actions.sign_off).isEnabled()


def test_approved_already_until_the_text_changes_then_the_usual_tip_is_back(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    window.select_section(window.document.project.find_section("4").id)  # Kirklees' own, approved in the sample
    actions = window.app_actions
    assert_says(actions.sign_off, "Approved already: ")
    assert actions.request_changes.isEnabled()
    assert_says(actions.endorse, "Endorsed already")
    assert "Endorsed already" in panel_button(window, actions.endorse).toolTip()
    type_at_end(qtbot, window, " Indeed.")
    window.commit_editor()
    assert actions.sign_off.isEnabled()
    assert actions.sign_off.statusTip() == "Approve the selected section's current text for your organisation"
    assert actions.endorse.isEnabled()  # the response changed too: its endorsement is stale
    assert "Approved already" not in panel_button(window, actions.sign_off).toolTip()


def test_a_contributor_is_told_who_signs(sample_window):
    window = sample_window(KIRKLEES_CONTRIBUTOR)
    window.select_section(window.document.project.find_section("4").id)
    assert_says(window.app_actions.sign_off, "Only a partner lead or the coordinator may sign off a section")
    assert_says(window.app_actions.endorse, "you are signed in as a contributor")


def test_required_signatures_without_a_key_say_so(sample_window):
    window = sample_window(CALDERDALE_LEAD)
    window.document.project.require_signatures = True
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    window.update_actions()
    assert_says(window.app_actions.request_changes, "Signatures are required, and you have no signing key")
    assert_says(window.app_actions.request_changes_response, "Signatures are required")


def test_outline_changes_and_export_say_only_the_coordinator(sample_window):
    window = sample_window(KIRKLEES_LEAD)
    window.select_section(window.document.project.find_section("4").id)
    actions = window.app_actions
    for action in (actions.delete_section, actions.move_up, actions.ownership, actions.add_section):
        assert_says(action, "Only the coordinating organisation (Joint Services) may change the outline")
    assert_says(actions.export, "Only the coordinating organisation (Joint Services) exports the response")
    window.select_section(window.document.project.find_section("3").id)
    assert_says(actions.rename_section, "Kirklees may not edit section 3")
    assert_says(actions.bold, "This section is read only")
    assert_says(actions.resolve_conflicts, "Section 3 has no conflict copies to resolve")


def test_no_section_and_no_project_are_reasons_too(sample_window):
    window = sample_window(COORDINATOR)
    actions = window.app_actions
    actions.update_enabled(window.document, None, window.editor)
    for action in (actions.sign_off, actions.delete_section, actions.rename_section):
        assert_says(action, "No section selected")
    assert_says(actions.restore_backup, "Save the project first")  # the sample was never saved
    window.close_project(ask=False)
    assert_says(actions.sign_off, NO_PROJECT)
    assert_says(actions.save, NO_PROJECT)


def test_a_person_not_in_the_project_is_told_why(sample_window):
    from wyassembler.settings import Identity

    window = sample_window(Identity("Z. Stranger", "nowhere", "partner lead"))
    window.select_section(window.document.project.find_section("4").id)
    assert_says(window.app_actions.sign_off, "nowhere is not a partner in this response")


def test_a_request_for_changes_shows_its_note_in_the_matrix_and_the_banner(sample_window, monkeypatch):
    from PySide6.QtCore import Qt

    from wyassembler.ui.dialogs.forms import NoteDialog

    def answer(dialog):
        dialog.note.setPlainText("Name the shared data centre.")
        return NoteDialog.DialogCode.Accepted

    monkeypatch.setattr(NoteDialog, "exec", answer)
    window = sample_window(KIRKLEES_LEAD)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    assert "Changes asked for" not in window.editor.banner.text()
    window.app_actions.request_changes.trigger()
    assert section.signoffs[-1].decision == signoff.CHANGES_REQUESTED
    banner = window.editor.banner.text()
    assert "Changes asked for \u2014 Kirklees: S. Patel asked for changes on" in banner
    assert "\u201cName the shared data centre.\u201d" in banner
    model = window.signoff_panel.model
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(model.SECTION_ID_ROLE) == section.id)
    tip = model.index(row, model._columns.index("kirklees")).data(Qt.ItemDataRole.ToolTipRole)
    assert "Changes requested" in tip or "changes requested" in tip.lower()
    assert "S. Patel asked for changes on" in tip and "\u201cName the shared data centre.\u201d" in tip
    # Another section's banner does not carry it.
    window.select_section(window.document.project.find_section("3").id)
    assert "Name the shared data centre" not in window.editor.banner.text()


# -- the bar about another partner's save ------------------------------------------------------------

def saved_sample(qtbot, window, dialogs, tmp_path):
    from tests.ui.conftest import save_and_wait

    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)
    return tmp_path / "response.wyproj"


def leeds_saves(path, words: str) -> None:
    from wyassembler.core import editing
    from wyassembler.core.content import Paragraph, plain
    from wyassembler.core.model import Actor
    from wyassembler.projectfile import storage

    theirs = storage.load(path).project
    editing.edit_section(theirs, Actor("leeds", "R. Ahmed", "partner lead"), theirs.find_section("5"),
                         blocks=(Paragraph(plain(words)),))
    storage.save_project(theirs, path)


def test_the_bar_goes_once_a_save_of_ours_took_their_changes_in(qtbot, sample_window, dialogs, tmp_path):
    from tests.ui.conftest import save_and_wait

    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("4").id, "Professional standards")
    leeds_saves(path, "Leeds wrote this.")
    window.other_saves.check_disk()
    assert window.disk_banner.isVisible()
    assert "your unsaved changes are kept" in window.disk_label.text()
    window.update_everything()
    assert window.disk_banner.isVisible()  # still true
    assert save_and_wait(qtbot, window)
    assert not window.disk_banner.isVisible()


def test_the_bar_stops_saying_unsaved_changes_are_kept_when_there_are_none(qtbot, sample_window, dialogs,
                                                                           tmp_path):
    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("4").id, "Professional standards")
    leeds_saves(path, "Leeds wrote this.")
    window.other_saves.check_disk()
    assert "your unsaved changes are kept" in window.disk_label.text()
    window.document.undo_stack.undo()
    window.document.undo_stack.setClean()  # nothing of ours left unsaved
    window.update_everything()
    assert window.disk_banner.isVisible()
    assert window.disk_label.text().startswith("Another partner saved this project; their changes are now shown here.")
    assert "unsaved" not in window.disk_label.text()


def test_the_bar_goes_after_a_reload(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    leeds_saves(path, "Leeds wrote this.")
    window.other_saves.check_disk()
    assert window.disk_banner.isVisible()
    leeds_saves(path, "Leeds wrote this again.")
    window.app_actions.reload.trigger()
    assert not window.disk_banner.isVisible()


def test_the_bar_about_changes_not_brought_in_goes_when_the_file_is_ours_again(qtbot, sample_window, dialogs,
                                                                              tmp_path, monkeypatch):
    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    ours = path.read_bytes()
    leeds_saves(path, "Leeds wrote this.")

    def fails():
        raise OSError("the network drive went away")

    monkeypatch.setattr(window.document, "merge_from_disk", fails)
    window.other_saves.check_disk()
    assert "could not be brought in" in window.disk_label.text()
    window.update_everything()
    assert window.disk_banner.isVisible()  # their save is still on disk, not brought in
    path.write_bytes(ours)  # the file goes back to what we have (their save undone, restored)
    window.other_saves.check_disk()
    assert not window.disk_banner.isVisible()


def test_a_dismissed_or_replaced_bar_is_left_alone(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    leeds_saves(path, "Leeds wrote this.")
    window.other_saves.check_disk()
    window.show_disk_note("Something else entirely.")
    window.update_everything()
    assert window.disk_banner.isVisible() and window.disk_label.text() == "Something else entirely."


# -- questions about a file name its folder ----------------------------------------------------------

def test_save_changes_and_reload_name_the_folder(qtbot, sample_window, dialogs, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("4").id, "Professional standards")
    dialogs.shown.clear()
    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    assert not window.close_project()
    assert dialogs.shown[-1] == f"Save your changes to response.wyproj in the folder {tmp_path} before closing it?"
    window.app_actions.reload.trigger()
    assert f"Reloading response.wyproj in the folder {path.parent}" in dialogs.shown[-1]


def test_replacing_a_file_names_its_folder(sample_window, dialogs, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    (tmp_path / "response.wyproj").write_bytes(b"someone's project")
    window = sample_window(COORDINATOR)
    dialogs.save_path = str(tmp_path / "response")
    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    assert not window.save_as()
    assert f"response.wyproj already exists in the folder {tmp_path}." in dialogs.shown[-1]


# -- dialogs: a disabled button says why --------------------------------------------------------------



def test_the_keys_dialogs_disabled_buttons_say_why(qtbot, sample_window):
    from wyassembler.ui.dialogs.keys import KeysDialog

    window = sample_window(COORDINATOR)
    dialog = KeysDialog(window.document.project, None, window)
    qtbot.addWidget(dialog)
    assert not dialog.register_button.isEnabled()
    assert "You have no key yet" in dialog.register_button.toolTip()
    assert not dialog.confirm_button.isEnabled() and dialog.confirm_button.toolTip() == "Choose a key in the list first"
    assert dialog.revoke_button.toolTip() == "Choose a key in the list first"


def test_the_backups_dialog_says_why_nothing_can_be_restored(qtbot, tmp_path):
    from wyassembler.ui.dialogs.backups import BackupsDialog

    dialog = BackupsDialog(tmp_path / "response.wyproj")
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert dialog.restore_button.toolTip() == "There is no earlier version to restore yet"


def test_conflict_copies_a_person_may_not_resolve_say_why_on_each_button(qtbot, sample_window):
    from wyassembler.ui.dialogs.conflicts import ConflictsDialog

    window = sample_window(COORDINATOR)
    project, section = two_conflict_copies()
    dialog = ConflictsDialog(project, section, False, "Only Calderdale's editors may resolve them", window)
    qtbot.addWidget(dialog)
    for button in (dialog.keep_button, dialog.merge_button, *dialog.take_buttons):
        assert not button.isEnabled() and button.toolTip() == "Only Calderdale's editors may resolve them"


def test_the_properties_a_partner_may_only_read_say_why(qtbot, sample_window, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from wyassembler.ui.dialogs.project import PropertiesDialog

    window = sample_window(KIRKLEES_LEAD)
    notes: list[str] = []

    def look(dialog):
        notes.extend(label.text() for label in dialog.findChildren(QLabel))
        assert not dialog.title.isEnabled()
        return PropertiesDialog.DialogCode.Rejected

    monkeypatch.setattr(PropertiesDialog, "exec", look)
    window.app_actions.properties.trigger()
    assert any(note.startswith("Read only. Only the coordinating organisation (Joint Services) may change")
               for note in notes)


def test_a_wide_dialog_fits_a_1024_by_768_screen(qtbot, sample_window, monkeypatch):
    from PySide6.QtCore import QRect

    from tests.ui.test_small_screen import SMALL, FakeScreen
    from wyassembler.ui.dialogs.conflicts import ConflictsDialog, MergedTextDialog

    monkeypatch.setattr(ConflictsDialog, "screen", lambda self: FakeScreen(QRect(0, 0, 1024, 728)))
    monkeypatch.setattr(MergedTextDialog, "screen", lambda self: FakeScreen(QRect(0, 0, 1024, 728)))
    window = sample_window(COORDINATOR)
    project, section = two_conflict_copies()
    for dialog in (ConflictsDialog(project, section, True, "", window), MergedTextDialog(project, section, window)):
        qtbot.addWidget(dialog)
        assert dialog.width() <= SMALL.width() and dialog.height() <= SMALL.height()


def test_while_a_save_runs_what_would_replace_the_project_says_to_wait(qtbot, sample_window, dialogs, tmp_path):
    from tests.ui.test_saving import hold_lock
    from wyassembler.projectfile.lock import lock_path
    from wyassembler.ui.operations.reasons import WAIT_FOR_SAVE

    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("4").id, "Professional standards")
    hold_lock(path)
    assert window.save()
    qtbot.waitUntil(lambda: window.save_cancel.isVisible(), timeout=10_000)
    actions = window.app_actions
    for action in (actions.save, actions.reload, actions.close_project, actions.open_project):
        assert_says(action, WAIT_FOR_SAVE)
    lock_path(path).unlink()
    qtbot.waitUntil(lambda: not window.is_saving(), timeout=20_000)
    assert actions.save.isEnabled() and WAIT_FOR_SAVE not in actions.save.toolTip()


def test_a_section_s_editors_may_delete_its_sub_sections_as_the_core_and_the_command_line_let_them(
        sample_window, dialogs):
    from PySide6.QtWidgets import QMessageBox

    from wyassembler.ui.project.commands import AddSectionCommand

    window = sample_window(KIRKLEES_LEAD)
    project = window.document.project
    four = project.find_section("4")  # Kirklees owns it, so it may add sub-sections under it
    assert window.run("not added", AddSectionCommand(window.document, "Skills", "kirklees", four))
    sub = four.children[0]
    assert window.run("not added", AddSectionCommand(window.document, "Training", "kirklees", sub))
    window.select_section(sub.id)
    actions = window.app_actions
    assert actions.delete_section.isEnabled(), actions.delete_section.toolTip()
    assert_says(actions.move_up, "Only the coordinating organisation (Joint Services) may change the outline")
    window.select_section(project.find_section("5").id)  # Leeds's, at the top level: the coordinator's to delete
    assert_says(actions.delete_section, "Only the coordinating organisation (Joint Services) may change the outline")
    window.select_section(sub.id)
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    actions.delete_section.trigger()
    assert any("Delete section 4.1 \u201cSkills\u201d and its 1 sub-section?" in text for text in dialogs.shown)
    assert [child.id for child in four.children] == [] and len(project.tombstones) == 2
