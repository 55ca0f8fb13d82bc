"""A 1,000-section response to an accessible PDF, against LibreOffice converting the same .docx by hand.

    python benchmarks/bench_pdf.py [--sections 1000] [--repeat 3]

The user's alternative to ``wyassembler export -o response.pdf`` is to export the .docx and convert it
themselves with ``soffice --headless --convert-to pdf``: with the same tagging (PDF/UA) options, the same
PDF, which is the comparison the goal is set against (within 1.2 times: the conversion is the engine's,
ours adds building the .docx, a private profile and the mark); and with LibreOffice's defaults, an untagged
PDF, shown for what tagging itself costs in LibreOffice. All are timed as whole commands, as a user runs
them, LibreOffice's start-up included. Prints figures, not pass or fail.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import build  # noqa: E402
from benchmarks.timing import figure, options, timed_command, wyassembler_command  # noqa: E402
from wyassembler.projectfile.storage import save_project  # noqa: E402
from wyassembler.word.pdf_engine import filter_argument  # noqa: E402


def main() -> None:
    args = options(__doc__)
    repeat = max(1, min(args.repeat, 3))  # each run is LibreOffice laying out some 800 pages
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice is not installed: nothing to measure")
        return
    project = build(args.sections)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "bench.wyproj"
        save_project(project, path, keep_backup=False)
        docx = folder / "bench.docx"
        timed_command(wyassembler_command("export", str(path), "-o", str(docx), "--draft"), 1)
        profile = (folder / "profile").as_uri()  # the user's own profile, reused run after run
        by_hand = timed_command([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                                 filter_argument(archive=False), "--outdir", str(folder / "by-hand"), str(docx)],
                                repeat)
        untagged = timed_command([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                                  "--outdir", str(folder / "untagged"), str(docx)], repeat)
        ours = timed_command(wyassembler_command("export", str(path), "-o", str(folder / "ours.pdf"), "--draft",
                                                 "--force"), repeat)
        sizes = [(folder / name).stat().st_size for name in ("ours.pdf", "by-hand/bench.pdf", "untagged/bench.pdf")]
    print(f"response: {len(project.all_sections())} sections; PDF {sizes[0] / 1e6:.1f} MB ours, "
          f"{sizes[1] / 1e6:.1f} MB tagged by hand, {sizes[2] / 1e6:.1f} MB untagged by hand")
    print(figure("docx -> pdf by hand, tagged (soffice)", by_hand))
    print(figure("docx -> pdf by hand, untagged (defaults)", untagged))
    print(figure("wyassembler export -o .pdf", ours, goal="within 1.2 times tagged by hand"))
    print(f"wyassembler takes {min(ours) / min(by_hand):.2f} times as long as the same conversion by hand "
          f"(goal: at most 1.2); LibreOffice's tagging makes a PDF take {min(by_hand) / min(untagged):.2f} times "
          "as long as an untagged one")


if __name__ == "__main__":
    main()
