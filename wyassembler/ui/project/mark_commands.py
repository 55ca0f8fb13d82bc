"""A section marked confidential or public again as one undoable step, by value (see :mod:`.commands`).

The mark is a record like a sign-off: made once by the core (which checks who may, and signs it when a
signer is given), undone by taking that very record out of the section found by id, and redone by
putting the same record back, so its time, hash and signature are the ones first made.
"""

from __future__ import annotations

from ...core import confidentiality
from ...core.model import Section
from ...core.partner_records import ConfidentialityMark
from ...core.signatures import Signer
from .commands import CoreCommand, _remove_equal
from .document import SIGNOFF, ProjectDocument


class MarkSectionCommand(CoreCommand):
    """Section › Mark Confidential… or Mark Public: one confidentiality mark on one section."""

    # The response's hash covers what is withheld, so the endorsements follow as after a decision.
    what = SIGNOFF

    def __init__(self, document: ProjectDocument, section: Section, confidential: bool, reason: str = "",
                 signer: Signer | None = None) -> None:
        how = "confidential" if confidential else "public"
        super().__init__(document, f"Mark \u201c{section.heading}\u201d {how}")
        self.section_ref, self.confidential, self.reason = section.id, confidential, reason
        self.signer = signer  # used by the first apply only; undo and redo move the signed record
        self.record: ConfidentialityMark | None = None

    def _do(self) -> bool:
        self.record = confidentiality.mark_section(self.project, self.actor, self.section(), self.confidential,
                                                   self.reason, signer=self.signer)
        return True

    def _redo(self) -> None:
        assert self.record is not None
        self.section().marks.append(self.record)

    def _undo(self) -> None:
        _remove_equal(self.section().marks, self.record, "the confidentiality mark")
