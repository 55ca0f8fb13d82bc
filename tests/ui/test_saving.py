"""Saving runs on a worker thread: the window stays usable while a save waits for another partner's
lock, the wait can be cancelled, and what is changed during a save is kept (unsaved)."""

from __future__ import annotations

import json
import os
import socket

from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, save_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.projectfile import storage
from wyassembler.projectfile.lock import lock_path


def saved(qtbot, window, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)
    return tmp_path / "response.wyproj"


def hold_lock(path) -> None:
    """Another partner's save in progress: a live holder on this machine (this very process)."""
    lock_path(path).write_text(json.dumps({
        "user": "kp", "machine": socket.gethostname(), "pid": os.getpid(), "time": "2026-01-05T09:00:00Z",
        "person": "S. Patel", "org": "kirklees", "token": "t"}), encoding="utf-8")


def test_a_save_waiting_for_a_lock_keeps_the_window_usable_and_can_be_cancelled(qtbot, sample_window, dialogs,
                                                                              tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved(qtbot, window, dialogs, tmp_path)
    before = path.read_bytes()
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    type_at_end(qtbot, window, " First.")
    hold_lock(path)
    assert window.save()
    qtbot.waitUntil(lambda: window.save_cancel.isVisible(), timeout=10_000)
    assert "Waiting for S. Patel" in window.statusBar().currentMessage()
    assert not window.app_actions.save.isEnabled() and not window.app_actions.close_project.isEnabled()
    # The window is not blocked: typing goes on during the wait.
    type_at_end(qtbot, window, " Typed while waiting.")
    assert window.editor.text.toPlainText().endswith("Typed while waiting.")
    window.save_cancel.click()
    qtbot.waitUntil(lambda: not window.is_saving(), timeout=10_000)
    assert path.read_bytes() == before
    assert "Save cancelled" in window.statusBar().currentMessage()
    assert window.isWindowModified() and window.app_actions.save.isEnabled()
    lock_path(path).unlink()
    assert save_and_wait(qtbot, window)
    text = storage.load(path).project.find_section("3").blocks[-1].spans[-1].text
    assert text.endswith("First. Typed while waiting.")


def test_closing_during_a_save_closes_once_it_has_finished(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved(qtbot, window, dialogs, tmp_path)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Closing now.")
    hold_lock(path)
    assert window.save()
    qtbot.waitUntil(lambda: window.save_cancel.isVisible(), timeout=10_000)
    window.close()
    assert window.isVisible(), "never closed under a running save"
    lock_path(path).unlink()  # the other partner's save ends
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert storage.load(path).project.find_section("3").blocks[-1].spans[-1].text.endswith("Closing now.")


def test_save_as_asks_before_replacing_the_file_named_by_the_added_suffix(qtbot, sample_window, dialogs, tmp_path):
    existing = tmp_path / "response.wyproj"
    existing.write_bytes(b"someone's project")
    window = sample_window(COORDINATOR)
    dialogs.save_path = str(tmp_path / "response")  # typed without the suffix: the dialog asked nothing
    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    assert not window.save_as()
    assert existing.read_bytes() == b"someone's project"
    assert any("response.wyproj already exists" in text for text in dialogs.shown)


def test_the_windows_actions_do_not_shadow_qwidget_actions(make_window):
    window = make_window(COORDINATOR)
    assert callable(window.actions) and isinstance(window.actions(), list)
    assert window.app_actions.save in window.app_actions.project_actions()


def test_the_window_owns_its_operations_and_shadows_no_qt_method(make_window):
    """Composition, not mixins: the window's only base is Qt's, and what its operations are called
    hides nothing QMainWindow has (a shadowed method breaks Qt code that calls it)."""
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMainWindow

    from wyassembler.ui.main_window import MainWindow

    assert [base for base in MainWindow.__mro__ if base.__module__.startswith("wyassembler")] == [MainWindow]
    window = make_window(COORDINATOR)
    # Qt's signals are cached in the instance's dict under their own names: those are Qt's, not ours.
    ours = {name for name, value in vars(window).items() if not isinstance(value, SignalInstance)}
    ours |= {name for name in vars(MainWindow) if not name.startswith("__")} - {"staticMetaObject"}
    assert {name for name in ours if hasattr(QMainWindow, name)} == {"closeEvent"}  # the one override


def test_a_save_runs_with_the_collector_held_off_and_it_is_back_after(qtbot, sample_window, dialogs, tmp_path,
                                                                     monkeypatch):
    import gc

    from wyassembler.ui.project import save_job

    window = sample_window(COORDINATOR)
    path = saved(qtbot, window, dialogs, tmp_path)
    collecting: list[bool] = []
    real = save_job.storage.save_shared
    monkeypatch.setattr(save_job.storage, "save_shared",
                        lambda *args, **kwargs: collecting.append(gc.isenabled()) or real(*args, **kwargs))
    window.sections.rename_section_to(window.document.project.find_section("4").id, "Saved with no full passes")
    assert save_and_wait(qtbot, window)
    assert collecting == [False] and gc.isenabled()
    assert storage.load(path).project.find_section("4").heading == "Saved with no full passes"
