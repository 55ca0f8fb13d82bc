"""The styles an export uses, found by name in the reference document, with fallbacks.

A coordinator's branded template is matched by style *name* ("heading 1",
"Title"), never by id: Word gives built-in styles localised ids (a German
template's "Heading 1" has the id "berschrift1"). A style the template lacks is
copied from wyassembler's default template, with a warning.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from .xml_values import attr, first_child, parent

# What the writer needs: role -> (style type, the name Word gives the built-in style).
REQUIRED = {
    "normal": ("paragraph", "Normal"),
    "title": ("paragraph", "Title"),
    "subtitle": ("paragraph", "Subtitle"),
    "heading1": ("paragraph", "heading 1"),
    "heading2": ("paragraph", "heading 2"),
    "heading3": ("paragraph", "heading 3"),
    "list": ("paragraph", "List Paragraph"),
    "header": ("paragraph", "header"),
    "footer": ("paragraph", "footer"),
    "closing": ("paragraph", "Closing"),
    "hyperlink": ("character", "Hyperlink"),
    "table": ("table", "Table Grid"),
}

# Used only when the template has them, else Normal (none is copied in, no warning): role -> (type, name).
# "statement": the paragraphs the response generates about itself (on whose behalf, a section's confidential
# note), set apart from the partners' own text.
OPTIONAL = {"statement": ("paragraph", "Quote")}

_STYLE, _NAME, _BASED_ON, _NEXT, _LINK = (qn(t) for t in ("w:style", "w:name", "w:basedOn", "w:next", "w:link"))
_TYPE, _STYLE_ID, _VAL = qn("w:type"), qn("w:styleId"), qn("w:val")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _key(style_type: str, name: str) -> tuple[str, str]:
    return style_type, name.casefold()


@dataclass
class StyleMap:
    """Style ids for each role the writer uses, after filling gaps from the default template."""

    ids: dict[str, str]
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, role: str) -> str:
        return self.ids[role]

    def heading(self, level: int) -> str:
        return self.ids[f"heading{level}"]


def _index(styles_root: etree._Element) -> dict[tuple[str, str], etree._Element]:
    found: dict[tuple[str, str], etree._Element] = {}
    for style in styles_root.iter(_STYLE):
        name = style.find(_NAME)
        if name is not None:
            found.setdefault(_key(style.get(_TYPE, "paragraph"), name.get(_VAL, "")), style)
    return found


def resolve_styles(document: Document, defaults: Document, template_name: str | None) -> StyleMap:
    """Find every role's style in ``document``; make the missing ones from ``defaults``, built on the template's.

    A missing style keeps only the shape of wyassembler's default (spacing, keeping with the next
    paragraph, bold, the hyperlink's underline) and is based on the template's own Normal or heading
    style, so it takes the template's fonts, sizes and colours: a closing line in a serif document is serif.
    """
    root = document.styles.element
    drop_dangling_references(root)
    have = _index(root)
    ids_in_use = {style.get(_STYLE_ID) for style in root.iter(_STYLE)}
    default_index = _index(defaults.styles.element)
    result = StyleMap({})
    missing: list[str] = []

    # ``again`` is this function, handed to it rather than named from within: a nested function naming
    # itself is a reference cycle (holding the template's styles) that a freeze (ui.project.heap) could keep.
    def resolve(role: str, again: Callable[..., str]) -> str:
        if role in result.ids:
            return result.ids[role]
        style_type, name = REQUIRED[role]
        style = have.get(_key(style_type, name))
        if style is None:
            base_role = FALLBACK_BASE.get(role)
            base_id = again(base_role, again) if base_role else None
            next_id = again("normal", again) if style_type == "paragraph" and role != "normal" else None
            style = _fallback(default_index[_key(style_type, name)], root, have, ids_in_use, base_id, next_id)
            if role == "hyperlink":
                _theme_link_colour(style, document)
            if role == "title" and base_role and base_role.startswith("heading"):
                _not_a_heading(style)
            missing.append(name)
        result.ids[role] = attr(style, _STYLE_ID)
        return result.ids[role]

    for role in REQUIRED:
        resolve(role, resolve)
    for role, (style_type, name) in OPTIONAL.items():
        style = have.get(_key(style_type, name))
        result.ids[role] = attr(style, _STYLE_ID) if style is not None else result.ids["normal"]
    order = [name for _, name in REQUIRED.values()]
    missing.sort(key=order.index)  # resolving bases first changes the order they were met in
    if missing and template_name:
        names = ", ".join(f"\u201c{name[0].upper() + name[1:]}\u201d" for name in missing)
        plural = len(missing) > 1
        result.warnings.append(f"the template {template_name} has no {names} style{'s' if plural else ''}; "
                               f"plain one{'s' if plural else ''} built on its own Normal and heading styles "
                               f"{'are' if plural else 'is'} used instead")
    return result


_REFERENCES = tuple(qn(f"w:{tag}") for tag in ("basedOn", "link", "next"))


def drop_dangling_references(styles_root: etree._Element) -> None:
    """Remove a style's ``basedOn``, ``link`` and ``next`` that name no style in the template (a style id
    renamed by hand, say): Word repairs them as it opens the file, but they make the document invalid,
    and would be passed on to ours."""
    ids = {style.get(_STYLE_ID) for style in styles_root.iter(_STYLE)}
    for style in styles_root.iter(_STYLE):
        for reference in [child for child in style if child.tag in _REFERENCES]:
            if reference.get(qn("w:val")) not in ids:
                style.remove(reference)
    break_based_on_loops(styles_root)


def break_based_on_loops(styles_root: etree._Element) -> None:
    """Cut every ``basedOn`` chain that comes back to a style it passed, at the link that closes the loop.

    Normal based on Heading 1 based on Normal: Word repairs it, LibreOffice never finishes opening the
    file. (``next`` and ``link`` may loop: Normal is followed by Normal, a heading and its character
    style link each other; neither is followed through.)"""
    by_id: dict[str | None, etree._Element] = {}
    for style in styles_root.iter(_STYLE):
        by_id.setdefault(style.get(_STYLE_ID), style)  # Word takes the first of two styles with one id
    settled: set[str | None] = set()  # styles whose chain is known to end
    for start in by_id:
        path: set[str | None] = set()  # a set: looked up at each step of a chain that may be 100,000 long
        style_id = start
        while style_id in by_id and style_id not in settled:
            path.add(style_id)
            style = by_id[style_id]
            based_on = style.find(_BASED_ON)
            if based_on is None:
                break
            if based_on.get(_VAL) in path:
                style.remove(based_on)
                break
            style_id = based_on.get(_VAL)
        settled.update(path)


# A style the template lacks is based on this role's style (the template's own, or itself a fallback).
FALLBACK_BASE = {
    "title": "heading1", "subtitle": "normal", "heading1": "normal", "heading2": "heading1",
    "heading3": "heading2", "list": "normal", "header": "normal", "footer": "normal", "closing": "normal",
}
# What a fallback must not bring: wyassembler's own fonts, sizes and colours (and numbering, which the
# writer sets, and line spacing, which the template's Normal sets).
_LOOK = tuple(qn(f"w:{tag}") for tag in ("rFonts", "sz", "szCs", "color", "kern", "shd", "highlight", "numPr",
                                         "rsid"))
_SPACING, _PPR, _RPR = qn("w:spacing"), qn("w:pPr"), qn("w:rPr")


def _fallback(source: etree._Element, root: etree._Element, have: dict, ids_in_use: set,
              base_id: str | None, next_id: str | None) -> etree._Element:
    """A copy of a default style stripped of its look, based on ``base_id`` and followed by ``next_id``."""
    style = copy.deepcopy(source)
    style_type = style.get(_TYPE, "paragraph")
    for element in list(style.iter(*_LOOK)):
        parent(element).remove(element)
    for spacing in style.iter(_SPACING):
        holder = parent(spacing)
        if holder.tag == _RPR:  # character spacing is part of the default's look
            holder.remove(spacing)
            continue
        for attribute in ("w:line", "w:lineRule"):
            if qn(attribute) in spacing.attrib:
                del spacing.attrib[qn(attribute)]
    for tag in (_BASED_ON, _NEXT, _LINK):
        for reference in style.findall(tag):
            style.remove(reference)
    if base_id is None and style_type == "table":
        # A table style builds on the template's "Normal Table" when it has one (Word's tblPr defaults).
        base = have.get(_key("table", "Normal Table"))
        base_id = base.get(_STYLE_ID) if base is not None else None
    name = first_child(style, _NAME)
    for tag, value in ((_NEXT, next_id), (_BASED_ON, base_id)):  # schema order: name, basedOn, next
        if value is not None:
            reference = etree.Element(tag)
            reference.set(_VAL, value)
            name.addnext(reference)
    new_id = attr(style, _STYLE_ID)
    while new_id in ids_in_use:
        new_id = f"{new_id}Wy"
    style.set(_STYLE_ID, new_id)
    ids_in_use.add(new_id)
    root.append(style)
    have[_key(style_type, name.get(_VAL, ""))] = style
    return style


def _not_a_heading(style: etree._Element) -> None:
    """A title based on a heading style is not numbered and not in the navigation pane."""
    ppr = _child(style, _PPR, _STYLE_SUCCESSORS_OF_PPR)
    numbering = etree.fromstring(f'<w:numPr xmlns:w="{_W}"><w:numId w:val="0"/></w:numPr>')
    _insert_in_order(ppr, numbering, _PPR_AFTER_NUMPR)
    for outline in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(outline)
    outline = etree.Element(qn("w:outlineLvl"))
    outline.set(_VAL, "9")  # 9: body text
    _insert_in_order(ppr, outline, _PPR_AFTER_OUTLINE)


def _theme_link_colour(style: etree._Element, document: Document) -> None:
    """The theme's hyperlink colour, tied to the theme as Word ties it; none when the theme has none."""
    colour = theme_hyperlink_colour(document)
    if colour is None:
        return
    rpr = _child(style, _RPR, _STYLE_SUCCESSORS_OF_RPR)
    element = etree.Element(qn("w:color"))
    element.set(_VAL, colour)
    element.set(qn("w:themeColor"), "hyperlink")
    _insert_in_order(rpr, element, _RPR_AFTER_COLOR)


