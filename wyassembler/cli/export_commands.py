"""``wyassembler export``: the Word document (or its accessible PDF) for government, gated on sign-off."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import WyassemblerError
from ..projectfile import storage
from ..fileio import refuse_project_as_output


def cmd_export(args: argparse.Namespace) -> int:
    """Export PROJECT to a .docx or a PDF (by OUTPUT's extension); refuses an unsound project, and a final
    export before sign-off."""
    # Imported here so commands that never export do not pay for python-docx.
    from ..word.pdf_export import export_pdf
    from ..word.provenance import ReplaceRefused
    from ..word.writer import export_docx

    extension = Path(args.output).suffix.lower()
    if extension not in (".docx", ".pdf"):
        raise WyassemblerError(f"the output {Path(args.output).name} should end in .docx (a Word document) "
                               "or .pdf (an accessible PDF)")
    if args.pdf_archive and extension != ".pdf":
        raise WyassemblerError("--pdf-archive makes a PDF/A: give an output ending in .pdf")
    if args.with_comments:
        _check_with_comments(args, extension)
    refuse_project_as_output(args.project, args.output)  # before reading it; the engine checks again
    loaded = storage.load(args.project)
    problems = loaded.report.problems  # what reading noticed; the writer checks the project itself
    if problems:
        raise WyassemblerError(f"{args.project} does not verify ({problems[0]}"
                               f"{f' and {len(problems) - 1} more' if len(problems) > 1 else ''}); "
                               "run 'wyassembler verify' for details")
    options = {"project_path": args.project, "template": args.template, "draft": args.draft,
               "signoff_appendix": args.signoff_appendix, "replace": args.force, "order": args.order,
               "questions_appendix": args.questions_appendix, "public": args.public}
    try:
        if extension == ".pdf":
            result = export_pdf(loaded.project, args.output, archive=args.pdf_archive, **options)
        else:
            result = export_docx(loaded.project, args.output, with_comments=args.with_comments, **options)
    except ReplaceRefused as error:
        raise WyassemblerError(force_advice(error)) from None
    for warning in result.warnings:
        sys.stderr.write(f"wyassembler: warning: {warning}\n")
    kind = "a marked draft" if args.draft else "the final response"
    if args.with_comments:
        kind += " with its open comments"
    if args.public:
        kind = f"the public copy of {kind}"
    print(f"Exported {kind} to {args.output}"
          + (f" ({len(result.warnings)} warning(s) above)" if result.warnings else "."))
    return 0


def _check_with_comments(args: argparse.Namespace, extension: str) -> None:
    """Refuse --with-comments where comments may not go, in one line, before the project is even read."""
    from ..word.comments_out import check_with_comments

    check_with_comments(args.draft, args.public, args.order)
    if extension != ".docx":
        # LibreOffice 7.4 puts a PDF's comments in note icons whose text neither prints nor reads as the
        # page's text, and a tagged PDF's structure has no place for them: Word is where comments are read.
        raise WyassemblerError("--with-comments writes Word comments: give an output ending in .docx")


def force_advice(error: Exception) -> str:
    """A refusal to replace an output, with the way to replace it anyway."""
    return f"{error}; choose another name, or add --force to replace it"
