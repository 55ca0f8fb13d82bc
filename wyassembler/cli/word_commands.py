"""``import-docx``, ``export-pack`` and ``import-pack``: Word documents in, and partner packs out and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import signoff
from ..core.comments import open_thread_count
from ..fileio import refuse_project_as_output
from .commands import CommandError, _actor, _label, _load, _person, _refuse_overwrite, _save
from .export_commands import force_advice


def _report(lines: list[str], heading: str) -> None:
    if lines:
        sys.stderr.write(f"wyassembler: {heading}:\n")
        for line in lines:
            sys.stderr.write(f"  - {line}\n")


def cmd_import_docx(args: argparse.Namespace) -> int:
    """A new project from a Word document; what it could not hold is listed on stderr."""
    from ..word.reader import import_docx  # python-docx only for the commands that need it

    path = Path(args.project)
    if path.suffix.lower() != ".wyproj":
        raise CommandError(f"the project {path.name} should end in .wyproj")
    _refuse_overwrite(path, args.force)
    result = import_docx(args.source, preset=args.preset, coordinator=args.coordinator, person=_person(args))
    _save(result.project, path, replace=args.force)
    project = result.project
    _report(result.report.lines(), f"import report for {Path(args.source).name}")
    sections = project.all_sections()
    blocks = sum(len(section.blocks) for section in sections)
    print(f"Created {path} from {Path(args.source).name}: \u201c{project.title}\u201d, {len(sections)} section(s), "
          f"{blocks} block(s), owned by {project.org_label(project.coordinator or '')}"
          + (f" ({len(result.report.lines())} report line(s) above)." if result.report else "."))
    return 0


def cmd_export_pack(args: argparse.Namespace) -> int:
    """Write the sections an organisation edits as a Word document to be edited offline."""
    from ..word.packs import export_pack
    from ..word.provenance import ReplaceRefused

    refuse_project_as_output(args.project, args.output)  # before reading it; the engine checks again
    loaded = _load(args.project)
    project = loaded.project
    org = project.find_organisation(args.as_org)
    try:
        result = export_pack(project, org.id, args.output, project_path=args.project, replace=args.force,
                             with_comments=args.with_comments)
    except ReplaceRefused as error:
        raise CommandError(force_advice(error)) from None
    for warning in result.warnings:
        sys.stderr.write(f"wyassembler: warning: {warning}\n")
    numbers = ", ".join(project.number_of(section) for section in result.sections)
    output = Path(args.output)
    # A different name for what comes back, so exporting again cannot replace the partner's edits.
    returned = output.with_name(f"{output.stem}-returned{output.suffix}")
    threads = sum(open_thread_count(section) for section in result.sections) if args.with_comments else 0
    comments = f", with {threads} open comment thread(s) as Word comments," if args.with_comments else ""
    print(f"Wrote {len(result.sections)} section(s) for {org.label()} ({numbers}){comments} to {output}. "
          f"Save the edited document that comes back under another name and bring it in with "
          f"'wyassembler import-pack {returned} {args.project} --as {org.id} --by NAME'.")
    return 0


def cmd_import_pack(args: argparse.Namespace) -> int:
    """Bring a partner pack's edits back as new revisions of its sections, its Word tracked changes as
    proposals and its Word comments as comments."""
    from ..word.packs import import_pack

    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args)
    before = {section.id: signoff.section_states(section) for section in project.all_sections()}
    result = import_pack(project, args.pack, actor)
    _report(result.report_lines(project), f"import report for {Path(args.pack).name}")
    if result.changed:
        _save(project, loaded)
    for section in result.updated:
        print(f"Saved a new revision of {_label(project, section)}.")
        stale = signoff.newly_stale(before.get(section.id, {}), section)
        if stale:
            print(f"  The approval by {', '.join(project.org_label(org) for org in stale)} is now stale.")
    for section in result.conflicts:
        print(f"Kept the pack's version of {_label(project, section)} as a conflict copy: the section changed "
              f"in the project since the pack was made (see 'wyassembler show {args.project} "
              f"{project.number_of(section)} --conflicts').")
    for section, proposal in result.proposals:  # Word's tracked changes: the owner decides
        print(f"Kept {len(proposal.tracked)} tracked change(s) in {_label(project, section)} as a proposal for "
              f"{project.org_label(section.owner)} to accept or reject (see 'wyassembler proposals "
              f"{args.project} {project.number_of(section)}').")
    if result.comments:
        print(f"Brought in {len(result.comments)} Word comment(s) (see 'wyassembler comments {args.project}').")
    unchanged = len(result.unchanged)
    print(f"{len(result.updated)} section(s) updated, {len(result.conflicts)} kept as conflict copies, "
          f"{unchanged} unchanged, {len(result.proposals)} proposal(s) from tracked changes, "
          f"{len(result.comments)} Word comment(s) brought in.")
    return 0


def cmd_verify_docx(args: argparse.Namespace) -> int:
    """Check a response .docx against its manifest: one line per problem and exit 1, or a summary."""
    from ..word.docx_check import verify_docx

    result = verify_docx(args.document)
    if result.problems:
        for line in result.problems:
            print(line)
        raise CommandError(f"{Path(args.document).name} is not as signed: {len(result.problems)} problem(s) "
                           f"listed above")
    print(result.summary)
    return 0
