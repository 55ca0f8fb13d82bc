"""The user's personal signing key: one Ed25519 key pair in the user's data folder, locked by a passphrase.

The private key never leaves this module unencrypted on disk: it is kept as PKCS#8 PEM encrypted with
the passphrase (cryptography's best available encryption), inside one small JSON file that also says
whose key it is, so ``key show`` needs no passphrase. The file is written atomically and readable only
by its owner. A lost passphrase cannot be recovered: the only way on is a new key, registered again.

What the core needs to sign is a :class:`~wyassembler.core.signatures.Signer`; :class:`UnlockedKey` is
one, made by :func:`unlock`. Where a passphrase comes from (a file, the environment, a prompt or a
dialog) is the caller's choice; :func:`passphrase_from_file` and :func:`passphrase_from_environment`
read the first two with the checks every caller needs.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .core import signatures
from .core.errors import WyassemblerError
from .core.text import clean_text
from .fileio import FileWriteError, describe_os_error, write_atomically
from .settings import data_dir

KEYS_FOLDER = "keys"
KEY_FILE = "personal-key.json"
KEY_FORMAT = 1
PASSPHRASE_VARIABLE = "WYASSEMBLER_PASSPHRASE"
# A key file is a few hundred bytes and a passphrase a line: anything far larger is not one.
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_PASSPHRASE_BYTES = 4096
LOST_PASSPHRASE = ("a lost passphrase cannot be recovered: make a new key with 'wyassembler key new --replace' "
                   "and register it again")


class KeyStoreError(WyassemblerError):
    """A key file or passphrase problem, said in one line; nothing was written."""


# How a bad key file is worded: the user's own one is "damaged", a file to import is "not a key file".
Complaint = Callable[[Path, str], "KeyStoreError"]


def key_path() -> Path:
    """Where the user's key file is (it may not exist)."""
    return data_dir() / KEYS_FOLDER / KEY_FILE


@dataclass(frozen=True)
class KeyInfo:
    """What anyone may see of the user's key: whose it is, its public half, and when it was made."""

    name: str
    public_key: bytes
    created: datetime
    path: Path

    @property
    def fingerprint(self) -> str:
        return signatures.fingerprint(self.public_key)


class UnlockedKey:
    """The user's key, unlocked by its passphrase: a :class:`~wyassembler.core.signatures.Signer`."""

    def __init__(self, info: KeyInfo, private_key: Ed25519PrivateKey) -> None:
        self.info = info
        self._private_key = private_key

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def public_key(self) -> bytes:
        return self.info.public_key

    @property
    def fingerprint(self) -> str:
        return self.info.fingerprint

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``data``."""
        return self._private_key.sign(data)

    def __repr__(self) -> str:  # never the private key, even in a log
        return f"UnlockedKey({self.info.name!r}, {self.fingerprint!r})"


# -- passphrases ---------------------------------------------------------------

def check_passphrase(passphrase: str, where: str) -> str:
    """``passphrase`` if it is one; :class:`KeyStoreError` naming ``where`` it came from if it is empty."""
    if not passphrase.strip():
        raise KeyStoreError(f"the passphrase from {where} is empty; a key needs a passphrase")
    return passphrase


def passphrase_from_file(path_text: str) -> str:
    """The passphrase in a file: its first line, without the line ending."""
    path = Path(path_text)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PASSPHRASE_BYTES + 1)
    except OSError as error:
        raise KeyStoreError(describe_os_error(error, path, "read the passphrase file")) from None
    if len(raw) > MAX_PASSPHRASE_BYTES:
        raise KeyStoreError(f"the passphrase file {path} is over {MAX_PASSPHRASE_BYTES} bytes; "
                            f"it should hold one line")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KeyStoreError(f"the passphrase file {path} is not UTF-8 text") from None
    lines = text.splitlines()
    return check_passphrase(lines[0] if lines else "", f"the file {path}")


def passphrase_from_environment() -> str | None:
    """The passphrase in ``WYASSEMBLER_PASSPHRASE``, or ``None`` if it is not set."""
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value is None:
        return None
    return check_passphrase(value, PASSPHRASE_VARIABLE)


# -- the key file --------------------------------------------------------------

def create_key(name: str, passphrase: str, replace: bool = False, now: datetime | None = None) -> KeyInfo:
    """Make a new key pair for ``name``, locked by ``passphrase``, and keep it in the user's data folder.

    An existing key is replaced only with ``replace``, and then kept beside it as a dated backup.
    """
    name = clean_text(name)
    if not name:
        raise KeyStoreError("give your name for the key with --name NAME")
    check_passphrase(passphrase, "the prompt")
    path = key_path()
    existing = _existing(path)
    if existing and not replace:
        raise KeyStoreError(already_have_a_key("make a new one"))
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    private_key = Ed25519PrivateKey.generate()
    public_key = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pem = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    record = {"format": KEY_FORMAT, "name": name, "created": now.isoformat(),
              "public_key": signatures.encode(public_key), "private_key": pem.decode("ascii")}
    _install(json.dumps(record, indent=2).encode("utf-8") + b"\n", existing, now)
    return KeyInfo(name, public_key, now, path)


def _install(data: bytes, existing: bool, now: datetime) -> None:
    """Write ``data`` as the user's key file, owner-only, keeping an ``existing`` one as a dated backup first."""
    path = key_path()
    _make_private_folder(path.parent)
    try:
        if existing:
            write_atomically(_backup_path(path, now), _read_key_bytes(path), permissions=0o600)
        write_atomically(path, data, permissions=0o600)
    except FileWriteError as error:
        raise KeyStoreError(str(error)) from None


