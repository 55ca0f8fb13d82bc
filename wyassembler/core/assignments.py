"""Who owns a section and who coordinates, as signed records (format 1.4).

An **assignment** says who owns a section and who contributes to it from its time on. It counts when it is
signed by a key of its organisation confirmed at that time, over exactly this section, owner and
contributors, and its organisation was then the coordinator -- or it is the section's first assignment,
by the organisation that created the section, giving the section to itself alone (a partner may only
create sections it owns). A section's owner and contributors must be what its last valid assignment made
them whenever it has an assignment record, and always when the project requires signatures; otherwise
``verify`` names the section, and an approval by an owner no valid assignment made owner does not count.

A **coordinator change** names the coordinator from its time on; the rules are replayed with the key
events in :func:`.keys.key_ledger`. The coordinator the file names must be the one the records establish.
"""

from __future__ import annotations

from datetime import datetime

from .keys import KeyLedger, check_signer, found_coordinator, with_signature
from .model import Actor, Assignment, CoordinatorChange, Project, Section, utc_now
from .permissions import assigns_only_itself
from .signature_policy import signatures_required
from .signatures import Signer
from .statements import assignment_hash, assignment_statement, coordinator_hash, coordinator_statement
from .verification import INVALID, VALID, Verdict, _verdict, _when


def _in_time_order(section: Section) -> list[Assignment]:
    return sorted(section.assignments, key=lambda assignment: assignment.time)


def record_assignment(project: Project, actor: Actor, section: Section, signer: Signer | None,
                      now: datetime | None = None) -> Assignment | None:
    """Record the section's current owner and contributors as assigned by ``actor``, signed by ``signer``
    (a confirmed key of the actor's organisation). Without a signer nothing is recorded: an unsigned
    assignment would prove nothing."""
    if signer is None:
        return None
    now = now or utc_now()
    check_signer(project, actor.org, signer, now)
    history = _in_time_order(section)
    previous = assignment_hash(project.id, section.id, history[-1]) if history else ""
    assignment = Assignment(section.owner, tuple(section.contributors), actor.org, actor.person, actor.role, now,
                            previous)
    assignment = with_signature(assignment, signer,
                                lambda signed_by: assignment_statement(project.id, section.id, assignment, signed_by))
    section.assignments.append(assignment)
    return assignment


def record_coordinator_change(project: Project, actor: Actor, coordinator: str, signer: Signer | None,
                              now: datetime | None = None) -> CoordinatorChange | None:
    """Record that ``coordinator`` takes over from ``actor``'s organisation, signed by ``signer``. The
    coordinator being replaced is first recorded as founded if no record named it. Without a signer, and
    with no records yet, nothing is recorded (a project that never signs keeps the plain property)."""
    if signer is None and not project.coordinator_changes:
        return None
    now = now or utc_now()
    if signer is not None:  # before found_coordinator changes the project
        check_signer(project, actor.org, signer, now)
    found_coordinator(project, actor, now)
    latest = max(project.coordinator_changes, key=lambda change: change.time)
    change = CoordinatorChange(coordinator, actor.org, actor.person, actor.role, now,
                               coordinator_hash(project.id, latest))
    if signer is not None:
        change = with_signature(change, signer, lambda signed_by: coordinator_statement(project.id, change, signed_by))
    project.coordinator_changes.append(change)
    return change


def assignment_verdict(project: Project, section: Section, assignment: Assignment, first: bool,
                       ledger: KeyLedger) -> Verdict:
    """Whether one assignment counts: a valid signature, and the authority to assign (see the module)."""
    verdict = _verdict(project, assignment.signature, assignment.org, assignment.time,
                       lambda signed_by: assignment_statement(project.id, section.id, assignment, signed_by), ledger)
    if verdict.state != VALID:
        return verdict
    if assignment.org in ledger.coordinators_at(assignment.time):
        return verdict
    creator = section.revisions[0].org
    if first and assignment.org == creator and assigns_only_itself(creator, assignment.owner,
                                                                   assignment.contributors):
        return verdict
    return Verdict(INVALID, f"{project.org_label(assignment.org)} was not the coordinator then, and only the "
                            f"coordinator assigns a section (its creator only to itself, first)")


