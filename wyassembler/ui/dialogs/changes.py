"""Show Changes: what changed in a section since an organisation approved it, so its lead approves again
knowing exactly what is new (the text it approved against the current one, :class:`DiffView`).

The approvals offered are the section's stale ones (:func:`core.diff.stale_approvals`), the same the
``wyassembler diff --since-signoff ORG`` command compares from; when the approved text was pruned from the
history, the dialog says so plainly instead of showing a diff.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...core.diff import Approval, diff_section
from ...core.model import Project, Section
from ..common.diff_view import DiffView
from ..common.screen import resize_within_screen
from .conflicts import when


def approval_phrase(project: Project, approval: Approval) -> str:
    """"Calderdale Council approved on 5 Jan 2026, 10:15 (J. Smith)"."""
    decision = approval.signoff
    return f"{project.org_label(decision.org)} approved on {when(decision.time)} ({decision.person})"


def pruned_phrase(project: Project, section: Section, approval: Approval) -> str:
    """What to say when the approved text is no longer kept."""
    return (f"The text {project.org_label(approval.signoff.org)} approved on {when(approval.signoff.time)} is no "
            f"longer kept in the history of section {project.number_of(section)}, so what changed since "
            f"cannot be shown. Read the current text before approving it again.")


class ChangesDialog(QDialog):
    """The changes to ``section`` since one of ``approvals`` (chosen in a list when there are several)."""

    def __init__(self, project: Project, section: Section, approvals: list[Approval], org_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changes Since Approval")
        self.project, self.section, self.approvals = project, section, approvals
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("dialogIntro")
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Changes since the approval of")
        for approval in approvals:
            self.chooser.addItem(approval_phrase(project, approval), approval.signoff.org)
        chooser_row = QHBoxLayout()
        since = QLabel("Changes &since:")
        since.setBuddy(self.chooser)
        chooser_row.addWidget(since)
        chooser_row.addWidget(self.chooser, 1)
        self.pruned = QLabel()
        self.pruned.setWordWrap(True)
        self.pruned.setObjectName("refusedReason")
        self.view = DiffView()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(chooser_row)
        layout.addWidget(self.pruned)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        if len(approvals) < 2:
            since.hide()
            self.chooser.hide()
        self.chooser.currentIndexChanged.connect(self._show)
        chosen = self.chooser.findData(org_id) if org_id else 0
        self.chooser.setCurrentIndex(max(chosen, 0))
        self._show(self.chooser.currentIndex())
        resize_within_screen(self, 1000, 640)

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self.approvals):
            return
        approval, section, project = self.approvals[index], self.section, self.project
        self.intro.setText(f"Section {project.number_of(section)} \u201c{section.heading}\u201d: what changed "
                           f"since {approval_phrase(project, approval)}, to the current text.")
        old = approval.revision
        if old is None or old.blocks is None:
            self.pruned.setText(pruned_phrase(project, section, approval))
            self.pruned.show()
            self.view.hide()
            return
        self.pruned.hide()
        self.view.set_diff(diff_section(old.heading, old.blocks, section.heading, section.blocks))
        self.view.show()
        self.view.changes.setFocus()
