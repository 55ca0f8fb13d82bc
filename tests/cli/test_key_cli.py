"""``wyassembler key new``, ``key show``, ``key export`` and ``key import``: the passphrase's three sources,
and one line for bad input."""

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


def test_key_new_replace_makes_a_new_key_over_a_damaged_one_as_the_damage_message_says(cli, monkeypatch):
    keystore.create_key("J. Smith", "pw")
    keystore.key_path().write_bytes(b"overwritten")
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "new words")
    shown = cli("key", "show")
    assert shown.code == 1 and "key new --replace" in shown.err
    result = cli("key", "new", "--name", "J. Smith", "--replace")
    assert result.code == 0, result.err
    assert keystore.unlock("new words").name == "J. Smith"
    assert [path.read_bytes() for path in keystore.backups()] == [b"overwritten"]


def test_key_import_replace_installs_over_a_damaged_key(cli, tmp_path, monkeypatch):
    keystore.create_key("J. Smith", "pw")
    carried = tmp_path / "my-key.json"
    keystore.export_key(carried)
    keystore.key_path().write_bytes(b"overwritten")
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "pw")
    assert cli("key", "import", carried, "--replace").code == 0
    assert keystore.key_path().read_bytes() == carried.read_bytes()


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


# -- key export and key import: moving the key to another computer ---------------------------------

def test_key_export_then_key_import_on_another_computer(cli, passphrase_file, tmp_path, monkeypatch):
    assert cli("key", "new", "--name", "J. Smith", "--passphrase-file", passphrase_file).code == 0
    made = keystore.load_key_info()
    carried = tmp_path / "my-key.json"
    exported = cli("key", "export", carried)
    assert exported.code == 0, exported.err
    assert made.fingerprint in exported.out and "key import" in exported.out
    assert carried.read_bytes() == keystore.key_path().read_bytes()
    again = cli("key", "export", carried)
    assert again.code == 1 and "--force" in again.err and again.err.count("\n") == 1
    assert cli("key", "export", carried, "--force").code == 0
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "laptop"))
    imported = cli("key", "import", carried, "--passphrase-file", passphrase_file)
    assert imported.code == 0, imported.err
    assert made.fingerprint in imported.out
    assert keystore.key_path().read_bytes() == carried.read_bytes()
    assert cli("key", "show").out.count(made.fingerprint) == 1


def test_key_import_takes_the_passphrase_from_the_environment_or_a_prompt(cli, tmp_path, monkeypatch):
    keystore.create_key("J. Smith", "spoken words")
    carried = tmp_path / "my-key.json"
    keystore.export_key(carried)
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "laptop"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(key_commands.getpass, "getpass", lambda prompt="": "spoken words")
    assert cli("key", "import", carried).code == 0
    monkeypatch.setattr(key_commands.getpass, "getpass", lambda prompt="": "wrong words")
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "spoken words")
    assert cli("key", "import", carried, "--replace").code == 0  # the environment comes before the prompt


def test_key_import_over_a_key_needs_replace_and_asks_no_passphrase_before_saying_so(cli, tmp_path, monkeypatch):
    keystore.create_key("J. Smith", "pw")
    carried = tmp_path / "my-key.json"
    keystore.export_key(carried)
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "laptop"))
    keystore.create_key("J. Smith", "laptop pw")
    before = keystore.key_path().read_bytes()
    # No passphrase source and no terminal: asking would fail with NO_PASSPHRASE, so --replace is said first.
    result = cli("key", "import", carried)
    assert result.code == 1 and "--replace" in result.err and result.err.count("\n") == 1
    assert keystore.key_path().read_bytes() == before
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "pw")
    assert cli("key", "import", carried, "--replace").code == 0
    assert [path.read_bytes() for path in keystore.backups()] == [before]


@pytest.mark.parametrize("how", ["missing", "folder", "symlink", "not json", "another public key",
                                 "wrong passphrase", "too large"])
def test_a_bad_file_to_import_is_one_line_and_nothing_is_installed(cli, tmp_path, monkeypatch, how):
    from tests.test_keystore import _bad_import

    keystore.create_key("J. Smith", "pw")
    source = _bad_import(tmp_path, how)
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "laptop"))
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "wrong" if how == "wrong passphrase" else "pw")
    result = cli("key", "import", source)
    assert result.code == 1 and result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not keystore.key_path().parent.exists()
