"""The main window on the sample: the outline, typing into a section, undo, read-only sections,
signing off from the panel, and reordering the outline."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import CALDERDALE_LEAD, KIRKLEES_CONTRIBUTOR, KIRKLEES_LEAD
from wyassembler.core import signoff
from wyassembler.ui.models.outline import OutlineModel
from tests.ui.editor_input import type_at_end


def headings(window) -> list[str]:
    model = window.outline_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]



def test_the_sample_shows_six_numbered_sections_with_owner_and_state(sample_window):
    window = sample_window()
    model = window.outline_model
    assert model.rowCount() == 6
    assert headings(window)[0] == "1  Background information (Partnership Members)"
    assert headings(window)[5].startswith("6  And finally")
    assert model.index(2, OutlineModel.OWNER).data() == "Calderdale"
    state = model.index(2, OutlineModel.STATE)
    assert state.data() == "Approved"
    assert not state.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert window.windowTitle().startswith("Transformational Government Enabled by Technology. (not saved)")
    assert window.isWindowModified()  # the sample is not saved anywhere yet
    assert "10 of 10 organisations endorsed" in window.progress_label.text()


def test_typing_makes_a_revision_that_stales_the_approval_and_undo_redo_it(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    assert window.editor.section is section and window.editor.is_editable()
    revisions = len(section.revisions)
    type_at_end(qtbot, window, " We agree.")
    assert window.isWindowModified()
    window.select_section(window.document.project.find_section("4").id)  # leaving the section commits it

    assert len(section.revisions) == revisions + 1
    assert section.blocks[-1].spans[-1].text.endswith("We agree.")
    assert signoff.section_state(section, "calderdale") == signoff.STALE
    assert window.outline_model.index(2, OutlineModel.STATE).data() == "Approval stale"

    before_edit = section.revisions[-2]
    window.editing.undo()
    # Undo records the earlier text as a new revision (so it survives merges): the approval of
    # exactly that text holds again.
    assert len(section.revisions) == revisions + 2
    assert (section.heading, section.blocks) == (before_edit.heading, before_edit.blocks)
    assert section.current.parent == section.revisions[-2].id
    assert signoff.section_state(section, "calderdale") == signoff.APPROVED
    assert window.outline_model.index(2, OutlineModel.STATE).data() == "Approved"
    window.editing.redo()
    assert len(section.revisions) == revisions + 3
    assert signoff.section_state(section, "calderdale") == signoff.STALE
    assert section.blocks[-1].spans[-1].text.endswith("We agree.")


def test_undo_in_the_editor_undoes_typing_first_then_the_revision(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    original = section.blocks
    type_at_end(qtbot, window, "X")
    window.commit_editor()
    type_at_end(qtbot, window, "Y")
    window.editing.undo()  # the editor has focus: its own undo takes the Y back
    assert window.editor.current_blocks() == section.blocks
    window.editing.undo()  # nothing left in the editor: the revision with X goes
    assert section.blocks == original
    assert window.editor.current_blocks() == original


def test_another_organisations_section_is_read_only_and_says_why(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    assert "Read only" in window.editor.banner.text()
    assert "Calderdale" in window.editor.banner.text()
    assert window.editor.text.isReadOnly() and window.editor.heading.isReadOnly()
    before = window.editor.text.toPlainText()
    type_at_end(qtbot, window, "sneaky")
    assert window.editor.text.toPlainText() == before
    assert not window.app_actions.sign_off.isEnabled()
    assert not window.app_actions.delete_section.isEnabled()

    window.select_section(window.document.project.find_section("4").id)
    assert "You may edit" in window.editor.banner.text()
    assert not window.editor.text.isReadOnly()


def test_a_refused_change_is_a_dialog_in_plain_words(sample_window, dialogs):
    window = sample_window(KIRKLEES_LEAD)
    section = window.document.project.find_section("3")
    window.sections.rename_section_to(section.id, "Hijacked")
    assert section.heading == "Moving to a Shared Services Culture"
    assert any("may not edit section 3" in text for text in dialogs.shown)
    assert not any("Traceback" in text for text in dialogs.shown)


def test_signing_off_from_the_panel_changes_the_matrix(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    type_at_end(qtbot, window, " Indeed.")
    window.commit_editor()
    matrix = window.signoff_panel.model
    row = 3
    assert matrix.state_at(row, "kirklees") == signoff.STALE
    assert "Not ready" in window.signoff_panel.headline.text()
    assert window.signoff_panel.blockers.count() > 0
    assert window.app_actions.sign_off.isEnabled()

    window.app_actions.sign_off.trigger()
    assert matrix.state_at(row, "kirklees") == signoff.APPROVED
    assert window.outline_model.index(row, OutlineModel.STATE).data() == "Approved"
    record = section.signoffs[-1]
    assert (record.person, record.role) == ("S. Patel", "partner lead")
    window.editing.undo()
    assert matrix.state_at(row, "kirklees") == signoff.STALE


def test_request_changes_needs_a_note_and_shows_in_the_matrix(sample_window, monkeypatch):
    from wyassembler.ui.dialogs.forms import NoteDialog

    window = sample_window(KIRKLEES_LEAD)
    window.select_section(window.document.project.find_section("4").id)

    def answer(dialog):
        dialog.note.setPlainText("Please mention the skills framework.")
        return NoteDialog.DialogCode.Accepted

    monkeypatch.setattr(NoteDialog, "exec", answer)
    window.app_actions.request_changes.trigger()
    assert window.signoff_panel.model.state_at(3, "kirklees") == signoff.CHANGES_REQUESTED
    assert any("skills framework" in window.signoff_panel.blockers.item(i).text()
               for i in range(window.signoff_panel.blockers.count()))


def test_a_contributor_cannot_sign_off(sample_window):
    window = sample_window(KIRKLEES_CONTRIBUTOR)
    window.select_section(window.document.project.find_section("4").id)
    assert window.editor.is_editable()
    assert not window.app_actions.sign_off.isEnabled()
    assert not window.app_actions.endorse.isEnabled()


def test_move_indent_outdent_and_undo(sample_window):
    window = sample_window()
    project = window.document.project
    second = project.find_section("2")
    window.select_section(second.id)
    window.app_actions.move_down.trigger()
    assert project.number_of(second) == "3"
    assert headings(window)[2] == "3  Citizen and Business Centred Services."
    window.app_actions.indent_section.trigger()
    assert project.number_of(second) == "2.1"
    assert window.outline_model.rowCount() == 5
    assert window.current_section() is second
    window.app_actions.outdent_section.trigger()
    assert project.number_of(second) == "3"
    window.editing.undo()
    window.editing.undo()
    window.editing.undo()
    assert project.number_of(second) == "2"


def test_drag_and_drop_reorders(qtbot, sample_window):
    window = sample_window()
    project = window.document.project
    model = window.outline_model
    last = project.find_section("6")
    data: QMimeData = model.mimeData([model.index_of(last.id)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0).parent())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0).parent())
    qtbot.waitUntil(lambda: project.number_of(last) == "1", timeout=2000)
    assert headings(window)[0] == "1  And finally ..."
    # Dropping a section onto another makes it a sub-section; onto itself is refused.
    first = project.find_section("2")
    data = model.mimeData([model.index_of(first.id)])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(first.id))
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(last.id))
    qtbot.waitUntil(lambda: project.number_of(first) == "1.1", timeout=2000)


def test_add_rename_and_delete_with_confirmation(sample_window, dialogs, monkeypatch):
    from wyassembler.ui.dialogs.forms import AddSectionDialog

    window = sample_window()
    project = window.document.project

    def answer(dialog):
        dialog.heading.setText("Funding")
        dialog.owner.setCurrentIndex(dialog.owner.findData("leeds"))
        return AddSectionDialog.DialogCode.Accepted

    monkeypatch.setattr(AddSectionDialog, "exec", answer)
    window.select_section(project.find_section("6").id)
    window.app_actions.add_section.trigger()
    added = project.find_section("7")
    assert (added.heading, added.owner) == ("Funding", "leeds")
    assert window.editor.section is added

    window.sections.rename_section_to(added.id, "Funding and resources")
    assert window.outline_model.index(6, 0).data() == "7  Funding and resources"

    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    window.app_actions.delete_section.trigger()
    assert len(project.sections) == 7
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    window.app_actions.delete_section.trigger()
    assert len(project.sections) == 6
    assert any("Delete section 7" in text for text in dialogs.shown)
    window.editing.undo()
    # Undo works on values: the section comes back as it was (same id, heading, owner, history).
    restored = project.find_section("7")
    assert (restored.id, restored.heading, restored.owner) == (added.id, "Funding and resources", "leeds")
    assert restored.revisions == added.revisions and project.tombstones == []
    assert "Undid: Delete" in window.statusBar().currentMessage()
