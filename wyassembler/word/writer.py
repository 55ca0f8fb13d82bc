"""The response as a Word document: the project's outline laid into a reference template.

One walk over the outline builds the body with :mod:`.oxml` inside the
template document, so the template's page set-up, fonts, theme and styles
carry over (as pandoc's ``--reference-doc`` does). Numbering, the header and
footer, core properties and the document language are then set, the result is
checked for accessibility, and the bytes are written in one atomic step.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

from ..core import signoff
from ..core.authority import authority_verdict, latest_authorities
from ..core.checklist import final_blockers
from ..core.confidentiality import withheld_sections
from ..core.content import Inline, ListItem, MemberList, Paragraph, Span, Table, plain
from ..core.errors import ExportCancelled, FinalExportRefused, WyassemblerError
from ..core.integrity import soundness_problems
from ..core.model import Project
from ..core.partner_records import DECLINED, Authority
from ..core.public_copy import public_copy_warnings, redacted, withheld_label
from ..core.statements import ENDORSEMENT, RESPONSE_SUBJECT, SECTION_SIGNOFF
from ..core.verification import INVALID, REVOKED_KEY, UNSIGNED, VALID, SignatureCheck, signature_problems
from ..fileio import write_atomically
from ..resource_files import resource
from . import oxml
from .accessibility import check_document
from .comments_out import CommentPlan, SectionMarks, check_with_comments, marked
from .declarations import DeclarationBody
from .export_checks import export_findings, refuse_errors, warning_lines
from .furniture import clean_package, drop_unreferenced, set_footer, set_header, set_properties
from .layout import (SMALLEST_TABLE_SIZE, column_widths, font_scale, line_width, number_indent, table_size,
                     words_fit)
from .list_instances import ListInstances
from .manifest import add_manifest
from .sections import break_paragraph, complete_sections, landscape_width, page_set_up, page_text_width
from .package import open_document
from .provenance import marked_bytes, refuse_output, refuse_to_replace
from .question_export import QuestionBody, check_order
from .styles import StyleMap, resolve_styles, set_style_language, theme_fonts

LANGUAGE = "en-GB"
TEXT_WIDTH_FALLBACK = 9026  # A4 less 2.5 cm margins, in twentieths of a point


class NotReady(FinalExportRefused):
    """A final export was asked for but the response is not final; the message says what is missing (the
    sign-off, the questions or both: ``reason``) and lists it organisation by organisation (``missing``)."""


@dataclass
class ExportResult:
    """The document's bytes and what the export noticed (template fallbacks, accessibility)."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


def default_template_path() -> Path:
    """wyassembler's own reference document (installed with the package)."""
    return Path(str(resource("templates", "reference.docx")))


def export_docx(project: Project, out_path: str | os.PathLike, *, project_path: str | os.PathLike | None,
                template: str | os.PathLike | None = None, draft: bool = False, signoff_appendix: bool = False,
                replace: bool = False, order: str = "outline", questions_appendix: bool = False,
                public: bool = False, cancel: threading.Event | None = None,
                with_comments: bool = False) -> ExportResult:
    """Export ``project`` to ``out_path`` atomically; nothing is written if anything fails, or if ``cancel``
    is set (from another thread) before the write: :class:`.core.errors.ExportCancelled`.

    ``project_path`` is the file ``project`` came from (None: never saved); an ``out_path`` that is that file,
    by name or by a link, is refused whatever ``replace`` says (:func:`.fileio.refuse_project_as_output`).
    It has no default so that no caller can leave it out by forgetting.

    ``order`` is "outline" (the sections as numbered) or "questions" (the answers in the consultation's
    order, see :mod:`.question_export`); ``questions_appendix`` adds the table of how each question is answered.
    ``public`` writes the copy for publication: each confidential section withheld (see
    :mod:`.core.confidentiality`), its text in no part of the package. ``with_comments`` (a draft only) writes
    the open comment threads as Word comments (:mod:`.comments_out`).

    An existing file there is replaced only if it is our own output, unchanged since, or if ``replace``
    is true; otherwise :class:`.provenance.ReplaceRefused` says why not.
    """
    out_path = refuse_output(project_path, out_path, ".docx", replace=replace)
    result = build_docx(project, template=template, draft=draft, signoff_appendix=signoff_appendix, order=order,
                        questions_appendix=questions_appendix, public=public, with_comments=with_comments)
    if cancel is not None and cancel.is_set():
        raise ExportCancelled()
    # Looked at again just before the rename: a file put there while the document was built is not ours.
    write_atomically(out_path, result.data, before_replace=None if replace else refuse_to_replace)
    return result


