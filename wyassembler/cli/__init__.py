"""The ``wyassembler`` command: parse, dispatch, and turn every failure into one line."""

from __future__ import annotations

import gc
import logging
import sys

from ..core.errors import WyassemblerError
from .parser import build_parser

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    # A command builds one large acyclic tree (a project, a document) and exits: the cyclic garbage
    # collector would only re-scan it over and over (10% of an 800-page export), so let it run rarely.
    gc.set_threshold(100_000, 50, 50)
    args = build_parser().parse_args(argv)
    if args.command is None:
        args.command, args.project = "open", None
    from .commands import COMMANDS

    try:
        return COMMANDS[args.command](args)
    except WyassemblerError as error:
        sys.stderr.write(f"wyassembler: error: {error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("wyassembler: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # noqa: BLE001 - the user sees one line; the log keeps the traceback
        from ..settings import setup_logging

        log_path = setup_logging()
        log.exception("internal error in %s", args.command)
        where = f"; details are in {log_path}" if log_path else ""
        sys.stderr.write(f"wyassembler: internal error: {type(error).__name__}: {error}{where}\n")
        return 70


def gui_main() -> int:
    """Entry point for the desktop app launcher (no console window on Windows)."""
    return main(sys.argv[1:] or ["open"])
