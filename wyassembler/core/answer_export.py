"""The answers for online forms: one record per question, as JSON, as CSV, or as a folder of .txt files.

Many consultations are answered in an online form with one box per question; the government's analysis
takes answers as ``question_id`` + ``free_text`` + ``multiple_choice`` records. This module makes those
records from a project (the counting and the states are :mod:`.answers`', so the numbers agree with
``status`` and the app) and turns them into text; it writes no file (the command line does).

**A record** per question, in the consultation's order: ``question_id`` (the number as the consultation
prints it: "3a"), ``question_text``, ``free_text`` (:func:`.answers.plain_answer`: what to paste),
``multiple_choice`` (the option chosen, or ""), ``state`` (answered, no-comment, unanswered,
over-limit), ``count`` (by the limit's rule, in words without a limit) and ``limit`` (in JSON
``{kind, value, spaces}`` or null, as ``status --json`` gives it; in CSV and the summary "250 words", or
""). A question marked no comment has the free text "No comment." and its reason, as the Word export in
the consultation's order writes it, and that text's count: it is what the form's box receives.
An over-limit answer is given whole, never cut: which words to lose is the partnership's choice.

**The respondent**: the partnership's name, the response's title, the members' names and the
coordinating organisation's name; JSON puts it once, CSV repeats it on every row.

**CSV** follows RFC 4180 (comma, double quotes doubled, a field with a comma, quote or line break
quoted, CR LF between records; a line break inside an answer stays a line feed). UTF-8 without a
byte-order mark. Against formula injection (OWASP's "CSV injection" advice), a text cell whose first
character a spreadsheet could read as the start of a formula (``= + - @``, their full-width forms, tab or
carriage return) gets a single quote (') before it, which spreadsheets show as text; so an answer
starting with a bulleted list ("- Legislation…") reads "'- Legislation…" in the CSV. The JSON and the
.txt files carry the text exactly.

**The .txt folder**: one file per question that has text to paste (answered, over its limit, no
comment, or a multiple-choice question with an explanation but no choice yet), holding that text and
nothing else (UTF-8, "\\n" line breaks, no final line break, which a form would count); named from the
printed number so that the files sort in the consultation's order ("Q03a.txt": each run of digits
padded to the longest), safe on Windows. An unanswered question gets no file: an empty file would be
pasted as an empty answer, a missing one is noticed. A choice is not in any file (a form asks it with
buttons). ``summary.txt`` lists every question: its file (or none), count against its limit, its state
and choice; its first line marks the folder as written by wyassembler (see :data:`SUMMARY_MARKER`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass

from .answers import NO_COMMENT, OVER_LIMIT, UNANSWERED, QuestionStatus, count_text, plain_answer, question_statuses
from .model import Project
from .questions import Limit, Question

SUMMARY_NAME = "summary.txt"
# The summary's first line: it tells a folder of answers wyassembler wrote (and may replace) from any other.
SUMMARY_MARKER = "Answers for an online form, written by wyassembler: one file per question."
RECORD_FIELDS = ("question_id", "question_text", "free_text", "multiple_choice", "state", "count", "limit")
RESPONDENT_FIELDS = ("partnership", "response_title", "members", "coordinator")
# What a spreadsheet may take as the start of a formula (OWASP, "CSV Injection"), full-width forms included.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# What a file name keeps of a question number; the rest becomes "_". None of it is special on Windows.
_UNSAFE_IN_NAME = re.compile(r"[^0-9A-Za-z.\-]")
_DIGITS = re.compile(r"[0-9]+")
# A row of the summary's table: the file's name, then two spaces.
_SUMMARY_ROW = re.compile(r"^(\S+\.txt)  ")


@dataclass(frozen=True)
class AnswerRecord:
    """One question's answer as an online form (or the government's analysis) takes it."""

    question_id: str
    question_text: str
    free_text: str
    multiple_choice: str
    state: str
    count: int
    limit: Limit | None


@dataclass(frozen=True)
class Respondent:
    """Who answers: the partnership, the response's title, the members and the coordinator."""

    partnership: str
    response_title: str
    members: tuple[str, ...]
    coordinator: str


@dataclass(frozen=True)
class AnswerFile:
    """One file of the .txt folder: its name and its text."""

    name: str
    text: str


def no_comment_text(question: Question) -> str:
    """What a question marked no comment says: "No comment." and its reason, if it has one."""
    reason = question.no_comment_reason.strip()
    return f"No comment. {reason}" if reason else "No comment."


def _record(project: Project, status: QuestionStatus) -> AnswerRecord:
    question = status.question
    if status.state == NO_COMMENT:
        # What is pasted is the no-comment line: the form counts that, so the record does too.
        text = no_comment_text(question)
        count = count_text(text, question.limit)
    else:
        text, count = plain_answer(project, status.parts), status.count
    return AnswerRecord(question.number, question.text, text, question.choice, status.state, count, question.limit)


def _limit_text(record: AnswerRecord) -> str:
    return record.limit.describe() if record.limit is not None else ""


def answer_records(project: Project, statuses: list[QuestionStatus] | None = None) -> list[AnswerRecord]:
    """A record per question, in the consultation's order (see the module's rules)."""
    if statuses is None:
        statuses = question_statuses(project)
    return [_record(project, status) for status in statuses]


