"""The arguments of ``questions`` (import, list, set) and ``answer``: the consultation's questions."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_question_parsers(commands: argparse._SubParsersAction, parser_class: type,
                         identity: Callable[[argparse.ArgumentParser, bool], None]) -> None:
    """The ``questions`` command with its subcommands, and ``answer``; ``identity`` adds --as and --by."""
    help_ = "the consultation's numbered questions: import them from its document, list them, set a limit or a choice"
    questions = commands.add_parser("questions", help=help_, description=help_[0].upper() + help_[1:] + ".")
    subs = questions.add_subparsers(dest="question_command", metavar="QUESTIONS_COMMAND", title="questions commands",
                                    parser_class=parser_class)
    subs.required = True

    sub = subs.add_parser(
        "import", help="read the consultation's questions from FILE (Markdown, plain text or .docx) (the coordinator)",
        description="Read the consultation's questions from FILE: the consultation document itself or its summary "
                    "of questions, as Markdown (.md), plain text (.txt) or Word (.docx). A question starts "
                    "\"Question 3\", \"Q3\", \"3.\" or \"3a\"; a limit such as \"(max 250 words)\" or "
                    "\"[500 characters]\" and options such as \"Yes / No / Don't know\" are recognised. What could "
                    "not be read is listed. Importing again keeps the ids, answers and choices of the questions "
                    "still in the list, found by their wording (a list numbered afresh) or else their number.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("file", metavar="FILE", help="the consultation's questions (.md, .txt or .docx)")
    identity(sub, True)

    sub = subs.add_parser("list", help="list the questions: limit, options, state, count and answering sections",
                          description="List the consultation's questions in its order: number, short text, limit, "
                                      "options and the choice made, state (answered, no-comment, unanswered, "
                                      "over-limit), count against the limit and the sections answering each.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--json", action="store_true", help="print it as JSON")

    sub = subs.add_parser("set", help="change one question: its limit, its options, no comment, or the choice made",
                          description="Change one question. Q is its number as printed (3, 3a) or its id. The "
                                      "coordinator sets limits, options and no comment; a choice may also be made "
                                      "by the editors of a section answering the question.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("question", metavar="Q", help="the question's number as printed (3, 3a) or its id")
    what = sub.add_mutually_exclusive_group(required=True)
    what.add_argument("--limit-words", type=int, metavar="N", help="limit the answer to N words, counted as Word does")
    what.add_argument("--limit-chars", type=int, metavar="N",
                      help="limit the answer to N characters, counted as an online form's text box does")
    what.add_argument("--no-limit", action="store_true", help="take the limit away")
    what.add_argument("--no-comment", nargs="?", const="", metavar="REASON",
                      help="mark the question no comment (the response does not answer it), optionally saying why")
    what.add_argument("--comment", action="store_true", help="take the no-comment mark away")
    what.add_argument("--choice", metavar="OPTION", help="choose one of a multiple-choice question's options")
    what.add_argument("--no-choice", action="store_true", help="take the choice away")
    what.add_argument("--options", metavar='"A / B / C"',
                      help='the options a multiple-choice question offers, separated by " / " ("" for none)')
    sub.add_argument("--count", choices=["spaces", "no-spaces"],
                     help="with --limit-chars: count spaces and line breaks (the default) or not")
    identity(sub, True)

    help_ = "say which question(s) a section answers (or --none)"
    sub = commands.add_parser(
        "answer", help=help_,
        description="Say which of the consultation's questions SECTION answers: its text, without its heading, "
                    "becomes the answer, with its sub-sections that answer no question of their own. Several "
                    "sections may answer one question, and one section several questions.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("sections", metavar="SECTION", nargs="+")
    which = sub.add_mutually_exclusive_group(required=True)
    which.add_argument("--question", dest="questions", action="append", metavar="Q",
                       help="a question it answers, by number as printed (3, 3a) or id; repeat for several")
    which.add_argument("--none", action="store_true", help="it answers no question")
    identity(sub, True)
