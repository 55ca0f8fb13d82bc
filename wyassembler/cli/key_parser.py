"""The ``key`` command's arguments (kept apart from the commands, so parsing needs no cryptography)."""

from __future__ import annotations

import argparse

PASSPHRASE_VARIABLE = "WYASSEMBLER_PASSPHRASE"  # keystore.PASSPHRASE_VARIABLE, checked by a test


def add_key_parser(commands: argparse._SubParsersAction, parser_class: type) -> None:
    """The ``key`` command and its subcommands."""
    help_ = ("your personal signing key: make one, show, export or import it, register, confirm or revoke keys "
             "in a project")
    key = commands.add_parser("key", help=help_, description=help_[0].upper() + help_[1:] + ".")
    subs = key.add_subparsers(dest="key_command", metavar="KEY_COMMAND", title="key commands",
                              parser_class=parser_class)
    subs.required = True

    sub = subs.add_parser("new", help="make your key pair, locked by a passphrase",
                          description="Make your Ed25519 key pair in your data folder, the private key locked by "
                                      "a passphrase. A lost passphrase cannot be recovered: you would make a new "
                                      "key and register it again.")
    sub.add_argument("--name", required=True, help="your name, as your partners know you")
    sub.add_argument("--replace", action="store_true",
                     help="replace your existing key (the old file is kept as a dated backup)")
    passphrase_option(sub)

    sub = subs.add_parser("show", help="print your key's name, fingerprint and public key",
                          description="Print your key's name, fingerprint (read it to your coordinator over the "
                                      "phone) and public key.")
    sub.add_argument("--json", action="store_true", help="print it as JSON")

    sub = subs.add_parser("export", help="copy your key file, still locked by its passphrase, to FILE",
                          description="Copy your key file as it is, still locked by its passphrase, to FILE (to "
                                      "carry to another computer and 'key import' there). Keep the copy as safe "
                                      "as the passphrase.")
    sub.add_argument("file", metavar="FILE", help="the file to write")
    sub.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    sub = subs.add_parser("import", help="install a key file exported on another computer",
                          description="Install a key file made by 'key export' as your key, once its passphrase "
                                      "has proved it opens. An existing key is replaced only with --replace.")
    sub.add_argument("file", metavar="FILE", help="the exported key file")
    sub.add_argument("--replace", action="store_true",
                     help="replace your existing key (the old file is kept as a dated backup)")
    passphrase_option(sub)

    sub = subs.add_parser("register", help="propose your key as a key of your organisation in PROJECT",
                          description="Propose your key as a key of ORG in PROJECT (signed with it). The coordinator "
                                      "or an already-confirmed key of ORG then confirms it; the coordinator's first "
                                      "key is trusted on first use.")
    sub.add_argument("project", metavar="PROJECT")
    _acting(sub)

    sub = subs.add_parser("confirm", help="confirm a proposed key (check its fingerprint with its holder first)",
                          description="Confirm a proposed key: as the coordinator, or with a confirmed key of the "
                                      "key's own organisation. Check the fingerprint with the key's holder out of "
                                      "band (read it over the phone) before you confirm.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("fingerprint", metavar="FINGERPRINT", help="the key's fingerprint (spaces optional)")
    _acting(sub)

    sub = subs.add_parser("revoke", help="revoke a key: what it signed before stays valid",
                          description="Revoke a key: what it signed before stays valid; what it signs later does "
                                      "not count.")
    sub.add_argument("project", metavar="PROJECT")
    sub.add_argument("fingerprint", metavar="FINGERPRINT", help="the key's fingerprint (spaces optional)")
    sub.add_argument("--reason", default="", help="why, e.g. \"laptop lost\"")
    _acting(sub)


def _acting(sub: argparse.ArgumentParser) -> None:
    """Who acts (as the other commands that change a project ask it) and the passphrase of the key that signs."""
    sub.add_argument("--as", dest="as_org", metavar="ORG", help="the organisation you act for (default: your saved "
                                                                 "identity; without one, --as and --by are both "
                                                                 "needed)")
    sub.add_argument("--by", dest="by", metavar="NAME", help="your name (default: your saved identity)")
    passphrase_option(sub)


def passphrase_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--passphrase-file", metavar="FILE",
                     help=f"read your key's passphrase from FILE's first line (else {PASSPHRASE_VARIABLE}, "
                          f"else you are asked)")
