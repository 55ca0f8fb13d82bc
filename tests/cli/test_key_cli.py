"""``wyassembler key new`` and ``key show``: the passphrase's three sources, and one line for bad input."""

from __future__ import annotations

import json
import sys

import pytest

from wyassembler import keystore
from wyassembler.cli import key_commands, key_parser


@pytest.fixture
def passphrase_file(tmp_path):
    path = tmp_path / "passphrase.txt"
    path.write_text("a long passphrase\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_environment_passphrase(monkeypatch):
    monkeypatch.delenv(keystore.PASSPHRASE_VARIABLE, raising=False)


def test_key_new_with_a_passphrase_file_then_show_prints_name_fingerprint_and_public_key(cli, passphrase_file):
    made = cli("key", "new", "--name", "J. Smith", "--passphrase-file", passphrase_file)
    assert made.code == 0, made.err
    assert "cannot be recovered" in made.out
    info = keystore.load_key_info()
    assert info is not None and info.fingerprint in made.out
    shown = cli("key", "show")
    assert shown.code == 0
    assert "J. Smith" in shown.out and info.fingerprint in shown.out
    as_json = json.loads(cli("key", "show", "--json").out)
    assert as_json["name"] == "J. Smith" and as_json["fingerprint"] == info.fingerprint
    assert keystore.unlock("a long passphrase").public_key == info.public_key
    from wyassembler.core.signatures import decode

    assert decode(as_json["public_key"], 32, "public key") == info.public_key


def test_key_new_takes_the_passphrase_from_the_environment(cli, monkeypatch):
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "from the environment")
    assert cli("key", "new", "--name", "J. Smith").code == 0
    assert keystore.unlock("from the environment")


def test_key_new_asks_twice_on_a_terminal_and_refuses_two_different_answers(cli, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["first", "second"])
    monkeypatch.setattr(key_commands.getpass, "getpass", lambda prompt="": next(answers))
    result = cli("key", "new", "--name", "J. Smith")
    assert result.code == 1 and "differ" in result.err and result.err.count("\n") == 1
    assert not keystore.key_path().exists()
    answers = iter(["same", "same"])
    assert cli("key", "new", "--name", "J. Smith").code == 0
    assert keystore.unlock("same")


def test_key_new_refuses_an_empty_prompted_passphrase(cli, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(key_commands.getpass, "getpass", lambda prompt="": "")
    result = cli("key", "new", "--name", "J. Smith")
    assert result.code == 1 and "empty" in result.err
    assert not keystore.key_path().exists()


def test_without_a_terminal_or_a_passphrase_source_key_new_says_how_to_give_one(wy):
    result = wy("key", "new", "--name", "J. Smith")
    assert result.code == 1
    assert "--passphrase-file" in result.err and "Traceback" not in result.err
    assert not keystore.key_path().exists()


def test_a_second_key_new_needs_replace_and_keeps_a_backup(cli, passphrase_file):
    assert cli("key", "new", "--name", "J. Smith", "--passphrase-file", passphrase_file).code == 0
    first = keystore.key_path().read_bytes()
    again = cli("key", "new", "--name", "J. Smith", "--passphrase-file", passphrase_file)
    assert again.code == 1 and "--replace" in again.err
    assert keystore.key_path().read_bytes() == first
    assert cli("key", "new", "--name", "J. Smith", "--replace", "--passphrase-file", passphrase_file).code == 0
    assert [path.read_bytes() for path in keystore.backups()] == [first]


@pytest.mark.parametrize("content, match", [(None, "no such file"), ("", "empty"), ("folder", "folder")])
def test_a_bad_passphrase_file_is_one_line_and_nothing_is_written(cli, tmp_path, content, match):
    path = tmp_path / "pass.txt"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_text(content)
    result = cli("key", "new", "--name", "J. Smith", "--passphrase-file", path)
    assert result.code == 1 and match in result.err and result.err.count("\n") == 1
    assert not keystore.key_path().exists()


def test_key_show_without_a_key_and_with_a_damaged_one(cli, passphrase_file):
    result = cli("key", "show")
    assert result.code == 1 and "key new" in result.err
    cli("key", "new", "--name", "J. Smith", "--passphrase-file", passphrase_file)
    keystore.key_path().write_bytes(keystore.key_path().read_bytes()[:40])
    result = cli("key", "show")
    assert result.code == 1 and "damaged" in result.err and result.err.count("\n") == 1


def test_key_without_a_subcommand_is_a_usage_error(cli):
    result = cli("key")
    assert result.code == 2 and "KEY_COMMAND" in result.err


def test_the_parser_names_the_same_environment_variable_as_the_keystore():
    assert key_parser.PASSPHRASE_VARIABLE == keystore.PASSPHRASE_VARIABLE
