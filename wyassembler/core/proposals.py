"""Proposed versions of a section, from Word's tracked changes in a returned pack, and the owner's decision.

A pack's tracked changes are not taken silently: the text they would make becomes a
:class:`.review_records.Proposal` on the section, on the revision they were made on, and the section's
owner accepts it, rejects it, or takes some of its changes. Accepting makes a revision as any edit does
(so sign-offs go stale); if the section changed since the proposal's revision, the accepted text is kept as
a conflict copy instead (:func:`.offline.apply_offline_edit`), never over the newer text. A decision is a
:class:`.review_records.ProposalDecision` added beside the proposal; a proposal with a decision is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .content import Blocks, clean_heading, content_hash, normalize_blocks
from .errors import ContentError, NotFoundError, PermissionDenied
from .model import Actor, Project, Revision, Section, new_id, utc_now
from .offline import apply_offline_edit
from .permissions import check_actor, check_in_outline
from .review_records import MAX_SECTION_REVIEW_RECORDS, Proposal, ProposalDecision, TrackedChange


@dataclass(frozen=True)
class DecisionOutcome:
    """What deciding a proposal did: the decision recorded, and the offline edit's kind ("updated",
    "conflict" or "unchanged") with the revision it made, if any."""

    decision: ProposalDecision
    kind: str
    revision: Revision | None = None


def propose(project: Project, actor: Actor, section: Section, base_revision: str, heading: str, blocks: Blocks,
            *, tracked: tuple[TrackedChange, ...] = (), source: str = "",
            now: datetime | None = None) -> Proposal | None:
    """Record a proposed version of ``section`` made on revision ``base_revision`` (which the section must
    hold with its content); ``None`` if it is the same text. Only the proposing organisation's own editors
    bring proposals in (a pack is imported by the organisation it was made for); anyone in the partnership
    may hold one, since the owner decides."""
    check_actor(project, actor)
    check_in_outline(project, section)
    base = next((revision for revision in section.revisions if revision.id == base_revision), None)
    if base is None or base.blocks is None:
        raise ContentError(f"section {project.number_of(section)} \u201c{section.heading}\u201d has no revision "
                           f"{base_revision} with its text: the changes were made on another copy of the project")
    if len(section.proposals) >= MAX_SECTION_REVIEW_RECORDS:
        raise ContentError(f"section {project.number_of(section)} already holds {MAX_SECTION_REVIEW_RECORDS:,} "
                           f"proposals, as many as a section keeps: decide some first")
    new_heading = clean_heading(heading)
    new_blocks = normalize_blocks(blocks)
    if content_hash(new_heading, new_blocks) == base.hash:
        return None
    proposal = Proposal(new_id("prop"), base.id, actor.org, actor.person, now or utc_now(), base.heading,
                        base.blocks, new_heading, new_blocks, source, tuple(tracked))
    section.proposals.append(proposal)
    return proposal


def decision_of(section: Section, proposal_id: str) -> ProposalDecision | None:
    """The decision made on the proposal (the earliest, if two copies each decided), or ``None`` if open."""
    decisions = [d for d in section.proposal_decisions if d.proposal == proposal_id]
    return min(decisions, key=lambda d: (d.time, d.org, d.person)) if decisions else None


def open_proposals(section: Section) -> list[Proposal]:
    """The section's proposals nobody has decided yet, oldest first."""
    decided = {decision.proposal for decision in section.proposal_decisions}
    return sorted((p for p in section.proposals if p.id not in decided), key=lambda p: p.time)


def find_proposal(project: Project, proposal_id: str) -> tuple[Section, Proposal]:
    """The proposal with id ``proposal_id`` and its section; :class:`NotFoundError` if none has it."""
    key = proposal_id.strip()
    for section in project.all_sections():
        for proposal in section.proposals:
            if proposal.id == key:
                return section, proposal
    raise NotFoundError(f"no proposal {proposal_id!r} in this project ('wyassembler proposals' lists them)")


def check_decide(project: Project, section: Section, actor: Actor) -> None:
    """A proposal is decided by the section's owner: the organisation the text is signed off by."""
    check_actor(project, actor)
    check_in_outline(project, section)
    if actor.org != section.owner:
        raise PermissionDenied(f"{project.org_label(actor.org)} may not decide proposals on section "
                               f"{project.number_of(section)} \u201c{section.heading}\u201d: its owner, "
                               f"{project.org_label(section.owner)}, does")


def before_text_problem(section: Section, proposal: Proposal) -> str | None:
    """Why ``proposal``'s text before is not the text of the revision it names (a hand-edited file: its
    changes would be listed from that text, and accepting would bring in, unlisted, whatever it differs by);
    ``None`` if it is, or if the section has no such revision (reported as a broken reference)."""
    base = next((revision for revision in section.revisions if revision.id == proposal.base), None)
    if base is None or content_hash(proposal.before_heading, proposal.before_blocks) == base.hash:
        return None
    return f"proposal {proposal.id}'s text before its changes is not the text of its revision {base.id}"


def decide(project: Project, actor: Actor, proposal_id: str, accept: bool,
           now: datetime | None = None) -> DecisionOutcome:
    """Accept every change of the proposal (a revision, or a conflict copy if the section changed since
    its revision) or reject it (the text stays); either way the proposal is closed."""
    section, proposal = find_proposal(project, proposal_id)
    return decide_with(project, actor, section, proposal, "accepted" if accept else "rejected",
                       proposal.heading if accept else None, proposal.blocks if accept else None, (), now)


def decide_with(project: Project, actor: Actor, section: Section, proposal: Proposal, outcome: str,
                heading: str | None, blocks: Blocks | None, accepted: tuple[int, ...],
                now: datetime | None = None) -> DecisionOutcome:
    """Close ``proposal`` with ``outcome``, first bringing in ``heading`` and ``blocks`` (the text the
    decision keeps; ``None`` for a rejection) as an edit made on the proposal's revision."""
    check_decide(project, section, actor)
    if decision_of(section, proposal.id) is not None:
        raise ContentError(f"proposal {proposal.id} was already decided; nothing was changed")
    problem = before_text_problem(section, proposal)
    if problem:
        raise ContentError(f"{problem}: the file was changed outside wyassembler; nothing was decided")
    time = now or utc_now()
    kind, revision = "unchanged", None
    if heading is not None and blocks is not None:
        edit = apply_offline_edit(project, actor, section, proposal.base, heading, blocks, time)
        kind, revision = edit.kind, edit.revision
    decision = ProposalDecision(proposal.id, outcome, actor.org, actor.person, time, accepted,
                                revision.id if revision is not None else "")
    section.proposal_decisions.append(decision)
    return DecisionOutcome(decision, kind, revision)
