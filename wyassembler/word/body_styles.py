"""Styles and numbering as the Word reader needs them: what is bold or italic through styles
(with Word's toggling), which style is a heading, and whether a numbered paragraph is a bullet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .styles import outline_levels
from .wordml import (B, DEL, FALSE, I, ILVL, INS, MOVE_FROM, NUMID, NUMPR, OUTLINE, PPR, PPR_CHANGE, PSTYLE,
                     RPR, VAL, w_tag)


def _toggle(rpr, tag: str) -> bool | None:
    """A toggle property (``w:b``, ``w:i``, ``w:vanish``...) of run properties: None if it is not there,
    else whether it is on (on when its value is left out)."""
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
    first_row: bool = False  # a table style that formats a table's first row (w:tblStylePr firstRow)


class StyleSheet:
    """The document's paragraph and character styles, resolved through ``w:basedOn``."""

    def __init__(self, styles_root) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_table: str | None = None
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
                if outline_el is not None and outline_el.get(VAL, "").isdecimal():
                    outline = int(outline_el.get(VAL))
            self.styles[style_id] = _Style(
                name_el.get(VAL, "") if name_el is not None else "",
                based.get(VAL) if based is not None else None, numbering,
                _toggle(rpr, B) if rpr is not None else None, _toggle(rpr, I) if rpr is not None else None,
                outline, _formats_first_row(style))
            if style.get(w_tag("default")) in ("1", "true", "on"):
                if style.get(w_tag("type")) == "paragraph":
                    self.default_paragraph = style_id
                elif style.get(w_tag("type")) == "table":
                    self.default_table = style_id
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

    def formats_first_row(self, table_style: str | None) -> bool:
        """Whether a table style (or, for None, the document's default table style) gives a table's
        first row its own look, through the style or a style it is based on."""
        if table_style is None or table_style not in self.styles:
            table_style = self.default_table
        return any(style.first_row for style in self.chain(table_style))

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


def _formats_first_row(style) -> bool:
    for conditional in style.iterfind(w_tag("tblStylePr")):
        if conditional.get(w_tag("type")) == "firstRow":
            # An empty w:rPr or w:tblPr changes nothing: only properties inside count.
            return any(len(properties) for properties in conditional)
    return False


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


@dataclass(frozen=True)
class ParagraphProperties:
    """What a paragraph's own ``w:pPr`` says, as far as the reader needs it."""

    style_id: str | None = None
    numbering: tuple | None = None  # (numId, ilvl or None); numId -1: a level only, the list from the style
    outline: int | None = None
    mark_deleted: bool = False  # a tracked deletion (or move away) of the paragraph mark: joins the next
    mark_inserted: bool = False
    format_changed: bool = False  # a tracked change of the paragraph's formatting


def paragraph_properties(p) -> ParagraphProperties:
    """The :class:`ParagraphProperties` of a ``w:p``."""
    ppr = p[0] if len(p) and p[0].tag == PPR else None
    if ppr is None:
        return ParagraphProperties()
    style_id = numbering = outline = None
    deleted = inserted = changed = False
    for child in ppr:
        tag = child.tag
        if tag == PSTYLE:
            style_id = child.get(VAL)
        elif tag == NUMPR:
            numbering = numbering_reference(child) or (0, None)
        elif tag == OUTLINE:
            value = child.get(VAL, "")
            outline = int(value) if value.isdecimal() else None
        elif tag == RPR:
            deleted = deleted or child.find(DEL) is not None or child.find(MOVE_FROM) is not None
            inserted = inserted or child.find(INS) is not None
        elif tag == PPR_CHANGE:
            changed = True
    return ParagraphProperties(style_id, numbering, outline, deleted, inserted, changed)


