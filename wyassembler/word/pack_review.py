"""What a partner marked for review in a returned pack: Word's tracked changes and comments.

A reviewer's tracked changes are meant for the owner to decide, so a pack's section is read twice
(see :func:`section_views`): with every change *rejected* (the partner's untracked edits, brought in
as any edit) and with every change *accepted* (the proposed version the owner accepts or rejects).
Both views are deep copies of the section's elements with no tracked-change markup left, which
:class:`.body_reader.BodyReader` reads as it reads any text. :func:`tracked_changes` lists the changes
as Word recorded them (kind, author, date, words).

Word's comments (``word/comments.xml``, threaded and marked done in ``word/commentsExtended.xml``) are
read by :func:`read_word_comments`; where each one stands, and the words it is about, by
:func:`comment_places` and :func:`comment_quotes` over a section's elements.

Everything here is linear in the size of the document: each element is visited a bounded number of
times and each parent's children are rebuilt at most once, whatever the number of changes.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from ..core.content import Blocks, clean_heading, content_hash, normalize_blocks
from ..core.errors import ContentError
from ..core.model import Revision, Section
from ..core.review_records import (MAX_COMMENT_CHARACTERS, MAX_NAME_CHARACTERS, MAX_QUOTE_CHARACTERS,
                                   Proposal, TrackedChange)
from ..core.text import clean_text
from .wordml import (BR, CR, DEL, INS, MOVE_FROM, MOVE_TO, P, PPR, PPR_CHANGE, R, RPR, RPR_CHANGE,
                     SDT, SECT_PR, T, TAB, TBL, TBL_PR, TC, TCPR, TR, TRPR, w_tag)

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
# Which Word comment is which of ours, in a document exported with comments: "WORDID=com-xxxx ...".
COMMENT_MAPPING = "wyassembler.comments"

DEL_TEXT, DEL_INSTR, INSTR_TEXT = w_tag("delText"), w_tag("delInstrText"), w_tag("instrText")
CELL_INS, CELL_DEL, CELL_MERGE = w_tag("cellIns"), w_tag("cellDel"), w_tag("cellMerge")
NUMPR = w_tag("numPr")
TRPR_CHANGE, TCPR_CHANGE, TBL_PR_CHANGE = w_tag("trPrChange"), w_tag("tcPrChange"), w_tag("tblPrChange")
TBL_PR_EX, TBL_PR_EX_CHANGE = w_tag("tblPrEx"), w_tag("tblPrExChange")
SECT_PR_CHANGE, TBL_GRID_CHANGE, NUMBERING_CHANGE = (w_tag("sectPrChange"), w_tag("tblGridChange"),
                                                     w_tag("numberingChange"))
RANGE_START, RANGE_END, COMMENT_REF = (w_tag("commentRangeStart"), w_tag("commentRangeEnd"),
                                       w_tag("commentReference"))
COMMENT = w_tag("comment")
AUTHOR, DATE, ID, INITIALS = w_tag("author"), w_tag("date"), w_tag("id"), w_tag("initials")

_MARKS = (INS, DEL, MOVE_FROM, MOVE_TO)  # as wrappers of content, or as marks in a property element
_MARK_PARENTS = frozenset((RPR, TRPR, NUMPR))  # where the same four are marks, not wrappers
# A property element and the tracked change of it that it may hold.
_PROPERTY_CHANGES = {PPR: PPR_CHANGE, RPR: RPR_CHANGE, TRPR: TRPR_CHANGE, TCPR: TCPR_CHANGE,
                     TBL_PR: TBL_PR_CHANGE, TBL_PR_EX: TBL_PR_EX_CHANGE}
# Changes that leave nothing the reader uses either way: dropped from both views.
_DROPPED_CHANGES = frozenset((SECT_PR_CHANGE, TBL_GRID_CHANGE, NUMBERING_CHANGE, CELL_MERGE))
TRACKED_TAGS = (*_MARKS, CELL_INS, CELL_DEL, CELL_MERGE, *_PROPERTY_CHANGES.values(), *_DROPPED_CHANGES)
_KINDS = {INS: "insertion", DEL: "deletion", MOVE_FROM: "move", MOVE_TO: "move", CELL_INS: "insertion",
          CELL_DEL: "deletion"}
MAX_TRACKED_TEXT = 200
# More comments than any review leaves; a part with more is not read (the text still comes in).
MAX_WORD_COMMENTS = 10_000
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


class CommentsUnreadable(ValueError):
    """The pack's comments part cannot be read; the message says why in one sentence."""


