"""``sign-off`` (sections, or the whole response: endorsed, with reservations, declined, or changes asked),
``authority`` and ``mark``: what each partner says of the response, how it approved it, and which sections
it asks to keep from publication.

The rules are the core's (:mod:`..core.signoff`, :mod:`..core.authority`, :mod:`..core.confidentiality`);
here the arguments are checked as a whole before anything is loaded or a passphrase asked for.
"""

from __future__ import annotations

import argparse
from datetime import date

from ..core import signoff
from ..core.authority import authority_reference, check_authority, record_authority
from ..core.confidentiality import check_mark, confidential_reason, mark_reason, mark_section, withheld_sections
from ..core.dates import EXAMPLE, parse_date
from ..core.declarations import reservation_phrase
from ..core.errors import ContentError
from ..core.model import Project, Section
from ..core.permissions import check_endorse, check_section_signoff
from ..core.text import clean_text
from .commands import CommandError, _actor, _label, _load, _save, warn
from .dissent_parser import reservation_pairs


def _check_sign_off_options(args: argparse.Namespace, reservations: object) -> None:
    """Refuse options that do not go together, before anything is read or asked."""
    if args.decline and args.endorse:
        raise CommandError("give --endorse or --decline, not both")
    if args.decline and args.request_changes:
        raise CommandError("--decline and --request-changes are two decisions: give one")
    if args.decline and reservations:
        raise CommandError("a decline has no reservations: --reservation goes with --endorse "
                           "(say why you decline with --note)")
    if reservations and not args.endorse:
        raise CommandError("--reservation goes with --endorse (an endorsement of the whole response)")
    if reservations and args.request_changes:
        raise CommandError("--reservation goes with an endorsement, not --request-changes "
                           "(say what should change with --note)")
    if args.named and not args.decline:
        raise CommandError("--named goes with --decline")
    if args.note and not (args.request_changes or args.decline):
        raise CommandError("--note goes with --request-changes or --decline")
    if (args.endorse or args.decline) == bool(args.sections):
        raise CommandError("give the sections to sign off, or --endorse or --decline for the whole response "
                           "(not both)")


def cmd_sign_off(args: argparse.Namespace) -> int:
    """Approve sections (or ask for changes), or endorse the whole response (with reservations, or asking
    for changes), or decline to endorse it, for the organisation acted for."""
    pairs = reservation_pairs(args)
    _check_sign_off_options(args, pairs)
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args, role=args.role)
    # Each reservation checked (its section found) before a passphrase is asked for or anything written.
    reservations = [signoff.reservation(project, text, section) for text, section in pairs]
    sections = [project.find_section(ref) for ref in args.sections]
    for section in sections:  # refused before asking for a passphrase, as the rest is
        check_section_signoff(project, section, actor)
    if not sections:
        check_endorse(project, actor)
    decision = signoff.CHANGES_REQUESTED if args.request_changes else signoff.APPROVED
    signoff.decision_note(signoff.DECLINED if args.decline else decision, args.note)
    who = project.org_label(actor.org)
    from .key_commands import signer_for

    signer = signer_for(project, actor.org, args)
    if args.decline:
        note = signoff.decline_response(project, actor, args.note, args.named, signer=signer).note
        named = ", and asks to be named in the export as not endorsing it" if args.named else ""
        # the note (as recorded, cleaned) is echoed back, as a reservation's text is, so a mistyped one is seen
        done = [f"{who} declined to endorse the whole response{named}" + (":" if note else ".")]
        done.extend([f"  {note}"] if note else [])
    elif args.endorse:
        signoff.endorse_response(project, actor, decision, args.note, signer=signer, reservations=reservations)
        verb = "asked for changes to" if args.request_changes else "endorsed"
        done = [f"{who} {verb} the whole response" + (" with reservations:" if reservations else ".")]
        done.extend(f"  {reservation_phrase(project, item)}" for item in reservations)
    else:
        done = []
        for section in sections:
            signoff.sign_off_section(project, actor, section, decision, args.note, signer=signer)
            verb = "asked for changes to" if args.request_changes else "approved"
            done.append(f"{who} {verb} {_label(project, section)}.")
    _save(project, loaded)
    print("\n".join(done))
    return 0


