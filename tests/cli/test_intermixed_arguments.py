"""A command's positional arguments may come after its options, as people type them ('comments P --open 3'):
argparse alone leaves an optional or repeated positional that comes after an option unrecognised. What parsed
before parses as before; what is unknown is still said to be."""

from __future__ import annotations

import pytest

from wyassembler.projectfile.storage import list_backups, load

BRADFORD = ("--as", "bradford", "--by", "B. Ahmed")


def test_an_optional_section_after_an_option_is_that_section(cli, sample):
    after = cli("comments", sample, "--open", "3")
    assert after.code == 0, after.err
    assert after.out == cli("comments", sample, "3", "--open").out
    assert after.out.startswith("3 ")  # the section's threads, not the whole project's


def test_sections_after_the_options_are_signed_off(cli, sample):
    before = len(load(sample).project.find_section("2").signoffs)
    signed = cli("sign-off", sample, *BRADFORD, "2")
    assert signed.code == 0, signed.err
    assert "Bradford approved section 2" in signed.out
    signoffs = load(sample).project.find_section("2").signoffs
    assert len(signoffs) == before + 1 and signoffs[-1].org == "bradford"


def test_a_backup_number_after_the_options_is_restored(cli, sample, tmp_path):
    text = tmp_path / "t.md"
    text.write_text("Changed.", encoding="utf-8")
    assert cli("edit-section", sample, "2", "--from", text, *BRADFORD).code == 0
    assert list_backups(sample)
    restored = cli("restore", sample, "--as", "joint-services", "--by", "H. Dawson", "1")
    assert restored.code == 0, restored.err
    assert "Restored" in restored.out and "Changed." not in cli("show", sample, "2").out


def test_list_and_a_backup_number_together_are_one_usage_line(cli, sample):
    both = cli("restore", sample, "--list", "1")
    assert both.code == 2 and both.err.count("\n") == 1
    assert "give --list or a backup number N, not both" in both.err


@pytest.mark.parametrize("arguments, unknown", [
    (("comments", "{p}", "--open", "3", "4"), "3 4"),
    (("comments", "{p}", "--bogus"), "--bogus"),
    (("show", "{p}", "2", "3"), "3"),
])
def test_what_no_argument_takes_is_still_unrecognised(cli, sample, arguments, unknown):
    said = cli(*(str(sample) if arg == "{p}" else arg for arg in arguments))
    assert said.code == 2 and f"unrecognized arguments: {unknown}" in said.err
