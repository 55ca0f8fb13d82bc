"""Checking a response .docx against the proof it carries, with no project at hand.

:func:`verify_docx` opens the document as hostile input (:func:`.package.open_document`), finds
the manifest part (:mod:`.manifest`) by its root element, parses it without entities or network
and within a size limit, and checks:

- every key event, sign-off and endorsement signature, and each key's state when it signed, with
  the core's own checks (:mod:`.core.keys`, :mod:`.core.verification`) on a project rebuilt from
  the manifest's records: an approval added, moved or altered in the manifest does not verify;
- each section's hash against its canonical content, and the response hash against the sections:
  a hash changed by hand no longer matches;
- that each section is approved as it stands by its owner (and by every organisation that decided
  on it), and each endorsement is of this response, by a valid signature;
- the document's visible text against the manifest's content, section by section, laid out again in
  the order the export used (the outline's, or the consultation's: :mod:`.question_export`): an edit
  made in Word after the export names the section or question it is in.

A public copy's withheld sections (``withheld`` in the manifest) carry only their hashes: they are
checked as far as hashes go (the response hash, which the endorsements sign), their notices are compared
as text, and the summary names them as withheld, not as changed, and says their approvals are checked in
the full copy. A public copy carries no approval of a withheld section (its signature covers a note the
copy leaves out, so it could not be checked): one found in the manifest is damage, and the sign-off
record's row of a withheld section must say no more than that (:func:`.writer.withheld_row`).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from docx.oxml.ns import qn
from lxml import etree

from ..core.authority import authority_verdict
from ..core.confidentiality import Withheld, withheld_sections
from ..core.content import canonical_json, sha256_hex
from ..core.declarations import member_list_lines
from ..core.keys import key_ledger
from ..core.model import Organisation, Project, Revision, Section, SignOff
from ..core.partner_records import DECLINED, ConfidentialityMark
from ..core.public_copy import WITHHELD_HEADING
from ..core.signoff import endorsement_states, latest_by_org, response_hash, section_state
from ..core.statements import ENDORSEMENT, RESPONSE_SUBJECT, SECTION_SIGNOFF
from ..core.verification import VALID, decision_verdict
from .manifest import (NAMESPACE, ManifestFormatError, read_authority, read_canonical, read_decision,
                       read_declarations, read_key_event, read_question, tag)
from .declarations import AFTER_MEMBERS, AFTER_TITLE, Declared, declaration_problems, section_note
from .package import open_document
from .writer import (APPENDIX_HEADER, AUTHORITY_ITEM, UNCARRIED_MEANINGS, WHOLE_RESPONSE_ITEM, authority_row,
                     decision_row, withheld_row)
from .question_export import (BLOCKS, ORDERS, QUESTIONS_APPENDIX_TITLE, outline_layout, public_layout,
                              question_layout)

MAX_MANIFEST_BYTES = 50_000_000
_MARKED = datetime(2000, 1, 1, tzinfo=UTC)  # a rebuilt mark's time: one mark per section, so any time will do
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_SPACE = re.compile(r"\s+")


@dataclass
class DocxVerification:
    """What :func:`verify_docx` found: one line per problem, and a summary when there are none."""

    problems: list[str] = field(default_factory=list)
    summary: str = ""


@dataclass
class _Layout:
    """How the body was laid out: its order, the text of the appendices' cells, and the sections a public
    copy withholds (none in the full copy)."""

    order: str = "outline"
    signoff_table: list[str] = field(default_factory=list)
    question_table: list[str] = field(default_factory=list)
    withheld: dict[str, Withheld] = field(default_factory=dict)
    declared: Declared | None = None  # what the body declares (None: a manifest from before it said)


class _MemberLines:
    """The paragraphs a member list shows: its names and, after the first list only, the statement of whom
    the response is made on behalf of when it stands there (see :mod:`.declarations`)."""

    def __init__(self, names: list[str], after_first: list[str]) -> None:
        self.names = names
        self.after_first = after_first

    def take(self) -> list[str]:
        """The next member list's paragraphs: the statement only follows the first."""
        lines, self.after_first = member_list_lines(self.names) + self.after_first, []
        return lines


@dataclass
class _ManifestSection:
    number: str
    section: Section
    canonical: list  # empty for a withheld section: the public copy carries its hash only
    content_ok: bool
    withheld: bool = False


