"""Size limits at the way in (core.text): text over what a project file can hold is refused where it
comes in, with a clear sentence, rather than saved into a file that never opens again."""

from __future__ import annotations

import pytest

from tests.factories import COORDINATOR
from wyassembler.core.content import MAX_HREF_CHARS, ListItem, Paragraph, Span, Table, check_href, plain
from wyassembler.core.errors import ContentError
from wyassembler.core.markdown import parse_markdown, parse_plain_text
from wyassembler.core.partners import set_properties
from wyassembler.core.text import MAX_FIELD_BYTES, MAX_TEXT_BYTES, TextTooLong, clean_text

EURO = "\u20ac"  # three bytes in UTF-8: limits count bytes, as the reader does, not characters


def test_a_paragraph_may_hold_exactly_the_limit_in_bytes():
    text = EURO * (MAX_TEXT_BYTES // 3) + "a" * (MAX_TEXT_BYTES % 3)
    assert len(text.encode("utf-8")) == MAX_TEXT_BYTES
    assert Paragraph(plain(text)).spans[0].text == text


def test_one_byte_more_is_refused_naming_both_sizes():
    with pytest.raises(TextTooLong, match="holds 10,000,001 bytes of text, over the 10,000,000"):
        Paragraph(plain("a" * (MAX_TEXT_BYTES + 1)))


def test_the_limit_holds_for_a_paragraph_split_over_many_runs_as_word_stores_it():
    runs = tuple(Span("y" * 49_999 + " ") for _ in range(220))  # 11 MB in 220 runs, merged into one span
    with pytest.raises(TextTooLong):
        Paragraph(runs)


def test_runs_of_different_formatting_count_together():
    half = "a" * (MAX_TEXT_BYTES // 2)
    with pytest.raises(TextTooLong):
        Paragraph((Span(half), Span(half, bold=True), Span("b")))


@pytest.mark.parametrize("make", [
    lambda text: ListItem(plain(text)),
    lambda text: Table((plain("Header"),), ((plain(text),),)),
], ids=["list item", "table cell"])
def test_list_items_and_table_cells_have_the_same_limit(make):
    with pytest.raises(TextTooLong):
        make("a" * (MAX_TEXT_BYTES + 1))


def test_a_field_may_hold_its_limit_and_no_more():
    assert len(clean_text("n" * MAX_FIELD_BYTES)) == MAX_FIELD_BYTES
    with pytest.raises(TextTooLong, match="title, heading, name or note holds 100,001 bytes"):
        clean_text("n" * (MAX_FIELD_BYTES + 1))


def test_a_title_over_the_field_limit_is_refused_and_the_old_one_kept(project):
    with pytest.raises(TextTooLong):
        set_properties(project, COORDINATOR, title="t" * (MAX_FIELD_BYTES + 1))
    assert project.title == "A response"


def test_a_link_target_over_its_limit_is_refused():
    target = "https://example.org/" + "a" * (MAX_HREF_CHARS - len("https://example.org/"))
    assert check_href(target) == target
    with pytest.raises(ContentError, match="over the 4,096 a link may have"):
        check_href(target + "a")


def test_markdown_names_the_line_of_the_paragraph_that_is_too_long():
    text = "First paragraph.\n\nSecond.\n\n" + "word " * (MAX_TEXT_BYTES // 5 + 1) + "\n"
    with pytest.raises(TextTooLong, match=r"^line 5: a paragraph, list item or table cell holds"):
        parse_markdown(text)


def test_markdown_names_the_line_of_a_list_item_that_is_too_long():
    with pytest.raises(TextTooLong, match=r"^line 2: "):
        parse_markdown("- short\n- " + "x" * (MAX_TEXT_BYTES + 1) + "\n")


def test_plain_text_names_the_line_of_the_paragraph_that_is_too_long():
    text = "One.\nStill one.\n\n\nTwo starts on line 5: " + "x" * MAX_TEXT_BYTES
    with pytest.raises(TextTooLong, match=r"^line 5: "):
        parse_plain_text(text)


def test_markdown_at_the_limit_is_read_whole():
    text = "x" * MAX_TEXT_BYTES
    assert parse_markdown(text).blocks == (Paragraph(plain(text)),)
