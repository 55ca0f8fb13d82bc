"""Saves by someone else: brought into the open project when the disk watch says the file changed
(everything typed here kept), and File › Reload from Disk, which throws the unsaved changes away."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from ..common.errors import show_error
from . import opening

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from ..project.document import ProjectDocument
    from ..project.merge_job import MergeJob


# What the bar above the editor says about another partner's save, so it can go when no longer true.
MERGED = "merged"  # their changes were brought in (and ours kept, if we had unsaved ones)
NOT_MERGED = "not merged"  # their save is on disk, but could not be brought in
MERGED_ON_SAVE = "merged on save"  # our save found theirs and merged it first
KEPT_CLAUSE = ", and your unsaved changes are kept."


class OtherSaves:
    """What the window does about other partners' saves of its file; the window owns it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        # (what the bar says, its text, the file's bytes then) while the bar is about another partner's save
        self._note: tuple[str, str, bytes | None] | None = None
        # A large project's merge runs on a worker thread (ui.project.merge_job); this looks for its end.
        self.merging: MergeJob | None = None
        # The watch said the file changed while a merge or a save of ours ran: look again once it is taken
        # in (the watch, re-armed by then, says nothing more of that save).
        self._look_again = False
        self._poll = QTimer(window)  # looks for the end of the merge or of our save
        self._poll.setInterval(opening.POLL_MS)
        self._poll.timeout.connect(self._merge_done)

    def show_note(self, kind: str, text: str) -> None:
        """Show ``text`` about another partner's save in the bar; :meth:`recheck_note` takes it away (or
        changes it) once it is no longer true."""
        window = self.window
        window.show_disk_note(text)
        document = window.document
        self._note = (kind, window.disk_label.text(), document.disk_bytes if document is not None else None)

    def recheck_note(self) -> None:
        """Called after every change: the bar about another partner's save goes when a later save or reload
        took the file in, or the file went back to what we have; it stops saying unsaved changes are kept
        once there are none."""
        if self._note is None:
            return
        window, document = self.window, self.window.document
        kind, text, disk_bytes = self._note
        if document is None or window.disk_banner.isHidden() or window.disk_label.text() != text:
            self._note = None  # closed, dismissed, or the bar now says something else
            return
        if kind == NOT_MERGED:
            stale = not document.is_saving() and not document.changed_on_disk()
        else:
            stale = document.disk_bytes is not disk_bytes
        if stale:
            self._note = None
            window.disk_banner.hide()
        elif kind == MERGED and KEPT_CLAUSE in text and not document.is_dirty():
            self.show_note(kind, text.replace(KEPT_CLAUSE, "."))

    def check_disk(self) -> None:
        """If someone else saved our file, bring their changes in, keeping everything typed here."""
        window = self.window
        document = window.document
        if self.merging is not None:
            self._look_again = True  # another save may have come after the one being merged
            return
        if document is None:
            return
        if document.is_saving():
            # Our save merges whatever it finds on disk, but a save of theirs may land after it wrote.
            self._look_again = True
            self._poll.start()
            return
        window.disk_watch.rearm()  # the notification may have come before the other save's replace
        if not document.changed_on_disk():
            self.recheck_note()  # the file may have gone back to what we have
            return
        window.commit_editor()
        if window.sync.git.file_changed():
            return  # in a git work tree git merges: never merged in here (git_work_tree)
        if len(document.disk_bytes or b"") >= opening.BACKGROUND_OPEN_BYTES:
            # Seconds of reading and merging for a large project: on a worker thread, the window answering.
            self.merging = job = document.start_merge_from_disk()
            job.start()
            self._poll.start()
            window.statusBar().showMessage("Bringing in another partner's save\u2026")
            return
        self._bring_in(document.merge_from_disk)

    def _merge_done(self) -> None:
        job = self.merging
        if job is None:
            self._save_done()
            return
        if not job.done():
            return
        self._poll.stop()
        self.merging = None
        look_again, self._look_again = self._look_again, False
        document = self.window.document
        if document is None or document.path != job.path:
            return  # closed, or another project opened, meanwhile
        self.window.commit_editor()  # typed meanwhile: a change of ours the merge is brought in under
        again = document.merge_again(job)
        if again is not None:
            # Changed here while it merged: merged again under those changes, on a worker thread too (1.7 s
            # at 5,000 sections on the UI thread); if it changes again meanwhile, once more.
            self.merging = again
            again.start()
            self._poll.start()
            return
        self.window.statusBar().clearMessage()
        self._bring_in(lambda: document.finish_merge_from_disk(job))
        if look_again and self.merging is None:
            self.check_disk()

    def _save_done(self) -> None:
        """Once our save is taken in, look at the disk again if the watch spoke while it ran."""
        document = self.window.document
        if document is not None and document.is_saving():
            return
        self._poll.stop()
        look_again, self._look_again = self._look_again, False
        if look_again and document is not None:
            self.check_disk()

    def _bring_in(self, merge) -> None:
        """Run ``merge`` (which returns its notes, or None if the disk must be looked at again) keeping
        the section and the cursor where they were, and say what came in."""
        window = self.window
        document = window.document
        assert document is not None, "only an open project is merged"
        editor = window.editor
        current = editor.section.id if editor.section else None
        cursor_position = editor.text.textCursor().position()
        try:
            notes = merge()
        except Exception as error:  # noqa: BLE001 - any failure becomes a dialog; nothing was changed
            self.show_note(NOT_MERGED, "Another partner saved this project, but their changes could not be "
                           "brought in: your copy is unchanged and saving will not overwrite theirs.")
            show_error(window, "The changes saved by another partner could not be brought in.", error)
            return
        if notes is None:
            self.check_disk()  # a save of ours took the file in meanwhile: is there still anything new?
            return
        if current:
            window.select_section(current)
            cursor = editor.text.textCursor()
            cursor.setPosition(min(cursor_position, editor.text.document().characterCount() - 1))
            editor.text.setTextCursor(cursor)
        message = "Another partner saved this project; their changes are now shown here"
        message += (KEPT_CLAUSE if document.is_dirty() else ".")
        self.show_note(MERGED, " ".join([message, *notes]))

    def reload_from_disk(self) -> None:
        """Read the project again as it is saved now, once the person agrees to lose unsaved changes."""
        window = self.window
        document = window.document
        if document is None or document.path is None:
            return
        if window.opening.reading is not None:
            window.statusBar().showMessage(f"Still reading {window.opening.reading.path.name}", 4000)
            return
        window.commit_editor()
        if document.is_dirty():
            answer = QMessageBox.warning(
                window, "Reload from disk?", f"Reloading {document.display_name(True)} throws away the changes you "
                "have not saved.",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        if self._size_on_disk(document.path) >= opening.BACKGROUND_OPEN_BYTES:
            # Seconds of reading for a large project: on a worker thread, with the progress shown as opening does.
            asked_at = document.generation
            window.opening.read_in_background(document.path, "Reloading",
                                              lambda reading: self._reloaded(document, reading, asked_at))
            return
        try:
            document.reload_from_disk()
        except Exception as error:  # noqa: BLE001 - any failure becomes a dialog
            show_error(window, "The project could not be read again.", error)

    @staticmethod
    def _size_on_disk(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0  # the read says why, in the usual words

    def _reloaded(self, document: ProjectDocument, reading: opening.Read, asked_at: int) -> None:
        """A large file read again on the worker thread: taken in if its project is still the open one, and
        nothing was changed since the reload was asked for (only the changes agreed to are thrown away)."""
        window = self.window
        if window.document is not document or document.path != reading.path:
            return  # closed, or another project opened, meanwhile: what was read is dropped
        window.commit_editor()
        if document.generation != asked_at:
            window.statusBar().showMessage("Not reloaded: the project was changed while the file was read", 8000)
            return
        if reading.error is not None:
            show_error(window, "The project could not be read again.", reading.error)
            return
        assert reading.loaded is not None, "a read finished with neither a project nor an error"
        document.take_reloaded(reading.loaded)
