"""Checking signed records: every signature, the key's state when it signed, and each record's link
to the one before it. One sentence per problem, naming the record and the organisation.

A sign-off or endorsement is ``valid`` (signed by a key of its organisation that was confirmed when
it signed, over exactly this record's statement), ``unsigned``, ``invalid`` (anything else: another
organisation's key, an unknown or unconfirmed key, a signature over other bytes) or ``revoked-key``
(signed after its key was revoked). Only the first counts towards final when a project requires
signatures (:func:`counts`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container
from dataclasses import dataclass
from datetime import datetime

from .errors import ContentError, NotFoundError
from .held import Held, same_objects
from .keys import CONFIRMED, REVOKED, KeyLedger, key_ledger
from .model import KeyEvent, Project, Resolution, Section, Signature, SignOff
from .signature_policy import policy_problems, signatures_required
from .signatures import SIGNATURE_BYTES, decode, verify
from .statements import (ENDORSEMENT, RESPONSE_SUBJECT, SECTION_SIGNOFF, decision_hash, decision_statement,
                         key_event_hash, resolution_statement)

VALID, UNSIGNED, INVALID, REVOKED_KEY = "valid", "unsigned", "invalid", "revoked-key"
# A record found twice: wyassembler records each once and a merge keeps each once, so a second is a copy
# made outside it (harmless in itself, but the file is not as wyassembler wrote it).
DUPLICATE = "it appears twice in the file (a copy of the record made outside wyassembler)"


@dataclass(frozen=True)
class Verdict:
    """A record's signature state, and the sentence saying why when it is not valid."""

    state: str
    reason: str = ""


def _when(time: datetime) -> str:
    return f"{time:%d %b %Y %H:%M} UTC"


def _verdict(project: Project, signature: Signature | None, org: str, time: datetime,
             statement: Callable[[str], bytes], ledger: KeyLedger) -> Verdict:
    """A signed record's state: ``statement(fingerprint)`` is what its signature must cover."""
    if signature is None:
        return Verdict(UNSIGNED, "it is not signed")
    record = ledger.keys.get(signature.fingerprint)
    if record is None:
        return Verdict(INVALID, f"it is signed by key {signature.fingerprint}, which is not a registered key")
    if record.org != org:
        return Verdict(INVALID, f"it is signed with a key of {project.org_label(record.org)}, "
                                f"not of {project.org_label(org)}")
    try:
        value = decode(signature.value, SIGNATURE_BYTES, "the signature")
    except ContentError as error:
        return Verdict(INVALID, str(error))
    if not verify(record.public_key, value, statement(signature.fingerprint)):
        return Verdict(INVALID, "its signature does not match the record: the record was changed after it "
                                "was signed, or the signature was copied from another record")
    state = record.state_at(time)
    if state == REVOKED:
        return Verdict(REVOKED_KEY, f"it is signed by key {signature.fingerprint}, revoked before {_when(time)}")
    if state != CONFIRMED:
        return Verdict(INVALID, f"key {signature.fingerprint} was not confirmed when it signed")
    return Verdict(VALID)


def decision_verdict(project: Project, decision: SignOff, kind: str, subject: str, ledger: KeyLedger) -> Verdict:
    """The signature state of one decision (a section's sign-off, ``subject`` its id, or an endorsement)."""
    return _verdict(project, decision.signature, decision.org, decision.time,
                    lambda signed_by: decision_statement(project.id, kind, subject, decision, signed_by), ledger)


def resolution_verdict(project: Project, section: Section, resolution: Resolution, ledger: KeyLedger) -> Verdict:
    """The signature state of a conflict copy's resolution recorded on ``section``."""
    copy = next((revision for revision in section.revisions if revision.id == resolution.revision), None)
    if copy is None and resolution.signature is not None:
        return Verdict(INVALID, f"the conflict copy it resolves (revision {resolution.revision}) is not in the "
                                f"section's history")
    copy_hash = copy.hash if copy is not None else ""
    return _verdict(project, resolution.signature, resolution.org, resolution.time,
                    lambda signed_by: resolution_statement(project.id, section.id, resolution, copy_hash, signed_by),
                    ledger)


