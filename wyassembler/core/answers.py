"""The response's answers to the consultation's questions: their text, how they are counted, their states.

**What an answer is.** The answer to a question is, in outline order, the text of every section
mapped to it (:attr:`.model.Section.answers`) without the section's heading (the question stands in
its place), followed by each of its sub-sections that is not mapped to a question of its own, with
the sub-section's heading. The Word export in the consultation's order, the plain text for online
forms and every count show exactly that text.

**How an answer is counted.** One rule per kind of limit, the same in the command line, the app and
the export:

* *Words*, as Word counts them: every run of characters between spaces, tabs or line breaks is one
  word, whatever it holds ("well-known", "e.g.", "\u00a32.5m" and a dash standing alone each count
  one). Counted over the text the document shows: paragraphs, list items (not their bullets or
  numbers, which Word does not count), table cells, sub-section headings, a link's text (not its
  address, which the document does not show).
* *Characters*, as an online form's text box counts what is pasted into it: the plain text of
  :func:`plain_answer` (lists as lines with "- " or their numbers, links as "text (address)", a blank
  line between paragraphs), every line break one character, a character outside Unicode's basic
  plane (an emoji) two, as browsers count; without spaces, no space, tab or line break counts.

**States.** A question is *no-comment* when marked so and no section answers it; *answered* when a
section mapped to it has text (or, for a multiple-choice question, when an option is chosen) and the
count is within the limit; *over-limit* when answered beyond its limit; *unanswered* otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import chain
from operator import attrgetter, gt, itemgetter

from .content import Block, Inline, ListItem, MemberList, Paragraph, Table, inline_text
from .lists import list_places, number_label
from .model import Project, Section
from .questions import CHARACTERS, Limit, Question, number_key

ANSWERED = "answered"
NO_COMMENT = "no-comment"
UNANSWERED = "unanswered"
OVER_LIMIT = "over-limit"
QUESTION_STATES = (ANSWERED, NO_COMMENT, UNANSWERED, OVER_LIMIT)
# A section with the text it is being given (an editor's, not yet kept), counted in its place.
Editing = tuple[Section, tuple[Block, ...]]


@dataclass(frozen=True)
class AnswerPart:
    """One section's part of an answer: the section, its outline number, and the heading shown above
    its text ("" for a section mapped to the question itself, whose heading the question replaces)."""

    section: Section
    number: str
    heading: str


@dataclass(frozen=True)
class QuestionStatus:
    """Where one question stands: its answer's parts, state and count. The count is made when first asked
    for (``counter``): a question without a limit needs none for its state, and ``status`` shows none."""

    question: Question
    parts: tuple[AnswerPart, ...]
    state: str
    counter: Callable[[], int] = field(repr=False, compare=False)

    @cached_property
    def count(self) -> int:
        """The answer's count by its limit's rule (words without a limit)."""
        return self.counter()

    @property
    def section_numbers(self) -> list[str]:
        """The outline numbers of the sections mapped to the question (not their sub-sections)."""
        return [part.number for part in self.parts if not part.heading]

    @property
    def counted(self) -> bool:
        """Whether there is a count to show: text to count, or a limit to count against (not for a question
        marked no comment, nor for a choice alone without a limit). The CLI, the app and the Word table
        show none otherwise."""
        return self.state != NO_COMMENT and (bool(self.parts) or self.question.limit is not None)

    def count_phrase(self) -> str:
        """The count against the limit: "212 / 250 words", or "212 words" without a limit."""
        limit = self.question.limit
        if limit is None:
            return f"{self.count:,} words"
        return f"{self.count:,} / {limit.value:,} {limit.unit()}" + ("" if limit.spaces else " (no spaces)")

    def problem(self) -> str:
        """What stops this question counting as done, in one phrase ("" when nothing does)."""
        if self.state == UNANSWERED:
            if self.question.options and not self.question.choice:
                return "no option chosen and not marked no comment"
            return "not answered and not marked no comment"
        if self.state == OVER_LIMIT:
            assert self.question.limit is not None
            over = self.count - self.question.limit.value
            return f"over its limit by {over:,} ({self.count_phrase()})"
        return ""


# -- the answer's parts and text ----------------------------------------------------------------------

def answer_parts(project: Project) -> dict[str, list[AnswerPart]]:
    """Every question id some section answers, with the parts of its answer in outline order (one walk
    of the outline). Ids of questions no longer in the list are included: see :func:`unknown_answers`."""
    parts: dict[str, list[AnswerPart]] = {}
    # The nearest mapped ancestors, deepest last, as (level, its question ids): a sub-section's text
    # belongs to the deepest one's questions.
    mapped: list[tuple[int, list[str]]] = []
    for number, level, section in project.numbered():
        while mapped and mapped[-1][0] >= level:
            mapped.pop()
        if section.answers:
            mapped.append((level, section.answers))
            for question_id in section.answers:
                parts.setdefault(question_id, []).append(AnswerPart(section, number, ""))
        elif mapped:
            heading = section.heading
            for question_id in mapped[-1][1]:
                parts.setdefault(question_id, []).append(AnswerPart(section, number, heading))
    return parts


def plain_inline(spans: Inline) -> str:
    """Inline text as plain text: a link as "text (address)", or its address alone where that is its text."""
    if not any(span.href for span in spans):  # most text: no link, so its text as it is (one quick pass)
        return "".join([span.text for span in spans])
    pieces = []
    for span in spans:
        if span.href and span.text.strip() != span.href and span.href.removeprefix("mailto:") != span.text.strip():
            pieces.append(f"{span.text} ({span.href.removeprefix('mailto:')})")
        else:
            pieces.append(span.text)
    return "".join(pieces)


def plain_blocks(blocks: Iterable[Block], member_names: list[str], formats: tuple[str, ...]) -> list[str]:
    """Blocks as plain-text chunks: a paragraph, a whole list (its items as lines) or a table (its rows as
    lines, cells joined by " | "); chunks are joined by a blank line."""
    blocks = list(blocks)
    places = list_places(blocks)
    chunks: list[str] = []
    lines: list[str] = []  # the list being written
    for index, block in enumerate(blocks):
        if not isinstance(block, ListItem) and lines:
            chunks.append("\n".join(lines))
            lines = []
        if isinstance(block, ListItem):
            indent = "  " * (block.level - 1)
            marker = number_label(places[index].number, formats[block.level - 1]) if block.kind == "number" else "-"
            lines.append(f"{indent}{marker} {plain_inline(block.spans)}")
        elif isinstance(block, Paragraph):
            chunks.append(plain_inline(block.spans))
        elif isinstance(block, Table):
            rows = ([block.header] if block.header else []) + list(block.rows)
            chunks.append("\n".join(" | ".join(plain_inline(cell) for cell in row).rstrip() for row in rows))
        elif isinstance(block, MemberList):
            chunks.append("\n".join(f"- {name}" for name in member_names))
    if lines:
        chunks.append("\n".join(lines))
    return [chunk for chunk in chunks if chunk.strip()]


def plain_answer(project: Project, parts: Iterable[AnswerPart], editing: Editing | None = None) -> str:
    """The answer as plain text ready to paste into an online form (see the module's rules); ``editing``:
    one section's text taken as given (what an editor holds before it is kept), the others' as stored."""
    members = [org.name for org in project.organisations]
    chunks: list[str] = []
    for part in parts:
        if part.heading:
            chunks.append(part.heading)
        blocks = editing[1] if editing is not None and part.section is editing[0] else part.section.blocks
        chunks.extend(plain_blocks(blocks, members, project.list_formats))
    return "\n\n".join(chunks)


# -- counting -------------------------------------------------------------------------------------------

# What str.split takes for whitespace beyond ASCII. A text without any is counted on its UTF-8 bytes, each
# ASCII space mark made " " and every other byte "a": its words are the places "a" follows " " (or starts),
# counted in C without making a string per word (a third of the time of `status` with 300 questions).
_UNICODE_SPACES = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_WORD_MARKS = bytes(32 if byte < 128 and chr(byte).isspace() else 97 for byte in range(256))
_ASCII_SPACES = bytes(byte for byte in range(128) if chr(byte).isspace())  # what str.split drops of ASCII


def count_words(text: str) -> int:
    """Words as Word counts them: runs of characters between whitespace (as ``len(text.split())``)."""
    if not text.isascii() and _UNICODE_SPACES.search(text):
        return len(text.split())
    marks = text.encode("utf-8", "surrogatepass").translate(_WORD_MARKS)
    return marks.count(b" a") + marks.startswith(b"a")


def count_characters(text: str, spaces: bool = True) -> int:
    """Characters as a browser's text box counts them (UTF-16 code units; a line break is one)."""
    if text.isascii():  # the usual text: its spaces dropped in C, without a string per word
        return len(text) if spaces else len(text.encode("ascii").translate(None, _ASCII_SPACES))
    if not spaces:
        text = "".join(text.split())
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def count_text(text: str, limit: Limit | None) -> int:
    """Plain text counted by ``limit``'s rule (words without a limit): a no-comment line, say."""
    if limit is not None and limit.kind == CHARACTERS:
        return count_characters(text, limit.spaces)
    return count_words(text)


def _inline_words(spans: Inline) -> int:
    return count_words(inline_text(spans))


def block_words(block: Block, member_names: list[str]) -> int:
    """The words Word counts in one block (list numbers and link addresses are not shown text)."""
    if isinstance(block, (Paragraph, ListItem)):
        return _inline_words(block.spans)
    if isinstance(block, Table):
        return sum(_inline_words(cell) for row in ((block.header,) + block.rows) for cell in row)
    return sum(count_words(name) for name in member_names)


# Section words by content hash (a section's content and heading): counting every answer on every status
# would otherwise re-split every mapped section's text. Bounded, since hashes of old texts pile up.
_WORDS_BY_HASH: dict[tuple[str, int], int] = {}
_CACHE_LIMIT = 50_000


_RUN_KINDS = frozenset((Paragraph, ListItem))  # the blocks whose text is their spans'
_SPANS, _HREF, _TEXT = attrgetter("spans"), attrgetter("href"), attrgetter("text")
_LEVEL, _FIRST = attrgetter("level"), itemgetter(0)


def section_words(section: Section, member_names: list[str]) -> int:
    """The words of a section's text (not its heading)."""
    key = (section.hash, hash(tuple(member_names)))
    words = _WORDS_BY_HASH.get(key)
    if words is None:
        # Paragraphs and list items counted as one text (a line break between them ends a word as a block does)
        texts = ["".join([span.text for span in block.spans]) for block in section.blocks
                 if isinstance(block, (Paragraph, ListItem))]
        words = count_words("\n".join(texts)) + sum(block_words(block, member_names) for block in section.blocks
                                                   if not isinstance(block, (Paragraph, ListItem)))
        if len(_WORDS_BY_HASH) >= _CACHE_LIMIT:
            _WORDS_BY_HASH.clear()
        _WORDS_BY_HASH[key] = words
    return words


# What plain_blocks writes of a section, counted: (chunks, characters with or without spaces, as asked).
PlainCounts = tuple[int, int]
_PLAIN_BY_HASH: dict[tuple[str, tuple[str, ...], tuple[str, ...], bool], PlainCounts] = {}


def plain_counts(blocks: tuple[Block, ...], member_names: list[str], formats: tuple[str, ...],
                 spaces: bool = True) -> PlainCounts:
    """What :func:`plain_blocks` makes of ``blocks``, counted without writing it: its number of chunks and
    their characters (:func:`count_characters`), from the blocks' texts joined once, plus what the plain
    text adds (a list line's "indent marker ", the line breaks inside a list, a shown link's
    " (address)"). Equal to counting the chunks themselves (a Hypothesis test)."""
    if not blocks:
        return 0, 0
    kinds = list(map(type, blocks))
    # The spans' texts taken in C (no Python frame per block): a text's characters are the sum of its pieces'.
    spans = list(chain.from_iterable(map(_SPANS, blocks))) if set(kinds) <= _RUN_KINDS else []
    if not spans or _may_have_a_blank_paragraph(blocks):
        # A table, the members' list or a blank paragraph (no chunk): rare, so written out and counted.
        written = plain_blocks(blocks, member_names, formats)
        return len(written), sum(count_characters(chunk, spaces) for chunk in written)
    count = count_characters("".join(map(_TEXT, spans)), spaces)
    for span in filter(_HREF, spans):
        address = span.href.removeprefix("mailto:")
        if span.text.strip() not in (span.href, address):  # as plain_inline shows it: "text (address)"
            count += count_characters(address, spaces) + (3 if spaces else 2)
    chunks = kinds.count(Paragraph)
    if chunks == len(kinds):
        return chunks, count
    # The lists: each one chunk of lines "indent marker text" (indent two spaces a level) joined by line breaks.
    is_item = [kind is ListItem for kind in kinds]
    lists: int = sum(map(gt, is_item, [False] + is_item[:-1]))  # where an item follows no item, a list begins
    items = [block for block in blocks if isinstance(block, ListItem)]
    numbered = [(index, block.level) for index, block in enumerate(blocks)
                if isinstance(block, ListItem) and block.kind == "number"]
    places = list_places(blocks) if numbered else {}
    markers = len(items) - len(numbered) + sum(
        len(number_label(places[index].number, formats[level - 1])) for index, level in numbered)
    if spaces:  # each line's indent and the space after its marker (2 * level - 1), a line break between lines
        count += 2 * sum(map(_LEVEL, items)) - lists
    return chunks + lists, count + markers


def _may_have_a_blank_paragraph(blocks: tuple[Block, ...]) -> bool:
    """Whether a paragraph of ``blocks`` (all paragraphs and list items) may show no text: only where some
    block has no span, or begins with a span of nothing but spaces (neither is stored: normalize_inline)."""
    if all(map(_SPANS, blocks)):
        firsts = list(map(_TEXT, map(_FIRST, map(_SPANS, blocks))))
        if "" not in firsts and not any(map(str.isspace, firsts)):
            return False
    return any(not "".join(map(_TEXT, block.spans)).strip() for block in blocks if type(block) is Paragraph)


def section_plain_counts(section: Section, member_names: list[str], formats: tuple[str, ...],
                         spaces: bool = True) -> PlainCounts:
    """:func:`plain_counts` of a section's text, kept by its content hash (as :func:`section_words`)."""
    key = (section.hash, tuple(member_names), formats, spaces)
    counts = _PLAIN_BY_HASH.get(key)
    if counts is None:
        counts = plain_counts(section.blocks, member_names, formats, spaces)
        if len(_PLAIN_BY_HASH) >= _CACHE_LIMIT:
            _PLAIN_BY_HASH.clear()
        _PLAIN_BY_HASH[key] = counts
    return counts


def answer_characters(project: Project, parts: Iterable[AnswerPart], spaces: bool = True,
                      editing: Editing | None = None) -> int:
    """``count_characters(plain_answer(project, parts, editing), spaces)``, from each part's counts (kept
    by content hash) and the blank lines between the chunks, without writing the answer out."""
    return _characters(parts, [org.name for org in project.organisations], project.list_formats, spaces, editing)


def _characters(parts: Iterable[AnswerPart], members: list[str], formats: tuple[str, ...], spaces: bool,
                editing: Editing | None = None) -> int:
    chunks = count = 0
    for part in parts:
        if part.heading:
            chunks, count = chunks + 1, count + count_characters(part.heading, spaces)
        if editing is not None and part.section is editing[0]:
            counts = plain_counts(tuple(editing[1]), members, formats, spaces)
        else:
            counts = section_plain_counts(part.section, members, formats, spaces)
        chunks, count = chunks + counts[0], count + counts[1]
    return count + 2 * (chunks - 1) if spaces and chunks else count


def answer_count(project: Project, parts: list[AnswerPart], limit: Limit | None,
                 editing: Editing | None = None) -> int:
    """The answer's count by ``limit``'s rule (words when there is no limit); ``editing`` as for
    :func:`plain_answer` (the app counts what is being typed by the same rule)."""
    return _counted(parts, limit, [org.name for org in project.organisations], project.list_formats, editing)


def _counted(parts: list[AnswerPart], limit: Limit | None, members: list[str], formats: tuple[str, ...],
             editing: Editing | None = None) -> int:
    if limit is not None and limit.kind == CHARACTERS:
        return _characters(parts, members, formats, limit.spaces, editing)

    def words(section: Section) -> int:
        if editing is not None and section is editing[0]:
            return sum(block_words(block, members) for block in editing[1])
        return section_words(section, members)

    return sum(words(part.section) + count_words(part.heading) for part in parts)


# -- states ---------------------------------------------------------------------------------------------

def _has_text(parts: list[AnswerPart]) -> bool:
    return any(part.section.blocks for part in parts)


def question_state(question: Question, parts: list[AnswerPart], count: int) -> str:
    """The state of one question (see the module's rules)."""
    answered = bool(question.choice) if question.options else _has_text(parts)
    if not answered:
        return NO_COMMENT if question.no_comment and not parts else UNANSWERED
    if question.limit is not None and count > question.limit.value:
        return OVER_LIMIT
    return ANSWERED


def question_statuses(project: Project, parts_by_id: dict[str, list[AnswerPart]] | None = None) -> list[QuestionStatus]:
    """Every question's status, in the consultation's order. Each section's count is kept by its content
    hash (and what else it rests on: the members' names, the list numbering), so the app's statuses after
    a change count again only the sections that changed."""
    if parts_by_id is None:
        parts_by_id = answer_parts(project)
    members, formats = [org.name for org in project.organisations], project.list_formats
    statuses = []
    for question in project.questions:
        parts = parts_by_id.get(question.id, [])
        counter = partial(_counted, parts, question.limit, members, formats)
        count = counter() if question.limit is not None else 0  # without a limit the state needs no count
        status = QuestionStatus(question, tuple(parts), question_state(question, parts, count), counter)
        if question.limit is not None:
            status.__dict__["count"] = count  # counted already (cached_property's own place)
        statuses.append(status)
    return statuses


def forget_counts() -> None:
    """Empty the counts kept between calls (as a fresh process starts): for benchmarks and tests."""
    _WORDS_BY_HASH.clear()
    _PLAIN_BY_HASH.clear()


def unknown_answers(project: Project) -> list[tuple[str, Section]]:
    """Sections mapped to a question the list no longer has, as (outline number, section): their text
    stays and counts for nothing until someone maps them again."""
    known = {question.id for question in project.questions}
    return [(number, section) for number, _, section in project.numbered()
            if section.answers and not known.issuperset(section.answers)]


def question_problems(project: Project, statuses: list[QuestionStatus] | None = None) -> list[str]:
    """What stands between the answers and final, one line each: the readiness items of the questions."""
    if not project.questions:
        return []
    if statuses is None:
        statuses = question_statuses(project)
    problems = [f"{status.question.label()} \u201c{status.question.short_text()}\u201d: {status.problem()}"
                for status in statuses if status.problem()]
    problems.extend(f"section {number} \u201c{section.heading}\u201d answers a question that is no longer in the "
                    f"list: map it again or leave it unmapped" for number, section in unknown_answers(project))
    problems.extend(f"question number {number} is in the list more than once (two copies merged, say): import "
                    f"the list again or renumber one" for number in repeated_numbers(project))
    return problems


def repeated_numbers(project: Project) -> list[str]:
    """Question numbers more than one question has (as first printed), in the consultation's order: an
    import refuses them, but two copies that each added the question merge into both."""
    counts: dict[str, list[str]] = {}
    for question in project.questions:
        counts.setdefault(number_key(question.number), []).append(question.number)
    return [numbers[0] for numbers in counts.values() if len(numbers) > 1]


def unmapped_sections(project: Project) -> list[tuple[str, Section]]:
    """Top-level sections whose text answers no question (an introduction, a conclusion), as (number, section)."""
    mapped = {id(part.section) for parts in answer_parts(project).values() for part in parts}
    return [(number, section) for number, level, section in project.numbered()
            if level == 1 and id(section) not in mapped and not _answers_below(section, mapped)]


def _answers_below(section: Section, mapped: set[int]) -> bool:
    return any(id(child) in mapped or _answers_below(child, mapped) for child in section.children)
