"""Reading a consultation's question list from its text: one parser for Markdown, plain text and Word.

Each source is first turned into :class:`SourceLine` records (a paragraph or list item's text, and what
the source knows of it: bold, heading level, a numbered list item's shown number, a bullet); the
adapters for plain text, Markdown and table rows are here, Word's is in
:mod:`..word.question_reader`. :func:`parse_questions` then reads the questions by these rules:

* A question starts at a paragraph or list item beginning with its label: "Question 3", "Question 3:",
  "Q3", "Q3." (a *named* label), or a number alone: "3.", "3)", "3a", "3a)", "(3a)", or a numbered
  list item (a *bare* label). Numbered points in ordinary prose look the same as bare labels, so a part
  of the document that names any question takes only named labels; bare labels count only in a part
  that names none (and the result's notes say so).
* Its text runs on into the following paragraphs until the next question, a heading, or a paragraph
  that does not continue it (see :func:`_continues`), at most :data:`MAX_PARAGRAPHS` paragraphs and
  :data:`MAX_QUESTION_CHARS` characters.
* A limit written the usual ways ("(max 250 words)", "[500 characters]", "Please limit your answer to
  300 words", "(500 characters, excluding spaces)") and options ("Yes / No / Don't know", or option lines
  such as "☐ Yes" or "- Yes" under a question ending in "?") are taken out of the question's text.
* A consultation states its questions twice: in the body and in a "Summary of questions" (or
  "Consultation questions", "List of questions") section. When that section holds questions they are
  the list; the body's are compared with them and each difference is reported.
* The same number twice with the same text is merged; with different text both are kept and reported
  (the import then refuses the list: :func:`.question_edits.check_question_list`). A number out of
  sequence, a gap, a question without a number or text, a limit that cannot be read: each is one line
  in ``problems`` saying where it was. Nothing is guessed silently.

Reading is bounded: at most :data:`MAX_LINES` lines of :data:`MAX_LINE_CHARS` characters each are read,
and every pattern is linear in its input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from .question_edits import NewQuestion
from .question_phrases import (Label, bullet_text, checkbox_option, find_limit, find_options, is_scale_option,
                               is_short_option, is_unnumbered_question, label_alone, options_line, read_label,
                               split_options, tidy, unreadable_number)
from .questions import Limit, number_key

MAX_LINES = 200_000
MAX_LINE_CHARS = 20_000
MAX_QUESTION_CHARS = 5_000
MAX_PARAGRAPHS = 8  # a question's label paragraph and what runs on from it
# A paragraph this long with no question mark is prose, not the rest of a question.
MAX_RUN_ON_CHARS = 500
MAX_FOLLOW_UP_CHARS = 200
# The most problem lines a report gives: past these, how many more there were.
MAX_PROBLEMS = 100
LOOKED_FOR = ("no questions found: looked for paragraphs or list items starting \u201cQuestion 3\u201d, "
              "\u201cQ3\u201d, \u201c3.\u201d, \u201c3)\u201d or \u201c3a\u201d")
_SUMMARY_TITLES = frozenset((
    "summary of questions", "summary of the questions", "summary of consultation questions",
    "summary of the consultation questions", "consultation questions", "the consultation questions",
    "list of questions", "list of the questions", "list of consultation questions", "full list of questions",
    "questions for consultation", "consultation questions summary", "summary of questions asked",
    "questions in this consultation", "list of consultation questions"))
_ANNEX = re.compile(r"^(?:annex|appendix|annexe|chapter|section)[ \t]{1,3}[a-z0-9]{1,3}[ \t]{0,3}[:.\-\u2013\u2014]?"
                    r"[ \t]{0,3}|^[0-9]{1,2}(?:\.[0-9]{1,2})?\.?[ \t]{1,3}", re.IGNORECASE)
# What runs on after a question ending in "?": a short instruction such as "Please explain your answer."
_FOLLOW_UP = re.compile(r"^(?:please|if[ \t]|give|explain|provide|tell[ \t]us|why|what|how|where|which|include"
                        r"|describe|set[ \t]out)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceLine:
    """One paragraph, list item or table row as a source holds it.

    ``heading`` is a heading's level (0 for the document's title); ``shown_number`` the number a
    numbered list shows beside the text (not in it); ``bullet`` marks a bulleted item; ``bold`` that the
    line's first words are bold; ``where`` names the place in messages ("line 12", "paragraph 40").
    ``formatted`` says the source can show bold at all (Word, Markdown), so its absence means something.
    """

    text: str
    where: str = ""
    bold: bool = False
    heading: int | None = None
    shown_number: str | None = None
    bullet: bool = False
    formatted: bool = False


@dataclass
class ParsedQuestions:
    """The questions read, in order; ``problems``: what could not be read, one line each with where
    it was; ``notes``: how the list was read (which part of the document, by which labels)."""

    questions: list[NewQuestion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unlisted: int = 0  # problems past MAX_PROBLEMS, counted in the last line of ``problems``

    @property
    def problem_count(self) -> int:
        """How many problems there were, listed or not."""
        return len(self.problems) - (1 if self.unlisted else 0) + self.unlisted

    def lines(self) -> list[str]:
        """The notes, then the problems, for a report."""
        return [*self.notes, *self.problems]


@dataclass
class _Found:
    """A question being read: its label's number, its paragraphs so far and its option lines."""

    number: str
    where: str
    bold: bool
    parts: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text) + 1

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass
class _Read:
    """A question as read, before it is checked against the others: where it was and its problems."""

    question: NewQuestion
    where: str


