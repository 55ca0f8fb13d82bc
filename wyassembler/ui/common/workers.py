"""Worker threads that outlive whoever started them and end before the app does.

A QThread destroyed while it runs aborts the whole app ("QThread: Destroyed while thread is still
running"). That happened when a dialog went with its worker still running, and when the app quit over an
open dialog whose worker was still running (the window closed by the system or the Dock, say). A
:class:`KeptWorker` has no Qt parent and is held until it has ended; as the app quits, every one still
running is cancelled (if it can be: :meth:`KeptWorker.cancel`) and waited for.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread

_HOOKED = "wyassemblerEndsWorkersOnQuit"  # the app's property: KeptWorker.end_all is connected to aboutToQuit


class KeptWorker(QThread):
    """A worker thread held until it ends; each subclass's running ones are in its own ``_running``."""

    _running: set[KeptWorker] = set()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._running = set()

    def __init__(self) -> None:
        super().__init__()
        type(self)._running.add(self)
        self.finished.connect(self._forget)  # queued to the UI thread, where this object lives
        app = QCoreApplication.instance()
        if app is not None and not app.property(_HOOKED):
            app.aboutToQuit.connect(KeptWorker.end_all)
            app.setProperty(_HOOKED, True)

    def cancel(self) -> None:
        """Ask the work to stop early; by default it cannot, and is only waited for."""

    @staticmethod
    def end_all() -> None:
        """Cancel every worker still running, then wait for each to end (the app is quitting)."""
        classes: list[type[KeptWorker]] = [KeptWorker, *_subclasses(KeptWorker)]
        running = [worker for cls in classes for worker in list(cls._running)]
        for worker in running:
            worker.cancel()
        for worker in running:
            worker.wait()

    def _forget(self) -> None:
        self.wait()  # finished is emitted just before the thread ends: let it end before it may be deleted
        type(self)._running.discard(self)


def _subclasses(cls: type[KeptWorker]) -> list[type[KeptWorker]]:
    found: list[type[KeptWorker]] = []
    for direct in cls.__subclasses__():
        found += [direct, *_subclasses(direct)]
    return found
