"""The exact statements that signatures cover, and the hash that links each record to the one before.

A statement is canonical JSON (:func:`.content.canonical_json`) of a fixed list: a version tag, the
project id, the record's kind and meaning, its subject (the section, the whole response, or the key
acted on), organisation, person, role, time, sequence, the exact content hash, the note, the signing
key's fingerprint and the hash of the record before it. Every field that says what was decided, on
what, by whom and when is in it, so a signature copied onto another section, project, decision,
organisation or time no longer matches (the model: 21 CFR Part 11 §11.50 and §11.70).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from .content import canonical_json, sha256_hex
from .model import Assignment, CoordinatorChange, KeyEvent, Resolution, SignaturePolicy, SignOff
from .partner_records import Authority, ConfidentialityMark

STATEMENT_VERSION = "wyassembler-statement/1"

# Record kinds, as statements and problem lines name them.
SECTION_SIGNOFF, ENDORSEMENT, KEY_EVENT, RESOLUTION = "section-signoff", "endorsement", "key-event", "resolution"
ASSIGNMENT, COORDINATOR_CHANGE, SIGNATURE_POLICY = "assignment", "coordinator-change", "signature-policy"
AUTHORITY, CONFIDENTIALITY = "authority", "confidentiality"
# The subject of an endorsement: the whole response, whose hash is the content hash.
RESPONSE_SUBJECT = "response"
# What a decision means, as the statement says it (Part 11's "meaning" of a signature).
MEANINGS = {(SECTION_SIGNOFF, "approved"): "approved", (SECTION_SIGNOFF, "changes-requested"): "changes requested",
            (ENDORSEMENT, "approved"): "endorsed", (ENDORSEMENT, "changes-requested"): "changes requested",
            (ENDORSEMENT, "declined"): "declined"}


def statement_time(value: datetime) -> str:
    """A time as statements (and the project file) spell it: UTC to the second."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def statement(*, project_id: str, kind: str, meaning: str, subject: str, org: str, person: str, role: str,
              time: datetime, sequence: int, content_hash: str, note: str, fingerprint: str,
              previous: str, details: list | None = None) -> bytes:
    """The canonical bytes a signature covers (see the module's description for what each field binds).
    ``details``: what a format 1.6 record says beyond the fixed fields (an endorsement's reservations),
    appended only when given, so every older record's statement, and its signature, stays as it was."""
    fields = [STATEMENT_VERSION, project_id, kind, meaning, subject, org, person, role,
              statement_time(time), sequence, content_hash, note, fingerprint, previous]
    if details is not None:
        fields.append(details)
    return canonical_json(fields)


def decision_statement(project_id: str, kind: str, subject: str, decision: SignOff, fingerprint: str) -> bytes:
    """The statement of a section sign-off (``subject`` the section id) or an endorsement
    (``subject`` :data:`RESPONSE_SUBJECT`), as signed by the key ``fingerprint``."""
    meaning = MEANINGS.get((kind, decision.decision), decision.decision)
    details = None
    if decision.reservations or decision.named:
        # The reservations (each on a section id, or "" for the whole response) and the wish to be named
        # are part of what was decided: a signature must not survive their removal.
        if decision.reservations:
            meaning = "endorsed with reservations"
        details = [[[r.section, r.text] for r in decision.reservations], decision.named]
    return statement(project_id=project_id, kind=kind, meaning=meaning, subject=subject,
                     org=decision.org, person=decision.person, role=decision.role,
                     time=decision.time, sequence=decision.sequence, content_hash=decision.hash,
                     note=decision.note, fingerprint=fingerprint, previous=decision.previous, details=details)


def authority_statement(project_id: str, authority: Authority, fingerprint: str) -> bytes:
    """The statement of an authority record: the organisation is its subject, the kind its meaning, the
    reference its note, and kind, reference and date its content."""
    decided = authority.decided.isoformat() if authority.decided else ""
    content = sha256_hex(canonical_json([authority.kind, authority.reference, decided]))
    return statement(project_id=project_id, kind=AUTHORITY, meaning=authority.kind, subject=authority.org,
                     org=authority.org, person=authority.person, role=authority.role, time=authority.time,
                     sequence=0, content_hash=content, note=authority.reference, fingerprint=fingerprint,
                     previous=authority.previous, details=[decided])


def mark_statement(project_id: str, section_id: str, mark: ConfidentialityMark, fingerprint: str) -> bytes:
    """The statement of a confidentiality mark: on which section, confidential or public (the meaning), the
    reason as its note."""
    return statement(project_id=project_id, kind=CONFIDENTIALITY,
                     meaning="confidential" if mark.confidential else "public", subject=section_id,
                     org=mark.org, person=mark.person, role=mark.role, time=mark.time, sequence=0,
                     content_hash="", note=mark.reason, fingerprint=fingerprint, previous=mark.previous)


