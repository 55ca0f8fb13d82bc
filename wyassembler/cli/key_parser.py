"""The ``key`` command's arguments (kept apart from the commands, so parsing needs no cryptography)."""

from __future__ import annotations

import argparse

PASSPHRASE_VARIABLE = "WYASSEMBLER_PASSPHRASE"  # keystore.PASSPHRASE_VARIABLE, checked by a test


def add_key_parser(commands: argparse._SubParsersAction, parser_class: type) -> None:
    """The ``key`` command and its subcommands."""
    help_ = "your personal signing key: make one, show it (a lost passphrase means a new key)"
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


def passphrase_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--passphrase-file", metavar="FILE",
                     help=f"read your key's passphrase from FILE's first line (else {PASSPHRASE_VARIABLE}, "
                          f"else you are asked)")
