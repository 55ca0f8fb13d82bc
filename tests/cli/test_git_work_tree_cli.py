"""The command line on a project in a real git work tree: checking out another branch is no rollback
(git keeps the history), and a save neither locks nor keeps backups (nothing but the project shows in
``git status``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.git_repos import git, isolate_git, needs_git, new_repository
from wyassembler import seen_heads
from wyassembler.projectfile import storage

pytestmark = needs_git

COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


@pytest.fixture
def project(cli, tmp_path, monkeypatch) -> Path:
    """The sample response committed on main in a new repository."""
    isolate_git(monkeypatch, tmp_path)
    repo = new_repository(tmp_path / "repo")
    path = repo / "response.wyproj"
    assert cli("sample", path).code == 0
    git(repo, "add", path.name)
    git(repo, "commit", "-q", "-m", "the response")
    return path


def _edit(cli, tmp_path: Path, project: Path, words: str) -> None:
    text = tmp_path / "words.md"
    text.write_text(words, encoding="utf-8")
    result = cli("edit-section", project, "3", "--from", text, *COORDINATOR)
    assert result.code == 0, result.err


def test_checking_out_another_branch_is_no_rollback(cli, project, tmp_path):
    repo = project.parent
    git(repo, "checkout", "-q", "-b", "feature")
    _edit(cli, tmp_path, project, "Edited on the feature branch.")
    assert cli("status", project).err == ""  # the feature branch's newest save has been seen
    git(repo, "commit", "-q", "-am", "feature edit")
    git(repo, "checkout", "-q", "main")  # an older history, put there on purpose
    verify = cli("verify", project)
    assert verify.code == 0, verify.out
    assert "newest save you have seen" not in verify.out + verify.err
    status = cli("status", project)
    assert status.code == 0 and status.err == "" and "Warning" not in status.out
    # Editing main and going back to the feature branch: a history without main's save, no warning either.
    _edit(cli, tmp_path, project, "Edited on main.")
    git(repo, "commit", "-q", "-am", "main edit")
    git(repo, "checkout", "-q", "feature")
    assert cli("verify", project).code == 0
    assert seen_heads.seen_head(storage.load(project).project.id, project) is None


def test_saves_leave_nothing_but_the_project_changed_in_git_status(cli, project, tmp_path):
    repo = project.parent
    comment = cli("comment", project, "3", "--text", "Needs a figure.", *COORDINATOR)
    assert comment.code == 0, comment.err
    _edit(cli, tmp_path, project, "Edited in the work tree.")
    # No lock file, no backups folder, no temporary file: only the project, changed.
    assert git(repo, "status", "--porcelain", "--untracked-files=all").stdout == " M response.wyproj\n"
    assert "Edited in the work tree." in cli("show", project, "3").out
    assert cli("verify", project).code == 0
    listed = cli("restore", project, "--list")
    assert listed.code == 1 and "in a git work tree saves keep none, git keeps the versions" in listed.err


def _no_lock_taken(monkeypatch) -> list[str]:
    """Record any lock storage takes: in a work tree, none is (git merges; a lock file would show)."""
    taken: list[str] = []
    monkeypatch.setattr(storage, "acquire", lambda *a, **k: taken.append("lock"))
    return taken


def test_merge_of_another_copy_leaves_nothing_but_the_project_changed(cli, project, tmp_path, monkeypatch):
    repo = project.parent
    laptop = tmp_path / "laptop.wyproj"  # a copy taken home, outside the repository
    shutil.copy(project, laptop)
    _edit(cli, tmp_path, laptop, "Edited on the laptop.")
    five = tmp_path / "five.md"
    five.write_text("Laptop edits section five.", encoding="utf-8")
    assert cli("edit-section", laptop, "5", "--from", five, "--as", "leeds", "--by", "M. Walsh").code == 0
    _edit(cli, tmp_path, project, "Edited in the repository.")
    git(repo, "commit", "-q", "-am", "edited in the repository")
    taken = _no_lock_taken(monkeypatch)
    merged = cli("merge", project, laptop)
    assert merged.code == 0, merged.err
    assert "1 section(s) changed in both now hold a conflict copy" in merged.out
    assert "conflict copy 1" in merged.err or "--conflicts" in merged.err  # the merge's notes are still said
    assert taken == []
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored").stdout == " M response.wyproj\n"
    assert cli("show", project, "5").out.endswith("Laptop edits section five.\n")
    assert "Edited on the laptop." in cli("show", project, "3", "--conflicts").out
    assert cli("verify", project).code == 0
    again = cli("merge", project, laptop)
    assert again.code == 0 and again.out.startswith("Nothing to merge")


def _project_with_backups(cli, folder: Path, tmp_path: Path) -> Path:
    """The sample, edited once where it is: backup 1 holds the sample as it was."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "response.wyproj"
    assert cli("sample", path).code == 0
    _edit(cli, tmp_path, path, "Edited before the restore.")
    assert len(storage.list_backups(path)) >= 1
    return path


