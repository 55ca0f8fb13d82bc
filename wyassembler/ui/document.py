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

from ..core import permissions
from ..core.errors import NotFoundError, WyassemblerError
from ..core.merge import merge_projects, structure_of
from ..core.model import Actor, Project, Section
from ..projectfile import storage
from ..projectfile.codec import to_bytes
from ..projectfile.lock import LockHolder
from ..settings import Identity

log = logging.getLogger(__name__)

# What a change touched, so views can refresh no more than they need.
OUTLINE, SECTION, SIGNOFF, PROPERTIES = "outline", "section", "signoff", "properties"
SIGNING_ROLES = ("partner lead", "coordinator")


class ProjectDocument(QObject):
    """One open project and everything that acts on it."""

    changed = Signal(str, str)  # (what: OUTLINE/SECTION/SIGNOFF/PROPERTIES, section id or "")
    reloaded = Signal()
    path_changed = Signal()
    waiting = Signal(str)  # someone else holds the file's lock; the message says who

    def __init__(self, project: Project, path: Path | None = None, disk_bytes: bytes | None = None,
                 identity: Identity | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.path = Path(path) if path is not None else None
        # The bytes last read from or written to ``path``: how we tell someone else's save from ours.
        self.disk_bytes = disk_bytes
        self.identity = identity
        self.undo_stack = QUndoStack(self)
        self.actor = self._actor_for(identity)
        # The structure as last read from or written to disk: the merge's base, so it can tell
        # our moves and property changes from another partner's.
        self.base = structure_of(project) if disk_bytes is not None else None

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
            return f"{self.identity.name} \u00b7 {self.identity.organisation} (not a partner in this project: read only)"
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
        self.changed.emit(what, section_id)

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean() or (self.path is None and self.disk_bytes is None)

    # -- the file ----------------------------------------------------------------

    def display_name(self) -> str:
        return self.path.name if self.path is not None else f"{self.project.title or 'Untitled response'} (not saved)"

    def changed_on_disk(self) -> bool:
        """True if the file now holds something other than what we last read or wrote."""
        if self.path is None or self.disk_bytes is None or not self.path.exists():
            return False
        try:
            return storage.read_limited(self.path) != self.disk_bytes
        except WyassemblerError:
            return False

    def save(self, path: Path | None = None) -> tuple[Path, list[str]]:
        """Save through the shared-save path (lock, merge, write, release), so a partner's save made
        since we read the file is merged in, never overwritten. Save As to another file replaces it
        (the user confirmed that in the file dialog). Returns the path and the merge's notes."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise WyassemblerError("choose where to save the project first")
        same_file = target == self.path
        holder = LockHolder.current(self.actor.person if self.actor else "", self.actor.org if self.actor else "")
        result = storage.save_shared(
            self.project, target, self.disk_bytes if same_file else None, self.base if same_file else None,
            holder=holder, on_wait=self._on_lock_wait, replace=not same_file,
            ours_label="your changes", theirs_label="the saved file")
        self.disk_bytes = result.data
        self.base = result.structure
        moved = not same_file
        self.path = target
        if result.merged:
            # The merged project holds new objects; the undo history pointed at the old ones.
            self.project = result.project
            self.actor = self._actor_for(self.identity)
            self.undo_stack.clear()
            self.reloaded.emit()
        self.undo_stack.setClean()
        log.info("saved %s%s", target, " (merged with changes on disk)" if result.merged else "")
        if moved:
            self.path_changed.emit()
        return target, list(result.notes)

    def _on_lock_wait(self, holder) -> None:
        self.waiting.emit(holder.waiting_message() if holder else "Waiting for another save to finish")

    def merge_from_disk(self) -> list[str]:
        """Bring in what another partner saved to our file, keeping every unsaved change of ours
        (a clash becomes a conflict copy on the section). Returns the merge's notes."""
        assert self.path is not None
        loaded = storage.load(self.path)
        had_changes = self.is_dirty()
        result = merge_projects(self.project, loaded.project, self.base,
                                ours_label="your unsaved changes", theirs_label="the saved file")
        self.project = result.project
        self.disk_bytes = loaded.data
        self.base = loaded.structure  # worked out once, when it was read
        self.actor = self._actor_for(self.identity)
        # The undo history points at the objects the merge replaced, so it cannot be replayed.
        self.undo_stack.clear()
        if had_changes:
            self.undo_stack.resetClean()
        log.info("merged changes from %s: %s", self.path, "; ".join(result.notes) or "no notes")
        self.reloaded.emit()
        return list(result.notes)

    def snapshot_bytes(self) -> bytes:
        """The project as it would be saved now (for the recovery file), through the same write
        gate as every save: a project that could not be read back is not written as a recovery file."""
        from ..projectfile.write_gate import checked_bytes

        return checked_bytes(self.project)

    def reload_from_disk(self) -> None:
        """Replace the project with what is on disk now; the undo history no longer applies and goes."""
        assert self.path is not None
        loaded = storage.load(self.path)
        self.project = loaded.project
        self.disk_bytes = loaded.data
        self.base = loaded.structure
        self.actor = self._actor_for(self.identity)
        self.undo_stack.clear()
        self.reloaded.emit()
