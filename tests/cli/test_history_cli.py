"""The history of saves from the command line: verify checks it, and an older copy put back is warned of
(stderr and status) and fails verify, using the newest entry this user's data folder remembers."""

from __future__ import annotations

import json

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


def _set_subtitle(cli, sample, words: str) -> None:
    result = cli("set", sample, "--subtitle", words, *COORDINATOR)
    assert result.code == 0, result.err


def test_verify_checks_the_history_of_saves(cli, sample):
    _set_subtitle(cli, sample, "Second save")
    result = cli("verify", sample)
    assert result.code == 0 and "2 saves in a linked history, the newest matching the file" in result.out


def test_a_hand_edited_owner_fails_verify(cli, sample):
    data = sample.read_bytes()
    sample.write_bytes(data.replace(b'owner="kirklees"', b'owner="calderdale"', 1))
    result = cli("verify", sample)
    assert result.code == 1
    assert "the file was changed outside wyassembler after its last recorded save" in result.out


def test_an_older_copy_put_back_warns_on_open_and_fails_verify(cli, sample):
    older = sample.read_bytes()
    _set_subtitle(cli, sample, "Newer")
    assert cli("status", sample).err == ""
    sample.write_bytes(older)  # what a sync client does with a stale copy
    status = cli("status", sample)
    assert status.code == 0
    assert "does not contain the newest save you have seen" in status.err
    assert status.out.startswith("Warning: this file does not contain the newest save you have seen")
    assert "older copy put back" in json.loads(cli("status", sample, "--json").out)["history_warning"]
    verify = cli("verify", sample)
    assert verify.code == 1 and "older copy put back" in verify.out
    # Opening it again does not forget what was seen: the warning stays.
    assert "does not contain the newest save" in cli("status", sample).err


def test_a_restore_is_not_taken_for_a_rollback(cli, sample):
    _set_subtitle(cli, sample, "Newer")
    assert json.loads(cli("status", sample, "--json").out)["history_warning"] is None
    assert cli("restore", sample, "1", *COORDINATOR).code == 0
    status = cli("status", sample)
    assert status.code == 0 and status.err == "" and "Warning" not in status.out
    verify = cli("verify", sample)
    assert verify.code == 0, verify.out


def test_opening_a_hand_edited_file_warns_before_a_save_vouches_for_it(cli, sample):
    data = sample.read_bytes()
    sample.write_bytes(data.replace(b'owner="kirklees"', b'owner="calderdale"', 1))
    status = cli("status", sample)
    assert "changed outside wyassembler after its last recorded save" in status.err
    assert status.err.rstrip().endswith("(run 'wyassembler verify')")
