"""What reviewers leave on a section (format 1.7): ``<comment>``, ``<comment-state>``, ``<proposal>`` and
``<proposal-decision>`` records, after a section's marks and before its sub-sections.

Written only when a project holds any (:func:`uses_format_1_7`), so a project without them writes the
version it wrote before, byte for byte. A comment keeps its text and quoted passage as child elements
(their line feeds and tabs are the reviewer's, never re-indented); a proposal keeps the text before and
after the changes with the same content elements a revision has, and Word's tracked changes after them.

Every file is read as possibly hostile: each section's lists and a proposal's tracked changes are counted
as they are read and refused past their bound (a file of 100,000 comments is refused after the first
10,000, not built whole), and :func:`review_problems` holds every record to what the file can hold (text
sizes, names, numbers), on reading and in the write gate alike, so nothing is written that cannot be read
back. References between records (a reply's parent, a decision's proposal) are :mod:`..core.integrity`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from ..core.content import clean_heading, renormalize
from ..core.model import Project, Section
from ..core.partners import ID_PATTERN
from ..core.text import has_illegal_characters
from ..core.review_records import (COMMENT_SOURCES, MAX_ACCEPTED_CHANGES, MAX_COMMENT_CHARACTERS,
                                   MAX_NAME_CHARACTERS, MAX_QUOTE_CHARACTERS, MAX_SECTION_REVIEW_RECORDS,
                                   MAX_TRACKED_CHANGES, MAX_TRACKED_CHARACTERS, PROPOSAL_OUTCOMES, TRACKED_KINDS,
                                   Comment, CommentState, Proposal, ProposalDecision, TrackedChange)
from .content_xml import fill_content, read_content
from .elements import attr, format_time, qualified, sub_element, time_attr
from .errors import ProjectFileError

COMMENT, COMMENT_STATE = qualified("comment"), qualified("comment-state")
PROPOSAL, PROPOSAL_DECISION = qualified("proposal"), qualified("proposal-decision")
REVIEW_TAGS = frozenset({COMMENT, COMMENT_STATE, PROPOSAL, PROPOSAL_DECISION})
_TEXT, _QUOTE, _BEFORE, _AFTER, _TRACKED = map(qualified, ("text", "quote", "before", "after", "tracked"))
_HEADING, _CONTENT = qualified("heading"), qualified("content")
_YES_NO = {"yes": True, "no": False}


def uses_format_1_7(project: Project) -> bool:
    """Whether ``project`` holds any review record (a comment, a resolved/reopened record, a proposal or a
    decision): only format 1.7 can."""
    return any(section.comments or section.comment_states or section.proposals or section.proposal_decisions
               for section in project.all_sections())


# -- writing ---------------------------------------------------------------

def write_review(section_element: etree._Element, section: Section) -> None:
    """A section's review records, each list in the order recorded (nothing when it has none)."""
    for comment in section.comments:
        _comment_element(section_element, comment)
    for state in section.comment_states:
        sub_element(section_element, "comment-state", comment=state.comment, resolved="yes" if state.resolved else "no",
                    org=state.org, person=state.person, time=format_time(state.time))
    for proposal in section.proposals:
        _proposal_element(section_element, proposal)
    for decision in section.proposal_decisions:
        attrs = {"proposal": decision.proposal, "outcome": decision.outcome, "org": decision.org,
                 "person": decision.person, "time": format_time(decision.time)}
        if decision.accepted:
            attrs["accepted"] = " ".join(str(number) for number in decision.accepted)
        if decision.revision:
            attrs["revision"] = decision.revision
        sub_element(section_element, "proposal-decision", **attrs)


def _comment_element(parent: etree._Element, comment: Comment) -> None:
    attrs = {"id": comment.id}
    if comment.parent:
        attrs["parent"] = comment.parent
    attrs.update(org=comment.org, person=comment.person, time=format_time(comment.time))
    if comment.revision:
        attrs["revision"] = comment.revision
    if comment.source:
        attrs["source"] = comment.source
    element = sub_element(parent, "comment", **attrs)
    sub_element(element, "text", comment.text)
    if comment.quote:
        sub_element(element, "quote", comment.quote)