def _theme(document: Document) -> etree._Element | None:
    try:
        theme = document.part.part_related_by(RT.THEME)
        return etree.fromstring(theme.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return None


def theme_fonts(document: Document) -> dict[str, str]:
    """The theme's Latin body (``minor``) and heading (``major``) typefaces, those it names."""
    root = _theme(document)
    fonts = {}
    for name in ("minor", "major"):
        latin = root.find(f".//{{{_A}}}fontScheme/{{{_A}}}{name}Font/{{{_A}}}latin") if root is not None else None
        typeface = latin.get("typeface") if latin is not None else None
        if typeface:
            fonts[name] = typeface
    return fonts


def theme_hyperlink_colour(document: Document) -> str | None:
    """The hex colour the template's theme gives hyperlinks (``a:hlink``), or None."""
    root = _theme(document)
    if root is None:
        return None
    link = root.find(f".//{{{_A}}}clrScheme/{{{_A}}}hlink")
    if link is None:
        return None
    for child in link:
        value = child.get("val") if child.tag == f"{{{_A}}}srgbClr" else child.get("lastClr")
        if value and len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
            return value.upper()
    return None


def set_style_language(document: Document, styles: StyleMap, language: str) -> None:
    """``language`` in the document defaults, on every style the body uses, and as the theme's font language.

    A template made on a Word set up for the US says en-US on Normal (and often its headings); a style's
    own w:lang beats the defaults, so each style the export uses gets ``language`` explicitly.
    """
    root = document.styles.element
    by_id = {style.get(_STYLE_ID): style for style in root.iter(_STYLE)}
    _set_lang(_default_run_properties(root), language)
    for style_id in set(styles.ids.values()):
        style = by_id.get(style_id)
        if style is not None:
            _set_lang(_child(style, _RPR, _STYLE_SUCCESSORS_OF_RPR), language)
    for theme_language in document.settings.element.iter(qn("w:themeFontLang")):
        theme_language.set(_VAL, language)


def _default_run_properties(root: etree._Element) -> etree._Element:
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_RPR)
    if rpr is None:
        rpr = etree.SubElement(rpr_default, _RPR)
    return rpr


