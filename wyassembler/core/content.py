"""The content model: what a section may hold, its canonical form and its hash.

A section's content is a tuple of blocks:

* :class:`Paragraph` - a run of inline spans;
* :class:`ListItem` - a bulleted or numbered item at level 1 to 3, a numbered one perhaps starting
  a new list at a given number (:mod:`.lists` numbers them);
* :class:`Table` - an optional header row plus rows of inline cells;
* :class:`MemberList` - a placeholder the exporter fills with the partnership's
  member organisations, so the list is generated, never typed.

Inline text is a tuple of :class:`Span`, each plain, bold, italic or a link; its text may hold a
line feed (a hard line break) and a tab, never other control characters.
Nothing else is stored: no raw HTML, no styles, no images.  Everything is
immutable, so a content value can be shared between revisions and undo steps.

The canonical form is compact JSON with a fixed shape; its SHA-256 is the
content hash that revisions record and sign-offs are checked against.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import ContentError
from .text import check_text_size, clean_text as clean_field, has_illegal_characters, utf8_size

MAX_LIST_LEVEL = 3
LIST_KINDS = ("bullet", "number")
# Word numbers a list from 0 to 32767 (w:start); nobody starts a list anywhere near that.
MAX_LIST_START = 32767
LINK_SCHEMES = ("http://", "https://", "mailto:")
# Longer than any address a browser or Word keeps; a limit also stops one reference-style Markdown
# link, repeated, from multiplying a long target into a file too large to open.
MAX_HREF_CHARS = 4096


def clean_text(text: str) -> str:
    """Inline text as stored: nothing XML cannot carry, every kind of line break a line feed (a hard
    break), tabs kept, spaces at the ends kept (see :func:`.text.clean_text`, the one rule for every
    string)."""
    return clean_field(text, multiline=True, strip=False)


def check_href(href: str) -> str:
    """Return ``href`` stripped, or raise :class:`ContentError` if it is not a web or mail link."""
    href = href.strip()
    scheme = next((s for s in LINK_SCHEMES if href.lower().startswith(s)), None)
    if scheme is None or len(href) == len(scheme):
        raise ContentError(f"link target {href!r} is not a web (http, https) or mailto: address")
    if len(href) > MAX_HREF_CHARS:
        raise ContentError(f"a link target of {len(href):,} characters is over the {MAX_HREF_CHARS:,} a link may have")
    if any(ch.isspace() for ch in href) or has_illegal_characters(href):
        raise ContentError(f"link target {href!r} contains spaces or control characters")
    return scheme + href[len(scheme):]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of inline text with one formatting: bold, italic, and/or a link target."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    def same_format(self, other: Span) -> bool:
        return (self.bold, self.italic, self.href) == (other.bold, other.italic, other.href)


Inline = tuple[Span, ...]


def normalize_inline(spans: Iterable[Span]) -> Inline:
    """Canonical inline text: clean text, valid links, adjacent alike spans merged, no empty spans,
    no leading or trailing whitespace. Raises :class:`.text.TextTooLong` for more text than a
    project file can hold in one paragraph, list item or cell."""
    # Alike spans are gathered and joined once: adding each to the last would copy the text so far
    # every time, quadratic in a paragraph that Word split into many runs.
    runs: list[tuple[Span, list[str]]] = []
    for span in spans:
        text = clean_text(span.text)
        if not text:
            continue
        href = check_href(span.href) if span.href is not None else None
        form = Span("", bool(span.bold), bool(span.italic), href)
        if runs and runs[-1][0].same_format(form):
            runs[-1][1].append(text)
        else:
            runs.append((form, [text]))
    merged = [Span("".join(texts), form.bold, form.italic, form.href) for form, texts in runs]
    check_text_size(sum(utf8_size(span.text) for span in merged), "a paragraph, list item or table cell")
    if merged:
        first = merged[0]
        merged[0] = Span(first.text.lstrip(), first.bold, first.italic, first.href)
        last = merged[-1]
        merged[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.href)
        merged = [s for s in merged if s.text]
    return tuple(merged)


def plain(text: str) -> Inline:
    """Inline text of one plain span."""
    return normalize_inline([Span(text)])


def inline_text(spans: Inline) -> str:
    """The text of inline spans without formatting."""
    return "".join(span.text for span in spans)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph."""

    spans: Inline

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", normalize_inline(self.spans))


