"""Integrity checks on a whole project: references that must resolve, ids that must be unique.

``reference_problems`` lists what makes a project unusable (a file with any of
these is refused); ``soundness_problems`` lists what ``verify`` reports on top.
"""

from __future__ import annotations

from .model import Project


def reference_problems(project: Project) -> list[str]:
    """Broken references and duplicate ids, each as one sentence."""
    problems: list[str] = []
    org_ids = [org.id for org in project.organisations]
    known = set(org_ids)
    if len(known) != len(org_ids):
        problems.append("two organisations share an id")

    def need_org(org_id: str | None, where: str) -> None:
        if org_id is not None and org_id not in known:
            problems.append(f"{where} names organisation {org_id!r}, which is not in the project")

    need_org(project.coordinator, "the coordinator")
    for org in project.endorsers or []:
        need_org(org, "the list of endorsers")
    seen_sections: set[str] = set()
    for _, _, section in project.walk():
        where = f"section {section.id}"
        if section.id in seen_sections:
            problems.append(f"two sections share the id {section.id}")
        seen_sections.add(section.id)
        need_org(section.owner, f"{where}'s owner")
        for org in section.contributors:
            need_org(org, f"{where}'s contributors")
        seen_revisions: set[str] = set()
        for index, revision in enumerate(section.revisions):
            need_org(revision.org, f"{where}, revision {revision.id}")
            if revision.id in seen_revisions:
                problems.append(f"{where} has two revisions with the id {revision.id}")
            if index > 0 and revision.parent not in seen_revisions:
                problems.append(f"{where}, revision {revision.id} has a parent that is not an earlier revision")
            seen_revisions.add(revision.id)
        for signoff in section.signoffs:
            need_org(signoff.org, f"a sign-off on {where}")
        for copy in section.conflicts:
            if copy.id not in seen_revisions:
                problems.append(f"{where} has a conflict copy of revision {copy.id}, which is not in its history")
            elif copy.id == section.current.id:
                problems.append(f"{where} has its current revision {copy.id} as a conflict copy")
        for resolution in section.resolutions:
            need_org(resolution.org, f"{where}, the resolution of conflict {resolution.revision}")
    for endorsement in project.endorsements:
        need_org(endorsement.org, "an endorsement")
    return problems


def soundness_problems(project: Project) -> list[str]:
    """What ``verify`` reports beyond references: sign-offs of text that is not in the history."""
    problems = []
    for number, _, section in project.walk():
        hashes = {revision.hash for revision in section.revisions}
        for signoff in section.signoffs:
            if signoff.hash not in hashes:
                problems.append(
                    f"section {number}: the sign-off by {signoff.person} ({project.org_label(signoff.org)}) "
                    f"is for text that is not in the section's history"
                )
    return problems