def build_docx(project: Project, *, template: str | os.PathLike | None = None, draft: bool = False,
               signoff_appendix: bool = False, order: str = "outline",
               questions_appendix: bool = False, public: bool = False, with_comments: bool = False) -> ExportResult:
    """The response as .docx bytes; refuses an unsound project, and a final export until sign-off is complete
    and every signed record verifies (and every question is answered). See :func:`export_docx`.
    A public copy's warnings and refusals name withheld sections by number only (:func:`.public_copy.redacted`):
    they may be passed on with the copy."""
    options = {"template": template, "draft": draft, "signoff_appendix": signoff_appendix, "order": order,
               "questions_appendix": questions_appendix, "public": public, "with_comments": with_comments}
    if not public:
        return _build_docx(project, **options)  # type: ignore[arg-type]
    try:
        result = _build_docx(project, **options)  # type: ignore[arg-type]
    except WyassemblerError as error:
        error.args = tuple(redacted(project, arg) if isinstance(arg, str) else arg for arg in error.args)
        if isinstance(error, FinalExportRefused):
            error.reason, error.missing = redacted(project, error.reason), redacted(project, error.missing)
        raise
    result.warnings = [redacted(project, warning) for warning in result.warnings]
    return result


def _build_docx(project: Project, *, template: str | os.PathLike | None, draft: bool, signoff_appendix: bool,
                order: str, questions_appendix: bool, public: bool, with_comments: bool) -> ExportResult:
    if with_comments:
        check_with_comments(draft, public, order)  # never in a final export nor a public copy
    check_order(project, order, questions_appendix)
    problems = soundness_problems(project)
    if problems:
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        raise WyassemblerError(f"the project does not verify ({problems[0]}{more}), so it was not exported; "
                               "'wyassembler verify' lists the problems")
    if not draft:
        # A final document vouches for its signatures (verify-docx checks them), so a signed record that
        # does not verify (moved, forged, revoked) stops it; a marked draft vouches for nothing.
        signed = signature_problems(project)
        if signed:
            more = f" and {len(signed) - 1} more" if len(signed) > 1 else ""
            raise WyassemblerError(f"a signed record does not verify ({signed[0]}{more}), so the response cannot "
                                   "be exported as final (a marked draft can be, with --draft); "
                                   "'wyassembler verify' lists the problems")
        readiness = signoff.readiness(project)
        if not readiness.ready:
            raise NotReady(final_blockers(project, readiness).reason(), readiness.itemised(project))
    accessibility = export_findings(project, template, public)  # what 'check' says of the text and template
    if not draft:
        refuse_errors(project, accessibility)
    defaults = open_document(default_template_path(), "default template")
    document = open_document(template, "template") if template is not None else defaults
    styles = resolve_styles(document, defaults, Path(template).name if template is not None else None)
    warnings = list(styles.warnings)
    warnings.extend(page_set_up(document, Path(template).name if template is not None else "reference.docx"))
    if public:
        warnings.extend(public_copy_warnings(project))  # a confidential text quoted where it is printed

    clean_package(document)
    set_style_language(document, styles, LANGUAGE)
    builder = _BodyBuilder(document, styles, project, order, public)
    plan = builder.comment_plan = CommentPlan(project, project.all_sections()) if with_comments else None
    builder.build(project, signoff_appendix, questions_appendix, draft)
    warnings.extend(builder.warnings)
    set_header(document, styles, project.title, draft)
    set_footer(document, styles)
    complete_sections(document, "landscape" if builder.ends_landscape else "portrait")
    set_properties(document, project, draft, LANGUAGE)
    drop_unreferenced(document)  # the template body's links and pictures, after ours are in
    add_manifest(document, project, builder.appendix, order, builder.questions_table, builder.withheld,
                 builder.declared)
    warnings.extend(warning_lines(project, accessibility))
    warnings.extend(check_document(document.element.body, document.styles.element))  # headings as laid out
    if plan is not None:
        plan.write(document)
    return ExportResult(marked_bytes(document, properties=plan.properties() if plan else None), warnings)


