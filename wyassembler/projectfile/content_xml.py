"""Section content <-> the XML elements inside a revision's ``<content>``.

Blocks are ``<p>``, ``<li kind level [start]>``, ``<table>`` (an optional
``<header>`` and ``<row>`` of ``<cell>``) and ``<members/>``. Inline text is
mixed content with spans nested in a fixed order, link outermost:
``<a href><b><i>``; a line break and a tab in the text are ``<br/>`` and
``<tab/>`` (never a raw line feed or tab, which a reader may take for
indentation).
"""

from __future__ import annotations

import re

from lxml import etree

from ..core.content import Block, Blocks, Inline, ListItem, MemberList, Paragraph, Span, Table, unchecked
from .elements import NS, int_attr

_P, _LI, _TABLE, _HEADER, _ROW, _CELL, _MEMBERS = (
    f"{{{NS}}}{name}" for name in ("p", "li", "table", "header", "row", "cell", "members")
)
_A, _B, _I = f"{{{NS}}}a", f"{{{NS}}}b", f"{{{NS}}}i"
_BR, _TAB = f"{{{NS}}}br", f"{{{NS}}}tab"
_BREAK_TAGS = {"\n": _BR, "\t": _TAB}
_BREAK_TEXT = {_BR: "\n", _TAB: "\t"}
_BREAKS = re.compile("([\n\t])")
_PLAIN: tuple[bool, bool, str | None] = (False, False, None)

# Elements whose children are inline markup: never re-indented, whitespace is text.
INLINE_HOLDERS = frozenset({_P, _LI, _CELL})


# -- writing -------------------------------------------------------------

def _append_text(parent: etree._Element, last: etree._Element | None, text: str) -> etree._Element | None:
    """Append ``text`` to ``parent`` after its child ``last``, breaks and tabs as elements; return the
    new last child."""
    if "\n" not in text and "\t" not in text:  # most text: one piece, and where it goes is usually empty
        if last is None:
            parent.text = parent.text + text if parent.text else text
        else:
            last.tail = last.tail + text if last.tail else text
        return last
    for piece in _BREAKS.split(text):
        if piece in _BREAK_TAGS:
            last = etree.SubElement(parent, _BREAK_TAGS[piece])
        elif last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
    return last


def _append_inline(parent: etree._Element, spans: Inline) -> None:
    last: etree._Element | None = None
    for span in spans:
        if not (span.bold or span.italic or span.href):
            last = _append_text(parent, last, span.text)
            continue
        # The link outside, then bold, then italic: <a href="..."><b><i>text</i></b></a>
        if span.href:
            outer = inner = etree.SubElement(parent, _A, href=span.href)
            if span.bold:
                inner = etree.SubElement(inner, _B)
        else:
            outer = inner = etree.SubElement(parent, _B if span.bold else _I)
        if span.italic and (span.href or span.bold):
            inner = etree.SubElement(inner, _I)
        _append_text(inner, None, span.text)
        last = outer


def _add_block(parent: etree._Element, block: Block) -> None:
    """The XML element for one block, added to ``parent`` (made in place: an element made on its own is a
    document of its own, and moving it into the tree costs as much again)."""
    if isinstance(block, Paragraph):
        _append_inline(etree.SubElement(parent, _P), block.spans)
    elif isinstance(block, ListItem):
        element = etree.SubElement(parent, _LI, kind=block.kind, level=str(block.level))
        if block.start is not None:
            element.set("start", str(block.start))
        _append_inline(element, block.spans)
    elif isinstance(block, Table):
        element = etree.SubElement(parent, _TABLE)
        for tag, rows in ((_HEADER, [block.header] if block.header else []), (_ROW, block.rows)):
            for row in rows:
                row_element = etree.SubElement(element, tag)
                for cell in row:
                    _append_inline(etree.SubElement(row_element, _CELL), cell)
    elif isinstance(block, MemberList):
        etree.SubElement(parent, _MEMBERS)
    else:  # pragma: no cover - normalize_blocks refuses anything else first
        raise TypeError(type(block).__name__)


def fill_content(parent: etree._Element, blocks: Blocks) -> None:
    """Append the elements of ``blocks`` to ``parent``."""
    for block in blocks:
        _add_block(parent, block)


# -- reading -------------------------------------------------------------

def _read_pieces(element: etree._Element, form: tuple[bool, bool, str | None],
                 out: list[tuple[tuple[bool, bool, str | None], str]]) -> None:
    """Append each piece of text under ``element`` with its formatting (bold, italic, link target)."""
    if element.text:
        out.append((form, element.text))
    for child in element:
        tag = child.tag
        if tag in _BREAK_TEXT:
            out.append((form, _BREAK_TEXT[tag]))
        else:
            bold, italic, href = form
            inner = (bold or tag == _B, italic or tag == _I, child.get("href") if tag == _A else href)
            if len(child):
                _read_pieces(child, inner, out)
            elif child.text:  # a span of text alone, as most are: read here rather than by another call
                out.append((inner, child.text))
        if child.tail:
            out.append((form, child.tail))


def read_inline(element: etree._Element) -> Inline:
    """The spans of an inline holder, alike neighbours joined (text around a ``<br/>`` is one span, as
    the content model holds it); the content model normalises them."""
    if not len(element):  # plain text only, as most paragraphs are: no pieces to join
        return (Span(element.text),) if element.text else ()
    pieces: list[tuple[tuple[bool, bool, str | None], str]] = []
    _read_pieces(element, _PLAIN, pieces)
    # Spans are made once per run of alike pieces, not once per piece and again per run: a file's
    # tens of thousands of spans were most of its reading time.
    runs: list[tuple[tuple[bool, bool, str | None], list[str]]] = []
    last = None
    for form, text in pieces:
        if form == last:
            runs[-1][1].append(text)
        else:
            runs.append((form, [text]))
            last = form
    return tuple([Span("".join(texts), *form) for form, texts in runs])


def read_block(element: etree._Element) -> Block:
    """One block from its (schema-valid) element, as stored: the caller checks it against its hash."""
    tag = element.tag
    if tag == _P:
        return unchecked(Paragraph, spans=read_inline(element))
    if tag == _LI:
        start = element.get("start")
        return unchecked(ListItem, spans=read_inline(element), kind=element.get("kind"),
                         level=int_attr(element, "level"), start=None if start is None else int(start))
    if tag == _TABLE:
        header: tuple[Inline, ...] = ()
        rows = []
        for row in element:
            cells = tuple(read_inline(cell) for cell in row)
            if row.tag == _HEADER:
                header = cells
            else:
                rows.append(cells)
        return unchecked(Table, header=header, rows=tuple(rows))
    if tag == _MEMBERS:
        return MemberList()
    raise ValueError(f"unexpected element {etree.QName(tag).localname}")


def read_content(element: etree._Element) -> Blocks:
    """All blocks under a ``<content>`` element as stored (unnormalised: see :func:`read_block`)."""
    return tuple(read_block(child) for child in element if isinstance(child.tag, str))
