"""Structural changes to the outline: add, delete, move, indent, outdent, ownership.

Each function checks permissions first and changes nothing when it refuses.
Functions that remove a section return where it was, so an undo can put the
very same object back with :func:`insert_section`.
"""

from __future__ import annotations

from datetime import datetime

from .content import Blocks, clean_heading, normalize_blocks
from .assignments import record_assignment
from .errors import NotFoundError, OutlineError, WyassemblerError
from .model import Actor, Project, Revision, Section, Tombstone, new_id, utc_now
from .permissions import check_assign, check_in_outline, check_structure
from .signatures import Signer

MAX_DEPTH = 3


def subtree_height(section: Section) -> int:
    """1 for a section without children, 2 with children, and so on."""
    return 1 + max((subtree_height(child) for child in section.children), default=0)


def level_of(project: Project, section: Section) -> int:
    try:
        return project.place_of(section).level
    except NotFoundError:
        raise OutlineError(f"section {section.id} is not in the outline") from None


def _check_owner(project: Project, owner: str, contributors: list[str]) -> None:
    project.organisation(owner)
    for org in contributors:
        project.organisation(org)


def add_section(project: Project, actor: Actor, heading: str, owner: str,
                blocks: Blocks = (), parent: Section | None = None, index: int | None = None,
                contributors: list[str] | None = None, now: datetime | None = None,
                section_id: str | None = None, signer: Signer | None = None) -> Section:
    """Create a section with a first revision by ``actor`` and put it in the outline; with a ``signer``
    (a confirmed key of the actor's organisation) its owner and contributors are a signed assignment.

    ``section_id`` is for callers that must reproduce a known outline (the sample); it must be unused.
    """
    check_structure(project, actor, parent)
    contributors = [org for org in (contributors or []) if org != owner]
    _check_owner(project, owner, contributors)
    check_assign(project, actor, owner, contributors)
    heading = clean_heading(heading)
    if parent is not None and level_of(project, parent) >= MAX_DEPTH:
        raise OutlineError(
            f"section {project.number_of(parent)} is at level {MAX_DEPTH}; "
            f"sections go no deeper than {MAX_DEPTH} levels"
        )
    revision = Revision.create(None, actor, heading, normalize_blocks(blocks), now)
    if section_id is not None and any(s.id == section_id for s in project.all_sections()):
        raise OutlineError(f"a section with the id {section_id!r} already exists")
    section = Section(section_id or new_id("sec"), owner, [revision], contributors)
    siblings = parent.children if parent is not None else project.sections
    record_assignment(project, actor, section, signer, now)  # before the outline changes: it may refuse the key
    siblings.insert(len(siblings) if index is None else index, section)
    return section


def insert_section(project: Project, section: Section, parent: Section | None, index: int) -> None:
    """Put an existing section object back into the outline (used to undo a delete)."""
    siblings = parent.children if parent is not None else project.sections
    siblings.insert(index, section)
    ids = {s.id for s in [section, *descendants(section)]}
    project.tombstones = [t for t in project.tombstones if t.section_id not in ids]


def descendants(section: Section) -> list[Section]:
    """Every section below ``section``, in document order."""
    result = []
    for child in section.children:
        result.append(child)
        result.extend(descendants(child))
    return result


def delete_section(project: Project, actor: Actor, section: Section,
                   now: datetime | None = None) -> tuple[Section | None, int]:
    """Remove a section and its sub-sections, leaving tombstones; returns (parent, index).

    Whoever may add a sub-section under a parent may delete it again (the same rule as adding)."""
    parent, siblings, index = project.location(section)
    check_structure(project, actor, parent)
    time = now or utc_now()
    for gone in [section, *descendants(section)]:
        known = tuple(revision.id for revision in gone.revisions[:-1])
        project.tombstones.append(Tombstone(gone.id, actor.org, actor.person, time, gone.current.id, known))
    del siblings[index]
    return parent, index


def withdraw_section(project: Project, actor: Actor, section: Section) -> tuple[Section | None, int]:
    """Take back a section that was added but never saved, leaving no tombstone: nobody else can
    have it, so there is no deletion to tell a merge about. Returns (parent, index)."""
    parent, siblings, index = project.location(section)
    check_structure(project, actor, parent)
    del siblings[index]
    return parent, index


def move_section(project: Project, actor: Actor, section: Section,
                 new_parent: Section | None, index: int) -> tuple[Section | None, int]:
    """Move a section (with its sub-sections) under ``new_parent`` at ``index``;
    returns where it was so the move can be undone."""
    check_structure(project, actor)
    probe = new_parent
    while probe is not None:
        if probe is section:
            raise OutlineError("a section cannot be moved inside itself")
        probe = project.parent_of(probe)
    new_level = 1 if new_parent is None else level_of(project, new_parent) + 1
    if new_level + subtree_height(section) - 1 > MAX_DEPTH:
        raise OutlineError(f"that move would make the outline deeper than {MAX_DEPTH} levels")
    old_parent, old_siblings, old_index = project.location(section)
    del old_siblings[old_index]
    target = new_parent.children if new_parent is not None else project.sections
    index = max(0, min(index, len(target)))
    target.insert(index, section)
    return old_parent, old_index


def indent_section(project: Project, actor: Actor, section: Section) -> tuple[Section | None, int]:
    """Make a section the last child of the sibling above it."""
    _, siblings, index = project.location(section)
    if index == 0:
        raise OutlineError("the first section at a level cannot be indented: there is no section above it to go under")
    new_parent = siblings[index - 1]
    return move_section(project, actor, section, new_parent, len(new_parent.children))


def outdent_section(project: Project, actor: Actor, section: Section) -> tuple[Section | None, int]:
    """Make a section the sibling that follows its parent."""
    parent = project.parent_of(section)
    if parent is None:
        raise OutlineError("a top-level section cannot be outdented")
    grandparent, _, index = project.location(parent)
    return move_section(project, actor, section, grandparent, index + 1)


def set_ownership(project: Project, actor: Actor, section: Section, owner: str,
                  contributors: list[str], signer: Signer | None = None,
                  now: datetime | None = None) -> tuple[str, list[str]]:
    """Change who owns and contributes to a section, as a signed assignment with a ``signer`` (a confirmed
    key of the coordinator); returns the previous (owner, contributors)."""
    check_structure(project, actor)
    check_in_outline(project, section)
    contributors = [org for org in dict.fromkeys(contributors) if org != owner]
    _check_owner(project, owner, contributors)
    previous = (section.owner, list(section.contributors))
    section.owner = owner
    section.contributors = contributors
    try:
        record_assignment(project, actor, section, signer, now)
    except WyassemblerError:
        section.owner, section.contributors = previous  # a key that may not sign changes nothing
        raise
    return previous