# -- the parser ---------------------------------------------------------------------------------------

def parse_questions(lines: Iterable[SourceLine]) -> ParsedQuestions:
    """The questions in ``lines`` (see the module's rules), with what could not be read."""
    result = ParsedQuestions()
    source = _bounded(lines, result)
    summary, body, summary_where = _split_summary(source)
    summary_read, _ = _read_part(summary, result, "the summary of questions")
    body_result = ParsedQuestions()  # the body's problems count only when its questions are the list
    body_read, body_named = _read_part(body, body_result, "")
    if summary_read:
        result.notes.append(f"took the questions from the summary of questions ({summary_where})")
        # A body that names no question has only numbered points of prose to compare.
        chosen = _compare_with_body(summary_read, body_read if body_named else [], result)
    else:
        chosen = body_read
        result.problems.extend(body_result.problems)
        if body_read:
            _note_bare(result, body_named)
    chosen = _merge_duplicates(chosen, result)
    _check_sequence(chosen, result)
    result.questions = [read.question for read in chosen]
    if not result.questions:
        result.problems.append(LOOKED_FOR)
    _cap_problems(result)
    return result


def _cap_problems(result: ParsedQuestions) -> None:
    """At most :data:`MAX_PROBLEMS` problem lines, then one saying how many more there were: a file of
    100,000 unreadable labels gives a report someone can read."""
    more = len(result.problems) - MAX_PROBLEMS
    if more > 0:
        result.unlisted = more
        del result.problems[MAX_PROBLEMS:]
        result.problems.append(f"\u2026 and {more:,} more problem(s), not listed")


# Characters that show nothing but would keep a label from being read ("Question\u200b 3") or turn a
# question's text around on screen: zero-width spaces, direction marks and overrides, a stray BOM, soft
# hyphens. The joiners (U+200C, U+200D) stay: they shape Persian script and emoji.
_INVISIBLE = dict.fromkeys((0x00AD, 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2060, 0x2065),
                            *range(0x2066, 0x206A), 0xFEFF))


def _bounded(lines: Iterable[SourceLine], result: ParsedQuestions) -> list[SourceLine]:
    """The first :data:`MAX_LINES` non-empty lines, each cut to :data:`MAX_LINE_CHARS` characters, without
    the invisible characters of :data:`_INVISIBLE`."""
    kept: list[SourceLine] = []
    for line in lines:
        if len(kept) >= MAX_LINES:
            result.problems.append(f"stopped reading after {MAX_LINES:,} paragraphs ({line.where}): "
                                   f"more than a question list could hold")
            break
        text = line.text if len(line.text) <= MAX_LINE_CHARS else line.text[:MAX_LINE_CHARS]
        text = " ".join(text.translate(_INVISIBLE).split())
        if text:
            kept.append(line if text == line.text else _with_text(line, text))
    return kept


