"""How wide text will be on the page, and the widths that follow from it: table columns sized by
their content, and heading-number indents sized for the widest number.

Word and LibreOffice lay text out themselves; a table with a fixed layout, though, keeps the
column widths it is given, and a number in a hanging indent keeps the room it is given. So the
export estimates widths from Arial's character widths (Liberation Sans, LibreOffice's stand-in,
has the same metrics). Serif fonts are narrower, so the estimate errs on the side of room.
Widths are in twentieths of a point ("twips", Word's dxa).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

# Arial's advance widths in thousandths of an em, for " " (32) to "~" (126).
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584)
_PUNCTUATION = {"\u2018": 222, "\u2019": 222, "\u201c": 333, "\u201d": 333, "\u2013": 556, "\u2014": 1000,
                "\u2026": 1000, "\u00a0": 278}
_OTHER = 600  # Greek, Cyrillic and the rest: about a lower-case Latin letter, a little more
_WIDE = 1000  # CJK and other full-width characters
_SAFETY = 1.03  # room for kerning and hinting

# How wide a font sets text compared with Arial, for the fonts templates use most (their average
# advance widths). A font not listed is taken as a little wider than Arial: room over a broken word.
FONT_WIDTH_SCALES = {
    "arial": 1.0, "liberation sans": 1.0, "helvetica": 1.0, "arimo": 1.0,
    "verdana": 1.21, "dejavu sans": 1.19, "tahoma": 1.05, "century gothic": 1.12, "segoe ui": 1.0,
    "trebuchet ms": 1.0, "calibri": 0.93, "carlito": 0.93, "gill sans mt": 0.92, "franklin gothic book": 0.95,
    "times new roman": 0.92, "liberation serif": 0.92, "tinos": 0.92, "georgia": 1.05, "cambria": 0.94,
    "caladea": 0.94, "dejavu serif": 1.17, "garamond": 0.9, "book antiqua": 0.98, "palatino linotype": 0.98,
}
UNKNOWN_FONT_SCALE = 1.1
OTHER_FONT_MARGIN = 1.07
SMALLEST_TABLE_SIZE = 10.0  # points: a table is set no smaller than this to keep its words whole

CELL_PADDING = 2 * 108  # Word's default left and right cell margins (the Normal Table style)
NARROWEST_COLUMN = 567  # 1 cm: what a column gets when the page cannot hold every column's longest word


def font_scale(font_name: str | None) -> float:
    """How much wider than Arial ``font_name`` sets text (1.0 for Arial; see :data:`FONT_WIDTH_SCALES`)."""
    if not font_name:
        return 1.0  # no font named anywhere: Word and LibreOffice fall back to their default sans
    scale = FONT_WIDTH_SCALES.get(font_name.strip().casefold(), UNKNOWN_FONT_SCALE)
    # Arial's metrics are exact; another font's scale is an average over text, and its bold or its
    # long words may be wider (Caladea Bold sets "Infrastructure" as wide as Arial Bold does).
    return scale if scale == 1.0 else scale * OTHER_FONT_MARGIN


def _char_width(char: str, table: tuple[int, ...]) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return table[code - 32]
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    base = unicodedata.normalize("NFD", char)[0]  # "ŵ" is about as wide as "w"
    if 32 <= ord(base) <= 126:
        return table[ord(base) - 32]
    return _WIDE if unicodedata.east_asian_width(char) in ("W", "F") else _OTHER


_ASCII = {False: {chr(32 + index): width for index, width in enumerate(_REGULAR)},
          True: {chr(32 + index): width for index, width in enumerate(_BOLD)}}


def text_width(text: str, size_pt: float, bold: bool = False) -> int:
    """The estimated width of ``text`` on one line, in twips, at ``size_pt`` points."""
    try:  # most text is ASCII: one dictionary look-up a character
        units = sum(map(_ASCII[bold].__getitem__, text))
    except KeyError:
        table = _BOLD if bold else _REGULAR
        units = sum(_char_width(char, table) for char in text)
    return round(units / 1000 * size_pt * 20 * _SAFETY)


def longest_word(text: str, size_pt: float, bold: bool = False) -> int:
    """The width of the widest word in ``text`` (what a column needs to break no word), in twips.

    Words end at spaces, and at every full-width character (Chinese, Japanese, Korean): Word and
    LibreOffice break a line between any two of them, so a sentence without spaces is no one word."""
    pieces = text.split() if text.isascii() else _unbreakable_pieces(text)
    return max((text_width(piece, size_pt, bold) for piece in pieces), default=0)


# What a line may not begin with besides closing brackets and quotes (Unicode categories Pe, Pf): stops,
# commas and other marks, the prolonged-sound and iteration marks, and the small kana (Japanese kinsoku).
_NO_BREAK_BEFORE = frozenset(",.:;!?%\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff05\u30fb\u30fc"
                             "\u3005\u309d\u309e\u30fd\u30fe\u3041\u3043\u3045\u3047\u3049\u3063\u3083"
                             "\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7"
                             "\u30ee\u30f5\u30f6")
_WIDE_CLASSES = ("W", "F")


def _unbreakable_pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: at spaces, and before and after each full-width character
    (East Asian Width W or F), but never before a closing mark nor after an opening one."""
    width = unicodedata.east_asian_width
    category = unicodedata.category
    pieces: list[str] = []
    for word in text.split():
        current = word[0]
        for before, char in pairwise(word):
            breaks = (width(char) in _WIDE_CLASSES or width(before) in _WIDE_CLASSES) \
                and char not in _NO_BREAK_BEFORE and category(char) not in ("Pe", "Pf") \
                and category(before) not in ("Ps", "Pi")
            if breaks:
                pieces.append(current)
                current = ""
            current += char
        pieces.append(current)
    return pieces


