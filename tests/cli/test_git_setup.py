"""``wyassembler git-setup [--global] [--remove]`` with REAL git: idempotent, the attributes line once, the config
entries git runs through sh (the running Python, quoted), --remove takes out only what it put in, --global
writes only into the (temporary) home, and outside a work tree or without git, one line."""

from __future__ import annotations

import shlex
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.git_repos import git, isolate_git, needs_git, new_repository
from wyassembler.cli.git_commands import ATTRIBUTES_LINE, config_entries
from wyassembler.projectfile import storage

pytestmark = needs_git


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    return isolate_git(monkeypatch, tmp_path)


@pytest.fixture
def repo(home, tmp_path, monkeypatch) -> Path:
    repo = new_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    return repo


def _config(repo: Path, scope: str = "--local") -> dict[str, str]:
    found = git(repo, "config", scope, "--get-regexp", r"\.wyassembler\.", check=False).stdout
    return dict(line.split(" ", 1) for line in found.splitlines())


def test_setup_twice_leaves_one_attributes_line_and_the_config_entries(cli, repo):
    first = cli("git-setup")
    assert first.code == 0, first.err
    assert f"added '{ATTRIBUTES_LINE}'" in first.out and "merge.wyassembler.driver: set to" in first.out
    second = cli("git-setup")
    assert second.code == 0, second.err
    assert "already has" in second.out and second.out.count("already set") == 4
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == ATTRIBUTES_LINE + "\n"
    assert _config(repo) == config_entries()
    driver = shlex.split(_config(repo)["merge.wyassembler.driver"])
    assert driver == [sys.executable, "-m", "wyassembler", "merge-driver", "--", "%O", "%A", "%B", "%P"]
    assert shlex.split(_config(repo)["diff.wyassembler.textconv"]) == [sys.executable, "-m", "wyassembler",
                                                                        "textconv", "--"]
    assert git(repo, "check-attr", "merge", "diff", "--", "a.wyproj").stdout.split("\n")[:2] == [
        "a.wyproj: merge: wyassembler", "a.wyproj: diff: wyassembler"]
    assert _config(repo, "--global") == {}  # the repository's config only


def test_the_advice_to_commit_the_attributes_file_is_given_only_until_it_is_committed(cli, repo):
    first = cli("git-setup")
    assert "Commit .gitattributes; everyone who clones the repository runs 'wyassembler git-setup'" in first.out
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "attributes")
    again = cli("git-setup")  # a clone of it, say: its line is there and committed
    assert again.code == 0 and "Commit .gitattributes" not in again.out
    assert "Everyone who clones the repository runs 'wyassembler git-setup' once" in again.out


def test_remove_takes_out_only_its_line_and_entries_and_is_idempotent(cli, repo):
    others = b"*.png binary\r\n*.md text eol=lf"  # CRLF and no newline at the end: kept byte for byte
    (repo / ".gitattributes").write_bytes(others)
    git(repo, "config", "merge.other.driver", "other-tool %A")
    git(repo, "config", "diff.wyassembler-like.textconv", "cat")
    assert cli("git-setup").code == 0
    assert (repo / ".gitattributes").read_bytes() == others + b"\r\n" + ATTRIBUTES_LINE.encode() + b"\r\n"
    removed = cli("git-setup", "--remove")
    assert removed.code == 0, removed.err
    assert f"removed '{ATTRIBUTES_LINE}'" in removed.out and removed.out.count(": removed") == 5
    assert (repo / ".gitattributes").read_bytes() == others + b"\r\n"
    assert _config(repo) == {}
    assert git(repo, "config", "--get", "merge.other.driver").stdout.strip() == "other-tool %A"
    assert git(repo, "config", "--get", "diff.wyassembler-like.textconv").stdout.strip() == "cat"
    assert "[merge \"wyassembler\"]" not in (repo / ".git" / "config").read_text(encoding="utf-8")
    again = cli("git-setup", "--remove")
    assert again.code == 0 and "has no" in again.out and again.out.count("not set") == 4


def test_remove_deletes_the_attributes_file_it_left_empty(cli, repo):
    assert cli("git-setup").code == 0
    assert cli("git-setup", "--remove").code == 0
    assert not (repo / ".gitattributes").exists()


