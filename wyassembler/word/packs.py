"""Partner packs: an organisation's sections as a Word document, edited offline and brought back.

A pack holds the sections an organisation may write as a partner: those it
owns *and* those it contributes to (both may edit them; sign-off stays with the
owner). Each section sits in a block-level content control whose tag is
``wyassembler:section:<section id>:<revision id>`` and which Word will not let
the partner delete (``w:lock sdtLocked``; its content stays editable). The
revision id is what the partner started from, so the way back can tell an edit
from a change made in the project meanwhile. The project and organisation are
recorded twice: as document variables in the settings part (invisible, kept by
Word) and in the tag of the locked introduction at the top. Headings carry their
outline number as typed text (the pack holds only some sections, so Word's own
heading numbering would count wrongly); the number is removed on the way back. For the same reason a
heading's level is one below the nearest section above it in the pack (or 1), not its outline level.

LibreOffice drops the controls and the document variables when it saves, so a pack carries a second set of
marks it keeps (:mod:`.pack_markers`): a hidden bookmark at the start of each section's heading and custom
document properties naming the project, organisation, title and each bookmark's section and revision. A
section whose control is gone is read from its bookmark to the next section's; the refusals are the same.

Bringing a pack back (:func:`import_pack`) makes a new revision of each section
whose text changed, through :mod:`..core.offline` (so sign-offs go stale as with
any edit, and a section changed meanwhile keeps the pack's text as a conflict
copy). It refuses a pack made for another organisation or another project, and
reports sections whose marks were deleted and text typed outside the sections. It goes in three
steps: :func:`validate_pack` (ours, this project's, this organisation's), :func:`match_pack` (the
pack's sections to the project's, and what changed) and :func:`apply_section` (a revision or a
conflict copy).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..core.content import Block, Blocks, MemberList, Paragraph, Span, Table
from ..core.errors import ContentError, NotFoundError, PermissionDenied, WyassemblerError
from ..core.model import Actor, Project, Section
from ..core.offline import CONFLICT, UPDATED, apply_offline_edit
from ..core.permissions import check_edit
from ..core.proposals import decision_of, propose
from ..core import review_records
from ..core.review_records import Comment, Proposal, TrackedChange
from ..fileio import write_atomically
from . import oxml, pack_markers, pack_review
from .body_items import BlockItem, Heading
from .body_reader import BodyReader, text_of
from .comments_out import CommentPlan
from .import_report import ImportReport
from .list_numbers import with_word_starts
from .pack_comments import import_word_comments, project_state_time
from .pack_review import PackReview
from .wordml import P, SDT, SDT_CONTENT, SDT_PR, SECT_PR, TBL
from .furniture import clean_package, set_footer, set_header, set_properties
from .package import open_document
from .provenance import marked_bytes, refuse_output, refuse_to_replace
from .reader import restore_member_list
from .styles import resolve_styles
from .writer import LANGUAGE, _BodyBuilder, default_template_path

SECTION_TAG = "wyassembler:section:"
PACK_TAG = "wyassembler:pack:"
VAR_PROJECT, VAR_ORG, VAR_SECTIONS, VAR_TITLE = ("wyassembler.project", "wyassembler.org", "wyassembler.sections",
                                                  "wyassembler.title")
INSTRUCTIONS = ("Write in the sections below, as you would in any Word document. Each section is in a box "
                "that keeps it recognisable: keep your text inside the boxes and do not delete them. Headings, "
                "lists, tables, bold, italic and links come back; so do comments and tracked changes, for the "
                "section's owner to decide on; pictures and footnotes do not. "
                "Send the document back to the coordinator when you are done.")
_TAG = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tag"
_VAL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"


class PackError(WyassemblerError):
    """A pack that cannot be brought back into this project by this organisation; nothing was changed."""


# -- out --------------------------------------------------------------------------------------

@dataclass
class PackExportResult:
    """The pack's bytes and the sections in it, in outline order."""

    data: bytes
    sections: list[Section]
    warnings: list[str] = field(default_factory=list)


