"""Landscape pages for tables too wide for the page: Word section breaks around them.

A table whose words cannot all fit the portrait text width, even set smaller
(:func:`.layout.table_size`), goes on landscape pages, as a coordinator would put
it by hand in Word. The body builder marks where each section ends with a
paragraph holding a bare ``w:sectPr`` and only ``w:pgSz/@w:orient`` (see
:func:`break_paragraph`); once the template's header and footer are set,
:func:`complete_sections` fills each mark in from the document's own (last)
section properties, so every page keeps the template's margins, header, footer
and page numbers.
"""

from __future__ import annotations

import copy

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from .package import PackageError
from .xml_values import attr, first_child, int_value, parent

_SECT_PR, _PG_SZ, _TITLE_PG, _PG_NUM = qn("w:sectPr"), qn("w:pgSz"), qn("w:titlePg"), qn("w:pgNumType")
_PG_MAR = qn("w:pgMar")
# What wyassembler's own template sets: A4 with 2.5 cm margins (Word's own default page is Letter or A4 by
# the country it is set up for, so a template that says nothing is given one explicitly).
DEFAULT_PAGE = {"w": 11906, "h": 16838}
DEFAULT_MARGINS = {"top": 1417, "right": 1417, "bottom": 1417, "left": 1417, "header": 709, "footer": 709,
                   "gutter": 0}
NARROWEST_TEXT = 1134  # 2 cm: less room for text than this between the margins is no page to export to
LARGEST_PAGE = 31680  # 22 inches (55.9 cm): the widest and tallest page Word's Page Setup accepts
# CT_SectPr children that come after w:pgSz and after w:pgMar, in schema order.
_AFTER_PG_SZ = {qn(f"w:{tag}") for tag in ("pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
                                           "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
                                           "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")}
_AFTER_PG_MAR = _AFTER_PG_SZ - {_PG_MAR}


def page_set_up(document: Document, template_name: str) -> list[str]:
    """Make sure the body's own section properties say the page size and margins, and leave room for text.

    A template whose body has no ``w:sectPr`` (Word always writes one; other tools and hand edits may
    not), or whose ``w:sectPr`` leaves the size or a margin out, gets A4 with 2.5 cm margins there, and a
    warning; a page with less than 2 cm between its margins either way is refused in one line
    (:class:`.PackageError`): tables laid out for it would be a letter wide."""
    body = document.element.body
    section = body.find(_SECT_PR)
    if section is None:
        section = etree.SubElement(body, _SECT_PR)
        warnings = [f"the template {template_name} does not set up its page (its body has no section "
                    "properties): A4 with 2.5 cm margins is used"]
    else:
        warnings = []
    filled = _fill(section, _PG_SZ, DEFAULT_PAGE, _AFTER_PG_SZ) + _fill(section, _PG_MAR, DEFAULT_MARGINS,
                                                                         _AFTER_PG_MAR)
    if filled and not warnings:
        warnings.append(f"the template {template_name} does not say its page's {' or '.join(filled)}: "
                        "A4 with 2.5 cm margins is used for what it leaves out")
    _refuse_no_room(section, template_name)
    return warnings


def _fill(section: etree._Element, tag: str, defaults: dict[str, int], successors: set[str]) -> list[str]:
    """Add ``tag`` to ``section`` in schema order if missing, and any of ``defaults`` it lacks or has
    unreadable; what was filled in, as the warning names it."""
    element = section.find(tag)
    if element is None:
        element = etree.Element(tag)
        following = next((child for child in section if child.tag in successors), None)
        if following is None:
            section.append(element)
        else:
            following.addprevious(element)
    filled = []
    for name, value in defaults.items():
        if int_value(element, qn(f"w:{name}")) is None:
            element.set(qn(f"w:{name}"), str(value))
            filled.append(_DESCRIBED.get(name, f"{name} margin"))
    return filled


_DESCRIBED = {"w": "width", "h": "height", "header": "header distance", "footer": "footer distance",
              "gutter": "gutter"}


def _cm(twips: int) -> str:
    return f"{twips / 567:.1f} cm"