def test_restore_in_a_work_tree_keeps_no_backup_and_takes_no_lock(cli, tmp_path, monkeypatch):
    isolate_git(monkeypatch, tmp_path)
    path = _project_with_backups(cli, tmp_path / "repo", tmp_path)
    repo = new_repository(path.parent)  # a shared folder put in git with its backups, all committed
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "moved into git")
    backups = storage.list_backups(path)
    taken = _no_lock_taken(monkeypatch)
    restored = cli("restore", path, str(len(backups)), *COORDINATOR)
    assert restored.code == 0, restored.err
    assert taken == [] and storage.list_backups(path) == backups
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored").stdout == " M response.wyproj\n"
    assert "Edited before the restore." not in cli("show", path, "3").out
    assert "git" in restored.out and "is now backup 1" not in restored.out
    [record] = storage.load(path).project.restores
    assert record.person == "H. Dawson"
    assert cli("verify", path).code == 0


def test_restore_outside_a_work_tree_still_keeps_the_replaced_version(cli, tmp_path, monkeypatch):
    isolate_git(monkeypatch, tmp_path)
    path = _project_with_backups(cli, tmp_path / "shared", tmp_path)
    before = len(storage.list_backups(path))
    restored = cli("restore", path, "1", *COORDINATOR)
    assert restored.code == 0, restored.err
    assert len(storage.list_backups(path)) == before + 1 and "is now backup 1" in restored.out


def test_a_version_git_writes_while_a_command_saves_is_kept_and_the_advice_is_to_run_it_again(
        cli, tmp_path, monkeypatch):
    isolate_git(monkeypatch, tmp_path)
    path = _project_with_backups(cli, tmp_path / "repo", tmp_path)
    laptop = tmp_path / "laptop.wyproj"
    shutil.copy(path, laptop)
    _edit(cli, tmp_path, laptop, "Edited on the laptop.")
    repo = new_repository(path.parent)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "moved into git")
    real_write = storage.write_atomically

    def git_checks_out_meanwhile(target, data, before_replace=None):
        target.write_bytes(b"<checked out meanwhile/>")
        return real_write(target, data, before_replace)

    monkeypatch.setattr(storage, "write_atomically", git_checks_out_meanwhile)
    for command, doing in [(("comment", path, "3", "--text", "A figure?", *COORDINATOR), "save"),
                           (("merge", path, laptop), "merge into"), (("restore", path, "1", *COORDINATOR), "restore")]:
        git(repo, "checkout", "-q", "--", path.name)
        refused = cli(*command)
        assert refused.code == 1 and len(refused.err.splitlines()) == 1, refused.err
        assert f"cannot {doing} {path.resolve()}: it changed on disk since it was read here (a git pull" in refused.err
        assert refused.err.rstrip().endswith("nothing was written: run the command again (it reads the version "
                                             "there now)")
        assert "reload" not in refused.err.lower()
        assert path.read_bytes() == b"<checked out meanwhile/>"
