import pytest

from wyassembler.core.content import (ListItem, MemberList, Paragraph, Span, Table, content_hash,
                                      normalize_blocks, normalize_inline, plain)
from wyassembler.core.errors import ContentError


def test_adjacent_spans_with_the_same_format_merge_and_edges_are_trimmed():
    spans = normalize_inline([Span("  Hello "), Span("big", bold=True), Span(" world", bold=True), Span("  ")])
    assert spans == (Span("Hello "), Span("big world", bold=True))


def test_line_breaks_and_tabs_are_kept_as_typed_and_xml_illegal_characters_go():
    # Every kind of line break (Word's vertical tab, CR LF, U+2028) is one hard break, a line feed.
    assert normalize_inline([Span("a\r\nb\tc\x00d\x0be\u2028f")]) == (Span("a\nb\tcd\ne\nf"),)


def test_breaks_at_the_ends_of_a_paragraph_go_like_spaces():
    assert normalize_inline([Span("\n\ta"), Span("b\n", bold=True)]) == (Span("a"), Span("b", bold=True))


def test_content_without_breaks_starts_or_headerless_tables_hashes_as_before():
    # The canonical form grew only optional parts: a file written before them still matches its hashes.
    blocks = (Paragraph(plain("a")), ListItem(plain("b"), "number", 2), Table((plain("h"),), ((plain("c"),),)))
    # The hash format 1.2 gave this content (computed with the content model before format 1.3).
    assert content_hash("h", blocks) == "ba8a0794474784cc4e70f9ca3b28500c88a093243e9e10a6d91655bcfb030de5"
    assert ListItem(plain("b"), "number", 2) == ListItem(plain("b"), "number", 2, None)


def test_a_start_number_and_a_line_break_change_the_hash():
    item = ListItem(plain("x"), "number")
    assert content_hash("h", (item,)) != content_hash("h", (ListItem(plain("x"), "number", 1, 1),))
    assert content_hash("h", (Paragraph(plain("a b")),)) != content_hash("h", (Paragraph(plain("a\nb")),))


@pytest.mark.parametrize("start", [-1, 32768, 1.5, "3", True])
def test_a_list_start_is_a_whole_number_word_can_show(start):
    with pytest.raises(ContentError, match="cannot start at"):
        ListItem(plain("x"), "number", 1, start)


def test_only_a_numbered_item_has_a_start_number():
    with pytest.raises(ContentError, match="only a numbered"):
        ListItem(plain("x"), "bullet", 1, 2)


def test_a_table_may_have_no_header_row_and_then_its_widest_row_sets_the_width():
    table = Table((), ((plain("a"),), (plain("b"), plain("c"))))
    assert not table.has_header and table.width == 2
    assert table.rows == ((plain("a"), ()), (plain("b"), plain("c")))
    with pytest.raises(ContentError, match="at least one cell"):
        Table((), ())


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


@pytest.mark.parametrize("size", [0, 1, 2046, 2047, 2048, 4095, 10_000, 64 * 1024, 64 * 1024 + 1, 300_000])
def test_sha256_hex_is_sha256_at_every_size_fed_in_pieces_or_whole(size):
    import hashlib

    from wyassembler.core.content import sha256_hex

    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
