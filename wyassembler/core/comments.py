"""Comments on a section: written, answered, resolved and reopened, and where each one's passage is now.

A comment is a :class:`.review_records.Comment` in its section's ``comments``; a reply names the comment
it answers, and a thread is a first comment with every reply below it. Resolving and reopening add a
:class:`.review_records.CommentState` to the section's ``comment_states`` (the latest by time stands), so
nothing is ever edited in place and two copies of a project merge by putting their records together.

Anyone in the partnership may comment (a reviewer need not be able to edit). A thread is resolved or
reopened by the organisation that started it, the section's owner and contributors, or the coordinator.
Comments are never part of the response: no final export carries them.
"""

from __future__ import annotations

from collections.abc import Iterator
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .content import Blocks, ListItem, Paragraph, Table, inline_text
from .errors import ContentError, NotFoundError, PermissionDenied, WyassemblerError
from .model import Actor, Project, Section, new_id, utc_now
from .permissions import check_actor, check_in_outline, is_coordinator
from .review_records import (MAX_COMMENT_CHARACTERS, MAX_QUOTE_CHARACTERS, MAX_SECTION_REVIEW_RECORDS, Comment,
                             CommentState)
from .text import clean_text

# Where a comment's quoted passage is in the section's current text.
WHOLE_SECTION, ANCHORED, OUTDATED = "section", "anchored", "outdated"


@dataclass(frozen=True)
class Anchor:
    """Where a comment's passage is now: ``section`` (the comment is on the whole section), ``anchored``
    (found: in the heading when ``block`` is ``None``, else in block ``block``, characters ``start`` to
    ``end`` of that block's text as :func:`block_texts` gives it) or ``outdated`` (the words are no longer
    there)."""

    state: str
    block: int | None = None
    start: int = 0
    end: int = 0


@dataclass
class Thread:
    """A first comment and its replies (oldest first), whether the thread is resolved, and its anchor."""

    root: Comment
    replies: list[Comment] = field(default_factory=list)
    resolved: bool = False
    anchor: Anchor = Anchor(WHOLE_SECTION)

    @property
    def comments(self) -> list[Comment]:
        """The first comment, then the replies."""
        return [self.root, *self.replies]


def block_texts(blocks: Blocks) -> Iterator[tuple[int, str]]:
    """Each block's plain text with its index: a paragraph's or list item's words, a table's cells (a tab
    between cells, a line feed between rows). A comment's quote is looked for within one block."""
    for index, block in enumerate(blocks):
        if isinstance(block, (Paragraph, ListItem)):
            yield index, inline_text(block.spans)
        elif isinstance(block, Table):
            rows = (block.header, *block.rows) if block.header else block.rows
            yield index, "\n".join("\t".join(inline_text(cell) for cell in row) for row in rows)


def anchor(section: Section, comment: Comment) -> Anchor:
    """Where ``comment``'s quoted passage is in ``section``'s current heading and text (the first place it
    occurs), or that it is outdated; a comment quoting nothing is on the whole section."""
    return _Passages(section).anchor(comment)


class _Passages:
    """A section's heading and block texts, read once for the anchors of all its comments (each comment
    read them afresh: 10,000 comments on a section of 2,000 paragraphs took 13 s). The blocks' texts are
    joined by a character no quote holds, so one search finds the first block a quote is in."""

    def __init__(self, section: Section) -> None:
        self.heading = section.heading
        found = list(block_texts(section.blocks))
        self.indexes = [index for index, _ in found]
        self.starts: list[int] = []
        at = 0
        for _, text in found:
            self.starts.append(at)
            at += len(text) + 1
        self.joined = "\x00".join(text for _, text in found)

    def anchor(self, comment: Comment) -> Anchor:
        quote = comment.quote
        if not quote:
            return Anchor(WHOLE_SECTION)
        found = self.heading.find(quote)
        if found >= 0:
            return Anchor(ANCHORED, None, found, found + len(quote))
        found = self.joined.find(quote) if "\x00" not in quote else -1
        if found < 0:
            return Anchor(OUTDATED)
        place = bisect_right(self.starts, found) - 1
        start = found - self.starts[place]
        return Anchor(ANCHORED, self.indexes[place], start, start + len(quote))


def _quote_found(section: Section, quote: str) -> bool:
    return quote in section.heading or any(quote in text for _, text in block_texts(section.blocks))


def find_comment(project: Project, comment_id: str) -> tuple[Section, Comment]:
    """The comment with id ``comment_id`` and its section; :class:`NotFoundError` if no section has it."""
    key = comment_id.strip()
    for section in project.all_sections():
        for comment in section.comments:
            if comment.id == key:
                return section, comment
    raise NotFoundError(f"no comment {comment_id!r} in this project ('wyassembler comments' lists them with "
                        f"their ids)")


