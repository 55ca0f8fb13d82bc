"""Merging two copies of one project, so that nothing anyone wrote is lost.

``ours`` is the copy being saved (what is in memory, or an offline copy being
brought back); ``theirs`` is the copy already on disk. The rules:

* **Section content follows the revision lineage.** A section changed on one
  side only takes that side. Changed on both sides, the version on disk stays
  current and ours is kept as a :class:`~.model.ConflictCopy` (author, time,
  content), its revisions staying in the section's history. Both sides
  reaching the same text is not a clash.
* **Structure merges** (:mod:`.merge_structure`): sections added on either
  side are kept, in place; moves, ownership, organisations and properties
  changed on one side only take that side (this needs ``base``, the structure
  ours was loaded from; without it the arrangement on disk is kept and any
  difference is reported); both sides changing the same thing keep disk's.
* **An edit beats a delete.** A section deleted on one side and edited on the
  other after the deleter last saw it comes back, with a note.
* **Sign-offs, endorsements (with their reservations, or declines), tombstones, resolutions, key
  events, authority records, confidentiality marks and history entries are unions**, each record once;
  staleness is computed from hashes, so it is right by itself, and the latest authority record or mark
  by time stands whichever side it came from. A record that
  arrives with a signature that does not hold is kept and named in the notes.
* **Comments, their resolved/reopened records, proposals and decisions are unions** too (comments and
  proposals by id), each list sorted by time then id whichever side merges into which; a section deleted
  on one side loses them with it, as it does its sign-offs.
* **What arrives obeys the rules commands obey** (:mod:`.merge_permissions`):
  a record of ``ours`` that ``theirs`` lacks (tombstone, revision, sign-off,
  endorsement, resolution, authority record, confidentiality mark) whose author could not have made it is left out,
  and listed in the notes.

Determinism, precisely: the result depends only on the two projects (and
``base``), never on the clock, randomness or set order, so the same inputs
give the same bytes. Merging several copies into one file in any order of
arrival gives the same sections, the same content in each section (current
plus conflict copies), the same history, sign-offs, endorsements, tombstones
and resolutions; conflict copies and records are kept sorted by time, so
their order does not depend on arrival either. What arrival order does decide
is which of two clashing versions is current: the one that reached the disk
first, which others may already have read and signed off.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .authority import authority_verdict
from .confidentiality import mark_verdict
from .conflicts import copy_order_key
from .content import content_hash
from .editing import prune_history
from .errors import WyassemblerError
from .held import same_objects
from .history import merged_history
from .integrity import lineage_problems, reference_problems
from .merge_permissions import vet_arrivals
from .merge_structure import (Structure, build_outline, merge_answers, merge_organisations, merge_ownership,
                              merge_properties, merge_questions, renamed_answers, structure_of)
from .model import ConflictCopy, KeyEvent, Project, Restore, Revision, Section, Signature, Tombstone
from .org_mentions import review_record_orgs
from .partner_records import Authority
from .review_records import Comment, Proposal
from .keys import KeyLedger, key_ledger
from .signature_policy import signatures_required
from .verification import UNSIGNED, VALID, signature_problems

__all__ = ["HistoryLoopError", "MergeResult", "ProjectMismatchError", "Structure", "UnsoundCopyError",
           "merge_projects", "structure_of"]

T = TypeVar("T", bound=Hashable)


class ProjectMismatchError(WyassemblerError):
    """The two files are different projects, which are never merged."""


class HistoryLoopError(WyassemblerError):
    """A section's revisions name each other as parents, so its history has no start."""


class UnsoundCopyError(WyassemblerError):
    """One of the copies breaks a rule every project keeps (see :mod:`.integrity`); it is not merged."""


@dataclass
class MergeResult:
    """The merged project, what a user should be told, and the conflict copies this merge made."""

    project: Project
    notes: list[str] = field(default_factory=list)
    # (section id, copy) for every conflict copy this merge created.
    new_conflicts: list[tuple[str, ConflictCopy]] = field(default_factory=list)


