"""The consultation's numbered questions: what a question is, its limit, and how one is named.

A consultation asks numbered questions ("Question 3", "3a"), some with a limit on the answer's
length and some with options to choose from. A project holds them in the consultation's order
(:attr:`.model.Project.questions`); a section says which questions it answers by their ids
(:attr:`.model.Section.answers`). Ids are stable: a question keeps its id when its text, number or
limit change, so a section's mapping survives a corrected question list.

The records here are plain values; the changes to them (import, limits, no comment, a choice, a
section's mapping) are in :mod:`.question_edits`, the answers' text, counts and states in
:mod:`.answers`.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from .errors import ContentError, NotFoundError

WORDS = "words"
CHARACTERS = "characters"
LIMIT_KINDS = (WORDS, CHARACTERS)
# The largest limit anyone could mean: a limit is a box on a form, not a book.
MAX_LIMIT = 1_000_000
# A question's number as printed: "3", "3a", "3.2", "10(b)", "A1"; at most a few characters.
MAX_NUMBER_LENGTH = 12
_NUMBER = re.compile(r"[0-9A-Za-z]+(?:[.\-]?[0-9A-Za-z]+)*(?:\([0-9A-Za-z]{1,4}\))?")
# What may stand before a number where someone names a question: "Q3", "q 3", "Question 3", "question3".
_QUESTION_WORD = re.compile(r"^\s*(?:question|q)\s*\.?\s*(?=[0-9])", re.IGNORECASE)


@dataclass(frozen=True)
class Limit:
    """How long an answer may be: ``value`` words, or ``value`` characters counted with or without
    spaces (``spaces``; line breaks count as spaces do). The counting rules are in :mod:`.answers`."""

    kind: str
    value: int
    spaces: bool = True

    def __post_init__(self) -> None:
        if self.kind not in LIMIT_KINDS:
            raise ContentError(f"a limit counts {' or '.join(LIMIT_KINDS)}, not {self.kind!r}")
        if isinstance(self.value, bool) or not isinstance(self.value, int) or not 1 <= self.value <= MAX_LIMIT:
            raise ContentError(f"a limit must be a whole number from 1 to {MAX_LIMIT:,}, not {self.value!r}")
        if self.kind == WORDS and not self.spaces:
            raise ContentError("only a limit in characters can count without spaces")

    def describe(self) -> str:
        """The limit in words: "250 words", "1,500 characters" or "500 characters, not counting spaces"."""
        unit = ("word" if self.kind == WORDS else "character") + ("" if self.value == 1 else "s")
        text = f"{self.value:,} {unit}"
        return text if self.spaces else f"{text}, not counting spaces"

    def unit(self) -> str:
        """The short unit a count is shown in: "words" or "characters"."""
        return self.kind


@dataclass(frozen=True)
class Question:
    """One of the consultation's questions.

    ``number`` is the number as the consultation prints it ("3", "3a"), never renumbered;
    ``options`` the choices a multiple-choice question offers, in its order; ``choice`` the option
    the response gives. ``no_comment`` marks a question the partnership chooses not to answer, with
    an optional ``no_comment_reason``.
    """

    id: str
    number: str
    text: str
    limit: Limit | None = None
    options: tuple[str, ...] = ()
    choice: str = ""
    no_comment: bool = False
    no_comment_reason: str = ""

    def label(self) -> str:
        """How the question is named in messages: "question 3"."""
        return f"question {self.number}"

    def short_text(self, width: int = 60) -> str:
        """The question's text cut to about ``width`` characters at a word, with an ellipsis."""
        if len(self.text) <= width:
            return self.text
        cut = self.text[:width].rsplit(" ", 1)[0].rstrip(" ,;:.")
        return (cut or self.text[:width]) + "\u2026"


def new_question_id() -> str:
    """A fresh stable question id, unique across machines without coordination."""
    return f"q-{secrets.token_hex(6)}"


def _bare(number: str) -> str:
    """``number`` without "Question"/"Q" before it and the full stop, colon or unmatched bracket after it."""
    bare = _QUESTION_WORD.sub("", number.strip()).strip().rstrip(".:").strip()
    if bare.endswith(")") and "(" not in bare:
        bare = bare[:-1].rstrip(".:").strip()
    return bare


def check_number(number: str) -> str:
    """``number`` as a question number is kept ("Q3" and "Question 3" become "3"), or ContentError."""
    cleaned = _bare(number)
    if len(cleaned) <= MAX_NUMBER_LENGTH and _NUMBER.fullmatch(cleaned):
        return cleaned
    raise ContentError(f"{number!r} is not a question number: write it as printed, such as 3, 3a or 3.2")


def number_key(number: str) -> str:
    """What two question numbers are compared by: "3A", "3a" and "Q3a" name the same question."""
    return _bare(number).casefold()


def find_question(questions: list[Question], ref: str) -> Question:
    """The question named by its id or its number as printed ("3", "3a", "Q3", "Question 3")."""
    for question in questions:
        if question.id == ref:
            return question
    key = number_key(ref)
    for question in questions:
        if number_key(question.number) == key:
            return question
    if not questions:
        raise NotFoundError("this project has no consultation questions yet: import them with "
                            "'wyassembler questions import'")
    numbers = ", ".join(q.number for q in questions[:12]) + (", \u2026" if len(questions) > 12 else "")
    raise NotFoundError(f"there is no question {ref!r}: the questions are numbered {numbers}")


def match_option(question: Question, option: str) -> str:
    """The option of ``question`` that ``option`` names (ignoring case and surrounding spaces)."""
    if not question.options:
        raise ContentError(f"{question.label()} offers no options to choose from")
    wanted = option.strip().casefold()
    for offered in question.options:
        if offered.casefold() == wanted:
            return offered
    raise ContentError(f"{option!r} is not an option of {question.label()}: choose one of "
                       f"{' / '.join(question.options)}")