def authority_hash(project_id: str, authority: Authority) -> str:
    """The hash the organisation's next authority record names as ``previous`` (of this one as signed)."""
    signed_by = authority.signature.fingerprint if authority.signature else ""
    return sha256_hex(authority_statement(project_id, authority, signed_by))


def mark_hash(project_id: str, section_id: str, mark: ConfidentialityMark) -> str:
    """The hash the section's next mark names as ``previous`` (of this one as signed)."""
    signed_by = mark.signature.fingerprint if mark.signature else ""
    return sha256_hex(mark_statement(project_id, section_id, mark, signed_by))


def key_event_statement(project_id: str, event: KeyEvent, fingerprint: str) -> bytes:
    """The statement of a key event: its subject is the key acted on, its content the public key."""
    content = sha256_hex(event.public_key.encode("ascii")) if event.public_key else ""
    return statement(project_id=project_id, kind=KEY_EVENT, meaning=event.kind, subject=event.fingerprint,
                     org=event.org, person=event.person, role=event.role, time=event.time, sequence=0,
                     content_hash=content, note=event.reason, fingerprint=fingerprint, previous=event.previous)


def resolution_statement(project_id: str, section_id: str, resolution: Resolution, copy_hash: str,
                         fingerprint: str) -> bytes:
    """The statement of a conflict copy's resolution: on which section, which copy (its revision id as
    the note, its content hash), with what outcome (the meaning), by whom and when."""
    return statement(project_id=project_id, kind=RESOLUTION, meaning=f"resolved: {resolution.outcome}",
                     subject=section_id, org=resolution.org, person=resolution.person, role="",
                     time=resolution.time, sequence=0, content_hash=copy_hash, note=resolution.revision,
                     fingerprint=fingerprint, previous="")


def assignment_statement(project_id: str, section_id: str, assignment: Assignment, fingerprint: str) -> bytes:
    """The statement of a section's assignment: on which section (the subject), the owner (the meaning)
    and the hash of owner and contributors (the content), by whom and when."""
    content = sha256_hex(canonical_json([assignment.owner, list(assignment.contributors)]))
    return statement(project_id=project_id, kind=ASSIGNMENT, meaning=f"owner: {assignment.owner}",
                     subject=section_id, org=assignment.org, person=assignment.person, role=assignment.role,
                     time=assignment.time, sequence=0, content_hash=content, note="", fingerprint=fingerprint,
                     previous=assignment.previous)


def coordinator_statement(project_id: str, change: CoordinatorChange, fingerprint: str) -> bytes:
    """The statement of a coordinator change: the new coordinator is its subject."""
    return statement(project_id=project_id, kind=COORDINATOR_CHANGE, meaning="coordinator", subject=change.coordinator,
                     org=change.org, person=change.person, role=change.role, time=change.time, sequence=0,
                     content_hash="", note="", fingerprint=fingerprint, previous=change.previous)


def policy_statement(project_id: str, policy: SignaturePolicy, fingerprint: str) -> bytes:
    """The statement of a signature-requirement record: whether signatures are required is its meaning."""
    return statement(project_id=project_id, kind=SIGNATURE_POLICY,
                     meaning="signatures required" if policy.required else "signatures not required",
                     subject=RESPONSE_SUBJECT, org=policy.org, person=policy.person, role=policy.role,
                     time=policy.time, sequence=0, content_hash="", note="", fingerprint=fingerprint,
                     previous=policy.previous)


def policy_hash(project_id: str, policy: SignaturePolicy) -> str:
    signed_by = policy.signature.fingerprint if policy.signature else ""
    return sha256_hex(policy_statement(project_id, policy, signed_by))


def assignment_hash(project_id: str, section_id: str, assignment: Assignment) -> str:
    signed_by = assignment.signature.fingerprint if assignment.signature else ""
    return sha256_hex(assignment_statement(project_id, section_id, assignment, signed_by))


def coordinator_hash(project_id: str, change: CoordinatorChange) -> str:
    signed_by = change.signature.fingerprint if change.signature else ""
    return sha256_hex(coordinator_statement(project_id, change, signed_by))


def decision_hash(project_id: str, kind: str, subject: str, decision: SignOff) -> str:
    """The hash a later record names as ``previous``: of this record's statement as it was signed
    (with no fingerprint if it was not)."""
    signed_by = decision.signature.fingerprint if decision.signature else ""
    return sha256_hex(decision_statement(project_id, kind, subject, decision, signed_by))


def key_event_hash(project_id: str, event: KeyEvent) -> str:
    signed_by = event.signature.fingerprint if event.signature else ""
    return sha256_hex(key_event_statement(project_id, event, signed_by))


def latest_decision(decisions: Iterable[SignOff]) -> SignOff | None:
    """The decision a new one follows: the last in history order (sequence, then time; the later
    record when equal)."""
    latest: SignOff | None = None
    for decision in decisions:
        if latest is None or (decision.sequence, decision.time) >= (latest.sequence, latest.time):
            latest = decision
    return latest
