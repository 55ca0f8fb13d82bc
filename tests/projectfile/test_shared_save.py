"""Saving a shared file: lock, merge, write, release; and nothing lost to timing, crashes or odd disks."""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import time
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from tests.processes import process_context
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.editing import edit_section
from wyassembler.core.integrity import soundness_problems
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.projectfile import lock as lock_module
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import ProjectFileError, from_bytes
from wyassembler.projectfile.lock import LockHolder, lock_path
from wyassembler.projectfile.storage import list_backups, load, save_project, save_shared

PROCESSES = process_context()


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def words(project, section_id: str) -> str:
    return project.section(section_id).blocks[0].spans[0].text


def verifies(path) -> bool:
    loaded = load(path)
    return loaded.report.problems == [] and soundness_problems(loaded.project) == []


@pytest.fixture
def shared(project, tmp_path):
    path = tmp_path / "r.wyproj"
    save_project(project, path)
    return path


def test_an_unchanged_file_is_simply_replaced(shared):
    loaded = load(shared)
    edit_section(loaded.project, CALDERDALE, loaded.project.find_section("2"), blocks=text("Mine."))
    result = save_shared(loaded.project, shared, loaded.data, loaded.structure)
    assert not result.merged and result.notes == []
    # The project as saved, its save recorded (the loaded project itself is left as it was).
    assert result.project.sections == loaded.project.sections and loaded.project.history == []
    assert [entry.kind for entry in result.project.history] == ["save"]
    assert shared.read_bytes() == result.data
    assert not lock_path(shared).exists()


def test_a_file_changed_since_loading_is_merged_and_nobody_loses_an_edit(shared):
    mine, theirs = load(shared), load(shared)
    edit_section(theirs.project, KIRKLEES, theirs.project.find_section("3"), blocks=text("Theirs."))
    save_shared(theirs.project, shared, theirs.data, theirs.structure)
    edit_section(mine.project, CALDERDALE, mine.project.find_section("2"), blocks=text("Mine."))
    result = save_shared(mine.project, shared, mine.data, mine.structure)
    assert result.merged and result.conflicts == []
    on_disk = load(shared).project
    assert words(on_disk, on_disk.find_section("2").id) == "Mine."
    assert words(on_disk, on_disk.find_section("3").id) == "Theirs."
    assert verifies(shared)


def test_a_clash_is_saved_as_a_conflict_copy_and_reported(shared):
    mine, theirs = load(shared), load(shared)
    edit_section(theirs.project, CALDERDALE, theirs.project.find_section("2"), blocks=text("Theirs."))
    save_shared(theirs.project, shared, theirs.data, theirs.structure)
    edit_section(mine.project, POLICE, mine.project.find_section("2"), blocks=text("Mine."))
    result = save_shared(mine.project, shared, mine.data, mine.structure)
    [(section_id, copy)] = result.conflicts
    assert copy.person == "P. Clarke" and "conflict copy 1" in result.notes[0]
    section = load(shared).project.section(section_id)
    assert words(load(shared).project, section_id) == "Theirs."
    assert [c.blocks for c in section.conflicts] == [text("Mine.")]
    assert verifies(shared)
    # The result is the new base: saving it again changes nothing and merges nothing.
    again = save_shared(result.project, shared, result.data, result.structure)
    assert not again.merged and again.data == result.data


def test_a_different_project_under_our_feet_is_refused_and_left_alone(shared, tmp_path):
    loaded = load(shared)
    other = load(shared).project
    other.id, other.title = "another-project", "Someone else's response"
    save_project(other, shared)
    before = shared.read_bytes()
    with pytest.raises(ProjectFileError, match=r"now holds a different project .*Someone else's response"):
        save_shared(loaded.project, shared, loaded.data, loaded.structure)
    assert shared.read_bytes() == before
    assert not lock_path(shared).exists()


def test_an_unreadable_file_on_disk_is_replaced_and_kept_as_a_backup(shared):
    loaded = load(shared)
    shared.write_bytes(b"<half a file")
    result = save_shared(loaded.project, shared, loaded.data, loaded.structure)
    assert "could not be read" in result.notes[0]
    assert verifies(shared)
    assert list_backups(shared)[0].read_bytes() == b"<half a file"


