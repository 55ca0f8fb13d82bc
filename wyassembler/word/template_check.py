"""What a reference template would do to the accessibility of an export, before anything is exported.

The checks read the template as the export uses it: opened by :func:`.package.open_document` (a hostile
file gives the export's own one-line error), its styles found by :func:`.styles.resolve_styles` (a style
the template lacks is the plain one the export builds on the template's own), en-GB set as the export sets
it. Then, for every style the export puts text in, and for the text of the template's own headers and
footers that pages show (the export keeps them): the size of the text (``text-size``), its colour's
contrast against what it is shown on (``contrast``, WCAG 2.1 success criterion 1.4.3), pictures without
alt text (``image-alt``) and text that keeps a language other than en-GB (``language``). Each is a
:class:`.findings.Finding` whose ``place`` is the template or one of its headers or footers.

Colours follow Word: ``w:color`` (or the theme colour it names, with its tint or shade), shading's
``w:fill``, the page colour (``w:background``), white where nothing is set; "auto" text is black or white,
whichever shows. Each part's XML is read once, and every walk stays inside it.
"""

from __future__ import annotations

import colorsys
import math
import os
from dataclasses import dataclass
from typing import Any
from pathlib import Path

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ..core.findings import ERROR, TEMPLATE, WARNING, Finding
from .accessibility import pictures_without_alt
from .furniture import SAFE_PARSER, header_footer_parts
from .package import open_document
from .styles import OPTIONAL, REQUIRED, StyleMap, resolve_styles, set_style_language

SMALLEST_READABLE_PT = 10.0  # the house rule: no text under 10 pt (12 pt is easier to read)
NORMAL_CONTRAST, LARGE_CONTRAST = 4.5, 3.0  # WCAG 2.1 1.4.3 (AA): large text is 18 pt, or 14 pt bold
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0
LANGUAGE = "en-GB"  # what the export sets (writer.LANGUAGE; not imported: the writer may import this module)
WHITE, BLACK = (255, 255, 255), (0, 0, 0)
_MAX_CHAIN = 20  # basedOn links followed at most (resolve_styles has cut loops already)

Colour = tuple[int, int, int]
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RPR, _PPR, _SZ, _B, _COLOR, _SHD, _LANG = (qn(f"w:{t}") for t in ("rPr", "pPr", "sz", "b", "color", "shd", "lang"))
_STYLE, _STYLE_ID, _BASED_ON, _NAME, _VAL = (qn(f"w:{t}") for t in ("style", "styleId", "basedOn", "name", "val"))
_P, _R, _T, _PSTYLE, _RSTYLE = (qn(f"w:{t}") for t in ("p", "r", "t", "pStyle", "rStyle"))
# w:themeColor values -> the theme's colour scheme slots; text1/background1... go through w:clrSchemeMapping.
_SCHEME_SLOTS = {"dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2", "hyperlink": "hlink",
                 "followedHyperlink": "folHlink", **{f"accent{n}": f"accent{n}" for n in range(1, 7)}}
_MAPPED = {"text1": "t1", "background1": "bg1", "text2": "t2", "background2": "bg2"}
_DEFAULT_MAPPING = {"t1": "dark1", "bg1": "light1", "t2": "dark2", "bg2": "light2"}
DEFAULTS_SOURCE = "the template's default font settings"


# -- WCAG arithmetic -------------------------------------------------------------------------------------

def relative_luminance(colour: Colour) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour (0 black to 1 white)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: Colour, second: Colour) -> float:
    """WCAG 2.1's contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_large(size_pt: float, bold: bool) -> bool:
    """Large text in WCAG's sense: 18 pt, or 14 pt bold."""
    return size_pt >= LARGE_PT or (bold and size_pt >= LARGE_BOLD_PT)


def meets_contrast(ratio: float, large: bool) -> bool:
    """Whether ``ratio`` is enough (4.5:1 exactly is)."""
    return ratio >= (LARGE_CONTRAST if large else NORMAL_CONTRAST)


def shown_ratio(ratio: float) -> str:
    """The ratio to one decimal, rounded down, so that a failing 4.48 never reads "4.5:1"."""
    return f"{math.floor(ratio * 10) / 10:.1f}:1"


