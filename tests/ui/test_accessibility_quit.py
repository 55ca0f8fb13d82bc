"""The app quitting while the Accessibility view reads the template's findings on its worker thread (a large
template, a slow shared drive): the read is waited for, and the app ends cleanly, never with "QThread:
Destroyed while thread is still running" (which aborts it)."""

from __future__ import annotations

import textwrap

from tests.ui.test_export_cancel import quits_cleanly

QUIT_WHILE_READING_THE_TEMPLATE = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.main_window import MainWindow
    from wyassembler.word import template_check

    started = Path(sys.argv[1])
    real = template_check.template_findings

    def slow_findings(template):  # as a large template on a slow shared drive
        started.touch()
        time.sleep(3)
        return real(template)

    template_check.template_findings = slow_findings
    app = make_application([])
    window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
    window.autosave_timer.stop()
    window.show()
    window.open_sample()
    window.document.is_dirty = lambda: False  # nothing to ask about: the window closes at once

    def close_once_reading():
        if started.exists():
            window.close()
        else:
            QTimer.singleShot(20, close_once_reading)

    def show_the_view():
        window.app_actions.show_accessibility.trigger()
        QTimer.singleShot(0, close_once_reading)

    QTimer.singleShot(0, show_the_view)
    print("exit", app.exec(), flush=True)
""")


def test_the_app_quitting_while_the_template_is_read_waits_for_the_reading(tmp_path):
    started = tmp_path / "started"
    quits_cleanly(QUIT_WHILE_READING_THE_TEMPLATE, started, cwd=tmp_path)
    assert started.exists()
