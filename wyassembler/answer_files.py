"""Writing the answers for an online form: a .json or .csv file, or a folder of .txt files.

The one set of rules the command line (``export-answers``) and the app (File › Export Answers for Online
Form…) both follow; the records and their text are :mod:`.core.answer_export`'s. Each file is written
atomically (:func:`.fileio.write_atomically`). Nothing is ever written through a symbolic link. A file
already there is replaced only when asked (``replace``). A folder is ours when its ``summary.txt`` starts
with :data:`.core.answer_export.SUMMARY_MARKER`; a non-empty folder that is not ours is written into only
when asked, and nothing in it is removed. Writing into our own folder removes the files our earlier export
listed that no longer belong (a question now unanswered or renumbered), and only those, never through a
link nor outside the folder. The summary is written last, so a folder is only called ours once it is whole.

Not gated on sign-off: the answers are what a coordinator pastes into the form, so they are written at any
time, with a note (in the summary and the result) when the response is not final yet.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .core import signoff
from .core.answer_export import (SUMMARY_NAME, AnswerFile, AnswerRecord, answer_files, answer_records, answers_csv,
                                 answers_json, file_names, summary_files)
from .core.answers import QuestionStatus, question_statuses
from .core.errors import WyassemblerError
from .core.model import Project
from .fileio import FileWriteError, describe_os_error, refuse_project_as_output, write_atomically

JSON, CSV, TXT = "json", "csv", "txt"
FORMATS = (JSON, CSV, TXT)
# Far more than the summary of the longest consultation: a larger summary.txt is not ours, and is not read whole.
MAX_SUMMARY_BYTES = 4 * 1024 * 1024
# What a file manager leaves in a folder by itself: an empty folder with one of these is still empty.
_FOLDER_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


class AnswerWriteError(WyassemblerError):
    """The answers were not written; the message says why in one line, and nothing was left half-written."""


class AnswerFileExists(AnswerWriteError):
    """The .json or .csv file is there already and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


