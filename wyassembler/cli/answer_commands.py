"""``wyassembler export-answers``: the answers for an online form, and ``sample --questions``.

The records, their JSON and CSV and the .txt folder's files are made in :mod:`..core.answer_export` and
written by :mod:`..answer_files` (the rules the app follows too: links, replacing, our folder or another's,
stale files); here the output's format is worked out from the arguments and the counts printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..answer_files import AnswerFileExists, AnswerWriteError, ForeignFolder, refuse_link, write_answers
from ..core.answer_export import SUMMARY_NAME
from ..core.answers import QuestionStatus
from ..fileio import FileWriteError, refuse_project_as_output, write_atomically
from ..projectfile.codec import from_bytes
from ..resource_files import QUESTIONS_SAMPLE, QUESTIONS_SAMPLE_CONSULTATION, resource_bytes
from .commands import CommandError, _load, _refuse_overwrite, _save, warn

def output_format(output: str, asked: str | None) -> str:
    """json, csv or txt (a folder): from ``--format``, else from OUTPUT's extension; a path ending in a
    slash, without an extension, or naming an existing folder is a folder."""
    path = Path(output)
    if path.name.endswith((".", " ")) and path.name not in (".", ".."):
        raise CommandError(f"{output!r} ends in a dot or a space, which Windows drops from a name (it would be "
                           f"another file or folder there): choose a name without")
    suffix = path.suffix.lower() if not output.endswith(("/", os.sep)) else ""
    by_name = {".json": "json", ".csv": "csv"}.get(suffix)
    if asked is not None:
        if by_name is not None and by_name != asked:
            raise CommandError(f"{output} ends in {suffix} but --format asks for {asked}: give them the same")
        return asked
    if by_name is not None:
        return by_name
    if not suffix or path.is_dir():
        return "txt"
    raise CommandError(f"{output}: give a .json or .csv file, or a folder (a name without an extension, or "
                       f"--format txt) for one .txt file per question")


def _refuse_link(path: Path) -> None:
    try:
        refuse_link(path)
    except AnswerWriteError as error:
        raise CommandError(str(error)) from None


def _print_counts(statuses: list[QuestionStatus], names: dict[str, str]) -> None:
    # as wide as the widest count, so the states line up ("0 / 1,000 characters (no spaces)" is over 28)
    width = max([28] + [len(status.count_phrase()) for status in statuses])
    for status in statuses:
        question = status.question
        choice = f", choice: {question.choice}" if question.choice else ""
        where = f"  {names[question.number]}" if question.number in names else ""
        print(f"  question {question.number:<6} {status.count_phrase():<{width}} {status.state}{choice}{where}")
        if status.problem():
            warn(f"{question.label()} \u201c{question.short_text()}\u201d: {status.problem()}")


def cmd_export_answers(args: argparse.Namespace) -> int:
    """Write PROJECT's answers as .json, .csv or a folder of .txt files; print each question's count."""
    refuse_project_as_output(args.project, args.output)  # before reading it; the engine checks again
    loaded = _load(args.project)
    project = loaded.project
    if not project.questions:
        raise CommandError(f"{args.project} has no consultation questions: import them first with "
                           f"'wyassembler questions import'")
    kind = output_format(args.output, args.format)
    output = Path(args.output)
    try:
        written = write_answers(project, kind, output, replace=args.force, project_path=Path(args.project))
    except AnswerFileExists as error:
        raise CommandError(f"{error.path} already exists; choose another name or add --force to replace it") from None
    except ForeignFolder as error:
        raise CommandError(f"{error}: choose a new or empty folder, or add --force to write into it (nothing in "
                           f"it is removed)") from None
    except AnswerWriteError as error:
        raise CommandError(str(error)) from None
    if written.removed:
        print(f"Removed {len(written.removed)} answer file(s) of an earlier export: {', '.join(written.removed)}")
    for warning in written.warnings:
        warn(warning)
    files_note = f" (one file per question with text to paste, and {SUMMARY_NAME})" if kind == "txt" else ""
    print(f"Wrote the answers to {len(written.records)} question(s) to {output}{files_note}:")
    _print_counts(written.statuses, written.file_of)
    if written.not_final:
        sys.stderr.write(f"wyassembler: note: {written.not_final}\n")
    return 0


# -- sample --questions ------------------------------------------------------------------------------------

def cmd_sample_questions(args: argparse.Namespace) -> int:
    """Write the sample that answers a consultation's questions, and the consultation beside it."""
    path = Path(args.project)
    beside = [(path.parent / name, name) for name in QUESTIONS_SAMPLE_CONSULTATION]
    _refuse_link(path)
    _refuse_overwrite(path, args.force)
    for target, _ in beside:
        _refuse_link(target)
        _refuse_overwrite(target, args.force)
    project = from_bytes(resource_bytes(*QUESTIONS_SAMPLE))
    _save(project, path, replace=args.force)
    for target, name in beside:
        try:
            write_atomically(target, resource_bytes("samples", name))
        except FileWriteError as error:
            raise CommandError(str(error)) from None
    print(f"Wrote the sample project to {path}: \u201c{project.title}\u201d, {len(project.all_sections())} "
          f"sections answering {len(project.questions)} consultation questions.")
    print("The consultation it answers: " + " and ".join(str(target) for target, _ in beside))
    print(f"Try: wyassembler status {path}    and    wyassembler export-answers {path} -o answers/")
    return 0
