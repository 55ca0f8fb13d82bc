"""Import of a 1,000-section (about 800-page) Word document into a new project.

    python benchmarks/bench_import.py [--sections 1000] [--repeat 5]

The document is the synthetic response exported by wyassembler itself (headings
at three levels, bold, italic, links, bulleted and numbered lists, tables).
Times the reading in-process (open, read, build the project) and the whole
command as a user runs it (``wyassembler import-docx``: start-up, read, save).
Goal on 2 cores: at most 1 s. Prints figures, not pass or fail.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import build  # noqa: E402
from benchmarks.timing import figure, options, timed, timed_command, wyassembler_command  # noqa: E402
from wyassembler.word.reader import import_docx  # noqa: E402
from wyassembler.word.writer import export_docx  # noqa: E402


def main() -> None:
    args = options(__doc__)
    project = build(args.sections)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "response.docx"
        export_docx(project, source, draft=True, project_path=None)
        reads = timed(lambda: import_docx(source, preset="west-yorkshire"), args.repeat)
        result = import_docx(source, preset="west-yorkshire")
        blocks = sum(len(s.blocks) for s in result.project.all_sections())
        commands = timed_command(wyassembler_command("import-docx", str(source), str(folder / "imported.wyproj"),
                                                     "--preset", "west-yorkshire", "--force"), args.repeat)
        print(f"document: {source.stat().st_size / 1e6:.1f} MB .docx; imported {len(result.project.all_sections())} "
              f"sections, {blocks} blocks")
    print(figure("import_docx (in-process)", reads))
    print(figure("wyassembler import-docx", commands, goal="1 s"))


if __name__ == "__main__":
    main()
