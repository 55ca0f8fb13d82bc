"""Why an action is disabled, said where people look: its tooltip (menus, toolbars, the sign-off panel's
buttons, which show their action's) and its status tip (the status bar).

The rules themselves are the core's (:mod:`wyassembler.core.refusals`): an action the rules govern is
enabled exactly when the core gives no reason. Actions disabled for other causes (no project, a save
running, a read-only section) are explained here too; an enabled action shows its own tips again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ... import keystore
from ...core import refusals
from ...core.diff import stale_approvals
from ...core.proposals import open_proposals
from ...core.presets import organisation_name
from ...core.model import Section

if TYPE_CHECKING:
    from ..actions import Actions
    from ..editor.section_editor import SectionEditor
    from ..project.document import ProjectDocument

NO_PROJECT = "No project is open: open one, or start a new response"
WAIT_FOR_SAVE = "Wait for the save to finish (or cancel it)"
BASE_TIP, BASE_STATUS, WHY_NOT = "wyBaseToolTip", "wyBaseStatusTip", "wyWhyNot"


def say_why(action: QAction, reason: str | None) -> None:
    """Enable ``action`` when ``reason`` is None; otherwise disable it, its tooltip and status tip saying why."""
    action.setEnabled(reason is None)
    show_reason(action, reason)


def show_reason(action: QAction, reason: str | None) -> None:
    """Put ``reason`` in the action's tooltip and status tip (None: its own tips back), enabled or not."""
    if action.property(BASE_TIP) is None:
        action.setProperty(BASE_TIP, action.toolTip())
        action.setProperty(BASE_STATUS, action.statusTip())
    action.setProperty(WHY_NOT, reason or "")
    if reason is None:
        action.setToolTip(action.property(BASE_TIP))
        action.setStatusTip(action.property(BASE_STATUS))
        return
    name = action.text().replace("&", "").rstrip(".\u2026")
    action.setToolTip(f"{name}: {reason}")
    action.setStatusTip(f"{name} is not available: {reason}")


def why_not(action: QAction) -> str:
    """The reason ``action`` shows for being disabled ("" when none)."""
    return action.property(WHY_NOT) or ""


def _key_fingerprint() -> str | None:
    try:
        info = keystore.load_key_info()
    except keystore.KeyStoreError:
        return None  # a damaged key file is reported when the key is used
    return info.fingerprint if info is not None else None


def _nobody(document: ProjectDocument) -> str:
    """Why nobody acts for a partner: no identity, or one whose organisation is not a partner."""
    if document.identity is None or not document.identity.name.strip():
        return "Say who you are first (Edit \u203a Your Identity\u2026)"
    who = organisation_name(document.identity.organisation)
    return f"{who} is not a partner in this response: you may only read it"


def governed(actions: Actions) -> list[QAction]:
    """The actions whose enabling the core's rules decide (:func:`rule_reasons`)."""
    return [actions.add_section, actions.add_subsection, actions.rename_section, actions.delete_section,
            actions.move_up, actions.move_down, actions.indent_section, actions.outdent_section, actions.ownership,
            actions.sign_off, actions.request_changes, actions.endorse, actions.request_changes_response,
            actions.endorse_choice, actions.record_authority,
            actions.export, actions.resolve_conflicts, actions.restore_backup, actions.import_questions,
            actions.answers_question, actions.question_settings, actions.export_answers, actions.mark_confidential,
            actions.mark_public, actions.show_changes, actions.review_proposals]


