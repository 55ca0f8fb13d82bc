"""The file's history (:mod:`..core.history`) as the ``<history>`` element of a project file (format 1.4).

Each save appends one ``<entry>``; entries are never dropped, however old (they are a line each).
"""

from __future__ import annotations

import re
from lxml import etree

from ..core.model import HistoryEntry
from .content_xml import NS
from .elements import attr, format_time, time_attr
from .errors import ProjectFileError

_HISTORY = f"{{{NS}}}history"
_ENTRY = f"{{{NS}}}entry"


def write_history(root: etree._Element, history: list[HistoryEntry]) -> None:
    """Append ``<history>`` holding ``history`` to ``root`` (nothing when there is none)."""
    if not history:
        return
    element = etree.SubElement(root, _HISTORY)
    for entry in history:
        attrs = {"id": entry.id}
        if entry.parents:
            attrs["parents"] = " ".join(entry.parents)
        attrs.update(time=format_time(entry.time), kind=entry.kind, org=entry.org, person=entry.person,
                     digest=entry.digest)
        etree.SubElement(element, _ENTRY, attrs)


def _entry(element: etree._Element) -> HistoryEntry:
    return HistoryEntry(attr(element, "id"), tuple(element.get("parents", "").split()),
                        time_attr(element), attr(element, "org"),
                        attr(element, "person"), attr(element, "kind"), attr(element, "digest"))


def read_history(root: etree._Element) -> list[HistoryEntry]:
    """The entries of a validated file's ``<history>``, oldest first ([] for a file without one)."""
    element = root.find(_HISTORY)
    return [_entry(e) for e in element] if element is not None else []


_FRAGMENT = re.compile(rb"<history>.*</history>", re.DOTALL)


def history_from_bytes(data: bytes) -> list[HistoryEntry]:
    """The history of a file this program wrote, read without building the whole project (a save
    carries forward the history of a file it does not need to merge). Raises :class:`ProjectFileError`
    if the element cannot be read."""
    found = _FRAGMENT.search(data, data.rfind(b"<history>") if b"<history>" in data else len(data))
    if found is None:
        return []
    fragment = found.group(0).replace(b"<history>", f'<history xmlns="{NS}">'.encode(), 1)
    try:
        root = etree.fromstring(fragment, etree.XMLParser(resolve_entities=False, no_network=True))
        return [_entry(e) for e in root if e.tag == _ENTRY]
    except (etree.XMLSyntaxError, ValueError) as error:
        raise ProjectFileError(f"not a readable project file: its history cannot be read ({error})") from None