def verify_docx(path: str | os.PathLike) -> DocxVerification:
    """Check the response at ``path`` against its manifest (see the module's description).
    Raises :class:`.package.PackageError` if it is not a Word document at all."""
    document = open_document(path, "document")
    result = DocxVerification()
    root = _manifest_root(document)
    if root is None:
        result.problems.append("the document carries no wyassembler manifest: it was not exported with its "
                               "proof, or the manifest was removed")
        return result
    if root.getroottree().docinfo.doctype:
        # wyassembler never writes one; entities could make the text say something the bytes do not
        result.problems.append("the manifest is damaged: it declares a document type (entities), which "
                               "wyassembler never writes")
        return result
    try:
        project, sections, layout, recorded_response = _rebuild(root)
    except ManifestFormatError as error:
        result.problems.append(f"the manifest is damaged: {error}")
        return result
    problems = result.problems
    problems.extend(_content_problems(sections))
    if response_hash(project) != recorded_response:
        problems.append("the manifest's response hash does not match its sections (the manifest was edited)")
    approvers = _signature_problems(project, sections, problems)
    problems.extend(_authority_problems(project, layout.signoff_table))
    problems.extend(_withheld_row_problems(sections, layout.signoff_table))
    problems.extend(_record_row_problems(project, sections, layout.signoff_table))
    problems.extend(_text_problems(document, project, sections, layout))
    if layout.declared is not None:  # (a manifest from before the declarations has none to check)
        problems.extend(declaration_problems(project, layout.declared, bool(layout.withheld)))
    elif _calls_for_declarations(project):
        # Dropped with the body's statements, the declarations would go unchecked as if from an older export.
        problems.append("the manifest is damaged: it does not say what the document declares (on whose behalf "
                        "the response is made, what is confidential), though its records call for it")
    if not problems:
        endorsed = _endorsed_line(project)
        shown = len(sections) - len(layout.withheld)
        result.summary = (f"{shown} section(s) as signed{_withheld_line(sections)}; {len(approvers)} "
                          f"organisation(s)' approvals verified{endorsed}{_required_line(project)}."
                          + _anchor(project))
    return result


def _calls_for_declarations(project: Project) -> bool:
    """Whether the manifest's records are of an export that declares itself (issue 18): a decline, a
    reservation or a confidential section, none of which an export from before the declarations carries."""
    return (any(e.decision == DECLINED or e.reservations for e in project.endorsements)
            or any(section.marks for section in project.all_sections()))


def _manifest_root(document):
    """The manifest's root element, or None when the document has none."""
    for part in document.part.package.iter_parts():
        if not str(part.partname).startswith("/customXml/") or len(part.blob) > MAX_MANIFEST_BYTES:
            continue
        if NAMESPACE.encode() not in part.blob[:2000]:
            continue
        try:
            root = etree.fromstring(part.blob, _SAFE_PARSER)
        except etree.XMLSyntaxError:
            continue
        if root.tag == tag("manifest"):
            return root
    return None


