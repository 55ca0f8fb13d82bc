"""The outline's open-comment count at 1,000 sections (figures, not pass or fail): a whole-outline repaint
check (OutlineModel._repaint_changed, which works out every row's look) with no comments, and with five
threads on every section (two resolved, each with a reply), as a ratio; and the Comments pane's model
showing one section with 200 threads.

Run: QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_comments_outline [--sections N] [--repeat N]
"""

from __future__ import annotations

import statistics
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere


def add_threads(project, section, count: int, start) -> None:
    from wyassembler.core.comments import add_comment, set_resolved
    from wyassembler.core.model import Actor

    actor = Actor(project.coordinator, "Bench")
    for number in range(count):
        when = start + timedelta(minutes=number)
        root = add_comment(project, actor, section, f"Comment {number}", now=when)
        add_comment(project, actor, section, "A reply", reply_to=root.id, now=when + timedelta(seconds=1))
        if number % 5 < 2:
            set_resolved(project, actor, root.id, True, now=when + timedelta(seconds=2))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from benchmarks.synthetic import T0, build
    from benchmarks.timing import figure, options, timed
    from wyassembler.ui.models.comments import CommentsModel
    from wyassembler.ui.models.outline import OutlineModel
    from wyassembler.ui.project.document import ProjectDocument

    args = options(__doc__)
    QApplication.instance() or QApplication([])
    project = build(args.sections)
    outline = OutlineModel(ProjectDocument(project))
    bare = timed(outline._repaint_changed, args.repeat)
    for section in project.all_sections():
        add_threads(project, section, 5, T0)
    commented = timed(outline._repaint_changed, args.repeat)
    print(figure(f"outline repaint check, {args.sections:,} sections", bare, milliseconds=True))
    print(figure("  with 5 threads on each", commented, milliseconds=True))
    print(f"  ratio {statistics.median(commented) / statistics.median(bare):.2f}")
    busy = project.all_sections()[0]
    add_threads(project, busy, 200, T0 + timedelta(days=1))
    model = CommentsModel()
    model.show(project, busy)
    print(figure("comments model, one section with 205 threads", timed(lambda: model.refresh(busy), args.repeat),
                 milliseconds=True))


if __name__ == "__main__":
    main()
