"""Exports from the app never replace a file silently: default names say draft or final, and an
existing document is replaced only when the person says so, told whether it was edited since."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR
from wyassembler.ui.dialogs.export import ExportDialog, load_engine

pytestmark = pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _export(qtbot, dialog: ExportDialog) -> None:
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=15000)


def test_default_names_say_draft_or_final(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    assert dialog.final.isChecked()
    assert dialog.output.text() == str(tmp_path / "response - final.docx")
    dialog.draft.setChecked(True)
    assert dialog.output.text() == str(tmp_path / "response - draft.docx")
    dialog.output.setText(str(tmp_path / "my name.docx"))
    dialog.final.setChecked(True)
    assert dialog.output.text() == str(tmp_path / "my name.docx")  # a name the person chose stays
    unsaved = ExportDialog(window.document.project, None, window)
    qtbot.addWidget(unsaved)
    assert unsaved.output.text().endswith(" - final.docx")


def test_the_final_export_asks_before_replacing_the_draft(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    target = tmp_path / "response.docx"
    dialog.draft.setChecked(True)
    dialog.output.setText(str(target))
    _export(qtbot, dialog)
    draft = target.read_bytes()
    assert not dialogs.shown  # nothing there yet: nothing to ask

    dialog.final.setChecked(True)
    dialogs.question_answer = NO
    _export(qtbot, dialog)
    assert len(dialogs.shown) == 1 and f"response.docx already exists in the folder {tmp_path}." in dialogs.shown[0]
    assert "unchanged" in dialogs.shown[0]
    assert target.read_bytes() == draft

    dialogs.question_answer = YES
    _export(qtbot, dialog)
    assert target.read_bytes() != draft and "Exported to" in dialog.status.text()


def test_an_edited_document_is_named_as_such_before_it_is_replaced(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    target = tmp_path / "notes.docx"
    document = docx.Document()
    document.add_paragraph("The coordinator's own notes")
    document.save(target)
    before = target.read_bytes()
    dialog = ExportDialog(window.document.project, None, window)
    qtbot.addWidget(dialog)
    dialog.output.setText(str(target))
    dialogs.question_answer = NO
    _export(qtbot, dialog)
    assert "was not written by wyassembler" in dialogs.shown[-1] and target.read_bytes() == before


def test_browsing_leaves_the_question_to_the_export(qtbot, sample_window, dialogs, monkeypatch, tmp_path):
    """The save dialog would only ask about the name typed, not the one with .docx added; the app asks
    once, at export, about the file it will really write."""
    seen = {}

    def save_dialog(*args, **kwargs):
        seen.update(kwargs)
        return str(tmp_path / "chosen"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    window = sample_window(COORDINATOR)
    dialog = ExportDialog(window.document.project, None, window)
    qtbot.addWidget(dialog)
    dialog._browse_output()
    assert dialog.output.text() == str(tmp_path / "chosen.docx")
    assert seen["options"] & QFileDialog.Option.DontConfirmOverwrite


def _edit_returned(path: Path) -> None:
    document = docx.Document(path)
    box = list(document.element.body.iter(qn("w:sdt")))[1]
    box.find(qn("w:sdtContent")).append(document.add_paragraph("Written in Word by Calderdale.")._p)
    document.save(path)


def test_exporting_my_sections_again_asks_before_replacing_the_returned_pack(
        qtbot, sample_window, dialogs, reports, monkeypatch, tmp_path):
    offered = []

    def save_dialog(parent, caption, start, *args, **kwargs):
        offered.append((start, kwargs.get("options")))
        return dialogs.save_path, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    window = sample_window(CALDERDALE_LEAD)
    dialogs.save_path = str(tmp_path / "calderdale")  # .docx is added: the save dialog never saw that name
    window.app_actions.export_pack.trigger()
    pack = tmp_path / "calderdale.docx"
    assert pack.exists() and not dialogs.shown
    start, options = offered[0]
    assert Path(start).name.endswith("Calderdale - pack to edit.docx")
    assert options & QFileDialog.Option.DontConfirmOverwrite
    assert "returned" in reports[-1].summary.text()

    _edit_returned(pack)
    returned = pack.read_bytes()
    dialogs.question_answer = NO
    window.app_actions.export_pack.trigger()
    assert "calderdale.docx already exists" in dialogs.shown[-1]
    assert "has been changed since wyassembler wrote it" in dialogs.shown[-1]
    assert pack.read_bytes() == returned and len(reports) == 1

    dialogs.question_answer = YES
    window.app_actions.export_pack.trigger()
    assert pack.read_bytes() != returned and len(reports) == 2
