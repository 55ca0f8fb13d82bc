"""How each organisation approved the response: its authority records (format 1.6).

A council approves a joint response under a named authority: an officer's delegated power, a committee's
resolution, a cabinet member's decision, or as an officer-level response. An organisation records its own
(:func:`record_authority`); its latest record by time stands (:func:`latest_authorities`). A record counts
when it is unsigned and the project does not require signatures, or when it is signed by a key of its
organisation confirmed at that time (:func:`authority_problems`).
"""

from __future__ import annotations

from datetime import date, datetime

from .errors import ContentError, PermissionDenied
from .keys import KeyLedger, check_signer, with_signature
from .model import Actor, Project, utc_now
from .partner_records import AUTHORITY_KINDS, MAX_NOTE_CHARACTERS, Authority
from .permissions import check_actor
from .signature_policy import signatures_required
from .signatures import Signer
from .statements import authority_hash, authority_statement
from .text import clean_text
from .verification import VALID, Verdict, _verdict, _when, record_faults, repeated


def check_authority(project: Project, actor: Actor, org_id: str) -> None:
    """An organisation records its own authority, no other's."""
    check_actor(project, actor)
    project.organisation(org_id)
    if org_id != actor.org:
        raise PermissionDenied(f"{project.org_label(actor.org)} cannot record how {project.org_label(org_id)} "
                               f"approved the response: each organisation records its own authority")


def record_authority(project: Project, actor: Actor, kind: str, reference: str, decided: date | None = None,
                     org_id: str | None = None, now: datetime | None = None,
                     signer: Signer | None = None) -> Authority:
    """Record how ``org_id`` (by default the actor's organisation) approved the response, signed if a
    ``signer`` (a confirmed key of that organisation) is given."""
    org_id = org_id or actor.org
    check_authority(project, actor, org_id)
    if kind not in AUTHORITY_KINDS:
        raise ContentError(f"the kind of authority {kind!r} is not one of {', '.join(AUTHORITY_KINDS)}")
    reference = authority_reference(reference)
    now = now or utc_now()
    history = sorted((a for a in project.authorities if a.org == org_id), key=lambda a: a.time)
    previous = authority_hash(project.id, history[-1]) if history else ""
    authority = Authority(org_id, kind, reference, decided, actor.person, actor.role, now, previous)
    if signer is not None:
        check_signer(project, org_id, signer, now)
        authority = with_signature(authority, signer,
                                   lambda signed_by: authority_statement(project.id, authority, signed_by))
    project.authorities.append(authority)
    return authority


def authority_reference(reference: str) -> str:
    """An authority record's reference, cleaned and checked (said, not too long): what a caller asks
    before a passphrase, so that a reference the record would refuse is refused first."""
    reference = clean_text(reference)
    if not reference:
        raise ContentError("an authority record needs its reference, such as \u201cCabinet, 12 January 2006, "
                           "minute 45\u201d")
    if len(reference) > MAX_NOTE_CHARACTERS:
        raise ContentError(f"the reference is too long (at most {MAX_NOTE_CHARACTERS:,} characters)")
    return reference


def latest_authorities(project: Project) -> dict[str, Authority]:
    """Each organisation's standing authority record: its latest by time (the later in the file if equal)."""
    latest: dict[str, Authority] = {}
    for authority in project.authorities:
        before = latest.get(authority.org)
        if before is None or authority.time >= before.time:
            latest[authority.org] = authority
    return latest


def requirement_problem(project: Project, authority: Authority | None, ledger: KeyLedger | None) -> str:
    """Why an endorser's standing authority record (``authority``) does not meet the coordinator's
    requirement, or "" if it does: there is none, or (``ledger`` given: signatures are required) its
    signature is not valid."""
    if authority is None:
        return ("authority not recorded: say how the organisation approved the response "
                "('wyassembler authority'; the coordinator requires it)")
    if ledger is None:
        return ""
    verdict = authority_verdict(project, authority, ledger)
    if verdict.state == VALID:
        return ""
    return (f"the authority record by {authority.person} on {authority.time:%d %b %Y} does not count: "
            f"{verdict.reason} (this project requires signatures)")


def authority_verdict(project: Project, authority: Authority, ledger: KeyLedger) -> Verdict:
    """Whether an authority record is validly signed by its organisation's key (see :mod:`.verification`)."""
    return _verdict(project, authority.signature, authority.org, authority.time,
                    lambda signed_by: authority_statement(project.id, authority, signed_by), ledger)


def authority_problems(project: Project, ledger: KeyLedger) -> list[str]:
    """One line per authority record whose signature is not valid (an unsigned one only when signatures
    are required and it is its organisation's standing record), or whose predecessor is missing."""
    required = signatures_required(project, ledger)
    standing = set(map(id, latest_authorities(project).values()))
    hashes = [authority_hash(project.id, authority) for authority in project.authorities]
    known = set(hashes)
    problems: list[str] = []
    for authority, copied in zip(project.authorities, repeated(hashes), strict=True):
        what = (f"authority: the record by {authority.person} ({project.org_label(authority.org)}) at "
                f"{_when(authority.time)}")
        faults = record_faults(authority_verdict(project, authority, ledger), id(authority) in standing, required,
                               authority.previous, known, copied)
        problems.extend(f"{what}: {fault}" for fault in faults)
    return problems
