"""Sign-off: approvals, change requests, endorsements, staleness and readiness.

A sign-off names the exact content hash it was given for. Nothing ever marks
it stale: staleness is computed, by comparing that hash with the current one,
so it can never be forgotten or go out of step.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from .answers import QuestionStatus, question_problems, question_statuses
from .confidentiality import confidential_canonical
from .content import canonical_json, sha256_hex
from .errors import ContentError
from .keys import check_signer, with_signature
from .model import DECISIONS, Actor, Project, Section, SignOff, utc_now
from .partner_records import DECLINED, MAX_NOTE_CHARACTERS, Reservation
from .permissions import check_endorse, check_section_signoff
from .signatures import Signer
from .statements import (ENDORSEMENT, RESPONSE_SUBJECT, SECTION_SIGNOFF, decision_hash, decision_statement,
                         latest_decision)
from .verification import VALID, SignatureCheck
from .text import clean_text

RESPONSE_CANONICAL_VERSION = "wyassembler-response/1"

# Section states, as `status --json` spells them.
APPROVED, STALE, CHANGES_REQUESTED, PENDING = "approved", "stale", "changes-requested", "pending"
# Endorsement states: besides those above, an endorsement given with reservations, and a decline (which
# stands whatever the text, until the organisation decides again).
ENDORSED, ENDORSED_WITH_RESERVATIONS = "endorsed", "endorsed-with-reservations"
ENDORSING = (ENDORSED, ENDORSED_WITH_RESERVATIONS)
ENDORSEMENT_DECISIONS = DECISIONS + (DECLINED,)
# The readiness items of the whole response that are no organisation's decision (the coordinator's to act on).
NO_SECTIONS = "the response has no sections yet"
NO_ENDORSER = "no partner endorses the response, so there is no one it can be made on behalf of"


# A sequence no honest file reaches (one step per decision); the schema allows 18 digits.
MAX_SEQUENCE = 10**18 - 1


def next_sequence(decisions: list[SignOff]) -> int:
    """The sequence of a decision made now on a list holding ``decisions``: after all of them."""
    return min(max((d.sequence for d in decisions), default=0) + 1, MAX_SEQUENCE)


def decision_note(decision: str, note: str) -> str:
    """A decision's note, cleaned and checked (not too long; said when changes are requested): what a
    caller asks before a passphrase, so that a note the decision would refuse is refused first."""
    note = _bounded(clean_text(note, multiline=True), "a note")
    if decision == CHANGES_REQUESTED and not note:
        raise ContentError("a request for changes needs a note saying what should change")
    return note


def _make_signoff(actor: Actor, decision: str, note: str, hash_: str, now: datetime | None,
                  seen: list[SignOff], allowed: tuple[str, ...] = DECISIONS) -> SignOff:
    if decision not in allowed:
        raise ContentError(f"decision {decision!r} is not one of {', '.join(allowed)}")
    note = decision_note(decision, note)
    return SignOff(actor.org, decision, actor.person, actor.role, now or utc_now(), hash_, note,
                   next_sequence(seen))


def _signed(project: Project, decision: SignOff, kind: str, subject: str, seen: list[SignOff],
            signer: Signer | None) -> SignOff:
    """``decision`` signed by ``signer`` (a confirmed key of its organisation), linked to the decision
    before it; unchanged without a signer. Raises :class:`PermissionDenied` for a key that may not sign."""
    if signer is None:
        return decision
    check_signer(project, decision.org, signer, decision.time)
    before = latest_decision(seen)
    linked = replace(decision, previous=decision_hash(project.id, kind, subject, before) if before is not None else "")
    return with_signature(linked, signer,
                          lambda signed_by: decision_statement(project.id, kind, subject, linked, signed_by))


def sign_off_section(project: Project, actor: Actor, section: Section, decision: str = APPROVED,
                     note: str = "", now: datetime | None = None, signer: Signer | None = None) -> SignOff:
    """Record ``actor``'s organisation approving (or asking changes to) the section's current content,
    signed if a ``signer`` (a confirmed key of that organisation) is given."""
    check_section_signoff(project, section, actor)
    signoff = _make_signoff(actor, decision, note, section.hash, now, section.signoffs)
    signoff = _signed(project, signoff, SECTION_SIGNOFF, section.id, section.signoffs, signer)
    section.signoffs.append(signoff)
    return signoff


def _bounded(text: str, what: str) -> str:
    if len(text) > MAX_NOTE_CHARACTERS:
        raise ContentError(f"{what} of {len(text):,} characters is too long (at most {MAX_NOTE_CHARACTERS:,})")
    return text


def reservation(project: Project, text: str, section_ref: str = "") -> Reservation:
    """A reservation on the whole response, or on the section ``section_ref`` names (its id or number),
    checked: the text is cleaned and must say something, the section must exist."""
    text = _bounded(clean_text(text, multiline=True), "a reservation")
    if not text:
        raise ContentError("a reservation needs its text: say what the organisation does not agree with")
    section_id = project.find_section(section_ref).id if section_ref.strip() else ""
    return Reservation(text, section_id)


def endorse_response(project: Project, actor: Actor, decision: str = APPROVED, note: str = "",
                     now: datetime | None = None, signer: Signer | None = None,
                     reservations: Iterable[Reservation] = ()) -> SignOff:
    """Record ``actor``'s organisation endorsing (or asking changes to) the whole response as it stands,
    with ``reservations`` (see :func:`reservation`) if any, signed if a ``signer`` (a confirmed key of
    that organisation) is given."""
    check_endorse(project, actor)
    reservations = tuple(reservations)
    if reservations and decision != APPROVED:
        raise ContentError("reservations go with an endorsement: a request for changes says what to change "
                           "in its note")
    endorsement = _make_signoff(actor, decision, note, response_hash(project), now, project.endorsements)
    return _record_endorsement(project, replace(endorsement, reservations=reservations), signer)


def decline_response(project: Project, actor: Actor, note: str = "", named: bool = False,
                     now: datetime | None = None, signer: Signer | None = None) -> SignOff:
    """Record that ``actor``'s organisation does not endorse the response (``named``: and asks to be
    named as not endorsing it in the export's statement), signed if a ``signer`` is given."""
    check_endorse(project, actor)
    decline = _make_signoff(actor, DECLINED, note, response_hash(project), now, project.endorsements,
                            ENDORSEMENT_DECISIONS)
    return _record_endorsement(project, replace(decline, named=named), signer)


