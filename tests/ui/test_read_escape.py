"""A large file being read (opened or reloaded) on its worker thread: Escape on the progress dialog is
Cancel, and a reload never replaces changes made after it was asked for. Escape hid the dialog without
cancelling: the window answered again while the read ran on, and what was typed meanwhile was thrown
away when a reload finished."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR, open_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.ui.operations import opening




@pytest.fixture
def held_reads(monkeypatch) -> threading.Event:
    """Reads wait for this event, so the test acts while one runs."""
    go_on = threading.Event()
    real = opening.files.load_project

    def held(path):
        go_on.wait(20)
        return real(path)

    monkeypatch.setattr(opening.files, "load_project", held)
    yield go_on
    go_on.set()


def test_escape_on_the_progress_of_an_open_cancels_it(qtbot, make_window, large, held_reads):
    window = make_window(COORDINATOR)
    window.open_sample()
    sample = window.document
    assert window.open_path(large)
    reading = window.opening.reading
    qtbot.keyClick(window.opening.progress, Qt.Key.Key_Escape)
    assert not window.opening.is_opening() and window.opening.progress is None
    held_reads.set()
    reading.thread.join(20)
    qtbot.wait(5 * opening.POLL_MS)
    assert window.document is sample


def test_escape_on_the_progress_of_a_reload_keeps_what_is_typed_after_it(qtbot, make_window, large, held_reads):
    held_reads.set()
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    held_reads.clear()
    document = window.document
    window.other_saves.reload_from_disk()
    assert window.opening.is_opening()
    reading = window.opening.reading
    qtbot.keyClick(window.opening.progress, Qt.Key.Key_Escape)
    window.select_section(document.project.find_section("3").id)
    type_at_end(qtbot, window, " Typed once the progress had gone.")
    assert window.commit_editor()
    held_reads.set()
    reading.thread.join(20)
    qtbot.wait(5 * opening.POLL_MS)
    assert window.document.project.find_section("3").blocks[-1].spans[-1].text.endswith("once the progress had gone.")
    assert window.document.is_dirty()


def test_a_reload_read_while_the_project_changed_is_not_taken_in(qtbot, make_window, large, held_reads):
    # However the window came to answer during the read (Escape was one way), a change made after the reload
    # was asked for is not thrown away by it.
    held_reads.set()
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    held_reads.clear()
    document = window.document
    window.other_saves.reload_from_disk()
    reading = window.opening.reading
    window.select_section(document.project.find_section("3").id)
    type_at_end(qtbot, window, " Changed during the reload.")
    assert window.commit_editor()
    held_reads.set()
    reading.thread.join(20)
    qtbot.waitUntil(lambda: not window.opening.is_opening(), timeout=20_000)
    assert window.document.project.find_section("3").blocks[-1].spans[-1].text.endswith("during the reload.")
    assert "not reloaded" in window.statusBar().currentMessage().lower()
