"""Open comment threads written into a Word document as Word's own comments (a draft export, a partner pack).

Each open thread's first comment is anchored on its passage: ``w:commentRangeStart`` before the quoted
words, ``w:commentRangeEnd`` and a run holding ``w:commentReference`` after them, the runs split at the
anchor's character offsets (:func:`.core.comments.anchor`) with their formatting kept, in a paragraph, a
list item, a table cell or the heading. A comment on the whole section, and one whose words are no longer in
the text (its note says so, quoting them), is anchored on the section's heading. Replies are Word replies:
each is a comment of its own on the same range, threaded under the first by ``commentsExtended.xml``
(``w15:paraIdParent`` naming the ``w14:paraId`` of the first comment's last paragraph), as Word 2013 and
later write them. Resolved threads are left out: a draft shows what is still open.

Which Word comment is which of ours is recorded as space-separated ``WORDID=com-...`` pairs in a document
variable and a custom document property, both named :data:`COMMENTS_VARIABLE`, so that a pack sent back can
tell our comments from the ones a partner added (:mod:`.pack_review` reads them).

The comments part is written here as XML text, like the body (:mod:`.oxml`); python-docx 1.2 can add
comments too, but only on whole runs, and it knows nothing of replies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ..core.comments import ANCHORED, OUTDATED, threads
from ..core.content import Inline, ListItem, Paragraph, Span, Table
from ..core.errors import WyassemblerError
from ..core.model import Project, Section
from ..core.review_records import Comment
from . import oxml

COMMENTS_VARIABLE = "wyassembler.comments"
COMMENTS_EXTENDED_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
COMMENTS_EXTENDED_RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
MAX_INITIALS = 9  # w:initials, ST_String limited to 9 characters in the schema
OUTDATED_NOTE = "[on words no longer in the text: \u201c{quote}\u201d] "
_NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
               'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"')
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class CommentsRefused(WyassemblerError):
    """Comments asked for where they may not go (a final export, a public copy); nothing was written."""


def check_with_comments(draft: bool, public: bool, order: str = "outline") -> None:
    """Refuse, in one line, an export asked to carry comments that may not: the final response never carries
    them, nor does the public copy (a comment may quote a withheld section, or say what it withholds)."""
    if not draft:
        raise CommentsRefused("comments are never part of the final response: --with-comments needs --draft")
    if public:
        raise CommentsRefused("the public copy carries no comments (one could quote a withheld section): leave "
                              "out --with-comments, or --public")
    if order != "outline":
        raise CommentsRefused("comments are written on the sections in the outline's order: leave out "
                              "--order questions, or --with-comments")


@dataclass(frozen=True)
class WordComment:
    """One of our comments as a Word comment: its Word id, the ``w14:paraId`` of its last paragraph, the
    paraId of the first comment of its thread ("" for a first comment), and the text shown."""

    word_id: int
    comment: Comment
    para_id: str
    parent_para_id: str
    text: str


class SectionMarks:
    """Where a section's comment ranges start and end: XML to put before the character at each offset of
    the heading (:meth:`heading`) and of each block's text as :func:`.core.comments.block_texts` gives it
    (:meth:`block`). At one offset, the ranges ending there come before those starting there."""

    def __init__(self) -> None:
        self._places: dict[int | None, dict[int, tuple[list[str], list[str]]]] = {}  # block (None: heading)

    def add(self, start: tuple[int | None, int], end: tuple[int | None, int], starts: str, ends: str) -> None:
        """A range from ``start`` to ``end``, each (block, character offset in its text; block None: the
        heading): ``starts`` put at the one, ``ends`` at the other."""
        self._places.setdefault(start[0], {}).setdefault(start[1], ([], []))[1].append(starts)
        self._places.setdefault(end[0], {}).setdefault(end[1], ([], []))[0].append(ends)

    def heading(self) -> dict[int, str]:
        """The heading's marks by offset."""
        return self.block(None) or {}

    def block(self, index: int | None) -> dict[int, str] | None:
        """Block ``index``'s marks by offset, or None if it has none."""
        place = self._places.get(index)
        if not place:
            return None
        return {offset: "".join(ends) + "".join(starts) for offset, (ends, starts) in place.items()}

    def cells(self, index: int, table: Table) -> dict[tuple[int, int], dict[int, str]] | None:
        """Block ``index``'s marks (a table) per cell, ``(row, column)`` with the header row as row 0, at
        offsets in that cell's text; a mark on a cell's separator ends that cell's range."""
        marks = self.block(index)
        if not marks:
            return None
        rows = (table.header, *table.rows) if table.header else table.rows
        by_cell: dict[tuple[int, int], dict[int, str]] = {}
        start = 0
        for row_number, row in enumerate(rows):
            for column, cell in enumerate(row):
                end = start + sum(len(span.text) for span in cell)
                for offset, xml in marks.items():
                    if start <= offset <= end:
                        by_cell.setdefault((row_number, column), {})[offset - start] = xml
                start = end + 1  # the tab or line feed after the cell
        return by_cell


