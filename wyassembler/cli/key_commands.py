"""``wyassembler key ...``: the user's personal signing key (new, show), and where its passphrase comes from."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from .. import keystore
from ..keystore import KeyStoreError, UnlockedKey

NO_PASSPHRASE = (f"no passphrase: give --passphrase-file FILE or set {keystore.PASSPHRASE_VARIABLE} "
                 f"(there is no terminal to ask on)")


def passphrase(args: argparse.Namespace, confirm: bool = False) -> str:
    """The passphrase: ``--passphrase-file``, else the environment, else asked on the terminal (twice
    with ``confirm``)."""
    if getattr(args, "passphrase_file", None):
        return keystore.passphrase_from_file(args.passphrase_file)
    from_environment = keystore.passphrase_from_environment()
    if from_environment is not None:
        return from_environment
    if not sys.stdin or not sys.stdin.isatty():
        raise KeyStoreError(NO_PASSPHRASE)
    first = keystore.check_passphrase(getpass.getpass("Passphrase for your key: "), "the prompt")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise KeyStoreError("the two passphrases differ; nothing was written")
    return first


def unlocked_key(args: argparse.Namespace) -> UnlockedKey | None:
    """The user's key unlocked for signing, or ``None`` if they have made none (acts are then unsigned)."""
    if keystore.load_key_info() is None:
        return None
    return keystore.unlock(passphrase(args))


def cmd_key(args: argparse.Namespace) -> int:
    return KEY_COMMANDS[args.key_command](args)


def cmd_key_new(args: argparse.Namespace) -> int:
    # Checked before asking, so nobody types a passphrase twice to be told they already have a key.
    if keystore.load_key_info() is not None and not args.replace:
        raise KeyStoreError(f"you already have a key ({keystore.key_path()}); add --replace to make a new one "
                            f"(the old file is kept as a backup)")
    info = keystore.create_key(args.name, passphrase(args, confirm=True), replace=args.replace)
    print(f"Made a key for {info.name} in {info.path}.\nFingerprint: {info.fingerprint}\n"
          f"Keep the passphrase safe: a lost passphrase cannot be recovered, only replaced by a new key.\n"
          f"Next: wyassembler key register PROJECT --as ORG --by \"{info.name}\"")
    return 0


def cmd_key_show(args: argparse.Namespace) -> int:
    info = keystore.load_key_info()
    if info is None:
        raise KeyStoreError("you have no key yet; make one with 'wyassembler key new --name NAME'")
    from ..core.signatures import encode

    if args.json:
        print(json.dumps({"name": info.name, "fingerprint": info.fingerprint, "public_key": encode(info.public_key),
                          "created": info.created.isoformat(), "file": str(info.path)}, indent=2, ensure_ascii=False))
    else:
        print(f"Name:        {info.name}\nFingerprint: {info.fingerprint}\nPublic key:  {encode(info.public_key)}\n"
              f"Created:     {info.created:%Y-%m-%d %H:%M} UTC\nFile:        {info.path}")
    return 0


KEY_COMMANDS = {
    "new": cmd_key_new,
    "show": cmd_key_show,
}
