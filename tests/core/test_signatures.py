"""Ed25519 primitives of the core (core.signatures): fingerprints, encoding, checking a signature."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from wyassembler.core.errors import ContentError
from wyassembler.core.signatures import decode, encode, fingerprint, normal_fingerprint, verify


def _key():
    private = Ed25519PrivateKey.generate()
    return private, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_a_signature_checks_only_for_its_key_and_its_exact_bytes():
    private, public = _key()
    _, other = _key()
    signature = private.sign(b"approved section 2")
    assert verify(public, signature, b"approved section 2")
    assert not verify(public, signature, b"approved section 3")
    assert not verify(other, signature, b"approved section 2")
    assert not verify(public, signature[:-1] + bytes([signature[-1] ^ 1]), b"approved section 2")
    assert not verify(public[:31], signature, b"approved section 2")


def test_a_fingerprint_reads_in_groups_of_four_and_is_recognised_however_typed():
    _, public = _key()
    printed = fingerprint(public)
    groups = printed.split(" ")
    assert len(groups) == 16 and all(len(group) == 4 for group in groups)
    assert normal_fingerprint(printed.upper().replace(" ", ":")) == printed
    with pytest.raises(ContentError, match="not a key fingerprint"):
        normal_fingerprint("abcd")


def test_encoded_bytes_come_back_and_bad_values_are_refused_in_one_line():
    _, public = _key()
    assert decode(encode(public), 32, "a public key") == public
    with pytest.raises(ContentError, match="not base64"):
        decode("not base64!", 32, "a public key")
    with pytest.raises(ContentError, match="31 bytes, not 32"):
        decode(encode(public[:31]), 32, "a public key")
