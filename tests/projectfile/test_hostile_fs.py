"""Odd things on a real filesystem: symlinked projects and backup folders, lock paths that are not lock
files, backup folders that cannot be used. Each save must end, say what is wrong and name the right path."""

from __future__ import annotations

import json
import os
import socket

import pytest

from tests.factories import CALDERDALE
from tests.processes import process_context
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.projectfile.codec import ProjectFileError
from wyassembler.projectfile.lock import LockError, lock_path
from wyassembler.projectfile.storage import (BACKUP_DIR_NAME, list_backups, load, restore_backup, save_project,
                                             save_shared)

PROCESSES = process_context()


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def first_words(path, number: str) -> str:
    project = load(path).project
    return project.find_section(number).blocks[0].spans[0].text


@pytest.fixture
def shared(project, tmp_path):
    path = tmp_path / "r.wyproj"
    save_project(project, path)
    return path


def _edit_and_save(path, words: str = "Edited.", timeout: float = 60.0) -> None:
    loaded = load(path)
    edit_section(loaded.project, CALDERDALE, loaded.project.find_section("2"), blocks=text(words))
    save_shared(loaded.project, path, loaded.data, loaded.structure, timeout=timeout)


def _child_save(path, timeout: float, report) -> None:
    try:
        _edit_and_save(path, "Saved by the child.", timeout)
    except Exception as error:  # noqa: BLE001 - the message is what the test checks
        report.write_text(f"{type(error).__name__}: {error}")
        os._exit(1)
    os._exit(0)


def _save_in_child(path, timeout: float) -> tuple[int | None, str]:
    """Save in another process, so that a save spinning forever fails the test instead of hanging it."""
    report = path.parent / "child-report.txt"
    child = PROCESSES.Process(target=_child_save, args=(path, timeout, report))
    child.start()
    child.join(timeout + 30)  # far beyond the save's own limit: only a save ignoring it gets here
    if child.exitcode is None:
        child.kill()
        child.join()
    return child.exitcode, report.read_text() if report.exists() else ""


# -- item 11: lock paths that are not lock files ------------------------------------

def test_an_empty_folder_in_place_of_the_lock_is_taken_over(shared):
    lock_path(shared).mkdir()
    assert _save_in_child(shared, timeout=20) == (0, "")
    assert first_words(shared, "2") == "Saved by the child."
    assert not lock_path(shared).exists()


def test_a_lock_folder_that_cannot_be_removed_ends_the_wait_with_a_message_naming_it(shared):
    lock_path(shared).mkdir()
    (lock_path(shared) / "something").write_text("x")
    exitcode, message = _save_in_child(shared, timeout=4)
    assert exitcode == 1
    assert message.startswith("LockError") and str(lock_path(shared)) in message
    assert "remove it" in message


def test_a_dangling_symlink_in_place_of_the_lock_is_taken_over(shared, tmp_path):
    os.symlink(tmp_path / "nowhere" / "lock", lock_path(shared))
    assert _save_in_child(shared, timeout=20) == (0, "")
    assert first_words(shared, "2") == "Saved by the child."
    assert not os.path.lexists(lock_path(shared))


@pytest.mark.parametrize("content", [
    {"user": "x", "machine": socket.gethostname(), "pid": "4242", "time": "2026-01-05T09:00:00Z"},
    {"user": ["x"], "machine": None, "pid": 1.5},
    ["not", "an", "object"],
    "pid",
])
def test_a_lock_file_with_wrong_json_types_is_taken_over_as_unreadable(shared, content):
    lock_path(shared).write_text(json.dumps(content))
    assert _save_in_child(shared, timeout=20) == (0, "")
    assert first_words(shared, "2") == "Saved by the child."


def test_taking_over_an_unreadable_lock_is_said_naming_it(shared):
    lock_path(shared).write_text('{"pid": "4242"}')
    loaded = load(shared)
    result = save_shared(loaded.project, shared, loaded.data, loaded.structure, timeout=20)
    assert any(f"the lock {lock_path(shared)} could not be read" in note for note in result.notes)


# -- item 6: a project opened through a symbolic link ---------------------------------

@pytest.fixture
def linked(shared, tmp_path):
    """The shared file, and a shortcut to it in another folder (a link to the shared drive)."""
    desk = tmp_path / "desk"
    desk.mkdir()
    link = desk / "r.wyproj"
    os.symlink(shared, link)
    return shared, link


def test_a_save_through_a_symlink_edits_the_shared_file_and_keeps_the_link(linked):
    shared, link = linked
    _edit_and_save(link, "Through the shortcut.")
    assert os.path.islink(link) and os.path.realpath(link) == str(shared)
    assert first_words(shared, "2") == "Through the shortcut."
    assert len(list_backups(shared)) == 1 and list_backups(link) == list_backups(shared)
    assert not (link.parent / BACKUP_DIR_NAME).exists()
    assert sorted(p.name for p in link.parent.iterdir()) == ["r.wyproj"]


