"""Reading an exported .docx back the way Word would: styles by name, numbering resolved."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn


@dataclass
class Para:
    style: str
    text: str
    num_id: int | None
    level: int | None
    element: object


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def body_paragraphs(document) -> list[Para]:
    """Paragraphs directly in the body, in order, with their style's name and list numbering."""
    result = []
    for p in document.paragraphs:
        ppr = p._p.pPr
        num_id = level = None
        if ppr is not None and ppr.numPr is not None:
            num_id = int(ppr.numPr.numId.val) if ppr.numPr.numId is not None else None
            level = int(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else 0
        result.append(Para(p.style.name, p.text, num_id, level, p._p))
    return result


def level_texts(document, num_id: int) -> dict[int, tuple[str, str]]:
    """Level -> (numFmt, lvlText) of a numbering instance, following its abstract definition."""
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.iterfind(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iterfind(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == abstract_id)
    return {int(lvl.get(qn("w:ilvl"))): (lvl.find(qn("w:numFmt")).get(qn("w:val")),
                                          lvl.find(qn("w:lvlText")).get(qn("w:val")))
            for lvl in abstract.iterfind(qn("w:lvl"))}


def start_overrides(document, num_id: int) -> dict[int, int]:
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.iterfind(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    return {int(o.get(qn("w:ilvl"))): int(o.find(qn("w:startOverride")).get(qn("w:val")))
            for o in num.iterfind(qn("w:lvlOverride"))}


def style_numbering(document, style_name: str) -> tuple[int, int]:
    """(numId, ilvl) a paragraph style is linked to."""
    style = document.styles[style_name].element
    numpr = style.find(qn("w:pPr")).find(qn("w:numPr"))
    ilvl = numpr.find(qn("w:ilvl"))
    return int(numpr.find(qn("w:numId")).get(qn("w:val"))), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0


def links(document) -> list[tuple[str, str, str | None]]:
    """(text, target, run style name) of every hyperlink in the body."""
    found = []
    rels = document.part.rels
    for link in document.element.body.iter(qn("w:hyperlink")):
        text = "".join(t.text or "" for t in link.iter(qn("w:t")))
        r_style = link.find(f".//{qn('w:rStyle')}")
        style_name = None
        if r_style is not None:
            style_name = next(s.name for s in document.styles if s.style_id == r_style.get(qn("w:val")))
        found.append((text, rels[link.get(qn("r:id"))].target_ref, style_name))
    return found


def part_text(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def header_text(document) -> str:
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)