def _rebuild(root) -> tuple[Project, list[_ManifestSection], _Layout, str]:
    """A project holding the manifest's records (enough for the core's checks), its sections, the
    body's layout and the recorded response hash."""
    head = root.find(tag("project"))
    if head is None:
        raise ManifestFormatError("it has no project")
    project = Project(id=head.get("id", ""), created=None, title=head.get("title", ""),  # type: ignore[arg-type]
                      subtitle=head.get("subtitle", ""), partnership=head.get("partnership", ""),
                      responds_to=head.get("responds-to", ""), closing_line_template=head.get("closing-line", ""),
                      coordinator=head.get("coordinator") or None)
    project.organisations = [Organisation(e.get("id", ""), e.get("name", ""), e.get("short-name", ""))
                             for e in root.iterfind(tag("organisation"))]
    sections: list[_ManifestSection] = []
    parents: list[Section] = []
    for element in root.iterfind(tag("section")):
        withheld = element.get("withheld") == "yes"
        # The public copy's neutral heading stands in for one it does not carry (an answer's part is told
        # apart from the section mapped to the question by having a heading: core.answers).
        heading = WITHHELD_HEADING if withheld else element.findtext(tag("heading")) or ""
        # A withheld section's hash stands alone: what it covers is not in the public copy.
        canonical = [] if withheld else read_canonical(element.findtext(tag("content")) or "")
        recorded = element.get("hash", "")
        revision = Revision("manifest", None, "", "", None, heading, None, recorded)  # type: ignore[arg-type]
        decisions = list(element.iterfind(tag("signoff")))
        if withheld and decisions:  # it could not be checked here, so the public copy must not claim it
            raise ManifestFormatError(f"section {element.get('number')} is withheld, but the manifest carries an "
                                      "approval of it (a public copy carries none: they are checked in the full copy)")
        section = Section(element.get("id", ""), element.get("owner", ""), [revision],
                          signoffs=[read_decision(e) for e in decisions], answers=element.get("answers", "").split())
        reason = element.get("confidential")
        if reason is not None:  # the response hash covers which sections are confidential, and why
            section.marks.append(ConfidentialityMark(True, reason, section.owner, "", "", _MARKED))
        try:
            level = int(element.get("level", "1"))
        except ValueError:
            raise ManifestFormatError("a section's level is not a number") from None
        if not 1 <= level <= len(parents) + 1:
            raise ManifestFormatError(f"section {element.get('number')} is at level {level} with no parent")
        del parents[level - 1:]
        (parents[-1].children if parents else project.sections).append(section)
        parents.append(section)
        ok = withheld or (sha256_hex(canonical_json(canonical)) == recorded and canonical[1] == heading)
        sections.append(_ManifestSection(element.get("number", ""), section, canonical, ok, withheld))
    project.endorsers = _required_endorsers(root, project)
    project.endorsements = [read_decision(e) for e in root.iterfind(tag("endorsement"))]
    project.key_events = [read_key_event(e) for e in root.iterfind(tag("key-event"))]
    project.authorities = [read_authority(e) for e in root.iterfind(tag("authority"))]
    layout = _Layout(_questions(root, project), _cells(root, "appendix"), _cells(root, "question-table"),
                     _withheld(project, sections))
    layout.declared = read_declarations(root)
    return project, sections, layout, head.get("response-hash", "")


def _withheld(project: Project, sections: list[_ManifestSection]) -> dict[str, Withheld]:
    """The sections a public copy withholds, which must be exactly those its confidential marks withhold
    (none in a full copy)."""
    flagged = {entry.section.id for entry in sections if entry.withheld}
    if not flagged:
        return {}
    withheld = withheld_sections(project)
    if set(withheld) != flagged:
        raise ManifestFormatError("the sections it withholds are not those marked confidential")
    return withheld


def _withheld_line(sections: list[_ManifestSection]) -> str:
    numbers = [entry.number for entry in sections if entry.withheld]
    if not numbers:
        return ""
    listed = ", ".join(numbers)
    return (f", {len(numbers)} withheld from this public copy (section(s) {listed}: hashes only; the approvals "
            f"of withheld {_sections_phrase(numbers)} are checked in the full copy)")


def _sections_phrase(numbers: list[str]) -> str:
    """'section 2', 'sections 2 and 5', 'sections 2, 5 and 7': the numbers as a sentence says them."""
    if len(numbers) == 1:
        return f"section {numbers[0]}"
    return f"sections {', '.join(numbers[:-1])} and {numbers[-1]}"


def _cells(root, name: str) -> list[str]:
    return [cell.text or "" for cell in root.iterfind(f"{tag(name)}/{tag('cell')}")]


def _questions(root, project: Project) -> str:
    """Put the manifest's questions into ``project``; the order the body was laid out in."""
    element = root.find(tag("questions"))
    if element is None:
        return "outline"
    project.questions = [read_question(entry) for entry in element.iterfind(tag("question"))]
    order = element.get("order", "")
    if order not in ORDERS:
        raise ManifestFormatError(f"the order {order!r} is not one the export writes")
    return order


def _required_endorsers(root, project: Project) -> list[str]:
    """The organisations the manifest says must endorse. The list itself is not signed, so each entry
    must name one of the manifest's organisations by its full name (the names are part of the response
    hash every endorsement signs), and the summary says who was required."""
    element = root.find(tag("endorsers"))
    if element is None:
        raise ManifestFormatError("it does not say which organisations must endorse the response")
    names = {org.id: org.name for org in project.organisations}
    required = []
    for entry in element.iterfind(tag("endorser")):
        org = entry.get("org", "")
        if names.get(org) != entry.get("name"):
            raise ManifestFormatError(f"the endorser {org!r} is not one of its organisations by that name")
        required.append(org)
    return required


def _name(entry: _ManifestSection) -> str:
    if entry.withheld:
        return f"section {entry.number} (withheld)"
    return f"section {entry.number} \u2018{entry.section.heading}\u2019"


