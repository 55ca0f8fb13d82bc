"""The command line on a project in a real git work tree: checking out another branch is no rollback
(git keeps the history), and a save neither locks nor keeps backups (nothing but the project shows in
``git status``)."""

from __future__ import annotations

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
