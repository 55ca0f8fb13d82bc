"""The figures of issue 16's table, on a saved synthetic project (figures, not pass or fail):

- launch to content painted: from ``open_path`` of the saved file (read, parse, models, views) to the
  outline's first paint with rows, in a fresh process; and the longest the window went unpainted meanwhile;
- switch section after typing: a few keys typed, then another section selected (the commit included),
  against a switch with nothing typed;
- worst keystroke while autosave and commit run: typing without a pause while the recovery snapshot,
  commits and a save run as they do in the app, as the longest stall of a heartbeat timer on the UI
  thread, against the same typing with the recovery snapshot serialised on the UI thread;
- one scroll step (a wheel notch, painted) in the outline and in the sign-off matrix.

Run: QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_long_day [--sections 1000] [--typing-seconds 8]
     [--parts launch,switch,keystroke,scroll] (some of the figures only; all by default)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

# Run in a fresh process: open the file given and print seconds to content painted, the longest the
# UI thread stalled meanwhile, and how long the read and parse alone took.
OPEN_CHILD = """
import os, sys, tempfile, time
for name in ("CONFIG", "DATA", "LOG"):
    os.environ["WYASSEMBLER_" + name + "_DIR"] = tempfile.mkdtemp()
from PySide6.QtCore import QEvent, QObject, QTimer
from wyassembler.settings import Identity
from wyassembler.ui.app import make_application
from wyassembler.ui.main_window import MainWindow
from wyassembler.projectfile import storage
path, org = sys.argv[1], sys.argv[2]
app = make_application()
window = MainWindow(Identity("Bench", org, "coordinator"))
window.show()
app.processEvents()
painted = []
class PaintWatch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and window.outline_model.rowCount() > 0 and not painted:
            painted.append(time.perf_counter())
        return False
watch = PaintWatch()
window.tree.viewport().installEventFilter(watch)
beats = [time.perf_counter()]
heartbeat = QTimer()
heartbeat.setInterval(5)
heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
heartbeat.start()
start = time.perf_counter()
window.open_path(path)
while not painted and time.perf_counter() - start < 120:
    app.processEvents()
    time.sleep(0.001)
