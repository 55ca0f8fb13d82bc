"""``wyassembler key ...``: the user's personal signing key (new, show), its place in a project (register,
confirm, revoke), moving it to another computer (export, import), where its passphrase comes from, and which
key signs a sign-off."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path

from .. import keystore
from ..core import keys
from ..core.errors import PermissionDenied
from ..core.model import Actor, Project
from ..core.signature_policy import signatures_required
from ..core.signatures import normal_fingerprint
from ..keystore import KeyStoreError, UnlockedKey

# Said on registering while the project has no coordinator: the coordinator's own early key stays proposed.
NO_COORDINATOR_YET = ("\nThe project has no coordinator yet. If you are to be it, this key stays proposed: once "
                      "'wyassembler set PROJECT --coordinator ORG' names you, make a new key with 'wyassembler "
                      "key new --replace' and register that one, trusted on first use.")
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


def note(message: str) -> None:
    sys.stderr.write(f"wyassembler: note: {message}\n")


def signer_for(project: Project, org: str, args: argparse.Namespace) -> UnlockedKey | None:
    """The user's key, unlocked, if it is a confirmed key of ``org`` in ``project``; else ``None`` (the
    record goes unsigned, as before keys existed) with a note saying why when the user has a key. When
    the project requires signatures, an unsigned record would never count, so it is refused instead
    (PermissionDenied) before anything is written, as the app refuses it."""
    info = keystore.load_key_info()
    if info is None:
        _unsigned(project, "you have no signing key (make one with 'wyassembler key new --name NAME')", say=False)
        return None
    label = project.org_label(org)
    mine = next((key for key in keys.key_states(project).get(org, []) if key.fingerprint == info.fingerprint), None)
    if mine is None:
        _unsigned(project, f"your key is not registered for {label} in this project "
                           f"(wyassembler key register {args.project} --as ORG --by NAME)")
        return None
    if mine.state != keys.CONFIRMED:
        _unsigned(project, f"your key for {label} is {mine.state}, not confirmed"
                  + (_unconfirmable(project, org, info.fingerprint)
                     or (" (the coordinator or a confirmed key of the organisation confirms it)"
                         if mine.state == keys.PROPOSED else "")))
        return None
    return keystore.unlock(passphrase(args))


def _unconfirmable(project: Project, org: str, fingerprint: str) -> str:
    """The way out, as a clause, when ``fingerprint`` is a proposed key of the coordinator ``org`` that has
    no confirmed key: registered before the project had (this) coordinator, nothing can ever confirm it,
    but a new key registered now is the coordinator's first, trusted on first use. Else ""."""
    if org != project.coordinator:
        return ""
    states = keys.key_states(project).get(org, [])
    mine = next((key for key in states if key.fingerprint == fingerprint), None)
    if mine is None or mine.state != keys.PROPOSED or any(key.state == keys.CONFIRMED for key in states):
        return ""
    return (f" (it was registered before {project.org_label(org)} was the coordinator, and no key can confirm "
            f"it: make a new key with 'wyassembler key new --replace' and register it again with 'wyassembler "
            f"key register PROJECT --as {org} --by NAME'; as the coordinator's first key it is trusted on first use)")


def _with_way_out(project: Project, actor: Actor, key: UnlockedKey, act: Callable[[], keys.KeyEvent]) -> keys.KeyEvent:
    """``act()``, its refusal (PermissionDenied) completed with :func:`_unconfirmable`'s way out if the
    acting key is the coordinator's key no one can confirm."""
    try:
        return act()
    except PermissionDenied as refused:
        way_out = _unconfirmable(project, actor.org, key.fingerprint)
        if not way_out:
            raise
        raise PermissionDenied(f"{refused}{way_out}") from None


def _unsigned(project: Project, reason: str, say: bool = True) -> None:
    """Refuse a record that cannot be signed when the project requires signatures; else note (if ``say``)
    that it goes unsigned."""
    if signatures_required(project):  # the requirement in force: a flag cleared by hand does not lift it
        raise PermissionDenied(f"this response requires signatures: nothing was recorded: {reason}")
    if say:
        note(f"unsigned: {reason}")


