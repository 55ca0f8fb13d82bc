"""``wyassembler export``: the Word document for government, gated on sign-off."""

from __future__ import annotations

import argparse
import sys

from ..core.errors import WyassemblerError
from ..projectfile import storage
from ..fileio import refuse_project_as_output


def cmd_export(args: argparse.Namespace) -> int:
    """Export PROJECT to a .docx; refuses an unsound project, and a final export before sign-off."""
    # Imported here so commands that never export do not pay for python-docx.
    from ..word.provenance import ReplaceRefused
    from ..word.writer import export_docx

    refuse_project_as_output(args.project, args.output)  # before reading it; the engine checks again
    loaded = storage.load(args.project)
    problems = loaded.report.problems  # what reading noticed; the writer checks the project itself
    if problems:
        raise WyassemblerError(f"{args.project} does not verify ({problems[0]}"
                               f"{f' and {len(problems) - 1} more' if len(problems) > 1 else ''}); "
                               "run 'wyassembler verify' for details")
    try:
        result = export_docx(loaded.project, args.output, project_path=args.project, template=args.template,
                             draft=args.draft, signoff_appendix=args.signoff_appendix, replace=args.force,
                             order=args.order, questions_appendix=args.questions_appendix, public=args.public)
    except ReplaceRefused as error:
        raise WyassemblerError(force_advice(error)) from None
    for warning in result.warnings:
        sys.stderr.write(f"wyassembler: warning: {warning}\n")
    kind = "a marked draft" if args.draft else "the final response"
    if args.public:
        kind = f"the public copy of {kind}"
    print(f"Exported {kind} to {args.output}"
          + (f" ({len(result.warnings)} warning(s) above)" if result.warnings else "."))
    return 0


def force_advice(error: Exception) -> str:
    """A refusal to replace an output, with the way to replace it anyway."""
    return f"{error}; choose another name, or add --force to replace it"
