"""What the exported response declares about itself: on whose behalf it is made, and which of its parts it
asks to be kept confidential.

Both are plain sentences (:class:`Statement`: paragraphs, some of them items of a bulleted list) worked out
from the project's records, so that the Word export, the command line and the app say the same thing:

- :func:`behalf_statement`: the organisations whose current endorsement (with or without reservations)
  the response is made on behalf of, each reservation, those who decline and asked to be named (a decliner
  who did not ask is not named) and, in a draft, who has not decided yet;
- :func:`confidentiality_statement`: the sections marked confidential and why, in the words government
  consultations ask for (the Freedom of Information Act 2000, the Environmental Information Regulations
  2004 and data protection law mean confidentiality cannot be promised; an e-mail system's automatic
  disclaimer does not count), for the full copy only: the public copy withholds those sections instead.

Numbers follow the GOV.UK style guide: "one" in words, other counts as numerals ("9 of the 10 members"),
except the common expression "all ten members", written in words up to ten.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .confidentiality import confidential_reason, withheld_sections, withholding_section
from .errors import NotFoundError
from .model import Organisation, Project, Section
from .partner_records import DECLINED, Reservation
from .signoff import ENDORSED_WITH_RESERVATIONS, ENDORSING, endorsement_states, latest_by_org

CONFIDENTIALITY_HEADING = "Confidentiality"
# What a draft's member list of endorsers shows before anyone endorses (a final export needs an endorsement),
# so that the section's sentence introducing the list is not followed by nothing.
NO_ENDORSER_YET = "[No member has endorsed yet]"
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_OPEN, _CLOSE = "\u201c", "\u201d"
# A partnership's name ending in one of these already says what kind of body it is: "partnership" is not
# added ("the Humber Emergency Services Collaboration", not "... Collaboration partnership").
_COLLECTIVE_NOUNS = frozenset({"partnership", "collaboration", "consortium", "alliance", "forum", "group",
                               "network", "federation", "association", "coalition", "collective", "board"})


@dataclass(frozen=True)
class Line:
    """One paragraph of a statement; ``bullet``: an item of the bulleted list it stands in."""

    text: str
    bullet: bool = False


@dataclass(frozen=True)
class Statement:
    """A statement the response makes about itself: its paragraphs in order, under ``heading`` if any."""

    lines: tuple[Line, ...]
    heading: str = ""

    def texts(self) -> list[str]:
        """The text of every paragraph, the heading first (if any): what a reader sees, in order."""
        return ([self.heading] if self.heading else []) + [line.text for line in self.lines]

    def as_text(self) -> str:
        """The statement as plain text, one paragraph a line, list items after "- " (the command line's)."""
        return "\n".join(([self.heading] if self.heading else [])
                         + [f"- {line.text}" if line.bullet else line.text for line in self.lines])


def number_in_words(number: int) -> str:
    """``number`` in words up to ten ("ten"), else as a numeral ("12")."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def count(number: int) -> str:
    """A count as GOV.UK writes it: "one" in words, every other number as a numeral."""
    return "one" if number == 1 else str(number)


def joined(names: list[str]) -> str:
    """"A", "A and B", "A, B and C" (no comma before "and", as GOV.UK writes lists in a sentence)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def partnership_phrase(project: Project) -> str:
    """"the West Yorkshire Heads of ICT partnership" (a name already ending in "partnership", or another word
    for a body of members such as "Collaboration" or "Forum", kept as it is), or "the partnership" for a
    project without the partnership's name."""
    name = project.partnership.strip()
    if not name:
        return "the partnership"
    if name.casefold().split()[-1] in _COLLECTIVE_NOUNS:
        return name if name.casefold().startswith("the ") else f"the {name}"
    return f"the {name} partnership"


def endorsement_tally(endorsed: int, required: int, states: dict[str, str]) -> str:
    """"4 of 6 organisations endorsed, 2 declined": the count a status line gives, naming how many declined
    (``states``: each organisation's endorsement state) when any did, so that a response ready to go out on
    behalf of some partners does not read as waiting for the others."""
    declined = sum(1 for state in states.values() if state == DECLINED)
    return f"{endorsed} of {required} organisations endorsed" + (f", {declined} declined" if declined else "")


def behalf_organisations(project: Project, states: dict[str, str] | None = None) -> list[Organisation]:
    """The organisations the response is made on behalf of: those whose current endorsement (with or
    without reservations) stands, in the partnership's order. ``states``: :func:`.signoff.endorsement_states`
    if already worked out."""
    states = states if states is not None else endorsement_states(project)
    return [org for org in project.organisations if states.get(org.id) in ENDORSING]


def member_names(project: Project, states: dict[str, str] | None = None) -> list[str]:
    """The full names a member list shows: every partner, or (the ``member_list`` setting "endorsers")
    only those the response is made on behalf of."""
    if project.member_list == "endorsers":
        return [org.name for org in behalf_organisations(project, states)]
    return [org.name for org in project.organisations]


def member_list_lines(names: list[str]) -> list[str]:
    """The items a member list of ``names`` (from :func:`member_names`) is written as: the names, or when
    there are none (only endorsers shown, and nobody has endorsed yet) :data:`NO_ENDORSER_YET`."""
    return names or [NO_ENDORSER_YET]


def behalf_statement(project: Project, draft: bool = False, public: bool = False,
                     states: dict[str, str] | None = None, listed_above: bool = False) -> Statement:
    """On whose behalf the response is made (see the module's description). ``draft``: the response is not
    final, so who has not decided yet is said too; ``public``: the copy for publication, where a reservation
    on a withheld section names its number only (its heading may be what is confidential);
    ``listed_above``: the statement follows a member list naming exactly those it is made on behalf of,
    so it refers to that list rather than naming them again."""
    states = states if states is not None else endorsement_states(project)
    endorsing = behalf_organisations(project, states)
    latest = latest_by_org(project.endorsements)
    awaiting = [project.organisation(org_id).name for org_id in project.required_endorsers()
                if states.get(org_id) not in ENDORSING and states.get(org_id) != DECLINED] if draft else []
    lines = [Line(_opening(project, endorsing, bool(awaiting), listed_above))]
    withheld = withheld_sections(project) if public else {}
    for org in endorsing:
        if states[org.id] == ENDORSED_WITH_RESERVATIONS:
            phrases = [reservation_phrase(project, reservation, quoted=True, withheld=withheld)
                       for reservation in latest[org.id].reservations]
            lines.extend(_reservation_lines(org.name, phrases))
    named = [org.name for org in project.organisations
             if states.get(org.id) == DECLINED and latest[org.id].named]
    if named and (endorsing or awaiting):  # else "No member … endorses" has said it
        lines.append(Line(f"{joined(named)} {'does' if len(named) == 1 else 'do'} not endorse this response."))
    if awaiting:
        lines.append(Line(f"Awaiting: {joined(awaiting)}."))
    return Statement(tuple(lines))


def _opening(project: Project, endorsing: list[Organisation], undecided: bool, listed_above: bool) -> str:
    """The first sentence: whom the response is made on behalf of, out of the whole partnership (those
    ``listed_above`` referred to, not named again)."""
    total = len(project.organisations)
    partnership = partnership_phrase(project)
    if not endorsing:
        if undecided:
            return "No member of the partnership has endorsed this response yet."
        return "No member of the partnership endorses this response."
    if len(endorsing) == total:
        if total == 1:
            return f"This response is made on behalf of {endorsing[0].name}."
        everyone = "both" if total == 2 else f"all {number_in_words(total)}"
        return f"This response is made on behalf of {everyone} members of {partnership}."
    share = f"{count(len(endorsing))} of the {total} members of {partnership}"
    if listed_above:
        listed = "the organisation listed above" if len(endorsing) == 1 else "the organisations listed above"
        return f"This response is made on behalf of {listed}, {share}."
    return f"This response is made on behalf of {share}: {joined([org.name for org in endorsing])}."


def reservation_phrase(project: Project, reservation: Reservation, quoted: bool = False,
                       withheld: Collection[str] = ()) -> str:
    """What a reservation is on, and its text: "on section 4 “Heading”: text", "on the whole response: text"
    or "on a section no longer in the response: text", the section named by its number now (found by its id).
    The one wording of a reservation for the export, the command line and the app. ``quoted``: the text in
    quotation marks (the exported statement's sentences); ``withheld``: ids of the sections withheld from
    this copy, named by number only (a heading may be what is confidential)."""
    text = f"{_OPEN}{reservation.text}{_CLOSE}" if quoted else reservation.text
    if not reservation.section:
        return f"on the whole response: {text}"
    try:
        section = project.section(reservation.section)
    except NotFoundError:
        return f"on a section no longer in the response: {text}"
    number = project.number_of(section)
    if reservation.section in withheld:
        return f"on section {number} (withheld from this copy): {text}"
    return f"on section {number} {_OPEN}{section.heading}{_CLOSE}: {text}"


def _reservation_lines(name: str, phrases: list[str]) -> list[Line]:
    """One sentence for one reservation ("with a reservation on section 4 …"); several follow their
    sentence ("with reservations:") as a list."""
    if len(phrases) == 1:
        return [Line(f"{name} endorses this response with a reservation {phrases[0]}.")]
    return [Line(f"{name} endorses this response with reservations:")] + [Line(phrase, bullet=True)
                                                                           for phrase in phrases]


# How the behalf statement's paragraphs read, so that a document exported before is imported without it.
_OPENINGS = ("This response is made on behalf of ", "No member of the partnership ")
# "on a section since removed": how a statement exported before the wording was shared with the app said it.
_LINE_STARTS = _OPENINGS + ("Awaiting: ", "on the whole response: ", "on section ", "on a section no longer ",
                            "on a section since removed ")
# (A single reservation's sentence read " with reservations: on …" in a statement exported before.)
_LINE_PARTS = (" endorses this response with reservations:", " endorses this response with a reservation on ",
               " does not endorse this response.", " do not endorse this response.")


def behalf_statement_length(texts: list[str]) -> int:
    """How many of ``texts`` (paragraphs in order) are a statement of whom the response is made on behalf of,
    as :func:`behalf_statement` writes it: none unless the first is its opening sentence."""
    if not texts or not texts[0].startswith(_OPENINGS):
        return 0
    length = 1
    while length < len(texts) and (texts[length].startswith(_LINE_STARTS)
                                   or any(part in texts[length] for part in _LINE_PARTS)):
        length += 1
    return length


_NOTE_START, _NOTE_END = "Confidential: ", " Not for publication."


def confidential_note(project: Project, section: Section) -> str | None:
    """The full copy's line right under the heading of a section marked confidential ("Confidential:
    commercially sensitive. Not for publication."), or None: a sub-section withheld with it has none of its
    own (even one marked itself: the confidentiality statement lists the outermost, as the public copy's
    notice covers it), and the public copy, which withholds the section, has its notice instead."""
    reason = confidential_reason(section)
    if reason is None or withholding_section(project, section) is not section:
        return None
    reason = " ".join(reason.split())  # a reason of several lines reads as one sentence here
    stop = "" if reason.endswith((".", "!", "?")) else "."
    return f"{_NOTE_START}{reason}{stop}{_NOTE_END}"


def is_confidential_note(text: str) -> bool:
    """Whether ``text`` reads as :func:`confidential_note` writes it (so that an import leaves it out)."""
    return text.startswith(_NOTE_START) and text.endswith(_NOTE_END)


def confidentiality_statement(project: Project) -> Statement | None:
    """The full copy's statement of which sections are confidential and why, or None when none is."""
    marked = [item for item in withheld_sections(project).values() if item.number == item.marked_number]
    if not marked:
        return None
    items = []
    for item in marked:
        below = " and its sub-sections" if item.section.children else ""
        items.append(Line(f"Section {item.number} {_OPEN}{item.section.heading}{_CLOSE}{below}: {item.reason}",
                          bullet=True))
    what = "this part" if len(marked) == 1 else "these parts"
    return Statement((
        Line(f"We ask that the following {'part' if len(marked) == 1 else 'parts'} of this response be "
             "treated as confidential, for the reasons given:"),
        *items,
        Line(f"We have given our reasons so that they can be taken into account if a request is made to "
             f"disclose {what}. We understand that information in a response, including information given "
             "in confidence, may be published or disclosed under the access to information regimes, chiefly "
             "the Freedom of Information Act 2000, the Environmental Information Regulations 2004 and data "
             "protection law, and that confidentiality cannot be guaranteed in all circumstances."),
        Line("Any automatic confidentiality disclaimer generated by an IT or e-mail system is not to be "
             "regarded as binding: this statement alone says which parts of the response are confidential."),
    ), CONFIDENTIALITY_HEADING)
