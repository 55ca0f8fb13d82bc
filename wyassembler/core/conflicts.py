"""Conflict copies: listing them and resolving them.

A conflict copy appears when two copies of a project changed the same section
(see :mod:`.merge`): one version stays current and the other is kept, whole,
as a copy on the section. Resolving means one of three things, each for every
copy of the section at once, each allowed to whoever may edit the section:

* keep the current version (:func:`keep_current`);
* take conflict copy N (:func:`take_copy`), which makes it a new revision;
* give a merged text (:func:`take_merged_text`), also a new revision.

Each leaves a :class:`Resolution` record per copy, so a later merge with a copy
of the project that still holds the clash does not bring it back.
"""

from __future__ import annotations

from datetime import datetime

from .content import Blocks
from .editing import edit_section
from .errors import ContentError, NotFoundError
from .keys import check_signer, with_signature
from .model import Actor, ConflictCopy, Project, Resolution, Revision, Section, utc_now
from .permissions import check_edit
from .signatures import Signer
from .statements import resolution_statement

KEPT_CURRENT, TOOK_COPY, MERGED = "kept-current", "took-copy", "merged"


def copy_order_key(copy: ConflictCopy) -> tuple:
    """Conflict copies are numbered in this order: oldest first, then by revision id."""
    return (copy.time, copy.id)


def conflict_copy(section: Section, number: int) -> ConflictCopy:
    """Conflict copy ``number`` (counting from 1, as :func:`copy_order_key` orders them)."""
    if not section.conflicts:
        raise NotFoundError(f"section {section.id} has no conflict copies")
    if not 1 <= number <= len(section.conflicts):
        raise NotFoundError(f"section {section.id} has conflict copies 1 to {len(section.conflicts)}; "
                            f"there is no copy {number}")
    return section.conflicts[number - 1]


def check_can_resolve(project: Project, actor: Actor, section: Section, signer: Signer | None = None,
                      now: datetime | None = None) -> None:
    """Refuse (one line) unless ``actor`` may resolve ``section``'s conflict copies, signing with ``signer``
    if given."""
    check_edit(project, section, actor)
    if not section.conflicts:
        raise ContentError(f"section {project.number_of(section)} \u201c{section.heading}\u201d "
                           f"has no conflict copies to resolve")
    if signer is not None:
        check_signer(project, actor.org, signer, now)


def _signed(project: Project, section: Section, record: Resolution, copy_hash: str,
            signer: Signer | None) -> Resolution:
    if signer is None:
        return record
    return with_signature(record, signer,
                          lambda signed_by: resolution_statement(project.id, section.id, record, copy_hash, signed_by))


def _close_all(project: Project, section: Section, actor: Actor, outcome: str, now: datetime,
               signer: Signer | None = None) -> list[Resolution]:
    records = [_signed(project, section, Resolution(copy.id, actor.org, actor.person, now, outcome), copy.hash,
                       signer) for copy in section.conflicts]
    section.resolutions.extend(records)
    section.conflicts = []
    return records


def keep_current(project: Project, actor: Actor, section: Section, now: datetime | None = None,
                 signer: Signer | None = None) -> list[Resolution]:
    """Resolve every conflict copy of ``section`` by keeping the current version; returns the records
    (signed if a ``signer``, a confirmed key of ``actor``'s organisation, is given)."""
    now = now or utc_now()
    check_can_resolve(project, actor, section, signer, now)
    return _close_all(project, section, actor, KEPT_CURRENT, now, signer)


def take_copy(project: Project, actor: Actor, section: Section, number: int,
              now: datetime | None = None, signer: Signer | None = None) -> Revision | None:
    """Make conflict copy ``number`` the current version (a new revision by ``actor``) and resolve all
    copies; returns the new revision, or ``None`` if the copy says exactly what the current one does."""
    now = now or utc_now()
    check_can_resolve(project, actor, section, signer, now)
    copy = conflict_copy(section, number)
    revision = edit_section(project, actor, section, heading=copy.heading, blocks=copy.blocks, now=now)
    _close_all(project, section, actor, TOOK_COPY, now, signer)
    return revision


def take_merged_text(project: Project, actor: Actor, section: Section, heading: str | None, blocks: Blocks,
                     now: datetime | None = None, signer: Signer | None = None) -> Revision | None:
    """Resolve every conflict copy with a text that combines them (a new revision by ``actor``);
    ``heading`` ``None`` keeps the current heading."""
    now = now or utc_now()
    check_can_resolve(project, actor, section, signer, now)
    revision = edit_section(project, actor, section, heading=heading, blocks=blocks, now=now)
    _close_all(project, section, actor, MERGED, now, signer)
    return revision
