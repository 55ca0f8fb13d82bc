"""What reviewers leave on a section besides sign-offs (format 1.7): comments, and proposed versions
brought in from Word's tracked changes, each with the records of what became of them.

Every record here is frozen and made once; what changes later (a comment resolved or reopened, a proposal
accepted or rejected) is a further record, never an edit of the first. So two copies of a project that
each added comments or decided differently merge by putting the records together (the union, by id or by
value), and nothing a reviewer wrote is lost. The rules that make and read them live in :mod:`.comments`
and :mod:`.proposals`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .content import Blocks

# Where a comment came from: written in wyassembler (the app or the command line), or read from a Word
# comment in a partner pack (its author and date are Word's).
COMMENT_SOURCES = ("", "word")
# What became of a proposal: every change taken, none, or some (the chosen changes' numbers kept).
PROPOSAL_OUTCOMES = ("accepted", "rejected", "partial")
# The kinds of tracked change Word records that a proposal lists.
TRACKED_KINDS = ("insertion", "deletion", "move", "formatting")

# Longest comment kept: several paragraphs, not a document. Longest quoted passage an anchor keeps.
MAX_COMMENT_CHARACTERS = 10_000
MAX_QUOTE_CHARACTERS = 1_000
# What a project file holds at most (the reader refuses more, the write gate will not write more): each of
# a section's four lists of review records, a proposal's tracked changes and the numbers of the changes a
# partial decision took, a name (person, Word author, a pack's file name) and a tracked change's words.
MAX_SECTION_REVIEW_RECORDS = 10_000
MAX_TRACKED_CHANGES = 10_000
MAX_ACCEPTED_CHANGES = 100_000
MAX_NAME_CHARACTERS = 1_000
MAX_TRACKED_CHARACTERS = 1_000


@dataclass(frozen=True)
class Comment:
    """A comment on a section, or a reply (``parent`` is the id of the comment it answers; "" for the
    first comment of a thread). ``quote`` is the passage it is about, as the words stood in revision
    ``revision`` ("" for the section as a whole); :func:`.comments.anchor` finds it in the current text or
    says it is outdated. ``org`` is the organisation that wrote it (for a Word comment, the organisation
    whose pack brought it back), ``person`` the author's name (Word's author for a Word comment)."""

    id: str
    parent: str
    org: str
    person: str
    time: datetime
    text: str
    quote: str = ""
    revision: str = ""
    source: str = ""


@dataclass(frozen=True)
class CommentState:
    """A record that ``comment`` (a thread's first comment) was resolved (``resolved`` true) or reopened
    by ``person`` of ``org`` at ``time``. The latest record by time stands (see :func:`.comments.is_resolved`)."""

    comment: str
    resolved: bool
    org: str
    person: str
    time: datetime


@dataclass(frozen=True)
class TrackedChange:
    """One of Word's tracked changes a proposal came from, as Word recorded it: what kind, by whom, when
    (``None`` if Word gave no date) and the words inserted or deleted (shortened if long)."""

    kind: str
    author: str
    time: datetime | None
    text: str


@dataclass(frozen=True)
class Proposal:
    """A proposed version of a section: the text a returned pack's tracked changes would make, waiting for
    the section's owner to accept or reject it, as a whole or change by change.

    ``base`` is the revision the changes were made on, and ``before_heading``/``before_blocks`` its text
    as the changes saw it (kept here, so the changes can be shown and applied even if that revision's
    content is later pruned); ``heading``/``blocks`` are the text with every change taken. ``org`` and
    ``person`` brought it in (the pack's organisation and who imported it), at ``time``; ``source`` names
    where it came from (the pack's file name); ``tracked`` lists Word's own changes, for who made them."""

    id: str
    base: str
    org: str
    person: str
    time: datetime
    before_heading: str
    before_blocks: Blocks
    heading: str
    blocks: Blocks
    source: str = ""
    tracked: tuple[TrackedChange, ...] = ()


@dataclass(frozen=True)
class ProposalDecision:
    """What the owner decided on ``proposal``: ``accepted`` (every change), ``rejected`` (none) or
    ``partial`` (the changes numbered in ``accepted``, as :func:`.proposal_changes.proposal_changes` numbers
    them from 1), and the revision (or conflict copy) the decision made ("" if it made none)."""

    proposal: str
    outcome: str
    org: str
    person: str
    time: datetime
    accepted: tuple[int, ...] = ()
    revision: str = ""
