"""Reading several versions of one project at once, as git's merge driver does (the base, ours and theirs).

The versions mostly hold the very same records: :class:`KnownRecords` reads each shared revision and
sign-off once. The base is needed only for its structure (what each side changed of the outline,
ownership, partners, properties and questions) and its newest history entry (whether it is a common
ancestor at all): :func:`structure_from_tree` reads just that, skipping every record.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..core.integrity import structure_problems
from ..core.merge_structure import Structure, structure_of
from ..core.model import HistoryEntry, Revision, Section, SignOff
from .codec import LoadReport, ValidTree, read_properties, read_revision, refuse_unsound
from .elements import attr, first_child, qualified as _q
from .errors import ProjectFileError
from .history_xml import read_history
from .questions_xml import read_answers
from .signed_xml import read_signoff

_SECTION, _CONTRIBUTOR, _ANSWERS = _q("section"), _q("contributor"), _q("answers")


class KnownRecords:
    """Revisions and sign-offs already read in this run, by their element's bytes, for reading other versions
    of the same project: git's merge reads three versions whose sections mostly hold the very same records,
    and reading a revision (its content, its hash checked) is most of reading a file. Both are immutable and
    an element with the same bytes reads the same, so one read serves every version it is in (and the
    digests, which work out each record once while it lives: see core.history). Only revisions that matched
    their hash are kept: one that did not is reported for each file it is in."""

    def __init__(self) -> None:
        self._revisions: dict[bytes, Revision] = {}
        self._signoffs: dict[bytes, SignOff] = {}

    def revision(self, element: etree._Element, section_id: str, report: LoadReport) -> Revision:
        """The revision ``element`` holds, read once for all the versions it is in."""
        key = etree.tostring(element, with_tail=False)
        known = self._revisions.get(key)
        if known is not None:
            return known
        problems = len(report.problems)
        revision = read_revision(element, section_id, report)
        if len(report.problems) == problems:
            self._revisions[key] = revision
        return revision

    def signoff(self, element: etree._Element) -> SignOff:
        """The sign-off ``element`` holds, read once for all the versions it is in."""
        key = etree.tostring(element, with_tail=False)
        known = self._signoffs.get(key)
        if known is None:
            known = self._signoffs[key] = read_signoff(element)
        return known


@dataclass(frozen=True)
class VersionStructure:
    """What a merge needs of the version two copies started from: its project's id, its history and the
    structure of its outline, ownership, partners, properties and questions."""

    id: str
    history: list[HistoryEntry]
    structure: Structure


def _outline_only(element: etree._Element) -> Section:
    """A section's place, owner, contributors and answers, with none of its records: held only long
    enough to take the structure of the outline (see :func:`structure_from_tree`)."""
    contributors, children, answers = [], [], []
    for item in element:
        if item.tag == _CONTRIBUTOR:
            contributors.append(attr(item, "org"))
        elif item.tag == _SECTION:
            children.append(_outline_only(item))
        elif item.tag == _ANSWERS:
            answers = read_answers(item)
    return Section(attr(element, "id"), attr(element, "owner"), [], contributors, children=children,
                   answers=answers)


def structure_from_tree(tree: ValidTree) -> VersionStructure:
    """The structure of the version in ``tree`` (from :func:`.codec.valid_tree`), read without any of its
    records: a fraction of reading the whole project, and nothing of it can be shown, saved or merged
    from. Its structure is checked as a whole project's is (ids, the organisations it names); its records,
    unread, are not. Raises :class:`ProjectFileError`."""
    try:
        skeleton = read_properties(tree.root, [])
        skeleton.sections = [_outline_only(element) for element in first_child(tree.root, _q("outline"))]
    except ValueError as error:  # a date the schema's pattern let through, such as month 13
        raise ProjectFileError(f"not a sound project file: {error}") from None
    refuse_unsound(structure_problems(skeleton))
    return VersionStructure(skeleton.id, read_history(tree.root), structure_of(skeleton))
