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

from .authority import latest_authorities
from .confidentiality import Withheld, withheld_sections
from .content import ListItem, Paragraph, Table, inline_text
from .model import Project, Section
from .partner_records import DECLINED
from .signoff import APPROVED, ENDORSED_WITH_RESERVATIONS, endorsement_states, latest_by_org

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


def redacted(project: Project, message: str) -> str:
    """``message`` (a warning or refusal of a public-copy export, which may be passed on by e-mail) with each
    withheld section's heading and the notes of decisions on it taken out: "section 5 “Depot lease”:
    changes requested by J. Smith: the £1.2m…" reads "section 5: changes requested by J. Smith: (note
    withheld)". Quoted headings go with their quotes; any other occurrence becomes "(withheld)"."""
    for item in withheld_sections(project).values():
        notes = [decision.note.strip() for decision in item.section.signoffs if decision.note.strip()]
        for note in sorted(notes, key=len, reverse=True):
            message = message.replace(note, "(note withheld)")
        heading = item.section.heading.strip()
        if not heading:
            continue
        for quoted in (f"\u201c{heading}\u201d", f"\u2018{heading}\u2019", f"'{heading}'", f'"{heading}"'):
            message = message.replace(f" {quoted}", "").replace(quoted, "(withheld)")
        # A whole word or phrase only: a short heading ("Pay") must not eat into other words ("Payment").
        message = re.sub(rf"(?<!\w){re.escape(heading)}(?!\w)", "(withheld)", message)
    return message


def public_copy_warnings(project: Project) -> list[str]:
    """What to tell whoever writes the public copy: each confidential text quoted where the copy prints it
    (:func:`quoted_elsewhere`), or that nothing is confidential, so the copy is the whole response."""
    if not withheld_sections(project):
        return ["no section is marked confidential, so the public copy is the whole response"]
    return quoted_elsewhere(project) + reservations_on_withheld(project)


def reservations_on_withheld(project: Project) -> list[str]:
    """A warning for each standing reservation on a withheld section: the public copy's statement of whom
    the response is made on behalf of prints its text in full (naming the section by number only), and a
    reservation on a confidential section may well say something confidential."""
    withheld = withheld_sections(project)
    states = endorsement_states(project) if withheld else {}
    latest = latest_by_org(project.endorsements)
    return [f"the reservation of {project.org_label(org_id)} on withheld section {withheld[item.section].number} "
            "is printed in the public copy (only the section's heading and text are withheld): check that it "
            "gives nothing confidential away"
            for org_id, state in states.items() if state == ENDORSED_WITH_RESERVATIONS
            for item in latest[org_id].reservations if item.section in withheld]


def quoted_elsewhere(project: Project) -> list[str]:
    """A warning for each confidential section whose text something the public copy prints or carries
    quotes: a run of :data:`QUOTED_RUN` consecutive words, or a whole paragraph (a heading, say) of
    :data:`SHORT_PARAGRAPH` words or more, the same whatever the case, spacing or punctuation. What is looked
    in: each section that is not withheld (its link texts too), then the title block, closing line and what
    the document's properties carry (what it responds to, the partnership), and the records the
    copy prints or its manifest carries (:func:`_carried_texts`: reservations, notes, authority references).
    "the text of confidential section 4 appears in section 6" (by numbers only: the warnings may be passed on).

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
    # A heading too short to count when quoted ("Redundancies") counts when a whole piece of printed text is
    # it: a heading, a link's text, the title. Only the whole piece: the word alone is everyday language.
    short_headings: dict[tuple[str, ...], set[str]] = {}
    for item in withheld.values():
        words = _words(item.section.heading)
        if 0 < len(words) < SHORT_PARAGRAPH:
            short_headings.setdefault(tuple(words), set()).add(item.number)
    found: dict[tuple[str, str], None] = {}  # (confidential number, where it is quoted), in document order
    for place, texts in _public_places(project, withheld):
        quoted: set[str] = set()
        for words in texts:
            quoted.update(short_headings.get(tuple(words), ()))
            for start, word in enumerate(words):
                for length in starting.get(word, ()):
                    numbers = runs.get(tuple(words[start:start + length]))
                    if numbers:
                        quoted.update(numbers)
        for confidential in sorted(quoted, key=_number_key):
            found[(confidential, place)] = None
    return [f"the text of confidential section {confidential} appears in {place}"
            for confidential, place in sorted(found, key=lambda pair: _number_key(pair[0]))]


def _public_places(project: Project, withheld: dict[str, Withheld]) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """(where, the words of each of its texts) for everything of the project's the public copy prints or
    carries: the sections not withheld, then the title block, closing line and properties, then the records."""
    for number, _, section in project.numbered():
        if section.id not in withheld:
            yield f"section {number}", _texts(section)
    for where, text in (("the title", project.title), ("the subtitle", project.subtitle),
                        ("the closing line", project.closing_line), ("what it responds to", project.responds_to),
                        ("the partnership's name", project.partnership), *_carried_texts(project, withheld)):
        yield where, iter([_words(text)])


def _carried_texts(project: Project, withheld: dict[str, Withheld]) -> Iterator[tuple[str, str]]:
    """(where, text) for what partners wrote that the public copy prints or its manifest carries: each
    standing endorsement's note and reservations, a standing decline's note, the note of each standing
    approval of a section not withheld (a withheld section's are left out), each standing authority's
    reference, and each no-comment reason."""
    for org_id, decision in latest_by_org(project.endorsements).items():
        name = project.org_label(org_id)
        if decision.decision in (APPROVED, DECLINED) and decision.note:
            kind = "decline" if decision.decision == DECLINED else "endorsement"
            yield f"the note of the {kind} of {name}", decision.note
        for reservation in decision.reservations:
            yield f"the reservation of {name}", reservation.text
    for number, _, section in project.numbered():
        if section.id in withheld:
            continue
        for org_id, decision in latest_by_org(section.signoffs).items():
            if decision.decision == APPROVED and decision.note:
                yield f"the note of the approval of section {number} by {project.org_label(org_id)}", decision.note
    for org_id, authority in latest_authorities(project).items():
        yield f"the authority record of {project.org_label(org_id)}", authority.reference
    for question in project.questions:
        if question.no_comment and question.no_comment_reason:
            yield f"the no-comment reason of question {question.number}", question.no_comment_reason


def _texts(section: Section) -> Iterator[list[str]]:
    """The words of each piece of text of the section's own (heading, paragraph, list item, table cell,
    and each link's text on its own), lower-cased."""
    yield _words(section.heading)
    for block in section.blocks:
        if isinstance(block, (Paragraph, ListItem)):
            yield _words(inline_text(block.spans))
            yield from (_words(span.text) for span in block.spans if span.href)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield _words(inline_text(cell))
                    yield from (_words(span.text) for span in cell if span.href)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())
