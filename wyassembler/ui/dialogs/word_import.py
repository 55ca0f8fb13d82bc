"""File › Import Word Document…: which partners the new project gets, then the import on a worker thread.

Reading an 800-page document takes about a second, so the reading runs on a
:class:`QThread` while the dialog shows that it is busy; the window stays
responsive and nothing is opened until the import has succeeded.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from ...core.errors import WyassemblerError
from ...core.presets import WEST_YORKSHIRE, preset_organisations
from ...settings import Identity
from ..common.workers import KeptWorker
from ..common.working import busy_bar, status_line

log = logging.getLogger(__name__)


class WordImportJob(KeptWorker):
    """Runs :func:`wyassembler.word.reader.import_docx`; the result is a new project, shared with nobody. Kept
    until it ends, the app's quitting included (KeptWorker)."""

    succeeded = Signal(object)  # the ImportResult
    failed = Signal(str)

    def __init__(self, path: Path, preset: str | None, coordinator: str, person: str) -> None:
        super().__init__()
        self.path, self.preset, self.coordinator, self.person = path, preset, coordinator, person

    def run(self) -> None:
        try:
            from ...word.reader import import_docx

            result = import_docx(self.path, preset=self.preset, coordinator=self.coordinator, person=self.person)
        except WyassemblerError as error:
            text = str(error)
            self.failed.emit(text[:1].upper() + text[1:])
        except MemoryError:
            self.failed.emit(f"{self.path.name} is too large to import on this computer.")
        except Exception as error:  # shown in plain words; the log keeps the traceback
            log.exception("import of %s failed", self.path)
            self.failed.emit(f"The import stopped unexpectedly ({type(error).__name__}). "
                             f"Details are in wyassembler's log file.")
        else:
            self.succeeded.emit(result)


def _preset_short_name(identity: Identity | None) -> str | None:
    """The West Yorkshire body the identity belongs to (its short name), if it is one of them."""
    if identity is None:
        return None
    key = identity.organisation.strip().casefold()
    for org in preset_organisations(WEST_YORKSHIRE):
        if key in (org.id.casefold(), org.short_name.casefold(), org.name.casefold()):
            return org.short_name
    return None


class ImportWordDialog(QDialog):
    """Which partners the imported response starts with; Import reads the document, then the dialog closes."""

    def __init__(self, path: Path, identity: Identity | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Word Document")
        self.path = Path(path)
        self.identity = identity
        self.result_value = None  # the ImportResult once the import succeeded
        self.error = ""
        self._job: WordImportJob | None = None
        in_preset = _preset_short_name(identity)

        intro = QLabel(f"A new response from <b>{_escape(self.path.name)}</b>. Its Title and Subtitle become the "
                       f"response's title and subtitle, Heading 1 to 3 its sections. What a response cannot hold "
                       f"(pictures, comments, footnotes\u2026) is listed afterwards, and tracked changes are "
                       f"taken as accepted. The document itself is not changed.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.preset = QCheckBox("Start with the West Yorkshire partnership (ten bodies, Joint Services coordinating)")
        self.preset.setChecked(identity is None or in_preset is not None)
        self.coordinator = QLineEdit(in_preset or (identity.organisation if identity else "") or "Coordinator")
        self.coordinator.setAccessibleName("Name of the coordinating organisation")
        hint = QLabel("Every section starts owned by the coordinator, who then adds partners and hands sections "
                      "over (Section \u203a Owner and Contributors).")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form = QFormLayout()
        form.addRow("&Coordinating organisation:", self.coordinator)
        self.progress = busy_bar("Importing")
        self.status = status_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.preset)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.preset.toggled.connect(self._update)
        self.coordinator.textChanged.connect(self._update)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        self._update()
        self.resize(560, self.sizeHint().height())

    def _update(self) -> None:
        self.coordinator.setEnabled(not self.preset.isChecked() and not self.is_running())
        self.import_button.setEnabled(not self.is_running()
                                      and (self.preset.isChecked() or bool(self.coordinator.text().strip())))

    def start_import(self) -> None:
        if self.is_running():
            return
        self.error = ""
        self.status.setText(f"Reading {self.path.name}\u2026")
        self.progress.show()
        person = self.identity.name if self.identity else ""
        self._job = WordImportJob(self.path, WEST_YORKSHIRE if self.preset.isChecked() else None,
                                  self.coordinator.text().strip(), person)
        self._job.succeeded.connect(self._on_succeeded)
        self._job.failed.connect(self._on_failed)
        self._job.finished.connect(self._update)
        self._job.start()
        self._update()
        self.preset.setEnabled(False)

    def is_running(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def is_done(self) -> bool:
        """The import has ended, either way."""
        return self.result_value is not None or bool(self.error)

    def _on_succeeded(self, result) -> None:
        self.result_value = result
        self.progress.hide()
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.error = message
        self.progress.hide()
        self.preset.setEnabled(True)
        end = "" if message.endswith((".", "!", "?")) else "."
        self.status.setText(f"{self.path.name} was not imported. {message}{end}")

    def reject(self) -> None:
        # Not while the document is read (about a second): the dialog then says how it went.
        if self.is_running():
            return
        super().reject()


def _escape(text: str) -> str:
    return html.escape(text)