def pack_sections(project: Project, org_id: str) -> list[Section]:
    """The sections a pack for ``org_id`` holds: those it owns or contributes to, in outline order."""
    return [section for _, _, section in project.walk() if org_id in section.editors()]


def build_pack(project: Project, org_id: str, with_comments: bool = False) -> PackExportResult:
    """The pack for ``org_id`` as .docx bytes, in the response's default styles; ``with_comments``: with the
    open comment threads on its sections as Word comments (:mod:`.comments_out`)."""
    org = project.organisation(org_id)
    sections = pack_sections(project, org_id)
    if not sections:
        raise PackError(f"{org.label()} owns no sections and contributes to none, so there is nothing to put "
                        f"in a pack")
    document = open_document(default_template_path(), "default template")
    styles = resolve_styles(document, document, None)
    clean_package(document)
    oxml.set_language(document.styles.element, LANGUAGE)
    builder = _PackBuilder(document, styles, project)
    plan = builder.comment_plan = CommentPlan(project, sections, in_controls=True) if with_comments else None
    builder.build_pack(project, org, sections)
    set_header(document, styles, f"{project.title}: sections for {org.label()}", draft=False)
    set_footer(document, styles)
    set_properties(document, project, True, LANGUAGE)
    oxml.set_document_variables(document.settings.element, {
        VAR_PROJECT: project.id, VAR_ORG: org.id, VAR_TITLE: project.title,
        VAR_SECTIONS: " ".join(section.id for section in sections)})
    # The second set of marks, for a pack LibreOffice saves again (it drops the controls and variables).
    pack_markers.add_markers(document.element.body, PACK_TAG, SECTION_TAG)
    markers = pack_markers.marker_properties(project.id, org.id, project.title,
                                             [(section.id, section.current.id) for section in sections],
                                             (VAR_PROJECT, VAR_ORG, VAR_TITLE))
    markers[pack_markers.MADE_PROPERTY] = project_state_time(project).isoformat()
    if plan is not None:
        plan.write(document)
        markers.update(plan.properties())
    return PackExportResult(marked_bytes(document, properties=markers), sections,
                            list(styles.warnings) + builder.warnings)


def export_pack(project: Project, org_id: str, out_path: str | os.PathLike, *,
                project_path: str | os.PathLike | None, replace: bool = False,
                with_comments: bool = False) -> PackExportResult:
    """Write the pack for ``org_id`` to ``out_path`` atomically (nothing is written on failure).

    ``out_path`` is never ``project_path``, the file ``project`` came from (see :func:`.writer.export_docx`).

    An existing file there (a pack sent back with a partner's edits, say) is replaced only if it is
    our own output, unchanged since, or if ``replace`` is true; else :class:`.provenance.ReplaceRefused`.
    """
    out_path = refuse_output(project_path, out_path, ".docx", replace=replace, noun="pack")
    result = build_pack(project, org_id, with_comments)
    # Looked at again just before the rename: a file put there while the document was built is not ours.
    write_atomically(out_path, result.data, before_replace=None if replace else refuse_to_replace)
    return result


