"""What a save costs the UI thread now (a snapshot) against the whole shared save it used to block on,
on a 1,000-section project, one partner's save merged in.

    python benchmarks/bench_save_thread.py [--sections 1000] [--repeat 5]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options, timed
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.core.snapshot import snapshot
from wyassembler.projectfile import storage


def main() -> None:
    args = options(__doc__)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.wyproj"
        storage.save_project(build(args.sections), path)
        ours = storage.load(path)
        section = ours.project.all_sections()[3]
        editing.edit_section(ours.project, Actor(section.owner, "Bench"), section, blocks=(Paragraph(plain("Ours")),))
        theirs = storage.load(path)
        other = theirs.project.all_sections()[7]
        editing.edit_section(theirs.project, Actor(other.owner, "Other"), other, blocks=(Paragraph(plain("Theirs")),))
        storage.save_shared(theirs.project, path, theirs.data, theirs.structure)
        disk = path.read_bytes()

        def whole_save() -> None:
            path.write_bytes(disk)  # the other partner's save is there each time: every save merges
            storage.save_shared(ours.project, path, ours.data, ours.structure)

        snap = timed(lambda: snapshot(ours.project), args.repeat)
        save = timed(whole_save, args.repeat)
    print(figure("UI thread: snapshot for the worker", snap, milliseconds=True))
    print(figure("whole shared save with merge (what the UI thread used to wait for)", save, milliseconds=True))
    print(f"the UI thread now spends {min(snap) / min(save):.3f} of the save (best runs)")


if __name__ == "__main__":
    main()
