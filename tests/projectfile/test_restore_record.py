"""A restore is recorded as a step forward, so a partner who had the file open does not undo it by saving."""

from __future__ import annotations

import copy

import pytest

from tests.cli.conftest import cli  # noqa: F401 - the command line, run in this process
from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.content import Paragraph, plain, sha256_hex
from wyassembler.core.editing import edit_section
from wyassembler.core.integrity import reference_problems, soundness_problems
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section, delete_section
from wyassembler.core.restore import restore_over
from wyassembler.core.signoff import section_state, sign_off_section
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.projectfile.lock import LockHolder
from wyassembler.projectfile.storage import list_backups, load, save_shared

RESTORER = LockHolder.current("H. Dawson", "joint-services")


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def words(project, section_id: str) -> str:
    return project.section(section_id).blocks[0].spans[0].text


def save_edit(path, actor, section_id, new_words):
    """A partner opens the file, edits one section and saves."""
    loaded = load(path)
    edit_section(loaded.project, actor, loaded.project.section(section_id), blocks=text(new_words))
    return save_shared(loaded.project, path, loaded.data, loaded.structure)


@pytest.fixture
def shared(project, tmp_path):
    """A shared file whose section 2 says "Good." and, after a bad edit, "Bad."; backup 1 is the good version."""
    path = tmp_path / "r.wyproj"
    storage.save_project(project, path)
    save_edit(path, CALDERDALE, project.find_section("2").id, "Good.")
    save_edit(path, CALDERDALE, project.find_section("2").id, "Bad.")
    return path, project.find_section("2").id


def test_a_partners_save_after_a_restore_does_not_bring_the_removed_text_back(shared):
    path, section_id = shared
    partner = load(path)  # a partner has the file open on the bad text
    assert words(partner.project, section_id) == "Bad."
    storage.restore_backup(path, 1, holder=RESTORER)
    assert words(load(path).project, section_id) == "Good."
    # The partner edits something else and saves: the merge must not put "Bad." back.
    edit_section(partner.project, KIRKLEES, partner.project.find_section("3"), blocks=text("Kirklees's edit."))
    result = save_shared(partner.project, path, partner.data, partner.structure)
    after = load(path).project
    assert words(after, section_id) == "Good."
    assert after.section(section_id).conflicts == []
    assert words(after, after.find_section("3").id) == "Kirklees's edit."
    assert result.notes == []
    assert reference_problems(after) == [] and soundness_problems(after) == []


def test_newer_text_written_on_the_removed_version_is_kept_as_a_conflict_copy(shared):
    path, section_id = shared
    partner = load(path)
    storage.restore_backup(path, 1, holder=RESTORER)
    edit_section(partner.project, CALDERDALE, partner.project.section(section_id), blocks=text("Bad, improved."))
    result = save_shared(partner.project, path, partner.data, partner.structure)
    section = load(path).project.section(section_id)
    assert words(load(path).project, section_id) == "Good."  # the restored text stays current
    [copy_] = section.conflicts
    assert copy_.blocks == text("Bad, improved.")  # nothing typed is lost
    [note] = result.notes
    assert "put back to an earlier version by H. Dawson (Joint Services" in note and "conflict copy 1" in note


def test_the_restore_is_recorded_who_when_which_version_over_which(shared):
    path, section_id = shared
    replaced = path.read_bytes()
    backup = list_backups(path)[0]
    version = backup.read_bytes()
    storage.restore_backup(path, 1, holder=RESTORER)
    data = path.read_bytes()
    assert b' format="1.4" ' in data and b"<restores>" in data and b'kind="restore"' in data
    project = from_bytes(data)
    [record] = project.restores
    assert (record.org, record.person) == ("joint-services", "H. Dawson")
    assert record.version == backup.name
    assert record.version_hash == sha256_hex(version) and record.replaced_hash == sha256_hex(replaced)
    [made] = record.revisions
    assert project.section(section_id).current.id == made
    assert project.section(section_id).current.org == "joint-services"
    assert list_backups(path)[0].read_bytes() == replaced  # the replaced version is a backup in turn
    assert to_bytes(from_bytes(data)) == data


def test_approvals_of_the_restored_text_count_again(project):
    section = project.find_section("2")
    edit_section(project, CALDERDALE, section, blocks=text("Good."), now=T0)
    sign_off_section(project, CALDERDALE, section, now=T0)
    older = copy.deepcopy(project)
    edit_section(project, CALDERDALE, section, blocks=text("Bad."), now=T0)
    assert section_state(section, "calderdale") == "stale"
    restored = restore_over(project, older, COORDINATOR, "backup", "0" * 64, "1" * 64, now=T0)
    assert section_state(restored.section(section.id), "calderdale") == "approved"