class _PackBuilder(_BodyBuilder):
    """The export's body builder (same styles, lists, tables and links), laying out a pack instead."""

    def build_pack(self, project: Project, org, sections: list[Section]) -> None:
        add = self.xml.append
        self.landscape_width = None  # a section break cannot sit inside a section's content control
        intro = (oxml.paragraph(oxml.run(project.title), self.styles["title"])
                 + oxml.paragraph(oxml.run(f"Sections for {org.name} to edit"), self.styles["subtitle"])
                 + oxml.paragraph(oxml.run(INSTRUCTIONS)))
        add(oxml.block_control(f"{PACK_TAG}{project.id}:{org.id}", "About this pack", intro, 1,
                               "sdtContentLocked"))
        wanted = {id(section) for section in sections}
        members = [o.name for o in project.organisations]
        levels: dict[int, int] = {}  # of the sections in the pack so far
        for number, _, section in project.walk():
            if id(section) not in wanted:
                continue
            # One below the nearest section above it in the pack, not its outline level: the pack holds only
            # some sections, and a heading two levels below the one before it skips a level.
            above = project.parent_of(section)
            while above is not None and id(above) not in levels:
                above = project.parent_of(above)
            level = levels[id(section)] = 1 if above is None else levels[id(above)] + 1
            start = len(self.xml)
            self.place = f"section {number} \u201c{section.heading}\u201d"
            # Numbering off (num_id 0): the number is typed, since the pack holds only some sections.
            heading = oxml.run(f"{number}\t") + self._heading_runs(section)  # (and its comments' ranges)
            add(oxml.paragraph(heading, self.styles.heading(level), (0, 0), keep_next=True))
            self._blocks(section.blocks, members)
            # After the last block: where a heading's comments end when the section has no text of its own
            # (comments_out._first_text_block), and somewhere to start typing in an empty section.
            after = self.section_marks.block(len(section.blocks)) if self.section_marks else None
            if len(self.xml) == start + 1 or after:
                add(oxml.paragraph(self._inline((), None, after) if after else ""))
            self.section_marks = None
            content = "".join(self.xml[start:])
            del self.xml[start:]
            alias = f"{number} {section.heading}"
            add(oxml.block_control(f"{SECTION_TAG}{section.id}:{section.current.id}",
                                   alias if len(alias) <= 60 else alias[:59] + "\u2026", content,
                                   len(self.xml) + 1, "sdtLocked"))
        self.body.extend(oxml.parse_fragment("".join(self.xml)))
        self.numbering.extend(oxml.parse_numbering(self._numbering_xml()))
        if self.section_properties is not None:
            self.body.append(self.section_properties)


# -- back in ----------------------------------------------------------------------------------

@dataclass
class PackSection:
    """One section as the pack holds it: the revision it started from, its heading (``None`` if the
    heading paragraph was removed) and content."""

    section_id: str
    base_revision: str
    heading: str | None
    blocks: Blocks
    # With Word's tracked changes: ``heading`` and ``blocks`` are the text with every change rejected, and
    # ``proposed`` the text with every change accepted (the proposal the owner decides on); ``tracked``
    # lists the changes. ``comments``: Word comment id -> the words it is on, for the comments starting here.
    proposed: tuple[str | None, Blocks] | None = None
    tracked: tuple[TrackedChange, ...] = ()
    comments: dict[str, str] = field(default_factory=dict)


@dataclass
class Pack:
    """What a pack document says: whose and which project's it is, and its sections."""

    project_id: str
    org_id: str
    title: str
    listed: list[str]  # the section ids the pack was made with ([] if unknown)
    sections: list[PackSection]
    outside: list[str]  # the beginnings of paragraphs typed outside every section
    report: ImportReport
    notes: list[str] = field(default_factory=list)
    review: PackReview = field(default_factory=PackReview)  # Word's comments, and changes outside the sections
    made: datetime | None = None  # the time of the project's newest record when the pack was made, if it says


@dataclass
class PackImportResult:
    """What bringing a pack back did, section by section."""

    updated: list[Section] = field(default_factory=list)
    conflicts: list[Section] = field(default_factory=list)
    unchanged: list[Section] = field(default_factory=list)
    # One sentence each: marks deleted, sections gone from the project, no longer editable, text outside.
    problems: list[str] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)
    proposals: list[tuple[Section, Proposal]] = field(default_factory=list)  # from Word's tracked changes
    comments: list[tuple[Section, Comment]] = field(default_factory=list)  # from Word's comments
    threads_resolved: int = 0  # threads Word marks done, resolved by this import
    review_lines: list[str] = field(default_factory=list)  # one sentence per section with a proposal

    @property
    def changed(self) -> bool:
        """Whether the project changed: new text, conflict copies, proposals, comments or resolved threads."""
        return bool(self.updated or self.conflicts or self.proposals or self.comments or self.threads_resolved)

    def report_lines(self, project: Project | None = None) -> list[str]:
        return self.review_lines + self.problems + self.report.lines()


