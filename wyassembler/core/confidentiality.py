"""Confidential sections (format 1.6): which sections a response asks to be kept from publication, and why.

A section's owner or the coordinator marks it confidential, with the reason, or public again
(:func:`mark_section`); the section's latest mark by time stands. A confidential section withholds its
sub-sections too (:func:`withheld_sections`): the public copy of the response replaces each withheld
part with a notice, and the final export states which sections are confidential and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .assignments import owner_at
from .errors import ContentError, PermissionDenied
from .keys import KeyLedger, check_signer, with_signature
from .model import Actor, Project, Section, utc_now
from .outline_index import Place
from .partner_records import MAX_NOTE_CHARACTERS, ConfidentialityMark
from .permissions import check_actor, check_in_outline, is_coordinator
from .signature_policy import signatures_required
from .signatures import Signer
from .statements import mark_hash, mark_statement
from .text import clean_text
from .verification import INVALID, VALID, Verdict, _verdict, _when, record_faults, repeated


def check_mark(project: Project, section: Section, actor: Actor) -> None:
    """A section is marked confidential or public by its owner or the coordinator."""
    check_actor(project, actor)
    check_in_outline(project, section)
    if actor.org == section.owner or is_coordinator(project, actor.org):
        return
    raise PermissionDenied(f"{project.org_label(actor.org)} cannot mark section {project.number_of(section)} "
                           f"\u201c{section.heading}\u201d confidential or public: only its owner, "
                           f"{project.org_label(section.owner)}, or the coordinator may")


def current_mark(section: Section) -> ConfidentialityMark | None:
    """The section's standing mark: its latest by time (the later in the file if equal), or None."""
    latest: ConfidentialityMark | None = None
    for mark in section.marks:
        if latest is None or mark.time >= latest.time:
            latest = mark
    return latest


def confidential_reason(section: Section) -> str | None:
    """Why the section itself is marked confidential, or None if it is not (its parent may still be)."""
    mark = current_mark(section)
    return mark.reason if mark is not None and mark.confidential else None


def withholding_section(project: Project, section: Section) -> Section | None:
    """The section whose confidential mark withholds ``section`` (itself, or the outermost section it is
    part of that is marked confidential, as :func:`withheld_sections` says), or None; walks up the outline
    alone, so a view can ask it of one row."""
    found: Section | None = None
    current: Section | None = section
    while current is not None:
        if confidential_reason(current) is not None:
            found = current
        current = project.parent_of(current)
    return found


def withheld_phrase(section: Section, holder: Section, holder_number: str) -> str:
    """What the app says of a withheld ``section`` whose :func:`withholding_section` is ``holder`` (numbered
    ``holder_number``): "Confidential: commercially sensitive", or for a section withheld with the one around
    it "Withheld with section 4 (confidential: commercially sensitive)"."""
    if holder is section:
        return f"Confidential: {confidential_reason(section)}"
    return f"Withheld with section {holder_number} (confidential: {confidential_reason(holder)})"


def mark_reason(confidential: bool, reason: str) -> str:
    """A mark's reason, cleaned and checked (a confidential mark gives one, not too long; a public mark
    has none): what a caller asks before a passphrase, so that a reason the mark would refuse is refused first."""
    reason = clean_text(reason, multiline=True) if confidential else ""
    if confidential and not reason:
        raise ContentError("say why the section is confidential (for example \u201ccommercially sensitive\u201d): "
                           "the response must give a reason for each confidential part")
    if len(reason) > MAX_NOTE_CHARACTERS:
        raise ContentError(f"the reason is too long (at most {MAX_NOTE_CHARACTERS:,} characters)")
    return reason


def mark_section(project: Project, actor: Actor, section: Section, confidential: bool, reason: str = "",
                 now: datetime | None = None, signer: Signer | None = None) -> ConfidentialityMark:
    """Mark ``section`` confidential (``reason`` saying why, as government guidance asks) or public again,
    signed if a ``signer`` (a confirmed key of the actor's organisation) is given."""
    check_mark(project, section, actor)
    reason = mark_reason(confidential, reason)
    now = now or utc_now()
    before = current_mark(section)
    previous = mark_hash(project.id, section.id, before) if before is not None else ""
    mark = ConfidentialityMark(confidential, reason, actor.org, actor.person, actor.role, now, previous)
    if signer is not None:
        check_signer(project, actor.org, signer, now)
        mark = with_signature(mark, signer, lambda signed_by: mark_statement(project.id, section.id, mark, signed_by))
    section.marks.append(mark)
    return mark


