"""A project in a git work tree: found without running git, saved without lock, merge or backup, never
over a version git put there meanwhile; git status read into words."""

from __future__ import annotations

import os

import pytest

from tests.factories import CALDERDALE, KIRKLEES
from tests.git_repos import git, isolate_git, needs_git, new_repository
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.projectfile import git_work_tree, storage
from wyassembler.projectfile.backups import BACKUP_DIR_NAME
from wyassembler.projectfile.git_work_tree import (GitFailed, GitMissing, WorkTree, find_work_tree, git_status,
                                                   read_status)
from wyassembler.projectfile.lock import LockHolder, lock_path
from wyassembler.projectfile.storage import (ChangedOnDisk, load, merge_in_work_tree, save_in_work_tree,
                                             save_project)

HOLDER = LockHolder.current("J. Smith", "calderdale")


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def words(project, number: str) -> str:
    return project.find_section(number).blocks[0].spans[0].text


@pytest.fixture
def git_home(monkeypatch, tmp_path):
    return isolate_git(monkeypatch, tmp_path)


# -- finding the work tree ----------------------------------------------------------------

@needs_git
def test_a_file_deep_in_a_real_repository_is_found_and_one_outside_is_not(git_home, tmp_path):
    repo = new_repository(tmp_path / "repo")
    deep = repo / "bids" / "2026" / "response.wyproj"
    deep.parent.mkdir(parents=True)
    found = find_work_tree(deep)  # the file need not exist yet (Save As)
    assert found == WorkTree(repo.resolve(), (repo / ".git").resolve())
    assert find_work_tree(tmp_path / "elsewhere" / "response.wyproj") is None


@needs_git
def test_a_linked_work_tree_and_a_link_to_a_file_in_it_are_found(git_home, tmp_path):
    repo = new_repository(tmp_path / "repo")
    (repo / "readme").write_text("x")
    git(repo, "add", "readme")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "worktree", "add", "-q", str(tmp_path / "linked"), "-b", "partner")
    linked = tmp_path / "linked"
    assert (linked / ".git").is_file()  # "gitdir: …/repo/.git/worktrees/linked"
    assert find_work_tree(linked / "r.wyproj").root == linked.resolve()
    # A shortcut outside the repository to the file inside: the real folder is what counts.
    (linked / "r.wyproj").write_bytes(b"")
    shortcut = tmp_path / "shortcut.wyproj"
    shortcut.symlink_to(linked / "r.wyproj")
    assert find_work_tree(shortcut).root == linked.resolve()


def test_hand_made_dot_git_files_count_only_when_they_lead_to_a_repository(tmp_path):
    real = tmp_path / "modules" / "part"
    (real / "refs").mkdir(parents=True)
    (real / "HEAD").write_text("ref: refs/heads/main\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".git").write_text("gitdir: ../modules/part\n")  # relative, as a submodule's
    assert find_work_tree(tree / "r.wyproj") == WorkTree(tree.resolve(), tree.resolve() / "../modules/part")
    for junk in ("not git at all\n", "gitdir: ../nowhere\n", "", "\n\n"):
        (tree / ".git").write_text(junk)
        assert find_work_tree(tree / "r.wyproj") is None, junk
    (tree / ".git").unlink()
    (tree / ".git").mkdir()  # an empty folder named .git is not a repository
    assert find_work_tree(tree / "r.wyproj") is None


def test_git_dir_in_the_environment_does_not_make_a_file_in_git(monkeypatch, tmp_path):
    repo = tmp_path / "repo" / ".git"
    repo.mkdir(parents=True)
    (repo / "HEAD").write_text("ref: refs/heads/main\n")
    monkeypatch.setenv("GIT_DIR", str(repo))
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path))
    assert find_work_tree(tmp_path / "elsewhere" / "r.wyproj") is None


