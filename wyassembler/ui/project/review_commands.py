"""The owner's decision on a proposed version of a section as one undoable step, by value.

The first apply asks the core to decide (:func:`core.proposals.decide` for all or none of the changes,
:func:`core.proposal_changes.decide_changes` for some), which records a decision and brings the text kept in
as a revision, or as a conflict copy when the section changed since the proposal was made. The step keeps
the values it saw (the text before and after, the conflict copy, the decision record); undo puts the earlier
text back as a new revision, takes the conflict copy and the decision out by equality (the proposal is open
again), and redo does it all again, so a merge of another partner's save in between leaves it applicable.
"""

from __future__ import annotations

from ...core.model import ConflictCopy, Section
from ...core.proposals import decide, decision_of
from ...core.review_records import ProposalDecision
from .commands import StepRefused, Text, TextStep, _text_of
from .document import ProjectDocument

ALL = None  # accepted=ALL takes every change of the proposal


class DecideProposalCommand(TextStep):
    """Accept every change of a proposal (``accepted`` is :data:`ALL`), none (an empty set) or those numbered."""

    def __init__(self, document: ProjectDocument, section: Section, proposal_id: str,
                 accepted: frozenset[int] | None) -> None:
        if accepted is ALL:
            verb = "Accept the proposed changes to"
        elif not accepted:
            verb = "Reject the proposed changes to"
        else:
            verb = f"Accept {len(accepted)} proposed change{'s' if len(accepted) != 1 else ''} to"
        super().__init__(document, f"{verb} \u201c{section.heading}\u201d")
        self.section_ref, self.proposal_id, self.accepted = section.id, proposal_id, accepted
        self.before: Text = _text_of(section)
        self.after: Text = self.before
        self.decision: ProposalDecision | None = None
        self.copy: ConflictCopy | None = None
        self.outcome_kind = ""  # "updated", "conflict" or "unchanged"
        self.summary = ""

    def _do(self) -> bool:
        section = self.section()
        self.before = _text_of(section)
        if self.accepted is ALL or not self.accepted:
            outcome = decide(self.project, self.actor, self.proposal_id, self.accepted is ALL)
        else:
            from ...core.proposal_changes import decide_changes

            outcome = decide_changes(self.project, self.actor, self.proposal_id, set(self.accepted))
        self.after = _text_of(section)
        self.decision, self.outcome_kind = outcome.decision, outcome.kind
        if outcome.kind == "conflict" and outcome.revision is not None:
            self.copy = next(c for c in section.conflicts if c.revision.id == outcome.revision.id)
        self.summary = self._summary()
        return True

    def _summary(self) -> str:
        if self.accepted is not ALL and not self.accepted:
            return "Rejected the proposed changes: the section's text stays as it was."
        if self.outcome_kind == "unchanged":
            return "The section already had the accepted text: nothing changed."
        what = ("every proposed change" if self.accepted is ALL else
                f"{len(self.accepted)} proposed change{'s' if len(self.accepted) != 1 else ''}")
        if self.outcome_kind == "conflict":
            return f"Accepted {what}: kept as a conflict copy, as the section changed since they were proposed."
        return f"Accepted {what}: the section has the new text (approvals of the old text are now stale)."

    def _redo(self) -> None:
        section = self.section()
        if decision_of(section, self.proposal_id) is not None:
            raise StepRefused("the proposal has been decided since (in another partner's save)")
        self._set_text(self.section_ref, self.before, self.after)
        if self.copy is not None:
            section.conflicts.append(self.copy)
        assert self.decision is not None  # made by _do before the first redo
        section.proposal_decisions.append(self.decision)

    def _undo(self) -> None:
        section = self.section()
        if self.decision not in section.proposal_decisions:
            raise StepRefused("the decision is no longer in the project")
        self._set_text(self.section_ref, self.after, self.before)
        if self.copy is not None and self.copy in section.conflicts:
            section.conflicts.remove(self.copy)
        section.proposal_decisions.remove(self.decision)