def numbering_root(document: Document):
    """The ``w:numbering`` element, adding a numbering part to templates that have none."""
    try:
        return document.part.numbering_part.element
    except NotImplementedError:  # python-docx reads numbering parts but cannot create one
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
        return element


class _BodyBuilder(QuestionBody, DeclarationBody):
    """Lays the project into the body; owns the numbering definitions it adds."""

    def __init__(self, document: Document, styles: StyleMap, project: Project, order: str = "outline",
                 public: bool = False) -> None:
        self.document = document
        self.public = public  # the copy for publication: confidential sections withheld
        self.withheld = withheld_sections(project) if public else {}
        self.styles = styles
        self.part = document.part
        self.numbering = numbering_root(document)
        self.next_abstract = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in
                                      self.numbering.iterfind(qn("w:abstractNum"))), default=-1)
        self.next_num = 1 + max((int(n.get(qn("w:numId"))) for n in self.numbering.iterfind(qn("w:num"))),
                                default=0)
        self.links: dict[str, str] = {}
        self.pending_nums: list[str] = []  # w:num elements as XML text, added in one parse
        body = document.element.body
        self.section_properties = body.find(qn("w:sectPr"))
        for child in list(body):
            body.remove(child)
        self.body = body
        self.xml: list[str] = []  # the body as XML text, parsed once at the end (see oxml)
        self.text_width = self._text_width()
        self.body_size = oxml.font_size(document.styles.element, styles["normal"])
        # Widths are estimated from Arial's; the template's own fonts set text wider or narrower.
        self.fonts = theme_fonts(document)
        self.body_scale = self._font_scale(styles["normal"])
        self.warnings: list[str] = []  # what the layout had to give way on, for the export's report
        self.appendix: list[str] = []  # the sign-off record's cells as text, for the manifest
        self.questions_table: list[str] = []  # the table of questions' cells as text, for the manifest
        self.order = order
        if self.body_size >= oxml.LARGEST_FONT_SIZE:  # font_size holds an absurd template size to Word's
            self.warnings.append(f"the template's body text is {oxml.LARGEST_FONT_SIZE:g} pt, the largest size "
                                 "Word can show, or asks for more: check its Normal style")
        self.place = ""  # the section being laid out, as the warnings name it
        self.comment_plan: CommentPlan | None = None  # open comments to anchor (a draft --with-comments)
        self.section_marks: SectionMarks | None = None  # the section being laid out's comment ranges
        # A table too wide for the page goes on landscape pages (none in a pack: it is one block of controls).
        self.landscape_width = landscape_width(self.section_properties)
        self.headings: set[str] = set()  # the headings' paragraphs in self.xml, which a wide table takes along
        self.ends_landscape = False  # the body's last pages are a wide table's (no portrait section after it)
        self.bullets = self._add_abstract(oxml.bullet_levels())  # the member lists' and statements'
        self.list_formats = project.list_formats
        self.lists = ListInstances()  # which w:num each list item goes on: see word.list_instances
        self.list_abstracts: dict[tuple[str, ...], int] = {}  # a definition's kind per level -> its id
        self.list_nums: list[int] = []  # the w:num of each of self.lists.instances
        if order == "outline":  # in the consultation's order its numbers stand alone (see question_export)
            self._link_heading_numbering(project)

    # -- numbering -------------------------------------------------------------------------

    def _add_abstract(self, levels: list[dict]) -> int:
        abstract_id = self.next_abstract
        self.next_abstract += 1
        element = oxml.abstract_numbering(abstract_id, levels)
        # Every w:abstractNum must come before the first w:num.
        first_num = self.numbering.find(qn("w:num"))
        if first_num is None:
            self.numbering.append(element)
        else:
            first_num.addprevious(element)
        return abstract_id

    def _add_num(self, abstract_id: int, starts: dict[int, int] | None = None) -> int:
        num_id = self.next_num
        self.next_num += 1
        self.pending_nums.append(oxml.numbering_instance(num_id, abstract_id, starts))
        return num_id

    def _list_num(self, instance: int) -> int:
        """The w:num of list instance ``instance`` (its start overrides are written at the end, once the
        whole document has said which levels it uses)."""
        while len(self.list_nums) <= instance:
            kinds = self.lists.instances[len(self.list_nums)].kinds
            abstract = self.list_abstracts.get(kinds)
            if abstract is None:
                levels = oxml.list_levels(kinds, self.list_formats)
                abstract = self.list_abstracts[kinds] = self._add_abstract(levels)
            self.list_nums.append(self.next_num)
            self.next_num += 1
        return self.list_nums[instance]

    def _numbering_xml(self) -> str:
        """Every w:num the body uses, as XML text for oxml.parse_numbering."""
        lists = (oxml.numbering_instance(num_id, self.list_abstracts[instance.kinds], instance.starts)
                 for num_id, instance in zip(self.list_nums, self.lists.instances, strict=True))
        return "".join(self.pending_nums) + "".join(lists)

    def _link_heading_numbering(self, project: Project) -> None:
        heading_ids = [self.styles.heading(level) for level in (1, 2, 3)]
        labels: list[list[str]] = [[], [], []]
        for number, level, _ in project.walk():
            labels[level - 1].append(number)
        # Room for the widest number used at each level ("104.2.13"), or it runs into the heading.
        hangs = tuple(number_indent(labels[index], oxml.font_size(self.document.styles.element, style_id)
                                    * self._font_scale(style_id), oxml.HEADING_HANGS[index])
                      for index, style_id in enumerate(heading_ids))
        abstract = self._add_abstract(oxml.heading_levels(heading_ids, hangs))
        num_id = self._add_num(abstract)
        by_id = {style.get(qn("w:styleId")): style for style in self.document.styles.element.iter(qn("w:style"))}
        for level, style_id in enumerate(heading_ids):
            oxml.style_numbering(by_id[style_id], num_id, level)

    def _font_scale(self, style_id: str) -> float:
        return font_scale(oxml.font_name(self.document.styles.element, style_id, self.fonts))

    def _text_width(self) -> int:
        # sections.page_set_up has made sure the page says its size and leaves room (a pack's default does)
        width = page_text_width(self.section_properties)
        return width if width is not None else TEXT_WIDTH_FALLBACK

    # -- the body --------------------------------------------------------------------------

    def build(self, project: Project, signoff_appendix: bool, questions_appendix: bool = False,
              draft: bool = False) -> None:
        add = self.xml.append
        add(oxml.paragraph(oxml.run(project.title), self.styles["title"]))
        if project.subtitle:
            add(oxml.paragraph(oxml.run(project.subtitle), self.styles["subtitle"]))
        members = self._begin_declarations(project, draft)  # on whose behalf: see word.declarations
        if self.order == "questions":
            self._question_body(project, members)
        elif self.public:  # withheld sections as notices: question_export.public_layout
            self._public_outline_body(project, members)
        else:
            for number, level, section in project.walk():
                self.place = f"section {number} \u201c{section.heading}\u201d"
                heading = oxml.paragraph(self._heading_runs(section), self.styles.heading(level), keep_next=True)
                self.headings.add(heading)
                add(heading)
                self._section_text(section, members)  # its confidential note first: see word.declarations
                self.section_marks = None
        closing = project.closing_line
        if closing:
            add(oxml.paragraph(oxml.run(closing), self.styles["closing"]))
        self._end_declarations(project)
        if questions_appendix:
            self.questions_table = self._questions_appendix(project)
        if signoff_appendix:
            self.place = "the sign-off record"
            self._appendix(project)
        if self.xml[-1] == break_paragraph("landscape"):
            # Nothing follows the wide table: its landscape pages end the document, rather than an empty
            # portrait section (a blank last page); complete_sections turns the last section.
            self.xml[-1] = oxml.paragraph()
            self.ends_landscape = True
        self.body.extend(oxml.parse_fragment("".join(self.xml)))
        self.numbering.extend(oxml.parse_numbering(self._numbering_xml()))
        if self.section_properties is not None:
            self.body.append(self.section_properties)

    def _heading_runs(self, section) -> str:
        """A section's heading as runs, with its comments' ranges when the export carries them."""
        self.section_marks = marks = self.comment_plan.marks_for(section) if self.comment_plan else None
        if marks is None:
            return oxml.run(section.heading)
        return self._inline((Span(section.heading),), None, marks.heading())

    def _blocks(self, blocks, members: list[str]) -> None:
        add = self.xml.append
        paragraph = oxml.paragraph
        list_style = self.styles["list"]
        places = self.lists.place(blocks)  # nested lists on their parent's w:num, numbered as core.lists says
        marks = self.section_marks  # the comments' ranges, if any (see _heading_runs)
        for index, block in enumerate(blocks):
            kind = type(block)
            if kind is ListItem:
                instance, level = places[index]
                add(paragraph(self._inline(block.spans, None, marks.block(index) if marks else None), list_style,
                              (self._list_num(instance), level)))
            elif kind is Paragraph:
                add(paragraph(self._inline(block.spans, None, marks.block(index) if marks else None)))
            elif kind is MemberList:
                self._member_list(members)
            elif kind is Table:
                self._table(block.header, block.rows, intro=index > 0 and self._one_line(blocks[index - 1]),
                            marks=marks.cells(index, block) if marks else None)

    def _inline(self, spans: Inline, size_pt: float | None = None, marks: dict[int, str] | None = None) -> str:
        """Runs (and links) of ``spans``; ``marks`` puts comment ranges' XML at character offsets."""
        run = oxml.run
        link_style = self.styles["hyperlink"]
        pieces: list[str] = []
        link_runs: list[str] = []
        open_href: str | None = None
        for span in (marked(spans, marks) if marks else spans):
            if isinstance(span, str):  # a comment range's start or end (comments_out.marked)
                (link_runs if open_href else pieces).append(span)
                continue
            if span.href != open_href and link_runs and open_href:  # adjacent spans of one link share one w:hyperlink
                pieces.append(oxml.hyperlink(self._relationship(open_href), "".join(link_runs)))
                link_runs = []
            open_href = span.href
            if span.href is None:
                pieces.append(run(span.text, span.bold, span.italic, None, size_pt))
            else:
                link_runs.append(run(span.text, span.bold, span.italic, link_style, size_pt))
        if link_runs and open_href:
            pieces.append(oxml.hyperlink(self._relationship(open_href), "".join(link_runs)))
        return "".join(pieces)

    def _relationship(self, href: str) -> str:
        r_id = self.links.get(href)
        if r_id is None:
            r_id = self.part.relate_to(href, RT.HYPERLINK, is_external=True)
            self.links[href] = r_id
        return r_id

    def _one_line(self, block) -> bool:
        """Whether ``block`` is a paragraph short enough to introduce a table (one line of the page)."""
        if type(block) is not Paragraph:
            return False
        text = "".join(span.text for span in block.spans)
        return "\n" not in text and line_width(text, self.body_size * self.body_scale) <= self.text_width

    def _table(self, header: tuple[Inline, ...], rows, caption: str = "", intro: bool = False,
               largest: float | None = None, marks: dict[tuple[int, int], dict[int, str]] | None = None) -> None:
        """A table; ``header`` is empty for a table without a header row (none is invented). ``intro``: the
        paragraph before it is one line, which goes to landscape pages with it after a heading; ``largest``:
        the size to set it in at most, if smaller than the body's; ``marks``: comment ranges per cell (row,
        column; the header row is row 0) as :meth:`_inline` takes them."""
        # Bold by hand as well: a branded table style may not style its first row.
        header = tuple(tuple(Span(span.text, True, span.italic, span.href) for span in cell) for cell in header)
        widths, size, landscape = self._column_widths(header, rows, largest)
        if landscape:
            self._start_landscape(intro)
        cells = oxml.table_cell
        body = []
        marks = marks or {}
        if header:
            body.append(oxml.table_row("".join(cells(width, oxml.paragraph(self._inline(cell, size, marks.get((0, c)))))
                                               for c, (width, cell) in enumerate(zip(widths, header, strict=True))),
                                       header=True))
        for r, row in enumerate(rows, 1 if header else 0):
            body.append(oxml.table_row("".join(cells(width, oxml.paragraph(self._inline(cell, size, marks.get((r, c)))))
                                               for c, (width, cell) in enumerate(zip(widths, row, strict=True)))))
        self.xml.append(oxml.table("".join(body), widths, self.styles["table"], caption, bool(header)))
        # Word merges two tables that touch; an empty paragraph keeps the next block apart (and ends the
        # landscape pages of a wide table).
        self.xml.append(break_paragraph("landscape") if landscape else oxml.paragraph())

    def _start_landscape(self, intro: bool) -> None:
        """End the portrait pages before a wide table, unless the table before it was landscape too."""
        # Every heading right before the table (a parent with no text of its own, then its sub-section's),
        # after at most a line introducing it, goes with the table rather than stay alone at the foot of a
        # portrait page: keep-with-next cannot cross a section break.
        end = len(self.xml) - 1 if intro else len(self.xml)
        at = end
        while at > 0 and self.xml[at - 1] in self.headings:
            at -= 1
        if at == end:  # no heading: the table starts its landscape pages on its own
            at = len(self.xml)
        if self.xml[at - 1] == break_paragraph("landscape"):
            self.xml[at - 1] = oxml.paragraph()  # wide tables in a row share their landscape pages
        else:
            self.xml.insert(at, break_paragraph("portrait"))

    def _column_widths(self, header: tuple[Inline, ...], rows,
                       largest: float | None = None) -> tuple[list[int], float | None, bool]:
        """Column widths from the text in each column (see :mod:`.layout`), filling the text width; the
        size to set the table in if smaller than the body's, and whether it goes on landscape pages (so
        that no word breaks inside a column)."""
        columns: list[list[tuple[str, bool]]] = [[] for _ in range(len(header) or len(rows[0]))]
        for row in rows:
            for column, cell in zip(columns, row, strict=True):
                column.append(("".join(span.text for span in cell), any(span.bold for span in cell)))
        head = ["".join(span.text for span in cell) for cell in header]
        width, scale = self.text_width, self.body_scale
        wanted = min(self.body_size, largest) if largest else self.body_size
        size = table_size(head, columns, width, wanted, scale)
        landscape = bool(self.landscape_width and self.landscape_width > width
                         and not words_fit(head, columns, width, size * scale))
        if landscape and self.landscape_width:  # (bool() above has checked it; mypy needs to see it)
            width = self.landscape_width
            size = table_size(head, columns, width, wanted, scale)
        what = f"the {len(columns)}-column table in {self.place}"
        if landscape:
            self.warnings.append(f"{what} is on landscape pages so that its words fit its columns")
        if size < wanted:
            self.warnings.append(f"{what} is set in {size:g} pt, smaller than the body's {self.body_size:g} pt, "
                                 "so that its words fit its columns")
        if not words_fit(head, columns, width, size * scale):
            self.warnings.append(f"some words in {what} are wider than its columns even so: shorten them "
                                 "(in its header, say) or split the table")
        widths = column_widths(head, columns, width, size * scale)
        return widths, (size if size < self.body_size else None), landscape

    def _appendix(self, project: Project) -> None:
        # Unnumbered (num_id 0): the record is about the response, not part of it.
        heading = oxml.paragraph(oxml.run("Sign-off record"), self.styles.heading(1), (0, 0), keep_next=True)
        self.headings.add(heading)
        self.xml.append(heading)
        rows = appendix_rows(project, self.withheld)
        self.appendix = [cell for row in [list(APPENDIX_HEADER), *rows] for cell in row]
        header = tuple(plain(text) for text in APPENDIX_HEADER)
        self._table(header, tuple(tuple(plain(cell) for cell in row) for row in rows), "Sign-off record",
                    largest=SIGNOFF_RECORD_SIZE)