@dataclass(frozen=True, slots=True)
class ListItem:
    """One bulleted or numbered list item; consecutive items form one list (see :mod:`.lists`).

    ``start`` (numbered items only) makes the item begin a new list numbered from ``start``; without
    it an item continues the list open at its level, or begins one at 1.
    """

    spans: Inline
    kind: str = "bullet"
    level: int = 1
    start: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in LIST_KINDS:
            raise ContentError(f"list kind {self.kind!r} is not one of {', '.join(LIST_KINDS)}")
        if not isinstance(self.level, int) or not 1 <= self.level <= MAX_LIST_LEVEL:
            raise ContentError(f"list level {self.level!r} is outside 1 to {MAX_LIST_LEVEL}")
        check_list_start(self.kind, self.start)
        object.__setattr__(self, "spans", normalize_inline(self.spans))


def check_list_start(kind: str, start: object) -> None:
    """Raise :class:`ContentError` unless ``start`` is None or a number a numbered list can start at."""
    if start is None:
        return
    if kind != "number":
        raise ContentError("only a numbered list item can start a list at a number")
    if isinstance(start, bool) or not isinstance(start, int) or not 0 <= start <= MAX_LIST_START:
        raise ContentError(f"a list cannot start at {start!r}: use a number from 0 to {MAX_LIST_START}")


@dataclass(frozen=True, slots=True)
class Table:
    """A simple table: an optional header row and body rows of inline cells, all rows equally wide.

    ``header`` is empty for a table without a header row; then the widest row sets the width (and
    ``check`` reports an error, a table without headers being hard to read with a screen reader and
    failing PDF/UA: see :mod:`.accessibility`). With a
    header row, no row may be wider than it.
    """

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...] = ()

    def __post_init__(self) -> None:
        header = tuple(normalize_inline(cell) for cell in self.header)
        body = [[normalize_inline(cell) for cell in row] for row in self.rows]
        width = len(header) or max((len(cells) for cells in body), default=0)
        if not width:
            raise ContentError("a table needs at least one cell")
        rows = []
        for cells in body:
            if len(cells) > width:
                raise ContentError(f"a table row has {len(cells)} cells but the header has {width}")
            cells.extend(() for _ in range(width - len(cells)))
            rows.append(tuple(cells))
        object.__setattr__(self, "header", header)
        object.__setattr__(self, "rows", tuple(rows))

    @property
    def has_header(self) -> bool:
        """Whether the table has a header row."""
        return bool(self.header)

    @property
    def width(self) -> int:
        """The number of columns."""
        return len(self.header) or len(self.rows[0])


@dataclass(frozen=True, slots=True)
class MemberList:
    """Where the list of member organisations goes; filled from the organisation list on output."""

    # Dataclasses need a field to compare sensibly; every member list equals every other.
    kind: str = field(default="members", init=False)


Block = Paragraph | ListItem | Table | MemberList


def unchecked(cls: type, **fields: object) -> Block:
    """Build a block without normalising it: only for content whose hash is checked right after
    (reading a project file), where normalising every span again would double the load time."""
    block: Block = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(block, name, value)
    return block


def renormalize(blocks: Iterable[Block]) -> Blocks:
    """Rebuild blocks through their checking constructors (for content that failed its hash check)."""
    rebuilt: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            rebuilt.append(Paragraph(block.spans))
        elif isinstance(block, ListItem):
            rebuilt.append(ListItem(block.spans, block.kind, block.level, block.start))
        elif isinstance(block, Table):
            rebuilt.append(Table(block.header, block.rows))
        else:
            rebuilt.append(block)
    return normalize_blocks(rebuilt)
Blocks = tuple[Block, ...]


