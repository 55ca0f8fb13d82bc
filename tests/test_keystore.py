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


# -- moving the key to another computer ---------------------------------------------------

def _other_computer(monkeypatch, tmp_path, name: str = "laptop") -> None:
    """From here on the data folder is another computer's."""
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / name))


def test_an_exported_key_imports_on_another_computer_byte_for_byte_and_signs(monkeypatch, tmp_path):
    made = keystore.create_key("J. Smith", "pw", now=T0)
    carried = tmp_path / "carried" / "my-key.json"
    carried.parent.mkdir()
    assert keystore.export_key(carried).fingerprint == made.fingerprint
    assert carried.read_bytes() == keystore.key_path().read_bytes()
    assert "ENCRYPTED PRIVATE KEY" in carried.read_text()  # still locked by its passphrase
    _other_computer(monkeypatch, tmp_path)
    assert keystore.load_key_info() is None
    key = keystore.import_key(carried, "pw")
    assert key.fingerprint == made.fingerprint and key.info.path == keystore.key_path()
    assert keystore.key_path().read_bytes() == carried.read_bytes()
    assert signatures.verify(made.public_key, key.sign(b"x"), b"x")
    assert keystore.unlock("pw").fingerprint == made.fingerprint


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_exported_and_the_imported_files_are_readable_only_by_their_owner(monkeypatch, tmp_path):
    keystore.create_key("J. Smith", "pw", now=T0)
    carried = tmp_path / "my-key.json"
    keystore.export_key(carried)
    assert stat.S_IMODE(carried.stat().st_mode) == 0o600
    _other_computer(monkeypatch, tmp_path)
    keystore.import_key(carried, "pw")
    assert stat.S_IMODE(keystore.key_path().stat().st_mode) == 0o600
    assert stat.S_IMODE(keystore.key_path().parent.stat().st_mode) == 0o700


def test_export_overwrites_only_with_force_and_never_a_folder_or_a_link(tmp_path):
    keystore.create_key("J. Smith", "pw", now=T0)
    target = tmp_path / "my-key.json"
    target.write_text("keep me")
    with pytest.raises(KeyStoreError, match="already exists.*--force"):
        keystore.export_key(target)
    assert target.read_text() == "keep me"
    keystore.export_key(target, force=True)
    assert target.read_bytes() == keystore.key_path().read_bytes()
    with pytest.raises(KeyStoreError, match="is a folder"):
        keystore.export_key(tmp_path, force=True)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not a key")
    link = tmp_path / "link.json"
    link.symlink_to(elsewhere)
    with pytest.raises(KeyStoreError, match="symbolic link"):
        keystore.export_key(link, force=True)
    assert elsewhere.read_text() == "not a key"


def test_export_without_a_key_or_with_a_damaged_one_writes_nothing(tmp_path):
    target = tmp_path / "my-key.json"
    with pytest.raises(KeyStoreError, match="no key yet"):
        keystore.export_key(target)
    keystore.create_key("J. Smith", "pw", now=T0)
    _damage("truncated")
    with pytest.raises(KeyStoreError, match="is damaged"):
        keystore.export_key(target)
    assert not target.exists()


def test_import_replaces_a_key_only_with_replace_keeping_the_old_one_as_a_backup(monkeypatch, tmp_path):
    made = keystore.create_key("J. Smith", "pw", now=T0)
    carried = tmp_path / "my-key.json"
    keystore.export_key(carried)
    _other_computer(monkeypatch, tmp_path)
    keystore.create_key("J. Smith on the laptop", "other", now=T0)
    before = keystore.key_path().read_bytes()
    with pytest.raises(KeyStoreError, match="--replace"):
        keystore.import_key(carried, "pw")
    assert keystore.key_path().read_bytes() == before and keystore.backups() == []
    assert keystore.import_key(carried, "pw", replace=True, now=T0).fingerprint == made.fingerprint
    assert [path.read_bytes() for path in keystore.backups()] == [before]
    assert keystore.load_key_info().fingerprint == made.fingerprint


def _bad_import(tmp_path, how: str):
    """A file to import that is wrong in the way ``how`` says; the passphrase of a good one is "pw"."""
    path = tmp_path / "to-import.json"
    if how == "missing":
        return path
    if how == "folder":
        path.mkdir()
        return path
    keystore.export_key(path)
    record = json.loads(path.read_bytes())
    if how == "symlink":
        link = tmp_path / "link.json"
        link.symlink_to(path)
        return link
    if how == "not json":
        path.write_bytes(b"\x00\xff not a key")
    elif how == "another public key":
        record["public_key"] = signatures.encode(signatures.decode(record["public_key"], 32, "key")[::-1])
        path.write_text(json.dumps(record))
    elif how == "not our format":
        path.write_text(json.dumps({"hello": "world"}))
    elif how == "too large":
        record["padding"] = "x" * (keystore.MAX_KEY_FILE_BYTES + 1)
        path.write_text(json.dumps(record))
    return path


@pytest.mark.parametrize("how, match", [
    ("missing", "no such file"), ("folder", "not a file"), ("symlink", "symbolic link"),
    ("not json", "not a complete key file"), ("not our format", "not a wyassembler key file"),
    ("another public key", "do not belong together"), ("too large", "over 64 KB"),
    ("wrong passphrase", "wrong passphrase")])
def test_a_bad_file_to_import_is_one_line_and_nothing_is_installed(monkeypatch, tmp_path, how, match):
    keystore.create_key("J. Smith", "pw", now=T0)
    source = _bad_import(tmp_path, how)
    _other_computer(monkeypatch, tmp_path)
    with pytest.raises(KeyStoreError, match=match) as caught:
        keystore.import_key(source, "wrong" if how == "wrong passphrase" else "pw", replace=True)
    assert "\n" not in str(caught.value)
    assert not keystore.key_path().parent.exists()  # not even the keys folder


def test_a_wrong_passphrase_that_decrypts_to_garbage_is_still_said_to_be_a_wrong_passphrase(tmp_path):
    # About one wrong passphrase in 256 passes the decryption's padding check and then fails as key data
    # ("Could not deserialize key data"), not as a password: it was reported as a damaged key file, and a
    # test of the wrong passphrase failed once in a few hundred runs.
    from cryptography.hazmat.primitives import serialization

    info = keystore.create_key("J. Smith", "pw", now=T0)
    _, pem = keystore._parse(keystore.key_path(), keystore.key_path().read_bytes())
    for attempt in range(20_000):
        wrong = f"wrong-{attempt}"
        try:
            serialization.load_pem_private_key(pem, wrong.encode())
        except ValueError as error:
            if "password" not in str(error).lower():
                break
    else:
        pytest.skip("no wrong passphrase decrypted to garbage in 20,000 tries")
    with pytest.raises(KeyStoreError, match="wrong passphrase") as caught:
        keystore._open_private_key(info, pem, wrong)
    assert "\n" not in str(caught.value)
