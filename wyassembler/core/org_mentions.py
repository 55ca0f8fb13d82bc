"""Every place a project names an organisation that must be one of its partners.

One list serves two checks that must agree: :func:`.integrity.reference_problems` refuses a project
(or a file) naming an organisation it does not have, and :func:`.partners.remove_organisation` refuses
to remove a partner something still names, saying what. Were they separate lists, a record added to
one and not the other would let a removal leave a project the write gate refuses to save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import Project, Section

# The kinds of mention, in the order they are listed.
COORDINATOR, ENDORSER, OWNER, CONTRIBUTOR = "coordinator", "endorser", "owner", "contributor"
REVISION, SIGNOFF, RESOLUTION = "revision", "signoff", "resolution"
ENDORSEMENT, AUTHORITY, MARK = "endorsement", "authority", "mark"
COMMENT, PROPOSAL = "comment", "proposal"  # format 1.7: a comment or its resolving; a proposal or its decision


@dataclass(frozen=True)
class Mention:
    """One record naming ``org``: its ``kind``, the section it is in (if any), its number in the
    outline, and ``detail`` (a revision's id, a conflict's revision, an endorsement's decision, or
    whether a mark makes the section confidential)."""

    org: str
    kind: str
    section: Section | None = None
    number: str = ""
    detail: str = ""


def organisation_mentions(project: Project, keep: Callable[[str], bool] = lambda org: True) -> Iterator[Mention]:
    """Each mention of an organisation that ``keep`` accepts, in a fixed order: the coordinator and
    endorsers, then each section's owner, contributors, revisions, sign-offs, resolutions, marks, comments
    (and their resolving) and proposals (and their decisions) in
    document order, then the endorsements and authority records. ``keep`` is asked of every organisation
    named before a mention is made (the write gate asks for unknown ones: usually none, at every save).
    Raises :class:`.OutlineError` on an outline that loops."""
    if project.coordinator is not None and keep(project.coordinator):
        yield Mention(project.coordinator, COORDINATOR)
    for org in project.endorsers or []:
        if keep(org):
            yield Mention(org, ENDORSER)
    for number, _, section in project.walk():
        if keep(section.owner):
            yield Mention(section.owner, OWNER, section, number)
        for org in section.contributors:
            if keep(org):
                yield Mention(org, CONTRIBUTOR, section, number)
        for revision in section.revisions:
            if keep(revision.org):
                yield Mention(revision.org, REVISION, section, number, revision.id)
        for signoff in section.signoffs:
            if keep(signoff.org):
                yield Mention(signoff.org, SIGNOFF, section, number, signoff.decision)
        for resolution in section.resolutions:
            if keep(resolution.org):
                yield Mention(resolution.org, RESOLUTION, section, number, resolution.revision)
        for mark in section.marks:
            if keep(mark.org):
                yield Mention(mark.org, MARK, section, number, "confidential" if mark.confidential else "public")
        for kind, org in review_record_orgs(section):
            if keep(org):
                yield Mention(org, kind, section, number)
    for endorsement in project.endorsements:
        if keep(endorsement.org):
            yield Mention(endorsement.org, ENDORSEMENT, detail=endorsement.decision)
    for authority in project.authorities:
        if keep(authority.org):
            yield Mention(authority.org, AUTHORITY)


def review_record_orgs(section: Section) -> Iterator[tuple[str, str]]:
    """(COMMENT or PROPOSAL, organisation) for each of the section's review records (format 1.7): a comment
    or its resolving, a proposal or its decision."""
    yield from ((COMMENT, comment.org) for comment in section.comments)
    yield from ((COMMENT, state.org) for state in section.comment_states)
    yield from ((PROPOSAL, proposal.org) for proposal in section.proposals)
    yield from ((PROPOSAL, decision.org) for decision in section.proposal_decisions)


def mention_place(mention: Mention) -> str:
    """Where the mention is, as :func:`.integrity.reference_problems` says it (by section id)."""
    section_id = mention.section.id if mention.section is not None else ""
    return {
        COORDINATOR: "the coordinator",
        ENDORSER: "the list of endorsers",
        OWNER: f"section {section_id}'s owner",
        CONTRIBUTOR: f"section {section_id}'s contributors",
        REVISION: f"section {section_id}, revision {mention.detail}",
        SIGNOFF: f"a sign-off on section {section_id}",
        RESOLUTION: f"section {section_id}, the resolution of conflict {mention.detail}",
        MARK: f"a confidentiality mark on section {section_id}",
        COMMENT: f"a comment on section {section_id}",
        PROPOSAL: f"a proposal on section {section_id}",
        ENDORSEMENT: "an endorsement",
        AUTHORITY: "an authority record",
    }[mention.kind]