def _backup_path(path: Path, now: datetime) -> Path:
    """A dated name for the replaced key that no earlier backup has (two replacements in one second)."""
    stem = f"personal-key-replaced-{now:%Y%m%dT%H%M%SZ}"
    candidate, number = path.with_name(stem + ".json"), 1
    while os.path.lexists(candidate):
        number += 1
        candidate = path.with_name(f"{stem}-{number}.json")
    return candidate


def backups() -> list[Path]:
    """The replaced keys kept beside the current one, oldest first."""
    folder = key_path().parent
    if not folder.is_dir():
        return []

    def made(path: Path) -> tuple[str, int]:  # "...-20260301T093000Z-2": that second, then the number
        when, _, number = path.stem.removeprefix("personal-key-replaced-").partition("-")
        return when, int(number) if number.isdecimal() else 1

    return sorted(folder.glob("personal-key-replaced-*.json"), key=made)


def key_file_exists() -> bool:
    """Whether the user has a key file, readable or not (a damaged one is replaced only on request)."""
    return _existing(key_path())


def load_key_info() -> KeyInfo | None:
    """The user's key as anyone may see it, or ``None`` if they have none; :class:`KeyStoreError` if the
    file is there but is not a key file."""
    path = key_path()
    if not _existing(path):
        return None
    return _parse(path, _read_key_bytes(path))[0]


def unlock(passphrase: str) -> UnlockedKey:
    """The user's key, unlocked; :class:`KeyStoreError` if there is none, the file is damaged, or the
    passphrase is wrong."""
    path = key_path()
    if not _existing(path):
        raise KeyStoreError("you have no key yet; make one with 'wyassembler key new --name NAME'")
    info, pem = _parse(path, _read_key_bytes(path))
    return UnlockedKey(info, _open_private_key(info, pem, passphrase))


_ENCRYPTED_PEM = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"


def _open_private_key(info: KeyInfo, pem: bytes, passphrase: str,
                      complaint: Complaint | None = None) -> Ed25519PrivateKey:
    """The private key in ``pem`` unlocked by ``passphrase``, checked to be the half of ``info``'s public key."""
    complain, path = complaint or _damaged, info.path
    try:
        private_key = serialization.load_pem_private_key(pem, passphrase.encode("utf-8"))
    except ValueError as error:
        if "password" in str(error).lower():
            raise KeyStoreError(f"wrong passphrase for the key in {path}; {LOST_PASSPHRASE}") from None
        if pem.lstrip().startswith(_ENCRYPTED_PEM):
            # A wrong passphrase can decrypt to bytes that pass the padding check (about 1 time in 256) and
            # then fail as key data: from the outside that cannot be told from damage, and a wrong passphrase
            # is by far the likelier.
            raise KeyStoreError(f"wrong passphrase for the key in {path} (or the key file is damaged); "
                                f"{LOST_PASSPHRASE}") from None
        raise complain(path, "its private key cannot be read") from None
    except TypeError:  # a private key stored without encryption: not one of ours
        raise complain(path, "its private key is not locked by a passphrase") from None
    if not isinstance(private_key, Ed25519PrivateKey):
        raise complain(path, "its private key is not an Ed25519 key")
    actual = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if actual != info.public_key:
        raise complain(path, "its public and private keys do not belong together")
    return private_key


def already_have_a_key(to_do: str) -> str:
    """Why a second key is refused without --replace, saying what --replace would do."""
    return (f"you already have a key ({key_path()}); add --replace to {to_do} "
            f"(the old file is kept as a backup)")


# -- moving the key to another computer ---------------------------------------------

def export_key(destination: Path, force: bool = False) -> KeyInfo:
    """Copy the user's key file, as it is (still locked by its passphrase), to ``destination``.

    An existing ``destination`` is overwritten only with ``force``; a folder or a symbolic link there is
    refused. The copy is written atomically and readable only by its owner."""
    path = key_path()
    if not _existing(path):
        raise KeyStoreError("you have no key yet; make one with 'wyassembler key new --name NAME'")
    raw = _read_key_bytes(path)
    info = _parse(path, raw)[0]  # only a key that loads is worth carrying to another computer
    try:
        mode: int | None = os.lstat(destination).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise KeyStoreError(describe_os_error(error, destination, "export the key to")) from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise KeyStoreError(f"{destination} is a folder; give the name of the file to write, "
                                f"e.g. {destination / 'my-key.json'}")
        if stat.S_ISLNK(mode):  # writing through it would put the key wherever the link points
            raise KeyStoreError(f"{destination} is a symbolic link; export to a plain file")
        if not force:
            raise KeyStoreError(f"{destination} already exists; add --force to overwrite it")
    try:
        write_atomically(destination, raw, permissions=0o600)
    except FileWriteError as error:
        raise KeyStoreError(str(error)) from None
    return info


