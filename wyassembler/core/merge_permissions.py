"""What arrives by merge obeys the rules a command obeys (:mod:`.permissions`).

A copy brought into a project by a merge can hold records its authors were
never allowed to make: a copy edited by hand or by a faulty program, or one
whose author pressed on after losing a role. Every record the incoming copy
(``ours``) holds and the receiving one (``theirs``, the file on disk) does
not is checked before the merge, against the same rules as the command that
makes it:

* a **tombstone** (deleting a section): the coordinating organisation, or an
  editor of the section above it (:func:`.outline.delete_section`);
* a **revision**: the section's owner, contributors or the coordinator
  (:func:`.permissions.may_edit`); a new section's first revision, the rule
  for adding it under its parent (:func:`.permissions.check_structure`) and
  for giving it an owner and contributors (:func:`.permissions.may_assign`);
* a **sign-off**: the section's owner or contributors;
* an **endorsement** (with reservations, or a decline): a partner of the project, for itself, named by
  a person;
* a **resolution** of a conflict copy: whoever may edit the section;
* an **authority record**: a partner, for itself (:func:`.authority.check_authority`), named by a
  person; one signed with a key another organisation registered was made by that organisation;
* a **confidentiality mark**: the section's owner or the coordinator
  (:func:`.confidentiality.check_mark`), and not signed with another organisation's key;
* a **comment** or **proposal**: a partner's (a reply with the comment it answers, a proposal on a
  revision kept); a thread **resolved or reopened** by whoever may (:func:`.comments.may_resolve`); a
  **decision** on a proposal by the section's owner (:func:`.proposals.check_decide`).

Refused records are left out of the merge and each is listed in the merge's
notes; a refused revision takes the revisions built on it along. The rules
are judged on the arrangement the receiving file has and, when the merge
knows it (``base``), the one the incoming copy started from, so a record made
while its author held the role is not refused because the role changed on
disk meanwhile.

Ownership, the outline's arrangement, partners, properties, the consultation's
questions (the list, limits, options, no comment and choices) and which questions
a section answers carry no author in the file. A merge without ``base`` (an
offline or foreign copy) never lets them override the receiving file (see
:mod:`.merge_structure`): each difference is listed in the notes, and a question
only the incoming copy has is not taken; a new section keeps its answers, its
adder having been judged above and being one of its editors. With ``base`` the
incoming copy is the saver's own, whose changes were made through the checked
commands of this program (:mod:`.question_edits`: the list, limits and no
comment the coordinator's, a section's answers its editors', a choice the
coordinator's or an answering section's editors').
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field, replace

from .held import Held
from .keys import key_ledger
from .merge_structure import Structure, placements
from .model import Project, Revision, Section, Signature, SignOff, Tombstone
from .partner_records import Authority
from .review_records import Comment
from .permissions import assigns_only_itself


@dataclass
class _Judge:
    """Who held which role: in the receiving file, in the incoming copy's start, in the incoming copy."""

    ours: Project
    theirs: Project
    base: Structure | None
    theirs_sections: dict[str, Section]
    ours_sections: dict[str, Section]
    theirs_parents: dict[str, str | None]
    ours_parents: dict[str, str | None]
    deleted_on_disk: set[str]
    # Which organisation registered each key, as either copy's valid key events say (worked out when
    # a signed record first asks).
    _key_orgs: dict[str, set[str]] | None = field(default=None, init=False)

    def label(self, org_id: str) -> str:
        return self.theirs.org_label(org_id) if org_id in {o.id for o in self.theirs.organisations} \
            else self.ours.org_label(org_id)

    def coordinators(self) -> set[str | None]:
        found = {self.theirs.coordinator}
        if self.base is not None:
            found.add(self.base.properties.get("coordinator"))  # type: ignore[arg-type]
            found.add(self.ours.coordinator)
        return found

    def is_coordinator(self, org_id: str) -> bool:
        """As :func:`.permissions.is_coordinator`: everyone while no coordinator is set."""
        coordinators = self.coordinators()
        return None in coordinators or org_id in coordinators

    def editors(self, section_id: str | None) -> set[str]:
        """The section's owner and contributors, in every arrangement the judge trusts."""
        if section_id is None:
            return set()
        result: set[str] = set()
        theirs = self.theirs_sections.get(section_id)
        if theirs is not None:
            result.update(theirs.editors())
        if self.base is not None and section_id in self.base.ownership:
            owner, contributors = self.base.ownership[section_id]
            result.add(owner)
            result.update(contributors)
        ours = self.ours_sections.get(section_id)
        # The incoming arrangement counts when the copy is the saver's own, or for a section only it holds
        # (whoever added the section chose its owner, and adding it is checked below).
        if ours is not None and (self.base is not None or theirs is None):
            result.update(ours.editors())
        return result

    def parent_of(self, section_id: str) -> str | None:
        if section_id in self.theirs_parents:
            return self.theirs_parents[section_id]
        if self.base is not None and section_id in self.base.placements:
            return self.base.placements[section_id][0]
        return self.ours_parents.get(section_id)

    def owners(self, section_id: str) -> set[str]:
        """The section's owner in every arrangement the judge trusts (as :meth:`editors`)."""
        result: set[str] = set()
        theirs = self.theirs_sections.get(section_id)
        if theirs is not None:
            result.add(theirs.owner)
        if self.base is not None and section_id in self.base.ownership:
            result.add(self.base.ownership[section_id][0])
        ours = self.ours_sections.get(section_id)
        if ours is not None and (self.base is not None or theirs is None):
            result.add(ours.owner)
        return result

    def may_mark(self, section_id: str, org_id: str) -> bool:
        """As :func:`.confidentiality.check_mark`: the section's owner or the coordinator."""
        return org_id in self.owners(section_id) or self.is_coordinator(org_id)

    def signed_for(self, signature: Signature | None, org_id: str) -> str | None:
        """The other organisation whose key signed a record of ``org_id``, or None (unsigned, or its own key)."""
        if signature is None:
            return None
        if self._key_orgs is None:
            self._key_orgs = {}
            for project in (self.theirs, self.ours):
                for fingerprint, record in key_ledger(project).keys.items():
                    self._key_orgs.setdefault(fingerprint, set()).add(record.org)
        others = sorted(self._key_orgs.get(signature.fingerprint, set()) - {org_id})
        return others[0] if others else None

    def may_edit(self, section_id: str, org_id: str) -> bool:
        return org_id in self.editors(section_id) or self.is_coordinator(org_id)

    def may_restructure(self, org_id: str, parent_id: str | None) -> bool:
        return self.is_coordinator(org_id) or org_id in self.editors(parent_id)

    def may_assign(self, org_id: str, section: Section) -> bool:
        """As :func:`.permissions.may_assign`, for the section ``org_id`` added."""
        return self.is_coordinator(org_id) or assigns_only_itself(org_id, section.owner, section.contributors)

    def is_new(self, section_id: str) -> bool:
        """Only the incoming copy has ever had this section: it was added there."""
        known_to_base = self.base is not None and section_id in self.base.placements
        return section_id not in self.theirs_sections and not known_to_base and section_id not in self.deleted_on_disk


