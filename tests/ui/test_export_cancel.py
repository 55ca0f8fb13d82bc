"""Cancelling an export in the export dialog (issue 19): Cancel Export (and Esc, and the window's close box,
which ask nothing) stops LibreOffice at once with what it started, writes nothing, leaves no temporary
folder, and leaves the dialog ready to export again; a Word export cancelled before its write writes nothing;
a cancel that comes after the file was written keeps it and says so; and the app quitting, or the dialog
going, while an export runs stops it cleanly (no QThread destroyed while running, no LibreOffice left).

A fake ``soffice`` first on PATH that sleeps stands in for a long conversion."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR
from tests.ui.test_export_public import shiboken_watch
from tests.soffice_fakes import fake_soffice, process_ends
from wyassembler.ui.dialogs.export import ExportDialog, ExportJob, load_pdf_engine
from wyassembler.word import pdf_engine

pytestmark = [pytest.mark.skipif(load_pdf_engine() is None, reason="the PDF export is not in this build"),
              pytest.mark.skipif(os.name == "nt", reason="the fake soffice is a shell script")]
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

CANCELLED = "Export cancelled; nothing was written."
REAL_PATH = os.environ.get("PATH", "")


class SlowLibreOffice:
    """The sleeping fake soffice, first on PATH; where its child's pid is written once it runs."""

    def __init__(self, folder: Path, monkeypatch) -> None:
        self.pid_file = folder / "child.pid"
        fake = fake_soffice(folder / "bin", f'sleep 300 & echo $! > "{self.pid_file}"; wait')
        monkeypatch.setenv("PATH", os.pathsep.join([str(fake.parent), REAL_PATH]))
        monkeypatch.delenv(pdf_engine.SOFFICE_VARIABLE, raising=False)
        self.temp = folder / "temp"  # where the engine makes its temporary folders
        self.temp.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(self.temp))

    def running(self) -> bool:
        return self.pid_file.exists() and bool(self.pid_file.read_text(encoding="utf-8").strip())

    def child(self) -> int:
        return int(self.pid_file.read_text(encoding="utf-8"))


