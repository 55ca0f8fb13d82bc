"""Reading WordprocessingML body content into the content model, and listing what does not fit.

:class:`BodyReader` walks body elements (``w:p``, ``w:tbl``, content controls...)
and yields :class:`Item` values: headings with their level, the title, subtitle
and closing line, and content blocks. Whatever the model cannot hold is counted in
an :class:`ImportReport` with where it was, never dropped silently.

Word, LibreOffice and Google Docs all write the same vocabulary with different
habits, so everything is resolved the way Word resolves it rather than guessed:

* styles by *name* and outline level (``w:outlineLvl``), never by id, since ids are
  localised or renamed (see :func:`.styles.outline_levels`);
* list kind and level from the numbering definitions (``w:numPr`` on the paragraph or
  its style, ``w:numFmt`` of the level, ``w:lvlOverride``, ``w:numStyleLink``), and the number
  Word shows each numbered item, kept as a list start where the content model would show another
  (see :mod:`.list_numbers`);
* line breaks (``w:br``, ``w:cr``) and tabs (``w:tab``) as the text's own; a page or column break,
  which the content cannot hold, as a line break, reported;
* a table's first row as its header only where Word marks or shows one (see :mod:`.body_tables`);
* bold and italic from direct run properties, else from the paragraph and character
  styles as toggle properties (each style level flips the value);
* tracked changes as if accepted: insertions and moved-to text kept, deletions and
  moved-from text dropped, a deleted paragraph mark joining two paragraphs;
* fields by their last shown result; ``HYPERLINK`` fields become links. A field's marks count even
  when formatted as hidden text. A field is bounded, as Word bounds it when it repairs a document: its
  code ends with its paragraph, its result with its table cell or section (the next heading, a pack's
  box, the end of the body); a field cut off there is reported, never allowed to hide what follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..core.content import LINK_SCHEMES, MAX_LIST_LEVEL, ListItem, Paragraph, Span, Table, check_href
from ..core.errors import ContentError
from ..core.text import clean_text as one_line
from .body_fields import FieldStack
from .body_styles import (Numbering, StyleSheet, list_reference, numbering_root, paragraph_properties,
                          styles_root)
from .body_tables import read_table
from .import_report import ImportReport
from .list_numbers import WordCounters
from .wordml import (ALTERNATE, ALT_CHUNK, ANCHOR, B, BR, CHOICE, COMMENT_REF, CONTENT_PART, CR, CUSTOM_XML,
                     DEL, DRAWING, DSTRIKE, ENDNOTE_REF, FALLBACK, FALSE, FLD_CHAR, FLD_SIMPLE, FOOTNOTE_REF,
                     GRAPHIC_KINDS, HYPERLINK, I, INS, INSTR_TEXT, MOVE_TO, NB_HYPHEN, OBJECT, O_MATH,
                     O_MATH_PARA, P, PICT, PTAB, R, RPR, RPR_CHANGE, RSTYLE, R_ID, SDT, SDT_CONTENT,
                     SKIPPED_INLINE, STRIKE, SYM, T, TAB, TBL, TRANSPARENT_INLINE, TXBX_CONTENT, U, VAL,
                     VANISH, w_tag)

# A number typed at the start of a heading: "1 ", "2.1.", "3.2.1)" followed by a space or tab.
TYPED_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}[.)]?[\s\u00a0]+")
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))(.*)$', re.IGNORECASE | re.DOTALL)
_LIST_STYLE_LEVEL = re.compile(r"^list (?:bullet|number) ([2-9])$")
_FIELD_NAME = re.compile(r"^\s*([A-Za-z]+)")


# -- what the reader yields -------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One thing read from the body: ``kind`` is "heading" (with ``level`` and ``text``), "title",
    "subtitle", "closing" (with ``text``) or "block" (with ``block``, and ``number`` for a numbered
    list item). A heading's ``text`` is empty if the document's heading was."""

    kind: str
    text: str = ""
    level: int = 0
    block: object = None
    spans: tuple = ()
    number: int | None = None  # for a numbered list item, the number Word shows it


# -- the reader -------------------------------------------------------------------------------

