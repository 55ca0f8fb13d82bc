"""What the write gate costs against the save it guards, on a 1,000-section project.

    python benchmarks/bench_write_gate.py [--sections 1000] [--repeat 5]

The gate (ids, references, histories, every revision's hash) runs before every write. Reading a
file already compares each revision with its hash, and the gate remembers what it has checked,
so on a project just loaded, or saved before, it hashes only revisions made since. Figures, not
pass or fail.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options, timed
from wyassembler.core.integrity import reference_problems
from wyassembler.projectfile.codec import to_bytes
from wyassembler.projectfile.storage import atomic_write, load, save_project
from wyassembler.projectfile.write_gate import check_before_write


def _every_hash(project) -> None:
    for section in project.all_sections():
        for revision in section.revisions:
            revision.computed_hash()


def main() -> None:
    args = options(__doc__)
    project = build(args.sections)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.wyproj"
        save_project(project, path)
        unguarded = timed(lambda: atomic_write(path, to_bytes(project)), args.repeat)
        loaded = load(path).project
        after_load = timed(lambda: check_before_write(loaded, path), 1)
        again = timed(lambda: check_before_write(loaded, path), args.repeat)
    full = [a + b for a, b in zip(timed(lambda: reference_problems(project), args.repeat),
                                  timed(lambda: _every_hash(project), args.repeat), strict=True)]
    save = min(unguarded)
    print(f"project: {len(project.all_sections())} sections")
    print(figure("save, without the gate", unguarded, milliseconds=True))
    print(figure("gate, every hash computed", full, milliseconds=True))
    print(figure("gate, first save after loading", after_load, milliseconds=True))
    print(figure("gate, saving again", again, milliseconds=True))
    print(f"gate / save: {min(full) / save:.2f} with every hash, {min(after_load) / save:.2f} after loading, "
          f"{min(again) / save:.2f} saving again")


if __name__ == "__main__":
    main()
