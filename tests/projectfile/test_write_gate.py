"""The write gate: every way a project reaches the disk checks it first, and a refusal writes nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.factories import CALDERDALE, T0
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import WyassemblerError
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import to_bytes
from wyassembler.projectfile.lock import lock_path
from wyassembler.projectfile.storage import list_backups, load, save_project, save_shared
from wyassembler.projectfile.write_gate import WriteRefused, checked_bytes


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def tampered(project):
    """Section 2's current content changed without a new hash, as only a bug could do in memory."""
    section = project.find_section("2")
    section.revisions[-1] = replace(section.current, blocks=text("Not what was hashed."))
    return project


def looped(project):
    """Section 2's first revision names the second as its parent, and the second the first."""
    section = project.find_section("2")
    edit_section(project, CALDERDALE, section, blocks=text("Second."), now=T0)
    section.revisions[0] = replace(section.revisions[0], parent=section.revisions[1].id)
    return project


def folder_entries(path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def assert_one_line_refusal(error: pytest.ExceptionInfo, path, *words: str) -> None:
    message = str(error.value)
    assert "\n" not in message and str(path) in message and "nothing was written" in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("break_it, words", [(tampered, "does not match its recorded hash"),
                                             (looped, "the history loops")])
def test_save_project_refuses_and_writes_nothing(project, tmp_path, break_it, words):
    path = tmp_path / "response.wyproj"
    with pytest.raises(WriteRefused) as error:
        save_project(break_it(project), path)
    assert_one_line_refusal(error, path, words)
    assert folder_entries(path) == []


def test_a_refused_shared_save_leaves_the_file_its_backups_and_the_lock_as_they_were(project, tmp_path):
    path = tmp_path / "response.wyproj"
    before = save_shared(project, path, None).data
    with pytest.raises(WriteRefused) as error:
        save_shared(tampered(project), path, before)
    assert_one_line_refusal(error, path, "does not match its recorded hash")
    assert path.read_bytes() == before and list_backups(path) == []
    assert not lock_path(path).exists()
    assert not [name for name in folder_entries(path) if name.endswith(".tmp")]


def test_a_shared_save_merging_a_looped_copy_stops_and_frees_the_lock(project, tmp_path):
    """The app's merge on save: the copy in memory is checked before the merge follows its parents."""
    path = tmp_path / "response.wyproj"
    base = save_shared(project, path, None).data
    disk = load(path).project
    edit_section(disk, CALDERDALE, disk.find_section("2"), blocks=text("Saved by a partner."), now=T0)
    on_disk = save_project(disk, path)
    with pytest.raises(WyassemblerError, match="the history loops"):
        save_shared(looped(project), path, base)
    assert path.read_bytes() == on_disk
    assert not lock_path(path).exists()


def test_every_byte_a_save_writes_has_passed_the_gate(project, tmp_path):
    path = tmp_path / "response.wyproj"
    assert save_project(project, path) == checked_bytes(project) == to_bytes(project)
    result = save_shared(project, path, path.read_bytes())
    assert result.data == checked_bytes(result.project)


def test_restoring_a_hand_edited_backup_writes_it_as_a_save_would(project, tmp_path):
    path = tmp_path / "response.wyproj"
    first = save_project(project, path)
    project.title = "Second version"
    save_project(project, path)
    backup = list_backups(path)[0]
    heading = project.find_section("2").heading.encode()
    backup.write_bytes(first.replace(heading, b"Changed by hand"))
    storage.restore_backup(path, 1)
    loaded = load(path)
    assert loaded.report.problems == []  # no revision whose hash does not match was put back
    assert loaded.project.find_section("2").heading == "Changed by hand"


def test_restoring_a_backup_with_a_looped_history_writes_nothing(project, tmp_path):
    path = tmp_path / "response.wyproj"
    good = save_project(project, path)
    project.title = "Second version"
    current = save_project(project, path)
    section = project.find_section("2")
    first = section.revisions[0].id
    backup = list_backups(path)[0]
    backup.write_bytes(good.replace(f'<revision id="{first}" '.encode(),
                                    f'<revision id="{first}" parent="{first}" '.encode()))
    with pytest.raises(WyassemblerError, match="loops"):
        storage.restore_backup(path, 1)
    assert path.read_bytes() == current


def test_a_revision_changed_after_loading_is_still_checked(project, tmp_path):
    """Reading a file spares the gate hashing what it just compared; a changed revision is a new one."""
    path = tmp_path / "response.wyproj"
    save_project(project, path)
    loaded = load(path)
    with pytest.raises(WriteRefused, match="does not match its recorded hash"):
        save_shared(tampered(loaded.project), path, loaded.data, loaded.structure)


def test_a_file_larger_than_the_reader_accepts_is_never_written(tmp_path, monkeypatch):
    from wyassembler.projectfile import codec, storage, write_gate
    from wyassembler.resource_files import SAMPLE, resource_bytes

    path = tmp_path / "r.wyproj"
    path.write_bytes(resource_bytes(*SAMPLE))
    loaded = storage.load(path)
    before = path.read_bytes()
    # The reader's limit, lowered for the test: the gate must follow the same number.
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", len(before) // 2)
    with pytest.raises(write_gate.WriteRefused, match="over the .* MB a project may be; nothing was written"):
        storage.save_project(loaded.project, path)
    loaded.project.title = "Changed so that the shared save writes"
    with pytest.raises(write_gate.WriteRefused, match="nothing was written"):
        storage.save_shared(loaded.project, path, loaded.data, loaded.structure)
    assert path.read_bytes() == before
