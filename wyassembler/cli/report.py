"""How the command line prints the sign-off matrix and verification results."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ..core.answers import ANSWERED, NO_COMMENT, OVER_LIMIT, UNANSWERED, QuestionStatus
from ..core.history import history_problems
from ..core.signature_policy import signatures_required
from ..core.integrity import soundness_problems
from ..core.keys import key_states
from ..core.model import Project
from ..core.questions import Question
from ..core import dates
from ..core.authority import latest_authorities
from ..core.comments import open_thread_count
from ..core.confidentiality import withheld_sections
from ..core.errors import NotFoundError
from ..core.declarations import endorsement_tally, reservation_phrase
from ..core.partner_records import DECLINED, Authority
from ..core.verification import endorsement_signatures, signature_problems, signature_states
from ..core.signoff import ENDORSED_WITH_RESERVATIONS, SignoffMatrix, latest_by_org
from ..projectfile.storage import Loaded


def question_limit_text(question: Question) -> str:
    """A question's limit in a few words ("250 words"), or "" when it has none."""
    return question.limit.describe() if question.limit is not None else ""


def question_json(status: QuestionStatus) -> dict:
    """One question in the documented JSON shape: its limit as {kind, value, spaces} or null, its sections
    as outline numbers."""
    question, limit = status.question, status.question.limit
    return {
        "id": question.id,
        "number": question.number,
        "text": question.text,
        "limit": {"kind": limit.kind, "value": limit.value, "spaces": limit.spaces} if limit else None,
        "count": status.count,
        "sections": status.section_numbers,
        "state": status.state,
    }


def status_json(project: Project, matrix: SignoffMatrix) -> dict:
    """The matrix in the documented JSON shape, with each decision's signature state and each
    organisation's keys, and each consultation question's state."""
    signatures = signature_states(project)
    endorsement_signature = endorsement_signatures(project)
    keys = key_states(project)
    confidential = _confidential_json(project)
    stands = _standing_positions(project, matrix)
    return {
        "title": project.title,
        "sections": [
            {
                "id": row.section.id,
                "number": row.number,
                "title": row.section.heading,
                "owner": row.section.owner,
                "signoffs": row.states,
                "signatures": signatures.get(row.section.id, {}),
                "conflicts": len(row.section.conflicts),
                "open_comment_threads": open_thread_count(row.section),
                **confidential.get(row.section.id, _NOT_CONFIDENTIAL),
            }
            for row in matrix.rows
        ],
        "organisations": [
            {"id": org.id, "name": org.name, "short_name": org.short_name,
             "endorsement": matrix.endorsements[org.id],
             "endorsement_signature": endorsement_signature.get(org.id),
             "keys": [{"fingerprint": key.fingerprint, "state": key.state} for key in keys.get(org.id, [])],
             **stands[org.id]}
            for org in project.organisations
        ],
        "questions": [question_json(status) for status in matrix.readiness.questions],
        "require_signatures": signatures_required(project),
        "settings": {"declines_block": project.declines_block, "require_authority": project.require_authority,
                     "behalf_at": project.behalf_at, "member_list": project.member_list},
        "ready": matrix.readiness.ready,
        "clock_skew": matrix.clock_skew,
    }


_NOT_CONFIDENTIAL: dict = {"confidential": None, "confidential_marked_on": None}


def _confidential_json(project: Project) -> dict[str, dict]:
    """Each withheld section's ``confidential`` (the reason) and ``confidential_marked_on`` (the number of
    the section marked confidential: its own, or the section it is part of)."""
    return {section_id: {"confidential": item.reason, "confidential_marked_on": item.marked_number}
            for section_id, item in withheld_sections(project).items()}


def _section_number(project: Project, section_id: str) -> str | None:
    """A section's number as it stands, or None for a section no longer in the response."""
    try:
        return project.number_of(project.section(section_id))
    except NotFoundError:
        return None


def _authority_json(authority: Authority | None) -> dict | None:
    if authority is None:
        return None
    return {"kind": authority.kind, "reference": authority.reference,
            "date": authority.decided.isoformat() if authority.decided else None,
            "person": authority.person, "time": authority.time.isoformat()}


def _standing_positions(project: Project, matrix: SignoffMatrix) -> dict[str, dict]:
    """Each organisation's reservations (of its latest endorsement record), its decline's note and whether
    it asked to be named (when it declines), and its standing authority record."""
    latest = latest_by_org(project.endorsements)
    authorities = latest_authorities(project)
    positions = {}
    for org in project.organisations:
        record = latest.get(org.id)
        declined = matrix.endorsements[org.id] == DECLINED and record is not None
        positions[org.id] = {
            "reservations": [{"text": r.text, "section": r.section or None,
                              "section_number": _section_number(project, r.section) if r.section else None}
                             for r in (record.reservations if record is not None else ())],
            "decline_note": record.note if declined and record is not None else None,
            "named": bool(declined and record is not None and record.named),
            "authority": _authority_json(authorities.get(org.id)),
        }
    return positions


