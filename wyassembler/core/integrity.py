"""Integrity checks on a whole project: references that must resolve, ids that must be unique.

``reference_problems`` lists what makes a project unusable (a file with any of
these is refused); ``soundness_problems`` lists what ``verify`` reports on top;
``write_problems`` is what every writer checks before a project reaches the disk
(references and ids, the consultation's questions as the file holds them, and each
revision's content against its recorded hash).

A section's history is sound when each revision's parent is an earlier revision
and the first has none: then every chain of parents ends, so a check in list
order is all it takes to rule out loops.
"""

from __future__ import annotations

import weakref
from functools import partial

from .content import content_hash
from .errors import ContentError
from .model import Project, Revision, Section
from .org_mentions import mention_place, organisation_mentions
from .partners import ID_PATTERN
from .review_records import Comment
from .questions import check_number


def reference_problems(project: Project) -> list[str]:
    """Broken references and duplicate ids, each as one sentence."""
    problems = _shared_organisation_ids(project)
    seen_sections: set[str] = set()
    seen_review_ids: set[str] = set()  # comments' and proposals' ids: each names one record in the project
    for _, _, section in project.walk():
        where = f"section {section.id}"
        _note_section_id(section.id, seen_sections, problems)
        seen_revisions = _history_problems(section, where, problems)
        for copy in section.conflicts:
            if copy.id not in seen_revisions:
                problems.append(f"{where} has a conflict copy of revision {copy.id}, which is not in its history")
            elif copy.id == section.current.id:
                problems.append(f"{where} has its current revision {copy.id} as a conflict copy")
        problems += review_reference_problems(section, seen_revisions, seen_review_ids)
    return problems + _unknown_organisations(project)


def structure_problems(project: Project) -> list[str]:
    """What :func:`reference_problems` finds in a project read for its structure alone (the outline, its
    ownership, the partners, the coordinator and endorsers; no records): shared ids, and organisations
    named that the project does not have."""
    problems = _shared_organisation_ids(project)
    seen_sections: set[str] = set()
    for _, _, section in project.walk():
        _note_section_id(section.id, seen_sections, problems)
    return problems + _unknown_organisations(project)


def _shared_organisation_ids(project: Project) -> list[str]:
    org_ids = [org.id for org in project.organisations]
    return ["two organisations share an id"] if len(set(org_ids)) != len(org_ids) else []


def _note_section_id(section_id: str, seen: set[str], problems: list[str]) -> None:
    if section_id in seen:
        problems.append(f"two sections share the id {section_id}")
    seen.add(section_id)


def _unknown_organisations(project: Project) -> list[str]:
    known = {org.id for org in project.organisations}
    return [f"{mention_place(mention)} names organisation {mention.org!r}, which is not in the project"
            for mention in organisation_mentions(project, lambda org: org not in known)]


def review_reference_problems(section: Section, revision_ids: set[str], seen_ids: set[str]) -> list[str]:
    """What a section's review records (format 1.7) name that must be there: a comment's and a proposal's id
    once in the project (``seen_ids``, added to), a reply's parent a comment of the same section (and no
    thread that loops), a resolved/reopened record's thread the first comment of a thread here, a decision's
    proposal one of this section's, and the revisions a comment, proposal or decision names revisions of this
    section (``revision_ids``). One sentence each."""
    where = f"section {section.id}"
    problems: list[str] = []
    records: list[tuple[str, str, str]] = [("comment", c.id, c.revision) for c in section.comments]
    records += [("proposal", p.id, p.base) for p in section.proposals]
    for kind, record_id, named in records:
        if record_id in seen_ids:
            problems.append(f"{where}: two comments or proposals share the id {record_id}")
        seen_ids.add(record_id)
        if named and named not in revision_ids:
            problems.append(f"{where}: {kind} {record_id} names revision {named}, which is not in its history")
    problems += _before_text_problems(section, where)
    comments = {comment.id: comment for comment in section.comments}
    problems += _thread_problems(where, section.comments, comments)
    for state in section.comment_states:
        root = comments.get(state.comment)
        if root is None or root.parent:
            problems.append(f"{where}: a record resolves or reopens {state.comment}, which is not the first "
                            f"comment of a thread on this section")
    proposals = {proposal.id for proposal in section.proposals}
    for decision in section.proposal_decisions:
        if decision.proposal not in proposals:
            problems.append(f"{where}: a decision names proposal {decision.proposal}, which is not on this section")
        if decision.revision and decision.revision not in revision_ids:
            problems.append(f"{where}: the decision on proposal {decision.proposal} names revision "
                            f"{decision.revision}, which is not in its history")
    return problems


# Proposals whose text before was found to be their revision's, by identity (a proposal is frozen), so
# each save hashes only the proposals new since the last check.
_before_checked: dict[int, weakref.ref] = {}


def _forget_checked(key: int, _gone: object) -> None:
    """A checked proposal collected: its id may be reused by another object, so it is checked no longer."""
    _before_checked.pop(key, None)


def _before_text_problems(section: Section, where: str) -> list[str]:
    """Proposals whose text before is not their revision's (by its recorded hash): a hand-edited file,
    whose changes would be listed from that text while accepting brought in, unlisted, what it differs by."""
    problems: list[str] = []
    hashes = {revision.id: revision.hash for revision in section.revisions} if section.proposals else {}
    for proposal in section.proposals:
        checked = _before_checked.get(id(proposal))
        if (checked is not None and checked() is proposal) or proposal.base not in hashes:
            continue
        if content_hash(proposal.before_heading, proposal.before_blocks) != hashes[proposal.base]:
            problems.append(f"{where}: proposal {proposal.id}'s text before its changes is not the text of its "
                            f"revision {proposal.base}")
            continue
        key = id(proposal)
        _before_checked[key] = weakref.ref(proposal, partial(_forget_checked, key))
    return problems


