"""``delete-section``: the app's Section › Delete Section on the command line, by the core's rules.

The coordinator may delete any section; an editor of a section may delete the sub-sections under it (the rule
for adding them); nobody else. The section goes with its sub-sections and their sign-offs, each leaving a
tombstone, so a merge with a copy that did not edit it keeps it deleted and one that edited it brings it back.
"""

from __future__ import annotations

import shutil

import pytest

from tests.cli.test_signing_cli import people, signed  # noqa: F401 - fixtures
from tests.git_repos import git, isolate_git, needs_git, new_repository
from wyassembler.projectfile.storage import load

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")
KIRKLEES = ("--as", "Kirklees", "--by", "S. Patel")  # owns section 4
LEEDS = ("--as", "leeds", "--by", "M. Walsh")  # owns section 5
SECTION_4 = "Professionalism in terms of the planning delivery, management, skills and governance of IT enabled change."


def _one_line(result) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def _headings(path) -> list[str]:
    return [section.heading for section in load(path).project.all_sections()]


def _verify(cli, path) -> None:
    result = cli("verify", path)
    assert result.code == 0, result.out + result.err
    assert "sound" in result.out


@pytest.fixture
def with_subsections(cli, sample):
    """Section 4 (Kirklees's) with 4.1 and 4.1.1 added under it by Kirklees."""
    for parent, title in (("4", "Skills"), ("4.1", "Apprenticeships")):
        added = cli("add-section", sample, "--parent", parent, "--title", title, "--owner", "kirklees", *KIRKLEES)
        assert added.code == 0, added.err
    return sample


def test_the_coordinator_deletes_a_section_leaving_a_tombstone(cli, sample):
    gone = load(sample).project.find_section("4")
    result = cli("delete-section", sample, "4", *COORDINATOR)
    assert result.code == 0, result.err
    assert result.out == f"Deleted section 4 \u201c{SECTION_4}\u201d; its sign-offs went with it.\n"
    project = load(sample).project
    assert SECTION_4 not in _headings(sample) and len(project.sections) == 5
    assert [(t.section_id, t.org, t.person) for t in project.tombstones] == [(gone.id, "joint-services", "H. Dawson")]
    assert project.history[-1].org == "joint-services" and project.history[-1].person == "H. Dawson"
    _verify(cli, sample)


def test_a_section_goes_with_all_its_sub_sections(cli, with_subsections):
    result = cli("delete-section", with_subsections, "4", *COORDINATOR)
    assert result.code == 0, result.err
    assert result.out == (f"Deleted section 4 \u201c{SECTION_4}\u201d and its 2 sub-sections; "
                          f"their sign-offs went with them.\n")
    assert not {"Skills", "Apprenticeships", SECTION_4} & set(_headings(with_subsections))
    assert len(load(with_subsections).project.tombstones) == 3
    _verify(cli, with_subsections)


def test_the_owner_of_a_section_deletes_a_sub_section_under_it_by_its_stable_id(cli, with_subsections):
    sub_id = load(with_subsections).project.find_section("4.1").id
    result = cli("delete-section", with_subsections, sub_id, *KIRKLEES)
    assert result.code == 0, result.err
    assert result.out == ("Deleted section 4.1 \u201cSkills\u201d and its 1 sub-section; "
                          "their sign-offs went with them.\n")
    assert SECTION_4 in _headings(with_subsections) and "Skills" not in _headings(with_subsections)
    _verify(cli, with_subsections)


ONLY_THE_COORDINATOR = ("only the coordinating organisation (Joint Services) may change the outline, the partners "
                        "or the project's properties")
ONLY_ITS_EDITORS = ("only Kirklees, CHIS and Joint Services (coordinator) may add or delete sub-sections under "
                    f"section 4 \u201c{SECTION_4}\u201d")  # section 4's owner and contributor, or the coordinator


@pytest.mark.parametrize(("section", "who", "reason"),
                         [("4", KIRKLEES, ONLY_THE_COORDINATOR), ("4", LEEDS, ONLY_THE_COORDINATOR),
                          ("4.1", LEEDS, ONLY_ITS_EDITORS)],
                         ids=["owner-of-a-top-level-section", "another-partner", "another-partner-sub-section"])
def test_refused_with_the_cores_reason_and_nothing_written(cli, with_subsections, section, who, reason):
    before = with_subsections.read_bytes()
    result = cli("delete-section", with_subsections, section, *who)
    assert result.code == 1
    heading = SECTION_4 if section == "4" else "Skills"
    assert _one_line(result) == f"wyassembler: error: section {section} \u201c{heading}\u201d was not deleted: {reason}"
    assert result.out == ""
    assert with_subsections.read_bytes() == before


def test_adding_a_sub_section_is_refused_naming_who_may_as_deleting_one_is(cli, sample):
    before = sample.read_bytes()
    result = cli("add-section", sample, "--parent", "4", "--title", "Ours", "--owner", "leeds", *LEEDS)
    assert result.code == 1
    assert _one_line(result) == f"wyassembler: error: {ONLY_ITS_EDITORS}"
    assert sample.read_bytes() == before