def thread_root(section: Section, comment: Comment) -> Comment:
    """The first comment of the thread ``comment`` is in (itself, if it starts one). A reply whose parent
    is missing (a damaged file) counts as starting its own thread."""
    by_id = {c.id: c for c in section.comments}
    seen = {comment.id}
    while comment.parent and comment.parent in by_id and comment.parent not in seen:
        comment = by_id[comment.parent]
        seen.add(comment.id)
    return comment


def _latest_states(section: Section) -> dict[str, bool]:
    """Each thread's standing state, from one pass over the records: the latest by time (at the same second,
    resolved wins, so both copies of a merge agree)."""
    latest: dict[str, tuple] = {}
    for state in section.comment_states:
        key = (state.time, state.resolved)
        if state.comment not in latest or key > latest[state.comment]:
            latest[state.comment] = key
    return {root: key[1] for root, key in latest.items()}


def is_resolved(section: Section, root_id: str) -> bool:
    """Whether the thread starting with ``root_id`` is resolved: its latest record by time says so (at the
    same second, resolved wins, so both copies of a merge agree)."""
    return _latest_states(section).get(root_id, False)


def _root_ids(section: Section) -> dict[str, str]:
    """Each comment's thread root id, every chain walked once (a section may hold thousands of replies)."""
    by_id = {c.id: c for c in section.comments}
    roots: dict[str, str] = {}
    for comment in section.comments:
        path, seen = [], set()
        current = comment
        while current.id not in roots and current.parent in by_id and current.id not in seen:
            path.append(current.id)
            seen.add(current.id)
            current = by_id[current.parent]
        root = roots.get(current.id, current.id)
        for comment_id in path:
            roots[comment_id] = root
        roots.setdefault(current.id, root)
    return roots


def threads(section: Section) -> list[Thread]:
    """The section's threads in the order they were started, each reply under its thread's first comment."""
    roots = _root_ids(section)
    states = _latest_states(section)
    by_root: dict[str, Thread] = {}
    passages = _Passages(section)
    ordered = sorted(section.comments, key=lambda comment: comment.time)
    for comment in ordered:
        if roots[comment.id] == comment.id:
            by_root[comment.id] = Thread(comment, resolved=states.get(comment.id, False),
                                         anchor=passages.anchor(comment))
    for comment in ordered:
        root = roots[comment.id]
        if root != comment.id and root in by_root:
            by_root[root].replies.append(comment)
    return list(by_root.values())


def open_thread_count(section: Section) -> int:
    """How many of the section's threads are not resolved (the outline's count)."""
    roots = _root_ids(section)
    states = _latest_states(section)
    return sum(1 for comment_id, root in roots.items() if comment_id == root and not states.get(root, False))


def add_comment(project: Project, actor: Actor, section: Section, text: str, *, quote: str = "",
                reply_to: str = "", now: datetime | None = None, source: str = "") -> Comment:
    """Add a comment by ``actor`` on ``section`` (about the passage ``quote``, which must be in its current
    heading or text, or on the whole section), or a reply to comment ``reply_to`` of the same section.

    Raises :class:`ContentError` for an empty or over-long text or a quote not in the section,
    :class:`NotFoundError` for a reply to a comment the section does not have, and
    :class:`PermissionDenied` for someone not in the partnership.
    """
    check_actor(project, actor)
    check_in_outline(project, section)
    if len(section.comments) >= MAX_SECTION_REVIEW_RECORDS:  # the file holds no more: refused now, not at save
        raise ContentError(f"section {project.number_of(section)} already holds {MAX_SECTION_REVIEW_RECORDS:,} "
                           f"comments, as many as a section keeps")
    body = clean_text(text, multiline=True)
    if not body:
        raise ContentError("a comment needs some text")
    if len(body) > MAX_COMMENT_CHARACTERS:
        raise ContentError(f"a comment is at most {MAX_COMMENT_CHARACTERS:,} characters; this one has {len(body):,}")
    parent = _parent(project, section, reply_to)
    passage = clean_text(quote, multiline=True) if quote else ""
    if passage and parent:
        raise ContentError("a reply is on its thread's passage: give --on for the first comment of a thread only")
    if len(passage) > MAX_QUOTE_CHARACTERS:
        raise ContentError(f"the quoted passage is at most {MAX_QUOTE_CHARACTERS:,} characters; give a few words "
                           f"from it")
    if passage and source != "word" and not _quote_found(section, passage):
        raise ContentError(f"\u201c{_short(passage)}\u201d is not in section {project.number_of(section)} "
                           f"\u201c{section.heading}\u201d as it stands: quote words exactly as they are written")
    comment = Comment(new_id("com"), parent, actor.org, actor.person, now or utc_now(), body, passage,
                      section.current.id, source)
    section.comments.append(comment)
    return comment


