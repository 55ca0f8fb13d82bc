"""Review Proposed Changes: a section's open proposals (a returned pack's tracked changes), for its owner to
accept or reject as a whole or change by change.

Each change is numbered as :func:`core.proposal_changes.proposal_changes` numbers them, with a check box,
where it is, what it takes out and puts in, and who made it in Word; the whole proposal is shown beside it
with its changes marked (:class:`DiffView`), and the change chosen in the list is shown with a little of its
context. Only the section's owner decides: for anyone else the buttons are off and say why (the core's
:func:`core.proposals.check_decide`). The dialog only gathers the choice (:attr:`ProposalsDialog.decision`);
:mod:`..operations.review` makes it one undoable step.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from ...core.diff import ADDED, REMOVED, diff_section
from ...core.errors import WyassemblerError
from ...core.model import Actor, Project, Section
from ...core.proposal_changes import ProposedChange, proposal_changes
from ...core.proposals import check_decide, open_proposals
from ...core.review_records import Proposal
from ..common.diff_view import DiffView, colours_for, marked_html, quoted
from ..common.screen import resize_within_screen
from ..project.review_commands import ALL
from .conflicts import when

QUOTE_LIMIT = 100


def change_count(proposal: Proposal) -> int:
    """How many changes the proposal makes, as they are numbered for deciding one by one."""
    return len(proposal_changes(proposal))


def proposal_origin(project: Project, proposal: Proposal) -> str:
    """"from kirklees.docx by Kirklees Council" (or "by Kirklees Council" without a file name)."""
    source = f"from {proposal.source} " if proposal.source else ""
    return f"{source}by {project.org_label(proposal.org)}"


def change_sentence(change: ProposedChange) -> str:
    """"3. paragraph 2: removed “x”, added “y” (Word: Jane Doe)", as the list and a screen reader say it."""
    parts = []
    if change.formatting_only:
        parts.append(f"formatting of {quoted(change.added, QUOTE_LIMIT)}")
    else:
        if change.removed.strip():
            parts.append(f"removed {quoted(change.removed, QUOTE_LIMIT)}")
        if change.added.strip():
            parts.append(f"added {quoted(change.added, QUOTE_LIMIT)}")
    what = ", ".join(parts) or change.kind
    kind = f" ({change.kind})" if change.kind in ("moved", "split", "joined") else ""
    authors = f" (Word: {', '.join(change.authors)})" if change.authors else ""
    return f"{change.number}. {change.label}{kind}: {what}{authors}"


def why_not_decide(project: Project, section: Section, actor: Actor | None) -> str | None:
    """Why the acting person may not decide the section's proposals (None: they may)."""
    if actor is None:
        return "Say who you are first (Edit \u203a Your Identity\u2026)"
    try:
        check_decide(project, section, actor)
    except WyassemblerError as error:
        return str(error)
    return None


