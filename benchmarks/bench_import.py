"""Import of a 1,000-section (about 800-page) Word document into a new project.

    python benchmarks/bench_import.py [--sections 1000] [--repeat 5]

The document is the synthetic response exported by wyassembler itself (headings
at three levels, bold, italic, links, bulleted and numbered lists, tables).
Times the reading in-process (open, read, build the project) and the whole
command as a user runs it (``wyassembler import-docx``: start-up, read, save).
Goal on 2 cores: at most 1 s. Prints figures, not pass or fail.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import build  # noqa: E402
from wyassembler.word.reader import import_docx  # noqa: E402
from wyassembler.word.writer import export_docx  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = build(args.sections)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "response.docx"
        export_docx(project, source, draft=True)
        reads = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = import_docx(source, preset="west-yorkshire")
            reads.append(time.perf_counter() - started)
        blocks = sum(len(s.blocks) for s in result.project.all_sections())
        commands = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "wyassembler", "import-docx", str(source),
                            str(folder / "imported.wyproj"), "--preset", "west-yorkshire", "--force"],
                           check=True, capture_output=True)
            commands.append(time.perf_counter() - started)
        print(f"document: {source.stat().st_size / 1e6:.1f} MB .docx; imported {len(result.project.all_sections())} "
              f"sections, {blocks} blocks")
    print(f"import_docx (in-process)      best {min(reads):5.2f} s   median {statistics.median(reads):5.2f} s")
    print(f"wyassembler import-docx       best {min(commands):5.2f} s   median {statistics.median(commands):5.2f} s"
          f"   (goal 1 s)")


if __name__ == "__main__":
    main()
