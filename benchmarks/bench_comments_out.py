"""A draft of a 1,000-section response built with and without its open comments as Word comments.

    python benchmarks/bench_comments_out.py [--sections 1000] [--repeat 3] [--per-section 3]

Each section gets ``--per-section`` threads (a quote from its first paragraph, a comment on the whole
section, a reply), so 1,000 sections carry 3,000 Word comments. Prints the build times in process
(build_docx, not the command) and their ratio: what the comments cost. Figures, not pass or fail.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import build  # noqa: E402
from benchmarks.timing import figure, options, timed  # noqa: E402
from wyassembler.core.comments import add_comment, block_texts  # noqa: E402
from wyassembler.core.model import Actor  # noqa: E402
from wyassembler.word.writer import build_docx  # noqa: E402


def comment_everywhere(project, per_section: int) -> int:
    """Threads on every section: quotes from its text, one on the whole section, a reply to the first."""
    reviewer = Actor(project.organisations[0].id, "A. Reviewer", "partner lead")
    count = 0
    for index, section in enumerate(project.all_sections()):
        time = project.created + timedelta(seconds=index)
        texts = [text for _, text in block_texts(section.blocks) if len(text) > 20]
        first = None
        for n in range(per_section):
            quote = texts[n % len(texts)][5:20] if texts and n % 3 == 0 else ""
            if n % 3 == 2 and first is not None:
                add_comment(project, reviewer, section, f"Reply {n}", reply_to=first.id, now=time)
            else:
                comment = add_comment(project, reviewer, section, f"Comment {n}", quote=quote, now=time)
                first = first or comment
            count += 1
    return count


def main() -> None:
    args = options(__doc__, per_section=3)
    project = build(args.sections)
    plain = timed(lambda: build_docx(project, draft=True), args.repeat)
    count = comment_everywhere(project, args.per_section)
    with_comments = timed(lambda: build_docx(project, draft=True, with_comments=True), args.repeat)
    print(f"response: {len(project.all_sections())} sections, {count} comments")
    print(figure("draft without comments", plain))
    print(figure("draft with comments", with_comments))
    print(f"with comments / without: {min(with_comments) / min(plain):.2f}")


if __name__ == "__main__":
    main()