@pytest.fixture
def slow(tmp_path, monkeypatch) -> SlowLibreOffice:
    return SlowLibreOffice(tmp_path / "fake", monkeypatch)


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def pdf_dialog(qtbot, window, out: Path) -> ExportDialog:
    dialog = ExportDialog(window.document.project, out / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
    return dialog


def idle(dialog: ExportDialog) -> bool:
    return not dialog.is_running() and dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()


def start_and_wait_for_libreoffice(qtbot, dialog: ExportDialog, slow: SlowLibreOffice) -> None:
    dialog.start_export()
    assert dialog.cancel_button.isVisible() and dialog.cancel_button.isEnabled()
    assert not dialog.close_button.isVisible()
    qtbot.waitUntil(slow.running, timeout=60_000)


def assert_cancelled_cleanly(qtbot, dialog: ExportDialog, slow: SlowLibreOffice, out: Path) -> None:
    qtbot.waitUntil(lambda: idle(dialog), timeout=60_000)
    assert dialog.status.text() == CANCELLED
    assert list(out.iterdir()) == []
    assert process_ends(slow.child()), "the process LibreOffice started is still running"
    assert not list(slow.temp.iterdir())
    assert dialog.export_button.isEnabled() and dialog.isVisible()


@needs_libreoffice
def test_cancel_stops_libreoffice_writes_nothing_and_a_real_export_works_after(qtbot, sample_window, slow, out,
                                                                                monkeypatch):
    dialog = pdf_dialog(qtbot, sample_window(COORDINATOR), out)
    start_and_wait_for_libreoffice(qtbot, dialog, slow)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert_cancelled_cleanly(qtbot, dialog, slow, out)

    monkeypatch.setenv("PATH", REAL_PATH)  # the real LibreOffice now
    dialog.start_export()
    qtbot.waitUntil(lambda: idle(dialog), timeout=180_000)
    target = Path(dialog.output.text())
    assert dialog.status.text().startswith(f"Exported to {target}."), dialog.status.text()
    assert target.read_bytes().startswith(b"%PDF") and list(out.iterdir()) == [target]


def test_escape_cancels_as_the_button_does_and_a_word_export_works_after(qtbot, sample_window, slow, out):
    dialog = pdf_dialog(qtbot, sample_window(COORDINATOR), out)
    start_and_wait_for_libreoffice(qtbot, dialog, slow)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert_cancelled_cleanly(qtbot, dialog, slow, out)

    dialog.format.setCurrentIndex(dialog.format.findData(".docx"))
    dialog.start_export()
    qtbot.waitUntil(lambda: idle(dialog), timeout=60_000)
    target = Path(dialog.output.text())
    assert target.suffix == ".docx" and list(out.iterdir()) == [target]


def test_the_close_box_cancels_and_asks_nothing(qtbot, sample_window, slow, out, dialogs):
    dialog = pdf_dialog(qtbot, sample_window(COORDINATOR), out)
    start_and_wait_for_libreoffice(qtbot, dialog, slow)
    dialog.close()
    assert_cancelled_cleanly(qtbot, dialog, slow, out)
    assert dialogs.shown == []
    dialog.close()  # idle now: it closes
    assert not dialog.isVisible()


def held(monkeypatch, module, name: str, *, before: bool) -> tuple[threading.Event, threading.Event]:
    """``module.name`` made to wait until released, ``before`` or after doing its work; (waiting, release)."""
    waiting, release = threading.Event(), threading.Event()
    real = getattr(module, name)

    def holding(*args, **kwargs):
        result = None if before else real(*args, **kwargs)
        waiting.set()
        assert release.wait(30)
        return real(*args, **kwargs) if before else result

    monkeypatch.setattr(module, name, holding)
    return waiting, release


def word_dialog(qtbot, window, out: Path) -> ExportDialog:
    dialog = ExportDialog(window.document.project, out / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_word_export_cancelled_while_its_document_is_built_writes_nothing(qtbot, sample_window, out,
                                                                            monkeypatch):
    import wyassembler.word.writer as writer

    waiting, release = held(monkeypatch, writer, "build_docx", before=True)
    dialog = word_dialog(qtbot, sample_window(COORDINATOR), out)
    dialog.start_export()
    assert waiting.wait(30)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Cancelling the export\u2026" and not dialog.cancel_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: idle(dialog), timeout=60_000)
    assert dialog.status.text() == CANCELLED
    assert list(out.iterdir()) == []


def test_a_cancel_after_the_file_was_written_keeps_it_and_says_so(qtbot, sample_window, out, monkeypatch):
    import wyassembler.word.writer as writer

    waiting, release = held(monkeypatch, writer, "export_docx", before=False)  # load_engine imports it
    dialog = word_dialog(qtbot, sample_window(COORDINATOR), out)
    dialog.start_export()
    assert waiting.wait(30)  # written, not yet reported
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: idle(dialog), timeout=60_000)
    target = Path(dialog.output.text())
    assert dialog.status.text().startswith(f"Not cancelled: {target.name} was already written.\n"
                                           f"Exported to {target}."), dialog.status.text()
    assert target.is_file() and list(out.iterdir()) == [target]


def test_the_dialog_going_while_libreoffice_runs_cancels_the_export(qtbot, sample_window, slow, out):
    dialog = pdf_dialog(qtbot, sample_window(COORDINATOR), out)
    start_and_wait_for_libreoffice(qtbot, dialog, slow)
    job = dialog._job
    dialog.deleteLater()  # as when the window it belongs to is deleted
    gone = shiboken_watch(dialog)
    qtbot.waitUntil(gone)
    del dialog
    gc.collect()
    assert job in ExportJob._running  # held until it ends: a QThread destroyed running aborts the app
    qtbot.waitUntil(lambda: not ExportJob._running, timeout=60_000)
    assert job.cancel_requested()
    assert list(out.iterdir()) == []
    assert process_ends(slow.child()) and not list(slow.temp.iterdir())


QUIT_WHILE_EXPORTING = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.dialogs.export import ExportDialog
    from wyassembler.ui.main_window import MainWindow

    out, pid_file = Path(sys.argv[1]), Path(sys.argv[2])
    app = make_application([])
    window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
    window.autosave_timer.stop()
    window.show()
    window.open_sample()
    window.document.is_dirty = lambda: False  # nothing to ask about: the window closes at once

    def close_once_libreoffice_runs():
        if pid_file.exists() and pid_file.read_text().strip():
            window.close()  # the app quits with the export dialog still open over it
        else:
            QTimer.singleShot(20, close_once_libreoffice_runs)

    def export():
        dialog = ExportDialog(window.document.project, out / "response.wyproj", window)
        dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
        QTimer.singleShot(0, dialog.start_export)
        QTimer.singleShot(0, close_once_libreoffice_runs)
        dialog.exec()

    QTimer.singleShot(0, export)
    print("exit", app.exec(), flush=True)
""")


def quits_cleanly(script: str, *arguments: Path, cwd: Path, **environment: str) -> None:
    """Run the app ``script`` (which closes its window while a worker runs) in a process of its own: it quits
    with exit status 0, and Qt says nothing of a QThread destroyed while it ran (that aborts the app)."""
    finished = subprocess.run([sys.executable, "-c", script, *map(str, arguments)], cwd=cwd, timeout=120,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **environment},
                              capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert "exit 0" in finished.stdout and "QThread" not in finished.stderr, finished.stderr


def test_the_app_quitting_while_libreoffice_runs_stops_it_cleanly(slow, out, tmp_path):
    quits_cleanly(QUIT_WHILE_EXPORTING, out, slow.pid_file, cwd=tmp_path, TMPDIR=str(slow.temp))
    assert process_ends(slow.child()), "LibreOffice outlived the app"
    assert list(out.iterdir()) == [] and not list(slow.temp.iterdir())


def test_a_cancel_after_the_full_response_was_written_keeps_it_and_writes_no_public_copy(qtbot, sample_window, out,
                                                                                         monkeypatch):
    import wyassembler.word.writer as writer
    from tests.ui.test_export_public import confidential

    waiting, release = held(monkeypatch, writer, "export_docx", before=False)
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = word_dialog(qtbot, window, out)
    assert dialog.public_copy.wanted()
    dialog.start_export()
    assert waiting.wait(30)  # the full response written; its public copy not begun
    dialog.cancel_export()
    release.set()
    qtbot.waitUntil(lambda: idle(dialog), timeout=60_000)
    target = Path(dialog.output.text())
    status = dialog.status.text()
    assert status.startswith(f"Not cancelled: {target.name} was already written.\nExported to {target}."), status
    assert "The public copy was not written: it was cancelled" in status
    assert list(out.iterdir()) == [target] and not dialog.open_public_button.isVisible()


QUIT_WHILE_SEARCHING = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from wyassembler.core.confidentiality import mark_section
    from wyassembler.core.model import Actor
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.dialogs import export as export_dialog
    from wyassembler.ui.dialogs import public_copy_box
    from wyassembler.ui.main_window import MainWindow

    out, started = Path(sys.argv[1]), Path(sys.argv[2])
    real = public_copy_box.quoted_elsewhere

    def slow_search(project):  # as on a large response
        started.touch()
        time.sleep(2)
        return real(project)

    public_copy_box.quoted_elsewhere = slow_search
    app = make_application([])
    window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
    window.autosave_timer.stop()
    window.show()
    window.open_sample()
    project = window.document.project
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    mark_section(project, coordinator, project.find_section("4"), True, "commercially sensitive")
    window.document.is_dirty = lambda: False

    def close_once_searching():
        if started.exists():
            window.close()
        else:
            QTimer.singleShot(20, close_once_searching)

    def export():
        dialog = export_dialog.ExportDialog(project, out / "response.wyproj", window)
        QTimer.singleShot(0, close_once_searching)
        dialog.exec()

    QTimer.singleShot(0, export)
    print("exit", app.exec(), flush=True)
""")


