"""Putting an earlier version of a project back, as a step forward that every copy can follow.

Writing the old bytes over the file would be undone by the next save of any
partner who had the file open: their copy still holds the newer revisions,
and the merge (by revision lineage) would take them as the later text. So a
restore is recorded as a change made now, by the person restoring:

* every section whose text differs from the restored version gets a new
  revision, made on top of its current one, with the restored text: a copy
  still on the newer text is *behind* it, and the merge keeps the restored
  text. A partner who went on editing that newer text meanwhile made a real
  change, which is never thrown away: it becomes a conflict copy beside the
  restored text, to be resolved as any clash is;
* sections added after the restored version are deleted (tombstones that know
  every revision they had): a copy that did not edit them since leaves them
  deleted, one that did brings them back, as an edit beats a delete;
* sections deleted after the restored version come back with a new revision,
  so the older deletion a partner's copy still holds does not know it and
  cannot delete it again;
* the outline's arrangement, ownership, partners and properties are the
  restored version's, merged three ways as any change made on disk;
* sign-offs, endorsements, resolutions, authority records, confidentiality marks, comments (with
  their resolved/reopened records) and proposals (with their decisions) of both versions are kept:
  they are a record of what happened, and staleness follows the restored text by itself;
* so are the key events of both (a revocation is never undone by putting an
  older file back), and signatures stay required if either version required them;
* so is the history of saves: the restore's own entry is made on the current head;
* a :class:`~.model.Restore` record says who restored which version over which.
"""

from __future__ import annotations

from datetime import datetime

from .editing import prune_history
from .history import merged_history
from .model import Actor, Project, Restore, Revision, Section, Tombstone, utc_now
from .org_mentions import review_record_orgs


def _merged_list(first: list, second: list) -> list:
    """Every item of ``first``, then those of ``second`` it lacks, each once, in their own order."""
    seen = set(first)
    return list(first) + [item for item in dict.fromkeys(second) if item not in seen]


def _restored_section(older: Section, current: Section | None, actor: Actor, now: datetime,
                      made: list[str]) -> Section:
    """``older``'s text, ownership and sub-sections' places, on top of ``current``'s history."""
    if current is None:  # deleted since: back, with a revision newer than any deletion of it
        revisions = list(older.revisions)
        tip = older.current
        conflicts, signoffs, resolutions = list(older.conflicts), list(older.signoffs), list(older.resolutions)
    else:
        known = {r.id for r in current.revisions}
        revisions = current.revisions + [r for r in older.revisions if r.id not in known]
        tip = current.current
        conflicts = list(current.conflicts)
        signoffs = _merged_list(current.signoffs, older.signoffs)
        resolutions = _merged_list(current.resolutions, older.resolutions)
    # Revisions only the older version knows are a branch now; the restored text goes on top of the
    # current one, which every copy that saw the newer text has, so they all see the restore as later.
    if current is None or revisions[-1] is not tip or older.hash != tip.hash:
        revision = Revision.create(tip.id, actor, older.heading, older.blocks, max(now, tip.time))
        revisions.append(revision)
        made.append(revision.id)
    assignments = _merged_list(current.assignments, older.assignments) if current is not None \
        else list(older.assignments)
    marks = _merged_list(current.marks, older.marks) if current is not None else list(older.marks)
    section = Section(older.id, older.owner, revisions, list(older.contributors), signoffs, [],
                      [c for c in conflicts if c.id != revisions[-1].id], resolutions, assignments, list(older.answers),
                      marks, *_review_lists(older, current))
    prune_history(section)
    return section


def _review_lists(older: Section, current: Section | None) -> tuple[list, list, list, list]:
    """The section's comments, resolved/reopened records, proposals and decisions of both versions: a
    comment made since the restored version is a record of what happened, kept as a sign-off is."""
    names = ("comments", "comment_states", "proposals", "proposal_decisions")
    if current is None:
        return tuple(list(getattr(older, name)) for name in names)  # type: ignore[return-value]
    return tuple(_merged_list(getattr(current, name), getattr(older, name)) for name in names)  # type: ignore[return-value]


def _rebuilt(sections: list[Section], current_sections: dict[str, Section], actor: Actor, now: datetime,
             made: list[str]) -> list[Section]:
    # A module function, not a nested one calling itself: that is a reference cycle holding every section,
    # which a project left out of the collector's sight (ui.project.heap) kept alive for good.
    result = []
    for section in sections:
        restored = _restored_section(section, current_sections.get(section.id), actor, now, made)
        restored.children = _rebuilt(section.children, current_sections, actor, now, made)
        result.append(restored)
    return result


