"""What a partner says beyond yes or no (format 1.6): an endorsement's reservations and decline, the
organisations' ``<authorities>``, each section's confidentiality ``<mark>`` records and the coordinator's
settings for dissent.

Everything here is written only when a project holds it, so a project without it writes the version it
wrote before, byte for byte (:func:`uses_format_1_6` tells the codec which version a file says). An
endorsement keeps its note as its text and its reservations as ``<reservation>`` children after it, on
one line (the codec does not indent it: whitespace there would become part of the note, which the
signature covers). :func:`record_problems` holds a project to what a command could have made and the
file can hold; the reader refuses a file that fails it in one line, and the write gate refuses to
write a project that does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lxml import etree

from ..core.model import DECISIONS, Project, Section, SignOff
from ..core.partner_records import (AUTHORITY_KINDS, BEHALF_PLACES, DECLINED, MAX_NOTE_CHARACTERS, MEMBER_LISTS,
                                    Authority, ConfidentialityMark, Reservation)
from ..core.partners import ID_PATTERN
from .elements import attr, format_time, qualified, sub_element, time_attr
from .errors import ProjectFileError
from .signed_xml import read_signature, signature_attributes

APPROVED = DECISIONS[0]
ENDORSEMENT = qualified("endorsement")
MARK = qualified("mark")
_RESERVATION = qualified("reservation")
# The settings' defaults, which are not written (see core.model.Project).
_DEFAULT_BEHALF_AT, _DEFAULT_MEMBER_LIST = "members", "all"


def uses_format_1_6(project: Project) -> bool:
    """Whether ``project`` holds anything only format 1.6 can: a reservation, a decline, an authority
    record, a confidentiality mark, or a dissent setting other than its default."""
    return bool(project.authorities or project.declines_block or project.require_authority
                or project.behalf_at != _DEFAULT_BEHALF_AT or project.member_list != _DEFAULT_MEMBER_LIST
                or any(e.reservations or e.named or e.decision == DECLINED for e in project.endorsements)
                or any(section.marks for section in project.all_sections()))


# -- writing ---------------------------------------------------------------

def write_settings(properties: etree._Element, project: Project) -> None:
    """The dissent settings that differ from their defaults, as the last children of ``<properties>``."""
    if project.declines_block:
        sub_element(properties, "declines-block")
    if project.require_authority:
        sub_element(properties, "require-authority")
    if project.behalf_at != _DEFAULT_BEHALF_AT:
        sub_element(properties, "behalf-statement", at=project.behalf_at)
    if project.member_list != _DEFAULT_MEMBER_LIST:
        sub_element(properties, "member-list", names=project.member_list)


def add_reservations(endorsement: etree._Element, reservations: tuple[Reservation, ...]) -> None:
    """An endorsement's reservations as ``<reservation section="id">text</reservation>`` after its note."""
    for item in reservations:
        attrs = {"section": item.section} if item.section else {}
        sub_element(endorsement, "reservation", item.text, **attrs)


def write_marks(section_element: etree._Element, marks: list[ConfidentialityMark]) -> None:
    """A section's confidentiality marks in the order recorded, each its reason as text."""
    for mark in marks:
        attrs = {"confidential": "yes" if mark.confidential else "no", "org": mark.org, "person": mark.person,
                 "role": mark.role, "time": format_time(mark.time)}
        if mark.previous:
            attrs["previous"] = mark.previous
        signature_attributes(attrs, mark.signature)
        sub_element(section_element, "mark", mark.reason or None, **attrs)


def write_authorities(root: etree._Element, authorities: list[Authority]) -> None:
    """``<authorities>`` in the order recorded, each its reference as text (nothing when there are none)."""
    if not authorities:
        return
    element = sub_element(root, "authorities")
    for authority in authorities:
        attrs = {"org": authority.org, "kind": authority.kind}
        if authority.decided is not None:
            attrs["decided"] = authority.decided.isoformat()
        attrs.update(person=authority.person, role=authority.role, time=format_time(authority.time))
        if authority.previous:
            attrs["previous"] = authority.previous
        signature_attributes(attrs, authority.signature)
        sub_element(element, "authority", authority.reference, **attrs)


# -- reading ---------------------------------------------------------------

def _where(element: etree._Element) -> str:
    return f"line {element.sourceline}"


def read_endorsement(element: etree._Element, signoff: SignOff) -> SignOff:
    """``signoff`` (read from the element's attributes and note) with its reservations and wish to be named."""
    # The schema allows no text after a reservation: the note is the text before them.
    reservations = [Reservation(child.text or "", child.get("section", "")) for child in element
                    if child.tag == _RESERVATION]
    named = element.get("named") == "yes"
    return replace(signoff, reservations=tuple(reservations), named=named) if reservations or named else signoff


def read_mark(element: etree._Element) -> ConfidentialityMark:
    """A ``<mark>`` record."""
    return ConfidentialityMark(attr(element, "confidential") == "yes", element.text or "", attr(element, "org"),
                               attr(element, "person"), attr(element, "role"), time_attr(element),
                               element.get("previous", ""), read_signature(element))


def read_authorities(root: etree._Element) -> list[Authority]:
    """The ``<authorities>`` of a validated file, in its order."""
    element = root.find(qualified("authorities"))
    if element is None:
        return []
    return [Authority(attr(item, "org"), attr(item, "kind"), item.text or "", _decided(item), attr(item, "person"),
                      attr(item, "role"), time_attr(item), item.get("previous", ""),
                      read_signature(item)) for item in element]


