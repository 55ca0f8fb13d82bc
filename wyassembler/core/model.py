"""Project, Organisation, Section, Revision, SignOff: the objects a project file holds.

The classes here hold state and answer questions about it; the rules that
change it live in :mod:`.outline` (structure), :mod:`.editing` (content) and
:mod:`.signoff` (approval), each checked by :mod:`.permissions`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, UTC

from .content import Blocks, content_hash
from .errors import NotFoundError, OutlineError
from .lists import DEFAULT_LEVEL_FORMATS
from .outline_index import OutlineIndex, Place, outline_version, watch_fields
from .partner_records import Authority, ConfidentialityMark, Reservation
from .questions import Question
from .review_records import Comment, CommentState, Proposal, ProposalDecision
from .text import clean_text

DECISIONS = ("approved", "changes-requested")
ROLES = ("contributor", "partner lead", "coordinator")
DEFAULT_CLOSING_LINE = "Submitted on behalf of the {partnership}"


def utc_now() -> datetime:
    """The current UTC time to the second: the resolution the project file keeps."""
    return datetime.now(UTC).replace(microsecond=0)


def new_id(prefix: str) -> str:
    """A fresh stable id, unique across machines without coordination."""
    return f"{prefix}-{secrets.token_hex(6)}"


@dataclass(frozen=True)
class Actor:
    """Who is acting: an organisation, a person in it, and their role."""

    org: str
    person: str
    role: str = ""

    def __post_init__(self) -> None:
        # Every record of who did something (revisions, sign-offs, deletions) takes the name from an
        # actor, and names come from command lines, dialogs and saved identities: cleaned once, here.
        object.__setattr__(self, "person", clean_text(self.person))
        object.__setattr__(self, "role", clean_text(self.role))


@dataclass
class Organisation:
    """A partner body, with a stable id that everything else refers to."""

    id: str
    name: str
    short_name: str
    lead_name: str = ""
    lead_email: str = ""

    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Revision:
    """One saved state of a section's heading and content, and who made it.

    ``blocks`` is ``None`` when an old revision's content was pruned from the
    history; its metadata and hash remain, so the lineage stays whole.
    """

    id: str
    parent: str | None
    org: str
    person: str
    time: datetime
    heading: str
    blocks: Blocks | None
    hash: str

    @classmethod
    def create(cls, parent: str | None, actor: Actor, heading: str, blocks: Blocks,
               time: datetime | None = None) -> Revision:
        return cls(new_id("rev"), parent, actor.org, actor.person, time or utc_now(),
                   heading, blocks, content_hash(heading, blocks))

    def computed_hash(self) -> str | None:
        """The hash of the stored content, or ``None`` if the content was pruned."""
        return content_hash(self.heading, self.blocks) if self.blocks is not None else None


@dataclass(frozen=True)
class Signature:
    """A record's Ed25519 signature: the signing key's fingerprint and the signature in base64.

    What it covers is the record's statement (:mod:`.statements`); whether it counts is decided by
    :mod:`.verification`, from the project's key events."""

    fingerprint: str
    value: str


@dataclass(frozen=True)
class SignOff:
    """An organisation's decision on one exact content hash (a section's or the whole response's).

    ``sequence`` orders decisions by what their authors had seen, not by clocks: one more than the
    highest sequence in the list the decision joined (the section's sign-offs, or the endorsements),
    so a decision always comes after every decision its author's copy held. Equal sequences were made
    without seeing each other. 0 marks a decision written before format 1.2, which recorded none.
    """

    org: str
    decision: str
    person: str
    role: str
    time: datetime
    hash: str
    note: str = ""
    sequence: int = 0
    # Format 1.4: the signature, if the author signed, and the hash of the statement of the decision
    # before it in the same list as its author saw it ("" for the first or an unsigned older record).
    signature: Signature | None = None
    previous: str = ""
    # Format 1.6, endorsements only: the reservations an endorsement is given with, and whether an
    # organisation that declines (decision "declined") asked to be named as not endorsing.
    reservations: tuple[Reservation, ...] = ()
    named: bool = False


KEY_EVENT_KINDS = ("register", "confirm", "revoke")


@dataclass(frozen=True)
class KeyEvent:
    """A signed record about one organisation's key: proposed (``register``, signed by the key itself,
    carrying the public key), ``confirm``-ed or ``revoke``-d (signed by the acting person's key).
    ``fingerprint`` is the key acted on; ``signature.fingerprint`` the key that signed."""

    kind: str
    org: str
    person: str
    role: str
    time: datetime
    fingerprint: str
    public_key: str = ""
    reason: str = ""
    previous: str = ""
    signature: Signature | None = None