def hex_colour(colour: Colour) -> str:
    """``colour`` as Word and the advice write it: "#1F3864"."""
    return "#" + "".join(f"{channel:02X}" for channel in colour)


def passing_shade(colour: Colour, background: Colour, needed: float) -> Colour | None:
    """The nearest shade of ``colour`` (its lightness moved towards black, or towards white on a dark
    background) that has ``needed`` contrast with ``background``; None if even black or white has not."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(channel / 255 for channel in colour))
    darker = contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background)

    def shade(at: float) -> Colour:
        return tuple(round(channel * 255) for channel in colorsys.hls_to_rgb(hue, at, saturation))  # type: ignore

    near, far = lightness, (0.0 if darker else 1.0)  # ``far`` passes if anything does
    if contrast_ratio(shade(far), background) < needed:
        return None
    for _ in range(30):  # halve the gap between a lightness that fails and one that passes
        middle = (near + far) / 2
        if contrast_ratio(shade(middle), background) >= needed:
            far = middle
        else:
            near = middle
    return shade(far)


def _hex(value: str | None) -> Colour | None:
    if value and len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    return None


def _tinted(colour: Colour, tint: str | None, shade: str | None) -> Colour:
    """A theme colour with Word's w:themeTint / w:themeShade (hex 00-FF) applied to its HSL lightness."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(channel / 255 for channel in colour))
    if shade and _hex(shade * 3):
        lightness *= int(shade, 16) / 255
    if tint and _hex(tint * 3):
        amount = int(tint, 16) / 255
        lightness = lightness * amount + (1 - amount)
    return tuple(round(channel * 255) for channel in colorsys.hls_to_rgb(hue, lightness, saturation))  # type: ignore


# -- the template's colours and styles -------------------------------------------------------------------

@dataclass
class Setting:
    """One resolved property and where it came from (``source``: a phrase naming the style, the text
    itself, or the template's defaults), which the advice names."""

    value: Any  # a size in points, or a colour: (r, g, b) or "auto"
    source: str


class _Template:
    """The opened template's styles, theme colours and page colour, indexed once."""

    def __init__(self, document: Document, styles: StyleMap) -> None:
        self.root = document.styles.element
        self.by_id = {s.get(_STYLE_ID): s for s in self.root.iterfind(_STYLE)}
        # The run defaults, whose w:rPr child is found as a style's is.
        self.defaults = self.root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
        self.theme = _theme_colours(document)
        mapping = document.settings.element.find(qn("w:clrSchemeMapping"))
        self.mapping = {key: (mapping.get(qn(f"w:{key}")) if mapping is not None else None) or default
                        for key, default in _DEFAULT_MAPPING.items()}
        background = document.element.find(qn("w:background"))
        self.page = self.colour(background, "w:color", "w:themeColor", "w:themeTint", "w:themeShade") \
            if background is not None else None
        if not isinstance(self.page, tuple):
            self.page = WHITE
        self.styles = styles
        # The style of a paragraph that names none: Word's default paragraph style, else Normal.
        self.default_paragraph = next((s.get(_STYLE_ID) for s in self.root.iterfind(_STYLE)
                                       if s.get(qn("w:type")) == "paragraph"
                                       and s.get(qn("w:default")) in ("1", "true")), styles["normal"])

    def name(self, style_id: str | None) -> str:
        """The style's name as Word shows it, capitalised and in quotation marks (its id if it has none)."""
        style = self.by_id.get(style_id)
        name = style.find(_NAME) if style is not None else None
        text = (name.get(_VAL, "") if name is not None else "") or style_id or "?"
        return f"\u201c{text[0].upper()}{text[1:]}\u201d"

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and those it is based on, nearest first."""
        found: list[etree._Element] = []
        while style_id in self.by_id and len(found) < _MAX_CHAIN:
            style = self.by_id[style_id]
            if any(style is seen for seen in found):
                break
            found.append(style)
            based_on = style.find(_BASED_ON)
            style_id = based_on.get(_VAL) if based_on is not None else None
        return found

    def style_layers(self, style_id: str | None, prefix: str = "") -> list[tuple[str, etree._Element | None]]:
        """(source, w:rPr or w:pPr holder) for a style chain: the style elements themselves, nearest first."""
        return [(f"{prefix}the {self.name(style.get(_STYLE_ID))} style", style) for style in self.chain(style_id)]

    def colour(self, element: etree._Element | None, value: str, theme: str, tint: str, shade: str):
        """The colour an element's attributes name: an (r, g, b), "auto", or None."""
        if element is None:
            return None
        theme_name = element.get(qn(theme))
        if theme_name:
            slot = _SCHEME_SLOTS.get(self.mapping.get(_MAPPED[theme_name], "")) if theme_name in _MAPPED \
                else _SCHEME_SLOTS.get(theme_name)
            base = self.theme.get(slot or "")
            if base is not None:
                return _tinted(base, element.get(qn(tint)), element.get(qn(shade)))
        raw = element.get(qn(value))
        if raw == "auto":
            return "auto"
        return _hex(raw)

    def fill(self, shading: etree._Element | None):
        """The colour a w:shd paints (a solid pattern paints its w:color), or None for no fill."""
        if shading is None:
            return None
        if shading.get(qn("w:val")) == "solid":
            solid = self.colour(shading, "w:color", "w:themeColor", "w:themeTint", "w:themeShade")
            if isinstance(solid, tuple):
                return solid
        if shading.get(qn("w:val")) == "nil":
            return None
        found = self.colour(shading, "w:fill", "w:themeFill", "w:themeFillTint", "w:themeFillShade")
        return found if isinstance(found, tuple) else None


