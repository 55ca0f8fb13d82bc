"""``check``'s rules on a 1,000-section response, against loading the same project.

    python benchmarks/bench_check.py [--sections 1000] [--repeat 5]

Times ``core.checklist.check_project`` with the built-in template's findings (sign-off, the questions,
the accessibility of every section's text): goal under 0.5 s. Loading the project (what every command
does first) is timed in the same run as the yardstick. Also the whole ``wyassembler check`` command,
as a user runs it. Prints figures, not pass or fail.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import build  # noqa: E402
from benchmarks.timing import figure, options, timed, wyassembler_command  # noqa: E402
from wyassembler.core.checklist import check_project  # noqa: E402
from wyassembler.projectfile.storage import load, save_project  # noqa: E402
from wyassembler.word.template_check import template_findings  # noqa: E402


def main() -> None:
    args = options(__doc__)
    project = build(args.sections)
    template = template_findings(None)
    rules = timed(lambda: check_project(project, template), args.repeat)
    found = check_project(project, template)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.wyproj"
        save_project(project, path, keep_backup=False)
        loading = timed(lambda: load(path), args.repeat)
        command = _command(path, args.repeat)
    print(f"response: {len(project.all_sections())} sections; {len(found)} findings")
    print(figure("check_project (all rules)", rules, milliseconds=True, goal="500 ms"))
    print(figure("load the project (yardstick)", loading, milliseconds=True))
    print(figure("wyassembler check (whole command)", command, milliseconds=True))
    print(f"the rules take {min(rules) / min(loading):.2f} times as long as loading the project")


def _command(path: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):  # 'check' exits 1 when it finds errors: that is a result, not a failure
        started = time.perf_counter()
        subprocess.run(wyassembler_command("check", str(path)), capture_output=True)
        times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    main()
