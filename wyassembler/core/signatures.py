"""Ed25519 signatures: what a signer is, a key's fingerprint, and checking a signature.

Signing and checking are computation, not input or output, so they live in the domain: the core
builds the exact statement a record's signature covers and checks it, and the key files (private
keys on a user's own disk, locked by a passphrase) are kept by :mod:`wyassembler.keystore`.
A :class:`Signer` is whatever can sign for one public key; the core never sees a private key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .errors import ContentError

PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64


class Signer(Protocol):
    """Signs for one Ed25519 key: its raw 32-byte public key, that key's fingerprint, and ``sign``."""

    @property
    def public_key(self) -> bytes: ...

    @property
    def fingerprint(self) -> str: ...

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``data``."""
        ...


def fingerprint(public_key: bytes) -> str:
    """The key's fingerprint: SHA-256 of the raw public key, as 16 groups of four hexadecimal digits,
    to be read over the phone ("3f2a 9c01 ...")."""
    digest = hashlib.sha256(public_key).hexdigest()
    return " ".join(digest[index:index + 4] for index in range(0, len(digest), 4))


def normal_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted (any case, spaces, colons or none) in its written form; raises
    :class:`ContentError` if it is not 64 hexadecimal digits."""
    digits = "".join(ch for ch in text.lower() if ch not in " :-\t")
    if len(digits) != 64 or any(ch not in "0123456789abcdef" for ch in digits):
        raise ContentError(f"{text.strip()!r} is not a key fingerprint (64 hexadecimal digits)")
    return " ".join(digits[index:index + 4] for index in range(0, 64, 4))


def encode(data: bytes) -> str:
    """Bytes (a public key, a signature) as the project file stores them: base64."""
    return base64.b64encode(data).decode("ascii")


def decode(text: str, size: int, what: str) -> bytes:
    """The bytes of a base64 value that must be ``size`` bytes long; :class:`ContentError` if not."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ContentError(f"{what} is not base64") from None
    if len(data) != size:
        raise ContentError(f"{what} is {len(data)} bytes, not {size}")
    return data


def verify(public_key: bytes, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is ``public_key``'s Ed25519 signature of exactly ``data``."""
    if len(public_key) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
