"""``wyassembler textconv PROJECT``: UTF-8 bytes with LF whatever the console, standard input for ``-``,
one line and exit 1 for what cannot be read, a version that is no project as its raw text; and a REAL
``git diff`` / ``git log -p`` through it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.git_repos import git, isolate_git, needs_git, new_repository
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.editing import edit_section
from wyassembler.core.history import record_save
from wyassembler.core.model import Actor
from wyassembler.core.signoff import sign_off_section
from wyassembler.core.textconv import project_text
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import MAX_FILE_BYTES


def textconv(*args: str, stdin: bytes | None = None, encoding: str = "utf-8") -> subprocess.CompletedProcess:
    """``python -m wyassembler textconv ARGS`` as git runs it, its output as bytes; ``encoding``: the
    console's, as Python would take it."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "wyassembler", "textconv", *args], input=stdin,
                          capture_output=True, timeout=60, env=env)


def test_the_text_is_utf8_with_lf_whatever_the_console_encoding(sample):
    expected = project_text(storage.load(sample).project).encode("utf-8")
    assert "£1.3million".encode() in expected  # the sample's text is not all ASCII
    for encoding in ("ascii", "cp1252", "utf-8"):
        done = textconv("--", str(sample), encoding=encoding)
        assert done.returncode == 0, done.stderr
        assert done.stdout == expected
    assert b"\r" not in expected