def key_file_info(source: Path) -> KeyInfo:
    """What a key file to import says of itself (whose key, its fingerprint), checked as the keystore
    checks its own file; :class:`KeyStoreError` in one line if it is not one. Its passphrase is not needed."""
    return _parse(source, _read_file_to_import(source), _not_importable)[0]


def import_key(source: Path, passphrase: str, replace: bool = False, now: datetime | None = None) -> UnlockedKey:
    """Install the key file ``source`` (exported on another computer) as the user's key, once ``passphrase``
    has unlocked it and its halves match; the key comes back unlocked.

    An existing key is replaced only with ``replace``, and then kept beside it as a dated backup. On any
    problem nothing is written."""
    raw = _read_file_to_import(source)
    info, pem = _parse(source, raw, _not_importable)
    private_key = _open_private_key(info, pem, passphrase, _not_importable)
    existing = _existing(key_path())
    if existing and not replace:
        raise KeyStoreError(already_have_a_key("install this one instead"))
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    _install(raw, existing, now)  # byte for byte: the same file the other computer had
    return UnlockedKey(KeyInfo(info.name, info.public_key, info.created, key_path()), private_key)


def _read_file_to_import(source: Path) -> bytes:
    """The bytes of a plain file to import; a link, a folder or a missing file is one line."""
    try:
        mode = os.lstat(source).st_mode
    except OSError as error:
        raise KeyStoreError(describe_os_error(error, source, "import the key file")) from None
    if stat.S_ISLNK(mode):
        raise KeyStoreError(f"{source} is a symbolic link; import the key file itself")
    if not stat.S_ISREG(mode):
        raise KeyStoreError(f"{source} is not a file (a folder?); give the key file to import")
    return _read_key_bytes(source, _not_importable)


def _not_importable(path: Path, why: str) -> KeyStoreError:
    return KeyStoreError(f"{path} is not a wyassembler key file to import: {why}; nothing was installed")


def _existing(path: Path) -> bool:
    """Whether there is a key file at ``path``; a link or a folder there is refused, never followed."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        raise KeyStoreError(describe_os_error(error, path, "read the key file")) from None
    if stat.S_ISLNK(mode):
        raise KeyStoreError(f"the key file {path} is a symbolic link; a key file must be a plain file "
                            f"(move the real file there)")
    if not stat.S_ISREG(mode):
        raise KeyStoreError(f"the key file {path} is not a file (a folder?); move it away to make a new key")
    return True


def _read_key_bytes(path: Path, complaint: Complaint | None = None) -> bytes:
    try:
        # O_NOFOLLOW where there is one: a link put there after the check is still not followed.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as error:
        raise KeyStoreError(describe_os_error(error, path, "read the key file")) from None
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise (complaint or _damaged)(path, f"it is over {MAX_KEY_FILE_BYTES // 1024} KB")
    return raw


def _parse(path: Path, raw: bytes, complaint: Complaint | None = None) -> tuple[KeyInfo, bytes]:
    """The key's public facts and its encrypted private key (PEM bytes); ``complaint`` words a bad file."""
    complain = complaint or _damaged
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise complain(path, "it is not a complete key file (cut short or overwritten?)") from None
    if not isinstance(record, dict) or record.get("format") != KEY_FORMAT:
        raise complain(path, "it is not a wyassembler key file")
    name, created, public, private = (record.get(field) for field in ("name", "created", "public_key",
                                                                        "private_key"))
    if not all(isinstance(value, str) and value for value in (name, created, public, private)):
        raise complain(path, "a field is missing")
    assert isinstance(name, str) and isinstance(created, str) and isinstance(public, str)
    assert isinstance(private, str)
    try:
        public_key = signatures.decode(public, signatures.PUBLIC_KEY_BYTES, "its public key")
        when = datetime.fromisoformat(created)
        pem = private.encode("ascii")
    except (WyassemblerError, ValueError) as error:
        raise complain(path, str(error)) from None
    return KeyInfo(name, public_key, when, path), pem


def _damaged(path: Path, why: str) -> KeyStoreError:
    return KeyStoreError(f"the key file {path} is damaged: {why}; {LOST_PASSPHRASE.split(': ', 1)[1]} "
                         f"(or put a backup of the file back)")


def _make_private_folder(folder: Path) -> None:
    """The keys folder, created readable only by its owner."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise KeyStoreError(describe_os_error(error, folder, "create the keys folder")) from None
