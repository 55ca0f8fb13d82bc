"""Saving on disk: atomic replace, backups kept and rotated, failures that lose nothing."""

from __future__ import annotations

import os

import pytest

from wyassembler import fileio
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import ProjectFileError
from wyassembler.projectfile.storage import list_backups, load, save_project


def test_save_keeps_the_previous_version_as_a_backup(project, tmp_path):
    path = tmp_path / "r.wyproj"
    first = save_project(project, path)
    assert list_backups(path) == []
    project.title = "Changed"
    save_project(project, path)
    backups = list_backups(path)
    assert len(backups) == 1 and backups[0].read_bytes() == first
    assert load(path).project.title == "Changed"


def test_backups_rotate_at_twenty(project, tmp_path):
    path = tmp_path / "r.wyproj"
    for n in range(storage.BACKUPS_KEPT + 5):
        project.title = f"Version {n}"
        save_project(project, path)
    backups = list_backups(path)
    assert len(backups) == storage.BACKUPS_KEPT
    assert load(backups[0]).project.title == f"Version {storage.BACKUPS_KEPT + 3}"


def test_no_temporary_files_are_left_behind(project, tmp_path):
    path = tmp_path / "r.wyproj"
    save_project(project, path)
    save_project(project, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".wyassembler-backups", "r.wyproj"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(project, tmp_path, monkeypatch):
    path = tmp_path / "r.wyproj"
    original = save_project(project, path)

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    project.title = "Never written"
    with pytest.raises(ProjectFileError, match="the disk is full"):
        save_project(project, path)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_read_only_folder_gives_a_clear_message_and_writes_nothing(project, tmp_path, monkeypatch):
    # Simulated, because tests may run as root, who can write into any folder.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    with pytest.raises(ProjectFileError, match="permission denied"):
        save_project(project, tmp_path / "r.wyproj")
    assert list(tmp_path.iterdir()) == []


def test_missing_file_gives_a_clear_message(tmp_path):
    with pytest.raises(ProjectFileError, match="no such file"):
        load(tmp_path / "nope.wyproj")


def test_saved_files_get_the_usual_permissions_not_owner_only(project, tmp_path):
    path = tmp_path / "shared.wyproj"
    save_project(project, path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~fileio._UMASK
    os.chmod(path, 0o640)
    save_project(project, path)
    assert path.stat().st_mode & 0o777 == 0o640
