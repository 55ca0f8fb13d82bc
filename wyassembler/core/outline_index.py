"""Where each section is in a project's outline, found without walking it: an index that cannot go stale.

A 5,000-section project was walked dozens of times per keystroke-and-switch (a section by id, its
number, its parent). The index answers those from one walk, and is thrown away by the only things that
can change an outline: a change to a list of sections (the project's ``sections`` and every section's
``children`` are :class:`OutlineList`, whose every mutating method says so) or a section's ``id``,
``children`` or a project's ``sections`` set anew (:class:`Watched`). Each such change takes a new
number from one counter (:func:`outline_version`); an index built at another number is rebuilt before
it answers. The counter is shared by every project, so a change to any outline (a copy being merged on
a worker thread, say) makes every index rebuild once: a cost, never a wrong answer.

The index also knows which sections carry confidentiality marks (few, and the response hash asks at
every edit, where a scan of every section cost more than the rest of the hash): a section's ``marks``
are an :class:`OutlineList` too, watched like ``children``, so a mark made, undone or merged counts as
a change of outline.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, NamedTuple, SupportsIndex

_numbers = itertools.count(1)  # next() on a count is atomic under the GIL: threads never share a number
_version = 0


def outline_version() -> int:
    """The number of the latest change to any outline (see the module's docstring)."""
    return _version


def outline_changed() -> None:
    """Record that an outline (or a section's id) changed: every index built before is stale."""
    global _version
    _version = next(_numbers)


class OutlineList(list):
    """A list of sections that records every change to itself (see :func:`outline_changed`).

    Building one (``OutlineList(items)``) records nothing: it is in no outline yet."""

    __slots__ = ()

    def append(self, item: Any) -> None:
        outline_changed()
        super().append(item)

    def insert(self, index: SupportsIndex, item: Any) -> None:
        outline_changed()
        super().insert(index, item)

    def extend(self, items: Iterable[Any]) -> None:
        outline_changed()
        super().extend(items)

    def remove(self, item: Any) -> None:
        outline_changed()
        super().remove(item)

    def pop(self, index: SupportsIndex = -1) -> Any:
        outline_changed()
        return super().pop(index)

    def clear(self) -> None:
        outline_changed()
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        outline_changed()
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        outline_changed()
        super().reverse()

    def __setitem__(self, index: Any, value: Any) -> None:
        outline_changed()
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        outline_changed()
        super().__delitem__(index)

    def __iadd__(self, items: Iterable[Any]) -> OutlineList:  # type: ignore[misc]
        outline_changed()
        return super().__iadd__(items)

    def __imul__(self, count: SupportsIndex) -> OutlineList:
        outline_changed()
        return super().__imul__(count)

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        # copy and pickle rebuild the list item by item: by the plain list's recipe, then wrapped again.
        return OutlineList, (list(self),)


class Watched:
    """A dataclass field whose every assignment after the first (the constructor's) counts as an outline
    change; a list assigned is kept as an :class:`OutlineList` (a copy of a plain list). Reading is the
    instance's own attribute, as fast as any (a descriptor without ``__get__``)."""

    def __init__(self, name: str, is_list: bool) -> None:
        self.name = name
        self.is_list = is_list

    def __set__(self, instance: Any, value: Any) -> None:
        if self.is_list and type(value) is not OutlineList:
            value = OutlineList(value)
        stored = instance.__dict__
        if self.name in stored:
            outline_changed()
        stored[self.name] = value


def watch_fields(cls: type, lists: tuple[str, ...], values: tuple[str, ...] = ()) -> None:
    """Make ``cls``'s fields ``lists`` (lists of sections) and ``values`` :class:`Watched`."""
    for name in lists:
        setattr(cls, name, Watched(name, True))
    for name in values:
        setattr(cls, name, Watched(name, False))


class Place(NamedTuple):
    """Where a section is: its outline number, level, the section, its parent (``None`` at the top
    level), the list that holds it and its position in that list."""

    number: str
    level: int
    section: Any
    parent: Any
    siblings: list
    position: int


class OutlineIndex:
    """Every section's :class:`Place`, in document order, by id (the first in document order, as a walk
    finds it) and by identity, and those of the sections with marks; ``version`` is the
    :func:`outline_version` it was built at."""

    def __init__(self, places: list[Place], version: int) -> None:
        self.version = version
        self.places = places
        # The places of the sections with any confidentiality mark, in the same order.
        self.marked = tuple(place for place in places if place.section.marks)
        self.by_id: dict[str, Place] = {}
        self.by_identity: dict[int, Place] = {}
        for place in places:
            self.by_id.setdefault(place.section.id, place)
            self.by_identity.setdefault(id(place.section), place)