def rule_reasons(actions: Actions, document: ProjectDocument,
                 section: Section | None) -> dict[QAction, str | None]:
    """The actions the core's rules govern, each with the reason it may not be done now (None: it may)."""
    project, actor = document.project, document.actor
    reasons: dict[QAction, str | None]
    if actor is None:
        reasons = dict.fromkeys(governed(actions), _nobody(document))
    else:
        own_key = _key_fingerprint()
        key = own_key if actor.role in refusals.SIGNING_ROLES else None
        change = refusals.why_not_change_section(project, actor, section)
        reasons = dict.fromkeys((actions.move_up, actions.move_down, actions.indent_section,
                                 actions.outdent_section, actions.ownership), change)
        reasons[actions.delete_section] = refusals.why_not_delete_section(project, actor, section)
        reasons[actions.add_section] = refusals.why_not_restructure(project, actor)
        reasons[actions.add_subsection] = (refusals.why_not_restructure(project, actor, section)
                                           if section is not None else refusals.NO_SECTION)
        reasons[actions.rename_section] = refusals.why_not_edit(project, actor, section)
        reasons[actions.sign_off] = refusals.why_not_decide_section(project, actor, section, True, key)
        reasons[actions.request_changes] = refusals.why_not_decide_section(project, actor, section, False, key)
        reasons[actions.endorse] = refusals.why_not_decide_response(project, actor, True, key,
                                                                    document.response_hash)
        reasons[actions.request_changes_response] = refusals.why_not_decide_response(project, actor, False, key)
        # Endorsing with reservations or declining is open whatever the standing decision (a partner may change
        # its mind); so is recording its own authority, which any person of the organisation may do (whatever
        # their role, so their key is asked about whatever their role).
        reasons[actions.endorse_choice] = refusals.why_not_endorse_or_decline(project, actor, key)
        reasons[actions.record_authority] = refusals.why_not_record_authority(project, actor, own_key)
        reasons[actions.export] = refusals.why_not_export(project, actor)
        reasons[actions.import_questions] = refusals.why_not_restructure(project, actor)
        reasons[actions.answers_question] = refusals.why_not_map_section(project, actor, section)
        chosen = next((q for q in project.questions if q.id == actions.chosen_question), None)
        reasons[actions.question_settings] = refusals.why_not_set_question(project, actor, chosen)
        reasons[actions.mark_confidential] = refusals.why_not_mark(project, actor, section, True, key)
        reasons[actions.mark_public] = refusals.why_not_mark(project, actor, section, False, key)
    # Anyone may write the answers out, as anyone may export a draft: they change nothing.
    reasons[actions.export_answers] = (None if project.questions else "The response has no consultation questions: "
                                       "import them first (File \u203a Import Consultation Questions\u2026)")
    reasons[actions.resolve_conflicts] = refusals.why_not_resolve(project, section)
    reasons[actions.show_changes], reasons[actions.review_proposals] = _review_reasons(section)
    reasons[actions.restore_backup] = (None if document.path is not None else
                                       "Save the project first: earlier versions are kept beside its file")
    return reasons


def _review_reasons(section: Section | None) -> tuple[str | None, str | None]:
    """Why Show Changes Since Approval and Review Proposed Changes have nothing to show (None: they have)."""
    if section is None:
        return refusals.NO_SECTION, refusals.NO_SECTION
    stale = None if stale_approvals(section) else "No approval of this section is stale: nothing changed since"
    waiting = None if open_proposals(section) else ("No proposed changes are waiting on this section (they come "
                                                    "from partners' packs edited with tracked changes in Word)")
    return stale, waiting


def apply_rules(actions: Actions, document: ProjectDocument, section: Section | None) -> None:
    """Enable each rule-governed action exactly when the core gives no reason against it; say the reason."""
    for action, reason in rule_reasons(actions, document, section).items():
        say_why(action, reason)


def _read_only(document: ProjectDocument, section: Section | None) -> str:
    if section is None:
        return refusals.NO_SECTION
    if document.actor is None:
        return _nobody(document)
    why = refusals.why_not_edit(document.project, document.actor, section)
    return f"This section is read only. {why}" if why else "This section is read only"


def explain_the_rest(actions: Actions, document: ProjectDocument | None, section: Section | None,
                     editor: SectionEditor) -> None:
    """After the enabling is done: every other disabled action the window manages says why, every enabled
    one shows its own tips. Called last, so it sees what a running save disabled."""
    waiting = [actions.save, actions.save_as, actions.reload, actions.close_project, actions.synchronise,
               actions.restore_backup, actions.import_pack, actions.new_project, actions.open_project,
               actions.open_sample]
    for action in [*waiting, *actions.format_actions(), *governed(actions)]:
        if action.isEnabled():
            show_reason(action, None)
        elif document is None:
            show_reason(action, NO_PROJECT)
        elif document.is_saving() and action in waiting:
            show_reason(action, WAIT_FOR_SAVE)
        elif action in actions.format_actions():
            show_reason(action, _read_only(document, section))
