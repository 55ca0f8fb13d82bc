"""Changing the partnership: add, edit and remove organisations, and set the project's properties."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import cast

from .errors import ContentError, PermissionDenied
from .lists import check_level_formats
from .model import Actor, Organisation, Project
from .org_mentions import (AUTHORITY, COMMENT, CONTRIBUTOR, COORDINATOR, ENDORSEMENT, ENDORSER, MARK, OWNER,
                           PROPOSAL, RESOLUTION, REVISION, SIGNOFF, Mention, organisation_mentions)
from .partner_records import BEHALF_PLACES, DECLINED, MEMBER_LISTS
from .assignments import established_assignment, record_assignment, record_coordinator_change
from .keys import key_ledger
from .permissions import check_structure
from .signature_policy import record_policy, signatures_required
from .signatures import Signer
from .text import clean_text

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,99}")


def slug(text: str) -> str:
    """A readable id from a name: "West Yorkshire Police" -> "west-yorkshire-police"."""
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    return "-".join(words)[:60].strip("-") or "org"


def check_org_id(org_id: str) -> str:
    if not ID_PATTERN.fullmatch(org_id):
        raise ContentError(f"organisation id {org_id!r} must be letters, digits, '.', '_' or '-', "
                           f"starting with a letter or digit")
    return org_id


def add_organisation(project: Project, actor: Actor | None, name: str, short_name: str = "",
                     org_id: str | None = None, lead_name: str = "", lead_email: str = "",
                     index: int | None = None) -> Organisation:
    """Add a partner. ``actor`` may be ``None`` only while the project has no partners at all."""
    if actor is not None:
        check_structure(project, actor)
    elif project.organisations:
        raise PermissionDenied("say who is adding the organisation: the coordinator changes the partners")
    name, short_name = clean_text(name), clean_text(short_name)
    lead_name, lead_email = clean_text(lead_name), clean_text(lead_email)
    if not name:
        raise ContentError("an organisation needs a name")
    org_id = check_org_id(org_id.strip() if org_id else slug(short_name or name))
    if any(org.id == org_id for org in project.organisations):
        raise ContentError(f"there is already an organisation with the id {org_id!r}")
    for org in project.organisations:
        if org.name.casefold() == name.casefold():
            raise ContentError(f"there is already an organisation called {name!r}")
    org = Organisation(org_id, name, short_name or name, lead_name, lead_email)
    project.organisations.insert(len(project.organisations) if index is None else index, org)
    return org


def organisation_references(project: Project, org_id: str) -> list[str]:
    """Why ``org_id`` cannot be removed, a clause each ([] if it can): the coordinator role, the sections
    it owns or contributes to, and the records that name it (text it wrote, its sign-offs, its
    endorsement or decline, its authority, a section's mark): a project naming an organisation it does
    not have cannot be saved (:func:`.integrity.reference_problems`, from the same list of mentions)."""
    clauses: dict[str, list[str]] = {}
    for mention in organisation_mentions(project, lambda org: org == org_id):
        if mention.kind != ENDORSER:  # removing it takes it off that list
            numbers = clauses.setdefault(_removal_clause(mention), [])
            if mention.number and mention.number not in numbers:
                numbers.append(mention.number)
    return [clause.format(_section_numbers(numbers)) for clause, numbers in clauses.items()]


_REMOVAL_CLAUSES = {
    COORDINATOR: "it is the coordinator", OWNER: "it owns {}", CONTRIBUTOR: "it contributes to {}",
    REVISION: "it wrote text of {}", SIGNOFF: "it signed off {}", RESOLUTION: "it resolved a conflict in {}",
    AUTHORITY: "it recorded how it approved the response",
    COMMENT: "it commented on {}", PROPOSAL: "it proposed or decided changes to {}",
}
# A role can be handed to another partner; a record cannot be taken back.
_ROLE_CLAUSES = ("it is the coordinator", "it owns ", "it contributes to ")
_ENDORSEMENT_CLAUSES = {DECLINED: "it declined to endorse the response",
                        "changes-requested": "it asked for changes to the response"}


def _removal_clause(mention: Mention) -> str:
    if mention.kind == ENDORSEMENT:
        return _ENDORSEMENT_CLAUSES.get(mention.detail, "it endorsed the response")
    if mention.kind == MARK:
        return f"it marked {{}} {mention.detail}"
    return _REMOVAL_CLAUSES[mention.kind]


def _section_numbers(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return f"section {numbers[0]}"
    return f"sections {', '.join(numbers[:-1])} and {numbers[-1]}" if numbers else ""


def remove_organisation(project: Project, actor: Actor, org_id: str) -> tuple[int, Organisation]:
    """Remove a partner nothing names (see :func:`organisation_references`); returns (index,
    organisation) for undo. A partner with records stays: they are the response's history."""
    check_structure(project, actor)
    org = project.organisation(org_id)
    places = organisation_references(project, org_id)
    if places:
        records = not all(place.startswith(_ROLE_CLAUSES) for place in places)
        why = ": the response keeps these records, so it stays a partner" if records else ""
        raise ContentError(f"{org.label()} cannot be removed while {'; '.join(places)}{why}")
    index = project.organisations.index(org)
    del project.organisations[index]
    if project.endorsers is not None and org_id in project.endorsers:
        project.endorsers.remove(org_id)
    return index, org

ORGANISATION_FIELDS = ("name", "short_name", "lead_name", "lead_email")


def edit_organisation(project: Project, actor: Actor, org_id: str, **changes: str) -> dict[str, str]:
    """Change a partner's name, short name, lead or lead's email (the coordinator's work; its id, which
    everything refers to, stays). Returns the previous values of the fields changed, for undo."""
    check_structure(project, actor)
    unknown = set(changes) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ContentError(f"an organisation has no {', '.join(sorted(unknown))}")
    org = project.organisation(org_id)
    cleaned = {field: clean_text(value) for field, value in changes.items()}
    if "name" in cleaned:
        if not cleaned["name"]:
            raise ContentError("an organisation needs a name")
        for other in project.organisations:
            if other.id != org_id and other.name.casefold() == cleaned["name"].casefold():
                raise ContentError(f"there is already an organisation called {cleaned['name']!r}")
    if "short_name" in cleaned and not cleaned["short_name"]:
        cleaned["short_name"] = cleaned.get("name", org.name)  # as when it was added: the name stands in
    previous = {field: getattr(org, field) for field in cleaned}
    for field, value in cleaned.items():
        setattr(org, field, value)
    return previous


PROPERTY_NAMES = ("title", "subtitle", "partnership", "responds_to", "deadline",
                  "closing_line_template", "coordinator", "endorsers", "list_formats", "require_signatures",
                  "declines_block", "require_authority", "behalf_at", "member_list")
# The coordinator's settings for dissent (format 1.6) that are yes or no, and those chosen from a list.
_YES_NO_SETTINGS = {"declines_block": "whether a partner declining stops the final export",
                    "require_authority": "whether each endorser's authority is required"}
_CHOSEN_SETTINGS = {"behalf_at": BEHALF_PLACES, "member_list": MEMBER_LISTS}


def set_properties(project: Project, actor: Actor, signer: Signer | None = None, now: datetime | None = None,
                   **changes: object) -> dict[str, object]:
    """Change project properties (coordinator only); returns the previous values for undo.

    With a ``signer`` (a confirmed key of the coordinator), a new coordinator is a signed coordinator change
    and turning signatures on signs an assignment of every section whose ownership none establishes yet
    (the coordinator vouching for the outline as it stands); records are made before anything changes, so
    a key that may not sign changes nothing."""
    check_structure(project, actor)
    unknown = set(changes) - set(PROPERTY_NAMES)
    if unknown:
        raise ContentError(f"unknown project properties: {', '.join(sorted(unknown))}")
    changes = {name: clean_text(value) if isinstance(value, str) else value for name, value in changes.items()}
    if "title" in changes and not changes["title"]:
        raise ContentError("the response needs a title")
    if changes.get("coordinator") is not None:
        project.organisation(str(changes["coordinator"]))
    endorsers = changes.get("endorsers")
    if endorsers is not None:
        for org in cast("Iterable[str]", endorsers):
            project.organisation(org)
    if changes.get("deadline") is not None and not isinstance(changes["deadline"], date):
        raise ContentError("the deadline must be a date")
    if "list_formats" in changes:
        formats = changes["list_formats"]
        if isinstance(formats, str):  # a string would be checked letter by letter
            raise ContentError("list numbering needs a sequence of formats, one per level")
        changes["list_formats"] = check_level_formats(formats)  # type: ignore[arg-type]
    if "require_signatures" in changes and not isinstance(changes["require_signatures"], bool):
        raise ContentError("whether signatures are required is yes or no")
    _check_dissent_settings(changes)
    previous = {name: getattr(project, name) for name in changes}
    if "require_signatures" in changes:
        _record_requirement(project, actor, bool(changes["require_signatures"]), signer, now)
    if changes.get("coordinator") not in (None, project.coordinator):
        record_coordinator_change(project, actor, str(changes["coordinator"]), signer, now)
    if changes.get("require_signatures") and signer is not None:
        _vouch_for_ownership(project, actor, signer, now)
    for name, value in changes.items():
        setattr(project, name, value)
    return previous


def _check_dissent_settings(changes: dict[str, object]) -> None:
    for name, what in _YES_NO_SETTINGS.items():
        if name in changes and not isinstance(changes[name], bool):
            raise ContentError(f"{what} is yes or no")
    for name, choices in _CHOSEN_SETTINGS.items():
        if name in changes and changes[name] not in choices:
            raise ContentError(f"{name.replace('_', ' ')} {changes[name]!r} is not one of {', '.join(choices)}")


def _record_requirement(project: Project, actor: Actor, required: bool, signer: Signer | None,
                        now: datetime | None) -> None:
    """Sign the change of the requirement when it changes; turning off a requirement a signed record
    made needs a signed record too (deleting the flag alone does not turn it off)."""
    if required == signatures_required(project) and required == project.require_signatures:
        return
    if signer is not None:
        record_policy(project, actor, required, signer, now)
    elif not required and signatures_required(project) and project.signature_policies:
        raise PermissionDenied("signatures were required by a signed record: turning them off must be signed "
                               "too; unlock the coordinator's key")


def _vouch_for_ownership(project: Project, actor: Actor, signer: Signer, now: datetime | None) -> None:
    """Sign an assignment of each section as it stands whose owner no valid assignment establishes."""
    ledger = key_ledger(project)
    for section in project.all_sections():
        established = established_assignment(project, section, ledger)
        if established is None or established.owner != section.owner or \
                set(established.contributors) != set(section.contributors):
            record_assignment(project, actor, section, signer, now)
