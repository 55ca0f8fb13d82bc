"""``merge-driver`` and ``git-setup``: git as the transport of a response, merging section by section.

git merges text line by line, which mixes two versions of a section or breaks the XML. Registered as a
merge driver for ``*.wyproj``, wyassembler does the merge instead, with the real merge base git
supplies (something a sync folder never gives): what ``wyassembler merge`` does, with conflict copies
for sections changed on both branches and never a ``<<<<<<<`` marker in the file.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..core.collector import collector_held_off
from ..core.errors import WyassemblerError
from ..core.history import MERGE_OVER_CHANGE, record_save, vouches_for_its_file
from ..core.merge import merge_projects
from ..core.model import ConflictCopy, Project
from ..fileio import FileWriteError, write_atomically
from ..projectfile import storage
from ..projectfile.codec import ValidTree, from_valid_tree, valid_tree
from ..projectfile.versions import KnownRecords, VersionStructure, structure_from_tree
from ..projectfile.foreign import carry_over
from ..projectfile.write_gate import checked_bytes
from ..settings import load_identity
from .commands import CommandError

log = logging.getLogger(__name__)

DRIVER = "wyassembler"
ATTRIBUTES_LINE = f"*.wyproj merge={DRIVER} diff={DRIVER}"
GIT_TIMEOUT = 30.0
# git quotes each path it puts in for sh; "--": a file named "-x.wyproj" is a path, not an option.
_DRIVER_ARGUMENTS = "merge-driver -- %O %A %B %P"


# -- merge-driver -------------------------------------------------------------------

class CannotMerge(WyassemblerError):
    """Copies the driver will not merge: OURS is left as it was and git shows the path as conflicted."""


@dataclass
class DriverMerge:
    """What merging a branch's version into ours made: the project written over OURS, what the user
    should be told, and the conflict copies it made (section id, copy)."""

    project: Project
    notes: list[str] = field(default_factory=list)
    new_conflicts: list[tuple[str, ConflictCopy]] = field(default_factory=list)


def _tree(path: Path, which: str) -> ValidTree | None:
    """One of git's temporary files parsed and valid (``None``: git's empty file, for a base both branches
    added); ``which`` says which version it is, for messages."""
    try:
        data = storage.read_limited(path)
        return valid_tree(data) if data and not data.isspace() else None
    except WyassemblerError as error:
        raise CannotMerge(f"{which} cannot be read: {error}") from None


def _project(tree: ValidTree | None, which: str, known: KnownRecords) -> Project:
    if tree is None:  # only a base may be empty (both branches added the project)
        raise CannotMerge(f"{which} cannot be read: the file is empty")
    try:
        return from_valid_tree(tree, known=known)
    except WyassemblerError as error:
        raise CannotMerge(f"{which} cannot be read: {error}") from None


OURS, THEIRS, BASE = "this branch's version", "the version being merged in", "the common ancestor's version"


def _base(tree: ValidTree | None) -> VersionStructure | None:
    try:
        return structure_from_tree(tree) if tree is not None else None
    except WyassemblerError as error:
        raise CannotMerge(f"{BASE} cannot be read: {error}") from None


def read_versions(base_path: Path, ours_path: Path,
                  theirs_path: Path) -> tuple[Project, Project, VersionStructure | None]:
    """The three versions git gives: ours, theirs, and the structure of the base (``None`` for an empty
    one), which is all a merge needs of it. Most records are in both ours and theirs, and each is read once
    (:class:`KnownRecords`). While ours is built, a thread parses and validates the other two, which lxml
    does without holding the GIL (a third of reading a file). A tree takes about four times its file's size,
    so a large base waits for theirs to be taken: a file near the size limit never has three trees at once.
    Raises :class:`CannotMerge`."""
    known = KnownRecords()
    with ThreadPoolExecutor(max_workers=1) as reader:  # one: two would only take turns with this thread
        theirs_tree = reader.submit(_tree, theirs_path, THEIRS)
        base_ahead = _size(base_path) <= BASE_PARSED_AHEAD_UP_TO
        base_tree = reader.submit(_tree, base_path, BASE) if base_ahead else None
        ours = _project(_tree(ours_path, OURS), OURS, known)
        waiting = theirs_tree.result()
        base_tree = base_tree or reader.submit(_tree, base_path, BASE)
        theirs = _project(waiting, THEIRS, known)
        base = _base(base_tree.result())
    return ours, theirs, base


BASE_PARSED_AHEAD_UP_TO = 16_000_000  # bytes: a tree of about 60 MB waiting, at most


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # said in one line when it is read
        return 0


def _merging_identity() -> tuple[str, str]:
    """Who the merge's history entry names (organisation, person): the saved identity, else the login
    name, as for any save made without --as/--by."""
    identity = load_identity()
    try:
        login = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name is no reason not to merge
        login = ""
    return (identity.organisation if identity else ""), ((identity.name if identity else "") or login)


NOT_A_MERGE = ("the version git gave as the base is not in both branches' histories: git is taking one "
               "commit's changes (a cherry-pick, a revert, a rebase --onto), and a project is merged by its "
               "sections' whole history, which would bring in every other change of that branch or undo "
               "nothing; make the change with wyassembler, or keep one side with 'git checkout --ours' or "
               "'--theirs'")


def _is_common_ancestor(base: VersionStructure, ours: Project, theirs: Project) -> bool:
    """Whether both versions grew from ``base``, as in a merge: its newest save is in both histories (or,
    for git's merge of two common ancestors in a criss-cross, that merge's parents are). Not so for a
    cherry-pick or revert, where git's base is the picked commit's parent, or the reverted commit. A base
    without history cannot tell, and is taken as one."""
    if not base.history:
        return True
    newest = base.history[-1]
    in_both = {entry.id for entry in ours.history} & {entry.id for entry in theirs.history}
    return newest.id in in_both or (len(newest.parents) > 1 and set(newest.parents) <= in_both)


def merge_branch_versions(base_path: Path, ours_path: Path, theirs_path: Path) -> DriverMerge:
    """Merge the version at ``theirs_path`` into the one at ``ours_path``, with ``base_path`` (an empty file:
    none) as their merge base; nothing is written. This branch's versions stay current and the other
    branch's clashing ones become conflict copies, as ``wyassembler merge`` keeps PROJECT's. The result's
    history joins both branches' with a merge entry on both heads. Raises :class:`CannotMerge`."""
    ours, theirs, base = read_versions(base_path, ours_path, theirs_path)
    if theirs.id != ours.id:
        raise CannotMerge(f"the version being merged in is a different project (\u201c{theirs.title}\u201d) from "
                          f"this branch's (\u201c{ours.title}\u201d); only versions of one project are merged")
    notes = []
    if base is not None and base.id != ours.id:
        notes.append("the common ancestor git gave is a different project; merged without it")
        base = None
    if base is not None and not _is_common_ancestor(base, ours, theirs):
        raise CannotMerge(NOT_A_MERGE)
    try:
        merged = merge_projects(theirs, ours, base.structure if base else None, ours_label="the branch being merged",
                                theirs_label="this branch")
    except WyassemblerError as error:
        raise CannotMerge(str(error)) from None
    carry_over(merged.project, ours, theirs)  # a newer minor format's elements stay in the file
    # The merge entry vouches for the merged records, but never hides a change made outside wyassembler.
    # (One digest of each side: history_problems would work each out again, a third of a second at 1,000.)
    outside = [label for version, label in ((ours, "this branch's version"), (theirs, "the version merged in"))
               if not vouches_for_its_file(version)]
    notes.extend(f"{label} holds changes made outside wyassembler after its last recorded save; the merge "
                 f"entry says so (see 'wyassembler verify')" for label in outside)
    record_save(merged.project, *_merging_identity(), kind=MERGE_OVER_CHANGE if outside else "save")
    return DriverMerge(merged.project, notes + merged.notes, merged.new_conflicts)


