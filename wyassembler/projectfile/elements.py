"""Typed reading of a project file's elements.

The schema has already required every attribute and child these are asked for, so each gives a ``str``
or an element rather than an ``Optional`` every caller would check; if one is missing all the same (a
caller asking for something the schema leaves optional), the error says where, in one line.
"""

from __future__ import annotations

from lxml import etree

from .errors import ProjectFileError


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
    text = attr(element, name)
    try:
        return int(text)
    except ValueError:
        raise ProjectFileError(f"not a valid project file: {_where(element)} has {name}=\"{text}\", "
                               f"not a whole number") from None


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