def _with_text(line: SourceLine, text: str) -> SourceLine:
    return SourceLine(text, line.where, line.bold, line.heading, line.shown_number, line.bullet, line.formatted)


def _summary_title(line: SourceLine) -> bool:
    """Whether the line names the summary of questions (a heading, or a line standing alone)."""
    if len(line.text) > 80:
        return False
    text = _ANNEX.sub("", line.text.strip()).strip().rstrip(":.").strip().casefold()
    return text in _SUMMARY_TITLES or (line.heading is not None and text == "questions")


def _split_summary(lines: list[SourceLine]) -> tuple[list[SourceLine], list[SourceLine], str]:
    """The lines of the summary sections (from their title to the next heading at the same level or
    above; a title that is no heading runs to the next heading), the rest, and where the first was."""
    summary: list[SourceLine] = []
    body: list[SourceLine] = []
    level: int | None = None  # the open summary's heading level; -1 for a title that is no heading
    where = ""
    for line in lines:
        if level is not None and line.heading is not None and (level < 0 or line.heading <= level):
            level = None
        if _summary_title(line):
            level = line.heading if line.heading is not None else -1
            where = where or line.where
            continue
        (summary if level is not None else body).append(line)
    return summary, body, where


def _labels(lines: list[SourceLine]) -> list[Label | None]:
    """Each line's label: one written in its text, else its list number (a bare label)."""
    labels = []
    for line in lines:
        label = read_label(line.text)
        if label is None and line.shown_number is not None and not line.heading:
            label = Label(line.shown_number, False, line.text)
        labels.append(label)
    return labels


def _note_bare(result: ParsedQuestions, named: bool) -> None:
    """Say so when the questions were told by their numbers alone (a summary's list is expected to be)."""
    if not named:
        result.notes.append("the questions were recognised by their numbers alone (\u201c3.\u201d, "
                            "\u201c3)\u201d), as the document never writes \u201cQuestion 3\u201d or \u201cQ3\u201d "
                            "there: check that no numbered point of ordinary text was taken for a question")


def _read_part(lines: list[SourceLine], result: ParsedQuestions, part: str) -> tuple[list[_Read], bool]:
    """The questions of one part of the document (the body, or the summary of questions), and whether
    that part names its questions ("Question 3", "Q3") rather than numbering them alone."""
    labels = _labels(lines)
    named = any(label is not None and label.named for label in labels)
    found: list[_Found] = []
    current: _Found | None = None
    for line, label in zip(lines, labels, strict=True):
        if label is not None and (label.named or (not named and line.heading is None)):
            current = _Found(label.number, line.where, line.bold)
            found.append(current)
            if label.rest:
                current.add(label.rest)
            continue
        if line.heading is not None:
            current = None
            continue
        unread = unreadable_number(line.text)
        if unread is not None:
            result.problems.append(f"{line.where}: \u201c{_excerpt(line.text)}\u201d starts as a question's label, "
                                   f"but \u201c{unread[:24]}\u201d is not a number such as 3, 3a, 3.2 or 10(b); "
                                   f"it was not read")
            current = None
            continue
        if is_unnumbered_question(line.text):
            result.problems.append(f"{line.where}: \u201c{_excerpt(line.text)}\u201d reads like a question but "
                                   f"has no number; it was not read")
            current = None
            continue
        if current is not None and not _continues(current, line):
            current = None
    return [read for read in (_finish(item, result, part) for item in found) if read is not None], named


