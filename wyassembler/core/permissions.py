"""Who may edit and sign what.

Every rule is a ``check_*`` function that raises :class:`PermissionDenied`
with a sentence naming who may do it instead, so the CLI and the app can show
the message as it is.
"""

from __future__ import annotations

from .errors import PermissionDenied
from .model import Actor, Project, Section


def check_actor(project: Project, actor: Actor) -> None:
    """The acting organisation must be a partner and the person must be named."""
    project.organisation(actor.org)
    if not actor.person.strip():
        raise PermissionDenied("say who you are: a person's name is needed to record this change")


def is_coordinator(project: Project, org_id: str) -> bool:
    """True for the coordinating organisation, and for everyone while no coordinator is set."""
    return project.coordinator is None or project.coordinator == org_id


def may_edit(project: Project, section: Section, org_id: str) -> bool:
    """A section may be edited by its owner, its contributors and the coordinating organisation."""
    return org_id in section.editors() or is_coordinator(project, org_id)


def check_in_outline(project: Project, section: Section) -> None:
    """``section`` (this very object) must be in ``project``'s outline: a record made on a section of
    another copy, or one no longer in the outline, would be lost, or name a section the project lacks."""
    project.location(section)  # NotFoundError, in a sentence, if it is not


def check_edit(project: Project, section: Section, actor: Actor) -> None:
    check_actor(project, actor)
    check_in_outline(project, section)
    if may_edit(project, section, actor.org):
        return
    allowed = [project.org_label(org) for org in section.editors()]
    if project.coordinator and project.coordinator not in section.editors():
        allowed.append(f"{project.org_label(project.coordinator)} (coordinator)")
    raise PermissionDenied(
        f"{project.org_label(actor.org)} may not edit section {project.number_of(section)} "
        f"\u201c{section.heading}\u201d: it is owned by {project.org_label(section.owner)}; "
        f"only {_join(allowed)} may edit it"
    )


def check_structure(project: Project, actor: Actor, parent: Section | None = None) -> None:
    """Outline, partners and properties belong to the coordinator; a section's editors may
    also add sub-sections under it."""
    check_actor(project, actor)
    if is_coordinator(project, actor.org):
        return
    if parent is not None and actor.org in parent.editors():
        return
    if parent is not None:  # naming who may: the parent's editors too, not only the coordinator
        allowed = [project.org_label(org) for org in parent.editors()]
        if project.coordinator not in parent.editors():
            allowed.append(f"{project.org_label(project.coordinator or '')} (coordinator)")
        raise PermissionDenied(f"only {_join(allowed)} may add or delete sub-sections under section "
                               f"{project.number_of(parent)} \u201c{parent.heading}\u201d")
    raise PermissionDenied(
        f"only the coordinating organisation ({project.org_label(project.coordinator or '')}) "
        f"may change the outline, the partners or the project's properties"
    )


def assigns_only_itself(org_id: str, owner: str, contributors: list[str] | tuple[str, ...]) -> bool:
    """True when a section ``org_id`` adds is owned by ``org_id`` alone, with no other contributor."""
    return owner == org_id and all(contributor == org_id for contributor in contributors)


def may_assign(project: Project, org_id: str, owner: str, contributors: list[str]) -> bool:
    """Whether ``org_id`` may give a section it adds this owner and these contributors: the coordinator
    any; anyone else only itself, since every owner and contributor gets a pending approval."""
    return is_coordinator(project, org_id) or assigns_only_itself(org_id, owner, contributors)


def check_assign(project: Project, actor: Actor, owner: str, contributors: list[str]) -> None:
    """Only the coordinator assigns a new section to other organisations (see :func:`may_assign`)."""
    if may_assign(project, actor.org, owner, contributors):
        return
    raise PermissionDenied(
        f"only the coordinating organisation ({project.org_label(project.coordinator or '')}) assigns sections "
        f"to other organisations: a section {project.org_label(actor.org)} adds is owned by "
        f"{project.org_label(actor.org)}, with no contributors"
    )


def check_section_signoff(project: Project, section: Section, actor: Actor) -> None:
    """A section is signed off by its owner; its contributors may also approve or ask for changes."""
    check_actor(project, actor)
    check_in_outline(project, section)
    if actor.org in section.editors():
        return
    raise PermissionDenied(
        f"{project.org_label(actor.org)} cannot sign off section {project.number_of(section)} "
        f"\u201c{section.heading}\u201d: it is signed off by its owner, "
        f"{project.org_label(section.owner)}"
        + (", and its contributors" if section.contributors else "")
    )


def check_endorse(project: Project, actor: Actor) -> None:
    """Any partner may endorse the whole response, for itself only."""
    check_actor(project, actor)


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
