"""A returned pack section with thousands of Word tracked changes: listing them and the two views.

    python benchmarks/bench_pack_review.py [--changes 5000] [--repeat 5]

One section's paragraphs hold ``--changes`` tracked changes as Word writes them (alternately an
inserted and a deleted word, a paragraph of 50 changes each, every tenth paragraph's mark inserted).
Times :func:`wyassembler.word.pack_review.tracked_changes`, ``accepted_view`` and ``rejected_view``
at 1/4, 1 and 4 times that many changes, and prints each size's time per change against the smallest's:
ratios near 1 mean the time grows linearly with the changes. Prints figures, not pass or fail.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import figure, options, timed  # noqa: E402
from wyassembler.word import pack_review  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TRACKED = 'w:author="Ann Reviewer" w:date="2026-03-02T10:15:00Z"'


def section(changes: int) -> list:
    """Body elements holding ``changes`` tracked changes."""
    paragraphs = []
    for first in range(0, changes, 50):
        mark = (f'<w:pPr><w:rPr><w:ins w:id="{first}" {TRACKED}/></w:rPr></w:pPr>'
                if first % 500 == 0 else "")
        runs = "".join(
            f'<w:ins w:id="{n}" {TRACKED}><w:r><w:t xml:space="preserve"> new{n}</w:t></w:r></w:ins>' if n % 2 else
            f'<w:del w:id="{n}" {TRACKED}><w:r><w:delText xml:space="preserve"> old{n}</w:delText></w:r></w:del>'
            for n in range(first, min(first + 50, changes)))
        paragraphs.append(f"<w:p>{mark}<w:r><w:t>Kept</w:t></w:r>{runs}</w:p>")
    return list(etree.fromstring(f'<w:body xmlns:w="{W}">{"".join(paragraphs)}</w:body>'))


def main() -> None:
    args = options(__doc__, changes=5000)
    per_change: dict[str, dict[int, float]] = {}
    for changes in (args.changes // 4, args.changes, args.changes * 4):
        elements = section(changes)
        for name, function in (("tracked_changes", pack_review.tracked_changes),
                               ("accepted_view", pack_review.accepted_view),
                               ("rejected_view", pack_review.rejected_view)):
            times = timed(lambda f=function, e=elements: f(e), args.repeat)
            print(figure(f"{name} ({changes:,} changes)", times, milliseconds=True))
            per_change.setdefault(name, {})[changes] = statistics.median(times) / changes
    for name, by_size in per_change.items():
        smallest = by_size[min(by_size)]
        ratios = "   ".join(f"{size:,}: {value / smallest:.2f}" for size, value in sorted(by_size.items()))
        print(f"{name:20s} time per change against {min(by_size):,} changes   {ratios}")


if __name__ == "__main__":
    main()
