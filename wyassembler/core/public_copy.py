"""The copy of the response for publication: what stands where a confidential section was, and the warning
that a confidential section's text is quoted where the public copy would print it.

The public copy keeps each withheld section's place and number (so "see section 5" stays right) under
the neutral heading :data:`WITHHELD_HEADING`, with :func:`withheld_notice` as its only text. A section
withheld as part of a withheld parent is covered by the parent's notice: it gets none of its own.
Which sections are withheld is :func:`.confidentiality.withheld_sections`'s rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .confidentiality import Withheld, withheld_sections
from .content import ListItem, Paragraph, Table, inline_text
from .model import Project, Section

WITHHELD_HEADING = "Withheld"
WITHHELD_WORD = "withheld"  # in a table naming sections by number and heading: "4 withheld"
QUOTED_RUN = 8  # consecutive words of a confidential text that count as quoting it
SHORT_PARAGRAPH = 3  # a whole paragraph this long or longer (and under QUOTED_RUN words) counts when quoted
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def withheld_notice(number: str, reason: str) -> str:
    """The text standing in place of a withheld section: "Section 4 is withheld: commercially sensitive."."""
    reason = _SPACE.sub(" ", reason).strip().rstrip(".")
    return f"Section {number} is withheld: {reason}."


def notice_for(item: Withheld) -> str:
    """The notice of a withheld section, under its own number (the reason is the marked section's)."""
    return withheld_notice(item.number, item.reason)


def withheld_label(number: str) -> str:
    """How a table that names sections by number and heading names a withheld one: "4 withheld"."""
    return f"{number} {WITHHELD_WORD}"


def covered_by_parent(project: Project, withheld: dict[str, Withheld], section: Section) -> bool:
    """Whether ``section`` is withheld as part of a withheld parent (whose notice covers it)."""
    parent = project.parent_of(section)
    return section.id in withheld and parent is not None and parent.id in withheld


def public_copy_warnings(project: Project) -> list[str]:
    """What to tell whoever writes the public copy: each confidential text quoted where the copy prints it
    (:func:`quoted_elsewhere`), or that nothing is confidential, so the copy is the whole response."""
    if not withheld_sections(project):
        return ["no section is marked confidential, so the public copy is the whole response"]
    return quoted_elsewhere(project)


def quoted_elsewhere(project: Project) -> list[str]:
    """A warning for each confidential section whose text a section that is not withheld quotes: a run of
    :data:`QUOTED_RUN` consecutive words, or a whole paragraph of :data:`SHORT_PARAGRAPH` words or more, the
    same whatever the case, spacing or punctuation. "the text of confidential section 4 appears in section 6".

    Time grows with the number of words, not with the number of pairs of sections: each confidential run
    is kept in a table, and each word of a public text looked up by the runs that start with it."""
    withheld = withheld_sections(project)
    if not withheld:
        return []
    runs: dict[tuple[str, ...], set[str]] = {}  # a confidential run of words (or short paragraph) -> numbers
    starting: dict[str, set[int]] = {}  # a word -> the lengths of the runs that start with it
    for item in withheld.values():
        for words in _texts(item.section):
            if len(words) >= QUOTED_RUN:
                pieces = [tuple(words[start:start + QUOTED_RUN]) for start in range(len(words) - QUOTED_RUN + 1)]
            else:
                pieces = [tuple(words)] if len(words) >= SHORT_PARAGRAPH else []
            for piece in pieces:
                runs.setdefault(piece, set()).add(item.number)
                starting.setdefault(piece[0], set()).add(len(piece))
    found: dict[tuple[str, str], None] = {}  # (confidential number, quoting number), in document order
    for number, _, section in project.numbered():
        if section.id in withheld:
            continue
        quoted: set[str] = set()
        for words in _texts(section):
            for start, word in enumerate(words):
                for length in starting.get(word, ()):
                    numbers = runs.get(tuple(words[start:start + length]))
                    if numbers:
                        quoted.update(numbers)
        for confidential in sorted(quoted, key=_number_key):
            found[(confidential, number)] = None
    return [f"the text of confidential section {confidential} appears in section {number}"
            for confidential, number in sorted(found, key=lambda pair: _number_key(pair[0]))]


def _texts(section: Section) -> Iterator[list[str]]:
    """The words of each piece of text of the section's own (heading, paragraph, list item, table cell),
    lower-cased."""
    yield _words(section.heading)
    for block in section.blocks:
        if isinstance(block, (Paragraph, ListItem)):
            yield _words(inline_text(block.spans))
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield _words(inline_text(cell))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())
