"""Low-level WordprocessingML: paragraphs, runs, hyperlinks, fields, tables, numbering, styles.

This is the only module that knows element names and their order in the
schema; the writer above it speaks of paragraphs, lists and tables.

Body content is written as XML text and parsed once (:func:`parse_fragment`):
lxml parses text far faster than Python can create elements one by one, and
it is what keeps an 800-page export near a quarter of a second (python-docx's
``add_paragraph`` is over fifteen times slower per paragraph). Everything that
is written here is escaped here, so no caller ever builds markup by hand.
"""

from __future__ import annotations

import re

from docx.oxml.ns import nsdecls, qn
from lxml import etree

PPR, NUMPR, ILVL, NUMID, VAL = qn("w:pPr"), qn("w:numPr"), qn("w:ilvl"), qn("w:numId"), qn("w:val")
RPR = qn("w:rPr")
SMALLEST_FONT_SIZE, LARGEST_FONT_SIZE = 1.0, 1638.0  # points: what Word's font size box accepts
_SubElement = etree.SubElement
_FRAGMENT_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
_FRAGMENT_OPEN = f"<w:body {nsdecls('w', 'r')}>"
_NEEDS_ESCAPE = re.compile('[&<>"]').search
_SPACES = frozenset(" \u00a0\u2002\u2003\u2009")


def escape(text: str) -> str:
    """Text as XML character data (attribute-safe too)."""
    if _NEEDS_ESCAPE(text) is None:  # most text has nothing to escape; four replaces cost more than a search
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def parse_fragment(xml: str) -> list[etree._Element]:
    """The elements of a run of body XML written by this module's functions."""
    return list(etree.fromstring(f"{_FRAGMENT_OPEN}{xml}</w:body>", _FRAGMENT_PARSER))


def paragraph(content: str = "", style_id: str | None = None, numbering: tuple[int, int] | None = None,
              keep_next: bool = False, align: str | None = None) -> str:
    """A ``w:p`` around ``content`` (runs and hyperlinks), its properties in schema order.

    ``numbering`` is ``(num_id, level)`` with level counted from 0; ``num_id`` 0 switches a
    style's own numbering off.
    """
    if not (style_id or numbering or keep_next or align):
        return f"<w:p>{content}</w:p>"
    props = [f'<w:pStyle w:val="{escape(style_id)}"/>' if style_id else ""]
    if keep_next:
        props.append("<w:keepNext/>")
    if numbering:
        props.append(f'<w:numPr><w:ilvl w:val="{numbering[1]}"/><w:numId w:val="{numbering[0]}"/></w:numPr>')
    if align:
        props.append(f'<w:jc w:val="{align}"/>')
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{content}</w:p>"


def run(text: str, bold: bool = False, italic: bool = False, style_id: str | None = None,
        size_pt: float | None = None) -> str:
    """A ``w:r`` holding ``text``; tabs and line breaks become Word's own elements; ``size_pt`` sets a
    size of its own (a table set smaller than the body to keep its words whole)."""
    if bold or italic or style_id or size_pt:
        size = f'<w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>' if size_pt else ""
        props = "<w:rPr>" + (f'<w:rStyle w:val="{escape(style_id)}"/>' if style_id else "") + \
            ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + size + "</w:rPr>"
    else:
        props = ""
    if "\t" in text or "\n" in text:
        pieces = []
        for index, line in enumerate(text.split("\n")):
            if index:
                pieces.append("<w:br/>")
            for piece_index, piece in enumerate(line.split("\t")):
                if piece_index:
                    pieces.append("<w:tab/>")
                if piece:
                    pieces.append(_text(piece))
        return f"<w:r>{props}{''.join(pieces)}</w:r>"
    return f"<w:r>{props}{_text(text)}</w:r>"


def _text(text: str) -> str:
    if text and (text[0] in _SPACES or text[-1] in _SPACES):
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:t>{escape(text)}</w:t>"


def hyperlink(relationship_id: str, runs: str) -> str:
    """A ``w:hyperlink`` to an external relationship, around its runs."""
    return f'<w:hyperlink r:id="{escape(relationship_id)}" w:history="1">{runs}</w:hyperlink>'


