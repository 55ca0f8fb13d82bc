"""Reading Markdown and plain text into the content model.

See :mod:`wyassembler.core.markdown` for the mapping.  markdown-it-py does the
parsing; this module walks its syntax tree and turns every node into blocks
and spans, degrading what the content model cannot hold into plain text with
a warning rather than failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from .content import (
    MAX_LIST_LEVEL,
    MAX_LIST_START,
    Block,
    Blocks,
    ListItem,
    MemberList,
    Paragraph,
    Span,
    Table,
    check_href,
    normalize_blocks,
)
from .errors import ContentError
from .lists import list_places
from .text import TextTooLong

MEMBERS_DIRECTIVE = "{{members}}"
# What a paragraph must consist of to become a MemberList; to_markdown escapes text like it.
MEMBERS_DIRECTIVE_RE = re.compile(r"\{\{\s*members\s*\}\}", re.IGNORECASE)

_LIST_KINDS = {"bullet_list": "bullet", "ordered_list": "number"}
# The one HTML tag read rather than dropped: a line break, as tables write one (a cell has one line).
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


@dataclass
class ParseResult:
    """Blocks read from a text, and one plain sentence for each thing that was changed on the way."""

    blocks: Blocks
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    """The text of a leading ``# Heading``, which names the section (as ``show`` prints it)."""


class _ContentMarkdownIt(MarkdownIt):
    """CommonMark plus pipe tables, handing link targets over exactly as written.

    markdown-it would percent-encode targets and silently treat a ``javascript:`` link
    as text; we check targets ourselves, so a bad one becomes text *with* a warning and
    a good one comes back unchanged (which a round trip through to_markdown needs).
    """

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return True

    def normalizeLink(self, url: str) -> str:  # noqa: N802
        return url

    def normalizeLinkText(self, link: str) -> str:  # noqa: N802
        return link


_PARSER = _ContentMarkdownIt("commonmark").enable("table")


def parse_markdown(text: str) -> ParseResult:
    """Read CommonMark with pipe tables into content blocks; never raises on odd input, only on too
    much of it.

    Paragraphs, bullet and numbered lists (three levels), bold, italic, links,
    tables and a ``{{members}}`` paragraph map onto the content model.  Anything
    else is simplified (headings, code, quotes, images) or dropped (raw HTML),
    with a warning naming the source line. A paragraph, list item or cell over
    what a project file can hold raises :class:`.text.TextTooLong` naming its line.
    """
    tokens = _PARSER.parse(text)
    # The tree is built from block tokens only and inline tokens are walked flat: deeply nested
    # emphasis ("*" * 1000) would overflow a recursive walk, and parsing must never fail.
    inline_children = [(token, token.children) for token in tokens if token.type == "inline"]
    for token, _ in inline_children:
        token.children = None
    root = SyntaxTreeNode(tokens)
    for token, children in inline_children:
        token.children = children
    nodes = list(root.children)
    title = None
    if nodes and nodes[0].type == "heading" and nodes[0].tag == "h1":
        title = _plain_text(nodes.pop(0)) or None
    reader = _Reader()
    blocks = reader.blocks(nodes, members_allowed=True)
    return ParseResult(reader.numbered(normalize_blocks(blocks)), reader.warnings, title)


