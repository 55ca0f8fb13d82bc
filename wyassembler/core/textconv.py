"""A project as stable, readable text: what ``git diff`` and ``git log -p`` show of a .wyproj.

git runs ``wyassembler textconv`` on both versions of the file and diffs the two texts line by line, so
the text is made for line diffs: one fact per line (a sign-off appearing is one changed line, a comment
added one added line), blank lines between content blocks, and nothing that changes on a save that
changes nothing visible (no save times, history ids or hashes; every list in a fixed order). Times are
written as dates (a comment's, a sign-off's): they belong to the record, not to the save.
"""

from __future__ import annotations

import re

from .comments import threads
from .confidentiality import confidential_reason
from .markdown import to_markdown
from .model import Project, Section, SignOff
from .partner_records import DECLINED, Reservation
from .proposals import open_proposals
from .review_records import Comment
from .signoff import (APPROVED, CHANGES_REQUESTED, ENDORSED, ENDORSED_WITH_RESERVATIONS, STALE, endorsement_state,
                      latest_by_org, readiness, response_hash)

# A comment or note is shown on one line; a very long one is cut, since the diff is for reading.
MAX_LINE_TEXT = 300
_WHITESPACE = re.compile(r"\s+")


def project_text(project: Project) -> str:
    """The whole project as text for a line diff: the title block, the partners, each section in outline
    order (its people, sign-offs, conflict copies, comments, proposals, marks, questions, then its
    content as Markdown), the endorsements and a one-line readiness summary. Deterministic: the same
    visible project always gives the same text."""
    parts = [_title_block(project), _partners(project)]
    if project.questions:
        parts.append(_questions(project))
    parts.extend(_section_text(project, number, section) for number, _, section in project.numbered())
    parts.append(_endorsements(project))
    text = "\n\n".join(part.rstrip("\n") for part in parts if part) + "\n"
    return text.replace("\r\n", "\n").replace("\r", "\n")


def one_line(text: str, limit: int = MAX_LINE_TEXT) -> str:
    """``text`` with its line breaks and runs of spaces made single spaces, cut at ``limit`` characters."""
    flat = _WHITESPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "\u2026"


def _date(moment) -> str:
    return f"{moment:%Y-%m-%d}"


def _who(project: Project, person: str, org_id: str) -> str:
    return f"{one_line(person)} ({project.org_label(org_id)})"


def _title_block(project: Project) -> str:
    lines = [f"# {one_line(project.title)}"]
    fields = (("Subtitle", project.subtitle), ("Partnership", project.partnership),
              ("Responds to", project.responds_to),
              ("Deadline", project.deadline.isoformat() if project.deadline else ""),
              ("Coordinator", project.org_label(project.coordinator) if project.coordinator else ""))
    lines.extend(f"{name}: {one_line(value)}" for name, value in fields if value)
    return "\n".join(lines)


def _partners(project: Project) -> str:
    lines = ["Partners:"]
    for org in project.organisations:
        line = f"- {one_line(org.name)}"
        if org.short_name and org.short_name != org.name:
            line += f" ({one_line(org.short_name)})"
        lead = " ".join(part for part in (one_line(org.lead_name), f"<{org.lead_email}>" if org.lead_email else "")
                        if part)
        lines.append(f"{line}; lead: {lead}" if lead else line)
    if len(lines) == 1:
        lines.append("- none yet")
    return "\n".join(lines)


def _questions(project: Project) -> str:
    lines = ["Consultation questions:"]
    for question in project.questions:
        details = [question.limit.describe()] if question.limit else []
        if question.options:
            details.append("options: " + " / ".join(one_line(option) for option in question.options))
        if question.choice:
            details.append(f"answer: {one_line(question.choice)}")
        if question.no_comment:
            details.append("no comment" + (f" ({one_line(question.no_comment_reason)})"
                                           if question.no_comment_reason else ""))
        suffix = f" [{'; '.join(details)}]" if details else ""
        lines.append(f"- Q{question.number}: {one_line(question.text)}{suffix}")
    return "\n".join(lines)


# -- a section -----------------------------------------------------------------------------------

def _section_text(project: Project, number: str, section: Section) -> str:
    """``## 3.1 Heading``, the lines about the section, a blank line, then its content as Markdown."""
    lines = [f"## {number} {one_line(section.heading)}", _people(project, section)]
    reason = confidential_reason(section)
    if reason is not None:
        lines.append(f"Confidential: {one_line(reason)}" if reason else "Confidential")
    if section.answers:
        lines.append("Answers: " + ", ".join(_question_label(project, question_id)
                                             for question_id in section.answers))
    lines.extend(_signoff_lines(project, section))
    lines.extend(_conflict_lines(project, section))
    lines.extend(_proposal_lines(project, section))
    lines.extend(_comment_lines(project, section))
    content = to_markdown(section.blocks).strip("\n")
    return "\n".join(lines) + ("\n\n" + content if content else "")


def _people(project: Project, section: Section) -> str:
    line = f"Owner: {project.org_label(section.owner)}"
    if section.contributors:
        line += "; contributors: " + ", ".join(project.org_label(org) for org in section.contributors)
    return line


def _question_label(project: Project, question_id: str) -> str:
    for question in project.questions:
        if question.id == question_id:
            return f"Q{question.number}"
    return f"a question no longer listed ({question_id})"


