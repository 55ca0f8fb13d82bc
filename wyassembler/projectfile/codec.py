"""Project <-> the bytes of a .wyproj file.

Writing is deterministic: the same project always gives the same bytes, with
elements in a fixed order and one element per line outside inline text.
Reading treats every file as possibly hostile: size limit, no DTD, no
entities, no network, schema validation, then reference checks, each failure
a one-line :class:`ProjectFileError`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from ..core.collector import collector_held_off
from ..core.content import clean_heading, content_hash, renormalize
from ..core.errors import WyassemblerError
from ..core.lists import DEFAULT_LEVEL_FORMATS
from ..resource_files import resource_bytes
from ..core.integrity import note_hash_checked, reference_problems
from ..core.model import (Assignment, ConflictCopy, Organisation, Project, Resolution,
                          Restore, Revision, Section, SignOff, Tombstone)
from .content_xml import INLINE_HOLDERS, NS, fill_content, read_content
from .elements import attr, first_child, format_time, qualified as _q, sub_element as _sub, time_attr
from .errors import NewerFormatError, ProjectFileError
from .git_work_tree import line_merge_problem
from .foreign import ForeignElements, keep_on, kept_on, put_back, set_aside, version_key
from .history_xml import read_history, write_history
from .partner_xml import (ENDORSEMENT, MARK, add_reservations, read_authorities, read_endorsement, read_mark,
                          read_settings, record_problems, setting_problem, uses_format_1_6, write_authorities,
                          write_marks, write_settings)
from .questions_xml import read_answers, read_questions, write_answers, write_questions
from .review_xml import REVIEW_TAGS, SectionReview, review_problems, uses_format_1_7, write_review
from .schema_messages import schema_problem
from .signed_xml import (assignment_attributes, keys_element, policy_attributes, read_assignment,
                         read_coordinator_change, read_key_event, read_policy, read_signature, read_signoff,
                         signature_attributes, signoff_element)

if TYPE_CHECKING:  # reading several versions at once builds on this module
    from .versions import KnownRecords

FORMAT_MAJOR = 1
FORMAT_VERSION = "1.7"
# Each file says the oldest version that holds what it uses, so files that use nothing newer stay byte
# for byte what earlier versions wrote and read: 1.1 added conflict copies, resolutions and tombstones'
# earlier revisions; 1.2 the sequence of sign-offs and endorsements, and restore records; 1.3 line
# breaks and tabs in text, list start numbers, tables without a header row and list number formats; 1.4
# signatures and previous-record hashes on decisions, key events, the requirement of signatures and the
# hash-linked history of saves; 1.5 the consultation's questions and the questions each section answers;
# 1.6 reservations and declines, authority records, confidentiality marks and the settings for dissent;
# 1.7 reviewers' comments, their resolved and reopened records, proposals and the decisions on them.
FORMAT_VERSION_1_6 = "1.6"
FORMAT_VERSION_1_5 = "1.5"
FORMAT_VERSION_1_4 = "1.4"
FORMAT_VERSION_1_3 = "1.3"
FORMAT_VERSION_1_2 = "1.2"
FORMAT_VERSION_1_1 = "1.1"
FORMAT_VERSION_BASE = "1.0"
MAX_FILE_BYTES = 100_000_000  # "100 MB", as the documentation and the messages say


def too_big_message(size: int, limit: int = MAX_FILE_BYTES) -> str:
    """ "is 120.5 MB, over the 100 MB a project may be", in the units the documentation uses."""
    return f"is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB a project may be"


# -- writing -------------------------------------------------------------

def _revision_element(parent: etree._Element, revision: Revision) -> None:
    attrs = {"id": revision.id}
    if revision.parent:
        attrs["parent"] = revision.parent
    attrs.update(org=revision.org, person=revision.person, time=format_time(revision.time),
                 hash=revision.hash)
    element = _sub(parent, "revision", **attrs)
    _sub(element, "heading", revision.heading)
    if revision.blocks is not None:
        fill_content(_sub(element, "content"), revision.blocks)


def _restores_element(parent: etree._Element, restores: list[Restore]) -> None:
    element = _sub(parent, "restores")
    for restore in restores:
        attrs = {"org": restore.org, "person": restore.person, "time": format_time(restore.time),
                 "version": restore.version, "version-hash": restore.version_hash}
        if restore.replaced_hash:
            attrs["replaced-hash"] = restore.replaced_hash
        if restore.revisions:
            attrs["revisions"] = " ".join(restore.revisions)
        _sub(element, "restore", **attrs)


def _restore(element: etree._Element) -> Restore:
    return Restore(attr(element, "org"), attr(element, "person"), time_attr(element),
                   attr(element, "version"), attr(element, "version-hash"), element.get("replaced-hash", ""),
                   tuple(element.get("revisions", "").split()))


def _section_element(parent: etree._Element, section: Section) -> None:
    element = _sub(parent, "section", id=section.id, owner=section.owner)
    for org in section.contributors:
        _sub(element, "contributor", org=org)
    for revision in section.revisions:
        _revision_element(element, revision)
    for signoff in section.signoffs:
        signoff_element(element, "signoff", signoff)
    for copy in section.conflicts:
        attrs = {"revision": copy.id}
        if copy.base:
            attrs["base"] = copy.base
        _sub(element, "conflict", **attrs)
    for resolution in section.resolutions:
        attrs = {"revision": resolution.revision, "org": resolution.org, "person": resolution.person,
                 "time": format_time(resolution.time), "outcome": resolution.outcome}
        signature_attributes(attrs, resolution.signature)
        _sub(element, "resolved", **attrs)
    for assignment in section.assignments:
        _sub(element, "assigned", **assignment_attributes(assignment))
    write_answers(element, section.answers, _sub)
    write_marks(element, section.marks)
    write_review(element, section)
    for child in section.children:
        _section_element(element, child)


_NOT_INDENTED = INLINE_HOLDERS | {ENDORSEMENT}


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent structural elements only; inline text, and an endorsement's note, keep their whitespace exactly."""
    if len(element) == 0 or element.tag in _NOT_INDENTED:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        if len(child) and child.tag not in _NOT_INDENTED:  # most children are paragraphs or empty: no call
            _indent(child, level + 1)
        child.tail = inner
    child.tail = "\n" + "  " * level


