"""Reading a revision's content: the spans read from any inline markup are those of the plain recursive
definition (a span per piece of text, alike neighbours joined), however the reader builds them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from wyassembler.core.content import ListItem, Paragraph, Span, Table, content_hash, plain
from wyassembler.projectfile.codec import parse_bytes
from wyassembler.projectfile.content_xml import NS, fill_content, read_content, read_inline

_TEXT = st.sampled_from(["", "a", " b ", "\u00e9", "\U0001f600", "&<", "  "])
_TAGS = ("a", "b", "i", "br", "tab")


def _reference(element: etree._Element) -> tuple[Span, ...]:
    """Every piece of text with the formatting of the elements around it, alike neighbours joined."""
    spans: list[Span] = []

    def walk(node: etree._Element, bold: bool, italic: bool, href: str | None) -> None:
        if node.text:
            spans.append(Span(node.text, bold, italic, href))
        for child in node:
            name = etree.QName(child).localname
            if name in ("br", "tab"):
                spans.append(Span("\n" if name == "br" else "\t", bold, italic, href))
            else:
                walk(child, bold or name == "b", italic or name == "i", child.get("href") if name == "a" else href)
            if child.tail:
                spans.append(Span(child.tail, bold, italic, href))

    walk(element, False, False, None)
    joined: list[Span] = []
    for span in spans:
        if joined and joined[-1].same_format(span):
            joined[-1] = Span(joined[-1].text + span.text, span.bold, span.italic, span.href)
        else:
            joined.append(span)
    return tuple(joined)


@st.composite
def _markup(draw, depth: int = 0) -> etree._Element:
    """A ``<p>`` (or, deeper, an ``<a>``/``<b>``/``<i>``) of text, breaks, tabs and nested spans."""
    tag = "p" if depth == 0 else draw(st.sampled_from(("a", "b", "i")))
    element = etree.Element(f"{{{NS}}}{tag}")
    if tag == "a":
        element.set("href", draw(st.sampled_from(("https://a.example", "mailto:b@example.org"))))
    element.text = draw(_TEXT) or None
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        kind = draw(st.sampled_from(_TAGS))
        child = (etree.Element(f"{{{NS}}}{kind}") if kind in ("br", "tab") else draw(_markup(depth + 1)))
        child.tail = draw(_TEXT) or None
        element.append(child)
    return element


@settings(max_examples=300, deadline=None)
@given(_markup())
def test_the_spans_read_are_those_of_the_recursive_definition(element):
    assert read_inline(element) == _reference(element)


def test_text_alone_is_one_plain_span_and_no_text_no_span():
    paragraph = etree.Element(f"{{{NS}}}p")
    assert read_inline(paragraph) == ()
    paragraph.text = " as written "
    assert read_inline(paragraph) == (Span(" as written "),)


def test_content_written_is_read_back_as_it_hashes():
    blocks = (Paragraph(plain("One") + (Span(" bold", bold=True), Span(" link", href="https://a.example"))),
              ListItem(plain("Item\twith a tab"), "number", 2, 3),
              Table((plain("Head"),), ((plain("line one\nline two"),),)))
    parent = etree.Element(f"{{{NS}}}content")
    fill_content(parent, blocks)
    read = read_content(parent)
    assert read == blocks
    assert content_hash("H", read) == content_hash("H", blocks)


_ODD_BUT_VALID = [  # hand-edited markup as a project file is parsed, and the spans it must read as
    ("x<b>ab<!-- note -->cd<?pi data?>ef</b>gh<!--z-->ij", (Span("x"), Span("abcdef", True), Span("ghij"))),
    ("<b><![CDATA[<i>&]]></b> after", (Span("<i>&", True), Span(" after"))),
    ("one<b/><i></i>two<a href='https://a.example'></a>three", (Span("onetwothree"),)),
    ("<i>  </i>\u00a0<b>\u00e9\U0001f600</b>",
     (Span("  ", italic=True), Span("\u00a0"), Span("\u00e9\U0001f600", True))),
    ("<a href='https://a.example'><b><i>in</i></b> link</a>tail<b>x<br/>y<tab/></b><br/>",
     (Span("in", True, True, "https://a.example"), Span(" link", href="https://a.example"), Span("tail"),
      Span("x\ny\t", True), Span("\n"))),
    ("<b>a</b><b>b</b><i><b>c</b></i>", (Span("ab", True), Span("c", True, True))),
]


@pytest.mark.parametrize("holder", ["p", "li", "cell"])
@pytest.mark.parametrize(("markup", "spans"), _ODD_BUT_VALID)
def test_odd_but_valid_markup_in_a_file_reads_every_piece_of_text_once(holder, markup, spans):
    # Comments and processing instructions are dropped by the file's parser: the text around them is
    # one run, none of theirs is read as text.
    element = parse_bytes(f'<{holder} xmlns="{NS}">{markup}</{holder}>'.encode())
    assert read_inline(element) == spans == _reference(element)


def _reference_written(spans: tuple[Span, ...]) -> bytes:
    """A paragraph as the writer is defined to write it: each span in turn, breaks and tabs as elements,
    a formatted span as one chain <a href><b><i>, plain text as the text or tail of what is before it."""
    paragraph = etree.Element(f"{{{NS}}}p")
    last = None

    def add_text(parent: etree._Element, after: etree._Element | None, text: str) -> etree._Element | None:
        pieces = []
        current = ""
        for character in text:
            if character in "\n\t":
                pieces += [current, character]
                current = ""
            else:
                current += character
        pieces.append(current)
        for piece in pieces:
            if piece in ("\n", "\t"):
                after = etree.SubElement(parent, f"{{{NS}}}{'br' if piece == chr(10) else 'tab'}")
            elif after is None:
                parent.text = (parent.text or "") + piece or None
            else:
                after.tail = (after.tail or "") + piece or None
        return after

    for span in spans:
        if not (span.bold or span.italic or span.href):
            last = add_text(paragraph, last, span.text)
            continue
        chain = [tag for tag, wanted in (("a", span.href), ("b", span.bold), ("i", span.italic)) if wanted]
        outer = inner = etree.SubElement(paragraph, f"{{{NS}}}{chain[0]}")
        for tag in chain[1:]:
            inner = etree.SubElement(inner, f"{{{NS}}}{tag}")
        if span.href:
            outer.set("href", span.href)
        add_text(inner, None, span.text)
        last = outer
    return etree.tostring(paragraph)


_SPAN = st.builds(Span, st.sampled_from(["a", " b ", "x\ny", "\t", "t\tu\nv", "\u00e9&<"]), st.booleans(),
                  st.booleans(), st.sampled_from([None, "https://a.example", "mailto:b@example.org"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAN, min_size=1, max_size=6))
def test_a_paragraph_is_written_as_defined_and_read_back_as_it_was(spans):
    blocks = (Paragraph(tuple(spans)),)  # the model joins alike neighbours and checks what it holds
    parent = etree.Element(f"{{{NS}}}content")
    fill_content(parent, blocks)
    assert etree.tostring(parent[0]) == _reference_written(blocks[0].spans)
    assert read_content(parent) == blocks
