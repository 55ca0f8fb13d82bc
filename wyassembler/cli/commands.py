"""One function per subcommand: read the arguments, call the core and the project file, print.

No rule lives here that the desktop app would also need; those are in ``core``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Any, cast

from ..core import editing, outline, partners, permissions, signoff
from ..core.errors import PermissionDenied, WyassemblerError
from ..core.history import history_problems, history_warning
from ..core.signature_policy import signatures_required
from ..core.lists import DEFAULT_LEVEL_FORMATS, LEVEL_FORMATS
from ..core.model import Actor, Project
from ..core.presets import new_project
from ..core.text import TextTooLong, decode_text_file
from ..fileio import open_to_read
from ..projectfile import storage
from ..projectfile.codec import from_bytes
from ..projectfile.git_work_tree import find_work_tree
from ..projectfile.lock import LockHolder
from ..resource_files import SAMPLE, resource_bytes
from ..seen_heads import remember_head, seen_head
from ..settings import load_identity
from .dissent_parser import setting_changes
from .report import settings_lines, status_json, status_text, verify_lines

MAX_SOURCE_BYTES = 10 * 1024 * 1024


class CommandError(WyassemblerError):
    """A problem with what was asked on the command line."""


class MissingIdentity(CommandError):
    """A command that changes the project, run with no --as/--by and no saved identity: a usage error."""

    exit_status = 2


def warn(message: str) -> None:
    sys.stderr.write(f"wyassembler: warning: {message}\n")


# -- shared steps --------------------------------------------------------------

def _load(path: str) -> storage.Loaded:
    loaded = storage.load(path)
    for problem in loaded.report.problems:
        warn(f"{path}: {problem} (run 'wyassembler verify')")
    for problem in history_problems(loaded.project):
        warn(f"{path}: {problem} (run 'wyassembler verify')")
    rolled_back = rollback_warning(loaded)
    if rolled_back:
        warn(f"{path}: {rolled_back}")
    else:
        remember_head(loaded.project, loaded.path)
    return loaded


def rollback_warning(loaded: storage.Loaded) -> str | None:
    """The warning for a file whose history lacks the newest entry this user has seen in it."""
    return history_warning(loaded.project, seen_head(loaded.project.id, loaded.path))


def _say_waiting(holder) -> None:
    waiting = holder.waiting_message() if holder else "Waiting for another save to finish"
    sys.stderr.write(f"wyassembler: {waiting}\u2026\n")


def lock_holder(person: str = "", org: str = "") -> LockHolder:
    """Who holds the lock while we save or restore: ``person`` and ``org`` (--by, --as), else the saved
    identity's; storage is told, it never reads the user's settings itself."""
    identity = load_identity()
    return LockHolder.current(person or (identity.name if identity else ""),
                              org or (identity.organisation if identity else ""))


def _save(project: Project, target: Path | storage.Loaded, replace: bool = False, *,
          ours_label: str = "your copy", theirs_label: str = "the saved file",
          just_read: storage.Loaded | None = None) -> storage.SaveResult:
    """Save through the lock, merging whatever others saved since ``target`` was loaded; tells the
    user on stderr about anything the merge did that they should know. In a git work tree: no lock,
    merge or backup (:func:`.storage.save_in_work_tree`). ``just_read``: the file at the target as
    just loaded and left untouched, so it is not parsed again to merge into it (a merge of another
    copy: in a work tree too, :func:`.storage.merge_in_work_tree`)."""
    loaded = target if isinstance(target, storage.Loaded) else None
    path = target.path if isinstance(target, storage.Loaded) else Path(target)
    if find_work_tree(path) is not None:
        # git merges in a work tree: no lock file or backup folder for 'git add .' to sweep in, and a
        # file changed since it was read is refused (ChangedOnDisk), as the app does. Nothing to
        # remember either: seen_heads does not watch a work tree (git keeps the history).
        with said_for_command_line():
            if just_read is not None:
                result = storage.merge_in_work_tree(project, just_read, holder=_saving_holder(),
                                                    ours_label=ours_label, theirs_label=theirs_label)
            else:
                result = storage.save_in_work_tree(project, path, loaded.data if loaded else None,
                                                   holder=_saving_holder(), replace=replace,
                                                   base_vouched=loaded.vouched if loaded else None)
    else:
        result = storage.save_shared(project, path, loaded.data if loaded else None,
                                     loaded.structure if loaded else None, holder=_saving_holder(),
                                     on_wait=_say_waiting, replace=replace,
                                     ours_label=ours_label, theirs_label=theirs_label,
                                     base_vouched=loaded.vouched if loaded else None, just_read=just_read)
        remember_head(result.project, path)
    for note in result.notes:
        sys.stderr.write(f"wyassembler: note: {note}\n")
    for section_id, _ in result.conflicts:
        number = result.project.number_of(result.project.section(section_id))
        sys.stderr.write(f"wyassembler: note: see both versions with 'wyassembler show {path} {number} "
                         f"--conflicts'\n")
    return result


@contextmanager
def said_for_command_line() -> Iterator[None]:
    """A file in a git work tree that git changed while the command ran (storage's ChangedOnDisk) is
    refused with the command line's advice: the command reads the file afresh when run again."""
    try:
        yield
    except storage.ChangedOnDisk as error:
        raise error.advised("run the command again (it reads the version there now)") from None


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CommandError(f"{path} already exists; choose another name or add --force to replace it")
    if not path.parent.is_dir():
        raise CommandError(f"cannot create {path}: the folder {path.parent} does not exist")


def _person(args: argparse.Namespace) -> str:
    """Who is acting, by name: --by, else the saved identity, else the login name."""
    identity = load_identity()
    return args.by or (identity.name if identity else "") or getpass.getuser()


def acting_identity(args: argparse.Namespace) -> tuple[str, str]:
    """Who changes the project, as (organisation reference, person): --as and --by, else the saved
    identity's. Never a default: acting as the coordinator unasked let anyone change what only the
    coordinator may, and a login name is not a person the partners know."""
    identity = load_identity()
    org_ref = args.as_org or (identity.organisation if identity else "")
    person = args.by or (identity.name if identity else "")
    if not org_ref or not person:
        raise MissingIdentity(f"'{args.command}' changes the project, so say who you are: add --as ORG --by NAME "
                              f"(or use a saved identity, set in the desktop app); nothing was written")
    return org_ref, person


# Who the running command acts as, once _actor has found out: its save's history entry and the lock name
# them (each command runs in a context of its own: see cli.main), not only the machine's saved identity.
_acting: ContextVar[Actor | None] = ContextVar("acting", default=None)


def _actor(project: Project, args: argparse.Namespace, role: str = "") -> Actor:
    """Who is acting: --as/--by, else the saved identity (see :func:`acting_identity`)."""
    org_ref, person = acting_identity(args)
    identity = load_identity()
    role = role or (identity.role if identity else "")
    actor = Actor(project.find_organisation(org_ref).id, person, role)
    _acting.set(actor)
    return actor


def _saving_holder() -> LockHolder:
    """Who saves: the command's actor if it has one, else the saved identity (a command that names nobody)."""
    actor = _acting.get()
    return lock_holder(actor.person, actor.org) if actor is not None else lock_holder()


def _read_source(path_text: str) -> tuple[str | None, tuple]:
    """Read a content file: Markdown by .md/.markdown, plain text by .txt; warnings go to stderr."""
    path = Path(path_text)
    suffix = path.suffix.lower()
    if not path.exists():
        raise CommandError(f"cannot read {path}: no such file")
    if suffix not in (".md", ".markdown", ".txt"):
        raise CommandError(f"{path}: give a Markdown (.md) or plain text (.txt) file")
    try:
        with open_to_read(path) as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise CommandError(f"{path} is over {MAX_SOURCE_BYTES // 1_000_000} MB; a section's text is far smaller")
    try:
        text = decode_text_file(raw)
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    from ..core.markdown import parse_markdown, parse_plain_text  # only the commands that read text pay for it

    try:
        result = parse_plain_text(text) if suffix == ".txt" else parse_markdown(text)
    except TextTooLong as error:  # a paragraph no project file could hold: named by file and line
        raise CommandError(f"{path}: {error}") from None
    for message in result.warnings:
        warn(f"{path}: {message}")
    return result.title, result.blocks


def _label(project: Project, section) -> str:
    return f"section {project.number_of(section)} \u201c{section.heading}\u201d"


# -- commands ------------------------------------------------------------------

def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.project)
    _refuse_overwrite(path, args.force)
    project = new_project(args.title, args.subtitle, args.partnership, args.preset, _person(args))
    _save(project, path, replace=args.force)
    print(f"Created {path} with {len(project.organisations)} organisations and {len(project.sections)} section(s).")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    path = Path(args.project)
    _refuse_overwrite(path, args.force)
    project = from_bytes(resource_bytes(*SAMPLE))
    _save(project, path, replace=args.force)
    print(f"Wrote the sample project to {path}: \u201c{project.title}\u201d, "
          f"{len(project.all_sections())} sections, {len(project.organisations)} organisations.")
    return 0


