"""A large project in the app (issue 16): its file is read on a worker thread while the window stays
painted and a progress dialog shows; a file that cannot be read is still one plain line; the save
after opening does not read the file again; and the collector's full passes leave the open project
alone. The sizes that count as large are lowered here so the sample stands for a large response."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import COORDINATOR, open_and_wait, save_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.projectfile import codec
from wyassembler.ui.operations import opening
from wyassembler.ui.project import heap






def test_a_large_file_is_read_on_a_worker_thread_with_progress_shown(qtbot, make_window, large, reads):
    window = make_window(COORDINATOR)
    assert window.open_path(large)
    # Not open yet: the window answers and paints, and says what it is doing.
    assert window.document is None and window.opening.is_opening()
    assert window.opening.progress is not None and window.opening.progress.isVisible()
    assert "large.wyproj" in window.opening.progress.labelText()
    qtbot.waitUntil(lambda: window.document is not None, timeout=20_000)
    assert reads and threading.main_thread() not in reads
    assert window.opening.progress is None and not window.opening.is_opening()
    assert window.document.path == large.resolve()
    assert window.outline_model.rowCount() > 0 and window.editor.section is not None


def test_a_large_file_that_cannot_be_read_is_one_plain_line_and_the_open_project_stays(
        qtbot, make_window, dialogs, large, tmp_path):
    window = make_window(COORDINATOR)
    window.open_sample()
    sample = window.document
    broken = tmp_path / "broken.wyproj"
    broken.write_text("<not a project", encoding="utf-8")
    assert window.open_path(broken)
    qtbot.waitUntil(lambda: not window.opening.is_opening(), timeout=20_000)
    shown = [text for text in dialogs.shown if "broken.wyproj could not be opened" in text]
    assert len(shown) == 1 and "Traceback" not in shown[0]
    assert window.document is sample and window.opening.progress is None
    window.select_section(sample.project.find_section("3").id)
    type_at_end(qtbot, window, " Still usable.")
    assert window.commit_editor()
    assert "Still usable." in sample.project.find_section("3").blocks[-1].spans[-1].text


def test_cancelling_the_open_keeps_what_was_open(qtbot, make_window, large):
    window = make_window(COORDINATOR)
    window.open_sample()
    sample = window.document
    assert window.open_path(large)
    reading = window.opening.reading
    window.opening.progress.findChild(QPushButton).click()  # its Cancel button
    assert not window.opening.is_opening() and window.opening.progress is None
    reading.thread.join(20)
    qtbot.wait(3 * opening.POLL_MS)
    assert window.document is sample
    assert window.open_path(large)  # and it can be opened after all
    qtbot.waitUntil(lambda: window.document is not sample, timeout=20_000)
    assert window.document.path == large.resolve()


def test_saving_after_opening_does_not_read_the_file_again(qtbot, make_window, large, monkeypatch):
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    parsed: list[int] = []
    real = codec.parse_bytes
    monkeypatch.setattr(codec, "parse_bytes", lambda data, *a, **k: parsed.append(len(data)) or real(data, *a, **k))
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Saved without reading the file again.")
    assert save_and_wait(qtbot, window)
    assert parsed == []
    assert "Saved without reading" in codec.from_bytes(large.read_bytes()).find_section("3").blocks[-1].spans[-1].text


def test_a_large_project_is_left_out_of_the_collectors_full_passes(qtbot, make_window, large, monkeypatch):
    monkeypatch.setattr(heap, "LARGE_PROJECT_SECTIONS", 1)
    window = make_window(COORDINATOR)
    window.open_path(large)
    qtbot.waitUntil(lambda: window.document is not None, timeout=20_000)
    section = window.document.project.all_sections()[0]
    assert gc.get_freeze_count() > 0
    assert not any(tracked is section for tracked in gc.get_objects())
    monkeypatch.setattr(heap, "LARGE_PROJECT_SECTIONS", 10_000)
    window.open_sample()  # a small project: everything is back in the collector's sight
    assert gc.get_freeze_count() == 0


def test_another_partners_save_of_a_large_project_is_merged_on_a_worker_thread(qtbot, make_window, large,
                                                                              monkeypatch):
    from wyassembler.core import editing
    from wyassembler.core.content import Paragraph, plain
    from wyassembler.core.model import Actor
    from wyassembler.projectfile import storage
    from wyassembler.ui.project import merge_job

    merged_on: list[threading.Thread] = []
    real_merge = merge_job.merge_projects

    def recording(*args, **kwargs):
        merged_on.append(threading.current_thread())
        return real_merge(*args, **kwargs)

    monkeypatch.setattr(merge_job, "merge_projects", recording)
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Ours, typed before their save came in.")

    theirs = storage.load(large)
    section = theirs.project.find_section("5")
    editing.edit_section(theirs.project, Actor(section.owner, "M. Walsh", "partner lead"), section,
                         blocks=(Paragraph(plain("Theirs, saved meanwhile.")),))
    storage.save_shared(theirs.project, large, theirs.data, theirs.structure)

    window.other_saves.check_disk()
    assert window.other_saves.merging is not None  # the window answers while it merges
    type_at_end(qtbot, window, " And typed while it merged.")
    qtbot.waitUntil(lambda: window.other_saves.merging is None, timeout=20_000)
    assert merged_on and threading.main_thread() not in merged_on
    project = window.document.project
    assert project.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved meanwhile."
    window.commit_editor()
    ours = window.document.project.find_section("3").blocks[-1].spans[-1].text
    assert ours.endswith("Ours, typed before their save came in. And typed while it merged.")
    assert not window.document.changed_on_disk() and "Another partner saved" in window.disk_label.text()
    assert save_and_wait(qtbot, window)
    saved = storage.load(large).project
    assert saved.find_section("5").blocks[-1].spans[-1].text == "Theirs, saved meanwhile."
    assert saved.find_section("3").blocks[-1].spans[-1].text.endswith("And typed while it merged.")


def test_what_a_worker_reads_is_built_with_the_collector_held_off_and_left_out_of_its_sight():
    seen_enabled: list[bool] = []

    def build():
        seen_enabled.append(gc.isenabled())
        return [[number] for number in range(1000)]

    try:
        built = heap.built_out_of_sight(build)
        assert seen_enabled == [False] and gc.isenabled()
        assert not any(tracked is built for tracked in gc.get_objects())

        def fails():
            raise ValueError("not a project")

        with pytest.raises(ValueError):
            heap.built_out_of_sight(fails)
        assert gc.isenabled()
    finally:
        gc.unfreeze()


class _Cycle:
    """Garbage only the collector can free: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def test_closing_a_large_project_gives_back_to_the_collector_what_opening_it_left_out(
        qtbot, make_window, large, monkeypatch):
    # gc.freeze at open leaves out of sight every object then alive, garbage with cycles included; frozen, it
    # was never freed: about 1,000 objects (0.3 MB) more at each open and close of a 1,000-section project.
    monkeypatch.setattr(heap, "LARGE_PROJECT_SECTIONS", 1)
    window = make_window(COORDINATOR)
    cycle = _Cycle()
    gone = weakref.ref(cycle)
    open_and_wait(qtbot, window, large)
    del cycle  # garbage now, frozen with everything alive when the project was read
    assert window.close_project(ask=False)
    gc.collect()
    assert gone() is None and gc.get_freeze_count() == 0


