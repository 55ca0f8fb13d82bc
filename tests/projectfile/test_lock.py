"""The project lock: who holds it, waiting for it, taking over dead or stale locks, never two holders."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.processes import process_context
from wyassembler.projectfile import lock
from wyassembler.projectfile.lock import LockError, LockHolder, acquire, lock_path


def holder(**changes) -> LockHolder:
    fields = {"user": "jsmith", "machine": "KMC-PC12", "pid": 4242, "time": "2026-01-05T09:00:00Z",
              "person": "J. Smith", "org": "Kirklees", "token": "abc"}
    fields.update(changes)
    return LockHolder(**fields)


def plant(project, who: LockHolder, age: float = 0.0) -> None:
    """A lock file as another process would have left it."""
    path = lock_path(project)
    path.write_text(json.dumps(who.__dict__), encoding="utf-8")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_lock_names_its_holder_and_release_removes_it(tmp_path):
    project = tmp_path / "r.wyproj"
    with acquire(project, LockHolder.current("J. Smith", "Kirklees")) as held:
        stored = json.loads(lock_path(project).read_text(encoding="utf-8"))
        assert (stored["person"], stored["org"], stored["pid"]) == ("J. Smith", "Kirklees", os.getpid())
        assert stored["machine"] == socket.gethostname() and stored["time"].endswith("Z")
        assert held.held()
    assert not lock_path(project).exists()


def test_the_wait_message_names_person_organisation_and_machine():
    assert holder().waiting_message() == "Waiting for J. Smith (Kirklees, KMC-PC12), who is saving now"
    assert holder(person="", org="").describe() == "jsmith (KMC-PC12)"


def test_a_live_holder_is_waited_for_and_named_when_time_runs_out(tmp_path):
    project = tmp_path / "r.wyproj"
    plant(project, holder(machine=socket.gethostname(), pid=os.getpid()))
    seen = []
    started = time.monotonic()
    with pytest.raises(LockError, match=r"J\. Smith \(Kirklees, .*\) has been saving it"):
        acquire(project, timeout=0.3, on_wait=seen.append)
    assert 0.3 <= time.monotonic() - started < 2
    assert [h.person for h in seen] == ["J. Smith"]  # told once, not on every retry
    assert lock_path(project).exists()


def test_a_lock_left_by_a_dead_process_on_this_machine_is_taken_over_at_once(tmp_path):
    project = tmp_path / "r.wyproj"
    plant(project, holder(machine=socket.gethostname(), pid=dead_pid()))
    started = time.monotonic()
    with acquire(project, timeout=5) as held:
        assert held.held()
    assert time.monotonic() - started < 0.5


def test_another_machines_lock_is_taken_over_once_seen_unchanged_for_the_limit(tmp_path):
    project = tmp_path / "r.wyproj"
    plant(project, holder(machine="ELSEWHERE"))
    started = time.monotonic()
    with acquire(project, timeout=5, stale_after=0.4):
        pass
    assert 0.4 <= time.monotonic() - started < 2


def test_a_holder_that_refreshes_its_lock_is_not_taken_over(tmp_path):
    project = tmp_path / "r.wyproj"
    plant(project, holder(machine="ELSEWHERE"))
    path = lock_path(project)
    def on_wait(_):
        pass

    # Refresh the planted lock from a child while we wait with a limit shorter than the wait (from the
    # moment the child refreshes: a spawned child takes a while to start).
    processes = process_context()
    refreshing = processes.Event()
    child = processes.Process(target=_refresh_for, args=(str(path), 0.8, refreshing))
    child.start()
    assert refreshing.wait(60)
    try:
        with pytest.raises(LockError):
            acquire(project, timeout=0.6, stale_after=0.3, on_wait=on_wait)
    finally:
        child.join()


def _refresh_for(path: str, seconds: float, refreshing) -> None:
    stop = time.monotonic() + seconds
    os.utime(path)
    refreshing.set()
    while time.monotonic() < stop:
        os.utime(path)
        time.sleep(0.05)


def test_an_ancient_lock_is_taken_over_at_once(tmp_path):
    project = tmp_path / "r.wyproj"
    plant(project, holder(machine="ELSEWHERE"), age=lock.ANCIENT_AFTER + 60)
    started = time.monotonic()
    with acquire(project, timeout=5):
        pass
    assert time.monotonic() - started < 0.5


def test_an_empty_lock_whose_writer_died_is_taken_over_within_seconds(tmp_path):
    project = tmp_path / "r.wyproj"
    lock_path(project).write_bytes(b"")
    started = time.monotonic()
    with acquire(project, timeout=10):
        pass
    assert time.monotonic() - started <= lock.EMPTY_STALE_AFTER + 1


def test_a_read_only_folder_gives_a_clear_message(tmp_path, lock_files_refused):
    with pytest.raises(LockError, match=r"cannot lock for saving .*r\.wyproj: permission denied"):
        acquire(tmp_path / "r.wyproj", timeout=1)


def test_a_lock_someone_else_removed_is_no_longer_held_and_not_removed_on_release(tmp_path):
    project = tmp_path / "r.wyproj"
    held = acquire(project)
    lock_path(project).unlink()
    plant(project, holder(machine="ELSEWHERE", token="theirs"))
    assert not held.held()
    held.release()
    assert json.loads(lock_path(project).read_text())["token"] == "theirs"


def _contend(project: str, marker: str, rounds: int, overlaps, dead: int) -> None:
    for round_ in range(rounds):
        held = acquire(project, timeout=20, stale_after=30)
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            with overlaps.get_lock():
                overlaps.value += 1
            continue
        os.close(fd)
        time.sleep(0.002)
        os.unlink(marker)
        if round_ % 2:
            held.release()
        else:  # "crash": leave the lock behind, naming a process that is gone
            temp = f"{held.path}.{os.getpid()}"
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump(holder(machine=socket.gethostname(), pid=dead, token=f"dead-{os.getpid()}-{round_}").__dict__,
                          handle)
            os.replace(temp, held.path)


def test_many_processes_taking_over_dead_locks_never_hold_it_together(tmp_path):
    project = tmp_path / "r.wyproj"
    dead = dead_pid()
    plant(project, holder(machine=socket.gethostname(), pid=dead))
    context = process_context()
    overlaps = context.Value("i", 0)
    workers = [context.Process(target=_contend, args=(str(project), str(tmp_path / "inside"), 20, overlaps, dead))
               for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0] * 6
    assert overlaps.value == 0


def test_a_breaker_left_by_a_dead_process_is_cleared_at_once(tmp_path):
    """A waiter killed while taking over leaves ``.lock.break``; the next waiter must not wait ten seconds."""
    project = tmp_path / "r.wyproj"
    gone = dead_pid()
    plant(project, holder(machine=socket.gethostname(), pid=gone))
    breaker = lock_path(project).with_name(lock_path(project).name + ".break")
    breaker.write_text(json.dumps({"machine": socket.gethostname(), "pid": gone}))
    with acquire(project, timeout=lock.BREAK_STALE_AFTER / 2) as held:  # only the dead-process rule fits in time
        assert held.held()
    assert not breaker.exists()
