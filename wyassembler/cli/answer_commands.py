"""``wyassembler export-answers``: the answers for an online form, and ``sample --questions``.

The records, their JSON and CSV and the .txt folder's files are made in :mod:`..core.answer_export`;
here they are written (each file atomically, through :mod:`..fileio`) and the counts printed. Not gated on
sign-off: the answers are what a coordinator pastes into the form, so they are written at any time, with a
note when the response is not final yet.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core import signoff
from ..core.answer_export import (SUMMARY_NAME, AnswerFile, answer_files, answer_records, answers_csv, answers_json,
                                  file_names, summary_files)
from ..core.answers import QuestionStatus, question_statuses
from ..core.model import Project
from ..fileio import FileWriteError, describe_os_error, write_atomically
from ..projectfile.codec import from_bytes
from ..resource_files import QUESTIONS_SAMPLE, QUESTIONS_SAMPLE_CONSULTATION, resource_bytes
from .commands import CommandError, _load, _refuse_overwrite, _save, warn

FORMATS = ("json", "csv", "txt")
# Far more than the summary of the longest consultation: a larger summary.txt is not ours, and is not read whole.
MAX_SUMMARY_BYTES = 4 * 1024 * 1024
# What a file manager leaves in a folder by itself: an empty folder with one of these is still empty.
_FOLDER_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def output_format(output: str, asked: str | None) -> str:
    """json, csv or txt (a folder): from ``--format``, else from OUTPUT's extension; a path ending in a
    slash, without an extension, or naming an existing folder is a folder."""
    path = Path(output)
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
    if path.is_symlink():
        raise CommandError(f"{path} is a symbolic link: give the real file or folder (answers are never written "
                           f"through a link)")


def write_answer_file(path: Path, text: str, force: bool) -> None:
    """Write the JSON or CSV: never through a symbolic link, never over a file without ``force``."""
    _refuse_link(path)
    if path.is_dir():
        raise CommandError(f"{path} is a folder: give a file name ending in {path.suffix or '.json or .csv'}")
    _refuse_overwrite(path, force)
    write_atomically(path, text.encode("utf-8"))


def _ours(folder: Path) -> list[str] | None:
    """The files the folder's summary.txt lists, or None when the folder has no summary of ours."""
    summary = folder / SUMMARY_NAME
    if summary.is_symlink() or not summary.is_file():
        return None
    try:
        with open(summary, "rb") as handle:
            data = handle.read(MAX_SUMMARY_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_SUMMARY_BYTES:
        return None
    text = data.decode("utf-8", errors="replace")
    return summary_files(text)


def _plain_name(name: str) -> bool:
    """A name of a file directly in the folder (a summary edited by hand could name "../x.txt")."""
    return name not in ("", ".", "..") and Path(name).name == name and "/" not in name and "\\" not in name


def prepare_folder(folder: Path, files: list[AnswerFile], force: bool) -> list[str]:
    """Check (and create) the folder before anything is written; returns what our earlier summary listed.
    Refuses a symbolic link, a file, a missing parent, a non-empty folder not ours (unless ``force``), and a
    link or folder where an answer file goes."""
    _refuse_link(folder)
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is a file, not a folder: give a folder for the .txt answers")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise CommandError(f"cannot create {folder}: the folder {folder.parent} does not exist")
        try:
            folder.mkdir()
        except OSError as error:
            raise CommandError(describe_os_error(error, folder, "create")) from None
        return []
    listed = _ours(folder)
    foreign = sorted(set(os.listdir(folder)) - _FOLDER_LITTER)
    if foreign and listed is None and not force:
        raise CommandError(f"{folder} is not empty and was not written by 'export-answers' (it has no {SUMMARY_NAME} "
                           f"of ours): choose a new or empty folder, or add --force to write into it (nothing in it "
                           f"is removed)")
    for file in files:
        target = folder / file.name
        _refuse_link(target)
        if target.is_dir():
            raise CommandError(f"{target} is a folder: remove it or choose another folder")
    return [name for name in listed or [] if _plain_name(name)]


def write_answer_folder(folder: Path, files: list[AnswerFile], force: bool) -> list[str]:
    """Write the folder's files (the summary last, so a folder is only called ours once it is whole) and
    remove the files of our earlier export that no longer belong; returns the names removed."""
    earlier = prepare_folder(folder, files, force)
    for file in files:
        write_atomically(folder / file.name, file.text.encode("utf-8"))
    current = {file.name for file in files}
    removed = []
    for name in earlier:
        stale = folder / name
        if name in current or stale.is_symlink() or not stale.is_file():
            continue
        try:
            stale.unlink()
        except OSError as error:
            warn(describe_os_error(error, stale, "remove the earlier answer"))
            continue
        removed.append(name)
    return removed


def _not_final(project: Project) -> str:
    """A line saying the response is not final yet, or "" when it is."""
    ready = signoff.readiness(project)
    if ready.ready:
        return ""
    items = sum(len(what) for what in ready.missing.values())
    return (f"Not final yet: {items} item(s) still stand before a final export (see 'wyassembler status'), "
            f"so these answers may still change.")


def _print_counts(statuses: list[QuestionStatus], names: dict[str, str]) -> None:
    for status in statuses:
        question = status.question
        choice = f", choice: {question.choice}" if question.choice else ""
        where = f"  {names[question.number]}" if question.number in names else ""
        print(f"  question {question.number:<6} {status.count_phrase():<28} {status.state}{choice}{where}")
        if status.problem():
            warn(f"{question.label()} \u201c{question.short_text()}\u201d: {status.problem()}")


def cmd_export_answers(args: argparse.Namespace) -> int:
    """Write PROJECT's answers as .json, .csv or a folder of .txt files; print each question's count."""
    loaded = _load(args.project)
    project = loaded.project
    if not project.questions:
        raise CommandError(f"{args.project} has no consultation questions: import them first with "
                           f"'wyassembler questions import'")
    kind = output_format(args.output, args.format)
    output = Path(args.output)
    statuses = question_statuses(project)
    records = answer_records(project, statuses)
    not_final = _not_final(project)
    names: dict[str, str] = {}
    try:
        if kind == "json":
            write_answer_file(output, answers_json(project, records), args.force)
        elif kind == "csv":
            write_answer_file(output, answers_csv(project, records), args.force)
        else:
            files = answer_files(project, records, not_final)
            removed = write_answer_folder(output, files, args.force)
            written = {file.name for file in files}
            numbers = [record.question_id for record in records]
            names = {number: name for number, name in zip(numbers, file_names(numbers), strict=True) if name in written}
            if removed:
                print(f"Removed {len(removed)} answer file(s) of an earlier export: {', '.join(removed)}")
    except FileWriteError as error:
        raise CommandError(str(error)) from None
    files_note = f" (one file per question with text to paste, and {SUMMARY_NAME})" if kind == "txt" else ""
    print(f"Wrote the answers to {len(records)} question(s) to {output}{files_note}:")
    _print_counts(statuses, names)
    if not_final:
        sys.stderr.write(f"wyassembler: note: {not_final}\n")
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