def _record_endorsement(project: Project, endorsement: SignOff, signer: Signer | None) -> SignOff:
    endorsement = _signed(project, endorsement, ENDORSEMENT, RESPONSE_SUBJECT, project.endorsements, signer)
    project.endorsements.append(endorsement)
    return endorsement


def response_hash(project: Project, numbered: Iterable[tuple[str, Section]] | None = None) -> str:
    """SHA-256 of everything the exported response says: properties, members, every section in order.
    ``numbered``: every section with its outline number, in order, where the caller has them."""
    if numbered is None:
        numbered = ((number, section) for number, _, section in project.numbered())
    return sha256_hex(canonical_json(_response_canonical(project, [[number, s.hash] for number, s in numbered])))


def _response_canonical(project: Project, sections: list) -> list:
    head = [RESPONSE_CANONICAL_VERSION, project.title, project.subtitle, project.partnership, project.responds_to,
            project.closing_line, [org.name for org in project.organisations]]
    if project.questions:
        # Only a project with questions says more, so every other project's hash stays as it was.
        head.append(questions_canonical(project))
    # Likewise confidential sections: which are withheld from publication, and why.
    confidential = confidential_canonical(project)
    if len(confidential) > 1:
        head.append(confidential)
    return head + [sections]


def questions_canonical(project: Project) -> list:
    """What the response says of the consultation's questions, in its order: each question's number, text,
    limit, choice, no-comment mark and reason, and the outline numbers of the sections answering it."""
    answering: dict[str, list[str]] = {}
    for number, _, section in project.numbered():
        for question_id in section.answers:
            answering.setdefault(question_id, []).append(number)
    return [["questions"]] + [
        [q.number, q.text, q.limit.describe() if q.limit else "", list(q.options), q.choice, q.no_comment,
         q.no_comment_reason, answering.get(q.id, [])] for q in project.questions]


