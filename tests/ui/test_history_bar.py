"""The warning bar for a file whose history went back: an older copy put back over the newest save
this user had seen (issue 15 item 4, in the app). Real windows and real saves."""

from __future__ import annotations

from tests.git_repos import git, isolate_git, needs_git, new_repository
from tests.ui.conftest import save_and_wait
from wyassembler import seen_heads
from wyassembler.core.history import head
from wyassembler.projectfile.codec import from_bytes
from wyassembler.ui.project.commands import SetPropertiesCommand


def test_an_older_copy_put_back_is_warned_of_and_a_current_one_is_not(qtbot, sample_window, make_window, dialogs,
                                                                       tmp_path):
    window = sample_window()
    dialogs.save_path = str(tmp_path / "response.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    path = window.document.path
    older = path.read_bytes()
    window.document.execute(SetPropertiesCommand(window.document, {"subtitle": "Changed after the first save"}))
    assert save_and_wait(qtbot, window)
    newest = head(from_bytes(path.read_bytes()))  # the open project goes on without its save's entry
    assert newest is not None and seen_heads.seen_head(window.document.project.id, path) == newest.id

    fresh = make_window()
    fresh.open_path(path)
    assert not fresh.history.bar.isVisible()  # the file holds the newest save seen

    path.write_bytes(older)  # a sync client puts the older copy back
    rolled_back = make_window()
    rolled_back.open_path(path)
    bar = rolled_back.history.bar
    assert bar.isVisible()
    assert "does not contain the newest save you have seen" in bar.label.text()
    assert bar.accessibleName() == bar.label.text()
    # Opening it did not make the older copy the one remembered: the warning stays until it is answered.
    assert seen_heads.seen_head(rolled_back.document.project.id, path) == newest.id
    bar.dismiss.click()
    assert not bar.isVisible()


def test_a_file_never_opened_before_gives_no_warning_and_is_remembered(qtbot, sample_window, make_window, dialogs,
                                                                       tmp_path, monkeypatch):
    window = sample_window()
    dialogs.save_path = str(tmp_path / "response.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    path = window.document.path
    project_id = window.document.project.id
    remembered = tmp_path / "elsewhere"
    monkeypatch.setenv("WYASSEMBLER_DATA_DIR", str(remembered))  # another person's data folder: nothing seen yet
    assert seen_heads.seen_head(project_id, path) is None
    other = make_window()
    other.open_path(path)
    assert not other.history.bar.isVisible()
    assert seen_heads.seen_head(project_id, path) == head(other.document.project).id


def test_a_restore_chosen_by_the_person_is_no_rollback_and_answers_the_warning(qtbot, sample_window, make_window,
                                                                               dialogs, tmp_path, monkeypatch):
    from tests.ui.test_sync import click
    from wyassembler.ui.dialogs.backups import BackupsDialog

    window = sample_window()
    dialogs.save_path = str(tmp_path / "response.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    path = window.document.path
    older = path.read_bytes()
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Second title")
    assert save_and_wait(qtbot, window)
    path.write_bytes(older)  # put back behind the app's back
    rolled_back = make_window()
    rolled_back.open_path(path)
    assert rolled_back.history.bar.isVisible()

    monkeypatch.setattr(BackupsDialog, "exec", click(lambda dialog: dialog.restore_button))
    dialogs.message_box_button = "Restore"
    rolled_back.history.bar.backups.click()  # the bar's own way to the previous versions
    assert not rolled_back.history.bar.isVisible()
    again = make_window()
    again.open_path(path)
    assert not again.history.bar.isVisible()  # the restore is recorded and remembered: no warning now


@needs_git
def test_checking_out_another_git_branch_is_no_rollback(qtbot, sample_window, make_window, dialogs, tmp_path,
                                                        monkeypatch):
    isolate_git(monkeypatch, tmp_path)
    repo = new_repository(tmp_path / "repo")
    window = sample_window()
    dialogs.save_path = str(repo / "response.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    path = window.document.path
    git(repo, "add", path.name)
    git(repo, "commit", "-q", "-m", "the response")
    git(repo, "checkout", "-q", "-b", "feature")
    window.document.execute(SetPropertiesCommand(window.document, {"subtitle": "On the feature branch"}))
    assert save_and_wait(qtbot, window)
    git(repo, "commit", "-q", "-am", "feature edit")
    git(repo, "checkout", "-q", "main")  # git puts main's older history in place, on purpose
    on_main = make_window()
    on_main.open_path(path)
    assert on_main.document.project.subtitle != "On the feature branch"
    assert not on_main.history.bar.isVisible()
    assert seen_heads.seen_head(on_main.document.project.id, path) is None  # git keeps the history, not us
