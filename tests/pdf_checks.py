"""What a PDF holds for a reader who cannot see it: the PDF/UA checker's findings, and the tagged structure read
with pikepdf (headings, lists, tables, links, the text in reading order), for tests/word/test_pdf_accessibility.py.

The structure's text comes from the pages' marked content: each ``BDC ... /MCID n ... EMC`` sequence's text
shown, decoded with its font's ToUnicode map (LibreOffice writes one for every font), and put where the
structure tree names that MCID. LibreOffice marks each line, each list label and each field's text as a
sequence of its own, so a structure element's text is its sequences joined by spaces.
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

needs_libreoffice = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                       reason="needs LibreOffice (.ci/run installs it)")

# pdfua 0.1.3's UA-14-001 (empty headings) calls getattr(Array, "is_integer") on a heading's /K, which pikepdf
# (9 and 10) answers with ValueError rather than AttributeError; LibreOffice writes every heading's /K as an
# array, so the rule is skipped on every PDF we make. test_pdf_accessibility checks headings' text instead.
KNOWN_SKIPS = {"UA-14-001": "rule raised ValueError"}

# A list item's or heading's number or bullet as LibreOffice prints it: "1.", "b.", "iv.", "104.1", "•".
LABEL = re.compile(r"\d+(\.\d+)*\.?|[a-z]{1,3}\.|[ivxlcdm]+\.|[•◦▪‣·–-]", re.IGNORECASE)
HEADING = re.compile(r"H([1-6])")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STANDARD_ROLES = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
                  "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
                  "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
                  "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
                  "Formula", "Form"}


def pdfua_findings(path: str | Path) -> tuple:
    """The pdfua checker's findings on ``path`` (pdfua.Finding objects; an accessible PDF has none).

    Fails the calling test if the checker skipped a rule other than the known-broken UA-14-001: a rule newly
    skipped would otherwise pass silently."""
    import pdfua

    report = pdfua.validate(str(path))
    skipped = {outcome.rule_id: outcome.skipped_reason or "" for outcome in report.skipped}
    unexpected = {rule: reason for rule, reason in skipped.items()
                  if not reason.startswith(KNOWN_SKIPS.get(rule, "\0"))}
    assert not unexpected, f"pdfua skipped rules it should have run: {unexpected}"
    return report.findings


def describe(findings) -> list[str]:
    """Findings as one line each, for an assertion message."""
    return [f"{f.rule_id} {f.location.describe()}: {f.message}" for f in findings]


# --- marked content: the text each MCID shows -------------------------------------------------------------

def _to_unicode(font: pikepdf.Object) -> tuple[dict[int, str], int]:
    """A font's ToUnicode map (code -> text) and its code width in bytes; an empty map without one."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}, 1
    data = stream.read_bytes().decode("latin-1")
    space = re.search(r"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    width = len(space.group(1)) // 2 if space else 1
    table: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, first in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(first, 16)
            for offset, code in enumerate(range(int(low, 16), min(int(high, 16), int(low, 16) + 0xFFFF) + 1)):
                table[code] = chr(start + offset)
    return table, width


def _decode(strings: list, font: tuple[dict[int, str], int]) -> str:
    table, width = font
    text = []
    for string in strings:
        raw = bytes(string)
        text.extend(table.get(int.from_bytes(raw[i:i + width], "big"), "\ufffd") for i in range(0, len(raw), width))
    return "".join(text)


def _shown_strings(operands, operator: str) -> list:
    if operator == "TJ":
        return [item for item in operands[0] if isinstance(item, pikepdf.String)]
    return [operands[-1]]


@dataclass
class PageContent:
    """One page's text: by MCID, and what was shown outside both marked content and artifacts; and the
    images it draws, by where they are (an artifact, marked content, or neither)."""
    by_mcid: dict[int, str] = field(default_factory=dict)
    unmarked: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    images: dict[str, int] = field(default_factory=lambda: {"artifact": 0, "marked": 0, "unmarked": 0})

    def place(self, marks: list[tuple[str, int | None]]) -> tuple[str, int | None]:
        """Where something drawn under ``marks`` (the open marked-content sequences) belongs."""
        if any(tag == "/Artifact" for tag, _ in marks):
            return "artifact", None
        mcid = next((m for _, m in reversed(marks) if m is not None), None)
        return ("unmarked", None) if mcid is None else ("marked", mcid)

    def add_text(self, text: str, marks: list[tuple[str, int | None]]) -> None:
        kind, mcid = self.place(marks)
        if kind == "artifact":
            self.artifacts.append(text)
        elif mcid is None:
            self.unmarked.append(text)
        else:
            self.by_mcid[mcid] = self.by_mcid.get(mcid, "") + text


def page_content(page: pikepdf.Page) -> PageContent:
    """The text ``page``'s content stream shows (and the forms it draws show), sorted by the marked-content
    sequence it is in."""
    content = PageContent()
    _scan(pikepdf.parse_content_stream(page), page.Resources, [], content, 0)
    return content


def _scan(instructions, resources: pikepdf.Dictionary, marks: list, content: PageContent, depth: int) -> None:
    assert depth < 10, "forms drawn inside forms more than 10 deep"
    fonts = {str(name): _to_unicode(font) for name, font in resources.get("/Font", {}).items()}
    font: tuple[dict[int, str], int] = ({}, 1)
    for operands, operator in instructions:
        name = str(operator)
        if name in ("BDC", "BMC"):
            properties = operands[1] if name == "BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            marks.append((str(operands[0]), None if mcid is None else int(mcid)))
        elif name == "EMC":
            marks.pop()
        elif name == "Tf":
            font = fonts.get(str(operands[0]), ({}, 1))
        elif name in ("Tj", "TJ", "'", '"'):
            content.add_text(_decode(_shown_strings(operands, name), font), marks)
        elif name == "Do":
            drawn = resources.XObject[str(operands[0])]
            if drawn.Subtype == "/Image":
                content.images[content.place(marks)[0]] += 1
            else:
                _scan(pikepdf.parse_content_stream(drawn), drawn.get("/Resources", resources), marks, content,
                      depth + 1)


# --- the structure tree ---------------------------------------------------------------------------------

@dataclass
class Element:
    """A structure element: its role as written and as a standard role (RoleMap followed), what it holds in
    order (the text of each marked-content sequence, and child elements), its attributes and annotations."""
    written_role: str
    role: str
    content: list[str | Element] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    annotations: list[dict[str, str]] = field(default_factory=list)
    alt: str | None = None
    pages: set[int] = field(default_factory=set)  # the pages (from 0) its own marked content is on

    @property
    def children(self) -> list[Element]:
        return [item for item in self.content if isinstance(item, Element)]

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def pieces(self) -> list[str]:
        """The text of every marked-content sequence in it and its descendants, in order."""
        return [piece for item in self.content
                for piece in ([item] if isinstance(item, str) else item.pieces())]

    @property
    def text(self) -> str:
        """The element's text with its descendants', whitespace collapsed."""
        return " ".join(" ".join(self.pieces()).split())

    def label_and_body(self) -> tuple[str, str]:
        """A list item's or heading's printed number or bullet (its first piece, when it is one) and the rest."""
        pieces = self.pieces()
        if pieces and LABEL.fullmatch(pieces[0].strip()):
            return pieces[0].strip(), " ".join(" ".join(pieces[1:]).split())
        return "", self.text


@dataclass
class Structure:
    """A PDF's tagged structure and what its catalog says about it."""
    root: Element
    unmarked_text: list[str]
    artifact_text: list[str]
    mcids_unused: int
    mcids_used_twice: int
    images: dict[str, int]
    page_sizes: list[tuple[float, float]]

    def find(self, role: str) -> list[Element]:
        return [element for element in self.root.walk() if element.role == role]

    def heading_elements(self) -> list[Element]:
        return [element for element in self.root.walk() if HEADING.fullmatch(element.role)]

    def headings(self) -> list[tuple[int, str]]:
        """(level, "number text") of every H1..H6, in reading order."""
        return [(heading_level(e), e.text) for e in self.heading_elements()]


def heading_level(element: Element) -> int:
    """1 to 6 for H1 to H6."""
    return int(element.role[1])


def _role_map(tree: pikepdf.Dictionary) -> dict[str, str]:
    mapping = tree.get("/RoleMap", {})
    return {str(key).lstrip("/"): str(value).lstrip("/") for key, value in mapping.items()}


def _standard(role: str, role_map: dict[str, str]) -> str:
    seen = set()
    while role not in STANDARD_ROLES and role in role_map and role not in seen:
        seen.add(role)
        role = role_map[role]
    return role


def _attributes(node: pikepdf.Dictionary) -> dict[str, str]:
    found = node.get("/A")
    owners = list(found) if isinstance(found, pikepdf.Array) else [found] if found is not None else []
    return {str(key).lstrip("/"): str(value).lstrip("/") for owner in owners
            if isinstance(owner, pikepdf.Dictionary) for key, value in owner.items()}


def _annotation(annotation: pikepdf.Dictionary) -> dict[str, str]:
    """An annotation's type, alternative text (/Contents) and link target, as plain strings (the PDF is closed
    after reading)."""
    action = annotation.get("/A", {})
    return {"subtype": str(annotation.get("/Subtype", "")), "contents": str(annotation.get("/Contents", "")),
            "uri": str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""}


class _TreeReader:
    """Walks the structure tree once, taking each MCID's text from its page (each page parsed once)."""

    def __init__(self, pdf: pikepdf.Pdf, role_map: dict[str, str]):
        self.pages = {page.objgen: page_content(page) for page in pdf.pages}
        self.page_numbers = {page.objgen: number for number, page in enumerate(pdf.pages)}
        self.role_map = role_map
        self.used: dict[tuple, int] = {}

    def element(self, node: pikepdf.Dictionary, page, depth: int = 0) -> Element:
        assert depth < 100, "the structure tree is deeper than 100 levels"
        written = str(node.get("/S", "/?")).lstrip("/")
        alt = node.get("/Alt")
        element = Element(written, _standard(written, self.role_map), attributes=_attributes(node),
                          alt=None if alt is None else str(alt))
        page = node.get("/Pg", page)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
            self._kid(element, kid, page, depth)
        return element

    def _kid(self, element: Element, kid, page, depth: int) -> None:
        if isinstance(kid, int):
            self._piece(element, page, kid)
        elif "/MCID" in kid:  # a marked-content reference (LibreOffice leaves out its optional /Type /MCR)
            self._piece(element, kid.get("/Pg", page), int(kid.MCID))
        elif "/Obj" in kid:  # an object reference: a link's annotation (/Type /OBJR left out likewise)
            element.annotations.append(_annotation(kid.Obj))
        else:
            element.content.append(self.element(kid, page, depth + 1))

    def _piece(self, element: Element, page, mcid: int) -> None:
        key = (page.objgen, mcid)
        self.used[key] = self.used.get(key, 0) + 1
        element.content.append(self.pages[page.objgen].by_mcid.get(mcid, ""))
        element.pages.add(self.page_numbers[page.objgen])


def read_structure(path: str | Path) -> Structure:
    """The structure tree of the tagged PDF at ``path``, each element with its text."""
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root, f"{Path(path).name} is not tagged: it has no structure tree"
        tree = pdf.Root.StructTreeRoot
        reader = _TreeReader(pdf, _role_map(tree))
        root = reader.element(tree, None)
        shown = {(objgen, mcid) for objgen, content in reader.pages.items() for mcid in content.by_mcid}
        return Structure(root=root,
                         unmarked_text=[t for c in reader.pages.values() for t in c.unmarked if t.strip()],
                         artifact_text=[t for c in reader.pages.values() for t in c.artifacts if t.strip()],
                         mcids_unused=len(shown - set(reader.used)),
                         mcids_used_twice=sum(1 for count in reader.used.values() if count > 1),
                         images={kind: sum(c.images[kind] for c in reader.pages.values())
                                 for kind in ("artifact", "marked", "unmarked")},
                         page_sizes=[(float(p.mediabox[2] - p.mediabox[0]), float(p.mediabox[3] - p.mediabox[1]))
                                     for p in pdf.pages])


# --- reading order: the PDF's words against the response's ------------------------------------------------

# Right-to-left letters (Hebrew, Arabic and their supplements): a PDF shows them in visual order.
_RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
RIGHT_TO_LEFT = re.compile(rf"[{_RTL_LETTERS}]+(?:\s+[{_RTL_LETTERS}]+)*")
# CJK ideographs and kana. Where no CJK font is installed (as on the test machines) LibreOffice draws its
# missing-glyph box for each and maps every box to one character, so only their number can be compared.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def words(text: str, *, visual_order: bool = False) -> list[str]:
    """``text`` as its sequence of words (letters and digits; punctuation and spacing dropped), NFC, with
    right-to-left runs put back in logical order when ``visual_order`` (text read from a PDF)."""
    text = unicodedata.normalize("NFC", text)
    if visual_order:
        text = RIGHT_TO_LEFT.sub(lambda match: match.group(0)[::-1], text)
    return re.findall(r"\w+", CJK.sub("\u4e00", text))


def reading_pieces(element: Element, in_list_body: bool = False) -> Iterator[str]:
    """The text of ``element`` in the structure's order, without the numbers and bullets LibreOffice prints
    before list items and headings (Word's numbering: not in the .docx's text; checked elsewhere)."""
    if element.role == "Lbl":
        return
    labelled = in_list_body or bool(HEADING.fullmatch(element.role))
    first = True
    for item in element.content:
        if isinstance(item, str):
            if not (labelled and first and LABEL.fullmatch(item.strip())):
                yield item
            first = False
        else:
            yield from reading_pieces(item, element.role == "LBody")


def pdf_words(structure: Structure) -> list[str]:
    """The words a screen reader reads from the PDF's structure, in order."""
    return words(" ".join(reading_pieces(structure.root)), visual_order=True)


def _docx_part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False, no_network=True))


