"""Export of a 1,000-section response (about 8,000 paragraphs, some 800 pages) against pandoc.

    python benchmarks/bench_export.py [--sections 1000] [--repeat 5]

Times whole commands, as a user runs them: ``wyassembler export`` (load, verify,
build, check, write) and ``pandoc`` converting the same content from Markdown
to .docx. Goal on 2 cores: at most 0.5 s, and at least 8 times faster than
pandoc. Prints figures, not pass or fail.
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
from wyassembler.core.markdown import to_markdown  # noqa: E402
from wyassembler.projectfile.storage import save_project  # noqa: E402


def as_markdown(project) -> str:
    """The same response as one Markdown document, for pandoc."""
    members = [org.name for org in project.organisations]
    parts = [f'---\ntitle: "{project.title}"\nsubtitle: "{project.subtitle}"\nlang: en-GB\n---']
    for _, level, section in project.walk():
        parts.append("#" * level + " " + section.heading)
        parts.append(to_markdown(section.blocks, member_names=members))
    parts.append(project.closing_line)
    return "\n\n".join(parts)


def main() -> None:
    args = options(__doc__)
    project = build(args.sections)
    blocks = sum(len(s.blocks) for s in project.all_sections())
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "bench.wyproj"
        save_project(project, path, keep_backup=False)
        (folder / "bench.md").write_text(as_markdown(project), encoding="utf-8")
        ours = timed_command(wyassembler_command("export", str(path), "-o", str(folder / "ours.docx"), "--draft"),
                             args.repeat)
        size = (folder / "ours.docx").stat().st_size
        pandoc = shutil.which("pandoc")
        theirs = timed_command([pandoc, str(folder / "bench.md"), "-o", str(folder / "pandoc.docx")],
                               max(1, args.repeat // 2)) if pandoc else None
    print(f"response: {len(project.all_sections())} sections, {blocks} blocks; export {size / 1e6:.1f} MB")
    print(figure("wyassembler export", ours, goal="0.5 s"))
    if theirs:
        print(figure("pandoc md -> docx", theirs))
        print(f"wyassembler is {min(theirs) / min(ours):.1f} times faster (goal: at least 8)")
    else:
        print("pandoc is not installed: no comparison")


if __name__ == "__main__":
    main()
