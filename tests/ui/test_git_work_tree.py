"""A project in a real git work tree, in the app: the title says so, a save neither locks nor merges,
a version git puts there (a pull) is shown or kept from being written over, and Synchronise shows what
git says about the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel

from tests.git_repos import git, isolate_git, needs_git, new_repository
from tests.ui.conftest import CALDERDALE_LEAD, save_and_wait
from tests.ui.editor_input import type_at_end
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage
from wyassembler.projectfile.backups import BACKUP_DIR_NAME
from wyassembler.ui.dialogs.backups import BackupsDialog

pytestmark = needs_git

LEEDS = Actor("leeds", "R. Ahmed", "partner lead")


@pytest.fixture
def repo(monkeypatch, tmp_path) -> Path:
    isolate_git(monkeypatch, tmp_path)
    return new_repository(tmp_path / "repo")


def saved_in(qtbot, window, dialogs, folder: Path) -> Path:
    dialogs.save_path = str(folder / "response")
    assert save_and_wait(qtbot, window, save_as=True)
    return folder / "response.wyproj"


def committed(qtbot, sample_window, dialogs, repo: Path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved_in(qtbot, window, dialogs, repo)
    git(repo, "add", path.name)
    git(repo, "commit", "-q", "-m", "the response")
    return window, path


def shows(window, words: str) -> bool:
    return window.document.project.find_section("5").blocks == (Paragraph(plain(words)),)


def pushed_by_leeds(repo: Path, clone: Path, words: str) -> None:
    """Another partner, in their own clone, rewrites section 5, commits; this repository then pulls it."""
    if not clone.exists():
        git(repo.parent, "clone", "-q", str(repo), str(clone))
        git(clone, "config", "user.name", "R. Ahmed")
        git(clone, "config", "user.email", "ahmed@example.org")
    else:
        git(clone, "pull", "-q", "--no-rebase", "origin", "main")
    path = clone / "response.wyproj"
    theirs = storage.load(path).project
    editing.edit_section(theirs, LEEDS, theirs.find_section("5"), blocks=(Paragraph(plain(words)),))
    storage.save_in_work_tree(theirs, path, path.read_bytes(), holder=storage.LockHolder.current("R. Ahmed", "leeds"))
    git(clone, "commit", "-q", "-am", words)
    git(repo, "pull", "-q", "--no-rebase", str(clone), "main")


def test_the_title_says_in_git_and_a_save_takes_no_lock_and_merges_nothing(qtbot, sample_window, dialogs, repo,
                                                                          monkeypatch, tmp_path):
    window, path = committed(qtbot, sample_window, dialogs, repo)
    assert window.windowTitle() == "response.wyproj[*] \u2014 in git \u2014 wyassembler"
    assert window.app_actions.synchronise.text() == "S&ynchronise (Git Status)\u2026"
    taken = []
    with monkeypatch.context() as patched:
        patched.setattr(storage, "acquire", lambda *a, **k: taken.append("lock"))
        patched.setattr(storage, "save_shared", lambda *a, **k: taken.append("shared save"))
        window.select_section(window.document.project.find_section("3").id)
        type_at_end(qtbot, window, " Committed later.")
        assert save_and_wait(qtbot, window)
    assert taken == [] and not (repo / BACKUP_DIR_NAME).exists()
    # All git sees is the file changed: no lock file, no backups folder, no temporary file.
    assert git(repo, "status", "--porcelain", "--untracked-files=all").stdout == " M response.wyproj\n"
    text = storage.load(path).project.find_section("3").blocks[-1].spans[-1].text
    assert text.endswith("Committed later.")
    # Saved elsewhere, outside any work tree: an ordinary shared file again.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    saved_in(qtbot, window, dialogs, elsewhere)
    assert window.windowTitle() == "response.wyproj[*] \u2014 wyassembler"
    assert window.app_actions.synchronise.text() == "S&ynchronise with\u2026"


def test_a_pull_while_the_project_is_open_is_shown_and_never_written_over(qtbot, sample_window, dialogs, repo,
                                                                         tmp_path):
    window, path = committed(qtbot, sample_window, dialogs, repo)
    clone = tmp_path / "leeds"
    # Nothing unsaved here: the pulled version is simply shown.
    pushed_by_leeds(repo, clone, "Pulled.")
    qtbot.waitUntil(lambda: shows(window, "Pulled."), timeout=15_000)
    assert "changed on disk (a git pull" in window.disk_label.text() and not window.document.is_dirty()
    # Unsaved changes here, then a pull: neither merged into them nor written over.
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Not saved yet.")
    window.commit_editor()
    pushed_by_leeds(repo, clone, "Pulled again.")
    qtbot.waitUntil(lambda: "Your unsaved changes are kept" in window.disk_label.text(), timeout=15_000)
    pulled = path.read_bytes()
    assert window.document.is_dirty() and shows(window, "Pulled.")
    assert not save_and_wait(qtbot, window)
    [refused] = [shown for shown in dialogs.shown if "changed on disk since it was read here (a git pull" in shown]
    # The app's advice, not the command line's ("run the command again").
    assert refused.endswith("nothing was written: reload it from disk to see that version, or save your copy "
                            "under another name") and "command" not in refused
    assert path.read_bytes() == pulled and window.document.is_dirty()
    # Reload from Disk (agreeing to lose the unsaved change) shows the pulled version; the note goes.
    window.app_actions.reload.trigger()
    assert shows(window, "Pulled again.") and not window.document.is_dirty()
    assert window.disk_banner.isHidden()


def status_shown(qtbot, window, dialogs) -> str:
    before = len(dialogs.shown)
    window.app_actions.synchronise.trigger()
    qtbot.waitUntil(lambda: len(dialogs.shown) > before, timeout=15_000)
    return dialogs.shown[-1]


def test_synchronise_shows_what_git_says_about_the_file(qtbot, sample_window, dialogs, repo, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", "")))
    window, path = committed(qtbot, sample_window, dialogs, repo)
    shown = status_shown(qtbot, window, dialogs)
    assert "is in the git work tree" in shown and "The file: unchanged since the last commit." in shown
    assert "The branch: on main (not tracking a remote branch)." in shown
    assert asked == []  # nothing run, nothing merged: git is the person's tool
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " More.")
    assert save_and_wait(qtbot, window)
    assert "The file: saved changes not yet staged (git add)." in status_shown(qtbot, window, dialogs)
    assert git(repo, "status", "--porcelain").stdout == " M response.wyproj\n"
    # Merging another copy (not a branch) is still one click away.
    dialogs.message_box_button = "Merge Another Copy\u2026"
    status_shown(qtbot, window, dialogs)
    assert len(asked) == 1


def test_synchronise_without_git_says_so_plainly(qtbot, sample_window, dialogs, repo, monkeypatch, tmp_path):
    window, _path = committed(qtbot, sample_window, dialogs, repo)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    shown = status_shown(qtbot, window, dialogs)
    assert "What git says about it cannot be shown: git is not installed (or not on PATH)" in shown
    assert "is in the git work tree" in shown


def test_synchronise_outside_git_still_merges_another_copy(qtbot, sample_window, dialogs, repo, monkeypatch,
                                                          tmp_path):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", "")))
    window = sample_window(CALDERDALE_LEAD)
    saved_in(qtbot, window, dialogs, tmp_path)
    window.app_actions.synchronise.trigger()
    assert len(asked) == 1 and dialogs.shown == []


def test_a_restore_in_git_takes_no_lock_keeps_no_backup_and_says_so(qtbot, sample_window, dialogs, repo,
                                                                    monkeypatch):
    window, path = committed(qtbot, sample_window, dialogs, repo)
    storage.save_project(storage.load(path).project, path)  # a backup kept before the project was put in git
    backups = storage.list_backups(path)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "with the backups it had")
    heading = window.document.project.find_section("1").heading
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Renamed in git")
    assert save_and_wait(qtbot, window)
    intro = []

    def pick_the_backup(dialog: BackupsDialog):
        intro.append(dialog.findChild(QLabel, "dialogIntro").text())
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(BackupsDialog, "exec", pick_the_backup)
    dialogs.message_box_button = "Restore"
    taken = []
    monkeypatch.setattr(storage, "acquire", lambda *a, **k: taken.append("lock"))
    window.app_actions.restore_backup.trigger()
    assert "In a git work tree saves keep no backups" in intro[0]
    assert "no backup is kept of the version there now: git keeps the versions" in dialogs.shown[-1]
    assert "is kept as a backup" not in dialogs.shown[-1]
    assert taken == [] and storage.list_backups(path) == backups
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored").stdout == " M response.wyproj\n"
    assert window.document.project.find_section("1").heading == heading
    assert storage.load(path).project.find_section("1").heading == heading
    assert "git diff shows what it changed" in window.statusBar().currentMessage()


def test_a_damaged_file_in_git_is_offered_its_backup_saying_no_backup_of_it_is_kept(qtbot, sample_window, make_window,
                                                                                    dialogs, repo):
    window, path = committed(qtbot, sample_window, dialogs, repo)
    storage.save_project(storage.load(path).project, path)  # a backup kept before the project was put in git
    backups = storage.list_backups(path)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "with the backups it had")
    window.close_project()
    path.write_bytes(b"<<<<<<< HEAD\n<wyproj broken")  # git merged it line by line (no driver set up)
    fresh = make_window(CALDERDALE_LEAD)
    dialogs.message_box_button = "Restore the Backup"
    assert fresh.open_path(path)
    offered = [shown for shown in dialogs.shown if "newest good backup" in shown][-1]
    assert "In a git work tree no backup is kept of the damaged file: git keeps the versions" in offered
    assert "kept as a backup too" not in offered
    qtbot.waitUntil(lambda: fresh.document is not None, timeout=20_000)
    assert storage.list_backups(path) == backups and fresh.document.path == path
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored").stdout == " M response.wyproj\n"
