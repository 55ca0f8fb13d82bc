"""The export's worker and engines for the export dialog: which engine writes each format (Word, or a
tagged PDF by way of LibreOffice), the export on a snapshot of the project on a worker thread (the full
response, then its public copy), a refusal in the dialog's words, and the accessibility findings that would
refuse a final export.
The export can be cancelled (:meth:`ExportJob.cancel`): LibreOffice is stopped at once and nothing is written,
and every export still running is cancelled, and waited for, as the app quits.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal

from ...core.checklist import readiness_findings
from ...core.errors import ExportCancelled, FinalExportRefused, WyassemblerError
from ...core.findings import Finding
from ...core.model import Project
from ...core.snapshot import snapshot
from ..common.workers import KeptWorker
from ..models.accessibility import findings_for

log = logging.getLogger(__name__)


def load_engine():
    """The Word export function, or ``None`` while this build has no export engine."""
    try:
        from ...word.writer import export_docx
    except ImportError:
        return None
    return export_docx


def load_pdf_engine():
    """The PDF export function, or ``None`` while this build has no PDF export."""
    try:
        from ...word.pdf_export import export_pdf
    except ImportError:
        return None
    return export_pdf


WORD, PDF = ".docx", ".pdf"
CANCELLED = "it was cancelled"  # why a copy was not written, once the person cancelled
FORMATS = ((WORD, "Word document (.docx)"), (PDF, "PDF, tagged for accessibility (.pdf)"))
FILTERS = {WORD: "Word documents (*.docx)", PDF: "PDF documents (*.pdf)"}


def accessibility_findings(project: Project, template: Path | None) -> list[Finding]:
    """What ``wyassembler check`` finds besides the sign-off and questions (which the dialog shows its own
    way): the text's and the template's accessibility."""
    readiness = set(readiness_findings(project))
    return [finding for finding in findings_for(project, template) if finding not in readiness]


def refusal_text(error: WyassemblerError) -> str:
    """The engine's refusal in the dialog's words: a final export refused says what is missing and points at
    Draft (the command line's --draft means nothing here)."""
    if isinstance(error, FinalExportRefused):
        return error.said("choose Draft for a marked draft")
    return str(error)


@dataclass(frozen=True)
class PublicTarget:
    """Where the public copy goes, and whether the person agreed to replace a file there."""

    path: Path
    replace: bool = False


@dataclass(frozen=True)
class ExportOutcome:
    """What an export wrote: the full response's result, and the public copy's (None when none was asked
    for, or when it failed: ``public_failed`` says why)."""

    full: object
    public: object = None
    public_failed: str = ""


class ExportJob(KeptWorker):
    """Runs the export on a snapshot of the project (a private copy of what changes, core.snapshot: a deep copy
    took a second on the UI thread at 1,000 sections), so the window stays responsive and unchanged: the
    full response, then its public copy when asked for (the same choices, confidential sections withheld).

    Kept until it ends (:class:`.KeptWorker`: a running QThread destroyed with its dialog would abort the app
    and leave LibreOffice running), cancelled when ``parent``, its dialog, is destroyed or the app quits."""

    succeeded = Signal(object)  # an ExportOutcome (each result with .warnings)
    failed = Signal(str)
    cancelled = Signal()  # cancelled before the full response was written: nothing was

    def __init__(self, engine, project: Project, project_path: Path | None, out_path: Path, template: Path | None,
                 draft: bool, appendix: bool, parent=None, replace: bool = False, order: str = "outline",
                 questions_appendix: bool = False, public: PublicTarget | None = None,
                 options: dict | None = None) -> None:
        super().__init__()
        self.cancel_event = threading.Event()
        self._engine = engine
        self._project = snapshot(project)
        self._project_path = project_path
        self._args = (out_path, template, draft, appendix, replace)
        self._questions = {"order": order, "questions_appendix": questions_appendix}
        self._public = public
        self._options = dict(options or {})  # the format's own, such as a PDF's archive=True
        if parent is not None:
            parent.destroyed.connect(self.cancel)

    def cancel(self) -> None:
        """Stop the export as soon as it can be (LibreOffice at once; a .docx being built, before its write)."""
        self.cancel_event.set()

    def cancel_requested(self) -> bool:
        """Whether :meth:`cancel` has been called (the export may still be stopping)."""
        return self.cancel_event.is_set()

    def _attempt(self, out_path: Path, replace: bool, public: bool) -> tuple[object, str]:
        """(the engine's result, "") or (None, why it failed in the dialog's words: :data:`CANCELLED` if cancelled)."""
        if self.cancel_event.is_set():
            return None, CANCELLED
        _, template, draft, appendix, _ = self._args
        # The public copy never carries comments (comments_out.check_with_comments); the full draft may.
        extra = {**{k: v for k, v in self._options.items() if not (public and k == "with_comments")},
                 **({"public": True} if public else {})}
        try:
            return self._engine(self._project, out_path, project_path=self._project_path, template=template,
                                draft=draft, signoff_appendix=appendix, replace=replace, **self._questions,
                                cancel=self.cancel_event, **extra), ""
        except ExportCancelled:
            return None, CANCELLED
        except WyassemblerError as error:
            return None, refusal_text(error)
        except Exception as error:  # shown in plain words; the log keeps the traceback
            log.exception("export failed")
            return None, (f"The export stopped unexpectedly ({type(error).__name__}). "
                          f"Details are in wyassembler's log file.")

    def run(self) -> None:
        """On the worker thread: the full response, then its public copy if asked for; one signal says how it went."""
        out_path, _, _, _, replace = self._args
        result, failure = self._attempt(out_path, replace, False)
        if failure == CANCELLED:
            self.cancelled.emit()
        elif failure:
            self.failed.emit(failure)
        elif self._public is None:
            self.succeeded.emit(ExportOutcome(result))
        else:
            # The full response stands whatever becomes of its public copy; the dialog says both.
            public, public_failure = self._attempt(self._public.path, self._public.replace, True)
            self.succeeded.emit(ExportOutcome(result, public, public_failure))
