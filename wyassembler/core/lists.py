"""Which list each list item belongs to, and the number it shows: one rule for the editor, Markdown and Word.

A *list* is a run of list items of one kind at one level. It goes on over items
nested deeper inside it, and ends at anything else: a paragraph, a table, the
member list, an item at a shallower level (so a nested list under the next item
starts again), or an item of the other kind at its own level. A numbered item
with a ``start`` always begins a new list from that number; any other item that
finds no list open at its level begins one at 1. So ``1. a  2. b  - note  1. c``
numbers c as 1, never 3, unless the author wrote ``3.``.

A project chooses how each level is numbered (:data:`DEFAULT_LEVEL_FORMATS`:
``1.``, ``a.``, ``i.``); Word's number formats name them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .content import MAX_LIST_LEVEL, Block, ListItem
from .errors import ContentError

# Word's w:numFmt values a level may use, each with the label it gives item 1.
LEVEL_FORMATS = {
    "decimal": "1.",
    "lowerLetter": "a.",
    "upperLetter": "A.",
    "lowerRoman": "i.",
    "upperRoman": "I.",
}
DEFAULT_LEVEL_FORMATS: tuple[str, ...] = ("decimal", "lowerLetter", "lowerRoman")


@dataclass(frozen=True, slots=True)
class ListPlace:
    """Where a list item stands: its list (numbered from 0 within the content), its number, and
    whether it begins the list."""

    list_index: int
    number: int
    begins: bool


def list_places(blocks: Iterable[Block]) -> dict[int, ListPlace]:
    """The place of every list item in ``blocks``, by the item's index among the blocks."""
    places: dict[int, ListPlace] = {}
    # The list open at each level: (kind, list index, number of its last item).
    open_lists: dict[int, tuple[str, int, int]] = {}
    lists = 0
    for index, block in enumerate(blocks):
        if not isinstance(block, ListItem):
            open_lists.clear()
            continue
        for deeper in [level for level in open_lists if level > block.level]:
            del open_lists[deeper]
        current = open_lists.get(block.level)
        if current is not None and current[0] == block.kind and block.start is None:
            kind, list_index, number = current
            place = ListPlace(list_index, number + 1, False)
        else:
            place = ListPlace(lists, 1 if block.start is None else block.start, True)
            lists += 1
        open_lists[block.level] = (block.kind, place.list_index, place.number)
        places[index] = place
    return places


def without_redundant_starts(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """``blocks`` without the ``start`` of 1 on a numbered item that would begin a list at 1 without it
    (the first item, or the first after anything that ends a list); a start of 1 that restarts a list
    still open at its level is kept."""
    ones = {index for index, block in enumerate(blocks) if isinstance(block, ListItem) and block.start == 1}
    stripped = [replace(block, start=None) if isinstance(block, ListItem) and index in ones else block
                for index, block in enumerate(blocks)]
    # Whether an item begins a list depends on the kinds and levels before it, never on their starts, so
    # one pass over the content without any of the starts of 1 tells every one of them.
    places = list_places(stripped)
    return tuple(stripped[index] if index in ones and places[index].begins else block
                 for index, block in enumerate(blocks))


def check_level_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """``formats`` as a tuple of one known format per list level; raise :class:`ContentError` if not."""
    formats = tuple(formats)
    if len(formats) != MAX_LIST_LEVEL:
        raise ContentError(f"list numbering needs a format for each of the {MAX_LIST_LEVEL} levels, not {len(formats)}")
    for fmt in formats:
        if fmt not in LEVEL_FORMATS:
            raise ContentError(f"list number format {fmt!r} is not one of {', '.join(LEVEL_FORMATS)}")
    return formats


def number_label(number: int, fmt: str) -> str:
    """The label a numbered item shows, such as ``3.``, ``c.`` or ``iii.`` (``0.`` for 0 in any format,
    as Word shows it)."""
    if fmt == "decimal" or number <= 0:
        return f"{number}."
    if fmt in ("lowerLetter", "upperLetter"):
        # Word's letters after z double up: aa, bb, ... zz, aaa.
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return (letter if fmt == "lowerLetter" else letter.upper()) + "."
    roman = _roman(number)
    return (roman if fmt == "lowerRoman" else roman.upper()) + "."


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(number: int) -> str:
    digits = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)