def read_pack(path: str | os.PathLike) -> Pack:
    """Read a pack document; raises :class:`PackError` if it is not a wyassembler partner pack."""
    path = Path(path)
    document = open_document(path, "partner pack")
    # The document variables, or where LibreOffice dropped them the custom properties (pack_markers).
    properties = pack_markers.pack_properties(document)
    variables = {**properties, **oxml.document_variables(document.settings.element)}
    marks = pack_markers.marked_sections(properties)
    body = document.element.body
    unwrapped = pack_review.unwrap_block_changes(body)
    project_id, org_id = _pack_owner(path, variables, body)
    report = ImportReport()
    reader = BodyReader(document, report)
    listed = variables.get(VAR_SECTIONS, "").split() or [section_id for _, (section_id, _) in sorted(marks.items())]
    pack = Pack(project_id, org_id, variables.get(VAR_TITLE, ""), listed, [], [], report,
                made=pack_markers.pack_made(properties))
    if unwrapped:
        pack.notes.append(f"{unwrapped} tracked change(s) around whole paragraphs, tables or section boxes (which "
                          f"Word does not write) were not applied: the text inside was read as it stands")
    top = list(_top_level(body))
    seen, found, read = _read_boxes(pack, reader, top, bool(marks))
    if marks:  # the sections whose controls are gone, by their bookmarks; the rest of the text is outside
        marked = pack_markers.read_marked(top, marks, seen)
        for section in marked.sections:
            read.update(map(id, section.elements))
            reader.where = f"section {section.section_id}"
            found.append((section.position, _read_section(reader, section.section_id, section.base_revision,
                                                          section.elements)))
        texts = (text_of(element).strip() for element in marked.outside if element.tag in (P, TBL, SDT))
        pack.outside.extend(_excerpt(text) for text in texts if text)
    pack.sections = [section for _, section in sorted(found, key=lambda item: item[0])]
    # Tracked changes anywhere but in a section read (the about box, text typed around the boxes) are not applied.
    unread = [e for e in top if e.tag != SECT_PR and id(e) not in read]
    pack.review = pack_review.review_pack(document, variables.get(pack_review.COMMENT_MAPPING, ""), unread)
    report.counts.pop("comment", None)  # not left out: brought in as comments (import_pack)
    return pack


def _pack_owner(path: Path, variables: dict[str, str], body) -> tuple[str, str]:
    """The project and organisation a pack was made for: from its variables (or custom properties), else
    the locked introduction's tag; :class:`PackError` if it has neither."""
    project_id, org_id = variables.get(VAR_PROJECT, ""), variables.get(VAR_ORG, "")
    if not project_id:
        for element in body.iter(SDT):
            tag = _tag(element)
            if tag.startswith(PACK_TAG) and tag.count(":") >= 3:
                project_id, org_id = tag[len(PACK_TAG):].rsplit(":", 1)
                break
    if not project_id:
        raise PackError(f"{path.name} is not a partner pack made by wyassembler (it has none of a pack's marks); "
                        f"to start a new project from a Word document use import-docx")
    return project_id, org_id


