"""``questions import | list | set`` and ``answer``: the consultation's questions and the sections answering them."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from ..core import permissions
from ..core.answers import QuestionStatus, question_statuses, unknown_answers, unmapped_sections
from ..core.question_edits import (import_questions, map_section, set_choice, set_limit, set_no_comment,
                                   set_options)
from ..core.questions import CHARACTERS, WORDS, Limit, Question, find_question
from .commands import CommandError, _actor, _label, _load, _save
from .report import question_json, question_limit_text

# How many sections a line names before it says "and N more": a fresh import leaves every section unmapped.
_NAMED_AT_MOST = 8


def cmd_questions(args: argparse.Namespace) -> int:
    """``questions import | list | set``: the one named by the sub-command."""
    return QUESTION_COMMANDS[args.question_command](args)


def _quoted(question: Question, width: int = 60) -> str:
    return f"{question.label()} \u201c{question.short_text(width)}\u201d"


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:_NAMED_AT_MOST])
    return shown + (f" and {len(names) - _NAMED_AT_MOST} more" if len(names) > _NAMED_AT_MOST else "")


# -- questions import ---------------------------------------------------------------------------------

def cmd_questions_import(args: argparse.Namespace) -> int:
    """Read the questions from FILE and make them the project's list (the coordinator's)."""
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args)
    permissions.check_structure(project, actor)  # refused before the file is read
    from ..word.question_reader import questions_from_file  # only this command reads .docx

    parsed = questions_from_file(Path(args.file))
    if not parsed.questions:
        raise CommandError(_no_questions(args.file, parsed.problems))
    result = import_questions(project, actor, parsed.questions)
    _save(project, loaded)
    limited = [q for q in parsed.questions if q.limit is not None]
    with_options = [q for q in parsed.questions if q.options]
    lines = [f"Read {len(parsed.questions)} question(s) from {args.file}: {len(limited)} with a limit, "
             f"{len(with_options)} with options to choose from."]
    lines.extend(f"  {note}" for note in parsed.notes)  # how the list was read (which part, by which labels)
    lines.extend(f"  {q.number}: limit {q.limit.describe()}" for q in limited if q.limit is not None)
    lines.extend(f"  {q.number}: options {' / '.join(q.options)}" for q in with_options)
    if parsed.problems:
        lines.append(f"Could not read ({parsed.problem_count:,}; check these in the file, nothing was guessed):")
        lines.extend(f"  {problem}" for problem in parsed.problems)
    changes = result.lines()
    lines.append(f"Imported into {args.project}: " + ("; ".join(changes) if changes else "no change to the list")
                 + ".")
    unmapped = [f"{number} \u201c{section.heading}\u201d" for number, section in unmapped_sections(project)]
    if unmapped:
        lines.append(f"Sections answering no question: {_some(unmapped)} (map them with 'wyassembler answer')")
    print("\n".join(lines))
    return 0


def _no_questions(file: str, problems: list[str]) -> str:
    """One line for a file with no question in it: what was looked for, and the first passage that had a
    question's number but could not be read, if any."""
    looked = next((problem for problem in problems if problem.startswith("no questions found")),
                  "no questions found: a question starts \u201cQuestion 3\u201d, \u201cQ3\u201d, \u201c3.\u201d or "
                  "\u201c3a\u201d")
    unread = [problem for problem in problems if not problem.startswith("no questions found")]
    more = f"; {len(unread)} passage(s) not read, the first: {unread[0]}" if unread else ""
    return f"{file}: {looked}{more}; nothing was changed"


# -- questions list -------------------------------------------------------------------------------------

def _short_limit(question: Question) -> str:
    """The limit for a table column: "250 words", "1,500 chars", "800 chars, no spaces"."""
    limit = question.limit
    if limit is None:
        return "\u2013"
    unit = "words" if limit.kind == WORDS else "chars"
    return f"{limit.value:,} {unit}" + ("" if limit.spaces else ", no spaces")


def _count_cell(status: QuestionStatus) -> str:
    """The count against the limit ("212 / 250"), the words of an answer without one, or a dash where
    nothing is written (no comment, a choice alone)."""
    if not status.counted:
        return "\u2013"
    if status.question.limit is None:
        return f"{status.count:,} words"
    return f"{status.count:,} / {status.question.limit.value:,}"


def _list_line(status: QuestionStatus, width: int, limit_width: int) -> str:
    question = status.question
    sections = ", ".join(status.section_numbers) or "\u2013"
    lines = [f"  {question.number:<{width}}  {question.short_text(44):<45}  {_short_limit(question):<{limit_width}}  "
             f"{status.state:<11}  {_count_cell(status):<15}  {sections}"]
    if question.options:
        chosen = f"chosen: {question.choice}" if question.choice else "none chosen"
        lines.append(f"  {'':<{width}}  options {' / '.join(question.options)} ({chosen})")
    if question.no_comment and question.no_comment_reason:
        lines.append(f"  {'':<{width}}  no comment: {question.no_comment_reason}")
    return "\n".join(lines)


