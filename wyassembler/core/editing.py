"""Editing a section's heading and content: every edit makes a revision.

A revision records who changed what and when, with the hash of the new
content. Sign-offs are never touched here: an approval goes stale by itself
because its hash no longer matches the section's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from .content import Blocks, clean_heading, normalize_blocks
from .model import Actor, Project, Revision, Section, utc_now
from .permissions import check_edit

# Revisions whose content is kept besides the current one and every signed-off one.
KEEP_RECENT_CONTENT = 5


def edit_section(project: Project, actor: Actor, section: Section, *, heading: str | None = None,
                 blocks: Blocks | None = None, now: datetime | None = None) -> Revision | None:
    """Record a new revision of ``section``; returns it, or ``None`` when nothing changed."""
    check_edit(project, section, actor)
    new_heading = clean_heading(heading) if heading is not None else section.heading
    new_blocks = normalize_blocks(blocks) if blocks is not None else section.blocks
    if new_heading == section.heading and new_blocks == section.blocks:
        return None
    time = now or utc_now()
    # Keep revisions in time order even if a clock is behind the previous editor's.
    time = max(time, section.current.time)
    revision = Revision.create(section.current.id, actor, new_heading, new_blocks, time)
    section.revisions.append(revision)
    prune_history(section)
    return revision


def restore_revision(section: Section, revision: Revision) -> None:
    """Undo an edit: drop ``revision`` if it is still the newest one."""
    if section.revisions and section.revisions[-1] is revision and len(section.revisions) > 1:
        section.revisions.pop()


def prune_history(section: Section, keep_recent: int = KEEP_RECENT_CONTENT) -> None:
    """Drop the content (never the record) of old revisions nobody signed off.

    The current revision, every revision an organisation signed off, every
    conflict copy and the most recent ``keep_recent`` revisions keep their content.
    """
    signed = {signoff.hash for signoff in section.signoffs}
    signed.update(copy.hash for copy in section.conflicts)
    cutoff = len(section.revisions) - 1 - keep_recent
    for index in range(max(cutoff, 0)):
        revision = section.revisions[index]
        if revision.blocks is not None and revision.hash not in signed:
            section.revisions[index] = replace(revision, blocks=None)