# The 21 CFR Part 11 §11.50 manifestations of each signature: printed name, meaning, date and time;
# with the key that signed (its full fingerprint is in the manifest) and whether it verified at export.
# The record's six columns hold names, roles, dates and authorities (a council's minute, a delegation): set
# in the smallest size a table goes down to, they have room to read across rather than wrap word by word.
SIGNOFF_RECORD_SIZE = SMALLEST_TABLE_SIZE
APPENDIX_HEADER = ("Section", "Organisation", "Signed by", "Meaning", "Date and time (UTC)", "Signature")
_MEANINGS = {signoff.APPROVED: "Approved", signoff.ENDORSED: "Endorsed", signoff.STALE: "Approved an earlier version",
             signoff.CHANGES_REQUESTED: "Changes requested",
             signoff.ENDORSED_WITH_RESERVATIONS: "Endorsed with reservations", DECLINED: "Declined"}
WHOLE_RESPONSE_ITEM = "Whole response"  # the rows of endorsements and declines
AWAITING = "Awaiting"
# Rows of decisions the manifest does not carry (none yet, or a request for changes): the others verify-docx
# makes again from the signed records the manifest carries (decision_row).
UNCARRIED_MEANINGS = (AWAITING, _MEANINGS[signoff.CHANGES_REQUESTED])
WITHHELD_APPROVALS = "Withheld: its approvals are in the full copy"  # a withheld section's row (withheld_row)
AUTHORITY_ITEM = "Authority"  # the appendix row of an organisation's authority record (its meaning: describe())
_SIGNATURE_WORDS = {VALID: "Verified", UNSIGNED: "Not signed", INVALID: "Does not verify",
                    REVOKED_KEY: "Key revoked"}


