"""Undo and redo work on values and ids: they survive merges and saves, never raise, never
duplicate a section, and an undone edit that reached the file stays undone after a merge."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, save_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage
from wyassembler.ui.project import commands

LEEDS = Actor("leeds", "R. Ahmed", "partner lead")


def saved(qtbot, window, dialogs, tmp_path: Path) -> Path:
    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)
    return tmp_path / "response.wyproj"


def someone_else_saves(path: Path, number: str, words: str, actor: Actor = LEEDS) -> None:
    """Another partner's app: load, edit, save through the shared path."""
    loaded = storage.load(path)
    section = loaded.project.find_section(number)
    editing.edit_section(loaded.project, actor, section, blocks=(Paragraph(plain(words)),))
    storage.save_shared(loaded.project, path, loaded.data, loaded.structure)


def add_subsection(window, parent_id: str, heading: str) -> str:
    parent = window.document.project.section(parent_id)
    command = commands.AddSectionCommand(window.document, heading, parent.owner, parent)
    assert window.run("not added", command)
    return command.section_ref


def test_a_partners_sub_section_undone_and_redone_is_there_once_and_the_file_reopens(
        qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved(qtbot, window, dialogs, tmp_path)
    own = window.document.project.find_section("3")  # Calderdale's
    added = add_subsection(window, own.id, "Calderdale's detail")
    window.editing.undo()
    assert [s.id for s in window.document.project.find_section("3").children] == []
    assert window.document.project.tombstones == [], "a section nobody else has leaves no tombstone"
    window.editing.redo()
    ids = [s.id for s in window.document.project.all_sections()]
    assert ids.count(added) == 1
    assert save_and_wait(qtbot, window)
    reopened = storage.load(path).project
    assert [s.id for s in reopened.all_sections()].count(added) == 1
    assert reopened.tombstones == []


def test_undo_of_a_saved_section_add_leaves_a_tombstone_so_others_lose_it_too(qtbot, sample_window, dialogs,
                                                                             tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    added = add_subsection(window, window.document.project.find_section("2").id, "Shared detail")
    assert save_and_wait(qtbot, window)
    window.editing.undo()
    assert [t.section_id for t in window.document.project.tombstones] == [added]
    assert save_and_wait(qtbot, window)
    assert added not in [s.id for s in storage.load(path).project.all_sections()]


def test_an_undone_edit_that_was_saved_stays_undone_after_a_merge(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved(qtbot, window, dialogs, tmp_path)
    section = window.document.project.find_section("3")
    original = section.blocks
    window.select_section(section.id)
    type_at_end(qtbot, window, " A sentence we later take back.")
    window.commit_editor()
    assert save_and_wait(qtbot, window)
    window.editing.undo()
    assert window.document.project.find_section("3").blocks == original
    someone_else_saves(path, "5", "Leeds saved meanwhile.")
    window.other_saves.check_disk()  # Leeds's save is merged in
    assert window.document.project.find_section("5").blocks[0].spans[0].text == "Leeds saved meanwhile."
    assert window.document.project.find_section("3").blocks == original
    assert save_and_wait(qtbot, window)
    on_disk = storage.load(path).project
    assert on_disk.find_section("3").blocks == original
    assert on_disk.find_section("5").blocks[0].spans[0].text == "Leeds saved meanwhile."


def test_the_undo_history_survives_another_partners_save_being_merged(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved(qtbot, window, dialogs, tmp_path)
    section_id = window.document.project.find_section("3").id
    original = window.document.project.section(section_id).blocks
    window.select_section(section_id)
    type_at_end(qtbot, window, " Ours.")
    window.commit_editor()
    assert window.document.undo_stack.canUndo()
    someone_else_saves(path, "5", "Theirs.")
    window.other_saves.check_disk()
    assert window.document.undo_stack.canUndo(), "a merge no longer empties the undo history"
    window.editing.undo()
    assert window.document.project.section(section_id).blocks == original
    window.editing.redo()
    assert window.document.project.section(section_id).blocks[-1].spans[-1].text.endswith("Ours.")


def test_an_undo_the_core_refuses_now_is_dropped_and_said_never_raised(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    type_at_end(qtbot, window, " The coordinator's addition.")
    window.commit_editor()
    assert save_and_wait(qtbot, window)
    # Meanwhile another partner changes the same section again and saves.
    owner = Actor(section.owner, "Owner", "partner lead")
    someone_else_saves(path, "4", "Rewritten by its owner.", owner)
    window.other_saves.check_disk()
    count = window.document.undo_stack.count()
    window.editing.undo()  # would overwrite the owner's newer text: refused, in words, and dropped
    assert window.document.project.find_section("4").blocks[0].spans[0].text == "Rewritten by its owner."
    assert window.document.undo_stack.count() == count - 1
    assert window.disk_banner.isVisible() and "Could not undo" in window.disk_label.text()


def test_undo_after_switching_sections_says_what_it_undid_and_shows_that_section(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    edited = window.document.project.find_section("3")
    window.select_section(edited.id)
    type_at_end(qtbot, window, " Edited here.")
    window.select_section(window.document.project.find_section("5").id)  # leaving commits the edit
    window.tree.setFocus()
    window.editing.undo()
    assert window.editor.section.id == edited.id
    assert window.statusBar().currentMessage().startswith("Undid: Edit")


def test_deleting_then_undoing_after_a_merge_puts_the_section_back(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    target = window.document.project.find_section("6")
    window.select_section(target.id)
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    window.app_actions.delete_section.trigger()
    assert target.id not in [s.id for s in window.document.project.all_sections()]
    someone_else_saves(path, "5", "Leeds again.")
    window.other_saves.check_disk()
    window.editing.undo()
    assert window.document.project.find_section("6").id == target.id
    assert window.document.project.find_section("5").blocks[0].spans[0].text == "Leeds again."