# Anything in a written tree that only format 1.3 holds (checked on the tree, where lxml finds it in C,
# rather than on every span of every revision).
_USES_1_3 = etree.XPath(
    "boolean(.//w:br | .//w:tab | .//w:li[@start] | .//w:table[not(w:header)] | w:properties/w:list-numbering)",
    namespaces={"w": NS})


def format_version(project: Project, root: etree._Element | None = None) -> str:
    """The oldest format that holds everything in ``project`` (written as ``root``, if given)."""
    sections = project.all_sections()
    if uses_format_1_7(project):
        return FORMAT_VERSION
    if uses_format_1_6(project):
        return FORMAT_VERSION_1_6
    if project.questions or any(section.answers for section in sections):
        return FORMAT_VERSION_1_5
    if project.require_signatures or project.key_events or project.history or project.coordinator_changes or \
            project.signature_policies or any(
            section.assignments for section in sections) or any(
            decision.signature or decision.previous for decision in project.endorsements) or any(
            decision.signature or decision.previous for section in sections for decision in section.signoffs) or any(
            resolution.signature for section in sections for resolution in section.resolutions):
        return FORMAT_VERSION_1_4
    if root is not None and _USES_1_3(root):
        return FORMAT_VERSION_1_3
    if project.restores or any(decision.sequence for decision in project.endorsements) or any(
            decision.sequence for section in sections for decision in section.signoffs):
        return FORMAT_VERSION_1_2
    if any(tomb.known_revisions for tomb in project.tombstones):
        return FORMAT_VERSION_1_1
    if any(section.conflicts or section.resolutions for section in sections):
        return FORMAT_VERSION_1_1
    return FORMAT_VERSION_BASE


