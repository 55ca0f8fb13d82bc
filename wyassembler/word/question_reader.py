"""A consultation's question list read from a file: a Word document (.docx), Markdown or plain text.

Each source becomes :class:`..core.question_parsing.SourceLine` records and one parser reads the
questions (:func:`..core.question_parsing.parse_questions`). A Word document is opened the safe way
every .docx is (:func:`.package.open_document`) and read by the body reader, so bold, headings and the
number Word shows a numbered list item (which is in the numbering, not in the text: see
:mod:`.list_numbers`) are known as Word shows them. Used by ``wyassembler questions import`` and the
app's File > Import questions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..core.content import ListItem, Paragraph, Span, Table, inline_text
from ..core.errors import WyassemblerError
from ..core.question_parsing import (ParsedQuestions, SourceLine, lines_from_markdown, lines_from_table,
                                     lines_from_text, parse_questions)
from ..core.text import decode_text_file
from ..fileio import describe_os_error, open_to_read
from .body_items import BlockItem, Closing, Heading, Item, Subtitle, Title
from .body_reader import BodyReader
from .import_report import ImportReport
from .package import open_document

# The most a Markdown or text question list is read from: the limit every text input has (edit-section --from).
MAX_TEXT_BYTES = 10 * 1024 * 1024
WORD_SUFFIXES = (".docx", ".dotx")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)


class QuestionFileError(WyassemblerError):
    """A file the questions cannot be read from; the message says which and why."""


def questions_from_file(path: str | os.PathLike) -> ParsedQuestions:
    """The questions in the file at ``path`` (.docx, .md or .txt), with what could not be read.

    Raises :class:`QuestionFileError` (or :class:`.package.PackageError` for a Word document that
    cannot be opened) with one line for an unknown kind of file, a missing, unreadable or oversized
    one, or text that is not UTF-8.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return parse_questions(_word_lines(path))
    if suffix in MARKDOWN_SUFFIXES:
        return parse_questions(lines_from_markdown(_read_text(path)))
    if suffix in TEXT_SUFFIXES:
        return parse_questions(lines_from_text(_read_text(path)))
    if suffix in (".doc", ".docm", ".rtf", ".odt", ".pdf"):
        raise QuestionFileError(f"{path.name}: questions are read from a Word document (.docx), Markdown (.md) "
                                f"or plain text (.txt); save it as a .docx first")
    raise QuestionFileError(f"{path.name}: give a Word document (.docx), Markdown (.md) or plain text (.txt) file")


def _read_text(path: Path) -> str:
    """A UTF-8 text file, refused beyond :data:`MAX_TEXT_BYTES`."""
    try:
        with open_to_read(path) as handle:
            raw = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as error:  # missing, a folder, a pipe: said in the words every file error is
        raise QuestionFileError(describe_os_error(error, path, "read")) from None
    if len(raw) > MAX_TEXT_BYTES:
        raise QuestionFileError(f"{path.name} is over {MAX_TEXT_BYTES // 1_000_000} MB; a question list is "
                                f"far smaller")
    try:
        return decode_text_file(raw)
    except UnicodeDecodeError as error:
        raise QuestionFileError(f"{path.name} is not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def _word_lines(path: Path) -> list[SourceLine]:
    document = open_document(path, "document")
    reader = BodyReader(document, ImportReport())  # what the content model cannot hold does not matter here
    try:
        return list(_lines(reader.items(document.element.body)))
    except WyassemblerError as error:  # a paragraph no project could hold, say
        raise QuestionFileError(f"{path.name}: {error}") from None


def _lines(items: Iterable[Item]) -> Iterator[SourceLine]:
    """The body's items as lines: where each is named by its paragraph (or table) number and the
    heading it stands under, as a reader finds it in Word."""
    paragraph = tables = 0
    under = ""
    for item in items:
        if isinstance(item, BlockItem) and isinstance(item.block, Table):
            tables += 1
            rows = [[inline_text(cell) for cell in row] for row in (item.block.header, *item.block.rows) if row]
            places = [f"table {tables}, row {index}{under}" for index in range(1, len(rows) + 1)]
            if _is_box(rows):
                yield from _box_lines(rows, places)
            else:
                yield from lines_from_table(rows, places)
            continue
        paragraph += 1
        where = f"paragraph {paragraph}{under}"
        if isinstance(item, Heading):
            under = f" under \u201c{_short(item.text)}\u201d" if item.text else ""
            yield SourceLine(item.text, f"paragraph {paragraph}", heading=item.level, formatted=True)
        elif isinstance(item, Title):
            yield SourceLine(item.text, where, heading=0, formatted=True)
        elif isinstance(item, (Subtitle, Closing)):
            yield SourceLine(item.text, where, formatted=True)
        elif isinstance(item, BlockItem):
            yield _block_line(item, where)


def _is_box(rows: list[list[str]]) -> bool:
    """Whether a table is a box of text (one filled cell a row: a shaded box, a one-column list), as a
    summary of questions is often set, rather than a table of questions in columns."""
    return all(sum(1 for cell in row if cell.strip()) <= 1 for row in rows)


def _box_lines(rows: list[list[str]], places: list[str]) -> Iterator[SourceLine]:
    """A box's paragraphs as lines of their own: each may be a question (joined, the first question
    would run on through all the others)."""
    for row, place in zip(rows, places, strict=True):
        paragraphs = [text for cell in row for text in cell.split("\n") if text.strip()]
        for index, text in enumerate(paragraphs, start=1):
            yield SourceLine(text, place if len(paragraphs) == 1 else f"{place}, paragraph {index}")


def _block_line(item: BlockItem, where: str) -> SourceLine:
    block = item.block
    if isinstance(block, ListItem):
        # A nested item's number ("a", "i") restarts under each item above it: only the top level numbers questions.
        top = block.kind == "number" and block.level == 1 and item.number is not None
        number = str(item.number) if top else None
        return SourceLine(_text(block.spans), where, _starts_bold(block.spans), shown_number=number,
                          bullet=block.kind == "bullet", formatted=True)
    if isinstance(block, Paragraph):
        return SourceLine(_text(block.spans), where, _starts_bold(block.spans), formatted=True)
    return SourceLine("", where)


def _text(spans: tuple[Span, ...]) -> str:
    return " ".join("".join(span.text for span in spans).split())


def _starts_bold(spans: tuple[Span, ...]) -> bool:
    """Whether the first words are bold, as a question's label in a consultation is."""
    return next((span.bold for span in spans if span.text.strip()), False)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "\u2026"
