"""Another partner's save of a large project merged on a worker thread (issue 16): when the project changed
here while it merged, the merge is merged again under those changes on a worker thread too, never on the
UI thread, and nothing of either side is lost. What counts as large is lowered here."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.ui.conftest import COORDINATOR, open_and_wait, save_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage
from wyassembler.ui.project import document as document_module
from wyassembler.ui.project import merge_job, save_job




@pytest.fixture
def merged_on(monkeypatch) -> list[threading.Thread]:
    """The thread of every merge the window makes (by a merge job or by the document itself)."""
    threads: list[threading.Thread] = []
    for module in (merge_job, document_module, save_job):
        real = module.merge_projects

        def recording(*args, real=real, **kwargs):
            threads.append(threading.current_thread())
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "merge_projects", recording)
    return threads


def _leeds_saves(path: Path, text: str) -> None:
    theirs = storage.load(path)
    section = theirs.project.find_section("5")
    editing.edit_section(theirs.project, Actor(section.owner, "M. Walsh", "partner lead"), section,
                         blocks=(Paragraph(plain(text)),))
    storage.save_shared(theirs.project, path, theirs.data, theirs.structure)


def test_a_change_made_while_a_large_merge_ran_is_merged_again_on_a_worker_thread(
        qtbot, make_window, large, merged_on):
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    document = window.document
    _leeds_saves(large, "Theirs, saved meanwhile.")
    window.other_saves.check_disk()
    first = window.other_saves.merging
    assert first is not None
    # Changed here while it merges: a command, then typing the merge's end commits.
    window.sections.rename_section_to(document.project.find_section("2").id, "Renamed while it merged")
    window.select_section(document.project.find_section("3").id)
    type_at_end(qtbot, window, " Typed while it merged.")
    qtbot.waitUntil(lambda: window.other_saves.merging is not first, timeout=20_000)
    again = window.other_saves.merging
    assert again is not None and again.theirs is first.result.project  # merged again, not read again
    qtbot.waitUntil(lambda: window.other_saves.merging is None, timeout=20_000)
    assert len(merged_on) == 2 and threading.main_thread() not in merged_on
    project = document.project
    assert project.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved meanwhile."
    assert project.find_section("2").heading == "Renamed while it merged"
    assert project.find_section("3").blocks[-1].spans[-1].text.endswith("Typed while it merged.")
    assert document.is_dirty() and not document.changed_on_disk()
    assert "Another partner saved" in window.disk_label.text()
    assert save_and_wait(qtbot, window)
    saved = storage.load(large).project
    assert saved.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved meanwhile."
    assert saved.find_section("2").heading == "Renamed while it merged"
    assert saved.find_section("3").blocks[-1].spans[-1].text.endswith("Typed while it merged.")


def test_a_save_of_ours_during_the_second_merge_takes_the_file_in_and_the_merge_is_dropped(
        qtbot, make_window, large):
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    document = window.document
    _leeds_saves(large, "Theirs, saved meanwhile.")
    window.other_saves.check_disk()
    first = window.other_saves.merging
    window.sections.rename_section_to(document.project.find_section("2").id, "Renamed while it merged")
    qtbot.waitUntil(lambda: window.other_saves.merging is not first, timeout=20_000)
    assert window.other_saves.merging is not None
    assert save_and_wait(qtbot, window)  # our save merges the file itself
    qtbot.waitUntil(lambda: window.other_saves.merging is None, timeout=20_000)
    saved = storage.load(large).project
    assert saved.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved meanwhile."
    assert saved.find_section("2").heading == "Renamed while it merged"
    assert document.project.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved meanwhile."
    assert not document.is_dirty() and not document.changed_on_disk()


def test_a_change_made_during_a_save_that_merged_is_merged_in_on_a_worker_thread(
        qtbot, make_window, large, merged_on):
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    document = window.document
    window.select_section(document.project.find_section("3").id)
    type_at_end(qtbot, window, " Ours, saved.")
    _leeds_saves(large, "Theirs, saved before ours.")  # our save finds it and merges it
    assert window.save()
    # Changed while the save runs: not in what it writes, kept (unsaved) under what it merged.
    window.sections.rename_section_to(document.project.find_section("2").id, "Renamed during the save")
    qtbot.waitUntil(lambda: document.save_job is not None and document.save_job.remerge is not None,
                    timeout=20_000)
    assert window.is_saving()  # until what it merged is merged again: no other save, close or reload meanwhile
    qtbot.waitUntil(lambda: not window.is_saving(), timeout=20_000)
    assert merged_on and threading.main_thread() not in merged_on
    project = document.project
    assert project.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved before ours."
    assert project.find_section("3").blocks[-1].spans[-1].text.endswith("Ours, saved.")
    assert project.find_section("2").heading == "Renamed during the save"
    assert document.is_dirty() and not document.changed_on_disk()  # the rename is not on disk yet
    on_disk = storage.load(large).project
    assert on_disk.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved before ours."
    assert on_disk.find_section("3").blocks[-1].spans[-1].text.endswith("Ours, saved.")
    assert on_disk.find_section("2").heading != "Renamed during the save"
    assert save_and_wait(qtbot, window)
    assert storage.load(large).project.find_section("2").heading == "Renamed during the save"