def _continues(question: _Found, line: SourceLine) -> bool:
    """Whether ``line`` belongs to the question above it, and if so takes it in.

    Option lines ("☐ Yes", "Yes / No", "- Yes" under a question ending in "?" or ":") and a line that
    is only a limit belong to it; a label alone takes the next paragraph as its text; after options
    only a limit does. Otherwise, in a source that shows bold, a question whose label is bold runs on
    only through bold paragraphs; elsewhere a sentence cut off at the end of a line runs on, and after a
    finished sentence only a short instruction such as "Please explain your answer." follows, never
    prose.
    """
    text = line.text
    if len(question.parts) >= MAX_PARAGRAPHS or question.size + len(text) > MAX_QUESTION_CHARS:
        return False
    limit_found = find_limit(question.text)
    written_options, asked = find_options(limit_found.text)
    asks = asked.endswith(("?", ":")) or bool(question.options)
    option = checkbox_option(text)
    if option is None and asks:
        listed = bullet_text(text) if not line.bullet else text
        option = listed if listed is not None and is_short_option(listed) else None
        if option is None and is_scale_option(text):
            option = text
        many = options_line(text)
        if many:
            question.options.extend(many)
            return True
    if option is not None:
        question.options.append(option)
        return True
    if not question.parts or _only_limit(text):
        question.add(text)
        return True
    if question.options or written_options:
        return False  # options end a question
    if line.formatted and question.bold:
        run_on = line.bold
    elif asked.endswith(("?", ".", "!", ")")) or limit_found.limit is not None:
        run_on = len(text) <= MAX_FOLLOW_UP_CHARS and bool(_FOLLOW_UP.match(text))
    else:  # the sentence goes on in the next paragraph or line
        run_on = len(text) <= MAX_RUN_ON_CHARS or "?" in text
    if run_on:
        question.add(text)
    return run_on


def _only_limit(text: str) -> bool:
    found = find_limit(text)
    return found.limit is not None and not found.text


def _finish(found: _Found, result: ParsedQuestions, part: str) -> _Read | None:
    """The question ``found`` as read, its limit and options out of its text; None if it has no text."""
    where = found.where + (f" in {part}" if part else "")
    if found.size > MAX_QUESTION_CHARS:
        result.problems.append(f"question {found.number} ({where}) is over {MAX_QUESTION_CHARS:,} characters "
                               f"long, more than a question; it was not read")
        return None
    limit_found = find_limit(found.text)
    if limit_found.problem:
        result.problems.append(f"question {found.number} ({where}): {limit_found.problem}")
    options, text = find_options(limit_found.text)
    options = tuple(dict.fromkeys((*options, *found.options)))
    text = tidy(text)
    if not text:
        result.problems.append(f"question {found.number} ({where}) has a number but no text; it was not read")
        return None
    return _Read(NewQuestion(found.number, text, limit_found.limit, options), found.where)


# -- the summary against the body, duplicates and sequence ------------------------------------------------

def _same_words(first: str, second: str) -> bool:
    """Whether two question texts say the same, apart from case, quotes, spacing and final punctuation."""
    return _plain_words(first) == _plain_words(second)


def _plain_words(text: str) -> str:
    text = text.casefold().translate(str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014", "''\"\"--"))
    return " ".join(text.split()).rstrip(" .:?")


def _compare_with_body(summary: list[_Read], body: list[_Read], result: ParsedQuestions) -> list[_Read]:
    """The summary's questions, each compared with the body's of the same number: a different wording
    is reported (the summary's is kept); a limit or options only the body gives are taken from it."""
    by_number: dict[str, _Read] = {}
    for read in body:
        by_number.setdefault(number_key(read.question.number), read)
    in_summary = {number_key(read.question.number) for read in summary}
    chosen = []
    for read in summary:
        question = read.question
        other = by_number.get(number_key(question.number))
        if other is not None:
            question = _with_body_details(read, other, result)
        elif by_number:  # a body that names its questions and not this one: one of the two is wrong
            result.problems.append(f"question {question.number} is in the summary of questions ({read.where}) "
                                   f"but not in the body; check the body does not ask it under another number")
        chosen.append(_Read(question, read.where))
    for number, read in by_number.items():
        if number not in in_summary:
            result.problems.append(f"question {read.question.number} is in the body ({read.where}) but not in "
                                   f"the summary of questions; it was left out")
    return chosen


