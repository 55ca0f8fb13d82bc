"""List numbers on the way in from Word: the number Word shows each numbered paragraph, and the
``ListItem.start`` that makes the content model show the same.

Word counts per list *definition* (``w:abstractNum``), not per list instance (``w:num``): instances of
one definition continue each other's numbers, and an instance restarts the count only where it is
first used at a level and carries a ``w:startOverride`` there (how Word's "Restart at 1" and "Set
numbering value" are saved). A level starts at its ``w:start`` (0 when missing, as Word reads it) and
starts again after any shallower level of its definition is used, unless ``w:lvlRestart`` says
otherwise. Paragraphs between the items do not interrupt a count.

The content model numbers by one rule (:func:`..core.lists.list_places`); an imported item gets a
``start`` exactly where that rule would show another number than Word showed, so the author's
restarts, continued lists and start numbers come in as they were read, and nothing else changes.
"""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Iterable

from ..core.content import MAX_LIST_START, Block, ListItem, Paragraph, normalize_blocks
from ..core.lists import list_places
from .body_styles import Numbering
from .import_report import ImportReport


class WordCounters:
    """The running counts of a document's lists, fed one list paragraph at a time in reading order."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self._counts: dict[str, dict[int, int]] = {}  # definition -> level -> last number shown
        self._used: set[tuple[int, int]] = set()  # (numId, level) already met: overrides apply once

    def fork(self) -> WordCounters:
        """A copy that counts on from here without moving this one (to read a passage a second way)."""
        copy = WordCounters(self.numbering)
        copy._counts = {definition: dict(levels) for definition, levels in self._counts.items()}
        copy._used = set(self._used)
        return copy

    def next_number(self, num_id: int, ilvl: int) -> int:
        """The number Word shows a list paragraph of instance ``num_id`` at level ``ilvl`` (0-based)."""
        numbering = self.numbering
        counts = self._counts.setdefault(numbering.counted_by(num_id), {})
        override = numbering.start_override(num_id, ilvl)
        first_use = (num_id, ilvl) not in self._used
        self._used.add((num_id, ilvl))
        if override is not None and first_use:
            number = override
        elif ilvl in counts:
            number = counts[ilvl] + 1
        else:
            level = numbering.level(num_id, ilvl)
            number = level.start if level is not None and level.start is not None else 0
        counts[ilvl] = number
        for deeper in [other for other in counts if other > ilvl]:
            level = numbering.level(num_id, deeper)
            restart = level.restart if level is not None else None
            # w:lvlRestart names (1-based) the shallowest level whose use restarts this one; 0: never.
            if restart is None or ilvl < restart:
                del counts[deeper]
        return number


def with_word_starts(blocks: Iterable[Block], shown: Iterable[int | None], report: ImportReport | None = None,
                     where: str = "") -> tuple[Block, ...]:
    """``blocks`` (normalized: empty paragraphs and items dropped) with a ``start`` on each numbered
    item whose number in the content model would differ from ``shown``, the number Word showed it
    (None where there is none to keep, such as bullets).

    A list Word numbers from above :data:`MAX_LIST_START` starts at that, counted in ``report`` (at
    ``where``), and its items go on from there: they are not each made a list of their own."""
    pairs = [(block, number) for block, number in zip(blocks, shown, strict=True)
             if not isinstance(block, (Paragraph, ListItem)) or block.spans]
    result = list(normalize_blocks(block for block, _ in pairs))
    wanted = {index: number for index, (block, number) in enumerate(pairs)
              if number is not None and isinstance(block, ListItem) and block.kind == "number"}
    lowered: dict[int, int] = {}  # a list's first item -> how far its numbers were lowered to start it
    # Each start changes only the numbers after it, so the places are worked out again from there on.
    order = sorted(wanted)
    position = 0
    while position < len(order):
        places = list_places(result)
        first_items = {place.list_index: index for index, place in places.items() if place.begins}
        shown_now = {index: place.number + lowered.get(first_items[place.list_index], 0)
                     for index, place in places.items()}
        while position < len(order) and shown_now[order[position]] == wanted[order[position]]:
            position += 1
        if position == len(order):
            break
        index = order[position]
        item = result[index]
        if isinstance(item, ListItem):  # as every wanted index is: only numbered items are
            start = min(max(wanted[index], 0), MAX_LIST_START)
            result[index] = replace(item, start=start)
            if start < wanted[index]:
                lowered[index] = wanted[index] - start
                if report is not None:
                    report.add("high-list-start", where)
        position += 1
    return tuple(result)
