"""Whether a project file lives in a git work tree, and what git says about it.

A project kept in git is merged by git (the merge driver, ``wyassembler merge-driver``), so the app
saves it without the shared drive's lock and merge (:func:`.storage.save_in_work_tree`).

Finding the work tree needs no git: the folders above the file are looked at for ``.git``, as git
itself does (a folder holding ``HEAD``, or a file ``gitdir: …`` for a linked work tree or a
submodule). The walk is bounded: at most :data:`MAX_LEVELS` folders, never past the filesystem the
file is on (git stops there too unless told otherwise, and a slow network mount above stays untouched),
and a folder that cannot be read is passed over, never an error. ``GIT_DIR`` and ``GIT_WORK_TREE``
are not honoured: they name the repository of git commands typed in a shell, not where a file lives,
and an app started from that shell would otherwise call every file it opens "in git".

:func:`git_status` runs ``git status`` for one file (the only place the app runs git); the caller
runs it off the UI thread. :func:`line_merge_problem` says what happened to a file git merged line by line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..fileio import real_path
from .errors import ProjectFileError

MAX_LEVELS = 40  # folders looked at above the file; deeper trees are not worth a stat each on a slow drive
GITDIR_FILE_LIMIT = 4096  # a ``.git`` file holds one line; anything longer is not git's
GIT_TIMEOUT = 15.0  # seconds git status may take (a huge repository on a network drive) before we give up


@dataclass(frozen=True)
class WorkTree:
    """The git work tree a file is in: its top folder and the repository folder ``.git`` leads to."""

    root: Path
    git_dir: Path


def find_work_tree(path: str | os.PathLike) -> WorkTree | None:
    """The git work tree holding ``path`` (a file, which need not exist yet), or None. Links are
    resolved first: the file's real folder is what git sees. Never raises for an unreadable folder."""
    try:
        folder = real_path(path).parent
        device = _device(folder)
    except (OSError, ValueError):
        return None
    for _ in range(MAX_LEVELS):
        found = _git_dir_in(folder)
        if found is not None:
            return WorkTree(folder, found)
        parent = folder.parent
        if parent == folder or (device is not None and _device(parent) != device):
            return None  # the filesystem's root, or the top of the mount the file is on
        folder = parent
    return None


def _device(folder: Path) -> int | None:
    try:
        return folder.stat().st_dev
    except OSError:
        return None


def _git_dir_in(folder: Path) -> Path | None:
    """The repository folder ``folder/.git`` leads to, if it is git's; None otherwise."""
    dot_git = folder / ".git"
    try:
        if dot_git.is_dir():
            return dot_git if (dot_git / "HEAD").is_file() else None
        if not dot_git.is_file():
            return None
        with open(dot_git, "rb") as handle:
            text = handle.read(GITDIR_FILE_LIMIT).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return None
    first = text.splitlines()[0].strip() if text.strip() else ""
    if not first.startswith("gitdir:"):
        return None
    target = Path(first[len("gitdir:"):].strip())
    target = target if target.is_absolute() else folder / target
    try:
        return target if (target / "HEAD").is_file() else None
    except OSError:
        return None


# -- what git says about the file -------------------------------------------------------

class GitMissing(ProjectFileError):
    """git is not installed, or not on PATH."""


class GitFailed(ProjectFileError):
    """git ran but could not say (not a repository it accepts, a timeout, …); the message says why."""


# XY codes of ``git status --porcelain=v1``, in plain words (X: the index, Y: the work tree).
_INDEX_WORDS = {"M": "changes staged for the next commit", "A": "added, to be in the next commit",
                "D": "staged to be deleted", "R": "renamed (staged)", "C": "copied (staged)",
                "T": "its type changed (staged)"}
_WORK_TREE_WORDS = {"M": "saved changes not yet staged (git add)", "D": "deleted, not yet staged",
                    "T": "its type changed, not yet staged"}
_BOTH_WORDS = {"??": "not tracked by git yet (git add it to keep it in the repository)",
               "!!": "ignored by git (.gitignore): git does not keep it",
               "UU": "in conflict: run 'wyassembler resolve', then git add", "AA": "in conflict (added on both)",
               "DU": "in conflict (deleted here, changed there)", "UD": "in conflict (changed here, deleted there)",
               "AU": "in conflict", "UA": "in conflict", "DD": "in conflict (deleted on both)"}