def test_an_unreadable_folder_is_passed_over_and_the_walk_is_bounded(monkeypatch, tmp_path):
    deep = tmp_path.joinpath(*["d"] * 6)
    deep.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    real_is_dir = git_work_tree.Path.is_dir

    def refusing(path):
        if path.parent.name == "d":
            raise PermissionError(13, "Permission denied")
        return real_is_dir(path)

    monkeypatch.setattr(git_work_tree.Path, "is_dir", refusing)
    assert find_work_tree(deep / "r.wyproj").root == tmp_path.resolve()
    monkeypatch.setattr(git_work_tree, "MAX_LEVELS", 3)
    assert find_work_tree(deep / "r.wyproj") is None


def test_the_walk_stops_at_the_top_of_the_filesystem_the_file_is_on(monkeypatch, tmp_path):
    inner = tmp_path / "mount" / "folder"
    inner.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert find_work_tree(inner / "r.wyproj") is not None
    mount = (tmp_path / "mount").resolve()
    real_device = git_work_tree._device
    # The folder "mount" as a mount point: what lies above it is another filesystem.
    monkeypatch.setattr(git_work_tree, "_device", lambda folder: 1 if mount in (folder, *folder.parents)
                        else real_device(folder))
    assert find_work_tree(inner / "r.wyproj") is None


# -- saving in a work tree ---------------------------------------------------------------------

@pytest.fixture
def saved(project, tmp_path):
    path = tmp_path / "r.wyproj"
    save_project(project, path, keep_backup=False)
    return path


def test_a_save_in_a_work_tree_writes_through_the_gate_without_lock_or_backup(monkeypatch, saved):
    taken = []
    monkeypatch.setattr(storage, "acquire", lambda *a, **k: taken.append(a))
    loaded = load(saved)
    edit_section(loaded.project, CALDERDALE, loaded.project.find_section("2"), blocks=text("Mine."))
    result = save_in_work_tree(loaded.project, saved, loaded.data, holder=HOLDER, base_vouched=loaded.vouched)
    assert taken == [] and not lock_path(saved).exists() and not (saved.parent / BACKUP_DIR_NAME).exists()
    assert saved.read_bytes() == result.data and not result.merged
    on_disk = load(saved).project
    assert words(on_disk, "2") == "Mine." and [e.kind for e in on_disk.history] == ["save"]
    assert os.listdir(saved.parent) == ["r.wyproj"]  # no temporary left either


def test_a_save_never_writes_over_a_version_git_put_there_since_it_was_read(saved):
    mine, pulled = load(saved), load(saved)
    edit_section(pulled.project, KIRKLEES, pulled.project.find_section("3"), blocks=text("Pulled."))
    save_project(pulled.project, saved, keep_backup=False)  # as a git pull writes it
    on_disk = saved.read_bytes()
    edit_section(mine.project, CALDERDALE, mine.project.find_section("2"), blocks=text("Mine."))
    with pytest.raises(ChangedOnDisk, match="changed on disk since it was read here .a git pull"):
        save_in_work_tree(mine.project, saved, mine.data, holder=HOLDER)
    assert saved.read_bytes() == on_disk  # neither merged nor overwritten: git merges here
    saved.unlink()  # a checkout of a branch without it
    with pytest.raises(ChangedOnDisk, match="is no longer there"):
        save_in_work_tree(mine.project, saved, mine.data, holder=HOLDER)
    assert not saved.exists()
    # Save As over it is a deliberate overwrite.
    save_in_work_tree(mine.project, saved, None, holder=HOLDER, replace=True)
    assert words(load(saved).project, "2") == "Mine."


