"""Other copies of the open project, conflict copies, and going back to a previous version.

* File > Synchronise with…: another copy of the same project (an offline copy, a colleague's
  laptop copy) merged into what is open, as one undoable step, with a summary of what the merge did
  (a project in a git work tree: what git says about it first, :mod:`.git_work_tree`).
* Sync clients' conflict copies (OneDrive's ``name-MACHINE.wyproj``, Dropbox's ``name (… conflicted
  copy …).wyproj``) beside the project are noticed when it opens and whenever its folder changes,
  and offered in a bar above the editor: merge each in, then move it aside (renamed ``.merged``).
  Nothing is deleted.
* Resolve…: a section's conflict copies side by side; keep the current text, take a copy, or write a
  merged text, each one command.
* File > Restore a Previous Version…, and a project that fails to load offers its newest good backup.

The window creates one :class:`SyncOperations` and wires its actions; everything else is here.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from ...core import permissions
from ...core.errors import WyassemblerError
from ...core.merge import merge_projects
from ...core.synccopies import SyncCopy, find_sync_copies
from ...projectfile import storage
from ...projectfile.codec import to_bytes
from ...projectfile.lock import LockHolder
from ..project import commands
from ..project.document import lock_holder
from ..dialogs.backups import BackupsDialog
from ..editor.conflict_bar import plural
from ..dialogs.conflicts import KEEP, MERGE, TAKE, ConflictsDialog, MergedTextDialog, when
from ..common.errors import error_text, show_error
from ...projectfile.git_work_tree import find_work_tree
from .git_work_tree import IN_GIT_NO_BACKUP, RESTORE_AGAIN_ADVICE, GitWorkTreeOperations

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

FILE_FILTER = "wyassembler projects (*.wyproj);;All files (*)"
FOLDER_SETTLE_MS = 800
MERGED_SUFFIX = ".merged"
NOTES_SHOWN = 8


def move_aside(path: Path) -> Path:
    """Rename ``path`` to ``path.merged`` (or ``path.merged-2``…), never over another file."""
    target = path.with_name(path.name + MERGED_SUFFIX)
    number = 2
    while target.exists():
        target = path.with_name(f"{path.name}{MERGED_SUFFIX}-{number}")
        number += 1
    path.rename(target)
    return target


class SyncCopiesBar(QFrame):
    """The non-blocking offer above the editor: one sync-client copy at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("syncBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.primary = QPushButton()
        self.secondary = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.primary)
        layout.addWidget(self.secondary)
        self.hide()

    def ask(self, text: str, primary: str, secondary: str, primary_tip: str = "", secondary_tip: str = "") -> None:
        self.label.setText(text)
        self.primary.setText(primary)
        self.secondary.setText(secondary)
        self.primary.setAccessibleDescription(primary_tip)
        self.primary.setToolTip(primary_tip)
        self.secondary.setToolTip(secondary_tip)
        self.show()


