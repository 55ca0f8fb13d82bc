"""Reviewing a section's changes: what changed since an organisation approved it, and the proposed versions
a returned pack's tracked changes made, for the owner to accept or reject.

A bar above the section's heading says both, each with its button (in the Tab order, as every bar there):
"Changed since Calderdale Council approved on 5 Jan 2026 — Show Changes…" for a stale approval, and
"3 proposed changes from kirklees.docx by Kirklees Council — Review…" for an open proposal. Section › Show
Changes Since Approval… and Review Proposed Changes… do the same from the menu.

Made by :class:`SignoffOperations` (the window is at its size limit), this object builds the bar and wires
itself: it follows the section chosen in the outline and every change to the open project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QMessageBox, QPushButton

from ...core.diff import Approval, stale_approvals
from ...core.model import Project, Section
from ...core.proposals import open_proposals
from ..dialogs.changes import ChangesDialog
from ..dialogs.proposals import ProposalsDialog, change_count, proposal_origin
from ..project.document import ProjectDocument
from ..project.review_commands import DecideProposalCommand

if TYPE_CHECKING:
    from ..main_window import MainWindow


def _day(approval: Approval) -> str:
    local = approval.signoff.time.astimezone()
    return f"{local.day} {local:%b %Y}"


def acting_first(approvals: list[Approval], org_id: str | None) -> list[Approval]:
    """``approvals`` with ``org_id``'s own first (the one its lead is asked to renew), the rest in order."""
    return sorted(approvals, key=lambda approval: approval.signoff.org != org_id)


def stale_sentence(project: Project, approvals: list[Approval]) -> str:
    """"Changed since Calderdale Council approved on 5 Jan 2026" (the first of ``approvals``: give them
    :func:`acting_first`), and how many others approved it."""
    first = approvals[0]
    text = f"Changed since {project.org_label(first.signoff.org)} approved it on {_day(first)}"
    others = len(approvals) - 1
    if others:
        text += f", and since {others} other organisation{'s' if others != 1 else ''} approved it"
    return text


def proposals_sentence(project: Project, section: Section) -> str:
    """"3 proposed changes from kirklees.docx by Kirklees Council" (several proposals: how many)."""
    proposals = open_proposals(section)
    if len(proposals) == 1:
        count = change_count(proposals[0])
        return f"{count} proposed change{'s' if count != 1 else ''} {proposal_origin(project, proposals[0])}"
    return f"{len(proposals)} proposed versions of this section, from returned packs"


class ReviewBar(QFrame):
    """Above the section: a stale approval with Show Changes…, open proposals with Review…."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reviewBar")
        self.stale_label = QLabel()
        self.proposals_label = QLabel()
        for label in (self.stale_label, self.proposals_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.show_changes = QPushButton("Show &Changes\u2026")
        self.review = QPushButton("Re&view\u2026")
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 5, 6, 5)
        layout.addWidget(self.stale_label, 0, 0)
        layout.addWidget(self.show_changes, 0, 1)
        layout.addWidget(self.proposals_label, 1, 0)
        layout.addWidget(self.review, 1, 1)
        layout.setColumnStretch(0, 1)
        self.hide()

    def show_for(self, project: Project | None, section: Section | None, org_id: str | None = None) -> None:
        """Say what there is to review on ``section`` (hidden when nothing), acting as ``org_id``."""
        if project is None or section is None:
            self.hide()
            return
        approvals, proposals = acting_first(stale_approvals(section), org_id), open_proposals(section)
        if approvals:
            self.stale_label.setText(stale_sentence(project, approvals) + ".")
            self.show_changes.setAccessibleDescription(self.stale_label.text())
        if proposals:
            self.proposals_label.setText(proposals_sentence(project, section) + ".")
            self.review.setAccessibleDescription(self.proposals_label.text())
        for widget, wanted in ((self.stale_label, approvals), (self.show_changes, approvals),
                               (self.proposals_label, proposals), (self.review, proposals)):
            widget.setVisible(bool(wanted))
        self.setVisible(bool(approvals or proposals))


class ReviewOperations:
    """Show Changes and Review Proposed Changes for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._document: ProjectDocument | None = None
        self.bar = ReviewBar()
        page = window.editor_page_layout
        page.insertWidget(page.indexOf(window.editor), self.bar)  # right above the heading
        actions = window.app_actions
        actions.show_changes.triggered.connect(lambda: self.show_changes())
        actions.review_proposals.triggered.connect(self.review_proposals)
        self.bar.show_changes.clicked.connect(lambda: self.show_changes())
        self.bar.review.clicked.connect(self.review_proposals)
        window.tree.selectionModel().currentChanged.connect(lambda *_: self.refresh())
        window.outline_model.modelReset.connect(self._follow_document)

    def _follow_document(self) -> None:
        document = self.window.document
        if document is self._document:
            return
        if self._document is not None:
            for signal in (self._document.changed, self._document.reloaded):
                signal.disconnect(self.refresh)
        self._document = document
        if document is not None:
            document.changed.connect(self.refresh)
            document.reloaded.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        """The bar follows the section chosen and what changed in it."""
        document = self.window.document
        if document is None:
            self.bar.show_for(None, None)
            return
        acting = document.actor.org if document.actor is not None else None
        self.bar.show_for(document.project, self.window.current_section(), acting)

    def show_changes(self, org_id: str = "") -> None:
        """The changes to the chosen section since a stale approval (the acting organisation's, if stale)."""
        window, document = self.window, self.window.document
        section = window.current_section()
        if document is None or section is None or not window.commit_editor():
            return
        acting = document.actor.org if document.actor is not None else None
        approvals = acting_first(stale_approvals(section), acting)  # the chooser lists the acting one first
        if not approvals:
            window.statusBar().showMessage("No approval of this section is stale: nothing changed since", 6000)
            return
        org_id = org_id or acting or ""
        ChangesDialog(document.project, section, approvals, org_id, window).exec()

    def review_proposals(self) -> None:
        """The section's open proposals: the owner accepts or rejects them, whole or change by change."""
        window, document = self.window, self.window.document
        section = window.current_section()
        if document is None or section is None or not window.commit_editor():
            return
        if not open_proposals(section):
            window.statusBar().showMessage("This section has no proposed changes waiting", 6000)
            return
        dialog = ProposalsDialog(document.project, section, document.actor, window)
        if dialog.exec() != ProposalsDialog.DialogCode.Accepted or dialog.decision is None:
            return
        proposal_id, accepted = dialog.decision
        command = DecideProposalCommand(document, section, proposal_id, accepted)
        if window.run("The proposed changes were not decided.", command):
            self._tell(command)

    def _tell(self, command: DecideProposalCommand) -> None:
        """Say what deciding did; a conflict copy plainly, in a box."""
        window = self.window
        if command.outcome_kind == "conflict":
            box = QMessageBox(QMessageBox.Icon.Information, "Kept as a Conflict Copy",
                              "The section was changed after these changes were proposed, so the text you "
                              "accepted was not put over the newer text: it is kept as a conflict copy.",
                              QMessageBox.StandardButton.Ok, window)
            box.setInformativeText("Choose between the versions, or merge them, with Section \u203a Resolve "
                                   "Conflict Copies\u2026 (the bar above the section offers it too).")
            box.exec()
        else:
            window.statusBar().showMessage(command.summary, 8000)