def _response_hash_of(project: Project, encoded_sections: list[bytes]) -> str:
    """:func:`response_hash` from each section's ``[number, hash]`` already in canonical JSON: the same
    bytes hashed (the canonical list ends with the sections' list, which JSON writes as its items
    joined by commas between brackets)."""
    head = canonical_json(_response_canonical(project, []))  # ...,[]]
    return sha256_hex(head[:-2] + b",".join(encoded_sections) + b"]]")


def history_order(signoff: SignOff) -> tuple:
    """Decisions sort by the file's history (``sequence``: what their authors had seen); the time
    only breaks ties between decisions made without seeing each other, and orders decisions from
    files before format 1.2 (sequence 0) as it always did."""
    return (signoff.sequence, signoff.time)


def latest_by_org(signoffs: list[SignOff]) -> dict[str, SignOff]:
    """Each organisation's latest decision, in :func:`history_order` (when equal, the later record)."""
    latest: dict[str, SignOff] = {}
    for signoff in signoffs:
        previous = latest.get(signoff.org)
        if previous is None or history_order(signoff) >= history_order(previous):
            latest[signoff.org] = signoff
    return latest


# Clocks a few minutes apart are normal; a decision dated this much before one its author had seen is not.
SKEW_NOTICED = timedelta(minutes=10)