# -- tracked changes ----------------------------------------------------------------------------

def has_tracked_changes(elements: Iterable) -> bool:
    """Whether any of ``elements`` holds a tracked change of any kind."""
    return any(next(element.iter(*TRACKED_TAGS), None) is not None for element in elements)


def tracked_changes(elements: Iterable) -> list[TrackedChange]:
    """Word's tracked changes in ``elements``, in document order: kind (insertion, deletion, move,
    formatting), author, date (``None`` if missing or unreadable) and the words (at most 200
    characters). A paragraph break inserted or deleted along with words next to it, by the same
    person at the same time, counts with them; alone, its words are a pilcrow."""
    found: list[tuple[TrackedChange, bool]] = []  # each change, and whether it is a paragraph mark's
    for element in elements:
        for change in element.iter(*TRACKED_TAGS):
            parent = change.getparent()
            in_properties = parent is not None and parent.tag in _MARK_PARENTS
            kind = _KINDS.get(change.tag, "formatting")
            if change.tag in _MARKS and not in_properties:  # a wrapper of inserted, deleted or moved content
                found.append((TrackedChange(kind, _author(change), _time(change.get(DATE)), _text(change)), False))
            elif change.tag in _MARKS and parent.tag == RPR:  # a paragraph mark's
                found.append((TrackedChange(kind, _author(change), _time(change.get(DATE)), "\u00b6"), True))
            else:  # formatting, a numbering change, a table row or cell inserted or deleted
                kind = "formatting" if parent is not None and parent.tag == NUMPR else kind
                found.append((TrackedChange(kind, _author(change), _time(change.get(DATE)),
                                            _text(_holder_of(change))), False))
    return [change for index, (change, mark) in enumerate(found)
            if not mark or not any(0 <= near < len(found) and not found[near][1]
                                   and _same_change(found[near][0], change) for near in (index - 1, index + 1))]


def _same_change(a: TrackedChange, b: TrackedChange) -> bool:
    return (a.kind, a.author, a.time) == (b.kind, b.author, b.time)


def _holder_of(change):
    """The element whose words a mark or property change is about: its run, row, cell or paragraph."""
    element = change.getparent()
    while element is not None and element.tag not in (R, P, TR, TC, TBL):
        element = element.getparent()
    return element


def _author(element) -> str:
    """Word's author of a change or comment, cleaned and as long as a name may be; "Unknown author" if none."""
    return clean_text(element.get(AUTHOR) or "")[:MAX_NAME_CHARACTERS] or "Unknown author"


def _text(element, limit: int = MAX_TRACKED_TEXT) -> str:
    """The words in ``element`` (inserted or deleted), shortened to ``limit`` characters."""
    if element is None:
        return ""
    pieces: list[str] = []
    size = 0
    for node in element.iter(T, DEL_TEXT, TAB, BR, CR):
        piece = node.text or "" if node.tag in (T, DEL_TEXT) else (" " if node.tag == TAB else "\n")
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            break
    text = clean_text("".join(pieces), multiline=True)
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _time(value: str | None) -> datetime | None:
    """A Word date (ISO 8601, UTC when it says no zone), or ``None`` if missing, unreadable, or a time no
    project file holds (years 1000 to 9999 in UTC: another would make every save refused)."""
    if not value:
        return None
    try:
        time = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        time = time.replace(tzinfo=UTC) if time.tzinfo is None else time.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return time if 1000 <= time.year <= 9999 else None


# -- the two views ------------------------------------------------------------------------------

def unwrap_block_changes(body) -> int:
    """Take away the tracked changes wrapped round whole paragraphs, tables or content controls at the top
    of the body (Word writes none there: a change holds runs, or marks a paragraph's mark), leaving what they
    held in place; returns how many, to report as not applied. One round a section's box hid it from the
    box's reading, and read by its bookmarks instead, rejecting the "insertion" emptied the section."""
    count = 0
    pending = [element for element in body if _wraps_blocks(element)]
    while pending:
        element = pending.pop()
        children = list(element)
        for child in children:
            element.addprevious(child)
        body.remove(element)
        count += 1
        pending += [child for child in children if _wraps_blocks(child)]  # one wrapped in another
    return count


