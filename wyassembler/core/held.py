"""Whether another copy holds a record, asked by identity before value.

A merge asks of each record whether the other copy already holds it. Records are immutable, and the
versions git's merge driver reads share one object for each record they have in common
(:class:`~wyassembler.projectfile.versions.KnownRecords`), so most answers are found by identity; a
record's value is hashed (every field, its signature and reservations) only when identity cannot tell.
The answers are those a set of the records gives: an object that is in the list is equal to itself.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class Held:
    """The records of ``records`` (a list the caller keeps unchanged while asking), for ``in``."""

    def __init__(self, records: Iterable[Hashable]) -> None:
        self._records = list(records)
        self._identities = {id(record) for record in self._records}  # alive: the list holds them
        self._values: set[Hashable] | None = None

    def __contains__(self, record: object) -> bool:
        if id(record) in self._identities:
            return True
        if self._values is None:
            self._values = set(self._records)
        return record in self._values

    def __bool__(self) -> bool:
        return bool(self._records)


def same_objects(first: list, second: list) -> bool:
    """Whether two lists hold the very same objects in the same order."""
    return len(first) == len(second) and all(a is b for a, b in zip(first, second, strict=True))