def _verdicts(project: Project, section: Section, ledger: KeyLedger) -> list[tuple[Assignment, Verdict]]:
    return [(assignment, assignment_verdict(project, section, assignment, index == 0, ledger))
            for index, assignment in enumerate(_in_time_order(section))]


def _last_valid(verdicts: list[tuple[Assignment, Verdict]]) -> Assignment | None:
    return next((assignment for assignment, verdict in reversed(verdicts) if verdict.state == VALID), None)


def established_assignment(project: Project, section: Section, ledger: KeyLedger) -> Assignment | None:
    """The section's last valid assignment in time order, or None."""
    return _last_valid(_verdicts(project, section, ledger))


def owner_at(project: Project, section: Section, at: datetime, ledger: KeyLedger) -> str:
    """The section's owner at ``at``: as its last valid signed assignment made by then says, or (none made by
    then: a section whose ownership no signed record gave yet) its owner now."""
    owner = section.owner
    for assignment, verdict in _verdicts(project, section, ledger):
        if assignment.time > at:
            break
        if verdict.state == VALID:
            owner = assignment.owner
    return owner


def _orgs(project: Project, orgs) -> str:
    return ", ".join(project.org_label(org) for org in orgs) or "none"


def ownership_problem(project: Project, section: Section, ledger: KeyLedger,
                      verdicts: list[tuple[Assignment, Verdict]] | None = None) -> str:
    """Why the section's owner and contributors are not established by a valid assignment ("" if they are
    or need not be: the section has no assignment record and the project does not require signatures)."""
    required = signatures_required(project, ledger)
    if not section.assignments and not required:
        return ""
    established = _last_valid(verdicts if verdicts is not None else _verdicts(project, section, ledger))
    if established is None:
        return (f"no valid signed assignment made {project.org_label(section.owner)} its owner"
                + (" (this project requires signatures)" if required else ""))
    if established.owner != section.owner or set(established.contributors) != set(section.contributors):
        return (f"its owner {project.org_label(section.owner)} and contributors "
                f"({_orgs(project, section.contributors)}) are not what the last valid signed assignment, by "
                f"{established.person} ({project.org_label(established.org)}) at {_when(established.time)}, "
                f"made them: owner {project.org_label(established.owner)}, contributors "
                f"({_orgs(project, established.contributors)})")
    return ""


def assignment_problems(project: Project, ledger: KeyLedger) -> list[str]:
    """One line per assignment that does not count and per section whose ownership no valid one establishes."""
    problems = []
    for number, _, section in project.walk():
        where = f"section {number} \u201c{section.heading}\u201d"
        verdicts = _verdicts(project, section, ledger)
        for assignment, verdict in verdicts:
            if verdict.state != VALID:
                problems.append(f"{where}: the assignment to {project.org_label(assignment.owner)} by "
                                f"{assignment.person} ({project.org_label(assignment.org)}) at "
                                f"{_when(assignment.time)}: {verdict.reason}")
        problem = ownership_problem(project, section, ledger, verdicts)
        if problem:
            problems.append(f"{where}: {problem}")
    return problems


def coordinator_problems(project: Project, ledger: KeyLedger) -> list[str]:
    """One line per coordinator change that does not count, and one if the file's coordinator is not the
    one the records establish."""
    problems = [f"coordinator: the change to {project.org_label(change.coordinator)} by {change.person} "
                f"({project.org_label(change.org)}) at {_when(change.time)}: {reason}"
                for change, reason in ledger.coordinator_problems]
    if project.coordinator_changes and project.coordinator != ledger.coordinator:
        problems.append(f"coordinator: the file names {project.org_label(project.coordinator or '')} as "
                        f"coordinator, but no valid record does: the records make "
                        f"{project.org_label(ledger.coordinator or '')} coordinator")
    return problems
