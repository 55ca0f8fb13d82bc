"""Two people with their own keys sign the sample from the command line; forgeries fail ``verify``.

Each person has their own data folder (their own key), switched with WYASSEMBLER_DATA_DIR as two
users on two machines would be.
"""

from __future__ import annotations

import json

from datetime import UTC, datetime, timedelta

import pytest

from wyassembler import keystore
from wyassembler.core import keys

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")
PARTNER = ("--as", "calderdale", "--by", "J. Smith")


@pytest.fixture
def people(tmp_path, monkeypatch):
    """Switch to a person's own data folder and passphrase file: ``people("coordinator")``."""
    monkeypatch.delenv(keystore.PASSPHRASE_VARIABLE, raising=False)

    def become(who: str) -> tuple[str, str]:
        monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / f"data-{who}"))
        passphrase = tmp_path / f"{who}.pass"
        passphrase.write_text(f"passphrase of {who}\n", encoding="utf-8")
        return "--passphrase-file", str(passphrase)

    return become


def _status(cli, project) -> dict:
    result = cli("status", project, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _organisation(status: dict, org: str) -> dict:
    return next(entry for entry in status["organisations"] if entry["id"] == org)


def _fingerprint(cli) -> str:
    return json.loads(cli("key", "show", "--json").out)["fingerprint"]


@pytest.fixture
def signed(cli, sample, people):
    """The coordinator's key trusted on first use, Calderdale's key registered and confirmed, section 3
    approved and the response endorsed by Calderdale, both signed."""
    pass_c = people("coordinator")
    assert cli("key", "new", "--name", "H. Dawson", *pass_c).code == 0
    registered = cli("key", "register", sample, *COORDINATOR, *pass_c)
    assert registered.code == 0, registered.err
    assert "trusted on first use" in registered.out
    pass_p = people("partner")
    assert cli("key", "new", "--name", "J. Smith", *pass_p).code == 0
    partner_key = _fingerprint(cli)
    proposed = cli("key", "register", sample, *PARTNER, *pass_p)
    assert proposed.code == 0 and "Proposed" in proposed.out
    people("coordinator")
    confirmed = cli("key", "confirm", sample, partner_key.replace(" ", ""), *COORDINATOR, *pass_c)
    assert confirmed.code == 0, confirmed.err
    people("partner")
    assert cli("sign-off", sample, "3", *PARTNER, *pass_p).code == 0
    assert cli("sign-off", sample, "--endorse", *PARTNER, *pass_p).code == 0
    return sample, partner_key


def test_two_people_register_confirm_and_sign_and_status_shows_it(cli, signed):
    sample, partner_key = signed
    status = _status(cli, sample)
    section3 = status["sections"][2]
    assert section3["signatures"] == {"calderdale": "valid"}
    calderdale = _organisation(status, "calderdale")
    assert calderdale["endorsement_signature"] == "valid"
    assert calderdale["keys"] == [{"fingerprint": partner_key, "state": "confirmed"}]
    assert _organisation(status, "joint-services")["keys"][0]["state"] == "confirmed"
    assert _organisation(status, "leeds")["endorsement_signature"] == "unsigned"
    assert status["sections"][4]["signatures"] == {"leeds": "unsigned"}
    text = cli("status", sample).out
    assert partner_key in text and "trusted on first use" in text
    verified = cli("verify", sample)
    assert verified.code == 0, verified.out + verified.err
    # Calderdale's approval and endorsement; four key events (register, first-use confirm, register, confirm).
    assert "2 signed decisions and 4 key events check" in verified.out


def test_a_sign_off_with_a_key_only_proposed_goes_unsigned_and_says_why(cli, sample, people):
    pass_p = people("partner")
    cli("key", "new", "--name", "J. Smith", *pass_p)
    assert cli("key", "register", sample, *PARTNER, *pass_p).code == 0
    result = cli("sign-off", sample, "3", *PARTNER, *pass_p)
    assert result.code == 0
    assert "unsigned" in result.err and "proposed" in result.err
    assert _status(cli, sample)["sections"][2]["signatures"] == {"calderdale": "unsigned"}


def test_without_a_key_a_sign_off_is_unsigned_as_before(cli, sample):
    result = cli("sign-off", sample, "3", *PARTNER)
    assert result.code == 0 and result.err == ""
    assert _status(cli, sample)["sections"][2]["signatures"] == {"calderdale": "unsigned"}
    assert "none registered" in cli("status", sample).out


def test_a_signed_approval_edited_in_the_file_fails_verify_naming_section_and_organisation(cli, signed):
    sample, _ = signed
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace('person="J. Smith"', 'person="J. Smyth"'), encoding="utf-8")
    result = cli("verify", sample)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "section 3" in line]
    assert lines and all("Calderdale" in line for line in lines)
    assert any("endorsement" in line and "Calderdale" in line for line in result.out.splitlines())