def field(instruction: str, shown: str) -> str:
    """A complex field (PAGE, NUMPAGES...) with ``shown`` as its last-calculated result."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{run(shown)}"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def table(rows: str, column_widths: list[int], style_id: str | None, caption: str = "",
          header: bool = True) -> str:
    """A ``w:tbl`` on a grid of ``column_widths`` (twentieths of a point) around its rows, in a fixed
    layout (Word and LibreOffice keep the widths given instead of re-sizing by their own rules);
    ``header`` says whether the first row is a header row (for the table style's first-row look)."""
    style = f'<w:tblStyle w:val="{escape(style_id)}"/>' if style_id else ""
    caption_xml = f'<w:tblCaption w:val="{escape(caption)}"/>' if caption else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in column_widths)
    return (f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(column_widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="{"0420" if header else "0400"}" w:firstRow="{int(header)}" w:lastRow="0" '
            f'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>{caption_xml}</w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>')


def table_row(cells: str, header: bool = False) -> str:
    """A ``w:tr``; a header row repeats at the top of every page; no row splits across pages."""
    return f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>{cells}</w:tr>"


def table_cell(width: int, paragraphs: str) -> str:
    """A ``w:tc`` of ``width`` twentieths of a point; ``paragraphs`` must hold at least one ``w:p``."""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


# -- numbering ----------------------------------------------------------------------------

BULLET_SYMBOLS = ("\u2022", "\u25e6", "\u25aa")


def abstract_numbering(abstract_id: int, levels: list[dict]) -> etree._Element:
    """A ``w:abstractNum``; each level is a dict of format, text, indent, hanging and optional style."""
    abstract = etree.Element(qn("w:abstractNum"))
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    _SubElement(abstract, qn("w:multiLevelType")).set(VAL, "multilevel" if len(levels) > 1 else "singleLevel")
    for index, level in enumerate(levels):
        lvl = _SubElement(abstract, qn("w:lvl"))
        lvl.set(qn("w:ilvl"), str(index))
        _SubElement(lvl, qn("w:start")).set(VAL, "1")
        _SubElement(lvl, qn("w:numFmt")).set(VAL, level["format"])
        if level.get("style"):
            _SubElement(lvl, qn("w:pStyle")).set(VAL, level["style"])
        _SubElement(lvl, qn("w:lvlText")).set(VAL, level["text"])
        _SubElement(lvl, qn("w:lvlJc")).set(VAL, "left")
        ppr = _SubElement(lvl, PPR)
        if level.get("tab"):
            tabs = _SubElement(ppr, qn("w:tabs"))
            tab = _SubElement(tabs, qn("w:tab"))
            tab.set(VAL, "num")
            tab.set(qn("w:pos"), str(level["tab"]))
        ind = _SubElement(ppr, qn("w:ind"))
        ind.set(qn("w:left"), str(level["indent"]))
        ind.set(qn("w:hanging"), str(level["hanging"]))
        if level.get("font"):
            rpr = _SubElement(lvl, RPR)
            fonts = _SubElement(rpr, qn("w:rFonts"))
            for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attribute), level["font"])
    return abstract


def bullet_levels() -> list[dict]:
    return [{"format": "bullet", "text": symbol, "indent": 720 * (index + 1), "hanging": 360,
             "font": "Arial"} for index, symbol in enumerate(BULLET_SYMBOLS)]


def number_levels(formats: tuple[str, ...]) -> list[dict]:
    """Numbered list levels "1.", "a.", "i." (or the project's ``formats``: Word numFmt names)."""
    return [{"format": fmt, "text": f"%{index + 1}.", "indent": 720 * (index + 1), "hanging": 360}
            for index, fmt in enumerate(formats)]


def list_levels(kinds: tuple[str, ...], formats: tuple[str, ...]) -> list[dict]:
    """A list definition's levels, each bulleted or numbered as ``kinds`` says (numbered in ``formats``)."""
    bullets, numbers = bullet_levels(), number_levels(formats)
    return [bullets[index] if kind == "bullet" else numbers[index] for index, kind in enumerate(kinds)]


HEADING_HANGS = (567, 709, 851)  # 1, 1.25 and 1.5 cm: room for "1", "1.1" and "1.1.1"


def heading_levels(style_ids: list[str], hangs: tuple[int, ...] = HEADING_HANGS) -> list[dict]:
    """Outline numbering "1", "1.1", "1.1.1", each level tied to its heading style, the number in a
    hanging indent of ``hangs`` twips (the tab after it stops there)."""
    texts = ("%1", "%1.%2", "%1.%2.%3")
    return [{"format": "decimal", "text": texts[index], "indent": hangs[index], "hanging": hangs[index],
             "style": style_id, "tab": hangs[index]} for index, style_id in enumerate(style_ids)]


def numbering_instance(num_id: int, abstract_id: int, starts: dict[int, int] | None = None) -> str:
    """A ``w:num`` (XML text, for :func:`parse_numbering`); ``starts`` maps a level (from 0) to the
    number its list begins at: a new w:num with a start override is how Word and LibreOffice begin a
    list again rather than go on counting another list of the same definition."""
    overrides = "".join(f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for level, start in sorted((starts or {}).items()))
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def parse_numbering(xml: str) -> list[etree._Element]:
    """Elements of numbering XML written by :func:`numbering_instance`."""
    return list(etree.fromstring(f"<w:numbering {nsdecls('w')}>{xml}</w:numbering>", _FRAGMENT_PARSER))


def style_numbering(style: etree._Element, num_id: int, level: int) -> None:
    """Tie a paragraph style to a numbering level (how Word links heading styles to outline numbers)."""
    ppr = style.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        anchor = None
        for tag in ("w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"):
            anchor = style.find(qn(tag))
            if anchor is not None:
                break
        if anchor is None:
            style.append(ppr)
        else:
            anchor.addprevious(ppr)
    existing = ppr.find(NUMPR)
    if existing is not None:
        ppr.remove(existing)
    numpr = etree.Element(NUMPR)
    if level:
        _SubElement(numpr, ILVL).set(VAL, str(level))
    _SubElement(numpr, NUMID).set(VAL, str(num_id))
    # numPr comes after keepNext, keepLines, pageBreakBefore, framePr and widowControl.
    before = {qn(t) for t in ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
                              "w:widowControl")}
    position = 0
    for index, child in enumerate(ppr):
        if child.tag in before:
            position = index + 1
    ppr.insert(position, numpr)


