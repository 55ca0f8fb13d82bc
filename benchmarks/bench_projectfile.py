"""Open-and-validate and save of a 1,000-section project (goal: at most 0.3 s each on 2 cores).

    python benchmarks/bench_projectfile.py [--sections 1000] [--repeat 5]

Prints the best and median of several runs; figures, not pass or fail.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options, timed
from wyassembler.projectfile.storage import load, save_project


def main() -> None:
    args = options(__doc__)
    project = build(args.sections)
    paragraphs = sum(len(s.blocks) for s in project.all_sections())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.wyproj"
        save_project(project, path)
        size = path.stat().st_size
        save_times = timed(lambda: save_project(project, path), args.repeat)
        open_times = timed(lambda: load(path), args.repeat)
    print(f"project: {len(project.all_sections())} sections, {paragraphs} blocks, file {size / 1e6:.1f} MB")
    print(figure("open and validate", open_times, milliseconds=True, goal="300 ms"))
    print(figure("save (atomic, with backup)", save_times, milliseconds=True, goal="300 ms"))


if __name__ == "__main__":
    main()