def test_a_dash_reads_the_project_from_standard_input(sample):
    done = textconv("-", stdin=sample.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout == textconv(str(sample)).stdout


def test_an_empty_version_is_no_text(tmp_path):
    empty = tmp_path / "empty.wyproj"
    empty.write_bytes(b"")
    done = textconv(str(empty))
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


@pytest.mark.parametrize("data, says", [
    (b"<<<<<<< HEAD\nnot a project\n", "not a readable project file"),
    (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>", "DTD or entities"),
], ids=["merge-markers", "entities"])
def test_a_version_that_is_no_project_is_its_raw_text_under_a_line_saying_why(tmp_path, data, says):
    path = tmp_path / "bad.wyproj"
    path.write_bytes(data)
    done = textconv(str(path))
    assert done.returncode == 0  # a failing converter stops git log -p and git diff altogether
    heading, rest = done.stdout.decode("utf-8").split("\n", 1)
    assert heading.startswith("(not a readable wyassembler project: ") and says in heading
    assert rest == data.decode("utf-8") + ("" if data.endswith(b"\n") else "\n")
    assert done.stderr.count(b"\n") == 1 and says.encode() in done.stderr and b"Traceback" not in done.stderr


@pytest.mark.parametrize("make, says", [
    (lambda path: path.mkdir(), b"folder"),
    (lambda path: None, b"no such file"),
    (lambda path: os.truncate(path.open("wb").close() or path, MAX_FILE_BYTES + 1), b"100 MB"),
], ids=["folder", "missing", "too-big"])
def test_what_cannot_be_read_is_one_line_and_exit_1(tmp_path, make, says):
    path = tmp_path / "bad.wyproj"
    make(path)
    done = textconv(str(path))
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.count(b"\n") == 1 and done.stderr.startswith(b"wyassembler: error: ")
    assert says in done.stderr and b"Traceback" not in done.stderr


def test_bytes_that_are_no_text_on_standard_input_are_their_count_and_digest_one_line_naming_it():
    done = textconv("-", stdin=b"\x00\xff garbage")
    assert done.returncode == 0
    assert done.stdout.startswith(b"(not a readable wyassembler project: ")
    assert b"(10 bytes that are not UTF-8 text, sha256 " in done.stdout
    assert textconv("-", stdin=b"\x00\xfe garbage").stdout != done.stdout  # two such versions still differ
    assert done.stderr.startswith(b"wyassembler textconv: standard input: ") and done.stderr.count(b"\n") == 1


# -- through git ------------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    repo = new_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    return repo


def _edited(path: Path, change) -> None:
    """Load the project at ``path``, apply ``change`` to it, and save it as the app would."""
    loaded = storage.load(path)
    change(loaded.project)
    storage.save_project(loaded.project, path, keep_backup=False)


def _replace_word(project, old: str, new: str) -> None:
    section = project.find_section("2")
    first, *rest = section.blocks
    assert isinstance(first, Paragraph) and old in first.spans[0].text
    spans = (Span(first.spans[0].text.replace(old, new, 1)), *first.spans[1:])
    edit_section(project, Actor(section.owner, "R. Ahmed"), section, blocks=(Paragraph(spans), *rest))


@needs_git
def test_git_diff_and_log_show_a_changed_word_and_a_sign_off_as_line_pairs(cli, repo):
    assert cli("git-setup").code == 0
    assert cli("sample", repo / "response.wyproj").code == 0
    git(repo, "add", ".gitattributes", "response.wyproj")
    git(repo, "commit", "-q", "-m", "the sample")

    _edited(repo / "response.wyproj", lambda project: _replace_word(project, "much to be learned", "a lot to learn"))
    diff = git(repo, "diff").stdout
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any("much to be learned" in line and line.startswith("-The Partnership suggests") for line in removed)
    assert any("a lot to learn" in line and line.startswith("+The Partnership suggests") for line in added)
    assert "-Sign-off Bradford: approved by R. Ahmed on 2006-01-16" in removed
    assert ("+Sign-off Bradford: approval stale since the text changed (approved by R. Ahmed on 2006-01-16)"
            in added)
    assert "<?xml" not in diff and "<section" not in diff  # the text, not the XML
    git(repo, "commit", "-q", "-am", "a word changed")

    _edited(repo / "response.wyproj",
            lambda project: sign_off_section(project, Actor("wypte", "K. Fisher"), project.find_section("2")))
    git(repo, "commit", "-q", "-am", "WYPTE signs off section 2")
    log = git(repo, "log", "-p", "-1").stdout
    changed = [line for line in log.splitlines() if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    today = changed[1].rsplit(" on ", 1)[1]
    assert changed[:2] == ["-Sign-off WYPTE: pending", f"+Sign-off WYPTE: approved by K. Fisher on {today}"]


def _there_and_back(project) -> None:
    _replace_word(project, "much to be learned", "a lot to learn")
    _replace_word(project, "a lot to learn", "much to be learned")
    record_save(project, "bradford", "R. Ahmed")


@needs_git
def test_git_diff_of_a_save_that_changes_nothing_visible_is_empty(cli, repo):
    git(repo, "config", "diff.wyassembler.textconv", f"'{sys.executable}' -m wyassembler textconv --")
    (repo / ".gitattributes").write_text("*.wyproj diff=wyassembler\n", encoding="utf-8")
    assert cli("sample", repo / "response.wyproj").code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the sample")
    # Edited and edited back, then saved: two new revisions and a history entry, nothing a reader sees
    # (the approvals name the same content hash, so they are still current).
    _edited(repo / "response.wyproj", _there_and_back)
    assert git(repo, "diff", "--stat", "--no-textconv").stdout  # the XML did change
    assert git(repo, "diff").stdout == ""  # the text did not


@needs_git
def test_a_version_that_is_no_project_never_stops_git_log_or_git_diff(cli, repo):
    # git stops the whole 'git log -p' (and 'git diff') at a textconv that fails: every older commit hidden.
    assert cli("git-setup").code == 0
    project = repo / "response.wyproj"
    assert cli("sample", project).code == 0
    git(repo, "add", ".gitattributes", "response.wyproj")
    git(repo, "commit", "-q", "-m", "the sample")
    project.write_bytes(b"\x00\xff" * 50)
    git(repo, "commit", "-q", "-am", "garbage committed")
    project.write_bytes(b"<<<<<<< HEAD\n<project/>\n=======\n<project/>\n>>>>>>> theirs\n")  # a line merge's file

    diff = git(repo, "diff", check=False)
    assert diff.returncode == 0, diff.stderr
    assert "+<<<<<<< HEAD" in diff.stdout and "not a readable wyassembler project" in diff.stdout
    log = git(repo, "log", "-p", check=False)
    assert log.returncode == 0, log.stderr
    assert "garbage committed" in log.stdout and "the sample" in log.stdout
    assert "+## 2 Citizen and Business Centred Services." in log.stdout  # the older commit still shown
    assert "100 bytes that are not UTF-8 text" in log.stdout
