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

from .xml_values import attr, first_child, int_value, parent

_SECT_PR, _PG_SZ, _TITLE_PG, _PG_NUM = qn("w:sectPr"), qn("w:pgSz"), qn("w:titlePg"), qn("w:pgNumType")


def break_paragraph(orientation: str) -> str:
    """An empty paragraph that ends a section of pages in ``orientation`` ("portrait" or "landscape"),
    to be completed by :func:`complete_sections`."""
    return f'<w:p><w:pPr><w:sectPr><w:pgSz w:orient="{orientation}"/></w:sectPr></w:pPr></w:p>'


def landscape_width(section_properties: etree._Element | None) -> int | None:
    """The text width (twips) of the page turned to landscape, keeping the left and right margins; None if
    the section properties do not say the page size."""
    if section_properties is None:
        return None
    size, margins = section_properties.find(_PG_SZ), section_properties.find(qn("w:pgMar"))
    width, height = int_value(size, qn("w:w")), int_value(size, qn("w:h"))
    left, right = int_value(margins, qn("w:left")), int_value(margins, qn("w:right"))
    if width is None or height is None or left is None or right is None:
        return None
    return max(width, height) - left - right


def complete_sections(document: Document) -> None:
    """Fill in the section breaks the builder marked, from the document's last section properties.

    The first section holds page 1, so only it keeps a different first page (``w:titlePg``) and a page
    number restart; the others continue the count and use the template's usual header and footer.
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


def _section_copy(final: etree._Element, orientation: str, first: bool) -> etree._Element:
    section = copy.deepcopy(final)
    size = first_child(section, _PG_SZ)
    width, height = int(attr(size, qn("w:w"))), int(attr(size, qn("w:h")))  # landscape_width() read them
    landscape = orientation == "landscape"
    size.set(qn("w:w"), str(max(width, height) if landscape else min(width, height)))
    size.set(qn("w:h"), str(min(width, height) if landscape else max(width, height)))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif size.get(qn("w:orient")) is not None:
        del size.attrib[qn("w:orient")]
    if not first:
        for element in section.findall(_TITLE_PG):
            section.remove(element)
        _continue_numbering(section)
    return section


def _continue_numbering(section: etree._Element) -> None:
    """Page numbers go on from the section before (no restart at a later section)."""
    numbering = section.find(_PG_NUM)
    if numbering is not None and numbering.get(qn("w:start")) is not None:
        del numbering.attrib[qn("w:start")]