def _refuse_no_room(section: etree._Element, template_name: str) -> None:
    size, margins = first_child(section, _PG_SZ), first_child(section, _PG_MAR)
    width, height = int(attr(size, qn("w:w"))), int(attr(size, qn("w:h")))
    left, right, gutter = (int(attr(margins, qn(f"w:{name}"))) for name in ("left", "right", "gutter"))
    # Word reads a negative top or bottom margin as "this far, even if the header is taller": its size counts.
    top, bottom = (abs(int(attr(margins, qn(f"w:{name}")))) for name in ("top", "bottom"))
    across, down = width - left - right - gutter, height - top - bottom
    if max(width, height) > LARGEST_PAGE:  # tables would be laid out for a page no one can print or show
        raise PackageError(f"the template {template_name} has a page {_cm(width)} wide and {_cm(height)} high; "
                           f"Word's pages are at most {_cm(LARGEST_PAGE)} either way")
    if across < NARROWEST_TEXT:
        raise PackageError(f"the template {template_name} leaves {_cm(max(across, 0))} for text across its page "
                           f"({_cm(width)} wide, margins {_cm(left)} and {_cm(right)}"
                           f"{f', gutter {_cm(gutter)}' if gutter else ''}); at least 2 cm is needed")
    if down < NARROWEST_TEXT:
        raise PackageError(f"the template {template_name} leaves {_cm(max(down, 0))} for text down its page "
                           f"({_cm(height)} high, margins {_cm(top)} and {_cm(bottom)}); at least 2 cm is needed")


def break_paragraph(orientation: str) -> str:
    """An empty paragraph that ends a section of pages in ``orientation`` ("portrait" or "landscape"),
    to be completed by :func:`complete_sections`."""
    return f'<w:p><w:pPr><w:sectPr><w:pgSz w:orient="{orientation}"/></w:sectPr></w:pPr></w:p>'


def landscape_width(section_properties: etree._Element | None) -> int | None:
    """The text width (twips) of the page turned to landscape, keeping the left and right margins; None if
    the section properties do not say the page size."""
    return _text_across(section_properties, landscape=True)


def page_text_width(section_properties: etree._Element | None) -> int | None:
    """The text width (twips) of the page as the section properties set it; None if they do not say."""
    return _text_across(section_properties, landscape=False)


def _text_across(section_properties: etree._Element | None, landscape: bool) -> int | None:
    if section_properties is None:
        return None
    size, margins = section_properties.find(_PG_SZ), section_properties.find(_PG_MAR)
    width, height = int_value(size, qn("w:w")), int_value(size, qn("w:h"))
    left, right = int_value(margins, qn("w:left")), int_value(margins, qn("w:right"))
    if width is None or height is None or left is None or right is None:
        return None
    gutter = int_value(margins, qn("w:gutter")) or 0  # the binding's room, beside the left margin
    return (max(width, height) if landscape else width) - left - right - gutter


def complete_sections(document: Document, last_orientation: str = "portrait") -> None:
    """Fill in the section breaks the builder marked, from the document's last section properties.

    The first section holds page 1, so only it keeps a different first page (``w:titlePg``) and a page
    number restart; the others continue the count and use the template's usual header and footer.
    ``last_orientation`` "landscape" turns the last section too (a wide table ends the document).
    """
    body = document.element.body
    final = body.find(_SECT_PR)
    marks = list(body.iterfind(f"{qn('w:p')}/{qn('w:pPr')}/{_SECT_PR}"))
    if not marks:
        return
    if final is None or landscape_width(final) is None:  # the builder marks none then; never leave one bare
        for mark in marks:
            parent(mark).remove(mark)
        return
    for index, mark in enumerate(marks):
        orientation = first_child(mark, _PG_SZ).get(qn("w:orient"), "portrait")
        parent(mark).replace(mark, _section_copy(final, orientation, first=index == 0))
    for element in final.findall(_TITLE_PG):
        final.remove(element)
    _continue_numbering(final)
    if last_orientation == "landscape":  # (a template's own landscape page is left as it is otherwise)
        _orient(final, "landscape")


def _section_copy(final: etree._Element, orientation: str, first: bool) -> etree._Element:
    section = copy.deepcopy(final)
    _orient(section, orientation)
    if not first:
        for element in section.findall(_TITLE_PG):
            section.remove(element)
        _continue_numbering(section)
    return section


def _orient(section: etree._Element, orientation: str) -> None:
    """Turn the page of ``section`` to ``orientation`` ("portrait" or "landscape")."""
    size = first_child(section, _PG_SZ)
    width, height = int(attr(size, qn("w:w"))), int(attr(size, qn("w:h")))  # landscape_width() read them
    landscape = orientation == "landscape"
    size.set(qn("w:w"), str(max(width, height) if landscape else min(width, height)))
    size.set(qn("w:h"), str(min(width, height) if landscape else max(width, height)))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif size.get(qn("w:orient")) is not None:
        del size.attrib[qn("w:orient")]


def _continue_numbering(section: etree._Element) -> None:
    """Page numbers go on from the section before (no restart at a later section)."""
    numbering = section.find(_PG_NUM)
    if numbering is not None and numbering.get(qn("w:start")) is not None:
        del numbering.attrib[qn("w:start")]