def _skew_phrase(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours >= 2 * 8766:
        return f"about {round(hours / 8766)} years"
    if hours >= 36:
        return f"about {round(hours / 24)} days"
    if hours >= 1.5:
        return f"about {round(hours)} hours"
    return f"about {max(1, round(hours * 60))} minutes"


def clock_skew(decisions: list[SignOff], now: datetime | None = None, label=lambda org: org) -> list[str]:
    """Sentences about clocks that were wrong, noticed in one list of decisions: a decision dated
    earlier than one its author had already seen (a lower sequence), or dated in the future."""
    if not decisions:
        return []
    now = now or utc_now()
    notes: list[str] = []
    newest_seen: SignOff | None = None  # the latest-dated decision of all lower sequences
    group: list[SignOff] = []
    for decision in sorted(decisions, key=history_order) + [None]:
        if decision is None or (group and decision.sequence != group[0].sequence):
            for member in group:
                if newest_seen is None or member.time > newest_seen.time:
                    newest_seen = member
            group = []
        if decision is None:
            break
        group.append(decision)
        who = f"{decision.person} ({label(decision.org)})"
        if decision.sequence and newest_seen is not None and newest_seen.time - decision.time > SKEW_NOTICED:
            notes.append(f"{who} decided at {decision.time:%d %b %Y %H:%M} UTC after seeing the decision by "
                         f"{newest_seen.person} ({label(newest_seen.org)}) dated {newest_seen.time:%d %b %Y %H:%M} "
                         f"UTC: one of their clocks was {_skew_phrase(newest_seen.time - decision.time)} out")
        if decision.time - now > SKEW_NOTICED:
            notes.append(f"the decision by {who} is dated {decision.time:%d %b %Y %H:%M} UTC, "
                         f"{_skew_phrase(decision.time - now)} in the future: that computer's clock is wrong")
    return notes


def clock_skew_notes(project: Project, now: datetime | None = None) -> list[str]:
    """Every clock problem noticed in the project's sign-offs and endorsements, with where."""
    now = now or utc_now()  # one "now" for the whole project (and no clock read per section)
    notes: list[str] = []
    for number, _, section in project.numbered():
        notes.extend(f"section {number}: {note}" for note in clock_skew(section.signoffs, now, project.org_label))
    notes.extend(f"endorsements: {note}" for note in clock_skew(project.endorsements, now, project.org_label))
    return notes


def _state(signoff: SignOff | None, current_hash: str, approved_word: str) -> str:
    if signoff is None:
        return PENDING
    if signoff.hash != current_hash:
        # An approval of older text is stale; a change request on older text awaits a new look.
        return STALE if signoff.decision == APPROVED else PENDING
    return approved_word if signoff.decision == APPROVED else CHANGES_REQUESTED


def section_state(section: Section, org_id: str) -> str:
    """``approved``, ``stale``, ``changes-requested`` or ``pending`` for one organisation on one section."""
    return _state(latest_by_org(section.signoffs).get(org_id), section.hash, APPROVED)


def section_states(section: Section) -> dict[str, str]:
    """The state of every organisation expected to sign this section: owner first, then contributors."""
    latest = latest_by_org(section.signoffs)
    return {org: _state(latest.get(org), section.hash, APPROVED) for org in section.editors()}


def standing_request(decisions: list[SignOff], org_id: str) -> SignOff | None:
    """``org_id``'s request for changes while it is its latest decision (on this text or an earlier one:
    what was asked stays worth reading until the organisation decides again)."""
    latest = latest_by_org(decisions).get(org_id)
    return latest if latest is not None and latest.decision == CHANGES_REQUESTED else None


def request_phrase(request: SignOff) -> str:
    """"S. Patel asked for changes on 3 May 2026: “the note”" — what a tooltip or banner shows of it."""
    return f"{request.person} asked for changes on {request.time:%d %b %Y}: \u201c{request.note}\u201d"


def change_requests_on(project: Project, section: Section) -> list[str]:
    """Each standing request for changes to ``section``, as "Kirklees: S. Patel asked for changes…"."""
    requests = (standing_request(section.signoffs, org) for org in section.editors())
    return [f"{project.org_label(request.org)}: {request_phrase(request)}" for request in requests if request]


def newly_stale(before: dict[str, str], section: Section) -> list[str]:
    """The organisations whose approval of ``section`` was current in ``before`` (its
    :func:`section_states` then) and is stale now: who must sign off again after an edit."""
    return [org for org, state in section_states(section).items()
            if before.get(org) == APPROVED and state == STALE]


def endorsement_state(endorsement: SignOff | None, current: str) -> str:
    """``endorsed``, ``endorsed-with-reservations``, ``declined``, ``stale``, ``changes-requested`` or
    ``pending`` for an organisation whose latest endorsement record is ``endorsement``, the response's hash
    being ``current``. A decline stands whatever the text, until the organisation decides again."""
    if endorsement is not None and endorsement.decision == DECLINED:
        return DECLINED
    state = _state(endorsement, current, ENDORSED)
    if state == ENDORSED and endorsement is not None and endorsement.reservations:
        return ENDORSED_WITH_RESERVATIONS
    return state


def endorsement_states(project: Project, current: str | None = None) -> dict[str, str]:
    """:func:`endorsement_state` of every organisation; ``current``: the project's :func:`response_hash`,
    if already worked out."""
    current = current or response_hash(project)
    latest = latest_by_org(project.endorsements)
    return {org.id: endorsement_state(latest.get(org.id), current) for org in project.organisations}


@dataclass
class Readiness:
    """Whether the response is final and, if not, what each organisation still has to do."""

    ready: bool
    missing: dict[str, list[str]] = field(default_factory=dict)
    # Each consultation question's status as the readiness saw it, for those who show them (``status``),
    # and the questions' lines among ``missing`` (question_problems), for those who list them apart.
    questions: list[QuestionStatus] = field(default_factory=list)
    question_problems: list[str] = field(default_factory=list)

    def summary(self, project: Project) -> str:
        """Organisation by organisation, one line each, what stands between the response and final."""
        return "\n".join(f"{_whose(project, org_id)}: {'; '.join(items)}" for org_id, items in self.missing.items())

    def itemised(self, project: Project) -> str:
        """As :meth:`summary`, but an organisation with several items gets its name on a line and an indented
        line per item (a coordinator's ten open questions made one line of ten)."""
        lines = []
        for org_id, items in self.missing.items():
            label = _whose(project, org_id)
            if len(items) == 1:
                lines.append(f"{label}: {items[0]}")
            else:
                lines.extend([f"{label}:"] + [f"  - {item}" for item in items])
        return "\n".join(lines)


def _whose(project: Project, org_id: str) -> str:
    """Who a readiness item is for: an organisation's label, or the response as a whole."""
    return project.org_label(org_id) if org_id else "The response"


def _describe(state: str, signoff: SignOff | None) -> str:
    if state == STALE and signoff is not None:
        return f"approval is stale (the text changed after {signoff.person} approved it on {signoff.time:%d %b %Y})"
    if state == CHANGES_REQUESTED and signoff is not None:
        return f"changes requested by {signoff.person}: {signoff.note}"
    return "approval pending"


def _uncounted(check: SignatureCheck | None, decision: SignOff | None, state: str, kind: str, subject: str) -> str:
    """Why a current approval or endorsement does not count (signatures are required and its signature
    is not valid), or "" if it counts."""
    if check is None or decision is None or state not in (APPROVED, DECLINED) + ENDORSING:
        return ""
    verdict = check.verdict(decision, kind, subject)
    if verdict.state == VALID:
        return ""
    what = "approval" if kind == SECTION_SIGNOFF else "decline" if state == DECLINED else "endorsement"
    return (f"the {what} by {decision.person} on {decision.time:%d %b %Y} does not count: {verdict.reason} "
            f"(this project requires signatures)")


def _owner_uncounted(project: Project, section: Section, check: SignatureCheck) -> str:
    """Why the owner's approval does not count: no valid signed assignment made it owner ("" if one did)."""
    from .assignments import ownership_problem  # assignments builds on verification, as this module does
    problem = ownership_problem(project, section, check.ledger)
    return f"the owner's approval does not count: {problem}" if problem else ""


def section_missing(project: Project, number: str, section: Section,
                    check: SignatureCheck | None) -> list[tuple[str, str]]:
    """What stands between one section (numbered ``number``) and final, as (organisation, what) in the
    order :func:`readiness` lists them; ``check``: the project's signature check if signatures are required."""
    where = f"section {number} \u201c{section.heading}\u201d"
    return [(org_id, f"{where}: {what}") for org_id, what in section_lacking(project, section, check)]


def section_lacking(project: Project, section: Section, check: SignatureCheck | None) -> list[tuple[str, str]]:
    """:func:`section_missing` without the section's name: (organisation, what); the item of its unresolved
    conflict copies, if any, last."""
    missing: list[tuple[str, str]] = []
    latest = latest_by_org(section.signoffs)
    for org_id in section.editors():
        state = _state(latest.get(org_id), section.hash, APPROVED)
        is_owner = org_id == section.owner
        uncounted = _uncounted(check, latest.get(org_id), state, SECTION_SIGNOFF, section.id)
        if is_owner and check is not None and state == APPROVED and not uncounted:
            uncounted = _owner_uncounted(project, section, check)
        if (state == APPROVED and not uncounted) or (not is_owner and state != CHANGES_REQUESTED):
            continue
        missing.append((org_id, uncounted or _describe(state, latest.get(org_id))))
    if section.conflicts:
        # A clash nobody has settled means the text may not be the one its authors meant.
        count = len(section.conflicts)
        missing.append((section.owner, f"{count} unresolved conflict cop{'y' if count == 1 else 'ies'} to resolve"))
    return missing


def readiness(project: Project, endorsements: dict[str, str] | None = None,
              sections_missing: Iterable[list[tuple[str, str]]] | None = None,
              check: SignatureCheck | None = None) -> Readiness:
    """Final means: every section approved by its owner on its current text, no open change
    request from a contributor, no unresolved conflict copy, and every required endorsement
    given on the current response. ``endorsements``: the project's :func:`endorsement_states`, if
    already worked out (each hashes the whole response); ``sections_missing``: :func:`section_missing`
    of every section in order, and ``check`` the project's :class:`SignatureCheck`, if already known."""
    missing: dict[str, list[str]] = {org.id: [] for org in project.organisations}
    every = check or SignatureCheck(project)
    check = every if every.required else None
    if sections_missing is None:
        sections_missing = (section_missing(project, number, section, check)
                            for number, _, section in project.numbered())
    for items in sections_missing:
        for org_id, what in items:
            missing.setdefault(org_id, []).append(what)
    states = endorsements if endorsements is not None else endorsement_states(project)
    _endorsements_missing(project, states, check, missing)
    statuses = question_statuses(project) if project.questions else []
    problems = question_problems(project, statuses)
    for problem in problems:
        missing.setdefault(project.coordinator or "", []).append(problem)
    missing = {org: items for org, items in missing.items() if items}
    if not project.sections:
        missing.setdefault(project.coordinator or "", []).insert(0, NO_SECTIONS)
    return Readiness(not missing, missing, statuses, problems)


def _endorsements_missing(project: Project, states: dict[str, str], check: SignatureCheck | None,
                          missing: dict[str, list[str]]) -> None:
    """What the endorsements still lack, added to ``missing``: each required organisation's decision (a
    decline stops the export only where the coordinator said so), someone on whose behalf the response
    is made, and (where the coordinator requires it) each endorser's authority."""
    from .authority import latest_authorities, requirement_problem  # authority builds on this module's records
    latest = latest_by_org(project.endorsements)
    counted: list[str] = []
    for org_id in project.required_endorsers():
        state = states[org_id]
        signoff = latest.get(org_id)
        uncounted = _uncounted(check, signoff, state, ENDORSEMENT, RESPONSE_SUBJECT)
        if state in ENDORSING and not uncounted:
            counted.append(org_id)
            continue
        if state == DECLINED and not uncounted:
            if project.declines_block:
                missing.setdefault(org_id, []).append(
                    "declined to endorse the response, and the coordinator's setting stops the final export "
                    "while any partner declines")
            continue
        missing.setdefault(org_id, []).append(uncounted or _endorsement_lacking(state, signoff))
    required = project.required_endorsers()
    if required and all(states[org] == DECLINED for org in required):
        missing.setdefault(project.coordinator or "", []).append(NO_ENDORSER)
    if project.require_authority:
        authorities = latest_authorities(project)
        for org_id in counted:
            problem = requirement_problem(project, authorities.get(org_id), check.ledger if check else None)
            if problem:
                missing.setdefault(org_id, []).append(problem)


def _endorsement_lacking(state: str, signoff: SignOff | None) -> str:
    """What an organisation's endorsement lacks, in words, when it has none that counts."""
    if state == STALE and signoff is not None:
        return (f"endorsement is stale (the response changed after {signoff.person} endorsed it "
                f"on {signoff.time:%d %b %Y})")
    if state == CHANGES_REQUESTED and signoff is not None:
        return f"endorsement withheld, changes requested by {signoff.person}: {signoff.note}"
    return "endorsement of the whole response pending"


def endorsement_count(project: Project, endorsements: dict[str, str] | None = None) -> tuple[int, int]:
    """(current endorsements among the required organisations, number required); ``endorsements`` as
    for :func:`readiness`."""
    states = endorsements if endorsements is not None else endorsement_states(project)
    required = project.required_endorsers()
    return sum(1 for org in required if states[org] in ENDORSING), len(required)


@dataclass
class SectionRow:
    """One row of the sign-off matrix: its section's states, and (kept with the row so that a change
    to another section does not work them out again) what stands between the section and final and the
    clock problems noticed in its decisions."""

    section: Section
    number: str
    level: int
    states: dict[str, str]
    missing: list[tuple[str, str]] | None = None  # section_missing; None: not worked out yet
    skew: list[str] = field(default_factory=list)
    # The "now" the clock notes were worked out at, while they hold for any later now (no decision
    # dated in the future then, which is the only note that depends on the time); None: work them out.
    skew_since: datetime | None = None
    # The section's hash and its [number, hash] in canonical JSON, for the response hash.
    encoded: tuple[str, bytes] | None = None


@dataclass
class SignoffMatrix:
    """Organisations by sections, plus endorsements and readiness: what `status` and the app's panel show."""

    rows: list[SectionRow]
    endorsements: dict[str, str]
    readiness: Readiness
    endorsed: int
    endorsers_required: int
    # Clocks noticed to be wrong (see clock_skew_notes): shown, never used to order decisions.
    clock_skew: list[str] = field(default_factory=list)
    # Each section id's row index: a change to one section finds its row without reading every row.
    positions: dict[str, int] = field(default_factory=dict)
    # For the next signoff_matrix_after: each row's section hash as read, the time the matrix was worked
    # out at (no row's notes date from later), and the rows whose notes may change with the time.
    hashes: list[str] = field(default_factory=list)
    looked_at: datetime | None = None
    recheck: tuple[int, ...] = ()


def signoff_matrix(project: Project, now: datetime | None = None) -> SignoffMatrix:
    rows = [SectionRow(section, number, level, section_states(section)) for number, level, section in project.walk()]
    positions: dict[str, int] = {}
    for index, row in enumerate(rows):
        positions.setdefault(row.section.id, index)
    return _with_rows(project, rows, now, positions)


def signoff_matrix_after(matrix: SignoffMatrix, project: Project, section_ids: Collection[str],
                         now: datetime | None = None) -> SignoffMatrix:
    """``matrix`` (of ``project`` as it was) after the content, heading or decisions of ``section_ids``
    changed and nothing else: their rows are worked out again, the others kept (their states read only
    their own sections, and so do their readiness and clock notes), and the whole response's part
    (endorsements, readiness, clocks) put together again from the rows. Any other change (outline,
    owners, partners, keys) needs :func:`signoff_matrix`."""
    rows = list(matrix.rows)
    if len(matrix.positions) == len(rows):  # one row per id: each changed row found by its id
        found = [matrix.positions[section_id] for section_id in set(section_ids) if section_id in matrix.positions]
    else:
        changed = set(section_ids)
        found = [index for index, row in enumerate(rows) if row.section.id in changed]
    for index in found:
        row = rows[index]
        rows[index] = SectionRow(row.section, row.number, row.level, section_states(row.section))
    return _with_rows(project, rows, now, matrix.positions, matrix, found)


def _with_rows(project: Project, rows: list[SectionRow], now: datetime | None, positions: dict[str, int],
               previous: SignoffMatrix | None = None, found: Collection[int] = ()) -> SignoffMatrix:
    """The matrix of ``rows``, each row's readiness and clock notes worked out if it has none (or they may
    have changed with the time), the whole response's part from the rows' parts. ``previous``: the matrix
    these rows were taken from, ``found`` the rows made anew: only they and the rows whose notes may change
    with the time are looked at, unless the time went back."""
    now = now or utc_now()  # one "now" for the whole project (and no clock read per section)
    every = SignatureCheck(project)
    check = every if every.required else None
    # The hashes read from the sections every time (revisions[-1] is Section.hash, without two property
    # calls): the response hash never rests on a row that was not told of a change.
    hashes = [row.section.revisions[-1].hash for row in rows]
    candidates: Iterable[int] = range(len(rows))
    if (previous is not None and previous.looked_at is not None and now >= previous.looked_at
            and len(previous.hashes) == len(rows)):
        moved = (index for index, (new, old) in enumerate(zip(hashes, previous.hashes, strict=True))
                 if new != old)
        candidates = sorted({*found, *previous.recheck, *moved})
    recheck = []
    for index in candidates:
        row = rows[index]
        if row.missing is None or row.skew_since is None or now < row.skew_since:
            row = rows[index] = _row_parts(project, row, check, now)
        if row.encoded is None or row.encoded[0] != hashes[index]:
            row.encoded = (hashes[index], canonical_json([row.number, hashes[index]]))
        if row.skew_since is None:
            recheck.append(index)
    # Every row's is set: by the loop over all rows, or kept from the previous matrix's (same hash).
    encoded = [row.encoded[1] for row in rows]  # type: ignore[index]
    # Once: it hashes the whole response (from the rows, whose numbers and sections are the outline's).
    states = endorsement_states(project, _response_hash_of(project, encoded))
    endorsed, required = endorsement_count(project, states)
    ready = readiness(project, states, (row.missing or [] for row in rows), every)
    skew = [f"section {row.number}: {note}" for row in rows for note in row.skew]
    skew.extend(f"endorsements: {note}" for note in clock_skew(project.endorsements, now, project.org_label))
    return SignoffMatrix(rows, states, ready, endorsed, required, skew, positions, hashes, now, tuple(recheck))


def _row_parts(project: Project, row: SectionRow, check: SignatureCheck | None, now: datetime) -> SectionRow:
    """``row`` with its readiness (if not known) and clock notes worked out at ``now``."""
    section = row.section
    missing = row.missing if row.missing is not None else section_missing(project, row.number, section, check)
    dated_ahead = any(decision.time - now > SKEW_NOTICED for decision in section.signoffs)
    return replace(row, missing=missing, skew=clock_skew(section.signoffs, now, project.org_label),
                   skew_since=None if dated_ahead else now)