def _where(project: Project, decision: SignOff) -> tuple[str, str, Section | None]:
    """(kind, subject, section) of a decision found in the project by identity."""
    if any(candidate is decision for candidate in project.endorsements):
        return ENDORSEMENT, RESPONSE_SUBJECT, None
    for section in project.all_sections():
        if any(candidate is decision for candidate in section.signoffs):
            return SECTION_SIGNOFF, section.id, section
    raise NotFoundError("the decision is not a sign-off or an endorsement of this project")


def signature_state(project: Project, record: SignOff, ledger: KeyLedger | None = None) -> str:
    """``valid``, ``unsigned``, ``invalid`` or ``revoked-key`` for a sign-off or endorsement of ``project``."""
    kind, subject, _ = _where(project, record)
    return decision_verdict(project, record, kind, subject, ledger or key_ledger(project)).state


class SignatureCheck:
    """Verdicts for a project's decisions, each computed once (readiness asks about many)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.ledger = key_ledger(project)
        self._verdicts: dict[int, Verdict] = {}
        self.required = signatures_required(project, self.ledger)

    def verdict(self, decision: SignOff, kind: str, subject: str) -> Verdict:
        key = id(decision)
        if key not in self._verdicts:
            self._verdicts[key] = decision_verdict(self.project, decision, kind, subject, self.ledger)
        return self._verdicts[key]

    def counts(self, decision: SignOff, kind: str, subject: str) -> bool:
        """Whether the decision counts towards final: always, unless the project requires signatures."""
        return not self.required or self.verdict(decision, kind, subject).state == VALID


def record_faults(verdict: Verdict, standing: bool, required: bool, previous: str,
                  known: Collection[str], copied: bool = False) -> list[str]:
    """Why ``verify`` reports one signed record, each reason a phrase; none when it is sound. Its signature,
    when it does not count: an unsigned record only when signatures are ``required`` and it is the
    ``standing`` one (one since replaced is history, perhaps from before signatures were required), an
    invalid signature wherever it is. The record it follows (its ``previous`` hash), when that is not among
    the ``known`` records' hashes: deleted or rewritten. The record's second copy (``copied``, see
    :func:`repeated`): :data:`DUPLICATE`."""
    faults = [DUPLICATE] if copied else []
    if verdict.state == UNSIGNED:
        if required and standing:
            faults.append(f"{verdict.reason} (this project requires signatures)")
    elif verdict.state != VALID:
        faults.append(verdict.reason)
    if previous and previous not in known:
        faults.append("the record it follows is not in the file (deleted or rewritten)")
    return faults


def repeated(hashes: list[str]) -> list[bool]:
    """For each record's hash, in order, whether the same record came before it (see :data:`DUPLICATE`)."""
    seen: set[str] = set()
    flags = []
    for hashed in hashes:
        flags.append(hashed in seen)
        seen.add(hashed)
    return flags


def _describe(project: Project, decision: SignOff, what: str) -> str:
    meaning = ("approval" if decision.decision == "approved" else "change request") if what != "endorsements" \
        else {"approved": "endorsement", "declined": "decline"}.get(decision.decision, "withheld endorsement")
    return (f"{what}: the {meaning} by {decision.person} ({project.org_label(decision.org)}) "
            f"at {_when(decision.time)}")


def _decision_problems(project: Project, decisions: list[SignOff], kind: str, subject: str, what: str,
                       ledger: KeyLedger, skip: Container[object] = ()) -> list[str]:
    from .signoff import latest_by_org  # signoff asks this module about readiness
    if skip and all(decision in skip for decision in decisions):  # a merge: nothing new here, nothing to hash
        return []
    problems: list[str] = []
    hashes = [decision_hash(project.id, kind, subject, decision) for decision in decisions]
    known = set(hashes)
    # An unsigned decision an organisation has since replaced is history (perhaps from before signatures
    # were required), not a problem; a present but invalid signature is a problem wherever it is.
    current = set(map(id, latest_by_org(decisions).values()))
    required = signatures_required(project, ledger)
    for decision, copied in zip(decisions, repeated(hashes), strict=True):
        if decision in skip:
            continue
        verdict = decision_verdict(project, decision, kind, subject, ledger)
        faults = record_faults(verdict, id(decision) in current, required, decision.previous, known, copied)
        problems.extend(f"{_describe(project, decision, what)}: {fault}" for fault in faults)
    return problems


