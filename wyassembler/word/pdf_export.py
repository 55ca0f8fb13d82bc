"""The response as an accessible PDF: the Word export, converted by LibreOffice, marked as ours.

The .docx is built exactly as for a Word export (:func:`.writer.build_docx`: the same refusals, the
same sign-off gate, the same warnings), converted to a tagged PDF (PDF/UA-1, optionally PDF/A-2b) by
:mod:`.pdf_engine`, marked by :mod:`.pdf_marking` so that exporting again replaces it, and written in one
atomic step. Nothing is written if any step fails.

A PDF, a marked draft's too, is refused while the response has an error that would make the PDF itself
fail the PDF/UA checker (:data:`.core.accessibility.PDF_STRUCTURE_RULES`: no title, a link without text,
a table without a header row): a .docx draft can still be written.
"""

from __future__ import annotations

import os
import threading

from ..core.accessibility import pdf_blockers
from ..core.checklist import sentence, where
from ..core.errors import ExportCancelled, WyassemblerError
from ..core.findings import Finding
from ..core.model import Project
from ..core.public_copy import redacted
from ..fileio import refuse_unwritable_folder, write_atomically
from .export_checks import export_findings
from .pdf_engine import docx_to_pdf
from .pdf_marking import marked_pdf
from .provenance import refuse_output, refuse_to_replace
from .writer import ExportResult, build_docx

UNMARKED_WARNING = ("the PDF carries no wyassembler mark (LibreOffice left no room for it in the PDF's metadata), "
                    "so exporting over it again will ask first (--force on the command line)")


def export_pdf(project: Project, out_path: str | os.PathLike, *, project_path: str | os.PathLike | None,
               template: str | os.PathLike | None = None, draft: bool = False, signoff_appendix: bool = False,
               replace: bool = False, order: str = "outline", questions_appendix: bool = False,
               public: bool = False, archive: bool = False, timeout: float | None = None,
               cancel: threading.Event | None = None) -> ExportResult:
    """Export ``project`` to the PDF ``out_path`` atomically; nothing is written if anything fails.

    The options are :func:`.writer.export_docx`'s, with the same refusals (the project file as the output,
    an existing file that is not our untouched output unless ``replace``, a final export before sign-off).
    ``archive`` makes the PDF a PDF/A-2b as well as a PDF/UA-1; ``timeout`` is LibreOffice's, in seconds
    (default: :func:`.pdf_engine.default_timeout`). The result's ``data`` is the PDF's bytes. Once ``cancel`` is
    set (from another thread) LibreOffice is stopped, or not started, and :class:`.core.errors.ExportCancelled`
    raised, until the PDF is written: a cancel after that changes nothing.
    """
    out_path = refuse_output(project_path, out_path, ".pdf", replace=replace)
    refuse_unwritable_folder(out_path)  # before converting (seconds to minutes), not after
    built = build_docx(project, template=template, draft=draft, signoff_appendix=signoff_appendix, order=order,
                       questions_appendix=questions_appendix, public=public)
    refuse_pdf_blockers(project, export_findings(project, template, public), public)  # before converting
    pdf = docx_to_pdf(built.data, archive=archive, timeout=timeout, cancel=cancel)
    marked = marked_pdf(pdf)
    if cancel is not None and cancel.is_set():  # set while the PDF was being marked: still nothing written
        raise ExportCancelled()
    warnings = list(built.warnings)
    if marked is None:
        warnings.append(UNMARKED_WARNING)
    data = pdf if marked is None else marked
    # Looked at again just before the rename: converting takes seconds to minutes, and a file put there
    # meanwhile (another program's, a copy dragged in) is no more ours than one that was there before.
    write_atomically(out_path, data, before_replace=None if replace else refuse_to_replace)
    return ExportResult(data, warnings)


def refuse_pdf_blockers(project: Project, findings: list[Finding], public: bool = False) -> None:
    """Raise a one-line :class:`WyassemblerError` if ``findings`` hold an error that would make the PDF fail
    the PDF/UA checker (:func:`.core.accessibility.pdf_blockers`), naming the first by its place; a public
    copy's message names withheld sections by number only, as its other refusals do."""
    blockers = pdf_blockers(findings)
    if not blockers:
        return
    first = blockers[0]
    count = "an error" if len(blockers) == 1 else f"{len(blockers)} errors"
    more = f" (and {len(blockers) - 1} more)" if len(blockers) > 1 else ""
    message = (f"a PDF cannot be written while the response has {count} that would make the PDF fail the "
               f"PDF/UA check ({where(project, first)}): {first.message}{more} \u2014 "
               f"{sentence(first.advice)} 'wyassembler check' lists them; a Word (.docx) draft can still be "
               "exported")
    raise WyassemblerError(redacted(project, message) if public else message)
