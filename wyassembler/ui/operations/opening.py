"""Opening a project file: a small one at once, a large one read and checked on a worker thread while
the window stays painted and a progress dialog says what is happening.

Reading a 5,000-section file (parse, schema, integrity checks, the merge base) takes a second or
more; on the UI thread that was a window that neither painted nor answered meanwhile. Here the worker
only reads: the project is installed in the window on the UI thread once it is read, as before, and
a file that cannot be read is said in the same one-line dialog (with the same offer of its backup).
Reload from Disk reads a large file again the same way (:meth:`OpenOperations.read_in_background`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from ...projectfile.storage import Loaded
from ..common.paths import typed_path
from ..project import files, heap

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

# A file this large takes long enough to read (about 0.2 s per 5 MB on a slow machine) to be worth a
# worker thread and a progress dialog; a smaller one opens at once, as it always did.
BACKGROUND_OPEN_BYTES = 1_000_000
POLL_MS = 15  # how often the UI thread looks whether the worker has finished


class Read:
    """One file being read on a worker thread: ``loaded`` or ``error`` once ``thread`` has ended."""

    def __init__(self, path: Path, then: Callable[[Read], object]) -> None:
        self.path = path
        self.then = then  # on the UI thread, once read (or failed); not once cancelled
        self.loaded: Loaded | None = None
        self.error: BaseException | None = None
        self.cancelled = False
        # A plain thread, not a QThread: a window closed while it reads must not destroy a running QThread.
        self.thread = threading.Thread(target=self._run, name="wyassembler-open", daemon=True)

    def _run(self) -> None:
        try:
            self.loaded = heap.built_out_of_sight(lambda: files.load_project(self.path))
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread, shown there
            self.error = error


class OpenOperations(QObject):
    """Opening files for one window; the window owns it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.reading: Read | None = None
        self.progress: QProgressDialog | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)

    def open_path(self, path: str | Path) -> bool:
        """Open a project file, saying plainly why if it cannot be read. True if it is open, or (a large
        file) being read with the progress shown: it is installed when read."""
        # Made absolute once, here: the recovery note, recent files, Save and the export's default
        # target must all name this file even if the working folder is another one by then.
        path = typed_path(str(path)).resolve()  # "~nobody/x": as typed, not a RuntimeError
        if self.reading is not None:
            self.window.statusBar().showMessage(f"Still opening {self.reading.path.name}", 4000)
            return False
        try:
            large = path.stat().st_size >= BACKGROUND_OPEN_BYTES
        except OSError:
            large = False  # the read says why, in the usual words
        if not large:
            try:
                loaded = files.load_project(path)
            except Exception as error:  # noqa: BLE001 - any failure becomes a dialog
                return self.window.sync.open_failed(path, error)
            return self._install(loaded)
        self.read_in_background(path, "Opening", self._opened)
        return True

    def read_in_background(self, path: Path, doing: str, then: Callable[[Read], object]) -> None:
        """Read ``path`` on a worker thread, the progress shown (``doing``: "Opening", "Reloading"), and
        call ``then`` with the finished read on the UI thread: its ``loaded``, or the ``error`` to show."""
        assert self.reading is None, "one read at a time: is_opening() says when one runs"
        self.reading = Read(path, then)
        self._show_progress(path, doing)
        self.reading.thread.start()
        self._poll.start()

    def is_opening(self) -> bool:
        return self.reading is not None

    def wait(self) -> None:
        """Return once a file being read is open (or failed, or was cancelled); the window paints meanwhile."""
        loop = QEventLoop()
        waiting = QTimer()
        waiting.setInterval(POLL_MS)
        waiting.timeout.connect(lambda: None if self.reading is not None else loop.quit())
        waiting.start()
        if self.reading is not None:
            loop.exec()
        waiting.stop()

    def _show_progress(self, path: Path, doing: str) -> None:
        dialog = QProgressDialog(f"{doing} {path.name}\u2026", "Cancel", 0, 0, self.window)  # 0, 0: busy
        dialog.setWindowTitle("wyassembler")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancel)
        # Escape rejects the dialog, which only hid it: the window answered again while the read ran on.
        dialog.rejected.connect(self._cancel)
        dialog.show()
        self.progress = dialog
        self.window.statusBar().showMessage(f"{doing} {path.name}\u2026")

    def _cancel(self) -> None:
        if self.reading is not None:
            self.reading.cancelled = True  # the read runs to its end; what it read is dropped
        self._finish()
        self.window.statusBar().showMessage("Cancelled: nothing was changed", 4000)

    def _finish(self) -> None:
        self._poll.stop()
        self.reading = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel)
            self.progress.rejected.disconnect(self._cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _check(self) -> None:
        reading = self.reading
        if reading is None or reading.thread.is_alive():
            return
        if reading.error is None and reading.loaded is not None and self.progress is not None:
            # Building the views of a large project takes a moment more: say so, and let it paint first.
            self._poll.stop()
            self.progress.setLabelText(f"Showing {len(reading.loaded.project.all_sections()):,} sections\u2026")
            QTimer.singleShot(0, self, lambda: self._done(reading))
            return
        self._done(reading)

    def _done(self, reading: Read) -> None:
        if reading is not self.reading or reading.cancelled:
            return
        self._finish()
        self.window.statusBar().clearMessage()
        reading.then(reading)

    def _opened(self, reading: Read) -> None:
        if reading.error is not None:
            self.window.sync.open_failed(reading.path, reading.error)
        elif reading.loaded is not None:
            self._install(reading.loaded)

    def _install(self, loaded: Loaded) -> bool:
        window = self.window
        if loaded.report.problems:
            log.warning("%s: %s", loaded.path, "; ".join(loaded.report.problems))
        if not window.open_project(loaded.project, loaded.path, loaded.data):
            return False
        document = window.document
        if document is not None and document.disk_bytes is loaded.data:
            document.disk_vouched = loaded.vouched  # worked out when it was read: a save need not read it again
        return True
