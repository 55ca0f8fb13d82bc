import pytest

from wyassembler.core.content import (ListItem, MemberList, Paragraph, Span, Table, content_hash,
                                      normalize_blocks, normalize_inline, plain)
from wyassembler.core.errors import ContentError


def test_adjacent_spans_with_the_same_format_merge_and_edges_are_trimmed():
    spans = normalize_inline([Span("  Hello "), Span("big", bold=True), Span(" world", bold=True), Span("  ")])
    assert spans == (Span("Hello "), Span("big world", bold=True))


def test_line_breaks_become_spaces_and_xml_illegal_characters_go():
    assert normalize_inline([Span("a\nb\tc\x00d\x0b")]) == (Span("a b cd"),)


def test_text_is_stored_in_nfc_so_the_hash_does_not_depend_on_the_keyboard():
    decomposed = Paragraph(plain("Cafe\u0301"))
    composed = Paragraph(plain("Caf\u00e9"))
    assert decomposed == composed
    assert content_hash("h", (decomposed,)) == content_hash("h", (composed,))


@pytest.mark.parametrize("href", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.org", "https://", "http://a b"])
def test_links_must_be_web_or_mail_addresses(href):
    with pytest.raises(ContentError):
        Paragraph((Span("x", href=href),))


def test_link_scheme_is_lower_cased():
    assert Paragraph((Span("x", href="HTTPS://gov.uk"),)).spans[0].href == "https://gov.uk"


@pytest.mark.parametrize("level", [0, 4, "1"])
def test_list_levels_are_one_to_three(level):
    with pytest.raises(ContentError):
        ListItem(plain("x"), "bullet", level)


def test_list_kind_must_be_known():
    with pytest.raises(ContentError):
        ListItem(plain("x"), "roman", 1)


def test_table_rows_are_padded_to_the_header_and_never_wider():
    table = Table((plain("A"), plain("B")), ((plain("1"),),))
    assert table.rows == ((plain("1"), ()),)
    with pytest.raises(ContentError):
        Table((plain("A"),), ((plain("1"), plain("2")),))
    with pytest.raises(ContentError):
        Table((), ())


def test_empty_paragraphs_are_dropped_and_unknown_blocks_refused():
    assert normalize_blocks([Paragraph(plain("  ")), MemberList()]) == (MemberList(),)
    with pytest.raises(ContentError):
        normalize_blocks(["<b>html</b>"])


def test_hash_changes_with_heading_text_format_and_order():
    base = (Paragraph(plain("one")), Paragraph(plain("two")))
    h = content_hash("Heading", base)
    assert h == content_hash("Heading", tuple(base))
    assert h != content_hash("Heading!", base)
    assert h != content_hash("Heading", tuple(reversed(base)))
    assert h != content_hash("Heading", (Paragraph((Span("one", bold=True),)), base[1]))
    assert h != content_hash("Heading", (ListItem(plain("one")), base[1]))
    assert len(h) == 64 and int(h, 16) >= 0