def test_the_collector_is_back_on_whichever_thread_lets_go_of_it_first(monkeypatch):
    # Two threads held the collector off, each remembering whether it was on: the second looked (off, the
    # first held it), the first let go (on), the second turned it off and, having found it off, left it off.
    inside, leave = threading.Event(), threading.Event()

    def other_read():
        heap.built_out_of_sight(lambda: (inside.set(), leave.wait(20)))

    other = threading.Thread(target=other_read)
    real_disable = gc.disable
    calls: list[int] = []

    def disable_once_the_other_let_go():
        if not calls:
            calls.append(1)
            leave.set()
            other.join(1)  # it lets go now, or (held by a lock) once this thread has taken hold
        real_disable()

    try:
        other.start()
        assert inside.wait(20)
        monkeypatch.setattr(gc, "disable", disable_once_the_other_let_go)
        heap.built_out_of_sight(lambda: None)
        other.join(20)
        assert gc.isenabled()
    finally:
        leave.set()
        gc.enable()
        gc.unfreeze()


def test_a_second_save_by_another_partner_while_their_first_is_merged_is_brought_in_too(qtbot, make_window, large,
                                                                                       monkeypatch):
    # The watch's notice of the second save came while the first merge ran and was dropped (a merge was
    # running), the watch already re-armed: the bar said their changes were shown, the file held newer ones.
    from wyassembler.core import editing
    from wyassembler.core.content import Paragraph, plain
    from wyassembler.core.model import Actor
    from wyassembler.projectfile import storage

    def their_save(number: str, text: str) -> None:
        theirs = storage.load(large)
        section = theirs.project.find_section(number)
        editing.edit_section(theirs.project, Actor(section.owner, "M. Walsh", "partner lead"), section,
                             blocks=(Paragraph(plain(text)),))
        storage.save_shared(theirs.project, large, theirs.data, theirs.structure)

    second_saved = threading.Event()
    real_load = storage.load

    def load_then_wait(path):  # the merge has read their first save when the second comes
        loaded = real_load(path)
        if threading.current_thread() is not threading.main_thread():
            second_saved.wait(20)
        return loaded

    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    monkeypatch.setattr(storage, "load", load_then_wait)
    their_save("5", "Their first save.")
    window.other_saves.check_disk()
    assert window.other_saves.merging is not None
    noticed_while_merging: list[bool] = []
    window.disk_watch.settled.connect(lambda: noticed_while_merging.append(window.other_saves.merging is not None))
    their_save("3", "Their second save, while the first was merged.")
    qtbot.waitUntil(lambda: True in noticed_while_merging, timeout=20_000)  # the watch's notice of it
    second_saved.set()
    qtbot.waitUntil(lambda: window.other_saves.merging is None and not window.document.changed_on_disk(),
                    timeout=20_000)
    project = window.document.project
    assert project.find_section("5").blocks[-1].spans[-1].text == "Their first save."
    assert project.find_section("3").blocks[-1].spans[-1].text == "Their second save, while the first was merged."


