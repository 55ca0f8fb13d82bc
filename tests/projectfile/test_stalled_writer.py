"""A save that stalls, and a file that changes under a save: real processes, a real stall (SIGSTOP inside
the write), a file replaced or half-downloaded by a "sync client"; nobody's edit is lost."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from tests.factories import CALDERDALE, KIRKLEES
from tests.processes import process_context
from wyassembler import fileio
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.integrity import soundness_problems
from wyassembler.projectfile import lock as lock_module
from wyassembler.projectfile.codec import to_bytes
from wyassembler.projectfile.lock import lock_path
from wyassembler.projectfile.storage import list_backups, load, save_project, save_shared

PROCESSES = process_context()
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs POSIX signals")


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def words(path, number: str) -> str:
    return load(path).project.find_section(number).blocks[0].spans[0].text


@pytest.fixture
def shared(project, tmp_path):
    path = tmp_path / "r.wyproj"
    save_project(project, path)
    return path


def _writer_a(path, stall: bool, report, wait_for_go: bool) -> None:
    """Partner A edits section 2 and saves; with ``stall``, the process stops itself inside the write
    (as a laptop going to sleep or a network drive hanging would) until the test continues it; with
    ``wait_for_go``, it saves only once the test says so (after changing the file under it)."""
    if stall:
        real_mkstemp = fileio.tempfile.mkstemp
        stalled = []

        def stalling_mkstemp(*args, **kwargs):
            made = real_mkstemp(*args, **kwargs)
            if not stalled:
                stalled.append(True)
                (path.parent / "a-stalled").write_text("")
                os.kill(os.getpid(), signal.SIGSTOP)
            return made

        fileio.tempfile.mkstemp = stalling_mkstemp  # in this child process only
    try:
        loaded = load(path)
        edit_section(loaded.project, CALDERDALE, loaded.project.find_section("2"), blocks=text("A's edit."))
        (path.parent / "a-loaded").write_text("")
        while wait_for_go and not (path.parent / "a-go").exists():
            time.sleep(0.01)
        result = save_shared(loaded.project, path, loaded.data, loaded.structure, timeout=60)
        report.write_text(json.dumps(result.notes))
    except Exception as error:  # noqa: BLE001 - the test reads it
        report.write_text(json.dumps([f"{type(error).__name__}: {error}"]))
        os._exit(1)
    os._exit(0)


def _start_a(path, stall: bool = True, wait_for_go: bool = False):
    report = path.parent / "a-report.json"
    child = PROCESSES.Process(target=_writer_a, args=(path, stall, report, wait_for_go))
    child.start()
    if wait_for_go:
        _wait_for(lambda: (path.parent / "a-loaded").exists(), "A load the file")
    return child, report


def _go(path) -> None:
    (path.parent / "a-go").write_text("")


def _wait_for(condition, what: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.01)


def _finish(child, report) -> list[str]:
    child.join(120)
    notes = json.loads(report.read_text()) if report.exists() else ["no report"]
    assert child.exitcode == 0, notes
    return notes


def _partner_version(path, words_: str) -> bytes:
    """What partner B's copy of the file holds after B edited section 3 (from the version A also read)."""
    loaded = load(path)
    edit_section(loaded.project, KIRKLEES, loaded.project.find_section("3"), blocks=text(words_))
    return to_bytes(loaded.project)


def _both_edits_kept(path) -> None:
    assert words(path, "2") == "A's edit."
    assert words(path, "3") == "B's edit."
    assert soundness_problems(load(path).project) == []
    assert not lock_path(path).exists()


# -- item 3: a writer stalled past the lock's limit -----------------------------------

def test_a_writer_stalled_past_the_lock_limit_merges_instead_of_overwriting(shared, monkeypatch):
    child, report = _start_a(shared)
    _wait_for(lambda: (shared.parent / "a-stalled").exists(), "A stall inside its write")
    # B saves meanwhile; A's lock has been unchanged long enough (a short limit, for the test) to take over.
    monkeypatch.setattr(lock_module, "STALE_AFTER", 0.3)
    b = load(shared)
    edit_section(b.project, KIRKLEES, b.project.find_section("3"), blocks=text("B's edit."))
    save_shared(b.project, shared, b.data, b.structure, timeout=30)
    assert words(shared, "3") == "B's edit."
    os.kill(child.pid, signal.SIGCONT)
    _finish(child, report)
    _both_edits_kept(shared)


# -- item 5: the file replaced by a sync client while a save runs ---------------------------

def test_a_file_replaced_by_a_sync_client_mid_save_is_merged(shared):
    theirs = _partner_version(shared, "B's edit.")
    child, report = _start_a(shared)
    _wait_for(lambda: (shared.parent / "a-stalled").exists(), "A stall inside its write")
    # The sync client brings partner B's version in the usual way: a temporary file renamed over ours.
    download = shared.parent / ".r.wyproj.sync-download"
    download.write_bytes(theirs)
    os.replace(download, shared)
    os.kill(child.pid, signal.SIGCONT)
    _finish(child, report)
    _both_edits_kept(shared)


def test_a_half_downloaded_file_is_waited_for_and_merged_when_it_completes(shared):
    theirs = _partner_version(shared, "B's edit.")
    child, report = _start_a(shared, stall=False, wait_for_go=True)
    with open(shared, "r+b") as handle:  # the sync client writes the download in place: half is there
        handle.write(theirs[: len(theirs) // 2])
        handle.truncate()
    _go(shared)
    _wait_for(lambda: lock_path(shared).exists(), "A take the lock")
    with open(shared, "r+b") as handle:  # the rest arrives while A's save is under way
        handle.seek(len(theirs) // 2)
        handle.write(theirs[len(theirs) // 2:])
    notes = _finish(child, report)
    _both_edits_kept(shared)
    assert not any("could not be read" in note for note in notes)


def test_a_download_that_never_completes_is_replaced_but_never_the_only_backup(shared):
    opened = shared.read_bytes()
    theirs = _partner_version(shared, "B's edit.")
    half = theirs[: len(theirs) // 2]
    child, report = _start_a(shared, stall=False, wait_for_go=True)
    with open(shared, "r+b") as handle:
        handle.write(half)
        handle.truncate()
    _go(shared)
    notes = _finish(child, report)
    assert words(shared, "2") == "A's edit."
    assert any("could not be read" in note for note in notes)
    backups = [backup.read_bytes() for backup in list_backups(shared)]
    assert half in backups and opened in backups  # the half file, and the version A started from
    assert any("kept as backup" in note for note in notes)
