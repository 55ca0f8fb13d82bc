"""Offline copies on the command line: merge, see conflicts, resolve them, restore backups."""

from __future__ import annotations

import json
import shutil

import pytest


def _status(cli, path) -> dict:
    result = cli("status", path, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _one_clean_line(result) -> str:
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


@pytest.fixture
def offline(cli, sample, tmp_path):
    """The shared file and a laptop copy of it, each then edited on its own."""
    laptop = tmp_path / "laptop.wyproj"
    shutil.copy(sample, laptop)
    texts = {}
    for name, words in [("office-2", "Office edits section two."), ("office-3", "Office edits section three."),
                        ("laptop-3", "Laptop edits section three."), ("laptop-5", "Laptop edits section five.")]:
        texts[name] = tmp_path / f"{name}.md"
        texts[name].write_text(words, encoding="utf-8")
    assert cli("edit-section", sample, "2", "--from", texts["office-2"],
               "--as", "joint-services", "--by", "H. Dawson").code == 0
    assert cli("edit-section", sample, "3", "--from", texts["office-3"],
               "--as", "calderdale", "--by", "J. Smith").code == 0
    assert cli("edit-section", laptop, "3", "--from", texts["laptop-3"],
               "--as", "calderdale", "--by", "A. Laptop").code == 0
    assert cli("edit-section", laptop, "5", "--from", texts["laptop-5"], "--as", "leeds", "--by", "M. Walsh").code == 0
    return sample, laptop


def test_two_offline_copies_merge_keeping_every_change_and_one_conflict_copy(cli, offline):
    shared, laptop = offline
    laptop_before = laptop.read_bytes()
    result = cli("merge", shared, laptop)
    assert result.code == 0, result.err
    assert "1 section(s) changed in both now hold a conflict copy" in result.out
    assert "conflict copy 1" in result.err and "show" in result.err
    assert laptop.read_bytes() == laptop_before  # OTHER is only read
    assert cli("show", shared, "2").out.endswith("Office edits section two.\n")
    assert cli("show", shared, "5").out.endswith("Laptop edits section five.\n")
    counts = {row["number"]: row["conflicts"] for row in _status(cli, shared)["sections"]}
    assert counts == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 0, "6": 0}
    shown = cli("show", shared, "3", "--conflicts")
    assert shown.code == 0
    current, copy = shown.out.split("----- conflict copy 1 of 1: by A. Laptop (Calderdale), ")
    assert current.startswith("# Moving to a Shared Services Culture\n") and "Office edits section three." in current
    assert copy.splitlines()[2] == "# Moving to a Shared Services Culture" and "Laptop edits section three." in copy
    assert cli("verify", shared).code == 0
    again = cli("merge", shared, laptop)
    assert again.code == 0 and again.out.startswith("Nothing to merge")


def test_resolving_by_taking_the_copy_then_nothing_left(cli, offline):
    shared, laptop = offline
    cli("merge", shared, laptop)
    result = cli("resolve", shared, "3", "--take", "1", "--as", "calderdale", "--by", "J. Smith")
    assert result.code == 0, result.err
    assert "took conflict copy 1; 1 conflict copy closed" in result.out
    assert cli("show", shared, "3").out.endswith("Laptop edits section three.\n")
    assert _status(cli, shared)["sections"][2]["conflicts"] == 0
    assert cli("verify", shared).code == 0
    # The laptop still has its old text; merging it again does not bring the clash back.
    assert cli("merge", shared, laptop).code == 0
    assert _status(cli, shared)["sections"][2]["conflicts"] == 0


@pytest.mark.parametrize("how", [["--take-current"], ["--from", "{merged}"]])
def test_resolving_by_keeping_current_or_a_merged_text(cli, offline, tmp_path, how):
    shared, laptop = offline
    cli("merge", shared, laptop)
    merged = tmp_path / "merged.md"
    merged.write_text("Both, combined.", encoding="utf-8")
    args = [a.replace("{merged}", str(merged)) for a in how]
    result = cli("resolve", shared, "3", *args, "--as", "police", "--by", "P. Clarke")
    assert result.code == 0, result.err
    expected = "Office edits section three." if how == ["--take-current"] else "Both, combined."
    assert cli("show", shared, "3").out.endswith(expected + "\n")
    assert _status(cli, shared)["sections"][2]["conflicts"] == 0


def test_merge_refuses_another_projects_file_and_changes_nothing(cli, sample, tmp_path):
    other = tmp_path / "other.wyproj"
    assert cli("new", other, "--title", "Another response", "--preset", "west-yorkshire", "--by", "X").code == 0
    before = sample.read_bytes()
    line = _one_clean_line(cli("merge", sample, other))
    assert "is a different project (\u201cAnother response\u201d)" in line
    assert sample.read_bytes() == before


@pytest.mark.parametrize("args, expected", [
    (["resolve", "{p}", "3", "--take-current", "--as", "calderdale", "--by", "X"], "has no conflict copies"),
    (["resolve", "{p}", "3", "--take", "2", "--as", "calderdale", "--by", "X"], "no conflict copies"),
    (["resolve", "{p}", "3", "--as", "calderdale", "--by", "X"], "one of the arguments"),
    (["resolve", "{p}", "3", "--take-current", "--take", "1", "--as", "calderdale", "--by", "X"], "not allowed with"),
    (["merge", "{p}", "{p}"], "two different files"),
    (["merge", "{p}", "{missing}"], "no such file"),
    (["restore", "{p}", "5", "--as", "joint-services", "--by", "X"], "has no backups"),
    (["restore", "{p}", "--list"], "has no backups yet"),
])
def test_mistakes_get_one_line_and_leave_the_file_alone(cli, sample, tmp_path, args, expected):
    before = sample.read_bytes()
    names = {"p": sample, "missing": tmp_path / "missing.wyproj"}
    line = _one_clean_line(cli(*[a.format(**names) for a in args]))
    assert expected in line
    assert sample.read_bytes() == before


def test_resolving_needs_edit_rights(cli, offline):
    shared, laptop = offline
    cli("merge", shared, laptop)
    before = shared.read_bytes()
    line = _one_clean_line(cli("resolve", shared, "3", "--take-current", "--as", "kirklees", "--by", "S. Patel"))
    assert "Kirklees may not edit section 3" in line
    assert shared.read_bytes() == before


def test_restore_lists_backups_and_puts_one_back(cli, sample, tmp_path):
    original = sample.read_bytes()
    text = tmp_path / "t.md"
    text.write_text("Changed.", encoding="utf-8")
    assert cli("edit-section", sample, "2", "--from", text, "--as", "joint-services", "--by", "H. Dawson").code == 0
    listed = cli("restore", sample, "--list")
    assert listed.code == 0 and listed.out.startswith("  1  ") and "Transformational Government" in listed.out
    restored = cli("restore", sample, "1", "--as", "joint-services", "--by", "H. Dawson")
    assert restored.code == 0, restored.err
    # Recorded as a step forward (a new revision with the old text), so the text is the original's.
    before = tmp_path / "original.wyproj"
    before.write_bytes(original)
    assert cli("show", sample, "2").out == cli("show", before, "2").out


def test_a_damaged_project_names_its_newest_good_backup(cli, sample, tmp_path):
    text = tmp_path / "t.md"
    text.write_text("Changed.", encoding="utf-8")
    cli("edit-section", sample, "2", "--from", text, "--as", "joint-services", "--by", "H. Dawson")
    sample.write_bytes(sample.read_bytes()[:500])
    line = _one_clean_line(cli("status", sample))
    assert "newest good backup is" in line and f"wyassembler restore {sample}" in line
