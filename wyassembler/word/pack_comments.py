"""A returned pack's Word comments brought in as the project's comments (see :mod:`.pack_review`).

Each Word comment becomes a comment on the section whose box it starts in: its author and date are
Word's (``source`` "word"), its organisation the pack's, its passage the words it is on (as the text
stands with every tracked change accepted). A Word reply becomes a reply in the same thread. Nothing
comes in twice: a Word comment that is one of ours (an export with comments records which, and its
words still say so) is not imported again and a reply to it answers ours; a Word comment imported
before (same section, author, date and words) is not imported again either. A thread Word marks done
is resolved, unless someone in the project has resolved or reopened it since the pack was made (the pack
records the time of its project's newest record, :func:`project_state_time`; for a pack that does not,
any record in the project stands); a "done" not applied is said, with why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..core import review_records
from ..core.comments import add_comment, resolve_threads
from ..core.errors import ContentError, WyassemblerError
from ..core.model import Actor, Project, Section, utc_now
from ..core.review_records import Comment, CommentState
from ..core.text import clean_text
from .comments_out import OUTDATED_NOTE
from .pack_review import PackReview, WordComment

_MAX_THREAD_DEPTH = 50  # a reply chain longer than this is treated as starting a thread (a damaged part)


@dataclass
class CommentsImport:
    """What bringing a pack's Word comments in did: the comments added (with their sections), how many
    threads Word's "done" resolved, and one sentence per problem."""

    added: list[tuple[Section, Comment]] = field(default_factory=list)
    resolved: int = 0
    problems: list[str] = field(default_factory=list)

    def sentence(self, project: Project) -> str:
        """One sentence for the Word comments brought in, and the threads Word's "done" resolved."""
        numbers = sorted({project.number_of(section) for section, _ in self.added},
                         key=lambda n: [int(part) for part in n.split(".") if part.isdigit()])
        where = f" on section {', '.join(numbers)}" if numbers else ""
        done = f"; {self.resolved} thread(s) marked done in Word were resolved" if self.resolved else ""
        return f"{len(self.added)} Word comment(s) brought in as comments{where} ('wyassembler comments'){done}"


def project_state_time(project: Project) -> datetime:
    """The time of the project's newest record of any kind (revision, sign-off, endorsement, comment,
    resolved or reopened, proposal, decision): the project as it stands, for a pack made of it."""
    times = [project.created, *(record.time for record in project.endorsements)]
    for section in project.all_sections():
        for records in (section.revisions, section.signoffs, section.comments, section.comment_states,
                        section.proposals, section.proposal_decisions):
            times.extend(record.time for record in records)
    return max(times)


def import_word_comments(project: Project, actor: Actor, review: PackReview,
                         places: dict[str, tuple[Section, str]], now: datetime | None = None,
                         made: datetime | None = None) -> CommentsImport:
    """Bring ``review``'s Word comments into ``project`` by ``actor``'s organisation; ``places`` maps a
    Word comment id to its section and the words it is on (for the comments starting in a section that
    came back); ``made``: the pack's :func:`project_state_time` when it was made, if it says."""
    result = CommentsImport()
    if review.problem:
        result.problems.append(review.problem)
    time_now = now or utc_now()
    sections_of: dict[str, Section] = {c.id: s for s in project.all_sections() for c in s.comments}
    known = _Known(project)
    by_word = {comment.word_id: comment for comment in review.comments}
    ours: dict[str, str] = {}  # Word id -> our comment id, for each Word comment placed
    done_roots: dict[str, Section] = {}
    outside, failed = 0, []
    for word in sorted(review.comments, key=lambda c: _depth(c, by_word)):
        parent = ours.get(word.parent, "") if word.parent else ""
        section = sections_of.get(parent) if parent else None
        quote = ""
        if section is None:
            if word.word_id not in places:
                outside += 1
                continue
            section, quote = places[word.word_id]
            parent = ""
        comment_id = _known(review, word, section, sections_of, known) or _matching(section, word, known)
        if comment_id is None:
            try:
                _check_room(project, section)
                comment = add_comment(project, Actor(actor.org, word.author), section, word.text, quote=quote,
                                      reply_to=parent, now=word.time or time_now, source="word")
            except WyassemblerError as error:
                failed.append(f"{_short(word.author)}'s: {error}")
                continue
            comment_id = comment.id
            sections_of[comment_id] = section
            known.add(section, comment)
            result.added.append((section, comment))
        ours[word.word_id] = comment_id
        if word.done:
            root = _root(comment_id, known)
            done_roots.setdefault(root, section)
    result.resolved = _resolve(project, actor, done_roots, time_now, made, result.problems)
    if outside:
        result.problems.append(f"{outside} Word comment(s) on text outside the sections' boxes (or on a section "
                               f"no longer in the project) were not imported")
    if failed:
        shown = "; ".join(failed[:3]) + (f" and {len(failed) - 3} more" if len(failed) > 3 else "")
        result.problems.append(f"{len(failed)} Word comment(s) were not imported: {shown}")
    return result