def _key_event(args: argparse.Namespace, act: Callable[[Project, Actor, UnlockedKey], str]) -> int:
    """Load PROJECT, unlock the user's key, do ``act`` (it says what it did), save."""
    from . import commands as shared  # the shared steps; commands imports this module at its end

    loaded = shared._load(args.project)
    project = loaded.project
    actor = shared._actor(project, args)
    if keystore.load_key_info() is None:
        raise KeyStoreError("you have no key yet; make one with 'wyassembler key new --name NAME'")
    key = keystore.unlock(passphrase(args))
    done = act(project, actor, key)
    shared._save(project, loaded)
    print(done)
    return 0


def cmd_key_register(args: argparse.Namespace) -> int:
    def act(project: Project, actor: Actor, key: UnlockedKey) -> str:
        keys.register_key(project, actor, key.public_key, key)
        state = next(k for k in keys.key_states(project)[actor.org] if k.fingerprint == key.fingerprint)
        label = project.org_label(actor.org)
        if state.trusted_on_first_use:
            return (f"Registered and confirmed your key for {label}: as the coordinator's first key it is trusted "
                    f"on first use (partners should check its fingerprint with you).\nFingerprint: {key.fingerprint}")
        return (f"Proposed your key for {label}.\nFingerprint: {key.fingerprint}\nRead it to your coordinator, "
                f"who confirms it with:\n  wyassembler key confirm {args.project} \"{key.fingerprint}\" "
                f"--as ORG --by NAME" + (NO_COORDINATOR_YET if project.coordinator is None else ""))
    return _key_event(args, act)


def cmd_key_confirm(args: argparse.Namespace) -> int:
    target = normal_fingerprint(args.fingerprint)

    def act(project: Project, actor: Actor, key: UnlockedKey) -> str:
        event = _with_way_out(project, actor, key, lambda: keys.confirm_key(project, actor, target, key))
        owner = _owner(project, target) or event.org
        return f"Confirmed key {target} of {project.org_label(owner)}."
    return _key_event(args, act)


def cmd_key_revoke(args: argparse.Namespace) -> int:
    target = normal_fingerprint(args.fingerprint)

    def act(project: Project, actor: Actor, key: UnlockedKey) -> str:
        event = _with_way_out(project, actor, key, lambda: keys.revoke_key(project, actor, target, key, args.reason))
        owner = _owner(project, target) or event.org
        return (f"Revoked key {target} of {project.org_label(owner)}: what it signed before stays valid, "
                f"what it signs from now on does not count.")
    return _key_event(args, act)


def _owner(project: Project, fingerprint: str) -> str | None:
    return next((org for org, states in keys.key_states(project).items()
                 if any(state.fingerprint == fingerprint for state in states)), None)


def cmd_key(args: argparse.Namespace) -> int:
    return KEY_COMMANDS[args.key_command](args)


def cmd_key_new(args: argparse.Namespace) -> int:
    # Checked before asking, so nobody types a passphrase twice to be told they already have a key. With
    # --replace the old file is not read: a damaged key is exactly what --replace is for.
    if not args.replace and keystore.load_key_info() is not None:
        raise KeyStoreError(keystore.already_have_a_key("make a new one"))
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
                          "created": info.created.isoformat(), "file": str(info.path)}, indent=2))
    else:
        print(f"Name:        {info.name}\nFingerprint: {info.fingerprint}\nPublic key:  {encode(info.public_key)}\n"
              f"Created:     {info.created:%Y-%m-%d %H:%M} UTC\nFile:        {info.path}")
    return 0


def cmd_key_export(args: argparse.Namespace) -> int:
    info = keystore.export_key(Path(args.file), force=args.force)
    print(f"Copied your key \u201c{info.name}\u201d ({info.fingerprint}) to {args.file}, still locked by its "
          f"passphrase.\nOn the other computer: wyassembler key import {args.file}")
    return 0


def cmd_key_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    # Checked before asking, so nobody types a passphrase to be told the file is no key or they have one.
    offered = keystore.key_file_info(source)
    if not args.replace and keystore.load_key_info() is not None:
        raise KeyStoreError(keystore.already_have_a_key("install this one instead"))
    key = keystore.import_key(source, passphrase(args), replace=args.replace)
    print(f"Installed the key of {offered.name} in {key.info.path}.\nFingerprint: {key.fingerprint}")
    return 0


KEY_COMMANDS = {
    "new": cmd_key_new,
    "show": cmd_key_show,
    "export": cmd_key_export,
    "import": cmd_key_import,
    "register": cmd_key_register,
    "confirm": cmd_key_confirm,
    "revoke": cmd_key_revoke,
}