def _content_problems(sections: list[_ManifestSection]) -> list[str]:
    return [f"{_name(entry)}: the manifest's hash does not match its content (the manifest was edited)"
            for entry in sections if not entry.content_ok]


def _decision_line(project: Project, decision: SignOff, word: str) -> str:
    return f"the {word} by {decision.person} ({project.org_label(decision.org)}) at {decision.time:%d %b %Y %H:%M} UTC"


def _signature_problems(project: Project, sections: list[_ManifestSection], problems: list[str]) -> set[str]:
    """Append a line per signature, key or approval problem; return the organisations with a verified,
    current approval of a section shown in this copy. Endorsements are reported on their own ("endorsed
    by"), and a withheld section's approvals are not in a public copy, so neither counts here."""
    ledger = key_ledger(project)
    problems.extend(f"keys: the {event.kind} of key {event.fingerprint} by {event.person} "
                    f"({project.org_label(event.org)}): {reason}" for event, reason in ledger.problems)
    approvers: set[str] = set()
    for entry in sections:
        if entry.withheld:
            continue  # its approvals are not in a public copy; the endorsements sign its hash
        section = entry.section
        where = _name(entry)
        _check_decisions(project, section.signoffs, SECTION_SIGNOFF, section.id, where, ledger, problems)
        latest = latest_by_org(section.signoffs)
        if section.owner not in latest:
            problems.append(f"{where} is not approved by its owner {project.org_label(section.owner)}")
        for org, decision in latest.items():
            if decision.decision != "approved":
                problems.append(f"{where}: {project.org_label(org)} requested changes")
            elif decision.hash != section.hash:
                problems.append(f"{where} differs from what {project.org_label(org)} approved")
            elif decision_verdict(project, decision, SECTION_SIGNOFF, section.id, ledger).state == VALID:
                approvers.add(org)
    current = response_hash(project)
    _check_decisions(project, project.endorsements, ENDORSEMENT, RESPONSE_SUBJECT, "the response", ledger, problems)
    for org, decision in latest_by_org(project.endorsements).items():
        if decision.decision == DECLINED:
            continue  # a decline stands whatever the text (its signature is checked above)
        if decision.decision != "approved":
            problems.append(f"the response: {project.org_label(org)} withheld its endorsement")
        elif decision.hash != current:
            problems.append(f"the response differs from what {project.org_label(org)} endorsed")
    # an organisation with no endorsement at all (one withheld, stale or badly signed is named above)
    problems.extend(f"{project.organisation(org).name} has not endorsed this response"
                    for org in project.required_endorsers() if org not in latest_by_org(project.endorsements))
    return approvers


def _check_decisions(project: Project, decisions: list[SignOff], kind: str, subject: str, where: str, ledger,
                     problems: list[str]) -> None:
    # The manifest carries each organisation's latest approval only (the records before it stay in
    # the project, whose 'verify' checks the links between them): every one must verify.
    for decision in decisions:
        verdict = decision_verdict(project, decision, kind, subject, ledger)
        if verdict.state != VALID:
            # a decline is a record of its own, not an endorsement (as status and signoff call it)
            word = ("approval" if kind == SECTION_SIGNOFF else "decline" if decision.decision == DECLINED
                    else "endorsement")
            problems.append(f"{where}: {_decision_line(project, decision, word)}: {verdict.reason}")


def _authority_problems(project: Project, appendix: list[str]) -> list[str]:
    """A line per authority record the manifest carries whose signature is not valid, and one if the
    sign-off record's authority lines are not those the records make (edited in the body and manifest alike)."""
    ledger = key_ledger(project)
    problems, expected = [], []
    for authority in project.authorities:
        verdict = authority_verdict(project, authority, ledger)
        if verdict.state != VALID:
            problems.append(f"authority: the record by {authority.person} ({project.org_label(authority.org)}) "
                            f"at {authority.time:%d %b %Y %H:%M} UTC: {verdict.reason}")
        expected.append(authority_row(project, authority, verdict.state))
    width = len(APPENDIX_HEADER)
    shown = [appendix[start:start + width] for start in range(width, len(appendix), width)
             if appendix[start] == AUTHORITY_ITEM]
    if appendix and sorted(shown) != sorted(expected):
        problems.append("the sign-off record's authority lines are not those the signed authority records in the "
                        "manifest make (the document or its manifest was edited)")
    return problems


