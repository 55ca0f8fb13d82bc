"""The parts of a merge that have no revision lineage: the outline's arrangement, section ownership,
organisations, the project's properties, the consultation's questions and which sections answer them.

These are merged three ways when the structure ``ours`` started from is known
(a :class:`Structure`, taken cheaply when a project is loaded): whatever one
side changed and the other left alone takes the changed side; whatever both
changed keeps the version on disk, with a note. Without that base (an offline
copy merged later) a change cannot be told from an old value, so the version
on disk is kept and every difference is reported.

The questions merge per question id, each part (number, text, limit, options, choice, no comment)
three ways: a question added on either side is kept, after its neighbour in the side that added it; a
question one side removed and the other left as it was goes; a number both sides added (the list
imported on both) is one question, with the saved file's id. A section's answers (the ids of the
questions it answers) merge three ways as its ownership does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from .errors import OutlineError
from .lists import LEVEL_FORMATS
from .model import Organisation, Project, Section
from .outline import MAX_DEPTH, subtree_height
from .partners import PROPERTY_NAMES
from .questions import Question, number_key

Placement = tuple[str | None, str | None]  # (parent section id, previous sibling id)

_PROPERTY_LABELS = {
    "title": "title", "subtitle": "subtitle", "partnership": "partnership's name",
    "responds_to": "\u201cresponds to\u201d line", "deadline": "deadline",
    "closing_line_template": "closing line", "coordinator": "coordinator", "endorsers": "list of endorsers",
    "list_formats": "list numbering", "require_signatures": "requirement of signatures",
    "declines_block": "setting whether a decline stops the final export",
    "require_authority": "requirement of each endorser's authority",
    "behalf_at": "place of the \u201con whose behalf\u201d statement",
    "member_list": "choice of whom the member list names",
}
# Properties a project holds as a list; the others that are sequences (list numbering) are tuples.
_LIST_PROPERTIES = ("endorsers",)


@dataclass(frozen=True)
class Structure:
    """What a merge needs to know of the project a copy started from, besides the revisions."""

    properties: dict[str, object]
    organisations: dict[str, tuple[str, str, str, str]]
    placements: dict[str, Placement]
    ownership: dict[str, tuple[str, tuple[str, ...]]]
    # Format 1.5: the questions by id, and the answers of each section that answers any (others: none).
    questions: dict[str, Question] = field(default_factory=dict)
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _property(project: Project, name: str) -> object:
    value = getattr(project, name)
    return tuple(value) if isinstance(value, list) else value


def _org_fields(org: Organisation) -> tuple[str, str, str, str]:
    return (org.name, org.short_name, org.lead_name, org.lead_email)


def _ownership(section: Section) -> tuple[str, tuple[str, ...]]:
    return (section.owner, tuple(section.contributors))


def placements(project: Project) -> dict[str, Placement]:
    """Where each section sits: its parent's id and the id of the sibling before it."""
    result: dict[str, Placement] = {}
    _place(project.sections, None, result)
    return result


def _place(sections: list[Section], parent_id: str | None, result: dict[str, Placement]) -> None:
    # Not a nested function calling itself: that is a reference cycle holding ``result`` (every section),
    # which a project left out of the collector's sight (ui.project.heap) kept alive for good.
    previous = None
    for section in sections:
        result[section.id] = (parent_id, previous)
        _place(section.children, section.id, result)
        previous = section.id


def structure_of(project: Project) -> Structure:
    """The structure of ``project`` as it is now: keep it when loading, pass it to the merge when saving."""
    sections = project.all_sections()
    return Structure(
        {name: _property(project, name) for name in PROPERTY_NAMES},
        {org.id: _org_fields(org) for org in project.organisations},
        placements(project),
        {section.id: _ownership(section) for section in sections},
        {question.id: question for question in project.questions},
        {section.id: tuple(section.answers) for section in sections if section.answers},
    )


T = TypeVar("T")


def three_way(ours: T, theirs: T, base: T | None, known: bool) -> tuple[T, bool]:
    """(the merged value, whether both sides changed it differently). Without a base, disk's value
    is kept and any difference counts as a clash."""
    if ours == theirs:
        return theirs, False
    if known and theirs == base:
        return ours, False
    if known and ours == base:
        return theirs, False
    return theirs, True