def _with_body_details(read: _Read, body: _Read, result: ParsedQuestions) -> NewQuestion:
    question, other = read.question, body.question
    label = f"question {question.number}"
    if not _same_words(question.text, other.text):
        result.problems.append(f"{label} is worded differently in the body ({body.where}: "
                               f"\u201c{_excerpt(other.text)}\u201d) than in the summary ({read.where}: "
                               f"\u201c{_excerpt(question.text)}\u201d); the summary's wording was taken")
    limit, options = question.limit, question.options
    if limit is None and other.limit is not None:
        limit = other.limit
        result.notes.append(f"{label}: its limit ({limit.describe()}) was taken from the body ({body.where})")
    elif other.limit is not None and other.limit != limit:
        result.problems.append(f"{label} has a limit of {_describe(limit)} in the summary but "
                               f"{other.limit.describe()} in the body ({body.where}); the summary's was taken")
    if not options and other.options:
        options = other.options
        result.notes.append(f"{label}: its options were taken from the body ({body.where})")
    elif other.options and other.options != options:
        result.problems.append(f"{label} offers {' / '.join(options)} in the summary but "
                               f"{' / '.join(other.options)} in the body ({body.where}); the summary's were taken")
    return NewQuestion(question.number, question.text, limit, options)


def _describe(limit: Limit | None) -> str:
    return limit.describe() if limit is not None else "none"


def _merge_duplicates(reads: list[_Read], result: ParsedQuestions) -> list[_Read]:
    """The same question stated twice is kept once; the same number with another text, limit or options
    is kept twice and reported (the import refuses such a list rather than choose)."""
    first: dict[str, _Read] = {}
    kept = []
    for read in reads:
        key = number_key(read.question.number)
        earlier = first.get(key)
        if earlier is None:
            first[key] = read
            kept.append(read)
            continue
        a, b = earlier.question, read.question
        if _same_words(a.text, b.text) and a.limit == b.limit and a.options == b.options:
            continue
        result.problems.append(f"question {b.number} appears twice, worded or limited differently "
                               f"({earlier.where} and {read.where}); the list cannot be imported until one goes")
        kept.append(read)
    return kept


_ORDER = re.compile(r"^([0-9]{1,4})(.{0,12})$")


def _check_sequence(reads: Sequence[_Read], result: ParsedQuestions) -> None:
    """A number lower than the one before it ("3" after "7"), or numbers skipped, reported."""
    previous: tuple[int, str] | None = None
    previous_number = ""
    for read in reads:
        match = _ORDER.match(read.question.number.casefold())
        if match is None:
            continue
        current = (int(match.group(1)), match.group(2))
        if previous is not None:
            if current < previous:
                result.problems.append(f"question {read.question.number} ({read.where}) comes after question "
                                       f"{previous_number}: out of sequence")
            elif current[0] > previous[0] + 1:
                missing = (str(previous[0] + 1) if current[0] == previous[0] + 2
                           else f"{previous[0] + 1} to {current[0] - 1}")
                result.problems.append(f"no question {missing} between question {previous_number} and question "
                                       f"{read.question.number} ({read.where}): check none was missed")
        if previous is None or current > previous:
            previous, previous_number = current, read.question.number


def _excerpt(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "\u2026"


# -- sources --------------------------------------------------------------------------------------------

_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:={3,}|-{3,})[ \t]*$")
_TEXT_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]{1,8}(.*)$")


def lines_from_text(text: str) -> list[SourceLine]:
    """Plain text as lines: each non-empty line one record; a line underlined with "===" or "---", or
    starting with "#", a heading."""
    lines: list[SourceLine] = []
    for number, raw in enumerate(text.splitlines()[:MAX_LINES * 2], start=1):
        if _UNDERLINE.match(raw) and lines and lines[-1].where == f"line {number - 1}":
            previous = lines.pop()
            lines.append(SourceLine(previous.text, previous.where, heading=1 if "=" in raw else 2))
            continue
        heading = _TEXT_HEADING.match(raw[:MAX_LINE_CHARS])
        if heading:
            lines.append(SourceLine(heading.group(2), f"line {number}", heading=len(heading.group(1))))
        elif raw.strip():
            lines.append(SourceLine(raw, f"line {number}"))
    return lines


