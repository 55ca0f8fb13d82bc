"""The history of saves in the file: shared saves and merges keep one connected chain; hand edits of the
XML (with every hash recomputed) and older copies put back are caught; a restore is a step forward."""

from __future__ import annotations

import re

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.content import Paragraph, content_hash, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.history import head, heads, history_problems, history_warning
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.signoff import sign_off_section
from wyassembler.projectfile import storage
from wyassembler.projectfile.lock import LockHolder
from wyassembler.projectfile.storage import load, save_shared

SAVER = LockHolder.current("J. Smith", "calderdale")


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


@pytest.fixture
def path(tmp_path):
    project = new_project("History", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Shared services", "calderdale", text("We welcome this."), now=T0)
    add_section(project, COORDINATOR, "Standards", "kirklees", text("Standards matter."), now=T0)
    target = tmp_path / "response.wyproj"
    save_shared(project, target, None, holder=SAVER)
    return target


def _edit(path, actor, words: str, index: int = -2):
    loaded = load(path)
    edit_section(loaded.project, actor, loaded.project.sections[index], blocks=text(words))
    return loaded


def test_shared_saves_make_a_chain_that_verifies(path):
    for words in ("One.", "Two."):
        loaded = _edit(path, CALDERDALE, words)
        save_shared(loaded.project, path, loaded.data, loaded.structure, holder=SAVER)
    history = load(path).project.history
    assert [len(e.parents) for e in history] == [0, 1, 1]
    assert all(e.parents == (p.id,) for p, e in zip(history, history[1:], strict=False))
    assert history[-1].person == "J. Smith" and history[-1].org == "calderdale"
    assert history_problems(load(path).project) == []


def test_concurrent_saves_merge_into_one_history_with_a_two_parent_entry(path):
    mine = _edit(path, CALDERDALE, "Calderdale's edit.")
    theirs = _edit(path, KIRKLEES, "Kirklees' edit.", index=-1)
    save_shared(theirs.project, path, theirs.data, theirs.structure, holder=LockHolder.current("S. Patel", "kirklees"))
    result = save_shared(mine.project, path, mine.data, mine.structure, holder=SAVER)
    assert result.merged
    project = load(path).project
    merge = head(project)
    assert merge.kind == "merge" and len(merge.parents) == 2 and heads(project.history) == [merge.id]
    assert history_problems(project) == []
    # A saver that goes on with the project it saved (not the merged one the save returned) stays linked.
    edit_section(mine.project, CALDERDALE, mine.project.sections[-2], blocks=text("Again."))
    save_shared(mine.project, path, result.data, result.structure, holder=SAVER)
    again = load(path).project
    assert again.history[:-1] == project.history and again.history[-1].parents == (merge.id,)
    assert history_problems(again) == []


def _hand_edit(path, pattern: bytes, replacement: bytes) -> None:
    data = path.read_bytes()
    changed = re.sub(pattern, replacement, data, count=1)
    assert changed != data
    path.write_bytes(changed)


def test_a_hand_edited_owner_attribute_fails_the_history_check(path):
    _hand_edit(path, rb'owner="kirklees"', b'owner="calderdale"')
    problems = history_problems(load(path).project)
    assert problems and "changed outside wyassembler after its last recorded save" in problems[0]


def test_a_save_over_a_hand_edit_says_so_in_its_entry_and_verify_keeps_reporting_it(path):
    _hand_edit(path, rb'owner="kirklees"', b'owner="calderdale"')
    loaded = _edit(path, CALDERDALE, "An ordinary edit.")
    save_shared(loaded.project, path, loaded.data, loaded.structure, holder=SAVER)
    project = load(path).project
    assert head(project).kind == "save-over-change"
    problems = history_problems(project)
    assert len(problems) == 1 and "by J. Smith over a change made outside wyassembler" in problems[0]
    # Later ordinary saves do not hide it either.
    loaded = _edit(path, CALDERDALE, "Another edit.")
    save_shared(loaded.project, path, loaded.data, loaded.structure, holder=SAVER)
    project = load(path).project
    assert head(project).kind == "save" and len(history_problems(project)) == 1


def test_a_merge_over_a_hand_edit_says_so_in_its_entry(path):
    mine = _edit(path, CALDERDALE, "Calderdale's edit.")
    _hand_edit(path, rb'owner="kirklees"', b'owner="calderdale"')
    assert save_shared(mine.project, path, mine.data, mine.structure, holder=SAVER).merged
    project = load(path).project
    assert head(project).kind == "merge-over-change"
    assert any("over a change made outside wyassembler" in p for p in history_problems(project))


def test_a_hand_edited_sign_off_fails_the_history_check(path):
    loaded = load(path)
    sign_off_section(loaded.project, KIRKLEES, loaded.project.sections[-1])
    save_shared(loaded.project, path, loaded.data, loaded.structure, holder=SAVER)
    _hand_edit(path, rb'decision="approved"', b'decision="changes-requested"')
    assert any("changed outside wyassembler" in p for p in history_problems(load(path).project))


def test_text_edited_with_its_hash_recomputed_fails_the_history_check(path):
    new_hash = content_hash("Standards", text("Standards do not matter.")).encode()
    data = path.read_bytes()
    start = data.index(b"<heading>Standards</heading>")
    revision = data.rindex(b"<revision ", 0, start)
    old_hash = re.search(rb'hash="([0-9a-f]{64})"', data[revision:start]).group(1)
    path.write_bytes(data.replace(old_hash, new_hash).replace(b"Standards matter.", b"Standards do not matter."))
    loaded = load(path)
    assert loaded.report.problems == []  # every content hash matches: only the history tells
    assert any("changed outside wyassembler" in p for p in history_problems(loaded.project))


def test_an_older_copy_put_back_is_warned_of_using_the_newest_entry_seen(path):
    older = path.read_bytes()
    loaded = _edit(path, CALDERDALE, "Newer text.")
    save_shared(loaded.project, path, loaded.data, loaded.structure, holder=SAVER)
    seen = head(load(path).project).id
    path.write_bytes(older)  # a sync client puts the older copy back
    project = load(path).project
    assert history_problems(project) == []  # sound in itself: only what the user saw tells
    assert "does not contain the newest save you have seen" in history_warning(project, seen)


def test_a_restore_is_recorded_on_the_current_head_and_is_no_rollback(path):
    loaded = _edit(path, CALDERDALE, "Newer text.")
    save_shared(loaded.project, path, loaded.data, loaded.structure, holder=SAVER)
    seen = head(load(path).project).id
    storage.restore_backup(path, 1, holder=SAVER, actor=CALDERDALE)
    project = load(path).project
    restore = head(project)
    assert restore.kind == "restore" and restore.parents == (seen,) and restore.person == CALDERDALE.person
    assert project.restores and history_problems(project) == []
    assert history_warning(project, seen) is None


def test_a_merge_with_a_hand_edited_file_says_so(path):
    mine = _edit(path, CALDERDALE, "Calderdale's edit.")
    _hand_edit(path, rb'owner="kirklees"', b'owner="calderdale"')
    result = save_shared(mine.project, path, mine.data, mine.structure, holder=SAVER)
    assert result.merged
    assert any(note.startswith("in the saved file, the file was changed outside wyassembler") for note in result.notes)
