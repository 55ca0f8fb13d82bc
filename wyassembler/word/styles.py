"""The styles an export uses, found by name in the reference document, with fallbacks.

A coordinator's branded template is matched by style *name* ("heading 1",
"Title"), never by id: Word gives built-in styles localised ids (a German
template's "Heading 1" has the id "berschrift1"). A style the template lacks is
copied from wyassembler's default template, with a warning.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

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

_STYLE, _NAME, _BASED_ON, _NEXT, _LINK = (qn(t) for t in ("w:style", "w:name", "w:basedOn", "w:next", "w:link"))
_TYPE, _STYLE_ID, _VAL = qn("w:type"), qn("w:styleId"), qn("w:val")


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
    found = {}
    for style in styles_root.iter(_STYLE):
        name = style.find(_NAME)
        if name is not None:
            found.setdefault(_key(style.get(_TYPE, "paragraph"), name.get(_VAL, "")), style)
    return found


def resolve_styles(document: Document, defaults: Document, template_name: str | None) -> StyleMap:
    """Find every role's style in ``document``; copy missing ones (and what they build on) from ``defaults``."""
    root = document.styles.element
    have = _index(root)
    ids_in_use = {style.get(_STYLE_ID) for style in root.iter(_STYLE)}
    default_root = defaults.styles.element
    default_by_id = {style.get(_STYLE_ID): style for style in default_root.iter(_STYLE)}
    default_index = _index(default_root)
    result = StyleMap({})
    missing = []
    for role, (style_type, name) in REQUIRED.items():
        style = have.get(_key(style_type, name))
        if style is None:
            source = default_index[_key(style_type, name)]
            style = _copy_with_ancestors(source, root, default_by_id, have, ids_in_use)
            missing.append(name)
        result.ids[role] = style.get(_STYLE_ID)
    if missing and template_name:
        names = ", ".join(f"\u201c{name[0].upper() + name[1:]}\u201d" for name in missing)
        plural = len(missing) > 1
        result.warnings.append(f"the template {template_name} has no {names} style{'s' if plural else ''}; "
                               f"wyassembler's default style{'s are' if plural else ' is'} used instead")
    return result


def _copy_with_ancestors(source: etree._Element, root: etree._Element, default_by_id: dict,
                         have: dict, ids_in_use: set) -> etree._Element:
    """Copy a default style into the template, mapping basedOn/next/link to what the template has."""
    style = copy.deepcopy(source)
    style_type = style.get(_TYPE, "paragraph")
    new_id = style.get(_STYLE_ID)
    while new_id in ids_in_use:
        new_id = f"{new_id}Wy"
    style.set(_STYLE_ID, new_id)
    ids_in_use.add(new_id)
    root.append(style)
    name = style.find(_NAME).get(_VAL, "")
    have[_key(style_type, name)] = style
    for reference_tag in (_BASED_ON, _NEXT, _LINK):
        reference = style.find(reference_tag)
        if reference is None:
            continue
        target = default_by_id.get(reference.get(_VAL))
        target_name = target.find(_NAME) if target is not None else None
        if target is None or target_name is None:
            style.remove(reference)
            continue
        target_key = _key(target.get(_TYPE, "paragraph"), target_name.get(_VAL, ""))
        if target_key in have:
            reference.set(_VAL, have[target_key].get(_STYLE_ID))
        elif reference_tag == _BASED_ON:
            reference.set(_VAL, _copy_with_ancestors(target, root, default_by_id, have, ids_in_use).get(_STYLE_ID))
        else:
            style.remove(reference)
    return style


def outline_levels(styles_root: etree._Element) -> dict[str, int]:
    """Style id -> heading level (1-9) for every paragraph style that is a heading."""
    by_id = {style.get(_STYLE_ID): style for style in styles_root.iter(_STYLE)}
    levels: dict[str, int] = {}

    def level_of(style_id: str, depth: int = 0) -> int | None:
        style = by_id.get(style_id)
        if style is None or depth > 20:
            return None
        ppr = style.find(qn("w:pPr"))
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if outline is not None and outline.get(_VAL, "").isdigit():
            value = int(outline.get(_VAL))
            return value + 1 if value < 9 else None
        name = style.find(_NAME)
        text = (name.get(_VAL, "") if name is not None else "").casefold()
        if text.startswith("heading ") and text[8:].isdigit():
            return int(text[8:])
        based_on = style.find(_BASED_ON)
        return level_of(based_on.get(_VAL), depth + 1) if based_on is not None else None

    for style_id in by_id:
        level = level_of(style_id)
        if level is not None:
            levels[style_id] = level
    return levels