def _proposal_element(parent: etree._Element, proposal: Proposal) -> None:
    attrs = {"id": proposal.id, "base": proposal.base, "org": proposal.org, "person": proposal.person,
             "time": format_time(proposal.time)}
    if proposal.source:
        attrs["source"] = proposal.source
    element = sub_element(parent, "proposal", **attrs)
    for tag, heading, blocks in (("before", proposal.before_heading, proposal.before_blocks),
                                 ("after", proposal.heading, proposal.blocks)):
        version = sub_element(element, tag)
        sub_element(version, "heading", heading)
        fill_content(sub_element(version, "content"), blocks)
    for change in proposal.tracked:
        attrs = {"kind": change.kind, "author": change.author}
        if change.time is not None:
            attrs["time"] = format_time(change.time)
        sub_element(element, "tracked", change.text or None, **attrs)


# -- reading ---------------------------------------------------------------

@dataclass
class SectionReview:
    """A section's review records as they are read, each list counted against its bound."""

    section_id: str
    comments: list[Comment] = field(default_factory=list)
    comment_states: list[CommentState] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    proposal_decisions: list[ProposalDecision] = field(default_factory=list)

    def read(self, element: etree._Element) -> None:
        """Add the record ``element`` (one of :data:`REVIEW_TAGS`, schema-valid) to its list."""
        tag = element.tag
        if tag == COMMENT:
            _bounded(self.comments, element, "comments").append(_comment(element))
        elif tag == COMMENT_STATE:
            _bounded(self.comment_states, element, "resolved or reopened records").append(_state(element))
        elif tag == PROPOSAL:
            _bounded(self.proposals, element, "proposals").append(_proposal(element))
        else:
            _bounded(self.proposal_decisions, element, "decisions on proposals").append(_decision(element))


def _where(element: etree._Element) -> str:
    return f"line {element.sourceline}: <{etree.QName(element).localname}>"


def _bounded(records: list, element: etree._Element, what: str) -> list:
    if len(records) >= MAX_SECTION_REVIEW_RECORDS:
        raise ProjectFileError(f"not a valid project file: {_where(element)}: a section holds at most "
                               f"{MAX_SECTION_REVIEW_RECORDS:,} {what}")
    return records


def _child_text(element: etree._Element, tag: str) -> str:
    child = element.find(tag)
    return (child.text or "") if child is not None else ""


def _comment(element: etree._Element) -> Comment:
    return Comment(attr(element, "id"), element.get("parent", ""), attr(element, "org"), attr(element, "person"),
                   time_attr(element), _child_text(element, _TEXT), _child_text(element, _QUOTE),
                   element.get("revision", ""), element.get("source", ""))


def _state(element: etree._Element) -> CommentState:
    return CommentState(attr(element, "comment"), _YES_NO[attr(element, "resolved")], attr(element, "org"),
                        attr(element, "person"), time_attr(element))


def _version(element: etree._Element, tag: str) -> tuple[str, tuple]:
    """The heading and blocks of a proposal's ``<before>`` or ``<after>``, checked as content is checked:
    nothing vouches for them with a hash, so they are rebuilt through the content model's rules."""
    version = element.find(tag)
    if version is None:
        raise ProjectFileError(f"not a valid project file: {_where(element)} has no <{etree.QName(tag).localname}>")
    heading = _child_text(version, _HEADING)
    content = version.find(_CONTENT)
    blocks = renormalize(read_content(content)) if content is not None else ()
    return (clean_heading(heading) if heading.strip() else heading), blocks