def test_a_merge_in_a_work_tree_never_writes_over_a_version_git_put_there_since_it_was_read(monkeypatch, saved):
    taken = []
    monkeypatch.setattr(storage, "acquire", lambda *a, **k: taken.append(a))
    into, other, pulled = load(saved), load(saved), load(saved)
    edit_section(other.project, KIRKLEES, other.project.find_section("3"), blocks=text("The other copy."))
    edit_section(pulled.project, CALDERDALE, pulled.project.find_section("2"), blocks=text("Pulled."))
    save_project(pulled.project, saved, keep_backup=False)  # as a git pull writes it
    on_disk = saved.read_bytes()
    with pytest.raises(ChangedOnDisk) as refused:
        merge_in_work_tree(other.project, into, holder=HOLDER)
    assert saved.read_bytes() == on_disk
    # The refusal says what happened and that nothing was written; the advice is the caller's to add.
    assert str(refused.value) == (f"cannot merge into {saved.resolve()}: it changed on disk since it was read here "
                                  f"(a git pull, checkout or merge?), and in a git work tree git does the merging; "
                                  f"nothing was written")
    assert str(refused.value.advised("do this")).endswith("nothing was written: do this")
    # Read again, the other copy merges in, the file's own changes kept, with no lock and no backup.
    result = merge_in_work_tree(other.project, load(saved), holder=HOLDER)
    assert result.merged and words(load(saved).project, "3") == "The other copy."
    assert words(load(saved).project, "2") == "Pulled."
    assert taken == [] and not (saved.parent / BACKUP_DIR_NAME).exists() and not lock_path(saved).exists()


def test_a_version_git_writes_while_the_save_writes_is_not_replaced(monkeypatch, saved):
    loaded = load(saved)
    edit_section(loaded.project, CALDERDALE, loaded.project.find_section("2"), blocks=text("Mine."))
    real_write = storage.write_atomically

    def git_checks_out_meanwhile(path, data, before_replace=None):
        path.write_bytes(b"<pulled meanwhile/>")
        return real_write(path, data, before_replace)

    monkeypatch.setattr(storage, "write_atomically", git_checks_out_meanwhile)
    with pytest.raises(ChangedOnDisk):
        save_in_work_tree(loaded.project, saved, loaded.data, holder=HOLDER)
    assert saved.read_bytes() == b"<pulled meanwhile/>"


# -- what git says ------------------------------------------------------------------------------

def test_git_status_lines_are_read_into_words():
    status = read_status("## main...origin/main [ahead 2, behind 1]\n M r.wyproj\n")
    assert (status.branch, status.upstream, status.ahead, status.behind) == ("main", "origin/main", 2, 1)
    assert status.file_words() == "saved changes not yet staged (git add)"
    assert status.branch_words() == ("on main, 2 commits ahead (git push) and 1 commit behind (git pull) of "
                                     "origin/main (as last fetched)")
    assert read_status("## No commits yet on main\n?? r.wyproj\n").file_words().startswith("not tracked")
    assert read_status("## topic...origin/topic [gone]\n").branch_words().endswith("origin/topic is gone")
    assert read_status("## main\n").file_words() == "unchanged since the last commit"
    assert read_status("## main\nMM r.wyproj\n").file_words() == (
        "changes staged for the next commit, and saved changes not yet staged (git add)")
    assert "resolve" in read_status("## main\nUU r.wyproj\n").file_words()


@needs_git
def test_git_status_of_a_file_in_a_real_repository(git_home, tmp_path, project):
    repo = new_repository(tmp_path / "repo")
    path = repo / "draft[1].wyproj"  # a name git would read as a pattern
    save_project(project, path, keep_backup=False)
    (repo / "other.wyproj").write_bytes(b"x")
    found = find_work_tree(path)
    status = git_status(path, found)
    assert status.codes == ["??"] and "No commits yet" not in status.branch and status.branch.startswith("main")
    git(repo, "add", "--", "draft[1].wyproj")
    git(repo, "commit", "-q", "-m", "first")
    assert git_status(path, found).file_words() == "unchanged since the last commit"
    path.write_bytes(path.read_bytes() + b" ")
    assert git_status(path, found).codes == [" M"]
    assert not (repo / ".git" / "index.lock").exists()


def test_git_missing_or_failing_is_one_plain_error(monkeypatch, tmp_path):
    tree = WorkTree(tmp_path, tmp_path / ".git")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GitMissing, match="git is not installed"):
        git_status(tmp_path / "r.wyproj", tree)


@needs_git
def test_git_refusing_the_folder_is_one_plain_error(git_home, tmp_path):
    folder = tmp_path / "not-a-repo"
    folder.mkdir()
    with pytest.raises(GitFailed, match="git status failed in .*not a git repository"):
        git_status(folder / "r.wyproj", WorkTree(folder, folder / ".git"))