def _thread_problems(where: str, comments: list[Comment], by_id: dict[str, Comment]) -> list[str]:
    """Replies to a comment the section does not have, and threads whose parents loop (each comment is
    walked up once: a chain already found to end is not walked again)."""
    problems: list[str] = []
    settled: set[str] = set()  # walked up from already (to a first comment, or round a loop reported once)
    for comment in comments:
        if comment.parent and comment.parent not in by_id:
            problems.append(f"{where}: comment {comment.id} replies to {comment.parent}, which is not a comment "
                            f"on this section")
            continue
        on_path: set[str] = set()
        current = comment
        while current.id not in settled:
            if current.id in on_path:
                problems.append(f"{where}: the thread of comment {comment.id} loops: its replies answer each other")
                break
            on_path.add(current.id)
            if not current.parent or current.parent not in by_id:
                break
            current = by_id[current.parent]
        settled.update(on_path)
    return problems


def lineage_problems(project: Project) -> list[str]:
    """What a merge follows, checked before it does: unique section ids and histories without loops."""
    problems: list[str] = []
    seen_sections: set[str] = set()
    for _, _, section in project.walk():
        if section.id in seen_sections:
            problems.append(f"two sections share the id {section.id}")
        seen_sections.add(section.id)
        _history_problems(section, f"section {section.id}", problems)
    return problems


def _history_problems(section: Section, where: str, problems: list[str]) -> set[str]:
    """Duplicate revision ids and parents that are not earlier revisions; returns the ids seen."""
    later = {revision.id for revision in section.revisions}
    seen: set[str] = set()
    for index, revision in enumerate(section.revisions):
        if revision.id in seen:
            problems.append(f"{where} has two revisions with the id {revision.id}")
        parent = revision.parent
        if parent is not None and parent not in seen and parent in later:
            problems.append(f"{where}, revision {revision.id} has a parent ({parent}) that comes after it: "
                            f"the history loops")
        elif (index > 0 or parent is not None) and parent not in seen:
            problems.append(f"{where}, revision {revision.id} has a parent that is not an earlier revision")
        seen.add(revision.id)
        later.discard(revision.id)
    return seen


# Revisions whose content was hashed and found to match, by identity: a revision is frozen, so a
# check holds for its lifetime, and each save hashes only what is new since the last one.
_hash_checked: dict[int, weakref.ref] = {}


def _already_checked(revision: Revision) -> bool:
    ref = _hash_checked.get(id(revision))
    return ref is not None and ref() is revision


def note_hash_checked(revision: Revision) -> None:
    """Remember that ``revision``'s content was just compared with its hash (reading a file does),
    so the write gate does not hash it again."""
    key = id(revision)

    def forget(_: object) -> None:  # the revision is gone, and its id may be reused
        _hash_checked.pop(key, None)

    _hash_checked[key] = weakref.ref(revision, forget)


def hash_problems(project: Project) -> list[str]:
    """Revisions whose content does not match their recorded hash, each as one sentence."""
    problems = []
    for _, _, section in project.walk():
        for revision in section.revisions:
            if _already_checked(revision):
                continue
            computed = revision.computed_hash()
            if computed is not None and computed != revision.hash:
                problems.append(f"section {section.id}: revision {revision.id} does not match its recorded hash")
            else:
                note_hash_checked(revision)
    return problems


def question_record_problems(project: Project) -> list[str]:
    """What would make the questions unreadable, or read back as something else: an id twice or not fit
    for the file, a number the core's rule would not keep, a choice that is not an option, a reason for
    no comment on a question not marked so. A section's id that no question has is not among them
    (a question removed, a merge): it is kept, and :mod:`.answers` reports it."""
    problems = []
    seen: set[str] = set()
    for question in project.questions:
        where = f"question {question.number}"
        if not ID_PATTERN.fullmatch(question.id):
            problems.append(f"{where} has the id {question.id!r}, which a project file cannot hold")
        elif question.id in seen:
            problems.append(f"two questions share the id {question.id}")
        seen.add(question.id)
        try:
            if check_number(question.number) != question.number:
                problems.append(f"{where}: the number is not kept as printed ({question.number!r})")
        except ContentError as error:
            problems.append(f"{where}: {error}")
        if question.choice and question.choice not in question.options:
            problems.append(f"{where}: its choice \u201c{question.choice}\u201d is not one of its options")
        if question.no_comment_reason and not question.no_comment:
            problems.append(f"{where} has a reason for no comment but is not marked no comment")
    for _, _, section in project.walk():
        odd = [question_id for question_id in section.answers if not ID_PATTERN.fullmatch(question_id)]
        if odd:
            problems.append(f"section {section.id} answers a question with the id {odd[0]!r}, which a project "
                            f"file cannot hold")
    return problems


def write_problems(project: Project) -> list[str]:
    """Everything that must hold before a project is written: ids, references, histories, questions, hashes."""
    return reference_problems(project) + question_record_problems(project) + hash_problems(project)


def soundness_problems(project: Project) -> list[str]:
    """What ``verify`` reports beyond references: sign-offs of text that is not in the history."""
    problems = []
    for number, _, section in project.walk():
        hashes = {revision.hash for revision in section.revisions}
        for signoff in section.signoffs:
            if signoff.hash not in hashes:
                problems.append(
                    f"section {number}: the sign-off by {signoff.person} ({project.org_label(signoff.org)}) "
                    f"is for text that is not in the section's history"
                )
    return problems