def line_width(text: str, size_pt: float, bold: bool = False) -> int:
    """The width of the longest line of ``text`` if nothing wrapped, in twips."""
    return max((text_width(line, size_pt, bold) for line in text.split("\n")), default=0)


def column_widths(header: list[str], columns: list[list[tuple[str, bool]]], available: int,
                  size_pt: float) -> list[int]:
    """Widths for a table's columns that add up to ``available`` twips.

    ``header`` holds the header row's cells (bold; empty for a table without one) and ``columns``
    each column's body cells as ``(text, bold)``. Every column gets at least its longest word when
    the page allows. Then the columns whose cells can all stand on one line get that, the cheapest
    first (dates, names, amounts), and the columns still short share the rest by how much text they
    typically hold. When the page cannot hold every word, the body cells' words come first (the
    data), then as many header words as fit; only when even the body's words cannot all fit does a
    column go down to 1 cm.
    """
    if not columns:
        return []
    heads = header or [""] * len(columns)
    body_words = [CELL_PADDING + max((longest_word(text, size_pt, bold) for text, bold in cells), default=0)
                  for cells in columns]
    words = [max(body, CELL_PADDING + longest_word(head, size_pt, True))
             for body, head in zip(body_words, heads, strict=True)]
    if sum(words) <= available:
        lines = [[line_width(text, size_pt, bold) for text, bold in cells] for cells in columns]
        one_line = [max(CELL_PADDING + max(widths + [line_width(head, size_pt, True)]), least)
                    for widths, head, least in zip(lines, heads, words, strict=True)]
        typical = [CELL_PADDING + _mean(widths) for widths in lines]
        widths = _fit(words, one_line, available, typical)
        pieces, space = _pieces(header, columns, size_pt), text_width(" ", size_pt)
        saving = _share_by_lines(words, one_line, pieces, available, space)
        if saving != words:  # the share by lines, where it makes a shorter table than the share by typical width
            shared = _fit(saving, one_line, available, typical)
            if _table_lines(pieces, space, shared) < _table_lines(pieces, space, widths):
                widths = shared
    elif sum(body_words) <= available:
        # Every column keeps 1 cm (or less, if its words need less) before any gets all its header words:
        # handing the whole spare to the cheapest columns left the others a letter wide.
        widths = _fit(_kept_widths(body_words, words, available), words, available)
    else:
        floor = min(NARROWEST_COLUMN, available / len(columns))
        widths = _fit([floor] * len(columns), body_words, available)
    return _whole(widths, available)


# The spare room beyond every column's longest word is handed out in this many steps, where they save
# the most lines (:func:`_share_by_lines`); a table of more rows than _MOST_ROWS_SHARED (rare in a
# response) keeps the share by typical width alone, which costs one pass over its cells.
_SHARE_STEPS = 24
_ROUNDING = 3  # twips
_MOST_ROWS_SHARED = 150


