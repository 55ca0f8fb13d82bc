"""One running app per user: a second launch hands its project to the first and exits.

Double-clicking a project in a file manager runs ``wyassembler PROJECT.wyproj``.
If wyassembler is already running for this user, that second process connects
to the first through a local socket (QLocalServer: a named pipe on Windows, a
socket file on Linux and macOS), sends the project's absolute path and exits;
the running app raises its window and opens the project through its usual
open flow (which asks about unsaved changes). The server's name is per user
(a hash of the user's config folder and login name), so users of a shared
machine never reach each other's app. A socket file left behind by a crashed
app is removed when nothing answers on it.

macOS does not start a second process at all: Finder sends the running app an
"open document" event (:class:`QFileOpenEvent`), which :class:`SingleInstance`
also turns into :attr:`SingleInstance.file_requested`.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow

from ..settings import config_dir
from .common.paths import typed_path

log = logging.getLogger(__name__)

REPLY_TIMEOUT_MS = 3000
MODAL_RETRY_MS = 500
MAX_MESSAGE = 64 * 1024


def server_name() -> str:
    """This user's server name: the same for every launch by the user, different for other users."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a service account): the config folder still differs
        user = ""
    digest = hashlib.sha256(f"{user}\0{config_dir()}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"wyassembler-{digest}"


class SingleInstance(QObject):
    """The first launch listens; later launches hand their paths to it with :meth:`hand_over`.

    ``file_requested(path)`` is emitted for every project another launch (or macOS Finder) asks
    this app to open, ``""`` when a launch without a project only wants the window raised.
    """

    file_requested = Signal(str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._finished: list[QLocalSocket] = []

    # -- the second launch ------------------------------------------------------------------

    def hand_over(self, paths: list[str], timeout_ms: int = REPLY_TIMEOUT_MS) -> bool:
        """Send ``paths`` to a running app; True if it took them (this launch should then exit).

        Waits in a local event loop rather than with blocking calls, so the answer can also come
        from a server in this very thread (which is how the tests run two instances)."""
        message = json.dumps({"open": [str(typed_path(p).resolve()) for p in paths]}).encode() + b"\n"
        socket = QLocalSocket()  # owned by this function: gone when it returns
        loop = QEventLoop()
        reply = bytearray()

        def on_connected() -> None:
            _allow_foreground()
            socket.write(message)
            socket.flush()

        def on_ready_read() -> None:
            reply.extend(bytes(socket.readAll().data()))
            if reply.endswith(b"\n") or len(reply) > MAX_MESSAGE:
                loop.quit()

        socket.connected.connect(on_connected)
        socket.readyRead.connect(on_ready_read)
        socket.errorOccurred.connect(lambda _error: loop.quit())
        socket.disconnected.connect(loop.quit)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        socket.connectToServer(self.name)
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            timer.start(timeout_ms)
            loop.exec()
        timer.stop()
        connected = socket.state() == QLocalSocket.LocalSocketState.ConnectedState or bool(reply)
        socket.blockSignals(True)  # nothing may reach the loop or the closures once this returns
        socket.abort()
        if bytes(reply).strip() == b"ok":
            log.info("handed %s to the running wyassembler", paths or "a request to show its window")
            return True
        if connected:
            log.warning("the running wyassembler did not answer (%r); starting another", bytes(reply[:100]))
        return False

    # -- the first launch ---------------------------------------------------------------------

    def listen(self) -> bool:
        """Become the app later launches hand their projects to; False if that is impossible (the app
        still runs, only without the hand-over)."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Nobody answered when we tried to connect, so a name still in use is a crashed app's socket.
            log.info("removing a stale single-instance socket %s (%s)", self.name, server.errorString())
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
                shiboken6.delete(server)
                return False
        server.newConnection.connect(self._on_new_connection)
        self.server = server
        return True

    def close(self) -> None:
        """Stop listening (the tests' instances; the app's lives as long as the app)."""
        for socket in [*self._buffers, *self._finished]:
            try:
                socket.blockSignals(True)
                socket.abort()
            except RuntimeError:
                pass
        self._buffers.clear()
        self._finished.clear()
        if self.server is not None:
            self.server.close()
            # Deleted now rather than later: a pending deleteLater would outlive an instance Python frees.
            shiboken6.delete(self.server)
            self.server = None

    def _on_new_connection(self) -> None:
        self._drop_finished()
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            # Owned by Python from here, not by the server: PySide6 before 6.12 crashes when a server
            # deletes a child socket that Python holds a wrapper of.
            socket.setParent(None)
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _forget(self, socket: QLocalSocket) -> None:
        # Not deleted here, inside its own signal: the next connection (or close) deletes it.
        self._buffers.pop(socket, None)
        self._finished.append(socket)

    def _drop_finished(self) -> None:
        for socket in self._finished:
            try:
                shiboken6.delete(socket)
            except RuntimeError:
                pass
        self._finished.clear()

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        if not data.endswith(b"\n"):
            self._buffers[socket] = data
            return
        self._buffers[socket] = b""
        try:
            paths = [str(p) for p in json.loads(data.decode("utf-8"))["open"]]
        except (ValueError, KeyError, TypeError):
            log.warning("single instance: a message that is not a request: %r", data[:200])
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        for path in paths or [""]:
            self.file_requested.emit(path)

    # -- macOS Finder -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Install on the QApplication: a QFileOpenEvent (macOS) becomes :attr:`file_requested`."""
        if event.type() == QEvent.Type.FileOpen:
            path = event.file() or event.url().toLocalFile()
            if path:
                self.file_requested.emit(path)
                return True
        return super().eventFilter(watched, event)


def _allow_foreground() -> None:
    """On Windows only the process the user just started may bring a window to the front: let the
    running app do it (otherwise its taskbar button only flashes)."""
    if sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        except Exception:  # noqa: BLE001 - only a nicety
            pass


def bring_to_front(window: QMainWindow) -> None:
    """Show, raise and activate ``window`` (restoring it if minimised)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def open_requested(window, path: str) -> None:
    """What the running app does with a project another launch asked for: raise the window, then open
    it through the window's usual flow (which offers to save unsaved changes first). While a dialog
    is open the request waits until it closes, rather than opening a project under the user's hands."""
    bring_to_front(window)
    if not path:
        return
    if QApplication.activeModalWidget() is not None:
        QTimer.singleShot(MODAL_RETRY_MS, window, lambda: open_requested(window, path))
        return
    document = getattr(window, "document", None)
    if document is not None and document.path is not None and _same_file(document.path, path):
        return  # already open: raising it is all that was asked
    window.open_path(path)


def _same_file(a: Path, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
