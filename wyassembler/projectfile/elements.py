"""The project file's namespace, typed reading of its elements, and the small helpers every writer uses.

The schema has already required every attribute and child these are asked for, so each gives a ``str``
or an element rather than an ``Optional`` every caller would check; if one is missing all the same (a
caller asking for something the schema leaves optional), the error says where, in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, UTC
from typing import TypeVar

from lxml import etree

from .errors import ProjectFileError

T = TypeVar("T")

NS = "urn:wyassembler:project"


def qualified(name: str) -> str:
    """``name`` in the project file's namespace, as lxml spells a tag."""
    return f"{{{NS}}}{name}"


def sub_element(parent: etree._Element, tag: str, text: str | None = None, /, **attrs: str) -> etree._Element:
    """A child ``tag`` of ``parent`` with ``attrs`` and, if any, ``text``."""
    element = etree.SubElement(parent, qualified(tag), attrs)
    if text:
        element.text = text
    return element


def format_time(value: datetime) -> str:
    """A time as the schema spells it: UTC to the second (2006-01-31T09:00:00Z)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    """A UTC time as the schema spells it (2006-01-31T09:00:00Z)."""
    return datetime.fromisoformat(text)


def time_attr(element: etree._Element, name: str = "time") -> datetime:
    """The time attribute ``name``: one the schema's pattern let through but no calendar has (month 13, day
    31 of April) is refused in one line naming its element and line, not as a bare date error."""
    return _parsed(element, name, parse_time, "which is not a time")


def _parsed(element: etree._Element, name: str, parse: Callable[[str], T], what: str) -> T:
    """The attribute ``name`` read by ``parse``; a value it refuses is said in one line, with ``what`` it is not."""
    text = attr(element, name)
    try:
        return parse(text)
    except ValueError:
        raise ProjectFileError(f"not a valid project file: {_where(element)} has {name}=\"{text}\", {what}") from None


def _where(element: etree._Element) -> str:
    return f"line {element.sourceline}: <{etree.QName(element).localname}>"


def attr(element: etree._Element, name: str) -> str:
    """The value of the attribute ``name``, which ``element`` must have."""
    value = element.get(name)
    if value is None:
        raise ProjectFileError(f"not a valid project file: {_where(element)} has no {name} attribute")
    return value


def int_attr(element: etree._Element, name: str) -> int:
    """The whole-number attribute ``name``, which ``element`` must have."""
    return _parsed(element, name, int, "not a whole number")


def first_child(element: etree._Element, tag: str) -> etree._Element:
    """The first child ``tag`` (a qualified name), which ``element`` must have."""
    found = element.find(tag)
    if found is None:
        raise ProjectFileError(f"not a valid project file: {_where(element)} has no <{etree.QName(tag).localname}>")
    return found


def parent(element: etree._Element) -> etree._Element:
    """The parent of an element that is not the root."""
    found = element.getparent()
    if found is None:
        raise ProjectFileError(f"not a valid project file: {_where(element)} is the root, not inside one")
    return found