def _show(value: object, name: str = "") -> str:
    if name == "list_formats":
        return " ".join(LEVEL_FORMATS.get(str(fmt), str(fmt)) for fmt in cast("Iterable[object]", value))
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "none"
    return str(value)


def merge_properties(result: Project, ours: Project, theirs: Project, base: Structure | None,
                     notes: list[str], ours_label: str, theirs_label: str) -> None:
    """Set ``result``'s properties from both sides."""
    for name in PROPERTY_NAMES:
        o, t = _property(ours, name), _property(theirs, name)
        b = base.properties.get(name) if base is not None else None
        value, clash = three_way(o, t, b, base is not None)
        if clash:
            notes.append(f"The {_PROPERTY_LABELS[name]} differs: {theirs_label} has \u201c{_show(t, name)}\u201d, "
                         f"{ours_label} has \u201c{_show(o, name)}\u201d; {theirs_label}'s is kept.")
        setattr(result, name, list(value) if name in _LIST_PROPERTIES and isinstance(value, tuple) else value)


def merge_organisations(ours: Project, theirs: Project, base: Structure | None, notes: list[str],
                        ours_label: str, theirs_label: str) -> tuple[list[Organisation], set[str]]:
    """The union of both sides' organisations, in disk's order with ours' additions after their
    neighbours; and the ids one side removed, which go if nothing still names them."""
    ours_orgs = {org.id: org for org in ours.organisations}
    theirs_ids = {org.id for org in theirs.organisations}
    known = base.organisations if base is not None else {}
    removed: set[str] = set()
    result: list[Organisation] = []
    for org in theirs.organisations:
        mine = ours_orgs.get(org.id)
        if mine is None:
            if org.id in known and _org_fields(org) == known[org.id]:
                removed.add(org.id)
            result.append(replace(org))
            continue
        fields, clash = three_way(_org_fields(mine), _org_fields(org), known.get(org.id), org.id in known)
        if clash:
            notes.append(f"The details of {org.label()} differ: {theirs_label}'s are kept.")
        name, short_name, lead, email = fields
        result.append(Organisation(org.id, name, short_name, lead, email))
    for index, org in enumerate(ours.organisations):
        if org.id in theirs_ids:
            continue
        if org.id in known and _org_fields(org) == known[org.id]:
            removed.add(org.id)
        position = 0
        for earlier in reversed(ours.organisations[:index]):
            found = next((i for i, o in enumerate(result) if o.id == earlier.id), None)
            if found is not None:
                position = found + 1
                break
        result.insert(position, replace(org))
    return result, removed


def merge_ownership(ours: Section, theirs: Section, base: Structure | None) -> tuple[str, list[str], bool]:
    """(owner, contributors, whether both sides changed them differently) for a section both hold."""
    known = base is not None and theirs.id in base.ownership
    b = base.ownership.get(theirs.id) if base is not None else None
    value, clash = three_way(_ownership(ours), _ownership(theirs), b, known)
    owner, contributors = value
    return owner, list(contributors), clash


def merge_answers(ours: Section, theirs: Section, base: Structure | None) -> tuple[list[str], bool]:
    """(the question ids a section both sides hold answers, whether both sides changed them differently)."""
    known = base is not None and theirs.id in base.ownership
    b = base.answers.get(theirs.id, ()) if base is not None else None
    value, clash = three_way(tuple(ours.answers), tuple(theirs.answers), b, known)
    return list(value), clash


# A question's parts, merged each on its own: a coordinator's new limit and a section editor's choice both stand.
_QUESTION_PARTS = {"number": ("number",), "text": ("text",), "limit": ("limit",), "options": ("options",),
                   "choice": ("choice",), "no comment": ("no_comment", "no_comment_reason")}


