"""The arguments of the review commands: ``comment`` and ``comments`` (a section's comment threads), and
the proposed versions a returned pack's tracked changes make."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_review_parsers(commands: argparse._SubParsersAction,
                       identity: Callable[[argparse.ArgumentParser, bool], None]) -> None:
    """The review commands; ``identity`` adds --as and --by."""
    add_comment_parsers(commands, identity)
    add_proposal_parsers(commands, identity)


def add_comment_parsers(commands: argparse._SubParsersAction,
                        identity: Callable[[argparse.ArgumentParser, bool], None]) -> None:
    """``comment`` (write, reply, resolve, reopen) and ``comments`` (list the threads)."""
    help_ = "comment on a section (or on words in it), reply to a comment, or resolve or reopen a thread"
    sub = commands.add_parser(
        "comment", help=help_,
        description="Comment on SECTION: on the whole section, or with --on on a passage of it (its words quoted "
                    "exactly as written; the comment stays anchored to them while they are there, and is shown "
                    "as outdated once they are edited away). --reply-to answers a comment of the same section. "
                    "--resolve or --reopen ID (no SECTION) closes or reopens the thread comment ID is in: the "
                    "organisation that started it, the section's owner and contributors, or the coordinator "
                    "may. Anyone in the partnership may comment; comments are never in a final export.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION", nargs="?", help="the section commented on (not with --resolve)")
    sub.add_argument("--text", metavar="TEXT", help="what you have to say")
    sub.add_argument("--on", dest="quote", metavar='"QUOTED WORDS"',
                     help="the passage the comment is about, words as they stand in the section's heading or text")
    sub.add_argument("--reply-to", metavar="ID", help="reply to comment ID (see 'wyassembler comments')")
    state = sub.add_mutually_exclusive_group()
    state.add_argument("--resolve", metavar="ID", help="resolve the thread comment ID is in")
    state.add_argument("--reopen", metavar="ID", help="reopen the thread comment ID is in")
    identity(sub, False)

    help_ = "list the comment threads, per section in outline order, with their replies"
    sub = commands.add_parser(
        "comments", help=help_,
        description="List the comment threads of every section, or of SECTION, in outline order: who wrote each "
                    "comment and when, whether its thread is open or resolved, the passage it is on and whether "
                    "that passage is still in the text (OUTDATED when it was edited away), and the replies.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION", nargs="?", help="only this section's threads")
    sub.add_argument("--open", dest="open_only", action="store_true", help="only the threads not resolved")
    sub.add_argument("--json", action="store_true", help="print the threads as JSON")


def _change_number(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a change number (they are numbered from 1)")
    return int(text)


def add_proposal_parsers(commands: argparse._SubParsersAction,
                         identity: Callable[[argparse.ArgumentParser, bool], None]) -> None:
    """``proposals`` (list them, change by change), ``accept`` (all or some changes) and ``reject``."""
    help_ = "list the proposed versions from Word's tracked changes, each change numbered"
    sub = commands.add_parser(
        "proposals", help=help_,
        description="List the open proposals of every section, or of SECTION: the text a returned pack's tracked "
                    "changes would make, waiting for the section's owner. Each shows who brought it in, from "
                    "which file and when, and its changes numbered as 'accept --change' takes them, with where "
                    "each is, who made it in Word, and its words as 'wyassembler diff' prints them "
                    "([-removed-]{+added+}).")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION", nargs="?", help="only this section's proposals")
    sub.add_argument("--all", action="store_true", help="the decided proposals too, with what was decided")
    sub.add_argument("--json", action="store_true", help="print the proposals as JSON")

    for name, what in (("accept", "accept a proposal's changes: all of them, or those given with --change"),
                       ("reject", "reject a proposal: none of its changes are taken, the text stays")):
        sub = commands.add_parser(
            name, help=what,
            description=f"{what[0].upper()}{what[1:]}. Only the section's owner decides. Accepting makes a "
                        "revision, as any edit does (approvals go stale); if the section changed since the "
                        "proposal was made, the accepted text is kept as a conflict copy to resolve. Either way "
                        "the proposal is closed.")
        sub.add_argument("project", metavar="PROJECT")
        sub.add_argument("proposal", metavar="PROPOSAL", help="the proposal's id (see 'wyassembler proposals')")
        if name == "accept":
            sub.add_argument("--change", metavar="N", type=_change_number, nargs="+", action="extend",
                             help="take only these changes, numbered as 'wyassembler proposals' lists them; "
                                  "the others are rejected (repeatable)")
        identity(sub, False)