@dataclass
class GitStatus:
    """What ``git status`` said about one file: its branch line and its own lines, read into words."""

    branch: str  # "main", or what git says when there is no branch
    upstream: str = ""  # "origin/main", or "" when the branch tracks nothing
    ahead: int = 0
    behind: int = 0
    gone: bool = False  # the upstream branch no longer exists
    codes: list[str] = field(default_factory=list)  # the file's XY codes; none: unchanged since the last commit
    lines: list[str] = field(default_factory=list)  # git's own lines, as printed

    def file_words(self) -> str:
        """The file's state, in words."""
        if not self.codes:
            return "unchanged since the last commit"
        return "; ".join(_code_words(code) for code in self.codes)

    def branch_words(self) -> str:
        """Where the branch stands against the one it tracks, in words."""
        if not self.upstream:
            return f"on {self.branch} (not tracking a remote branch)"
        if self.gone:
            return f"on {self.branch}, whose remote branch {self.upstream} is gone"
        if not self.ahead and not self.behind:
            return f"on {self.branch}, up to date with {self.upstream} (as last fetched)"
        counts = [f"{n} commit{'s' if n != 1 else ''} {what}" for n, what in
                  ((self.ahead, "ahead (git push)"), (self.behind, "behind (git pull)")) if n]
        return f"on {self.branch}, {' and '.join(counts)} of {self.upstream} (as last fetched)"


def _code_words(code: str) -> str:
    if code in _BOTH_WORDS:
        return _BOTH_WORDS[code]
    words = [_INDEX_WORDS[code[0]]] if code[0] in _INDEX_WORDS else []
    if code[1] in _WORK_TREE_WORDS:
        words.append(_WORK_TREE_WORDS[code[1]])
    return ", and ".join(words) or f"git says {code.strip()}"


def read_status(output: str) -> GitStatus:
    """``git status --porcelain=v1 --branch`` output read into a :class:`GitStatus`."""
    status = GitStatus(branch="")
    for line in output.splitlines():
        if not line.strip():
            continue
        status.lines.append(line)
        if line.startswith("## "):
            _read_branch_line(status, line[3:])
        elif len(line) > 3:
            status.codes.append(line[:2])
    return status


def _read_branch_line(status: GitStatus, text: str) -> None:
    # "main...origin/main [ahead 1, behind 2]", "main", "No commits yet on main", "HEAD (no branch)"
    text, _, bracket = text.partition(" [")
    if text.startswith("No commits yet on "):
        text = text[len("No commits yet on "):] + " (no commits yet)"
    branch, _, upstream = text.partition("...")
    status.branch, status.upstream = branch.strip(), upstream.strip()
    for part in bracket.rstrip("]").split(","):
        words = part.split()
        if words == ["gone"]:
            status.gone = True
        elif len(words) == 2 and words[1].isdigit():
            if words[0] == "ahead":
                status.ahead = int(words[1])
            elif words[0] == "behind":
                status.behind = int(words[1])


def git_status(path: str | os.PathLike, work_tree: WorkTree, timeout: float = GIT_TIMEOUT) -> GitStatus:
    """Run ``git status`` for the file at ``path`` in ``work_tree`` (read only: git takes no lock).
    Raises :class:`GitMissing` or :class:`GitFailed` with one line saying why. Blocks up to ``timeout``."""
    git = shutil.which("git")
    if git is None:
        raise GitMissing("git is not installed (or not on PATH), so its status cannot be shown: install it "
                         "from https://git-scm.com/downloads or your system's packages")
    file = real_path(path)
    # No optional locks: the status must not take index.lock from under a git command the person runs.
    # Literal pathspecs: a file named "draft[1].wyproj" is that file, not a pattern.
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_LITERAL_PATHSPECS": "1"}
    try:
        done = subprocess.run(
            [git, "status", "--porcelain=v1", "--branch", "--ignored=matching", "--", file.name],
            cwd=file.parent, capture_output=True, text=True, encoding="utf-8", errors="replace",
            stdin=subprocess.DEVNULL, timeout=timeout, env=environment, check=False,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except subprocess.TimeoutExpired:
        raise GitFailed(f"git status did not answer within {timeout:g} seconds in {work_tree.root}") from None
    except OSError as error:
        raise GitFailed(f"git could not be run: {error.strerror or error}") from None
    if done.returncode != 0:
        said = next((line.strip() for line in done.stderr.splitlines() if line.strip()), "")
        raise GitFailed(f"git status failed in {file.parent}: {said or f'exit status {done.returncode}'}")
    return read_status(done.stdout)


# The line git writes where it merged a file line by line and both sides changed the same lines.
_CONFLICT_MARKER = re.compile(rb"^<{7}(?: |$)", re.MULTILINE)


def line_merge_problem(data: bytes) -> str | None:
    """What to say of a file git merged line by line (its ``<<<<<<<`` conflict markers), or ``None``: where the
    merge driver is not set up, git mixes two versions' XML, and the reader's own complaint (an invalid element
    name) would not say what happened or how to undo it."""
    marker = _CONFLICT_MARKER.search(data)
    if marker is None:
        return None
    line = data.count(b"\n", 0, marker.start()) + 1
    return (f"it holds git's conflict markers (<<<<<<< at line {line}): git merged it line by line, as it does "
            f"where 'wyassembler git-setup' has not been run; undo that merge ('git merge --abort', or 'git "
            f"checkout HEAD -- FILE'), run 'wyassembler git-setup' and merge again")