def cmd_add_section(args: argparse.Namespace) -> int:
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args)
    owner = project.find_organisation(args.owner).id
    contributors = [project.find_organisation(ref).id for ref in args.contributors.split(",") if ref.strip()]
    parent = project.find_section(args.parent) if args.parent else None
    blocks: tuple = ()
    heading = None
    if args.source:
        heading, blocks = _read_source(args.source)
    title = args.title or heading
    if not title:
        raise CommandError("give the section's heading: --title TEXT, or a first line '# Heading' in the --from file")
    if args.title and heading and heading != args.title:
        warn(f"{args.source}'s heading \u201c{heading}\u201d is not used: --title names the section "
             f"\u201c{args.title}\u201d")
    from .key_commands import signer_for

    permissions.check_structure(project, actor, parent)  # refused before asking for a passphrase
    permissions.check_assign(project, actor, owner, contributors)
    section = outline.add_section(project, actor, title, owner, blocks, parent, contributors=contributors,
                                  signer=signer_for(project, actor.org, args))
    _save(project, loaded)
    print(f"Added {_label(project, section)} (id {section.id}), owned by {project.org_label(owner)}.")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args)
    section = project.find_section(args.section)
    owner = project.find_organisation(args.owner).id
    contributors = [project.find_organisation(ref).id for ref in args.contributors.split(",") if ref.strip()]
    from .key_commands import signer_for

    permissions.check_structure(project, actor)  # refused before asking for a passphrase
    outline.set_ownership(project, actor, section, owner, contributors, signer=signer_for(project, actor.org, args))
    _save(project, loaded)
    shared = f", with {', '.join(project.org_label(o) for o in section.contributors)}" if section.contributors else ""
    print(f"{_label(project, section)} is owned by {project.org_label(owner)}{shared}.")
    return 0


