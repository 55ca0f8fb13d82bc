"""List numbering (core.lists): which list an item belongs to and the number it shows."""

import pytest

from wyassembler.core.content import ListItem, Paragraph, plain
from wyassembler.core.errors import ContentError
from wyassembler.core.lists import DEFAULT_LEVEL_FORMATS, check_level_formats, list_places, number_label


def _num(text, level=1, start=None):
    return ListItem(plain(text), "number", level, start)


def _bullet(text, level=1):
    return ListItem(plain(text), "bullet", level)


def _numbers(blocks):
    places = list_places(blocks)
    return [(places[i].list_index, places[i].number) if i in places else None for i in range(len(blocks))]


def test_a_numbered_list_after_a_bullet_list_starts_again():
    blocks = [_num("a"), _num("b"), _bullet("note"), _num("c"), _num("d")]
    assert _numbers(blocks) == [(0, 1), (0, 2), (1, 1), (2, 1), (2, 2)]


def test_nested_numbered_items_under_consecutive_bullets_start_again():
    blocks = [_bullet("a"), _num("x", 2), _num("y", 2), _bullet("b"), _num("z", 2)]
    numbers = _numbers(blocks)
    assert [numbers[1], numbers[2], numbers[4]] == [(1, 1), (1, 2), (2, 1)]
    assert numbers[0][0] == numbers[3][0]  # the bullets are one list across their nested items


def test_a_list_goes_on_over_deeper_items_and_ends_at_a_paragraph():
    blocks = [_num("a"), _num("i", 2), _num("b"), Paragraph(plain("p")), _num("c")]
    assert _numbers(blocks) == [(0, 1), (1, 1), (0, 2), None, (2, 1)]


def test_a_start_number_begins_a_new_list_there_even_straight_after_another():
    blocks = [_num("a"), _num("b"), _num("c", start=7), _num("d"), _num("e", start=1)]
    assert _numbers(blocks) == [(0, 1), (0, 2), (1, 7), (1, 8), (2, 1)]


def test_the_default_formats_are_number_letter_roman():
    assert [number_label(3, fmt) for fmt in DEFAULT_LEVEL_FORMATS] == ["3.", "c.", "iii."]
    assert number_label(28, "lowerLetter") == "bb."  # as Word counts past z
    assert number_label(1994, "upperRoman") == "MCMXCIV."
    assert number_label(0, "lowerRoman") == "0."


def test_level_formats_are_checked():
    assert check_level_formats(["decimal"] * 3) == ("decimal",) * 3
    with pytest.raises(ContentError, match="each of the 3 levels"):
        check_level_formats(["decimal"])
    with pytest.raises(ContentError, match="bullet"):
        check_level_formats(["decimal", "decimal", "bullet"])


def test_a_start_of_1_where_a_list_begins_at_1_anyway_is_dropped_by_normalisation():
    from wyassembler.core.content import content_hash, normalize_blocks

    # The first item, the first after a paragraph, after the other kind at its level and after a
    # shallower item all begin at 1 without a start; a start of 1 on a list still open restarts it.
    written = (_num("a", start=1), _num("b"), Paragraph(plain("p")), _num("c", start=1), _bullet("note"),
               _num("d", start=1), _num("e", 2, start=1), _num("f"), _num("g", 2, start=1), _num("h", start=1))
    plain_form = (_num("a"), _num("b"), Paragraph(plain("p")), _num("c"), _bullet("note"),
                  _num("d"), _num("e", 2), _num("f"), _num("g", 2), _num("h", start=1))
    assert normalize_blocks(written) == plain_form
    assert content_hash("H", normalize_blocks(written)) == content_hash("H", plain_form)
    assert _numbers(list(plain_form)) == _numbers(list(written))