def write_merged(project: Project, ours_path: Path) -> None:
    """Write the merged project over OURS through the write gate: atomically, no lock (git holds the
    repository) and no backup (git keeps every version). Raises :class:`CannotMerge`, writing nothing."""
    try:
        data = checked_bytes(project, ours_path)
        if storage.read_limited(ours_path) != data:
            write_atomically(ours_path, data)
    except (WyassemblerError, FileWriteError) as error:
        raise CannotMerge(str(error)) from None


def _say(path: str, message: str) -> None:
    sys.stderr.write(f"wyassembler merge-driver: {path}: {message}\n")


def _conflict_message(result: DriverMerge, path: str) -> str:
    project = result.project
    sections = [project.section(section_id) for section_id, _ in result.new_conflicts]
    numbers = [project.number_of(section) for section in sections]
    listed = ", ".join(f"{number} \u201c{section.heading}\u201d" for number, section in zip(numbers, sections,
                                                                                         strict=True))
    first = sections[0].conflicts.index(result.new_conflicts[0][1]) + 1  # it may not be the section's only copy
    quoted = shlex.quote(path if not path.startswith("-") else f"./{path}")  # to type, never read as an option
    return (f"{len(numbers)} section(s) changed on both branches now hold a conflict copy ({listed}); see them "
            f"with 'wyassembler show {quoted} {numbers[0]} --conflicts', settle each with 'wyassembler resolve "
            f"{quoted} {numbers[0]} --take {first} --as ORG --by NAME' (or --take-current, or --from FILE), "
            f"then 'git add {quoted}'")