def _withheld_row_problems(sections: list[_ManifestSection], appendix: list[str]) -> list[str]:
    """A line if the sign-off record's rows of withheld sections are not each one row saying its approvals
    are in the full copy (:func:`.writer.withheld_row`): rows claiming approvals a public copy cannot prove."""
    numbers = [entry.number for entry in sections if entry.withheld]
    if not appendix or not numbers:
        return []
    width = len(APPENDIX_HEADER)
    shown = [appendix[start:start + width] for start in range(width, len(appendix), width)
             if appendix[start].split(" ", 1)[0] in numbers]
    if shown != [withheld_row(number) for number in numbers]:
        return ["the sign-off record's rows of withheld sections claim approvals this public copy does not carry "
                "(the document or its manifest was edited)"]
    return []


def _record_row_problems(project: Project, sections: list[_ManifestSection], appendix: list[str]) -> list[str]:
    """A line if the sign-off record's rows of approvals, endorsements and declines are not those the records
    the manifest carries make (:func:`.writer.decision_row`): a row naming another person, time or meaning, or
    claiming a record the manifest does not carry, still saying "Verified". Rows of decisions it does not carry
    (awaited, changes requested) are not checked: nothing in the manifest speaks for or against them."""
    if not appendix:
        return []
    ledger = key_ledger(project)
    expected = []
    for entry in sections:
        if entry.withheld:
            continue  # its one row: _withheld_row_problems
        item = f"{entry.number} {entry.section.heading}"
        for org, record in latest_by_org(entry.section.signoffs).items():
            verdict = decision_verdict(project, record, SECTION_SIGNOFF, entry.section.id, ledger).state
            expected.append(decision_row(project, item, org, record, section_state(entry.section, org), verdict))
    states = endorsement_states(project)
    for org, record in latest_by_org(project.endorsements).items():
        verdict = decision_verdict(project, record, ENDORSEMENT, RESPONSE_SUBJECT, ledger).state
        expected.append(decision_row(project, WHOLE_RESPONSE_ITEM, org, record, states[org], verdict))
    width = len(APPENDIX_HEADER)
    withheld = {entry.number for entry in sections if entry.withheld}
    shown = [row for row in (appendix[start:start + width] for start in range(width, len(appendix), width))
             if row[0] != AUTHORITY_ITEM and row[0].split(" ", 1)[0] not in withheld
             and row[3] not in UNCARRIED_MEANINGS]
    if sorted(shown) != sorted(expected):
        return ["the sign-off record's rows of approvals and endorsements are not those the signed records in the "
                "manifest make (the document or its manifest was edited)"]
    return []


def _endorsed_line(project: Project) -> str:
    """Who endorses (naming those with reservations) and who declined, as the manifest's records say."""
    latest = latest_by_org(project.endorsements)
    decisions = [(org.id, latest[org.id]) for org in project.organisations if org.id in latest]
    endorsers = [project.org_label(org) + (" (with reservations)" if decision.reservations else "")
                 for org, decision in decisions if decision.decision != DECLINED]
    decliners = [project.org_label(org) for org, decision in decisions if decision.decision == DECLINED]
    line = f"; endorsed by {', '.join(endorsers)}" if endorsers else "; not endorsed"
    return line + (f"; declined by {', '.join(decliners)}" if decliners else "")


def _required_line(project: Project) -> str:
    """Who the manifest says had to endorse, for the reader to check (the list is not signed)."""
    required = set(project.required_endorsers())
    if len(required) == len(project.organisations):
        return "; every organisation's endorsement was required"
    left_out = [org.label() for org in project.organisations if org.id not in required]
    return f"; endorsement was not required of {', '.join(left_out)}"


def _anchor(project: Project) -> str:
    """The coordinator's first key, which every other key's confirmation leads back to: a recipient
    compares it with the one the coordinator gives them (the manifest could be wholly re-signed
    with keys of someone else's making, and only this comparison tells)."""
    ledger = key_ledger(project)
    first = next((record for record in ledger.keys.values() if record.org == project.coordinator
                  and record.confirmed is not None), None)
    if first is None:
        return ""
    return (f" The keys are confirmed by the coordinator {project.org_label(first.org)}'s key "
            f"{first.fingerprint}: check that fingerprint with them.")


# -- the visible text -----------------------------------------------------------------------------

def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _span_text(spans: list) -> str:
    return "".join(span[0] for span in spans if isinstance(span, list) and span and isinstance(span[0], str))