def restore_over(current: Project, older: Project, actor: Actor, version: str, version_hash: str,
                 replaced_hash: str, now: datetime | None = None) -> Project:
    """The project as ``older`` has it, recorded as a change by ``actor`` on top of ``current`` (see the
    module's rules); neither input is changed. Both must be copies of one project."""
    now = now or utc_now()
    current_sections = {s.id: s for s in current.all_sections()}
    made: list[str] = []
    result = Project(older.id, older.created, older.title, older.subtitle, older.partnership, older.responds_to,
                     older.deadline, older.closing_line_template, older.coordinator,
                     list(older.endorsers) if older.endorsers is not None else None, older.list_formats)
    result.sections = _rebuilt(older.sections, current_sections, actor, now, made)
    result.questions = list(older.questions)  # the consultation's questions as that version had them
    # The coordinator's dissent settings are properties: the restored version's, as its title is.
    result.declines_block, result.require_authority = older.declines_block, older.require_authority
    result.behalf_at, result.member_list = older.behalf_at, older.member_list
    kept = {s.id for s in result.all_sections()}
    added_since = [s for s in current.all_sections() if s.id not in kept]
    tombstones = _merged_list(current.tombstones, older.tombstones)
    tombstones += [Tombstone(s.id, actor.org, actor.person, now, s.current.id, tuple(r.id for r in s.revisions[:-1]))
                   for s in added_since]
    result.tombstones = [t for t in tombstones if t.section_id not in kept]
    result.endorsements = _merged_list(current.endorsements, older.endorsements)
    result.key_events = _merged_list(current.key_events, older.key_events)
    # The current history goes on: the save that writes the restore is made on its head, so the restore
    # is a step forward that anyone who saw the newer file can follow, not a rollback.
    result.history = merged_history(current.history, older.history)
    result.coordinator_changes = _merged_list(current.coordinator_changes, older.coordinator_changes)
    result.signature_policies = _merged_list(current.signature_policies, older.signature_policies)
    result.authorities = _merged_list(current.authorities, older.authorities)
    result.require_signatures = older.require_signatures or current.require_signatures
    result.restores = _merged_list(current.restores, older.restores) + [
        Restore(actor.org, actor.person, now, version, version_hash, replaced_hash, tuple(made))]
    result.organisations = _organisations(older, current, result)
    return result


def record_restore(older: Project, actor: Actor, version: str, version_hash: str, replaced_hash: str,
                   now: datetime | None = None) -> Project:
    """``older`` with a record of its restore, when there is no readable current version to build on."""
    older.restores.append(Restore(actor.org, actor.person, now or utc_now(), version, version_hash,
                                  replaced_hash, ()))
    return older


def _organisations(older: Project, current: Project, result: Project) -> list:
    """The restored version's partners, and any partner only the newer version has whose name the
    kept history still carries (a revision, sign-off or endorsement of theirs)."""
    named: set[str] = {e.org for e in result.endorsements} | {t.org for t in result.tombstones} \
        | {r.org for r in result.restores} | {e.org for e in result.key_events} \
        | {a.org for a in result.authorities}
    for section in result.all_sections():
        named.update(m.org for m in section.marks)
        named.update(r.org for r in section.revisions)
        named.update(s.org for s in section.signoffs)
        named.update(r.org for r in section.resolutions)
        named.update(org for _, org in review_record_orgs(section))
    have = {org.id for org in older.organisations}
    return list(older.organisations) + [org for org in current.organisations
                                        if org.id not in have and org.id in named]


def restoring_actor(project: Project, org_ref: str, person: str) -> Actor:
    """Who is restoring, as an organisation of ``project``: ``org_ref`` (id, short or full name) if it
    is one, else the coordinator, else the first partner; a restore must name someone."""
    org_id = None
    if org_ref:
        for org in project.organisations:
            if org_ref.casefold() in (org.id.casefold(), org.short_name.casefold(), org.name.casefold()):
                org_id = org.id
                break
    org_id = org_id or project.coordinator or (project.organisations[0].id if project.organisations else "")
    return Actor(org_id, person.strip() or "unknown")