def test_an_unknown_section_is_one_line_and_nothing_written(cli, sample):
    before = sample.read_bytes()
    result = cli("delete-section", sample, "9", *COORDINATOR)
    assert result.code == 1
    assert _one_line(result) == ("wyassembler: error: no section '9' in this project "
                                 "(give a section id or a number such as 3.1)")
    assert sample.read_bytes() == before


@pytest.mark.parametrize("who", [(), ("--as", "joint-services"), ("--by", "H. Dawson")],
                         ids=["neither", "no-by", "no-as"])
def test_without_as_and_by_it_is_a_usage_error_and_nothing_written(cli, sample, who):
    before = sample.read_bytes()
    result = cli("delete-section", sample, "4", *who)
    assert result.code == 2
    assert "--as ORG --by NAME" in _one_line(result)
    assert sample.read_bytes() == before


def _copy_then_delete(cli, sample, tmp_path):
    laptop = tmp_path / "laptop.wyproj"
    shutil.copy(sample, laptop)
    assert cli("delete-section", sample, "4", *COORDINATOR).code == 0
    return laptop


def test_a_merge_with_a_copy_that_did_not_edit_it_keeps_it_deleted(cli, sample, tmp_path):
    laptop = _copy_then_delete(cli, sample, tmp_path)
    other = tmp_path / "five.md"
    other.write_text("Leeds edits section five on the laptop.", encoding="utf-8")
    assert cli("edit-section", laptop, "5", "--from", other, *LEEDS).code == 0
    merged = cli("merge", sample, laptop)
    assert merged.code == 0, merged.err
    assert SECTION_4 not in _headings(sample)
    assert "Leeds edits section five on the laptop." in cli("show", sample, "4").out  # 5 is 4 now
    # and the other way round: the copy that still has it loses it
    assert cli("merge", laptop, sample).code == 0
    assert SECTION_4 not in _headings(laptop)
    _verify(cli, sample)
    _verify(cli, laptop)


def test_a_merge_with_a_copy_that_edited_it_brings_it_back(cli, sample, tmp_path):
    laptop = _copy_then_delete(cli, sample, tmp_path)
    edit = tmp_path / "four.md"
    edit.write_text("Kirklees rewrote this offline.", encoding="utf-8")
    assert cli("edit-section", laptop, "4", "--from", edit, *KIRKLEES).code == 0
    merged = cli("merge", sample, laptop)
    assert merged.code == 0, merged.err
    assert "was deleted by H. Dawson" in merged.err and "an edit" in merged.err
    assert cli("show", sample, "4").out == f"# {SECTION_4}\n\nKirklees rewrote this offline.\n"
    _verify(cli, sample)


def test_with_signatures_required_deleting_a_signed_section_adds_no_verify_problem(cli, signed, people):  # noqa: F811
    sample, _ = signed
    assert cli("set", sample, "--require-signatures", "yes", *COORDINATOR, *people("coordinator")).code == 0
    added = cli("add-section", sample, "--title", "Signed", "--owner", "leeds", *COORDINATOR, *people("coordinator"))
    assert added.code == 0, added.err
    assert b'<assigned owner="leeds"' in sample.read_bytes()
    before = _problems(cli, sample)  # the sample's older sign-offs are unsigned: each is one already
    assert before and not any("Signed" in line or "section 7" in line for line in before)
    assert cli("delete-section", sample, "7", *COORDINATOR).code == 0  # deleting signs nothing: no key asked
    assert "Signed" not in _headings(sample)
    assert _problems(cli, sample) == before  # the deleted section's signed assignment is no problem


def _problems(cli, path) -> list[str]:
    result = cli("verify", path)
    return [line for line in result.out.splitlines()[1:] if "problem" not in line]


@needs_git
def test_in_a_git_work_tree_a_branch_deleting_it_merges_as_the_command_line_merge_does(cli, tmp_path, monkeypatch):
    """The new user's case: the response kept in git, a branch deletes section 4 from the command line."""
    isolate_git(monkeypatch, tmp_path)
    repo = new_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    assert cli("git-setup").code == 0
    project = repo / "response.wyproj"
    assert cli("sample", project).code == 0
    git(repo, "add", ".gitattributes", "response.wyproj")
    git(repo, "commit", "-q", "-m", "the response")
    git(repo, "checkout", "-q", "-b", "feature")
    assert cli("delete-section", project, "4", *COORDINATOR).code == 0
    # saved as every command saves in a work tree: no lock file, backup or temporary file beside it
    assert git(repo, "status", "--porcelain", "--untracked-files=all").stdout == " M response.wyproj\n"
    git(repo, "commit", "-q", "-am", "feature deletes section four")
    git(repo, "checkout", "-q", "main")
    words = tmp_path / "two.md"
    words.write_text("Main edits section two.", encoding="utf-8")
    assert cli("edit-section", project, "2", "--from", words, *COORDINATOR).code == 0
    git(repo, "commit", "-q", "-am", "main edits section two")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert SECTION_4 not in _headings(project)
    assert cli("show", project, "2").out.endswith("Main edits section two.\n")
    _verify(cli, project)
