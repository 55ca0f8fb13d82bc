"""Paths the app keeps are absolute, worked out once when a project is opened: a project opened by a
relative name (``wyassembler open coord.wyproj``) is still the same file after the working folder
changes, for saving, crash recovery, recent files and the export's default target."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR
from tests.ui.editor_input import type_at_end
from wyassembler.core.presets import WEST_YORKSHIRE, new_project
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import to_bytes
from wyassembler.resource_files import SAMPLE, resource_bytes
from wyassembler.ui import app as ui_app
from wyassembler.ui.common import prefs
from wyassembler.ui.operations import recovery
from wyassembler.ui.dialogs.export import ExportDialog, load_engine


def save_and_settle(qtbot, window) -> bool:
    """Save through the window and wait for the save to finish, on whichever thread it runs."""
    if not window.save():
        return False
    is_saving = getattr(window, "is_saving", None)
    if is_saving is not None:
        qtbot.waitUntil(lambda: not is_saving(), timeout=20_000)
    return not window.document.is_dirty()


def as_if_crashed(writer: recovery.RecoveryWriter) -> None:
    """Make the recovery note name a process that has ended, as a crash leaves it."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    meta = json.loads(writer.meta_path.read_text(encoding="utf-8"))
    meta["pid"] = int(dead.stdout)
    writer.meta_path.write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture
def shared_folder(tmp_path, monkeypatch) -> Path:
    """A coordinator's folder holding coord.wyproj, made the working folder."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "coord.wyproj").write_bytes(resource_bytes(*SAMPLE))
    monkeypatch.chdir(folder)
    return folder


def test_a_project_opened_by_a_relative_name_is_kept_by_its_absolute_path(make_window, shared_folder, tmp_path,
                                                                          monkeypatch):
    window = make_window(CALDERDALE_LEAD)
    assert window.open_path("coord.wyproj")
    shared = shared_folder / "coord.wyproj"
    assert window.document.path.is_absolute() and window.document.path == shared.resolve()
    assert prefs.recent_files()[0] == shared.resolve()
    monkeypatch.chdir(tmp_path)
    assert ExportDialog._default_output(window.document.project, window.document.path, draft=False) == \
        shared.resolve().with_name("coord - final.docx")


def test_recovered_work_is_saved_to_the_shared_file_after_starting_elsewhere(qtbot, make_window, shared_folder,
                                                                            tmp_path, monkeypatch, dialogs):
    window = make_window(COORDINATOR)
    assert window.open_path("coord.wyproj")
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    type_at_end(qtbot, window, " Typed before the crash.")
    window.commit_editor()
    writer = window.recovery
    window.autosave()
    if hasattr(writer, "flush"):
        writer.flush()
    note = json.loads(writer.meta_path.read_text(encoding="utf-8"))
    assert note["original"] == str((shared_folder / "coord.wyproj").resolve())
    as_if_crashed(writer)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    window.recovery = recovery.RecoveryWriter()  # the crashed run's writer is gone
    fresh = make_window(COORDINATOR)
    dialogs.message_box_button = "Recover"
    assert ui_app.offer_recovery(fresh)
    assert fresh.document.path == (shared_folder / "coord.wyproj").resolve()
    assert save_and_settle(qtbot, fresh)
    assert not (elsewhere / "coord.wyproj").exists()
    on_disk = storage.load(shared_folder / "coord.wyproj").project.section(section.id)
    assert on_disk.blocks[-1].spans[-1].text.endswith("Typed before the crash.")


def test_a_recovery_note_with_a_relative_path_is_recovered_as_unsaved_work(make_window, shared_folder, tmp_path,
                                                                          monkeypatch, dialogs):
    """Notes written before paths were made absolute: the folder they meant is unknown, so the work
    opens as a new, unsaved project (Save asks where) instead of creating a file in today's folder."""
    writer = recovery.RecoveryWriter()
    project = new_project("Old note", preset=WEST_YORKSHIRE, person="H. Dawson")
    writer.data_path.parent.mkdir(parents=True, exist_ok=True)
    writer.data_path.write_bytes(to_bytes(project))
    writer.meta_path.write_text(json.dumps({"original": "coord.wyproj", "title": "Old note",
                                            "saved_at": "2026-01-01T10:00:00+00:00", "pid": os.getpid(),
                                            "host": "another-machine"}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [left] = recovery.left_behind()
    assert left.original is None
    assert "coord.wyproj" in left.describe() and "Save As" in left.describe()
    window = make_window(CALDERDALE_LEAD)
    dialogs.message_box_button = "Recover"
    assert ui_app.offer_recovery(window)
    assert window.document.path is None and window.document.is_dirty()


def test_cli_open_hands_the_app_an_absolute_path(monkeypatch, shared_folder):
    from wyassembler import cli

    started = []
    monkeypatch.setattr(ui_app, "run", lambda project=None, argv=None: started.append(project) or 0)
    assert cli.main(["open", "coord.wyproj"]) == 0
    assert cli.main(["coord.wyproj"]) == 0
    assert started == [str((shared_folder / "coord.wyproj").resolve())] * 2


@pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")
def test_an_export_name_typed_without_a_folder_goes_beside_the_project(qtbot, make_window, shared_folder, tmp_path,
                                                                      monkeypatch):
    window = make_window(COORDINATOR)
    assert window.open_path("coord.wyproj")
    monkeypatch.chdir(tmp_path)
    dialog = ExportDialog(window.document.project, window.document.path, window)
    qtbot.addWidget(dialog)
    dialog.output.setText("typed.docx")
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.open_document_button.isHidden(), timeout=15000)
    assert dialog.output_path == (shared_folder / "typed.docx").resolve()
    assert dialog.output_path.exists() and not (tmp_path / "typed.docx").exists()