_MARKDOWN = MarkdownIt("commonmark").enable("table")


def lines_from_markdown(text: str) -> list[SourceLine]:
    """Markdown as lines: headings, paragraphs (a list item's first paragraph with its number or bullet)
    and table rows, with whether each starts in bold."""
    lines: list[SourceLine] = []
    items: list[tuple[str | None, bool]] = []  # the open list items: number shown, bullet
    pending: tuple[str | None, bool] | None = None  # the list item whose first paragraph is next
    heading: int | None = None
    row: list[str] | None = None
    rows: list[tuple[list[str], str]] = []
    for token in _MARKDOWN.parse(text):
        kind = token.type
        if kind == "list_item_open":
            pending = (token.info or None, token.markup in ("-", "*", "+"))
            items.append(pending)
        elif kind == "list_item_close":
            items.pop()
            pending = None
        elif kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            rows.append((row, f"line {token.map[0] + 1}" if token.map else ""))
            row = None
        elif kind == "table_close":
            lines.extend(lines_from_table([cells for cells, _ in rows], [where for _, where in rows]))
            rows = []
        elif kind == "inline":
            words, bold = _inline_text(token)
            if row is not None:
                row.append(words)
                continue
            number, bullet = pending if pending is not None else (None, False)
            pending = None
            where = f"line {token.map[0] + 1}" if token.map else ""
            lines.append(SourceLine(words, where, bold, heading, number, bullet, formatted=True))
    return lines


def _inline_text(token) -> tuple[str, bool]:
    """An inline token's text (links as their text) and whether its first words are bold."""
    pieces: list[str] = []
    bold = first_bold = False
    started = hidden = False
    for child in token.children or ():
        if child.type == "html_inline":
            # What a browser never shows (a script's or a style's text) is not the question's.
            tag = child.content.lower()
            hidden = tag.startswith(("<script", "<style")) or (hidden and not tag.startswith(("</script", "</style")))
        elif hidden:
            continue
        elif child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type in ("text", "code_inline"):
            if child.content.strip() and not started:
                started, first_bold = True, bold
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    return "".join(pieces), first_bold


_HEADER_WORDS = frozenset(("question", "questions", "answer", "answers", "response", "your response",
                           "your answer", "no", "no.", "number", "q", "ref", "comments", "question number",
                           "consultation question", "response box", "your comments"))


def lines_from_table(rows: Sequence[Sequence[str]], places: Sequence[str]) -> list[SourceLine]:
    """A table's rows as lines: a header row ("Question | Answer") left out; a row whose first cell is a
    label alone ("3", "Q3") made that question with the next cell's text; any other row its first
    non-empty cell. Later cells are taken only if they list options or state a limit (an answer cell,
    empty or "Click here to enter text", is not part of the question)."""
    lines: list[SourceLine] = []
    questions_table = bool(rows) and any("question" in cell.casefold() for cell in rows[0])
    for cells, where in zip(rows, places, strict=True):
        cells = [" ".join(cell.split()) for cell in cells]
        filled = [cell for cell in cells if cell]
        if not filled or all(cell.casefold().rstrip(":") in _HEADER_WORDS for cell in filled):
            continue
        alone = label_alone(filled[0])
        if alone is not None and len(filled) > 1:
            number, named = alone
            named = named or questions_table
            text, extra = filled[1], filled[2:]
            lines.append(SourceLine(_joined(f"Question {number}: {text}" if named else text, extra), where,
                                    shown_number=None if named else number))
        else:
            lines.append(SourceLine(_joined(filled[0], filled[1:]), where))
    return lines


def _joined(text: str, extra: Sequence[str]) -> str:
    kept = [cell for cell in extra if split_options(cell) or find_limit(cell).limit is not None]
    return " ".join([text, *kept])