beats.append(painted[0])
stall = max(b - a for a, b in zip(beats, beats[1:], strict=False) if b > start)
parse_start = time.perf_counter()
storage.load(path)
parse = time.perf_counter() - parse_start
print(painted[0] - start, stall, parse)
window.document.undo_stack.setClean()
os._exit(0)
"""


def _heartbeat():
    """A UI-thread timer whose longest gap is the longest the event loop was blocked."""
    from PySide6.QtCore import QTimer

    beats: list[float] = []
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: beats.append(time.perf_counter()))
    return timer, beats


def launch_to_content(path: Path, org: str, runs: int) -> list[tuple[float, float, float]]:
    results = []
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", OPEN_CHILD, str(path), org], check=True,
                             capture_output=True, text=True, env=env).stdout.split()
        results.append(tuple(float(x) for x in out[-3:]))
    return results


def _wait(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def _type_key(editor, ch: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(editor, ch if ch != " " else Qt.Key.Key_Space)


def switch_after_typing(app, window, ids: list[str], typed: bool) -> list[float]:
    times = []
    for i in range(0, min(len(ids) - 1, 40), 2):
        window.select_section(ids[i])
        app.processEvents()
        if typed:
            window.editor.text.setFocus()
            for ch in "abc ":
                _type_key(window.editor.text, ch)
            app.processEvents()
        start = time.perf_counter()
        window.select_section(ids[i + 1])
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def worst_keystroke(app, window, section_id: str, seconds: float,
                    on_ui_thread: bool) -> tuple[float, float, float, float, float]:
    """The longest heartbeat gap outside commits and the save's start, the longest during a commit,
    the longest single keystroke, the longest commit itself (what else ran in that gap is the rest) and
    the gap in which the save started (Ctrl+S), while typing for ``seconds`` with the recovery snapshot
    firing on its own timer, a commit every two seconds and one save half-way, a second after a commit."""
    from wyassembler.projectfile.write_gate import checked_bytes

    recovery = window.recovery
    real_submit = recovery.submit
    if on_ui_thread:  # the alternative: serialise the snapshot where it is taken
        recovery.submit = lambda project, original, title: checked_bytes(project)
    window.select_section(section_id)
    app.processEvents()
    editor = window.editor.text
    editor.setFocus()
    timer, beats = _heartbeat()
    keys = []
    commits: list[tuple[float, float]] = []
    save_start: list[tuple[float, float]] = []
    text = "The partnership welcomes this proposal. "
    start = time.perf_counter()
    last_commit = start
    saved = False
    timer.start()
    i = 0
    try:
        while time.perf_counter() - start < seconds:
            key_start = time.perf_counter()
            _type_key(editor, text[i % len(text)])
            keys.append(time.perf_counter() - key_start)
            i += 1
            _wait(app, 0.03)
            now = time.perf_counter()
            if now - last_commit > 2:
                window.commit_editor()
                commits.append((now, time.perf_counter()))
                last_commit = now
            if not saved and now - start > seconds / 2 and 0.8 < now - last_commit < 1.2 and not window.is_saving():
                window.save()
                save_start.append((now, time.perf_counter()))
                saved = True
        while window.is_saving():
            _wait(app, 0.01)
        recovery.flush()
    finally:
        timer.stop()
        recovery.submit = real_submit
    in_commit, in_save, other = [], [], []
    for a, b in zip(beats, beats[1:], strict=False):
        if any(a <= end and b >= begin for begin, end in commits):
            in_commit.append(b - a)
        elif any(a <= end and b >= begin for begin, end in save_start):
            in_save.append(b - a)
        else:
            other.append(b - a)
    longest_commit = max((end - begin for begin, end in commits), default=0.0)
    return max(other), max(in_commit, default=0.0), max(keys), longest_commit, max(in_save, default=0.0)


def _wheel(view) -> float:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    viewport = view.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    start = time.perf_counter()
    QApplication.sendEvent(viewport, event)
    viewport.repaint()
    QApplication.processEvents()
    return time.perf_counter() - start


def scroll_steps(view, steps: int = 30) -> list[float]:
    view.verticalScrollBar().setValue(0)
    return [_wheel(view) for _ in range(steps)]


def ms(values) -> str:
    return f"median {statistics.median(values) * 1000:7.1f} ms, worst {max(values) * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=1000)
    parser.add_argument("--launches", type=int, default=3)
    parser.add_argument("--typing-seconds", type=float, default=8.0)
    parser.add_argument("--parts", default=",".join(PARTS), help="which figures, comma-separated: " + ", ".join(PARTS))
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("CONFIG", "DATA", "LOG"):
        os.environ["WYASSEMBLER_" + name + "_DIR"] = tempfile.mkdtemp()

    from benchmarks.synthetic import build
    from wyassembler.projectfile import storage
    from wyassembler.settings import Identity
    from wyassembler.ui.app import make_application
    from wyassembler.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp())
    path = folder / "long-day.wyproj"
    project = build(args.sections)
    storage.save_project(project, path)
    org = project.coordinator
    n = args.sections
    print(f"{n} sections, {path.stat().st_size / 1e6:.1f} MB file")

    if "launch" in parts:
        launch(path, org, args.launches)
    app = make_application()
    window = MainWindow(Identity("Bench", org, "coordinator"))
    window.show()
    window.open_path(path)
    while window.document is None:  # a large file is read on a worker thread
        _wait(app, 0.01)
    _wait(app, 0.2)
    ids = [s.id for s in window.document.project.all_sections()]
    if "switch" in parts:
        switch(app, window, ids)
    if "keystroke" in parts:
        keystroke(app, window, ids[len(ids) // 4], args.typing_seconds)
    if "scroll" in parts:
        scroll(window)
    window.document.undo_stack.setClean()
    window.recovery.discard()
    os._exit(0)


PARTS = ("launch", "switch", "keystroke", "scroll")


def launch(path: Path, org: str, runs: int) -> None:
    opens = launch_to_content(path, org, runs)
    best = min(opens)
    print(f"launch to content painted:          best {best[0]:.2f} s, "
          f"median {statistics.median(o[0] for o in opens):.2f} s (read and parse alone {best[2]:.2f} s: "
          f"{best[0] / best[2]:.1f}x; longest unpainted stall {best[1] * 1000:.0f} ms)")


def switch(app, window, ids: list[str]) -> None:
    typed = switch_after_typing(app, window, ids[len(ids) // 2:], typed=True)
    plain = switch_after_typing(app, window, ids[len(ids) // 3:], typed=False)
    print(f"switch section after typing:        {ms(typed)} "
          f"({statistics.median(typed) / statistics.median(plain):.1f}x a switch with nothing typed, {ms(plain)})")


def keystroke(app, window, target: str, seconds: float) -> None:
    off_gap, off_commit, off_key, commit, save_start = worst_keystroke(app, window, target, seconds,
                                                                        on_ui_thread=False)
    on_gap, *_ = worst_keystroke(app, window, target, seconds, on_ui_thread=True)
    print(f"worst keystroke, autosave + save:   longest UI stall {off_gap * 1000:.0f} ms, longest key "
          f"{off_key * 1000:.0f} ms ({off_gap / on_gap:.2f}x the stall with the recovery serialised on the "
          f"UI thread: {on_gap * 1000:.0f} ms)")
    print(f"worst keystroke during a commit:    longest UI stall {off_commit * 1000:.0f} ms "
          f"(the longest commit itself {commit * 1000:.0f} ms)")
    print(f"worst keystroke as a save starts:   longest UI stall {save_start * 1000:.0f} ms (its snapshot, at once)")


def scroll(window) -> None:
    outline = scroll_steps(window.tree)
    matrix = scroll_steps(window.signoff_panel.table)
    print(f"outline scroll step (wheel, painted): {ms(outline)}")
    ratio = statistics.median(matrix) / statistics.median(outline)
    print(f"matrix scroll step (wheel, painted):  {ms(matrix)}  ({ratio:.1f}x the outline)")


if __name__ == "__main__":
    main()