def _block_texts(block: list, members: _MemberLines) -> list[str]:
    """The paragraphs the export writes for one canonical block, as text."""
    kind = block[0] if block else None
    if kind == "p":
        return [_span_text(block[1])]
    if kind == "li":
        return [_span_text(block[3])]
    if kind == "table":
        return [_span_text(cell) for row in [block[1], *block[2]] for cell in row]
    if kind == "members":
        return members.take()
    raise ManifestFormatError(f"a block of kind {kind!r} is not part of the content model")


def _expected(project: Project, sections: list[_ManifestSection], layout: _Layout) -> list[tuple[str, str]]:
    """(where, text) of every non-empty paragraph the export wrote, in order."""
    declared = layout.declared or Declared([org.name for org in project.organisations])
    behalf = [("the statement of whom the response is made on behalf of", text) for text in declared.behalf]
    members = _MemberLines(declared.members, [text for _, text in behalf] if declared.behalf_at == AFTER_MEMBERS
                           else [])
    expected = [("the title", project.title), ("the subtitle", project.subtitle)]
    if declared.behalf_at == AFTER_TITLE:
        expected.extend(behalf)
    if layout.order == "questions" or layout.withheld:
        expected.extend(_expected_in_layout(project, sections, members, layout))
    else:
        for entry in sections:
            expected.append((_name(entry), entry.canonical[1]))
            expected.extend((_name(entry), text) for text in section_note(project, entry.section, public=False))
            for block in entry.canonical[2]:
                expected.extend((_name(entry), text) for text in _block_texts(block, members))
    expected.append(("the closing line", project.closing_line))
    expected.extend(("the confidentiality statement", text) for text in declared.confidentiality)
    if layout.question_table:
        expected.append(("the table of questions", QUESTIONS_APPENDIX_TITLE))
        expected.extend(("the table of questions", text) for text in layout.question_table)
    if layout.signoff_table:
        expected.append(("the sign-off record", "Sign-off record"))
        expected.extend(("the sign-off record", text) for text in layout.signoff_table)
    return [(where, _normal(text)) for where, text in expected if _normal(text)]


def _expected_in_layout(project: Project, sections: list[_ManifestSection], members: _MemberLines,
                        layout: _Layout) -> list[tuple[str, str]]:
    """The body's paragraphs as the export lays them out in the consultation's order, or a public copy's
    in either order (:func:`.question_export.public_layout`)."""
    by_section = {id(entry.section): entry for entry in sections}
    withheld = layout.withheld
    if layout.order == "questions":
        items = question_layout(project, lambda section: section.id in withheld
                                or bool(by_section[id(section)].canonical[2]))
    else:
        items = outline_layout(project)
    expected: list[tuple[str, str]] = []
    for item in public_layout(items, withheld) if withheld else items:
        entry = by_section[id(item.section)] if item.section is not None else None
        where = _name(entry) if entry is not None else item.question.label() if item.question else "the body"
        if item.kind == BLOCKS and entry is not None:
            expected.extend((where, text) for text in section_note(project, entry.section, bool(withheld)))
            expected.extend((where, text) for block in entry.canonical[2] for text in _block_texts(block, members))
        else:
            expected.append((where, item.text))
    return expected


def _visible(document) -> list[str]:
    """The text of every non-empty paragraph of the body (tables' cells included), in order."""
    texts = []
    for paragraph in document.element.body.iter(qn("w:p")):
        pieces = []
        for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
            pieces.append(node.text or "" if node.tag == qn("w:t") else " ")
        text = _normal("".join(pieces))
        if text:
            texts.append(text)
    return texts


def _text_problems(document, project: Project, sections: list[_ManifestSection], layout: _Layout) -> list[str]:
    try:
        expected = _expected(project, sections, layout)
    except (ManifestFormatError, IndexError, TypeError) as error:
        return [f"the manifest is damaged: a section's content cannot be read ({error})"]
    actual = _visible(document)
    matcher = difflib.SequenceMatcher(None, [text for _, text in expected], actual, autojunk=False)
    changed: list[str] = []
    for operation, start, end, _, _ in matcher.get_opcodes():
        if operation == "equal":
            continue
        places = [where for where, _ in expected[start:end]] or [expected[min(start, len(expected)) - 1][0]
                                                                  if start else "the title"]
        for where in places:
            if where not in changed:
                changed.append(where)
    return [f"{where} differs from what was signed (the document was edited after export)" for where in changed]
