"""Only the command being run has its arguments built, and nothing shows it: every command's help, usage
errors and parsed arguments are those of the parser of every command; the list of commands is still
given by --help and by an unknown command's error."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wyassembler.cli import main
from wyassembler.cli.parser import build_parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


_FULL = build_parser()
_NAMES = sorted(_COMMANDS := _commands(_FULL))
# Each command's own subcommands (questions, key), as argument lists after the command's name.
_NESTED = [[name, sub] for name in _NAMES for sub in
           (_commands(_COMMANDS[name]) if any(isinstance(a, argparse._SubParsersAction)
                                              for a in _COMMANDS[name]._actions) else {})]


def _outcome(parser: argparse.ArgumentParser, argv: list[str], capsys) -> tuple[object, str, str]:
    try:
        result: object = vars(parser.parse_args(argv))
    except SystemExit as exit_:
        result = ("exit", exit_.code)
    captured = capsys.readouterr()
    return result, captured.out, captured.err


def test_every_command_is_known_and_the_nested_ones_found():
    assert {"status", "open", "questions", "key", "answer", "verify-docx"} <= set(_NAMES)
    assert ["questions", "import"] in _NESTED and ["key", "confirm"] in _NESTED


@pytest.mark.parametrize("tail", [["--help"], [], ["x.wyproj"], ["x.wyproj", "y", "--bogus"], ["x.wyproj", "--as"],
                                  ["x.wyproj", "3", "--as", "Calderdale", "--by", "J. Smith", "--json"]])
@pytest.mark.parametrize("name", _NAMES)
def test_a_command_parses_helps_and_refuses_as_with_every_command_built(name, tail, capsys):
    argv = [name, *tail]
    chosen = _outcome(build_parser(name), argv, capsys)
    assert chosen == _outcome(build_parser(), argv, capsys)
    if tail == ["--help"]:
        assert chosen[0] == ("exit", 0) and f"usage: wyassembler {name}" in chosen[1]


@pytest.mark.parametrize("tail", [["--help"], [], ["x.wyproj"], ["x.wyproj", "3", "--bogus"]])
@pytest.mark.parametrize("nested", _NESTED + [["questions", "nope"], ["key", "nope"]])
def test_a_subcommand_parses_helps_and_refuses_alike(nested, tail, capsys):
    argv = [*nested, *tail]
    assert _outcome(build_parser(nested[0]), argv, capsys) == _outcome(build_parser(), argv, capsys)


def test_help_and_an_unknown_command_still_name_every_command(capsys):
    for argv in (["--help"], ["statuz", "x.wyproj"], ["-x"], []):
        assert _outcome(build_parser(argv[0] if argv else None), argv, capsys) == _outcome(_FULL, argv, capsys)
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = capsys.readouterr().out
    assert all(name in listed for name in _NAMES)
    with pytest.raises(SystemExit):
        main(["statuz", "x.wyproj"])
    refused = capsys.readouterr().err
    assert "invalid choice: 'statuz'" in refused and all(repr(name) in refused for name in _NAMES)


def _every_option_and_subcommand() -> list[str]:
    found: set[str] = set()
    for parser in [*_COMMANDS.values(), *(_commands(_COMMANDS[name])[sub] for name, sub in _NESTED)]:
        for action in parser._actions:
            found.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                found.update(action.choices)
    return sorted(found)


# Another command's options, abbreviations and typos of commands, and values, in any order.
_TOKENS = st.sampled_from([*_every_option_and_subcommand(), *_NAMES, *(name[:3] for name in _NAMES), "help",
                           "Status", "x.wyproj", "3", "Calderdale", "--as=X", "--ver", "--", "-", ""])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.one_of(st.sampled_from(_NAMES), _TOKENS), rest=st.lists(_TOKENS, max_size=6))
def test_any_arguments_after_any_first_one_have_the_outcome_of_the_full_parser(first, rest, capsys):
    argv = [first, *rest]
    assert _outcome(build_parser(first), argv, capsys) == _outcome(_FULL, argv, capsys)