def _proposal(element: etree._Element) -> Proposal:
    tracked: list[TrackedChange] = []
    for child in element.iterchildren(_TRACKED):
        if len(tracked) >= MAX_TRACKED_CHANGES:
            raise ProjectFileError(f"not a valid project file: {_where(element)} lists more than "
                                   f"{MAX_TRACKED_CHANGES:,} tracked changes")
        tracked.append(TrackedChange(attr(child, "kind"), attr(child, "author"),
                                     time_attr(child) if child.get("time") is not None else None, child.text or ""))
    before_heading, before_blocks = _version(element, _BEFORE)
    heading, blocks = _version(element, _AFTER)
    return Proposal(attr(element, "id"), attr(element, "base"), attr(element, "org"), attr(element, "person"),
                    time_attr(element), before_heading, before_blocks, heading, blocks,
                    element.get("source", ""), tuple(tracked))


def _decision(element: etree._Element) -> ProposalDecision:
    numbers = element.get("accepted", "").split()
    if len(numbers) > MAX_ACCEPTED_CHANGES:
        raise ProjectFileError(f"not a valid project file: {_where(element)} lists more than "
                               f"{MAX_ACCEPTED_CHANGES:,} accepted changes")
    return ProposalDecision(attr(element, "proposal"), attr(element, "outcome"), attr(element, "org"),
                            attr(element, "person"), time_attr(element),
                            tuple(int(number) for number in numbers), element.get("revision", ""))


# -- what a file can hold ------------------------------------------------------

def _over(text: str, limit: int) -> bool:
    return len(text) > limit


def _name_problems(where: str, **names: str) -> list[str]:
    return [f"{where} has a {label} of {len(value):,} characters, over the {MAX_NAME_CHARACTERS:,} a name may be"
            for label, value in names.items() if _over(value, MAX_NAME_CHARACTERS)]


def _character_problems(where: str, *texts: str) -> list[str]:
    """A character XML cannot carry (a control character from a pasted or Word-read text): lxml would
    refuse to write the file at all."""
    return [f"{where} holds a character a project file cannot carry"] if any(map(has_illegal_characters, texts)) \
        else []


def _comment_problems(section: Section, comment: Comment) -> list[str]:
    where = f"comment {comment.id} on section {section.id}"
    problems = _name_problems(where, name=comment.person)
    problems += _character_problems(where, comment.text, comment.quote, comment.person)
    if not comment.text.strip():
        problems.append(f"{where} has no text")
    elif _over(comment.text, MAX_COMMENT_CHARACTERS):
        problems.append(f"{where} has {len(comment.text):,} characters, over the {MAX_COMMENT_CHARACTERS:,} "
                        f"a comment may be")
    if _over(comment.quote, MAX_QUOTE_CHARACTERS):
        problems.append(f"{where} quotes {len(comment.quote):,} characters, over the {MAX_QUOTE_CHARACTERS:,} "
                        f"a quoted passage may be")
    if comment.source not in COMMENT_SOURCES:
        problems.append(f"{where} came from {comment.source!r}, not one of {', '.join(map(repr, COMMENT_SOURCES))}")
    return problems


def _proposal_problems(section: Section, proposal: Proposal) -> list[str]:
    where = f"proposal {proposal.id} on section {section.id}"
    problems = _name_problems(where, name=proposal.person, source=proposal.source)
    problems += _character_problems(where, proposal.person, proposal.source, proposal.heading,
                                    proposal.before_heading,
                                    *(text for change in proposal.tracked for text in (change.author, change.text)))
    if len(proposal.tracked) > MAX_TRACKED_CHANGES:
        problems.append(f"{where} lists {len(proposal.tracked):,} tracked changes, over the "
                        f"{MAX_TRACKED_CHANGES:,} a proposal may keep")
    for change in proposal.tracked:
        if change.kind not in TRACKED_KINDS:
            problems.append(f"{where} has a tracked change of the kind {change.kind!r}, not one of "
                            f"{', '.join(TRACKED_KINDS)}")
        problems += _name_problems(f"{where}'s tracked change", author=change.author)
        if _over(change.text, MAX_TRACKED_CHARACTERS):
            problems.append(f"{where} has a tracked change of {len(change.text):,} characters, over the "
                            f"{MAX_TRACKED_CHARACTERS:,} one keeps")
    return problems


