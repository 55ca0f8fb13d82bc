"""The public copy's check for confidential text quoted in sections it prints (core.public_copy.quoted_elsewhere)
on the synthetic project, with one top-level section in ten confidential (and its sub-sections withheld with it),
against a tenth of the sections: the time should grow with the text, about tenfold, not a hundredfold.

    python benchmarks/bench_quoted_elsewhere.py [--sections 1000] [--repeat 5]

Prints the best and median of several runs at each size and their ratio; figures, not pass or fail.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import T0, build
from benchmarks.timing import figure, options, timed
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.model import Actor
from wyassembler.core.public_copy import quoted_elsewhere


def marked_project(sections: int):
    project = build(sections)
    coordinator = Actor(project.coordinator or "", "Bench", "coordinator")
    for section in project.sections[::10]:
        mark_section(project, coordinator, section, True, "commercially sensitive", now=T0)
    return project


def main() -> None:
    args = options(__doc__)
    medians = []
    for sections in (args.sections // 10, args.sections):
        project = marked_project(sections)
        warnings = len(quoted_elsewhere(project))
        times = timed(lambda project=project: quoted_elsewhere(project), args.repeat)
        medians.append(statistics.median(times))
        print(figure(f"quoted_elsewhere, {sections} sections ({warnings} warnings)", times, milliseconds=True))
    print(f"ratio of the medians: {medians[1] / medians[0]:.1f} for {args.sections // (args.sections // 10)} "
          "times the sections")


if __name__ == "__main__":
    main()