def _read_boxes(pack: Pack, reader: BodyReader, top: list,
                marked: bool) -> tuple[set[str], list[tuple[int, PackSection]], set[int]]:
    """The sections whose content controls survived, read in order: the section ids seen, each section with
    the place of its element (to keep the pack's order), and the elements read (by id). Text outside every box
    goes to ``pack.outside`` unless the pack has bookmarks (``marked``), which then decide what is outside."""
    seen: set[str] = set()
    found: list[tuple[int, PackSection]] = []
    read: set[int] = set()
    for position, element in enumerate(top):
        tag = _tag(element) if element.tag == SDT else ""
        if tag.startswith(PACK_TAG):
            continue
        if tag.startswith(SECTION_TAG):
            section_id, _, base = tag[len(SECTION_TAG):].partition(":")
            if section_id in seen:
                pack.notes.append(f"the box of one section appears twice (copied?); only the first was read: "
                                  f"\u201c{_excerpt(text_of(element))}\u201d")
                continue
            seen.add(section_id)
            read.add(id(element))
            reader.where = f"section {section_id}"
            content = element.find(SDT_CONTENT)
            found.append((position, _read_section(reader, section_id, base,
                                                  list(content) if content is not None else [])))
        elif element.tag in (P, TBL, SDT) and not marked:
            text = text_of(element).strip()
            if text:
                pack.outside.append(_excerpt(text))
    return seen, found, read


def _top_level(body):
    """Body children, looking through content controls that are not ours (Word may wrap ours in them)."""
    for element in body:
        if element.tag == SDT and not _tag(element).startswith(("wyassembler:",)):
            inner = element.find(SDT_CONTENT)
            if inner is not None and any(_tag(e).startswith("wyassembler:") for e in inner.iter(SDT)):
                yield from _top_level(inner)
                continue
        yield element


def _tag(sdt) -> str:
    props = sdt.find(SDT_PR)
    tag = props.find(_TAG) if props is not None else None
    return tag.get(_VAL, "") if tag is not None else ""


def _read_section(reader: BodyReader, section_id: str, base: str, elements: list) -> PackSection:
    """A section's box read: with tracked changes, its text with every change rejected, and the proposal
    with every change accepted (read aside: its findings are the same text's, its list counts its own)."""
    places = pack_review.comment_places(elements)
    if not pack_review.has_tracked_changes(elements):
        heading, blocks = _read_text(reader, elements)
        return PackSection(section_id, base, heading, blocks, comments=_quotes(elements, places))
    accepted = pack_review.accepted_view(elements)
    report, counters = reader.report, reader.counters
    reader.report, reader.counters = ImportReport(), counters.fork()
    try:
        proposed = _read_text(reader, accepted)
    finally:
        reader.report, reader.counters = report, counters
    heading, blocks = _read_text(reader, pack_review.rejected_view(elements))
    return PackSection(section_id, base, heading, blocks, proposed, tuple(pack_review.tracked_changes(elements)),
                       _quotes(accepted, places))


def _quotes(elements: list, places: set[str]) -> dict[str, str]:
    """Word comment id -> the words it is on, for the comments starting in the section."""
    quotes = pack_review.comment_quotes(elements) if places else {}
    return {word_id: quotes.get(word_id, "") for word_id in places}