def _wraps_blocks(element) -> bool:
    """A tracked change holding a paragraph, table or content control (directly, or in one it holds)."""
    return element.tag in _MARKS and any(child.tag in (P, TBL, SDT) or _wraps_blocks(child) for child in element)


def accepted_view(elements: Iterable) -> list:
    """Deep copies of ``elements`` with every tracked change accepted and no change markup left."""
    return _view(elements, accept=True)


def rejected_view(elements: Iterable) -> list:
    """Deep copies of ``elements`` with every tracked change rejected: insertions gone, deletions back
    as text, moves back, a paragraph break inserted joining its paragraph to the next, inserted table
    rows and cells gone, deleted ones kept, formatting as it was before."""
    return _view(elements, accept=False)


def _view(elements: Iterable, accept: bool) -> list:
    holder = etree.Element(w_tag("body"))
    holder.extend(copy.deepcopy(element) for element in elements)
    _settle(holder, accept)
    if not accept:
        for node in list(holder.iter(DEL_TEXT, DEL_INSTR)):  # deleted words kept: text again
            node.tag = T if node.tag == DEL_TEXT else INSTR_TEXT
    return list(holder)


def _settle(parent, accept: bool) -> None:
    """Settle every tracked change below ``parent`` one way, rebuilding each parent's children once."""
    out: list = []
    changed = False
    pending: list = []  # the content of paragraphs whose mark is gone, for the next paragraph
    joined = None  # the last such paragraph, kept if no paragraph follows
    for child, flattened in _children(parent, accept):
        changed = changed or flattened
        if child is None:
            continue
        tag = child.tag
        if tag in _MARKS or tag in _DROPPED_CHANGES:  # a mark or change already read by its owner
            changed = True
            continue
        if tag == TR and _dropped_row(child, accept) or tag == TC and _dropped_cell(child, accept):
            changed = True
            continue
        mark_gone = _mark_gone(child, accept) if tag == P else False
        change_tag = _PROPERTY_CHANGES.get(tag)
        if change_tag is not None:
            _settle_properties(child, change_tag, accept)
        if len(child):
            _settle(child, accept)
        if mark_gone:
            changed = True
            pending.extend(node for node in child if node.tag != PPR)
            joined = (child, len(out))
            continue
        if pending and tag == P:
            properties = [child[0]] if len(child) and child[0].tag == PPR else []
            child[:] = properties + pending + list(child)[len(properties):]
            pending, joined = [], None
        elif pending and joined is not None and tag in (TBL, SDT):
            out.append(_joined_paragraph(joined[0], pending))  # kept before what breaks the flow
            pending, joined = [], None
        out.append(child)
    if pending and joined is not None:
        out.insert(joined[1], _joined_paragraph(joined[0], pending))
    if changed:
        parent[:] = out


def _children(parent, accept: bool) -> Iterator[tuple]:
    """``parent``'s children, a kept tracked wrapper's children in its place and a rejected one's
    left out; each with whether a wrapper was met on the way."""
    if parent.tag in _MARK_PARENTS:
        for child in parent:
            yield child, False
        return
    for child in parent:
        tag = child.tag
        if tag in _MARKS:
            if (tag in (INS, MOVE_TO)) == accept:
                for grandchild, _ in _children(child, accept):
                    yield grandchild, True
            yield None, True  # the wrapper itself: never kept
        else:
            yield child, False


def _mark_gone(p, accept: bool) -> bool:
    """Whether paragraph ``p``'s mark is gone in this view (deleted and accepted, or inserted and
    rejected): its content then joins the next paragraph's."""
    ppr = p[0] if len(p) and p[0].tag == PPR else None
    rpr = ppr.find(RPR) if ppr is not None else None
    if rpr is None:
        return False
    gone = False
    for mark in rpr:
        if mark.tag in _MARKS:
            gone = gone or (mark.tag in (DEL, MOVE_FROM)) == accept
    return gone


def _dropped_row(tr, accept: bool) -> bool:
    trpr = tr.find(TRPR)
    if trpr is None:
        return False
    return any((mark.tag in (DEL, MOVE_FROM)) == accept for mark in trpr if mark.tag in _MARKS)