def union(theirs: list[T], ours: Iterable[T], key: Callable[[T], tuple]) -> list[T]:
    """Every record of either list once: theirs as it is when ours adds nothing, otherwise sorted by ``key``
    (so the result does not depend on which side a record arrived from)."""
    if isinstance(ours, list) and same_objects(theirs, ours):  # most lists, once KnownRecords shared them
        return list(theirs)
    known = set(theirs)
    extra = [item for item in dict.fromkeys(ours) if item not in known]
    if not extra:
        return list(theirs)
    return sorted(dict.fromkeys([*theirs, *extra]), key=key)


def _signoff_key(signoff) -> tuple:
    # History order first (signoff.history_order), so the list reads in the order decisions were made.
    return (signoff.sequence, signoff.time, signoff.org, signoff.decision, signoff.person, signoff.role,
            signoff.hash, signoff.note, signoff.previous, _signature_key(signoff.signature),
            tuple((r.section, r.text) for r in signoff.reservations), signoff.named)


def _authority_key(authority: Authority) -> tuple:
    # The date as text: a record without one (None) sorts beside one with it.
    return (authority.time, authority.org, authority.kind, authority.reference,
            authority.decided.isoformat() if authority.decided else "", authority.person, authority.role,
            authority.previous, _signature_key(authority.signature))


def _signature_key(signature: Signature | None) -> tuple[str, str]:
    return (signature.fingerprint, signature.value) if signature is not None else ("", "")


def _key_event_key(event: KeyEvent) -> tuple:
    return (event.time, event.kind, event.org, event.fingerprint, event.person, event.role, event.public_key,
            event.reason, event.previous, _signature_key(event.signature))


def _tombstone_key(tomb: Tombstone) -> tuple:
    return (tomb.time, tomb.section_id, tomb.org, tomb.person, tomb.last_revision, tomb.known_revisions)


def _restore_key(restore: Restore) -> tuple:
    return (restore.time, restore.org, restore.person, restore.version, restore.version_hash,
            restore.replaced_hash, restore.revisions)


def _record_key(record) -> tuple:
    """An assignment, coordinator change or confidentiality mark, ordered by time; equal records once."""
    return (record.time, *(getattr(record, name) for name in type(record).__dataclass_fields__
                          if name not in ("time", "signature")), _signature_key(record.signature))


def _resolution_key(resolution) -> tuple:
    return (resolution.time, resolution.revision, resolution.org, resolution.person, resolution.outcome,
            _signature_key(resolution.signature))


def _comment_key(comment: Comment) -> tuple:
    return (comment.time, comment.id, comment.parent, comment.org, comment.person, comment.text, comment.quote,
            comment.revision, comment.source)


def _proposal_key(proposal: Proposal) -> tuple:
    """Every field, its texts by their hashes (worked out only for two records under one id: damage)."""
    return (proposal.time, proposal.id, proposal.base, proposal.org, proposal.person, proposal.source,
            content_hash(proposal.before_heading, proposal.before_blocks),
            content_hash(proposal.heading, proposal.blocks),
            tuple((t.kind, t.author, t.time.isoformat() if t.time else "", t.text) for t in proposal.tracked))


def _by_id(theirs: list[Any], ours: list[Any], key: Callable[[Any], tuple]) -> list[Any]:
    """Comments or proposals (``Any``: both have an id and a time) of either side, each id once, by time then
    id (whichever side merges into which, the same list). Two different records under one id (never made by
    the core) keep the one ``key`` puts first."""
    chosen: dict[str, Any] = {}
    for record in (*theirs, *ours):
        kept = chosen.get(record.id)
        if kept is None or (kept != record and key(record) < key(kept)):
            chosen[record.id] = record
    return sorted(chosen.values(), key=lambda record: (record.time, record.id))