def test_global_writes_into_the_home_only(cli, home, tmp_path, monkeypatch):
    elsewhere = tmp_path / "not-a-repository"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = cli("git-setup", "--global")
    assert result.code == 0, result.err
    attributes = tmp_path / "xdg" / "git" / "attributes"  # $XDG_CONFIG_HOME/git/attributes
    assert attributes.read_text(encoding="utf-8") == ATTRIBUTES_LINE + "\n"
    assert _config(elsewhere, "--global") == config_entries()
    assert "[merge \"wyassembler\"]" in (home / ".gitconfig").read_text(encoding="utf-8")
    assert sorted(p.name for p in elsewhere.iterdir()) == []
    assert cli("git-setup", "--global", "--remove").code == 0
    assert not attributes.exists() and _config(elsewhere, "--global") == {}


def test_global_uses_the_attributes_file_git_is_configured_with(cli, home, tmp_path, monkeypatch):
    monkeypatch.chdir(home)
    subprocess.run(["git", "config", "--global", "core.attributesFile", "~/my-attributes"], check=True)
    assert cli("git-setup", "--global").code == 0
    assert (home / "my-attributes").read_text(encoding="utf-8") == ATTRIBUTES_LINE + "\n"
    assert not (tmp_path / "xdg" / "git" / "attributes").exists()


def test_outside_a_work_tree_one_line_exit_1(cli, home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("git-setup")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "is not in a git work tree" in result.err and "--global" in result.err
    assert not (tmp_path / ".gitattributes").exists()


def test_without_git_one_line_naming_how_to_install_it(cli, repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = cli("git-setup")
    assert result.code == 1 and result.err.count("\n") == 1
    assert "git is not installed" in result.err and "https://git-scm.com/downloads" in result.err
    assert not (repo / ".gitattributes").exists()


def _python_in_a_folder_with_a_space(tmp_path: Path) -> Path:
    """A virtual environment under 'with space/' that sees this one's packages (wyassembler among them)."""
    folder = tmp_path / "with space" / "venv"
    venv.create(folder, with_pip=False)
    python = folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]  # processed as a site folder: its .pth (the editable install) too
    Path(purelib, "this-environment.pth").write_text(f"import site; site.addsitedir({ours!r})\n", encoding="utf-8")
    return python


def test_a_python_whose_path_has_a_space_is_registered_quoted_and_git_runs_the_driver(cli, repo, tmp_path):
    python = _python_in_a_folder_with_a_space(tmp_path)
    setup = subprocess.run([python, "-m", "wyassembler", "git-setup"], cwd=repo, capture_output=True, text=True,
                           timeout=60)
    assert setup.returncode == 0, setup.stderr
    assert shlex.split(_config(repo)["merge.wyassembler.driver"])[0] == str(python)
    project = repo / "response.wyproj"
    assert cli("sample", project).code == 0
    git(repo, "add", ".gitattributes", "response.wyproj")
    git(repo, "commit", "-q", "-m", "the response")
    for branch, (number, words) in (("feature", ("2", "Feature words.")), ("main", ("5", "Main words."))):
        git(repo, "checkout", "-q", *(("-b", branch) if branch == "feature" else (branch,)))
        text = tmp_path / "words.md"
        text.write_text(words, encoding="utf-8")
        assert cli("edit-section", project, number, "--from", text, "--as", "joint-services", "--by", "H. D").code == 0
        git(repo, "commit", "-q", "-m", f"{branch} edit", "response.wyproj")
    merged = git(repo, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert storage.load(project).project.history[-1].kind == "merge"  # the driver ran, not git's line merge
    assert cli("verify", project).code == 0
    assert cli("show", project, "2").out.endswith("Feature words.\n")
    assert cli("show", project, "5").out.endswith("Main words.\n")


def test_in_a_bare_repository_one_line_saying_it_has_no_work_tree(cli, home, tmp_path, monkeypatch):
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    monkeypatch.chdir(bare)
    result = cli("git-setup")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "bare repository" in result.err and "clone" in result.err
    assert _config(bare) == {}
