"""Steps that add one record the core makes: a section's sign-off, an endorsement (plain, with reservations,
or a decline), an authority record and a confidentiality mark.

Each step holds values, never live objects: the first apply asks the core to make the record (which checks
who may, and signs it when a signer is given); undo takes that very record out of the list that holds it, by
equality, and redo puts the same record back, so its time, hash and signature stay those first made, and a
merge of another partner's save in between leaves the step applicable.
"""

from __future__ import annotations

from datetime import date

from ...core import authority, confidentiality, signoff
from ...core.model import Section
from ...core.partner_records import Reservation
from ...core.signatures import Signer
from .commands import CoreCommand, StepRefused
from .document import SIGNOFF, ProjectDocument


class RecordCommand(CoreCommand):
    """One record made by the core (:meth:`_make`) and kept in :meth:`_records`; ``record_name`` says what
    it is when undo cannot find it any more."""

    what = SIGNOFF
    record_name = "the record"

    def __init__(self, document: ProjectDocument, text: str, signer: Signer | None) -> None:
        super().__init__(document, text)
        self.signer = signer  # used by the first apply only; undo and redo move the signed record
        self.record: object | None = None

    def _make(self) -> object:
        raise NotImplementedError

    def _records(self) -> list:
        raise NotImplementedError

    def _do(self) -> bool:
        self.record = self._make()
        return True

    def _redo(self) -> None:
        assert self.record is not None  # made by _do before the first redo
        self._records().append(self.record)

    def _undo(self) -> None:
        records = self._records()
        for index, candidate in enumerate(records):
            if candidate == self.record:
                del records[index]
                return
        raise StepRefused(f"{self.record_name} is no longer in the project")


class SignOffCommand(RecordCommand):
    """An approval of, or request for changes to, one section's current text."""

    record_name = "the sign-off"

    def __init__(self, document: ProjectDocument, section: Section, decision: str, note: str = "",
                 signer: Signer | None = None) -> None:
        verb = "Sign off" if decision == signoff.APPROVED else "Request changes to"
        super().__init__(document, f"{verb} \u201c{section.heading}\u201d", signer)
        self.section_ref, self.decision, self.note = section.id, decision, note

    def _make(self) -> object:
        return signoff.sign_off_section(self.project, self.actor, self.section(), self.decision, self.note,
                                        signer=self.signer)

    def _records(self) -> list:
        return self.section().signoffs


class EndorseCommand(RecordCommand):
    """An endorsement of, or request for changes to, the whole response."""

    record_name = "the endorsement"

    def __init__(self, document: ProjectDocument, decision: str, note: str = "",
                 signer: Signer | None = None) -> None:
        super().__init__(document, "Endorse the response" if decision == signoff.APPROVED
                         else "Request changes to the response", signer)
        self.decision, self.note = decision, note

    def _make(self) -> object:
        return signoff.endorse_response(self.project, self.actor, self.decision, self.note, signer=self.signer)

    def _records(self) -> list:
        return self.project.endorsements


class EndorseWithReservationsCommand(RecordCommand):
    """The acting organisation endorses the whole response with ``reservations`` (checked by the core)."""

    record_name = "the endorsement"

    def __init__(self, document: ProjectDocument, reservations: tuple[Reservation, ...],
                 signer: Signer | None = None) -> None:
        super().__init__(document, "Endorse the response with reservations", signer)
        self.reservations = reservations

    def _make(self) -> object:
        return signoff.endorse_response(self.project, self.actor, signer=self.signer,
                                        reservations=self.reservations)

    def _records(self) -> list:
        return self.project.endorsements


class DeclineCommand(RecordCommand):
    """The acting organisation declines to endorse the whole response, with a note, named or not."""

    record_name = "the decline"

    def __init__(self, document: ProjectDocument, note: str, named: bool, signer: Signer | None = None) -> None:
        super().__init__(document, "Decline to endorse the response", signer)
        self.note, self.named = note, named

    def _make(self) -> object:
        return signoff.decline_response(self.project, self.actor, self.note, self.named, signer=self.signer)

    def _records(self) -> list:
        return self.project.endorsements


class RecordAuthorityCommand(RecordCommand):
    """How the acting organisation approved the response: kind, reference and date of the decision."""

    record_name = "the authority record"  # the matrix shows each organisation's authority; readiness may need it

    def __init__(self, document: ProjectDocument, kind: str, reference: str, decided: date | None,
                 signer: Signer | None = None) -> None:
        super().__init__(document, "Record the authority for the response", signer)
        self.kind, self.reference, self.decided = kind, reference, decided

    def _make(self) -> object:
        return authority.record_authority(self.project, self.actor, self.kind, self.reference, self.decided,
                                          signer=self.signer)

    def _records(self) -> list:
        return self.project.authorities


class MarkSectionCommand(RecordCommand):
    """Section › Mark Confidential… or Mark Public: one confidentiality mark on one section (the response's
    hash covers what is withheld, so the endorsements follow as after a decision)."""

    record_name = "the confidentiality mark"

    def __init__(self, document: ProjectDocument, section: Section, confidential: bool, reason: str = "",
                 signer: Signer | None = None) -> None:
        how = "confidential" if confidential else "public"
        super().__init__(document, f"Mark \u201c{section.heading}\u201d {how}", signer)
        self.section_ref, self.confidential, self.reason = section.id, confidential, reason

    def _make(self) -> object:
        return confidentiality.mark_section(self.project, self.actor, self.section(), self.confidential,
                                            self.reason, signer=self.signer)

    def _records(self) -> list:
        return self.section().marks
