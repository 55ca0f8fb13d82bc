"""Format 1.1 in the file: conflict copies, resolutions and tombstones' earlier revisions round-trip;
files without them stay 1.0; broken references are refused in one line."""

from __future__ import annotations

import copy
import os
import time

import pytest

from tests.factories import CALDERDALE, COORDINATOR, POLICE, T0
from wyassembler.core import conflicts
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.merge import merge_projects
from wyassembler.core.outline import delete_section
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import ProjectFileError, from_bytes, to_bytes


@pytest.fixture
def clashed(project):
    ours = copy.deepcopy(project)
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=(Paragraph(plain("Disk.")),), now=T0)
    edit_section(ours, POLICE, ours.find_section("2"), blocks=(Paragraph(plain("Ours.")),), now=T0)
    return merge_projects(ours, project).project


def test_a_project_without_new_things_is_still_written_as_1_0(project):
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=(Paragraph(plain("x")),), now=T0)
    assert b' format="1.0" ' in to_bytes(project)


def test_conflicts_and_resolutions_round_trip_byte_for_byte(clashed):
    data = to_bytes(clashed)
    assert b' format="1.1" ' in data and b"<conflict revision=" in data
    again = from_bytes(data)
    assert again == clashed and to_bytes(again) == data
    section = again.find_section("2")
    assert section.conflicts[0].revision is section.revision(section.conflicts[0].id)
    conflicts.keep_current(again, CALDERDALE, section, now=T0)
    resolved = to_bytes(again)
    assert b'outcome="kept-current"' in resolved and from_bytes(resolved) == again


def test_tombstones_keep_the_revisions_their_deleter_knew(project):
    section = project.find_section("2")
    edit_section(project, CALDERDALE, section, blocks=(Paragraph(plain("x")),), now=T0)
    delete_section(project, COORDINATOR, section, now=T0)
    again = from_bytes(to_bytes(project))
    assert again.tombstones == project.tombstones
    assert again.tombstones[0].knew(section.revisions[0].id)


def test_a_conflict_naming_a_revision_not_in_the_history_is_refused(clashed):
    data = to_bytes(clashed)
    copy_id = clashed.find_section("2").conflicts[0].id.encode()
    broken = data.replace(b'<conflict revision="' + copy_id, b'<conflict revision="rev-000000000000')
    with pytest.raises(ProjectFileError,
                       match="conflict copy of revision rev-000000000000, which is not in its history"):
        from_bytes(broken)


def test_old_temporary_files_of_crashed_saves_are_cleared_by_the_next_save(project, tmp_path):
    path = tmp_path / "r.wyproj"
    storage.save_project(project, path)
    old, fresh = tmp_path / ".r.wyproj.abc123.tmp", tmp_path / ".r.wyproj.def456.tmp"
    for temp in (old, fresh):
        temp.write_bytes(b"half")
    then = time.time() - storage.ABANDONED_AFTER - 10
    os.utime(old, (then, then))
    loaded = storage.load(path)
    storage.save_shared(loaded.project, path, loaded.data, loaded.structure)
    assert not old.exists() and fresh.exists()
