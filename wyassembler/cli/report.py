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
from ..core.verification import endorsement_signatures, signature_problems, signature_states
from ..core.signoff import SignoffMatrix
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
            }
            for row in matrix.rows
        ],
        "organisations": [
            {"id": org.id, "name": org.name, "short_name": org.short_name,
             "endorsement": matrix.endorsements[org.id],
             "endorsement_signature": endorsement_signature.get(org.id),
             "keys": [{"fingerprint": key.fingerprint, "state": key.state} for key in keys.get(org.id, [])]}
            for org in project.organisations
        ],
        "questions": [question_json(status) for status in matrix.readiness.questions],
        "require_signatures": signatures_required(project),
        "ready": matrix.readiness.ready,
        "clock_skew": matrix.clock_skew,
    }


def deadline_text(project: Project, today: date) -> str:
    return dates.deadline_phrase(project.deadline, today, with_date=True)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def status_text(project: Project, matrix: SignoffMatrix, today: date) -> str:
    """A readable matrix: one line per section, then endorsements, then what blocks a final export."""
    lines = [project.title or "(untitled response)",
             f"{matrix.endorsed} of {matrix.endorsers_required} organisations endorsed \u00b7 "
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
        lines.append(f"  {row.number:<{width}}  {heading:<48}  {states}")
    if not matrix.rows:
        lines.append("  (no sections yet)")
    lines.append("")
    lines.append("Endorsements:")
    required = set(project.required_endorsers())
    for org in project.organisations:
        note = "" if org.id in required else " (not required)"
        lines.append(f"  {org.label():<20}  {matrix.endorsements[org.id]}{note}")
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