def respondent(project: Project) -> Respondent:
    """The respondent block: the partnership, the title, the members' names and the coordinator's name."""
    coordinator = next((org.name for org in project.organisations if org.id == project.coordinator), "")
    return Respondent(project.partnership, project.title, tuple(org.name for org in project.organisations),
                      coordinator)


# -- JSON and CSV -----------------------------------------------------------------------------------------

def answers_json(project: Project, records: list[AnswerRecord] | None = None) -> str:
    """One JSON object: ``respondent`` and the ``answers`` list, keys in a fixed order, text unescaped."""
    who = respondent(project)
    document = {
        "respondent": {"partnership": who.partnership, "response_title": who.response_title,
                       "members": list(who.members), "coordinator": who.coordinator},
        "answers": [asdict(record) for record in (answer_records(project) if records is None else records)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def guard_cell(value: str) -> str:
    """``value`` as a spreadsheet will show it as text: a quote before a possible formula's first character."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def answers_csv(project: Project, records: list[AnswerRecord] | None = None) -> str:
    """The records as RFC 4180 CSV with a header row; the respondent's columns repeated on every row
    (members joined by "; "); text cells guarded against formula injection (:func:`guard_cell`)."""
    who = respondent(project)
    respondent_cells = [who.partnership, who.response_title, "; ".join(who.members), who.coordinator]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(RECORD_FIELDS) + [f"respondent_{name}" for name in RESPONDENT_FIELDS])
    for record in answer_records(project) if records is None else records:
        cells = [record.question_id, record.question_text, record.free_text, record.multiple_choice, record.state]
        writer.writerow([guard_cell(cell) for cell in cells] + [record.count, guard_cell(_limit_text(record))]
                        + [guard_cell(cell) for cell in respondent_cells])
    return buffer.getvalue()


# -- the .txt folder --------------------------------------------------------------------------------------

def _padded(number: str, width: int) -> str:
    # "10(b)" is "Q10b": a bracket sorts before the "." of "Q10.txt", a letter after it.
    safe = _UNSAFE_IN_NAME.sub("_", number.replace("(", "").replace(")", ""))
    return _DIGITS.sub(lambda digits: digits.group().zfill(width), safe)


def file_names(numbers: list[str]) -> list[str]:
    """A file name per question number, in the same order: "Q" + the number (brackets dropped, any
    character but letters, digits, "." and "-" made "_") with each run of digits padded to the longest
    run (at least two), so that the names sort in the consultation's order; when
    the printed numbers do not sort that way ("B1" before "A1"), each name starts with the question's
    position instead ("01-QB1.txt"). Names differing only in case get "-2", "-3" (Windows and macOS
    would take them for one file)."""
    width = max([2] + [len(run) for number in numbers for run in _DIGITS.findall(number)])
    names = [f"Q{_padded(number, width)}.txt" for number in numbers]
    if [name.casefold() for name in names] != sorted(name.casefold() for name in names):
        places = len(str(len(numbers)))
        names = [f"{index:0{max(2, places)}d}-{name}" for index, name in enumerate(names, start=1)]
    seen: set[str] = set()
    unique = []
    for name in names:
        candidate, copy = name, 1
        while candidate.casefold() in seen:
            copy += 1
            candidate = f"{name.removesuffix('.txt')}-{copy}.txt"
        seen.add(candidate.casefold())
        unique.append(candidate)
    return unique


def _summary_count(record: AnswerRecord) -> str:
    return f"{record.count:,} / {_limit_text(record)}" if record.limit else f"{record.count:,} words"


def _summary_row(name: str, record: AnswerRecord, count_width: int) -> str:
    state = {OVER_LIMIT: "OVER THE LIMIT", UNANSWERED: "UNANSWERED"}.get(record.state, record.state)
    choice = f"; choice: {record.multiple_choice}" if record.multiple_choice else ""
    return f"{name:<14}  question {record.question_id:<6} {_summary_count(record):<{count_width}} {state}{choice}"


def answer_files(project: Project, records: list[AnswerRecord] | None = None,
                 not_final: str = "") -> list[AnswerFile]:
    """The folder's files: one per question with text to paste, then ``summary.txt`` (always last).
    ``not_final``: a line saying the response is not final yet, for the summary ("" when it is)."""
    if records is None:
        records = answer_records(project)
    names = file_names([record.question_id for record in records])
    files = [AnswerFile(name, record.free_text) for name, record in zip(names, records, strict=True)
             if record.free_text]
    written = {file.name for file in files}
    who = respondent(project)
    lines = [SUMMARY_MARKER, "", f"Response: {who.response_title}"]
    if who.partnership:
        lines.append(f"Respondent: {who.partnership}")
    if not_final:
        lines.append(not_final)
    lines += ["", "Each file holds one question's answer, ready to paste into the form's box for it.",
              "Questions without a file have nothing to paste: answer them, or choose their option on the form.", ""]
    count_width = max([28] + [len(_summary_count(record)) for record in records])  # the states in a column
    for name, record in zip(names, records, strict=True):
        lines.append(_summary_row(name if name in written else "(no file)", record, count_width))
    files.append(AnswerFile(SUMMARY_NAME, "\n".join(lines) + "\n"))
    return files


def summary_files(summary: str) -> list[str] | None:
    """The files a summary.txt lists, or None when ``summary`` is not one wyassembler wrote."""
    lines = summary.splitlines()
    if not lines or lines[0] != SUMMARY_MARKER:
        return None
    return [match.group(1) for match in map(_SUMMARY_ROW.match, lines) if match]
