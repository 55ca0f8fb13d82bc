"""Opening a project with one long section: time per paragraph at 16,000 and at ten times that.

    python benchmarks/bench_load_scaling.py [--paragraphs 16000] [--repeat 3]

Loading must be linear: the time per paragraph at the larger size at most twice that at the smaller
(libxml2's schema validation once made 160,000 paragraphs take 40 s). Times are this process's CPU
seconds, best of several runs, so other work on a shared machine moves the ratio less. Prints figures
and the ratio, not pass or fail.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import options
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.projectfile.storage import load, save_project


def one_long_section(paragraphs: int):
    """A new West Yorkshire project with one more section of ``paragraphs`` short paragraphs."""
    project = new_project("Long section", "Benchmark", preset="west-yorkshire", person="Bench")
    blocks = tuple(Paragraph((Span(f"Paragraph {index}, with some "), Span("bold", bold=True), Span(" text.")))
                   for index in range(paragraphs))
    add_section(project, Actor(project.coordinator, "Bench"), "Long section", project.coordinator, blocks)
    return project


def seconds_per_paragraph(paragraphs: int, repeat: int, folder: Path) -> tuple[float, float]:
    """(best CPU seconds to open, file size in MB) for a file of one section of ``paragraphs`` paragraphs."""
    path = folder / f"long-{paragraphs}.wyproj"
    save_project(one_long_section(paragraphs), path)
    times = []
    for _ in range(repeat):
        started = time.process_time()
        load(path)
        times.append(time.process_time() - started)
    return min(times), path.stat().st_size / 1e6


def main() -> None:
    args = options(__doc__, paragraphs=16_000)
    args.repeat = min(args.repeat, 3)
    sizes = (args.paragraphs, args.paragraphs * 10)
    per_paragraph = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            best, megabytes = seconds_per_paragraph(size, args.repeat, Path(folder))
            per_paragraph.append(best / size)
            print(f"{size:>9,} paragraphs ({megabytes:5.1f} MB): open {best:6.2f} s CPU, "
                  f"{best / size * 1e6:5.1f} \u00b5s per paragraph")
    print(f"time per paragraph at {sizes[1]:,} / at {sizes[0]:,}: {per_paragraph[1] / per_paragraph[0]:.2f} "
          f"(goal at most 2)")


if __name__ == "__main__":
    main()
