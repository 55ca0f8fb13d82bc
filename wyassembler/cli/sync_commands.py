"""``merge``, ``resolve`` and ``restore``: bringing copies together, settling clashes, going back."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import conflicts
from ..projectfile import storage
from ..projectfile.codec import ProjectFileError, from_bytes
from ..core.model import Actor
from ..seen_heads import remember_head
from ..projectfile.git_work_tree import find_work_tree
from .commands import (CommandError, _actor, _label, _load, _read_source, _save, _say_waiting, acting_identity,
                       lock_holder, said_for_command_line)


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge OTHER into PROJECT; OTHER is only read."""
    target = Path(args.project)
    other_path = Path(args.other)
    if other_path.resolve() == target.resolve():
        raise CommandError("give two different files: PROJECT and the OTHER copy to merge into it")
    loaded = _load(args.project)
    other = _load(args.other)
    if other.project.id != loaded.project.id:
        raise CommandError(
            f"{other_path} is a different project (\u201c{other.project.title}\u201d) from {target} "
            f"(\u201c{loaded.project.title}\u201d); only copies of the same project can be merged")
    # PROJECT is the file others see: its versions stay current and OTHER's clashing ones become copies.
    result = _save(other.project, target, ours_label=other_path.name, theirs_label=target.name, just_read=loaded)
    if result.data == loaded.data:
        print(f"Nothing to merge: {target} already holds everything in {other_path}.")
        return 0
    made = len(result.conflicts)
    clashes = f"; {made} section(s) changed in both now hold a conflict copy" if made else ""
    print(f"Merged {other_path} into {target}{clashes}.")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    """Resolve one section's conflict copies."""
    loaded = _load(args.project)
    project = loaded.project
    section = project.find_section(args.section)
    actor = _actor(project, args)
    count = len(section.conflicts)
    from .key_commands import signer_for

    conflicts.check_can_resolve(project, actor, section)  # refused before asking for a passphrase
    merged = _read_source(args.source) if args.source else None  # so is a merged text that cannot be read
    signer = signer_for(project, actor.org, args)  # the resolution is a signed record, as in the app
    if args.take_current:
        conflicts.keep_current(project, actor, section, signer=signer)
        done = "kept the current text"
    elif args.take is not None:
        conflicts.take_copy(project, actor, section, args.take, signer=signer)
        done = f"took conflict copy {args.take}"
    elif merged is not None:
        title, blocks = merged
        conflicts.take_merged_text(project, actor, section, title, blocks, signer=signer)
        done = f"took the merged text from {args.source}"
    _save(project, loaded)
    print(f"Resolved {_label(project, section)}: {done}; {count} conflict cop{'y' if count == 1 else 'ies'} closed.")
    return 0


def _backup_time(backup: Path) -> str:
    made = storage.backup_time(backup)
    return made.strftime("%Y-%m-%d %H:%M:%S UTC") if made else "unknown time"


def _restoring_as(path: Path, args: argparse.Namespace) -> Actor | None:
    """Who restores (--as/--by, else the saved identity) checked against the file being restored over:
    an organisation it does not know is an error, never taken for the coordinator. ``None`` when that
    file cannot be read (a damaged file must still be recoverable), so storage names the lock holder."""
    org_ref, person = acting_identity(args)
    try:
        project = from_bytes(storage.read_limited(path))
    except ProjectFileError:
        return None
    return Actor(project.find_organisation(org_ref).id, person)


class RestoreUsageError(CommandError):
    """``restore`` asked to list and to restore at once: a usage error."""

    exit_status = 2


def cmd_restore(args: argparse.Namespace) -> int:
    """List the backups, or restore one."""
    path = Path(args.project)
    if args.list and args.number is not None:
        raise RestoreUsageError(f"give --list or a backup number N, not both (--list lists the backups; "
                                f"'wyassembler restore {args.project} {args.number}' restores that one)")
    if args.number is None:
        backups = storage.list_backups(path)
        if not backups and find_work_tree(path) is not None:
            raise CommandError(f"{path} has no backups: in a git work tree saves keep none, git keeps the "
                               f"versions ('git log {path.name}')")
        if not backups:
            raise CommandError(f"{path} has no backups yet (they are kept in {storage.backup_dir(path)})")
        for number, backup in enumerate(backups, start=1):
            try:
                project = from_bytes(storage.read_limited(backup))
                what = f"\u201c{project.title}\u201d"
            except ProjectFileError:
                what = "(damaged: cannot be opened)"
            print(f"{number:>3}  {_backup_time(backup)}  {backup.stat().st_size / 1024:8.1f} KB  {what}")
        return 0
    actor = _restoring_as(path, args)  # refused, writing nothing, without an identity of this project
    holder = lock_holder(args.by or "", args.as_org or "")
    with said_for_command_line():  # in a git work tree: no lock and no backup, as a save there
        backup = storage.restore_backup(path, args.number, holder=holder, on_wait=_say_waiting, actor=actor)
    remember_head(storage.load(path).project, path, deliberate=True)  # a restore is a step forward, not a rollback
    replaced = ("git keeps the versions in a work tree, so no backup was made of the one it replaced "
                "('git diff' shows what the restore changed)" if find_work_tree(path) is not None
                else "the version it replaced is now backup 1")
    print(f"Restored {path} from backup {args.number} ({_backup_time(backup)}); {replaced}.")
    return 0
