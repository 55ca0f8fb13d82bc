"""Checks on a produced document against UK public-sector accessibility expectations.

They read the WordprocessingML the writer built (not the project), so they
judge what a reader of the document will meet, including a branded template's
heading styles. Each problem is one sentence naming where it is; none stops an
export.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.oxml.ns import qn
from lxml import etree

from .styles import outline_levels

VAGUE_LINK_TEXTS = {"click here", "here", "click", "link", "this link", "read more", "more", "more info",
                    "more information", "this page", "go", "website"}
_BARE_URL = re.compile(r"^\s*(https?://|www\.|mailto:)\S*\s*$", re.IGNORECASE)

_P, _PPR, _NUMPR = qn("w:p"), qn("w:pPr"), qn("w:numPr")
_TBL, _PSTYLE, _T, _HYPERLINK = (qn(t) for t in ("w:tbl", "w:pStyle", "w:t", "w:hyperlink"))
_TR, _TC, _TRPR, _TBLHEADER, _VAL = qn("w:tr"), qn("w:tc"), qn("w:trPr"), qn("w:tblHeader"), qn("w:val")
_BR, _TAB, _CR = qn("w:br"), qn("w:tab"), qn("w:cr")
# A bullet typed at the start of a line: "•" alone is never prose; "-", "*" and "–" only before a space.
_TYPED_BULLET = re.compile(r"^\s*(?:([\u2022\u25cf\u25aa\u00b7])\s*|([-*\u2013])[ \t\u00a0]+)\S")
# A dash (or the hyphen typed for one) opening a single line is usually a quotation's attribution
# ("\u2013 Tim Berners-Lee"): dashes count as a typed list from two lines in a row.
_DASHES = frozenset("-\u2013")

_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_DOC_PR = f"{{{_WP}}}docPr"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_VML = "urn:schemas-microsoft-com:vml"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PICT = qn("w:pict")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _lines(paragraph: etree._Element) -> list[str]:
    """A paragraph's text split at its line breaks (a typed list is often one paragraph of lines)."""
    pieces: list[str] = []
    for element in paragraph.iter(_T, _BR, _TAB, _CR):
        if element.tag == _T:
            pieces.append(element.text or "")
        elif element.tag == _TAB:
            pieces.append("\t")
        elif element.get(qn("w:type")) in (None, "textWrapping"):
            pieces.append("\n")
    return "".join(pieces).split("\n")


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def check_document(body: etree._Element, styles_root: etree._Element,
                   furniture: Sequence[tuple[str, etree._Element]] = ()) -> list[str]:
    """Warnings for skipped heading levels, empty headings, vague or bare-URL links, typed bullets,
    tables without a header row or with empty header cells, and pictures in ``furniture`` (the
    headers and footers, as ``(name, element)``) without alt text."""
    checker = _Checker(outline_levels(styles_root))
    # One pass in document order, so each problem is named by the heading a reader meets it under.
    for element in body.iter(_P, _HYPERLINK, _TBL):
        if element.tag == _P:
            checker.paragraph(element, element.getparent() is body)
        elif element.tag == _HYPERLINK:
            problem = _link_problem(_text(element).strip())
            if problem:
                checker.warn(f"{problem} under {checker.place()}")
        else:
            checker.table(element)
    checker.end_typed_list()
    for name, element in furniture:
        checker.warnings.extend(image_problems(name, element))
    return checker.warnings


