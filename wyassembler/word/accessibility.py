"""Checks on a produced document that the accessibility rules cannot make on the project.

The rules (:mod:`.core.accessibility` for the text, :mod:`.template_check` for the template) judge
links, lists, tables, sizes, colours and pictures, and ``wyassembler check`` and the export share them
(:mod:`.export_checks`). What only the built document shows is checked here: its headings as laid out,
by the outline levels of the template's heading styles, in the order the export chose (the
consultation's, say), with the export's own parts (the sign-off record, a withheld section's notice).
Each problem is one sentence naming where it is; none stops an export. :func:`pictures_without_alt` is
the template check's count of a header's or footer's pictures that need alt text.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from .styles import outline_levels

_P, _PPR, _PSTYLE, _T, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:t"), qn("w:val")

_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_DOC_PR = f"{{{_WP}}}docPr"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_VML = "urn:schemas-microsoft-com:vml"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PICT = qn("w:pict")


# The project's outline never skips a level (a sub-section is one below its parent, in either order), so
# a skip in the built document comes from the outline levels of the template's heading styles.
_SKIPPED_LEVEL_ADVICE = ("In the template, give Heading 1, 2 and 3 the outline levels 1, 2 and 3 (Word: Paragraph "
                         "\u203a Outline level).")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def check_document(body: etree._Element, styles_root: etree._Element) -> list[str]:
    """Warnings for skipped heading levels and empty headings in ``body``, its headings known by the
    outline levels of ``styles_root``'s styles."""
    levels = outline_levels(styles_root)
    warnings: list[str] = []
    previous_level, last_heading = 0, "the start of the document"
    for paragraph in body.iterchildren(_P):
        style = paragraph.find(f"{_PPR}/{_PSTYLE}")
        level = levels.get(style.get(_VAL, "")) if style is not None else None
        if level is None:
            continue
        text = _text(paragraph)
        if not text.strip():
            warnings.append(f"an empty heading (level {level}) follows \u201c{_short(last_heading)}\u201d; "
                            "screen readers announce it as a blank heading")
        else:
            if level > previous_level + 1:
                warnings.append(f"the heading \u201c{_short(text)}\u201d is level {level} but follows a "
                                f"level {previous_level or 'none'}; heading levels should not be skipped "
                                f"\u2014 {_SKIPPED_LEVEL_ADVICE}")
            last_heading = text
        previous_level = level
    return warnings


def pictures_without_alt(element: etree._Element) -> int:
    """How many pictures in ``element`` (a header or footer) have no alt text.

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
    return missing