def normalize_blocks(blocks: Iterable[Block]) -> Blocks:
    """Drop empty paragraphs and list items, and a ``start`` of 1 on an item that begins a list at 1
    anyway (so content that shows the same hashes the same); check every block is one the model knows."""
    result: list[Block] = []
    redundant_start = False
    for block in blocks:
        if isinstance(block, (Paragraph, ListItem)):
            if block.spans:
                result.append(block)
                redundant_start = redundant_start or isinstance(block, ListItem) and block.start == 1
        elif isinstance(block, (Table, MemberList)):
            result.append(block)
        else:
            raise ContentError(f"{type(block).__name__} is not part of the content model")
    if redundant_start:
        from .lists import without_redundant_starts  # (lists builds on this module: imported when needed)

        return without_redundant_starts(result)
    return tuple(result)


# -- canonical form ---------------------------------------------------------

CANONICAL_VERSION = "wyassembler-section/1"


def _canon_inline(spans: Inline) -> list:
    return [
        [span.text, ("b" if span.bold else "") + ("i" if span.italic else ""), span.href]
        for span in spans
    ]


def canonical_block(block: Block) -> list:
    """The JSON-ready canonical form of one block."""
    if isinstance(block, Paragraph):
        return ["p", _canon_inline(block.spans)]
    if isinstance(block, ListItem):
        # A start number is appended only when there is one, so content without any hashes as before.
        start = [] if block.start is None else [block.start]
        return ["li", block.kind, block.level, _canon_inline(block.spans), *start]
    if isinstance(block, Table):
        return [
            "table",
            [_canon_inline(cell) for cell in block.header],
            [[_canon_inline(cell) for cell in row] for row in block.rows],
        ]
    if isinstance(block, MemberList):
        return ["members"]
    raise ContentError(f"{type(block).__name__} is not part of the content model")


def canonical_json(value: object) -> bytes:
    """Compact, key-sorted UTF-8 JSON: the one byte form every hash in the project is taken of."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def section_canonical(heading: str, blocks: Blocks) -> list:
    """The canonical form of a section's heading and content."""
    return [CANONICAL_VERSION, heading, [canonical_block(b) for b in blocks]]


# hashlib lets go of the GIL for any input of 2 KB or more. For a section's few kilobytes that buys
# nothing and costs the UI thread: a worker hashing thousands of sections (the recovery writer, a save,
# a merge) let go and took back the GIL thousands of times, and the window stalled 75-175 ms at a time
# at 5,000 sections. Small inputs are fed in pieces that keep the GIL; large ones still let it go.
_KEEP_GIL_UP_TO = 64 * 1024
_PIECE = 2047  # hashlib's GIL_MINSIZE is 2048


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as hex."""
    if len(data) > _KEEP_GIL_UP_TO:
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    view = memoryview(data)
    for start in range(0, len(data), _PIECE):
        digest.update(view[start:start + _PIECE])
    return digest.hexdigest()


# canonical_json's settings, made once, without the check for a value that holds itself: that keeps a
# record of every list entered (a sixth of the encoding time), and the canonical form of a section is new
# lists of strings and numbers, which cannot hold themselves. The bytes are canonical_json's.
_ACYCLIC_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                                    check_circular=False)


def canonical_json_acyclic(value: object) -> bytes:
    """:func:`canonical_json` of a value known to hold no list or dict that holds itself (one that did
    would recurse until Python's limit rather than be refused at once)."""
    return _ACYCLIC_ENCODER.encode(value).encode("utf-8")


def content_hash(heading: str, blocks: Blocks) -> str:
    """SHA-256 (hex) of a section's canonical heading and content."""
    return sha256_hex(canonical_json_acyclic(section_canonical(heading, blocks)))


def clean_heading(heading: str) -> str:
    """A heading as stored: one line of clean text, never empty."""
    heading = clean_field(heading)
    if not heading:
        raise ContentError("a section heading cannot be empty")
    return heading


def iter_spans(blocks: Iterable[Block]) -> Iterator[Span]:
    """Every inline span of some content, in reading order (table cells row by row)."""
    for block in blocks:
        if isinstance(block, (Paragraph, ListItem)):
            yield from block.spans
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield from cell
