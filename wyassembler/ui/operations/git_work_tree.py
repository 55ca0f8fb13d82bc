"""A project in a git work tree: git keeps and merges the file, the app only writes it.

* The title says "— in git" (:meth:`ProjectDocument.title_note`); saves neither lock nor merge other
  saves (:func:`wyassembler.projectfile.storage.save_in_work_tree`).
* The file changed on disk (a ``git pull``, ``checkout`` or ``merge``): with nothing unsaved here it is
  read again and shown as it is now; with unsaved changes it is never merged into them nor saved over
  (the save is refused): the bar says so, and Reload from Disk or Save As is the person's choice.
* File › Synchronise runs nothing by itself: it shows what ``git status`` says about the file (on a
  worker thread, with a timeout), or why git could not say; merging another copy stays one click away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from ...projectfile.git_work_tree import GitStatus, WorkTree, find_work_tree, git_status
from ..common.workers import KeptWorker
from .reasons import BASE_TIP, BASE_STATUS, why_not

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from ..project.document import ProjectDocument

CHANGED_IN_GIT = "changed in git"  # what the bar above the editor is about (see OtherSaves.show_note)
MERGE_ANOTHER_COPY = "Merge Another Copy\u2026"
# A save or restore refused because git changed the file since it was read (storage.ChangedOnDisk): the app's advice.
CHANGED_IN_GIT_ADVICE = "reload it from disk to see that version, or save your copy under another name"
RESTORE_AGAIN_ADVICE = "reload it from disk to see that version, then restore again if you still want the earlier one"
# A restore in a git work tree is written as a save there is (storage.restore_backup): git keeps the versions.
IN_GIT_NO_BACKUP = ("In a git work tree no backup is kept of the version there now: git keeps the versions "
                    "(commit it first if you may want it back).")


GIT_SYNCHRONISE = ("S&ynchronise (Git Status)\u2026", "In a git work tree git synchronises this project: show "
                   "what git says about its file")
_PLAIN = "wyPlainTextAndTip"  # the action's own text and tip, kept the first time it is renamed


def name_synchronise(action: QAction, in_git: bool) -> None:
    """File › Synchronise says what it does: show git's status in a git work tree, else merge a copy."""
    if action.property(_PLAIN) is None:
        action.setProperty(_PLAIN, [action.text(), action.statusTip()])
    text, tip = GIT_SYNCHRONISE if in_git else action.property(_PLAIN)
    if action.text() == text:
        return
    action.setText(text)
    name = text.replace("&", "").rstrip(".\u2026")
    # The tips reasons.show_reason puts back when the action is not switched off.
    action.setProperty(BASE_TIP, f"{name}: {tip}")
    action.setProperty(BASE_STATUS, tip)
    if not why_not(action):
        action.setToolTip(f"{name}: {tip}")
        action.setStatusTip(tip)


class StatusWorker(KeptWorker):
    """``git status`` for one file, off the UI thread (git may take seconds in a large repository)."""

    done = Signal(object)  # a GitStatus, or the error that says why there is none

    def __init__(self, path, work_tree: WorkTree) -> None:
        super().__init__()
        self.path, self.work_tree = path, work_tree

    def run(self) -> None:
        try:
            self.done.emit(git_status(self.path, self.work_tree))
        except Exception as error:  # noqa: BLE001 - shown on the UI thread as a plain message
            self.done.emit(error)


class GitWorkTreeOperations(QObject):
    """What the window does differently for a project in a git work tree; the sync operations own it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.worker: StatusWorker | None = None
        self._asked_for: ProjectDocument | None = None  # the project git is being asked about

    def file_changed(self) -> bool:
        """The file of the open project changed on disk: True if that was handled here (it is in git)."""
        window, document = self.window, self.window.document
        if document is None or document.work_tree is None:
            return False
        name = document.display_name()
        cause = f"{name} changed on disk (a git pull, checkout or merge?)"
        if not document.is_dirty():
            window.other_saves.reload_from_disk()  # nothing unsaved: nothing to lose, nothing to ask
            window.other_saves.show_note(CHANGED_IN_GIT, f"{cause}: it is shown here as it is now.")
            return True
        window.other_saves.show_note(
            CHANGED_IN_GIT, f"{cause}. Your unsaved changes are kept here, and saving will not write over that "
            f"version: File \u203a Reload from Disk shows it (your unsaved changes go), or File \u203a Save As "
            f"keeps yours in another file. Git, not wyassembler, merges in a git work tree.")
        return True

    def show_status(self) -> bool:
        """File › Synchronise for a project in a git work tree: say what git says about its file.
        False if the project is not in one (Synchronise then merges another copy, as it always did)."""
        window, document = self.window, self.window.document
        if document is None or document.path is None:
            return False
        document.work_tree = find_work_tree(document.path)  # a repository may have been made (or removed) since
        window.update_title()
        window.update_actions()
        if document.work_tree is None:
            return False
        if self.worker is not None:
            window.statusBar().showMessage("Still asking git\u2026", 4000)
            return True
        window.commit_editor()
        self.worker = worker = StatusWorker(document.path, document.work_tree)
        self._asked_for = document
        worker.done.connect(self._on_done)  # a slot of this UI-thread object: the answer is queued to it
        window.statusBar().showMessage(f"Asking git about {document.display_name()}\u2026")
        worker.start()
        return True

    def _on_done(self, answer: GitStatus | BaseException) -> None:
        document, self._asked_for = self._asked_for, None
        self.worker = None
        if document is not None:
            self._answered(document, answer)

    def _answered(self, document: ProjectDocument, answer: GitStatus | BaseException) -> None:
        window = self.window
        window.statusBar().clearMessage()
        if window.document is not document or document.work_tree is None:
            return  # closed, or another project opened, while git answered
        root = document.work_tree.root
        intro = (f"{document.display_name()} is in the git work tree {root}. Git keeps and merges it: wyassembler "
                 f"saves it without locking it and without merging other saves, so commit, pull and push with git "
                 f"(run 'wyassembler git-setup' there once, and git merges it section by section).")
        box = QMessageBox(QMessageBox.Icon.Information, "Synchronise", intro, parent=window)
        if isinstance(answer, GitStatus):
            unsaved = ("\n\nChanges made here and not saved yet are not in the file: git sees them once you "
                       "save." if document.is_dirty() else "")
            box.setInformativeText(f"The file: {answer.file_words()}.\nThe branch: {answer.branch_words()}.{unsaved}")
            box.setDetailedText("git status --porcelain=v1 --branch\n" + "\n".join(answer.lines))
        else:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setInformativeText(f"What git says about it cannot be shown: {answer}")
        merge = box.addButton(MERGE_ANOTHER_COPY, QMessageBox.ButtonRole.ActionRole)
        merge.setToolTip("Merge another copy of this project (not a git branch) into it, as outside git")
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is merge:
            window.sync.synchronise_with_copy()
