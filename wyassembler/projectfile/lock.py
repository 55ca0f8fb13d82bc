"""A lock file beside a project, so that saves by different people and programs take turns.

The lock is ``.NAME.wyproj.lock`` in the project's folder: on a shared drive
every partner's computer sees it. It is created with ``O_CREAT | O_EXCL``, so
of any number of savers exactly one creates it, and it names who holds it
(user, machine, process, time, and the person and organisation if known), so
a saver that finds it can tell the user whom it is waiting for.

A lock is only held for the second or so a save takes. One left behind by a
crash is taken over:

* at once, if it was made on this machine by a process that no longer runs;
* after :data:`STALE_AFTER` seconds during which this waiter saw it unchanged
  (measured on this machine's own clock, so clocks that disagree between
  machines do not matter; a holder doing something slow refreshes the lock's
  time to show it is alive);
* at once, if its file time is over :data:`ANCIENT_AFTER` old, far beyond any
  clock difference on one network;
* after two seconds if it is empty or unreadable (its writer died between
  creating and filling it), whatever is in its place: a file of other JSON,
  a folder, a symbolic link to nowhere.

Every wait ends by its timeout, whatever the lock path turns out to be; a
lock that cannot be removed is named in the message, for the user to remove.

Taking over is done under a second, short-lived lock (``….lock.break``), and
only removes the very lock file that was judged stale (same inode, time, size
and token), so two waiters can never both take over, and a fresh lock made in
the meantime is never removed.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import random
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from ..core.errors import WyassemblerError
from ..fileio import describe_os_error

log = logging.getLogger(__name__)

STALE_AFTER = 30.0
ANCIENT_AFTER = 600.0
EMPTY_STALE_AFTER = 2.0
BREAK_STALE_AFTER = 10.0
WAIT_TIMEOUT = 60.0
POLL_INTERVAL = 0.05


class LockError(WyassemblerError):
    """The project could not be locked for saving; the message says who holds it or why."""


class SaveCancelled(LockError):
    """The person saving gave up waiting for the lock; nothing was written."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or wants) a project's lock."""

    user: str
    machine: str
    pid: int
    time: str
    person: str = ""
    org: str = ""
    token: str = ""

    @classmethod
    def current(cls, person: str = "", org: str = "") -> LockHolder:
        """This process, named after ``person`` and ``org``. The caller says who that is (the app's
        or the command line's identity): storage never reads the user's settings."""
        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name is no reason not to save
            user = ""
        return cls(user, socket.gethostname(), os.getpid(), _utc_stamp(), person, org, secrets.token_hex(8))

    def describe(self) -> str:
        """ "J. Smith (Kirklees, KMC-PC12)", or the login name when no person is known."""
        who = self.person or self.user or "someone"
        where = ", ".join(part for part in (self.org, self.machine) if part)
        return f"{who} ({where})" if where else who

    def waiting_message(self) -> str:
        return f"Waiting for {self.describe()}, who is saving now"


def _utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def lock_path(project_path: str | os.PathLike) -> Path:
    """The lock file of a project: hidden, beside it, so every partner's computer sees it."""
    path = Path(project_path)
    return path.parent / f".{path.name}.lock"


