"""Saves made by someone else while the project is open: every one of them is noticed, not only
the first (a save keeps the replaced file as a hard-linked backup, so a watch that stays on the
old file never hears of the next save), and a save that no notification reports is found by polling."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import CALDERDALE_LEAD
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage

LEEDS = Actor("leeds", "R. Ahmed", "partner lead")


def saved_sample(qtbot, window, dialogs, tmp_path: Path) -> Path:
    """Save As through the window, and wait for the save to finish on whichever thread it runs."""
    dialogs.save_path = str(tmp_path / "response")
    assert window.save()
    is_saving = getattr(window, "is_saving", None)
    if is_saving is not None:
        qtbot.waitUntil(lambda: not is_saving(), timeout=20_000)
    return tmp_path / "response.wyproj"


def save_as_leeds(path: Path, words: str) -> None:
    """Another partner loads the file, rewrites section 5 and saves it (with its backup)."""
    theirs = storage.load(path).project
    editing.edit_section(theirs, LEEDS, theirs.find_section("5"), blocks=(Paragraph(plain(words)),))
    storage.save_project(theirs, path)


def shows(window, words: str) -> bool:
    return window.document.project.find_section("5").blocks == (Paragraph(plain(words)),)


def test_every_save_by_another_partner_is_shown_not_only_the_first(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.poll_timer.stop()  # the file system's notifications alone must be enough here

    save_as_leeds(path, "Leeds, first save.")
    qtbot.waitUntil(lambda: shows(window, "Leeds, first save."), timeout=5000)
    assert storage.list_backups(path)  # the replaced file lives on as a backup: the old watch would stay there

    save_as_leeds(path, "Leeds, second save.")
    qtbot.waitUntil(lambda: shows(window, "Leeds, second save."), timeout=5000)

    save_as_leeds(path, "Leeds, third save.")
    qtbot.waitUntil(lambda: shows(window, "Leeds, third save."), timeout=5000)


def test_a_save_no_notification_reports_is_found_by_polling(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.watcher.blockSignals(True)  # a network drive that sends no notifications
    try:
        save_as_leeds(path, "Leeds saved over the network.")
        qtbot.waitUntil(lambda: shows(window, "Leeds saved over the network."), timeout=10_000)
        save_as_leeds(path, "And again.")
        qtbot.waitUntil(lambda: shows(window, "And again."), timeout=10_000)
    finally:
        window.watcher.blockSignals(False)
    assert "Another partner saved this project" in window.disk_label.text()


def test_endorsements_saved_after_a_first_change_reach_the_status_line(qtbot, sample_window, dialogs, tmp_path):
    """The reported symptom: after one external save, later endorsements never reached the window."""
    from wyassembler.core import signoff

    window = sample_window(CALDERDALE_LEAD)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.poll_timer.stop()
    save_as_leeds(path, "Leeds, first save.")
    qtbot.waitUntil(lambda: shows(window, "Leeds, first save."), timeout=5000)
    before = signoff.endorsement_count(window.document.project)

    theirs = storage.load(path).project
    signoff.endorse_response(theirs, LEEDS)
    storage.save_project(theirs, path)
    after = signoff.endorsement_count(theirs)
    assert after != before
    qtbot.waitUntil(lambda: window.progress_label.text().startswith(f"{after[0]} of {after[1]} "), timeout=5000)