def _merged_review(ours: Section, theirs: Section) -> tuple[list, list, list, list]:
    """A section's review records (format 1.7) from both copies: only ever added to, so the union: comments
    and proposals by id, resolved/reopened records and decisions by value, each list by time (and the rest
    of the record), so both copies' merges write the same bytes."""
    states = sorted(set(theirs.comment_states) | set(ours.comment_states),
                    key=lambda s: (s.time, s.comment, s.resolved, s.org, s.person))
    decisions = sorted(set(theirs.proposal_decisions) | set(ours.proposal_decisions),
                       key=lambda d: (d.time, d.proposal, d.outcome, d.org, d.person, d.accepted, d.revision))
    return (_by_id(theirs.comments, ours.comments, _comment_key), states,
            _by_id(theirs.proposals, ours.proposals, _proposal_key), decisions)


def _who(project: Project, revision: Revision) -> str:
    return f"{revision.person} ({project.org_label(revision.org)}, {revision.time:%d %b %Y %H:%M} UTC)"


@dataclass
class _Context:
    base: Structure | None
    notes: list[str]
    new_conflicts: list[tuple[str, ConflictCopy]]
    theirs_label: str
    # The revision each restore made (see .restore), to say so when newer text meets one.
    restored_by: dict[str, Restore] = field(default_factory=dict)


# -- one section's revisions ------------------------------------------------------

def _with_content(revisions: list[Revision], other: list[Revision]) -> list[Revision]:
    """Fill content one side pruned from the other side's copy of the same revision."""
    kept = {r.id: r for r in other if r.blocks is not None}
    return [kept[r.id] if r.blocks is None and r.id in kept else r for r in revisions]


def _ordered(revisions: list[Revision], current: Revision) -> list[Revision]:
    """Each revision after its parent, oldest first (then by id), ``current`` last: one order for one
    set of revisions, however they arrived."""
    by_id = {r.id: r for r in revisions}
    waiting: dict[str, list[Revision]] = {}
    ready: list[tuple] = []
    for revision in revisions:
        if revision.parent in by_id:
            waiting.setdefault(revision.parent, []).append(revision)
        else:
            heapq.heappush(ready, (revision.time, revision.id, revision))
    result: list[Revision] = []
    while ready:
        _, _, revision = heapq.heappop(ready)
        result.append(revision)
        for child in waiting.pop(revision.id, []):
            heapq.heappush(ready, (child.time, child.id, child))
    # Only a revision whose parent is the current one, or one in a loop of parents, is left waiting;
    # _leaf_from rules out the first and the check of both copies the second: this is a last guard.
    if len(result) != len(revisions):
        raise HistoryLoopError("a section's revisions name each other as parents: its history loops")
    return result + [current]


def _leaf_from(current: Revision, revisions: list[Revision]) -> Revision:
    """``current``, or the newest revision built on it, so the current revision is never anyone's parent."""
    children: dict[str, list[Revision]] = {}
    for revision in revisions:
        if revision.parent:
            children.setdefault(revision.parent, []).append(revision)
    visited = {current.id}
    while current.id in children:
        current = max(children[current.id], key=lambda r: (r.time, r.id))
        if current.id in visited:
            raise HistoryLoopError(f"revision {current.id} is its own ancestor: the section's history loops")
        visited.add(current.id)
    return current


def _common_base(ours: list[Revision], theirs_ids: set[str]) -> str | None:
    """The newest revision on our current line that the other side also has."""
    by_id = {r.id: r for r in ours}
    probe: Revision | None = ours[-1]
    for _ in range(len(ours)):  # a chain of parents longer than the history has looped
        if probe is None:
            return None
        if probe.id in theirs_ids:
            return probe.id
        probe = by_id.get(probe.parent) if probe.parent else None
    if probe is not None:
        raise HistoryLoopError(f"revision {probe.id} is its own ancestor: the section's history loops")
    return None