@dataclass(frozen=True)
class Assignment:
    """A signed record of who owns and contributes to a section from ``time`` on, and who said so:
    the coordinator then, or the section's creator giving it to itself (format 1.4)."""

    owner: str
    contributors: tuple[str, ...]
    org: str
    person: str
    role: str
    time: datetime
    previous: str = ""
    signature: Signature | None = None


@dataclass(frozen=True)
class CoordinatorChange:
    """A record that ``coordinator`` coordinates the project from ``time`` on (format 1.4). The first
    (in time) is the founding one, trusted as the project's creation; each later one counts only when
    signed by a confirmed key of the coordinator it replaces."""

    coordinator: str
    org: str
    person: str
    role: str
    time: datetime
    previous: str = ""
    signature: Signature | None = None


@dataclass(frozen=True)
class SignaturePolicy:
    """A record that signatures are (``required``) or are no longer required from ``time`` on (format 1.4),
    made by the coordinator and signed with its confirmed key: the file's ``<require-signatures/>`` flag
    alone can be deleted by anyone, a signed record cannot be (see :mod:`.signature_policy`)."""

    required: bool
    org: str
    person: str
    role: str
    time: datetime
    previous: str = ""
    signature: Signature | None = None


@dataclass(frozen=True)
class ConflictCopy:
    """A version of a section that lost a clash: both sides changed the section, and the other
    side's version stayed current. Nothing is lost: the copy's revision stays in the section's
    history, and the copy stays on the section, visible, until someone resolves it.
    """

    revision: Revision
    # The last revision both sides had: what the copy was based on.
    base: str | None

    @property
    def id(self) -> str:
        return self.revision.id

    @property
    def org(self) -> str:
        return self.revision.org

    @property
    def person(self) -> str:
        return self.revision.person

    @property
    def time(self) -> datetime:
        return self.revision.time

    @property
    def heading(self) -> str:
        return self.revision.heading

    @property
    def blocks(self) -> Blocks:
        blocks = self.revision.blocks
        assert blocks is not None, "a conflict copy always keeps its content"
        return blocks

    @property
    def hash(self) -> str:
        return self.revision.hash


RESOLUTION_OUTCOMES = ("kept-current", "took-copy", "merged")


@dataclass(frozen=True)
class Resolution:
    """A record that a conflict copy was resolved, so a merge with a copy of the project that still
    holds the conflict does not bring it back."""

    revision: str
    org: str
    person: str
    time: datetime
    outcome: str
    # Format 1.4: the resolver's signature (see :mod:`.statements`), if they signed.
    signature: Signature | None = None


@dataclass
class Section:
    """A section of the response: heading and content (through its revisions), owner and sign-offs.

    ``revisions`` lists every revision this copy of the project knows, each after its parent, and
    the current one last. Usually that is a single line of edits; after a clash it also holds the
    losing side's revisions, whose newest is then a :class:`ConflictCopy` in ``conflicts``.
    """

    id: str
    owner: str
    revisions: list[Revision]
    contributors: list[str] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    conflicts: list[ConflictCopy] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    # Format 1.4: signed records of who was made owner and contributors, in the order recorded.
    assignments: list[Assignment] = field(default_factory=list)
    # Format 1.5: the ids of the consultation questions this section answers (see core.answers); an id
    # no question has any more stays, reported, until someone maps the section again.
    answers: list[str] = field(default_factory=list)
    # Format 1.6: marks of the section as confidential or public again, in the order recorded (the latest
    # by time stands; see core.confidentiality).
    marks: list[ConfidentialityMark] = field(default_factory=list)
    # Format 1.7: reviewers' comments and their resolved/reopened records, and proposed versions from Word's
    # tracked changes with the owner's decisions (see core.review_records; only ever added to, so they merge).
    comments: list[Comment] = field(default_factory=list)
    comment_states: list[CommentState] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    proposal_decisions: list[ProposalDecision] = field(default_factory=list)

    @property
    def current(self) -> Revision:
        return self.revisions[-1]

    @property
    def heading(self) -> str:
        return self.current.heading

    @property
    def blocks(self) -> Blocks:
        blocks = self.current.blocks
        assert blocks is not None, "the current revision always keeps its content"
        return blocks

    @property
    def hash(self) -> str:
        return self.current.hash

    def revision(self, revision_id: str) -> Revision:
        for revision in self.revisions:
            if revision.id == revision_id:
                return revision
        raise NotFoundError(f"section {self.id} has no revision {revision_id}")

    def editors(self) -> list[str]:
        """Organisations that wrote this section: the owner first, then contributors."""
        return [self.owner] + [org for org in self.contributors if org != self.owner]