def _theme_colours(document: Document) -> dict[str, Colour]:
    try:
        part = document.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob, SAFE_PARSER)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return {}
    scheme = root.find(f".//{{{_A}}}clrScheme")
    colours: dict[str, Colour] = {}
    for slot in scheme if scheme is not None else ():
        if not isinstance(slot.tag, str):
            continue
        for child in slot:
            value = child.get("val") if child.tag == f"{{{_A}}}srgbClr" else child.get("lastClr")
            colour = _hex(value)
            if colour is not None:
                colours[etree.QName(slot).localname] = colour
                break
    return colours


@dataclass
class Look:
    """What a reader sees of some text: its size, weight, colour and what it is shown on."""

    size: Setting
    bold: bool
    colour: Setting
    background: Setting


def _first(layers, path: str) -> tuple[str, etree._Element] | None:
    for source, holder in layers:
        found = holder.find(path) if holder is not None else None
        if found is not None:
            return source, found
    return None


def _look(template: _Template, run_layers, paragraph_layers, fill_first=()) -> Look:
    """The look from ``run_layers`` (holders of w:rPr, nearest first, ending with the defaults) and
    ``paragraph_layers`` (holders of w:pPr for shading); ``fill_first`` are (source, colour) fills nearer
    than any paragraph's (a table cell's)."""
    size = Setting(10.0, DEFAULTS_SOURCE)  # Word's size when nothing sets one
    for source, holder in run_layers:
        element = holder.find(f"{_RPR}/{_SZ}") if holder is not None else None
        raw = element.get(_VAL, "") if element is not None else ""
        if raw.isdecimal() and int(raw) > 0:
            size = Setting(int(raw) / 2, source)
            break
    bold_found = _first(run_layers, f"{_RPR}/{_B}")
    bold = bold_found is not None and bold_found[1].get(_VAL, "true") not in ("0", "false", "off")
    colour = Setting("auto", DEFAULTS_SOURCE)
    for source, holder in run_layers:
        element = holder.find(f"{_RPR}/{_COLOR}") if holder is not None else None
        value = template.colour(element, "w:val", "w:themeColor", "w:themeTint", "w:themeShade")
        if value is not None:
            colour = Setting(value, source)
            break
    background = Setting(template.page, "the page" if template.page != WHITE else "white paper")
    # Nearest first: the run's own shading, a table cell's, then the paragraph's.
    fills = [(source, template.fill(holder.find(f"{_RPR}/{_SHD}"))) for source, holder in run_layers[:1]
             if holder is not None] + list(fill_first) + \
        [(source, template.fill(holder.find(f"{_PPR}/{_SHD}"))) for source, holder in paragraph_layers
         if holder is not None]
    for source, fill in fills:
        if fill is not None:
            background = Setting(fill, source)
            break
    return Look(size, bold, colour, background)


