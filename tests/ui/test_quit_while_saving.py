"""The app asked to quit (its Quit action, the close box, the Dock) while a save runs on its worker thread
(SaveJob, a QThread not on KeptWorker): the window never closes under the save, so the app ends only once the
save has written the file, cleanly, never with "QThread: Destroyed while thread is still running"."""

from __future__ import annotations

import textwrap

from tests.ui.test_export_cancel import quits_cleanly
from wyassembler.projectfile import storage

QUIT_WHILE_SAVING = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from wyassembler.projectfile import storage
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.main_window import MainWindow

    target, started = Path(sys.argv[1]), Path(sys.argv[2])
    real = storage.save_shared

    def slow_save(*args, **kwargs):  # as on a slow shared drive
        started.touch()
        time.sleep(2)
        return real(*args, **kwargs)

    storage.save_shared = slow_save
    app = make_application([])
    window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
    window.autosave_timer.stop()
    window.show()
    window.open_sample()

    def close_once_saving():
        if started.exists():
            window.document.is_dirty = lambda: False  # nothing to ask about once saved: the window may close
            window.app_actions.quit.trigger()
        else:
            QTimer.singleShot(20, close_once_saving)

    def save():
        assert window.saving.save_to(target)
        QTimer.singleShot(0, close_once_saving)

    QTimer.singleShot(0, save)
    print("exit", app.exec(), flush=True)
""")


def test_the_app_asked_to_quit_while_a_save_runs_ends_once_the_file_is_written(tmp_path):
    target, started = tmp_path / "response.wyproj", tmp_path / "started"
    quits_cleanly(QUIT_WHILE_SAVING, target, started, cwd=tmp_path)
    assert started.exists()
    assert storage.load(target).project.title  # written whole, and read back
