"""Markdown in and out of the content model: parsing, warnings, writing and round trips."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wyassembler.core.content import (
    LIST_KINDS,
    MAX_LIST_START,
    ListItem,
    MemberList,
    Paragraph,
    Span,
    Table,
    normalize_blocks,
    normalize_inline,
    plain,
)
from wyassembler.core.lists import list_places
from wyassembler.core.markdown import ParseResult, parse_markdown, parse_plain_text, to_markdown

URL = "https://example.org/page"


def blocks_of(text: str) -> tuple:
    result = parse_markdown(text)
    assert result.warnings == [], result.warnings
    return result.blocks


def one_block(text: str):
    (block,) = blocks_of(text)
    return block


def spans_of(text: str) -> tuple:
    block = one_block(text)
    assert isinstance(block, Paragraph)
    return block.spans


def round_trip(blocks) -> tuple:
    blocks = normalize_blocks(blocks)
    result = parse_markdown(to_markdown(blocks))
    assert result.blocks == blocks, to_markdown(blocks)
    assert result.warnings == []
    return blocks


# -- reading: what maps onto the model ---------------------------------------


def test_parse_result_is_blocks_and_warnings():
    result = parse_markdown("")
    assert isinstance(result, ParseResult)
    assert result.blocks == () and result.warnings == []


def test_soft_breaks_become_spaces_and_hard_breaks_line_breaks():
    assert blocks_of("first\nline\n\nsecond  \nhard\\\nbreak\n") == (
        Paragraph(plain("first line")),
        Paragraph(plain("second\nhard\nbreak")),
    )


def test_a_hard_break_keeps_the_formatting_around_it_and_a_br_tag_is_a_break():
    assert spans_of("**bold  \nstill** a<br>b <BR/> c") == (
        Span("bold\nstill", bold=True), Span(" a\nb \n c"))


def test_tabs_inside_text_are_kept():
    assert spans_of("a\tb &#9;c\n") == (Span("a\tb \tc"),)


def test_a_numbered_list_starting_at_another_number_stores_it_on_its_first_item():
    assert blocks_of("5. a\n6. b\n   1. c\n\ntext\n\n0. d\n") == (
        ListItem(plain("a"), "number", 1, start=5), ListItem(plain("b"), "number"),
        ListItem(plain("c"), "number", 2), Paragraph(plain("text")), ListItem(plain("d"), "number", 1, start=0))


def test_a_numbered_list_right_after_another_starts_again_at_1():
    # "1." then "1)" are two lists to markdown-it; without start=1 the second would go on from 2.
    assert blocks_of("1. a\n1) b\n\n- x\n\n1. c\n") == (
        ListItem(plain("a"), "number"), ListItem(plain("b"), "number", start=1),
        ListItem(plain("x")), ListItem(plain("c"), "number"))


def test_a_list_going_on_after_a_table_moved_out_keeps_its_numbers():
    result = parse_markdown("1. a\n\n   | t |\n   |---|\n   | x |\n2. b\n")
    assert result.blocks[2] == ListItem(plain("b"), "number", start=2)


def test_an_empty_first_item_leaves_the_next_its_number():
    assert blocks_of("3.\n4. x\n") == (ListItem(plain("x"), "number", start=4),)


def test_a_list_start_over_the_limit_is_lowered_with_a_warning():
    result = parse_markdown("99999. a\n")
    assert result.blocks == (ListItem(plain("a"), "number", start=32767),)
    assert result.warnings == ["line 1: a list numbered from 99999 was numbered from 32767, "
                               "the highest number a list can start at"]


def test_a_setext_title_over_two_lines_keeps_a_space_between_them():
    assert parse_markdown("Our\nresponse  \nin full\n===\n\ntext\n").title == "Our response in full"


@pytest.mark.parametrize("marker", ["-", "*", "+"])
def test_bullet_markers_give_bullet_items(marker):
    assert blocks_of(f"{marker} one\n{marker} two\n") == (
        ListItem(plain("one"), "bullet", 1),
        ListItem(plain("two"), "bullet", 1),
    )


@pytest.mark.parametrize("marker, start", [("1.", None), ("3.", 3), ("1)", None)])
def test_ordered_markers_give_number_items(marker, start):
    assert blocks_of(f"{marker} one\n") == (ListItem(plain("one"), "number", 1, start),)


def test_nesting_gives_levels_and_each_item_keeps_its_own_kind():
    text = "- a\n  1. b\n     - c\n  1. d\n- e\n"
    assert blocks_of(text) == (
        ListItem(plain("a"), "bullet", 1),
        ListItem(plain("b"), "number", 2),
        ListItem(plain("c"), "bullet", 3),
        ListItem(plain("d"), "number", 2),
        ListItem(plain("e"), "bullet", 1),
    )


def test_nesting_deeper_than_three_is_clamped_with_a_warning():
    result = parse_markdown("- a\n  - b\n    - c\n      - d\n")
    assert [(i.level, i.spans) for i in result.blocks] == [
        (1, plain("a")), (2, plain("b")), (3, plain("c")), (3, plain("d"))]
    assert result.warnings == ["line 4: a list nested deeper than 3 levels was kept at level 3"]


def test_list_item_with_several_paragraphs_is_joined_with_a_warning():
    result = parse_markdown("- one\n\n  two\n- three\n")
    assert result.blocks == (ListItem(plain("one two")), ListItem(plain("three")))
    assert result.warnings == ["line 1: a list item with several paragraphs was joined into one paragraph"]


def test_bold_italic_and_links():
    assert spans_of(f"a **b** *c* _d_ [e]({URL})") == (
        Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True), Span(" "),
        Span("d", italic=True), Span(" "), Span("e", href=URL),
    )


def test_nested_formatting_combines():
    assert spans_of(f"**[bold link]({URL})** ***both*** *[it **all**]({URL})*") == (
        Span("bold link", bold=True, href=URL), Span(" "), Span("both", bold=True, italic=True), Span(" "),
        Span("it ", italic=True, href=URL), Span("all", bold=True, italic=True, href=URL),
    )


def test_autolinks_use_the_address_as_text():
    assert spans_of(f"see <{URL}> or <someone@example.org>") == (
        Span("see "), Span(URL, href=URL), Span(" or "),
        Span("someone@example.org", href="mailto:someone@example.org"),
    )


def test_mailto_link_is_kept():
    assert spans_of("[mail](mailto:a@example.org)") == (Span("mail", href="mailto:a@example.org"),)


@pytest.mark.parametrize("target", ["javascript:alert(1)", "file:///etc/passwd", "/relative/page", "ftp://x.org"])
def test_links_to_other_targets_become_plain_text_with_a_warning(target):
    result = parse_markdown(f"before\n[**click**]({target}) after\n")
    assert result.blocks == (Paragraph((Span("before "), Span("click", bold=True), Span(" after"))),)
    assert result.warnings == [f"line 2: the link to {target!r} is not a web (http, https) or mailto: "
                               "address, so only its text was kept"]


EMPTY = "https://example.org/empty"


@pytest.mark.parametrize("source, spans", [
    # The trial's: "[](…)" was dropped without a word, leaving "and ." in the text.
    (f"See [the plan]({URL}) and []({EMPTY}).", (Span("See "), Span("the plan", href=URL), Span(" and ."))),
    (f"[![]({URL}/logo.png)]({EMPTY}) then text", (Span("then text"),)),  # a picture without a description
])
def test_a_link_with_no_text_is_left_out_with_a_warning_naming_its_address(source, spans):
    result = parse_markdown(source)
    assert result.blocks == (Paragraph(spans),)
    assert f"line 1: the link to {EMPTY!r} has no text, so it was left out (write the words that say where it " \
           "leads between its brackets)" in result.warnings


def test_a_link_of_only_a_space_is_kept_for_check_to_report():
    # The model holds it (and Markdown writes it back the same); check reports a link without text.
    result = parse_markdown(f"See [ ]({EMPTY}) there.")
    assert result.blocks == (Paragraph((Span("See "), Span(" ", href=EMPTY), Span(" there."))),)
    assert result.warnings == []


def test_a_pipe_table_with_an_empty_header_row_has_no_header():
    assert one_block("|  |   |\n|---|---|\n| a | b |\n") == Table((), ((plain("a"), plain("b")),))
    # With no body rows the empty header is all there is, and stays.
    assert one_block("|  |\n|---|\n") == Table(((),))


def test_pipe_table_first_row_is_header_and_cells_are_inline():
    table = one_block("| Name | Link |\n|:-----|-----:|\n| **A** | [site](https://a.org) |\n| B |\n")
    assert table == Table(
        (plain("Name"), plain("Link")),
        (
            ((Span("A", bold=True),), (Span("site", href="https://a.org"),)),
            (plain("B"), ()),
        ),
    )


@pytest.mark.parametrize("text", ["{{members}}", "  {{members}}  ", "{{ members }}"])
def test_members_directive_paragraph_becomes_member_list(text):
    assert blocks_of(f"Intro\n\n{text}\n\nAfter\n") == (
        Paragraph(plain("Intro")), MemberList(), Paragraph(plain("After")))


@pytest.mark.parametrize("text", ["The {{members}} are listed", "\\{{members}}", "**{{members}}**"])
def test_members_directive_only_counts_as_a_whole_plain_paragraph(text):
    block = one_block(text)
    assert isinstance(block, Paragraph) and "{{members}}" in block.spans[0].text


def test_members_directive_in_a_list_item_is_text():
    assert one_block("- {{members}}\n") == ListItem(plain("{{members}}"))


# -- reading: what degrades, and the warnings ----------------------------------


@pytest.mark.parametrize("heading", ["## Scope *of* work", "Scope *of* work\n---------------"])
def test_headings_become_bold_paragraphs_with_a_warning(heading):
    result = parse_markdown(f"Intro\n\n{heading}\n")
    assert result.blocks == (
        Paragraph(plain("Intro")),
        Paragraph((Span("Scope ", bold=True), Span("of", bold=True, italic=True), Span(" work", bold=True))),
    )
    assert result.warnings == [
        "line 3: a heading became a bold paragraph (sections are added with add-section)"]


def test_fenced_code_becomes_one_plain_paragraph_per_line_group():
    result = parse_markdown("```python\ndef f():\n    return *x*\n\nf()\n```\n")
    assert result.blocks == (Paragraph(plain("def f(): return *x*")), Paragraph(plain("f()")))
    assert result.warnings == ["line 1: a code block became plain paragraphs"]


def test_indented_code_becomes_plain_paragraphs():
    result = parse_markdown("Text\n\n    code **here**\n")
    assert result.blocks == (Paragraph(plain("Text")), Paragraph(plain("code **here**")))
    assert result.warnings == ["line 3: a code block became plain paragraphs"]


def test_blockquote_gives_its_inner_blocks():
    result = parse_markdown("> quoted *text*\n>\n> - item\n")
    assert result.blocks == (
        Paragraph((Span("quoted "), Span("text", italic=True))), ListItem(plain("item")))
    assert result.warnings == ["line 1: a quotation became ordinary paragraphs"]


def test_image_becomes_its_alt_text():
    result = parse_markdown("See ![the map](map.png).\n")
    assert result.blocks == (Paragraph(plain("See the map.")),)
    assert result.warnings == ["line 1: an image was replaced by its description"]


def test_inline_code_becomes_plain_text():
    result = parse_markdown("Run `make **all**` now\n")
    assert result.blocks == (Paragraph(plain("Run make **all** now")),)
    assert result.warnings == ["line 1: code formatting was removed"]


def test_raw_html_block_is_dropped_with_its_text():
    result = parse_markdown("Before\n\n<div>\nsecret <b>words</b>\n</div>\n\nAfter\n")
    assert result.blocks == (Paragraph(plain("Before")), Paragraph(plain("After")))
    assert result.warnings == ["line 3: raw HTML was dropped"]


def test_inline_html_tags_are_dropped():
    result = parse_markdown("a <span class='x'>b</span> <!-- note --> c\n")
    assert result.blocks == (Paragraph(plain("a b  c")),)
    assert result.warnings == ["line 1: an HTML tag was dropped"]


def test_thematic_breaks_vanish_silently():
    assert blocks_of("one\n\n---\n\n***\n\ntwo\n") == (Paragraph(plain("one")), Paragraph(plain("two")))


def test_warning_line_numbers_follow_line_breaks_inside_a_paragraph():
    result = parse_markdown("\n\nfirst line\nsecond `code`\n")
    assert result.warnings == ["line 4: code formatting was removed"]


def test_odd_input_never_raises():
    text = "\x00 [a](<>) ![](x) <> ** _ [x]: y\n|a|\n|-|\n" + "> " * 40 + "deep\n" + "- " * 40 + "deep\n"
    result = parse_markdown(text)
    assert all(isinstance(w, str) for w in result.warnings)


def test_deeply_nested_emphasis_does_not_overflow():
    assert blocks_of("*" * 3000 + "deep" + "*" * 3000) == (Paragraph((Span("deep", bold=True),)),)


# -- plain text ---------------------------------------------------------------


def test_plain_text_is_paragraphs_without_markdown():
    result = parse_plain_text("# Not a heading\n**not bold**\n\n\n- not a list\r\n  [not](a link)\n \n")
    assert result == ParseResult(
        (Paragraph(plain("# Not a heading\n**not bold**")), Paragraph(plain("- not a list\n  [not](a link)"))), [])


def test_plain_text_keeps_a_line_broken_inside_a_paragraph_and_its_tabs():
    result = parse_plain_text("West Yorkshire Joint Services   \r\nPO Box 5\tWakefield\rWF1 2AA\n\nNext\n")
    assert result.blocks == (Paragraph(plain("West Yorkshire Joint Services\nPO Box 5\tWakefield\nWF1 2AA")),
                             Paragraph(plain("Next")))


# -- writing --------------------------------------------------------------------


def test_emphasis_nests_instead_of_closing_and_reopening():
    blocks = (Paragraph((Span("a ", bold=True), Span("b", bold=True, italic=True))),)
    assert to_markdown(blocks) == "**a *b***\n"


def test_spaces_at_the_edge_of_emphasis_move_outside_the_markers():
    blocks = (Paragraph((Span("a"), Span(" b ", bold=True), Span("c"))),)
    assert to_markdown(blocks) == "a **b** c\n"
    assert parse_markdown(to_markdown(blocks)).blocks == (
        Paragraph((Span("a "), Span("b", bold=True), Span(" c"))),)


def test_a_space_where_a_crossing_format_reopens_loses_that_format():
    # Bold ends where italic goes on: italic must close and reopen, and cannot reopen before a space.
    blocks = (Paragraph((Span("a ", bold=True), Span("b", bold=True, italic=True), Span(" c", italic=True))),)
    assert to_markdown(blocks) == "**a *b*** *c*\n"
    assert parse_markdown(to_markdown(blocks)).blocks == (Paragraph((
        Span("a ", bold=True), Span("b", bold=True, italic=True), Span(" "), Span("c", italic=True))),)


def test_link_is_outermost():
    blocks = (Paragraph((Span("x", bold=True, italic=True, href=URL),)),)
    assert to_markdown(blocks) == f"[***x***]({URL})\n"


def test_lists_are_indented_under_their_parent_content():
    blocks = (
        ListItem(plain("a"), "number", 1),
        ListItem(plain("b"), "bullet", 2),
        ListItem(plain("c"), "number", 3),
        ListItem(plain("d"), "bullet", 1),
    )
    assert to_markdown(blocks) == "1. a\n   - b\n     1. c\n\n- d\n"


def test_paragraphs_tables_and_lists_are_separated_by_blank_lines():
    blocks = (
        Paragraph(plain("p")),
        ListItem(plain("i")),
        Table((plain("h|1"), plain("h2")), ((plain("c"),),)),
        MemberList(),
    )
    assert to_markdown(blocks) == "p\n\n- i\n\n| h\\|1 | h2 |\n| --- | --- |\n| c |  |\n\n{{members}}\n"


def test_member_names_are_written_as_a_bullet_list_when_given():
    blocks = (Paragraph(plain("Members:")), MemberList())
    assert to_markdown(blocks, ["Leeds City Council", "Fire & *Rescue*"]) == (
        "Members:\n\n- Leeds City Council\n- Fire & \\*Rescue\\*\n")


def test_link_targets_with_brackets_are_wrapped():
    target = "https://en.wikipedia.org/wiki/Leeds_(city)"
    assert to_markdown((Paragraph((Span("Leeds", href=target),)),)) == f"[Leeds](<{target}>)\n"


def test_text_that_looks_like_markdown_is_escaped():
    assert to_markdown((Paragraph(plain("# 1. *a* [b] <c>")),)) == "\\# 1. \\*a\\* \\[b\\] \\<c\\>\n"
    assert to_markdown((ListItem(plain("2) done")),)) == "- 2\\) done\n"


def test_numbered_items_are_written_with_their_numbers_and_a_new_list_switches_delimiter():
    blocks = (
        ListItem(plain("a"), "number", start=5), ListItem(plain("b"), "number"),
        ListItem(plain("c"), "number", start=1), ListItem(plain("d"), "number", start=3),
        Paragraph(plain("p")), ListItem(plain("e"), "number"),
    )
    assert to_markdown(blocks) == "5. a\n6. b\n\n1) c\n\n3. d\n\np\n\n1. e\n"


def test_a_nested_list_after_a_bullet_list_numbers_from_1_and_from_a_start_after_a_blank_line():
    blocks = (
        ListItem(plain("a"), "number"), ListItem(plain("x"), "bullet", 2), ListItem(plain("b"), "number"),
        ListItem(plain("c"), "number", 2), ListItem(plain("d"), "number", 2, start=4),
    )
    # d cannot follow c's text as "4." (it would be read as more of c's text): a blank line comes first.
    assert to_markdown(blocks) == "1. a\n   - x\n2. b\n   1. c\n\n   4) d\n"


def test_items_under_a_two_digit_number_are_indented_past_it():
    blocks = (ListItem(plain("a"), "number", start=9), ListItem(plain("b"), "number"),
              ListItem(plain("c"), "bullet", 2))
    assert to_markdown(blocks) == "9. a\n10. b\n    - c\n"


def test_line_breaks_tabs_and_a_table_without_header_are_written_so_they_survive():
    blocks = (
        Paragraph(plain("one\n# two \n  three\tfour")),
        ListItem(plain("item\n===")),
        Table((), ((plain("a\nb"), plain("c\td")),)),
    )
    assert to_markdown(blocks) == (
        "one\\\n\\# two&#32;\\\n&#32; three&#9;four\n\n- item\\\n  \\===\n\n"
        "|  |  |\n| --- | --- |\n| a<br>b | c&#9;d |\n")
    round_trip(blocks)


def test_empty_content_writes_nothing():
    assert to_markdown(()) == ""
    assert to_markdown((Paragraph(()), ListItem(()))) == ""
    assert to_markdown((MemberList(),), []) == ""


# -- round trips ----------------------------------------------------------------

ROUND_TRIPS = {
    "bold italic link combinations": [Paragraph((
        Span("plain "), Span("bold ", bold=True), Span("both", bold=True, italic=True),
        Span(" "), Span("italic", italic=True), Span(" "), Span("link", href=URL),
        Span(" ", href=URL), Span("bold link", bold=True, href=URL), Span("all", bold=True, italic=True, href=URL),
    ))],
    "adjacent differently formatted spans": [Paragraph((
        Span("a", bold=True), Span("b", italic=True), Span("c"), Span("d", bold=True, italic=True),
        Span("e", bold=True), Span("f", italic=True), Span("g", bold=True, italic=True), Span("h", bold=True),
    ))],
    "punctuation inside emphasis next to letters": [Paragraph((
        Span("a"), Span("(b)", bold=True), Span("c"), Span('"d"', italic=True), Span("e"),
        Span("f.", bold=True, italic=True), Span("g"),
    ))],
    "intraword emphasis": [Paragraph((Span("un"), Span("believ", italic=True), Span("able"),
                                      Span("x", bold=True), Span("y")))],
    "special characters": [Paragraph(plain(r"*not* _em_ [no](link) `code` <tag> \ & &amp; &#42; a|b ~ !"))],
    "line starts": [
        Paragraph(plain("# not a heading")), Paragraph(plain("1. not a list")), Paragraph(plain("2) nor this")),
        Paragraph(plain("- nor")), Paragraph(plain("+ this")), Paragraph(plain("> or a quote")),
        Paragraph(plain("---")), Paragraph(plain("===")), Paragraph(plain("~~~")), Paragraph(plain("* * *")),
        ListItem(plain("# item")), ListItem(plain("1. item")), ListItem(plain("-")),
    ],
    "members-looking text": [Paragraph(plain("{{members}}")), Paragraph(plain("{{ Members }}")), MemberList()],
    "pipes in table cells": [Table(
        (plain("a | b"), (Span("|", bold=True),)),
        ((plain("\\|"), (Span("x|y", href="https://example.org/a|b"),)), (plain("|"), ())),
    )],
    "urls with parentheses and odd characters": [Paragraph((
        Span("wiki", href="https://en.wikipedia.org/wiki/Leeds_(city)"), Span(" "),
        Span("odd", href="https://example.org/a)b(c<d>e\\f&amp;g"), Span(" "),
        Span("https://example.org/x_(y)", href="https://example.org/x_(y)"), Span(" "),
        Span("mailto:a@b.org", href="mailto:a@b.org"),
    ))],
    "image-looking text before a link": [Paragraph((Span("wow!"), Span("x", href=URL)))],
    "pound, curly quotes and non-ASCII": [Paragraph((
        Span("£5 “quoted” ‘single’ — "), Span("Großbritannien", bold=True), Span("é"),
        Span("naïve", italic=True), Span("日本"),
    ))],
    "nested mixed lists three levels": [
        ListItem(plain("one"), "number", 1), ListItem(plain("two"), "bullet", 2),
        ListItem(plain("three"), "number", 3), ListItem(plain("three b"), "bullet", 3),
        ListItem(plain("two b"), "number", 2), ListItem(plain("one b"), "number", 1),
    ],
    "bullet list directly followed by number list": [
        ListItem(plain("a")), ListItem(plain("b")), ListItem(plain("c"), "number"),
        ListItem(plain("d"), "bullet", 2), ListItem(plain("e"), "number", 2),
    ],
    "levels without parents": [
        ListItem(plain("deep"), "number", 3), ListItem(plain("top")), ListItem(plain("deep again"), "number", 3),
        ListItem(plain("middle"), "bullet", 2), Paragraph(plain("between")), ListItem(plain("x"), "bullet", 2),
    ],
    "tables between lists": [
        ListItem(plain("a")), Table((plain("h"),)), ListItem(plain("b"), "number"),
        Table((plain(""), (Span("b", bold=True),)), ((plain("1"), plain("2")),)),
    ],
    "line breaks and tabs inside and beside emphasis and links": [Paragraph((
        Span("a\n"), Span("b\nc", bold=True), Span("\t"), Span("d\te", italic=True), Span("\n\n"),
        Span("f\ng", href=URL), Span("\n1. h\n- i\n---"),
    ))],
    "lists from numbers, side by side and restarted": [
        ListItem(plain("a"), "number", start=3), ListItem(plain("b"), "number", start=1),
        ListItem(plain("c"), "number", 2, start=0), ListItem(plain("d"), "number", 2, start=1),
        ListItem(plain("e"), "number", start=1), ListItem(plain("f"), "bullet"), ListItem(plain("g"), "number"),
        ListItem(plain("h"), "number", 3, start=12), ListItem(plain("i"), "number", 3),
    ],
    "tables without a header row": [Table((), ((plain("a"), ()), ((), plain("b\nc")))), Table((), (((),),))],
    "spaces kept where the formats agree": [Paragraph((
        Span("a", bold=True, italic=True), Span(" ", bold=True), Span("b", bold=True, italic=True),
        Span("c"), Span(" ", href=URL), Span("d"), Span(" e ", href=URL), Span("f"),
    ))],
}


@pytest.mark.parametrize("blocks", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_round_trip(blocks):
    round_trip(blocks)


# -- round trip property ----------------------------------------------------------

# Letters (some non-ASCII), digits and the punctuation that matters to Markdown, at a line's start too.
ALPHABET = string.ascii_letters + "éßø" + string.digits + ".,;:!?'\"£&()-*_[]#|“”=+~"
HREFS = [None, None, None, "https://example.org/", "https://example.org/a_(b)?c=1&amp;d", "mailto:a@example.org"]
words = st.text(alphabet=ALPHABET, min_size=1, max_size=6)
# Between words: spaces, line breaks and tabs, alone and together.
separators = st.sampled_from([" ", " ", " ", "\n", "\t", " \n ", "\n\n", "\t\t", "\n\t"])
edge_space = st.sampled_from(["", "", " ", "\n", "\t"])


@st.composite
def spans(draw) -> Span:
    text_words = draw(st.lists(words, min_size=1, max_size=3))
    text = text_words[0] + "".join(draw(separators) + word for word in text_words[1:])
    bold, italic = draw(st.booleans()), draw(st.booleans())
    if not (bold or italic):
        # Only text without emphasis gets spaces at its edges: to_markdown writes a space at the
        # edge of bold or italic text outside the markers (CommonMark cannot open emphasis before
        # a space), so such a space comes back unformatted - by design, not a round-trip bug.
        text = draw(edge_space) + text + draw(edge_space)
    return Span(text, bold, italic, draw(st.sampled_from(HREFS)))


inline = st.lists(spans(), max_size=5).map(normalize_inline)
text_inline = inline.filter(bool)
paragraphs = st.builds(Paragraph, text_inline)
starts = st.sampled_from([None, None, None, 0, 1, 1, 2, 7, 10, 99, MAX_LIST_START])


@st.composite
def list_items(draw) -> ListItem:
    kind = draw(st.sampled_from(LIST_KINDS))
    start = draw(starts) if kind == "number" else None
    return ListItem(draw(text_inline), kind, draw(st.integers(1, 3)), start)


@st.composite
def tables(draw) -> Table:
    width = draw(st.integers(1, 3))
    row = st.tuples(*[inline] * width)
    rows = tuple(draw(st.lists(row, max_size=3)))
    if rows and draw(st.booleans()):
        return Table((), rows)
    # A header row of empty cells over body rows reads back as no header (Markdown's way of
    # writing none), so a header row here has some text.
    return Table(draw(row.filter(any)), rows)


def without_redundant_starts(blocks: tuple) -> tuple:
    """``blocks`` without start=1 on an item that begins a list at 1 anyway: the same numbering,
    which Markdown writes the same way (and reads back without the start)."""
    places = list_places(tuple(ListItem(b.spans, b.kind, b.level) if isinstance(b, ListItem) else b
                               for b in blocks))
    return tuple(ListItem(b.spans, b.kind, b.level) if isinstance(b, ListItem) and b.start == 1
                 and places[i].begins else b for i, b in enumerate(blocks))


content = st.lists(
    st.one_of(paragraphs, list_items(), list_items(), tables(), st.just(MemberList())), max_size=8,
).map(normalize_blocks).map(without_redundant_starts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content)
def test_round_trip_property(blocks):
    round_trip(blocks)
