"""libxml2's RELAX NG complaints turned into one line that names what is actually wrong.

libxml2 validates by trying each way the schema allows and logs what went wrong on every way
it tried, so the first entry is often a way abandoned early: a hand-edited ``<list-numbering>``
was reported as "Expecting element endorsers, got coordinator" two lines above it (the optional
``<coordinator>`` tried as absent). The entry furthest into the document is where validation
finally got stuck, which is the element to name.

A record's ``signed-by`` and ``signature`` are one optional group, and libxml2 blames a failed group
on its first attribute: a bad ``signature`` was reported as "the signed-by attribute ... is not
valid". The element is looked up and the attribute actually wrong is named.
"""

from __future__ import annotations

import re
from typing import Protocol

from lxml import etree


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


# the signature group's patterns, as resources/schema/wyproj.rng writes them
_SIGNATURE_GROUP = {"signed-by": re.compile(r"([0-9a-f]{4} ){15}[0-9a-f]{4}"),
                    "signature": re.compile(r"[A-Za-z0-9+/]{86}==")}
_GROUP_BLAMED = re.compile(r"Invalid attribute (signed-by|signature) for element")


def _signature_group_problem(root: etree._Element | None, error: SchemaError) -> str | None:
    """Which of the element's signed-by and signature is wrong, when libxml2 blamed the group."""
    if root is None or not _GROUP_BLAMED.match(error.message) or not (error.path or "").startswith("/"):
        return None
    try:
        found = root.getroottree().xpath(error.path)
    except etree.XPathError:
        return None
    if not isinstance(found, list) or not found or not isinstance(found[0], etree._Element):
        return None
    element = found[0]
    name = etree.QName(element).localname
    for attribute, pattern in _SIGNATURE_GROUP.items():
        value = element.get(attribute)
        if value is None:
            return f"<{name}> has no {attribute} attribute (signed-by and signature go together)"
        if not pattern.fullmatch(value):
            return f"the {attribute} attribute of <{name}> is not valid"
    return None


def _depth(path: str) -> int:
    return path.count("/")


def schema_problem(errors: list[SchemaError], root: etree._Element | None = None) -> tuple[int, str]:
    """The line and a readable message for the entry in ``errors`` furthest into the document (the
    deepest of those on the last line; of equals, the one logged last, which is the most specific);
    ``root``, the document validated, lets a signature group's complaint name the attribute wrong."""
    furthest = max(reversed(errors), key=lambda error: (error.line, _depth(error.path or "")))
    group = _signature_group_problem(root, furthest)
    if group is not None:
        return furthest.line, group
    message = furthest.message
    for pattern, wording in _REWORDED:
        message, count = pattern.subn(wording, message, count=1)
        if count:
            break
    return furthest.line, message
