"""The project's life on disk: saving, the title, recent files, crash recovery, and another
partner saving the same file while it is open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, save_and_wait
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage
from wyassembler.ui import app as ui_app
from wyassembler.ui.common import prefs
from wyassembler.ui.operations import recovery
from tests.ui.editor_input import type_at_end



def saved_sample(qtbot, window, dialogs, tmp_path: Path) -> Path:
    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)
    return tmp_path / "response.wyproj"


def test_save_as_clears_the_modified_mark_and_lists_the_file(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    assert window.isWindowModified()
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    assert path.exists()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("response.wyproj")
    assert prefs.recent_files()[0] == path.resolve()

    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " More.")
    assert window.isWindowModified()
    assert save_and_wait(qtbot, window)
    assert not window.isWindowModified()
    assert "More." in storage.load(path).project.find_section("3").blocks[-1].spans[-1].text

    window.close_project()
    assert window.stack.currentIndex() == 0
    assert window.start_page.recent.count() == 1
    window.start_page.recent_chosen.emit(str(path))
    assert window.document is not None and window.document.path == path


def test_a_file_that_cannot_be_read_is_a_plain_dialog(make_window, dialogs, tmp_path):
    broken = tmp_path / "broken.wyproj"
    broken.write_text("<not a project", encoding="utf-8")
    window = make_window()
    assert not window.open_path(broken)
    assert window.document is None
    assert any("broken.wyproj could not be opened" in text for text in dialogs.shown)


def test_autosave_writes_a_recovery_file_that_the_next_start_offers(qtbot, sample_window, make_window, dialogs,
                                                                    tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Typed before the crash.")
    qtbot.waitUntil(window.editor.is_idle, timeout=3000)
    window.autosave()
    window.recovery.flush()  # written on the recovery writer's thread
    files = list(recovery.recovery_dir().glob("*.wyproj"))
    assert len(files) == 1
    assert recovery.left_behind() == []  # this process is alive: its file is not offered to itself

    # Simulate the crash: the file now names a process that has ended.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    meta = files[0].with_suffix(".json")
    meta.write_text(meta.read_text().replace(f'"pid": {__import__("os").getpid()}',
                                             f'"pid": {dead.stdout.strip()}'))
    window.recovery = recovery.RecoveryWriter()  # the crashed run's writer is gone
    left = recovery.left_behind()
    assert len(left) == 1 and left[0].original == path

    fresh = make_window(CALDERDALE_LEAD)
    dialogs.message_box_button = "Recover"
    assert ui_app.offer_recovery(fresh)
    section = fresh.document.project.find_section("3")
    assert section.blocks[-1].spans[-1].text.endswith("Typed before the crash.")
    assert fresh.document.path == path
    assert fresh.isWindowModified()
    assert recovery.left_behind() == []
    # Saving recovered work merges with the file instead of blindly replacing it.
    assert save_and_wait(qtbot, fresh)
    assert storage.load(path).project.find_section("3").blocks[-1].spans[-1].text.endswith("the crash.")


def test_a_clean_close_leaves_no_recovery_file(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    saved_sample(qtbot, window, dialogs, tmp_path)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " x")
    window.commit_editor()
    window.autosave()
    window.recovery.flush()
    assert list(recovery.recovery_dir().glob("*.wyproj"))
    assert save_and_wait(qtbot, window)
    assert not list(recovery.recovery_dir().glob("*.wyproj"))


def test_another_partners_save_is_merged_without_losing_what_was_typed(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.select_section(window.document.project.find_section("3").id)
    type_at_end(qtbot, window, " Ours, not yet saved.")

    # Leeds saves section 5 from another machine.
    theirs = storage.load(path).project
    leeds = Actor("leeds", "R. Ahmed", "partner lead")
    editing.edit_section(theirs, leeds, theirs.find_section("5"), blocks=(Paragraph(plain("Leeds rewrote this.")),))
    storage.save_project(theirs, path)

    qtbot.waitUntil(window.disk_banner.isVisible, timeout=5000)
    project = window.document.project
    assert project.find_section("5").blocks == (Paragraph(plain("Leeds rewrote this.")),)
    assert project.find_section("3").blocks[-1].spans[-1].text.endswith("Ours, not yet saved.")
    assert window.editor.text.toPlainText().endswith("Ours, not yet saved.")
    assert window.isWindowModified()
    assert "Another partner saved this project" in window.disk_label.text()

    assert save_and_wait(qtbot, window)
    on_disk = storage.load(path).project
    assert on_disk.find_section("5").blocks == (Paragraph(plain("Leeds rewrote this.")),)
    assert on_disk.find_section("3").blocks[-1].spans[-1].text.endswith("Ours, not yet saved.")


def test_saving_over_a_changed_file_merges_instead_of_overwriting(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    path = saved_sample(qtbot, window, dialogs, tmp_path)
    window.watcher.removePaths(window.watcher.files())  # as if the change arrived unnoticed (a network drive)
    theirs = storage.load(path).project
    editing.edit_section(theirs, Actor("wakefield", "T. Lee"), theirs.find_section("6"),
                         blocks=(Paragraph(plain("Wakefield's last word.")),))
    storage.save_project(theirs, path)
    window.sections.rename_section_to(window.document.project.find_section("1").id, "Background")
    assert save_and_wait(qtbot, window)
    on_disk = storage.load(path).project
    assert on_disk.find_section("1").heading == "Background"
    assert on_disk.find_section("6").blocks == (Paragraph(plain("Wakefield's last word.")),)


def test_window_layout_is_remembered(make_window):
    window = make_window()
    window.resize(701, 503)  # the offscreen screen is 800 x 600
    window.close()
    again = make_window()
    assert (again.size().width(), again.size().height()) == (701, 503)


def test_cli_open_starts_the_app_and_the_cli_imports_no_qt(monkeypatch, tmp_path):
    from wyassembler import cli

    started = []
    monkeypatch.setattr(ui_app, "run", lambda project=None, argv=None: started.append(project) or 0)
    assert cli.main(["open", str(tmp_path / "x.wyproj")]) == 0
    assert cli.main([]) == 0
    assert started == [str(tmp_path / "x.wyproj"), None]
    code = "import sys, wyassembler.cli; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
