"""Review of issue 15 (failing until fixed): attacks and unlucky users through the command line.

Each person has their own data folder (their own key and remembered history heads), switched with
WYASSEMBLER_DATA_DIR as two users on two machines would be; files are edited as an attacker would,
in the XML or the .docx zip directly.
"""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from wyassembler.cli import main
from wyassembler import keystore

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")
PARTNER = ("--as", "calderdale", "--by", "J. Smith")
OWNERS = {"bradford": "2", "kirklees": "4", "leeds": "5", "wakefield": "6"}
OTHERS = ("bradford", "kirklees", "leeds", "wakefield", "chis", "police", "fire", "wypte")


@pytest.fixture
def run(capsys):
    """Call ``wyassembler ARGS...`` in this process; returns (code, stdout, stderr)."""

    def call(*args):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "internal error" not in captured.err
        return code, captured.out, captured.err

    return call


@pytest.fixture
def person(tmp_path, monkeypatch):
    """Become a person with their own data folder; returns their --passphrase-file arguments."""
    monkeypatch.delenv(keystore.PASSPHRASE_VARIABLE, raising=False)

    def become(who: str) -> tuple[str, str]:
        monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / f"data-{who}"))
        monkeypatch.setenv("WYASSEMBLER_CONFIG_DIR", str(tmp_path / f"config-{who}"))
        passphrase = tmp_path / f"{who}.pass"
        passphrase.write_text(f"passphrase of {who}\n", encoding="utf-8")
        return "--passphrase-file", str(passphrase)

    return become


def _fingerprint(run) -> str:
    return json.loads(run("key", "show", "--json")[1])["fingerprint"]


@pytest.fixture
def required(run, person, tmp_path):
    """The sample with the coordinator's key and Calderdale's confirmed key, signatures required, and
    section 3 approved and the response endorsed by Calderdale with its key."""
    project = tmp_path / "response.wyproj"
    assert run("sample", project)[0] == 0
    pass_c = person("coordinator")
    assert run("key", "new", "--name", "H. Dawson", *pass_c)[0] == 0
    assert run("key", "register", project, *COORDINATOR, *pass_c)[0] == 0
    pass_p = person("partner")
    assert run("key", "new", "--name", "J. Smith", *pass_p)[0] == 0
    partner_key = _fingerprint(run)
    assert run("key", "register", project, *PARTNER, *pass_p)[0] == 0
    pass_c = person("coordinator")
    assert run("key", "confirm", project, partner_key, *COORDINATOR, *pass_c)[0] == 0
    assert run("set", project, "--require-signatures", "yes", *COORDINATOR, *pass_c)[0] == 0
    pass_p = person("partner")
    assert run("sign-off", project, "3", *PARTNER, *pass_p)[0] == 0
    assert run("sign-off", project, "--endorse", *PARTNER, *pass_p)[0] == 0
    return project, partner_key


def _everyone_signs(run, person, project) -> None:
    """Every other partner makes a key, has it confirmed, and signs its section and endorsement;
    the coordinator signs section 1 and endorses."""
    for org in OTHERS:
        own = person(org)
        assert run("key", "new", "--name", f"Lead of {org}", *own)[0] == 0
        assert run("key", "register", project, "--as", org, "--by", f"Lead of {org}", *own)[0] == 0
        fingerprint = _fingerprint(run)
        assert run("key", "confirm", project, fingerprint, *COORDINATOR, *person("coordinator"))[0] == 0
        own = person(org)
        sections = [OWNERS[org]] if org in OWNERS else []
        if sections:
            assert run("sign-off", project, *sections, "--as", org, "--by", f"Lead of {org}", *own)[0] == 0
        assert run("sign-off", project, "--endorse", "--as", org, "--by", f"Lead of {org}", *own)[0] == 0
    pass_c = person("coordinator")
    assert run("sign-off", project, "1", *COORDINATOR, *pass_c)[0] == 0
    assert run("sign-off", project, "--endorse", *COORDINATOR, *pass_c)[0] == 0