def _parent(project: Project, section: Section, reply_to: str) -> str:
    if not reply_to:
        return ""
    key = reply_to.strip()
    for comment in section.comments:
        if comment.id == key:
            return comment.id
    other = next((s for s in project.all_sections() for c in s.comments if c.id == key), None)
    if other is not None:
        raise NotFoundError(f"comment {key} is on section {project.number_of(other)}, not on section "
                            f"{project.number_of(section)}: reply on the section it is on")
    raise NotFoundError(f"section {project.number_of(section)} has no comment {key!r} to reply to "
                        f"('wyassembler comments' lists them with their ids)")


def may_resolve(project: Project, section: Section, root: Comment, org_id: str) -> bool:
    """Whether ``org_id`` may resolve or reopen the thread ``root`` starts."""
    return org_id == root.org or org_id in section.editors() or is_coordinator(project, org_id)


def set_resolved(project: Project, actor: Actor, comment_id: str, resolved: bool,
                 now: datetime | None = None) -> tuple[Section, CommentState | None]:
    """Resolve (or reopen) the thread that comment ``comment_id`` is in; returns its section and the new
    record, or ``None`` if the thread was already so. Raises :class:`NotFoundError` for an unknown comment
    and :class:`PermissionDenied` for an organisation that may not."""
    check_actor(project, actor)
    section, comment = find_comment(project, comment_id)
    root = thread_root(section, comment)
    latest = _latest_records(section).get(root.id)
    return section, _record_state(project, actor, section, root, resolved, latest, now)


def resolve_threads(project: Project, actor: Actor, section: Section, root_ids: list[str],
                    now: datetime | None = None) -> tuple[list[CommentState], list[str]]:
    """Resolve the threads of ``section`` starting with the comments ``root_ids`` (a returned pack's threads
    marked done), each as :func:`set_resolved` would, the section's records read once (10,000 threads read
    them 10,000 times); returns the records added and, for each thread left open, why in one sentence."""
    check_actor(project, actor)
    by_id = {comment.id: comment for comment in section.comments}
    latest = _latest_records(section)
    added: list[CommentState] = []
    refused: list[str] = []
    for root_id in root_ids:
        root = by_id.get(root_id)
        if root is None or root.parent:
            refused.append(f"{root_id} is not the first comment of a thread on section {project.number_of(section)}")
            continue
        try:
            state = _record_state(project, actor, section, root, True, latest.get(root_id), now)
        except WyassemblerError as error:
            refused.append(str(error))
            continue
        if state is not None:
            latest[root_id] = state
            added.append(state)
    return added, refused


def _latest_records(section: Section) -> dict[str, CommentState]:
    """Each thread's standing resolved or reopened record (the latest by time; at the same second, resolved)."""
    latest: dict[str, CommentState] = {}
    for state in section.comment_states:
        kept = latest.get(state.comment)
        if kept is None or (state.time, state.resolved) > (kept.time, kept.resolved):
            latest[state.comment] = state
    return latest


def _record_state(project: Project, actor: Actor, section: Section, root: Comment, resolved: bool,
                  latest: CommentState | None, now: datetime | None) -> CommentState | None:
    """Add the record resolving or reopening the thread ``root`` starts, whose standing record is
    ``latest``; ``None`` if the thread already stands so."""
    if not may_resolve(project, section, root, actor.org):
        raise PermissionDenied(
            f"{project.org_label(actor.org)} may not {'resolve' if resolved else 'reopen'} this thread: the "
            f"organisation that started it ({project.org_label(root.org)}), the section's owner "
            f"({project.org_label(section.owner)}) and contributors, or the coordinator may")
    if (latest is not None and latest.resolved) == resolved:
        return None
    if len(section.comment_states) >= MAX_SECTION_REVIEW_RECORDS:
        raise ContentError(f"section {project.number_of(section)} already holds {MAX_SECTION_REVIEW_RECORDS:,} "
                           f"resolved and reopened records, as many as a section keeps")
    time = now or utc_now()
    if latest is not None and time <= latest.time:
        last = latest.time
        if last.year >= 9999 and last >= last.replace(month=12, day=31, hour=23, minute=59, second=59):
            raise ContentError(f"the thread's last resolved or reopened record is dated {last:%d %b %Y %H:%M:%S}, "
                               f"after which no record can be dated: the file was changed outside wyassembler")
        time = last + timedelta(seconds=1)  # after the record it overrides, even within the same second
    state = CommentState(root.id, resolved, actor.org, actor.person, time)
    section.comment_states.append(state)
    return state


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"
