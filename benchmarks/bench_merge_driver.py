"""git's merge driver on a 1,000-section project against ``wyassembler merge`` of the same copies (goal: the
driver's merge work under 0.5 s).

    python benchmarks/bench_merge_driver.py [--sections 1000] [--changed 100] [--repeat 5]

A base, and two branches' copies of it each editing ``--changed`` different sections (each saved, so their
histories part). Timed in this process, each on a fresh copy of OURS: ``merge-driver BASE OURS THEIRS`` (OURS
read while a thread parses and validates THEIRS and BASE; THEIRS built sharing OURS's records, BASE read for
its structure only; merge, the merge entry, write gate, atomic write) and ``merge OURS THEIRS`` (read two,
lock, merge, write with a backup). Then both as whole commands, as git runs the driver, and Python's start-up
on its own, so what is start-up and what is merging can be told apart. The machine's speed varies from run to
run: compare the two within one run (the ratio), and take the best of several for a figure. Figures, not pass
or fail.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options, timed, timed_command, wyassembler_command
from wyassembler.cli import main as wyassembler
from wyassembler.cli.git_commands import read_versions
from wyassembler.core.collector import collector_held_off
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.history import record_save, vouches_for_its_file
from wyassembler.core.merge import merge_projects
from wyassembler.projectfile.storage import load, save_project, save_shared
from wyassembler.projectfile.write_gate import checked_bytes


def branch_copy(base: Path, path: Path, start: int, count: int, words: str) -> None:
    """A copy of ``base`` at ``path`` with sections ``start`` to ``start + count`` edited, saved once."""
    shutil.copy(base, path)
    loaded = load(path)
    actor = Actor(loaded.project.coordinator, "Bench")
    for section in loaded.project.all_sections()[start:start + count]:
        edit_section(loaded.project, actor, section, blocks=(Paragraph(plain(f"{words} {section.id}")),))
    save_shared(loaded.project, path, loaded.data, loaded.structure)


def run_quietly(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = wyassembler(list(args))
    if code != 0:
        raise SystemExit(f"wyassembler {' '.join(args)} exited {code}")
    return code


def main() -> None:
    args = options(__doc__, changed=100)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        for name in ("CONFIG", "DATA", "LOG"):  # the user's own folders are never touched
            os.environ[f"WYASSEMBLER_{name}_DIR"] = str(folder / name.lower())
        base, ours, theirs, target = (folder / f"{name}.wyproj" for name in ("base", "ours", "theirs", "target"))
        save_project(build(args.sections), base)
        size = base.stat().st_size
        branch_copy(base, ours, 0, args.changed, "Ours")
        branch_copy(base, theirs, args.changed, args.changed, "Theirs")  # different sections: a clean merge

        def fresh(command: str) -> None:
            shutil.copy(ours, target)
            if command == "merge-driver":
                run_quietly("merge-driver", str(base), str(target), str(theirs), "response.wyproj")
            else:
                run_quietly("merge", str(target), str(theirs))

        driver = _timed_fresh(lambda: fresh("merge-driver"), args.repeat)
        merge = _timed_fresh(lambda: fresh("merge"), args.repeat)
        copy_only = timed(lambda: shutil.copy(ours, target), args.repeat)
        driver_command = _command_times(ours, target, wyassembler_command("merge-driver", str(base), str(target),
                                                                          str(theirs)), args.repeat)
        merge_command = _command_times(ours, target, wyassembler_command("merge", str(target), str(theirs)),
                                       args.repeat)
        stages = _stages(base, ours, theirs, args.repeat)
        python_alone = timed_command([sys.executable, "-c", "pass"], args.repeat)
        version = timed_command(wyassembler_command("--version"), args.repeat)
    print(f"project: {args.sections} sections ({size / 1e6:.1f} MB), "
          f"{args.changed} different sections changed on each branch")
    print(figure("merge-driver in process (merge work)", driver, milliseconds=True, goal="500 ms"))
    print(figure("merge in process (same copies)", merge, milliseconds=True))
    print(figure("  (copying OURS afresh, included in both)", copy_only, milliseconds=True))
    print(f"merge-driver / merge: {min(driver) / min(merge):.2f}")
    for name, times in stages.items():
        print(figure(f"  driver stage: {name}", times, milliseconds=True))
    print(figure("merge-driver as git runs it (whole command)", driver_command, milliseconds=True))
    print(figure("merge as a command", merge_command, milliseconds=True))
    print(figure("python -c pass (start-up alone)", python_alone, milliseconds=True))
    print(figure("wyassembler --version (start-up and CLI)", version, milliseconds=True))


def _stages(base: Path, ours: Path, theirs: Path, repeat: int) -> dict[str, list[float]]:
    """Where the driver's time goes: reading the three versions, merging, the two digests that tell a
    change made outside wyassembler and the merge entry's, and the write gate's bytes (not written)."""
    names = ("read OURS, THEIRS (shared records once) and the structure of BASE", "merge_projects",
             "digests (both sides vouched, the merge entry)", "write gate (checks and bytes)")
    found: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(repeat):
        with collector_held_off():  # as the driver runs
            marks = [time.perf_counter()]
            mine, other, common = read_versions(base, ours, theirs)
            marks.append(time.perf_counter())
            merged = merge_projects(other, mine, common.structure if common else None).project
            marks.append(time.perf_counter())
            vouches_for_its_file(mine), vouches_for_its_file(other), record_save(merged, "", "Bench")
            marks.append(time.perf_counter())
            checked_bytes(merged)
            marks.append(time.perf_counter())
        for name, started, ended in zip(names, marks, marks[1:], strict=False):
            found[name].append(ended - started)
    return found


def _timed_fresh(function, repeat: int) -> list[float]:
    function()  # once first: imports and caches warm, as for every later run
    return timed(function, repeat)


def _command_times(ours: Path, target: Path, command: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        shutil.copy(ours, target)
        times.extend(timed_command(command, 1))
    return times


if __name__ == "__main__":
    main()
