"""Styles and numbering as the Word reader needs them: what is bold or italic through styles
(with Word's toggling), which style is a heading, and whether a numbered paragraph is a bullet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .styles import outline_levels
from .wordml import B, FALSE, I, ILVL, NUMID, NUMPR, OUTLINE, PPR, RPR, VAL, w_tag


def _toggle(rpr, tag: str) -> bool | None:
    element = rpr.find(tag)
    if element is None:
        return None
    return element.get(VAL, "true").lower() not in FALSE


@dataclass
class _Style:
    name: str
    based_on: str | None
    numbering: tuple[int, int | None] | None  # (numId, ilvl or None) from the style's own w:numPr
    bold: bool | None
    italic: bool | None
    outline: int | None  # 0-8, from the style's own w:outlineLvl


class StyleSheet:
    """The document's paragraph and character styles, resolved through ``w:basedOn``."""

    def __init__(self, styles_root) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold = self.default_italic = False
        if styles_root is None:
            self.heading_levels: dict[str, int] = {}
            return
        for style in styles_root.iter(w_tag("style")):
            style_id = style.get(w_tag("styleId"))
            if style_id is None:
                continue
            name_el = style.find(w_tag("name"))
            based = style.find(w_tag("basedOn"))
            ppr = style.find(PPR)
            rpr = style.find(RPR)
            numbering = outline = None
            if ppr is not None:
                numpr = ppr.find(NUMPR)
                if numpr is not None:
                    numbering = numbering_reference(numpr)
                outline_el = ppr.find(OUTLINE)
                if outline_el is not None and outline_el.get(VAL, "").isdigit():
                    outline = int(outline_el.get(VAL))
            self.styles[style_id] = _Style(
                name_el.get(VAL, "") if name_el is not None else "",
                based.get(VAL) if based is not None else None, numbering,
                _toggle(rpr, B) if rpr is not None else None, _toggle(rpr, I) if rpr is not None else None,
                outline)
            if style.get(w_tag("type")) == "paragraph" and style.get(w_tag("default")) in ("1", "true", "on"):
                self.default_paragraph = style_id
        defaults = styles_root.find(f"{w_tag('docDefaults')}/{w_tag('rPrDefault')}/{RPR}")
        if defaults is not None:
            self.default_bold = bool(_toggle(defaults, B))
            self.default_italic = bool(_toggle(defaults, I))
        self.heading_levels = outline_levels(styles_root)
        self._formats: dict[tuple, tuple[bool, bool]] = {}

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen = 0
        while style_id is not None and seen < 20:
            style = self.styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on
            seen += 1

    def name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id) if style_id is not None else None
        return style.name.casefold() if style is not None else ""

    def numbering(self, style_id: str | None) -> tuple[int, int | None] | None:
        for style in self.chain(style_id):
            if style.numbering is not None:
                return style.numbering
        return None

    def _flag(self, style_id: str | None, attribute: str) -> bool | None:
        for style in self.chain(style_id):
            value = getattr(style, attribute)
            if value is not None:
                return value
        return None

    def formatting(self, paragraph_style: str | None, run_style: str | None) -> tuple[bool, bool]:
        """Bold and italic that styles give a run: toggle properties, so each style level flips them."""
        key = (paragraph_style, run_style)
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        result = []
        for attribute, default in (("bold", self.default_bold), ("italic", self.default_italic)):
            levels = [self._flag(paragraph_style, attribute), self._flag(run_style, attribute)]
            given = [value for value in levels if value is not None]
            result.append(sum(given) % 2 == 1 if given else default)
        self._formats[key] = (result[0], result[1])
        return self._formats[key]


def numbering_reference(numpr) -> tuple[int, int | None] | None:
    num_el, ilvl_el = numpr.find(NUMID), numpr.find(ILVL)
    try:
        num_id = int(num_el.get(VAL)) if num_el is not None else None
        ilvl = int(ilvl_el.get(VAL)) if ilvl_el is not None else None
    except (TypeError, ValueError):
        return None
    if num_id is None:
        return (-1, ilvl) if ilvl is not None else None  # a level without a list: inherit the list
    return num_id, ilvl


class Numbering:
    """List kinds from the numbering part: numId and level -> "bullet", "number" or None (no mark)."""

    def __init__(self, numbering_root, styles: StyleSheet) -> None:
        self.abstracts: dict[str, dict[int, str]] = {}
        self.abstract_links: dict[str, str] = {}  # abstractNumId -> numbering style it points to
        self.nums: dict[int, tuple[str, dict[int, str]]] = {}
        self.styles = styles
        self._cache: dict[tuple[int, int], str | None] = {}
        if numbering_root is None:
            return
        for abstract in numbering_root.iterfind(w_tag("abstractNum")):
            abstract_id = abstract.get(w_tag("abstractNumId"))
            self.abstracts[abstract_id] = _levels(abstract)
            link = abstract.find(w_tag("numStyleLink"))
            if link is not None:
                self.abstract_links[abstract_id] = link.get(VAL)
        for num in numbering_root.iterfind(w_tag("num")):
            try:
                num_id = int(num.get(w_tag("numId")))
            except (TypeError, ValueError):
                continue
            abstract_el = num.find(w_tag("abstractNumId"))
            overrides = {}
            for override in num.iterfind(w_tag("lvlOverride")):
                overrides.update(_levels(override))
            self.nums[num_id] = (abstract_el.get(VAL) if abstract_el is not None else "", overrides)

    def kind(self, num_id: int, ilvl: int) -> str | None:
        key = (num_id, ilvl)
        if key not in self._cache:
            self._cache[key] = self._kind(num_id, ilvl, 0)
        return self._cache[key]

    def _kind(self, num_id: int, ilvl: int, depth: int) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None or depth > 5:
            return None
        abstract_id, overrides = entry
        fmt = overrides.get(ilvl)
        if fmt is None:
            link = self.abstract_links.get(abstract_id)
            if link is not None:  # the definition lives with a numbering style
                linked = self.styles.numbering(link)
                if linked is not None and linked[0] > 0 and linked[0] != num_id:
                    return self._kind(linked[0], ilvl, depth + 1)
            levels = self.abstracts.get(abstract_id, {})
            fmt = levels.get(ilvl, levels.get(0, "decimal"))
        if fmt == "none":
            return None
        return "bullet" if fmt == "bullet" else "number"


def _levels(parent) -> dict[int, str]:
    levels = {}
    for lvl in parent.iterfind(w_tag("lvl")):
        fmt = lvl.find(w_tag("numFmt"))
        try:
            levels[int(lvl.get(w_tag("ilvl"), "0"))] = fmt.get(VAL, "decimal") if fmt is not None else "decimal"
        except ValueError:
            continue
    return levels



def styles_root(document):
    try:
        return document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def numbering_root(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None