def _pieces(header: list[str], columns: list[list[tuple[str, bool]]], size_pt: float) -> list[list[list[int]]]:
    """Each column's cells (the header's first, bold, if there is one) as the widths of their unbreakable
    pieces."""
    return [([[text_width(piece, size_pt, True) for piece in _unbreakable_pieces(head)]] if header else [])
            + [[text_width(piece, size_pt, bold) for piece in _unbreakable_pieces(text)] for text, bold in cells]
            for head, cells in zip(header or [""] * len(columns), columns, strict=True)]


def cell_lines(pieces: list[int], space: int, width: float) -> int:
    """How many lines a cell of unbreakable pieces (their widths, twips) takes in a column ``width`` wide,
    broken as Word breaks them: a line takes pieces while they fit, a piece wider than the column breaks."""
    room = max(1.0, width - CELL_PADDING)
    lines, used = 1, 0.0
    for piece in pieces:
        # (each width is rounded to a whole twip: a line measured whole, as line_width does, may come out
        # a twip or two narrower than its pieces and spaces added up)
        if used and used + space + piece <= room + _ROUNDING:
            used += space + piece
            continue
        if used:
            lines += 1
        lines += max(0, math.ceil(piece / room) - 1)
        used = piece - room * max(0, math.ceil(piece / room) - 1)
    return lines


def _table_lines(pieces: list[list[list[int]]], space: int, widths: Sequence[float]) -> int:
    """How many lines the table takes: each row (the header's too) as many as its tallest cell."""
    return sum(max(cell_lines(column[row], space, width) for column, width in zip(pieces, widths, strict=True))
               for row in range(len(pieces[0]) if pieces else 0))


def _share_by_lines(words: list[int], one_line: list[int], pieces: list[list[list[int]]], available: int,
                    space: int) -> Sequence[float]:
    """``words`` (each column's longest word) widened, in steps of the spare room, where a step saves the
    table the most lines (a row is as tall as its tallest cell) per twip given: a column whose few long cells
    wrap to many lines gets room before one whose short cells would merely lose their second line. The steps
    that save no line are left over (for :func:`_fit`); a table whose every cell fits on one line needs none."""
    spare = available - sum(words)
    rows = len(pieces[0]) if pieces else 0
    if sum(one_line) <= available or not rows or rows > _MOST_ROWS_SHARED:
        return list(words)  # (every cell on one line: _fit gives each column that)
    step = spare / _SHARE_STEPS
    # at[column][steps][row]: the lines of that column's cell in that row, the column widened by that many steps
    at = [[[cell_lines(cell, space, words[column] + steps * step) for cell in pieces[column]]
           for steps in range(_SHARE_STEPS + 1)] for column in range(len(words))]
    given = [0] * len(words)
    left = _SHARE_STEPS
    while left:
        best: tuple[float, int, int] | None = None
        for column in range(len(words)):
            if words[column] + given[column] * step >= one_line[column]:
                continue  # on one line already: more room saves nothing
            others = [max((at[other][given[other]][row] for other in range(len(words)) if other != column),
                          default=0) for row in range(rows)]
            now = sum(max(rest, mine) for rest, mine in zip(others, at[column][given[column]], strict=True))
            for steps in range(given[column] + 1, given[column] + left + 1):
                saved = now - sum(max(rest, mine) for rest, mine in zip(others, at[column][steps], strict=True))
                if saved > 0 and (best is None or saved / (steps - given[column]) > best[0]):
                    best = (saved / (steps - given[column]), column, steps)
        if best is None:
            break
        _, column, steps = best
        left -= steps - given[column]
        given[column] = steps
    # a step's room beyond a column's one line saves nothing there: _fit hands it on
    return [min(width + count * step, max(width, line))
            for width, count, line in zip(words, given, one_line, strict=True)]


def _words_needed(header: list[str], columns: list[list[tuple[str, bool]]], size_pt: float) -> int:
    """The width (twips) the columns need to hold each its longest word (header words bold), padding included."""
    heads = header or [""] * len(columns)
    return sum(CELL_PADDING + max([longest_word(head, size_pt, True)]
                                  + [longest_word(text, size_pt, bold) for text, bold in cells])
               for head, cells in zip(heads, columns, strict=True))