def list_reference(numbering, style_numbering) -> tuple[int, int] | None:
    """(numId, ilvl) of a list paragraph from its own and its style's numbering, or None if it is not
    in a list (no numbering, or numId 0)."""
    if numbering is None:
        numbering = style_numbering
    elif numbering[0] == -1:  # a level on the paragraph, the list from its style
        numbering = (style_numbering[0], numbering[1]) if style_numbering else None
    if numbering is None or numbering[0] <= 0:
        return None
    ilvl = numbering[1]
    if ilvl is None:
        ilvl = style_numbering[1] if style_numbering and style_numbering[1] is not None else 0
    return numbering[0], ilvl


@dataclass(frozen=True)
class Level:
    """One level of a list definition: its number format, the number it starts at (Word's default
    is 0 when ``w:start`` is missing) and ``w:lvlRestart`` (None: restart after any shallower level)."""

    fmt: str = "decimal"
    start: int | None = None
    restart: int | None = None


class Numbering:
    """The numbering part as the reader needs it: a list paragraph's kind ("bullet", "number" or None
    for no mark) and, for counting as Word counts, each level's start and restart rule, each list
    instance's ``w:startOverride`` and the definition whose counters it shares."""

    def __init__(self, numbering_root, styles: StyleSheet) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.abstract_links: dict[str, str] = {}  # abstractNumId -> numbering style it points to
        # numId -> (abstractNumId, levels the instance redefines, its start overrides by level)
        self.nums: dict[int, tuple[str, dict[int, Level], dict[int, int]]] = {}
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
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterfind(w_tag("lvlOverride")):
                overrides.update(_levels(override))
                start = _int(override.find(w_tag("startOverride")))
                level = _int(override, "ilvl")
                if start is not None and level is not None:
                    starts[level] = start
            self.nums[num_id] = (abstract_el.get(VAL) if abstract_el is not None else "", overrides, starts)

    def kind(self, num_id: int, ilvl: int) -> str | None:
        key = (num_id, ilvl)
        if key not in self._cache:
            level = self.level(num_id, ilvl)
            fmt = level.fmt if level is not None else None
            self._cache[key] = None if fmt in (None, "none") else "bullet" if fmt == "bullet" else "number"
        return self._cache[key]

    def level(self, num_id: int, ilvl: int) -> Level | None:
        """The level a list instance shows at ``ilvl`` (its own redefinition, else its definition's)."""
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        level = entry[1].get(ilvl)
        if level is not None:
            return level
        levels = self.abstracts.get(self.counted_by(num_id), {})
        return levels.get(ilvl, levels.get(0, Level()))

    def counted_by(self, num_id: int) -> str:
        """The list definition whose counters a list instance shares, through ``w:numStyleLink``: Word
        counts per definition, so instances of one definition continue each other's numbers."""
        abstract_id = self.nums[num_id][0] if num_id in self.nums else ""
        for _ in range(5):
            link = self.abstract_links.get(abstract_id)
            if link is None:
                break
            linked = self.styles.numbering(link)  # the definition lives with a numbering style
            if linked is None or linked[0] <= 0 or linked[0] not in self.nums or linked[0] == num_id:
                break
            num_id = linked[0]
            abstract_id = self.nums[num_id][0]
        return abstract_id

    def start_override(self, num_id: int, ilvl: int) -> int | None:
        """The instance's ``w:startOverride`` at ``ilvl``: where its first item there restarts the count."""
        entry = self.nums.get(num_id)
        return entry[2].get(ilvl) if entry is not None else None


def _int(element, attribute: str = "val") -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(w_tag(attribute)))
    except (TypeError, ValueError):
        return None


def _levels(parent) -> dict[int, Level]:
    levels = {}
    for lvl in parent.iterfind(w_tag("lvl")):
        fmt = lvl.find(w_tag("numFmt"))
        ilvl = _int(lvl, "ilvl") if lvl.get(w_tag("ilvl")) is not None else 0
        if ilvl is None:
            continue
        levels[ilvl] = Level(fmt.get(VAL, "decimal") if fmt is not None else "decimal",
                             _int(lvl.find(w_tag("start"))), _int(lvl.find(w_tag("lvlRestart"))))
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