def to_element(project: Project) -> etree._Element:
    """The project as an XML element tree."""
    root = etree.Element(_q("project"), {"format": "", "id": project.id,
                                         "created": format_time(project.created)},
                         nsmap={None: NS})  # type: ignore[dict-item]  # lxml-stubs omit the default namespace's None
    props = _sub(root, "properties")
    _sub(props, "title", project.title)
    _sub(props, "subtitle", project.subtitle)
    _sub(props, "partnership", project.partnership)
    _sub(props, "responds-to", project.responds_to)
    if project.deadline is not None:
        _sub(props, "deadline", project.deadline.isoformat())
    if project.closing_line_template is not None:
        _sub(props, "closing-line", project.closing_line_template)
    if project.coordinator is not None:
        _sub(props, "coordinator", org=project.coordinator)
    if project.endorsers is None:
        _sub(props, "endorsers", all="true")
    else:
        endorsers = _sub(props, "endorsers")
        for org in project.endorsers:
            _sub(endorsers, "endorser", org=org)
    if project.list_formats != DEFAULT_LEVEL_FORMATS:
        _sub(props, "list-numbering", levels=" ".join(project.list_formats))
    if project.require_signatures:
        _sub(props, "require-signatures")
    write_settings(props, project)
    orgs = _sub(root, "organisations")
    for organisation in project.organisations:
        _sub(orgs, "organisation", id=organisation.id, **{"short-name": organisation.short_name},
             name=organisation.name, lead=organisation.lead_name, email=organisation.lead_email)
    write_questions(root, project.questions, _sub)
    outline = _sub(root, "outline")
    for section in project.sections:
        _section_element(outline, section)
    endorsements = _sub(root, "endorsements")
    for endorsement in project.endorsements:
        add_reservations(signoff_element(endorsements, "endorsement", endorsement), endorsement.reservations)
    deleted = _sub(root, "deleted")
    for tomb in project.tombstones:
        attrs = {"section": tomb.section_id, "org": tomb.org, "person": tomb.person,
                 "time": format_time(tomb.time), "revision": tomb.last_revision}
        if tomb.known_revisions:
            attrs["earlier"] = " ".join(tomb.known_revisions)
        _sub(deleted, "tombstone", **attrs)
    if project.restores:
        _restores_element(root, project.restores)
    if project.key_events:
        keys_element(root, project.key_events)
    write_history(root, project.history)
    if project.coordinator_changes:
        changes = _sub(root, "coordinators")
        for change in project.coordinator_changes:
            _sub(changes, "coordinator-change", **assignment_attributes(change))
    if project.signature_policies:
        policies = _sub(root, "signature-policy")
        for policy in project.signature_policies:
            _sub(policies, "requirement", **policy_attributes(policy))
    write_authorities(root, project.authorities)
    root.set("format", format_version(project, root))
    _indent(root)
    foreign = kept_on(project)
    if foreign is not None:  # read from a newer minor format: its elements go back, and it stays that version
        put_back(root, foreign)
        if version_key(foreign.version) > version_key(attr(root, "format")):
            root.set("format", foreign.version)
    return root


def to_bytes(project: Project) -> bytes:
    """The bytes of the project file: UTF-8, declared, ending in a newline."""
    root = to_element(project)
    if threading.current_thread() is threading.main_thread():  # no other thread waits for its turn: at once
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
    return b"".join(_written_in_pieces(root) + [b"\n"])  # one copy of the whole: see below


_SPLICE = "wy-splice"  # a stand-in for the outline's sections while the rest of the file is written


def _written_in_pieces(root: etree._Element) -> list[bytes]:
    """What ``etree.tostring(root)`` writes, one top-level section at a time, as pieces to join: lxml holds
    the GIL while it writes a tree, and while it frees one, which for a 5,000-section file stalled the
    window for 100 ms at a stretch when a worker thread saved; between pieces the UI thread gets its turn.
    Same bytes: each section is written by the same serialiser, without the namespace its stand-alone copy
    declares. The caller joins them once: each join of a 23 MB file holds the GIL 10-20 ms (a copy, and
    the memory it takes), and adding the parts one to another made three or four."""
    whole = lambda: etree.tostring(root, xml_declaration=True, encoding="UTF-8")  # noqa: E731
    outline = root.find(_q("outline"))
    if outline is None or len(outline) == 0:
        return [whole()]
    own_declaration = f' xmlns="{NS}"'.encode()
    pieces = []
    for section in outline:
        written = etree.tostring(section, encoding="UTF-8", xml_declaration=False, with_tail=False)
        if own_declaration not in written[:written.index(b">")]:
            return [whole()]  # not what this relies on: write it at once, as before
        pieces += [written.replace(own_declaration, b"", 1), (section.tail or "").encode("utf-8")]
    last_tail = pieces.pop().decode("utf-8")  # it closes the outline
    while len(outline):
        outline.remove(outline[0])  # freed a section at a time rather than with the whole tree
    splice = etree.SubElement(outline, _q(_SPLICE))
    splice.tail = last_tail
    before, after = whole().split(f"<{_SPLICE}/>".encode(), 1)
    return [before, *pieces, after]


# -- reading -------------------------------------------------------------

@lru_cache(maxsize=1)
def _schema_source() -> bytes:
    return resource_bytes("schema", "wyproj.rng")


_per_thread = threading.local()