def test_sections_added_since_go_and_sections_deleted_since_come_back_and_stay(project, tmp_path):
    path = tmp_path / "r.wyproj"
    storage.save_project(project, path)
    loaded = load(path)
    gone = loaded.project.find_section("3")
    delete_section(loaded.project, COORDINATOR, gone, now=T0)
    added = add_section(loaded.project, COORDINATOR, "Added later", "leeds", text("New."), now=T0)
    save_shared(loaded.project, path, loaded.data, loaded.structure)
    partner = load(path)  # has the deletion and the added section
    storage.restore_backup(path, 1, holder=RESTORER)
    restored = load(path).project
    assert restored.section(gone.id).heading == "Professionalism"
    assert all(s.id != added.id for s in restored.all_sections())
    # The partner saves an unrelated edit: neither the deletion nor the addition comes back.
    edit_section(partner.project, CALDERDALE, partner.project.find_section("2"), blocks=text("Unrelated."))
    save_shared(partner.project, path, partner.data, partner.structure)
    after = load(path).project
    assert after.section(gone.id).heading == "Professionalism"
    assert all(s.id != added.id for s in after.all_sections())


def test_a_damaged_file_is_replaced_by_the_backup_with_the_record(shared):
    path, section_id = shared
    path.write_bytes(b"<broken")
    storage.restore_backup(path, 1, holder=RESTORER)
    project = load(path).project
    assert words(project, section_id) == "Good."  # the damage was not a save, so backup 1 is as before
    [record] = project.restores
    assert record.revisions == () and record.replaced_hash == sha256_hex(b"<broken")


def test_an_old_copy_merged_on_the_command_line_follows_the_restore(cli, shared, tmp_path):  # noqa: F811 - the fixture imported above
    path, section_id = shared
    laptop = tmp_path / "laptop.wyproj"
    laptop.write_bytes(path.read_bytes())  # an offline copy still on the bad text
    assert cli("restore", path, "1", "--as", "joint-services", "--by", "H. Dawson").code == 0
    merged = cli("merge", path, laptop)
    assert merged.code == 0, merged.err
    assert words(load(path).project, section_id) == "Good."
    assert load(path).project.restores[0].person == "H. Dawson"


def test_restoring_names_someone_even_without_an_identity(shared):
    path, _ = shared
    storage.restore_backup(path, 1, holder=LockHolder("login", "pc", 1, "", "", "", ""))
    [record] = load(path).project.restores
    assert record.person == "login" and record.org == "joint-services"  # the coordinator's name stands in


def test_the_restore_record_survives_merges_in_any_order(shared):
    path, _ = shared
    partner = load(path).project
    storage.restore_backup(path, 1, holder=RESTORER)
    restored = load(path).project
    from wyassembler.core.merge import merge_projects
    one = merge_projects(copy.deepcopy(partner), restored).project
    other = merge_projects(restored, copy.deepcopy(partner)).project
    assert one.restores == other.restores == restored.restores


def test_restore_over_changes_neither_input(project):
    older = copy.deepcopy(project)
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=text("Newer."), now=T0)
    before_current, before_older = copy.deepcopy(project), copy.deepcopy(older)
    restore_over(project, older, Actor("joint-services", "H. Dawson"), "b", "0" * 64, "1" * 64, now=T0)
    assert project == before_current and older == before_older


def test_restoring_as_an_organisation_the_project_does_not_have_is_one_clear_line(cli, shared):  # noqa: F811 - the fixture imported above
    path, _ = shared
    before = path.read_bytes()
    result = cli("restore", path, "1", "--as", "Nowhere", "--by", "H. Dawson")
    assert result.code != 0 and len(result.err.strip().splitlines()) == 1 and "Nowhere" in result.err
    assert path.read_bytes() == before


def test_a_restore_puts_back_the_questions_and_the_sections_answers_of_the_older_version(project):
    from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
    import_questions(project, COORDINATOR, [NewQuestion("1", "Do you agree?", None, ("Yes", "No")),
                                            NewQuestion("2", "Why?")])
    map_section(project, CALDERDALE, project.find_section("2"), ["1", "2"])
    older = copy.deepcopy(project)
    import_questions(project, COORDINATOR, [NewQuestion("1", "Do you agree?", None, ("Yes", "No"))])
    map_section(project, CALDERDALE, project.find_section("2"), [])
    restored = restore_over(project, older, COORDINATOR, "backup", "0" * 64, "1" * 64, now=T0)
    assert restored.questions == older.questions
    assert restored.find_section("2").answers == older.find_section("2").answers
    assert from_bytes(to_bytes(restored)).questions == older.questions
