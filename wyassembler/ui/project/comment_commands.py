"""The comments' undoable steps, by value: a comment or a reply added, a thread resolved or reopened.

Each is one record the core makes (:mod:`wyassembler.core.comments`), so each is a :class:`RecordCommand`:
undo takes that very record out of its section's list, redo puts the same record back (its id and time
stay those first made), and a merge of another partner's save in between leaves the step applicable.
A comment someone has since answered, or whose thread was since resolved or reopened, is not taken out
by undo: their reply would lose the comment it answers.
"""

from __future__ import annotations

from ...core import comments
from ...core.model import Section
from ...core.review_records import Comment
from .commands import StepRefused
from .document import SIGNOFF, ProjectDocument
from .record_commands import RecordCommand


class AddCommentCommand(RecordCommand):
    """A comment on ``section`` (on the passage ``quote``, or the whole section), or a reply to ``reply_to``."""

    # Announced as a decision on the section is: its outline row (the open-comment count) and matrix row are
    # re-read, and nothing that follows the text (the questions' counts) works anything out again.
    what = SIGNOFF
    record_name = "the comment"

    def __init__(self, document: ProjectDocument, section: Section, text: str, quote: str = "",
                 reply_to: str = "") -> None:
        super().__init__(document, f"{'Reply' if reply_to else 'Comment'} on \u201c{section.heading}\u201d", None)
        self.section_ref, self.body, self.quote, self.reply_to = section.id, text, quote, reply_to

    def _make(self) -> Comment:
        return comments.add_comment(self.project, self.actor, self.section(), self.body, quote=self.quote,
                                    reply_to=self.reply_to)

    def _records(self) -> list:
        return self.section().comments

    def _undo(self) -> None:
        assert isinstance(self.record, Comment)
        section = self.section()
        if any(c.parent == self.record.id for c in section.comments) or any(
                s.comment == self.record.id for s in section.comment_states):
            raise StepRefused("the comment has been answered, resolved or reopened since: it stays")
        super()._undo()


class ResolveThreadCommand(RecordCommand):
    """The thread comment ``comment_id`` is in, resolved (or reopened with ``resolved`` false)."""

    what = SIGNOFF
    record_name = "the resolve or reopen record"

    def __init__(self, document: ProjectDocument, section: Section, comment_id: str, resolved: bool) -> None:
        super().__init__(document, f"{'Resolve' if resolved else 'Reopen'} a comment on \u201c{section.heading}\u201d",
                         None)
        self.section_ref, self.comment_id, self.resolved = section.id, comment_id, resolved

    def _do(self) -> bool:  # makes the record itself: the thread may be so already (no record, no step)
        section, state = comments.set_resolved(self.project, self.actor, self.comment_id, self.resolved)
        self.section_ref = section.id
        self.record = state
        return state is not None

    def _records(self) -> list:
        return self.section().comment_states