def appendix_rows(project: Project, withheld: Collection[str] = ()) -> list[list[str]]:
    """Per section (or "Whole response", followed by the organisation's standing authority record if any)
    and organisation: the name, role, meaning, date and time of its latest decision, the signing key's
    short fingerprint and whether the signature verified. A section in ``withheld`` (the public copy) has
    one row, :func:`withheld_row`: its approvals are not in that copy, so it claims none."""
    check = SignatureCheck(project)
    rows: list[list[str]] = []
    for number, _, section in project.walk():
        if section.id in withheld:
            rows.append(withheld_row(number))
            continue
        latest = signoff.latest_by_org(section.signoffs)
        for org_id in section.editors():
            record = latest.get(org_id)
            state = signoff.section_state(section, org_id)
            if org_id != section.owner and record is None:
                continue  # contributors who never weighed in are not part of the record
            verdict = check.verdict(record, SECTION_SIGNOFF, section.id).state if record else ""
            rows.append(decision_row(project, f"{number} {section.heading}", org_id, record, state, verdict))
    endorsed = signoff.endorsement_states(project)
    latest = signoff.latest_by_org(project.endorsements)
    authorities = latest_authorities(project)
    for org_id, state in endorsed.items():
        record = latest.get(org_id)
        verdict = check.verdict(record, ENDORSEMENT, RESPONSE_SUBJECT).state if record else ""
        rows.append(decision_row(project, WHOLE_RESPONSE_ITEM, org_id, record, state, verdict))
        authority = authorities.get(org_id)
        if authority is not None:  # how the organisation approved it, a signed record of its own
            rows.append(authority_row(project, authority, authority_verdict(project, authority, check.ledger).state))
    return rows


