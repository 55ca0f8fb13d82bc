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


def confirmed_keys(project, coordinator, *partners, now) -> dict[str, TestSigner]:
    """A key for the ``coordinator`` actor (trusted on first use) and for each partner actor in ``partners``,
    registered and confirmed by the coordinator at ``now``: the signers by organisation id."""
    from wyassembler.core.keys import confirm_key, register_key
    signers = {actor.org: TestSigner() for actor in (coordinator, *partners)}
    chief = signers[coordinator.org]
    register_key(project, coordinator, chief.public_key, chief, now=now)
    for actor in partners:
        register_key(project, actor, signers[actor.org].public_key, signers[actor.org], now=now)
        confirm_key(project, coordinator, signers[actor.org].fingerprint, chief, now=now)
    return signers


def key_home(monkeypatch, tmp_path, who: str) -> tuple[str, str]:
    """Act as ``who`` on the command line: its own key store under ``tmp_path`` and a passphrase file; returns
    the ``--passphrase-file`` arguments its key commands take."""
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / f"data-{who}"))
    passphrase = tmp_path / f"{who}.pass"
    passphrase.write_text(f"passphrase of {who}\n", encoding="utf-8")
    return "--passphrase-file", str(passphrase)