def _decided(text: str | None) -> date | None:
    """``--date`` as people type dates (day first); the year and month default to this one's."""
    if text is None:
        return None
    try:
        return parse_date(text, date.today())
    except ContentError as error:
        raise CommandError(f"--date {text!r} is not a date: {error} (give {EXAMPLE})") from None


def cmd_authority(args: argparse.Namespace) -> int:
    """Record how the organisation acted for approved the response (only its own)."""
    decided = _decided(args.date)
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args, role=args.role)
    org_id = project.find_organisation(args.for_org).id if args.for_org else actor.org
    check_authority(project, actor, org_id)  # refused before asking for a passphrase
    if not clean_text(args.reference):
        raise CommandError("--reference is empty: give the decision's reference, such as \u201cCabinet, "
                           "12 January 2006, minute 45\u201d")
    authority_reference(args.reference)
    from .key_commands import signer_for

    record = record_authority(project, actor, args.kind, args.reference, decided, org_id,
                              signer=signer_for(project, org_id, args))
    _save(project, loaded)
    print(f"Recorded how {project.org_label(org_id)} approved the response: {record.describe()}.")
    if decided is not None and decided > date.today():  # a decision already taken: most likely the year is wrong
        warn(f"the decision's date, {decided.day} {decided:%B %Y}, is in the future: if it is wrong, record the "
             "authority again with the right --date")
    return 0


def _unchanged(section: Section, confidential: bool, reason: str) -> bool:
    """Whether the mark asked for is the one the section has already (a public section: none, or public)."""
    current = confidential_reason(section)
    return current == reason if confidential else current is None


def cmd_mark(args: argparse.Namespace) -> int:
    """Mark a section confidential (with the reason) or public again: its owner or the coordinator."""
    loaded = _load(args.project)
    project = loaded.project
    section = project.find_section(args.section)
    actor = _actor(project, args, role=args.role)
    confidential = args.confidential is not None
    reason = clean_text(args.confidential or "", multiline=True)
    check_mark(project, section, actor)  # refused before asking for a passphrase
    if confidential and not reason:
        raise CommandError("--confidential needs the reason, for example \"commercially sensitive\": the "
                           "response must say why each confidential part is confidential")
    mark_reason(confidential, reason)  # too long: refused before the passphrase too
    if _unchanged(section, confidential, reason):
        print(f"No change: {_label(project, section)} is already marked "
              f"{'confidential: ' + reason if confidential else 'public'}.")
        return 0
    before = signoff.endorsement_states(project)
    from .key_commands import signer_for

    mark_section(project, actor, section, confidential, reason, signer=signer_for(project, actor.org, args))
    _save(project, loaded)
    print(f"Marked {_label(project, section)} " + (f"confidential: {reason}." if confidential else "public."))
    _say_what_follows(project, section, before)
    return 0


def _say_what_follows(project: Project, section: Section, before: dict[str, str]) -> None:
    """What the mark means beyond the section: sub-sections withheld with it, a parent that still withholds
    it, endorsements now stale (they agreed to what was withheld)."""
    withheld = withheld_sections(project)
    place = withheld.get(section.id)
    if place is not None and place.number != place.marked_number:
        warn(f"{_label(project, section)} stays withheld from the public copy: it is part of section "
             f"{place.marked_number}, which is marked confidential")
    below = [item for item in withheld.values()
             if item.section is not section and place is not None and item.marked_number == place.number]
    if below:
        print(f"Its {len(below)} sub-section(s) are withheld from the public copy with it.")
    stale = [org for org, state in signoff.endorsement_states(project).items()
             if state == signoff.STALE and before.get(org) in signoff.ENDORSING]
    if stale:
        print(f"The endorsement by {', '.join(project.org_label(org) for org in stale)} is now stale: "
              f"what is withheld from publication changed.")