def schema() -> etree.RelaxNG:
    """The RELAX NG schema shipped with the package: one validator per thread (a few milliseconds to make),
    as files are read on several at once (the app's workers, git's merge driver) and a validator's error
    log, which says what is wrong with a file, is the validator's own."""
    validator = getattr(_per_thread, "schema", None)
    if validator is None:
        validator = _per_thread.schema = etree.RelaxNG(etree.fromstring(_schema_source(), _safe_parser()))
    return validator


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse_bytes(data: bytes, limit: int = MAX_FILE_BYTES) -> etree._Element:
    """Parse untrusted bytes as a project file's XML, refusing anything a project file never holds."""
    if not data or data.isspace():  # not data.strip(): a copy of the whole file, under the GIL
        raise ProjectFileError("the file is empty")
    if len(data) > limit:
        raise ProjectFileError(f"the file {too_big_message(len(data), limit)}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:1024]:
        raise ProjectFileError("not a wyassembler project: the file is not UTF-8 text")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ProjectFileError("refused: the file declares a DTD or entities, which project files never contain")
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as error:
        merged_by_lines = line_merge_problem(data)
        if merged_by_lines is not None:
            raise ProjectFileError(f"not a readable project file: {merged_by_lines}") from None
        line = getattr(error, "lineno", None)
        where = f" at line {line}" if line else ""
        raise ProjectFileError(f"not a readable project file: XML error{where}: {_first_message(error)}") from None
    if root.getroottree().docinfo.internalDTD is not None:  # belt and braces with the byte check
        raise ProjectFileError("refused: the file declares a DTD, which project files never contain")
    declared = (root.getroottree().docinfo.encoding or "UTF-8").upper().replace("_", "-")
    if declared not in ("UTF-8", "UTF8"):
        raise ProjectFileError(f"not a wyassembler project: the file declares the encoding {declared}; "
                               f"project files are UTF-8 text")
    return root


def _first_message(error: etree.XMLSyntaxError) -> str:
    message = str(error.msg if hasattr(error, "msg") else error).strip()
    return message.split(", line ")[0].rstrip(".")


def _check_root(root: etree._Element) -> None:
    if root.tag != _q("project"):
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise ProjectFileError(f"not a wyassembler project: the document is <{name}>, "
                               f"not <project> in the project namespace")
    version = root.get("format", "")
    major = version.split(".")[0]
    if not major.isdecimal():
        raise ProjectFileError(f"not a readable project file: format version {version!r} is not a version number")
    if int(major) > FORMAT_MAJOR:
        raise NewerFormatError(
            f"this project was saved in format {version} by a newer wyassembler; this version reads "
            f"format {FORMAT_MAJOR}.x only: please update wyassembler", version)


def validate(root: etree._Element) -> ForeignElements | None:
    """Raise :class:`ProjectFileError` naming the first schema error and its line.

    A newer minor version's unknown optional elements are first set aside (:mod:`.foreign`) and
    returned, to be kept on the project; anything else this version cannot read in a newer file
    raises :class:`NewerFormatError` naming the version."""
    _check_root(root)
    foreign = set_aside(root)
    rng = schema()
    if rng.validate(root):
        return foreign
    line, message = setting_problem(root) or schema_problem(list(rng.error_log), root)  # what is wrong
    version = root.get("format", "")
    if version_key(version) > version_key(FORMAT_VERSION):
        raise NewerFormatError(
            f"this project was saved in format {version} by a newer wyassembler and holds something this "
            f"version ({FORMAT_VERSION}) cannot read (line {line}: {message}): please update wyassembler",
            version)
    raise ProjectFileError(f"not a valid project file: line {line}: {message}")


def _text(element: etree._Element | None) -> str:
    return element.text or "" if element is not None else ""


@dataclass
class LoadReport:
    """What reading found that is wrong but does not stop the project from opening."""

    problems: list[str] = field(default_factory=list)


def _section(element: etree._Element, report: LoadReport, known: KnownRecords | None = None) -> Section:
    section_id = attr(element, "id")
    contributors: list[str] = []
    revisions: list[Revision] = []
    signoffs: list[SignOff] = []
    children: list[Section] = []
    conflicts: list[ConflictCopy] = []
    resolutions: list[Resolution] = []
    assignments: list[Assignment] = []
    answers: list[str] = []
    marks = []
    review = SectionReview(section_id)
    for item in element:
        tag = item.tag
        if tag == _q("revision"):
            read = known.revision if known else read_revision
            revisions.append(read(item, section_id, report))
        elif tag == _q("signoff"):
            signoffs.append(known.signoff(item) if known else read_signoff(item))
        elif tag == _q("contributor"):
            contributors.append(attr(item, "org"))
        elif tag == _q("section"):
            children.append(_section(item, report, known))
        elif tag == _q("conflict"):
            conflicts.append(_conflict(item, revisions, section_id))
        elif tag == _q("resolved"):
            resolutions.append(Resolution(attr(item, "revision"), attr(item, "org"), attr(item, "person"),
                                          time_attr(item), attr(item, "outcome"), read_signature(item)))
        elif tag == _q("assigned"):
            assignments.append(read_assignment(item))
        elif tag == _q("answers"):
            answers = read_answers(item)
        elif tag == MARK:
            marks.append(read_mark(item))
        elif tag in REVIEW_TAGS:
            review.read(item)
    if revisions[-1].blocks is None:
        raise ProjectFileError(f"not a sound project file: section {section_id} has lost its current content "
                               f"(line {element.sourceline})")
    return Section(section_id, attr(element, "owner"), revisions, contributors, signoffs, children,
                   conflicts, resolutions, assignments, answers, marks, review.comments, review.comment_states,
                   review.proposals, review.proposal_decisions)


def _conflict(element: etree._Element, revisions: list[Revision], section_id: str) -> ConflictCopy:
    wanted = element.get("revision")
    revision = next((r for r in revisions if r.id == wanted), None)
    where = f"section {section_id} (line {element.sourceline})"
    if revision is None:
        raise ProjectFileError(f"not a sound project file: {where} has a conflict copy of revision {wanted}, "
                               f"which is not in its history")
    if revision.blocks is None:
        raise ProjectFileError(f"not a sound project file: {where} has lost the content of conflict copy {wanted}")
    return ConflictCopy(revision, element.get("base"))


def read_revision(element: etree._Element, section_id: str, report: LoadReport) -> Revision:
    """One revision as stored, its content checked against its hash (a mismatch goes in ``report``, and
    the content is normalised and hashed anew, so approvals of the old text go stale)."""
    heading = _text(element.find(_q("heading")))
    content = element.find(_q("content"))
    blocks = read_content(content) if content is not None else None
    stored = attr(element, "hash")
    revision = Revision(attr(element, "id"), element.get("parent"), attr(element, "org"), attr(element, "person"),
                        time_attr(element), heading, blocks, stored)
    computed = revision.computed_hash()
    if blocks is not None and computed != stored:
        # Content we wrote hashes to its recorded value; anything else was changed by hand, so it is
        # normalised properly, and its real hash is used so sign-offs of the old text go stale.
        blocks = renormalize(blocks)
        heading = clean_heading(heading) if heading.strip() else heading
        report.problems.append(f"section {section_id}: revision {revision.id} (line {element.sourceline}) "
                               f"does not match its recorded hash: its content was changed outside wyassembler")
        revision = Revision(revision.id, revision.parent, revision.org, revision.person, revision.time,
                            heading, blocks, content_hash(heading, blocks))
    note_hash_checked(revision)  # compared just now: the write gate need not hash it again
    return revision


def read_properties(root: etree._Element, problems: list[str]) -> Project:
    """A validated file's project with its properties, partners and questions, and nothing else yet (what
    reads but is not whole goes in ``problems``)."""
    props = first_child(root, _q("properties"))
    deadline = props.find(_q("deadline"))
    closing = props.find(_q("closing-line"))
    coordinator = props.find(_q("coordinator"))
    endorsers_el = first_child(props, _q("endorsers"))
    numbering = props.find(_q("list-numbering"))
    project = Project(
        id=attr(root, "id"),
        created=time_attr(root, "created"),
        title=_text(props.find(_q("title"))),
        subtitle=_text(props.find(_q("subtitle"))),
        partnership=_text(props.find(_q("partnership"))),
        responds_to=_text(props.find(_q("responds-to"))),
        deadline=date.fromisoformat(_text(deadline).strip()) if deadline is not None else None,
        closing_line_template=_text(closing) if closing is not None else None,
        coordinator=coordinator.get("org") if coordinator is not None else None,
        endorsers=None if endorsers_el.get("all") == "true" else [attr(e, "org") for e in endorsers_el],
        list_formats=tuple(attr(numbering, "levels").split()) if numbering is not None else DEFAULT_LEVEL_FORMATS,
        require_signatures=props.find(_q("require-signatures")) is not None,
        **read_settings(props),  # type: ignore[arg-type]  # each a field's name and its type
    )
    project.organisations = [
        Organisation(attr(e, "id"), attr(e, "name"), attr(e, "short-name"), attr(e, "lead"), attr(e, "email"))
        for e in first_child(root, _q("organisations"))
    ]
    project.questions = read_questions(root, problems)
    return project


def from_element(root: etree._Element, report: LoadReport | None = None,
                 known: KnownRecords | None = None) -> Project:
    """Build a project from a validated root element; reference errors raise, hash mismatches are reported.
    ``known``: the records read from other versions of the project, shared with them (:mod:`.versions`)."""
    report = report if report is not None else LoadReport()
    project = read_properties(root, report.problems)
    project.sections = [_section(e, report, known) for e in first_child(root, _q("outline"))]
    project.endorsements = [read_endorsement(e, read_signoff(e)) for e in first_child(root, _q("endorsements"))]
    project.tombstones = [
        Tombstone(attr(e, "section"), attr(e, "org"), attr(e, "person"), time_attr(e),
                  attr(e, "revision"), tuple(e.get("earlier", "").split()))
        for e in first_child(root, _q("deleted"))
    ]
    restores = root.find(_q("restores"))
    project.restores = [_restore(e) for e in restores] if restores is not None else []
    keys = root.find(_q("keys"))
    project.key_events = [read_key_event(e) for e in keys] if keys is not None else []
    project.history = read_history(root)
    changes = root.find(_q("coordinators"))
    project.coordinator_changes = [read_coordinator_change(e) for e in changes] if changes is not None else []
    policies = root.find(_q("signature-policy"))
    project.signature_policies = [read_policy(e) for e in policies] if policies is not None else []
    project.authorities = read_authorities(root)
    refuse_unsound(reference_problems(project) + record_problems(project) + review_problems(project))
    return project


def refuse_unsound(problems: list[str]) -> None:
    """Raise :class:`ProjectFileError` naming the first of ``problems`` (and how many more), if any."""
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ProjectFileError(f"not a sound project file: {problems[0]}{more}")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a project is built.

    Building makes millions of small objects that all stay alive (spans, blocks, the canonical form
    being hashed), so each collection scans ever more of them for cycles they cannot have: at 160,000
    paragraphs that was two thirds of the load time, and a paragraph cost 1.7 times what it did at
    16,000. Reference counting still frees everything as usual; the collector resumes afterwards
    (counted with other threads' holds: see core.collector)."""
    with collector_held_off():
        yield


def _free_in_pieces(root: etree._Element) -> None:
    """Let go of a tree that was read a top-level section at a time: lxml holds the GIL while it frees a
    tree, 50 ms at a stretch for a 5,000-section file read on a worker thread (opening, another partner's
    save merged), and between sections the UI thread gets its turn."""
    outline = root.find(_q("outline"))
    if outline is not None:
        while len(outline):
            outline.remove(outline[0])  # freed with its proxy, at once


@dataclass
class ValidTree:
    """A project file's XML, parsed and valid against the schema, with what a newer minor format holds
    that this version set aside: the first half of reading a file, which lxml does without holding the
    GIL, so another thread can do it while this one builds a project."""

    root: etree._Element
    foreign: ForeignElements | None


def valid_tree(data: bytes) -> ValidTree:
    """Parse and validate untrusted bytes (see :func:`parse_bytes` and :func:`validate`)."""
    root = parse_bytes(data)
    return ValidTree(root, validate(root))


def from_bytes(data: bytes, report: LoadReport | None = None, known: KnownRecords | None = None) -> Project:
    """Parse, validate and build a project from untrusted bytes (``known``: see :func:`from_element`)."""
    return from_valid_tree(valid_tree(data), report, known)


def from_valid_tree(tree: ValidTree, report: LoadReport | None = None,
                    known: KnownRecords | None = None) -> Project:
    """Build a project from a tree :func:`valid_tree` made; the tree is used up."""
    root, foreign = tree.root, tree.foreign
    try:
        with _collector_paused():
            project = from_element(root, report, known)
        keep_on(project, foreign)
        _free_in_pieces(root)
        return project
    except WyassemblerError as error:
        if isinstance(error, ProjectFileError):
            raise
        raise ProjectFileError(f"not a sound project file: {error}") from None
    except ValueError as error:  # a date the schema's pattern let through, such as month 13
        raise ProjectFileError(f"not a sound project file: {error}") from None