def _dropped_cell(tc, accept: bool) -> bool:
    tcpr = tc.find(TCPR)
    if tcpr is None:
        return False
    dropped = tcpr.find(CELL_DEL if accept else CELL_INS) is not None
    for mark in [m for m in tcpr if m.tag in (CELL_INS, CELL_DEL, CELL_MERGE)]:
        tcpr.remove(mark)
    return dropped


def _settle_properties(properties, change_tag: str, accept: bool) -> None:
    """A property element with a tracked change of it: as it is now (accepted) or as it was (rejected:
    the change's recorded properties, keeping what that record never holds: a paragraph's run
    properties and section break, a paragraph mark's tracked marks)."""
    change = properties.find(change_tag)
    if change is None:
        return
    if accept:
        properties.remove(change)
        return
    before = list(change[0]) if len(change) else []
    marks = [child for child in properties if child.tag in _MARKS]
    kept = [child for child in properties if properties.tag == PPR and child.tag in (RPR, SECT_PR)]
    properties[:] = marks + before + kept


def _joined_paragraph(paragraph, content: list):
    """``paragraph`` (whose mark was gone) holding ``content``: where nothing follows to join."""
    properties = [paragraph[0]] if len(paragraph) and paragraph[0].tag == PPR else []
    paragraph[:] = properties + content
    return paragraph


# -- a pack brought in again --------------------------------------------------------------------

def revision_brought_in(section: Section, base_id: str, heading: str | None, blocks: Blocks) -> Revision | None:
    """The revision made since ``base_id`` (the one the pack was made from) that holds this text already:
    the pack's untracked edits were brought in before (the latest such revision), so they are no news and
    no conflict now; ``None`` if none does. ``heading`` ``None`` is the base's heading."""
    ids = [revision.id for revision in section.revisions]
    if base_id not in ids:
        return None
    at = ids.index(base_id)
    try:
        wanted = content_hash(clean_heading(heading) if heading is not None else section.revisions[at].heading,
                              normalize_blocks(blocks))
    except ContentError:
        return None
    return next((revision for revision in reversed(section.revisions[at + 1:]) if revision.hash == wanted), None)


def proposed_before(section: Section, heading: str, blocks: Blocks) -> Proposal | None:
    """A proposal recorded for ``section`` (open or decided) with this text, whatever revision it was on."""
    wanted = normalize_blocks(blocks)
    return next((proposal for proposal in section.proposals
                 if proposal.heading == heading and proposal.blocks == wanted), None)


# -- comments -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class WordComment:
    """One comment of ``word/comments.xml``: its Word id, author (cleaned; "Unknown author" if none),
    date (``None`` if missing or unreadable), text, the Word id of the comment it answers ("" if none)
    and whether Word marks its thread done."""

    word_id: str
    author: str
    time: datetime | None
    text: str
    parent: str = ""
    done: bool = False
    shortened: bool = False  # its text was longer than a comment may be


@dataclass
class PackReview:
    """A pack's Word comments, which Word comment is which of ours (from an export with comments), how
    many tracked changes stand outside every section, and why the comments could not be read, if so."""

    comments: list[WordComment] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    outside_tracked: int = 0
    problem: str = ""


def review_pack(document, mapping: str, outside: Iterable) -> PackReview:
    """The :class:`PackReview` of a pack document; ``mapping`` is its ``wyassembler.comments`` value and
    ``outside`` the body elements outside every section."""
    try:
        comments, problem = read_word_comments(document), ""
    except CommentsUnreadable as error:
        comments, problem = [], f"{error}; none of its Word comments were imported (its text was)"
    return PackReview(comments, comment_mapping(mapping), len(tracked_changes(outside)), problem)


