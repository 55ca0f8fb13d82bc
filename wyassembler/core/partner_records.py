"""What a partner says about the response beyond yes or no (format 1.6): the reservations an endorsement
carries, the authority under which an organisation approved the response, and a section's mark as
confidential or public.

Each is a frozen record, like a sign-off: made by a person of an organisation at a time, linked to the
record before it (``previous``) and signed if its author has a key (see :mod:`.statements` for what the
signature covers). The rules that make and judge them live in :mod:`.signoff` (reservations and declines),
:mod:`.authority` and :mod:`.confidentiality`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # model imports this module for its fields' types
    from .model import Signature

# The "decision" of an endorsement record whose organisation does not endorse the response. Section
# sign-offs never take it: a section is approved or changes are asked.
DECLINED = "declined"

# How an organisation approved the response, as the command line spells it, and as documents say it.
AUTHORITY_KINDS = {
    "delegated-officer": "Delegated officer decision",
    "committee": "Committee resolution",
    "cabinet-member": "Cabinet member decision",
    "officer-response": "Officer response",
}

# Where the "on whose behalf" statement stands, and whom the member list names (project settings).
BEHALF_PLACES = ("members", "title")
MEMBER_LISTS = ("all", "endorsers")

# Longest reservation, reason or reference kept: a paragraph, not a document.
MAX_NOTE_CHARACTERS = 4000


@dataclass(frozen=True)
class Reservation:
    """One reservation an organisation endorses the response with: on the whole response (``section``
    empty) or on one section (its stable id, so renumbering does not move it)."""

    text: str
    section: str = ""


@dataclass(frozen=True)
class Authority:
    """How an organisation approved the response: the kind of decision (a key of :data:`AUTHORITY_KINDS`),
    its reference ("Cabinet, 12 January 2006, minute 45") and date, recorded by ``person`` at ``time``.
    An organisation's latest record (by time) is the one that stands."""

    org: str
    kind: str
    reference: str
    decided: date | None
    person: str
    role: str
    time: datetime
    previous: str = ""
    signature: Signature | None = None

    def describe(self) -> str:
        """"Cabinet member decision: Cabinet, 12 January 2006, minute 45 (12 January 2006)"."""
        text = f"{AUTHORITY_KINDS.get(self.kind, self.kind)}: {self.reference}"
        if self.decided is not None:
            text += f" ({self.decided.day} {self.decided:%B %Y})"
        return text


@dataclass(frozen=True)
class ConfidentialityMark:
    """A record that a section is confidential (with the reason given) or public again, from ``time`` on,
    made by its owner or the coordinator. A section's latest mark (by time) stands; none means public."""

    confidential: bool
    reason: str
    org: str
    person: str
    role: str
    time: datetime
    previous: str = ""
    signature: Signature | None = None
