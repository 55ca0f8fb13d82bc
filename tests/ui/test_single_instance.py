"""One app per user: a second launch hands its project to the running app; stale sockets; macOS open events."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import CALDERDALE_LEAD
from wyassembler.core.presets import new_project
from wyassembler.projectfile import storage
from wyassembler.ui.single_instance import SingleInstance, open_requested, server_name


@pytest.fixture
def first(qtbot):
    """The running app's end, on a name no other test uses."""
    instance = SingleInstance(f"wyassembler-test-{uuid.uuid4().hex[:12]}")
    assert instance.listen()
    yield instance
    instance.close()


def hand_over(name: str, paths: list[str]) -> bool:
    """A second launch, here in the same thread: its wait serves the first instance's socket too."""
    return SingleInstance(name).hand_over(paths)


def saved_project(folder: Path, title: str) -> Path:
    path = folder / f"{title}.wyproj"
    storage.save_project(new_project(title, preset="west-yorkshire", person="H. Dawson"), path)
    return path


def test_a_second_launch_hands_its_project_to_the_running_window(qtbot, first, make_window, tmp_path, monkeypatch):
    window = make_window(CALDERDALE_LEAD)
    first.file_requested.connect(lambda path: open_requested(window, path))
    saved_project(tmp_path, "Second")
    monkeypatch.chdir(tmp_path)  # the file manager may pass a relative path
    assert hand_over(first.name, ["Second.wyproj"])
    qtbot.waitUntil(lambda: window.document is not None, timeout=5000)
    assert window.document.path == tmp_path / "Second.wyproj"
    assert window.isVisible()

    # The same project again only raises the window; a launch without a project too.
    document = window.document
    assert hand_over(first.name, [str(tmp_path / "Second.wyproj")])
    assert hand_over(first.name, [])
    assert window.document is document


def test_unsaved_changes_are_offered_for_saving_before_another_project_opens(qtbot, first, sample_window, dialogs,
                                                                              tmp_path):
    window = sample_window(CALDERDALE_LEAD)  # the sample, not saved
    first.file_requested.connect(lambda path: open_requested(window, path))
    path = saved_project(tmp_path, "Other")
    dialogs.question_answer = dialogs.question_answer.Cancel
    assert hand_over(first.name, [str(path)])
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=5000)
    assert "Save your changes" in dialogs.shown[0]
    assert window.document.path is None  # the user kept the sample open

    dialogs.question_answer = dialogs.question_answer.Discard
    assert hand_over(first.name, [str(path)])
    qtbot.waitUntil(lambda: window.document.path == path, timeout=5000)


def test_nobody_listening_means_this_launch_is_the_first(qtbot):
    assert not SingleInstance(f"wyassembler-test-{uuid.uuid4().hex[:12]}").hand_over(["x.wyproj"])


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes vanish with the process that made them")
def test_a_stale_socket_from_a_crashed_app_does_not_block_start_up(qtbot):
    name = f"wyassembler-test-{uuid.uuid4().hex[:12]}"
    stale = Path(QDir.tempPath()) / name
    crashed = socket.socket(socket.AF_UNIX)
    crashed.bind(str(stale))  # bound but never listening, then gone: what a crash leaves
    crashed.close()
    assert stale.exists()

    instance = SingleInstance(name)
    assert not instance.hand_over(["x.wyproj"])
    assert instance.listen()
    try:
        requested: list[str] = []
        instance.file_requested.connect(lambda path: requested.append(path))
        assert hand_over(name, [])
        assert requested == [""]
    finally:
        instance.close()


def test_a_file_open_event_opens_the_project(qtbot, make_window, tmp_path):
    """macOS Finder opens documents in the running app with a QFileOpenEvent, not a second process."""
    window = make_window(CALDERDALE_LEAD)
    path = saved_project(tmp_path, "Finder")
    instance = SingleInstance("unused")
    app = QApplication.instance()
    app.installEventFilter(instance)
    try:
        instance.file_requested.connect(lambda p: open_requested(window, p))
        QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(path))))
    finally:
        app.removeEventFilter(instance)
    assert window.document is not None and window.document.path == path


def test_the_server_name_belongs_to_the_user_and_their_config_folder(monkeypatch, tmp_path):
    name = server_name()
    assert name.startswith("wyassembler-") and name == server_name()
    monkeypatch.setenv("WYASSEMBLER_CONFIG_DIR", str(tmp_path / "someone-else"))
    assert server_name() != name


def test_launching_the_app_with_a_project_while_it_runs_hands_it_over(qtbot, tmp_path):
    """The real second launch (``wyassembler PROJECT.wyproj``) in its own process: it exits at once."""
    instance = SingleInstance()  # this test's user folders make the name this test's own
    assert instance.listen()
    requested: list[str] = []
    instance.file_requested.connect(requested.append)
    path = saved_project(tmp_path, "Double-clicked")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # The with block closes the pipes: an unclosed pipe is a ResourceWarning, and warnings fail tests.
    with subprocess.Popen([sys.executable, "-m", "wyassembler", str(path)], env=env, cwd=tmp_path,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        try:
            qtbot.waitUntil(lambda: process.poll() is not None, timeout=20000)
        finally:
            if process.poll() is None:
                process.kill()
            instance.close()
        _, errors = process.communicate()
    assert process.returncode == 0, errors.decode()
    assert requested == [str(path)]
