"""The command line tells storage who is saving or restoring: --by and --as, else the saved identity
(storage itself never reads the user's settings)."""

from __future__ import annotations


from wyassembler.cli.commands import lock_holder
from wyassembler.projectfile.storage import load
from wyassembler.settings import Identity, save_identity

SAVED = Identity("J. Smith", "calderdale", "partner lead")


def test_the_lock_holder_is_the_saved_identity_unless_by_and_as_say_otherwise():
    assert (lock_holder().person, lock_holder().org) == ("", "")
    save_identity(SAVED)
    assert (lock_holder().person, lock_holder().org) == ("J. Smith", "calderdale")
    assert (lock_holder("S. Patel", "kirklees").person, lock_holder("S. Patel", "kirklees").org) == (
        "S. Patel", "kirklees")


def test_a_restore_without_by_or_as_is_recorded_as_the_saved_identity(cli, sample, tmp_path):
    text = tmp_path / "t.md"
    text.write_text("Changed.", encoding="utf-8")
    assert cli("edit-section", sample, "2", "--from", text, "--as", "joint-services", "--by", "H. Dawson").code == 0
    save_identity(SAVED)
    restored = cli("restore", sample, "1")
    assert restored.code == 0, restored.err
    [record] = load(sample).project.restores
    assert (record.org, record.person) == ("calderdale", "J. Smith")


def test_a_save_s_history_entry_names_who_the_command_acts_as_not_the_saved_identity(cli, sample, tmp_path):
    text = tmp_path / "t.md"
    text.write_text("Changed.", encoding="utf-8")
    assert cli("edit-section", sample, "2", "--from", text, "--as", "bradford", "--by", "B. Ahmed").code == 0
    entry = load(sample).project.history[-1]
    assert (entry.org, entry.person) == ("bradford", "B. Ahmed")  # not the login name: no identity is saved
    save_identity(SAVED)
    text.write_text("Changed again.", encoding="utf-8")
    assert cli("edit-section", sample, "2", "--from", text, "--as", "WYPTE", "--by", "S. Patel").code == 0
    entry = load(sample).project.history[-1]
    assert (entry.org, entry.person) == ("wypte", "S. Patel")  # the organisation's id, whatever --as named
