"""Starting the desktop app: the QApplication, the log, who you are, crash recovery, the window."""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import __version__
from ..core.errors import WyassemblerError
from ..core.model import Project
from ..settings import Identity, load_identity, setup_logging
from .operations import recovery
from .project import files
from .common.errors import install_excepthook, show_error
from .common.icons import app_icon
from .main_window import MainWindow
from .single_instance import SingleInstance, open_requested
from .common import button_keys
from .common.style import apply_style

log = logging.getLogger(__name__)


# The save, recovery-copy and merge threads hand the interpreter back to the UI thread after 0.5 ms
# instead of Python's 5 ms: every Qt call that lets go of the interpreter lock on the UI thread waited up
# to a whole interval to get it back, so a 5 ms commit took 60-110 ms while a recovery copy of a
# 1,000-section project was being written (benchmarks/bench_long_day.py).
UI_SWITCH_INTERVAL_S = 0.0005


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named, styled and with its icon (Qt 6 scales for high DPI by itself); the
    interpreter switches threads often enough for the window to answer while work runs on others."""
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setApplicationName("wyassembler")
    QCoreApplication.setOrganizationName("wyassembler")
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName("wyassembler")
    QApplication.setDesktopFileName("wyassembler")
    app.setWindowIcon(app_icon())
    apply_style(app)
    button_keys.install(app)  # Alt+S, Alt+D in "Save changes?" and every other standard button box
    return app


def ask_identity(parent: QWidget | None = None, project: Project | None = None) -> Identity | None:
    """The first run asks who you are, offering ``project``'s partners (else the preset's); the answer
    is kept in the user's config folder, or said not to be if that fails, and used all the same."""
    from .dialogs.forms import IdentityDialog, keep_identity

    dialog = IdentityDialog(None, project, parent, first_run=True)
    if dialog.exec() != IdentityDialog.DialogCode.Accepted:
        return None
    identity = dialog.identity()
    keep_identity(parent, identity)
    return identity


def open_window(project_path: str | None = None) -> MainWindow:
    """The window, with crash recovery offered and ``project_path`` opened; on the first run it then
    asks who you are, so the list offers the partners of the project just opened."""
    identity = load_identity()
    window = MainWindow(identity)
    window.show()
    recovered = offer_recovery(window)
    if project_path and not recovered:
        window.open_path(project_path)
        window.opening.wait()  # a large file is read on a worker thread: the identity list needs its partners
    if identity is None:
        identity = ask_identity(window, window.document.project if window.document is not None else None)
        if identity is not None:
            window.identity = identity
            if window.document is not None:
                window.document.set_identity(identity)
            window.update_everything()
            window.keys.offer_first_key()  # optional: "Not Now" leaves it to Partner › My Key…
    return window


def offer_recovery(window: MainWindow) -> bool:
    """After a crash, offer the unsaved work the last run left behind; True if some was opened."""
    for left in recovery.left_behind():
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work?",
                          "wyassembler closed without saving your last changes.", parent=window)
        box.setInformativeText(f"Recover {left.describe()}?\n\nRecovered work opens unsaved; saving it "
                               f"merges it with whatever other partners have saved since.")
        recover = box.addButton("&Recover", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(recover)
        box.exec()
        if box.clickedButton() is not recover:
            left.discard()
            continue
        try:
            project = files.project_from_bytes(left.read())
        except Exception as error:  # noqa: BLE001
            show_error(window, "The unsaved work could not be read back.", error)
            continue
        if open_recovered(window, project, left.original):
            left.discard()
            return True
    return False


def open_recovered(window: MainWindow, project, original: Path | None) -> bool:
    """Open recovered work as unsaved changes to its original file."""
    # b"" never equals the file's bytes, so saving always merges with what is on disk instead of overwriting it.
    if not window.open_project(project, original, b"" if original is not None else None):
        return False
    window.document.base = None
    window.document.undo_stack.resetClean()
    window.update_title()
    return True


def check_screen(environ: dict | None = None, platform: str = sys.platform) -> None:
    """Refuse in one plain line where Qt would abort with a page of plugin messages.

    On Linux, Qt needs a display and, for X11, libxcb-cursor (Qt 6.5 and later); without them
    the process is killed by Qt itself, which is no way to greet someone on a fresh machine.
    """
    environ = os.environ if environ is None else environ
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        raise WyassemblerError("there is no screen to show the desktop app on (neither DISPLAY nor "
                               "WAYLAND_DISPLAY is set); start it from a desktop session, or use the "
                               "command line ('wyassembler --help')")
    if not environ.get("WAYLAND_DISPLAY") and ctypes.util.find_library("xcb-cursor") is None:
        raise WyassemblerError("the desktop app needs the X11 library libxcb-cursor (Debian and Ubuntu: "
                               "sudo apt install libxcb-cursor0); the command line works without it")


def run(project_path: str | None = None, argv: list[str] | None = None) -> int:
    """Start the app, optionally on ``project_path``; returns the exit status."""
    check_screen()
    log_path = setup_logging()
    log.info("wyassembler %s starting (log: %s)", __version__, log_path)
    app = make_application(argv)
    instance = SingleInstance(parent=app)
    if instance.hand_over([project_path] if project_path else []):
        return 0  # the running app opens it
    instance.listen()
    app.installEventFilter(instance)  # macOS Finder's "open document" events
    waiting: list[str] = []  # projects asked for before the window exists
    windows: list[MainWindow] = []
    instance.file_requested.connect(lambda path: open_requested(windows[0], path) if windows else waiting.append(path))
    install_excepthook()
    window = open_window(project_path)
    windows.append(window)
    for path in waiting:
        open_requested(window, path)
    return app.exec()
