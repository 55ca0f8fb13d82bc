"""The arguments for what a partner says beyond yes or no: ``sign-off``'s reservations and declines, the
``authority`` and ``mark`` commands, and ``set``'s four settings for declines, authority and the member list."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from ..core.partner_records import AUTHORITY_KINDS, BEHALF_PLACES, MEMBER_LISTS


class _AddReservation(argparse.Action):
    """``--reservation TEXT``: one more reservation, on the whole response until a ``--section`` follows."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        reservations = list(getattr(namespace, self.dest, None) or [])
        reservations.append((str(values), ""))
        setattr(namespace, self.dest, reservations)


class _ReservationSection(argparse.Action):
    """``--section S``: the section the ``--reservation`` just before it is on. Kept in the order given,
    so each reservation has its own section; one with no reservation before it is a usage error."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        reservations = list(getattr(namespace, "reservations", None) or [])
        if not reservations:
            raise argparse.ArgumentError(self, "goes after the --reservation it is about "
                                               "(--reservation TEXT --section S)")
        text, section = reservations[-1]
        if section:
            raise argparse.ArgumentError(self, f"the reservation \u201c{text}\u201d already has --section "
                                               f"{section}; give each reservation one section")
        reservations[-1] = (text, str(values))
        namespace.reservations = reservations


def add_endorsement_options(sub: argparse.ArgumentParser) -> None:
    """``sign-off``'s options beyond approving: reservations on an endorsement, and a decline."""
    sub.add_argument("--reservation", dest="reservations", action=_AddReservation, metavar="TEXT", default=None,
                     help="with --endorse: endorse with this reservation, on the whole response or, followed "
                          "by --section, on one section; repeat for several")
    sub.add_argument("--section", dest="reservation_section", action=_ReservationSection, metavar="SECTION",
                     default=argparse.SUPPRESS,
                     help="the section the --reservation just before it is on (its number or id)")
    sub.add_argument("--decline", action="store_true",
                     help="record that your organisation does not endorse the response (instead of --endorse)")
    sub.add_argument("--named", action="store_true",
                     help="with --decline: ask to be named in the export as not endorsing the response")


def add_setting_options(sub: argparse.ArgumentParser) -> None:
    """``set``'s options for declines, authority and the member list (the coordinator's)."""
    sub.add_argument("--declines-block", choices=["yes", "no"],
                     help="yes: a declining partner stops the final export; no (default): the response goes out "
                          "on behalf of those who endorse it, and says so")
    sub.add_argument("--require-authority", choices=["yes", "no"],
                     help="whether each endorsing partner must record its authority ('wyassembler authority') "
                          "before a final export")
    sub.add_argument("--behalf-at", choices=list(BEHALF_PLACES),
                     help="where the export says on whose behalf the response is made: where the member list "
                          "stands (members) or after the title block (title)")
    sub.add_argument("--member-list", choices=list(MEMBER_LISTS),
                     help="whom the member list names: every partner (all) or only those who endorse (endorsers)")


def add_dissent_parsers(commands: argparse._SubParsersAction,
                        identity: Callable[[argparse.ArgumentParser, bool], None],
                        passphrase_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``authority`` and ``mark`` commands; ``identity`` adds --as and --by, ``passphrase_option``
    --passphrase-file (each record is signed when your key is a confirmed key of your organisation)."""

    def command(name: str, help_: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_, description=description)

    sub = command("authority", "record how your organisation approved the response (its authority)",
                  "Record how your organisation approved the response: under an officer's delegated power, "
                  "a committee's resolution, a cabinet member's decision, or as an officer-level response, "
                  "with its reference (\"Cabinet, 12 January 2006, minute 45\"). Your latest record stands; "
                  "the sign-off appendix shows it, and the coordinator can require one before a final export.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--kind", required=True, choices=list(AUTHORITY_KINDS), help="the kind of decision")
    sub.add_argument("--reference", required=True, metavar="TEXT",
                     help='the decision\'s reference, e.g. "Cabinet, 12 January 2006, minute 45"')
    sub.add_argument("--date", metavar="DATE", help="when it was decided (5/1/2006, 5 Jan 2006 or 2006-01-05)")
    sub.add_argument("--for", dest="for_org", metavar="ORG",
                     help="the organisation it is for (default: the one you act for; only your own)")
    _role_option(sub)
    identity(sub, True)
    passphrase_option(sub)

    sub = command("mark", "mark a section confidential, with the reason, or public again (owner or coordinator)",
                  "Mark SECTION confidential, saying why (government guidance asks for a reason), or public "
                  "again. A confidential section withholds its sub-sections too: the public copy replaces them "
                  "with a notice, and the final export states which sections are confidential and why. Only "
                  "the section's owner or the coordinator may mark it.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION")
    how = sub.add_mutually_exclusive_group(required=True)
    how.add_argument("--confidential", metavar="REASON", help='mark it confidential, e.g. "commercially sensitive"')
    how.add_argument("--public", action="store_true", help="mark it public again")
    _role_option(sub)
    identity(sub, True)
    passphrase_option(sub)


def _role_option(sub: argparse.ArgumentParser) -> None:
    """--role, as sign-off has it: the record names it (the sign-off appendix prints "name, role")."""
    sub.add_argument("--role", default="partner lead", help='your role, e.g. "Head of ICT" (default: partner lead)')


def reservation_pairs(args: argparse.Namespace) -> Sequence[tuple[str, str]]:
    """The (text, section reference) of each --reservation, in the order given."""
    return getattr(args, "reservations", None) or []


def setting_changes(args: argparse.Namespace) -> dict[str, object]:
    """The project properties ``set``'s --declines-block, --require-authority, --behalf-at and --member-list
    change (those given), as :func:`..core.partners.set_properties` takes them."""
    changes: dict[str, object] = {}
    for name in ("declines_block", "require_authority"):
        if getattr(args, name, None) is not None:
            changes[name] = getattr(args, name) == "yes"
    for name in ("behalf_at", "member_list"):
        if getattr(args, name, None) is not None:
            changes[name] = getattr(args, name)
    return changes