def _run_property_along_chain(styles_root: etree._Element, style_id: str | None,
                              tag: str) -> list[etree._Element | None]:
    """The run property ``tag`` of a paragraph style, of each style it is based on in turn (a loop or a
    chain over 20 long ends the walk), then of the document defaults: None where one does not set it."""
    by_id = {style.get(qn("w:styleId")): style for style in styles_root.iterfind(qn("w:style"))}
    chain: list[str] = []
    while style_id is not None and style_id in by_id and style_id not in chain and len(chain) < 20:
        chain.append(style_id)
        based_on = by_id[style_id].find(qn("w:basedOn"))
        style_id = based_on.get(VAL) if based_on is not None else None
    places = [by_id[s].find(f"{RPR}/{qn(tag)}") for s in chain]
    places.append(styles_root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{RPR}/{qn(tag)}"))
    return places


def font_size(styles_root: etree._Element, style_id: str | None) -> float:
    """The font size in points a paragraph style gives its text: its own ``w:sz`` or the one it is
    based on, else the document default, else Word's 10 points; held to the 1 to 1638 points Word
    can show (a template saying more made table sizing run for ever)."""
    for size in _run_property_along_chain(styles_root, style_id, "w:sz"):
        half_points = size.get(VAL, "") if size is not None else ""
        if half_points.isdecimal() and int(half_points) > 0:
            return min(max(int(half_points) / 2, SMALLEST_FONT_SIZE), LARGEST_FONT_SIZE)
    return 10.0


def font_name(styles_root: etree._Element, style_id: str | None, theme_fonts: dict[str, str]) -> str | None:
    """The font a paragraph style sets its (Latin) text in: the first ``w:rFonts`` along its basedOn chain
    or the document default that names one, a theme font (``minorHAnsi``...) looked up in ``theme_fonts``
    (``{"minor": ..., "major": ...}``); None if nothing names a font."""
    for fonts in _run_property_along_chain(styles_root, style_id, "w:rFonts"):
        if fonts is None:
            continue
        theme = fonts.get(qn("w:asciiTheme"))
        if theme:
            return theme_fonts.get("major" if theme.startswith("major") else "minor")
        if fonts.get(qn("w:ascii")):
            return fonts.get(qn("w:ascii"))
    return None


def set_language(styles_root: etree._Element, language: str) -> None:
    """Set the document-wide default language (``w:docDefaults``) for proofing and screen readers."""
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        styles_root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(RPR)
    if rpr is None:
        rpr = _SubElement(rpr_default, RPR)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _SubElement(rpr, qn("w:lang"))
    lang.set(VAL, language)


# -- partner packs: content controls and document variables -------------------------------

def block_control(tag: str, alias: str, content: str, control_id: int, lock: str | None = None) -> str:
    """A block-level content control (``w:sdt``) around body XML; ``lock`` is "sdtLocked" (the control
    cannot be deleted, its content can be edited) or "sdtContentLocked" (neither)."""
    lock_xml = f'<w:lock w:val="{escape(lock)}"/>' if lock else ""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{escape(alias)}"/><w:tag w:val="{escape(tag)}"/>'
            f'<w:id w:val="{control_id}"/>{lock_xml}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>')


# CT_Settings children that come after w:docVars, in schema order.
_AFTER_DOC_VARS = {qn(f"w:{name}") for name in (
    "rsids", "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")}
_W_NS = qn("w:rsids").split("}")[0] + "}"


def set_document_variables(settings: etree._Element, variables: dict[str, str]) -> None:
    """Document variables (``w:docVars``) in the settings part: invisible, and kept by Word on save."""
    doc_vars = settings.find(qn("w:docVars"))
    if doc_vars is None:
        doc_vars = etree.Element(qn("w:docVars"))
        # After every earlier setting, before the later ones (m:mathPr and extensions are not w: elements).
        anchor = next((child for child in settings
                       if child.tag in _AFTER_DOC_VARS or not str(child.tag).startswith(_W_NS)), None)
        if anchor is None:
            settings.append(doc_vars)
        else:
            anchor.addprevious(doc_vars)
    for name, value in variables.items():
        for old in doc_vars.findall(qn("w:docVar")):
            if old.get(qn("w:name")) == name:
                doc_vars.remove(old)
        var = _SubElement(doc_vars, qn("w:docVar"))
        var.set(qn("w:name"), name)
        var.set(VAL, value)


def document_variables(settings: etree._Element | None) -> dict[str, str]:
    """The document variables of a settings part."""
    if settings is None:
        return {}
    variables = settings.iterfind(f"{qn('w:docVars')}/{qn('w:docVar')}")
    return {var.get(qn("w:name"), ""): var.get(VAL, "") for var in variables}
