"""Every command that changes a project needs to know who acts: --as ORG --by NAME, or the saved identity.

Without either, acting as the coordinator by default let anyone change what only the coordinator may
(issue 15, attack tests): now it is a one-line usage error, exit 2, and the file is left alone."""

from __future__ import annotations

import pytest

from wyassembler.projectfile.storage import load
from wyassembler.settings import Identity, save_identity

ACTING = [
    ("set", "--title", "Taken over"),
    ("set", "--coordinator", "leeds"),
    ("set", "--deadline", "2006-02-10"),
    ("add-organisation", "--name", "Yorkshire Ambulance Service"),
    ("add-section", "--title", "Mine now", "--owner", "leeds"),
    ("add-section", "--title", "Mine now", "--owner", "leeds", "--as", "joint-services"),
    ("add-section", "--title", "Mine now", "--owner", "leeds", "--by", "H. Dawson"),
    ("restore", "1"),
]


def _one_line(result) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def _with_a_backup(cli, sample, tmp_path):
    text = tmp_path / "t.md"
    text.write_text("Changed.", encoding="utf-8")
    assert cli("edit-section", sample, "2", "--from", text, "--as", "joint-services", "--by", "H. Dawson").code == 0


@pytest.mark.parametrize("args", ACTING, ids=lambda args: " ".join(args))
def test_an_acting_command_without_an_identity_is_refused_and_writes_nothing(cli, sample, tmp_path, args):
    _with_a_backup(cli, sample, tmp_path)
    before = sample.read_bytes()
    command, *rest = args
    result = cli(command, sample, *rest)
    assert result.code == 2
    line = _one_line(result)
    assert "--as ORG --by NAME" in line and "saved identity" in line
    assert sample.read_bytes() == before
    assert load(sample).project.coordinator == "joint-services"


def test_the_saved_identity_is_enough_and_is_held_to_its_own_rights(cli, sample):
    save_identity(Identity("M. Walsh", "leeds", "partner lead"))
    before = sample.read_bytes()
    refused = cli("set", sample, "--coordinator", "leeds")
    assert refused.code == 1 and "only the coordinating organisation" in _one_line(refused)
    assert sample.read_bytes() == before
    save_identity(Identity("H. Dawson", "joint-services", "coordinator"))
    assert cli("set", sample, "--deadline", "2006-02-10").code == 0
    assert load(sample).project.deadline.isoformat() == "2006-02-10"


@pytest.mark.parametrize("args", [
    ("status",), ("verify",), ("show", "3"), ("set",), ("restore", "--list"),
], ids=lambda args: " ".join(args))
def test_reading_needs_no_identity(cli, sample, tmp_path, args):
    _with_a_backup(cli, sample, tmp_path)
    before = sample.read_bytes()
    command, *rest = args
    result = cli(command, sample, *rest)
    assert result.code == 0, result.err
    assert sample.read_bytes() == before


def test_export_writes_a_document_not_the_project_and_needs_no_identity(cli, sample, tmp_path):
    before = sample.read_bytes()
    result = cli("export", sample, "-o", tmp_path / "response.docx")
    assert result.code == 0, result.err
    assert (tmp_path / "response.docx").exists() and sample.read_bytes() == before


def test_a_restore_by_a_saved_identity_of_another_partnership_is_not_recorded_as_the_coordinator(
        cli, sample, tmp_path):
    _with_a_backup(cli, sample, tmp_path)
    save_identity(Identity("A. Other", "Sheffield", "partner lead"))
    before = sample.read_bytes()
    result = cli("restore", sample, "1")
    assert result.code == 1 and "no organisation 'Sheffield'" in _one_line(result)
    assert sample.read_bytes() == before