def test_removing_the_unsigned_require_signatures_flag_is_laundered_by_the_next_save(run, person, required):
    """<require-signatures/> is a plain property read from the file: an attacker deletes it, any
    ordinary save (here a keyless 'endorsement' for Leeds) records a history entry vouching for the
    edited file, and verify then passes for a newcomer although no signed record turned signatures off
    (core.model/codec: require_signatures is not a signed record; history: a save vouches for a file
    it has just warned was hand-edited)."""
    project, _ = required
    text = project.read_text(encoding="utf-8")
    assert "<require-signatures/>" in text
    project.write_text(text.replace("<require-signatures/>", ""), encoding="utf-8")
    person("attacker")
    # A keyless 'endorsement' is refused outright now (the signed record still requires signatures);
    # whatever saves the file next, verify names the flag the records contradict.
    code, _, err = run("sign-off", project, "--endorse", "--as", "leeds", "--by", "M. Walsh")
    assert code != 0 and "requires signatures: nothing was recorded" in err
    person("newcomer")
    code, out, err = run("verify", project)
    assert code == 1, out + err


def test_an_unsigned_decision_from_before_signatures_were_required_fails_verify_for_ever(run, person, required):
    """Once every organisation has re-signed its current approval and endorsement, status says READY
    and a final export goes ahead, but verify still exits 1, listing the sample's 16 superseded unsigned
    decisions (core.verification._decision_problems checks every decision, not only current ones)."""
    project, _ = required
    _everyone_signs(run, person, project)
    status = json.loads(run("status", project, "--json")[1])
    assert status["ready"] is True
    code, out, err = run("verify", project)
    assert code == 0, out + err


@pytest.mark.parametrize("acting", ["another organisation", "a revoked key"])
def test_a_sign_off_that_cannot_count_is_refused_and_nothing_is_written(run, person, required, acting):
    """With signatures required, a sign-off by a key of another organisation or a revoked key is recorded
    unsigned (a note only), so it never counts and, for the revoked key, replaces the person's earlier
    valid approval; the app refuses ('This response requires signatures: nothing was recorded'), the
    command line writes (cli/key_commands.py decision signer)."""
    project, partner_key = required
    pass_p = person("partner")
    if acting == "a revoked key":
        pass_c = person("coordinator")
        assert run("key", "revoke", project, partner_key, *COORDINATOR, *pass_c, "--reason", "lost")[0] == 0
        pass_p = person("partner")
        args = ("3", *PARTNER)
    else:
        args = ("5", "--as", "leeds", "--by", "J. Smith")
    before = project.read_bytes()
    code, out, err = run("sign-off", project, *args, *pass_p)
    assert code != 0 and len(err.strip().splitlines()) == 1, out + err
    assert project.read_bytes() == before


def test_a_final_export_refuses_a_project_with_a_signature_moved_to_another_section(run, person, required):
    """Calderdale's signed approval of section 3 copied onto section 5 (hash rewritten): verify fails,
    but a final export goes ahead and writes a document whose own verify-docx fails (cli export checks
    the hashes' integrity, not signature_problems)."""
    project, _ = required
    _everyone_signs(run, person, project)
    text = project.read_text(encoding="utf-8")
    record = re.search(r'<signoff org="calderdale"[^>]*signed-by[^>]*/>', text).group(0)
    leeds_hash = re.search(r'<signoff org="leeds"[^>]*hash="([0-9a-f]{64})"[^>]*signed-by', text).group(1)
    moved = re.sub(r'hash="[0-9a-f]{64}"', f'hash="{leeds_hash}"', record)
    project.write_text(text.replace('<assigned owner="leeds"', moved + '\n      <assigned owner="leeds"', 1),
                       encoding="utf-8")
    person("newcomer")
    assert run("verify", project)[0] == 1
    code, out, err = run("export", project, "-o", project.with_suffix(".docx"))
    assert code != 0, out + err


def test_verify_docx_fails_when_an_endorsement_is_removed_from_the_manifest(run, person, required, tmp_path):
    """The manifest does not say whose endorsement the response needs, so deleting an organisation's
    endorsement from it passes verify-docx, which just lists one endorser fewer
    (word/docx_check.verify_docx; word/manifest.py writes no endorsers)."""
    project, _ = required
    _everyone_signs(run, person, project)
    exported = tmp_path / "response.docx"
    code, out, err = run("export", project, "-o", exported)
    assert code == 0, out + err
    assert run("verify-docx", exported)[0] == 0
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if b"urn:wyassembler:manifest" in data:
                data = re.sub(rb'<endorsement org="calderdale"[^>]*/>', b"", data)
            target.writestr(item, data)
    code, out, err = run("verify-docx", edited)
    assert code == 1 and "Calderdale" in out + err, out + err