def _decision_problems(section: Section, decision: ProposalDecision) -> list[str]:
    where = f"the decision on proposal {decision.proposal} of section {section.id}"
    problems = _name_problems(where, name=decision.person) + _character_problems(where, decision.person)
    if decision.outcome not in PROPOSAL_OUTCOMES:
        problems.append(f"{where} is {decision.outcome!r}, not one of {', '.join(PROPOSAL_OUTCOMES)}")
    if len(decision.accepted) > MAX_ACCEPTED_CHANGES:
        problems.append(f"{where} takes {len(decision.accepted):,} changes, over the {MAX_ACCEPTED_CHANGES:,} "
                        f"a file keeps")
    if any(not 0 < number < 1_000_000 for number in decision.accepted):
        problems.append(f"{where} takes a change numbered outside 1 to 999,999")
    return problems


def _times_problems(section: Section) -> list[str]:
    """A time the file cannot spell (without its zone, or before year 1000 or after 9999) would not read back."""
    times: list[datetime | None] = [comment.time for comment in section.comments]
    times += [state.time for state in section.comment_states] + [proposal.time for proposal in section.proposals]
    times += [decision.time for decision in section.proposal_decisions]
    times += [change.time for proposal in section.proposals for change in proposal.tracked]
    bad = [time for time in times if time is not None and (time.tzinfo is None or not 1000 <= time.year <= 9999)]
    return [f"section {section.id} has a review record at {bad[0]!r}, a time a project file cannot hold"] if bad else []


def _id_problems(section: Section) -> list[str]:
    """Ids the file cannot hold (the schema's token): every id here is made by the core, so one is damage."""
    named = [value for comment in section.comments for value in (comment.id, comment.parent, comment.revision)]
    named += [state.comment for state in section.comment_states]
    named += [value for proposal in section.proposals for value in (proposal.id, proposal.base)]
    named += [value for decision in section.proposal_decisions for value in (decision.proposal, decision.revision)]
    odd = next((value for value in named if value and not ID_PATTERN.fullmatch(value)), None)
    if odd is None and (any(not c.id for c in section.comments) or any(not p.id for p in section.proposals)):
        odd = ""
    return [] if odd is None else [f"section {section.id} has a review record naming the id {odd!r}, which a "
                                   f"project file cannot hold"]


def review_problems(project: Project) -> list[str]:
    """What in the format 1.7 records the file cannot hold, a sentence each ([] if none): more records than
    a section keeps, an empty or over-long comment, an over-long quote, name or tracked change, an unknown
    source, kind or outcome, a change number out of range, a time without its zone or out of range, an
    id the file cannot hold (a comment or proposal without one among them)."""
    problems = []
    for section in project.all_sections():
        counts = {"comments": len(section.comments), "resolved or reopened records": len(section.comment_states),
                  "proposals": len(section.proposals), "decisions on proposals": len(section.proposal_decisions)}
        for what, count in counts.items():
            if count > MAX_SECTION_REVIEW_RECORDS:
                problems.append(f"section {section.id} has {count:,} {what}, over the "
                                f"{MAX_SECTION_REVIEW_RECORDS:,} a section keeps")
        for comment in section.comments:
            problems += _comment_problems(section, comment)
        for state in section.comment_states:
            where = f"a resolved or reopened record on section {section.id}"
            problems += _name_problems(where, name=state.person) + _character_problems(where, state.person)
        for proposal in section.proposals:
            problems += _proposal_problems(section, proposal)
        for decision in section.proposal_decisions:
            problems += _decision_problems(section, decision)
        problems += _times_problems(section) + _id_problems(section)
    return problems
