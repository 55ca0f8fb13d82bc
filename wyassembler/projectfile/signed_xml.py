"""The signed records as elements: sign-offs and endorsements, key events, assignments, changes of
coordinator and signature requirements, each with the signature it carries (format 1.2 to 1.4; an
endorsement's reservations are in partner_xml.py)."""

from __future__ import annotations

from lxml import etree

from ..core.model import Assignment, CoordinatorChange, KeyEvent, Signature, SignaturePolicy, SignOff
from .elements import attr, format_time, sub_element, time_attr


def signoff_element(parent: etree._Element, name: str, signoff: SignOff) -> etree._Element:
    """``signoff`` as a child ``name`` (signoff or endorsement) of ``parent``, its note as the text (a
    decliner's wish to be named as ``named="yes"``, format 1.6)."""
    attrs = {"org": signoff.org, "decision": signoff.decision, "person": signoff.person, "role": signoff.role,
             "time": format_time(signoff.time), "hash": signoff.hash}
    if signoff.sequence:
        attrs["sequence"] = str(signoff.sequence)
    if signoff.previous:
        attrs["previous"] = signoff.previous
    if signoff.named:
        attrs["named"] = "yes"
    signature_attributes(attrs, signoff.signature)
    return sub_element(parent, name, signoff.note or None, **attrs)


def signature_attributes(attrs: dict[str, str], signature: Signature | None) -> None:
    """A record's signature, if it has one, as the signed-by and signature attributes."""
    if signature is not None:
        attrs["signed-by"] = signature.fingerprint
        attrs["signature"] = signature.value


def keys_element(parent: etree._Element, events: list[KeyEvent]) -> None:
    """The ``<keys>`` element of the organisations' key events, in the order recorded."""
    element = sub_element(parent, "keys")
    for event in events:
        attrs = {"kind": event.kind, "org": event.org, "person": event.person, "role": event.role,
                 "time": format_time(event.time), "fingerprint": event.fingerprint}
        for name, value in (("public-key", event.public_key), ("reason", event.reason), ("previous", event.previous)):
            if value:
                attrs[name] = value
        signature_attributes(attrs, event.signature)
        sub_element(element, "key-event", **attrs)


def assignment_attributes(record: Assignment | CoordinatorChange) -> dict[str, str]:
    """The attributes of an assignment or a change of coordinator."""
    attrs = {"coordinator": record.coordinator} if isinstance(record, CoordinatorChange) else {"owner": record.owner}
    if isinstance(record, Assignment) and record.contributors:
        attrs["contributors"] = " ".join(record.contributors)
    attrs.update(org=record.org, person=record.person, role=record.role, time=format_time(record.time))
    if record.previous:
        attrs["previous"] = record.previous
    signature_attributes(attrs, record.signature)
    return attrs


def read_assignment(element: etree._Element) -> Assignment:
    """An ``<assigned>`` record."""
    return Assignment(attr(element, "owner"), tuple(element.get("contributors", "").split()), attr(element, "org"),
                      attr(element, "person"), attr(element, "role"), time_attr(element),
                      element.get("previous", ""), read_signature(element))


def read_coordinator_change(element: etree._Element) -> CoordinatorChange:
    """A ``<coordinator-change>`` record."""
    return CoordinatorChange(attr(element, "coordinator"), attr(element, "org"), attr(element, "person"),
                             attr(element, "role"), time_attr(element), element.get("previous", ""),
                             read_signature(element))


def policy_attributes(policy: SignaturePolicy) -> dict[str, str]:
    """The attributes of a signature requirement record."""
    attrs = {"required": "yes" if policy.required else "no", "org": policy.org, "person": policy.person,
             "role": policy.role, "time": format_time(policy.time)}
    if policy.previous:
        attrs["previous"] = policy.previous
    signature_attributes(attrs, policy.signature)
    return attrs


def read_policy(element: etree._Element) -> SignaturePolicy:
    """A ``<requirement>`` record."""
    return SignaturePolicy(attr(element, "required") == "yes", attr(element, "org"), attr(element, "person"),
                           attr(element, "role"), time_attr(element), element.get("previous", ""),
                           read_signature(element))


def read_signature(element: etree._Element) -> Signature | None:
    """The signature an element carries, or None."""
    signed_by = element.get("signed-by")
    return Signature(signed_by, attr(element, "signature")) if signed_by is not None else None


def read_key_event(element: etree._Element) -> KeyEvent:
    """A ``<key-event>`` record."""
    return KeyEvent(attr(element, "kind"), attr(element, "org"), attr(element, "person"), attr(element, "role"),
                    time_attr(element), attr(element, "fingerprint"), element.get("public-key", ""),
                    element.get("reason", ""), element.get("previous", ""), read_signature(element))


def read_signoff(element: etree._Element) -> SignOff:
    """A sign-off or endorsement element."""
    return SignOff(attr(element, "org"), attr(element, "decision"), attr(element, "person"),
                   attr(element, "role"), time_attr(element), attr(element, "hash"),
                   element.text or "", int(element.get("sequence", "0")), read_signature(element),
                   element.get("previous", ""))