def cmd_delete_section(args: argparse.Namespace) -> int:
    """``delete-section``: the app's Section › Delete Section: the section and its sub-sections go, each leaving
    a tombstone so a merge with a copy that still has it unedited keeps it deleted (an edit beats a delete).
    Who may is the core's rule (:func:`.outline.delete_section`): the coordinator, or an editor of the section
    above. Every section a command reads is saved, so it is always a delete, never the app's withdrawal of a
    section added and never saved."""
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args)
    section = project.find_section(args.section)
    label, subs = _label(project, section), len(outline.descendants(section))
    try:
        outline.delete_section(project, actor, section)
    except PermissionDenied as error:  # the core's reason, said of the section named (as the app's dialog does)
        raise PermissionDenied(f"{label} was not deleted: {error}") from None
    _save(project, loaded)
    extra = f" and its {subs} sub-section{'s' if subs != 1 else ''}" if subs else ""
    print(f"Deleted {label}{extra}; {'their' if subs else 'its'} sign-offs went with "
          f"{'them' if subs else 'it'}.")
    return 0


def cmd_edit_section(args: argparse.Namespace) -> int:
    loaded = _load(args.project)
    project = loaded.project
    section = project.find_section(args.section)
    actor = _actor(project, args)
    title, blocks = _read_source(args.source)
    before = signoff.section_states(section)
    revision = editing.edit_section(project, actor, section, heading=title, blocks=blocks)
    if revision is None:
        print(f"No change: {_label(project, section)} already has this content.")
        return 0
    _save(project, loaded)
    print(f"Saved a new revision of {_label(project, section)} ({revision.id}).")
    went_stale = signoff.newly_stale(before, section)
    if went_stale:
        names = ", ".join(project.org_label(org) for org in went_stale)
        print(f"The approval by {names} is now stale: the section needs signing off again.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    project = _load(args.project).project
    section = project.find_section(args.section)
    from ..core.markdown import to_markdown

    sys.stdout.write(f"# {section.heading}\n\n{to_markdown(section.blocks)}")
    if args.conflicts:
        if not section.conflicts:
            sys.stderr.write(f"{_label(project, section)} has no conflict copies.\n")
        for number, copy in enumerate(section.conflicts, start=1):
            sys.stdout.write(f"\n----- conflict copy {number} of {len(section.conflicts)}: by {copy.person} "
                             f"({project.org_label(copy.org)}), {copy.time:%Y-%m-%d %H:%M} UTC -----\n\n"
                             f"# {copy.heading}\n\n{to_markdown(copy.blocks)}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    loaded = _load(args.project)
    project = loaded.project
    matrix = signoff.signoff_matrix(project)
    rolled_back = rollback_warning(loaded)
    if rolled_back and not args.json:
        print(f"Warning: {rolled_back}")
    if args.json:
        data = status_json(project, matrix)
        data["history_warning"] = rolled_back  # null unless the file lacks the newest save seen
        print(json.dumps(data, indent=2))  # ASCII: whole whatever the console's encoding (as check --json)
    else:
        print(status_text(project, matrix, date.today()))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    loaded = storage.load(args.project)
    lines, sound = verify_lines(loaded, [rolled_back] if (rolled_back := rollback_warning(loaded)) else [])
    print("\n".join(lines))
    if not sound:
        raise CommandError(f"{args.project} is not sound: {len(lines) - 1} problem(s) listed above")
    return 0


def cmd_add_organisation(args: argparse.Namespace) -> int:
    loaded = _load(args.project)
    project = loaded.project
    actor = _actor(project, args) if project.organisations else None
    org = partners.add_organisation(project, actor, args.name, args.short_name, args.org_id, args.lead, args.email)
    _save(project, loaded)
    print(f"Added {org.name} (id {org.id}).")
    return 0


def _parse_deadline(text: str) -> date | None:
    if text.lower() == "none":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"deadline {text!r} is not a date like 2006-01-31") from None


def _parse_list_numbering(text: str) -> tuple[str, ...]:
    """Level formats from "1. a. i." (labels, the dot optional) or Word's names ("decimal lowerLetter
    lowerRoman", any case); "default" for the default. How many there must be the core checks."""
    if text.strip().lower() == "default":
        return DEFAULT_LEVEL_FORMATS
    by_label = {label.rstrip("."): fmt for fmt, label in LEVEL_FORMATS.items()}
    by_name = {fmt.lower(): fmt for fmt in LEVEL_FORMATS}
    formats = []
    for word in text.replace(",", " ").split():
        fmt = by_label.get(word.rstrip(".")) or by_name.get(word.lower())
        if fmt is None:
            raise CommandError(f"list numbering {word!r} is not one of {' '.join(LEVEL_FORMATS.values())} "
                               f"(or {', '.join(LEVEL_FORMATS)}); give one per level, e.g. \"1. a. i.\"")
        formats.append(fmt)
    return tuple(formats)


def cmd_set(args: argparse.Namespace) -> int:
    loaded = _load(args.project)
    project = loaded.project
    changes: dict[str, object] = {}
    for name in ("title", "subtitle", "partnership", "responds_to"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.deadline is not None:
        changes["deadline"] = _parse_deadline(args.deadline)
    if args.closing_line is not None:
        changes["closing_line_template"] = None if args.closing_line == "default" else args.closing_line
    if args.coordinator is not None:
        changes["coordinator"] = project.find_organisation(args.coordinator).id
    if args.endorsers is not None:
        refs = [ref for ref in args.endorsers.split(",") if ref.strip()]
        changes["endorsers"] = None if args.endorsers.strip().lower() == "all" else [
            project.find_organisation(ref).id for ref in refs]
    if args.list_numbering is not None:
        changes["list_formats"] = _parse_list_numbering(args.list_numbering)
    if args.require_signatures is not None:
        changes["require_signatures"] = args.require_signatures == "yes"
    changes.update(setting_changes(args))
    if changes:
        actor = _actor(project, args)
        signer = None
        # turning off a requirement a signed record made is signed too
        if "coordinator" in changes or changes.get("require_signatures") or (
                "require_signatures" in changes and project.signature_policies):
            from .key_commands import signer_for

            permissions.check_structure(project, actor)  # refused before asking for a passphrase
            signer = signer_for(project, actor.org, args)
        partners.set_properties(project, actor, signer=signer, **cast("dict[str, Any]", changes))
        _save(project, loaded)
    deadline = project.deadline.isoformat() if project.deadline else "none"
    endorsers = ", ".join(project.org_label(o) for o in project.required_endorsers())
    print(f"Title:        {project.title}\nSubtitle:     {project.subtitle}\n"
          f"Partnership:  {project.partnership}\nResponds to:  {project.responds_to}\n"
          f"Deadline:     {deadline}\nClosing line: {project.closing_line}\n"
          f"Coordinator:  {project.org_label(project.coordinator) if project.coordinator else 'none'}\n"
          f"Endorsers:    {'all partners' if project.endorsers is None else endorsers}\n"
          f"Numbering:    {' '.join(LEVEL_FORMATS.get(fmt, fmt) for fmt in project.list_formats)}\n"
          f"Signatures:   {'required' if signatures_required(project) else 'not required'}\n"
          + "\n".join(settings_lines(project)))
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    # Qt is imported only here, so every other command works where PySide6 is missing or cannot start.
    try:
        from ..ui.app import run
    except ImportError as error:
        raise CommandError(f"the desktop app cannot start: {error}; the other commands still work "
                           f"(see 'wyassembler --help')") from None
    # The app outlives the working folder it was started in: hand it the project's absolute path. A "~user"
    # with no such user is a folder's name, as the shell leaves it (expanduser raises RuntimeError there).
    project = None
    if args.project:
        try:
            project = Path(args.project).expanduser()
        except RuntimeError:
            project = Path(args.project)
    return run(str(project.resolve()) if project is not None else None)
