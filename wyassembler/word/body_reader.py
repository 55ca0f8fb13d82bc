"""Reading WordprocessingML body content into the content model, and listing what does not fit.

:class:`BodyReader` walks body elements (``w:p``, ``w:tbl``, content controls...)
and yields what it reads, told apart by type (:data:`Item`): a :class:`Heading` with its level,
the :class:`Title`, :class:`Subtitle` and :class:`Closing` line, and each :class:`BlockItem`.
Whatever the model cannot hold is counted in an :class:`ImportReport` with where it was, never
dropped silently.

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
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..core.content import LINK_SCHEMES, MAX_LIST_LEVEL, ListItem, Paragraph, Span, Table, check_href
from ..core.errors import ContentError
from ..core.text import clean_text as one_line
from .body_fields import FieldStack
from .body_items import NAMED_LINES, BlockItem, Closing, Heading, Item, ParagraphStyle, Styling, paragraph_role
from .body_styles import (Numbering, StyleSheet, list_reference, numbering_root, paragraph_properties,
                          styles_root)
from .body_tables import read_table
from .import_report import ImportReport
from .list_numbers import WordCounters
from .wordml import (ALTERNATE, ALT_CHUNK, ANCHOR, B, BR, CHOICE, COMMENT_REF, CONTENT_PART, CR, CUSTOM_XML,
                     DEL, DRAWING, DSTRIKE, ENDNOTE_REF, FALLBACK, FALSE, FLD_CHAR, FLD_SIMPLE, FOOTNOTE_REF,
                     GRAPHIC_KINDS, HYPERLINK, I, INS, INSTR_TEXT, MOVE_TO, NB_HYPHEN, OBJECT, O_MATH,
                     O_MATH_PARA, P, PICT, PTAB, R, RPR, RPR_CHANGE, RSTYLE, R_ID, SDT, SDT_CONTENT,
                     SKIPPED_INLINE, SOFT_HYPHEN, STRIKE, SYM, T, TAB, TBL, TRANSPARENT_INLINE, TXBX_CONTENT, U,
                     VAL, VANISH, w_tag)

# A number typed at the start of a heading: "1 ", "2.1.", "3.2.1)" followed by a space or tab.
TYPED_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}[.)]?[\s\u00a0]+")
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))(.*)$', re.IGNORECASE | re.DOTALL)
_LIST_STYLE_LEVEL = re.compile(r"^list (?:bullet|number) ([2-9])$")
_FIELD_NAME = re.compile(r"^\s*([A-Za-z]+)")


class _RunText:
    """One run's text as it is read: the pieces not yet made a span, with the styling they take."""

    __slots__ = ("styling", "pieces", "spans")

    def __init__(self, styling: Styling, spans: list[Span]) -> None:
        self.styling = styling
        self.pieces: list[str] = []
        self.spans = spans  # where the run's spans go


# -- the reader -------------------------------------------------------------------------------

