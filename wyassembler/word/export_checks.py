"""The export's accessibility: the rules ``wyassembler check`` runs, so that the two never disagree.

The text's rules (:func:`.core.accessibility.content_findings`) and the template's
(:func:`.template_check.template_findings`) are run on what is exported. Their errors stop a final
export (:class:`NotAccessible`, as :class:`.writer.NotReady` stops one before sign-off); a marked
draft is written with them, listed among its warnings, as are the warnings of both. What the rules
cannot see (the headings as the template's styles and the export's own parts lay them out) is left to
:func:`.accessibility.check_document`, which reads the built document.
"""

from __future__ import annotations

import os

from ..core.accessibility import content_findings
from ..core.checklist import finding_line, in_order
from ..core.confidentiality import withheld_sections
from ..core.errors import FinalExportRefused
from ..core.findings import Finding, errors
from ..core.model import Project
from .template_check import template_findings


class NotAccessible(FinalExportRefused):
    """A final export was asked for but the response has accessibility errors; ``reason`` says how many,
    ``missing`` lists them one a line (as :class:`.writer.NotReady` does its items)."""

    LIST = "To fix"


def export_findings(project: Project, template: str | os.PathLike | None, public: bool) -> list[Finding]:
    """The accessibility findings of an export of ``project`` into ``template`` (None: ours): the text's
    and the template's, in :func:`.checklist.in_order`. A public copy's withheld sections are not in it,
    so their text's findings are left out."""
    findings = content_findings(project) + template_findings(template)
    if public:
        withheld = withheld_sections(project)
        findings = [finding for finding in findings if finding.section_id not in withheld]
    return in_order(project, findings)


def refuse_errors(project: Project, findings: list[Finding]) -> None:
    """Raise :class:`NotAccessible` listing the errors among ``findings``, if any."""
    found = errors(findings)
    if found:
        count = f"{len(found)} accessibility error{'' if len(found) == 1 else 's'}"
        raise NotAccessible(f"the response has {count} ('wyassembler check' lists them)",
                            "\n".join(f"  - {finding_line(project, finding)}" for finding in found))


def warning_lines(project: Project, findings: list[Finding]) -> list[str]:
    """The export's warnings from ``findings``: each as :func:`.checklist.finding_line` says it, an error
    (written into a marked draft only) saying that a final export refuses it."""
    return [finding_line(project, finding) + (" A final export refuses until this is fixed." if finding.is_error
                                              else "") for finding in findings]