@pytest.mark.parametrize("lock_fits", [True, False])
def test_a_full_disk_loses_nothing_and_releases_the_lock(shared, monkeypatch, lock_fits):
    loaded = load(shared)
    before = shared.read_bytes()
    edit_section(loaded.project, CALDERDALE, loaded.project.find_section("2"), blocks=text("Never written."))
    calls = []
    real_fsync = os.fsync

    def disk_full(fd):
        calls.append(fd)
        if lock_fits and len(calls) == 1:  # the lock file's few bytes still fit
            return real_fsync(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WyassemblerError, match="the disk is full"):
        save_shared(loaded.project, shared, loaded.data, loaded.structure)
    monkeypatch.undo()
    assert shared.read_bytes() == before
    assert not lock_path(shared).exists()
    assert [p.name for p in shared.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_read_only_folder_gives_a_clear_message(shared, lock_files_refused):
    loaded = load(shared)
    with pytest.raises(lock_module.LockError, match="permission denied"):
        save_shared(loaded.project, shared, loaded.data, loaded.structure)


def test_a_lock_left_by_a_crashed_process_does_not_block_the_save(shared):
    loaded = load(shared)
    child = PROCESSES.Process(target=os._exit, args=(0,))
    child.start()
    child.join()
    crashed = LockHolder("x", socket.gethostname(), child.pid, "2026-01-05T09:00:00Z", "J. Smith", "Kirklees", "t")
    lock_path(shared).write_text(__import__("json").dumps(crashed.__dict__))
    started = time.monotonic()
    save_shared(loaded.project, shared, loaded.data, loaded.structure)
    assert time.monotonic() - started < 1


def test_a_file_that_fails_to_load_points_to_its_newest_good_backup(shared, project):
    project.title = "Second version"
    save_project(project, shared)
    good = list_backups(shared)[0]
    shared.write_bytes(b"garbage")
    with pytest.raises(ProjectFileError, match=f"newest good backup is {good}"):
        load(shared)


def test_restoring_a_backup_keeps_the_replaced_version(shared, project):
    first = shared.read_bytes()
    project.title = "Second version"
    save_project(project, shared)
    second = shared.read_bytes()
    storage.restore_backup(shared, 1)
    assert load(shared).project.title == from_bytes(first).title  # recorded as a step forward, not the old bytes
    assert list_backups(shared)[0].read_bytes() == second
    with pytest.raises(ProjectFileError, match="there is no backup 9"):
        storage.restore_backup(shared, 9)


# -- many processes at once ------------------------------------------------------

EDITS = 15
WRITERS = 8


def _edit_own_section(path: str, section_id: str, org: str) -> None:
    actor = Actor(org, f"Writer {org}")
    rng = random.Random(org)
    for n in range(EDITS):
        loaded = load(path)
        edit_section(loaded.project, actor, loaded.project.section(section_id), blocks=text(f"{org} edit {n}"))
        time.sleep(rng.random() * 0.01)  # others save between our load and our save
        save_shared(loaded.project, path, loaded.data, loaded.structure,
                    holder=LockHolder.current(actor.person, org), timeout=30)


def test_eight_processes_editing_their_own_sections_lose_nothing(project, tmp_path):
    path = tmp_path / "r.wyproj"
    owners = [org.id for org in project.organisations][:WRITERS]
    sections = {org: add_section(project, COORDINATOR, f"By {org}", org, text("start"), now=T0).id for org in owners}
    save_project(project, path)
    workers = [PROCESSES.Process(target=_edit_own_section, args=(str(path), sections[org], org)) for org in owners]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    final = load(path).project
    assert {org: words(final, sections[org]) for org in owners} == {org: f"{org} edit {EDITS - 1}" for org in owners}
    assert all(len(final.section(sections[org]).revisions) == EDITS + 1 for org in owners)
    assert verifies(path)
    assert not lock_path(path).exists()


# -- crashes at random moments ---------------------------------------------------

def _save_forever(path: str, section_id: str, start: int, started) -> None:
    n = start
    started.set()
    while True:
        loaded = load(path)
        project = loaded.project
        edit_section(project, CALDERDALE, project.section(section_id), blocks=text(f"edit {n}"),
                     now=T0 + timedelta(seconds=n))
        save_shared(project, path, loaded.data, loaded.structure, timeout=30)
        n += 1


def _edit_number(section, round_: int) -> int:
    """Which child's edit the section holds: -1 for the fixture's paragraph, which is still there when the
    first child is killed before its first save finishes (a slow start on a loaded machine)."""
    # The whole paragraph, not its first span: the fixture's is three ("We ", bold "welcome", " this.").
    paragraph = "".join(span.text for span in section.blocks[0].spans)
    if paragraph == "We welcome this.":
        return -1
    assert re.fullmatch(r"edit \d+", paragraph), (
        f"round {round_}: the section holds {paragraph!r}, neither the original paragraph nor a saved edit")
    return int(paragraph.split()[1])


def test_saves_killed_at_random_moments_never_damage_the_file_or_block_the_next_save(shared):
    rng = random.Random(2005)
    section_id = load(shared).project.find_section("2").id
    last_seen = -1
    locks_left_behind = 0
    for round_ in range(30):
        started = PROCESSES.Event()
        child = PROCESSES.Process(target=_save_forever, args=(str(shared), section_id, (round_ + 1) * 1000, started))
        child.start()
        assert started.wait(60)  # a spawned child takes a while to start: the random moment counts from its loop
        time.sleep(rng.uniform(0.02, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        # Each next child must take over a lock the killed one left (the dead-process rule).
        locks_left_behind += lock_path(shared).exists()
        assert verifies(shared), f"round {round_}"
        number = _edit_number(load(shared).project.section(section_id), round_)
        assert number >= last_seen, f"round {round_}: edit {number} is older than edit {last_seen}, saved before"
        last_seen = number
    assert locks_left_behind > 0  # some kills did land while a save held the lock
    # The last child may have died holding the lock: the next save goes ahead all the same.
    loaded = load(shared)
    edit_section(loaded.project, CALDERDALE, loaded.project.section(section_id), blocks=text("After the crashes."))
    # Within a limit shorter than the 30 s a live holder is waited for: only the rules for dead processes,
    # half-written locks and breakers left behind can let it through.
    save_shared(loaded.project, shared, loaded.data, loaded.structure, timeout=lock_module.STALE_AFTER / 3)
    assert words(load(shared).project, section_id) == "After the crashes."
    assert len(list_backups(shared)) <= storage.BACKUPS_KEPT
