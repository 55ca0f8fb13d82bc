"""The arguments of the git commands: ``merge-driver`` (what git runs to merge a .wyproj) and ``git-setup``
(registering it, and the diff converter, with git)."""

from __future__ import annotations

import argparse


def add_git_parsers(commands: argparse._SubParsersAction) -> None:
    """``merge-driver`` and ``git-setup``."""
    help_ = "merge a project's two branches as git's merge driver (git runs it; see 'git-setup')"
    sub = commands.add_parser(
        "merge-driver", help=help_,
        description="Merge THEIRS into OURS section by section, with BASE (their common ancestor; an empty "
                    "file when there is none) as the merge base, and write the result over OURS: what git "
                    "runs as '%O %A %B %P' once 'wyassembler git-setup' has registered it. Exit 0: merged "
                    "cleanly. Exit 1: a section changed on both branches now holds a conflict copy (the file "
                    "is a valid project; run 'wyassembler resolve', then 'git add'). Exit 2: the copies "
                    "could not be merged; OURS is left exactly as it was.")
    sub.add_argument("base", metavar="BASE", help="the common ancestor's version (git's %%O)")
    sub.add_argument("ours", metavar="OURS", help="this branch's version, replaced by the merge (git's %%A)")
    sub.add_argument("theirs", metavar="THEIRS", help="the version being merged in (git's %%B)")
    sub.add_argument("path", metavar="PATH", nargs="?", help="the project's path in the repository, for "
                                                             "messages (git's %%P)")

    help_ = "register wyassembler with git for *.wyproj files: its merge driver and readable diffs"
    sub = commands.add_parser(
        "git-setup", help=help_,
        description="Register wyassembler with git for *.wyproj files: the line '*.wyproj merge=wyassembler "
                    "diff=wyassembler' in the repository's .gitattributes, and the merge driver and diff "
                    "converter in its git config (each clone runs this once; commit .gitattributes). Run it "
                    "again at any time: what is already there is left as it is.")
    sub.add_argument("--global", dest="global_", action="store_true",
                     help="register for every repository of this user: the global git config and attributes file")
    sub.add_argument("--remove", action="store_true", help="take out what git-setup put in, and nothing else")