def _paragraph_texts(root) -> list[str]:
    """Each w:p's visible text (tabs and breaks as spaces), in document order, table cells included."""
    texts = []
    for paragraph in root.iter(f"{W}p"):
        texts.append("".join(node.text or "" if node.tag == f"{W}t" else " " for node in paragraph.iter()
                             if node.tag in (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")))
    return texts


def docx_words(data: bytes) -> list[str]:
    """The words of the .docx ``data``'s body, in order (numbering labels are Word's, not in its text)."""
    return words(" ".join(_paragraph_texts(_docx_part(data, "word/document.xml"))))


def docx_headings(data: bytes) -> list[tuple[int, str]]:
    """(level, text) of each paragraph of the .docx ``data``'s body in a "heading N" style (Word's numbers
    are not in its text)."""
    styles = _docx_part(data, "word/styles.xml")
    levels = {style.get(f"{W}styleId"): int(name.get(f"{W}val")[-1]) for style in styles.iter(f"{W}style")
              for name in style.iterfind(f"{W}name") if re.fullmatch(r"heading [1-6]", name.get(f"{W}val").lower())}
    found = []
    for paragraph in _docx_part(data, "word/document.xml").iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in levels:
            found.append((levels[style.get(f"{W}val")], " ".join(_paragraph_texts(paragraph)[0].split())))
    return found


def docx_furniture(data: bytes) -> list[str]:
    """The text of every header and footer part of the .docx ``data``, paragraph by paragraph."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n)]
    return [text for name in names for text in _paragraph_texts(_docx_part(data, name)) if text.strip()]


def first_difference(found: list[str], expected: list[str], context: int = 8) -> str:
    """Where two word sequences part, with a few words either side, for an assertion message."""
    matcher = difflib.SequenceMatcher(a=expected, b=found, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes:
        return "the same"
    tag, a1, a2, b1, b2 = changes[0]
    return (f"{len(changes)} difference(s); first: {tag} expected {expected[max(a1 - context, 0):a2 + context]} "
            f"found {found[max(b1 - context, 0):b2 + context]}")


# --- the catalog, metadata and bookmarks ----------------------------------------------------------------

@dataclass
class Catalog:
    """What the PDF says about itself: language, title (Info and XMP), whether viewers show the title,
    whether it is marked as tagged, the PDF/UA and PDF/A parts it claims, and its bookmarks."""
    language: str | None
    info_title: str | None
    xmp_title: str | None
    display_title: bool
    marked: bool
    pdfua_part: str | None
    pdfa_part: str | None
    pdfa_conformance: str | None
    bookmarks: list[tuple[int, str]]


def _bookmarks(items, level: int = 1) -> list[tuple[int, str]]:
    found = []
    for item in items:
        assert item.destination is not None or item.action is not None, f"bookmark {item.title!r} goes nowhere"
        found.append((level, item.title))
        found.extend(_bookmarks(item.children, level + 1))
    return found


def read_catalog(path: str | Path) -> Catalog:
    """The catalog, Info and XMP facts of the PDF at ``path``."""
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        preferences = root.get("/ViewerPreferences", {})
        mark_info = root.get("/MarkInfo", {})
        title = pdf.docinfo.get("/Title")
        with pdf.open_metadata() as xmp:
            facts = {key: xmp.get(key) for key in ("dc:title", "pdfuaid:part", "pdfaid:part", "pdfaid:conformance")}
        with pdf.open_outline() as outline:
            bookmarks = _bookmarks(outline.root)
        return Catalog(language=str(root["/Lang"]) if "/Lang" in root else None,
                       info_title=None if title is None else str(title), xmp_title=facts["dc:title"],
                       display_title=bool(preferences.get("/DisplayDocTitle", False)),
                       marked=bool(mark_info.get("/Marked", False)), pdfua_part=facts["pdfuaid:part"],
                       pdfa_part=facts["pdfaid:part"], pdfa_conformance=facts["pdfaid:conformance"],
                       bookmarks=bookmarks)


# --- text anywhere in the file -------------------------------------------------------------------------

def _string_forms(text: str) -> set[bytes]:
    forms = {text.encode("utf-8"), text.encode("utf-16-be")}
    if not text.isascii() and all(ord(c) < 256 for c in text):
        forms.add(text.encode("latin-1"))  # PDFDocEncoding agrees with Latin-1 on letters
    return forms


def pdf_leaks(path: str | Path, texts: list[str]) -> list[tuple[str, str]]:
    """(where, text) for each of ``texts`` found in the PDF at ``path``: in the text its pages show (decoded,
    artifacts included), in any stream (decompressed) or in any string (bookmarks, metadata, link targets)."""
    found = []
    structure = read_structure(path)
    shown = " ".join([*structure.root.pieces(), *structure.artifact_text, *structure.unmarked_text])
    found += [("shown text", text) for text in texts if text in shown]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            blobs = []
            if isinstance(obj, pikepdf.Stream):
                blobs.append(obj.read_bytes())
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Array):
                blobs.extend(bytes(value) for value in _strings(obj))
            found += [(f"object {obj.objgen}", text) for text in texts
                      if any(form in blob for blob in blobs for form in _string_forms(text))]
    return found


def _strings(obj, depth: int = 0) -> Iterator[pikepdf.String]:
    """The strings directly in a dictionary or array (and in its direct sub-dictionaries and arrays)."""
    values = obj.values() if isinstance(obj, pikepdf.Dictionary) else obj
    for value in values:
        if isinstance(value, pikepdf.String):
            yield value
        elif isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect and depth < 20:
            yield from _strings(value, depth + 1)