def cmd_questions_list(args: argparse.Namespace) -> int:
    """Print every question with its limit, options, state, count and the sections answering it."""
    project = _load(args.project).project
    statuses = question_statuses(project)
    unknown = unknown_answers(project)
    if args.json:
        data = {"questions": [dict(question_json(status), options=list(status.question.options),
                                   choice=status.question.choice or None, no_comment=status.question.no_comment,
                                   no_comment_reason=status.question.no_comment_reason) for status in statuses],
                "sections_answering_removed_questions": [number for number, _ in unknown]}
        print(json.dumps(data, indent=2))  # ASCII: whole whatever the console's encoding (as check --json)
        return 0
    if not statuses:
        print(f"{args.project} has no consultation questions yet: import them with "
              f"'wyassembler questions import {args.project} FILE --as ORG --by NAME'.")
    else:
        width = max(len("No."), *(len(status.question.number) for status in statuses))
        # as wide as the widest limit ("1,000,000 chars, no spaces"), so the columns after it line up
        limit_width = max(20, *(len(_short_limit(status.question)) for status in statuses))
        print(f"  {'No.':<{width}}  {'Question':<45}  {'Limit':<{limit_width}}  {'State':<11}  {'Count':<15}  Sections")
        print("\n".join(_list_line(status, width, limit_width) for status in statuses))
    for number, section in unknown:
        print(f"Section {number} \u201c{section.heading}\u201d answers a question no longer in the list.")
    return 0


# -- questions set ----------------------------------------------------------------------------------------

def _split_options(text: str) -> list[str]:
    """ "Yes / No / Don't know" as its options; "A/B" too, when no option has a slash with spaces around it."""
    separator = r"(?:\s+/)+\s+" if re.search(r"\s/\s", text) else "/+"  # "A / / B": one separator
    options = [option.strip() for option in re.split(separator, text) if option.strip(" /")]
    if text.strip() and not options:
        raise CommandError(f"no options in \u201c{text}\u201d: give them as \"A / B / C\", or \"\" for none")
    return options


def _limit(args: argparse.Namespace) -> Limit | None:
    if args.limit_words is not None:
        return Limit(WORDS, args.limit_words)
    return Limit(CHARACTERS, args.limit_chars, spaces=args.count != "no-spaces")


def cmd_questions_set(args: argparse.Namespace) -> int:
    """Change one question's limit, options, no-comment mark or choice."""
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args)
    ref = args.question
    if args.count is not None and args.limit_chars is None:
        raise CommandError("--count goes with --limit-chars (a limit in words counts words)")
    if args.limit_words is not None or args.limit_chars is not None or args.no_limit:
        limit = None if args.no_limit else _limit(args)
        before = set_limit(project, actor, ref, limit)
        was = question_limit_text(before) or "none"
        done = (f"limit {limit.describe()}" if limit else "no limit") + f" (was {was})"
    elif args.no_comment is not None or args.comment:
        before = set_no_comment(project, actor, ref, args.no_comment is not None, args.no_comment or "")
        reason = find_question(project.questions, before.id).no_comment_reason  # as kept: cleaned
        why = f": {reason}" if reason else ""
        done = f"marked no comment{why}" if args.no_comment is not None else "no longer marked no comment"
    elif args.choice is not None or args.no_choice:
        before = set_choice(project, actor, ref, None if args.no_choice else args.choice)
        chosen = find_question(project.questions, before.id).choice
        done = f"the response chooses \u201c{chosen}\u201d" if chosen else "no option chosen"
    else:
        before = set_options(project, actor, ref, _split_options(args.options))
        options = find_question(project.questions, before.id).options
        done = f"options {' / '.join(options)}" if options else "no options (a free-text question)"
    _save(project, loaded)
    end = "" if done.endswith((".", "!", "?")) else "."  # a reason given as a sentence has its own
    print(f"{_quoted(before)[0].upper()}{_quoted(before)[1:]}: {done}{end}")
    return 0


# -- answer -------------------------------------------------------------------------------------------------

def cmd_answer(args: argparse.Namespace) -> int:
    """Map sections to the questions they answer (or to none)."""
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args)
    refs = [] if args.none else args.questions
    sections = list({id(s): s for s in (project.find_section(ref) for ref in args.sections)}.values())
    done = []
    for section in sections:
        previous = map_section(project, actor, section, refs)
        now = ", ".join(_quoted(find_question(project.questions, qid), 40) for qid in section.answers)
        was = ", ".join(_previous_label(project.questions, qid) for qid in previous) or "none"
        done.append(f"{_label(project, section)[0].upper()}{_label(project, section)[1:]} answers "
                    f"{now or 'no question'} (was: {was}).")
    _save(project, loaded)
    print("\n".join(done))
    return 0


def _previous_label(questions: list[Question], question_id: str) -> str:
    known = [q for q in questions if q.id == question_id]
    return known[0].label() if known else f"a question no longer in the list ({question_id})"


QUESTION_COMMANDS = {
    "import": cmd_questions_import,
    "list": cmd_questions_list,
    "set": cmd_questions_set,
}
