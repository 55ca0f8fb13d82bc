"""Files whose histories loop are refused on the command line, and a refused merge leaves the lock free.

The file of the issue: a section's first revision names the second as its parent and the second
names the first (r1.parent = r2, r2.parent = r1). It used to pass ``verify``, and ``merge`` with it
never returned, holding the project's lock, so every other partner's save waited for ever.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, T0
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.projectfile.lock import lock_path
from wyassembler.projectfile.storage import save_project


def _one_clean_line(result) -> str:
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def _edited(project, words: str, minutes: int):
    edited = copy.deepcopy(project)
    edit_section(edited, CALDERDALE, edited.find_section("2"), blocks=(Paragraph(plain(words)),),
                 now=T0 + timedelta(minutes=minutes))
    return edited


@pytest.fixture
def looped_and_laptop(project, tmp_path):
    """(the shared file with a looped history in section 2, a laptop copy that edited section 2 earlier).

    Merging these two followed the loop for ever: the laptop's edit and the shared file's both start
    from the first revision, and the shared file's later edit is also, by the loop, its parent.
    """
    shared = _edited(project, "Shared edit.", minutes=2)
    laptop = _edited(project, "Laptop edit.", minutes=1)
    first, second = (revision.id for revision in shared.find_section("2").revisions)
    shared_path, laptop_path = tmp_path / "shared.wyproj", tmp_path / "laptop.wyproj"
    save_project(shared, shared_path)
    save_project(laptop, laptop_path)
    data = shared_path.read_bytes()
    tag = f'<revision id="{first}" '.encode()
    assert data.count(tag) == 1
    shared_path.write_bytes(data.replace(tag, f'<revision id="{first}" parent="{second}" '.encode()))
    return shared_path, laptop_path


def test_verify_refuses_a_looped_history_in_one_line(cli, looped_and_laptop):
    looped, _ = looped_and_laptop
    line = _one_clean_line(cli("verify", looped))
    assert "the history loops" in line


@pytest.mark.parametrize("looped_is_the_project", [True, False])
def test_merge_with_a_looped_history_returns_an_error_and_frees_the_lock(wy, cli, looped_and_laptop,
                                                                        looped_is_the_project, tmp_path):
    looped, laptop = looped_and_laptop
    project, other = (looped, laptop) if looped_is_the_project else (laptop, looped)
    before = project.read_bytes()
    # A separate process, so a merge that never ends fails on the runner's timeout instead of hanging.
    line = _one_clean_line(wy("merge", project, other, timeout=60))
    assert "the history loops" in line
    assert project.read_bytes() == before
    assert not lock_path(laptop).exists() and not lock_path(looped).exists()
    text = tmp_path / "t.md"
    text.write_text("Saved straight after.", encoding="utf-8")
    saved = cli("edit-section", laptop, "3", "--from", text, "--as", "kirklees", "--by", "S. Patel")
    assert saved.code == 0 and "Waiting" not in saved.err, saved.err


def test_a_command_whose_change_fails_the_write_gate_writes_nothing_and_says_why(cli, sample, tmp_path,
                                                                                  monkeypatch):
    real_edit = editing.edit_section

    def edit_with_a_wrong_hash(project, actor, section, **changes):
        """The edit as a bug in the core might make it: content that does not match its hash."""
        revision = real_edit(project, actor, section, **changes)
        section.revisions[-1] = replace(revision, hash="0" * 64)
        return section.revisions[-1]

    monkeypatch.setattr(editing, "edit_section", edit_with_a_wrong_hash)
    before = sample.read_bytes()
    text = tmp_path / "t.md"
    text.write_text("Changed.", encoding="utf-8")
    line = _one_clean_line(cli("edit-section", sample, "2", "--from", text, "--as", "joint-services",
                               "--by", "H. Dawson"))
    assert "does not match its recorded hash" in line and "nothing was written" in line
    assert sample.read_bytes() == before
    assert not lock_path(sample).exists()
