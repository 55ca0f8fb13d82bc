"""The command line's arguments: every subcommand, its options and its help."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, NoReturn, cast

from .. import __version__
from ..core.presets import PRESETS
from .dissent_parser import add_dissent_parsers, add_endorsement_options, add_setting_options
from .git_parser import add_git_parsers
from .key_parser import add_key_parser, passphrase_option
from .question_parser import add_question_parsers
from .review_parser import add_review_parsers

DESCRIPTION = """\
Assemble one joint consultation response from many partner bodies: each body
writes and owns sections, signs them off and endorses the whole; the
coordinator exports the Word document.

Run without a command (or with 'open', or with just a .wyproj file) to start
the desktop app."""

EPILOG = """\
SECTION is a section's id or its number (3, 3.1). ORG is an organisation's
id, short name or full name (any case). FILE is Markdown (.md) or plain text (.txt).
Q is a consultation question's number as printed (3, 3a) or its id.

examples:
  wyassembler sample response.wyproj
  wyassembler status response.wyproj
  wyassembler edit-section response.wyproj 3 --from my-text.md --as Calderdale --by "J. Smith"
  wyassembler sign-off response.wyproj 3 --as Calderdale --by "J. Smith"
  wyassembler merge response.wyproj laptop-copy.wyproj
  wyassembler resolve response.wyproj 3 --take 1 --as Calderdale --by "J. Smith"
  wyassembler export response.wyproj -o response.docx --signoff-appendix
  wyassembler questions import response.wyproj consultation.docx --as "Joint Services" --by "H. Dawson"
  wyassembler answer response.wyproj 3 --question 2 --as Calderdale --by "J. Smith"
  wyassembler questions set response.wyproj 4 --limit-chars 1500 --as "Joint Services" --by "H. Dawson"
  wyassembler questions list response.wyproj
"""


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line, pointing at --help, instead of argparse's usage dump."""

    def error(self, message: str) -> NoReturn:
        message = message.replace("the following arguments are required", "missing")
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        sys.exit(2)


def _identity(sub: argparse.ArgumentParser, required: bool) -> None:
    need = "" if required else (" (default: your saved identity; without one, --as and --by are both needed to "
                                 "change anything)")
    sub.add_argument("--as", dest="as_org", metavar="ORG", required=required,
                     help="the organisation you act for" + need)
    sub.add_argument("--by", dest="by", metavar="NAME", required=required,
                     help="your name, as it will appear in the history" + need)


def _force_replace(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--force", action="store_true",
                     help="replace the output even if it was edited since wyassembler wrote it, or is not ours")


class _NotBuilt:
    """The parser of a command that is not being run: whatever is added to it is dropped unbuilt."""

    def __getattr__(self, name: str) -> Callable[..., _NotBuilt]:
        return self._drop

    def _drop(self, *args: object, **kwargs: object) -> _NotBuilt:
        return self


