"""Writing content blocks as Markdown that parse_markdown reads back unchanged.

See :mod:`wyassembler.core.markdown` for the mapping.  Most of this module is
about inline text, because CommonMark decides whether ``*`` and ``_`` open or
close emphasis by looking at the characters either side of them
("flanking").  The writer therefore plans its delimiters before writing:

* emphasis is nested as a stack, the longer-lasting format outside, so
  ``**a *b***`` rather than ``**a*****b***``;
* italic is written ``*`` unless its delimiter would sit against a ``**`` in a way
  that lets CommonMark pair the stars differently (``***a*b*c***``); then ``_``,
  which never pairs with ``*``;
* a delimiter that still fails the flanking rules because of a letter next to
  punctuation (``a**(b)**``) gets that outside letter written as a numeric
  character reference (``&#97;``), which reads as punctuation to the rules and
  as the letter to everything else.

A line break is written as a backslash at the end of the line (``<br>`` in a table cell, which
holds one line), the next line indented to its block and escaped like the start of a block; a
tab as ``&#9;``, which no line start or table cell trims. Numbered items carry the numbers
:func:`.lists.list_places` gives them, and a list that begins right after another at its level
switches between ``.`` and ``)``, which is what keeps the two apart in Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

from .content import (
    Block, Blocks, Inline, ListItem, MemberList, Paragraph, Span, Table, normalize_blocks, plain,
)
from .lists import ListPlace, list_places
from .markdown_in import MEMBERS_DIRECTIVE, MEMBERS_DIRECTIVE_RE

BOLD, ITALIC = "bold", "italic"

# Characters that always mean something to an inline parser.
_ALWAYS_ESCAPED = frozenset("\\*_[]<>`")
# Characters render may write other than as themselves; text without any is written as it is.
_MAY_NEED_ESCAPE = re.compile(r"[\\*_\[\]<>`&|\n\t]")
# "&name;" and "&#123;" in text would be read as character references.
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Text at the start of a line that would begin a heading, list, code fence or quote.
_BLOCK_START = re.compile(r"[-+#~]")
# After a line break, also what would underline the line above as a heading or make it a table.
_CONTINUATION_START = re.compile(r"[-+#~=|:]")
_ORDERED_MARKER = re.compile(r"([0-9]{1,9})([.)])(?= |$)")
# Link targets markdown-it reads as an autolink without changing them.
_AUTOLINK_SAFE = re.compile(r"[^<>|\\\x00-\x20]+")
# What CommonMark counts as whitespace next to emphasis.
_SPACES = "".join(chr(code) for code in range(0x3001) if isWhiteSpace(code))


def to_markdown(blocks: Blocks, member_names: list[str] | None = None) -> str:
    """Write ``blocks`` as Markdown; ``parse_markdown`` reads the result back to the same blocks.

    A :class:`MemberList` is written as the ``{{members}}`` line, which reads back as a
    member list, unless ``member_names`` is given: then the names are written as a
    bullet list, for reading rather than editing.
    """
    names = [ListItem(plain(name)) for name in member_names or () if plain(name)]
    written: list[Block] = []
    for block in normalize_blocks(blocks):
        if isinstance(block, MemberList) and member_names is not None:
            written.extend(names)
        else:
            written.append(block)
    places = list_places(written)
    writer = _BlockWriter()
    for index, block in enumerate(written):
        writer.write(block, places.get(index))
    return "\n".join(writer.lines) + "\n" if writer.lines else ""


# -- blocks -------------------------------------------------------------------


@dataclass
class _OpenList:
    kind: str
    content_column: int  # of its latest item: "9. " and "10. " differ
    delimiter: str = "."


class _BlockWriter:
    """Accumulates lines, keeping track of the lists currently open at each level."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.open_lists: list[_OpenList] = []  # index 0 is level 1

    def separate(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def write(self, block: Block, place: ListPlace | None = None) -> None:
        if isinstance(block, ListItem):
            self.write_list_item(block, place)
            return
        self.open_lists.clear()
        self.separate()
        if isinstance(block, Paragraph):
            lines = _text_lines(block.spans, 0)
            if MEMBERS_DIRECTIVE_RE.fullmatch(lines[0]):
                lines[0] = "\\" + lines[0]
            self.lines.extend(lines)
        elif isinstance(block, Table):
            self.lines.extend(_table_lines(block))
        else:  # MemberList: normalize_blocks admits nothing else
            self.lines.append(MEMBERS_DIRECTIVE)

    def write_list_item(self, item: ListItem, place: ListPlace | None) -> None:
        if not self.open_lists:
            self.separate()
        del self.open_lists[item.level:]
        number = place.number if place is not None else 1
        delimiter = "."
        if len(self.open_lists) == item.level and (self.open_lists[-1].kind != item.kind
                                                  or (place is not None and place.begins)):
            # A list beginning where another is open at its level: a numbered one after a numbered
            # one takes the other delimiter, which Markdown reads as a new list. Without a blank line
            # a bullet list and a numbered list side by side could read as one.
            previous = self.open_lists.pop()
            if previous.kind == item.kind:
                delimiter = ")" if previous.delimiter == "." else "."
            self.separate()
        elif (place is not None and place.begins and number != 1 and self.lines
              and self.lines[-1].strip() != "-"):
            # A list numbered from other than 1 cannot interrupt a paragraph, its parent item's
            # text included; after a blank line it need not.
            self.separate()
        while len(self.open_lists) < item.level - 1:
            # Markdown cannot nest an item without a parent item: give it an empty one, which
            # parse_markdown drops.  A blank line keeps a lone "-" from underlining the text above,
            # but must not follow another empty item, which would end that item.
            if self.lines and self.lines[-1].strip() != "-":
                self.separate()
            column = self._item_column(len(self.open_lists) + 1)
            self.lines.append(" " * column + "-")
            self.open_lists.append(_OpenList("bullet", column + 2))
        column = self._item_column(item.level)
        if len(self.open_lists) < item.level:
            self.open_lists.append(_OpenList(item.kind, 0, delimiter))
        current = self.open_lists[-1]
        marker = "- " if item.kind == "bullet" else f"{number}{current.delimiter} "
        current.content_column = column + len(marker)
        lines = _text_lines(item.spans, current.content_column)
        self.lines.append(" " * column + marker + lines[0])
        self.lines.extend(lines[1:])

    def _item_column(self, level: int) -> int:
        """Where an item at ``level`` starts: the content column of its parent item."""
        return self.open_lists[level - 2].content_column if level > 1 else 0


def _table_lines(table: Table) -> list[str]:
    def row(cells: tuple[Inline, ...]) -> str:
        return "| " + " | ".join(_inline_markdown(cell, in_table=True) for cell in cells) + " |"

    # Markdown has no table without a header row: an empty one reads back as none.
    header = table.header or ((),) * table.width
    return [row(header), "|" + " --- |" * table.width, *(row(r) for r in table.rows)]


def _text_lines(spans: Inline, indent: int) -> list[str]:
    """The lines of a paragraph's or list item's text: the first to follow its marker, each after a
    line break indented by ``indent``, so it stays in its block."""
    texts = _inline_markdown(spans).split("\n")
    lines = []
    for index, line in enumerate(texts):
        if index < len(texts) - 1 and line.endswith(" \\"):
            # Spaces before a break's backslash: markdown-it keeps them, but CommonMark may trim them.
            line = line[:-2] + "&#32;\\"
        if index == 0:
            lines.append(_line_start_escaped(line))
            continue
        if line.startswith(" "):
            line = "&#32;" + line[1:]  # a line's leading spaces would be dropped
        lines.append(" " * indent + _line_start_escaped(line, _CONTINUATION_START))
    return lines


def _line_start_escaped(line: str, block_start: re.Pattern = _BLOCK_START) -> str:
    """Escape text at the start of a paragraph or list item that would start another kind of block."""
    if block_start.match(line):
        return "\\" + line
    marker = _ORDERED_MARKER.match(line)
    if marker:
        return marker.group(1) + "\\" + line[len(marker.group(1)):]
    return line


# -- inline -------------------------------------------------------------------


def _inline_markdown(spans: Inline, *, in_table: bool = False) -> str:
    """Inline Markdown for ``spans``; links are outermost, each link its own emphasis scope."""
    groups = [(href, list(group)) for href, group in groupby(spans, key=lambda s: s.href)]
    out: list[str] = []
    for index, (href, group) in enumerate(groups):
        # The flanking rules treat a line end as whitespace and a link's brackets as punctuation.
        before = " " if index == 0 else ")"
        after = " " if index == len(groups) - 1 else "["
        if href is None:
            out.append(_emphasis_markdown(group, before, after, in_table))
            continue
        if out and out[-1].endswith("!"):
            out[-1] = out[-1][:-1] + "\\!"  # "![" would start an image
        out.append(_link_markdown(group, href, in_table))
    return "".join(out)


def _link_markdown(spans: list[Span], href: str, in_table: bool) -> str:
    text = "".join(span.text for span in spans)
    if text == href and not any(s.bold or s.italic for s in spans) and _AUTOLINK_SAFE.fullmatch(href):
        return f"<{href}>"
    label = _emphasis_markdown(spans, "[", "]", in_table)
    return f"[{label}]({_link_destination(href, in_table)})"


def _link_destination(href: str, in_table: bool) -> str:
    # Backslash escapes and character references are decoded in targets too.
    escaped = "".join("\\" + ch if ch in "\\<>" or (in_table and ch == "|")
                      or (ch == "&" and _ENTITY_LIKE.match(href, i)) else ch
                      for i, ch in enumerate(href))
    if any(ch in "()<>" or ch.isspace() for ch in href):
        # A bare target must have balanced brackets and no spaces; the pointed form needs neither.
        return f"<{escaped}>"
    return escaped


def _needs_escape(text: str, index: int, in_table: bool) -> bool:
    ch = text[index]
    if ch in _ALWAYS_ESCAPED or (in_table and ch == "|"):
        return True
    return ch == "&" and _ENTITY_LIKE.match(text, index) is not None


def _char_class(ch: str) -> str:
    """How CommonMark's flanking rules see a character: "space", "punct" or "other"."""
    if isWhiteSpace(ord(ch)):
        return "space"
    if isMdAsciiPunct(ord(ch)) or isPunctChar(ch):
        return "punct"
    return "other"


@dataclass
class _Text:
    text: str
    encode_first: bool = False
    encode_last: bool = False

    def _encoded(self, index: int) -> bool:
        return (index == 0 and self.encode_first) or (index == len(self.text) - 1 and self.encode_last)

    def render(self, in_table: bool) -> str:
        if not (self.encode_first or self.encode_last) and not _MAY_NEED_ESCAPE.search(self.text):
            return self.text  # the common case, a run with nothing to escape, without a step per character
        out = []
        for index, ch in enumerate(self.text):
            if ch == "\n":
                out.append("<br>" if in_table else "\\\n")
            elif self._encoded(index) or ch == "\t":
                out.append(f"&#{ord(ch)};")
            elif _needs_escape(self.text, index, in_table):
                out.append("\\" + ch)
            else:
                out.append(ch)
        return "".join(out)

    # An escaped character starts with a backslash: both are punctuation to the flanking rules, and
    # so is a tab's "&#9;". A line break stays a space to them: a delimiter never needs one beside it.
    def first_char(self) -> str:
        return "&" if self._encoded(0) or self.text[0] == "\t" else self.text[0]

    def last_char(self) -> str:
        return ";" if self._encoded(len(self.text) - 1) or self.text[-1] == "\t" else self.text[-1]


@dataclass
class _Run:
    """A run of delimiter characters that only opens or only closes emphasis."""

    chars: str
    opens: bool

    def satisfied(self, before: str, after: str) -> bool:
        """Whether CommonMark reads this run as intended between these two characters."""
        prev, next_ = _char_class(before), _char_class(after)
        if self.chars[0] == "_":
            # "_" may not open or close inside a word, so the outside neighbour must not be a letter.
            if self.opens:
                return next_ != "space" and prev != "other"
            return prev != "space" and next_ != "other"
        if self.opens:  # left-flanking
            return next_ != "space" and (next_ != "punct" or prev != "other")
        return prev != "space" and (prev != "punct" or next_ != "other")  # right-flanking


def _emphasis_markdown(spans: list[Span], before: str, after: str, in_table: bool) -> str:
    """Bold and italic markup for spans that share a link target (or none)."""
    pieces = _plan_emphasis(_segments(spans))
    _fix_flanking(pieces, before, after)
    return "".join(p.render(in_table) if isinstance(p, _Text) else p.chars for p in pieces)


def _segments(spans: list[Span]) -> list[tuple[str, frozenset]]:
    """Text runs with their emphasis, whitespace kept clear of emphasis edges.

    CommonMark cannot open emphasis before a space or close it after one, so a run of
    whitespace keeps only the formats shared by the text on both sides of it; a bold span's
    trailing space before plain text therefore comes back plain.
    """
    if not any(span.bold or span.italic for span in spans):
        # Without emphasis every run, space or not, has no format: one segment (what the steps below make).
        text = "".join(span.text for span in spans)
        return [(text, frozenset())] if text else []
    pieces: list[tuple[str, frozenset, bool]] = []
    for span in spans:
        formats = frozenset(f for f, on in ((BOLD, span.bold), (ITALIC, span.italic)) if on)
        # Spaces inside a span lie between its own text and keep its formats: only the spaces at its
        # edges need weighing against the neighbours, so the middle stays one piece.
        middle = span.text.strip(_SPACES)
        if not middle:
            if span.text:
                pieces.append((span.text, formats, True))
            continue
        start = len(span.text) - len(span.text.lstrip(_SPACES))
        end = start + len(middle)
        pieces.extend(piece for piece in ((span.text[:start], formats, True), (middle, formats, False),
                                          (span.text[end:], formats, True)) if piece[0])
    segments: list[tuple[list[str], frozenset]] = []  # texts joined once at the end: adding each to a
    index = 0                                           # growing string took time in its square
    while index < len(pieces):
        text, formats, is_space = pieces[index]
        end = index + 1
        if is_space:
            while end < len(pieces) and pieces[end][2]:
                end += 1
            shared = frozenset.intersection(
                *(p[1] for p in pieces[index:end]),
                pieces[index - 1][1] if index > 0 else frozenset(),
                pieces[end][1] if end < len(pieces) else frozenset())
            text, formats = "".join(p[0] for p in pieces[index:end]), shared
        if segments and segments[-1][1] == formats:
            segments[-1][0].append(text)
        else:
            segments.append(([text], formats))
        index = end
    return [("".join(texts), formats) for texts, formats in segments]


@dataclass
class _Interval:
    fmt: str
    start: int
    end: int = -1


def _plan_emphasis(segments: list[tuple[str, frozenset]]) -> list[_Text | _Run]:
    """Text and delimiter runs, emphasis opened and closed as a stack."""
    segments = list(segments)
    # closes[i] / opens[i]: intervals closing / opening at boundary i (before segment i).
    closes: list[list[_Interval]] = []
    opens: list[list[_Interval]] = []
    stack: list[_Interval] = []

    def lasts(fmt: str, start: int) -> int:
        end = start
        while end < len(segments) and fmt in segments[end][1]:
            end += 1
        return end

    boundary = 0
    while boundary <= len(segments):
        wanted = segments[boundary][1] if boundary < len(segments) else frozenset()
        closes.append([])
        opens.append([])
        # A format that ends must close, and so must everything opened inside it.
        while any(interval.fmt not in wanted for interval in stack):
            interval = stack.pop()
            interval.end = boundary
            closes[boundary].append(interval)
        active = frozenset(interval.fmt for interval in stack)
        if wanted - active and boundary < len(segments):
            text = segments[boundary][0]
            space = len(text) - len(text.lstrip(_SPACES))
            if space:
                # Only a format closed to get at one beneath it reopens here, and it cannot reopen
                # before a space: the space goes first, without that format.
                rest = [(text[space:], wanted)] if text[space:] else []
                segments[boundary:boundary + 1] = [(text[:space], active), *rest]
                wanted = active
        # The format that lasts longer goes outside, so it need not close and reopen.
        for fmt in sorted(wanted - active, key=lambda f: (-lasts(f, boundary), f)):
            interval = _Interval(fmt, boundary)
            stack.append(interval)
            opens[boundary].append(interval)
        boundary += 1

    italic_marker = {}
    for boundary_opens in opens:
        for interval in boundary_opens:
            if interval.fmt == ITALIC:
                italic_marker[id(interval)] = _italic_marker(interval, closes, opens)

    def marker(interval: _Interval) -> str:
        return "**" if interval.fmt == BOLD else italic_marker[id(interval)]

    pieces: list[_Text | _Run] = []
    for boundary in range(len(segments) + 1):
        for intervals, opening in ((closes[boundary], False), (opens[boundary], True)):
            for interval in intervals:
                chars = marker(interval)
                last = pieces[-1] if pieces else None
                if isinstance(last, _Run) and last.opens == opening and last.chars[0] == chars[0]:
                    last.chars += chars
                else:
                    pieces.append(_Run(chars, opening))
        if boundary < len(segments):
            pieces.append(_Text(segments[boundary][0]))
    return pieces


def _italic_marker(italic: _Interval, closes: list[list[_Interval]], opens: list[list[_Interval]]) -> str:
    """``*`` for an italic interval, unless its stars could pair with a neighbouring ``**``."""
    start, end = italic.start, italic.end
    bold_opening = [i for i in opens[start] if i.fmt == BOLD]
    if any(i.fmt == BOLD for i in closes[start]) or any(i.fmt == BOLD for i in opens[end]):
        # "**" closing where "*" opens (or the reverse) would merge into one ambiguous run.
        return "_"
    if bold_opening and bold_opening[0].end != end:
        # A "***" opener whose halves close apart leaves a run of three that a later "*" or "**"
        # inside it may close (CommonMark's "multiple of 3" rule lets it): ***a*b*c*** goes wrong.
        return "_"
    return "*"


def _fix_flanking(pieces: list[_Text | _Run], before: str, after: str) -> None:
    """Write letters beside delimiters as character references until every run flanks as planned.

    Each fix turns a letter into punctuation as far as the rules are concerned, which can
    unsettle a run on the letter's other side, so repeat until nothing changes.
    """
    changed = True
    while changed:
        changed = False
        for index, piece in enumerate(pieces):
            if not isinstance(piece, _Run):
                continue
            prev = pieces[index - 1] if index > 0 else None
            next_ = pieces[index + 1] if index + 1 < len(pieces) else None
            if piece.satisfied(_edge_char(prev, before, last=True), _edge_char(next_, after, last=False)):
                continue
            # Only the outside neighbour may change, and only a letter-like one needs to.
            if piece.opens and isinstance(prev, _Text) and not prev.encode_last:
                prev.encode_last = changed = True
            elif not piece.opens and isinstance(next_, _Text) and not next_.encode_first:
                next_.encode_first = changed = True


def _edge_char(piece: _Text | _Run | None, outside: str, *, last: bool) -> str:
    """The character a neighbouring run sees: the piece's last or first one, or ``outside``."""
    if piece is None:
        return outside
    if isinstance(piece, _Run):
        return piece.chars[0]
    return piece.last_char() if last else piece.first_char()