# -- the rules -------------------------------------------------------------------------------------------

def template_findings(template: str | os.PathLike | None) -> list[Finding]:
    """Accessibility findings for exporting through ``template`` (None: wyassembler's own reference.docx).

    A file that cannot be used as a template raises the export's own :class:`.package.PackageError`.
    """
    from .writer import default_template_path  # here, not at the top: the writer may use this module

    defaults = open_document(default_template_path(), "default template")
    document = open_document(template, "template") if template is not None else defaults
    styles = resolve_styles(document, defaults, Path(template).name if template is not None else None)
    set_style_language(document, styles, LANGUAGE)  # as the export does: what it sets is not a finding
    checked = _Template(document, styles)
    findings = _style_findings(checked)
    for name, element in _shown_furniture(document):
        findings.extend(_furniture_findings(checked, name, element))
    return findings


def _shown_furniture(document: Document) -> list[tuple[str, etree._Element]]:
    """The headers and footers pages show: a first page's only with "different first page" (w:titlePg),
    even pages' only with "different odd and even pages" (w:evenAndOddHeaders), as Word and LibreOffice."""
    section = document.element.body.find(qn("w:sectPr"))
    first = section is not None and _on(section.find(qn("w:titlePg")))
    even = _on(document.settings.element.find(qn("w:evenAndOddHeaders")))
    return [(name, element) for name, element in header_footer_parts(document)
            if (first or "first-page " not in name) and (even or "even-page " not in name)]


def _on(toggle: etree._Element | None) -> bool:
    return toggle is not None and toggle.get(_VAL, "true") not in ("0", "false", "off")


def _paragraph_roles(styles: StyleMap) -> list[str]:
    roles = [role for role, (kind, _) in (*REQUIRED.items(), *OPTIONAL.items()) if kind == "paragraph"]
    seen: set[str] = set()
    ids = []
    for role in roles:
        if styles[role] not in seen:
            seen.add(styles[role])
            ids.append(styles[role])
    return ids


def _style_findings(template: _Template) -> list[Finding]:
    small: dict[tuple[float, str], list[str]] = {}
    faint: dict[tuple, list[str]] = {}
    defaults = [(DEFAULTS_SOURCE, template.defaults)]
    normal_layers = template.style_layers(template.styles["normal"]) + defaults
    for style_id in _paragraph_roles(template.styles):
        layers = template.style_layers(style_id) + defaults
        look = _look(template, layers, layers[:-1])
        name = template.name(style_id)
        if look.size.value < SMALLEST_READABLE_PT:
            small.setdefault((look.size.value, look.size.source), []).append(name)
        _gather_contrast(faint, look, name)
    link = template.styles["hyperlink"]
    look = _look(template, template.style_layers(link) + normal_layers, normal_layers[:-1])
    _gather_contrast(faint, look, template.name(link), f"link text (the {template.name(link)} style)")
    _table_contrast(template, faint, normal_layers)
    findings = [_size_finding(names, size, source, TEMPLATE) for (size, source), names in small.items()]
    findings.extend(_contrast_finding(key, names, TEMPLATE) for key, names in faint.items())
    return findings


def _table_contrast(template: _Template, faint: dict, normal_layers) -> None:
    """A table's header row (bold, in the table style's first-row colours) and its other cells."""
    table_id = template.styles["table"]
    chain = template.chain(table_id)
    name = template.name(table_id)
    first_rows = [(f"the first row of the {template.name(style.get(_STYLE_ID))} style", conditional)
                  for style in chain for conditional in style.iterfind(qn("w:tblStylePr"))
                  if conditional.get(qn("w:type")) == "firstRow"]
    table_layers = template.style_layers(table_id)
    for rows, what, bold in ((first_rows + table_layers, f"text in a table's header row (the {name} style)", True),
                             (table_layers, f"text in table cells (the {name} style)", False)):
        cell_fill = [(source, template.fill(holder.find(f"{qn('w:tcPr')}/{_SHD}"))) for source, holder in rows
                     if holder is not None]
        sets_look = any(fill for _, fill in cell_fill) or _first(rows, f"{_RPR}/{_COLOR}") is not None
        if not sets_look:
            continue  # Normal's text on the page, checked already
        look = _look(template, rows + normal_layers, normal_layers[:-1], cell_fill)
        look.bold = look.bold or bold  # the writer bolds header cells by hand
        _gather_contrast(faint, look, name, what)


