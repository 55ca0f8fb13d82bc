"""Which numbering instance (``w:num``) each list paragraph of an export uses, so that a nested list is
part of its parent's list and every item still shows the number :func:`..core.lists.list_places` gives it.

Word, its navigation and screen readers, and LibreOffice (whose tagged PDF nests an ``L`` inside the
parent's ``LI`` only then) take the paragraphs of one ``w:num`` at several ``w:ilvl`` for one nested
list; a nested list on a ``w:num`` of its own is a separate list beside its parent. So a nested list
goes on its parent's instance, whose definition (``w:abstractNum``) says per level whether it is
bulleted or numbered, and a new instance begins only where that one cannot show the item: a top-level
list, an item of the other kind than its level's definition, or a number that the shared count would
not give (an author's start, say).

The two programs count differently, so an instance is kept only where both show the number wanted:
Word counts per *definition*, a ``w:startOverride`` applying where the instance first uses the level
(:mod:`.list_numbers` reads it so); LibreOffice (7.4, measured) counts per instance and heeds only the
override of the level of the instance's first paragraph, every other level beginning at ``w:start``
(1). Every numbered level an instance uses gets the override of the number it first shows, so a nested
list that begins anywhere but 1 goes on an instance of its own, whose first paragraph it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.content import MAX_LIST_LEVEL, Block, ListItem
from ..core.lists import list_places

Kinds = tuple[str, ...]  # "bullet" or "number" for each level of a definition


@dataclass
class Instance:
    """A ``w:num`` to write: its definition's kinds per level, and the start override of each numbered
    level it uses."""

    kinds: Kinds
    starts: dict[int, int] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)  # level -> last number shown, as LibreOffice counts
    used: set[int] = field(default_factory=set)
    first_level: int | None = None  # the level of its first paragraph: the one override LibreOffice heeds

    def office_start(self, level: int) -> int:
        """The number LibreOffice begins ``level`` of this instance at."""
        return self.starts.get(level, 1) if level == self.first_level else 1


class ListInstances:
    """The list instances of one document, fed section by section in order (Word's counts run on
    through the whole document)."""

    def __init__(self) -> None:
        self.instances: list[Instance] = []
        self._word_counts: dict[Kinds, dict[int, int]] = {}  # definition -> level -> last number, as Word counts

    def place(self, blocks: Sequence[Block]) -> dict[int, tuple[int, int]]:
        """The instance (an index into :attr:`instances`) and level (from 0) of every list item in
        ``blocks``, by the item's index."""
        places = list_places(blocks)
        result: dict[int, tuple[int, int]] = {}
        of_list: dict[int, int] = {}  # list index -> the instance its first item used
        open_items: dict[int, int] = {}  # level -> the instance of the last item at that level
        for index, block in enumerate(blocks):
            if not isinstance(block, ListItem):
                open_items.clear()
                continue
            place, level = places[index], block.level - 1
            wanted = of_list.get(place.list_index) if not place.begins else None
            if wanted is None:
                parents = [open_items[shallower] for shallower in open_items if shallower < level]
                wanted = parents[-1] if parents else None
            if wanted is None or not self._shows(wanted, level, block.kind, place.number):
                wanted = self._new(blocks, index, places, level, None if wanted is None else self.instances[wanted])
            of_list.setdefault(place.list_index, wanted)
            self._use(wanted, level, block.kind, place.number)
            for deeper in [other for other in open_items if other >= level]:
                del open_items[deeper]
            open_items[level] = wanted
            result[index] = (wanted, level)
        return result

    def _shows(self, which: int, level: int, kind: str, wanted: int) -> bool:
        """Whether instance ``which`` shows ``wanted`` on its next item at ``level``, in Word and LibreOffice."""
        instance = self.instances[which]
        if instance.kinds[level] != kind:
            return False
        if kind != "number" or instance.first_level is None:
            return True  # (its first paragraph: its start override will say the number)
        if level not in instance.used:
            return wanted == 1  # (Word heeds the override written for it, LibreOffice begins at w:start)
        word = self._word_counts[instance.kinds].get(level)
        office = instance.counts.get(level)
        word_next = 1 if word is None else word + 1  # (after a restart Word begins at w:start, 1)
        office_next = instance.office_start(level) if office is None else office + 1
        return word_next == office_next == wanted

    def _use(self, which: int, level: int, kind: str, shown: int) -> None:
        instance = self.instances[which]
        if level not in instance.used and kind == "number":
            instance.starts[level] = shown
        if instance.first_level is None:
            instance.first_level = level
        instance.used.add(level)
        for counts in (self._word_counts[instance.kinds], instance.counts):
            counts[level] = shown
            for deeper in [other for other in counts if other > level]:
                del counts[deeper]

    def _new(self, blocks: Sequence[Block], index: int, places, level: int, parent: Instance | None) -> int:
        """A new instance for the list item at ``index``: each level's kind is the first one its list
        and the items nested in it use (a shallower level's as the parent's, where it has one)."""
        kinds = list(parent.kinds) if parent is not None else ["number"] * MAX_LIST_LEVEL
        seen: set[int] = set()
        for later in range(index, len(blocks)):
            block = blocks[later]
            if not isinstance(block, ListItem) or block.level - 1 < level:
                break
            if block.level - 1 == level and later != index and places[later].begins:
                break  # the next list at this level: another instance's business
            if block.level - 1 not in seen:
                seen.add(block.level - 1)
                kinds[block.level - 1] = block.kind
        self.instances.append(Instance(tuple(kinds)))
        self._word_counts.setdefault(tuple(kinds), {})
        return len(self.instances) - 1