def _merge_revisions(ours: Section, theirs: Section) -> tuple[list[Revision], ConflictCopy | None, bool]:
    """The merged history of a section on both sides, the new conflict copy (if any), and whether
    the result is simply theirs."""
    ours_ids = {r.id for r in ours.revisions}
    theirs_ids = {r.id for r in theirs.revisions}
    o_tip, t_tip = ours.current, theirs.current
    diverged = False
    # A side that already knows the other's current revision is at least as far on.
    if o_tip.id in theirs_ids:
        winner, loser = theirs, ours
    elif t_tip.id in ours_ids:
        winner, loser = ours, theirs
    else:
        winner, loser, diverged = theirs, ours, True
    winner_ids = ours_ids if winner is ours else theirs_ids
    loser_only = [r for r in loser.revisions if r.id not in winner_ids]
    merged = _with_content(list(winner.revisions), loser.revisions)
    if not loser_only:
        return merged, None, winner is theirs
    everything = merged[:-1] + loser_only + [merged[-1]]
    current = _leaf_from(merged[-1], everything)
    revisions = _ordered([r for r in everything if r.id != current.id], current)
    copy = None
    if diverged and o_tip.hash != current.hash:
        revision = next(r for r in revisions if r.id == o_tip.id)
        copy = ConflictCopy(revision, _common_base(ours.revisions, theirs_ids))
    return revisions, copy, False


def _merge_section(ours: Section, theirs: Section, project: Project, structure: _Context) -> Section:
    """Content, sign-offs and conflicts of a section both sides hold (children are placed later)."""
    revisions, new_copy, is_theirs = _merge_revisions(ours, theirs)
    resolutions = union(theirs.resolutions, ours.resolutions, _resolution_key)
    resolved = {r.revision for r in resolutions}
    by_id = {r.id: r for r in revisions}
    copies: dict[str, ConflictCopy] = {}
    for copy in [*theirs.conflicts, *ours.conflicts, *([new_copy] if new_copy else [])]:
        if copy.id in resolved or copy.id == revisions[-1].id or copy.id in copies:
            continue
        copies[copy.id] = ConflictCopy(by_id[copy.id], copy.base)
    owner, contributors, clash = merge_ownership(ours, theirs, structure.base)
    if clash:
        structure.notes.append(f"“{theirs.heading}” has a different owner or contributors in each copy; "
                               f"{structure.theirs_label}'s are kept.")
    answers, clash = merge_answers(ours, theirs, structure.base)
    if clash:
        structure.notes.append(f"\u201c{theirs.heading}\u201d answers different questions in each copy; "
                               f"{structure.theirs_label}'s mapping is kept.")
    section = Section(theirs.id, owner, revisions, contributors,
                      union(theirs.signoffs, ours.signoffs, _signoff_key), [],
                      sorted(copies.values(), key=copy_order_key), resolutions,
                      union(theirs.assignments, ours.assignments, _record_key), answers,
                      union(theirs.marks, ours.marks, _record_key), *_merged_review(ours, theirs))
    if not is_theirs:
        prune_history(section)
    if new_copy is not None and new_copy.id in copies:
        structure.new_conflicts.append((section.id, copies[new_copy.id]))
        number = section.conflicts.index(copies[new_copy.id]) + 1
        restore = structure.restored_by.get(section.current.id)
        structure.notes.append(
            f"\u201c{section.heading}\u201d was put back to an earlier version by {restore.person} "
            f"({project.org_label(restore.org)}, {restore.time:%d %b %Y %H:%M} UTC), after which "
            f"{_who(project, new_copy.revision)} changed the newer text: the restored version stays current and "
            f"that change is kept as conflict copy {number}." if restore is not None else
            f"\u201c{section.heading}\u201d was changed in both copies: the version by "
            f"{_who(project, section.current)} stays current; the one by {_who(project, new_copy.revision)} "
            f"is kept as conflict copy {number}.")
    return section


