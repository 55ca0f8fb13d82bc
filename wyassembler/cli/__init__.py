"""The ``wyassembler`` command: parse, dispatch, and turn every failure into one line."""

from __future__ import annotations

import contextvars
import gc
import logging
import os
import sys

from ..core.errors import WyassemblerError
from .parser import build_parser

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = _project_paths_mean_open(list(sys.argv[1:] if argv is None else argv))
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    if args.command is None:
        args.command, args.project = "open", None
    if args.command != "open":
        # A command builds one large acyclic tree (a project, a document) and exits: the cyclic garbage
        # collector would only re-scan it over and over (10% of an 800-page export), so let it run
        # rarely. Never in the app, which runs all day and must collect its cycles as usual.
        gc.set_threshold(100_000, 50, 50)
    from .dispatch import COMMANDS

    _print_what_can_be_shown()
    try:
        return contextvars.copy_context().run(COMMANDS[args.command], args)  # what it sets dies with it
    except WyassemblerError as error:
        sys.stderr.write(f"wyassembler: error: {error}\n")
        return getattr(error, "exit_status", 1)  # 2 for a usage error found after parsing (no identity)
    except KeyboardInterrupt:
        sys.stderr.write("wyassembler: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # the user sees one line; the log keeps the traceback
        from ..settings import setup_logging

        log_path = setup_logging()
        log.exception("internal error in %s", args.command)
        where = f"; details are in {log_path}" if log_path else ""
        sys.stderr.write(f"wyassembler: internal error: {type(error).__name__}: {error}{where}\n")
        return 70


def _print_what_can_be_shown() -> None:
    """A console or redirected output whose encoding lacks a character (Windows gives a redirected stdout its
    ANSI code page) shows "?" for it rather than stopping the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _project_paths_mean_open(argv: list[str]) -> list[str]:
    """``wyassembler PROJECT.wyproj`` (what a file manager runs on a double-click) opens the app."""
    if len(argv) == 1 and argv[0].lower().endswith(".wyproj") and not argv[0].startswith("-"):
        return ["open", argv[0]]
    return argv


def gui_main() -> int:
    """Entry point for the desktop app launcher (no console window on Windows)."""
    # Started without a console (pythonw), there is nowhere to print: messages go to the log and
    # dialogs instead, and a write to a missing stream must not be what brings the app down.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app
    return main(sys.argv[1:] or ["open"])
