"""Which function runs each subcommand: the one table naming every command module.

A command's module is imported when that command runs, not before: ``git log -p`` runs ``textconv`` once
per version and git runs ``merge-driver`` once per file, and importing every command module (answers, Word,
questions) cost each of them most of a second. The command modules import their shared helpers from
:mod:`.commands` and never this module, so none imports a module that imports it back (a cycle that broke
importing a command module on its own, as the app bundle's self-test does)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable


class _Lazy:
    """A command function named by its module and name, imported the first time it runs."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def function(self) -> Callable[[argparse.Namespace], int]:
        """The command function itself (importing its module)."""
        return getattr(importlib.import_module(f"{__package__}.{self.module}"), self.name)

    def __call__(self, args: argparse.Namespace) -> int:
        return self.function()(args)


def _sample(args: argparse.Namespace) -> int:
    """``sample``: the 2005 response, or with ``--questions`` the response to a consultation's questions."""
    command = _Lazy("answer_commands", "cmd_sample_questions") if args.questions else _Lazy("commands", "cmd_sample")
    return command(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _Lazy("commands", "cmd_new"),
    "sample": _sample,
    "add-section": _Lazy("commands", "cmd_add_section"),
    "assign": _Lazy("commands", "cmd_assign"),
    "delete-section": _Lazy("commands", "cmd_delete_section"),
    "edit-section": _Lazy("commands", "cmd_edit_section"),
    "show": _Lazy("commands", "cmd_show"),
    "diff": _Lazy("diff_commands", "cmd_diff"),
    "comment": _Lazy("comment_commands", "cmd_comment"),
    "comments": _Lazy("comment_commands", "cmd_comments"),
    "proposals": _Lazy("proposal_commands", "cmd_proposals"),
    "accept": _Lazy("proposal_commands", "cmd_accept"),
    "reject": _Lazy("proposal_commands", "cmd_reject"),
    "sign-off": _Lazy("dissent_commands", "cmd_sign_off"),
    "status": _Lazy("commands", "cmd_status"),
    "verify": _Lazy("commands", "cmd_verify"),
    "check": _Lazy("check_commands", "cmd_check"),
    "verify-docx": _Lazy("word_commands", "cmd_verify_docx"),
    "merge": _Lazy("sync_commands", "cmd_merge"),
    "resolve": _Lazy("sync_commands", "cmd_resolve"),
    "restore": _Lazy("sync_commands", "cmd_restore"),
    "add-organisation": _Lazy("commands", "cmd_add_organisation"),
    "set": _Lazy("commands", "cmd_set"),
    "open": _Lazy("commands", "cmd_open"),
    "export": _Lazy("export_commands", "cmd_export"),
    "import-docx": _Lazy("word_commands", "cmd_import_docx"),
    "export-pack": _Lazy("word_commands", "cmd_export_pack"),
    "import-pack": _Lazy("word_commands", "cmd_import_pack"),
    "key": _Lazy("key_commands", "cmd_key"),
    "export-answers": _Lazy("answer_commands", "cmd_export_answers"),
    "questions": _Lazy("question_commands", "cmd_questions"),
    "answer": _Lazy("question_commands", "cmd_answer"),
    "authority": _Lazy("dissent_commands", "cmd_authority"),
    "mark": _Lazy("dissent_commands", "cmd_mark"),
    "merge-driver": _Lazy("git_commands", "cmd_merge_driver"),
    "git-setup": _Lazy("git_commands", "cmd_git_setup"),
    "textconv": _Lazy("textconv_command", "cmd_textconv"),
}