def read_word_comments(document) -> list[WordComment]:
    """The comments of the pack's comments part, threaded and marked done by its commentsExtended part;
    [] if it has none. Raises :class:`CommentsUnreadable` for a part that is damaged or holds more
    comments than any review leaves."""
    part = _related_part(document.part, RT_COMMENTS)
    if part is None:
        return []
    root = _part_root(part, "comments")
    comments = root.findall(COMMENT)
    if len(comments) > MAX_WORD_COMMENTS:
        raise CommentsUnreadable(f"the pack holds {len(comments):,} Word comments, more than the "
                                 f"{MAX_WORD_COMMENTS:,} an import takes")
    threads = _threads(document.part)
    by_paragraph: dict[str, str] = {}  # a comment's last paragraph's w14:paraId -> its Word id
    read: list[tuple[WordComment, str]] = []
    for element in comments:
        word_id = element.get(ID, "")
        paragraphs = element.findall(P)
        para_id = paragraphs[-1].get(f"{{{W14}}}paraId", "") if paragraphs else ""
        if para_id:
            by_paragraph[para_id] = word_id
        text = "\n".join(_text(p, MAX_COMMENT_CHARACTERS + 1) for p in paragraphs).strip()
        shortened = len(text) > MAX_COMMENT_CHARACTERS
        if shortened:
            text = text[:MAX_COMMENT_CHARACTERS - 1] + "\u2026"
        read.append((WordComment(word_id, _author(element),
                                 _time(element.get(DATE)), text or "(a Word comment with no text)",
                                 shortened=shortened), para_id))
    result = []
    for comment, para_id in read:
        parent_para, done = threads.get(para_id, ("", False))
        parent = by_paragraph.get(parent_para, "") if parent_para else ""
        result.append(WordComment(comment.word_id, comment.author, comment.time, comment.text,
                                  parent if parent != comment.word_id else "", done, comment.shortened))
    return result


def _threads(document_part) -> dict[str, tuple[str, bool]]:
    """paraId -> (its parent's paraId, done) from the commentsExtended part, if any."""
    part = _related_part(document_part, RT_COMMENTS_EXTENDED)
    if part is None:
        return {}
    found = {}
    for entry in _part_root(part, "comment replies").iter(f"{{{W15}}}commentEx"):
        para_id = entry.get(f"{{{W15}}}paraId", "")
        if para_id:
            found[para_id] = (entry.get(f"{{{W15}}}paraIdParent", ""),
                              entry.get(f"{{{W15}}}done", "0").lower() in ("1", "true", "on"))
    return found


def _related_part(source_part, reltype: str):
    for rel in source_part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _part_root(part, name: str):
    """The root element of ``part``: python-docx's parsed tree, else its bytes parsed safely."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:
        return etree.fromstring(part.blob, _SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        raise CommentsUnreadable(f"the pack's {name} part is damaged ({error.msg})") from None


def comment_mapping(value: str) -> dict[str, str]:
    """Word comment id -> our comment id, from the ``wyassembler.comments`` value an export with comments
    records (a document variable, and a custom property LibreOffice keeps): ``WORDID=com-...`` pairs."""
    mapping: dict[str, str] = {}
    for pair in value.split():
        word_id, _, ours = pair.partition("=")
        if word_id and ours:
            mapping.setdefault(word_id, ours)
    return mapping


def comment_places(elements: Iterable) -> set[str]:
    """The Word ids of the comments that start in ``elements`` (their range, or their reference mark
    where there is no range)."""
    found: set[str] = set()
    for element in elements:
        for mark in element.iter(RANGE_START, COMMENT_REF):
            found.add(mark.get(ID, ""))
    return found


def comment_quotes(elements: Iterable) -> dict[str, str]:
    """Word comment id -> the words between its range's start and end in ``elements`` (paragraphs
    apart by a line feed, at most :data:`MAX_QUOTE_CHARACTERS`). The text is read once and each range
    keeps its offsets (a range without its end runs to the end): thousands of ranges over thousands of
    empty runs took a step per range per run."""
    pieces: list[str] = []
    size = 0
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    tags = (RANGE_START, RANGE_END, T, TAB, BR, CR, P)
    for element in elements:
        for event, node in etree.iterwalk(element, events=("start", "end"), tag=tags):
            tag = node.tag
            if tag == RANGE_START and event == "start":
                starts.setdefault(node.get(ID, ""), size)
            elif tag == RANGE_END and event == "start":
                word_id = node.get(ID, "")
                if word_id in starts:
                    ends.setdefault(word_id, size)
            elif event == "start" and tag != P or tag == P and event == "end":
                piece = node.text or "" if tag == T else ("\t" if tag == TAB else "\n")
                pieces.append(piece)
                size += len(piece)
    text = "".join(pieces)
    window = 2 * MAX_QUOTE_CHARACTERS  # enough words for the quote once its spaces are tidied
    return {word_id: clean_text(text[start:min(ends.get(word_id, size), start + window)],
                                multiline=True)[:MAX_QUOTE_CHARACTERS]
            for word_id, start in starts.items()}