def _when(time) -> str:
    return f"{time:%d %b %Y %H:%M} UTC"


def vet_arrivals(ours: Project, theirs: Project, base: Structure | None, notes: list[str],
                 ours_label: str) -> Project:
    """``ours`` without the records (absent from ``theirs``) that their authors were not allowed to make;
    one note per refused record. ``ours`` itself is not changed."""
    judge = _Judge(ours, theirs, base, {s.id: s for s in theirs.all_sections()},
                   {s.id: s for s in ours.all_sections()},
                   {sid: place[0] for sid, place in placements(theirs).items()},
                   {sid: place[0] for sid, place in placements(ours).items()},
                   {t.section_id for t in theirs.tombstones})
    refused: list[str] = []
    vetted = replace(ours)
    vetted.sections = _vet_sections(ours.sections, None, judge, refused)
    on_disk = Held(theirs.tombstones)
    vetted.tombstones = [t for t in ours.tombstones if t in on_disk or _tombstone_ok(t, judge, refused)]
    known = Held(theirs.endorsements)
    vetted.endorsements = [e for e in ours.endorsements if e in known or _endorsement_ok(e, judge, refused)]
    known_authorities = Held(theirs.authorities)
    vetted.authorities = [a for a in ours.authorities
                          if a in known_authorities or _authority_ok(a, judge, refused)]
    notes.extend(f"Not taken from {ours_label}: {what}." for what in refused)
    return vetted