def _check_room(project: Project, section: Section) -> None:
    """A section keeps at most so many comments (as the project file does); :class:`ContentError` beyond."""
    limit = review_records.MAX_SECTION_REVIEW_RECORDS
    if len(section.comments) >= limit:
        raise ContentError(f"section {project.number_of(section)} holds {len(section.comments):,} comments, as "
                           f"many as a section keeps")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _depth(word: WordComment, by_word: dict[str, WordComment]) -> int:
    """How many comments ``word`` answers, up its chain (so every parent is placed before its replies)."""
    depth, seen = 0, {word.word_id}
    while word.parent and word.parent in by_word and word.parent not in seen and depth < _MAX_THREAD_DEPTH:
        word = by_word[word.parent]
        seen.add(word.word_id)
        depth += 1
    return depth


class _Known:
    """The project's comments by id, and each section's by author and date (by author alone for those from
    Word, for a Word comment without a date), kept as comments come in: each Word comment looked through
    every comment of its section (10,000 Word comments took minutes)."""

    def __init__(self, project: Project) -> None:
        self.by_id: dict[str, Comment] = {}
        self.by_person: dict[tuple[str, str, datetime | None], list[Comment]] = {}
        for section in project.all_sections():
            for comment in section.comments:
                self.add(section, comment)

    def add(self, section: Section, comment: Comment) -> None:
        """Count ``comment`` (of ``section``) in."""
        self.by_id[comment.id] = comment
        self.by_person.setdefault((section.id, comment.person, comment.time), []).append(comment)
        if comment.source == "word":
            self.by_person.setdefault((section.id, comment.person, None), []).append(comment)


def _known(review: PackReview, word: WordComment, section: Section, sections_of: dict[str, Section],
           known: _Known) -> str | None:
    """Our comment this Word comment is, if the export recorded it so and its words still say so (Word may
    number comments afresh when it saves, so the id alone is not trusted)."""
    ours = review.mapping.get(word.word_id)
    if ours is None or sections_of.get(ours) is not section:
        return None
    comment = known.by_id.get(ours)
    return ours if comment is not None and comment.text in clean_text(word.text, multiline=True) else None


def _matching(section: Section, word: WordComment, known: _Known) -> str | None:
    """A comment of the section this Word comment already is: the same author, words and date (any date,
    for a Word comment without one, if it came from Word). Our comment whose words were gone when it was
    exported carries a note saying so first (:data:`.comments_out.OUTDATED_NOTE`), as LibreOffice keeps it
    when it numbers the comments afresh and the Word-id map no longer fits."""
    text = clean_text(word.text, multiline=True)
    person = clean_text(word.author)
    noted = text.startswith(OUTDATED_NOTE.partition("{")[0])
    for comment in known.by_person.get((section.id, person, word.time), ()):
        if comment.text == text or noted and text.endswith("] " + comment.text):
            return comment.id
    return None


def _root(comment_id: str, known: _Known) -> str:
    by_id = known.by_id  # a thread's comments are all on its section
    comment, seen = by_id[comment_id], {comment_id}
    while comment.parent in by_id and comment.parent not in seen:
        comment = by_id[comment.parent]
        seen.add(comment.id)
    return comment.id


def _resolve(project: Project, actor: Actor, roots: dict[str, Section], now: datetime, made: datetime | None,
             problems: list[str]) -> int:
    """Resolve the threads Word marks done that nobody in the project has resolved or reopened since the
    pack was made (``made``; ``None``: ever); say which were left, and why."""
    count = 0
    grouped: dict[str, tuple[Section, list[str]]] = {}
    for root, section in roots.items():
        grouped.setdefault(section.id, (section, []))[1].append(root)
    for section, root_ids in grouped.values():
        chosen = _done_roots(project, section, root_ids, made, problems)
        added, refused = resolve_threads(project, actor, section, chosen, now)
        problems.extend(f"a comment thread Word marks done was left open: {why}" for why in refused)
        count += len(added)
    return count


def _done_roots(project: Project, section: Section, root_ids: list[str], made: datetime | None,
                problems: list[str]) -> list[str]:
    """Of the threads of ``section`` Word marks done, those nobody in the project has resolved or reopened
    since the pack was made; a reopening that stands is said in ``problems``."""
    latest: dict[str, CommentState] = {}
    for state in section.comment_states:
        if state.comment not in latest or state.time > latest[state.comment].time:
            latest[state.comment] = state
    texts = {comment.id: comment.text for comment in section.comments} if latest else {}
    chosen = []
    for root in root_ids:
        standing = latest.get(root)
        if standing is not None and (made is None or standing.time > made):  # decided in the project since: stands
            if standing.resolved:
                continue  # (resolved there too: nothing to say)
            text = texts.get(root, "")
            since = "after the pack was made" if made is not None else "(the pack does not say when it was made)"
            problems.append(f"a comment thread marked done in Word (“{_short(text)}”, section "
                            f"{project.number_of(section)}) was left as it is: "
                            f"{'resolved' if standing.resolved else 'reopened'} in the project by "
                            f"{project.org_label(standing.org)} on {standing.time:%Y-%m-%d %H:%M} UTC, {since}")
            continue
        chosen.append(root)
    return chosen