def _copy_section(section: Section) -> Section:
    """A section from one side only, detached from that side's objects (children are placed later)."""
    return Section(section.id, section.owner, list(section.revisions), list(section.contributors),
                   list(section.signoffs), [], list(section.conflicts), list(section.resolutions),
                   list(section.assignments), list(section.answers), list(section.marks), list(section.comments),
                   list(section.comment_states), list(section.proposals), list(section.proposal_decisions))


# -- the whole project ------------------------------------------------------------

def _survives_deletion(section: Section, tombstones: dict[str, Tombstone]) -> bool:
    tomb = tombstones.get(section.id)
    return tomb is None or not tomb.knew(section.current.id)


def merge_projects(ours: Project, theirs: Project, base: Structure | Project | None = None, *,
                   ours_label: str = "your copy", theirs_label: str = "the saved file") -> MergeResult:
    """Merge ``ours`` into ``theirs`` (see the module's rules); neither input is changed.

    ``base`` is the structure ``ours`` started from (:func:`structure_of` of the project as loaded), so
    that moves and property changes made on our side only can be told from changes made on disk.
    """
    if ours.id != theirs.id:
        raise ProjectMismatchError(
            f"these are two different projects (\u201c{theirs.title}\u201d and \u201c{ours.title}\u201d); "
            f"only copies of the same project can be merged")
    _refuse_unsound(ours, ours_label)
    _refuse_unsound(theirs, theirs_label)
    if isinstance(base, Project):
        base = structure_of(base)
    result = Project(theirs.id, theirs.created, theirs.title)
    notes: list[str] = []
    ours = vet_arrivals(ours, theirs, base, notes, ours_label)  # the rules commands obey hold for merges too
    organisations, removed_orgs = merge_organisations(ours, theirs, base, notes, ours_label, theirs_label)
    result.organisations = organisations
    merge_properties(result, ours, theirs, base, notes, ours_label, theirs_label)
    result.questions, renamed = merge_questions(ours, theirs, base, notes, ours_label, theirs_label)
    renamed_answers(ours, renamed)  # ours is vet_arrivals' copy: its sections are its own
    labels = Project(theirs.id, theirs.created, theirs.title, organisations=organisations)
    restores = union(theirs.restores, ours.restores, _restore_key)
    context = _Context(base, notes, [], theirs_label, {rev: r for r in restores for rev in r.revisions})

    ours_sections = {s.id: s for s in ours.all_sections()}
    theirs_sections = {s.id: s for s in theirs.all_sections()}
    ours_tombs = {t.section_id: t for t in ours.tombstones}
    theirs_tombs = {t.section_id: t for t in theirs.tombstones}
    merged: dict[str, Section] = {}
    for section_id, section in theirs_sections.items():
        if section_id in ours_sections:
            merged[section_id] = _merge_section(ours_sections[section_id], section, labels, context)
        elif _survives_deletion(section, ours_tombs):
            merged[section_id] = _copy_section(section)
            if section_id in ours_tombs:
                notes.append(_restored_note(labels, section, ours_tombs[section_id]))
    for section_id, section in ours_sections.items():
        if section_id not in merged and _survives_deletion(section, theirs_tombs):
            merged[section_id] = _copy_section(section)
            if section_id in theirs_tombs:
                notes.append(_restored_note(labels, section, theirs_tombs[section_id]))

    result.sections = build_outline(ours, theirs, merged, base, notes, theirs_label)
    result.endorsements = union(theirs.endorsements, ours.endorsements, _signoff_key)
    result.restores = restores
    result.key_events = union(theirs.key_events, ours.key_events, _key_event_key)
    # Both histories, linked: the next save is made on both heads, a merge with two parents.
    result.history = merged_history(theirs.history, ours.history)
    result.coordinator_changes = union(theirs.coordinator_changes, ours.coordinator_changes, _record_key)
    result.signature_policies = union(theirs.signature_policies, ours.signature_policies, _record_key)
    result.authorities = union(theirs.authorities, ours.authorities, _authority_key)
    result.tombstones = [t for t in union(theirs.tombstones, ours.tombstones, _tombstone_key)
                         if t.section_id not in merged]
    _drop_unused_organisations(result, removed_orgs)
    problems = reference_problems(result)
    if problems:  # a rule above is wrong; never write what could not be read back
        raise WyassemblerError(f"the two copies could not be merged safely ({problems[0]}); nothing was saved")
    # A record whose signature does not hold (a forged approval, say) is kept, as in the copy it came
    # from, but said out loud: verify fails on it, and it does not count when signatures are required.
    ledger = key_ledger(result)
    for known, label in ((theirs, ours_label), (ours, theirs_label)):
        notes.extend(f"From {label}, not validly signed: {line}" for line in signature_problems(result, known)
                     + _arrived_unsigned(result, known, ledger))
    return MergeResult(result, notes, context.new_conflicts)


