"""The file's tamper-evident history: a hash-linked chain of save entries, as git links commits.

Every save appends a :class:`~.model.HistoryEntry` naming the entry (or, for a merge, the two
entries) it was made on, who saved and when, and ``digest``: the SHA-256 of the canonical form of
every record in the file (properties, partners, the outline's arrangement and ownership, each
revision's id, parent, author, time and content hash, sign-offs, conflict copies, resolutions,
endorsements with their reservations and declines, tombstones, restores, key events, authority records,
confidentiality marks and the coordinator's settings). An entry's ``id`` is the hash of everything
else in it, so changing an old entry changes its id and breaks every link to it.

So a record changed without wyassembler (a hand edit, even with every content hash recomputed) no
longer matches the newest entry's digest, and :func:`history_problems` says so; an older copy put
back over the file (a sync client's, say) lacks the newest entry a partner has seen, and
:func:`history_warning` says so when that partner opens it. Neither needs the file's own word.

A revision's content is covered through its hash: reading a file checks every kept revision's
content against its hash, so the digest need not hash the text again.
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from dataclasses import fields
from datetime import date, datetime
from functools import cache

from .content import content_hash
from .model import HistoryEntry, Project, Revision, SignOff, utc_now
from .review_records import Proposal

# A save (or merge) made over a file whose records its newest entry did not vouch for says so in its kind,
# which its id covers: the save vouches for the file from then on but never hides that it was changed.
SAVE_OVER_CHANGE, MERGE_OVER_CHANGE = "save-over-change", "merge-over-change"
HISTORY_KINDS = ("save", "merge", "restore", SAVE_OVER_CHANGE, MERGE_OVER_CHANGE)


def _time(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


# Revision content is covered by its hash (checked on reading); the history is what is being vouched with.
# A proposal's two texts (format 1.7) are covered by their hashes too, which the digest adds (see _canonical).
_LEFT_OUT = {"blocks", "before_blocks", "history"}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name not in _LEFT_OUT)


# Settings format 1.6 added whose default is not "nothing": left out at that default, as an empty field is,
# so the digest of every project that keeps them as they were stays what earlier versions wrote.
_LEFT_OUT_AT = {"behalf_at": "members", "member_list": "all"}


_NOTHING_KINDS = (str, int, float, list, tuple)


# Records immutable all the way down, whose canonical form is kept while they live, by identity: most of
# a project's records (a section's revisions and sign-offs) are the same objects from one save to the next,
# and in all three versions git's merge reads (see codec.KnownRecords), so each is worked out once.
_IMMUTABLE_RECORDS = (Revision, SignOff)
_worked_out: dict[int, tuple[weakref.ref, dict]] = {}


def _canonical_record(value) -> dict:
    key = id(value)
    known = _worked_out.get(key)
    if known is not None and known[0]() is value:
        return known[1]
    record = _record(value)

    def forget(_: object) -> None:  # the record is gone, and its id may be reused
        _worked_out.pop(key, None)

    _worked_out[key] = (weakref.ref(value, forget), record)
    return record


def _canonical(value):
    """``value`` as JSON values: a record as {field: value} without the fields left at nothing (so a
    field a later version adds, empty in older files, leaves their digests as they were)."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, datetime):
        return _time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, _IMMUTABLE_RECORDS):
        return _canonical_record(value)  # shared: never changed by anyone (JSON only reads it)
    return _record(value)


def _record(value):
    record = {}
    for name in _field_names(type(value)):
        item = getattr(value, name)
        # left out: nothing (None, "", 0, [], ...), or a 1.6 setting at its default
        if not item and (item is None or isinstance(item, _NOTHING_KINDS)):
            continue
        if name in _LEFT_OUT_AT and item == _LEFT_OUT_AT[name]:
            continue
        record[name] = item if type(item) is str else _canonical(item)
    if isinstance(value, Proposal):  # its texts by their hashes, as a revision's are (no file before 1.7 has one)
        record["before_hash"] = content_hash(value.before_heading, value.before_blocks)
        record["hash"] = content_hash(value.heading, value.blocks)
    return record


def canonical_records(project: Project) -> dict:
    """Every record of ``project`` but its history (its properties, partners, outline with ownership,
    revisions' metadata and hashes, sign-offs, conflicts, resolutions, endorsements with their reservations,
    tombstones, restores, key events, authority records, confidentiality marks and settings), in a form
    that JSON writes one way only."""
    return _canonical(project)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _sha256_json(value) -> str:
    return hashlib.sha256(_json(value).encode("utf-8")).hexdigest()


# How deep into the records a digest writes containers piece by piece (the project, its lists, each
# top-level section) before one json.dumps writes the rest.
_PIECEWISE_DEPTH = 3


def _json_pieces(value, depth: int = 0):
    """What :func:`_json` writes, in pieces. One json.dumps of a 5,000-section project holds the GIL
    for about 80 ms, all that time stalling the window while a worker thread saves; in pieces, the
    UI thread gets its turn between them. Same bytes: keys sorted, the same separators."""
    if depth < _PIECEWISE_DEPTH and isinstance(value, dict):
        yield "{"
        for number, key in enumerate(sorted(value)):
            yield ("," if number else "") + _json(key) + ":"
            yield from _json_pieces(value[key], depth + 1)
        yield "}"
    elif depth < _PIECEWISE_DEPTH and isinstance(value, list):
        yield "["
        for number, item in enumerate(value):
            if number:
                yield ","
            yield from _json_pieces(item, depth + 1)
        yield "]"
    else:
        yield _json(value)


