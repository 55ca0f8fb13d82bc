"""git's diff converter (``wyassembler textconv``) on a 1,000-section project, against loading the same project
in the same run.

    python benchmarks/bench_textconv.py [--sections 1000] [--repeat 5]

git runs textconv once per version it shows (twice per file in ``git diff``, for every commit touching it in
``git log -p``; ``cachetextconv`` is off, so nothing is reused). Timed in this process: reading and parsing
the file (what any command does first), and the text from the loaded project; then the whole command as
git runs it, and Python's start-up alone. Figures, not pass or fail: the ratio text / load is the one to
watch (the text should cost about what reading the file costs, not many times it).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options, timed, timed_command, wyassembler_command
from wyassembler.core.textconv import project_text
from wyassembler.projectfile.codec import from_bytes
from wyassembler.projectfile.storage import read_limited, save_project


def main() -> None:
    args = options(__doc__)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        for name in ("CONFIG", "DATA", "LOG"):  # the user's own folders are never touched
            os.environ[f"WYASSEMBLER_{name}_DIR"] = str(folder / name.lower())
        path = folder / "response.wyproj"
        save_project(build(args.sections), path)
        size = path.stat().st_size
        project = from_bytes(read_limited(path))
        text_size = len(project_text(project).encode("utf-8"))  # once first: imports and caches warm
        load = timed(lambda: from_bytes(read_limited(path)), args.repeat)
        text = timed(lambda: project_text(project), args.repeat)
        command = timed_command(wyassembler_command("textconv", "--", str(path)), args.repeat)
        python_alone = timed_command([sys.executable, "-c", "pass"], args.repeat)
    print(f"project: {args.sections} sections ({size / 1e6:.1f} MB of XML, {text_size / 1e6:.1f} MB of text)")
    print(figure("load (read and parse)", load, milliseconds=True))
    print(figure("project_text (from the loaded project)", text, milliseconds=True))
    print(f"text / load: {min(text) / min(load):.2f}")
    print(figure("textconv as git runs it (whole command)", command, milliseconds=True))
    print(f"command / load: {min(command) / min(load):.2f}")
    print(figure("python -c pass (start-up alone)", python_alone, milliseconds=True))


if __name__ == "__main__":
    main()