def _gather_contrast(faint: dict, look: Look, name: str, what: str = "") -> None:
    """Note a style (``name``) whose text is too faint, grouped with others of the same colours and cause;
    ``what`` names text that is not simply a paragraph style's (links, a table's header row)."""
    colour, background = look.colour.value, look.background.value
    if colour == "auto":
        return  # black or white, whichever shows: always enough
    large = is_large(look.size.value, look.bold)
    ratio = contrast_ratio(colour, background)
    if not meets_contrast(ratio, large):
        key = (colour, background, large, look.colour.source, look.background.source, what)
        faint.setdefault(key, []).append(name)


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _size_finding(names: list[str], size: float, source: str, place: str, text: str = "") -> Finding:
    where = f"the text \u201c{text}\u201d" if text else \
        f"text in the {_names(names)} style{'s' if len(names) > 1 else ''}"
    return Finding("text-size", WARNING, f"{where} is {size:g} pt, under {SMALLEST_READABLE_PT:g} pt",
                   f"set {source} to {SMALLEST_READABLE_PT:g} pt or more in the template (12 pt is easier to read)",
                   place=place)


def _contrast_finding(key: tuple, names: list[str], place: str, text: str = "") -> Finding:
    colour, background, large, colour_source, background_source, what = key
    needed = LARGE_CONTRAST if large else NORMAL_CONTRAST
    ratio = contrast_ratio(colour, background)
    if text:
        where = f"the text \u201c{text}\u201d"
    elif what:
        where = what
    else:
        where = f"text in the {_names(names)} style{'s' if len(names) > 1 else ''}"
    kind = "large text" if large else "text under 18 pt (14 pt bold)"
    on = "white paper" if background_source == "white paper" else f"{hex_colour(background)} ({background_source})"
    message = (f"{where} is {hex_colour(colour)} on {on}, a contrast of {shown_ratio(ratio)}; "
               f"WCAG 2.1 asks for {needed:g}:1 for {kind}")
    shade = passing_shade(colour, background, needed)
    darker = contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background)
    change = "darken" if darker else "lighten"
    example = f" ({hex_colour(shade)} gives {shown_ratio(contrast_ratio(shade, background))})" if shade else ""
    return Finding("contrast", ERROR, message,
                   f"{change} the text colour of {colour_source} in the template{example}", place=place)


# -- the template's own headers and footers --------------------------------------------------------------

def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _furniture_findings(template: _Template, name: str, element: etree._Element) -> list[Finding]:
    """Pictures without alt text, and text too small, too faint or in another language, in one header or
    footer; its formatting is named only where it is its own (a style the export uses is checked above)."""
    place = name.replace("the ", "the template's ", 1)
    findings = []
    missing = pictures_without_alt(element)
    if missing:  # the message leaves the place to ``place``: check prints "the template's header: it has…"
        pictures = "a picture" if missing == 1 else f"{missing} pictures"
        findings.append(Finding("image-alt", ERROR, f"it has {pictures} without alt text",
                                "describe the logo in Word (Edit Alt Text) or mark it decorative", place=place))
    text = _FurnitureText()
    text.read(template, element)
    if text.smallest is not None:
        findings.append(_size_finding([], *text.smallest[:2], place, text.smallest[2]))
    if text.faintest is not None:
        findings.append(_contrast_finding(text.faintest[1], [], place, text.faintest[2]))
    if text.foreign is not None:
        value, source, words = text.foreign
        findings.append(Finding(
            "language", WARNING,
            f"the text \u201c{words}\u201d is marked as {value}, not {LANGUAGE}: the export sets {LANGUAGE} on "
            f"its own styles, but this text keeps the language set on {source}",
            _language_advice(value), place=place))
    return findings


