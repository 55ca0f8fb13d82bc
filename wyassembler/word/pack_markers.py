"""A pack's second set of marks, for a pack saved again by LibreOffice: hidden bookmarks and custom properties.

A pack's own marks (:mod:`.packs`) are block content controls tagged with each section's id and base
revision, and document variables naming the project and organisation. Word keeps them; LibreOffice
does not. Measured with LibreOffice 7.4 (``soffice --headless --convert-to docx``, and docx -> odt
-> docx as a partner who saved in LibreOffice's own format and then as Word would), on a pack:

- block content controls: gone. ``--convert-to docx`` leaves an inline control around the runs of
  the box's *first* paragraph only, keeping its alias but not its tag; via .odt even that becomes a
  ``FILLIN`` field. No section id or revision survives in them.
- document variables (``w:docVars``): gone, both ways.
- custom document properties (``docProps/custom.xml``): kept, both ways, every one of 43, in order,
  a 300-character value whole, non-ASCII and escaped characters intact. Our provenance marker
  (:data:`.provenance.MARKER_PROPERTY`) is one of them, so the copy still says it is ours (and no
  longer matches its hash).
- bookmarks: their names are kept, hidden ones (starting with "_") as well as ordinary ones, and a
  bookmark inside a table cell. But a bookmark *spanning* paragraphs is written back damaged: its
  start appears twice (in the first paragraph, unclosed or closed at once, and again in the last
  paragraph next to its end), and a second LibreOffice save keeps only the last paragraph (or renames
  the copy ``NAME_Copy_1``). Where the start stood (inside the heading paragraph, or before it in the
  body) made no difference. A section ending in a table gets an empty paragraph after it, where the
  end moves; a bookmark around a table becomes one from its first cell to its last.
  A *point* bookmark (start and end together) survived two saves and the .odt round trip in place.

So the second set is point bookmarks: ``_wyaSection<n>`` at the start of each section's heading
paragraph (n = the section's place in the pack, from 1) and ``_wyaAbout`` at the end of the
introduction; hidden names (Word's bookmark list shows them only on request), letters and digits, far
under Word's 40 characters. A section runs from its bookmark to the next section's (or the end of the
document): an end mark would put the paragraph a partner adds after the section's last one outside it
(Enter at a paragraph's end leaves a point bookmark behind), and where no boxes are shown no one can
tell "between two sections" from "at the end of the first". Two sections' bookmarks in one paragraph (the
text between them deleted) leave neither recognisable: both are reported and left as they were. The
custom properties say which section each bookmark is (``wyassembler.section.<n>`` = ``<section
id>:<base revision>``) and whose pack it is (project, organisation, title, as the document variables
do), so a LibreOffice-saved pack of another project or organisation is refused as before.

LibreOffice also rewrites link addresses (7.4, measured on 20): a slash after a bare host
("https://www.floodre.co.uk/", also "http://example.com:80/", "ftp://example.com/"), the scheme in lower
case ("HTTP://Example.com" -> "http://Example.com/"; the host's case kept), "%7E" as "~", "a/../b" as "b",
and a fragment moved into a HYPERLINK field's ``\\l`` switch; queries, "user@" hosts, paths with a
trailing slash, spaces and mailto: addresses are left alone. :func:`with_base_links` reads an address
that differs from one in the text the pack was made with only so as that address, so a saved pack with
no real edit is no edit.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..core.content import Block, Blocks, Inline, ListItem, Paragraph, Table
from .provenance import custom_properties
from .wordml import FLD_CHAR, INSTR_TEXT, P, PPR, R, SDT, SDT_CONTENT, SDT_PR, TBL, w_tag

BOOKMARK_START, BOOKMARK_END = w_tag("bookmarkStart"), w_tag("bookmarkEnd")
ABOUT_MARK = "_wyaAbout"
SECTION_MARK = "_wyaSection"
SECTION_PROPERTY = "wyassembler.section."
# The time of the newest record the pack's project held when the pack was made (UTC, ISO 8601): the
# project as the partner saw it. A record dated after it was made since (a thread resolved or reopened);
# not the clock's time, so the same project still gives the same bytes.
MADE_PROPERTY = "wyassembler.made"
_TAG, _VAL, _ID, _NAME = w_tag("tag"), w_tag("val"), w_tag("id"), w_tag("name")
_TITLE_LIMIT = 255  # Word's limit for a property's text in its dialog, as for the core properties


@dataclass(frozen=True)
class MarkedSection:
    """A section found by its bookmark: its id, the revision the pack started from, and the body
    elements it spans (the heading paragraph first)."""

    section_id: str
    base_revision: str
    position: int  # the index of its first element in the body
    elements: list


@dataclass
class MarkedBody:
    """A pack's body read by the bookmarks: the sections found, in order, and the elements with text
    outside every section and the introduction."""

    sections: list[MarkedSection]
    outside: list


# -- out --------------------------------------------------------------------------------------

def add_markers(body: etree._Element, pack_tag: str, section_tag: str) -> None:
    """Put a point bookmark at the end of the introduction (the control tagged ``pack_tag``...) and at
    the start of each section's heading paragraph (the controls tagged ``section_tag``...), in order."""
    bookmark_id = 0
    sections = 0
    for sdt in body.iter(SDT):
        tag, content = _tag(sdt), sdt.find(SDT_CONTENT)
        paragraphs = [e for e in content if e.tag in (P, TBL)] if content is not None else []
        if tag.startswith(pack_tag) and paragraphs:
            bookmark_id += 1
            _point(_last_paragraph(paragraphs[-1]), ABOUT_MARK, bookmark_id, at_end=True)
        elif tag.startswith(section_tag) and paragraphs:
            bookmark_id += 1
            sections += 1
            _point(_first_paragraph(paragraphs[0]), f"{SECTION_MARK}{sections}", bookmark_id, at_end=False)


