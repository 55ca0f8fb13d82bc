"""Required signatures as signed records: deleting <require-signatures/> from the XML does not turn the
requirement off (status and readiness keep it, verify names the disagreement); the coordinator turning it
off with its key does, as a signed record."""

from __future__ import annotations

import json

import pytest

from wyassembler import keystore
from wyassembler.cli import main
from wyassembler.projectfile.storage import load

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


@pytest.fixture
def run(capsys):
    def call(*args):
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return code, captured.out, captured.err

    return call


@pytest.fixture
def required(run, tmp_path, monkeypatch):
    """The sample, the coordinator's key, and signatures required by the coordinator with that key."""
    monkeypatch.delenv(keystore.PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WYASSEMBLER_CONFIG_DIR", str(tmp_path / "config"))
    passphrase = tmp_path / "pass"
    passphrase.write_text("passphrase of the coordinator\n", encoding="utf-8")
    key = ("--passphrase-file", str(passphrase))
    project = tmp_path / "response.wyproj"
    assert run("sample", project)[0] == 0
    assert run("key", "new", "--name", "H. Dawson", *key)[0] == 0
    assert run("key", "register", project, *COORDINATOR, *key)[0] == 0
    assert run("set", project, "--require-signatures", "yes", *COORDINATOR, *key)[0] == 0
    return project, key


def test_turning_signatures_on_with_a_key_writes_a_signed_record(required):
    project, _ = required
    policies = load(project).project.signature_policies
    assert len(policies) == 1 and policies[0].required and policies[0].signature is not None
    assert "<signature-policy>" in project.read_text(encoding="utf-8")


def test_a_deleted_flag_leaves_signatures_required_and_verify_names_it(run, required):
    project, _ = required
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("<require-signatures/>", ""), encoding="utf-8")
    status = json.loads(run("status", project, "--json")[1])
    assert status["require_signatures"] is True
    code, out, err = run("verify", project)
    assert code == 1
    assert ("signatures were required by H. Dawson (Joint Services) on" in out + err
            and "the file says they are not, and no valid record turned them off" in out + err)


def test_turning_signatures_off_takes_the_coordinators_key_and_is_a_signed_record(run, required):
    project, key = required
    assert run("set", project, "--require-signatures", "no", *COORDINATOR, *key)[0] == 0
    loaded = load(project).project
    assert [policy.required for policy in loaded.signature_policies] == [True, False]
    assert json.loads(run("status", project, "--json")[1])["require_signatures"] is False
    code, out, err = run("verify", project)
    assert code == 0, out + err


def test_a_deleted_flag_does_not_let_an_unsigned_endorsement_in(run, required):
    # The signed record still requires signatures: the CLI refuses what it cannot sign, as verify judges it.
    project, _ = required
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("<require-signatures/>", ""), encoding="utf-8")
    before = len(load(project).project.endorsements)
    code, _, err = run("sign-off", project, "--endorse", "--as", "leeds", "--by", "M. Shah")
    assert code != 0 and "requires signatures: nothing was recorded" in err
    assert len(load(project).project.endorsements) == before