def test_a_save_through_a_symlink_waits_for_the_lock_beside_the_shared_file(linked):
    shared, link = linked
    holder = {"user": "x", "machine": socket.gethostname(), "pid": os.getpid(), "time": "2026-01-05T09:00:00Z",
              "person": "S. Patel", "org": "Kirklees", "token": "theirs"}
    lock_path(shared).write_text(json.dumps(holder))
    with pytest.raises(LockError, match="S. Patel"):
        _edit_and_save(link, "Must wait.", timeout=0.5)
    assert first_words(shared, "2") != "Must wait."


# -- item 10: a symlinked backups folder -----------------------------------------------

def test_a_symlinked_backups_folder_is_never_written_or_pruned(shared, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for n in range(30):
        (elsewhere / f"2005010{n % 10}T000000000000Z-{n}.wyproj").write_text(f"unrelated {n}")
    (shared.parent / BACKUP_DIR_NAME).mkdir()
    os.symlink(elsewhere, shared.parent / BACKUP_DIR_NAME / shared.name)
    before = shared.read_bytes()
    with pytest.raises(ProjectFileError, match=f"{BACKUP_DIR_NAME}/r.wyproj is a symbolic link"):
        _edit_and_save(shared)
    assert len(list(elsewhere.iterdir())) == 30
    assert shared.read_bytes() == before
    assert list_backups(shared) == []


def test_only_backups_we_named_are_pruned(project, shared):
    folder = shared.parent / BACKUP_DIR_NAME / shared.name
    folder.mkdir(parents=True)
    (folder / "keep-me.wyproj").write_text("someone's own file")
    (folder / "20000101T000000000000Z-1.wyproj.txt").write_text("not ours either")
    outside = shared.parent / "outside.txt"
    outside.write_text("outside")
    os.symlink(outside, folder / "19990101T000000000000Z-1.wyproj")
    for n in range(25):
        project.title = f"Version {n}"
        save_project(project, shared)
    assert len(list_backups(shared)) == 20
    assert (folder / "keep-me.wyproj").exists() and (folder / "20000101T000000000000Z-1.wyproj.txt").exists()
    assert os.path.islink(folder / "19990101T000000000000Z-1.wyproj") and outside.read_text() == "outside"


# -- item 14: messages that name the backups folder --------------------------------------

def test_a_file_in_place_of_the_backups_folder_is_named(shared):
    (shared.parent / BACKUP_DIR_NAME).write_text("not a folder")
    with pytest.raises(ProjectFileError, match=f"{shared.parent / BACKUP_DIR_NAME} is a file, not a folder"):
        _edit_and_save(shared)


def test_a_read_only_backups_folder_is_named(shared, monkeypatch):
    save_project(load(shared).project, shared)  # the backups folder now exists
    folder = shared.parent / BACKUP_DIR_NAME / shared.name
    real_link, real_open = os.link, os.open

    # Simulated, because tests may run as root, who can write into any folder.
    def refuse_in_backups(src, dst, *args, **kwargs):
        if str(dst).startswith(str(folder)):
            raise PermissionError(13, "Permission denied")
        return real_link(src, dst, *args, **kwargs)

    def refuse_open(path, flags, *args, **kwargs):
        if str(path).startswith(str(folder)) and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "link", refuse_in_backups)
    monkeypatch.setattr(os, "open", refuse_open)
    with pytest.raises(ProjectFileError, match=f"cannot keep a backup in {folder}: permission denied"):
        _edit_and_save(shared)


def test_a_file_declaring_another_encoding_is_refused(project, tmp_path):
    path = tmp_path / "latin.wyproj"
    data = save_project(project, path).replace(b"encoding='UTF-8'", b"encoding='ISO-8859-1'", 1)
    path.write_bytes(data)
    with pytest.raises(ProjectFileError, match="declares the encoding ISO-8859-1; project files are UTF-8"):
        load(path)


def test_the_size_limit_is_said_in_the_megabytes_the_documentation_uses(tmp_path):
    path = tmp_path / "huge.wyproj"
    with open(path, "wb") as handle:
        handle.truncate(105_000_000)  # sparse: nothing is written, and the size is refused before reading
    with pytest.raises(ProjectFileError, match=r"is 105\.0 MB, over the 100 MB a project may be"):
        load(path)


def test_restoring_through_a_symlink_puts_the_version_back_in_the_shared_file(linked, project):
    shared, link = linked
    title = project.title
    project.title = "Second version"
    save_project(project, link)
    restore_backup(link, 1)
    assert os.path.islink(link) and load(shared).project.title == title
    assert sorted(p.name for p in link.parent.iterdir()) == ["r.wyproj"]