def cmd_merge_driver(args: argparse.Namespace) -> int:
    """Merge THEIRS into OURS for git: 0 clean, 1 conflict copies made, 2 not merged (OURS untouched)."""
    path = args.path or args.ours
    try:
        # git runs the driver once per file: what it builds lives until it returns, so Python's collector
        # would only scan it again and again for cycles it cannot have (a tenth of the run at 1,000 sections)
        with collector_held_off():
            result = merge_branch_versions(Path(args.base), Path(args.ours), Path(args.theirs))
            write_merged(result.project, Path(args.ours))
    except CannotMerge as error:
        _say(path, f"{error}; not merged, the file is left as it was on this branch")
        return 2
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as error:  # git shows one line; the log keeps the traceback
        from ..settings import setup_logging

        log_path = setup_logging()  # never the traceback on stderr, where logging's last resort would put it
        log.exception("merge-driver failed on %s", path)
        where = f" (details are in {log_path})" if log_path else ""
        _say(path, f"internal error: {type(error).__name__}: {error}{where}; not merged, the file is left as "
                   f"it was on this branch")
        return 2
    for note in result.notes:
        _say(path, note)
    if result.new_conflicts:
        _say(path, _conflict_message(result, path))
        return 1
    return 0


# -- git-setup ----------------------------------------------------------------------

def _git(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CommandError(f"could not run git: {error}") from None


def _require_git() -> None:
    if shutil.which("git") is None:
        raise CommandError("git is not installed (or not on PATH): install it from https://git-scm.com/downloads "
                           "or your system's packages (e.g. 'sudo apt install git'), then run this again")


def _work_tree() -> Path:
    """The root of the git work tree the current folder is in."""
    found = _git("rev-parse", "--show-toplevel")
    top = found.stdout.strip()
    if found.returncode != 0 or not top:
        if _git("rev-parse", "--is-bare-repository").stdout.strip() == "true":  # git merges only in a work tree
            raise CommandError(f"{Path.cwd()} is a bare repository, with no work tree for git to merge in: run "
                               f"'wyassembler git-setup' in a clone of it (each clone runs it once), or add "
                               f"--global to set it up for all your repositories")
        raise CommandError(f"{Path.cwd()} is not in a git work tree: run 'wyassembler git-setup' inside the "
                           f"repository's folder, or add --global to set it up for all your repositories")
    return Path(top)


def wyassembler_command() -> str:
    """The command line that runs this wyassembler, for sh: the running Python (its path as given, so a
    virtual environment's stays the environment's) with ``-m wyassembler``, so it works off PATH too."""
    return f"{shlex.quote(os.path.abspath(sys.executable))} -m wyassembler"


def config_entries() -> dict[str, str]:
    """The git config entries git-setup makes, by name."""
    command = wyassembler_command()
    return {
        f"merge.{DRIVER}.name": "wyassembler: section by section, conflict copies instead of markers",
        f"merge.{DRIVER}.driver": f"{command} {_DRIVER_ARGUMENTS}",
        f"diff.{DRIVER}.textconv": f"{command} textconv --",  # git adds the file's path
        f"diff.{DRIVER}.cachetextconv": "false",
    }


def _set_config(scope: str, cwd: Path | None) -> list[str]:
    done = []
    for name, value in config_entries().items():
        now = _git("config", scope, "--get", name, cwd=cwd)
        if now.returncode == 0 and now.stdout.rstrip("\n") == value:
            done.append(f"git config {scope} {name}: already set")
            continue
        if _git("config", scope, name, value, cwd=cwd).returncode != 0:
            raise CommandError(f"git could not set {name} in the {scope[2:]} config")
        done.append(f"git config {scope} {name}: set to {value}")
    return done


def _unset_config(scope: str, cwd: Path | None) -> list[str]:
    done = []
    for name in config_entries():
        if _git("config", scope, "--get-all", name, cwd=cwd).returncode != 0:
            done.append(f"git config {scope} {name}: not set")
            continue
        if _git("config", scope, "--unset-all", name, cwd=cwd).returncode != 0:
            raise CommandError(f"git could not remove {name} from the {scope[2:]} config")
        done.append(f"git config {scope} {name}: removed")
    for section in (f"merge.{DRIVER}", f"diff.{DRIVER}"):  # git leaves an emptied section's header behind
        left = _git("config", scope, "--get-regexp", "^" + section.replace(".", r"\.") + r"\.", cwd=cwd)
        if left.returncode != 0:
            _git("config", scope, "--remove-section", section, cwd=cwd)
    return done


def _global_attributes_file() -> Path:
    """The user's attributes file, as git finds it: core.attributesFile, else the XDG one."""
    configured = _git("config", "--global", "--type=path", "--get", "core.attributesFile")
    if configured.returncode == 0 and configured.stdout.strip():
        return Path(os.path.expanduser(configured.stdout.strip()))
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return Path(xdg if xdg else Path.home() / ".config") / "git" / "attributes"


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except (OSError, FileWriteError) as error:
        raise CommandError(f"cannot write {path}: {error}") from None


def _read_attributes(path: Path) -> bytes:
    try:
        return path.read_bytes() if path.exists() else b""
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error}") from None


