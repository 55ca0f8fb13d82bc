"""File > Reload from Disk of a large project (issue 16): the file is read on a worker thread with the
progress shown, as opening does; a file that cannot be read is one plain line and the open project
stays as it was, unsaved changes included; cancelling changes nothing. What counts as large is
lowered here so the sample stands for a large response."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.ui.conftest import COORDINATOR, open_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage
from wyassembler.ui.operations import opening






def _opened(qtbot, make_window, path: Path):
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, path)
    return window


def _leeds_saves(path: Path, text: str) -> None:
    theirs = storage.load(path)
    section = theirs.project.find_section("5")
    editing.edit_section(theirs.project, Actor(section.owner, "M. Walsh", "partner lead"), section,
                         blocks=(Paragraph(plain(text)),))
    storage.save_shared(theirs.project, path, theirs.data, theirs.structure)


def _text_of(window, number: str) -> str:
    return window.document.project.find_section(number).blocks[-1].spans[-1].text


def test_reloading_a_large_project_reads_it_on_a_worker_thread_with_progress_shown(
        qtbot, make_window, large, reads, dialogs):
    window = _opened(qtbot, make_window, large)
    document = window.document
    window.select_section(document.project.find_section("3").id)
    type_at_end(qtbot, window, " Thrown away by the reload.")
    _leeds_saves(large, "Leeds saved this meanwhile.")
    reads.clear()
    dialogs.question_answer = QMessageBox.StandardButton.Discard
    window.app_actions.reload.trigger()
    assert any("throws away the changes you have not saved" in text for text in dialogs.shown)
    # Not read yet: the window answers and paints, and says what it is doing.
    assert window.opening.is_opening() and window.opening.progress is not None
    assert window.opening.progress.isVisible() and "Reloading large.wyproj" in window.opening.progress.labelText()
    qtbot.waitUntil(lambda: not window.opening.is_opening(), timeout=20_000)
    assert reads and threading.main_thread() not in reads
    assert window.document is document and window.opening.progress is None
    assert _text_of(window, "5") == "Leeds saved this meanwhile."
    assert not _text_of(window, "3").endswith("Thrown away by the reload.")
    assert not document.is_dirty() and not document.changed_on_disk() and document.undo_stack.count() == 0


def test_keeping_the_changes_does_not_read_the_file(qtbot, make_window, large, reads, dialogs):
    window = _opened(qtbot, make_window, large)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Kept.")
    reads.clear()
    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    window.app_actions.reload.trigger()
    assert not window.opening.is_opening() and reads == []
    assert _text_of(window, "3").endswith("Kept.") and window.document.is_dirty()


def test_a_large_file_that_cannot_be_read_again_is_one_plain_line_and_the_open_project_stays(
        qtbot, make_window, large, dialogs):
    window = _opened(qtbot, make_window, large)
    document = window.document
    window.select_section(document.project.find_section("3").id)
    type_at_end(qtbot, window, " Still here after the failed reload.")
    large.write_text("<not a project", encoding="utf-8")  # a sync client's half-written download, say
    dialogs.question_answer = QMessageBox.StandardButton.Discard
    dialogs.shown.clear()
    window.app_actions.reload.trigger()
    assert window.opening.is_opening()
    qtbot.waitUntil(lambda: not window.opening.is_opening(), timeout=20_000)
    shown = [text for text in dialogs.shown if "could not be read again" in text]
    assert len(shown) == 1 and "Traceback" not in shown[0] and "not a readable project file" in shown[0]
    assert window.document is document and window.opening.progress is None
    # Nothing lost: the failed reload threw nothing away, and the changes can still be saved elsewhere.
    assert _text_of(window, "3").endswith("Still here after the failed reload.") and document.is_dirty()
    assert document.undo_stack.count() > 0


def test_cancelling_a_reload_changes_nothing(qtbot, make_window, large, dialogs):
    window = _opened(qtbot, make_window, large)
    document = window.document
    window.select_section(document.project.find_section("3").id)
    type_at_end(qtbot, window, " Kept by the cancel.")
    _leeds_saves(large, "Leeds saved this meanwhile.")
    dialogs.question_answer = QMessageBox.StandardButton.Discard
    window.app_actions.reload.trigger()
    reading = window.opening.reading
    window.opening.progress.findChild(QPushButton).click()  # its Cancel button
    assert not window.opening.is_opening() and window.opening.progress is None
    reading.thread.join(20)
    qtbot.wait(3 * opening.POLL_MS)
    assert window.document is document and _text_of(window, "3").endswith("Kept by the cancel.")
    assert _text_of(window, "5") != "Leeds saved this meanwhile." and document.is_dirty()


def test_a_reload_read_for_a_project_closed_meanwhile_is_dropped(qtbot, make_window, large, dialogs):
    window = _opened(qtbot, make_window, large)
    dialogs.question_answer = QMessageBox.StandardButton.Discard
    window.app_actions.reload.trigger()
    reading = window.opening.reading
    reading.thread.join(20)
    window.open_sample()  # another project opened before the read was taken in
    sample = window.document
    qtbot.waitUntil(lambda: not window.opening.is_opening(), timeout=20_000)
    assert window.document is sample and window.document.path is None