def _signoff_lines(project: Project, section: Section) -> list[str]:
    """One line per organisation expected to sign (owner first): its latest decision on this section."""
    latest = latest_by_org(section.signoffs)
    return [f"Sign-off {project.org_label(org)}: {_signoff_phrase(latest.get(org), section.hash)}"
            for org in section.editors()]


def _signoff_phrase(decision: SignOff | None, current_hash: str) -> str:
    if decision is None:
        return "pending"
    who = f"{one_line(decision.person)} on {_date(decision.time)}"
    if decision.hash != current_hash:
        if decision.decision == APPROVED:
            return f"approval stale since the text changed (approved by {who})"
        return f"pending (changes were requested by {who} on an earlier text)"
    if decision.decision == APPROVED:
        return f"approved by {who}"
    return f"changes requested by {who}: {one_line(decision.note)}"


def _conflict_lines(project: Project, section: Section) -> list[str]:
    return [f"Conflict copy {index}: by {_who(project, copy.person, copy.org)} on {copy.time:%Y-%m-%d %H:%M} UTC, "
            f"unresolved" for index, copy in enumerate(section.conflicts, start=1)]


def _proposal_lines(project: Project, section: Section) -> list[str]:
    """A line per open proposal, oldest first, and how many were decided (when any were)."""
    lines = [f"Proposal by {_who(project, proposal.person, proposal.org)} on {_date(proposal.time)}, open"
             + (f" (from {one_line(proposal.source, 80)})" if proposal.source else "")
             for proposal in sorted(open_proposals(section), key=lambda p: (p.time, p.id))]
    decided_ids = {decision.proposal for decision in section.proposal_decisions}  # one pass, not one per proposal
    decided = sum(1 for proposal in section.proposals if proposal.id in decided_ids)
    if decided:
        lines.append(f"Proposals decided: {decided}")
    return lines


def _comment_lines(project: Project, section: Section) -> list[str]:
    """Each open thread's comments, one line each (a comment added is one added line), and how many
    threads are resolved (a thread resolved takes its lines out and changes that count)."""
    if not section.comments:
        return []
    found = sorted(threads(section), key=lambda thread: _record_order(thread.root))
    lines = []
    for thread in found:
        if not thread.resolved:
            lines.append(f"Comment by {_comment_line(project, thread.root)}")
            lines.extend(f"  Reply by {_comment_line(project, reply)}"
                         for reply in sorted(thread.replies, key=_record_order))
    resolved = sum(1 for thread in found if thread.resolved)
    if resolved:
        lines.append(f"Comment threads resolved: {resolved}")
    return lines


def _record_order(comment: Comment) -> tuple:
    """Comments by time, the id settling a tie: the same order whichever copy's file listed them first."""
    return (comment.time, comment.id)


def _comment_line(project: Project, comment: Comment) -> str:
    on = f" on \u201c{one_line(comment.quote, 60)}\u201d" if comment.quote else ""
    return f"{_who(project, comment.person, comment.org)}, {_date(comment.time)}{on}: {one_line(comment.text)}"


# -- the whole response --------------------------------------------------------------------------

def _endorsements(project: Project) -> str:
    """Each organisation's endorsement in organisation order, then readiness in one line."""
    current = response_hash(project)
    latest = latest_by_org(project.endorsements)
    lines = ["## Endorsements", ""]
    for org in project.organisations:
        decision = latest.get(org.id)
        state = endorsement_state(decision, current)
        lines.append(f"- {org.label()}: {_endorsement_phrase(project, state, decision)}")
        if decision is not None and state in (ENDORSED_WITH_RESERVATIONS, DECLINED):
            lines.extend(f"  - {_reservation_line(project, item)}" for item in decision.reservations)
    if not project.organisations:
        lines.append("- no partners yet")
    states = {org.id: endorsement_state(latest.get(org.id), current) for org in project.organisations}
    lines.extend(["", _readiness_line(project, states)])
    return "\n".join(lines)


def _endorsement_phrase(project: Project, state: str, decision: SignOff | None) -> str:
    if decision is None:
        return "pending"
    who = f"{one_line(decision.person)} on {_date(decision.time)}"
    note = f": {one_line(decision.note)}" if decision.note else ""
    phrases = {ENDORSED: f"endorsed by {who}",
               ENDORSED_WITH_RESERVATIONS: f"endorsed with reservations by {who}",
               DECLINED: f"declined by {who}{note}",
               STALE: f"endorsement stale since the response changed (endorsed by {who})",
               CHANGES_REQUESTED: f"changes requested by {who}{note}"}
    return phrases.get(state, f"pending (changes were requested by {who} on an earlier text)")


def _reservation_line(project: Project, item: Reservation) -> str:
    where = ""
    if item.section:
        place = project._index().by_id.get(item.section)
        where = f" (section {place.number})" if place else " (a section since deleted)"
    return f"reservation{where}: {one_line(item.text)}"


def _readiness_line(project: Project, endorsements: dict[str, str]) -> str:
    """"Readiness: final", or what is outstanding per organisation, counted, on one line."""
    found = readiness(project, endorsements)
    if found.ready:
        return "Readiness: final"
    counts = ", ".join(f"{project.org_label(org) if org else 'the response'} {len(items)}"
                       for org, items in found.missing.items())
    total = sum(len(items) for items in found.missing.values())
    return f"Readiness: not final, {total} item{'' if total == 1 else 's'} outstanding ({counts})"