@dataclass(frozen=True)
class Withheld:
    """A section the public copy withholds: its outline number, and the number and reason of the section
    marked confidential (itself, or the section it is part of)."""

    section: Section
    number: str
    marked_number: str
    reason: str


def _marked_places(project: Project) -> tuple[Place, ...]:
    """The places of the sections with any mark (confidential or public again), in document order: a few
    among every section, kept by the outline's index (the response hash asks at each edit)."""
    return project._index().marked


def withheld_sections(project: Project) -> dict[str, Withheld]:
    """Every section the public copy withholds, by id, in document order: each section marked confidential
    and everything below it."""
    if not _marked_places(project):
        return {}
    withheld: dict[str, Withheld] = {}
    for place in project._index().places:
        parent = withheld.get(place.parent.id) if place.parent is not None else None
        if parent is not None:
            withheld[place.section.id] = Withheld(place.section, place.number, parent.marked_number, parent.reason)
            continue
        reason = confidential_reason(place.section) if place.section.marks else None
        if reason is not None:
            withheld[place.section.id] = Withheld(place.section, place.number, place.number, reason)
    return withheld


def confidential_canonical(project: Project) -> list:
    """What the response says of its confidential sections (each marked section's number and reason), for
    the response hash: endorsing partners agree to what is withheld from publication, and why. The
    sections :func:`withheld_sections` gives as marked themselves, found from the marked sections alone
    (the hash is worked out at each edit)."""
    index = project._index()
    confidential: set[int] = set()  # the sections marked confidential so far, by identity
    items = []
    for place in _marked_places(project):
        reason = confidential_reason(place.section)
        if reason is None:
            continue
        confidential.add(id(place.section))
        # An enclosing section comes first in document order: if it is confidential, this one is withheld
        # with it and not named on its own.
        parent = place.parent
        while parent is not None and id(parent) not in confidential:
            parent = index.by_identity[id(parent)].parent
        if parent is None:
            items.append([place.number, reason])
    return [["confidential"]] + items


def mark_verdict(project: Project, section: Section, mark: ConfidentialityMark, ledger: KeyLedger) -> Verdict:
    """Whether a mark counts as signed: a valid signature by its organisation, which was the section's
    owner (as its signed assignments say: :func:`.assignments.owner_at`) or the coordinator then. Judged by
    the owner now, a mark made by the owner then would fail once the section changed hands, and one dated
    back by the new owner to before it had the section would pass."""
    verdict = _verdict(project, mark.signature, mark.org, mark.time,
                       lambda signed_by: mark_statement(project.id, section.id, mark, signed_by), ledger)
    if verdict.state != VALID or mark.org in ledger.coordinators_at(mark.time) \
            or mark.org == owner_at(project, section, mark.time, ledger):
        return verdict
    return Verdict(INVALID, f"{project.org_label(mark.org)} was neither the section's owner nor the coordinator "
                            f"then")


def mark_problems(project: Project, ledger: KeyLedger) -> list[str]:
    """One line per mark whose signature does not count (an unsigned one only when signatures are required
    and it is the section's standing mark), or whose predecessor is missing."""
    required = signatures_required(project, ledger)
    problems: list[str] = []
    for number, _, section in project.walk():
        standing = current_mark(section)
        hashes = [mark_hash(project.id, section.id, mark) for mark in section.marks]
        known = set(hashes)
        for mark, copied in zip(section.marks, repeated(hashes), strict=True):
            what = (f"section {number} \u201c{section.heading}\u201d: the mark as "
                    f"{'confidential' if mark.confidential else 'public'} by {mark.person} "
                    f"({project.org_label(mark.org)}) at {_when(mark.time)}")
            faults = record_faults(mark_verdict(project, section, mark, ledger), mark is standing, required,
                                   mark.previous, known, copied)
            problems.extend(f"{what}: {fault}" for fault in faults)
    return problems