def _plain_text(node: SyntaxTreeNode) -> str:
    """The words of a heading, without its Markdown marks."""
    inline = node.children[0] if node.children else None
    if inline is None or inline.token is None or not inline.token.children:
        return ""
    # A line break (a setext heading may run over several lines) separates words; it is not kept.
    words = [" " if child.type in ("softbreak", "hardbreak") else child.content
             for child in inline.token.children if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
    return " ".join("".join(words).split())


def parse_plain_text(text: str) -> ParseResult:
    """Read plain text: blank lines separate paragraphs; nothing is read as Markdown.

    A single line break inside a paragraph is a line the author broke (an address, a verse), so it
    is kept as a line break, as a pasted or Word line break is; spaces at the end of a line, which
    nobody sees, are dropped, tabs kept. A paragraph over what a project file can hold raises
    :class:`.text.TextTooLong` naming its line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    line = 1
    # The separators are kept (the capturing group) to count the lines each paragraph starts on.
    pieces = re.split(r"(\n[ \t]*\n)", text)
    for chunk, separator in zip(pieces[::2], pieces[1::2] + [""], strict=True):
        words = "\n".join(part.rstrip() for part in chunk.split("\n") if part.strip())
        try:
            paragraphs.append(Paragraph((Span(words),)))
        except TextTooLong as error:
            blank_lines_before = chunk[:len(chunk) - len(chunk.lstrip())].count("\n")
            raise SourceTooLong(line + blank_lines_before, error) from None
        line += chunk.count("\n") + separator.count("\n")
    return ParseResult(normalize_blocks(paragraphs), [])


class SourceTooLong(TextTooLong):
    """Text over the limit, named by the source line its paragraph starts on."""

    def __init__(self, line: int | None, error: TextTooLong) -> None:
        super().__init__(f"line {line}: {error}" if line is not None else str(error))


def _first_line(node: SyntaxTreeNode | None) -> int | None:
    """The 1-based source line a node starts on, if markdown-it recorded it."""
    while node is not None:
        if node.map is not None:
            return node.map[0] + 1
        node = node.parent
    return None


class _Reader:
    """Converts markdown-it's syntax tree into blocks, collecting warnings as it goes."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        # The number each item that begins a Markdown numbered list shows, by id of its ListItem.
        self.list_numbers: dict[int, int] = {}

    def warn(self, line: int | None, message: str) -> None:
        sentence = f"line {line}: {message}" if line is not None else message[0].upper() + message[1:]
        if sentence not in self.warnings:
            self.warnings.append(sentence)

    # -- blocks ---------------------------------------------------------------

    def blocks(self, nodes: list[SyntaxTreeNode], *, members_allowed: bool) -> list[Block]:
        result: list[Block] = []
        for node in nodes:
            result.extend(self.block(node, members_allowed=members_allowed))
        return result

    def block(self, node: SyntaxTreeNode, *, members_allowed: bool) -> list[Block]:
        line = _first_line(node)
        try:
            return self._block(node, line, members_allowed=members_allowed)
        except SourceTooLong:
            raise
        except TextTooLong as error:  # named once, by the innermost block that holds the text
            raise SourceTooLong(line, error) from None

    def _block(self, node: SyntaxTreeNode, line: int | None, *, members_allowed: bool) -> list[Block]:
        kind = node.type
        if kind == "paragraph":
            inline = node.children[0]
            if members_allowed and MEMBERS_DIRECTIVE_RE.fullmatch(inline.content.strip()):
                return [MemberList()]
            return [Paragraph(self.inline(inline))]
        if kind in _LIST_KINDS:
            items: list[Block] = []
            self.list_items(node, 1, items)
            return items
        if kind == "table":
            return [self.table(node)]
        if kind == "heading":
            self.warn(line, "a heading became a bold paragraph (sections are added with add-section)")
            spans = self.inline(node.children[0])
            return [Paragraph(tuple(Span(s.text, True, s.italic, s.href) for s in spans))]
        if kind in ("fence", "code_block"):
            self.warn(line, "a code block became plain paragraphs")
            return [Paragraph((Span(" ".join(lines)),)) for lines in _line_groups(node.content)]
        if kind == "blockquote":
            self.warn(line, "a quotation became ordinary paragraphs")
            return self.blocks(node.children, members_allowed=members_allowed)
        if kind == "html_block":
            self.warn(line, "raw HTML was dropped")
            return []
        if kind == "hr":
            # A rule between paragraphs carries no words; nothing to tell the user.
            return []
        self.warn(line, f"unsupported Markdown ({kind}) was dropped")
        return []

    def list_items(self, list_node: SyntaxTreeNode, level: int, out: list[Block]) -> None:
        kind = _LIST_KINDS[list_node.type]
        if level > MAX_LIST_LEVEL:
            self.warn(_first_line(list_node),
                      f"a list nested deeper than {MAX_LIST_LEVEL} levels was kept at level {MAX_LIST_LEVEL}")
        start = self.list_start(list_node) if kind == "number" else None
        # The first item kept begins the list; so does the first after a table moved out of it.
        begins = True
        for position, item in enumerate(list_node.children):
            spans: list[Span] = []
            paragraphs = 0
            moved_out: list[Block] = []
            nested: list[SyntaxTreeNode] = []
            for child in item.children:
                if child.type in _LIST_KINDS:
                    nested.append(child)
                    continue
                for block in self.block(child, members_allowed=False):
                    if isinstance(block, Paragraph):
                        if block.spans:
                            if spans:
                                spans.append(Span(" "))
                            spans.extend(block.spans)
                            paragraphs += 1
                    else:
                        self.warn(_first_line(child), "a table inside a list item was moved after the item")
                        moved_out.append(block)
            if paragraphs > 1:
                self.warn(_first_line(item),
                          "a list item with several paragraphs was joined into one paragraph")
            list_item = ListItem(tuple(spans), kind, min(level, MAX_LIST_LEVEL))
            out.append(list_item)
            if start is not None and begins and list_item.spans:
                self.list_numbers[id(list_item)] = min(start + position, MAX_LIST_START)
                begins = False
            begins = begins or bool(moved_out)
            out.extend(moved_out)
            for child in nested:
                self.list_items(child, level + 1, out)

    def list_start(self, list_node: SyntaxTreeNode) -> int:
        """The number a Markdown numbered list starts at, within what a list may start at."""
        start = int(list_node.attrs.get("start", 1))
        if start > MAX_LIST_START:
            self.warn(_first_line(list_node), f"a list numbered from {start} was numbered from {MAX_LIST_START}, "
                                              "the highest number a list can start at")
        return min(start, MAX_LIST_START)

    def numbered(self, blocks: Blocks) -> Blocks:
        """``blocks`` with a start number on each item that begins a Markdown numbered list where the
        content model would number it otherwise: from a number other than 1, or at 1 where it would
        go on with a numbered list open at its level (two lists side by side, "1." then "1)")."""
        if not self.list_numbers:
            return blocks
        places = list_places(blocks)  # whether an item begins a list does not depend on start numbers
        result = list(blocks)
        for index, block in enumerate(blocks):
            number = self.list_numbers.get(id(block))
            if isinstance(block, ListItem) and number is not None and (number != 1 or not places[index].begins):
                result[index] = ListItem(block.spans, block.kind, block.level, number)
        return tuple(result)

    def table(self, node: SyntaxTreeNode) -> Table:
        header: tuple = ()
        rows: list[tuple] = []
        for section in node.children:
            for row in section.children:
                cells = tuple(tuple(self.inline(cell.children[0])) for cell in row.children)
                if section.type == "thead":
                    header = cells
                else:
                    rows.append(cells)
        if rows and not any(header):
            # Markdown cannot leave out a table's header row: an empty one stands for none.
            header = ()
        return Table(header, tuple(rows))

    # -- inline ---------------------------------------------------------------

    def inline(self, inline: SyntaxTreeNode) -> tuple[Span, ...]:
        spans: list[Span] = []
        # Inline tokens carry no line numbers of their own; count line breaks from the block's first line.
        line = _first_line(inline)
        bold = italic = 0
        links: list[tuple[str | None, int]] = []  # each open link's target and its first span's index
        for token in (inline.token.children if inline.token is not None else None) or ():
            kind = token.type
            href = links[-1][0] if links else None
            if kind == "text":
                spans.append(Span(token.content, bold > 0, italic > 0, href))
            elif kind in ("softbreak", "hardbreak"):
                # A soft break is where the writer wrapped a line; a hard one is a line break.
                spans.append(Span(" " if kind == "softbreak" else "\n", bold > 0, italic > 0, href))
                line = line + 1 if line is not None else None
            elif kind in ("strong_open", "strong_close"):
                bold += 1 if kind == "strong_open" else -1
            elif kind in ("em_open", "em_close"):
                italic += 1 if kind == "em_open" else -1
            elif kind == "link_open":
                links.append((self.link_target(str(token.attrs.get("href", "")), line), len(spans)))
            elif kind == "link_close":
                self.link_text(spans, *links.pop(), line)
            elif kind == "image":
                self.warn(line, "an image was replaced by its description")
                alt = "".join(" " if t.type in ("softbreak", "hardbreak") else t.content
                              for t in token.children or ())
                spans.append(Span(alt, bold > 0, italic > 0, href))
            elif kind == "code_inline":
                self.warn(line, "code formatting was removed")
                spans.append(Span(token.content, bold > 0, italic > 0, href))
            elif kind == "html_inline" and _BREAK_TAG.fullmatch(token.content):
                spans.append(Span("\n", bold > 0, italic > 0, href))
            elif kind == "html_inline":
                # Only the tag is dropped: text between tags is ordinary Markdown text.
                self.warn(line, "an HTML tag was dropped")
            else:
                self.warn(line, f"unsupported Markdown ({kind}) was kept as plain text")
                spans.append(Span(token.content, bold > 0, italic > 0, href))
        return tuple(spans)

    def link_text(self, spans: list[Span], href: str | None, first: int, line: int | None) -> None:
        """Warn of a link without text (``[](…)``, or an image without a description inside it), naming its
        address: the content model drops it. One of spaces is kept, as the model holds it, and ``check``
        reports it as a link without text."""
        if href is not None and not any(span.text for span in spans[first:]):
            self.warn(line, f"the link to {href!r} has no text, so it was left out (write the words that say "
                            "where it leads between its brackets)")

    def link_target(self, target: str, line: int | None) -> str | None:
        """The checked link target, or None (text without a link) for one the model does not allow."""
        try:
            return check_href(target)
        except ContentError:
            self.warn(line, f"the link to {target!r} is not a web (http, https) or mailto: "
                            "address, so only its text was kept")
            return None


def _line_groups(code: str) -> list[list[str]]:
    """Non-blank lines of a code block, stripped and grouped at blank lines."""
    groups: list[list[str]] = [[]]
    for line in code.split("\n"):
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]
