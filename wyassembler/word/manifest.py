"""The proof a response carries: a manifest part inside the exported .docx.

The manifest is a custom XML part (``/customXml/item1.xml``, related from the document part, with
its data-store properties part), which Word keeps when it saves a document (it may renumber the
part, so readers find it by its root element, not its name). It holds what a recipient needs to
check, offline and without the project, that every organisation approved exactly this text: the
project's id and response properties, each section's number, heading, canonical content
(:func:`.core.content.section_canonical`) and hash, the response hash, every sign-off and
endorsement with its signature, every key event (the public keys and who confirmed them), and the
sign-off appendix's text. :mod:`.docx_check` reads it back and checks it.

Of the decisions, only each organisation's latest, when it is an approval, is carried: what the
proof rests on. Change requests and superseded records (their notes are internal) stay in the
project. The manifest does name the people who approved and who acted on keys: their names are in
what they signed.

Element names (namespace :data:`NAMESPACE`)::

    <manifest version="1">
      <project id title subtitle partnership responds-to closing-line coordinator response-hash/>
      <organisation id name short-name/>...
      <endorsers><endorser org name/>...</endorsers>   (who must endorse: project.required_endorsers())
      <questions order>                                 (only when the project has questions)
        <question id number text limit limit-value limit-spaces choice no-comment no-comment-reason>
          <option/>...</question>...</questions>
      <section id number level owner hash [answers] [confidential] [withheld]>
        <heading/><content>canonical JSON</content>
        <signoff .../>...</section>...
      <endorsement ...><reservation section/>...</endorsement>...   (as signoff; also [named])
      <key-event kind org person role time fingerprint public-key reason previous signed-by signature/>...
      <authority org kind reference decided person role time previous signed-by signature verified/>...
                                                        (each organisation's standing authority record)
      <appendix><cell/>...</appendix>
      <question-table><cell/>...</question-table>        (the table of questions, when exported with it)
      <declarations behalf-at>                          (what the body declares, see word.declarations)
        <member/>... <behalf/>... <confidentiality/>...</declarations>
    </manifest>

The questions, the order the body was laid out in, and each section's ``answers`` (the ids of the
questions it answers, space-separated) are there only for a project with questions: the response
hash covers them then (:func:`.core.signoff.questions_canonical`), and verify-docx lays the body out
again in the same order to compare its text. A project without questions has the manifest it always had.

A section marked confidential carries the reason as ``confidential`` (the response hash covers it:
:func:`.core.confidentiality.confidential_canonical`). In the public copy each withheld section
(:func:`.core.confidentiality.withheld_sections`) has ``withheld="yes"`` and neither heading nor content:
its hash, which the response hash covers (and so every endorsement's signature), is all that is carried
of it. Its approvals are not carried at all: their signatures cover their notes, which often quote the
section, so the public copy could not let them be checked, and a record it cannot check it must not
claim (verify-docx refuses one as damage, and says those approvals are checked in the full copy).
Change requests are never carried, in either copy.

A decision's attributes: org decision person role time sequence hash note previous signed-by
signature verified (the signature state when exported: a display, never trusted when checking).
An endorsement also carries its reservations (each on a section id, or "" for the whole response) and
``named="yes"`` for a decline whose organisation asked to be named; a decline is carried as endorsements
are (decision "declined"): the statement each signature covers includes them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from datetime import UTC, date, datetime

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from ..core.authority import authority_verdict, latest_authorities
from ..core.confidentiality import confidential_reason
from ..core.content import canonical_json, section_canonical
from ..core.errors import ContentError
from ..core.model import KeyEvent, Project, Signature, SignOff
from ..core.partner_records import DECLINED, Authority, Reservation
from ..core.questions import Limit, Question
from ..core.signoff import APPROVED, latest_by_org, response_hash
from ..core.statements import ENDORSEMENT, RESPONSE_SUBJECT, SECTION_SIGNOFF, statement_time
from ..core.verification import SignatureCheck
from .declarations import AFTER_MEMBERS, AFTER_TITLE, Declared

NAMESPACE = "urn:wyassembler:manifest:1"
VERSION = "1"
ITEM_CONTENT_TYPE = "application/xml"
_DATASTORE_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
# A fixed namespace for the data-store item id, so the same project exports to the same bytes.
_ITEM_ID_NAMESPACE = uuid.UUID("6c9a3f0e-2b1d-4e55-9a57-3d0f5b1c7e21")


def tag(name: str) -> str:
    """The manifest element ``name`` in its namespace."""
    return f"{{{NAMESPACE}}}{name}"


def add_manifest(document: Document, project: Project, appendix: list[str], order: str = "outline",
                 question_table: list[str] | None = None, withheld: Collection[str] = (),
                 declared: Declared | None = None) -> None:
    """Put the manifest of ``project`` into ``document`` as a custom XML part related from the
    document part; ``appendix`` is the text of the sign-off appendix's cells, in order (if any),
    ``order`` the body's order, ``question_table`` the text of the table of questions' cells (if any) and
    ``withheld`` the ids of the sections the public copy withholds (none in the full copy)."""
    package = document.part.package
    item = Part(package.next_partname("/customXml/item%d.xml"), ITEM_CONTENT_TYPE,
                manifest_bytes(project, appendix, order, question_table, withheld, declared), package)
    document.part.relate_to(item, RT.CUSTOM_XML)
    number = str(item.partname)[len("/customXml/item"):-len(".xml")]
    item_id = "{" + str(uuid.uuid5(_ITEM_ID_NAMESPACE, project.id)).upper() + "}"
    properties = Part(PackURI(f"/customXml/itemProps{number}.xml"), CT.OFC_CUSTOM_XML_PROPERTIES,
                      _item_properties(item_id), package)
    item.relate_to(properties, RT.CUSTOM_XML_PROPS)


def _item_properties(item_id: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            f'<ds:datastoreItem ds:itemID="{item_id}" xmlns:ds="{_DATASTORE_NS}">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>').encode()


def manifest_bytes(project: Project, appendix: list[str], order: str = "outline",
                   question_table: list[str] | None = None, withheld: Collection[str] = (),
                   declared: Declared | None = None) -> bytes:
    """The manifest of ``project`` as XML bytes (see the module's description)."""
    root = etree.Element(tag("manifest"), nsmap={None: NAMESPACE},  # type: ignore[dict-item]  # the default namespace
                         version=VERSION)
    etree.SubElement(root, tag("project"), {
        "id": project.id, "title": project.title, "subtitle": project.subtitle,
        "partnership": project.partnership, "responds-to": project.responds_to,
        "closing-line": project.closing_line, "coordinator": project.coordinator or "",
        "response-hash": response_hash(project)})
    for org in project.organisations:
        etree.SubElement(root, tag("organisation"), {"id": org.id, "name": org.name, "short-name": org.short_name})
    # Who must endorse: without it, deleting an endorsement would only shorten the list of endorsers.
    required = etree.SubElement(root, tag("endorsers"))
    for org_id in project.required_endorsers():
        etree.SubElement(required, tag("endorser"), {"org": org_id, "name": project.organisation(org_id).name})
    if project.questions:
        _add_questions(root, project, order)
    check = SignatureCheck(project)
    for number, level, section in project.walk():
        element = etree.SubElement(root, tag("section"), {
            "id": section.id, "number": number, "level": str(level), "owner": section.owner, "hash": section.hash})
        if project.questions and section.answers:
            element.set("answers", " ".join(section.answers))
        reason = confidential_reason(section)
        if reason is not None:
            element.set("confidential", reason)
        if section.id in withheld:
            # Hashes only: its heading, text and approvals (whose signed notes may quote it) stay out.
            element.set("withheld", "yes")
            continue
        etree.SubElement(element, tag("heading")).text = section.heading
        etree.SubElement(element, tag("content")).text = canonical_json(
            section_canonical(section.heading, section.blocks)).decode("utf-8")
        for decision in _approvals(section.signoffs):
            state = check.verdict(decision, SECTION_SIGNOFF, section.id).state
            element.append(_decision(tag("signoff"), decision, state))
    for decision in _approvals(project.endorsements, DECLINED):
        root.append(_decision(tag("endorsement"), decision, check.verdict(decision, ENDORSEMENT,
                                                                             RESPONSE_SUBJECT).state))
    for event in project.key_events:
        etree.SubElement(root, tag("key-event"), {
            "kind": event.kind, "org": event.org, "person": event.person, "role": event.role,
            "time": statement_time(event.time), "fingerprint": event.fingerprint, "public-key": event.public_key,
            "reason": event.reason, "previous": event.previous, **_signature_attributes(event.signature)})
    # The sign-off record's authority lines are made again from these, which their signatures cover.
    standing = latest_authorities(project)
    for org in project.organisations:
        authority = standing.get(org.id)
        if authority is not None:
            etree.SubElement(root, tag("authority"), {
                "org": authority.org, "kind": authority.kind, "reference": authority.reference,
                "decided": authority.decided.isoformat() if authority.decided else "", "person": authority.person,
                "role": authority.role, "time": statement_time(authority.time), "previous": authority.previous,
                **_signature_attributes(authority.signature),
                "verified": authority_verdict(project, authority, check.ledger).state})
    if appendix:
        element = etree.SubElement(root, tag("appendix"))
        for text in appendix:
            etree.SubElement(element, tag("cell")).text = text
    if question_table:
        element = etree.SubElement(root, tag("question-table"))
        for text in question_table:
            etree.SubElement(element, tag("cell")).text = text
    if declared is not None:
        _add_declarations(root, declared)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_questions(root, project: Project, order: str) -> None:
    element = etree.SubElement(root, tag("questions"), {"order": order})
    for question in project.questions:
        limit = question.limit
        entry = etree.SubElement(element, tag("question"), {
            "id": question.id, "number": question.number, "text": question.text,
            "limit": limit.kind if limit else "", "limit-value": str(limit.value) if limit else "",
            "limit-spaces": "" if limit is None else ("yes" if limit.spaces else "no"),
            "choice": question.choice, "no-comment": "yes" if question.no_comment else "no",
            "no-comment-reason": question.no_comment_reason})
        for option in question.options:
            etree.SubElement(entry, tag("option")).text = option



def _add_declarations(root, declared: Declared) -> None:
    """The names the member lists show, the statement of whom the response is made on behalf of (and
    where it stands) and the confidentiality statement, as the body shows them: generated text, which
    verify-docx compares with the body as it does the appendix's cells."""
    element = etree.SubElement(root, tag("declarations"), {"behalf-at": declared.behalf_at})
    for name, texts in (("member", declared.members), ("behalf", declared.behalf),
                        ("confidentiality", declared.confidentiality)):
        for text in texts:
            etree.SubElement(element, tag(name)).text = text


def _approvals(decisions: list[SignOff], *also: str) -> list[SignOff]:
    """Each organisation's latest decision when it is an approval (or one of the kinds ``also``: an
    endorsement's decline, on which the response goes out on behalf of the others): what the document's
    proof rests on. Change requests and superseded decisions stay in the project (their notes are the
    partnership's internal business, which an exported document never carries)."""
    latest = set(map(id, latest_by_org(decisions).values()))
    kinds = {APPROVED, *also}
    return [decision for decision in decisions if id(decision) in latest and decision.decision in kinds]


def _signature_attributes(signature: Signature | None) -> dict[str, str]:
    if signature is None:
        return {}
    return {"signed-by": signature.fingerprint, "signature": signature.value}


def _decision(name: str, decision: SignOff, state: str) -> etree._Element:
    """A decision's element (``state``: its signature's state when exported)."""
    element = etree.Element(name, {
        "org": decision.org, "decision": decision.decision, "person": decision.person, "role": decision.role,
        "time": statement_time(decision.time), "sequence": str(decision.sequence), "hash": decision.hash,
        "note": decision.note, "previous": decision.previous,
        **_signature_attributes(decision.signature), "verified": state})
    if decision.named:
        element.set("named", "yes")
    for reservation in decision.reservations:  # signed with the endorsement (core.statements)
        etree.SubElement(element, tag("reservation"), {"section": reservation.section}).text = reservation.text
    return element


# -- reading back (the values only; docx_check judges them) --------------------------------------

class ManifestFormatError(ValueError):
    """The manifest is not as wyassembler writes it; the message says what is wrong."""


def _attribute(element, name: str) -> str:
    value = element.get(name)
    if value is None:
        raise ManifestFormatError(f"a {etree.QName(element).localname} has no {name}")
    return value


def _time(element, name: str = "time") -> datetime:
    text = _attribute(element, name)
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise ManifestFormatError(f"{text!r} is not a time") from None


def _signature(element) -> Signature | None:
    signed_by, value = element.get("signed-by"), element.get("signature")
    if signed_by is None and value is None:
        return None
    return Signature(signed_by or "", value or "")


def read_decision(element) -> SignOff:
    """A sign-off or endorsement as the manifest records it."""
    try:
        sequence = int(_attribute(element, "sequence"))
    except ValueError:
        raise ManifestFormatError("a decision's sequence is not a number") from None
    return SignOff(org=_attribute(element, "org"), decision=_attribute(element, "decision"),
                   person=_attribute(element, "person"), role=_attribute(element, "role"), time=_time(element),
                   hash=_attribute(element, "hash"), note=element.get("note", ""), sequence=sequence,
                   signature=_signature(element), previous=element.get("previous", ""),
                   reservations=tuple(Reservation(entry.text or "", entry.get("section", ""))
                                      for entry in element.iterfind(tag("reservation"))),
                   named=element.get("named") == "yes")


def read_key_event(element) -> KeyEvent:
    """A key event as the manifest records it."""
    return KeyEvent(kind=_attribute(element, "kind"), org=_attribute(element, "org"),
                    person=_attribute(element, "person"), role=element.get("role", ""), time=_time(element),
                    fingerprint=_attribute(element, "fingerprint"), public_key=element.get("public-key", ""),
                    reason=element.get("reason", ""), previous=element.get("previous", ""),
                    signature=_signature(element))


def read_authority(element) -> Authority:
    """An organisation's authority record as the manifest records it."""
    decided = element.get("decided", "")
    try:
        day = date.fromisoformat(decided) if decided else None
    except ValueError:
        raise ManifestFormatError(f"{decided!r} is not a date") from None
    return Authority(org=_attribute(element, "org"), kind=_attribute(element, "kind"),
                     reference=_attribute(element, "reference"), decided=day, person=_attribute(element, "person"),
                     role=element.get("role", ""), time=_time(element), previous=element.get("previous", ""),
                     signature=_signature(element))


def read_question(element) -> Question:
    """A question as the manifest records it."""
    kind, value = element.get("limit", ""), element.get("limit-value", "")
    try:
        limit = Limit(kind, int(value), element.get("limit-spaces") != "no") if kind else None
    except (ValueError, ContentError):
        raise ManifestFormatError(f"question {element.get('number')}'s limit is not a limit") from None
    return Question(id=_attribute(element, "id"), number=_attribute(element, "number"),
                    text=_attribute(element, "text"), limit=limit,
                    options=tuple(option.text or "" for option in element.iterfind(tag("option"))),
                    choice=element.get("choice", ""), no_comment=element.get("no-comment") == "yes",
                    no_comment_reason=element.get("no-comment-reason", ""))


def read_declarations(root) -> Declared | None:
    """What the manifest says the body declares, or None in a manifest written before it said."""
    element = root.find(tag("declarations"))
    if element is None:
        return None
    behalf_at = element.get("behalf-at", "")
    if behalf_at not in (AFTER_MEMBERS, AFTER_TITLE):
        raise ManifestFormatError(f"the statement of whom the response is made on behalf of stands at "
                                  f"{behalf_at!r}, which is not a place the export writes it")

    def texts(name: str) -> list[str]:
        return [entry.text or "" for entry in element.iterfind(tag(name))]

    return Declared(texts("member"), texts("behalf"), behalf_at, texts("confidentiality"))


def read_canonical(text: str) -> list:
    """A section's canonical form from the manifest's JSON text."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise ManifestFormatError("a section's content is not JSON") from None
    if not (isinstance(value, list) and len(value) == 3 and isinstance(value[1], str)
            and isinstance(value[2], list)):
        raise ManifestFormatError("a section's content is not in canonical form")
    return value