class _OnlyChosen(argparse._SubParsersAction):
    """Subcommands of which only ``chosen`` (all when None) is built: a parser of every command and its
    arguments, built for every run of any one of them, was 5-7 ms of each (argparse's translated labels)."""

    chosen: str | None = None

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if self.chosen is None or name == self.chosen:
            return super().add_parser(name, **kwargs)
        return _NotBuilt()  # type: ignore[return-value]  # never parses: another command is being run

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        """As argparse does; but where a command's optional positional came after an option
        ('comments P --open 3', 'restore P --as ORG 1'), which argparse leaves unrecognised, the command's
        arguments are parsed again with its intermixed parsing, which takes them. Anything that parses
        now parses as before."""
        chosen = self._name_parser_map.get(values[0]) if values else None
        if chosen is None:
            super().__call__(parser, namespace, values, option_string)  # argparse says it is no command
            return
        parsed, left = chosen.parse_known_args(list(values[1:]), None)
        if left:
            try:
                again, left_again = chosen.parse_known_intermixed_args(list(values[1:]), None)
            except TypeError:  # a command intermixed parsing cannot take: left unrecognised, as before
                again, left_again = parsed, left
            if not left_again:
                parsed, left = again, left_again
        setattr(namespace, self.dest, values[0])
        for key, value in vars(parsed).items():
            setattr(namespace, key, value)
        if left:  # argparse's own way of saying so: 'unrecognized arguments'
            vars(namespace).setdefault(argparse._UNRECOGNIZED_ARGS_ATTR, []).extend(left)


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the command about to be run, ``chosen`` (the first argument), only its
    arguments are built: the others are never read then. Help, usage and errors are the same either way;
    any other first argument (an option, an unknown command) gets every command built, to list them."""
    parser = OneLineParser(prog="wyassembler", description=DESCRIPTION, epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"wyassembler {__version__}")
    commands = cast(_OnlyChosen, parser.add_subparsers(dest="command", metavar="COMMAND", title="commands",
                                                       action=_OnlyChosen))
    commands.chosen = chosen

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_, description=help_[0].upper() + help_[1:] + ".")

    sub = command("new", "create a new project file")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--title", required=True, help="the response's title")
    sub.add_argument("--subtitle", default="", help="the line under the title")
    sub.add_argument("--partnership", default="", help='the partnership\'s name, e.g. "West Yorkshire Heads of ICT"')
    sub.add_argument("--preset", choices=sorted(PRESETS), help="start with a known partnership's organisations")
    sub.add_argument("--by", dest="by", metavar="NAME",
                     help="your name, for the first revision (default: your saved identity)")
    sub.add_argument("--force", action="store_true", help="replace PROJECT if it exists")

    sub = command("sample", "write the sample project: the 2005 West Yorkshire response")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--force", action="store_true", help="replace PROJECT if it exists")
    sub.add_argument("--questions", action="store_true",
                     help="instead, a response answering a consultation's numbered questions, with the "
                          "consultation (.md and .docx) written beside PROJECT")

    sub = command("add-section", "add a section to the outline")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--title", help="the section's heading (default: the --from file's first line '# Heading')")
    sub.add_argument("--owner", required=True, metavar="ORG", help="the organisation that owns the section")
    sub.add_argument("--parent", metavar="SECTION", help="add it as a sub-section of SECTION")
    sub.add_argument("--contributors", metavar="ORG[,ORG...]", default="", help="organisations that may also edit it")
    sub.add_argument("--from", dest="source", metavar="FILE", help="its first content, from Markdown or plain text")
    _identity(sub, required=False)
    passphrase_option(sub)  # its owner and contributors signed when your key is a confirmed key

    sub = command("assign", "change who owns a section and who contributes to it (the coordinator)")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION")
    sub.add_argument("--owner", required=True, metavar="ORG", help="the organisation that owns the section")
    sub.add_argument("--contributors", metavar="ORG[,ORG...]", default="", help="organisations that may also edit it")
    _identity(sub, required=False)
    passphrase_option(sub)  # signed when your key is a confirmed key of the coordinator

    sub = command("delete-section", "delete a section and its sub-sections, with their sign-offs (the coordinator, "
                                    "or an editor of the section above a sub-section)")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION")
    _identity(sub, required=False)

    sub = command("edit-section", "replace a section's content with a new revision")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION")
    sub.add_argument("--from", dest="source", metavar="FILE", required=True,
                     help="the new content; a first line '# Heading' also renames the section")
    _identity(sub, required=True)

    sub = command("show", "print a section's content as Markdown")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION")
    sub.add_argument("--conflicts", action="store_true", help="also print every conflict copy of the section")

    sub = command("diff", "show what changed in a section, word by word, between two of its revisions")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION")
    sub.add_argument("--since-signoff", metavar="ORG",
                     help="from the text ORG last approved to the current one (default: the previous revision)")
    sub.add_argument("--from", dest="from_rev", metavar="REV",
                     help="the older revision: its id, or its number (1 the oldest kept; default: the previous)")
    sub.add_argument("--to", dest="to_rev", metavar="REV", help="the newer revision (default: the current one)")
    sub.add_argument("--json", action="store_true", help="print the diff as JSON")

    sub = command("sign-off", "approve sections, or endorse (or decline) the whole response, for your organisation")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("sections", metavar="SECTION", nargs="*")
    sub.add_argument("--endorse", action="store_true", help="endorse the whole response instead of sections")
    sub.add_argument("--request-changes", action="store_true", help="ask for changes instead of approving")
    sub.add_argument("--note", default="", help="what should change (needed with --request-changes); with "
                                                 "--decline, why the organisation does not endorse it")
    add_endorsement_options(sub)
    sub.add_argument("--role", default="partner lead", help='your role, e.g. "Head of ICT" (default: partner lead)')
    _identity(sub, required=True)
    passphrase_option(sub)  # signed when your key is a confirmed key of your organisation

    sub = command("status", "show the sign-off matrix and whether the response is ready")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--json", action="store_true", help="print it as JSON")

    sub = command("verify", "check a project file's schema, references and hashes")
    sub.add_argument("project", metavar="PROJECT")

    sub = command("check", "list everything that would stop or mar a final export: sign-off, the questions, "
                           "signatures and accessibility (exit 1 if a final export would be refused)")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--template", metavar="REF.docx", help="the branded template the export will use")
    sub.add_argument("--json", action="store_true", help="print the findings as JSON")

    sub = command("verify-docx", "check an exported response against the proof it carries: every signature, "
                                 "and that its text is what was signed (no project needed)")
    sub.add_argument("document", metavar="RESPONSE.docx")

    sub = command("merge", "merge another copy of the same project (an offline or sync-client copy) into PROJECT")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("other", metavar="OTHER", help="the other copy; it is only read")

    sub = command("resolve",
                  "resolve a section's conflict copies: keep the current text, take a copy, or give a merged text")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("section", metavar="SECTION")
    how = sub.add_mutually_exclusive_group(required=True)
    how.add_argument("--take-current", action="store_true", help="keep the current text and drop the copies")
    how.add_argument("--take", type=int, metavar="N", help="make conflict copy N (see 'show --conflicts') current")
    how.add_argument("--from", dest="source", metavar="FILE", help="a merged text, from Markdown or plain text")
    _identity(sub, required=True)
    passphrase_option(sub)  # the resolution signed when your key is a confirmed key of your organisation

    sub = command("restore", "list a project's backups, or put backup N back in its place")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--list", action="store_true", help="list the backups, newest first (the default; not with N)")
    sub.add_argument("number", metavar="N", type=int, nargs="?", help="the backup to restore (1 is the newest)")
    _identity(sub, required=False)  # who restored, recorded in the file

    sub = command("add-organisation", "add a partner organisation")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--name", required=True, help="the full name")
    sub.add_argument("--short-name", default="", help="a short name, e.g. Kirklees")
    sub.add_argument("--id", dest="org_id", help="a stable id (default: made from the short name)")
    sub.add_argument("--lead", default="", help="the partner lead's name")
    sub.add_argument("--email", default="", help="the partner lead's email")
    _identity(sub, required=False)

    sub = command("set", "show or change the project's properties")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--title")
    sub.add_argument("--subtitle")
    sub.add_argument("--partnership")
    sub.add_argument("--responds-to", help="what the response answers, e.g. the strategy's name")
    sub.add_argument("--deadline", metavar="YYYY-MM-DD", help="the submission deadline ('none' to clear)")
    sub.add_argument("--closing-line", help='the closing line; {partnership} is replaced ("default" to reset)')
    sub.add_argument("--coordinator", metavar="ORG")
    sub.add_argument("--endorsers", metavar="ORG[,ORG...]", help="who must endorse ('all' for every partner)")
    sub.add_argument("--list-numbering", metavar='"1. a. i."',
                     help="how numbered lists are numbered at levels 1, 2 and 3, each one of 1. a. A. i. I. "
                          "('default' for 1. a. i.)")
    sub.add_argument("--require-signatures", choices=["yes", "no"],
                     help="whether only approvals and endorsements signed with a confirmed key count towards final")
    add_setting_options(sub)
    _identity(sub, required=False)
    passphrase_option(sub)  # a new coordinator, or signatures turned on, signed with your confirmed key

    sub = command("export", "export the response as a Word document (.docx) or an accessible PDF (.pdf)")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.docx|OUT.pdf",
                     help="the document to write: its extension decides, .docx (Word) or .pdf (a tagged PDF/UA-1, "
                          "made by LibreOffice, which must be installed)")
    sub.add_argument("--template", metavar="REF.docx",
                     help="a branded Word document (.docx or .dotx) whose styles, page set-up and header to use")
    sub.add_argument("--draft", action="store_true",
                     help="export before sign-off is complete; the header says DRAFT on every page")
    sub.add_argument("--signoff-appendix", action="store_true",
                     help="end with a table of who approved each section and endorsed the response, and when")
    sub.add_argument("--order", choices=["outline", "questions"], default="outline",
                     help="outline: the sections as numbered (default); questions: the answers in the "
                          "consultation's order, each under its question's number and text")
    sub.add_argument("--questions-appendix", action="store_true",
                     help="add a table of the consultation's questions: where each is answered, by whom, "
                          "its count against the limit and its state")
    sub.add_argument("--public", action="store_true",
                     help="the copy for publication: each confidential section replaced by a notice saying it "
                          "is withheld and why, its text in no part of the document")
    sub.add_argument("--pdf-archive", action="store_true",
                     help="with a .pdf output: make it PDF/A-2b as well, for records keeping")
    sub.add_argument("--with-comments", action="store_true",
                     help="with --draft and a .docx output: the open comment threads as Word comments on their "
                          "words (never in a final export or a public copy)")
    _force_replace(sub)

    sub = command("export-answers", "write the answers for an online form: .json, .csv, or a folder of .txt "
                                    "files, one per question (not gated on sign-off)")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("-o", "--output", required=True, metavar="FILE|FOLDER",
                     help="answers.json, answers.csv, or a folder (a name without an extension, or ending in /)")
    sub.add_argument("--format", choices=["json", "csv", "txt"], help="the format, whatever OUTPUT's name says")
    sub.add_argument("--force", action="store_true",
                     help="replace an existing file, or write into a non-empty folder not written by export-answers")

    sub = command("import-docx", "start a new project from a Word document (.docx)")
    sub.add_argument("source", metavar="SOURCE.docx")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--preset", choices=sorted(PRESETS),
                     help="give the project a known partnership's organisations; its coordinator owns every section")
    sub.add_argument("--coordinator", default="Coordinator", metavar="NAME",
                     help="without --preset: the one organisation the project starts with, which coordinates and "
                          "owns every section until you add partners and hand sections over (default: Coordinator)")
    sub.add_argument("--by", dest="by", metavar="NAME",
                     help="your name, for the first revisions (default: your saved identity)")
    sub.add_argument("--force", action="store_true", help="replace PROJECT if it exists")

    sub = command("export-pack", "write the sections an organisation owns or contributes to as a Word document "
                                 "for offline editing (a partner pack)")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("--as", dest="as_org", metavar="ORG", required=True, help="the organisation the pack is for")
    sub.add_argument("-o", "--output", required=True, metavar="PACK.docx",
                     help="the document to write (give the edited pack that comes back another name)")
    sub.add_argument("--with-comments", action="store_true",
                     help="the open comment threads on the pack's sections as Word comments, to answer in Word")
    _force_replace(sub)

    sub = command("import-pack", "bring a partner pack's edits back as new revisions of its sections")
    sub.add_argument("pack", metavar="PACK.docx")
    sub.add_argument("project", metavar="PROJECT")
    _identity(sub, required=True)

    add_key_parser(commands, OneLineParser)
    add_question_parsers(commands, OneLineParser, _identity)
    add_dissent_parsers(commands, _identity, passphrase_option)
    add_review_parsers(commands, _identity)
    add_git_parsers(commands)

    sub = commands.add_parser(
        "textconv", help="print a project as readable text, for git's diffs (git runs it; see 'git-setup')",
        description="Print PROJECT as stable, readable UTF-8 text: title and partners, each section with its "
                    "number, owner, sign-offs, conflict copies, comments and proposals, then its text as "
                    "Markdown; endorsements and readiness last. What 'git diff' and 'git log -p' show of a "
                    ".wyproj once 'wyassembler git-setup' has registered it.")
    sub.add_argument("project", metavar="PROJECT", help="the project file ('-': read it from standard input)")

    sub = command("open", "start the desktop app, optionally on PROJECT")
    sub.add_argument("project", metavar="PROJECT", nargs="?")
    if chosen is not None and chosen not in commands.choices:
        return build_parser()  # not a command: the error names them all
    return parser
