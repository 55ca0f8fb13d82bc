"""A test signer: an Ed25519 key held in memory (tests do not depend on the key store)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from wyassembler.core.signatures import fingerprint


class TestSigner:
    """Signs for one freshly generated key (the core's Signer protocol)."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self) -> None:
        self._private = Ed25519PrivateKey.generate()
        self.public_key = self._private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.fingerprint = fingerprint(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)
