"""The open project: the core Project, where it lives on disk, who is acting, and its undo stack.

Widgets ask this object what they may do and hand it their changes; it runs
them as undoable commands (:mod:`.commands`) and announces what changed, so
every view refreshes from the core, never from another widget. Reading and
writing the file goes through :mod:`wyassembler.projectfile.storage` here and
nowhere else in the app.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ...core import permissions, signoff
from ...core.presets import organisation_name
from ...core.refusals import SIGNING_ROLES
from ...core.errors import NotFoundError, WyassemblerError
from ...core.merge import merge_projects, structure_of
from ...core.model import Actor, Project, Section
from ...core.snapshot import snapshot
from ...projectfile import storage
from ...projectfile.git_work_tree import find_work_tree
from ...projectfile.lock import LockHolder
from ...settings import Identity
from . import heap
from ..common.paths import file_in_folder
from .merge_job import OURS_LABEL, THEIRS_LABEL, MergeJob
from .save_job import Remerge, SaveJob

log = logging.getLogger(__name__)

# What a change touched, so views can refresh no more than they need (QUESTIONS: the question list, or
# which questions a section answers: the readiness, the response's hash and the Questions view follow).
OUTLINE, SECTION, SIGNOFF, PROPERTIES, QUESTIONS = "outline", "section", "signoff", "properties", "questions"


def lock_holder(actor: Actor | None, identity: Identity | None) -> LockHolder:
    """Who holds the lock while the app saves or restores: the acting partner, else the person's
    identity (storage is told who; it never reads the user's settings)."""
    if actor is not None:
        return LockHolder.current(actor.person, actor.org)
    return LockHolder.current(identity.name if identity else "", identity.organisation if identity else "")


class ProjectDocument(QObject):
    """One open project and everything that acts on it."""

    changed = Signal(str, str)  # (what: OUTLINE/SECTION/SIGNOFF/PROPERTIES, section id or "")
    reloaded = Signal()
    path_changed = Signal()
    saving_changed = Signal(bool)  # a save started (True) or ended (False)
    step_failed = Signal(str)  # an undo or redo the core refused now; the message says why

    def __init__(self, project: Project, path: Path | None = None, disk_bytes: bytes | None = None,
                 identity: Identity | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.path = Path(path) if path is not None else None
        # The bytes last read from or written to ``path``: how we tell someone else's save from ours.
        self.disk_bytes = disk_bytes
        self.identity = identity
        self.undo_stack = QUndoStack(self)
        self.last_saved: Project | None = None  # the project as the last save wrote it
        self.actor = self._actor_for(identity)
        # The structure as last read from or written to disk: the merge's base, so it can tell
        # our moves and property changes from another partner's.
        self.base = structure_of(project) if disk_bytes is not None else None
        # Whether the newest history entry of ``disk_bytes`` vouches for its records (None: not known).
        self.disk_vouched: bool | None = None
        # Counts every change, so a save can tell whether the project moved on while it ran.
        self.generation = 0
        self.save_job: SaveJob | None = None
        # The git work tree the file is in (None: not in one): git merges there, saves only write.
        self.work_tree = find_work_tree(self.path) if self.path is not None else None
        self._response_hash: tuple[tuple[int, int], str] | None = None  # (project and generation, hash)
        heap.settle(project)

    # -- who is acting -----------------------------------------------------------

    def _actor_for(self, identity: Identity | None) -> Actor | None:
        if identity is None or not identity.name.strip():
            return None
        try:
            org = self.project.find_organisation(identity.organisation)
        except NotFoundError:
            return None
        return Actor(org.id, identity.name.strip(), identity.role)

    def set_identity(self, identity: Identity | None) -> None:
        self.identity = identity
        self.actor = self._actor_for(identity)
        self.changed.emit(PROPERTIES, "")

    def actor_label(self) -> str:
        """"H. Dawson · Joint Services (coordinator)", or why nothing may be changed."""
        if self.identity is None:
            return "Not signed in: set your identity to make changes"
        if self.actor is None:
            return (f"{self.identity.name} \u00b7 {organisation_name(self.identity.organisation)} "
                    f"(not a partner in this project: read only)")
        return f"{self.actor.person} \u00b7 {self.project.org_label(self.actor.org)} ({self.identity.role})"

    def may_edit(self, section: Section) -> bool:
        return self.actor is not None and permissions.may_edit(self.project, section, self.actor.org)

    def may_restructure(self, parent: Section | None = None) -> bool:
        return self._allowed(permissions.check_structure, self.project, self.actor, parent)

    def may_sign(self, section: Section) -> bool:
        """Sign-off is for partner leads (and the coordinator) of an organisation that signs this section."""
        return (self.actor is not None and self.actor.role in SIGNING_ROLES
                and self._allowed(permissions.check_section_signoff, self.project, section, self.actor))

    def may_endorse(self) -> bool:
        return (self.actor is not None and self.actor.role in SIGNING_ROLES
                and self._allowed(permissions.check_endorse, self.project, self.actor))

    def may_export(self) -> bool:
        return self.actor is not None and permissions.is_coordinator(self.project, self.actor.org)

    def _allowed(self, check, *args) -> bool:
        if self.actor is None:
            return False
        try:
            check(*args)
        except WyassemblerError:
            return False
        return True

    # -- changes -----------------------------------------------------------------

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise permissions.PermissionDenied(
                "wyassembler does not know who you are in this project: choose Edit \u203a Your Identity "
                "and pick one of its partner organisations")
        return self.actor

    def execute(self, command) -> bool:
        """Apply a command to the core and put it on the undo stack; returns False if nothing changed.

        The change is made before pushing so that a refusal (a :class:`WyassemblerError`)
        leaves both the project and the undo stack untouched.
        """
        self.require_actor()
        if not command.apply():
            return False
        self.undo_stack.push(command)
        return True

    def notify(self, what: str, section_id: str = "") -> None:
        self.generation += 1
        self.changed.emit(what, section_id)

    def replace_project(self, project: Project) -> None:
        """Make ``project`` the open one (a merge made it); the undo history applies to it by id."""
        self.project = project
        self.generation += 1
        self.actor = self._actor_for(self.identity)
        heap.settle(project)

    def on_disk(self, section_id: str) -> bool:
        """Whether the file as last read or written holds this section (others may have it)."""
        return self.base is not None and section_id in self.base.placements

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean() or (self.path is None and self.disk_bytes is None)

    def response_hash(self) -> str:
        """The whole response's hash (what an endorsement names), worked out once per change: it walks every
        section, 20 ms at 5,000, too long to repeat at each selection."""
        key = (id(self.project), self.generation)
        if self._response_hash is None or self._response_hash[0] != key:
            self._response_hash = (key, signoff.response_hash(self.project))
        return self._response_hash[1]

    # -- the file ----------------------------------------------------------------

    def display_name(self, with_folder: bool = False) -> str:
        """The file's name (``with_folder``: and its folder, for questions), or the title of a project never saved."""
        if self.path is None:
            return f"{self.project.title or 'Untitled response'} (not saved)"
        return file_in_folder(self.path) if with_folder else self.path.name

    def title_note(self) -> str:
        """What the window's title adds after the file's name: that git keeps (and merges) it."""
        return " \u2014 in git" if self.work_tree is not None else ""

    def changed_on_disk(self) -> bool:
        """True if the file now holds something other than what we last read or wrote."""
        if self.path is None or self.disk_bytes is None or not self.path.exists():
            return False
        try:
            return storage.read_limited(self.path) != self.disk_bytes
        except WyassemblerError:
            return False

    def is_saving(self) -> bool:
        return self.save_job is not None

    def start_save(self, path: Path | None = None) -> SaveJob:
        """A save through the shared-save path (lock, merge, write, release) of the project as it is
        now, to run on a worker thread: a partner's save made since we read the file is merged in,
        never overwritten (in a git work tree: no lock, no merge, and a file changed since it was read
        is not saved over at all). Save As to another file replaces it (the user confirmed that in the file
        dialog). Start the returned job; when it finishes, call :meth:`finish_save`."""
        target = Path(path).absolute() if path is not None else self.path
        if target is None:
            raise WyassemblerError("choose where to save the project first")
        if self.save_job is not None:
            raise WyassemblerError("a save of this project is already running")
        same_file = target == self.path
        holder = lock_holder(self.actor, self.identity)
        # Looked for at each save: a repository made (git init) while the project is open counts from now.
        work_tree = find_work_tree(target)
        self.save_job = SaveJob(snapshot(self.project), target, self.disk_bytes if same_file else None,
                                self.base if same_file else None, holder, not same_file, self.generation,
                                self.disk_vouched if same_file else None, work_tree)
        self.saving_changed.emit(True)
        return self.save_job

    def finish_save(self, job: SaveJob) -> tuple[Path, list[str]] | None:
        """Take in what a finished save wrote; returns the path and the merge's notes. Raises what the
        save raised (nothing was written then). Changes made while the save ran stay, unsaved: when the
        save merged another partner's, that merge is merged again under them on a worker thread first,
        and this returns None meanwhile (the save is still running): call it again once ``job.remerge``
        is done."""
        assert job is self.save_job and job.isFinished()
        if self._remerging(job):
            return None
        self.save_job = None
        job.deleteLater()
        self.saving_changed.emit(False)
        if job.error is not None:
            raise job.error
        result = job.result
        assert result is not None, "a save job finished with neither a result nor an error"
        # What was written, its save recorded in its history (the open project goes on without that entry).
        self.last_saved = result.project
        moved_on = self.generation != job.generation
        self.disk_bytes = result.data
        self.base = result.structure
        self.disk_vouched = True  # the save recorded itself over what it wrote
        if not result.merged:
            # The save recorded itself in the file's history: the project here goes on from that entry.
            self.project.history = list(result.project.history)
        moved = job.target != self.path
        self.path = job.target
        self.work_tree = job.work_tree
        if moved_on and result.merged:
            # What the save merged, brought in under what was changed here while it ran (see _remerging).
            assert job.remerge is not None, "a save that merged while the project changed is merged again"
            if job.remerge.error is not None:
                raise job.remerge.error
            assert job.remerge.result is not None and job.remerge.generation == self.generation
            self.replace_project(job.remerge.result.project)
            self.reloaded.emit()
        elif result.merged:
            self.replace_project(result.project)
            self.reloaded.emit()
        if moved_on:
            self.undo_stack.resetClean()  # what was changed during the save is not on disk yet
        else:
            self.undo_stack.setClean()
        log.info("saved %s%s", job.target, " (merged with changes on disk)" if result.merged else "")
        if moved:
            self.path_changed.emit()
        return job.target, list(result.notes)

    def _remerging(self, job: SaveJob) -> bool:
        """Whether what ``job`` merged is still being merged again under what was changed here while it
        ran (started here if not yet, or again if the project changed since the last start)."""
        result, remerge = job.result, job.remerge
        if job.error is not None or result is None or not result.merged or self.generation == job.generation:
            return False
        if remerge is not None and not remerge.done():
            return True
        if remerge is not None and (remerge.generation == self.generation or remerge.error is not None):
            return False  # merged under everything changed here: take it in
        job.remerge = Remerge(snapshot(self.project), result.project, job.snapshot, self.generation)
        job.remerge.start()
        return True

    def merge_from_disk(self) -> list[str]:
        """Bring in what another partner saved to our file, keeping every unsaved change of ours
        (a clash becomes a conflict copy on the section). Returns the merge's notes."""
        assert self.path is not None
        loaded = storage.load(self.path)
        result = merge_projects(self.project, loaded.project, self.base, ours_label=OURS_LABEL,
                                theirs_label=THEIRS_LABEL)
        return self._take_merged(loaded, result.project, list(result.notes))

    def start_merge_from_disk(self) -> MergeJob:
        """:meth:`merge_from_disk` read and merged on a worker thread (a large project): start the job,
        and once it is done call :meth:`finish_merge_from_disk`."""
        assert self.path is not None
        return MergeJob(self.path, snapshot(self.project), self.base, self.generation, self.disk_bytes)

    def finish_merge_from_disk(self, job: MergeJob) -> list[str] | None:
        """Take in what a finished merge job brought; returns its notes, or None if it no longer applies
        (a save of ours ran meanwhile and merged the file itself: look at the disk again). Raises what the
        job raised; nothing was changed then."""
        if job.error is not None:
            raise job.error
        if self.is_saving() or self.disk_bytes is not job.disk_bytes:
            return None
        assert job.loaded is not None and job.result is not None, "a merge job finished with neither result nor error"
        project, notes = job.result.project, job.notes()
        if self.generation != job.generation:  # (the window merges again on a worker: see merge_again)
            # Changed here while the merge ran: bring the merge in under those changes, as a save does.
            again = merge_projects(self.project, project, structure_of(job.snapshot), ours_label=OURS_LABEL,
                                   theirs_label=THEIRS_LABEL)
            project = again.project
            notes += [note for note in again.notes if note not in notes]
        return self._take_merged(job.loaded, project, notes)

    def merge_again(self, job: MergeJob) -> MergeJob | None:
        """If the project changed while ``job`` merged (and it still applies), the job that merges its
        result again under those changes, on a worker thread (start it, then finish it as this one);
        None if ``job`` can be taken in as it is (or not at all) by :meth:`finish_merge_from_disk`."""
        if job.error is not None or self.generation == job.generation:
            return None
        if self.is_saving() or self.disk_bytes is not job.disk_bytes:
            return None  # no longer applies: finish_merge_from_disk says so
        return job.again(snapshot(self.project), self.generation)

    def _take_merged(self, loaded: storage.Loaded, project: Project, notes: list[str]) -> list[str]:
        had_changes = self.is_dirty()
        self.replace_project(project)
        self.disk_bytes = loaded.data
        self.base = loaded.structure  # worked out once, when it was read
        self.disk_vouched = loaded.vouched
        # The undo history holds ids and values, so it stays and applies to the merged project.
        if had_changes:
            self.undo_stack.resetClean()
        log.info("merged changes from %s: %s", self.path, "; ".join(notes) or "no notes")
        self.reloaded.emit()
        return notes

    def reload_from_disk(self) -> None:
        """Replace the project with what is on disk now; the undo history no longer applies and goes."""
        assert self.path is not None
        self.take_reloaded(storage.load(self.path))

    def take_reloaded(self, loaded: storage.Loaded) -> None:
        """:meth:`reload_from_disk` with the file already read (a large one, on a worker thread)."""
        self.replace_project(loaded.project)
        self.disk_bytes = loaded.data
        self.base = loaded.structure
        self.disk_vouched = loaded.vouched
        # The person chose to throw their changes away: their undo history goes with them.
        self.undo_stack.clear()
        self.reloaded.emit()