class BodyReader:
    """Turns body elements into :data:`Item` values; ``where`` names the place for the report.

    Inside a paragraph, each element is read by the handler its tag has in :data:`_INLINE_HANDLERS`
    (a paragraph's children) or :data:`_RUN_HANDLERS` (a run's); elements in neither leave nothing.
    """

    def __init__(self, document, report: ImportReport) -> None:
        self.report = report
        self.where = "the text before the first heading"  # reads after "in" in the report
        self.styles = StyleSheet(styles_root(document))
        self.numbering = Numbering(numbering_root(document), self.styles)
        self.counters = WordCounters(self.numbering)
        self.rels = document.part.rels
        self.fields = FieldStack()
        self._paragraph_styles: dict[str | None, ParagraphStyle] = {}
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
                    yield BlockItem(table)
            elif tag == ALT_CHUNK:
                self.report.add("alt-chunk", self.where)
        self.end_fields()
        if carry:
            yield BlockItem(Paragraph(tuple(carry)))

    def block_elements(self, elements: Iterable) -> Iterator:
        """Paragraphs, tables and alt chunks, looking through content controls, custom XML and
        tracked block changes."""
        for element in elements:
            tag = element.tag
            if tag in (P, TBL, ALT_CHUNK):
                yield element
            elif tag == SDT:
                content = element.find(SDT_CONTENT)
                if content is not None:
                    yield from self.block_elements(content)
            elif tag in (CUSTOM_XML, INS, MOVE_TO):
                yield from self.block_elements(element)
            elif tag == O_MATH_PARA:
                self.report.add("equation", self.where)

    def paragraph_style(self, style_id: str | None) -> ParagraphStyle:
        """What the paragraph style ``style_id`` (the default paragraph style if the document has no
        such style) says, cached."""
        info = self._paragraph_styles.get(style_id)
        if info is None:
            effective = style_id if style_id in self.styles.styles else self.styles.default_paragraph
            name = self.styles.name(effective)
            level = self.styles.heading_levels.get(effective) if effective else None
            match = _LIST_STYLE_LEVEL.match(name)
            bold, italic = self.styles.formatting(effective, None)
            info = ParagraphStyle(paragraph_role(name), level, self.styles.numbering(effective),
                                  int(match.group(1)) if match else 1, Styling(effective, bold, italic))
            self._paragraph_styles[style_id] = info
        return info

    def _paragraph(self, p, carry: list[Span]) -> tuple[Item | None, list[Span]]:
        """The item a paragraph makes (None if it makes none), and the text carried into the next
        paragraph (all of it, when this paragraph's mark was deleted)."""
        props = paragraph_properties(p)
        if props.mark_inserted:
            self.report.add("insertion", self.where)
        if props.format_changed:
            self.report.add("format-change", self.where)
        style = self.paragraph_style(props.style_id)
        level = style.heading_level
        if props.outline is not None:
            level = props.outline + 1 if props.outline < 9 else None
        heading = level if style.role == "body" else None  # a Title with an outline level stays a title
        if heading is not None:
            self.end_fields()  # a heading starts a section: no field runs into it
        spans = carry + self.spans(p, style.styling)
        if props.mark_deleted:
            self.report.add("deletion", self.where)
            return None, spans
        if style.role == "toc":
            if any(span.text.strip() for span in spans):
                self.report.add("toc", self.where)
            return None, []
        if heading is not None:
            return self._heading(spans, heading), []
        return self._body_paragraph(style, props.numbering, spans), []

    def _body_paragraph(self, style: ParagraphStyle, numbering, spans: list[Span]) -> Item:
        """A title, subtitle or closing line, a list item, or else a paragraph."""
        named = self._named_paragraph(style.role, spans)
        if named is not None:
            return named
        reference = list_reference(numbering, style.numbering)
        if reference is not None and self.numbering.kind(*reference) is not None:
            return self._list_item(spans, reference, style)
        return BlockItem(Paragraph(tuple(spans)))

    def _heading(self, spans: list[Span], level: int) -> Item | None:
        """A heading at levels 1 to 3, even an empty one (the builder names it); deeper, a bold paragraph."""
        text = _plain(spans)
        if any(span.href for span in spans):
            self.report.add("heading-link", self.where)
        if level <= MAX_LIST_LEVEL:
            self.headings_seen = self.headings_seen or bool(text)  # an empty one may yet be left out
            return Heading(text, level, tuple(spans))
        if not text:
            return None
        self.report.add("deep-heading", self.where)
        return BlockItem(Paragraph(tuple(Span(s.text, True, s.italic, s.href) for s in spans)))

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
                return NAMED_LINES[role](text)
        if role == "closing":
            text = _plain(spans)
            if text:
                return Closing(text)
        return None

    def _list_item(self, spans: list[Span], reference: tuple[int, int], style: ParagraphStyle) -> Item:
        """A list item, with the number Word shows it if it is numbered (see :mod:`.list_numbers`)."""
        num_id, ilvl = reference
        kind = self.numbering.kind(num_id, ilvl) or "bullet"  # the caller checked there is a kind
        number: int | None = self.counters.next_number(num_id, ilvl)
        list_level = max(1, ilvl + 1)
        if ilvl == 0 and style.numbering is not None and num_id == style.numbering[0]:
            list_level = style.list_level  # LibreOffice repeats the style's list on the paragraph
        if list_level > MAX_LIST_LEVEL:
            self.report.add("deep-list", self.where)
            list_level = MAX_LIST_LEVEL
            number = None  # moved up among other items: Word's number for it no longer fits
        return BlockItem(ListItem(tuple(spans), kind, list_level), number if kind == "number" else None)

    # -- inline -------------------------------------------------------------------------------

    def spans(self, container, styling: Styling) -> list[Span]:
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
                self._inline(container, styling, spans)
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

    def _inline(self, container, styling: Styling, spans: list[Span]) -> None:
        """A paragraph's (or a link's, a simple field's, a wrapper's) children, read into ``spans``."""
        for child in container:
            handler = _INLINE_HANDLERS.get(child.tag)
            if handler is not None:
                handler(self, child, styling, spans)

    def _hyperlink(self, hyperlink, styling: Styling, spans: list[Span]) -> None:
        href = self._link_target(hyperlink)
        first = len(spans)
        self._inline(hyperlink, styling.linked(href), spans)
        if href is not None and not any(span.text for span in spans[first:]):
            self.report.add("empty-link", self.where)  # nothing shows for it: the model cannot hold it

    def _transparent(self, wrapper, styling: Styling, spans: list[Span]) -> None:
        """Smart tags, custom XML, text direction, tracked insertions and moves: read as if their
        children stood in their place (a tracked change accepted, and reported)."""
        tracked = _TRACKED_INLINE.get(wrapper.tag)
        if tracked is not None:
            self.report.add(tracked, self.where)
        self._inline(wrapper, styling, spans)

    def _deleted(self, deleted, styling: Styling, spans: list[Span]) -> None:
        """Tracked deletions (reported) and moves away (reported where they arrive): left out."""
        if deleted.tag == DEL:
            self.report.add("deletion", self.where)

    def _inline_control(self, sdt, styling: Styling, spans: list[Span]) -> None:
        content = sdt.find(SDT_CONTENT)
        if content is not None:
            self._inline(content, styling, spans)

    def _simple_field(self, field, styling: Styling, spans: list[Span]) -> None:
        """A ``w:fldSimple``: its result as text, a link if it is a ``HYPERLINK`` field."""
        instruction = field.get(w_tag("instr"), "")
        target = self._field_link(instruction)
        if target is None and not _is_link_field(instruction):
            self.report.add("field", self.where)
        self._inline(field, styling.linked(target or styling.href), spans)

    def _run(self, run, styling: Styling, spans: list[Span]) -> None:
        """A ``w:r``: its properties (``w:rPr``, its first child by the schema), then each child by its
        handler."""
        rpr = run[0] if len(run) and run[0].tag == RPR else None  # not run.find(RPR): that costs a path lookup
        if rpr is not None:
            styling, hidden = self._run_format(rpr, styling)
            if hidden:
                self._hidden_run(run)
                return
        text = _RunText(styling, spans)
        handlers = _RUN_HANDLERS
        for child in run:
            handler = handlers.get(child.tag)
            if handler is not None:
                handler(self, child, text)
        if text.pieces:
            self._end_span(text)

    def _hidden_run(self, run) -> None:
        """A hidden run's text is left out (and reported), but its field marks and code still begin
        and end fields."""
        if any((t.text or "").strip() for t in run.iter(T)):
            self.report.add("hidden", self.where)
        text = _RunText(Styling(), [])
        for child in run:
            handler = _HIDDEN_RUN_HANDLERS.get(child.tag)
            if handler is not None:
                handler(self, child, text)

    def _end_span(self, text: _RunText) -> None:
        """The pieces read so far as a span, linked to the open ``HYPERLINK`` field's target if any."""
        if text.pieces:
            styling = text.styling
            field_link = self.fields.href() if self.fields else None
            text.spans.append(Span("".join(text.pieces), styling.bold, styling.italic, field_link or styling.href))
            text.pieces.clear()

    def _showing(self) -> bool:
        """Whether text here is shown: outside every field, or in every open field's result."""
        return not self.fields or self.fields.showing()

    def _text(self, element, text: _RunText) -> None:
        fields = self.fields
        if not fields or fields.showing():  # self._showing(), inlined: the commonest element of all
            text.pieces.append(element.text or "")

    def _tab(self, element, text: _RunText) -> None:
        if self._showing():
            text.pieces.append("\t")

    def _line_break(self, element, text: _RunText) -> None:
        """A line break (``w:br``, ``w:cr``) as a line feed. A page or column break has no place in
        the content (the export lays out its own pages): it is reported, and kept as a line break so
        the text on either side of it stays apart."""
        if not self._showing():
            return
        if element.tag == BR and element.get(w_tag("type"), "textWrapping") != "textWrapping":
            self.report.add("page-break", self.where)
        text.pieces.append("\n")

    def _no_break_hyphen(self, element, text: _RunText) -> None:
        if self._showing():  # in a field's code it is code, not text
            text.pieces.append("\u2011")

    def _run_format(self, rpr, styling: Styling) -> tuple[Styling, bool]:
        """The styling of a run with these properties, and whether it is hidden: its character style
        resolved against the paragraph's, then its direct bold and italic."""
        properties = {child.tag: child for child in rpr}  # one pass; a repeated property: its last
        if not _REPORTED_FORMATS.isdisjoint(properties):
            self._report_run_format(properties)
        style = properties.get(RSTYLE)
        run_style = style.get(VAL) if style is not None else None
        bold, italic = styling.bold, styling.italic
        if run_style is not None:
            bold, italic = self.styles.formatting(styling.paragraph_style, run_style)
        bold = _on(properties.get(B), bold)
        italic = _on(properties.get(I), italic)
        if bold != styling.bold or italic != styling.italic:
            styling = Styling(styling.paragraph_style, bold, italic, styling.href)
        return styling, _on(properties.get(VANISH), False)

    def _report_run_format(self, properties: dict) -> None:
        """Underline and strikethrough, which the content drops, and tracked formatting changes."""
        underline = properties.get(U)
        if underline is not None and underline.get(VAL, "single") not in FALSE:
            self.report.add("underline", self.where)
        for tag in (STRIKE, DSTRIKE):
            if _on(properties.get(tag), False):
                self.report.add("strike", self.where)
        if RPR_CHANGE in properties:
            self.report.add("format-change", self.where)

    # -- fields ---------------------------------------------------------------------------

    def end_fields(self, depth: int = 0) -> None:
        """End the fields still open (above ``depth``), reporting them: no field runs past its section."""
        count = self.fields.end_above(depth)
        if count:
            self.report.add("unclosed-field", self.where, count)

    def _field_char(self, element, text: _RunText) -> None:
        """A complex field's begin, separate or end mark; text before it takes the state before it."""
        self._end_span(text)
        kind = element.get(w_tag("fldCharType"))
        if kind == "begin":
            self.fields.begin()
        elif kind == "end":
            self.fields.end()
        elif kind == "separate":
            frame = self.fields.separate()
            if frame is not None:
                frame.href = self._field_result_link("".join(frame.instruction))

    def _field_result_link(self, instruction: str) -> str | None:
        """The link a complex field's result is, if it is a ``HYPERLINK`` field; any other field is
        reported (except those of a table of contents, reported by its paragraphs)."""
        href = self._field_link(instruction)
        if href is None and not _is_link_field(instruction):
            name = _FIELD_NAME.match(instruction)
            if name is None or name.group(1).upper() not in ("TOC", "PAGEREF"):
                self.report.add("field", self.where)
        return href

    def _instruction(self, element, text: _RunText) -> None:
        self.fields.instruction(element.text or "")

    def _field_link(self, instruction: str) -> str | None:
        match = _HYPERLINK_FIELD.match(instruction)
        if match is None:
            return None
        target = match.group(1) if match.group(1) is not None else match.group(2)
        place = re.search(r'\\l\s+(?:"([^"]*)"|(\S+))', match.group(3) or "")
        if re.search(r"\\l\b", match.group(3) or "") and not target:
            self.report.add("internal-link", self.where)
            return None
        if target and place and (fragment := place.group(1) if place.group(1) is not None else place.group(2)):
            target = f"{target}#{fragment}"  # a place in the page (LibreOffice writes "#frag" so)
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
                self._run(child, Styling(), [])

    # -- tables ---------------------------------------------------------------------------

    def _table(self, tbl, nested: bool = False) -> Table | None:
        return read_table(self, tbl, nested)


