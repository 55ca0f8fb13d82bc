"""Edits made away from the project (a partner pack edited in Word) and brought back later.

An offline edit knows the revision it started from. If the section has not
changed since, the edit becomes a new revision as any edit does (so sign-offs go
stale by themselves). If the section changed meanwhile, neither version is lost:
the current one stays current and the offline one is kept as a conflict copy,
exactly as a merge of two diverged copies of the project would keep it, for
whoever may edit the section to resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .content import Blocks, clean_heading, content_hash, normalize_blocks
from .editing import edit_section
from .errors import ContentError
from .model import Actor, ConflictCopy, Project, Revision, Section, utc_now
from .permissions import check_edit

UNCHANGED, UPDATED, CONFLICT = "unchanged", "updated", "conflict"


@dataclass(frozen=True)
class OfflineOutcome:
    """What bringing back one offline edit did: "unchanged", "updated" or "conflict", and the new revision."""

    kind: str
    revision: Revision | None = None


def apply_offline_edit(project: Project, actor: Actor, section: Section, base_revision: str,
                       heading: str | None, blocks: Blocks, now: datetime | None = None) -> OfflineOutcome:
    """Bring back an edit of ``section`` that started from revision ``base_revision``.

    ``heading`` ``None`` keeps the heading the edit started from. Raises
    :class:`~.errors.PermissionDenied` if ``actor`` may not edit the section, and
    :class:`~.errors.ContentError` if the section has no revision ``base_revision``.
    """
    check_edit(project, section, actor)
    base = next((revision for revision in section.revisions if revision.id == base_revision), None)
    if base is None:
        raise ContentError(f"section {project.number_of(section)} \u201c{section.heading}\u201d has no revision "
                           f"{base_revision}: the edit was made on another copy of the project")
    new_heading = clean_heading(heading) if heading is not None else base.heading
    new_blocks = normalize_blocks(blocks)
    new_hash = content_hash(new_heading, new_blocks)
    if new_hash == base.hash or new_hash == section.hash:
        return OfflineOutcome(UNCHANGED)
    if section.current.id == base.id:
        revision = edit_section(project, actor, section, heading=new_heading, blocks=new_blocks, now=now)
        return OfflineOutcome(UPDATED if revision is not None else UNCHANGED, revision)
    time = now or utc_now()
    copy = Revision.create(base.id, actor, new_heading, new_blocks, time)
    # The current revision stays last; the copy goes after its parent, which is an earlier revision.
    section.revisions.insert(len(section.revisions) - 1, copy)
    section.conflicts.append(ConflictCopy(copy, base.id))
    return OfflineOutcome(CONFLICT, copy)
