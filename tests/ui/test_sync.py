"""Other copies of a project in the app: File > Synchronise with…, sync clients' conflict copies,
resolving conflict copies each way (with undo), restoring a backup, and a file that fails to load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, KIRKLEES_CONTRIBUTOR, save_and_wait
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.merge import merge_projects
from wyassembler.core.model import Actor
from wyassembler.core.presets import new_project
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.resource_files import SAMPLE, resource_bytes
from wyassembler.settings import Identity
from wyassembler.ui.project import commands
from wyassembler.ui.dialogs.backups import BackupsDialog
from wyassembler.ui.dialogs.conflicts import ConflictsDialog, MergedTextDialog

LEEDS = Actor("leeds", "R. Ahmed", "partner lead")
CALDERDALE = Actor("calderdale", "J. Smith", "partner lead")


def text(*words: str) -> tuple:
    return tuple(Paragraph(plain(w)) for w in words)


def saved(qtbot, window, dialogs, tmp_path: Path, name: str = "response") -> Path:
    dialogs.save_path = str(tmp_path / name)
    assert save_and_wait(qtbot, window)
    return tmp_path / f"{name}.wyproj"


def offline_copy(path: Path, target: Path, edits: dict[str, tuple[Actor, str]]) -> Path:
    """A copy of ``path`` taken away and edited elsewhere."""
    shutil.copy(path, target)
    project = storage.load(target).project
    for number, (actor, words) in edits.items():
        editing.edit_section(project, actor, project.find_section(number), blocks=text(words))
    storage.save_project(project, target, keep_backup=False)
    return target


def sample_with_conflict():
    """The sample with section 3 changed in two copies at once: one version current, one a conflict copy."""
    base = resource_bytes(*SAMPLE)
    ours, theirs = from_bytes(base), from_bytes(base)
    editing.edit_section(ours, CALDERDALE, ours.find_section("3"), blocks=text("Calderdale's version."))
    editing.edit_section(theirs, Actor("joint-services", "H. Dawson"), theirs.find_section("3"),
                         blocks=text("The coordinator's version."))
    return merge_projects(ours, theirs).project


def blocks_of(window, number: str):
    return window.document.project.find_section(number).blocks


# -- File > Synchronise with… ---------------------------------------------------------------------

def test_synchronise_merges_another_copy_as_one_undoable_step(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    laptop = offline_copy(path, tmp_path / "laptop.wyproj",
                          {"5": (LEEDS, "Leeds wrote this offline."), "3": (CALDERDALE, "Calderdale offline.")})
    window.sections.rename_section_to(window.document.project.find_section("6").id, "In closing")
    section3 = window.document.project.find_section("3")
    window.run("", commands.EditSectionCommand(window.document, section3, blocks=text("The coordinator's own words.")))
    depth = window.document.undo_stack.count()

    dialogs.open_path = str(laptop)
    window.app_actions.synchronise.trigger()

    assert blocks_of(window, "5") == text("Leeds wrote this offline.")
    assert window.document.project.find_section("6").heading == "In closing"  # ours is kept
    clash = window.document.project.find_section("3")
    assert clash.blocks == text("The coordinator's own words.") and len(clash.conflicts) == 1
    assert clash.conflicts[0].blocks == text("Calderdale offline.")
    summary = dialogs.shown[-1]
    assert "Merged laptop.wyproj into this project" in summary and "conflict cop" in summary
    assert window.document.undo_stack.count() == depth + 1
    assert window.isWindowModified()
    # The merge selected the clashing section: its bar says so and Resolve… is on.
    assert window.editor.section.id == clash.id
    assert window.editor.conflict_bar.isVisible() and "1 conflict copy" in window.editor.conflict_bar.label.text()
    assert window.app_actions.resolve_conflicts.isEnabled()
    row = window.outline_model.index_of(clash.id)
    assert window.outline_model.data(row, Qt.ItemDataRole.AccessibleTextRole).endswith("(1 conflict copy)")
    assert window.outline_model.data(row, Qt.ItemDataRole.DecorationRole) is not None
    assert "1 conflict copy to resolve" in window.outline_model.data(row, Qt.ItemDataRole.ToolTipRole)

    window.app_actions.undo.trigger()
    assert blocks_of(window, "5") != text("Leeds wrote this offline.")
    assert not window.document.project.find_section("3").conflicts
    assert not window.editor.conflict_bar.isVisible()
    window.app_actions.redo.trigger()
    assert blocks_of(window, "5") == text("Leeds wrote this offline.")
    # Saving writes the merge into the shared file; the laptop copy was only read.
    assert save_and_wait(qtbot, window)
    assert storage.load(path).project.find_section("5").blocks == text("Leeds wrote this offline.")
    assert storage.load(laptop).project.find_section("3").blocks == text("Calderdale offline.")


def test_synchronise_with_nothing_new_changes_nothing(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    shutil.copy(path, tmp_path / "same.wyproj")
    dialogs.open_path = str(tmp_path / "same.wyproj")
    window.app_actions.synchronise.trigger()
    assert "Nothing to merge" in dialogs.shown[-1]
    assert not window.document.undo_stack.canUndo()


def test_synchronise_refuses_another_project_and_its_own_file(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    other = tmp_path / "other.wyproj"
    storage.save_project(new_project("Another consultation", "", person="X"), other)
    before = to_bytes(window.document.project)

    dialogs.open_path = str(other)
    window.app_actions.synchronise.trigger()
    assert "different projects" in dialogs.shown[-1] and "Another consultation" in dialogs.shown[-1]
    dialogs.open_path = str(path)
    window.app_actions.synchronise.trigger()
    assert "this project's own file" in dialogs.shown[-1]
    assert to_bytes(window.document.project) == before
    assert not window.document.undo_stack.canUndo()


# -- conflict copies --------------------------------------------------------------------------------

def open_conflict(window):
    window.open_project(sample_with_conflict())
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    return section


def click(button_of):
    """A stand-in for exec() that clicks a button of the real dialog, as a user would."""

    def exec_(dialog):
        button_of(dialog).click()
        return dialog.result()

    return exec_


@pytest.mark.parametrize("way", ["keep", "take", "merge"])
def test_a_conflict_copy_is_shown_and_resolved_each_way_with_undo(qtbot, sample_window, monkeypatch, way):
    window = sample_window(COORDINATOR)
    section = open_conflict(window)
    assert window.editor.conflict_bar.isVisible()
    assert "1 conflict copy" in window.editor.conflict_bar.label.text()
    assert window.editor.conflict_bar.button.defaultAction() is window.app_actions.resolve_conflicts
    current, copy = section.blocks, section.conflicts[0].blocks
    seen = {}

    def choose(dialog: ConflictsDialog):
        seen["columns"] = dialog.columns.count()
        seen["texts"] = [dialog.columns.widget(i).findChild(QTextBrowser).toPlainText() for i in range(2)]
        return {"keep": dialog.keep_button, "take": dialog.take_buttons[0], "merge": dialog.merge_button}[way]

    monkeypatch.setattr(ConflictsDialog, "exec", click(choose))

    def write_merged(dialog: MergedTextDialog):
        dialog.text.setPlainText("Both of us, together.")
        return dialog.buttons.button(dialog.buttons.StandardButton.Save)

    monkeypatch.setattr(MergedTextDialog, "exec", click(write_merged))
    window.app_actions.resolve_conflicts.trigger()

    assert seen["columns"] == 2
    assert seen["texts"] == ["The coordinator's version.", "Calderdale's version."]
    expected = {"keep": current, "take": copy, "merge": text("Both of us, together.")}[way]
    assert section.blocks == expected and not section.conflicts
    assert section.resolutions[-1].person == "H. Dawson"
    assert not window.editor.conflict_bar.isVisible()
    assert not window.app_actions.resolve_conflicts.isEnabled()
    assert window.editor.text.toPlainText() == "\n".join(b.spans[0].text for b in expected)

    window.app_actions.undo.trigger()
    assert section.blocks == current and len(section.conflicts) == 1 and section.conflicts[0].blocks == copy
    assert window.editor.conflict_bar.isVisible()
    window.app_actions.redo.trigger()
    assert section.blocks == expected and not section.conflicts


def test_resolving_needs_the_right_to_edit_and_says_why(sample_window, monkeypatch):
    window = sample_window(KIRKLEES_CONTRIBUTOR)  # section 3 is Calderdale's
    section = open_conflict(window)
    seen = {}

    def look(dialog: ConflictsDialog):
        seen["enabled"] = [b.isEnabled() for b in (dialog.keep_button, dialog.merge_button, *dialog.take_buttons)]
        seen["reason"] = dialog.findChild(QLabel, "refusedReason").text()
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(ConflictsDialog, "exec", look)
    window.app_actions.resolve_conflicts.trigger()
    assert seen["enabled"] == [False, False, False]
    assert "not resolve them" in seen["reason"]
    assert len(section.conflicts) == 1


# -- sync clients' copies ----------------------------------------------------------------------------

def test_a_sync_client_copy_is_noticed_offered_merged_and_moved_aside(qtbot, sample_window, make_window, dialogs,
                                                                       tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    window.close_project()
    onedrive = offline_copy(path, tmp_path / "response-LAPTOP7.wyproj", {"5": (LEEDS, "Typed on the laptop.")})

    window = make_window(CALDERDALE_LEAD)
    assert window.open_path(path)
    bar = window.sync.bar
    assert bar.isVisible() and "response-LAPTOP7.wyproj" in bar.label.text() and "OneDrive" in bar.label.text()
    bar.primary.click()  # Merge It In
    assert blocks_of(window, "5") == text("Typed on the laptop.")
    assert "Merged response-LAPTOP7.wyproj" in dialogs.shown[-1]
    assert bar.isVisible() and "Move it aside" in bar.label.text()
    bar.primary.click()  # Move It Aside
    assert not onedrive.exists() and (tmp_path / "response-LAPTOP7.wyproj.merged").exists()
    assert not bar.isVisible()

    # A copy appearing while the project is open is noticed too; "Not now" puts it off.
    offline_copy(path, tmp_path / "response (J. Smith's conflicted copy 2026-01-05).wyproj",
                 {"6": (Actor("wakefield", "T. Lee"), "Dropbox's copy.")})
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert "Dropbox" in bar.label.text()
    bar.secondary.click()
    assert not bar.isVisible()
    assert (tmp_path / "response (J. Smith's conflicted copy 2026-01-05).wyproj").exists()


def test_a_sync_copy_of_another_project_is_refused_and_kept(qtbot, sample_window, make_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    window.close_project()
    stranger = tmp_path / "response (1).wyproj"
    storage.save_project(new_project("Something else", "", person="X"), stranger)
    window = make_window(COORDINATOR)
    assert window.open_path(path)
    assert window.sync.bar.isVisible()
    window.sync.bar.primary.click()
    assert "different projects" in dialogs.shown[-1]
    assert stranger.exists() and "Merge" in window.sync.bar.primary.text()


# -- backups -------------------------------------------------------------------------------------------

def test_a_previous_version_is_restored_and_the_window_reloads(qtbot, sample_window, dialogs, monkeypatch, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Second title")
    assert save_and_wait(qtbot, window)
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Third title")
    assert save_and_wait(qtbot, window)
    assert len(storage.list_backups(path)) == 2
    seen = {}

    def pick_oldest(dialog: BackupsDialog):
        seen["rows"] = dialog.list.topLevelItemCount()
        dialog.select(2)
        seen["details"] = dialog.details.text()
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(BackupsDialog, "exec", pick_oldest)
    dialogs.message_box_button = "Restore"
    window.app_actions.restore_backup.trigger()

    assert seen["rows"] == 2 and "6 sections" in seen["details"] and "last change was by" in seen["details"]
    assert "back in place of response.wyproj" in dialogs.shown[-1]
    assert window.document.project.find_section("1").heading.startswith("Background information")
    assert storage.load(path).project.find_section("1").heading.startswith("Background information")
    assert len(storage.list_backups(path)) == 3  # the replaced version is a backup too
    assert storage.load(storage.list_backups(path)[0]).project.find_section("1").heading == "Third title"
    assert not window.isWindowModified() and not window.document.undo_stack.canUndo()


def test_restoring_can_be_cancelled(qtbot, sample_window, dialogs, monkeypatch, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Second title")
    assert save_and_wait(qtbot, window)
    monkeypatch.setattr(BackupsDialog, "exec", click(lambda d: d.restore_button))
    dialogs.message_box_button = "Cancel"
    window.app_actions.restore_backup.trigger()
    assert storage.load(path).project.find_section("1").heading == "Second title"
    assert len(storage.list_backups(path)) == 1


def test_a_file_that_fails_to_load_offers_its_newest_good_backup(qtbot, sample_window, make_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Good title")
    assert save_and_wait(qtbot, window)
    window.close_project()
    path.write_bytes(b"<wyproj broken")

    fresh = make_window(COORDINATOR)
    dialogs.message_box_button = "Cancel"
    assert not fresh.open_path(path)
    assert "response.wyproj could not be opened" in dialogs.shown[-1] and "newest good backup" in dialogs.shown[-1]
    assert path.read_bytes() == b"<wyproj broken"

    dialogs.message_box_button = "Restore the Backup"
    assert fresh.open_path(path)
    assert fresh.document.path == path
    assert fresh.document.project.find_section("1").heading.startswith("Background information")
    assert storage.list_backups(path)[0].read_bytes() == b"<wyproj broken"  # kept, not thrown away


def test_a_file_without_backups_fails_with_a_plain_dialog(make_window, dialogs, tmp_path):
    broken = tmp_path / "broken.wyproj"
    broken.write_text("<not a project", encoding="utf-8")
    window = make_window()
    assert not window.open_path(broken)
    assert "could not be opened" in dialogs.shown[-1] and "good backup" not in dialogs.shown[-1]


def test_a_restore_by_someone_not_a_partner_names_their_identity(qtbot, sample_window, make_window, dialogs,
                                                                  monkeypatch, tmp_path):
    """The app tells storage who restores (storage never reads the user's settings): with no partner
    to act as, the window's identity, not the login name."""
    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Second title")
    assert save_and_wait(qtbot, window)
    window.close_project()
    visitor = make_window(Identity("P. Jones", "Nowhere Borough Council", "contributor"))
    assert visitor.open_path(path) and visitor.document.actor is None
    monkeypatch.setattr(BackupsDialog, "exec", click(lambda d: d.restore_button))
    dialogs.message_box_button = "Restore"
    visitor.app_actions.restore_backup.trigger()
    [record] = storage.load(path).project.restores
    assert record.person == "P. Jones"
