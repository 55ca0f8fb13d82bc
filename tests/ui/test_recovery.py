"""Crash recovery keeps what was typed seconds ago: the recovery file is written shortly after each
change (a commit, or typing not yet committed), serialised and written off the UI thread, and always
in the order the changes were made."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.ui.conftest import COORDINATOR, save_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.projectfile.codec import from_bytes
from wyassembler.resource_files import SAMPLE, resource_bytes
from wyassembler.ui import app as ui_app
from wyassembler.ui.operations import recovery


def recovered_text(window, number: str) -> str:
    project = from_bytes(window.recovery.data_path.read_bytes())
    return project.find_section(number).blocks[-1].spans[-1].text


@pytest.fixture
def shared(tmp_path) -> Path:
    path = tmp_path / "response.wyproj"
    path.write_bytes(resource_bytes(*SAMPLE))
    return path


def test_typing_not_yet_committed_reaches_the_recovery_file_after_a_short_pause(qtbot, make_window, shared):
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Typed a moment ago.")
    assert window.editor.is_modified()  # still only in the editor: no revision, no undo step yet
    qtbot.waitUntil(lambda: window.recovery.data_path.exists()
                    and recovered_text(window, "3").endswith("Typed a moment ago."), timeout=5000)
    assert window.editor.is_modified() and not window.document.undo_stack.canUndo()
    window.recovery.flush()  # the note is written just after the project
    note = json.loads(window.recovery.meta_path.read_text(encoding="utf-8"))
    assert note["original"] == str(shared.resolve())


def test_a_commit_reaches_the_recovery_file_without_typing(qtbot, make_window, shared):
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    section = window.document.project.find_section("2")
    window.sections.rename_section_to(section.id, "Renamed, then the power went")
    qtbot.waitUntil(lambda: window.recovery.data_path.exists(), timeout=5000)
    window.recovery.flush()
    assert from_bytes(window.recovery.data_path.read_bytes()).section(section.id).heading == \
        "Renamed, then the power went"


def test_the_snapshot_is_taken_on_the_ui_thread_and_written_on_another(qtbot, make_window, shared, monkeypatch):
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    written_on = []
    real_write = recovery.RecoveryWriter.write

    def spy(self, data, original, title):
        written_on.append(threading.current_thread())
        return real_write(self, data, original, title)

    monkeypatch.setattr(recovery.RecoveryWriter, "write", spy)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " x")
    window.autosave()
    window.recovery.flush()
    assert written_on and threading.main_thread() not in written_on
    # Changes made after the snapshot are not in it: the worker writes what was taken, not what is now.
    type_at_end(qtbot, window, "yz")
    assert recovered_text(window, "3").endswith(" x")


def test_later_snapshots_are_never_overtaken_by_earlier_ones(qtbot, make_window, shared):
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    window.select_section(window.document.project.find_section("3").id)
    for word in ("one", "two", "three", "four", "five"):
        type_at_end(qtbot, window, f" {word}")
        window.autosave()
    window.recovery.flush()
    assert recovered_text(window, "3").endswith("one two three four five")


def test_saving_removes_the_recovery_file_even_with_a_write_queued(qtbot, make_window, shared):
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " saved")
    window.autosave()
    window.recovery.discard()  # as a save or a clean close does, while the write may still be queued
    window.recovery.flush()
    assert not window.recovery.data_path.exists() and not window.recovery.meta_path.exists()


def test_a_save_does_not_wait_for_a_recovery_write_in_progress_and_its_file_still_goes(
        qtbot, make_window, shared, monkeypatch):
    """The UI thread once waited out a whole recovery write when a save finished: a second at 5,000
    sections. Now the write removes its own file when it ends, before any newer snapshot is written."""
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    started, release, written = threading.Event(), threading.Event(), []
    real_write = recovery.RecoveryWriter.write

    def held_write(self, data, original, title):
        started.set()
        release.wait(5)
        written.append(data)
        return real_write(self, data, original, title)

    monkeypatch.setattr(recovery.RecoveryWriter, "write", held_write)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " saved")
    window.autosave()
    assert started.wait(10)
    assert save_and_wait(qtbot, window)
    assert written == []  # the save finished while the recovery write was still running
    type_at_end(qtbot, window, " and typed after the save")
    window.autosave()
    release.set()
    window.recovery.flush()
    assert len(written) == 2
    assert recovered_text(window, "3").endswith("saved and typed after the save")  # the newer one stays
    window.recovery.discard()
    assert not window.recovery.data_path.exists()


def test_killed_four_seconds_after_typing_loses_nothing(qtbot, make_window, shared, tmp_path, dialogs):
    """A real crash: the app runs in another process, types, and is killed with SIGKILL."""
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtGui import QTextCursor
        from PySide6.QtTest import QTest
        from wyassembler.settings import Identity
        from wyassembler.ui.app import make_application
        from wyassembler.ui.main_window import MainWindow

        app = make_application()
        window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
        window.show()
        assert window.open_path({str(shared)!r})
        window.select_section(window.document.project.find_section("3").id)
        editor = window.editor.text
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        QTest.keyClicks(editor, " Typed four seconds before the kill.")
        print("typed", flush=True)
        app.exec()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    try:
        assert child.stdout.readline().strip() == "typed"
        time.sleep(4)  # the scenario, not a timing assertion: the kill comes four seconds after typing
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()

    [left] = recovery.left_behind()
    assert left.original == shared.resolve()
    window = make_window(COORDINATOR)
    dialogs.message_box_button = "Recover"
    assert ui_app.offer_recovery(window)
    text = window.document.project.find_section("3").blocks[-1].spans[-1].text
    assert text.endswith("Typed four seconds before the kill.")



@pytest.fixture
def stepped(monkeypatch):
    """Every project copied for recovery in steps of one section, the window answering between steps."""
    from wyassembler.ui.operations import autosave

    monkeypatch.setattr(autosave, "STEPPED_SNAPSHOT_SECTIONS", 1)
    monkeypatch.setattr(autosave, "SECTIONS_PER_STEP", 1)
    monkeypatch.setattr(autosave, "STEP_SECONDS", 0.0)


def _submitted(window, monkeypatch) -> list:
    """The copies handed to the recovery writer, as they are handed."""
    copies: list = []
    real = window.recovery.submit
    monkeypatch.setattr(window.recovery, "submit",
                        lambda project, *rest: copies.append(project) or real(project, *rest))
    return copies


def test_a_large_projects_recovery_copy_is_taken_in_steps_the_window_answering_between(
        qtbot, make_window, shared, stepped, monkeypatch):
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Typed before the copy.")
    copies = _submitted(window, monkeypatch)
    window.autosaver.run_soon()
    assert copies == []  # not at once: one section per turn of the event loop
    qtbot.waitUntil(lambda: len(copies) == 1, timeout=5000)
    copy, project = copies[0], window.document.project
    typed_in = project.find_section("3")
    assert copy.find_section("3").blocks[-1].spans[-1].text.endswith("Typed before the copy.")
    assert copy.find_section("3").revisions[:-1] == typed_in.revisions  # the typing as one more revision
    assert all(ours == theirs for ours, theirs in zip(project.all_sections(), copy.all_sections(), strict=True)
               if ours is not typed_in)
    assert copy.organisations == project.organisations and copy.history == project.history
    window.recovery.flush()
    assert recovered_text(window, "3").endswith("Typed before the copy.")


def test_a_change_between_the_steps_starts_the_copy_again(qtbot, make_window, shared, stepped, monkeypatch):
    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    copies = _submitted(window, monkeypatch)
    first = window.document.project.sections[0]
    while first.children:
        first = first.children[0]  # the first section a copy in steps takes
    window.sections.rename_section_to(first.id, "Before the copy began")  # something unsaved to copy
    window.autosaver.run_soon()
    window.autosaver._step()  # copies the first section only
    assert window.autosaver._steps is not None and copies == []
    window.sections.rename_section_to(first.id, "Renamed while it was being copied")
    qtbot.waitUntil(lambda: bool(copies), timeout=5000)
    window.recovery.flush()
    assert all(copy.section(first.id).heading == "Renamed while it was being copied" for copy in copies)
    assert from_bytes(window.recovery.data_path.read_bytes()).section(first.id).heading == \
        "Renamed while it was being copied"


def test_the_recovery_copy_is_serialised_with_the_collector_held_off_and_it_is_back_after(
        qtbot, make_window, shared, monkeypatch):
    import gc

    window = make_window(COORDINATOR)
    assert window.open_path(shared)
    collecting: list[bool] = []
    real = recovery.checked_bytes
    monkeypatch.setattr(recovery, "checked_bytes", lambda project: collecting.append(gc.isenabled()) or real(project))
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " x")
    assert gc.isenabled()
    window.autosave()
    window.recovery.flush()
    assert collecting == [False] and gc.isenabled()
    assert recovered_text(window, "3").endswith(" x")