def project_digest(project: Project) -> str:
    """The SHA-256 of every record of ``project`` (see the module's list): what a save entry vouches for."""
    records = canonical_records(project)
    # In pieces on a worker thread, so the window's thread gets its turns; on the main thread, at once.
    text = _json(records) if threading.current_thread() is threading.main_thread() else "".join(_json_pieces(records))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_id(parents: tuple[str, ...], time: datetime, org: str, person: str, kind: str, digest: str) -> str:
    """The hash that names an entry: of its parents, time, author, kind and digest."""
    return _sha256_json(["wyassembler history entry 1", list(parents), _time(time), org, person, kind, digest])


def heads(history: list[HistoryEntry]) -> list[str]:
    """The ids of the entries no other entry is made on, in the order they appear."""
    named = {parent for entry in history for parent in entry.parents}
    return [entry.id for entry in history if entry.id not in named]


def record_save(project: Project, org: str, person: str, kind: str = "save",
                now: datetime | None = None) -> HistoryEntry | None:
    """Append to ``project.history`` an entry for its records as they are now, made on its current
    head (two heads after a merge: the entry then has both as parents and is a merge). Nothing is
    appended, and ``None`` returned, when the one head already vouches for exactly these records."""
    digest = project_digest(project)
    parents = tuple(heads(project.history))
    if len(parents) == 1 and project.history[-1].id == parents[0] and project.history[-1].digest == digest \
            and kind == "save":
        return None
    if len(parents) > 1 and kind in ("save", SAVE_OVER_CHANGE):
        kind = "merge" if kind == "save" else MERGE_OVER_CHANGE
    time = now or utc_now()
    if project.history:  # never before the entry it is made on, whatever this machine's clock says
        time = max(time, max(entry.time for entry in project.history))
    entry = HistoryEntry(entry_id(parents, time, org, person, kind, digest), parents, time, org, person, kind, digest)
    project.history.append(entry)
    return entry


def merged_history(theirs: list[HistoryEntry], ours: list[HistoryEntry]) -> list[HistoryEntry]:
    """Every entry of either history once: theirs in order, then ours that theirs lacks, in ours' order
    (so each entry still comes after its parents)."""
    known = {entry.id for entry in theirs}
    return list(theirs) + [entry for entry in ours if entry.id not in known]


def contains(project: Project, entry_id_: str) -> bool:
    """Whether ``project``'s history holds the entry ``entry_id_``."""
    return any(entry.id == entry_id_ for entry in project.history)


def head(project: Project) -> HistoryEntry | None:
    """The newest entry (the last: every save appends), or ``None`` for a file never saved with history."""
    return project.history[-1] if project.history else None


def _describe(entry: HistoryEntry) -> str:
    return f"the newest recorded save ({entry.kind} by {entry.person or 'someone'}, {entry.time:%d %b %Y %H:%M} UTC)"


def vouches_for_its_file(project: Project) -> bool:
    """Whether the newest entry vouches for exactly ``project``'s records (a file without history: yes),
    so a save over it is an ordinary save and not one over a change made outside wyassembler."""
    return not project.history or project.history[-1].digest == project_digest(project)


def history_problems(project: Project) -> list[str]:
    """Each way the history is broken or does not vouch for the file, one sentence each ([] if sound).
    A file with no history (saved before format 1.4 kept one) has none to check. A save recorded over
    a change made outside wyassembler stays a problem for ever: the change was never vouched for."""
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(project.history, start=1):
        where = f"history entry {number} ({entry.id[:12]})"
        if entry.kind not in HISTORY_KINDS:
            problems.append(f"{where} is of an unknown kind {entry.kind!r}")
        if entry.kind in (SAVE_OVER_CHANGE, MERGE_OVER_CHANGE):
            problems.append(f"{where}: saved on {entry.time:%d %b %Y %H:%M} UTC by {entry.person or 'someone'} over a "
                            f"change made outside wyassembler, which no recorded save vouched for")
        if entry_id(entry.parents, entry.time, entry.org, entry.person, entry.kind, entry.digest) != entry.id:
            problems.append(f"{where} does not match its own hash: the entry was changed after it was written")
        for parent in entry.parents:
            if parent not in seen:
                problems.append(f"{where} is made on entry {parent[:12]}, which is not before it in the history")
        if entry.id in seen:
            problems.append(f"{where} appears twice in the history")
        seen.add(entry.id)
    if not project.history:
        return problems
    tips = heads(project.history)
    if len(tips) > 1:
        problems.append(f"the history has {len(tips)} newest entries, not one: a save or merge is missing "
                        f"between them")
    last = project.history[-1]
    if last.digest != project_digest(project):
        problems.append(f"the file was changed outside wyassembler after its last recorded save: its records are "
                        f"not those {_describe(last)} vouched for")
    return problems


def history_warning(project: Project, seen_head: str | None) -> str | None:
    """A warning for the user if ``project``'s history lacks ``seen_head``, the newest entry they have
    seen in this file before (an older copy put back, or the history rewritten); else ``None``."""
    if not seen_head or contains(project, seen_head):
        return None
    newest = head(project)
    saved = (f"its newest recorded save is by {newest.person or 'someone'} on {newest.time:%d %b %Y %H:%M} UTC"
             if newest else "it has no recorded history at all")
    return (f"this file does not contain the newest save you have seen of it (entry {seen_head[:12]}); {saved}: "
            f"it may be an older copy put back (by a sync client, say) or its history was rewritten, so recent "
            f"changes may be missing; compare with the backups before saving")
