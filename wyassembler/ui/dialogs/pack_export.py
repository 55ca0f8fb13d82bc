"""Partner › Export My Sections for Word…, once the file is chosen: whether the pack carries the open comments
on the organisation's sections, then the pack written on a worker thread.

Building a pack of a few hundred pages takes a second or more, so it runs on a :class:`KeptWorker` over a
snapshot of the project (:func:`.core.snapshot.snapshot`) while the dialog shows that it is busy; the window
stays responsive and unchanged, and nothing is shown as written until the file is.

"Include open comments" is ticked whenever the organisation's sections have an open thread: they are
questions put to the people who write those sections, who see them in the app anyway, and a pack without
them leaves whoever works in Word answering blind. Comments written go back as the project's own (their
Word ids are mapped), so a reply or a thread marked done in Word comes back and nothing comes back twice.
With no open thread the box is off and its tooltip says why, as the Word export dialog's is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget)

from ...core.comments import open_thread_count
from ...core.errors import WyassemblerError
from ...core.model import Organisation, Project
from ...core.snapshot import snapshot
from ..common.workers import KeptWorker
from ..common.working import busy_bar, status_line

if TYPE_CHECKING:  # python-docx is imported only once a pack is written
    from ...word.packs import PackExportResult

log = logging.getLogger(__name__)


def threads_phrase(count: int) -> str:
    """``count`` open comment threads in words ("1 open comment thread", "3 open comment threads")."""
    return f"{count} open comment thread{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class PackOutcome:
    """A pack written: the export's result (its sections and warnings), how many open threads it carries, and
    its sections as "number heading", numbered as in the pack (from the snapshot it was written from)."""

    result: PackExportResult
    threads: int
    numbered: list[str]


class PackExportJob(KeptWorker):
    """Writes the pack (:func:`wyassembler.word.packs.export_pack`) from a snapshot of the project; kept until it
    ends, the app's quitting included (KeptWorker)."""

    succeeded = Signal(object)  # a PackOutcome
    failed = Signal(str)

    def __init__(self, project: Project, org_id: str, target: Path, project_path: Path | None, replace: bool,
                 with_comments: bool) -> None:
        super().__init__()
        self._project = snapshot(project)
        self._args = (org_id, target, project_path, replace, with_comments)

    def run(self) -> None:
        org_id, target, project_path, replace, with_comments = self._args
        try:
            from ...word.packs import export_pack

            result = export_pack(self._project, org_id, target, project_path=project_path, replace=replace,
                                 with_comments=with_comments)
        except WyassemblerError as error:
            self.failed.emit(str(error))
        except Exception as error:  # shown in plain words; the log keeps the traceback
            log.exception("pack export to %s failed", target)
            self.failed.emit(f"the export stopped unexpectedly ({type(error).__name__}); details are in "
                             f"wyassembler's log file")
        else:
            threads = sum(open_thread_count(section) for section in result.sections) if with_comments else 0
            numbered = [f"{self._project.number_of(section)} {section.heading}" for section in result.sections]
            self.succeeded.emit(PackOutcome(result, threads, numbered))


class PackExportDialog(QDialog):
    """The pack about to be written, whether it carries the open comments, and Export; closes once written."""

    def __init__(self, project: Project, org: Organisation, sections: list, target: Path,
                 project_path: Path | None, replace: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export My Sections for Word")
        self._project, self._org, self._target = project, org, target
        self._project_path, self._replace = project_path, replace
        self.outcome: PackOutcome | None = None  # once the pack is written
        self.error = ""
        self._job: PackExportJob | None = None
        count = len(sections)
        intro = QLabel(f"{target.name} will hold {'the section' if count == 1 else f'the {count} sections'} "
                       f"{org.label()} writes, to edit in Word and bring back with Partner \u203a Import My Edited "
                       f"Sections.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.open_threads = sum(open_thread_count(section) for section in sections)
        count_said = f" ({self.open_threads} open thread{'' if self.open_threads == 1 else 's'})"
        self.comments = QCheckBox("&Include open comments" + (count_said if self.open_threads else ""))
        self.comments.setEnabled(self.open_threads > 0)
        self.comments.setChecked(self.open_threads > 0)
        self.comments.setToolTip(
            f"{threads_phrase(self.open_threads).capitalize()} on {org.label()}'s sections, as Word comments on "
            f"the words each is about; replies, and threads marked done in Word, come back with the pack."
            if self.open_threads else f"No comment thread on {org.label()}'s sections is open.")
        self.comments.setAccessibleDescription(self.comments.toolTip())
        self.progress = busy_bar("Exporting")
        self.status = status_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        layout = QVBoxLayout(self)
        for widget in (intro, self.comments, self.progress, self.status, self.buttons):
            layout.addWidget(widget)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, self.sizeHint().height())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.export_button.setFocus()  # not Cancel, first in the box: Enter and Space both export

    def start_export(self) -> None:
        """Write the pack on a worker thread; the dialog closes when it is written, or says why it was not."""
        if self.is_running():
            return
        self.error = ""
        self.status.setText(f"Writing {self._target.name}\u2026")
        self.progress.show()
        self._job = PackExportJob(self._project, self._org.id, self._target, self._project_path, self._replace,
                                  self.comments.isEnabled() and self.comments.isChecked())
        self._job.succeeded.connect(self._on_succeeded)
        self._job.failed.connect(self._on_failed)
        self._job.finished.connect(self._update)
        self._job.start()
        self._update()

    def _update(self) -> None:
        running = self.is_running()
        self.export_button.setEnabled(not running)
        self.comments.setEnabled(not running and self.open_threads > 0)

    def is_running(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def is_done(self) -> bool:
        """The export has ended, either way."""
        return self.outcome is not None or bool(self.error)

    def _on_succeeded(self, outcome: PackOutcome) -> None:
        self.outcome = outcome
        self.progress.hide()
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.error = message
        self.progress.hide()
        self.status.setText(f"Your sections were not exported: {message}")

    def reject(self) -> None:
        # Not while the pack is written: the dialog then says how it went.
        if self.is_running():
            return
        super().reject()