class ForeignFolder(AnswerWriteError):
    """The folder holds files and was not written by an export of answers; writing into it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not empty and was not written by an export of answers (it has no "
                         f"{SUMMARY_NAME} of ours)")
        self.path = path


@dataclass
class AnswersWritten:
    """What an export of answers wrote: the statuses it counted (the consultation's order), the records, the
    .txt file of each question number that got one, our earlier files removed, and what to warn of."""

    kind: str
    output: Path
    statuses: list[QuestionStatus]
    records: list[AnswerRecord]
    not_final: str = ""  # a line saying the response is not final yet, or ""
    file_of: dict[str, str] = field(default_factory=dict)  # question number -> its .txt file's name
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # earlier files that could not be removed

    def problems(self) -> list[str]:
        """A line per question unanswered or over its limit (and each warning), to show or print."""
        lines = [f"{status.question.label()} \u201c{status.question.short_text()}\u201d: {status.problem()}"
                 for status in self.statuses if status.problem()]
        return lines + self.warnings


def refuse_link(path: Path) -> None:
    """Refuse a symbolic link: answers are never written through one."""
    if path.is_symlink():
        raise AnswerWriteError(f"{path} is a symbolic link: give the real file or folder (answers are never written "
                               f"through a link)")


def write_answer_file(path: Path, text: str, replace: bool) -> None:
    """Write the JSON or CSV: never through a symbolic link, never over a file unless ``replace``."""
    refuse_link(path)
    if path.is_dir():
        raise AnswerWriteError(f"{path} is a folder: give a file name ending in {path.suffix or '.json or .csv'}")
    if path.exists() and not replace:
        raise AnswerFileExists(path)
    if not path.parent.is_dir():
        raise AnswerWriteError(f"cannot create {path}: the folder {path.parent} does not exist")
    write_atomically(path, text.encode("utf-8"))


def ours(folder: Path) -> list[str] | None:
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
    return summary_files(data.decode("utf-8", errors="replace"))


def _has_files(folder: Path) -> bool:
    try:
        return bool(set(os.listdir(folder)) - _FOLDER_LITTER)
    except OSError as error:
        raise AnswerWriteError(describe_os_error(error, folder, "read the folder")) from None


def is_foreign_folder(folder: Path) -> bool:
    """Whether ``folder`` is an existing folder with files in it that an export of answers did not write
    (writing into it needs ``replace``)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return _has_files(folder) and ours(folder) is None


def _plain_name(name: str) -> bool:
    """A name of a file directly in the folder (a summary edited by hand could name "../x.txt")."""
    return name not in ("", ".", "..") and Path(name).name == name and "/" not in name and "\\" not in name


def prepare_folder(folder: Path, files: list[AnswerFile], replace: bool, project_path: Path | None) -> list[str]:
    """Check (and create) the folder before anything is written; returns what our earlier summary listed.
    Refuses a symbolic link, a file, a missing parent, a non-empty folder not ours (unless ``replace``), a
    link or folder where an answer file goes, and the project file (``project_path``) kept in the folder under
    the name of an answer file to write or of an earlier one to remove."""
    refuse_link(folder)
    if folder.exists() and not folder.is_dir():
        raise AnswerWriteError(f"{folder} is a file, not a folder: give a folder for the .txt answers")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise AnswerWriteError(f"cannot create {folder}: the folder {folder.parent} does not exist")
        try:
            folder.mkdir()
        except OSError as error:
            raise AnswerWriteError(describe_os_error(error, folder, "create")) from None
        return []
    listed = ours(folder)
    if listed is None and not replace and _has_files(folder):
        raise ForeignFolder(folder)
    earlier = [name for name in listed or [] if _plain_name(name)]
    for file in files:
        target = folder / file.name
        refuse_link(target)
        if target.is_dir():
            raise AnswerWriteError(f"{target} is a folder: remove it or choose another folder")
    for name in {file.name for file in files} | set(earlier):
        refuse_project_as_output(project_path, folder / name)
    return earlier


def write_answer_folder(folder: Path, files: list[AnswerFile], replace: bool,
                        project_path: Path | None) -> tuple[list[str], list[str]]:
    """Write the folder's files (the summary last) and remove the files of our earlier export that no longer
    belong; returns the names removed and a warning for each that could not be. Neither touches the project
    file (``project_path``): it is refused before anything is written."""
    earlier = prepare_folder(folder, files, replace, project_path)
    for file in files:
        write_atomically(folder / file.name, file.text.encode("utf-8"))
    current = {file.name for file in files}
    removed, warnings = [], []
    for name in earlier:
        stale = folder / name
        if name in current or stale.is_symlink() or not stale.is_file():
            continue
        try:
            stale.unlink()
        except OSError as error:
            warnings.append(describe_os_error(error, stale, "remove the earlier answer"))
            continue
        removed.append(name)
    return removed, warnings


def not_final_note(project: Project) -> str:
    """A line saying the response is not final yet, or "" when it is."""
    ready = signoff.readiness(project)
    if ready.ready:
        return ""
    items = sum(len(what) for what in ready.missing.values())
    return (f"Not final yet: {items} item(s) still stand before a final export (see 'wyassembler status'), "
            f"so these answers may still change.")


def write_answers(project: Project, kind: str, output: Path, replace: bool = False, *,
                  project_path: Path | None) -> AnswersWritten:
    """Write ``project``'s answers as ``kind`` (json, csv or txt: a folder) to ``output``, by the module's rules.
    Raises :class:`AnswerFileExists` or :class:`ForeignFolder` when that needs ``replace``, and
    :class:`AnswerWriteError` for anything else; a failed write leaves every file as it was.

    ``project_path`` is the file ``project`` came from (None: never saved); no answer file replaces or removes
    it, by name or by a link, whatever ``replace`` says. It has no default so that no caller can forget it."""
    if kind not in FORMATS:
        raise AnswerWriteError(f"unknown format {kind!r}: give one of {', '.join(FORMATS)}")
    statuses = question_statuses(project)
    records = answer_records(project, statuses)
    written = AnswersWritten(kind, output, statuses, records, not_final_note(project))
    try:
        refuse_project_as_output(project_path, output)
        if kind == JSON:
            write_answer_file(output, answers_json(project, records), replace)
        elif kind == CSV:
            write_answer_file(output, answers_csv(project, records), replace)
        else:
            files = answer_files(project, records, written.not_final)
            written.removed, written.warnings = write_answer_folder(output, files, replace, project_path)
            names = {file.name for file in files}
            numbers = [record.question_id for record in records]
            written.file_of = {number: name for number, name in zip(numbers, file_names(numbers), strict=True)
                               if name in names}
    except FileWriteError as error:
        raise AnswerWriteError(str(error)) from None
    return written
