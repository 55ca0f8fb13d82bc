"""Which function runs each subcommand: the one place that imports every command module.

The command modules import their shared helpers from :mod:`.commands`; kept here, the table imports them
all without any of them importing a module that imports it back (a cycle that broke importing a command
module on its own, as the app bundle's self-test does)."""

from __future__ import annotations

import argparse

from .answer_commands import cmd_export_answers, cmd_sample_questions
from .check_commands import cmd_check
from .comment_commands import cmd_comment, cmd_comments
from .diff_commands import cmd_diff
from .commands import (cmd_add_organisation, cmd_add_section, cmd_assign, cmd_edit_section, cmd_new, cmd_open,
                       cmd_sample, cmd_set, cmd_show, cmd_status, cmd_verify)
from .dissent_commands import cmd_authority, cmd_mark, cmd_sign_off
from .export_commands import cmd_export
from .git_commands import cmd_git_setup, cmd_merge_driver
from .key_commands import cmd_key
from .proposal_commands import cmd_accept, cmd_proposals, cmd_reject
from .question_commands import cmd_answer, cmd_questions
from .sync_commands import cmd_merge, cmd_resolve, cmd_restore
from .textconv_command import cmd_textconv
from .word_commands import cmd_export_pack, cmd_import_docx, cmd_import_pack, cmd_verify_docx


def _sample(args: argparse.Namespace) -> int:
    """``sample``: the 2005 response, or with ``--questions`` the response to a consultation's questions."""
    return cmd_sample_questions(args) if args.questions else cmd_sample(args)


COMMANDS = {
    "new": cmd_new,
    "sample": _sample,
    "add-section": cmd_add_section,
    "assign": cmd_assign,
    "edit-section": cmd_edit_section,
    "show": cmd_show,
    "diff": cmd_diff,
    "comment": cmd_comment,
    "comments": cmd_comments,
    "proposals": cmd_proposals,
    "accept": cmd_accept,
    "reject": cmd_reject,
    "sign-off": cmd_sign_off,
    "status": cmd_status,
    "verify": cmd_verify,
    "check": cmd_check,
    "verify-docx": cmd_verify_docx,
    "merge": cmd_merge,
    "resolve": cmd_resolve,
    "restore": cmd_restore,
    "add-organisation": cmd_add_organisation,
    "set": cmd_set,
    "open": cmd_open,
    "export": cmd_export,
    "import-docx": cmd_import_docx,
    "export-pack": cmd_export_pack,
    "import-pack": cmd_import_pack,
    "key": cmd_key,
    "export-answers": cmd_export_answers,
    "questions": cmd_questions,
    "answer": cmd_answer,
    "authority": cmd_authority,
    "mark": cmd_mark,
    "merge-driver": cmd_merge_driver,
    "git-setup": cmd_git_setup,
    "textconv": cmd_textconv,
}
