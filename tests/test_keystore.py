"""The personal key file: made, shown, unlocked, replaced with a backup, and refused whole when damaged."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime

import pytest

from wyassembler import keystore
from wyassembler.core import signatures
from wyassembler.core.signatures import Signer
from wyassembler.keystore import KeyStoreError

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_a_new_key_unlocks_with_its_passphrase_and_signs_what_its_public_key_verifies():
    info = keystore.create_key("  J. Smith ", "correct horse", now=T0)
    assert info.name == "J. Smith"
    assert info.path == keystore.key_path()
    key = keystore.unlock("correct horse")
    signer: Signer = key  # the core's protocol, checked by mypy
    assert signer.public_key == info.public_key
    assert signer.fingerprint == signatures.fingerprint(info.public_key) == info.fingerprint
    signature = key.sign(b"statement")
    assert signatures.verify(info.public_key, signature, b"statement")
    assert not signatures.verify(info.public_key, signature, b"another statement")
    assert "PRIVATE" not in repr(key)


def test_the_file_holds_the_private_key_only_encrypted():
    keystore.create_key("J. Smith", "correct horse", now=T0)
    record = json.loads(keystore.key_path().read_text(encoding="utf-8"))
    assert record["private_key"].startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    shown = keystore.load_key_info()
    assert shown is not None and shown.name == "J. Smith" and shown.created == T0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_key_file_and_its_folder_are_readable_only_by_their_owner():
    keystore.create_key("J. Smith", "pw", now=T0)
    path = keystore.key_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_wrong_passphrase_is_refused_saying_it_cannot_be_recovered():
    keystore.create_key("J. Smith", "right", now=T0)
    with pytest.raises(KeyStoreError, match="wrong passphrase.*cannot be recovered"):
        keystore.unlock("wrong")


def test_no_key_yet_is_none_to_show_and_an_error_to_unlock():
    assert keystore.load_key_info() is None
    with pytest.raises(KeyStoreError, match="no key yet"):
        keystore.unlock("pw")


def test_a_second_key_needs_replace_and_keeps_the_old_one_as_a_backup():
    first = keystore.create_key("J. Smith", "pw", now=T0)
    before = keystore.key_path().read_bytes()
    with pytest.raises(KeyStoreError, match="--replace"):
        keystore.create_key("J. Smith", "pw", now=T0)
    assert keystore.key_path().read_bytes() == before
    second = keystore.create_key("J. Smith", "pw2", replace=True, now=T0)
    third = keystore.create_key("J. Smith", "pw3", replace=True, now=T0)  # the same second: a second backup
    assert len({first.fingerprint, second.fingerprint, third.fingerprint}) == 3
    kept = keystore.backups()
    assert len(kept) == 2 and kept[0].read_bytes() == before
    assert keystore.unlock("pw3").fingerprint == third.fingerprint


@pytest.mark.parametrize("passphrase", ["", "   "])
def test_an_empty_passphrase_is_refused_and_nothing_is_written(passphrase):
    with pytest.raises(KeyStoreError, match="empty"):
        keystore.create_key("J. Smith", passphrase)
    assert not keystore.key_path().exists()


def _damage(how: str) -> None:
    path = keystore.key_path()
    raw = path.read_bytes()
    record = json.loads(raw)
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "not json":
        path.write_bytes(b"\x00\xff garbage")
    elif how == "private key garbled":
        record["private_key"] = record["private_key"].replace("M", "N", 5)
        path.write_text(json.dumps(record))
    elif how == "another public key":
        record["public_key"] = signatures.encode(bytes(32))
        path.write_text(json.dumps(record))
    elif how == "public key not base64":
        record["public_key"] = "not base64!"
        path.write_text(json.dumps(record))
    elif how == "field missing":
        del record["name"]
        path.write_text(json.dumps(record))
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "not json", "private key garbled", "another public key",
                                 "public key not base64", "field missing", "empty"])
def test_a_damaged_key_file_is_one_error_naming_it(how):
    keystore.create_key("J. Smith", "pw", now=T0)
    _damage(how)
    damaged = keystore.key_path().read_bytes()
    with pytest.raises(KeyStoreError, match="is damaged"):
        keystore.unlock("pw")
    assert keystore.key_path().read_bytes() == damaged


def test_a_key_file_that_is_a_symbolic_link_is_refused_not_followed(tmp_path):
    keystore.create_key("J. Smith", "pw", now=T0)
    path = keystore.key_path()
    real = tmp_path / "elsewhere.json"
    real.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(real)
    for attempt in (keystore.load_key_info, lambda: keystore.unlock("pw"),
                    lambda: keystore.create_key("X", "pw", replace=True)):
        with pytest.raises(KeyStoreError, match="symbolic link"):
            attempt()
    assert path.is_symlink() and real.read_bytes()


def test_a_key_file_that_is_a_folder_is_refused():
    keystore.key_path().mkdir(parents=True)
    for attempt in (keystore.load_key_info, lambda: keystore.unlock("pw"),
                    lambda: keystore.create_key("X", "pw", replace=True)):
        with pytest.raises(KeyStoreError, match="not a file"):
            attempt()


def test_a_passphrase_file_gives_its_first_line(tmp_path):
    path = tmp_path / "pass.txt"
    path.write_bytes(b"\xef\xbb\xbfsecret words\r\nsecond line\r\n")
    assert keystore.passphrase_from_file(str(path)) == "secret words"


@pytest.mark.parametrize("content, match", [(None, "no such file"), (b"", "empty"), (b"\n\n", "empty"),
                                            (b"\xff\xfe", "not UTF-8"), (b"x" * 5000, "one line"),
                                            ("folder", "folder")])
def test_a_bad_passphrase_file_is_one_error(tmp_path, content, match):
    path = tmp_path / "pass.txt"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(KeyStoreError, match=match):
        keystore.passphrase_from_file(str(path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_passphrase_file_is_one_error(tmp_path):
    path = tmp_path / "pass.txt"
    path.write_text("secret")
    path.chmod(0)
    with pytest.raises(KeyStoreError, match="permission denied"):
        keystore.passphrase_from_file(str(path))


def test_the_environment_passphrase_is_used_and_an_empty_one_refused(monkeypatch):
    monkeypatch.delenv(keystore.PASSPHRASE_VARIABLE, raising=False)
    assert keystore.passphrase_from_environment() is None
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "from env")
    assert keystore.passphrase_from_environment() == "from env"
    monkeypatch.setenv(keystore.PASSPHRASE_VARIABLE, "")
    with pytest.raises(KeyStoreError, match="empty"):
        keystore.passphrase_from_environment()