def _part(question: Question, names: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(getattr(question, name) for name in names)


def _merge_question(ours: Question, theirs: Question, base: Question | None, known: bool,
                    notes: list[str], theirs_label: str) -> Question:
    values: dict[str, Any] = {}
    clashes = []
    for label, names in _QUESTION_PARTS.items():
        value, clash = three_way(_part(ours, names), _part(theirs, names),
                                 _part(base, names) if base is not None else None, known)
        values.update(zip(names, value, strict=True))
        if clash:
            clashes.append(label)
    merged = replace(theirs, **values)
    if clashes:
        notes.append(f"Question {theirs.number} differs in each copy (its {', '.join(clashes)}): "
                     f"{theirs_label}'s is kept.")
    if merged.choice and merged.choice not in merged.options:
        notes.append(f"The choice \u201c{merged.choice}\u201d for question {merged.number} is no longer one of its "
                     f"options: it was left out; choose again.")
        merged = replace(merged, choice="")
    return merged


def merge_questions(ours: Project, theirs: Project, base: Structure | None, notes: list[str],
                    ours_label: str, theirs_label: str) -> tuple[list[Question], dict[str, str]]:
    """Both sides' questions, in disk's order with ours' additions after their neighbours (see the
    module's rules), and the ids of ours' additions that are disk's additions of the same number
    (the list imported on both sides), each to the id of disk's, which it becomes. Without ``base``
    disk's list stands: what only ours has is reported, not taken."""
    ours_by_id = {q.id: q for q in ours.questions}
    theirs_ids = {q.id for q in theirs.questions}
    known = base.questions if base is not None else {}
    added_on_disk = {number_key(q.number): q.id for q in theirs.questions
                     if base is not None and q.id not in known and q.id not in ours_by_id}
    renamed: dict[str, str] = {}
    result: list[Question] = []
    for question in theirs.questions:
        mine = ours_by_id.get(question.id)
        if mine is not None:
            result.append(_merge_question(mine, question, known.get(question.id), question.id in known, notes,
                                          theirs_label))
        elif question.id not in known:  # added on disk (or, without base, not known to be removed by ours)
            result.append(question)
        elif question != known[question.id]:
            notes.append(f"Question {question.number} was removed in {ours_label} but changed in {theirs_label}: "
                         f"it is kept.")
            result.append(question)
    for index, question in enumerate(ours.questions):
        if question.id in theirs_ids:
            continue
        if base is None:
            notes.append(f"Question {question.number} is only in {ours_label}, a copy from elsewhere: not taken "
                         f"(the coordinator imports the question list).")
            continue
        if question.id in known:
            if question == known[question.id]:
                continue  # removed on disk, left as it was here
            notes.append(f"Question {question.number} was removed in {theirs_label} but changed in {ours_label}: "
                         f"it is kept.")
        twin = added_on_disk.pop(number_key(question.number), None) if question.id not in known else None
        if twin is not None:  # both added it: one question, disk's id, its parts merged as without a base
            renamed[question.id] = twin
            at = next(i for i, q in enumerate(result) if q.id == twin)
            result[at] = _merge_question(replace(question, id=twin), result[at], None, False, notes, theirs_label)
            continue
        result.insert(_after_neighbour(result, ours.questions[:index]), question)
    return result, renamed


def renamed_answers(project: Project, renamed: dict[str, str]) -> None:
    """Make ``project``'s sections answer the questions ``renamed`` maps their ids to (in place)."""
    if not renamed:
        return
    for section in project.all_sections():
        if any(question_id in renamed for question_id in section.answers):
            section.answers = list(dict.fromkeys(renamed.get(question_id, question_id)
                                                 for question_id in section.answers))


def _after_neighbour(result: list[Question], earlier: list[Question]) -> int:
    """Where an added question goes: after the nearest question before it (in its own list) that is in ``result``."""
    positions = {q.id: i for i, q in enumerate(result)}
    for neighbour in reversed(earlier):
        if neighbour.id in positions:
            return positions[neighbour.id] + 1
    return 0


# -- the outline ------------------------------------------------------------------

class _Outline:
    """The merged outline as it is being built: top-level list plus a parent map."""

    def __init__(self) -> None:
        self.top: list[Section] = []
        self.parent: dict[str, Section | None] = {}

    def siblings(self, parent: Section | None) -> list[Section]:
        return parent.children if parent is not None else self.top

    def placed(self, section: Section) -> bool:
        return section.id in self.parent

    def ancestry(self, section: Section | None) -> list[Section]:
        """``section`` and the sections it is inside, innermost first; raises on a loop (bounded by
        the number of sections placed, so it always ends)."""
        chain: list[Section] = []
        while section is not None:
            if len(chain) > len(self.parent):
                raise OutlineError(f"section {section.id} is inside itself in the merged outline")
            chain.append(section)
            section = self.parent[section.id]
        return chain

    def level(self, section: Section | None) -> int:
        return len(self.ancestry(section))

    def inside(self, section: Section, probe: Section | None) -> bool:
        """Whether ``probe`` is ``section`` or one of its descendants."""
        return any(candidate is section for candidate in self.ancestry(probe))

    def insert(self, section: Section, parent: Section | None, index: int) -> None:
        self.siblings(parent).insert(index, section)
        self.parent[section.id] = parent

    def detach(self, section: Section) -> None:
        siblings = self.siblings(self.parent[section.id])
        siblings.remove(section)
        del self.parent[section.id]


def _adopt(outline: _Outline, merged: dict[str, Section], sections: list[Section], parent: Section | None) -> None:
    """Disk's outline of the merged sections (a module function, not a nested one calling itself: see _place)."""
    for section in sections:
        node = merged.get(section.id)
        if node is None:  # deleted: any surviving sub-section takes its place
            _adopt(outline, merged, section.children, parent)
            continue
        outline.insert(node, parent, len(outline.siblings(parent)))
        _adopt(outline, merged, section.children, node)


def build_outline(ours: Project, theirs: Project, merged: dict[str, Section], base: Structure | None,
                  notes: list[str], theirs_label: str) -> list[Section]:
    """Arrange the merged sections: disk's outline, then ours' additions and (with a base) ours' moves."""
    outline = _Outline()
    _adopt(outline, merged, theirs.sections, None)
    ours_places, theirs_places = placements(ours), placements(theirs)
    ours_siblings: dict[str, list[Section]] = {}
    for _, _, section in ours.walk():
        for child in section.children:
            ours_siblings[child.id] = section.children
    for section in ours.sections:
        ours_siblings[section.id] = ours.sections

    for _, _, section in ours.walk():
        node = merged.get(section.id)
        if node is None:
            continue
        if outline.placed(node):
            moved_by_us = (base is not None and section.id in base.placements
                           and ours_places[section.id] != base.placements[section.id]
                           and theirs_places.get(section.id) == base.placements[section.id])
            if not moved_by_us:
                if base is None and ours_places[section.id][0] != theirs_places.get(section.id, (None,))[0]:
                    notes.append(f"\u201c{node.heading}\u201d sits elsewhere in the outline of the other copy; "
                                 f"its place in {theirs_label} is kept.")
                continue
        _place_as_ours(outline, node, section, merged, ours_places, ours_siblings[section.id], notes)
    return outline.top


def _place_as_ours(outline: _Outline, node: Section, section: Section, merged: dict[str, Section],
                   ours_places: dict[str, Placement], ours_siblings: list[Section], notes: list[str]) -> None:
    """Put ``node`` where ``section`` sits in ours: under the nearest surviving ancestor, after the
    nearest surviving sibling before it."""
    parent_id = ours_places[section.id][0]
    climbed = 0
    while parent_id is not None and (parent_id not in merged or not outline.placed(merged[parent_id])):
        climbed += 1
        if climbed > len(ours_places):  # only sections sharing an id can make parents loop
            raise OutlineError(f"section {section.id} is inside itself in one copy's outline")
        parent_id = ours_places[parent_id][0]
    parent = merged[parent_id] if parent_id is not None else None
    was_placed = outline.placed(node)
    if was_placed and outline.inside(node, parent):
        notes.append(f"\u201c{node.heading}\u201d was moved in both copies in ways that cannot both hold; "
                     f"it stays where the saved file has it.")
        return
    while parent is not None and outline.level(parent) + subtree_height(node) > MAX_DEPTH:
        if was_placed:
            notes.append(f"Moving \u201c{node.heading}\u201d as the other copy did would make the outline deeper "
                         f"than {MAX_DEPTH} levels; it stays where it was.")
            return
        parent = outline.parent[parent.id]
    if was_placed:
        outline.detach(node)
    siblings = outline.siblings(parent)
    index = 0
    position = next(i for i, s in enumerate(ours_siblings) if s.id == section.id)
    for earlier in reversed(ours_siblings[:position]):
        candidate = merged.get(earlier.id)
        if candidate is not None and any(s is candidate for s in siblings):
            index = next(i for i, s in enumerate(siblings) if s is candidate) + 1
            break
    outline.insert(node, parent, index)