# -- the handlers, by element -----------------------------------------------------------------

InlineHandler = Callable[[BodyReader, Any, Styling, list[Span]], None]
RunHandler = Callable[[BodyReader, Any, _RunText], None]


def _reported(kind: str) -> Callable[..., None]:
    """A handler for something the content cannot hold: counted in the report as ``kind``."""
    def report(reader: BodyReader, element: Any, *_: object) -> None:
        reader.report.add(kind, reader.where)
    return report


def _ignored(reader: BodyReader, element: Any, *_: object) -> None:
    """A handler for what leaves nothing in the text."""


def _element_only(method: Callable[[BodyReader, Any], None]) -> Callable[..., None]:
    """A handler reading the element alone, wherever it stands."""
    def handle(reader: BodyReader, element: Any, *_: object) -> None:
        method(reader, element)
    return handle


_TRACKED_INLINE = {INS: "insertion", MOVE_TO: "move"}
_REPORTED_FORMATS = frozenset((U, STRIKE, DSTRIKE, RPR_CHANGE))  # run properties the content cannot hold

# A paragraph's children (and a link's, a simple field's, a wrapper's); anything else leaves nothing.
_INLINE_HANDLERS: dict[str, InlineHandler] = {
    R: BodyReader._run,
    HYPERLINK: BodyReader._hyperlink,
    **dict.fromkeys(TRANSPARENT_INLINE, BodyReader._transparent),
    **dict.fromkeys(SKIPPED_INLINE, BodyReader._deleted),
    SDT: BodyReader._inline_control,
    FLD_SIMPLE: BodyReader._simple_field,
    O_MATH: _reported("equation"),
    O_MATH_PARA: _reported("equation"),
    ALTERNATE: _element_only(BodyReader._alternate),
}