def _set_lang(rpr: etree._Element, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.Element(qn("w:lang"))
        _insert_in_order(rpr, lang, _RPR_AFTER_LANG)
    lang.set(_VAL, language)


# Schema order (ECMA-376 CT_Style, CT_PPrBase, CT_RPr): what must come after the element inserted.
_STYLE_SUCCESSORS_OF_PPR = {qn(f"w:{t}") for t in ("rPr", "tblPr", "trPr", "tcPr", "tblStylePr")}
_STYLE_SUCCESSORS_OF_RPR = {qn(f"w:{t}") for t in ("tblPr", "trPr", "tcPr", "tblStylePr")}
_PPR_AFTER_NUMPR = {qn(f"w:{t}") for t in (
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}
_PPR_AFTER_OUTLINE = {qn(f"w:{t}") for t in ("divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}
_RPR_AFTER_COLOR = {qn(f"w:{t}") for t in (
    "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange")}
_RPR_AFTER_LANG = {qn(f"w:{t}") for t in ("eastAsianLayout", "specVanish", "oMath", "rPrChange")}


def _child(parent: etree._Element, tag: str, successors: set[str]) -> etree._Element:
    """``parent``'s ``tag`` child, added in schema order if it has none."""
    child = parent.find(tag)
    if child is None:
        child = etree.Element(tag)
        _insert_in_order(parent, child, successors)
    return child


def _insert_in_order(parent: etree._Element, element: etree._Element, successors: set[str]) -> None:
    for existing in parent:
        if existing.tag in successors:
            existing.addprevious(element)
            return
    parent.append(element)


def _level_of(by_id: dict[str, etree._Element], style_id: str, depth: int = 0) -> int | None:
    # A module function, not a nested one calling itself: that is a reference cycle (holding the styles)
    # which the app's freeze of a large project (ui.project.heap) could keep for good.
    style = by_id.get(style_id)
    if style is None or depth > 20:
        return None
    ppr = style.find(qn("w:pPr"))
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    number = outline.get(_VAL, "") if outline is not None else ""
    if number.isdecimal():
        value = int(number)
        return value + 1 if value < 9 else None
    name = style.find(_NAME)
    text = (name.get(_VAL, "") if name is not None else "").casefold()
    if text.startswith("heading ") and text[8:].isdecimal():
        return int(text[8:])
    based_on = style.find(_BASED_ON)
    return _level_of(by_id, based_on.get(_VAL, ""), depth + 1) if based_on is not None else None


def outline_levels(styles_root: etree._Element) -> dict[str, int]:
    """Style id -> heading level (1-9) for every paragraph style that is a heading."""
    by_id = {style_id: style for style in styles_root.iter(_STYLE) if (style_id := style.get(_STYLE_ID)) is not None}
    levels: dict[str, int] = {}
    for style_id in by_id:
        level = _level_of(by_id, style_id)
        if level is not None:
            levels[style_id] = level
    return levels