def _tombstone_ok(tomb: Tombstone, judge: _Judge, refused: list[str]) -> bool:
    if judge.may_restructure(tomb.org, judge.parent_of(tomb.section_id)):
        return True
    section = judge.theirs_sections.get(tomb.section_id)
    what = f"\u201c{section.heading}\u201d" if section is not None else f"section {tomb.section_id}"
    refused.append(f"the deletion of {what} by {tomb.person} ({judge.label(tomb.org)}, {_when(tomb.time)}), "
                   f"which only the coordinating organisation or the editors of the section above it may "
                   f"delete; the section is kept")
    return False


def _endorsement_ok(endorsement: SignOff, judge: _Judge, refused: list[str]) -> bool:
    partners = {o.id for o in judge.theirs.organisations} | {o.id for o in judge.ours.organisations}
    if endorsement.org in partners and endorsement.person.strip():
        return True
    refused.append(f"an endorsement by \u201c{endorsement.person}\u201d for {judge.label(endorsement.org)} "
                   f"({_when(endorsement.time)}), which is not a partner's endorsement by a named person")
    return False


def _authority_ok(authority: Authority, judge: _Judge, refused: list[str]) -> bool:
    partners = {o.id for o in judge.theirs.organisations} | {o.id for o in judge.ours.organisations}
    what = f"the authority record for {judge.label(authority.org)} by \u201c{authority.person}\u201d " \
           f"({_when(authority.time)})"
    if authority.org not in partners or not authority.person.strip():
        refused.append(f"{what}, which is not a partner's record by a named person")
        return False
    signer = judge.signed_for(authority.signature, authority.org)
    if signer is not None:
        refused.append(f"{what}, signed with a key of {judge.label(signer)}: each organisation records its own "
                       f"authority")
        return False
    return True


def _marks_ok(section: Section, theirs: Section | None, judge: _Judge, refused: list[str]) -> list:
    """The section's marks its authors were allowed to make (each one disk holds, and any by the section's
    owner or the coordinator, signed with their own key if signed)."""
    on_disk = Held(theirs.marks if theirs is not None else ())
    kept = []
    for mark in section.marks:
        signer = judge.signed_for(mark.signature, mark.org)
        if mark in on_disk or (judge.may_mark(section.id, mark.org) and signer is None):
            kept.append(mark)
            continue
        why = (f"signed with a key of {judge.label(signer)}" if signer is not None and
               judge.may_mark(section.id, mark.org) else
               "only its owner and the coordinating organisation may mark it confidential or public")
        refused.append(f"the mark of \u201c{section.heading}\u201d as "
                       f"{'confidential' if mark.confidential else 'public'} by {mark.person} "
                       f"({judge.label(mark.org)}, {_when(mark.time)}): {why}")
    return kept


def _vet_sections(sections: list[Section], parent_id: str | None, judge: _Judge,
                  refused: list[str]) -> list[Section]:
    """The sections of one level, vetted; a refused new section's sub-sections take its place."""
    result: list[Section] = []
    for section in sections:
        vetted = _vet_section(section, parent_id, judge, refused)
        children = _vet_sections(section.children, section.id if vetted else parent_id, judge, refused)
        if vetted is None:
            result.extend(children)
            continue
        vetted.children = children
        result.append(vetted)
    return result


