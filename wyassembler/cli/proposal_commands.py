"""``proposals``, ``accept`` and ``reject``: the proposed versions a returned pack's tracked changes made,
listed change by change, and the owner's decision on them (see :mod:`..core.proposal_changes`).

Each change is printed as ``wyassembler diff`` prints words (``[-removed-]{+added+}``) with a little of the
unchanged text either side, numbered as ``accept --change N`` takes it. Deciding changes the project, so it
needs to know who acts (--as/--by or the saved identity) and is saved through the shared save. The JSON is
ASCII (other characters escaped), whole in any console's encoding.
"""

from __future__ import annotations

import argparse
import json

from ..core.model import Project, Section
from ..core.proposal_changes import ProposedChange, decide_changes, proposal_changes
from ..core.proposals import decide, decision_of, find_proposal, open_proposals
from ..core.review_records import Proposal, ProposalDecision
from .commands import _actor, _label, _load, _save


# -- proposals -----------------------------------------------------------------

def cmd_proposals(args: argparse.Namespace) -> int:
    """``proposals``: the open proposals (``--all``: decided ones too) of every section or of SECTION."""
    project = _load(args.project).project
    sections = [project.find_section(args.section)] if args.section else project.all_sections()
    listed = [(section, proposal) for section in sections for proposal in _proposals(section, args.all)]
    if args.json:
        print(json.dumps({"proposals": [_proposal_json(project, section, proposal)
                                        for section, proposal in listed]}, indent=2))
        return 0
    if not listed:
        where = f" on {_label(project, sections[0])}" if args.section else " in this project"
        print(f"No {'' if args.all else 'open '}proposals{where}.")
        return 0
    print("\n\n".join("\n".join(_proposal_lines(project, section, proposal)) for section, proposal in listed))
    return 0


def _proposals(section: Section, everything: bool) -> list[Proposal]:
    if not everything:
        return open_proposals(section)
    return sorted(section.proposals, key=lambda proposal: proposal.time)


def _proposal_lines(project: Project, section: Section, proposal: Proposal) -> list[str]:
    decision = decision_of(section, proposal.id)
    lines = [f"{proposal.id} on {_label(project, section)}: {_state(project, decision)}",
             f"  brought in by {proposal.person} ({project.org_label(proposal.org)}) on "
             f"{proposal.time:%Y-%m-%d %H:%M} UTC{' from ' + proposal.source if proposal.source else ''}"]
    if decision is None and section.current.id != proposal.base:
        lines.append("  the section changed since it was made: what is accepted is kept as a conflict copy")
    lines += [f"  {line}" for change in proposal_changes(proposal) for line in change_lines(change)]
    return lines


def _state(project: Project, decision: ProposalDecision | None) -> str:
    if decision is None:
        return "open"
    taken = f" (changes {', '.join(str(n) for n in decision.accepted)})" if decision.outcome == "partial" else ""
    return (f"{decision.outcome}{taken} by {decision.person} ({project.org_label(decision.org)}) on "
            f"{decision.time:%Y-%m-%d %H:%M} UTC")


def marked(change: ProposedChange) -> str:
    """The change as ``diff`` prints words: unchanged text either side, ``[-removed-]{+added+}``."""
    removed = f"[-{change.removed}-]" if change.removed else ""
    added = f"{{+{change.added}+}}" if change.added else ""
    note = " (formatting)" if change.formatting_only and change.kind in ("words", "replaced", "cell") else ""
    return f"{change.before}{removed}{added}{change.after}{note}"


def change_lines(change: ProposedChange) -> list[str]:
    """A change numbered as ``accept --change`` takes it, with where it is and who made it in Word."""
    kind = f" ({change.kind})" if change.kind in ("added", "removed", "replaced") else ""
    authors = f" (Word: {', '.join(change.authors)})" if change.authors else ""
    text = marked(change).split("\n")
    return [f"{change.number}. {change.label}{kind}{authors}: {text[0]}", *(f"   {line}" for line in text[1:])]


def _proposal_json(project: Project, section: Section, proposal: Proposal) -> dict:
    decision = decision_of(section, proposal.id)
    return {"id": proposal.id, "section": project.number_of(section), "section_id": section.id,
            "heading": section.heading, "org": proposal.org, "person": proposal.person,
            "time": proposal.time.isoformat(), "source": proposal.source, "base": proposal.base,
            "section_changed_since": section.current.id != proposal.base,
            "decision": None if decision is None else {
                "outcome": decision.outcome, "org": decision.org, "person": decision.person,
                "time": decision.time.isoformat(), "accepted": list(decision.accepted),
                "revision": decision.revision or None},
            "changes": [{"number": change.number, "label": change.label, "kind": change.kind,
                         "removed": change.removed, "added": change.added, "before": change.before,
                         "after": change.after,
                         "word": [{"kind": tracked.kind, "author": tracked.author,
                                   "time": tracked.time.isoformat() if tracked.time else None}
                                  for tracked in change.tracked]}
                        for change in proposal_changes(proposal)]}


# -- accept, reject ----------------------------------------------------------------

def cmd_accept(args: argparse.Namespace) -> int:
    """``accept``: every change of a proposal, or the ones numbered with ``--change``."""
    return _decide(args, accept=True)


def cmd_reject(args: argparse.Namespace) -> int:
    """``reject``: none of a proposal's changes; the text stays as it is."""
    return _decide(args, accept=False)


def _decide(args: argparse.Namespace, *, accept: bool) -> int:
    numbers = set(getattr(args, "change", None) or ())  # from 1: the parser refuses others
    loaded = _load(args.project)
    project = loaded.project
    section, proposal = find_proposal(project, args.proposal)
    actor = _actor(project, args)
    if numbers:
        outcome = decide_changes(project, actor, proposal.id, numbers)
    else:
        outcome = decide(project, actor, proposal.id, accept)
    _save(project, loaded)
    decision = outcome.decision
    what = {"accepted": "Accepted every change of", "rejected": "Rejected",
            "partial": f"Accepted change{'s' if len(decision.accepted) > 1 else ''} "
                       f"{', '.join(str(n) for n in decision.accepted)} of"}[decision.outcome]
    print(f"{what} proposal {proposal.id} on {_label(project, section)}.")
    if outcome.kind == "conflict":
        print(f"The section changed since; the accepted text was kept as a conflict copy: resolve with "
              f"wyassembler resolve {args.project} {project.number_of(section)} (see both with 'wyassembler show "
              f"{args.project} {project.number_of(section)} --conflicts').")
    elif outcome.kind == "updated":
        print("The section's text is now the accepted text (approvals of the earlier text are stale).")
    elif decision.outcome != "rejected":
        print("The section's text already read so; nothing in it changed.")
    else:
        print("The section's text stays as it is.")
    return 0