def marked(spans: Inline, marks: dict[int, str]) -> list[Span | str]:
    """``spans`` split at each mark's character offset (each piece keeping its span's formatting), with the
    mark's XML between the pieces; a mark past the end goes at the end."""
    offsets = sorted(marks)
    out: list[Span | str] = []
    position = next_mark = 0
    for span in spans:
        end = position + len(span.text)
        cut = position
        while next_mark < len(offsets) and offsets[next_mark] < end:
            at = offsets[next_mark]
            if at > cut:
                out.append(Span(span.text[cut - position:at - position], span.bold, span.italic, span.href))
                cut = at
            out.append(marks[at])
            next_mark += 1
        if end > cut:
            out.append(Span(span.text[cut - position:], span.bold, span.italic, span.href))
        position = end
    out.extend(marks[offset] for offset in offsets[next_mark:])
    return out


class CommentPlan:
    """The Word comments of ``sections``' open threads, numbered in outline order (each thread's first
    comment, then its replies), and the marks that anchor them (:meth:`marks_for`).

    ``in_controls``: each section is in a content control whose first paragraph is its heading (a partner
    pack). LibreOffice 7.4 drops the text and bookmarks of a control's first paragraph when a comment ends
    in it (seen, and saved so, with soffice --convert-to docx), so a range on the heading ends at the very
    start of the section's first paragraph, list item or table cell instead (Word marks the heading and its
    paragraph mark), or of an empty paragraph after its blocks when it has none (the member list alone)."""

    def __init__(self, project: Project, sections: list[Section], in_controls: bool = False) -> None:
        self.project = project
        self.in_controls = in_controls
        self.comments: list[WordComment] = []
        self._marks: dict[str, SectionMarks] = {}
        for section in sections:
            for thread in threads(section):
                if not thread.resolved:
                    self._add_thread(section, thread.root, thread.replies, thread.anchor)

    def _add_thread(self, section: Section, root: Comment, replies: list[Comment], anchor) -> None:
        marks = self._marks.setdefault(section.id, SectionMarks())
        if anchor.state == ANCHORED:
            block, start, end = anchor.block, anchor.start, anchor.end
        else:  # on the whole section, or its words are gone: the heading
            block, start, end = None, 0, len(section.heading)
        end_block = _first_text_block(section) if block is None and self.in_controls else block
        if end_block != block:
            end = 0
        note = OUTDATED_NOTE.format(quote=_short(root.quote)) if anchor.state == OUTDATED else ""
        first = self._add(root, "", note + root.text)
        ids = [first.word_id]
        for reply in replies:
            ids.append(self._add(reply, first.para_id, reply.text).word_id)
        # Word nests a thread's ranges: every start, then each end with its reference run.
        starts = "".join(f'<w:commentRangeStart w:id="{word_id}"/>' for word_id in ids)
        ends = "".join(f'<w:commentRangeEnd w:id="{word_id}"/><w:r><w:commentReference w:id="{word_id}"/></w:r>'
                       for word_id in ids)
        marks.add((block, start), (end_block, end), starts, ends)

    def _add(self, comment: Comment, parent_para_id: str, text: str) -> WordComment:
        word_id = len(self.comments)
        # w14:paraId: 8 hex digits below 0x80000000, unique in the document (our body paragraphs carry none).
        word = WordComment(word_id, comment, f"{word_id + 1:08X}", parent_para_id, text)
        self.comments.append(word)
        return word

    def marks_for(self, section: Section) -> SectionMarks | None:
        """Where ``section``'s comment ranges go, or None if it has no open thread."""
        return self._marks.get(section.id)

    def mapping(self) -> str:
        """``WORDID=com-...`` pairs, space-separated: which Word comment is which of ours."""
        return " ".join(f"{word.word_id}={word.comment.id}" for word in self.comments)

    def properties(self) -> dict[str, str]:
        """The custom document properties the document carries ({} without comments)."""
        return {COMMENTS_VARIABLE: self.mapping()} if self.comments else {}

    def write(self, document: Document) -> None:
        """Add the comments part, the threads' part and the document variable to ``document`` (nothing
        without comments). Call once its body, with this plan's marks, is in place."""
        if not self.comments:
            return
        package = document.part.package
        comments = Part(PackURI("/word/comments.xml"), CT.WML_COMMENTS, self.comments_xml().encode(), package)
        document.part.relate_to(comments, RT.COMMENTS)
        extended = Part(PackURI("/word/commentsExtended.xml"), COMMENTS_EXTENDED_TYPE,
                        self.extended_xml().encode(), package)
        document.part.relate_to(extended, COMMENTS_EXTENDED_RELATIONSHIP)
        oxml.set_document_variables(document.settings.element, {COMMENTS_VARIABLE: self.mapping()})

    def comments_xml(self) -> str:
        """``word/comments.xml``: each comment's author, initials, date and paragraphs."""
        return (f'{_DECLARATION}<w:comments {_NAMESPACES} mc:Ignorable="w14 w15">'
                + "".join(self._comment_xml(word) for word in self.comments) + "</w:comments>")

    def _comment_xml(self, word: WordComment) -> str:
        comment = word.comment
        date = comment.time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines = word.text.split("\n")
        paragraphs = []
        for index, line in enumerate(lines):
            para_id = f' w14:paraId="{word.para_id}"' if index == len(lines) - 1 else ""
            reference = "<w:r><w:annotationRef/></w:r>" if index == 0 else ""
            paragraphs.append(f"<w:p{para_id}>{reference}{oxml.run(line) if line else ''}</w:p>")
        # The author is the person alone, as a comment read back from Word is (pack_comments matches a comment
        # it already has by author, words and date when a save renumbered the ids: LibreOffice does); the
        # organisation stands in the initials, which Word shows with the comment's number ("[Kirklees1]").
        initials = self._org_initials(comment.org) if comment.org else _initials(comment.person)
        return (f'<w:comment w:id="{word.word_id}" w:author="{oxml.escape(comment.person)}" w:date="{date}" '
                f'w:initials="{oxml.escape(initials)}">{"".join(paragraphs)}</w:comment>')

    def _org_initials(self, org_id: str) -> str:
        """An organisation as a comment's initials (at most nine characters, as the schema allows): its short
        name if it fits, else the initials of its name ("Calderdale Metropolitan Borough Council": CMBC)."""
        label = self.project.org_label(org_id)
        if len(label) <= MAX_INITIALS:
            return label
        name = next((org.name for org in self.project.organisations if org.id == org_id), label)
        return _initials(name)

    def extended_xml(self) -> str:
        """``word/commentsExtended.xml``: each reply's thread, and that every thread written is open."""
        entries = "".join(
            f'<w15:commentEx w15:paraId="{word.para_id}"'
            + (f' w15:paraIdParent="{word.parent_para_id}"' if word.parent_para_id else "")
            + ' w15:done="0"/>' for word in self.comments)
        return f'{_DECLARATION}<w15:commentsEx {_NAMESPACES} mc:Ignorable="w14 w15">{entries}</w15:commentsEx>'


def _first_text_block(section: Section) -> int:
    """The index of the section's first paragraph, list item or table, or one past its last block if it has
    none of those (no block, or the member list alone): a pack then adds an empty paragraph there, so that
    no range ends in the heading (the member list's paragraphs take no marks)."""
    kinds = (Paragraph, ListItem, Table)
    return next((index for index, block in enumerate(section.blocks) if isinstance(block, kinds)),
                len(section.blocks))


def _initials(person: str) -> str:
    """The initials of a name ("J. Smith" -> "JS"), at most nine letters."""
    letters = "".join(word[0] for word in person.replace(".", " ").split() if word[0].isalnum())
    return letters[:MAX_INITIALS].upper()


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"