def _vet_section(section: Section, parent_id: str | None, judge: _Judge, refused: list[str]) -> Section | None:
    """A detached copy of ``section`` with only the records its authors were allowed to make, or ``None``
    when the section itself was added by someone who could not add it."""
    theirs = judge.theirs_sections.get(section.id)
    first = section.revisions[0]
    if judge.is_new(section.id) and not judge.may_restructure(first.org, parent_id):
        refused.append(f"the new section \u201c{section.heading}\u201d added by {first.person} "
                       f"({judge.label(first.org)}, {_when(first.time)}), who may not add a section there")
        return None
    if judge.is_new(section.id) and not judge.may_assign(first.org, section):
        others = ", ".join(judge.label(org) for org in section.contributors)
        refused.append(f"the new section \u201c{section.heading}\u201d added by {first.person} "
                       f"({judge.label(first.org)}, {_when(first.time)}) and owned by {judge.label(section.owner)}"
                       + (f" with {others}" if others else "")
                       + ": only the coordinating organisation assigns sections to other organisations")
        return None
    known = {r.id for r in theirs.revisions} if theirs is not None else set()
    bad = {r.id for r in section.revisions if r.id not in known and r.parent is not None
           and not judge.may_edit(section.id, r.org)}
    revisions = _without(section.revisions, bad, section, judge, refused)
    if not revisions:
        return None
    kept_ids = {r.id for r in revisions}
    theirs_signoffs = Held(theirs.signoffs if theirs is not None else ())
    editors = judge.editors(section.id)
    signoffs = []
    for signoff in section.signoffs:
        if signoff in theirs_signoffs or signoff.org in editors:
            signoffs.append(signoff)
        else:
            refused.append(f"the {signoff.decision.replace('-', ' ')} decision on \u201c{section.heading}\u201d by "
                           f"{signoff.person} ({judge.label(signoff.org)}, {_when(signoff.time)}): only its owner "
                           f"and contributors sign it off")
    theirs_resolutions = Held(theirs.resolutions if theirs is not None else ())
    resolutions = []
    for resolution in section.resolutions:
        if resolution in theirs_resolutions or judge.may_edit(section.id, resolution.org):
            resolutions.append(resolution)
        else:
            refused.append(f"the resolution of a conflict copy of \u201c{section.heading}\u201d by "
                           f"{resolution.person} ({judge.label(resolution.org)}, {_when(resolution.time)}), who may "
                           f"not edit it; the copy stays to be resolved")
    conflicts = [c for c in section.conflicts if c.id in kept_ids and c.id != revisions[-1].id]
    return Section(section.id, section.owner, revisions, list(section.contributors), signoffs, [],
                   conflicts, resolutions, list(section.assignments), list(section.answers),
                   _marks_ok(section, theirs, judge, refused), *_review_ok(section, theirs, judge, refused, kept_ids))