class BodyReader:
    """Turns body elements into :class:`Item` values; ``where`` names the place for the report."""

    def __init__(self, document, report: ImportReport) -> None:
        self.report = report
        self.where = "the text before the first heading"  # reads after "in" in the report
        self.styles = StyleSheet(styles_root(document))
        self.numbering = Numbering(numbering_root(document), self.styles)
        self.counters = WordCounters(self.numbering)
        self.rels = document.part.rels
        self.fields = FieldStack()
        self._para_info: dict[str | None, tuple] = {}
        self._title_done = False
        self._subtitle_done = False
        self.headings_seen = False

    # -- block level ----------------------------------------------------------------------

    def items(self, elements: Iterable) -> Iterator[Item]:
        """Items for a run of body-level elements, in order."""
        carry: list[Span] = []  # text of a paragraph whose mark was deleted joins the next one
        for element in self.block_elements(elements):
            tag = element.tag
            if tag == P:
                item, joined = self._paragraph(element, carry)
                carry = joined
                if item is not None:
                    yield item
            elif tag == TBL:
                table = self._table(element)
                if table is not None:
                    yield Item("block", block=table)
            elif tag == ALT_CHUNK:
                self.report.add("alt-chunk", self.where)
        self.end_fields()
        if carry:
            yield Item("block", block=Paragraph(tuple(carry)))

    def block_elements(self, elements: Iterable) -> Iterator:
        """Paragraphs, tables and alt chunks, looking through content controls, custom XML and
        tracked block changes."""
        for element in elements:
            tag = element.tag
            if tag == P or tag == TBL:
                yield element
            elif tag == SDT:
                content = element.find(SDT_CONTENT)
                if content is not None:
                    yield from self.block_elements(content)
            elif tag == CUSTOM_XML or tag == INS or tag == MOVE_TO:
                yield from self.block_elements(element)
            elif tag == ALT_CHUNK:
                yield element
            elif tag == O_MATH_PARA:
                self.report.add("equation", self.where)

    def paragraph_info(self, style_id: str | None) -> tuple:
        """(role, heading level, style numbering, (bold, italic)) of a paragraph style, cached."""
        info = self._para_info.get(style_id)
        if info is None:
            effective = style_id if style_id in self.styles.styles else self.styles.default_paragraph
            name = self.styles.name(effective)
            role = "body"
            if name == "title":
                role = "title"
            elif name == "subtitle":
                role = "subtitle"
            elif name == "closing":
                role = "closing"
            elif name.startswith(("toc ", "contents ")) or name in ("toc heading", "contents heading"):
                role = "toc"
            level = self.styles.heading_levels.get(effective) if effective else None
            # Word's "List Bullet 2" is a one-level list of its own, indented: its level is in its name.
            match = _LIST_STYLE_LEVEL.match(name)
            info = (role, level, self.styles.numbering(effective), self.styles.formatting(effective, None),
                    effective, int(match.group(1)) if match else 1)
            self._para_info[style_id] = info
        return info

    def _paragraph(self, p, carry: list[Span]) -> tuple[Item | None, list[Span]]:
        props = paragraph_properties(p)
        if props.mark_inserted:
            self.report.add("insertion", self.where)
        if props.format_changed:
            self.report.add("format-change", self.where)
        role, level, style_numbering, formatting, effective, style_level = self.paragraph_info(props.style_id)
        if props.outline is not None:
            level = props.outline + 1 if props.outline < 9 else None
        if level is not None and role == "body":
            self.end_fields()  # a heading starts a section: no field runs into it
        spans = carry + self.spans(p, effective, formatting)
        if props.mark_deleted:
            self.report.add("deletion", self.where)
            return None, spans
        if role == "toc":
            if any(span.text.strip() for span in spans):
                self.report.add("toc", self.where)
            return None, []
        if level is not None and role == "body":
            return self._heading(spans, level), []
        named = self._named_paragraph(role, spans)
        if named is not None:
            return named, []
        reference = list_reference(props.numbering, style_numbering)
        if reference is not None and self.numbering.kind(*reference) is not None:
            return self._list_item(spans, reference, style_numbering, style_level), []
        return Item("block", block=Paragraph(tuple(spans))), []

    def _heading(self, spans: list[Span], level: int) -> Item | None:
        """A heading at levels 1 to 3, even an empty one (the builder names it); deeper, a bold paragraph."""
        text = _plain(spans)
        if any(span.href for span in spans):
            self.report.add("heading-link", self.where)
        if level <= MAX_LIST_LEVEL:
            self.headings_seen = self.headings_seen or bool(text)  # an empty one may yet be left out
            return Item("heading", text=text, level=level, spans=tuple(spans))
        if not text:
            return None
        self.report.add("deep-heading", self.where)
        return Item("block", block=Paragraph(tuple(Span(s.text, True, s.italic, s.href) for s in spans)))

    def _named_paragraph(self, role: str, spans: list[Span]) -> Item | None:
        """The document's first Title and Subtitle before any heading, and any Closing paragraph."""
        if role in ("title", "subtitle") and not self.headings_seen:
            done = self._title_done if role == "title" else self._subtitle_done
            text = _plain(spans)
            if text and not done:
                if role == "title":
                    self._title_done = True
                else:
                    self._subtitle_done = True
                return Item(role, text=text)
        if role == "closing":
            text = _plain(spans)
            if text:
                return Item("closing", text=text)
        return None

    def _list_item(self, spans: list[Span], reference: tuple[int, int], style_numbering, style_level: int) -> Item:
        """A list item, with the number Word shows it if it is numbered (see :mod:`.list_numbers`)."""
        num_id, ilvl = reference
        kind = self.numbering.kind(num_id, ilvl)
        number = self.counters.next_number(num_id, ilvl)
        list_level = max(1, ilvl + 1)
        if ilvl == 0 and style_numbering is not None and num_id == style_numbering[0]:
            list_level = style_level  # LibreOffice repeats the style's list on the paragraph
        if list_level > MAX_LIST_LEVEL:
            self.report.add("deep-list", self.where)
            list_level = MAX_LIST_LEVEL
            number = None  # moved up among other items: Word's number for it no longer fits
        return Item("block", block=ListItem(tuple(spans), kind, list_level),
                    number=number if kind == "number" else None)

    # -- inline -------------------------------------------------------------------------------

    def spans(self, container, paragraph_style: str | None, formatting: tuple[bool, bool],
              href: str | None = None) -> list[Span]:
        """The spans of a paragraph in reading order.

        A field whose code has not ended (no separate or end mark) by the end of the paragraph it began
        in is read again as if it had never begun, so the paragraph's text after it is kept and
        reported rather than hidden as field code along with everything after it.
        """
        fields = self.fields
        fields.paragraph += 1
        saved = fields.state()
        report = self.report
        skip: set[int] = set()
        while True:
            fields.start_paragraph(skip)
            self.report = ImportReport()  # this reading's findings, kept only if it is the last
            spans: list[Span] = []
            try:
                self._inline(container, paragraph_style, formatting, href, spans)
            finally:
                found, self.report = self.report, report
            stuck = fields.stuck()
            if not stuck:
                break
            skip |= stuck
            fields.restore(saved)
        report.merge(found)
        if skip:
            report.add("unclosed-field", self.where, len(skip))
        fields.start_paragraph(set())
        return spans

    def _inline(self, container, paragraph_style, formatting, href, spans: list[Span]) -> None:
        for child in container:
            tag = child.tag
            if tag == R:
                self._run(child, paragraph_style, formatting, href, spans)
            elif tag == HYPERLINK:
                self._inline(child, paragraph_style, formatting, self._link_target(child), spans)
            elif tag in TRANSPARENT_INLINE:
                if tag == INS:
                    self.report.add("insertion", self.where)
                elif tag == MOVE_TO:
                    self.report.add("move", self.where)
                self._inline(child, paragraph_style, formatting, href, spans)
            elif tag in SKIPPED_INLINE:
                if tag == DEL:
                    self.report.add("deletion", self.where)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, paragraph_style, formatting, href, spans)
            elif tag == FLD_SIMPLE:
                instruction = child.get(w_tag("instr"), "")
                target = self._field_link(instruction)
                if target is None and not _is_link_field(instruction):
                    self.report.add("field", self.where)
                self._inline(child, paragraph_style, formatting, target or href, spans)
            elif tag == O_MATH or tag == O_MATH_PARA:
                self.report.add("equation", self.where)
            elif tag == ALTERNATE:
                self._alternate(child)

    def _run(self, run, paragraph_style, formatting, href, spans: list[Span]) -> None:
        bold, italic = formatting
        pieces: list[str] = []
        for child in run:
            tag = child.tag
            if tag == T:
                if self.fields and not self.fields.showing():
                    continue
                pieces.append(child.text or "")
            elif tag == RPR:
                bold, italic, hidden = self._run_format(child, paragraph_style, formatting)
                if hidden:
                    if any((t.text or "").strip() for t in run.iter(T)):
                        self.report.add("hidden", self.where)
                    self._hidden_field_marks(run, spans)
                    return
            elif tag == TAB or tag == PTAB or tag == BR or tag == CR:
                if not self.fields or self.fields.showing():
                    pieces.append(self._break_or_tab(child))
            elif tag == FLD_CHAR:
                self._field_char(child, pieces, bold, italic, href, spans)
            elif tag == INSTR_TEXT:
                self.fields.instruction(child.text or "")
            elif tag == NB_HYPHEN:
                pieces.append("\u2011")
            elif tag == SYM:
                self.report.add("symbol", self.where)
            elif tag == DRAWING:
                self._drawing(child)
            elif tag == PICT:
                self._pict(child)
            elif tag == OBJECT:
                self.report.add("object", self.where)
            elif tag == CONTENT_PART:
                self.report.add("shape", self.where)
            elif tag == FOOTNOTE_REF:
                self.report.add("footnote", self.where)
            elif tag == ENDNOTE_REF:
                self.report.add("endnote", self.where)
            elif tag == COMMENT_REF:
                self.report.add("comment", self.where)
            elif tag == ALTERNATE:
                self._alternate(child)
        if pieces:
            text = "".join(pieces)
            target = self.fields.href() if self.fields else None
            spans.append(Span(text, bold, italic, target or href))

    def _break_or_tab(self, element) -> str:
        """A tab as a tab; a line break (``w:br``, ``w:cr``) as a line feed. A page or column break
        has no place in the content (the export lays out its own pages): it is reported, and kept as
        a line break so the text on either side of it stays apart."""
        if element.tag == TAB or element.tag == PTAB:
            return "\t"
        if element.tag == BR and element.get(w_tag("type"), "textWrapping") != "textWrapping":
            self.report.add("page-break", self.where)
        return "\n"

    def _run_format(self, rpr, paragraph_style, formatting) -> tuple[bool, bool, bool]:
        bold, italic = formatting
        run_style = None
        direct_bold = direct_italic = None
        hidden = False
        for child in rpr:
            tag = child.tag
            if tag == RSTYLE:
                run_style = child.get(VAL)
            elif tag == B:
                direct_bold = child.get(VAL, "true").lower() not in FALSE
            elif tag == I:
                direct_italic = child.get(VAL, "true").lower() not in FALSE
            elif tag == VANISH:
                hidden = child.get(VAL, "true").lower() not in FALSE
            elif tag == U:
                if child.get(VAL, "single") not in FALSE:
                    self.report.add("underline", self.where)
            elif tag == STRIKE or tag == DSTRIKE:
                if child.get(VAL, "true").lower() not in FALSE:
                    self.report.add("strike", self.where)
            elif tag == RPR_CHANGE:
                self.report.add("format-change", self.where)
        if run_style is not None:
            bold, italic = self.styles.formatting(paragraph_style, run_style)
        if direct_bold is not None:
            bold = direct_bold
        if direct_italic is not None:
            italic = direct_italic
        return bold, italic, hidden

    # -- fields ---------------------------------------------------------------------------

    def _hidden_field_marks(self, run, spans: list[Span]) -> None:
        """A hidden run's text is left out, but its field marks and code still begin and end fields."""
        for child in run:
            if child.tag == FLD_CHAR:
                self._field_char(child, [], False, False, None, spans)
            elif child.tag == INSTR_TEXT:
                self.fields.instruction(child.text or "")

    def end_fields(self, depth: int = 0) -> None:
        """End the fields still open (above ``depth``), reporting them: no field runs past its section."""
        count = self.fields.end_above(depth)
        if count:
            self.report.add("unclosed-field", self.where, count)

    def _field_char(self, element, pieces: list[str], bold, italic, href, spans: list[Span]) -> None:
        kind = element.get(w_tag("fldCharType"))
        if pieces:  # text before the field character belongs to the state before it
            spans.append(Span("".join(pieces), bold, italic, self.fields.href() or href))
            pieces.clear()
        if kind == "begin":
            self.fields.begin()
        elif kind == "end":
            self.fields.end()
        elif kind == "separate":
            frame = self.fields.separate()
            if frame is None:
                return
            instruction = "".join(frame.instruction)
            frame.href = self._field_link(instruction)
            if frame.href is None and not _is_link_field(instruction):
                name = _FIELD_NAME.match(instruction)
                if name is not None and name.group(1).upper() in ("TOC", "PAGEREF"):
                    return  # the table of contents is reported by its paragraphs
                self.report.add("field", self.where)

    def _field_link(self, instruction: str) -> str | None:
        match = _HYPERLINK_FIELD.match(instruction)
        if match is None:
            return None
        target = match.group(1) if match.group(1) is not None else match.group(2)
        if re.search(r"\\l\b", match.group(3) or "") and not target:
            self.report.add("internal-link", self.where)
            return None
        return self._checked(target)

    def _checked(self, target: str | None) -> str | None:
        if not target:
            return None
        if not target.lower().startswith(LINK_SCHEMES):
            self.report.add("bad-link", self.where)
            return None
        try:
            return check_href(target.replace(" ", "%20"))
        except ContentError:
            self.report.add("bad-link", self.where)
            return None

    def _link_target(self, hyperlink) -> str | None:
        r_id = hyperlink.get(R_ID)
        if r_id is None:
            if hyperlink.get(ANCHOR) is not None:
                self.report.add("internal-link", self.where)
            return None
        rel = self.rels.get(r_id)
        if rel is None or not rel.is_external:
            self.report.add("bad-link", self.where)
            return None
        target = rel.target_ref
        anchor = hyperlink.get(ANCHOR)
        if anchor:
            target = f"{target}#{anchor}"
        return self._checked(target)

    # -- things the model cannot hold -----------------------------------------------------

    def _drawing(self, drawing) -> None:
        if next(drawing.iter(TXBX_CONTENT), None) is not None:
            self.report.add("text-box", self.where)
            return
        uri = ""
        for element in drawing.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}graphicData"):
            uri = element.get("uri", "")
            break
        kind = next((kind for marker, kind in GRAPHIC_KINDS if marker in uri), "shape")
        self.report.add(kind, self.where)

    def _pict(self, pict) -> None:
        if next(pict.iter(TXBX_CONTENT), None) is not None:
            self.report.add("text-box", self.where)
        elif next(pict.iter("{urn:schemas-microsoft-com:vml}imagedata"), None) is not None:
            self.report.add("image", self.where)
        else:
            self.report.add("shape", self.where)

    def _alternate(self, alternate) -> None:
        """Markup compatibility: the first choice and its fallback say the same thing; count it once."""
        choice = alternate.find(CHOICE)
        if choice is None:
            choice = alternate.find(FALLBACK)
        if choice is None:
            return
        for child in choice:
            if child.tag == DRAWING:
                self._drawing(child)
            elif child.tag == PICT:
                self._pict(child)
            elif child.tag == OBJECT:
                self.report.add("object", self.where)
            elif child.tag == R:
                self._run(child, None, (False, False), None, [])

    # -- tables ---------------------------------------------------------------------------

    def _table(self, tbl, nested: bool = False) -> Table | None:
        return read_table(self, tbl, nested)


def _is_link_field(instruction: str) -> bool:
    return instruction.strip().upper().startswith("HYPERLINK")


def _plain(spans: list[Span]) -> str:
    """A heading's, title's or closing line's text: one line, its breaks and tabs spaces."""
    return one_line("".join(span.text for span in spans), strip=False).strip()


def strip_typed_number(heading: str) -> str:
    """A heading without a number typed at its start ("2.1 Vision" -> "Vision"); unchanged if nothing
    would be left."""
    stripped = TYPED_NUMBER.sub("", heading, count=1)
    return stripped if stripped.strip() else heading


def text_of(element) -> str:
    """All the visible text in an element (for excerpts in messages)."""
    return "".join(t.text or "" for t in element.iter(T))