def _decided(item: etree._Element) -> date | None:
    text = item.get("decided")
    try:
        return date.fromisoformat(text) if text is not None else None
    except ValueError:
        raise ProjectFileError(f"not a valid project file: {_where(item)}: the authority's date {text!r} "
                               f"is not a date") from None


_SETTINGS = ((qualified("behalf-statement"), "at", BEHALF_PLACES), (qualified("member-list"), "names", MEMBER_LISTS))


def setting_problem(root: etree._Element) -> tuple[int, str] | None:
    """The line and a sentence for a dissent setting of an unknown value, or None. The schema refuses one,
    but libxml2 blames the element before it ("<behalf-statement> ... is not valid there" for a bad
    member list), so a file the schema refused is asked this first."""
    properties = root.find(qualified("properties"))
    if properties is None:
        return None
    for tag, name, allowed in _SETTINGS:
        element = properties.find(tag)
        value = element.get(name) if element is not None else None
        if element is not None and value is not None and value not in allowed:
            line: int = getattr(element, "sourceline", None) or 0  # lxml-stubs type it oddly
            return line, f"<{etree.QName(tag).localname}> has {name}=\"{value}\", not one of {', '.join(allowed)}"
    return None


def read_settings(properties: etree._Element) -> dict[str, object]:
    """The dissent settings ``<properties>`` holds, as Project's field names to values (defaults left out)."""
    settings: dict[str, object] = {}
    if properties.find(qualified("declines-block")) is not None:
        settings["declines_block"] = True
    if properties.find(qualified("require-authority")) is not None:
        settings["require_authority"] = True
    behalf = properties.find(qualified("behalf-statement"))
    if behalf is not None:
        settings["behalf_at"] = attr(behalf, "at")
    members = properties.find(qualified("member-list"))
    if members is not None:
        settings["member_list"] = attr(members, "names")
    return settings


# -- what a file can hold ------------------------------------------------------

def _too_long(text: str) -> bool:
    return len(text) > MAX_NOTE_CHARACTERS


def _endorsement_problems(number: int, endorsement: SignOff) -> list[str]:
    where = f"endorsement {number} (by {endorsement.org})"
    problems = []
    if endorsement.reservations and endorsement.decision != APPROVED:
        problems.append(f"{where} is {endorsement.decision} and has reservations, which go with an endorsement")
    if endorsement.named and endorsement.decision != DECLINED:
        problems.append(f"{where} asks to be named as not endorsing but is {endorsement.decision}, not declined")
    for item in endorsement.reservations:
        if not item.text.strip():
            problems.append(f"{where} has a reservation without text")
        elif _too_long(item.text):
            problems.append(f"{where} has a reservation of {len(item.text):,} characters, over the "
                            f"{MAX_NOTE_CHARACTERS:,} a reservation may be")
        # A reservation outlives its section (deleted, or its addition undone before it was saved): the
        # statement says "on a section no longer in the response". Only an id the file cannot hold is refused.
        if item.section and not ID_PATTERN.fullmatch(item.section):
            problems.append(f"{where} has a reservation on the section id {item.section!r}, which a project "
                            f"file cannot hold")
    return problems


def _signoff_problems(section: Section) -> list[str]:
    return [f"a sign-off on section {section.id} (by {signoff.org}) is {signoff.decision}, which only an "
            f"endorsement of the whole response can be"
            for signoff in section.signoffs if signoff.decision == DECLINED or signoff.reservations or signoff.named]


def _mark_problems(section: Section) -> list[str]:
    problems = []
    for mark in section.marks:
        where = f"section {section.id}'s mark of {format_time(mark.time)} (by {mark.org})"
        if mark.confidential and not mark.reason.strip():
            problems.append(f"{where} makes it confidential without a reason")
        elif _too_long(mark.reason):
            problems.append(f"{where} gives a reason of {len(mark.reason):,} characters, over the "
                            f"{MAX_NOTE_CHARACTERS:,} a reason may be")
    return problems


def _authority_problems(authority: Authority) -> list[str]:
    where = f"the authority record of {format_time(authority.time)} (by {authority.org})"
    if authority.kind not in AUTHORITY_KINDS:
        return [f"{where} is of the kind {authority.kind!r}, not one of {', '.join(AUTHORITY_KINDS)}"]
    if not authority.reference.strip():
        return [f"{where} has no reference"]
    if _too_long(authority.reference):
        return [f"{where} has a reference of {len(authority.reference):,} characters, over the "
                f"{MAX_NOTE_CHARACTERS:,} a reference may be"]
    return []


def record_problems(project: Project) -> list[str]:
    """What in the format 1.6 records no command makes and a file cannot hold, a sentence each ([] if
    none): a setting no one can choose, a reservation on a section id the file cannot hold (one on a
    section no longer in the project is kept), a decline or reservation on a section's sign-off, an
    empty or overlong text, an authority of an unknown kind, a confidential mark without its reason."""
    problems = []
    if project.behalf_at not in BEHALF_PLACES:
        problems.append(f"the statement's place {project.behalf_at!r} is not one of {', '.join(BEHALF_PLACES)}")
    if project.member_list not in MEMBER_LISTS:
        problems.append(f"the member list {project.member_list!r} is not one of {', '.join(MEMBER_LISTS)}")
    for number, endorsement in enumerate(project.endorsements, start=1):
        problems += _endorsement_problems(number, endorsement)
    for section in project.all_sections():
        problems += _signoff_problems(section) + _mark_problems(section)
    for authority in project.authorities:
        problems += _authority_problems(authority)
    return problems
