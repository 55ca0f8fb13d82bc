"""``wyassembler check``: everything that would stop or mar a final export, in one list.

Exit status: 0 when nothing would stop a final export (warnings at most), 1 when something would
(an error: the export refuses), 2 when the question cannot be answered (a project that does not
load, a template that cannot be read, a usage error)."""

from __future__ import annotations

import argparse
import json
from itertools import groupby
from pathlib import Path

from ..core.checklist import check_project, in_order, sentence
from ..core.errors import WyassemblerError
from ..core.findings import ERROR, TEMPLATE, WHOLE_RESPONSE, Finding, errors, tally
from ..core.model import Project
from ..projectfile import storage
from .commands import CommandError

HEADING_SHOWN = 50  # characters of a section's heading in a group's title


class CannotCheck(CommandError):
    """The project or the template could not be read: nothing was checked."""

    exit_status = 2


def cmd_check(args: argparse.Namespace) -> int:
    """Check PROJECT (and the template a final export would use); print the findings, exit 1 on errors."""
    project, findings = checked(args.project, args.template)
    if args.json:
        # ASCII (other characters as \u escapes): valid JSON whatever encoding stdout has (cp1252 when redirected
        # on Windows), where a heading in Chinese or an emoji would otherwise stop the command half-printed.
        print(json.dumps(check_json(project, findings), indent=2))
    else:
        print(check_text(project, findings, args.template))
    return 1 if errors(findings) else 0


def checked(project_path: str, template: str | None) -> tuple[Project, list[Finding]]:
    """The project at ``project_path`` and its findings with ``template``'s (None: our reference document);
    :class:`CannotCheck` when either cannot be read."""
    from ..word.template_check import template_findings  # python-docx only for the commands that need it

    try:
        loaded = storage.load(project_path)
    except WyassemblerError as error:
        raise CannotCheck(str(error)) from None
    try:
        from_template = template_findings(template)
    except WyassemblerError as error:
        raise CannotCheck(str(error)) from None
    # What reading noticed (a reference to nothing, say): the export refuses such a project too.
    unread = [Finding("soundness", ERROR, problem, "run 'wyassembler verify' for details; go back to a backup "
                      "('wyassembler restore') if the file was damaged") for problem in loaded.report.problems]
    project = loaded.project
    return project, in_order(project, [*unread, *check_project(project, from_template)])


def check_text(project: Project, findings: list[Finding], template: str | None) -> str:
    """The findings grouped by where they are (the response, each section, the template), one line each:
    severity, rule, what is wrong and what to do; then a summary line."""
    if not findings:
        return "No problems found: a final export would go ahead."
    rule_width = max(len(finding.rule) for finding in findings)
    lines: list[str] = []
    for group, in_group in groupby(findings, key=lambda finding: (finding.section_id, finding.place)):
        lines.append(_group_title(project, *group, template))
        lines.extend(f"  {finding.severity:<7}  {finding.rule:<{rule_width}}  {finding.message} \u2014 "
                     f"{sentence(finding.advice)}" for finding in in_group)
    verdict = "a final export would be refused" if errors(findings) else "a final export would go ahead"
    lines.append(f"{tally(findings)[0].upper()}{tally(findings)[1:]}: {verdict}")
    return "\n".join(lines)


def _group_title(project: Project, section_id: str | None, place: str, template: str | None) -> str:
    if section_id is not None:
        number, heading = _section_of(project, section_id)
        return f"{number} {_shortened(heading)}"
    if place == WHOLE_RESPONSE:
        return "The whole response"
    name = Path(template).name if template is not None else "reference.docx, the default"
    if place == TEMPLATE:
        return f"The template ({name})"
    return f"{place[0].upper()}{place[1:]} ({name})"


def _section_of(project: Project, section_id: str) -> tuple[str, str]:
    section = project.section(section_id)
    return project.number_of(section), section.heading


def _shortened(heading: str) -> str:
    heading = " ".join(heading.split())
    return heading if len(heading) <= HEADING_SHOWN else heading[: HEADING_SHOWN - 1] + "\u2026"


def check_json(project: Project, findings: list[Finding]) -> dict:
    """``check --json``: whether a final export would go ahead, the counts, and each finding."""
    error_count = len(errors(findings))
    rows = []
    for finding in findings:
        number, heading = _section_of(project, finding.section_id) if finding.section_id else (None, None)
        rows.append({"rule": finding.rule, "severity": finding.severity, "section_id": finding.section_id,
                     "section_number": number, "heading": heading,
                     "place": "section" if finding.section_id else finding.place,
                     "message": finding.message, "advice": sentence(finding.advice)})
    return {"ready": not error_count, "errors": error_count, "warnings": len(findings) - error_count,
            "findings": rows}