def withheld_row(number: str) -> list[str]:
    """The sign-off record's only row of section ``number`` in the public copy, which withholds it: its
    approvals sign their notes, which may quote it, so they are shown and checked in the full copy only."""
    return [withheld_label(number), "", "", WITHHELD_APPROVALS, "", ""]


def authority_row(project: Project, authority: Authority, verdict: str) -> list[str]:
    """The sign-off record's row of an organisation's standing authority record, ``verdict`` its signature's
    state (verify-docx makes it again from the record the manifest carries)."""
    return decision_row(project, AUTHORITY_ITEM, authority.org, authority, authority.describe(), verdict)


def decision_row(project: Project, item: str, org_id: str, record, state: str, verdict: str) -> list[str]:
    """The sign-off record's row of ``org_id``'s ``record`` (None: awaited) on ``item``, in ``state``, its
    signature's state ``verdict`` (verify-docx makes it again from the record the manifest carries)."""
    name = project.org_label(org_id)
    if record is None or state == signoff.PENDING:
        return [item, name, "", AWAITING, "", ""]
    signed_by = f"{record.person}, {record.role}" if record.role else record.person
    signature = _SIGNATURE_WORDS.get(verdict, verdict)
    if record.signature:
        signature += f", key {' '.join(record.signature.fingerprint.split()[:2])} \u2026"
    return [item, name, signed_by, _MEANINGS.get(state, state), record.time.astimezone(UTC).strftime("%d %b %Y %H:%M"),
            signature]