def _key_event_line(project: Project, event: KeyEvent) -> str:
    return (f"keys: the {event.kind} of key {event.fingerprint} by {event.person} "
            f"({project.org_label(event.org)}) at {_when(event.time)}")


def signature_problems(project: Project, known: Project | None = None) -> list[str]:
    """Every problem with the project's signed records, one line each: key events that do not count,
    sign-offs and endorsements whose signature is not valid (unsigned ones too when signatures are
    required and the decision is still its organisation's current one), and records whose predecessor
    is missing. With ``known`` (another copy of the project), only the records that copy does not
    hold: what a merge brought in."""
    from .assignments import assignment_problems, coordinator_problems  # assignments builds on this module
    from .authority import authority_problems  # so do authority records and confidentiality marks
    from .confidentiality import mark_problems
    ledger = key_ledger(project)
    old_events = Held(known.key_events if known is not None else ())
    problems = [f"{_key_event_line(project, event)}: {reason}" for event, reason in ledger.problems
                if event not in old_events]
    if known is None:  # what a merge brings in is judged by the merge's own rules
        problems.extend(coordinator_problems(project, ledger))
        problems.extend(assignment_problems(project, ledger))
        problems.extend(policy_problems(project, ledger))
        problems.extend(authority_problems(project, ledger))
        problems.extend(mark_problems(project, ledger))
    known_events = {key_event_hash(project.id, event) for event in project.key_events}
    problems.extend(f"{_key_event_line(project, event)}: the record it follows is not in the file "
                    f"(deleted or rewritten)" for event in project.key_events
                    if event.previous and event.previous not in known_events and event not in old_events)
    # One walk; a section whose records are the very objects the known copy holds brings nothing new.
    others = {s.id: s for s in known.all_sections()} if known is not None else {}
    resolution_lines: list[str] = []
    for number, _, section in project.walk():
        other = others.get(section.id)
        if other is None or not same_objects(section.signoffs, other.signoffs):
            problems.extend(_decision_problems(project, section.signoffs, SECTION_SIGNOFF, section.id,
                                               f"section {number} \u201c{section.heading}\u201d", ledger,
                                               Held(other.signoffs) if other is not None else ()))
        if section.resolutions and (other is None or not same_objects(section.resolutions, other.resolutions)):
            resolution_lines += _resolution_problems(project, number, section, ledger,
                                                     Held(other.resolutions) if other is not None else ())
    problems.extend(_decision_problems(project, project.endorsements, ENDORSEMENT, RESPONSE_SUBJECT,
                                       "endorsements", ledger, Held(known.endorsements) if known is not None else ()))
    return problems + resolution_lines


def _resolution_problems(project: Project, number: str, section: Section, ledger: KeyLedger,
                         skip: Container[object]) -> list[str]:
    lines = []
    for resolution in section.resolutions:
        if resolution in skip:
            continue
        verdict = resolution_verdict(project, section, resolution, ledger)
        if verdict.state == VALID or (verdict.state == UNSIGNED and not signatures_required(project, ledger)):
            continue
        lines.append(f"section {number} \u201c{section.heading}\u201d: the resolution ({resolution.outcome}) "
                     f"by {resolution.person} ({project.org_label(resolution.org)}) at "
                     f"{_when(resolution.time)}: {verdict.reason}")
    return lines


def signature_states(project: Project) -> dict[str, dict[str, str]]:
    """Per section id, each organisation's latest decision's signature state (for ``status --json``)."""
    check = SignatureCheck(project)
    return {section.id: section_signature_states(section, check) for section in project.all_sections()}


def section_signature_states(section: Section, check: SignatureCheck) -> dict[str, str]:
    """Each organisation's latest decision on ``section``: its signature state."""
    from .signoff import latest_by_org  # signoff asks this module about readiness
    return {org: check.verdict(decision, SECTION_SIGNOFF, section.id).state
            for org, decision in latest_by_org(section.signoffs).items()}


def endorsement_signatures(project: Project) -> dict[str, str]:
    """Each organisation's latest endorsement's signature state."""
    from .signoff import latest_by_org
    check = SignatureCheck(project)
    return {org: check.verdict(decision, ENDORSEMENT, RESPONSE_SUBJECT).state
            for org, decision in latest_by_org(project.endorsements).items()}
