"""Checks on a produced document against UK public-sector accessibility expectations.

They read the WordprocessingML the writer built (not the project), so they
judge what a reader of the document will meet, including a branded template's
heading styles. Each problem is one sentence naming where it is; none stops an
export.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

from .styles import outline_levels

VAGUE_LINK_TEXTS = {"click here", "here", "click", "link", "this link", "read more", "more", "more info",
                    "more information", "this page", "go", "website"}
_BARE_URL = re.compile(r"^\s*(https?://|www\.|mailto:)\S*\s*$", re.IGNORECASE)

_TBL, _PSTYLE, _T, _HYPERLINK = (qn(t) for t in ("w:tbl", "w:pStyle", "w:t", "w:hyperlink"))
_TR, _TRPR, _TBLHEADER, _VAL = qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:val")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def check_document(body: etree._Element, styles_root: etree._Element) -> list[str]:
    """Warnings for skipped heading levels, empty headings, vague or bare-URL links, headerless tables."""
    levels = outline_levels(styles_root)
    warnings: list[str] = []
    previous_level = 0
    last_heading = "the start of the document"
    table_count = 0
    # One pass in document order; a style reference always sits in a paragraph directly in the body
    # (or a table cell), so headings, links and tables are all met where a reader meets them.
    for element in body.iter(_PSTYLE, _HYPERLINK, _TBL):
        tag = element.tag
        if tag == _PSTYLE:
            level = levels.get(element.get(_VAL))
            if level is None:
                continue
            paragraph = element.getparent().getparent()
            if paragraph.getparent() is not body:
                continue
            text = _text(paragraph)
            if not text.strip():
                warnings.append(f"an empty heading (level {level}) follows \u201c{_short(last_heading)}\u201d; "
                                "screen readers announce it as a blank heading")
            else:
                if level > previous_level + 1:
                    warnings.append(f"the heading \u201c{_short(text)}\u201d is level {level} but follows a "
                                    f"level {previous_level or 'none'}; heading levels should not be skipped")
                last_heading = text
            previous_level = level
        elif tag == _HYPERLINK:
            problem = _link_problem(_text(element).strip())
            if problem:
                warnings.append(f"{problem} under \u201c{_short(last_heading)}\u201d")
        else:
            table_count += 1
            first_row = element.find(_TR)
            trpr = first_row.find(_TRPR) if first_row is not None else None
            if trpr is None or trpr.find(_TBLHEADER) is None:
                warnings.append(f"table {table_count} (under \u201c{_short(last_heading)}\u201d) has no header row")
    return warnings


def _link_problem(text: str) -> str | None:
    if not text:
        return "a link with no text"
    if _BARE_URL.match(text):
        return f"the link text \u201c{_short(text)}\u201d is a bare address (say where it leads)"
    if text.casefold().strip(" .:!") in VAGUE_LINK_TEXTS:
        return f"the link text \u201c{text}\u201d does not say where it leads"
    return None
