"""The accessibility rules that judge the response's own text: its title, headings, links, lists, tables.

Each rule reads the content model (never the built document), so ``wyassembler check``, the app's
Accessibility view and the final export's refusal all say the same thing, named by the section to
fix. The rules, their ids (stable, documented in ``docs/accessibility.md``) and severities:

* ``title`` (error): the response has no title, so the document's and the PDF's title are empty;
* ``heading-levels`` (warning): a heading deeper than the Heading 1-3 the export maps sections to,
  or one that skips a level after the heading before it;
* ``link-text``: a link with no visible text (error); text that is the bare address, or says
  nothing of where it leads ("click here"; warnings);
* ``typed-bullets`` (warning): lines typed as a list (bullet characters, "1.", "(a)", "ii)"...), in
  the text or a table cell, and a real list item or a heading that starts with a typed mark (the list
  or the export numbers it: it prints twice);
* ``table-header`` (error): a table with no header row; ``table-header-cell`` (error): an empty
  cell in its header row;
* ``all-caps`` (warning): a passage in capitals longer than a line;
* ``blank-lines`` (warning): two or more line breaks in a row, a blank line used for spacing;
* ``fake-heading`` (warning): a short paragraph all in bold, not a sentence, with more text after it: it
  stands for a heading a screen reader does not announce.

The content model already drops empty paragraphs and trims each paragraph's ends, so "empty
paragraphs used for spacing" can only be blank lines inside a paragraph, list item or cell.
Each rule is one precompiled pattern or a few string tests, applied in one pass over each block:
1,000 sections are checked in a small part of the half second ``check`` may take.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .content import Inline, ListItem, Paragraph, Table, inline_text
from .findings import ERROR, WARNING, WHOLE_RESPONSE, Finding
from .model import Project
from .outline import MAX_DEPTH

TITLE = "title"
HEADING_LEVELS = "heading-levels"
LINK_TEXT = "link-text"
TYPED_BULLETS = "typed-bullets"
TABLE_HEADER = "table-header"
TABLE_HEADER_CELL = "table-header-cell"
ALL_CAPS = "all-caps"
BLANK_LINES = "blank-lines"
FAKE_HEADING = "fake-heading"
RULE_IDS = (TITLE, HEADING_LEVELS, LINK_TEXT, TYPED_BULLETS, TABLE_HEADER, TABLE_HEADER_CELL, ALL_CAPS,
            BLANK_LINES, FAKE_HEADING)

# The rules whose errors make the PDF itself fail the PDF/UA checker (pdfua 0.1.3, on LibreOffice 7.4's PDFs):
# no title (UA-07-001/002: no /Title, DisplayDocTitle off), a link without text (UA-18-005: a link
# annotation with no description, measured with a no-break space for its text) and a table without a
# header row (UA-15-003: LibreOffice makes header cells only of a repeating header row). Their errors
# stop every PDF export, a draft's too; the rest stop a final export only.
PDF_STRUCTURE_RULES = frozenset({TITLE, LINK_TEXT, TABLE_HEADER})

# The export maps a section at level 1, 2, 3 to Heading 1, 2, 3 (word/writer.py, styles.heading(level)).
HEADING_STYLES = MAX_DEPTH

# Link text that says nothing of where a link leads, compared casefolded and without the punctuation
# around it. A screen reader's list of a page's links shows each link's text alone.
VAGUE_LINK_TEXTS = frozenset({
    "click here", "click", "here", "link", "this link", "click this link", "read more", "more", "more info",
    "more information", "learn more", "find out more", "see more", "see here", "this page", "page", "go",
    "website", "this website", "this", "details", "download", "continue",
})
_AROUND_LINK_TEXT = " .,:;!?\u2026()[]<>\u00ab\u00bb\u2192\"'\u2018\u2019\u201c\u201d"
_BARE_URL = re.compile(r"(?:https?://|www\.|mailto:)\S*", re.IGNORECASE)
# Characters that show nothing: a link of only these (or spaces) is a link with no text. Zero-width
# characters, the soft hyphen, direction marks, embeddings and isolates, invisible operators, the
# combining grapheme joiner, the Mongolian vowel separator, the Braille blank and the Hangul fillers
# (letters a screen reader reads as nothing, where str.split sees text).
_INVISIBLE = dict.fromkeys((0x00AD, 0x034F, 0x115F, 0x1160, 0x180E, *range(0x200B, 0x2010),
                            *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A),
                            0x2800, 0x3164, 0xFEFF, 0xFFA0))

_SPACE = r"[ \t\u00a0]"
# A list marker typed at the start of a line: a bullet character (never prose, so one line is enough),
# a dash, hyphen or asterisk before a space (a lone one is often a quotation's attribution), or a typed
# number or letter: "1.", "2)", "1.2.", "(a)", "a)", "B.", "iv.", "(ii)".
_TYPED_ITEM = re.compile(
    rf"{_SPACE}*(?:"
    rf"(?P<glyph>[\u2022\u25cf\u25aa\u25e6\u2023\u2043\u25a0\u25a1\u25cb\u25ba\u27a2\u2219\u00b7]){_SPACE}*"
    rf"|(?P<dash>[-*\u2013\u2014]){_SPACE}+"
    rf"|(?P<number>\d{{1,3}}(?:\.\d{{1,3}})*[.)]|[A-Za-z][.)]|[ivxIVX]{{2,4}}[.)]"
    rf"|\((?:\d{{1,3}}|[A-Za-z]|[ivxIVX]{{2,4}})\)){_SPACE}+"
    rf")\S")
# Two or more line breaks with at most spaces between them: a blank line.
_BLANK_LINE = re.compile(rf"\n{_SPACE}*\n")
# A section number typed before a heading without a final full stop ("2.3 Shared estates"): the export
# numbers headings itself. A lone number ("100 days") is not one.
_TYPED_SECTION_NUMBER = re.compile(rf"\d{{1,3}}(?:\.\d{{1,3}})+{_SPACE}+\S")
# A run of words with no lower-case ASCII letter, the candidates for a passage in capitals (each is
# checked again with Unicode's idea of case). It starts only where a word starts (after a space, a
# lower-case letter or the start): tried inside a word, a long run without spaces (Chinese text, a
# pasted hash) was scanned to its end from every character of it, minutes for 100,000 characters.
_CAPS_CANDIDATE = re.compile(r"(?<![^\sa-z])[^\sa-z]+(?:\s+[^\sa-z]+)+")
CAPS_WORDS = 10  # capital words in a row that make a passage longer than a line...
CAPS_LETTERS = 70  # ...or more letters than this in them
_SHORTEST_CAPS_PASSAGE = CAPS_WORDS * 2 - 1  # characters: ten one-letter words and the spaces between
ACRONYM_LETTERS = 8  # a capital word this short may be an acronym ("HMICFRS")
_VOWELS = frozenset("AEIOUY\u00c0\u00c1\u00c2\u00c4\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf"
                    "\u00d2\u00d3\u00d4\u00d6\u00d9\u00da\u00db\u00dc")
_LIST_JOINERS = frozenset({"and", "or", "&"})
_WORD = re.compile(r"\S+")

QUOTE_LIMIT = 50

# A bold paragraph of at most this many words, not ended as a sentence, before more text: a fake heading.
FAKE_HEADING_WORDS = 12
_SENTENCE_ENDS = ".!:;,\u2026"

# Where typed list marks are: lines of paragraphs, lines of one table cell, the starts of real list items.
_IN_TEXT, _IN_CELL, _IN_LIST = "text", "cell", "list"

_LINK_ADVICE = ("Edit the link (Format \u203a Link\u2026) so that its Text to display says where it leads, such "
                "as the page's title.")


def content_findings(project: Project) -> list[Finding]:
    """Every problem the accessibility rules find in ``project``'s title, headings and sections' text, in
    outline order (each section's heading first, then its blocks). The whole response is checked, its
    confidential sections too."""
    findings = title_findings(project)
    levels = _HeadingLevels()
    for _, level, section in project.walk():
        found = levels.heading(level, section.heading, section.id)
        if found is not None:
            findings.append(found)
        numbered = _typed_heading(section.heading, section.id)
        if numbered is not None:
            findings.append(numbered)
        findings.extend(_caps_findings(section.heading, section.id))
        findings.extend(block_findings(section.blocks, section.id))
    return findings


def _typed_heading(heading: str, section_id: str) -> Finding | None:
    """``typed-bullets`` for a heading that starts with a typed number or mark: the export numbers the
    headings ("1", "1.1"), so "1. Introduction" prints as "1 1. Introduction"."""
    match = _TYPED_ITEM.match(heading)
    if match is not None:
        mark = match.group("glyph") or match.group("dash") or match.group("number")
        if _initials([mark]):  # "A. N. Other's view"
            return None
    elif _TYPED_SECTION_NUMBER.match(heading):
        mark = heading.split(maxsplit=1)[0]
    else:
        return None
    return Finding(TYPED_BULLETS, WARNING,
                   f"the heading {_quoted(heading)} starts with a typed mark ({_quoted(mark)}): the export numbers "
                   "the headings itself, so both print (\u201c1 1. \u2026\u201d) and a screen reader reads both",
                   "Delete the typed mark from the heading (Section \u203a Rename Section): the export numbers the "
                   "sections.", section_id, passage=heading)


def pdf_blockers(findings: Iterable[Finding]) -> list[Finding]:
    """The errors among ``findings`` that would make a PDF fail the PDF/UA checker
    (:data:`PDF_STRUCTURE_RULES`; a vague link's warning is not one)."""
    return [finding for finding in findings if finding.is_error and finding.rule in PDF_STRUCTURE_RULES]


def title_findings(project: Project) -> list[Finding]:
    """``title``: the response has no title; ``all-caps`` on the title and subtitle."""
    subtitle = _caps_findings(project.subtitle, None)
    title = project.title.strip()
    if title:
        return _caps_findings(title, None) + subtitle
    return [Finding(TITLE, ERROR, "the response has no title, so the document's title and the PDF's title bar, "
                    "which a screen reader announces first, are empty",
                    "Give the response a title in Project \u203a Properties\u2026 (or 'wyassembler set PROJECT "
                    "--title').", place=WHOLE_RESPONSE), *subtitle]


def heading_findings(headings: Iterable[tuple[int, str, str | None]]) -> list[Finding]:
    """``heading-levels`` over headings as an export lays them out, in order, as ``(level, text,
    section_id)``: for an order other than the outline's (the consultation's), whose levels the
    exporter works out."""
    levels = _HeadingLevels()
    return [found for level, text, section_id in headings
            if (found := levels.heading(level, text, section_id)) is not None]


class _HeadingLevels:
    """The walk's last heading level, to tell a skipped level."""

    def __init__(self) -> None:
        self.previous = 0

    def heading(self, level: int, text: str, section_id: str | None) -> Finding | None:
        """The ``heading-levels`` finding for the next heading in the walk, if it has one."""
        named = _quoted(text)
        if not 1 <= level <= HEADING_STYLES:  # reported alone: the next heading is judged by the one before
            return Finding(HEADING_LEVELS, WARNING,
                           f"the heading {named} is at level {level}, outside the Heading 1 to "
                           f"{HEADING_STYLES} the export gives sections, so it is not a heading a reader can "
                           "navigate by",
                           "Move the section up to level 3 or above (Section \u203a Outdent).", section_id,
                           passage=text)
        previous, self.previous = self.previous, level
        if level > previous + 1:
            after = f"follows a level {previous} heading" if previous else "is the first heading"
            return Finding(HEADING_LEVELS, WARNING,
                           f"the heading {named} is level {level} but {after}: a screen reader's "
                           f"list of headings skips level {previous + 1}",
                           "Make it one level below the heading before it (Section \u203a Outdent), or add "
                           "the missing level's heading above it.", section_id, passage=text)
        return None


def block_findings(blocks: Iterable, section_id: str | None) -> list[Finding]:
    """Every problem in one section's blocks (``section_id`` names the section in each finding)."""
    findings: list[Finding] = []
    typed = _TypedList(section_id, findings)
    in_list = _TypedList(section_id, findings, _IN_LIST)
    tables = 0
    blocks = tuple(blocks)
    for index, block in enumerate(blocks):
        kind = type(block)
        if kind is Paragraph:
            text = _inline_findings(block.spans, section_id, findings)
            if index + 1 < len(blocks) and _looks_like_a_heading(block.spans, text):
                findings.append(_fake_heading(text, section_id))
            for line in text.split("\n"):
                typed.line(line)
        elif kind is ListItem:
            typed.end()
            text = _inline_findings(block.spans, section_id, findings)
            in_list.item(text, block.kind)
            if "\n" in text:  # lines after a line break in the item, typed as a list
                _typed_lines(text.split("\n")[1:], section_id, findings, _IN_TEXT)
            continue
        elif kind is Table:
            typed.end()
            tables += 1
            _table_findings(block, tables, section_id, findings)
        else:  # the member list: generated, a real list
            typed.end()
        in_list.end()
    typed.end()
    in_list.end()
    return findings


def _looks_like_a_heading(spans: Inline, text: str) -> bool:
    """Whether a paragraph is a heading's stand-in: all bold, one line of at most :data:`FAKE_HEADING_WORDS`
    words, no link, and not ended as a sentence or a lead-in ("Note:")."""
    if not text or "\n" in text or text[-1] in _SENTENCE_ENDS or len(text.split()) > FAKE_HEADING_WORDS:
        return False
    return all(span.bold and span.href is None for span in spans if span.text.strip()) and any(
        ch.isalpha() for ch in text)


def _fake_heading(text: str, section_id: str | None) -> Finding:
    return Finding(FAKE_HEADING, WARNING,
                   f"{_quoted(text)} is a short paragraph in bold standing for a heading: it looks like one, but a "
                   "screen reader neither announces it as a heading nor lists it among the headings",
                   "Make it a sub-section with this heading (Section \u203a Add Sub-section\u2026), so that it is "
                   "a real heading; if it is not a heading, end it with a full stop.", section_id, passage=text)


def _inline_findings(spans: Inline, section_id: str | None, findings: list[Finding]) -> str:
    """The link, blank-line and capitals problems of one paragraph, list item or cell; returns its text."""
    text = inline_text(spans)
    if any(span.href for span in spans):
        findings.extend(found for href, link_text in _links(spans)
                        if (found := link_finding(href, link_text, section_id)) is not None)
    blank = _BLANK_LINE.search(text) if "\n" in text else None
    if blank is not None:
        findings.append(Finding(BLANK_LINES, WARNING,
                                f"{_quoted(text)} has a blank line in it (two line breaks in a row) for spacing: "
                                "a screen reader announces each blank line",
                                "Delete the extra line break and start a new paragraph there (Enter, not "
                                "Shift+Enter): the style spaces paragraphs.", section_id,
                                passage=_around(text, blank.start(), blank.end())))
    findings.extend(_caps_findings(text, section_id))
    return text


def _around(text: str, start: int, end: int) -> str:
    """``text[start:end]`` (a blank line) with the line before it and the line after the blank ones."""
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    line_end = text.find("\n", after)
    return text[text.rfind("\n", 0, start) + 1:len(text) if line_end < 0 else line_end]


def _links(spans: Inline) -> Iterator[tuple[str, str]]:
    """Each link as (address, text): adjacent spans of one address are one link, as the export writes them."""
    href: str | None = None
    parts: list[str] = []
    for span in spans:
        if span.href != href:
            if href is not None:
                yield href, "".join(parts)
            href, parts = span.href, []
        if href is not None:
            parts.append(span.text)
    if href is not None:
        yield href, "".join(parts)


def link_finding(href: str, text: str, section_id: str | None = None) -> Finding | None:
    """``link-text``: what is wrong with a link to ``href`` whose text is ``text``, if anything (its passage
    is ``text``)."""
    shown = " ".join(text.translate(_INVISIBLE).split())
    target = _quoted(href.removeprefix("mailto:"))
    if not shown:
        return Finding(LINK_TEXT, ERROR, f"the link to {target} has no text, only a space or an invisible "
                       "character: a screen reader announces an empty link or reads out the address",
                       "Give the link words that say where it leads (Format \u203a Link\u2026: Text to display), "
                       "or remove it.",
                       section_id, passage=text)
    if _is_bare_address(shown, href):
        return Finding(LINK_TEXT, WARNING, f"the link text {_quoted(shown)} is a bare address: a screen "
                       "reader reads it out character by character and it does not say where it leads",
                       _LINK_ADVICE, section_id, passage=text)
    # No letter or digit at all (an arrow, "»", "...", an emoji) says nothing of where it leads either.
    if shown.casefold().strip(_AROUND_LINK_TEXT) in VAGUE_LINK_TEXTS or not any(map(str.isalnum, shown)):
        return Finding(LINK_TEXT, WARNING, f"the link text {_quoted(shown)} does not say where it leads (it "
                       f"goes to {target}): a screen reader's list of links shows it without the sentence",
                       _LINK_ADVICE, section_id, passage=text)
    return None


def _is_bare_address(text: str, href: str) -> bool:
    """Whether ``text`` is a web address: with its scheme or "www.", or its link's address with a path. A
    site's name ("GOV.UK") and an email address (which readers need to see) are fine."""
    if _BARE_URL.fullmatch(text):
        return True
    if "/" not in text or href.lower().startswith("mailto:"):
        return False
    address = href.split("://", 1)[-1].casefold().removeprefix("www.").rstrip("/")
    return text.casefold().removeprefix("www.").rstrip("/") == address


class _TypedList:
    """Lines typed as list items seen in a row, reported when the run ends: in paragraphs (``line``), in
    one table cell (``line``; a cell cannot hold a real list), or at the start of real list items
    (``item``: the list's own bullet or number prints before the typed one)."""

    def __init__(self, section_id: str | None, findings: list[Finding], where: str = _IN_TEXT) -> None:
        self.section_id = section_id
        self.findings = findings
        self.where = where
        self.marks: list[str] = []
        self.first = ""
        self.glyph = False  # a bullet character among them: one line is enough
        self.numbered_list = False  # items of a real numbered list among them

    def line(self, line: str) -> None:
        """One line of a paragraph or cell: a typed item continues the run, any other non-blank line ends it."""
        match = _TYPED_ITEM.match(line)
        if match is None:
            if line.strip():  # a blank line neither continues nor ends the list
                self.end()
            return
        self._add(match, line)

    def item(self, text: str, kind: str) -> None:
        """A real list item of ``kind`` ("bullet", "number"), judged by the start of its text."""
        first_line = text.split("\n", 1)[0]
        match = _TYPED_ITEM.match(first_line)
        if match is None:
            self.end()
            return
        self.numbered_list = self.numbered_list or kind == "number"
        self._add(match, first_line)

    def _add(self, match: re.Match, line: str) -> None:
        if not self.marks:
            self.first = line
        mark = match.group("glyph") or match.group("dash") or match.group("number")
        self.glyph = self.glyph or match.group("glyph") is not None
        self.marks.append(mark)

    def end(self) -> None:
        """End the run, reporting it if it has enough typed items (not a row of initials) to be a list."""
        marks, self.marks = self.marks, []
        glyph, self.glyph = self.glyph, False
        numbered_list, self.numbered_list = self.numbered_list, False
        enough = 1 if self.where == _IN_LIST or glyph else 2
        if len(marks) >= enough and not _initials(marks):
            self.findings.append(self._finding(marks, numbered_list))

    def _finding(self, marks: list[str], numbered_list: bool) -> Finding:
        count = len(marks)
        shown = list(dict.fromkeys(marks))
        quoted = ", ".join(_quoted(mark) for mark in shown[:3]) + (", \u2026" if len(shown) > 3 else "")
        first = _quoted(self.first)
        if self.where == _IN_LIST:
            items = "a list item starts" if count == 1 else f"{count} list items in a row start"
            own = "number" if numbered_list else "bullet"
            message = (f"{items} with a typed mark ({quoted}) after the list's own {own}, from {first}: both "
                       "print (\u201c1. 1. \u2026\u201d) and a screen reader reads both")
            return Finding(TYPED_BULLETS, WARNING, message, _typed_in_list_advice(marks, numbered_list),
                           self.section_id, passage=self.first)
        lines = "a line starts" if count == 1 else f"{count} lines in a row start"
        if self.where == _IN_CELL:
            return Finding(TYPED_BULLETS, WARNING,
                           f"{lines} with a typed list mark ({quoted}) in a table cell, from {first}: a screen "
                           "reader reads them as plain lines, and a cell cannot hold a real list",
                           "Give each item a row of its own (Format \u203a Table \u203a Insert Row Below), or "
                           "keep them as plain lines without the typed marks.", self.section_id, passage=self.first)
        return Finding(TYPED_BULLETS, WARNING,
                       f"{lines} with a typed list mark ({quoted}), from {first}: a screen reader reads them as "
                       "plain lines, not as a list",
                       "Delete the typed marks and make the lines a real list with Format \u203a Bulleted List or "
                       "Numbered List (in a Markdown file, start each item with \u201c- \u201d or \u201c1. \u201d).",
                       self.section_id, passage=self.first)


def _typed_lines(lines: list[str], section_id: str | None, findings: list[Finding], where: str) -> None:
    """``typed-bullets`` for the lines of one list item or cell, on their own."""
    typed = _TypedList(section_id, findings, where)
    for line in lines:
        typed.line(line)
    typed.end()


def _typed_in_list_advice(marks: list[str], numbered_list: bool) -> str:
    """What to do about typed marks at the start of real list items."""
    if numbered_list:
        return "Delete the typed mark from the start of each item: the list numbers it."
    if any(mark[0].isalnum() or mark[0] == "(" for mark in marks):
        return ("Delete the typed mark from the start of each item and, for numbers, make the list a numbered "
                "one (Format \u203a Numbered List).")
    return "Delete the typed mark from the start of each item: the list bullets it."


def _initials(marks: list[str]) -> bool:
    """Whether ``marks`` are only single letters with a full stop not in alphabetical order ("J.", "S."): a
    name's initial ("J. Smith"), not a lettered list ("a.", "b.")."""
    if not all(len(mark) == 2 and mark[0].isalpha() and mark[1] == "." for mark in marks):
        return False
    letters = [ord(mark[0].lower()) for mark in marks]
    return len(letters) < 2 or any(after != before + 1 for before, after in zip(letters, letters[1:], strict=False))


def _table_findings(table: Table, index: int, section_id: str | None, findings: list[Finding]) -> None:
    """``table-header`` and ``table-header-cell`` for one table, then its cells' links, blank lines, capitals."""
    name, first_cell = _table_name(table, index)
    if not table.has_header:
        findings.append(Finding(TABLE_HEADER, ERROR,
                                f"{name} has no header row: a reader cannot tell what its columns hold",
                                "Turn on its header row (Format \u203a Table \u203a Header Row), with the "
                                "columns' names in that first row.", section_id, passage=first_cell))
    else:
        empty = [str(column) for column, cell in enumerate(table.header, 1)
                 if not inline_text(cell).translate(_INVISIBLE).strip()]
        if empty:
            cells = "an empty header cell" if len(empty) == 1 else "empty header cells"
            columns = f"column{'s' if len(empty) > 1 else ''} {', '.join(empty)}"
            findings.append(Finding(TABLE_HEADER_CELL, ERROR,
                                    f"{name} has {cells} ({columns}): a screen reader reads nothing for "
                                    f"{'that column' if len(empty) == 1 else 'those columns'}",
                                    "Type each column's name in its header cell.", section_id,
                                    passage=first_cell))
    for row in (table.header, *table.rows):
        for cell in row:
            if cell:
                _typed_lines(_inline_findings(cell, section_id, findings).split("\n"), section_id, findings,
                             _IN_CELL)


def _table_name(table: Table, index: int) -> tuple[str, str]:
    """"the table headed “Partner”", "the table that begins “Calderdale”", or "table 2 of the section"; and
    the cell's text that names it (its first header cell with text, else its first cell with text), the
    passage the app selects; "" for a table without text."""
    for what, row in (("headed", table.header), *(("that begins", row) for row in table.rows)):
        for cell in row:
            text = inline_text(cell)
            if text.strip():
                return f"the table {what} {_quoted(text)}", text
    return f"table {index} of the section", ""


def _caps_findings(text: str, section_id: str | None) -> list[Finding]:
    """``all-caps``: each passage of ``text`` in capitals longer than a line."""
    found = []
    for passage, words in _caps_passages(text):
        found.append(Finding(ALL_CAPS, WARNING,
                             f"{_quoted(passage)} is {words} words in capitals: a passage in capitals is slow "
                             "to read, and some screen readers spell capitals out letter by letter",
                             "Retype it in sentence case; for emphasis use bold (Format \u203a Bold).",
                             section_id, passage=passage))
    return found


def _caps_passages(text: str) -> Iterator[tuple[str, int]]:
    """Each run of capital-only words of at least :data:`CAPS_WORDS` words or over :data:`CAPS_LETTERS`
    letters, as it stands in ``text``, with its word count. Words without letters (numbers, dashes) and
    acronyms (:func:`_acronym_like`) neither count nor end a run."""
    for candidate in _CAPS_CANDIDATE.finditer(text):
        if candidate.end() - candidate.start() < _SHORTEST_CAPS_PASSAGE:
            continue
        tokens = _whole_words(text, candidate.start(), candidate.end())
        start: int | None = None
        end = words = letters = 0
        for index, (token, token_start, token_end) in enumerate(tokens):
            if token.isupper():
                start = token_start if start is None else start
                end = token_end
                if not _acronym_like(token, tokens[index + 1][0]):
                    words += 1
                    letters += sum(ch.isalpha() for ch in token)
            elif any(ch.isalpha() for ch in token):
                if start is not None and (words >= CAPS_WORDS or letters > CAPS_LETTERS):
                    yield text[start:end], words
                start, words, letters = None, 0, 0


def _whole_words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of ``text`` from ``start`` that begin before ``end``, whole, and the word after them (or a
    lower-case "x" at the end of the text), each as (word, start, end)."""
    words = []
    for word in _WORD.finditer(text, start):
        words.append((word.group(), word.start(), word.end()))
        if word.start() >= end:
            return words
    return [*words, ("x", len(text), len(text))]


def _acronym_like(word: str, next_word: str) -> bool:
    """Whether a capital ``word`` is taken for an acronym: at most :data:`ACRONYM_LETTERS` letters and
    without a vowel ("NHS", "HMRC"), in brackets, or in a list ("NFCC, APCC, NPCC and the MOD": a comma,
    semicolon or slash before another capital word, or "and", "or", "&" next). Shouted prose has short
    words without commas between them ("WE STRONGLY OBJECT TO THE PROPOSAL"), so it still counts."""
    letters = sum(ch.isalpha() for ch in word)
    if letters > ACRONYM_LETTERS:
        return False
    if _VOWELS.isdisjoint(word) or word.startswith("("):
        return True
    if next_word.casefold() in _LIST_JOINERS:
        return True
    return ("/" in word or word[-1] in ",;") and next_word.isupper()


def _quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line in quotation marks, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026") + "\u201d"