def _is_ours(line: bytes) -> bool:
    return line.strip() == ATTRIBUTES_LINE.encode()


def add_attributes_line(path: Path) -> str:
    """Add the line to the attributes file at ``path`` unless it is there; what was done, as a sentence."""
    data = _read_attributes(path)
    if any(_is_ours(line) for line in data.splitlines()):
        return f"{path}: already has '{ATTRIBUTES_LINE}'"
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    ending = b"" if not data or data.endswith(b"\n") else newline
    _write(path, data + ending + ATTRIBUTES_LINE.encode() + newline)
    return f"{path}: added '{ATTRIBUTES_LINE}'"


def remove_attributes_line(path: Path) -> str:
    """Take the line out of the attributes file at ``path``, leaving every other line as it was; a file
    left with nothing in it is deleted."""
    data = _read_attributes(path)
    lines = data.splitlines(keepends=True)
    kept = [line for line in lines if not _is_ours(line)]
    if len(kept) == len(lines):
        return f"{path}: has no '{ATTRIBUTES_LINE}'"
    rest = b"".join(kept)
    if rest.strip():
        _write(path, rest)
        return f"{path}: removed '{ATTRIBUTES_LINE}'"
    try:
        path.unlink()
    except OSError as error:
        raise CommandError(f"cannot delete {path}: {error}") from None
    return f"{path}: removed '{ATTRIBUTES_LINE}'; the file was left empty, so it was deleted"


def cmd_git_setup(args: argparse.Namespace) -> int:
    """Register (or with --remove take out) the merge driver and diff converter for *.wyproj."""
    _require_git()
    if args.global_:
        scope, cwd, attributes = "--global", None, _global_attributes_file()
    else:
        cwd = _work_tree()
        scope, attributes = "--local", cwd / ".gitattributes"
    if args.remove:
        done = [remove_attributes_line(attributes), *_unset_config(scope, cwd)]
    else:
        done = [add_attributes_line(attributes), *_set_config(scope, cwd)]
    print("\n".join(done))
    if not args.remove and not args.global_:
        clones = "who clones the repository runs 'wyassembler git-setup' once (git config is not cloned)."
        if _git("status", "--porcelain", "--", ".gitattributes", cwd=cwd).stdout.strip():  # not committed as is
            print(f"Commit .gitattributes; everyone {clones}")
        else:
            print(f"Everyone {clones}")
    return 0