def _read_text(reader: BodyReader, elements: list) -> tuple[str | None, Blocks]:
    """A section's heading (None if its heading paragraph was removed) and content."""
    heading = None
    blocks: list[Block] = []
    shown: list[int | None] = []  # the number Word shows each block, if a numbered item
    for index, item in enumerate(reader.items(elements)):
        if isinstance(item, BlockItem):
            blocks.append(item.block)
            shown.append(item.number)
        elif isinstance(item, Heading) and index == 0:
            heading = item.text
        elif item.text:
            # A new heading inside a section, or a title: kept as text; new sections come from the coordinator.
            spans = item.spans if isinstance(item, Heading) else ()
            blocks.append(Paragraph(tuple(Span(s.text, True, s.italic, s.href) for s in spans)
                                    if spans else (Span(item.text, bold=True),)))
            shown.append(None)
            if isinstance(item, Heading):
                reader.report.note(f"a heading added inside a section (\u201c{_excerpt(item.text)}\u201d) was kept "
                                   f"as a bold paragraph: new sections are added in the project by the coordinator")
    return heading, with_word_starts(blocks, shown, reader.report, reader.where)


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def import_pack(project: Project, path: str | os.PathLike, actor: Actor,
                now: datetime | None = None) -> PackImportResult:
    """Bring the pack at ``path`` back into ``project`` (changed in place; the caller saves it).

    Raises :class:`PackError` (nothing changed) if the file is not a pack, or was made for another
    project or another organisation than ``actor``'s, and :class:`.package.PackageError` if it is
    not a usable Word document. Per-section problems are listed in the result instead.
    """
    pack = validate_pack(project, Path(path), actor)
    matching = match_pack(pack, project)
    result = PackImportResult(report=pack.report)
    for match in matching.sections:
        problem = match.problem or apply_section(project, actor, match, now, result, Path(path).name)
        if problem:
            result.problems.append(problem)
    places = {word_id: (match.section, quote) for match in matching.sections if match.section is not None
              for word_id, quote in match.item.comments.items()}
    comments = import_word_comments(project, actor, pack.review, places, now, made=pack.made)
    result.comments = comments.added
    result.threads_resolved = comments.resolved
    if comments.added or comments.resolved:
        result.review_lines.append(comments.sentence(project))
    result.problems.extend(comments.problems)
    result.problems.extend(matching.boxes_deleted)
    result.problems.extend(_outside_problems(pack.outside))
    if pack.review.outside_tracked:
        result.problems.append(f"{pack.review.outside_tracked} tracked change(s) outside the sections' boxes "
                               f"were not applied")
    result.problems.extend(pack.notes)
    _name_places_by_number(result.report, matching.numbers)
    return result


def validate_pack(project: Project, path: Path, actor: Actor) -> Pack:
    """The pack at ``path``, read, if it is ours (a wyassembler pack, a readable Word document) and
    was made for ``project`` and for ``actor``'s organisation; else :class:`PackError` (or
    :class:`.package.PackageError`), nothing changed."""
    pack = read_pack(path)
    if pack.project_id != project.id:
        raise PackError(_other_project_message(path.name, pack.title, project.title))
    if pack.org_id != actor.org:
        try:
            owner = project.org_label(project.organisation(pack.org_id).id)
        except NotFoundError:
            owner = pack.org_id
        raise PackError(f"{path.name} is the pack made for {owner}, not for {project.org_label(actor.org)}; "
                        f"import it as {owner}, or export a pack for {project.org_label(actor.org)}; "
                        f"nothing was imported")
    return pack


@dataclass
class SectionMatch:
    """One section of a pack, matched to the project's section of the same id: what the pack says it
    should now be, and whether that differs from what the pack was made with. ``section`` is None,
    and ``problem`` says why, when the project no longer has it."""

    item: PackSection
    section: Section | None = None
    number: str = ""  # the section's outline number in the project
    heading: str | None = None  # None: keep the heading (removed or emptied in the pack)
    blocks: Blocks = ()
    changed: bool = True
    problem: str | None = None  # one sentence, if it cannot be brought back
    # The text with Word's tracked changes accepted, brought as ``heading`` and ``blocks`` are (a proposal).
    proposed_heading: str | None = None
    proposed_blocks: Blocks | None = None


@dataclass
class PackMatch:
    """A pack's sections matched to the project's, in the pack's order, and the sections whose box
    was deleted from the pack."""

    sections: list[SectionMatch]
    boxes_deleted: list[str]  # one sentence per section the pack was made with and no longer holds
    numbers: dict[str, str]  # section id -> outline number, for every section in the project


def match_pack(pack: Pack, project: Project) -> PackMatch:
    """Each pack section matched to the project's section (by id), with the heading and content it
    brings (outline number removed, the member list restored) and whether they differ from what the
    pack was made with, as Word shows it; an emptied heading is reported and kept as it was."""
    by_id = {section.id: (number, section) for number, _, section in project.walk()}
    names = [org.name for org in project.organisations]
    matches = [_match_section(item, by_id, names, pack.report) for item in pack.sections]
    found = {item.section_id for item in pack.sections}
    deleted = [f"the box of section {by_id[sid][0]} \u201c{by_id[sid][1].heading}\u201d was deleted from the pack, "
               f"so its text could not be recognised; the section was left as it is"
               for sid in pack.listed if sid not in found and sid in by_id]
    return PackMatch(matches, deleted, {sid: number for sid, (number, _) in by_id.items()})


