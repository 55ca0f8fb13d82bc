"""Ownership and the coordinator from the command line, signed with the user's confirmed key (issue 15):
'set --require-signatures yes', 'assign' and 'set --coordinator' sign automatically, verify clean, and a
hand-edited owner or coordinator fails ``verify`` naming it."""

from __future__ import annotations

from tests.cli.test_signing_cli import COORDINATOR, PARTNER, people, signed  # noqa: F401 - fixtures


def _required(cli, sample, people):  # noqa: F811 - the fixture imported above
    """Signatures turned on by the coordinator with its key."""
    result = cli("set", sample, "--require-signatures", "yes", *COORDINATOR, *people("coordinator"))
    assert result.code == 0, result.err
    return people("coordinator")


def _verify(cli, sample):
    result = cli("verify", sample)
    return result.code, result.out + result.err


def test_the_coordinator_assigns_and_hands_over_with_its_key_and_verify_is_clean(cli, signed, people):  # noqa: F811
    sample, _ = signed  # the sample's older approvals are unsigned: signatures are not required here
    pass_c = people("coordinator")
    assigned = cli("assign", sample, "3", "--owner", "leeds", "--contributors", "calderdale", *COORDINATOR, *pass_c)
    assert assigned.code == 0, assigned.err
    assert "owned by Leeds, with Calderdale" in assigned.out
    assert b"<assigned owner=\"leeds\" contributors=\"calderdale\"" in sample.read_bytes()
    handed = cli("set", sample, "--coordinator", "calderdale", *COORDINATOR, *pass_c)
    assert handed.code == 0, handed.err
    code, text = _verify(cli, sample)
    assert code == 0, text
    # The old coordinator no longer assigns (it may not, and a record it signed would not count).
    refused = cli("assign", sample, "3", "--owner", "kirklees", *COORDINATOR, *pass_c)
    assert refused.code == 1 and "coordinating organisation" in refused.err
    assert "Coordinator:  Calderdale" in cli("set", sample).out


def test_a_partner_cannot_assign(cli, signed, people):  # noqa: F811
    sample, _ = signed
    before = sample.read_bytes()
    refused = cli("assign", sample, "3", "--owner", "calderdale", *PARTNER, *people("partner"))
    assert refused.code == 1 and "coordinating organisation" in refused.err and len(refused.err.splitlines()) == 1
    assert sample.read_bytes() == before


def test_a_hand_edited_owner_fails_verify(cli, signed, people):  # noqa: F811
    sample, _ = signed
    _required(cli, sample, people)
    data = sample.read_bytes()
    # Section 4 is Kirklees's; an editor of the file gives it to Calderdale.
    marker = b' owner="kirklees">'  # the section's attribute, not its signed assignment
    assert data.count(marker) == 1
    sample.write_bytes(data.replace(marker, b' owner="calderdale">'))
    code, text = _verify(cli, sample)
    assert code == 1
    assert "section 4" in text and "its owner Calderdale" in text and "owner Kirklees" in text


def test_a_hand_edited_coordinator_fails_verify(cli, signed, people):  # noqa: F811
    sample, _ = signed
    _required(cli, sample, people)
    data = sample.read_bytes()
    marker = b'<coordinator org="joint-services"/>'
    assert data.count(marker) == 1
    sample.write_bytes(data.replace(marker, b'<coordinator org="calderdale"/>'))
    code, text = _verify(cli, sample)
    assert code == 1 and "the file names Calderdale as coordinator, but no valid record does" in text