def words_fit(header: list[str], columns: list[list[tuple[str, bool]]], available: int, size_pt: float) -> bool:
    """Whether every column can hold its longest word (header words bold) at ``size_pt`` points."""
    return _words_needed(header, columns, size_pt) <= available


_MEASURING_SIZE = 1000.0  # points: large enough that rounding to whole twips is lost in it


def table_size(header: list[str], columns: list[list[tuple[str, bool]]], available: int, size_pt: float,
               scale: float = 1.0) -> float:
    """The size (points) to set a table in: the body's ``size_pt``, or, if some of its words would not fit
    their columns at that size, the largest half-point size down to :data:`SMALLEST_TABLE_SIZE` at which
    they all do (the smallest, if none does). ``scale`` is the font's :func:`font_scale`."""
    if size_pt <= SMALLEST_TABLE_SIZE or words_fit(header, columns, available, size_pt * scale):
        return size_pt
    # A word's width grows in proportion to the size, so the size that fits is found in one measurement
    # (stepping down half a point at a time from a 1000 pt Normal tried words_fit 1,980 times).
    padding = CELL_PADDING * len(columns)
    per_point = (_words_needed(header, columns, _MEASURING_SIZE) - padding) / _MEASURING_SIZE
    if per_point <= 0 or available <= padding:
        return SMALLEST_TABLE_SIZE
    size = math.floor((available - padding) / per_point / scale * 2) / 2
    size = min(max(size, SMALLEST_TABLE_SIZE), size_pt - 0.5)
    # Each word's width is rounded to whole twips: a step or two either way may still be needed.
    while size > SMALLEST_TABLE_SIZE and not words_fit(header, columns, available, size * scale):
        size = max(SMALLEST_TABLE_SIZE, size - 0.5)
    while size + 0.5 < size_pt and words_fit(header, columns, available, (size + 0.5) * scale):
        size += 0.5
    return size


def _kept_widths(body_words: list[int], words: list[int], available: int) -> list[float]:
    """Each column's body words, raised to ``min(floor, its words)`` with the floor as high as the page
    allows up to 1 cm: what every column keeps while the body's words fit but not every header word."""

    def kept(floor: float) -> list[float]:
        return [max(body, min(floor, least)) for body, least in zip(body_words, words, strict=True)]

    low, high = 0.0, float(NARROWEST_COLUMN)
    if sum(kept(high)) > available:
        for _ in range(30):  # sum(kept(floor)) grows with the floor: halve the interval to a twentieth of a twip
            middle = (low + high) / 2
            low, high = (middle, high) if sum(kept(middle)) <= available else (low, middle)
        high = low
    return kept(high)


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def _fit(base: Sequence[float], target: list[int], available: int, typical: list[float] | None = None) -> list[float]:
    """Every column its ``base`` width, then its ``target`` for as many columns as the page allows (the
    cheapest first); what is left goes to the columns still short, in proportion to how far they are
    from their ``typical`` width (default: the target), else to every column in proportion to its width."""
    widths = list(base)
    spare = available - sum(base)
    for index in sorted(range(len(base)), key=lambda index: target[index] - base[index]):
        cost = max(0.0, target[index] - base[index])
        if cost <= spare:
            widths[index] = max(base[index], target[index])
            spare -= cost
    wanted = typical or target
    wanting = {index: max(0.0, wanted[index] - widths[index]) for index in range(len(base))
               if widths[index] < target[index]}
    total = sum(wanting.values())
    if total > 0:
        return [width + spare * wanting.get(index, 0.0) / total for index, width in enumerate(widths)]
    return [width + spare * width / sum(widths) for width in widths]


def _whole(widths: list[float], available: int) -> list[int]:
    """Whole twips adding up to exactly ``available``: the rounding goes to the widest column."""
    result = [int(width) for width in widths]
    result[result.index(max(result))] += available - sum(result)
    return result


def number_indent(labels: list[str], size_pt: float, minimum: int, bold: bool = True) -> int:
    """A hanging indent (twips) that holds the widest of ``labels`` and a gap of half an em before the
    text, never less than ``minimum``."""
    widest = max((text_width(label, size_pt, bold) for label in labels), default=0)
    return max(minimum, widest + round(size_pt * 10))