def _match_section(item: PackSection, by_id: dict[str, tuple[str, Section]], names: list[str],
                   report: ImportReport) -> SectionMatch:
    entry = by_id.get(item.section_id)
    if entry is None:
        return SectionMatch(item, problem=f"a section in the pack (\u201c{_excerpt(item.heading or '')}\u201d) is no "
                                          f"longer in the project (deleted since the pack was made?); its text was "
                                          f"not imported")
    number, section = entry
    members = any(isinstance(block, MemberList) for block in section.blocks)
    heading, blocks = _as_brought(item.heading, item.blocks, number, names if members else None)
    if item.heading is not None and heading is None:
        report.add("emptied-heading", f"section {number}")  # a section needs a heading
    base = next((r for r in section.revisions if r.id == item.base_revision), None)
    if base is not None and base.blocks is not None:  # addresses as LibreOffice rewrites them: the base's
        blocks = pack_markers.with_base_links(blocks, base.blocks)
    unchanged = (base is not None and base.blocks is not None and (heading is None or heading == base.heading)
                 and _export_view(blocks) == _export_view(base.blocks))
    match = SectionMatch(item, section, number, heading, blocks, changed=not unchanged)
    if item.proposed is not None:
        match.proposed_heading, match.proposed_blocks = _as_brought(*item.proposed, number,
                                                                    names if members else None)
        if base is not None and base.blocks is not None:
            match.proposed_blocks = pack_markers.with_base_links(match.proposed_blocks, base.blocks)
    return match


def _as_brought(heading: str | None, blocks: Blocks, number: str,
                names: list[str] | None) -> tuple[str | None, Blocks]:
    """A pack section's heading without its typed outline number (None if removed or emptied), and its
    content with the member list restored (``names``: the partners', if the section holds the list)."""
    heading = _strip_number(heading, number) if heading is not None else None
    if heading is not None and re.fullmatch(rf"\s*(?:{re.escape(number)}[.)]?)?\s*", heading):
        heading = None
    if names is not None:
        blocks, _ = restore_member_list(blocks, names)
    return heading, blocks


def apply_section(project: Project, actor: Actor, match: SectionMatch, now: datetime | None,
                  result: PackImportResult, source: str = "") -> str | None:
    """Bring one matched section back: a changed one becomes a new revision, or a conflict copy if the
    section changed in the project since the pack was made (:func:`..core.offline.apply_offline_edit`);
    recorded in ``result`` as updated, conflict or unchanged. Its text is read with Word's tracked changes
    rejected; with them accepted it becomes a proposal (named ``source``) on the revision this step left
    for the pack: the new revision or conflict copy, else the one the pack was made from. Returns the
    problem, if it was refused."""
    section = match.section
    if section is None:
        return match.problem
    base = match.item.base_revision
    try:  # a pack names its sections in words anyone can change: the importer's own are the only ones taken
        check_edit(project, section, actor)
    except PermissionDenied as error:
        return f"section {match.number} was not imported: {error}"
    if not match.changed:
        result.unchanged.append(section)  # what the pack was made with, as Word shows it
        return _propose(project, actor, match, base, now, result, source)
    if (earlier := pack_review.revision_brought_in(section, base, match.heading, match.blocks)) is not None:
        result.unchanged.append(section)  # the same pack brought in before: its edits are there already
        return _propose(project, actor, match, earlier.id, now, result, source)
    try:
        outcome = apply_offline_edit(project, actor, section, match.item.base_revision, match.heading,
                                     match.blocks, now)
    except (PermissionDenied, ContentError) as error:
        return f"section {match.number} was not imported: {error}"
    if outcome.kind == UPDATED:
        result.updated.append(section)
    elif outcome.kind == CONFLICT:
        result.conflicts.append(section)
    else:
        result.unchanged.append(section)
    return _propose(project, actor, match, outcome.revision.id if outcome.revision is not None else base, now,
                    result, source)


