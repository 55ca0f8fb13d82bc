"""Desktop app figures (not pass or fail): cold start to a shown window with the sample, then a
1,000-section project: switching sections and typing, per keystroke, and the memory it all takes.

Run: QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_ui
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLD_START = """
import os, time, tempfile
t0 = time.perf_counter()
for name in ("CONFIG", "DATA", "LOG"):
    os.environ["WYASSEMBLER_" + name + "_DIR"] = tempfile.mkdtemp()
from wyassembler.settings import Identity
from wyassembler.ui.app import make_application
from wyassembler.ui.main_window import MainWindow
app = make_application()
window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
window.show()
window.open_sample()
app.processEvents()
print(time.perf_counter() - t0)
os._exit(0)
"""


def cold_start(runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", COLD_START], check=True, capture_output=True,
                       env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")})
        times.append(time.perf_counter() - start)
    return min(times)


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere


def large_project() -> None:
    for name in ("CONFIG", "DATA", "LOG"):
        os.environ["WYASSEMBLER_" + name + "_DIR"] = tempfile.mkdtemp()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from benchmarks.synthetic import build
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.main_window import MainWindow

    app = make_application()
    project = build(1000)
    window = MainWindow(Identity("H. Dawson", "joint-services", "coordinator"))
    window.autosave_timer.stop()
    window.show()
    start = time.perf_counter()
    window.open_project(project)
    app.processEvents()
    print(f"open a 1,000-section project in the window: {time.perf_counter() - start:.2f} s")

    sections = project.all_sections()
    switches = []
    for section in sections[::25]:
        start = time.perf_counter()
        window.select_section(section.id)
        app.processEvents()
        switches.append(time.perf_counter() - start)
    print(f"switch section: median {statistics.median(switches) * 1000:.1f} ms, "
          f"worst {max(switches) * 1000:.1f} ms ({len(switches)} switches, each commits the previous)")

    window.select_section(sections[500].id)
    editor = window.editor.text
    editor.setFocus()
    keys = []
    for ch in "The partnership welcomes this. " * 4:
        start = time.perf_counter()
        QTest.keyClick(editor, ch if ch != " " else Qt.Key.Key_Space)
        app.processEvents()
        keys.append(time.perf_counter() - start)
    print(f"typing: median {statistics.median(keys) * 1000:.2f} ms, worst {max(keys) * 1000:.2f} ms per keystroke")
    start = time.perf_counter()
    window.commit_editor()
    elapsed_ms = (time.perf_counter() - start) * 1000
    print(f"commit the typing as a revision (refresh outline row, matrix): {elapsed_ms:.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    window.document.undo_stack.setClean()
    window.document.disk_bytes = b""
    os._exit(0)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"cold start to a shown window with the sample (best of 3): {cold_start():.2f} s")
    large_project()