def endorsement_text(project: Project, matrix: SignoffMatrix, org_id: str) -> str:
    """An organisation's endorsement in words: "endorsed with reservations: on section 4 “…”: …", "declined,
    and asks to be named: …", or the state as it is."""
    state = matrix.endorsements[org_id]
    record = latest_by_org(project.endorsements).get(org_id)
    if state == ENDORSED_WITH_RESERVATIONS and record is not None:
        return "endorsed with reservations: " + "; ".join(reservation_phrase(project, r) for r in record.reservations)
    if state == DECLINED and record is not None:
        words = "declined, and asks to be named" if record.named else "declined (not to be named in the export)"
        return f"{words}: {record.note}" if record.note else words
    return state


def authority_lines(project: Project) -> list[str]:
    """The Authority block: how each organisation approved the response; nothing when no organisation
    recorded one and the coordinator does not require it."""
    authorities = latest_authorities(project)
    if not authorities and not project.require_authority:
        return []
    rule = "required of each endorser" if project.require_authority else "not required"
    lines = ["", f"Authority ({rule}):"]
    for org in project.organisations:
        authority = authorities.get(org.id)
        said = (f"{authority.describe()}; recorded by {authority.person} on {authority.time:%d %b %Y}"
                if authority is not None else "none recorded")
        lines.append(f"  {org.label():<20}  {said}")
    return lines


def confidential_lines(project: Project) -> list[str]:
    """The Confidential sections block: each withheld section and why; nothing when none is."""
    withheld = withheld_sections(project)
    if not withheld:
        return []
    width = max(len(item.number) for item in withheld.values())
    lines = ["", "Confidential sections (withheld from the public copy):"]
    for item in withheld.values():
        why = item.reason if item.number == item.marked_number else \
            f"withheld as part of section {item.marked_number} ({item.reason})"
        lines.append(f"  {item.number:<{width}}  \u201c{_clip(item.section.heading, 48)}\u201d: {why}")
    return lines


def settings_lines(project: Project) -> list[str]:
    """``set``'s summary of the coordinator's settings for declines, authority and the member list."""
    declines = ("stop the final export" if project.declines_block
                else "do not block: the response goes out on behalf of those who endorse it")
    behalf = "where the member list stands" if project.behalf_at == "members" else "after the title block"
    members = "every partner" if project.member_list == "all" else "only the endorsers"
    return [f"Declines:     {declines}",
            f"Authority:    {'required of each endorser' if project.require_authority else 'not required'}",
            f"On behalf of: stated {behalf}",
            f"Member list:  {members}"]


def deadline_text(project: Project, today: date) -> str:
    return dates.deadline_phrase(project.deadline, today, with_date=True)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def status_text(project: Project, matrix: SignoffMatrix, today: date) -> str:
    """A readable matrix: one line per section, then endorsements, then what blocks a final export."""
    lines = [project.title or "(untitled response)",
             f"{endorsement_tally(matrix.endorsed, matrix.endorsers_required, matrix.endorsements)} \u00b7 "
             f"{deadline_text(project, today)} \u00b7 "
             + ("READY for final export" if matrix.readiness.ready else "not ready"), ""]
    width = max([len(row.number) for row in matrix.rows] + [1])
    for row in matrix.rows:
        indent = "  " * (row.level - 1)
        heading = _clip(indent + row.section.heading, 48)
        states = "; ".join(
            f"{project.org_label(org)} {state}" + ("" if org == row.section.owner else " (contributor)")
            for org, state in row.states.items())
        clash = len(row.section.conflicts)
        if clash:
            states += f" \u00b7 {clash} conflict cop{'y' if clash == 1 else 'ies'}"
        talk = open_thread_count(row.section)
        if talk:
            states += f" \u00b7 {talk} open comment thread{'' if talk == 1 else 's'}"
        lines.append(f"  {row.number:<{width}}  {heading:<48}  {states}")
    if not matrix.rows:
        lines.append("  (no sections yet)")
    lines.append("")
    lines.append("Endorsements:")
    required = set(project.required_endorsers())
    for org in project.organisations:
        note = "" if org.id in required else " (not required)"
        lines.append(f"  {org.label():<20}  {endorsement_text(project, matrix, org.id)}{note}")
    lines.extend(authority_lines(project))
    lines.extend(confidential_lines(project))
    statuses = matrix.readiness.questions  # as the readiness counted and listed them: not worked out again
    failing = matrix.readiness.question_problems
    lines.extend(questions_text(project, statuses, failing))
    lines.append("")
    lines.extend(keys_text(project))
    if not matrix.readiness.ready:
        lines.append("")
        lines.append("Before a final export:")
        lines.extend("  " + line for line in _readiness_lines(project, matrix, failing))
    if matrix.clock_skew:
        # Decisions are ordered by the file's history, so a wrong clock changes nothing; say so anyway.
        lines.append("")
        lines.append("Clocks that were wrong (decisions are ordered by what each author had seen, not by time):")
        lines.extend(f"  {note}" for note in matrix.clock_skew)
    return "\n".join(lines)


