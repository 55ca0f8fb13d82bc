"""The app's Questions tab and the editor's live count on a 1,000-section project with 300 questions
(issue 17): what they add to a commit of typing, against what the sign-off matrix already takes for it.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_questions_view.py [--sections 1000] [--questions 300]

The project is bench_status_questions' (a third of the questions limited in words, a third in characters).
Figures, best of ``--repeat``, in milliseconds: the matrix following one section's commit (what the
window did before the questions), the Questions tab following the same commit (the statuses worked out
again: the section is part of an answer), the same for a section that is part of none (nothing worked
out), and one recount of the editor's bar (what a pause in typing costs; keystrokes themselves count
nothing). Ratios to the matrix's figure, not pass or fail.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_status_questions import ask_questions
from benchmarks.synthetic import build
from benchmarks.timing import figure, options, timed
from wyassembler.core.answers import answer_parts
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.settings import Identity


def main() -> None:
    args = options(__doc__, questions=300)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from wyassembler.ui.main_window import MainWindow
    from wyassembler.ui.project.document import SECTION

    project = build(args.sections)
    ask_questions(project, args.questions)
    window = MainWindow(Identity("Bench", project.coordinator or "", "coordinator"))
    window.autosave_timer.stop()
    window.open_project(project)
    window.questions_panel.set_showing(True)
    app.processEvents()
    actor = Actor(project.coordinator or "", "Bench", "coordinator")
    parts = answer_parts(project)
    answering = {part.section.id for answer in parts.values() for part in answer}
    inside = next(s for s in project.all_sections() if s.id in answering)
    outside = next((s for s in project.all_sections() if s.id not in answering), None)
    counter = iter(range(10**9))

    def commit(section) -> None:
        edit_section(project, actor, section, blocks=(Paragraph((Span(f"Edited {next(counter)} " * 40),)),))

    def matrix(section):
        return lambda: (commit(section), window.signoff_panel.follow_change(SECTION, section.id))

    def questions(section):
        return lambda: (commit(section), window.questions_panel.follow_change(SECTION, section.id))

    def only_commit(section):
        return lambda: commit(section)

    base = min(timed(only_commit(inside), args.repeat))
    matrix_ms = [t - base for t in timed(matrix(inside), args.repeat)]
    questions_ms = [t - base for t in timed(questions(inside), args.repeat)]
    print(f"{args.sections:,} sections, {args.questions} questions")
    print(figure("sign-off matrix after a commit", matrix_ms, milliseconds=True))
    print(figure("Questions tab after a commit (in an answer)", questions_ms, milliseconds=True))
    if outside is not None:
        outside_ms = [max(t - base, 0.0) for t in timed(questions(outside), args.repeat)]
        print(figure("Questions tab after a commit (in none)", outside_ms, milliseconds=True))
    window.select_section(inside.id)
    bar = window.editor.answer_count
    print(figure("editor's count after a pause in typing", timed(bar.recount, args.repeat), milliseconds=True))
    print(f"Questions tab / matrix after a commit: {min(questions_ms) / min(matrix_ms):.2f}")
    window.document.undo_stack.setClean()
    window.close_project(ask=False)


if __name__ == "__main__":
    main()