@dataclass(frozen=True)
class Restore:
    """A record that an earlier version of the file was put back (see :mod:`.restore`): who did it,
    when, which version (a backup's name and the SHA-256 of its bytes) over which (the SHA-256 of the
    bytes it replaced), and the revisions the restore made, one per section whose text it put back.
    """

    org: str
    person: str
    time: datetime
    version: str
    version_hash: str
    replaced_hash: str
    revisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    """One save (or merge, or restore) in the file's hash-linked history (see :mod:`.history`): the
    entries it was made on, who saved and when, and the digest of every record it vouches for.
    ``id`` is the hash of all the rest."""

    id: str
    parents: tuple[str, ...]
    time: datetime
    org: str
    person: str
    kind: str
    digest: str


@dataclass(frozen=True)
class Tombstone:
    """A record that a section was deleted, so merges can tell a deletion from an addition."""

    section_id: str
    org: str
    person: str
    time: datetime
    last_revision: str
    # Every revision id the deleter knew: a copy whose newest revision is among them was not edited
    # after the deletion, so the deletion stands; any other edit beats it. Empty for tombstones
    # written before format 1.1, which knew only ``last_revision``.
    known_revisions: tuple[str, ...] = ()

    def knew(self, revision_id: str) -> bool:
        """Whether the deleter had seen ``revision_id`` when deleting the section."""
        return revision_id == self.last_revision or revision_id in self.known_revisions


# The outline is walked by module functions, not by nested functions calling themselves: such a function
# is a reference cycle, and its cells hold what it builds (every section), so a project left out of the
# collector's sight (ui.project.heap, gc.freeze) while one was still to be collected stayed alive for good.

def _walk(sections: list[Section], prefix: str, level: int, enclosing: set[int]) -> Iterator[tuple[str, int, Section]]:
    """:meth:`Project.walk` below ``sections``; ``enclosing``: the sections around them, by identity."""
    for index, section in enumerate(sections, start=1):
        number = f"{prefix}{index}"
        if id(section) in enclosing:
            raise OutlineError(f"section {number} ({section.id}) is inside itself: the outline loops")
        yield number, level, section
        enclosing.add(id(section))
        yield from _walk(section.children, number + ".", level + 1, enclosing)
        enclosing.discard(id(section))


def _place(parent: Section | None, sections: list[Section], prefix: str, level: int, enclosing: set[int],
           places: list[Place]) -> None:
    """Where each section below ``parent`` is, added to ``places`` in document order."""
    for index, section in enumerate(sections):
        number = f"{prefix}{index + 1}"
        if id(section) in enclosing:
            raise OutlineError(f"section {number} ({section.id}) is inside itself: the outline loops")
        places.append(Place(number, level, section, parent, sections, index))
        enclosing.add(id(section))
        _place(section, section.children, number + ".", level + 1, enclosing, places)
        enclosing.discard(id(section))


