"""Shared save with merge, and merge of two copies, of a 1,000-section project (goal: at most 0.5 s each on 2 cores).

    python benchmarks/bench_merge.py [--sections 1000] [--changed 100] [--repeat 5]

Prints the best and median of several runs; figures, not pass or fail.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.merge import merge_projects
from wyassembler.core.model import Actor
from wyassembler.projectfile.storage import load, save_project, save_shared


def edit_some(project, start: int, count: int, words: str) -> None:
    actor = Actor(project.coordinator, "Bench")
    sections = project.all_sections()
    for section in sections[start:start + count]:
        edit_section(project, actor, section, blocks=(Paragraph(plain(f"{words} {section.id}")),))


def main() -> None:
    args = options(__doc__, changed=100)
    project = build(args.sections)
    merge_times, save_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.wyproj"
        for _ in range(args.repeat):
            save_project(project, path)
            ours, theirs = load(path), load(path)
            # Overlapping halves, so some sections clash and make conflict copies.
            edit_some(ours.project, 0, args.changed, "Ours")
            edit_some(theirs.project, args.changed // 2, args.changed, "Theirs")
            started = time.perf_counter()
            merge_projects(ours.project, theirs.project, ours.structure)
            merge_times.append(time.perf_counter() - started)
            save_project(theirs.project, path)  # someone else saved first
            started = time.perf_counter()
            save_shared(ours.project, path, ours.data, ours.structure)
            save_times.append(time.perf_counter() - started)
    print(f"project: {len(project.all_sections())} sections, {args.changed} changed on each side")
    print(figure("merge two copies", merge_times, milliseconds=True, goal="500 ms"))
    print(figure("save with merge (lock, read, merge, write)", save_times, milliseconds=True, goal="500 ms"))


if __name__ == "__main__":
    main()