class _Checker:
    """What the walk has seen so far: the heading it is under, the typed list in progress, the warnings."""

    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels
        self.warnings: list[str] = []
        self.previous_level = 0
        self.last_heading = "the start of the document"
        self.table_count = 0
        self.typed: list[str] = []  # the bullet characters of consecutive typed-bullet paragraphs

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def place(self) -> str:
        return f"\u201c{_short(self.last_heading)}\u201d"

    def paragraph(self, paragraph: etree._Element, in_body: bool) -> None:
        style = paragraph.find(f"{_PPR}/{_PSTYLE}")
        level = self.levels.get(style.get(_VAL, "")) if style is not None else None
        if level is not None and in_body:
            self.end_typed_list()
            self.heading(_text(paragraph), level)
            return
        if level is None and paragraph.find(f"{_PPR}/{_NUMPR}") is None:
            bullets = [match.group(1) or match.group(2) for line in _lines(paragraph)
                       if (match := _TYPED_BULLET.match(line))]
            if bullets:
                self.typed.extend(bullets)
                return
        self.end_typed_list()

    def heading(self, text: str, level: int) -> None:
        if not text.strip():
            self.warn(f"an empty heading (level {level}) follows {self.place()}; "
                      "screen readers announce it as a blank heading")
        else:
            if level > self.previous_level + 1:
                self.warn(f"the heading \u201c{_short(text)}\u201d is level {level} but follows a "
                          f"level {self.previous_level or 'none'}; heading levels should not be skipped")
            self.last_heading = text
        self.previous_level = level

    def end_typed_list(self) -> None:
        if len(self.typed) == 1 and self.typed[0] in _DASHES:
            self.typed = []
        if not self.typed:
            return
        count, marks = len(self.typed), "".join(f"\u201c{mark}\u201d" for mark in dict.fromkeys(self.typed))
        lines = "a line starts" if count == 1 else f"{count} lines start"
        self.warn(f"{lines} with a typed bullet ({marks}) under {self.place()}; make them a real list, "
                  "which screen readers announce as one")
        self.typed = []

    def table(self, table: etree._Element) -> None:
        self.end_typed_list()
        self.table_count += 1
        where = f"table {self.table_count} (under {self.place()})"
        first_row = table.find(_TR)
        trpr = first_row.find(_TRPR) if first_row is not None else None
        if first_row is None or trpr is None or trpr.find(_TBLHEADER) is None:
            self.warn(f"{where} has no header row")
            return
        empty = [str(column) for column, cell in enumerate(first_row.iterfind(_TC), 1) if not _text(cell).strip()]
        if empty:
            columns = f"column{'s' if len(empty) > 1 else ''} {', '.join(empty)}"
            self.warn(f"{where} has {'an empty header cell' if len(empty) == 1 else 'empty header cells'} "
                      f"({columns}); a screen reader reads nothing for that column")


def image_problems(name: str, element: etree._Element) -> list[str]:
    """A warning for each picture in ``element`` (a header or footer called ``name``) with no alt text.

    A picture marked decorative in Word needs none. VML pictures inside a DrawingML picture's fallback
    are the same picture again and are not counted twice.
    """
    missing = 0
    for doc_pr in element.iter(_DOC_PR):
        decorative = any(flag.get("val") in ("1", "true") for flag in doc_pr.iter(_DECORATIVE))
        if not decorative and not (doc_pr.get("descr") or "").strip():
            missing += 1
    for pict in element.iter(_PICT):
        if any(ancestor.tag == _MC_FALLBACK for ancestor in pict.iterancestors()):
            continue
        for shape in pict.iter(f"{{{_VML}}}shape"):
            image = shape.find(f"{{{_VML}}}imagedata")
            title = image.get("{urn:schemas-microsoft-com:office:office}title") if image is not None else None
            if image is not None and not (shape.get("alt") or title or "").strip():
                missing += 1
    if not missing:
        return []
    pictures = "a picture" if missing == 1 else f"{missing} pictures"
    return [f"{name} of the template has {pictures} without alt text; describe the logo in Word "
            "(Edit Alt Text) or mark it decorative"]


def _link_problem(text: str) -> str | None:
    if not text:
        return "a link with no text"
    if _BARE_URL.match(text):
        return f"the link text \u201c{_short(text)}\u201d is a bare address (say where it leads)"
    if text.casefold().strip(" .:!") in VAGUE_LINK_TEXTS:
        return f"the link text \u201c{text}\u201d does not say where it leads"
    return None