def questions_text(project: Project, statuses: list[QuestionStatus], failing: list[str]) -> list[str]:
    """The Questions block: how many are answered, then each failing question (and each section answering a
    question no longer in the list) on a line; nothing for a project without questions."""
    if not statuses and not failing:
        return []
    states = Counter(status.state for status in statuses)
    summary = [f"{states[ANSWERED]} of {len(statuses)} questions answered"]
    if states[NO_COMMENT]:
        summary.append(f"{states[NO_COMMENT]} marked no comment")
    if states[OVER_LIMIT]:
        summary.append(f"{states[OVER_LIMIT]} over {'its' if states[OVER_LIMIT] == 1 else 'their'} limit")
    if states[UNANSWERED]:
        summary.append(f"{states[UNANSWERED]} unanswered")
    return ["", f"Questions: {', '.join(summary)}"] + [f"  {line}" for line in failing]


def _readiness_lines(project: Project, matrix: SignoffMatrix, failing: list[str]) -> list[str]:
    """What blocks a final export, organisation by organisation; the questions' lines, listed in full under
    Questions, are counted here instead of repeated."""
    shown = set(failing)
    lines = []
    for org_id, items in matrix.readiness.missing.items():
        kept = [item for item in items if item not in shown]
        if len(kept) < len(items):
            kept.append(f"{len(items) - len(kept)} question problem(s), listed under Questions above")
        label = project.org_label(org_id) if org_id else "The response"
        lines.append(f"{label}: {'; '.join(kept)}")
    return lines


def keys_text(project: Project) -> list[str]:
    """Each organisation's keys and their states, so a partner sees a key of theirs they do not hold;
    and how many decisions are signed."""
    states = key_states(project)
    decisions = [state for row in signature_states(project).values() for state in row.values()]
    decisions += list(endorsement_signatures(project).values())
    signed = sum(state == "valid" for state in decisions)
    rule = "required" if signatures_required(project) else "not required"
    lines = [f"Keys (signatures {rule}; {signed} of {len(decisions)} current decisions validly signed, "
             f"{decisions.count('unsigned')} unsigned):"]
    for org in project.organisations:
        for key in states.get(org.id, []):
            by = "(the coordinator's first key, trusted on first use)" if key.trusted_on_first_use and \
                key.state == "confirmed" else f"by {key.by}"
            lines.append(f"  {org.label():<20}  {key.fingerprint}  {key.state} {key.since:%d %b %Y %H:%M} {by}")
    if not any(states.values()):
        lines.append("  none registered: every sign-off is unsigned (see 'wyassembler key --help')")
    return lines


def _history_summary(project: Project) -> str:
    if not project.history:
        return "no history of saves yet (its next save starts one)"
    return f"{len(project.history)} saves in a linked history, the newest matching the file"


def verify_lines(loaded: Loaded, more: list[str] | None = None) -> tuple[list[str], bool]:
    """Verification output, and whether the file is sound: schema, references, hashes, every signature,
    key event and link between signed records, then the history of saves (and ``more``: a rollback)."""
    problems = loaded.report.problems + soundness_problems(loaded.project) + signature_problems(loaded.project) \
        + history_problems(loaded.project) + list(more or [])
    project = loaded.project
    if not problems:
        revisions = sum(len(s.revisions) for s in project.all_sections())
        signed = sum(decision.signature is not None for section in project.all_sections()
                     for decision in section.signoffs) + sum(e.signature is not None for e in project.endorsements)
        return [f"{loaded.path}: sound (schema valid, references resolve, {len(project.all_sections())} sections, "
                f"{revisions} revisions, every hash matches, {signed} signed decisions and "
                f"{len(project.key_events)} key events check, {_history_summary(project)})"], True
    return [f"{loaded.path}: {len(problems)} problem(s)"] + [f"  {p}" for p in problems], False
