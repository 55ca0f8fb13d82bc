"""git merges a .wyproj through ``wyassembler merge-driver`` (registered by ``git-setup``), with REAL git: two
branches editing different sections merge cleanly into a file that verifies; the same section on both gives
a conflict copy (never ``<<<<<<<``) that ``resolve`` and ``git add`` settle; a deletion against an edit; a
renamed file; signed approvals on each branch survive; anything that cannot be merged leaves OURS exactly as
it was, in one line, exit 2."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from tests.git_repos import git, isolate_git, needs_git, new_repository
from wyassembler import keystore
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor, utc_now
from wyassembler.projectfile import codec, storage

pytestmark = needs_git

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")
CALDERDALE = ("--as", "calderdale", "--by", "J. Smith")
LEEDS = ("--as", "leeds", "--by", "M. Walsh")


@pytest.fixture
def repo(cli, tmp_path, monkeypatch) -> Path:
    """A repository set up with git-setup, the sample response committed on main."""
    isolate_git(monkeypatch, tmp_path)
    repo = new_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    setup = cli("git-setup")
    assert setup.code == 0, setup.err
    assert cli("sample", repo / "response.wyproj").code == 0
    git(repo, "add", ".gitattributes", "response.wyproj")
    git(repo, "commit", "-q", "-m", "the response")
    return repo


def _edit(cli, tmp_path: Path, project: Path, section: str, words: str, who=COORDINATOR) -> None:
    text = tmp_path / "words.md"
    text.write_text(words, encoding="utf-8")
    result = cli("edit-section", project, section, "--from", text, *who)
    assert result.code == 0, result.err


def _commit(repo: Path, message: str, *paths: str) -> None:
    git(repo, "add", *(paths or ("response.wyproj",)))
    git(repo, "commit", "-q", "-m", message)


def _branches(cli, repo: Path, tmp_path: Path, feature: tuple[str, str], main: tuple[str, str]) -> Path:
    """Branch 'feature' edits section feature[0]; then main edits main[0]; main is checked out."""
    project = repo / "response.wyproj"
    git(repo, "checkout", "-q", "-b", "feature")
    _edit(cli, tmp_path, project, feature[0], feature[1])
    _commit(repo, "feature edit")
    git(repo, "checkout", "-q", "main")
    _edit(cli, tmp_path, project, main[0], main[1])
    _commit(repo, "main edit")
    return project


def _status(cli, project: Path) -> dict:
    result = cli("status", project, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _verifies(cli, project: Path) -> str:
    result = cli("verify", project)
    assert result.code == 0, result.out + result.err
    return result.out


def test_branches_editing_different_sections_merge_cleanly_with_a_two_parent_merge_entry(cli, repo, tmp_path):
    project = _branches(cli, repo, tmp_path, ("2", "Feature edits section two."), ("5", "Main edits section five."))
    heads = {branch: storage.load(project).project.history[-1].id for branch in ("main",)}
    git(repo, "checkout", "-q", "feature")
    heads["feature"] = storage.load(project).project.history[-1].id
    git(repo, "checkout", "-q", "main")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout
    assert len(git(repo, "log", "-1", "--format=%P").stdout.split()) == 2  # git's merge commit
    _verifies(cli, project)
    assert cli("show", project, "2").out.endswith("Feature edits section two.\n")
    assert cli("show", project, "5").out.endswith("Main edits section five.\n")
    entry = storage.load(project).project.history[-1]
    assert entry.kind == "merge" and set(entry.parents) == {heads["main"], heads["feature"]}
    assert b"<<<<<<<" not in project.read_bytes()
    assert git(repo, "status", "--porcelain", "response.wyproj").stdout == ""


def test_the_same_section_on_both_branches_is_a_conflict_copy_resolved_then_added_and_committed(cli, repo,
                                                                                              tmp_path):
    project = _branches(cli, repo, tmp_path, ("3", "Feature edits section three."),
                        ("3", "Main edits section three."))
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout
    said = merged.stderr
    assert "wyassembler merge-driver: response.wyproj: 1 section(s) changed on both branches" in said
    assert "wyassembler resolve response.wyproj 3" in said and "git add response.wyproj" in said
    assert "Traceback" not in said
    assert b"<<<<<<<" not in project.read_bytes() and b">>>>>>>" not in project.read_bytes()
    _verifies(cli, project)
    assert [row["conflicts"] for row in _status(cli, project)["sections"]][2] == 1
    shown = cli("show", project, "3", "--conflicts").out
    current, copy = shown.split("----- conflict copy 1 of 1")
    assert "Main edits section three." in current and "Feature edits section three." in copy  # ours stays current
    assert "response.wyproj" in git(repo, "diff", "--name-only", "--diff-filter=U").stdout

    resolved = cli("resolve", project, "3", "--take", "1", *COORDINATOR)
    assert resolved.code == 0, resolved.err
    git(repo, "add", "response.wyproj")
    git(repo, "commit", "-q", "--no-edit")
    assert git(repo, "status", "--porcelain", "response.wyproj").stdout == ""
    assert cli("show", project, "3").out.endswith("Feature edits section three.\n")
    assert [row["conflicts"] for row in _status(cli, project)["sections"]][2] == 0
    _verifies(cli, project)


def _feature_deletes_four_while_main_edits(cli, repo: Path, tmp_path: Path, section: str, words: str):
    """Branch 'feature' deletes section 4 (with the command line); main edits ``section``; main merges feature.
    Returns (section 4's id, git merge's result)."""
    project = repo / "response.wyproj"
    four = storage.load(project).project.find_section("4").id
    git(repo, "checkout", "-q", "-b", "feature")
    assert cli("delete-section", project, "4", *COORDINATOR).code == 0
    _commit(repo, "feature deletes section four")
    git(repo, "checkout", "-q", "main")
    _edit(cli, tmp_path, project, section, words)
    _commit(repo, f"main edits section {section}")
    return four, git(repo, "merge", "--no-edit", "feature", check=False)


def test_a_section_deleted_on_one_branch_and_edited_on_the_other_comes_back_an_edit_beats_a_delete(cli, repo,
                                                                                                 tmp_path):
    four, merged = _feature_deletes_four_while_main_edits(cli, repo, tmp_path, "4", "Main edits section four.")
    assert merged.returncode == 0, merged.stdout + merged.stderr  # the rule decides; no conflict copy
    assert "an edit beats a delete" in merged.stderr and "was not in the copy it was deleted from" in merged.stderr
    project = repo / "response.wyproj"
    _verifies(cli, project)
    assert cli("show", project, four).out.endswith("Main edits section four.\n")  # put back


def test_a_section_deleted_on_one_branch_and_untouched_on_the_other_stays_deleted(cli, repo, tmp_path):
    four, merged = _feature_deletes_four_while_main_edits(cli, repo, tmp_path, "2", "Main edits section two.")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    project = repo / "response.wyproj"
    _verifies(cli, project)
    assert four not in {section.id for section in storage.load(project).project.all_sections()}
    assert cli("show", project, "2").out.endswith("Main edits section two.\n")


def test_a_file_renamed_on_one_branch_merges_with_the_edit_on_the_other_named_by_its_new_path(cli, repo,
                                                                                              tmp_path):
    project = repo / "response.wyproj"
    git(repo, "checkout", "-q", "-b", "feature")
    git(repo, "mv", "response.wyproj", "final response.wyproj")
    renamed = repo / "final response.wyproj"
    _edit(cli, tmp_path, renamed, "2", "Feature edits section two.")
    _commit(repo, "feature renames the file and edits section two", "final response.wyproj")
    git(repo, "checkout", "-q", "main")
    _edit(cli, tmp_path, project, "2", "Main edits section two.")
    _edit(cli, tmp_path, project, "5", "Main edits section five.")
    _commit(repo, "main edits sections two and five")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode != 0  # both edited section two: git's %P is the new name, quoted for sh
    assert "wyassembler merge-driver: final response.wyproj: 1 section(s) changed on both" in merged.stderr
    assert not project.exists() and b"<<<<<<<" not in renamed.read_bytes()
    _verifies(cli, renamed)
    assert cli("show", renamed, "5").out.endswith("Main edits section five.\n")
    assert "Feature edits section two." in cli("show", renamed, "2", "--conflicts").out


def test_two_branches_that_each_added_the_project_merge_without_a_common_ancestor(cli, tmp_path, monkeypatch):
    isolate_git(monkeypatch, tmp_path)
    repo = new_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    assert cli("git-setup").code == 0
    _commit(repo, "set up", ".gitattributes")
    original = tmp_path / "original.wyproj"
    assert cli("sample", original).code == 0
    project = repo / "response.wyproj"
    for branch, (number, words) in (("feature", ("2", "Feature edits two.")), ("main", ("5", "Main edits five."))):
        git(repo, "checkout", "-q", *(("-b", branch) if branch == "feature" else (branch,)))
        shutil.copy(original, project)
        _edit(cli, tmp_path, project, number, words)
        _commit(repo, f"{branch} adds the response")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)  # add/add: git's base is an empty file
    assert merged.returncode == 0, merged.stdout + merged.stderr
    _verifies(cli, project)
    assert cli("show", project, "2").out.endswith("Feature edits two.\n")
    assert cli("show", project, "5").out.endswith("Main edits five.\n")


def _become(monkeypatch, tmp_path: Path, who: str) -> tuple[str, str]:
    """Act as ``who``: its own key store and passphrase file; the --passphrase-file arguments."""
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(tmp_path / f"data-{who}"))
    passphrase = tmp_path / f"{who}.pass"
    passphrase.write_text(f"passphrase of {who}\n", encoding="utf-8")
    return "--passphrase-file", str(passphrase)


def test_a_signed_approval_on_each_branch_survives_the_merge_and_verifies(cli, repo, tmp_path, monkeypatch):
    monkeypatch.delenv(keystore.PASSPHRASE_VARIABLE, raising=False)
    project = repo / "response.wyproj"
    partner = _become(monkeypatch, tmp_path, "partner")
    assert cli("key", "new", "--name", "J. Smith", *partner).code == 0
    partner_key = json.loads(cli("key", "show", "--json").out)["fingerprint"].replace(" ", "")
    coordinator = _become(monkeypatch, tmp_path, "coordinator")
    assert cli("key", "new", "--name", "H. Dawson", *coordinator).code == 0
    assert cli("key", "register", project, *COORDINATOR, *coordinator).code == 0
    _become(monkeypatch, tmp_path, "partner")
    assert cli("key", "register", project, *CALDERDALE, *partner).code == 0
    _become(monkeypatch, tmp_path, "coordinator")
    assert cli("key", "confirm", project, partner_key, *COORDINATOR, *coordinator).code == 0
    _commit(repo, "two confirmed keys")
    git(repo, "checkout", "-q", "-b", "feature")
    assert cli("sign-off", project, "1", *COORDINATOR, *coordinator).code == 0
    _commit(repo, "the coordinator approves section one")
    git(repo, "checkout", "-q", "main")
    _become(monkeypatch, tmp_path, "partner")
    assert cli("sign-off", project, "3", *CALDERDALE, *partner).code == 0
    _commit(repo, "Calderdale approves section three")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "2 signed decisions" in _verifies(cli, project)
    sections = _status(cli, project)["sections"]
    assert sections[0]["signatures"] == {"joint-services": "valid"}
    assert sections[2]["signatures"] == {"calderdale": "valid"}


# -- what cannot be merged: OURS untouched, one line, exit 2 -----------------------------

@pytest.fixture
def versions(cli, tmp_path) -> dict[str, Path]:
    """A base, ours and theirs of one project (each side edited), an empty file, garbage and another project."""
    paths = {name: tmp_path / f"{name}.wyproj" for name in ("base", "ours", "theirs", "other")}
    assert cli("sample", paths["base"]).code == 0
    shutil.copy(paths["base"], paths["ours"])
    shutil.copy(paths["base"], paths["theirs"])
    _edit(cli, tmp_path, paths["ours"], "2", "Ours.")
    _edit(cli, tmp_path, paths["theirs"], "5", "Theirs.")
    assert cli("new", paths["other"], "--title", "Another response", "--by", "H. Dawson").code == 0
    paths["empty"] = tmp_path / "empty"
    paths["empty"].write_bytes(b"")
    paths["garbage"] = tmp_path / "garbage"
    paths["garbage"].write_bytes(b"<<<<<<< HEAD\nnot a project\x00\xff")
    paths["huge"] = tmp_path / "huge.wyproj"
    with paths["huge"].open("wb") as handle:
        handle.truncate(codec.MAX_FILE_BYTES + 1)  # sparse: refused by its size before it is read
    return paths


@pytest.mark.parametrize("base, ours, theirs, said", [
    ("base", "garbage", "theirs", "this branch's version cannot be read"),
    ("base", "ours", "garbage", "the version being merged in cannot be read"),
    ("garbage", "ours", "theirs", "the common ancestor's version cannot be read"),
    ("base", "ours", "other", "is a different project"),
    ("base", "ours", "empty", "the version being merged in cannot be read"),
    ("base", "empty", "theirs", "this branch's version cannot be read"),
    ("base", "ours", "huge", "the version being merged in cannot be read"),
    ("base", "ours", "missing", "the version being merged in cannot be read"),
])
def test_what_cannot_be_merged_leaves_ours_byte_for_byte_in_one_line_exit_2(wy, versions, tmp_path, base, ours,
                                                                              theirs, said):
    versions["missing"] = tmp_path / "missing.wyproj"
    before = versions[ours].read_bytes()
    result = wy("merge-driver", versions[base], versions[ours], versions[theirs], "docs/response.wyproj")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    assert lines[0].startswith("wyassembler merge-driver: docs/response.wyproj: ") and said in lines[0]
    assert lines[0].endswith("not merged, the file is left as it was on this branch")
    assert versions[ours].read_bytes() == before
    assert result.out == ""


def test_an_empty_base_is_no_common_ancestor_and_the_two_sides_merge(cli, versions):
    result = cli("merge-driver", versions["empty"], versions["ours"], versions["theirs"])
    assert result.code == 0, result.err
    assert cli("show", versions["ours"], "2").out.endswith("Ours.\n")
    assert cli("show", versions["ours"], "5").out.endswith("Theirs.\n")
    assert cli("verify", versions["ours"]).code == 0


def test_the_driver_reads_its_inputs_and_writes_only_ours(cli, versions):
    kept = {name: versions[name].read_bytes() for name in ("base", "theirs")}
    backups = storage.list_backups(versions["ours"])
    before = versions["ours"].read_bytes()
    assert cli("merge-driver", versions["base"], versions["ours"], versions["theirs"]).code == 0
    assert versions["ours"].read_bytes() != before
    assert {name: versions[name].read_bytes() for name in kept} == kept
    assert not list(versions["ours"].parent.glob(".ours.wyproj.*.tmp"))  # no temporary left behind
    assert storage.list_backups(versions["ours"]) == backups  # git keeps the versions, not a backup folder


def test_the_collector_is_back_on_after_the_driver_whatever_it_did(cli, versions):
    import gc

    assert gc.isenabled()
    assert cli("merge-driver", versions["base"], versions["ours"], versions["theirs"]).code == 0
    assert gc.isenabled()
    assert cli("merge-driver", versions["base"], versions["ours"], versions["garbage"]).code == 2
    assert gc.isenabled()


def test_an_internal_error_is_one_line_with_the_log_named_and_ours_untouched(cli, versions, monkeypatch):
    from wyassembler.cli import git_commands

    def broken(*args, **kwargs):
        raise RuntimeError("a rule that is wrong")

    monkeypatch.setattr(git_commands, "merge_projects", broken)
    before = versions["ours"].read_bytes()
    result = cli("merge-driver", versions["base"], versions["ours"], versions["theirs"], "response.wyproj")
    assert result.code == 2 and versions["ours"].read_bytes() == before
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    assert "internal error: RuntimeError: a rule that is wrong (details are in " in lines[0]


def test_a_version_changed_outside_wyassembler_is_merged_and_the_merge_entry_says_so(cli, versions):
    data = versions["theirs"].read_bytes()
    assert data.count(b"Transformational Government") >= 1
    versions["theirs"].write_bytes(data.replace(b"Transformational Government", b"Transformed Government", 1))
    result = cli("merge-driver", versions["base"], versions["ours"], versions["theirs"], "response.wyproj")
    assert result.code == 0, result.err
    assert ("wyassembler merge-driver: response.wyproj: the version merged in holds changes made outside "
            "wyassembler") in result.err
    merged = storage.load(versions["ours"]).project
    assert merged.history[-1].kind == "merge-over-change" and len(merged.history[-1].parents) == 2
    verified = cli("verify", versions["ours"])
    assert verified.code == 1 and "over a change made outside wyassembler" in verified.out  # never hidden


def test_a_project_whose_name_starts_with_a_dash_is_merged_as_a_path_not_an_option(cli, repo, tmp_path):
    git(repo, "mv", "--", "response.wyproj", "-draft.wyproj")
    _commit(repo, "renamed", "--", "-draft.wyproj")
    project = repo / "-draft.wyproj"
    git(repo, "checkout", "-q", "-b", "feature")
    _edit(cli, tmp_path, project, "3", "Feature edits section three.")
    _commit(repo, "feature edit", "--", "-draft.wyproj")
    git(repo, "checkout", "-q", "main")
    _edit(cli, tmp_path, project, "3", "Main edits section three.")
    _commit(repo, "main edit", "--", "-draft.wyproj")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert "wyassembler merge-driver: -draft.wyproj: 1 section(s) changed on both branches" in merged.stderr
    assert "'wyassembler resolve ./-draft.wyproj 3 --take 1 --as ORG --by NAME'" in merged.stderr  # not an option
    assert "'git add ./-draft.wyproj'" in merged.stderr
    _verifies(cli, project)


def test_the_hint_names_the_new_copy_when_the_section_already_held_one(cli, versions, tmp_path):
    clash = tmp_path / "clash.wyproj"
    shutil.copy(versions["base"], clash)
    _edit(cli, tmp_path, clash, "2", "A first clash.")
    assert cli("merge-driver", versions["base"], versions["ours"], clash).code == 1  # copy 1 of section 2
    again = tmp_path / "again.wyproj"  # a later clash than the first, so its copy is copy 2, not 1
    shutil.copy(versions["base"], again)
    loaded = storage.load(again)
    edit_section(loaded.project, Actor("bradford", "A. Later"), loaded.project.find_section("2"),
                 blocks=(Paragraph(plain("A second clash.")),), now=utc_now() + timedelta(hours=1))
    storage.save_shared(loaded.project, again, loaded.data, loaded.structure)
    result = cli("merge-driver", versions["base"], versions["ours"], again, "response.wyproj")
    assert result.code == 1
    assert "'wyassembler resolve response.wyproj 2 --take 2 --as ORG --by NAME'" in result.err
    copies = cli("show", versions["ours"], "2", "--conflicts").out.split("----- conflict copy ")[1:]
    assert len(copies) == 2 and "A first clash." in copies[0] and "A second clash." in copies[1]


def _two_commits_on_feature(cli, repo: Path, tmp_path: Path) -> Path:
    """Branch 'feature': one commit edits section 2, the next section 5; main then edits section 6."""
    project = repo / "response.wyproj"
    git(repo, "checkout", "-q", "-b", "feature")
    _edit(cli, tmp_path, project, "2", "Feature's first commit.")
    _commit(repo, "feature one")
    _edit(cli, tmp_path, project, "5", "Feature's second commit.")
    _commit(repo, "feature two")
    git(repo, "checkout", "-q", "main")
    _edit(cli, tmp_path, project, "6", "Main edits section six.")
    _commit(repo, "main edit")
    return project


def test_a_cherry_pick_never_brings_in_the_other_commits_of_its_branch(cli, repo, tmp_path):
    project = _two_commits_on_feature(cli, repo, tmp_path)
    before = project.read_bytes()
    picked = git(repo, "cherry-pick", "feature", check=False)  # only 'feature two'
    assert "Feature's first commit." not in cli("show", project, "2").out
    assert picked.returncode != 0 and "cherry-pick" in picked.stderr  # said, not done wrongly
    assert project.read_bytes() == before
    git(repo, "cherry-pick", "--abort")


def test_a_revert_of_an_older_commit_never_passes_for_done_when_nothing_was_undone(cli, repo, tmp_path):
    project = _two_commits_on_feature(cli, repo, tmp_path)
    git(repo, "checkout", "-q", "feature")
    before = project.read_bytes()
    reverted = git(repo, "revert", "--no-edit", "feature~1", check=False)  # 'feature one', not the newest
    assert reverted.returncode != 0 and "revert" in reverted.stderr
    assert project.read_bytes() == before
    assert git(repo, "log", "-1", "--format=%s").stdout.strip() == "feature two"


def test_a_rebase_replays_each_commit_with_git_s_base_and_keeps_every_edit(cli, repo, tmp_path):
    project = _two_commits_on_feature(cli, repo, tmp_path)
    git(repo, "checkout", "-q", "feature")
    rebased = git(repo, "rebase", "main", check=False)
    assert rebased.returncode == 0, rebased.stdout + rebased.stderr
    for number, words in (("2", "Feature's first commit."), ("5", "Feature's second commit."),
                          ("6", "Main edits section six.")):
        assert cli("show", project, number).out.endswith(words + "\n")
    assert "changed outside wyassembler" not in cli("verify", project).out


def test_a_criss_cross_merge_takes_git_s_merge_of_the_two_common_ancestors_as_its_base(cli, repo, tmp_path):
    project = _two_commits_on_feature(cli, repo, tmp_path)  # main and feature each merge the other's tip
    git(repo, "branch", "main-tip", "main")
    git(repo, "merge", "-q", "--no-edit", "feature")
    git(repo, "checkout", "-q", "feature")
    git(repo, "merge", "-q", "--no-edit", "main-tip")
    _edit(cli, tmp_path, project, "3", "Feature after the criss-cross.")
    _commit(repo, "feature three")
    git(repo, "checkout", "-q", "main")
    _edit(cli, tmp_path, project, "4", "Main after the criss-cross.")
    _commit(repo, "main four")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert cli("show", project, "3").out.endswith("Feature after the criss-cross.\n")
    assert cli("show", project, "4").out.endswith("Main after the criss-cross.\n")


def test_a_clone_without_git_setup_gets_git_s_line_merge_and_is_told_what_happened_and_how_to_undo_it(
        cli, tmp_path, monkeypatch):
    isolate_git(monkeypatch, tmp_path)
    repo = new_repository(tmp_path / "clone")  # no git-setup here: git merges the XML line by line
    monkeypatch.chdir(repo)
    project = repo / "response.wyproj"
    assert cli("sample", project).code == 0
    _commit(repo, "the response")
    git(repo, "checkout", "-q", "-b", "feature")
    _edit(cli, tmp_path, project, "3", "Feature edits section three.")
    _commit(repo, "feature edits section three")
    git(repo, "checkout", "-q", "main")
    _edit(cli, tmp_path, project, "3", "Main edits section three.")
    _commit(repo, "main edits section three")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode != 0 and b"<<<<<<<" in project.read_bytes()
    said = cli("verify", project)
    assert said.code != 0 and "Traceback" not in said.err
    assert "holds git's conflict markers (<<<<<<< at line " in said.err
    assert "'wyassembler git-setup' has not been run" in said.err and "git merge --abort" in said.err
    git(repo, "merge", "--abort")  # as the message says
    assert cli("git-setup").code == 0
    again = git(repo, "merge", "--no-edit", "feature", check=False)
    assert "1 section(s) changed on both branches" in again.stderr and b"<<<<<<<" not in project.read_bytes()
    _verifies(cli, project)