def test_another_partners_save_landing_while_ours_finishes_is_brought_in(qtbot, make_window, large, monkeypatch):
    # Their save came after ours had written and before ours was taken in on the UI thread: the watch's notice
    # of it was dropped (a save of ours was running), and the watch, re-armed after our save, said no more.
    from wyassembler.core import editing
    from wyassembler.core.content import Paragraph, plain
    from wyassembler.core.model import Actor
    from wyassembler.projectfile import storage

    written, their_saved = threading.Event(), threading.Event()
    real_save = storage.save_shared

    def save_then_wait(*args, **kwargs):
        result = real_save(*args, **kwargs)
        if threading.current_thread() is not threading.main_thread():
            written.set()
            their_saved.wait(20)
        return result

    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    monkeypatch.setattr(storage, "save_shared", save_then_wait)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Ours.")
    assert window.save()
    qtbot.waitUntil(written.is_set, timeout=20_000)
    noticed_while_saving: list[bool] = []
    window.disk_watch.settled.connect(lambda: noticed_while_saving.append(window.is_saving()))
    theirs = storage.load(large)
    section = theirs.project.find_section("5")
    editing.edit_section(theirs.project, Actor(section.owner, "M. Walsh", "partner lead"), section,
                         blocks=(Paragraph(plain("Theirs, just after ours.")),))
    real_save(theirs.project, large, theirs.data, theirs.structure)
    qtbot.waitUntil(lambda: True in noticed_while_saving, timeout=20_000)
    their_saved.set()
    qtbot.waitUntil(lambda: not window.is_saving() and window.other_saves.merging is None
                    and not window.document.changed_on_disk(), timeout=20_000)
    project = window.document.project
    assert project.find_section("5").blocks[-1].spans[-1].text == "Theirs, just after ours."
    assert project.find_section("3").blocks[-1].spans[-1].text.endswith("Ours.")


def test_a_large_project_opened_over_another_frees_the_other(qtbot, make_window, large, monkeypatch):
    # The freeze at open kept the garbage of the outline's walks (nested functions calling themselves, whose
    # cells held every section) out of the collector's sight: each open over a large project kept the
    # previous one alive, about 10 MB more per open of a 1,000-section project.
    from PySide6.QtCore import QCoreApplication, QEvent

    monkeypatch.setattr(heap, "LARGE_PROJECT_SECTIONS", 1)
    window = make_window(COORDINATOR)
    open_and_wait(qtbot, window, large)
    first = [window.document]
    old_section = weakref.ref(first[0].project.all_sections()[-1])
    assert window.open_path(large)
    qtbot.waitUntil(lambda: window.document is not first[0] and window.document is not None, timeout=20_000)
    first.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert old_section() is None


def test_the_app_has_worker_threads_hand_the_interpreter_back_often(qapp, monkeypatch):
    """The save, recovery and merge threads run Python beside the window; with Python's default 5 ms
    switch interval each Qt call on the UI thread could wait that long for the interpreter again."""
    import sys

    from wyassembler.ui import app

    # The style sheet and button letters are the test application's for good once installed: leave them.
    monkeypatch.setattr(app, "apply_style", lambda _app: None)
    monkeypatch.setattr(app.button_keys, "install", lambda _app: None)
    default = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        app.make_application()
        assert sys.getswitchinterval() <= 0.001
    finally:
        sys.setswitchinterval(default)