class SyncOperations(QObject):
    """What File > Synchronise, Restore a Previous Version and Resolve… do, for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.git = GitWorkTreeOperations(window)  # a project in a git work tree: git synchronises it
        self.bar = SyncCopiesBar()
        # Above the editor, under the note about other partners' saves.
        page = window.editor_page_layout
        page.insertWidget(page.indexOf(window.disk_banner) + 1, self.bar)
        self.folder_watcher = QFileSystemWatcher(self)
        self.folder_timer = QTimer(self)
        self.folder_timer.setSingleShot(True)
        self.folder_timer.setInterval(FOLDER_SETTLE_MS)
        self.folder_watcher.directoryChanged.connect(lambda _path: self.folder_timer.start())
        self.folder_timer.timeout.connect(self.look_for_sync_copies)
        self.bar.primary.clicked.connect(self._on_primary)
        self.bar.secondary.clicked.connect(self._on_secondary)
        self._handled: set[str] = set()  # copies merged, moved aside or put off, for the open project
        self._offer: SyncCopy | None = None
        self._merged: SyncCopy | None = None  # merged, and now offered to be moved aside
        self._project_path: Path | None = None
        self._restoring = False

    @property
    def document(self):
        return self.window.document

    # -- merging another copy -------------------------------------------------------------------

    def synchronise(self) -> None:
        """File > Synchronise with…: pick another copy of this project and merge it in (in a git work
        tree, git synchronises: what git says about the file is shown instead)."""
        if not self.git.show_status():
            self.synchronise_with_copy()

    def synchronise_with_copy(self) -> None:
        """Pick another copy of this project and merge it in."""
        document = self.document
        if document is None:
            return
        start = str(document.path.parent) if document.path is not None else ""
        path, _ = QFileDialog.getOpenFileName(self.window, "Synchronise with Another Copy of This Project",
                                              start, FILE_FILTER)
        if path:
            self.merge_copy(Path(path))

    def merge_copy(self, path: Path, source: str = "") -> bool:
        """Merge the copy at ``path`` into the open project as one undoable step; True if the open
        project now holds everything in it (merged now, or already)."""
        document = self.document
        if document is None or not self.window.commit_editor():
            return False
        name = path.name
        what_failed = f"{name} could not be merged into this project."
        if document.path is not None and path.resolve() == document.path.resolve():
            show_error(self.window, what_failed, WyassemblerError(
                "that is this project's own file: choose another copy of it, such as one taken home on a "
                "laptop or left by a sync client"))
            return False
        try:
            document.require_actor()
            other = storage.load(path)
            result = merge_projects(other.project, document.project, None, ours_label=name,
                                    theirs_label="this project")
        except Exception as error:  # noqa: BLE001 - any failure becomes a dialog; nothing was changed
            show_error(self.window, what_failed, error)
            return False
        if to_bytes(result.project) == to_bytes(document.project):
            self._summary(f"Nothing to merge from {name}.",
                          "This project already holds everything in that copy.", [])
            return True
        changed = self._changed_sections(document.project, result.project)
        if not self.window.run(what_failed, commands.MergeCopyCommand(document, result, source or name)):
            return False
        parts = [f"{plural(changed, 'section', 'sections')} brought in or updated"] if changed else []
        if result.new_conflicts:
            parts.append(f"{plural(len(result.new_conflicts), 'section', 'sections')} changed in both copies "
                         f"now {'holds a conflict copy' if len(result.new_conflicts) == 1 else 'hold conflict copies'}"
                         f" to resolve (look for the bar above the text, or Section \u203a Resolve Conflict Copies)")
        summary = ("; ".join(parts) or "The other copy's changes are merged in") + "."
        self._summary(f"Merged {name} into this project.",
                      f"{summary[0].upper()}{summary[1:]} Nothing from either copy was lost. Save to keep the "
                      f"result in the shared file; Edit \u203a Undo takes the merge back.", result.notes)
        if result.new_conflicts:
            self.window.select_section(result.new_conflicts[0][0])
        return True

    @staticmethod
    def _changed_sections(before, after) -> int:
        old = {s.id: s.current.id for s in before.all_sections()}
        return sum(1 for s in after.all_sections() if old.get(s.id) != s.current.id)

    def _summary(self, text: str, informative: str, notes: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Synchronise", text, QMessageBox.StandardButton.Ok,
                          self.window)
        shown = notes[:NOTES_SHOWN]
        more = f"\n\u2026 and {len(notes) - NOTES_SHOWN} more (see Details)." if len(notes) > NOTES_SHOWN else ""
        box.setInformativeText(informative + ("\n\n" + "\n".join(f"\u2022 {n}" for n in shown) + more
                                              if shown else ""))
        if len(notes) > NOTES_SHOWN:
            box.setDetailedText("\n".join(notes))
        box.exec()

    # -- sync clients' copies beside the project -------------------------------------------------

    def document_shown(self) -> None:
        """A project was opened in the window: watch its folder and offer any sync-client copies."""
        self._handled.clear()
        self._offer = self._merged = None
        self.bar.hide()
        document = self.document
        if document is not None:
            document.path_changed.connect(self._watch_folder)
        self._watch_folder()
        self.look_for_sync_copies()

    def _watch_folder(self) -> None:
        watched = self.folder_watcher.directories()
        if watched:
            self.folder_watcher.removePaths(watched)
        document = self.document
        self._project_path = document.path if document is not None else None
        if self._project_path is not None and self._project_path.parent.is_dir():
            self.folder_watcher.addPath(str(self._project_path.parent))

    def sync_copies(self) -> list[SyncCopy]:
        """Sync-client copies beside the open project not yet merged, moved aside or put off."""
        document = self.document
        if document is None or document.path is None:
            return []
        try:
            names = os.listdir(document.path.parent)
        except OSError:
            return []
        return [c for c in find_sync_copies(document.path.name, names) if c.name not in self._handled]

    def look_for_sync_copies(self) -> None:
        document = self.document
        if document is None or document.path != self._project_path:
            self._watch_folder()
        if self._merged is not None:
            return  # the offer to move a merged copy aside stays until answered
        copies = self.sync_copies()
        if not copies:
            self._offer = None
            self.bar.hide()
            return
        self._offer = copy = copies[0]
        more = f" ({plural(len(copies) - 1, 'other copy', 'other copies')} after this one.)" if len(copies) > 1 else ""
        self.bar.ask(f"{copy.client} kept another copy of this project beside it: {copy.name} "
                     f"({copy.detail}). It may hold changes made on another computer. Merge it in, so "
                     f"nothing typed there is lost?{more}",
                     "&Merge It In", "Not &Now", "Merge its changes into this project (you can undo it)",
                     "Leave it for now; it is offered again next time the project opens")

    def _on_primary(self) -> None:
        document = self.document
        if document is None or document.path is None:
            return
        folder = document.path.parent
        if self._merged is not None:
            merged, self._merged = self._merged, None
            self._handled.add(merged.name)
            try:
                moved = move_aside(folder / merged.name)
            except OSError as error:
                show_error(self.window, f"{merged.name} could not be moved aside.", error)
            else:
                self.window.statusBar().showMessage(f"Moved {merged.name} aside as {moved.name}", 6000)
            self.look_for_sync_copies()
            return
        copy = self._offer
        if copy is None:
            return
        if not self.merge_copy(folder / copy.name, f"{copy.client}'s copy {copy.name}"):
            return
        self._merged = copy
        self.bar.ask(f"{copy.name} is merged into this project. Move it aside, renamed to "
                     f"{copy.name}{MERGED_SUFFIX}, so it is not offered again? Nothing is deleted.",
                     "&Move It Aside", "&Keep It", f"Rename it to {copy.name}{MERGED_SUFFIX}",
                     "Leave the file as it is")

    def _on_secondary(self) -> None:
        copy = self._merged or self._offer
        self._merged = None
        if copy is not None:
            self._handled.add(copy.name)
        self.look_for_sync_copies()

    # -- conflict copies ------------------------------------------------------------------------

    def _refusal(self, section) -> str:
        """Why the current identity may not resolve ``section``'s copies, or "" if it may."""
        document = self.document
        try:
            actor = document.require_actor()
            permissions.check_edit(document.project, section, actor)
        except WyassemblerError as error:
            return "You may read the versions, but not resolve them: " + error_text(error)
        return ""

    def resolve_conflicts(self) -> None:
        """Show the current text and each conflict copy side by side; resolve as the user chooses."""
        window = self.window
        if self.document is None or not window.commit_editor():
            return
        section = window.current_section()
        if section is None or not section.conflicts:
            return
        document = self.document
        refusal = self._refusal(section)
        dialog = ConflictsDialog(document.project, section, not refusal, refusal, window)
        if dialog.exec() != ConflictsDialog.DialogCode.Accepted or dialog.choice is None:
            return
        what, number = dialog.choice
        command: commands.ResolveConflictsCommand
        if what == KEEP:
            command = commands.KeepCurrentCommand(document, section)
        elif what == TAKE:
            command = commands.TakeCopyCommand(document, section, number)
        elif what == MERGE:
            editor = MergedTextDialog(document.project, section, window)
            if editor.exec() != MergedTextDialog.DialogCode.Accepted:
                return
            heading, blocks = editor.values()
            command = commands.TakeMergedTextCommand(document, section, heading, blocks)
        else:
            return
        go_on, command.signer = window.keys.decision_signer("The resolution is signed with your key.")
        if go_on and window.run("The conflict copies could not be resolved.", command):
            window.statusBar().showMessage(f"Resolved the conflict copies of \u201c{section.heading}\u201d", 5000)

    # -- backups ----------------------------------------------------------------------------------

    def restore_backup(self) -> None:
        """File > Restore a Previous Version…: pick a backup, confirm, restore it for everyone, reload."""
        window, document = self.window, self.document
        if document is None or document.path is None:
            return
        window.commit_editor()
        dialog = BackupsDialog(document.path, window)
        if dialog.exec() != BackupsDialog.DialogCode.Accepted or not dialog.number():
            return
        number = dialog.number()
        time = dialog.backups[number - 1].time
        saved = f"saved {when(time, seconds=True)}" if time is not None else f"backup {number}"
        box = QMessageBox(QMessageBox.Icon.Question, "Restore a Previous Version",
                          f"Put the version {saved} back in place of {document.path.name}?", parent=window)
        lost = " The changes you have not saved in this window are thrown away." if document.is_dirty() else ""
        in_git = find_work_tree(document.path) is not None  # restored there as saved there: no backup
        kept = IN_GIT_NO_BACKUP if in_git else "The version there now is kept as a backup, so you can come back to it."
        box.setInformativeText(f"Every partner who opens the project will see that version. {kept}{lost}")
        restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is not restore:
            return
        path = document.path
        window.watch_file(None)  # our own restore is not another partner's save
        try:
            storage.restore_backup(path, number, holder=self._holder(),
                                   on_wait=lambda holder: window.statusBar().showMessage(
                                       holder.waiting_message() if holder else "Waiting for another save"))
            document.reload_from_disk()
        except storage.ChangedOnDisk as error:
            show_error(window, "The previous version could not be restored.", error.advised(RESTORE_AGAIN_ADVICE))
            return
        except Exception as error:  # noqa: BLE001
            show_error(window, "The previous version could not be restored.", error)
            return
        finally:
            window.watch_file(path)
        window.history.restored(path)  # put back on purpose: not a rollback to warn of
        window.recovery.discard()
        replaced = "git diff shows what it changed" if in_git else "the version it replaced is now the newest backup"
        window.statusBar().showMessage(f"Restored the version {saved}; {replaced}", 8000)

    def _holder(self) -> LockHolder:
        document = self.document
        return lock_holder(document.actor if document is not None else None, self.window.identity)

    def open_failed(self, path: Path, error: BaseException) -> bool:
        """Opening ``path`` failed: say why and, if it has a backup that opens, offer to restore that.
        True if the project is open after all."""
        window = self.window
        path = Path(path)
        # The load already looked for a backup that opens; a failed restore is not offered again.
        backup = getattr(error, "backup", None) if not self._restoring else None
        what = f"{path.name} could not be opened."
        if backup is None:
            show_error(window, what, error)
            return False
        if not isinstance(error, WyassemblerError):
            log.error("%s", what, exc_info=(type(error), error, error.__traceback__))
        time = storage.backup_time(backup)
        reason = getattr(error, "reason", None) or error_text(error)
        box = QMessageBox(QMessageBox.Icon.Warning, "wyassembler", what, parent=window)
        kept = ("In a git work tree no backup is kept of the damaged file: git keeps the versions"
                if find_work_tree(path) is not None else "The damaged file is kept as a backup too")
        box.setInformativeText(
            f"{reason}\n\nIts newest good backup{f', saved {when(time)},' if time else ''} opens. Restore it? It "
            f"takes the place of the damaged file for everyone. {kept}.")
        restore = box.addButton("&Restore the Backup", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is not restore:
            return False
        try:
            number = storage.list_backups(path).index(backup) + 1
            storage.restore_backup(path, number, holder=self._holder())
        except Exception as restore_error:  # noqa: BLE001
            show_error(window, "The backup could not be restored.", restore_error)
            return False
        self._restoring = True
        try:
            opening = window.open_path(path)
            window.opening.wait()  # a large file is read on a worker thread: still restoring until it is read
            return opening and window.document is not None
        finally:
            self._restoring = False
