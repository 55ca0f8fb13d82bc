"""A new project from a Word document: File > Import Word document… and ``wyassembler import-docx``.

The Title and Subtitle paragraphs become the project's title and subtitle;
headings at levels 1 to 3 become sections and sub-sections (a number typed at
the start of a heading is removed, since the export numbers headings itself);
everything between headings becomes the section's content. The reading itself,
and the report of what the content model cannot hold, are in :mod:`.body_reader`.

Who owns the sections: a new project needs organisations, and the document
cannot say which. With a preset (``west-yorkshire``) the project gets the
preset's partners and every section is owned by its coordinator; without one,
the project gets a single organisation (``coordinator``, "Coordinator" unless
named) that coordinates and owns every section. Either way the coordinator then
adds partners and hands sections over.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ..core.content import Blocks, ListItem, MemberList, Paragraph, clean_heading, inline_text
from ..core.declarations import behalf_statement_length, is_confidential_note
from ..core.errors import WyassemblerError
from ..core.model import Actor, Project, Revision, Section, new_id
from ..core.partners import add_organisation
from ..core.presets import PRESETS, new_project, preset_organisations
from ..core.text import TextTooLong, clean_text
from .body_items import BlockItem, Closing, Heading, Item, Subtitle, Title
from .body_reader import BodyReader, strip_typed_number, text_of
from .import_report import ImportReport
from .list_numbers import with_word_starts
from .package import open_document

DEFAULT_COORDINATOR = "Coordinator"
INTRODUCTION_HEADING = "Introduction"


@dataclass
class ImportResult:
    """The new project and the report of what the document held that the project does not."""

    project: Project
    report: ImportReport


def import_docx(path: str | os.PathLike, *, preset: str | None = None, coordinator: str = DEFAULT_COORDINATOR,
                person: str = "", now: datetime | None = None) -> ImportResult:
    """Read the Word document at ``path`` into a new project (not saved).

    ``preset`` names a partnership (see :data:`..core.presets.PRESETS`) whose organisations the
    project gets; otherwise a single organisation called ``coordinator`` is created. ``person`` is
    recorded as the author of every section's first revision. Raises :class:`.package.PackageError`
    (or another :class:`WyassemblerError`) with a one-line message if the file cannot be used.
    """
    path = Path(path)
    if path.suffix.lower() == ".docm":
        raise WyassemblerError(f"{path.name} is macro-enabled (.docm); save it as a plain Word Document (.docx)")
    document = open_document(path, "document")
    report = ImportReport()
    project, coordinator_id = _empty_project(document, path, preset, coordinator, person or "wyassembler", now)
    builder = _ProjectBuilder(project, Actor(coordinator_id, person or "wyassembler"), report, now)
    reader = BodyReader(document, report)
    builder.reader = reader
    try:
        builder.consume(reader.items(document.element.body))
        builder.finish()
    except TextTooLong as error:  # a paragraph no project file could hold: refused before anything is saved
        where = f" ({reader.where})" if reader.where else ""
        raise TextTooLong(f"{path.name}{where}: {error}") from None
    _report_headers_and_footers(document, report)
    return ImportResult(project, report)


def _empty_project(document, path: Path, preset: str | None, coordinator: str, person: str,
                   now: datetime | None) -> tuple[Project, str]:
    """A project with the document's title and its partners, and the id of the coordinator, who owns
    every imported section."""
    title = (document.core_properties.title or "").strip() or path.stem
    project = new_project(title, now=now, person=person)
    if preset is not None:
        project.organisations = preset_organisations(preset)
        project.coordinator = PRESETS[preset].coordinator
        project.partnership = PRESETS[preset].partnership
    else:
        project.coordinator = add_organisation(project, None, coordinator.strip() or DEFAULT_COORDINATOR).id
    return project, project.coordinator


class _ProjectBuilder:
    """Lays items into the outline as they are read, telling the reader where it is for the report."""

    def __init__(self, project: Project, actor: Actor, report: ImportReport, now: datetime | None) -> None:
        self.project = project
        self.actor = actor
        self.report = report
        self.now = now
        self.reader: BodyReader | None = None
        self.stack: list[Section] = []  # the open section at each level
        self.numbers: list[int] = []
        self.pending: tuple[str, int] | None = None  # the heading whose blocks are being collected
        self.blocks: list = []
        self.shown: list[int | None] = []  # the number Word shows each block, if a numbered item
        self.untitled = 0  # sections named for want of a heading
        self.title_seen = self.closing_seen = False
        self.member_names = [org.name for org in project.organisations] if len(project.organisations) > 1 else []

    def consume(self, items: Iterable[Item]) -> None:
        for item in items:
            if isinstance(item, BlockItem):
                self.blocks.append(item.block)
                self.shown.append(item.number)
            elif isinstance(item, Heading):
                self._heading(item)
            elif isinstance(item, Title):  # fields, so through the rule (and size limit) every field keeps
                self.project.title = clean_text(item.text)
                self.title_seen = True
            elif isinstance(item, Subtitle):
                self.project.subtitle = clean_text(item.text)
            elif isinstance(item, Closing):
                self._closing(clean_text(item.text))

    def _heading(self, item: Heading) -> None:
        self._flush(item.level)
        level = item.level
        if level > len(self.stack) + 1:
            self.report.add("heading-jump", self.reader.where if self.reader else "")
            level = len(self.stack) + 1
        del self.stack[level - 1:]
        del self.numbers[level:]
        if len(self.numbers) < level:
            self.numbers.append(0)
        self.numbers[level - 1] += 1
        self.pending = (strip_typed_number(item.text), level)
        if self.reader is not None:
            self.reader.where = "section " + ".".join(str(n) for n in self.numbers[:level])

    def _flush(self, next_level: int | None = None) -> None:
        """Make the pending section from the blocks collected, before a heading at ``next_level`` (None:
        the end of the document)."""
        where = self.reader.where if self.reader is not None else ""  # (the section being ended)
        blocks = self._member_list(with_word_starts(self.blocks, self.shown, self.report, where))
        self.blocks, self.shown = [], []
        if self.pending is None:
            if not blocks:
                return
            self.report.note(f"the text before the first heading was put in a first section called "
                             f"\u201c{INTRODUCTION_HEADING}\u201d")
            self.pending = (INTRODUCTION_HEADING, 1)
            self.numbers = [1]
        heading, level = self.pending
        self.pending = None
        if not heading:
            if not blocks and (next_level is None or next_level <= level):
                self._leave_out_empty_heading(level)  # nothing under it: an empty line styled as a heading
                return
            self.untitled += 1
            heading = f"Untitled section {self.untitled}"
            self.report.add("empty-heading", "section " + ".".join(str(n) for n in self.numbers[:level]))
        # Built directly rather than through outline.add_section, which walks the whole outline to
        # check the depth (a third of an 800-page import); the stack keeps the depth at 3 or less.
        revision = Revision.create(None, self.actor, clean_heading(heading), blocks, self.now)
        section = Section(new_id("sec"), self.actor.org, [revision])  # the coordinator's
        siblings = self.stack[level - 2].children if level > 1 else self.project.sections
        siblings.append(section)
        self.stack.append(section)

    def _leave_out_empty_heading(self, level: int) -> None:
        """Forget the number given to an empty heading with nothing under it, and report the section it
        stood in (at the end of the one before it, or the start of its parent)."""
        self.numbers[level - 1] -= 1
        number = self.numbers[:level] if self.numbers[level - 1] > 0 else self.numbers[:level - 1]
        self.report.add("empty-heading-dropped", "section " + ".".join(str(n) for n in number) if number
                        else "the text before the first heading")

    def _member_list(self, blocks: Blocks) -> Blocks:
        blocks, found = restore_member_list(blocks, self.member_names)
        if found:
            self.report.note("the bulleted list of the partners' names became the member list, "
                             "which the export fills in from the organisations")
        blocks, dropped = drop_behalf_statement(blocks, at_start=self.pending is None)
        if dropped:
            self.report.note("the statement of whom the response is made on behalf of was left out: the "
                             "export writes it again from the partners' endorsements")
        if self.pending is not None and blocks and type(blocks[0]) is Paragraph \
                and is_confidential_note(inline_text(blocks[0].spans)):
            # The export's note under a confidential section's heading: written again once it is marked.
            self.report.note(f"\u201c{inline_text(blocks[0].spans)}\u201d under a heading was left out: mark the "
                             "section confidential again ('wyassembler mark') and the export writes it")
            blocks = blocks[1:]
        return blocks

    def _closing(self, text: str) -> None:
        partnership = self.project.partnership
        if partnership and partnership in text:
            text = text.replace(partnership, "{partnership}")
        self.project.closing_line_template = text
        self.closing_seen = True

    def finish(self) -> None:
        self._flush()
        if not self.title_seen:
            self.report.note(f"the document has no paragraph in the Title style; the title "
                             f"\u201c{self.project.title}\u201d was taken from its properties or file name")
        if not self.closing_seen:
            # The export would otherwise add a closing line the document never had.
            self.project.closing_line_template = ""
            self.report.note("the document has no paragraph in the Closing style, so the project has no "
                             "closing line (set one with 'wyassembler set --closing-line default')")
        if not self.project.sections:
            self.report.note("the document has no text to import; the project has no sections yet")


def restore_member_list(blocks: Blocks, names: list[str]) -> tuple[Blocks, bool]:
    """The first bulleted list that is exactly the partners' names, in order, becomes the generated
    member list (the export writes the member list as such a list); returns the blocks and whether
    one was found."""
    if not names or len(blocks) < len(names):
        return blocks, False
    result = list(blocks)
    count = len(names)
    for start in range(len(result) - count + 1):
        run = result[start:start + count]
        if all(type(b) is ListItem and b.kind == "bullet" and b.level == 1 and inline_text(b.spans) == name
               for b, name in zip(run, names, strict=True)):
            before = result[start - 1] if start else None
            after = result[start + count] if start + count < len(result) else None
            if isinstance(before, ListItem) or isinstance(after, ListItem):
                continue  # part of a longer list: not the member list
            result[start:start + count] = [MemberList()]
            return tuple(result), True
    return blocks, False


# The longest behalf statement looked for: one line per partner and reservation is far less.
_STATEMENT_LINES = 200


def drop_behalf_statement(blocks: Blocks, at_start: bool) -> tuple[Blocks, bool]:
    """The statement of whom the response is made on behalf of, which the export writes right after the
    first member list, or after the title block (``at_start``: these blocks come before any heading), left
    out (:func:`.core.declarations.behalf_statement_length`); returns the blocks and whether one was."""
    first_list = next((index + 1 for index, block in enumerate(blocks) if type(block) is MemberList), None)
    for start in ([0] if at_start else []) + ([first_list] if first_list is not None else []):
        texts = [inline_text(block.spans) if isinstance(block, (Paragraph, ListItem)) else ""
                 for block in blocks[start:start + _STATEMENT_LINES]]
        length = behalf_statement_length(texts)
        if length:
            return tuple(blocks[:start]) + tuple(blocks[start + length:]), True
    return blocks, False


def _report_headers_and_footers(document, report: ImportReport) -> None:
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        try:
            element = rel.target_part.element
        except AttributeError:
            continue
        if text_of(element).strip():
            report.add("header-footer", "the page header and footer")