def _language_advice(value: str) -> str:
    """What to do about text marked as ``value``: English marked otherwise (en-US) is wrong, but a line in
    another language (a bilingual header's Welsh) is rightly marked as it is (WCAG 3.1.2)."""
    english = ("in the template, select that text and set its language to English (United Kingdom) "
               "(Review > Language)")
    if value.casefold().split("-")[0] == "en":
        return english
    return ("if the text is in English, set its language to English (United Kingdom) (select it in the template, "
            "Review > Language); if it is in the language it is marked as (Welsh, say), leave it: a screen reader "
            "reads it in that language")


@dataclass
class _FurnitureText:
    """The worst of a header's or footer's own text: the smallest (size, where set, text), the faintest
    (ratio, contrast key, text), the first in another language (language, where set, text)."""

    smallest: tuple[float, str, str] | None = None
    faintest: tuple[float, tuple, str] | None = None
    foreign: tuple[str, str, str] | None = None

    def read(self, template: _Template, element: etree._Element) -> None:
        """Take in the runs of one header or footer ``element``, keeping the worst of each kind."""
        checked_styles = {f"the {template.name(style_id)} style" for style_id in _paragraph_roles(template.styles)}
        paragraphs: dict[etree._Element, list] = {}  # a paragraph's layers, worked out once for all its runs
        for run in element.iter(_R):
            paragraph = _paragraph_of(run)
            text = _short("".join(t.text or "" for t in run.iterfind(_T)))
            if paragraph is None or not text:
                continue
            paragraph_layers = paragraphs.get(paragraph)
            if paragraph_layers is None:
                paragraph_layers = paragraphs[paragraph] = _paragraph_layers(template, paragraph)
            layers = _run_layers(template, run) + paragraph_layers
            look = _look(template, layers, [(s, h) for s, h in paragraph_layers if s != DEFAULTS_SOURCE])
            own_size = look.size.source not in checked_styles | {DEFAULTS_SOURCE}
            if own_size and look.size.value < SMALLEST_READABLE_PT and \
                    (self.smallest is None or look.size.value < self.smallest[0]):
                self.smallest = (look.size.value, look.size.source, text)
            contrast = _run_contrast(look, checked_styles)
            if contrast is not None and (self.faintest is None or contrast[0] < self.faintest[0]):
                self.faintest = (*contrast, text)
            language = _language(layers)
            if language is not None and language[0].casefold() != LANGUAGE.casefold() and self.foreign is None:
                self.foreign = (*language, text)


def _paragraph_of(run: etree._Element) -> etree._Element | None:
    """The paragraph a run is in; None for the copy of a text box in a picture's fallback (the same
    text again, for older readers)."""
    for ancestor in run.iterancestors():
        if ancestor.tag == _MC_FALLBACK:
            return None
        if ancestor.tag == _P:
            return ancestor
    return None


def _language(layers) -> tuple[str, str] | None:
    """(language, where it is set) of text: the first w:lang along its layers that names one (a w:lang
    may name only an East Asian or right-to-left language)."""
    for source, holder in layers:
        element = holder.find(f"{_RPR}/{_LANG}") if holder is not None else None
        value = element.get(_VAL) if element is not None else None
        if value:
            return value, source
    return None


def _paragraph_layers(template: _Template, paragraph: etree._Element) -> list:
    style = paragraph.find(f"{_PPR}/{_PSTYLE}")
    style_id = style.get(_VAL) if style is not None else template.default_paragraph
    if style_id not in template.by_id:
        style_id = template.default_paragraph
    return [("its paragraph", paragraph)] + template.style_layers(style_id) + \
        [(DEFAULTS_SOURCE, template.defaults)]


def _run_layers(template: _Template, run: etree._Element) -> list:
    style = run.find(f"{_RPR}/{_RSTYLE}")
    character = template.style_layers(style.get(_VAL)) if style is not None else []
    return [("the text itself", run)] + character


def _run_contrast(look: Look, checked_styles: set[str]) -> tuple[float, tuple] | None:
    colour, background = look.colour.value, look.background.value
    if colour == "auto":
        return None
    own = {look.colour.source, look.background.source} - checked_styles - {DEFAULTS_SOURCE, "the page", "white paper"}
    large = is_large(look.size.value, look.bold)
    ratio = contrast_ratio(colour, background)
    if not own or meets_contrast(ratio, large):
        return None
    return ratio, (colour, background, large, look.colour.source, look.background.source, "")
