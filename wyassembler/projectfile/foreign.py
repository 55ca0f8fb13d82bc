"""What a newer minor format adds, kept: elements this version does not know, read and written back.

The file format promises that a newer *minor* version only adds optional
things, and that this version reads such a file. So when a file says it is
newer (``1.9`` while we write ``1.2``), every element whose name our schema
does not have is set aside before validation, kept as opaque XML on the
project, and written back in the same place (after the same known sibling,
under the same parent) when the project is saved; the file then still says
the newer version. What cannot be set aside safely (an unknown element inside
section content, whose hash it would change) leaves the file unreadable, and
the error names the version that wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..core.model import Project
from ..resource_files import resource_bytes
from .content_xml import NS
from .elements import parent as parent_of

# Where the elements set aside are kept on a Project (the core model has no field for opaque XML).
_ATTRIBUTE = "wyproj_foreign_elements"
_KEYS = ("id", "org", "revision", "section")
# Elements whose text is data (content is hashed, a heading or note is text): nothing inside them is set aside.
_TEXT_HOLDERS = frozenset({"content", "heading", "signoff", "endorsement", "title", "subtitle", "partnership",
                           "responds-to", "closing-line", "deadline", "text", "option", "choice", "no-comment",
                           "reservation", "mark", "authority", "quote", "tracked"})
_DECLARED = re.compile(rb"<project\b[^>]*?\sformat=[\"']([^\"']{1,20})[\"']")

Step = tuple[str, str, int]  # (element name, identifying attribute, occurrence among same-named siblings)


@dataclass(frozen=True)
class ForeignElements:
    """Elements of a newer minor format, and the version that wrote them."""

    version: str
    # (address of the parent, address of the known sibling it followed or None, the element's XML)
    elements: tuple[tuple[tuple[Step, ...], Step | None, bytes], ...]


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10"`` -> (1, 10), for comparing versions as numbers; () if it is not a version number."""
    parts = version.split(".")
    return tuple(int(part) for part in parts) if all(part.isdecimal() for part in parts) else ()


def declared_version(data: bytes) -> str | None:
    """The format a file's root element declares, read from its first bytes without parsing."""
    found = _DECLARED.search(data[:2048])
    return found.group(1).decode("ascii", "replace") if found else None


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    schema = etree.fromstring(resource_bytes("schema", "wyproj.rng"))
    names = schema.iter("{http://relaxng.org/ns/structure/1.0}element")
    return frozenset(name for element in names if (name := element.get("name")))


def _is_known(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions are the parser's business
    name = etree.QName(element)
    return name.namespace == NS and name.localname in _known_names()


def _step(element: etree._Element) -> Step:
    name = etree.QName(element).localname
    key = _key(element)
    same = sum(1 for sibling in element.itersiblings(preceding=True)
               if isinstance(sibling.tag, str) and _is_known(sibling) and _step_name_key(sibling) == (name, key))
    return name, key, same


def _step_name_key(element: etree._Element) -> tuple[str, str]:
    return etree.QName(element).localname, _key(element)


def _key(element: etree._Element) -> str:
    return next((value for name in _KEYS if (value := element.get(name)) is not None), "")


def _address(element: etree._Element) -> tuple[Step, ...]:
    steps = []
    above = element.getparent()
    while above is not None:
        steps.append(_step(element))
        element, above = above, above.getparent()
    return tuple(reversed(steps))


def set_aside(root: etree._Element) -> ForeignElements | None:
    """Remove the elements a newer minor format added from ``root``, returning them (None if there are
    none, or the file is not a newer minor version). Elements inside section content stay: the schema
    then refuses the file."""
    version = root.get("format", "")
    if not _newer_minor(version):
        return None
    unknown = [element for element in root.iter() if element is not root and not _is_known(element)
               and all(_is_known(ancestor) for ancestor in element.iterancestors())
               and not any(etree.QName(a).localname in _TEXT_HOLDERS for a in element.iterancestors())]
    kept = []
    for element in unknown:
        anchor = next((s for s in element.itersiblings(preceding=True) if _is_known(s)), None)
        kept.append((_address(parent_of(element)), _step(anchor) if anchor is not None else None,
                     etree.tostring(element, with_tail=False)))
    for element in unknown:
        parent_of(element).remove(element)
    return ForeignElements(version, tuple(kept)) if kept else None


def _newer_minor(version: str) -> bool:
    from .codec import FORMAT_VERSION

    theirs, ours = version_key(version), version_key(FORMAT_VERSION)
    return len(theirs) == 2 and theirs[0] == ours[0] and theirs > ours


def keep_on(project: Project, foreign: ForeignElements | None) -> None:
    """Remember ``foreign`` as part of ``project``, to be written back when it is saved."""
    if foreign is None:
        project.__dict__.pop(_ATTRIBUTE, None)
    else:
        project.__dict__[_ATTRIBUTE] = foreign


def kept_on(project: Project) -> ForeignElements | None:
    """The elements of a newer minor format ``project`` was read with, if any."""
    return project.__dict__.get(_ATTRIBUTE)


def carry_over(target: Project, *sources: Project) -> None:
    """Give ``target`` (a merge of ``sources``) the newer format's elements the sources had."""
    found = [foreign for source in sources if (foreign := kept_on(source)) is not None]
    if not found:
        return
    elements: list[tuple[tuple[Step, ...], Step | None, bytes]] = []
    for foreign in found:
        elements.extend(entry for entry in foreign.elements if entry not in elements)
    version = max((foreign.version for foreign in found), key=version_key)
    keep_on(target, ForeignElements(version, tuple(elements)))


def put_back(root: etree._Element, foreign: ForeignElements) -> None:
    """Insert the elements set aside into an indented ``root`` where they were; those whose parent is
    gone (a deleted section) go with it."""
    touched = []
    for parent_address, anchor, xml in foreign.elements:
        parent = _find(root, parent_address)
        if parent is None:
            continue
        element = etree.fromstring(xml)
        target = _child(parent, anchor) if anchor is not None else None
        if anchor is None:
            parent.insert(0, element)
        elif target is None:
            parent.append(element)
        else:
            following = target.getnext()
            while following is not None and not _is_known(following):
                target, following = following, following.getnext()  # after the others set aside there
            target.addnext(element)
        touched.append(parent)
    for parent in touched:
        _reindent_children(parent)


def _find(root: etree._Element, address: tuple[Step, ...]) -> etree._Element | None:
    element = root
    for step in address:
        found = _child(element, step)
        if found is None:
            return None
        element = found
    return element


def _child(parent: etree._Element, step: Step) -> etree._Element | None:
    name, key, occurrence = step
    matches = [child for child in parent if isinstance(child.tag, str) and _is_known(child)
               and _step_name_key(child) == (name, key)]
    return matches[occurrence] if occurrence < len(matches) else None


def _reindent_children(parent: etree._Element) -> None:
    level = sum(1 for _ in parent.iterancestors())
    inner, closing = "\n" + "  " * (level + 1), "\n" + "  " * level
    parent.text = inner
    children = list(parent)
    for child in children:
        child.tail = inner
    children[-1].tail = closing
