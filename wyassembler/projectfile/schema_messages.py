"""libxml2's RELAX NG complaints turned into one line that names what is actually wrong.

libxml2 validates by trying each way the schema allows and logs what went wrong on every way
it tried, so the first entry is often a way abandoned early: a hand-edited ``<list-numbering>``
was reported as "Expecting element endorsers, got coordinator" two lines above it (the optional
``<coordinator>`` tried as absent). The entry furthest into the document is where validation
finally got stuck, which is the element to name.
"""

from __future__ import annotations

import re
from typing import Protocol


class SchemaError(Protocol):
    """What is used of an lxml error-log entry."""

    line: int
    message: str
    path: str


# libxml2's wording -> ours; element names in angle brackets, as the rest of the messages write them.
_REWORDED = (
    (re.compile(r"Expecting an element (\S+), got nothing"), r"<\1> is missing"),
    (re.compile(r"Expecting (?:an )?element (\S+), got (\S+)"), r"expected <\1>, found <\2>"),
    (re.compile(r"Element (\S+) has extra content: (\S+)"),
     r"<\2> in <\1> is not valid there (an attribute value, or its place)"),
    (re.compile(r"Invalid attribute (\S+) for element (\S+)"), r"the \1 attribute of <\2> is not valid"),
    (re.compile(r"Element (\S+) failed to validate attributes"), r"<\1> has an attribute missing or not valid"),
    (re.compile(r"Did not expect element (\S+) there"), r"<\1> is not allowed there"),
    (re.compile(r"Element (\S+) failed to validate content"), r"what <\1> holds is not valid"),
)


def _depth(path: str) -> int:
    return path.count("/")


def schema_problem(errors: list[SchemaError]) -> tuple[int, str]:
    """The line and a readable message for the entry in ``errors`` furthest into the document (the
    deepest of those on the last line; of equals, the one logged last, which is the most specific)."""
    furthest = max(reversed(errors), key=lambda error: (error.line, _depth(error.path or "")))
    message = furthest.message
    for pattern, wording in _REWORDED:
        message, count = pattern.subn(wording, message, count=1)
        if count:
            break
    return furthest.line, message
