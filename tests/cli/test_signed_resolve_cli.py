"""Resolving conflict copies on the command line signs the resolution with the user's confirmed key; when
signatures are required, a resolution that cannot be signed is refused and nothing is written."""

from __future__ import annotations

import shutil

import pytest

from wyassembler import keystore

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


@pytest.fixture
def conflicted(cli, sample, tmp_path, monkeypatch):
    """The sample with the coordinator's key, signatures required, and a conflict copy of section 1."""
    monkeypatch.delenv(keystore.PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "data-coordinator"))
    monkeypatch.setenv("WYASSEMBLER_CONFIG_DIR", str(tmp_path / "config-coordinator"))
    passphrase = tmp_path / "coordinator.pass"
    passphrase.write_text("passphrase of the coordinator\n", encoding="utf-8")
    unlock = ("--passphrase-file", passphrase)
    assert cli("key", "new", "--name", "H. Dawson", *unlock).code == 0
    assert cli("key", "register", sample, *COORDINATOR, *unlock).code == 0
    assert cli("set", sample, "--require-signatures", "yes", *COORDINATOR, *unlock).code == 0
    laptop = tmp_path / "laptop.wyproj"
    shutil.copy(sample, laptop)
    for path, words in [(sample, "Office words."), (laptop, "Laptop words.")]:
        text = tmp_path / "words.md"
        text.write_text(words, encoding="utf-8")
        assert cli("edit-section", path, "1", "--from", text, *COORDINATOR).code == 0
    assert cli("merge", sample, laptop).code == 0
    return sample, unlock


def test_a_resolution_is_signed_with_the_confirmed_key(cli, conflicted):
    shared, unlock = conflicted
    result = cli("resolve", shared, "1", "--take-current", *COORDINATOR, *unlock)
    assert result.code == 0, result.err
    verified = cli("verify", shared)
    assert "the resolution (" not in verified.out + verified.err, verified.out


def test_a_resolution_that_cannot_be_signed_is_refused_when_signatures_are_required(cli, conflicted, tmp_path,
                                                                                   monkeypatch):
    shared, _ = conflicted
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "data-keyless"))
    before = shared.read_bytes()
    result = cli("resolve", shared, "1", "--take-current", *COORDINATOR)
    assert result.code != 0 and len(result.err.strip().splitlines()) == 1, result.err
    assert "requires signatures" in result.err
    assert shared.read_bytes() == before


def test_a_merged_text_that_cannot_be_read_is_refused_before_the_passphrase_is_asked_for(cli, conflicted,
                                                                                         tmp_path):
    shared, _ = conflicted
    before = shared.read_bytes()
    result = cli("resolve", shared, "1", "--from", tmp_path / "missing.md", *COORDINATOR)  # no --passphrase-file
    assert result.code != 0
    assert "missing.md: no such file" in result.err and "passphrase" not in result.err, result.err
    assert shared.read_bytes() == before