def test_the_app_quitting_while_the_dialog_looks_for_quoted_text_waits_for_the_search(out, tmp_path):
    started = tmp_path / "started"
    quits_cleanly(QUIT_WHILE_SEARCHING, out, started, cwd=tmp_path)
    assert started.exists()


QUIT_WHILE_WRITING_ANSWERS = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from wyassembler.projectfile.codec import from_bytes
    from wyassembler.resource_files import QUESTIONS_SAMPLE, resource_bytes
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.dialogs import answers
    from wyassembler.ui.main_window import MainWindow

    out, started = Path(sys.argv[1]), Path(sys.argv[2])
    real = answers.write_answers

    def slow_write(*args, **kwargs):  # as on a slow shared drive
        started.touch()
        time.sleep(2)
        return real(*args, **kwargs)

    answers.write_answers = slow_write
    app = make_application([])
    window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
    window.autosave_timer.stop()
    window.show()
    window.open_project(from_bytes(resource_bytes(*QUESTIONS_SAMPLE)), out / "response.wyproj")
    window.document.is_dirty = lambda: False

    def close_once_writing():
        if started.exists():
            window.close()
        else:
            QTimer.singleShot(20, close_once_writing)

    def export():
        dialog = answers.ExportAnswersDialog(window.document.project, out / "response.wyproj", window)
        QTimer.singleShot(0, dialog.start_export)
        QTimer.singleShot(0, close_once_writing)
        dialog.exec()

    QTimer.singleShot(0, export)
    print("exit", app.exec(), flush=True)
