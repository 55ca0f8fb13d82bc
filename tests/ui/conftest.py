"""Fixtures for driving the real widgets offscreen: no modal dialog can hang a test, and a Qt
warning fails the test that caused it."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QtMsgType
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from wyassembler.resource_files import SAMPLE, resource_bytes
from wyassembler.settings import Identity
from wyassembler.ui.dialogs.report import ReportDialog
from wyassembler.ui.operations import opening

COORDINATOR = Identity("H. Dawson", "joint-services", "coordinator")
CALDERDALE_LEAD = Identity("J. Smith", "calderdale", "partner lead")
KIRKLEES_LEAD = Identity("S. Patel", "Kirklees", "partner lead")
KIRKLEES_CONTRIBUTOR = Identity("A. Khan", "kirklees", "contributor")


# The offscreen platform says this about every dock and tool window; it is not our warning.
OFFSCREEN_NOISE = {"This plugin does not support propagateSizeHints()", "This plugin does not support raise()",
                   "This plugin does not support grabbing the keyboard"}  # a menu opened by its key


class Dialogs:
    """Stand-ins for every modal dialog; tests set the answers and read what was shown."""

    def __init__(self) -> None:
        self.question_answer = QMessageBox.StandardButton.Discard
        self.shown: list[str] = []  # text and informative text of every message box
        self.save_path = ""
        self.open_path = ""
        self.text_answer: tuple[str, bool] = ("", False)
        self.message_box_button: str | None = None  # text of the button to click in a custom box
        self.pack_comments: bool | None = None  # Export My Sections' "Include open comments": None leaves it as offered
        self.pack_dialogs: list = []  # every PackExportDialog answered

    def question(self, parent, title, text, *args, **kwargs):
        self.shown.append(text)
        return self.question_answer

    def message_box_exec(self, box: QMessageBox) -> int:
        self.shown.append(f"{box.text()} {box.informativeText()}".strip())
        if self.message_box_button is not None:
            for button in box.buttons():
                if button.text().replace("&", "") == self.message_box_button:
                    button.click()
                    return 0
        return int(QMessageBox.StandardButton.Ok)


def answer_pack_export(qtbot, fake: Dialogs, dialog) -> int:
    """Export My Sections' dialog answered: the box set as the test asks, Export pressed, the worker waited for."""
    fake.pack_dialogs.append(dialog)
    if fake.pack_comments is not None and dialog.comments.isEnabled():
        dialog.comments.setChecked(fake.pack_comments)
    dialog.export_button.click()
    qtbot.waitUntil(dialog.is_done, timeout=20_000)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=5_000)
    return dialog.result()


@pytest.fixture(autouse=True)
def dialogs(monkeypatch, qtbot) -> Dialogs:
    from wyassembler.ui.dialogs.pack_export import PackExportDialog

    fake = Dialogs()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake.question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(fake.question))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: fake.shown.append("about")))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: fake.message_box_exec(box))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (fake.save_path, "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (fake.open_path, "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: fake.text_answer))

    def unexpected_exec(self):
        raise AssertionError(f"a modal dialog ({type(self).__name__}) opened that the test did not expect")

    monkeypatch.setattr(QDialog, "exec", unexpected_exec)
    monkeypatch.setattr(PackExportDialog, "exec", lambda dialog: answer_pack_export(qtbot, fake, dialog))
    return fake


@pytest.fixture(autouse=True)
def fail_on_qt_warnings(qtlog):
    yield
    bad = [r.message for r in qtlog.records if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg)
           and r.message not in OFFSCREEN_NOISE]
    assert not bad, f"Qt warned: {bad}"


@pytest.fixture
def make_window(qtbot):
    """A main window for an identity; closed without questions at the end of the test."""
    from wyassembler.ui.main_window import MainWindow

    windows = []

    def make(identity: Identity | None = COORDINATOR) -> MainWindow:
        window = MainWindow(identity)
        window.autosave_timer.stop()
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.document is not None:
            window.document.undo_stack.setClean()
            window.editor.text.document().setModified(False)


@pytest.fixture
def sample_window(make_window):
    """A window with the sample open, as the coordinator."""

    def make(identity: Identity | None = COORDINATOR):
        window = make_window(identity)
        window.open_sample()
        return window

    return make


def save_and_wait(qtbot, window, *, save_as: bool = False) -> bool:
    """Save (or Save As) through the window, as the person would, and wait for the worker thread;
    True if the save started and wrote the file."""
    if not (window.save_as() if save_as else window.save()):
        return False
    qtbot.waitUntil(lambda: not window.is_saving(), timeout=20_000)
    return not window.document.is_dirty()


def identity_answer(name: str, org: str, role: str | None = None):
    """A stand-in for IdentityDialog.exec that fills in the form as the person would and accepts it."""
    from wyassembler.ui.dialogs.forms import IdentityDialog

    def answer(dialog):
        dialog.name.setText(name)
        dialog.organisation.setCurrentIndex(dialog.organisation.findData(org))
        if role is not None:
            dialog.role.setCurrentIndex(dialog.role.findData(role))
        return IdentityDialog.DialogCode.Accepted

    return answer


# -- large files: read on a worker thread -----------------------------------------------------------

@pytest.fixture
def large(monkeypatch, tmp_path) -> Path:
    """The sample as a saved file that the app treats as large (read on a worker thread, frozen out of
    the collector's sight once open); the collector is left as found."""
    monkeypatch.setattr(opening, "BACKGROUND_OPEN_BYTES", 1)
    path = tmp_path / "large.wyproj"
    path.write_bytes(resource_bytes(*SAMPLE))
    yield path
    gc.unfreeze()


def open_and_wait(qtbot, window, path: Path) -> None:
    """Open ``path`` in ``window`` and wait until it is in (a large file is read on a worker thread)."""
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.document is not None, timeout=20_000)


@pytest.fixture
def reads(monkeypatch) -> list[threading.Thread]:
    """The thread each project file was read on."""
    threads: list[threading.Thread] = []
    real = opening.files.load_project

    def recording(path):
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(opening.files, "load_project", recording)
    return threads


@pytest.fixture
def reports(monkeypatch) -> list[ReportDialog]:
    """Every report dialog the app shows, instead of showing it."""
    shown: list[ReportDialog] = []
    monkeypatch.setattr(ReportDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    return shown
