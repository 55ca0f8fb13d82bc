"""Typed reading of WordprocessingML for the writer's side (templates, styles, sections).

What a document may leave out comes back as ``None``; what the format requires (a style's id, its name)
is a ``str`` or an element, and a document without it is damaged: a one-line :class:`PackageError`
naming the element, never an ``AttributeError`` far from the cause.
"""

from __future__ import annotations

from lxml import etree

from .package import PackageError


def _name(element: etree._Element) -> str:
    return f"<{etree.QName(element).localname}>"


def attr(element: etree._Element, name: str) -> str:
    """The attribute ``name`` (a qualified name) that the format requires ``element`` to have."""
    value = element.get(name)
    if value is None:
        raise PackageError(f"the document is damaged: a {_name(element)} has no {etree.QName(name).localname}")
    return value


def first_child(element: etree._Element, tag: str) -> etree._Element:
    """The child ``tag`` (a qualified name) that the format requires ``element`` to have."""
    found = element.find(tag)
    if found is None:
        raise PackageError(f"the document is damaged: a {_name(element)} has no <{etree.QName(tag).localname}>")
    return found


def parent(element: etree._Element) -> etree._Element:
    """The element holding ``element``, found inside a document (so never its root)."""
    found = element.getparent()
    if found is None:
        raise PackageError(f"the document is damaged: a {_name(element)} stands outside any element")
    return found


def int_value(element: etree._Element | None, name: str) -> int | None:
    """The whole number in attribute ``name`` of ``element``; None if either is missing or it is not one."""
    text = element.get(name) if element is not None else None
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
