"""Why something may not be done now, in one sentence fit for a disabled control's tooltip.

Each ``why_not_*`` function answers None when the acting person may go ahead, or the reason they may
not: the rules are the ones :mod:`.permissions` enforces (their messages are reused where they already
say who may), plus what would make the step pointless or refused when it runs (approved already, a
signature required that cannot be made). The app disables a control exactly when one of these says why.
"""

from __future__ import annotations

from collections.abc import Callable

from .confidentiality import check_mark, confidential_reason, withholding_section
from .errors import NotFoundError, PermissionDenied
from .keys import signing_problem
from .model import Actor, Project, Section, SignOff
from .permissions import check_edit, check_section_signoff, check_structure, is_coordinator
from .question_edits import may_choose
from .questions import Question
from .signature_policy import signatures_required
from .signoff import APPROVED, ENDORSED, latest_by_org, response_hash
from .verification import VALID, signature_state

# The roles that sign off sections and endorse the response for their organisation.
SIGNING_ROLES = ("partner lead", "coordinator")

NO_SECTION = "No section selected"


def sentence(message: str) -> str:
    """A core error message ("only the coordinating…") or phrase ("on section 3 …") as a sentence on its own:
    capital first letter."""
    return message[:1].upper() + message[1:] if message else message


def _name(project: Project, org_id: str) -> str:
    try:
        return project.organisation(org_id).name
    except NotFoundError:
        return org_id


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _who_signs(project: Project, section: Section) -> str:
    """"Leeds City Council's partner lead", or "the partner leads of Leeds City Council and Bradford…"."""
    names = [_name(project, org) for org in section.editors()]
    if len(names) == 1:
        return f"{names[0]}'s partner lead"
    return f"the partner leads of {_join(names)}"


def _signing_key_refusal(project: Project, actor: Actor, key_fingerprint: str | None) -> str | None:
    """Why a decision cannot be recorded in a project that requires signatures: the person's key cannot
    sign for their organisation. A locked key is no reason: it is unlocked when the decision is made."""
    if not signatures_required(project):
        return None
    if key_fingerprint is None:
        return "Signatures are required, and you have no signing key yet: make one with My Key\u2026"
    problem = signing_problem(project, actor.org, key_fingerprint)
    return None if problem is None else f"Signatures are required, and your key cannot sign: {problem}"


def _approved_already(project: Project, latest: SignOff | None, current_hash: Callable[[], str],
                      key_fingerprint: str | None, actor: Actor) -> bool:
    """True when the organisation's latest decision approves the current text and approving again would
    add nothing: it is validly signed already, or the person's key could not sign it anyway. The current
    hash is asked for only when there is an approval to compare it with (the response's costs a walk)."""
    if latest is None or latest.decision != APPROVED or latest.hash != current_hash():
        return False
    could_sign = key_fingerprint is not None and signing_problem(project, actor.org, key_fingerprint) is None
    return not could_sign or (latest.signature is not None and signature_state(project, latest) == VALID)


def _role_refusal(actor: Actor, what: str) -> str | None:
    if actor.role in SIGNING_ROLES:
        return None
    return f"Only a partner lead or the coordinator may {what}; you are signed in as a {actor.role}"


def why_not_decide_section(project: Project, actor: Actor, section: Section | None, approving: bool,
                           key_fingerprint: str | None = None) -> str | None:
    """Why ``actor`` may not sign off (``approving``) or ask for changes to ``section`` now, or None.
    ``key_fingerprint`` is the person's key (None: they have none)."""
    if section is None:
        return NO_SECTION
    what = "sign off" if approving else "ask for changes to"
    refusal = _role_refusal(actor, f"{what} a section")
    if refusal:
        return refusal
    try:
        check_section_signoff(project, section, actor)
    except PermissionDenied:
        return f"Only {_who_signs(project, section)} may {what} this section"
    latest = latest_by_org(section.signoffs).get(actor.org)
    if approving and _approved_already(project, latest, lambda: section.hash, key_fingerprint, actor):
        assert latest is not None
        return (f"Approved already: {latest.person} approved this text for {project.org_label(actor.org)} "
                f"on {latest.time:%d %b %Y}")
    return _signing_key_refusal(project, actor, key_fingerprint)


def why_not_decide_response(project: Project, actor: Actor, approving: bool, key_fingerprint: str | None = None,
                            current_hash: Callable[[], str] | None = None) -> str | None:
    """Why ``actor`` may not endorse (``approving``) or ask for changes to the whole response now, or None.
    ``current_hash`` gives :func:`response_hash` of the project as it is, where the caller keeps it."""
    refusal = _role_refusal(actor, "endorse the response" if approving else "ask for changes to the response")
    if refusal:
        return refusal
    latest = latest_by_org(project.endorsements).get(actor.org)
    current = current_hash or (lambda: response_hash(project))
    # An endorsement with reservations is not "endorsed already": endorsing plainly withdraws them.
    if approving and _approved_already(project, latest, current, key_fingerprint, actor) and \
            latest is not None and not latest.reservations:
        return (f"{ENDORSED.capitalize()} already: {latest.person} endorsed the response as it stands for "
                f"{project.org_label(actor.org)} on {latest.time:%d %b %Y}")
    return _signing_key_refusal(project, actor, key_fingerprint)