def _propose(project: Project, actor: Actor, match: SectionMatch, base: str, now: datetime | None,
             result: PackImportResult, source: str) -> str | None:
    """The section's text with Word's tracked changes accepted, as a proposal on revision ``base``."""
    section, tracked = match.section, match.item.tracked
    if section is None or match.proposed_blocks is None:
        return None
    count = f"{len(tracked)} tracked change(s)"
    if len(tracked) > review_records.MAX_TRACKED_CHANGES:  # as many as a proposal keeps a list of
        tracked = tracked[:review_records.MAX_TRACKED_CHANGES]
        count += f" (the first {len(tracked):,} listed)"
    heading = match.proposed_heading
    if heading is None:
        heading = next((r.heading for r in section.revisions if r.id == base), section.heading)
    if (earlier := pack_review.proposed_before(section, heading, match.proposed_blocks)) is not None:
        decision = decision_of(section, earlier.id)  # the same pack brought in again, say
        state = "open" if decision is None else f"{decision.outcome} on {decision.time:%Y-%m-%d}"
        result.review_lines.append(f"section {match.number}: its {count} were proposed already ({earlier.id}, "
                                   f"{state}); not proposed again")
        return None
    try:
        proposal = propose(project, actor, section, base, heading, match.proposed_blocks, tracked=tracked,
                           source=source, now=now)
    except (PermissionDenied, ContentError) as error:
        return f"section {match.number}: {count} not kept as a proposal: {error}"
    if proposal is None:
        result.review_lines.append(f"section {match.number}: {count} make no difference the project keeps "
                                   f"(formatting it does not hold, say); nothing to decide")
        return None
    result.proposals.append((section, proposal))
    result.review_lines.append(f"section {match.number}: {count} kept as a proposal for "
                               f"{project.org_label(section.owner)} to accept or reject ('wyassembler proposals')")
    return None


def _outside_problems(outside: list[str]) -> list[str]:
    """One sentence for the paragraphs typed outside every section's box, if any."""
    if not outside:
        return []
    shown = "; ".join(f"\u201c{text}\u201d" for text in outside[:3])
    more = f" and {len(outside) - 3} more" if len(outside) > 3 else ""
    return [f"{len(outside)} paragraph(s) typed outside the sections' boxes were not imported: {shown}{more}"]


def _name_places_by_number(report: ImportReport, numbers: dict[str, str]) -> None:
    """The report's places name section ids while reading; a reader needs outline numbers."""
    places = {f"section {sid}": f"section {number}" for sid, number in numbers.items()}
    for kind, counts in list(report.counts.items()):
        report.counts[kind] = {places.get(where, where): count for where, count in counts.items()}


def _other_project_message(name: str, pack_title: str, project_title: str) -> str:
    """Why a pack from another project is refused, naming each title once."""
    if pack_title == project_title:
        return (f"{name} is a pack from another project with the same title, \u201c{project_title}\u201d (a "
                f"separate project file, not this one or a copy of it); nothing was imported")
    made_for = f" (\u201c{pack_title}\u201d)" if pack_title else ""
    return (f"{name} is a pack from another project{made_for}, not from \u201c{project_title}\u201d; "
            f"nothing was imported")


def _export_view(blocks: Blocks) -> Blocks:
    """Blocks as a pack shows them: a table's header row is bold whatever its spans say."""
    return tuple(Table(tuple(tuple(Span(s.text, False, s.italic, s.href) for s in cell) for cell in block.header),
                       block.rows) if isinstance(block, Table) else block for block in blocks)


def _strip_number(heading: str, number: str) -> str:
    stripped = re.sub(rf"^\s*{re.escape(number)}[.)]?\s+", "", heading, count=1)
    return stripped if stripped.strip() else heading