def marker_properties(project_id: str, org_id: str, title: str, sections: Sequence[tuple[str, str]],
                      names: tuple[str, str, str]) -> dict[str, str]:
    """The custom properties that say whose pack it is (``names``: the project, organisation and title
    properties' names) and which section each bookmark marks (``sections``: id and base revision, in
    the pack's order)."""
    if len(title) > _TITLE_LIMIT:
        title = title[:_TITLE_LIMIT - 1] + "\u2026"
    properties = dict(zip(names, (project_id, org_id, title), strict=True))
    for number, (section_id, revision_id) in enumerate(sections, start=1):
        properties[f"{SECTION_PROPERTY}{number}"] = f"{section_id}:{revision_id}"
    return properties


def _point(paragraph: etree._Element, name: str, bookmark_id: int, at_end: bool) -> None:
    start = etree.Element(BOOKMARK_START, {_ID: str(bookmark_id), _NAME: name})
    end = etree.Element(BOOKMARK_END, {_ID: str(bookmark_id)})
    if at_end:
        paragraph.extend((start, end))
    else:
        index = 1 if len(paragraph) and paragraph[0].tag == PPR else 0
        paragraph[index:index] = [start, end]


def _first_paragraph(element: etree._Element) -> etree._Element:
    return element if element.tag == P else next(element.iter(P))


def _last_paragraph(element: etree._Element) -> etree._Element:
    return element if element.tag == P else list(element.iter(P))[-1]


# -- back in ----------------------------------------------------------------------------------

def pack_properties(document: Document) -> dict[str, str]:
    """The document's custom properties ({} if it has none), found by relationship, whatever its part's name."""
    for relationship in document.part.package.rels.values():
        if relationship.reltype == RT.CUSTOM_PROPERTIES and not relationship.is_external:
            return custom_properties(relationship.target_part.blob)
    return {}


def pack_made(properties: dict[str, str]) -> datetime | None:
    """When the pack was made (:data:`MADE_PROPERTY`), or ``None`` if it does not say (made before it did,
    or the property damaged)."""
    try:
        made = datetime.fromisoformat(properties.get(MADE_PROPERTY, ""))
    except ValueError:
        return None
    return made if made.tzinfo is not None else None


def marked_sections(properties: dict[str, str]) -> dict[int, tuple[str, str]]:
    """Bookmark number -> (section id, base revision), from the custom properties."""
    found = {}
    for name, value in properties.items():
        number = name[len(SECTION_PROPERTY):]
        section_id, _, base = value.partition(":")
        if name.startswith(SECTION_PROPERTY) and number.isdigit() and section_id:
            found[int(number)] = (section_id, base)
    return found


