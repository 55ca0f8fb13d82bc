"""The command table: every subcommand runs a function that exists, imported only when it runs."""

from __future__ import annotations

import argparse
import subprocess
import sys

from wyassembler.cli import dispatch
from wyassembler.cli.parser import build_parser


def _subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def test_every_subcommand_has_a_function_that_exists():
    assert set(dispatch.COMMANDS) == _subcommands()
    for name, command in dispatch.COMMANDS.items():
        function = command.function() if isinstance(command, dispatch._Lazy) else command
        assert callable(function), name


def test_running_textconv_does_not_import_the_other_commands_modules():
    code = ("import sys; from wyassembler.cli import dispatch; import wyassembler.cli.parser; "
            "dispatch.COMMANDS['textconv'].function(); "
            "print(sorted(m for m in sys.modules if m.startswith('wyassembler.cli.') and m.endswith(('_commands', "
            "'_command'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "textconv_command" in loaded
    for other in ("answer_commands", "word_commands", "export_commands", "question_commands"):
        assert other not in loaded
