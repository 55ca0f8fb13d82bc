"""Signing issue 18's records (an endorsement with reservations, a decline, an authority record, a mark) from the
command line with a key that may not sign: revoked, or registered and never confirmed. Where the response
requires signatures the record is refused in one sentence, before the passphrase is asked for and with the file
unchanged; where it does not, it goes unsigned and the note says why (as sign-offs do)."""

from __future__ import annotations

import json
from functools import partial

import pytest

from tests.signing import key_home

KIRKLEES = ("--as", "Kirklees", "--by", "S. Patel")
JOINT = ("--as", "Joint Services", "--by", "H. Dawson")

RECORDS = {
    "endorsement with a reservation": ("sign-off", "--endorse", "--reservation", "Too costly", "--section", "4"),
    "decline": ("sign-off", "--decline", "--note", "Not for us"),
    "authority": ("authority", "--kind", "committee", "--reference", "Cabinet, minute 45"),
    "mark": ("mark", "4", "--confidential", "names staff"),
}


@pytest.fixture(params=["revoked", "proposed"])
def key_state(request, cli, sample, tmp_path, monkeypatch):
    """The coordinator's key (trusted on first use) and Kirklees's key registered: confirmed and then revoked by
    the coordinator, or left unconfirmed. Acting as Kirklees, with no passphrase anywhere. Returns the state."""
    monkeypatch.delenv("WYASSEMBLER_PASSPHRASE", raising=False)

    become = partial(key_home, monkeypatch, tmp_path)
    coordinator = become("coordinator")
    assert cli("key", "new", "--name", "H. Dawson", *coordinator).code == 0
    assert cli("key", "register", sample, *JOINT, *coordinator).code == 0
    partner = become("kirklees")
    assert cli("key", "new", "--name", "S. Patel", *partner).code == 0
    fingerprint = json.loads(cli("key", "show", "--json").out)["fingerprint"].replace(" ", "")
    assert cli("key", "register", sample, *KIRKLEES, *partner).code == 0
    become("coordinator")
    if request.param == "revoked":
        assert cli("key", "confirm", sample, fingerprint, *JOINT, *coordinator).code == 0
        assert cli("key", "revoke", sample, fingerprint, "--reason", "laptop lost", *JOINT, *coordinator).code == 0
    become("kirklees")
    return request.param


def _require_signatures(cli, sample, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "data-coordinator"))
    coordinator = ("--passphrase-file", str(tmp_path / "coordinator.pass"))
    assert cli("set", sample, "--require-signatures", "yes", *JOINT, *coordinator).code == 0
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "data-kirklees"))


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_with_signatures_required_a_record_the_key_may_not_sign_is_refused_before_anything(
        cli, sample, tmp_path, monkeypatch, key_state, record):
    _require_signatures(cli, sample, tmp_path, monkeypatch)
    before = sample.read_bytes()
    command, *options = RECORDS[record]
    result = cli(command, sample, *options, *KIRKLEES)
    assert result.code != 0
    assert result.err.count("\n") == 1 and "passphrase" not in result.err, result.err
    assert result.err == (f"wyassembler: error: this response requires signatures: nothing was recorded: your key "
                          f"for Kirklees is {key_state}, not confirmed"
                          + (" (the coordinator or a confirmed key of the organisation confirms it)"
                             if key_state == "proposed" else "") + "\n")
    assert sample.read_bytes() == before


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_without_the_requirement_the_record_goes_unsigned_and_says_why(cli, sample, key_state, record):
    command, *options = RECORDS[record]
    result = cli(command, sample, *options, *KIRKLEES)
    assert result.code == 0, result.err
    assert f"note: unsigned: your key for Kirklees is {key_state}, not confirmed" in result.err
    assert "passphrase" not in result.err