def read_marked(elements: list, sections: dict[int, tuple[str, str]], read: set[str]) -> MarkedBody:
    """The sections of ``sections`` (from :func:`marked_sections`) found by their bookmarks in the body
    ``elements`` (top level, as :func:`.packs.read_pack` walks them), except those in ``read`` (their
    content controls survived and were read). Each section runs from the element holding its bookmark
    to the next section's. Outside are the elements after the introduction's mark and before the first
    section (and before the introduction if its control survived), and those beside a surviving control
    in its stretch, that are not controls of ours."""
    starts: dict[int, int] = {}  # bookmark number -> index of the element holding it
    about = -1
    for index, element in enumerate(elements):
        for name in _bookmarks(element):
            if name == ABOUT_MARK and about < 0:
                about = index
            suffix = name[len(SECTION_MARK):]
            if name.startswith(SECTION_MARK) and suffix.isdigit() and int(suffix) in sections:
                starts.setdefault(int(suffix), index)
    bounds = sorted(set(starts.values())) + [len(elements)]
    found: list[MarkedSection] = []
    taken = set(read)
    shared = Counter(starts.values())
    spilled: set[int] = set()
    # Before the introduction's mark: the introduction, or, if its control survived, typed above it.
    lead = elements[:about] if about >= 0 and _ours(elements[about]) else []
    outside = [e for e in lead + elements[about + 1:bounds[0]] if not _ours(e)]
    for number in sorted(starts, key=starts.__getitem__):
        section_id, base = sections[number]
        first = starts[number]
        stretch = [e for e in elements[first:bounds[bisect_right(bounds, first)]] if not _ours(e)]
        if section_id in taken or shared[first] > 1:
            # Typed between the boxes Word still shows; or two sections' marks in one paragraph (the text
            # between them deleted), where neither can be told from the other: not imported, reported.
            if first not in spilled:
                outside.extend(stretch)
                spilled.add(first)
        else:
            taken.add(section_id)
            if stretch and stretch[0].tag == P:
                _unwrap_fill_in(stretch[0])
            found.append(MarkedSection(section_id, base, first, stretch))
    return MarkedBody(found, outside)


def _unwrap_fill_in(paragraph: etree._Element) -> None:
    """Leave only the text of the ``FILLIN`` field LibreOffice makes of a content control in a heading
    (saved as .odt, then .docx): the partner never typed a field there, so none is reported."""
    codes = "".join(text.text or "" for text in paragraph.iter(INSTR_TEXT))
    if codes.split()[:1] != ["FILLIN"]:
        return
    for run in [r for r in paragraph.iter(R) if r.find(FLD_CHAR) is not None or r.find(INSTR_TEXT) is not None]:
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)


def _bookmarks(element: etree._Element) -> list[str]:
    """The names of the bookmarks that start in or at ``element``."""
    if element.tag == BOOKMARK_START:
        return [element.get(_NAME, "")]
    return [start.get(_NAME, "") for start in element.iter(BOOKMARK_START)]


def _ours(element: etree._Element) -> bool:
    """A content control of ours that survived: read by its tag, not by the bookmarks."""
    return element.tag == SDT and _tag(element).startswith("wyassembler:")


def _tag(sdt: etree._Element) -> str:
    props = sdt.find(SDT_PR)
    tag = props.find(_TAG) if props is not None else None
    return tag.get(_VAL, "") if tag is not None else ""


# -- link addresses ---------------------------------------------------------------------------------

_UNRESERVED_ESCAPE = re.compile(r"%(2[dD]|2[eE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])")


def address_key(href: str) -> str:
    """An address as LibreOffice would leave it, and with the host's case folded (a host is the same in any
    case): two addresses with one key are one address written two ways."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return href
    scheme = parts.scheme.lower()
    if not parts.netloc:
        return href if scheme == parts.scheme else scheme + href[len(scheme):]
    user, at, host = parts.netloc.rpartition("@")
    path = _UNRESERVED_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), parts.path) or "/"
    if "/.." in path or "/./" in path or path.endswith("/."):
        path = posixpath.normpath(path) + ("/" if path.endswith(("/", "/.", "/..")) and path != "/" else "")
        path = path if path.startswith("/") else "/" + path.lstrip("/")
    return urlunsplit((scheme, user + at + host.lower(), path, parts.query, parts.fragment))


def with_base_links(blocks: Blocks, base: Blocks) -> Blocks:
    """``blocks`` with each link address that is not one of ``base``'s but differs from one of them only as
    LibreOffice rewrites addresses (:func:`address_key`) given as ``base`` has it."""
    known = {span.href for spans in _inlines(base) for span in spans if span.href}
    keys = {address_key(href): href for href in sorted(known)}
    if not keys:
        return blocks

    def restored(spans: Inline) -> Inline:
        return tuple(replace(span, href=keys.get(address_key(span.href), span.href))
                     if span.href and span.href not in known else span for span in spans)

    return tuple(_with_spans(block, restored) for block in blocks)


def _inlines(blocks: Iterable[Block]) -> Iterable[Inline]:
    for block in blocks:
        if isinstance(block, (Paragraph, ListItem)):
            yield block.spans
        elif isinstance(block, Table):
            yield from (cell for row in (block.header, *block.rows) for cell in row)


def _with_spans(block: Block, change) -> Block:
    if isinstance(block, (Paragraph, ListItem)):
        return replace(block, spans=change(block.spans))
    if isinstance(block, Table):
        return replace(block, header=tuple(change(cell) for cell in block.header),
                       rows=tuple(tuple(change(cell) for cell in row) for row in block.rows))
    return block