""")


def test_the_app_quitting_while_the_answers_are_written_waits_for_them(out, tmp_path):
    started = tmp_path / "started"
    quits_cleanly(QUIT_WHILE_WRITING_ANSWERS, out, started, cwd=tmp_path)
    assert started.exists()
    assert (out / "response - answers" / "summary.txt").is_file()  # written whole, not cut off


QUIT_WHILE_IMPORTING = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from wyassembler.core.errors import WyassemblerError
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.dialogs.questions import ImportQuestionsDialog
    from wyassembler.ui.dialogs.word_import import ImportWordDialog
    from wyassembler.ui.main_window import MainWindow
    from wyassembler.word import question_reader, reader

    kind, started = sys.argv[1], Path(sys.argv[2])

    def slow_read(*args, **kwargs):  # as a large document on a slow shared drive
        started.touch()
        time.sleep(2)
        raise WyassemblerError("read slowly")

    reader.import_docx = question_reader.questions_from_file = slow_read
    app = make_application([])
    identity = Identity("H. Dawson", "joint-services", "coordinator")
    window = MainWindow(identity)
    window.autosave_timer.stop()
    window.show()

    def close_once_reading():
        if started.exists():
            window.close()
        else:
            QTimer.singleShot(20, close_once_reading)

    def read():
        if kind == "word":
            dialog = ImportWordDialog(Path("response.docx"), identity, window)
            QTimer.singleShot(0, dialog.start_import)
        else:
            dialog = ImportQuestionsDialog(Path("questions.txt"), window)
            dialog.start()
        QTimer.singleShot(0, close_once_reading)
        dialog.exec()

    QTimer.singleShot(0, read)
    print("exit", app.exec(), flush=True)
""")


@pytest.mark.parametrize("kind", ["word", "questions"])
def test_the_app_quitting_while_a_document_is_imported_waits_for_the_reading(kind, tmp_path):
    started = tmp_path / "started"
    quits_cleanly(QUIT_WHILE_IMPORTING, Path(kind), started, cwd=tmp_path)
    assert started.exists()