@dataclass
class Project:
    """A joint response: its properties, partners, outline of sections and endorsements."""

    id: str
    created: datetime
    title: str
    subtitle: str = ""
    partnership: str = ""
    responds_to: str = ""
    deadline: date | None = None
    closing_line_template: str | None = None
    coordinator: str | None = None
    # None means every organisation must endorse.
    endorsers: list[str] | None = None
    # How numbered list levels 1 to 3 are numbered (Word's number formats; see core.lists).
    list_formats: tuple[str, ...] = DEFAULT_LEVEL_FORMATS
    organisations: list[Organisation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    endorsements: list[SignOff] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)
    restores: list[Restore] = field(default_factory=list)
    # Format 1.4: the organisations' keys, as signed events in the order they were recorded, and
    # whether only validly signed sign-offs and endorsements count towards final.
    key_events: list[KeyEvent] = field(default_factory=list)
    require_signatures: bool = False
    # Format 1.4: the hash-linked history of saves, oldest first (see core.history).
    history: list[HistoryEntry] = field(default_factory=list)
    # Format 1.4: who coordinates, as records (see CoordinatorChange); empty in files that never signed.
    coordinator_changes: list[CoordinatorChange] = field(default_factory=list)
    # Format 1.4: signed records turning required signatures on or off (see SignaturePolicy).
    signature_policies: list[SignaturePolicy] = field(default_factory=list)
    # Format 1.5: the consultation's numbered questions in its order (see core.questions).
    questions: list[Question] = field(default_factory=list)
    # Format 1.6: how each organisation approved the response (see core.authority), and the coordinator's
    # settings for dissent: whether a partner declining stops the final export, whether a final export
    # needs every endorser's authority recorded, where the "on whose behalf" statement stands
    # (partner_records.BEHALF_PLACES) and whom the member list names (partner_records.MEMBER_LISTS).
    authorities: list[Authority] = field(default_factory=list)
    declines_block: bool = False
    require_authority: bool = False
    behalf_at: str = "members"
    member_list: str = "all"

    # -- properties ----------------------------------------------------------

    @property
    def closing_line(self) -> str:
        """The closing line with the partnership's name filled in."""
        template = self.closing_line_template
        if template is None:
            template = DEFAULT_CLOSING_LINE
        return template.replace("{partnership}", self.partnership or "partnership")

    def required_endorsers(self) -> list[str]:
        """Organisation ids whose endorsement makes the response final, in organisation order."""
        if self.endorsers is None:
            return [org.id for org in self.organisations]
        wanted = set(self.endorsers)
        return [org.id for org in self.organisations if org.id in wanted]

    # -- organisations -------------------------------------------------------

    def organisation(self, org_id: str) -> Organisation:
        for org in self.organisations:
            if org.id == org_id:
                return org
        raise NotFoundError(f"no organisation with id {org_id!r} in this project")

    def find_organisation(self, ref: str) -> Organisation:
        """The organisation named by id, short name or full name, ignoring case."""
        key = ref.strip().casefold()
        for attr in ("id", "short_name", "name"):
            for org in self.organisations:
                if getattr(org, attr).casefold() == key:
                    return org
        known = ", ".join(org.id for org in self.organisations) or "none yet"
        raise NotFoundError(f"no organisation {ref!r} in this project (known: {known})")

    def org_label(self, org_id: str) -> str:
        for org in self.organisations:
            if org.id == org_id:
                return org.label()
        return org_id

    # -- the outline ---------------------------------------------------------

    def walk(self) -> Iterator[tuple[str, int, Section]]:
        """Every section in document order, with its outline number ("3.1") and level (1 to 3).

        Raises :class:`OutlineError` on a section inside itself, which would otherwise never end.
        """
        yield from _walk(self.sections, "", 1, set())

    def _index(self) -> OutlineIndex:
        """Where every section is (see :mod:`.outline_index`), from one walk since the last change to
        any outline. Raises as :meth:`walk` does on an outline that loops."""
        version = outline_version()  # read before the walk: a change during it leaves the index stale
        index = self.__dict__.get("_outline_index")
        if index is None or index.version != version:
            index = OutlineIndex(self._places(), version)
            self.__dict__["_outline_index"] = index  # not a field: copies, equality and files ignore it
        return index

    def __getstate__(self) -> dict:
        # The index maps this object's sections: a copy (copy, deepcopy, pickle) builds its own.
        state = dict(self.__dict__)
        state.pop("_outline_index", None)
        return state

    def _places(self) -> list[Place]:
        places: list[Place] = []
        _place(None, self.sections, "", 1, set(), places)
        return places

    def numbered(self) -> list[tuple[str, int, Section]]:
        """What :meth:`walk` yields, as a list (a fresh one: the caller may keep or change it)."""
        return [(place.number, place.level, place.section) for place in self._index().places]

    def all_sections(self) -> list[Section]:
        return [place.section for place in self._index().places]

    def section(self, section_id: str) -> Section:
        place = self._index().by_id.get(section_id)
        if place is None:
            raise NotFoundError(f"no section with id {section_id!r} in this project")
        return place.section

    def find_section(self, ref: str) -> Section:
        """The section named by its stable id or its outline number ("3", "3.1")."""
        key = ref.strip().rstrip(".")
        for number, _, section in self.walk():
            if section.id == key or number == key:
                return section
        raise NotFoundError(f"no section {ref!r} in this project (give a section id or a number such as 3.1)")

    def place_of(self, section: Section) -> Place:
        """Where ``section`` (this very object) is in the outline."""
        place = self._index().by_identity.get(id(section))
        if place is None:
            raise NotFoundError(f"section {section.id} is not in the outline")
        return place

    def number_of(self, section: Section) -> str:
        return self.place_of(section).number

    def parent_of(self, section: Section) -> Section | None:
        """The section that holds ``section`` as a child, or ``None`` at the top level."""
        place = self._index().by_identity.get(id(section))
        return place.parent if place is not None else None

    def siblings_of(self, section: Section) -> list[Section]:
        """The list that holds ``section``: its parent's children or the top level."""
        return self.location(section)[1]

    def location(self, section: Section) -> tuple[Section | None, list[Section], int]:
        """Where ``section`` is: (its parent or ``None``, the list holding it, its index there).

        Found by identity: sections compare by value, and two can be equal.
        """
        place = self._index().by_identity.get(id(section))
        if place is None:
            raise NotFoundError(f"section \u201c{section.heading}\u201d is not in this project's outline")
        return place.parent, place.siblings, place.position


# The outline's lists and a section's id: every change to them makes the outline's index stale. So does a
# change to a section's marks: the index keeps which sections have any (the response hash asks at each edit).
watch_fields(Section, lists=("children", "marks"), values=("id",))
watch_fields(Project, lists=("sections",))
