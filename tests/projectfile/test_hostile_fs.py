"""Odd things on a real filesystem: symlinked projects and backup folders, lock paths that are not lock
files, backup folders that cannot be used. Each save must end, say what is wrong and name the right path."""

from __future__ import annotations

import json
import multiprocessing
import os
import socket

import pytest

from tests.factories import CALDERDALE
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.projectfile.codec import ProjectFileError
from wyassembler.projectfile.lock import LockError, lock_path
from wyassembler.projectfile.storage import BACKUP_DIR_NAME, list_backups, load, save_project, save_shared

FORK = multiprocessing.get_context("fork")


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


def _save_in_child(path, timeout: float) -> tuple[int | None, str]:
    """Save in another process, so that a save spinning forever fails the test instead of hanging it."""
    report = path.parent / "child-report.txt"

    def run() -> None:
        try:
            _edit_and_save(path, "Saved by the child.", timeout)
        except Exception as error:  # noqa: BLE001 - the message is what the test checks
            report.write_text(f"{type(error).__name__}: {error}")
            os._exit(1)
        os._exit(0)

    child = FORK.Process(target=run)
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