def _pid_alive(pid: int) -> bool:
    """Whether process ``pid`` on this machine still runs (True when it cannot be told)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:  # a killed process nobody has reaped yet still answers signals, but is gone
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


Signature = tuple[int, int, int, str]


def _inspect(path: Path) -> tuple[Signature, LockHolder | None, float] | None:
    """(what identifies this very lock file, its holder if readable, its file time); None if gone.

    Whatever is at the path counts, without following a symbolic link: a folder or a link to
    nowhere is an unreadable lock (holder None), never "gone", or a waiter would spin on it forever.
    """
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    holder = None
    if not os.path.islink(path):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                stat = os.fstat(fd)
                holder = _parse_holder(os.read(fd, 4096))
            finally:
                os.close(fd)
        except OSError:
            pass
    token = holder.token if holder is not None else ""
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size, token), holder, stat.st_mtime


def _parse_holder(raw: bytes) -> LockHolder | None:
    """The holder a lock file names, or None unless it is exactly the JSON :func:`acquire` writes."""
    try:
        fields = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(fields, dict):
        return None
    values: dict[str, Any] = {}  # each checked against its field's type just below
    for name, spec in LockHolder.__dataclass_fields__.items():
        value = fields.get(name, spec.default)
        wanted = int if name == "pid" else str
        if not isinstance(value, wanted) or isinstance(value, bool):
            return None
        values[name] = value
    return LockHolder(**values)


def _is_stale(holder: LockHolder | None, mtime: float, unchanged_for: float, stale_after: float) -> bool:
    if time.time() - mtime > ANCIENT_AFTER:
        return True
    if holder is None:
        return unchanged_for > min(EMPTY_STALE_AFTER, stale_after)
    if holder.machine == socket.gethostname() and not _pid_alive(holder.pid):
        return True
    return unchanged_for >= stale_after


def _break(path: Path, judged: Signature) -> None:
    """Remove the lock file at ``path`` if it is still exactly the one judged stale."""
    breaker = path.with_name(path.name + ".break")
    try:
        fd = os.open(breaker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        _clear_dead_breaker(breaker)
        return
    except OSError:
        return
    try:
        try:
            # Who is breaking, so that a breaker whose process died on this machine is cleared at once.
            os.write(fd, json.dumps({"machine": socket.gethostname(), "pid": os.getpid()}).encode("utf-8"))
        finally:
            os.close(fd)
        found = _inspect(path)
        if found is not None and found[0] == judged:
            if found[1] is None:
                log.warning("taking over the unreadable lock %s", path)
            _remove_quietly(path)
    finally:
        _unlink_quietly(breaker)


def _clear_dead_breaker(breaker: Path) -> None:
    """Remove a breaker its maker left behind: at once if that process is gone from this machine,
    otherwise once it is :data:`BREAK_STALE_AFTER` old (its maker died between making and removing it)."""
    try:
        before = os.lstat(breaker)
        with open(breaker, "rb") as handle:
            fields = json.loads(handle.read(256).decode("utf-8"))
        dead = (isinstance(fields, dict) and fields.get("machine") == socket.gethostname()
                and isinstance(fields.get("pid"), int) and not _pid_alive(fields["pid"]))
    except (OSError, ValueError, UnicodeDecodeError):
        dead, before = False, None
    try:
        now = os.lstat(breaker)
    except OSError:
        return
    same = before is not None and (now.st_ino, now.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    if (dead and same) or time.time() - now.st_mtime > BREAK_STALE_AFTER:
        _remove_quietly(breaker)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _remove_quietly(path: Path) -> None:
    """Remove a stale lock whatever it is: a file, a symbolic link (never its target) or an empty folder."""
    try:
        os.unlink(path)
    except OSError:
        if os.path.isdir(path) and not os.path.islink(path):
            try:
                os.rmdir(path)
            except OSError:
                pass


class ProjectLock:
    """A held lock: refresh it during slow work, check it before writing, release it when done."""

    def __init__(self, path: Path, holder: LockHolder, took_over_unreadable: bool = False) -> None:
        self.path = path
        self.holder = holder
        # Whether an unreadable lock (other JSON, a folder, a link to nowhere) was taken over to get this one.
        self.took_over_unreadable = took_over_unreadable

    def refresh(self) -> None:
        """Show waiters that the holder is alive and working."""
        try:
            os.utime(self.path)
        except OSError:
            pass

    def held(self) -> bool:
        """Whether the lock file is still ours (a save that stalled past the limit may lose it)."""
        found = _inspect(self.path)
        return found is not None and found[1] is not None and found[1].token == self.holder.token

    def release(self) -> None:
        if self.held():
            _unlink_quietly(self.path)

    def __enter__(self) -> ProjectLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(project_path: str | os.PathLike, holder: LockHolder | None = None, *,
            timeout: float = WAIT_TIMEOUT, stale_after: float | None = None,
            on_wait: Callable[[LockHolder | None], None] | None = None,
            cancel: threading.Event | None = None) -> ProjectLock:
    """Lock ``project_path`` for saving, waiting while someone else holds it.

    ``on_wait`` is called each time a different holder is found waiting for (with ``None`` when the
    lock file cannot be read yet); :meth:`LockHolder.waiting_message` words it for a user.
    Raises :class:`LockError` if the lock cannot be made (a read-only folder) or is still held by
    someone alive after ``timeout`` seconds, and :class:`SaveCancelled` as soon as ``cancel`` is set
    (the app's Cancel while a save waits). A lock that cannot be read is taken over like an empty
    one; one that cannot even be removed ends the wait at ``timeout`` with a message naming it.
    ``stale_after`` defaults to :data:`STALE_AFTER`, read when called.
    """
    stale_after = STALE_AFTER if stale_after is None else stale_after
    path = lock_path(project_path)
    holder = replace(holder or LockHolder.current(), time=_utc_stamp(), token=secrets.token_hex(8))
    deadline = time.monotonic() + timeout
    seen: tuple[Signature, float] | None = None
    announced: object = ()
    took_over_unreadable = False
    while True:
        if cancel is not None and cancel.is_set():
            raise SaveCancelled(f"the save of {project_path} was cancelled while it waited; nothing was written")
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pass
        except OSError as error:
            raise LockError(describe_os_error(error, Path(project_path), "lock for saving")) from None
        else:
            try:
                os.write(fd, json.dumps(asdict(holder)).encode("utf-8"))
                os.fsync(fd)
            except OSError as error:
                os.close(fd)
                _unlink_quietly(path)
                raise LockError(describe_os_error(error, Path(project_path), "lock for saving")) from None
            os.close(fd)
            return ProjectLock(path, holder, took_over_unreadable)
        found = _inspect(path)
        now = time.monotonic()
        if found is not None:
            signature, other, mtime = found
            if seen is None or seen[0] != signature:
                seen = (signature, now)
            if _is_stale(other, mtime, now - seen[1], stale_after):
                _break(path, signature)
                took_over_unreadable = took_over_unreadable or other is None
                found = _inspect(path)
                if found is None or found[0] != signature:
                    continue
                # Judged stale and still there: it cannot be removed, so only the deadline ends the wait.
            if on_wait is not None and other != announced:
                announced = other
                on_wait(other)
        if now >= deadline:
            raise LockError(_timed_out_message(project_path, path, found, timeout))
        time.sleep(POLL_INTERVAL * (0.5 + random.random()))


def _timed_out_message(project_path: str | os.PathLike, path: Path,
                       found: tuple[Signature, LockHolder | None, float] | None, timeout: float) -> str:
    other = found[1] if found is not None else None
    if other is not None:
        return (f"cannot save {project_path}: {other.describe()} has been saving it for over {timeout:.0f} "
                f"seconds; try again in a moment")
    if found is not None and os.path.isdir(path) and not os.path.islink(path):
        what = "a folder, not a lock file"
    else:
        what = "not a lock file wyassembler can read"
    return (f"cannot save {project_path}: its lock {path} is {what}, and could not be removed; "
            f"remove it if nobody is saving, then save again")