# A run's children (its w:rPr is read first, by BodyReader._run); anything else leaves nothing.
_RUN_HANDLERS: dict[str, RunHandler] = {
    T: BodyReader._text,
    TAB: BodyReader._tab,
    PTAB: BodyReader._tab,
    BR: BodyReader._line_break,
    CR: BodyReader._line_break,
    NB_HYPHEN: BodyReader._no_break_hyphen,
    SOFT_HYPHEN: _ignored,  # an optional hyphen, shown only where Word breaks the line there
    FLD_CHAR: BodyReader._field_char,
    INSTR_TEXT: BodyReader._instruction,
    SYM: _reported("symbol"),
    DRAWING: _element_only(BodyReader._drawing),
    PICT: _element_only(BodyReader._pict),
    OBJECT: _reported("object"),
    CONTENT_PART: _reported("shape"),
    FOOTNOTE_REF: _reported("footnote"),
    ENDNOTE_REF: _reported("endnote"),
    COMMENT_REF: _reported("comment"),
    ALTERNATE: _element_only(BodyReader._alternate),
}

# A hidden run's children: only its field marks and code count.
_HIDDEN_RUN_HANDLERS: dict[str, RunHandler] = {FLD_CHAR: BodyReader._field_char, INSTR_TEXT: BodyReader._instruction}


def _on(toggle: Any, default: bool) -> bool:
    """A toggle property's element (``w:b``, ``w:i``...; on unless its value says off), or ``default``
    if there is none."""
    return default if toggle is None else toggle.get(VAL, "true").lower() not in FALSE


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


