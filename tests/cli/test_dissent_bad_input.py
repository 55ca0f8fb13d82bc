"""Bad input to ``sign-off``'s reservations and declines, ``authority``, ``mark`` and ``set``'s dissent
settings: one line on stderr, a non-zero exit, and the project file's bytes unchanged (issue 18)."""

from __future__ import annotations

import json
from functools import partial

import pytest

from tests.signing import key_home

KIRKLEES = ("--as", "Kirklees", "--by", "S. Patel")

BAD = {
    "reservation on a missing section": (
        ("sign-off", "--endorse", "--reservation", "Too costly", "--section", "9", *KIRKLEES),
        "no section '9' in this project"),
    "--section with no --reservation before it": (
        ("sign-off", "--endorse", "--section", "4", "--reservation", "Too costly", *KIRKLEES),
        "argument --section: goes after the --reservation it is about"),
    "two --section for one reservation": (
        ("sign-off", "--endorse", "--reservation", "Too costly", "--section", "4", "--section", "3", *KIRKLEES),
        "already has --section 4; give each reservation one section"),
    "decline by an organisation that is not a partner": (
        ("sign-off", "--decline", "--as", "Barnsley", "--by", "A. Nobody"), "no organisation 'Barnsley'"),
    "decline with a reservation": (
        ("sign-off", "--decline", "--reservation", "Too costly", *KIRKLEES), "a decline has no reservations"),
    "reservation without --endorse": (
        ("sign-off", "4", "--reservation", "Too costly", *KIRKLEES), "--reservation goes with --endorse"),
    "reservation with a request for changes": (
        ("sign-off", "--endorse", "--request-changes", "--note", "x", "--reservation", "y", *KIRKLEES),
        "--reservation goes with an endorsement, not --request-changes"),
    "decline and endorse": (("sign-off", "--decline", "--endorse", *KIRKLEES), "give --endorse or --decline"),
    "decline and request changes": (
        ("sign-off", "--decline", "--request-changes", "--note", "x", *KIRKLEES), "two decisions"),
    "decline of sections": (("sign-off", "4", "--decline", *KIRKLEES), "not both"),
    "--named without --decline": (("sign-off", "--endorse", "--named", *KIRKLEES), "--named goes with --decline"),
    "empty reservation": (
        ("sign-off", "--endorse", "--reservation", "  ", *KIRKLEES), "a reservation needs its text"),
    "authority for another organisation": (
        ("authority", "--kind", "committee", "--reference", "Minute 4", "--for", "Leeds", *KIRKLEES),
        "Kirklees cannot record how Leeds approved the response: each organisation records its own authority"),
    "authority of an unknown kind": (
        ("authority", "--kind", "whim", "--reference", "Minute 4", *KIRKLEES), "invalid choice: 'whim'"),
    "authority with a date that is not one": (
        ("authority", "--kind", "committee", "--reference", "Minute 4", "--date", "31/2/2006", *KIRKLEES),
        "--date '31/2/2006' is not a date: there is no 31 February 2006"),
    "authority without a reference": (
        ("authority", "--kind", "committee", "--reference", " ", *KIRKLEES), "--reference is empty"),
    "mark by an organisation that does not own the section": (
        ("mark", "4", "--confidential", "commercially sensitive", "--as", "Leeds", "--by", "L. Brown"),
        "Leeds cannot mark section 4"),
    "mark a missing section": (("mark", "9", "--public", *KIRKLEES), "no section '9'"),
    "mark confidential without a reason": (("mark", "4", "--confidential", " ", *KIRKLEES), "needs the reason"),
    "mark both confidential and public": (
        ("mark", "4", "--confidential", "x", "--public", *KIRKLEES), "not allowed with argument"),
    "set a dissent setting as a partner": (
        ("set", "--declines-block", "yes", *KIRKLEES), "only the coordinating organisation"),
    "set a dissent setting to what it cannot be": (
        ("set", "--behalf-at", "footer", "--as", "Joint Services", "--by", "H. Dawson"), "invalid choice: 'footer'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_line_and_writes_nothing(cli, sample, case):
    (command, *options), expected = BAD[case]
    before = sample.read_bytes()
    result = cli(command, sample, *options)
    assert result.code != 0
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert expected in result.err
    assert "Traceback" not in result.err
    assert sample.read_bytes() == before


def test_bad_input_in_a_real_process_is_one_line_with_no_traceback(wy, sample):
    before = sample.read_bytes()
    result = wy("sign-off", sample, "--endorse", "--reservation", "Too costly", "--section", "9", *KIRKLEES)
    assert result.code == 1
    assert result.err == "wyassembler: error: no section '9' in this project (give a section id or a number " \
                         "such as 3.1)\n"
    assert sample.read_bytes() == before


@pytest.fixture
def kirklees_key(cli, sample, tmp_path, monkeypatch):
    """Kirklees's key confirmed by the coordinator, acting as Kirklees; no passphrase given anywhere, so a
    command that asks for it fails saying so."""
    monkeypatch.delenv("WYASSEMBLER_PASSPHRASE", raising=False)

    become = partial(key_home, monkeypatch, tmp_path)
    coordinator, joint = become("coordinator"), ("--as", "Joint Services", "--by", "H. Dawson")
    assert cli("key", "new", "--name", "H. Dawson", *coordinator).code == 0
    assert cli("key", "register", sample, *joint, *coordinator).code == 0
    partner = become("kirklees")
    assert cli("key", "new", "--name", "S. Patel", *partner).code == 0
    fingerprint = json.loads(cli("key", "show", "--json").out)["fingerprint"]
    assert cli("key", "register", sample, *KIRKLEES, *partner).code == 0
    become("coordinator")
    assert cli("key", "confirm", sample, fingerprint.replace(" ", ""), *joint, *coordinator).code == 0
    become("kirklees")
    return sample


REFUSED_BEFORE_THE_PASSPHRASE = {
    "sign off a section another organisation owns": (("sign-off", "3", *KIRKLEES), "Kirklees cannot sign off"),
    "sign off a missing section": (("sign-off", "9", *KIRKLEES), "no section '9'"),
    "reservation on a missing section": (
        ("sign-off", "--endorse", "--reservation", "x", "--section", "9", *KIRKLEES), "no section '9'"),
    "authority for another organisation": (
        ("authority", "--kind", "committee", "--reference", "M 4", "--for", "Leeds", *KIRKLEES),
        "each organisation records its own authority"),
    "mark without a reason": (("mark", "4", "--confidential", "", *KIRKLEES), "needs the reason"),
    "authority without a reference": (
        ("authority", "--kind", "committee", "--reference", " ", *KIRKLEES), "--reference is empty"),
    "authority with an overlong reference": (
        ("authority", "--kind", "committee", "--reference", "x" * 4001, *KIRKLEES), "too long"),
    "mark with an overlong reason": (("mark", "4", "--confidential", "x" * 4001, *KIRKLEES), "too long"),
    "decline with an overlong note": (("sign-off", "--decline", "--note", "x" * 4001, *KIRKLEES), "too long"),
    "reservation overlong": (("sign-off", "--endorse", "--reservation", "x" * 4001, *KIRKLEES), "too long"),
    "request for changes without a note": (("sign-off", "4", "--request-changes", *KIRKLEES), "needs a note"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_BEFORE_THE_PASSPHRASE))
def test_refused_before_the_passphrase_is_asked_for(cli, kirklees_key, case):
    (command, *options), expected = REFUSED_BEFORE_THE_PASSPHRASE[case]
    before = kirklees_key.read_bytes()
    result = cli(command, kirklees_key, *options)
    assert result.code != 0
    assert expected in result.err and "passphrase" not in result.err, result.err
    assert kirklees_key.read_bytes() == before


def test_with_the_key_confirmed_and_no_passphrase_a_sign_off_says_so(cli, kirklees_key):
    """The fixture's premise: a command that may go ahead asks for the passphrase, and there is none."""
    result = cli("sign-off", kirklees_key, "4", *KIRKLEES)
    assert result.code != 0 and "no passphrase" in result.err