def why_not_endorse_or_decline(project: Project, actor: Actor, key_fingerprint: str | None = None) -> str | None:
    """Why ``actor`` may not endorse the response with reservations or decline it now, or None: open
    whatever the organisation decided before (it may change its mind, or its reservations)."""
    return _role_refusal(actor, "endorse or decline the response") or \
        _signing_key_refusal(project, actor, key_fingerprint)


def why_not_record_authority(project: Project, actor: Actor, key_fingerprint: str | None = None) -> str | None:
    """Why ``actor`` may not record its organisation's authority now, or None: any person of the organisation
    may, but where signatures are required only with a key that can sign (said before the dialog is filled in,
    as for an endorsement)."""
    return _signing_key_refusal(project, actor, key_fingerprint)


def why_not_restructure(project: Project, actor: Actor, parent: Section | None = None) -> str | None:
    """Why ``actor`` may not change the outline, partners or properties (or add under ``parent``), or None."""
    try:
        check_structure(project, actor, parent)
    except PermissionDenied as error:
        return sentence(str(error))
    return None


def why_not_change_section(project: Project, actor: Actor, section: Section | None) -> str | None:
    """Why ``actor`` may not move, indent or reassign ``section``: the coordinator's work."""
    if section is None:
        return NO_SECTION
    return why_not_restructure(project, actor)


def why_not_delete_section(project: Project, actor: Actor, section: Section | None) -> str | None:
    """Why ``actor`` may not delete ``section``: the coordinator's work, and under a section its editors' too
    (whoever may add a sub-section there may delete it: :func:`.outline.delete_section`)."""
    if section is None:
        return NO_SECTION
    parent, _, _ = project.location(section)
    return why_not_restructure(project, actor, parent)


def why_not_edit(project: Project, actor: Actor, section: Section | None) -> str | None:
    """Why ``actor`` may not edit or rename ``section``, or None."""
    if section is None:
        return NO_SECTION
    try:
        check_edit(project, section, actor)
    except PermissionDenied as error:
        return sentence(str(error))
    return None


def why_not_export(project: Project, actor: Actor) -> str | None:
    """Why ``actor`` may not export the response (the coordinator exports it), or None."""
    if is_coordinator(project, actor.org):
        return None
    return (f"Only the coordinating organisation ({project.org_label(project.coordinator or '')}) "
            f"exports the response")


def why_not_mark(project: Project, actor: Actor, section: Section | None, confidential: bool,
                 key_fingerprint: str | None = None) -> str | None:
    """Why ``actor`` may not mark ``section`` confidential (``confidential``) or public again now, or None:
    its owner or the coordinator marks it; only a section marked confidential itself can be marked public."""
    if section is None:
        return NO_SECTION
    try:
        check_mark(project, section, actor)
    except PermissionDenied:
        return (f"Only the section's owner ({project.org_label(section.owner)}) or the coordinating organisation "
                f"({project.org_label(project.coordinator or '')}) may mark it confidential or public")
    if not confidential and confidential_reason(section) is None:
        number = project.number_of(section)
        holder = withholding_section(project, section)
        if holder is not None:
            return (f"Section {number} is withheld with section {project.number_of(holder)}: mark section "
                    f"{project.number_of(holder)} public instead")
        return f"Section {number} is not marked confidential"
    return _signing_key_refusal(project, actor, key_fingerprint)


def why_not_resolve(project: Project, section: Section | None) -> str | None:
    """Why there is nothing to resolve on ``section``, or None when it has conflict copies."""
    if section is None:
        return NO_SECTION
    if not section.conflicts:
        return f"Section {project.number_of(section)} has no conflict copies to resolve"
    return None


NO_QUESTIONS = "This response has no consultation questions yet: File \u203a Import Consultation Questions\u2026"
NO_QUESTION = "No question selected"


def why_not_map_section(project: Project, actor: Actor, section: Section | None) -> str | None:
    """Why ``actor`` may not choose which questions ``section`` answers (those who may edit it may), or None."""
    if not project.questions:
        return NO_QUESTIONS
    return why_not_edit(project, actor, section)


def why_not_set_question(project: Project, actor: Actor, question: Question | None) -> str | None:
    """Why ``actor`` may not change ``question``'s limit, no-comment mark or choice, or None: the coordinator
    may change them all, the editors of a section answering a multiple-choice question its choice."""
    if not project.questions:
        return NO_QUESTIONS
    if question is None:
        return NO_QUESTION
    if why_not_restructure(project, actor) is None or (question.options and may_choose(project, question, actor.org)):
        return None
    return (f"Only the coordinating organisation ({project.org_label(project.coordinator or '')}) sets a "
            f"question's limit or marks it no comment" + (", and the editors of a section answering it choose "
                                                           "its option" if question.options else ""))
