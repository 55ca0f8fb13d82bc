"""``status`` on a 1,000-section project with 300 consultation questions, against the same project without
them (goal: at most 10% slower; issue 17).

    python benchmarks/bench_status_questions.py [--sections 1000] [--questions 300] [--repeat 5] [--before DIR]

Both projects are the synthetic response; the second is also asked ``--questions`` questions, a third
limited in words, a third in characters (some without spaces), one in ten with options and a choice, each
answered by a top-level section or a sub-section (so answers take in unmapped sub-sections as the rule
says), a few over their limit, a few unanswered. Each is saved, then ``wyassembler status`` runs in this
process (load, matrix, report, printed to nowhere), the two taking turns, best of several runs in CPU
seconds, and the report alone (matrix and text of each project as built) likewise. Counts are cached
within a process; the caches are emptied before each run, as a fresh ``wyassembler status`` starts empty.
``--before DIR``: also ``status`` of an older source tree (``git worktree add /tmp/wt-before cb0725f``, the
code before issue 17) on the project without questions, in a child process, against this code's with and
without them. Prints figures and the ratios, not pass or fail.

Measured on a shared 2-core machine (others' tests running; best / median of 40, CPU): status 204 / 220 ms
without the questions, 230 / 246 ms with them, 1.11-1.13 (1.11-1.14 before the characters were counted
without writing the answers out, the outline walked with a stack, the readiness's question lines reused
and the questions read by tag; those save 8-10 ms of 236 with the questions, process against process, but
the ratio moves less than its noise). Against cb0725f: 200 / 213 ms without questions, so now 1.16 with
300 questions, 1.02-1.03 without. What stays: counting the 200 limited answers (650 sections, 1.2 MB of
text for each kind) 9-13 ms, reading the 300 questions and the 1.6% larger file about 3 ms.
Then every project's ``status`` was made cheaper, with the same output, hashes and checks: content read
a Span per run of alike text rather than per piece and again per run, a section's hash encoded by one
kept encoder without the cycle check (the same bytes), and only the chosen command's parser built. Against
cb0725f: 0.94-1.06 best, 1.03-1.04 median with 300 questions; 0.89-0.93 best without (runs of 20 and 40).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build
from benchmarks.timing import figure, options
from wyassembler.cli import main as wyassembler
from wyassembler.cli.report import status_text
from wyassembler.core import answers
from wyassembler.core.model import Actor, Project
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_choice
from wyassembler.core.questions import Limit
from wyassembler.core.signoff import signoff_matrix
from wyassembler.projectfile.storage import load, save_project


def ask_questions(project: Project, count: int, seed: int = 17) -> None:
    """Give ``project`` ``count`` questions and map sections to all but a few (see the module's doc)."""
    rng = random.Random(seed)
    questions = []
    for index in range(count):
        kind = index % 3
        tight = index % 15 == 0  # over its limit once answered; the others within (an answer is 400-2,000 words)
        limit = (Limit("words", 100 if tight else rng.choice([2500, 3000])) if kind == 0 else
                 Limit("characters", 500 if tight else rng.choice([20_000, 25_000]), spaces=index % 5 != 0)
                 if kind == 1 else None)
        options = ("Yes", "No", "Don't know") if index % 10 == 9 else ()
        questions.append(NewQuestion(f"{index + 1}", f"Question {index + 1} about the shared services strategy "
                                                     f"and what the partnership would change?", limit, options))
    coordinator = Actor(project.coordinator or "", "Bench")
    import_questions(project, coordinator, questions)
    # Top-level sections first (each answer then takes in its four sub-sections), then sub-sections.
    numbered = project.numbered()
    targets = [section for _, level, section in numbered if level == 1]
    targets += [section for _, level, section in numbered if level > 1][: max(0, count - len(targets))]
    for question, section in zip(project.questions, targets, strict=False):
        if int(question.number) % 50 == 0:
            continue  # a few unanswered
        map_section(project, coordinator, section, [question.id])
        if question.options:
            set_choice(project, coordinator, question.id, "Yes")


def run_status(path: Path) -> None:
    answers.forget_counts()  # as in a fresh process
    with contextlib.redirect_stdout(io.StringIO()):
        assert wyassembler(["status", str(path)]) == 0


def report_only(project: Project) -> None:
    answers.forget_counts()
    status_text(project, signoff_matrix(project), date(2026, 1, 1))


def cpu_seconds(function) -> float:
    started = time.process_time()
    function()
    return time.process_time() - started


# Run in a child process on an older checkout (its wyassembler first on the path): `status` of a file, once
# to warm up (as the parent's runs are), then timed ``repeat`` times in CPU seconds, printed as JSON.
_OLD_STATUS = """
import contextlib, io, json, sys, time
from wyassembler.cli import main
try:
    from wyassembler.core import answers  # its counts kept between calls, emptied as in a fresh process
except ImportError:
    answers = None
def run():
    for name in dir(answers) if answers else []:
        if name.startswith("_") and "_BY_" in name:
            getattr(answers, name).clear()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["status", sys.argv[1]]) == 0
run()
times = []
for _ in range(int(sys.argv[2])):
    started = time.process_time()
    run()
    times.append(time.process_time() - started)
print(json.dumps(times))
"""


def old_status_times(checkout: Path, path: Path, repeat: int) -> list[float]:
    """CPU seconds of ``repeat`` runs of the ``status`` of ``checkout`` (an older wyassembler's source tree,
    such as a git worktree) on ``path``, in a child process started there so that its code is imported."""
    environment = dict(os.environ, PYTHONPATH=str(checkout))
    result = subprocess.run([sys.executable, "-c", _OLD_STATUS, str(path), str(repeat)], cwd=checkout,
                            env=environment, check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def against_before(checkout: Path, without: Path, with_: Path, repeat: int) -> None:
    """``status`` of the older checkout on the project without questions (it cannot read them) against this
    code's with and without them, in rounds of five runs each, taking turns."""
    before: list[float] = []
    now_without: list[float] = []
    now_with: list[float] = []
    for _ in range(max(1, repeat // 5)):
        before += old_status_times(checkout, without, 5)
        now_without += [cpu_seconds(lambda: run_status(without)) for _ in range(5)]
        now_with += [cpu_seconds(lambda: run_status(with_)) for _ in range(5)]
    print(figure(f"status before ({checkout.name}), no questions", before, milliseconds=True))
    print(figure("status now, no questions", now_without, milliseconds=True))
    print(figure("status now, with the questions", now_with, milliseconds=True))
    print(f"status now with questions / before without: best {min(now_with) / min(before):.3f}, "
          f"median {statistics.median(now_with) / statistics.median(before):.3f}; now without / before: "
          f"best {min(now_without) / min(before):.3f}")


def alternating(first, second, repeat: int) -> tuple[list[float], list[float]]:
    """Each of two calls timed ``repeat`` times in this process's CPU seconds, taking turns, so others' work
    on a shared machine moves the ratio less."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(cpu_seconds(first))
        times[1].append(cpu_seconds(second))
    return times


def main() -> None:
    args = options(__doc__, texts=("before",), questions=300)
    plain = build(args.sections)
    asked = build(args.sections)
    ask_questions(asked, args.questions)
    with tempfile.TemporaryDirectory() as folder:
        without, with_ = Path(folder) / "without.wyproj", Path(folder) / "with.wyproj"
        save_project(plain, without)
        save_project(asked, with_)
        loaded = load(with_).project
        kept = len(loaded.questions)
        mapped = sum(bool(section.answers) for section in loaded.all_sections())
        print(f"{args.sections:,} sections; {kept} questions kept by the file, {mapped} sections mapped"
              + ("" if kept == args.questions else "  (the file does not keep the questions: figures not comparable)"))
        states: dict[str, int] = {}
        for status in answers.question_statuses(asked):
            states[status.state] = states.get(status.state, 0) + 1
        print("states: " + ", ".join(f"{count} {state}" for state, count in sorted(states.items())))

        base, questions = alternating(lambda: run_status(without), lambda: run_status(with_), args.repeat)
        print(figure("status, no questions", base, milliseconds=True))
        print(figure(f"status, {kept} questions", questions, milliseconds=True))
        print(f"status with questions / without: best {min(questions) / min(base):.3f}, median "
              f"{statistics.median(questions) / statistics.median(base):.3f} (goal at most 1.10)")

        # The report of the projects as built (the same as read back), so it is measured even where the file
        # does not keep the questions.
        base, questions = alternating(lambda: report_only(plain), lambda: report_only(asked), args.repeat)
        print(figure("report only (matrix + text), no questions", base, milliseconds=True))
        print(figure(f"report only, {len(asked.questions)} questions", questions, milliseconds=True))
        print(f"report with questions / without: {min(questions) / min(base):.3f}")
        if args.before:
            against_before(Path(args.before).resolve(), without, with_, args.repeat)


if __name__ == "__main__":
    main()
