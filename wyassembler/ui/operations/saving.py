"""What the window does to save: Save and Save As on the worker thread (:mod:`.saving`), the wait
for another partner's lock shown with a Cancel button, and what follows a save (recent files, the
watch on the file, the recovery copy, a close or an open that waited for it)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...projectfile import storage
from ...projectfile.lock import SaveCancelled
from ..common import prefs
from ..common.errors import show_error
from ..common.paths import in_folder
from .git_work_tree import CHANGED_IN_GIT_ADVICE
from .other_saves import MERGED_ON_SAVE

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

FILE_FILTER = "wyassembler projects (*.wyproj);;All files (*)"
REMERGE_POLL_MS = 15  # how often a save whose merge is merged again looks whether that has finished


class SaveOperations(QObject):
    """Saving for one window; the window owns it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # Set when the window was asked to close during a save: it closes once the save succeeded.
        self.close_when_saved = False

    def save_as(self, then=None) -> bool:
        """Ask where, then save there (on the worker thread)."""
        window = self.window
        if window.document is None:
            return False
        start = str(window.document.path or Path.home() / f"{window.document.project.title or 'response'}.wyproj")
        path, _ = QFileDialog.getSaveFileName(window, "Save the Project As", start, FILE_FILTER)
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != storage.PROJECT_SUFFIX:
            target = target.with_name(target.name + storage.PROJECT_SUFFIX)
            # The dialog asked about the name as typed, not about the one we are about to write.
            if target.exists() and QMessageBox.question(
                    window, "Replace the file?", f"{target.name} already exists {in_folder(target)}. Replace it "
                    "with this project?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
                return False
        return self.save_to(target.absolute(), then)

    def save_to(self, target: Path | None, then=None) -> bool:
        """Start saving to ``target`` (None: the project's own file); ``then`` runs after success."""
        window = self.window
        if window.is_saving():
            window.statusBar().showMessage("A save of this project is already running", 4000)
            return False
        if window.document is None or not window.commit_editor():
            return False
        try:
            job = window.document.start_save(target)
        except Exception as error:  # noqa: BLE001
            show_error(window, "The project was not saved.", error)
            return False
        job.waiting.connect(self.on_lock_wait)
        job.finished.connect(lambda: self._finished(job, then))
        window.statusBar().showMessage(f"Saving {job.target.name}\u2026")
        job.start()
        return True

    def cancel(self) -> None:
        document = self.window.document
        if document is not None and document.save_job is not None:
            document.save_job.cancel()

    def _finished(self, job, then) -> None:
        window = self.window
        document = window.document
        window.save_cancel.hide()
        # The window keeps its project open while a save runs (closing waits for it).
        assert document is not None, "the project was closed under its own save"
        try:
            finished = document.finish_save(job)
        except SaveCancelled:
            window.statusBar().showMessage("Save cancelled: nothing was written, and your changes are kept", 8000)
            self.close_when_saved = False
            return
        except storage.ChangedOnDisk as error:  # in a git work tree: what git put there is the person's to see
            self.close_when_saved = False
            show_error(window, "The project was not saved.", error.advised(CHANGED_IN_GIT_ADVICE))
            return
        except Exception as error:  # noqa: BLE001
            self.close_when_saved = False
            show_error(window, "The project was not saved.", error)
            return
        if finished is None:  # what it merged is merged again, on a worker thread, under what changed meanwhile
            QTimer.singleShot(REMERGE_POLL_MS, self, lambda: self._finished(job, then))
            return
        saved, notes = finished
        window.watch_file(saved)
        window.history.saved(saved, document.last_saved)
        prefs.add_recent(saved)
        window.refresh_recent_menu()
        window.recovery.discard(wait=False)  # a recovery write still running removes its file when done
        if document.is_dirty() or window.editor.is_modified():
            window.autosaver.due()  # changed while the save ran: that still needs a recovery copy
        if notes:
            window.other_saves.show_note(MERGED_ON_SAVE, "Another partner had saved this file: their changes were "
                                         "merged with yours before saving. " + " ".join(notes))
        window.statusBar().showMessage(f"Saved {saved.name}", 4000)
        window.update_everything()
        if self.close_when_saved:
            self.close_when_saved = False
            window.close()
        elif then is not None:
            then()

    def on_lock_wait(self, message: str) -> None:
        # The save waits on its own thread: the window stays usable, and the wait can be cancelled.
        self.window.statusBar().showMessage(message + "\u2026")
        self.window.save_cancel.show()

    def on_saving_changed(self, busy: bool) -> None:
        if not busy:
            self.window.save_cancel.hide()
        self.window.update_actions()