class ProposalsDialog(QDialog):
    """A section's open proposals; :attr:`decision` is (proposal id, ALL or the change numbers accepted)."""

    def __init__(self, project: Project, section: Section, actor: Actor | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review Proposed Changes")
        self.project, self.section = project, section
        self.proposals = open_proposals(section)
        self.decision: tuple[str, frozenset[int] | None] | None = None
        self._changes: list[ProposedChange] = []
        self.refusal = refusal = why_not_decide(project, section, actor)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("dialogIntro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Proposal")
        for proposal in self.proposals:
            self.chooser.addItem(f"{proposal_origin(project, proposal)}, {when(proposal.time)}", proposal.id)
        self.chooser.setVisible(len(self.proposals) > 1)
        self.refused = QLabel(refusal or "")
        self.refused.setWordWrap(True)
        self.refused.setObjectName("refusedReason")
        self.refused.setVisible(refusal is not None)
        self.list = QListWidget()
        self.list.setAccessibleName("Proposed changes: tick the ones to accept")
        self.list.setWordWrap(True)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The change chosen, in its context")
        self.detail.setMaximumHeight(110)
        self.view = DiffView()
        self.view.show_list(False)  # the numbered changes on the left say them in words
        self._build_layout()
        self.accept_all = QPushButton("Accept &All")
        self.reject_all = QPushButton("&Reject All")
        self.accept_selected = QPushButton("Accept &Selected")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.accept_all, self.reject_all, self.accept_selected):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setEnabled(refusal is None)
            if refusal is not None:
                button.setToolTip(refusal)
        buttons.rejected.connect(self.reject)
        self.main_layout.addWidget(buttons)
        self.accept_all.clicked.connect(lambda: self._decide(ALL))
        self.reject_all.clicked.connect(lambda: self._decide(frozenset()))
        self.accept_selected.clicked.connect(lambda: self._decide(self.ticked()))
        self.list.currentRowChanged.connect(self._show_detail)
        self.list.itemChanged.connect(lambda _item: self._update_selected())
        self.chooser.currentIndexChanged.connect(self._show)
        self._show(0)
        resize_within_screen(self, 1100, 680)

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("&Changes (tick those to accept)")
        title.setBuddy(self.list)
        title.setObjectName("panelTitle")
        left_layout.addWidget(title)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.detail)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        whole = QLabel("The whole proposed text, changes marked")
        whole.setObjectName("panelTitle")
        right_layout.addWidget(whole)
        right_layout.addWidget(self.view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.main_layout = layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        layout.addLayout(top)
        layout.addWidget(self.chooser)
        layout.addWidget(self.refused)
        layout.addWidget(split, 1)

    def proposal(self) -> Proposal:
        """The proposal shown."""
        return self.proposals[max(self.chooser.currentIndex(), 0)]

    def ticked(self) -> frozenset[int]:
        """The numbers of the changes ticked."""
        return frozenset(change.number for row, change in enumerate(self._changes)
                         if self.list.item(row).checkState() == Qt.CheckState.Checked)

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self.proposals):
            return
        proposal, project = self.proposals[index], self.project
        self._changes = proposal_changes(proposal)
        authors = sorted({change.author for change in proposal.tracked})
        words = f" Tracked in Word by {', '.join(authors)}." if authors else ""
        self.intro.setText(f"Section {project.number_of(self.section)} \u201c{self.section.heading}\u201d: "
                           f"{len(self._changes)} change{'s' if len(self._changes) != 1 else ''} proposed "
                           f"{proposal_origin(project, proposal)} ({proposal.person}, {when(proposal.time)}).{words} "
                           f"Accept them all, reject them all, or tick some and accept those; you can undo it.")
        self.list.blockSignals(True)
        self.list.clear()
        for change in self._changes:
            item = QListWidgetItem(change_sentence(change))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(item.text())
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.view.set_diff(diff_section(proposal.before_heading, proposal.before_blocks, proposal.heading,
                                        proposal.blocks))
        if self._changes:
            self.list.setCurrentRow(0)
        self._update_selected()

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < len(self._changes):
            self.detail.clear()
            return
        change, colours = self._changes[row], colours_for(self.detail.palette())
        removed = marked_html(change.removed, REMOVED, colours) if change.removed else ""
        added = marked_html(change.added, ADDED, colours) if change.added else ""
        who = ""
        if change.tracked:
            first = change.tracked[0]
            dated = f", {when(first.time)}" if first.time is not None else ""
            who = f"<br><i>Word: {html.escape(', '.join(change.authors))}{dated}</i>"
        self.detail.setHtml(f"<b>{change.number}. {html.escape(change.label)}</b><br>"
                            f"{html.escape(change.before)}{removed}{added}{html.escape(change.after)}{who}")
        self.detail.setAccessibleDescription(change_sentence(change))

    def _update_selected(self) -> None:
        refusal, count = self.refusal, len(self.ticked())
        self.accept_selected.setText(f"Accept &Selected ({count})")
        self.accept_selected.setEnabled(refusal is None and count > 0)
        if refusal is None:
            self.accept_selected.setToolTip("" if count else "Tick the changes to accept first")

    def _decide(self, accepted: frozenset[int] | None) -> None:
        self.decision = (self.proposal().id, accepted)
        self.accept()

