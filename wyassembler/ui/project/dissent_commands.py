"""The whole response's nuanced decisions as undoable steps (issue 18): an endorsement with reservations,
a decline, and an organisation's authority record (commands.py holds the plain endorsement).

Each step holds values (the reservations, the note, the record the core made), never live objects: undo
takes that very record out of the project by equality, redo puts it back, so a merge of another partner's
save in between leaves them applicable."""

from __future__ import annotations

from datetime import date

from ...core import authority, signoff
from ...core.model import SignOff
from ...core.partner_records import Authority, Reservation
from ...core.signatures import Signer
from .commands import CoreCommand, _remove_equal
from .document import SIGNOFF, ProjectDocument


class EndorseWithReservationsCommand(CoreCommand):
    """The acting organisation endorses the whole response with ``reservations`` (checked by the core)."""

    what = SIGNOFF

    def __init__(self, document: ProjectDocument, reservations: tuple[Reservation, ...],
                 signer: Signer | None = None) -> None:
        super().__init__(document, "Endorse the response with reservations")
        self.reservations, self.signer = reservations, signer
        self.record: SignOff | None = None

    def _do(self) -> bool:
        self.record = signoff.endorse_response(self.project, self.actor, signer=self.signer,
                                               reservations=self.reservations)
        return True

    def _redo(self) -> None:
        assert self.record is not None  # made by _do before the first redo
        self.project.endorsements.append(self.record)

    def _undo(self) -> None:
        _remove_equal(self.project.endorsements, self.record, "the endorsement")


class DeclineCommand(CoreCommand):
    """The acting organisation declines to endorse the whole response, with a note, named or not."""

    what = SIGNOFF

    def __init__(self, document: ProjectDocument, note: str, named: bool, signer: Signer | None = None) -> None:
        super().__init__(document, "Decline to endorse the response")
        self.note, self.named, self.signer = note, named, signer
        self.record: SignOff | None = None

    def _do(self) -> bool:
        self.record = signoff.decline_response(self.project, self.actor, self.note, self.named, signer=self.signer)
        return True

    def _redo(self) -> None:
        assert self.record is not None  # made by _do before the first redo
        self.project.endorsements.append(self.record)

    def _undo(self) -> None:
        _remove_equal(self.project.endorsements, self.record, "the decline")


class RecordAuthorityCommand(CoreCommand):
    """How the acting organisation approved the response: kind, reference and date of the decision."""

    what = SIGNOFF  # the matrix shows each organisation's authority, and readiness may require it

    def __init__(self, document: ProjectDocument, kind: str, reference: str, decided: date | None,
                 signer: Signer | None = None) -> None:
        super().__init__(document, "Record the authority for the response")
        self.kind, self.reference, self.decided, self.signer = kind, reference, decided, signer
        self.record: Authority | None = None

    def _do(self) -> bool:
        self.record = authority.record_authority(self.project, self.actor, self.kind, self.reference,
                                                 self.decided, signer=self.signer)
        return True

    def _redo(self) -> None:
        assert self.record is not None  # made by _do before the first redo
        self.project.authorities.append(self.record)

    def _undo(self) -> None:
        _remove_equal(self.project.authorities, self.record, "the authority record")