def test_requiring_signatures_leaves_unsigned_approvals_uncounted_and_status_says_why(cli, signed, people):
    sample, _ = signed
    refused = cli("set", sample, "--require-signatures", "yes", *PARTNER)
    assert refused.code == 1 and "coordinating organisation" in refused.err
    # The coordinator turns them on with its key, signing who owns each section as it stands.
    assert cli("set", sample, "--require-signatures", "yes", *COORDINATOR, *people("coordinator")).code == 0
    status = _status(cli, sample)
    assert status["require_signatures"] is True and status["ready"] is False
    text = cli("status", sample).out
    assert "not signed (this project requires signatures)" in text
    assert "Calderdale: section 3" not in text  # its approval is signed and counts
    # Turning them off is a signed record too: without the key it is refused.
    assert cli("set", sample, "--require-signatures", "no", *COORDINATOR).code == 1
    assert cli("set", sample, "--require-signatures", "no", *COORDINATOR, *people("coordinator")).code == 0
    assert _status(cli, sample)["ready"] is True


def test_after_revoking_a_key_earlier_signatures_stay_valid_and_new_sign_offs_go_unsigned(cli, signed, people,
                                                                                          monkeypatch):
    sample, partner_key = signed
    pass_c = people("coordinator")
    # Times are kept to the second, and a signature in the very second of its key's revocation counts
    # as after it: the revocation comes a few seconds after the sign-off, as it would in life.
    later = datetime.now(UTC) + timedelta(seconds=5)
    monkeypatch.setattr(keys, "utc_now", lambda: later)
    revoked = cli("key", "revoke", sample, partner_key, "--reason", "laptop lost", *COORDINATOR, *pass_c)
    assert revoked.code == 0, revoked.err
    status = _status(cli, sample)
    assert _organisation(status, "calderdale")["keys"][0]["state"] == "revoked"
    assert status["sections"][2]["signatures"] == {"calderdale": "valid"}
    pass_p = people("partner")
    again = cli("sign-off", sample, "3", "--request-changes", "--note", "one more look", *PARTNER, *pass_p)
    assert again.code == 0 and "revoked" in again.err
    assert _status(cli, sample)["sections"][2]["signatures"] == {"calderdale": "unsigned"}


def test_a_partner_cannot_confirm_another_organisations_key(cli, sample, people):
    pass_p = people("partner")
    cli("key", "new", "--name", "J. Smith", *pass_p)
    cli("key", "register", sample, *PARTNER, *pass_p)
    partner_key = _fingerprint(cli)
    pass_l = people("leeds")
    cli("key", "new", "--name", "M. Walsh", *pass_l)
    cli("key", "register", sample, "--as", "leeds", "--by", "M. Walsh", *pass_l)
    before = sample.read_bytes()
    result = cli("key", "confirm", sample, partner_key, "--as", "leeds", "--by", "M. Walsh", *pass_l)
    assert result.code == 1 and result.err.count("\n") == 1 and "coordinator" in result.err
    assert sample.read_bytes() == before


@pytest.mark.parametrize("problem", ["no key", "wrong passphrase", "not a fingerprint"])
def test_key_commands_refuse_bad_input_in_one_line_and_write_nothing(cli, sample, people, tmp_path, problem):
    pass_p = people("partner")
    args = ["key", "register", sample, *PARTNER, *pass_p]
    if problem != "no key":
        cli("key", "new", "--name", "J. Smith", *pass_p)
    if problem == "wrong passphrase":
        wrong = tmp_path / "wrong.pass"
        wrong.write_text("not it")
        args = ["key", "register", sample, *PARTNER, "--passphrase-file", wrong]
    if problem == "not a fingerprint":
        args = ["key", "confirm", sample, "12ab", *COORDINATOR, *pass_p]
    before = sample.read_bytes()
    result = cli(*args)
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert {"no key": "no key yet", "wrong passphrase": "wrong passphrase",
            "not a fingerprint": "not a key fingerprint"}[problem] in result.err
    assert sample.read_bytes() == before


def test_a_coordinator_key_registered_before_there_was_a_coordinator_is_refused_with_the_way_out(cli, tmp_path,
                                                                                                 people):
    project = tmp_path / "early.wyproj"
    assert cli("new", project, "--title", "T", "--by", "H. Dawson").code == 0
    assert cli("add-organisation", project, "--name", "Leeds City Council", "--short-name", "Leeds",
               "--by", "H. Dawson").code == 0
    pass_c = people("coordinator")
    assert cli("key", "new", "--name", "H. Dawson", *pass_c).code == 0
    early = cli("key", "register", project, "--as", "leeds", "--by", "H. Dawson", *pass_c)
    assert early.code == 0 and "Proposed" in early.out and "The project has no coordinator yet." in early.out
    named = cli("set", project, "--coordinator", "leeds", "--as", "leeds", "--by", "H. Dawson", *pass_c)
    assert named.code == 0
    before = project.read_bytes()
    refused = cli("key", "confirm", project, _fingerprint(cli), "--as", "leeds", "--by", "H. Dawson", *pass_c)
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert "'wyassembler key new --replace'" in refused.err and "trusted on first use" in refused.err
    assert project.read_bytes() == before
    endorsed = cli("sign-off", project, "--endorse", "--as", "leeds", "--by", "H. Dawson", *pass_c)
    assert endorsed.code == 0 and "unsigned" in endorsed.err and "'wyassembler key new --replace'" in endorsed.err
    # The way out works: a new key registered now is the coordinator's first, trusted on first use.
    assert cli("key", "new", "--name", "H. Dawson", "--replace", *pass_c).code == 0
    again = cli("key", "register", project, "--as", "leeds", "--by", "H. Dawson", *pass_c)
    assert again.code == 0 and "trusted on first use" in again.out