def _review_ok(section: Section, theirs: Section | None, judge: _Judge, refused: list[str],
               kept_ids: set[str]) -> tuple[list, list, list, list]:
    """The section's comments, resolved/reopened records, proposals and decisions that may arrive: a comment
    or proposal by a partner (a reply with the comment it answers; a proposal on a revision kept), a thread
    resolved or reopened by whoever may (:func:`.comments.may_resolve`), a decision by the section's owner
    (:func:`.proposals.check_decide`) on a proposal kept. A revision refused above leaves a comment or
    decision that named it naming none, rather than losing what the reviewer wrote."""
    partners = {o.id for o in judge.theirs.organisations} | {o.id for o in judge.ours.organisations}
    on_disk = Held([*theirs.comments, *theirs.comment_states, *theirs.proposals, *theirs.proposal_decisions]
                   if theirs is not None else ())
    where = f"\u201c{section.heading}\u201d"
    comments: dict[str, Comment] = {}
    taken = _comments_taken(section.comments, on_disk, partners)
    for comment in section.comments:
        if comment.id in taken:
            comments[comment.id] = comment if comment.revision in kept_ids or not comment.revision \
                else replace(comment, revision="")
        else:
            refused.append(f"a comment on {where} by {comment.person} ({judge.label(comment.org)}, "
                           f"{_when(comment.time)}), not a partner's or a reply to a comment not taken")
    states = []
    for state in section.comment_states:
        root = comments.get(state.comment)
        if state in on_disk or (root is not None and not root.parent and (
                state.org in (root.org, *judge.editors(section.id)) or judge.is_coordinator(state.org))):
            states.append(state)
        else:
            refused.append(f"a thread on {where} {'resolved' if state.resolved else 'reopened'} by {state.person} "
                           f"({judge.label(state.org)}, {_when(state.time)}), who may not")
    proposals = [p for p in section.proposals if p in on_disk or (p.org in partners and p.base in kept_ids)]
    refused += [f"a proposal on {where} by {p.person} ({judge.label(p.org)}, {_when(p.time)}), on a revision not "
                f"taken or by someone not a partner" for p in section.proposals if p not in proposals]
    proposal_ids = {p.id for p in proposals}
    decisions = []
    for decision in section.proposal_decisions:
        if decision in on_disk or (decision.proposal in proposal_ids and decision.org in judge.owners(section.id)):
            decisions.append(decision if decision.revision in kept_ids or not decision.revision
                             else replace(decision, revision=""))
        else:
            refused.append(f"the decision on a proposal on {where} by {decision.person} "
                           f"({judge.label(decision.org)}, {_when(decision.time)}): only its owner decides")
    return list(comments.values()), states, proposals, decisions


def _comments_taken(comments: list[Comment], on_disk: Container[object], partners: set[str]) -> set[str]:
    """The ids of the comments that may arrive: on disk already, or a partner's whose thread up to its first
    comment may too. A reply may come before the comment it answers (sorted by Word's date, which can be
    earlier), so each thread is walked up, each comment once."""
    by_id = {comment.id: comment for comment in comments}
    verdicts: dict[str, bool] = {}
    for comment in comments:
        path: list[str] = []
        current: Comment | None = comment
        verdict = False
        while current is not None and current.id not in verdicts:
            if current.id in path:  # a loop: the reference check refuses it; nothing of it arrives
                break
            path.append(current.id)
            if not (current in on_disk or current.org in partners):
                break
            if not current.parent:
                verdict = True
                break
            current = by_id.get(current.parent)
        else:
            verdict = current is not None and verdicts[current.id]
        verdicts.update(dict.fromkeys(path, verdict))
    return {comment_id for comment_id, verdict in verdicts.items() if verdict}


def _without(revisions: list[Revision], bad: set[str], section: Section, judge: _Judge,
             refused: list[str]) -> list[Revision]:
    """``revisions`` without ``bad`` ones and what was built on them; the current revision is the
    nearest one kept on the line that led to the old current one."""
    if not bad:
        return list(revisions)
    by_id = {r.id: r for r in revisions}
    for revision in revisions:
        if revision.id in bad:
            refused.append(f"the edit of \u201c{revision.heading}\u201d by {revision.person} "
                           f"({judge.label(revision.org)}, {_when(revision.time)}): only its owner, its "
                           f"contributors and the coordinating organisation may edit it")
    dropped: set[str] = set()
    for revision in revisions:  # each comes after its parent, so one pass finds every descendant
        if revision.id in bad or revision.parent in dropped:
            dropped.add(revision.id)
    current: Revision | None = revisions[-1]
    for _ in range(len(revisions)):
        if current is None or current.id not in dropped:
            break
        current = by_id.get(current.parent) if current.parent else None
    if current is None or current.blocks is None:
        return []
    # A branch off the new current revision (a conflict copy's line) cannot come before it; it goes too.
    after_current = {current.id}
    for revision in revisions:
        if revision.parent in after_current:
            after_current.add(revision.id)
    return [r for r in revisions if r.id not in dropped and r.id not in after_current] + [current]