def _arrived_unsigned(project: Project, known: Project, ledger: KeyLedger) -> list[str]:
    """The authority records and confidentiality marks of ``project`` that ``known`` lacks whose signature
    does not hold (an unsigned one only where signatures are required), one line each."""
    required = signatures_required(project, ledger)
    lines = []
    old_authorities = set(known.authorities)
    for authority in project.authorities:
        verdict = authority_verdict(project, authority, ledger)
        if authority not in old_authorities and verdict.state != VALID and (required or verdict.state != UNSIGNED):
            lines.append(f"authority: the record by {authority.person} ({project.org_label(authority.org)}) at "
                         f"{authority.time:%d %b %Y %H:%M} UTC: {verdict.reason}")
    old_marks = {section.id: set(section.marks) for section in known.all_sections()}
    for number, _, section in project.walk():
        for mark in section.marks:
            if mark in old_marks.get(section.id, ()):
                continue
            verdict = mark_verdict(project, section, mark, ledger)
            if verdict.state != VALID and (required or verdict.state != UNSIGNED):
                lines.append(f"section {number} \u201c{section.heading}\u201d: the mark as "
                             f"{'confidential' if mark.confidential else 'public'} by {mark.person} "
                             f"({project.org_label(mark.org)}) at {mark.time:%d %b %Y %H:%M} UTC: {verdict.reason}")
    return lines


def _refuse_unsound(project: Project, label: str) -> None:
    """Merging follows parents and section ids: a copy where they loop or repeat is refused first."""
    problems = lineage_problems(project)
    if problems:
        raise UnsoundCopyError(f"{label} cannot be merged: {problems[0]}; nothing was saved")


def _restored_note(project: Project, section: Section, tomb: Tombstone) -> str:
    return (f"\u201c{section.heading}\u201d was deleted by {tomb.person} ({project.org_label(tomb.org)}), "
            f"but the edit by {_who(project, section.current)} was not in the copy it was deleted from; an edit "
            f"beats a delete, so the section has been put back.")


def _drop_unused_organisations(project: Project, candidates: set[str]) -> None:
    """Remove organisations one side removed, unless the merged project still names them."""
    if not candidates:
        return
    used: set[str] = set()
    if project.coordinator:
        used.add(project.coordinator)
    used.update(project.endorsers or [])
    used.update(e.org for e in project.endorsements)
    used.update(r.org for r in project.restores)
    used.update(e.org for e in project.key_events)
    used.update(a.org for a in project.authorities)
    for section in project.all_sections():
        used.add(section.owner)
        used.update(section.contributors)
        used.update(r.org for r in section.revisions)
        used.update(s.org for s in section.signoffs)
        used.update(r.org for r in section.resolutions)
        used.update(m.org for m in section.marks)
        used.update(org for _, org in review_record_orgs(section))
    project.organisations = [org for org in project.organisations if org.id not in candidates or org.id in used]
