"""``diff``: what changed in a section between two of its revisions, word by word (see :mod:`..core.diff`).

By default the previous revision against the current one; ``--since-signoff ORG`` from the text ORG last
approved; ``--from``/``--to`` between any two revisions, named by id or by number (1 the oldest this copy of
the project keeps, as the section's revisions are listed).
"""

from __future__ import annotations

import argparse
import json
import sys

from ..core.diff import diff_section, last_approval, plain, to_json
from ..core.model import Project, Revision, Section
from .commands import CommandError, _label, _load


class DiffUsageError(CommandError):
    """Options that do not go together: a usage error."""

    exit_status = 2


def _revision(project: Project, section: Section, ref: str) -> Revision:
    """The revision of ``section`` named by its id or its number (1 the oldest kept)."""
    key = ref.strip()
    for revision in section.revisions:
        if revision.id == key:
            return revision
    if key.isdigit() and 1 <= int(key) <= len(section.revisions):
        return section.revisions[int(key) - 1]
    raise CommandError(f"{_label(project, section)} has no revision {ref!r} (give a revision id or a number "
                       f"from 1 to {len(section.revisions)})")


def _number(section: Section, revision: Revision) -> int:
    return next(i for i, r in enumerate(section.revisions, start=1) if r is revision)


def _previous(section: Section) -> Revision:
    """The current revision's parent, or the current revision itself when it is the first."""
    current = section.current
    parent = next((r for r in section.revisions if r.id == current.parent), None)
    return parent or current


def _approved_revision(project: Project, section: Section, org_ref: str) -> tuple[Revision, str]:
    """The revision ``org_ref`` last approved, and a line saying who approved it and when."""
    org = project.find_organisation(org_ref)
    found = last_approval(section, org.id)
    if found is None:
        raise CommandError(f"{org.label()} has never approved {_label(project, section)}")
    approval, revision, latest = found.signoff, found.revision, found.latest
    if found.pruned or revision is None:
        raise CommandError(f"the text {org.label()} approved on {approval.time:%Y-%m-%d} is no longer in the "
                           f"history of {_label(project, section)}")
    later = "" if latest is approval else f" (its latest decision since: {latest.decision})" if latest else ""
    return revision, (f"{org.label()} approved revision {_number(section, revision)} on "
                      f"{approval.time:%Y-%m-%d %H:%M} UTC ({approval.person}){later}.")


def _versions(project: Project, section: Section, args: argparse.Namespace) -> tuple[Revision, Revision, str]:
    """The old and new revision to compare, and a line to print first (empty for none)."""
    if args.since_signoff and (args.from_rev or args.to_rev):
        raise DiffUsageError("give --since-signoff ORG or --from/--to REV, not both")
    if args.since_signoff:
        old, line = _approved_revision(project, section, args.since_signoff)
        return old, section.current, line
    if args.from_rev or args.to_rev:
        old = _revision(project, section, args.from_rev) if args.from_rev else _previous(section)
        new = _revision(project, section, args.to_rev) if args.to_rev else section.current
        return old, new, ""
    return _previous(section), section.current, ""


def cmd_diff(args: argparse.Namespace) -> int:
    """``diff``: a section's two versions (see :func:`_versions`) compared word by word, as plain text or JSON."""
    project = _load(args.project).project
    section = project.find_section(args.section)
    old, new, line = _versions(project, section, args)
    for revision in (old, new):
        if revision.blocks is None:
            raise CommandError(f"the content of revision {_number(section, revision)} of "
                               f"{_label(project, section)} was pruned from the history")
    assert old.blocks is not None and new.blocks is not None
    diff = diff_section(old.heading, old.blocks, new.heading, new.blocks)
    if args.json:
        data = {"section": project.number_of(section), "section_id": section.id,
                "from": {"revision": old.id, "number": _number(section, old)},
                "to": {"revision": new.id, "number": _number(section, new)},
                "approval": line or None, **to_json(diff)}
        print(json.dumps(data, indent=2))
        return 0
    if line:
        print(line)
    print(f"{_label(project, section)}: revision {_number(section, old)} \u2192 {_number(section, new)}\n")
    sys.stdout.write(plain(diff))
    return 0
