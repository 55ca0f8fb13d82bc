"""Crash recovery of a 1,000-section project: what the UI thread pays (the snapshot) against what the
recovery writer's thread does (the write gate and serialising), which the UI thread no longer waits for.

    python benchmarks/bench_recovery.py [--sections 1000] [--repeat 5]

Prints the best and median of several runs, and the ratio; figures, not pass or fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options, timed
from wyassembler.core.snapshot import snapshot
from wyassembler.projectfile.write_gate import checked_bytes


def main() -> None:
    args = options(__doc__)
    project = build(args.sections)
    on_ui_thread = timed(lambda: snapshot(project), args.repeat)
    on_worker = timed(lambda: checked_bytes(snapshot(project)), args.repeat)
    print(figure(f"snapshot on the UI thread ({args.sections} sections)", on_ui_thread, milliseconds=True))
    print(figure("gate and serialise on the recovery thread", on_worker, milliseconds=True))
    print(f"the UI thread pays {min(on_ui_thread) / min(on_worker):.1%} of a recovery write")


if __name__ == "__main__":
    main()
