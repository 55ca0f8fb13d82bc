"""PDF in the export dialog (issue 19 item 4): Word or a tagged PDF (the format chosen, or the extension
typed), PDF/A-2 as well when asked, written by LibreOffice on the dialog's worker thread; the public copy
in the same format; LibreOffice missing said in one line; and an accessibility error that would refuse a
final export, or a PDF at all (a table without a header row), said before exporting, with the Accessibility
view a click away."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tests.ui.conftest import COORDINATOR
from wyassembler.core.content import Paragraph, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from tests.ui.test_export_public import confidential
from wyassembler.ui.dialogs.export import ExportDialog, load_pdf_engine

pikepdf = pytest.importorskip("pikepdf")
pytestmark = [pytest.mark.skipif(load_pdf_engine() is None, reason="the PDF export is not in this build"),
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")]

TEMPLATES = Path(__file__).parents[1] / "data" / "templates"


def dialog_for(qtbot, window, tmp_path, **kwargs) -> ExportDialog:
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def as_pdf(dialog: ExportDialog) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))


def export(qtbot, dialog: ExportDialog) -> None:
    """Export and wait for the result (LibreOffice takes a second or two)."""
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=180_000)


def test_a_pdf_export_through_the_dialog_is_a_tagged_pdf_titled_as_the_response(qtbot, sample_window, tmp_path,
                                                                                 monkeypatch):
    import wyassembler.word.pdf_export as pdf_export

    threads: list[threading.Thread] = []
    real = pdf_export.docx_to_pdf

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf_export, "docx_to_pdf", recording)  # the real conversion, its thread noted
    window = sample_window(COORDINATOR)
    dialog = dialog_for(qtbot, window, tmp_path)
    assert dialog.output.text().endswith(" - final.docx") and not dialog.archive.isEnabled()
    as_pdf(dialog)
    assert dialog.output.text() == str(tmp_path / "response - final.pdf")
    assert dialog.archive.isEnabled()
    export(qtbot, dialog)
    target = tmp_path / "response - final.pdf"
    assert dialog.status.text().startswith(f"Exported to {target}."), dialog.status.text()
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert threads and threads[0] is not threading.main_thread()
    with pikepdf.open(target) as pdf:
        assert str(pdf.docinfo["/Title"]) == window.document.project.title
        assert bool(pdf.Root.MarkInfo.Marked) and str(pdf.Root.Lang) == "en-GB"
        assert "/StructTreeRoot" in pdf.Root
        assert b"pdfaid:part" not in pdf.Root.Metadata.read_bytes()
    assert list(tmp_path.iterdir()) == [target]  # nothing else left behind


def test_pdf_a_2_as_well_when_asked(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    dialog = dialog_for(qtbot, window, tmp_path)
    as_pdf(dialog)
    dialog.archive.setChecked(True)
    export(qtbot, dialog)
    with pikepdf.open(tmp_path / "response - final.pdf") as pdf:
        metadata = pdf.open_metadata()
        assert metadata.get("pdfaid:part") == "2" and metadata.get("pdfuaid:part") == "1"


def test_the_extension_typed_chooses_the_format_and_the_names_follow_it(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    dialog.output.setText(str(tmp_path / "ours.pdf"))
    assert dialog.suffix() == ".pdf" and dialog.archive.isEnabled()
    assert dialog.public_copy.output.text() == str(tmp_path / "ours (public).pdf")
    dialog.format.setCurrentIndex(dialog.format.findData(".docx"))
    assert dialog.output.text() == str(tmp_path / "ours.docx") and not dialog.archive.isEnabled()
    assert dialog.public_copy.output.text() == str(tmp_path / "ours (public).docx")


def test_the_public_copy_is_a_pdf_too_and_a_word_name_for_it_is_refused(qtbot, sample_window, tmp_path, dialogs):
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    qtbot.waitUntil(lambda: not dialog.public_copy.checking(), timeout=20_000)
    dialog.draft.setChecked(True)  # section 4 changed: no longer signed off
    as_pdf(dialog)
    dialog.public_copy.output.setText(str(tmp_path / "for the web.docx"))
    dialog.start_export()
    assert not dialog.is_running() and "should end in .pdf" in dialog.status.text()
    dialog.public_copy.output.setText(str(tmp_path / "for the web.pdf"))
    export(qtbot, dialog)
    assert "Public copy (confidential sections withheld)" in dialog.status.text(), dialog.status.text()
    for name in ("response - draft.pdf", "for the web.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    assert dialog.open_public_button.isVisible()


def test_libreoffice_missing_is_said_in_one_line_and_nothing_is_written(qtbot, sample_window, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice anywhere the engine looks on Linux
    window = sample_window(COORDINATOR)
    dialog = dialog_for(qtbot, window, tmp_path)
    as_pdf(dialog)
    export(qtbot, dialog)
    status = dialog.status.text()
    assert status.startswith("The document was not exported: ") and len(status.splitlines()) == 1, status
    assert "LibreOffice" in status
    assert list(tmp_path.iterdir()) == []
    assert dialog.export_button.isEnabled()  # free to try again


def test_an_accessibility_error_is_said_before_exporting_and_the_view_is_a_click_away(qtbot, sample_window, tmp_path,
                                                                                      dialogs):
    window = sample_window(COORDINATOR)
    view = window.project_ops.accessibility
    dialog = dialog_for(qtbot, window, tmp_path, show_accessibility=view.show)
    assert dialog.final.isEnabled() and dialog.final.isChecked()  # the sample is signed off
    assert dialog.accessibility_label.text().startswith("No accessibility errors stop a final export")
    # A template whose first-page header has a picture without alt text: a final export would be refused.
    dialogs.open_path = str(TEMPLATES / "first-page-logo.docx")
    dialog.template.setCurrentIndex(dialog.template.findData("choose"))
    dialog.template.activated.emit(dialog.template.currentIndex())
    assert dialog.accessibility_label.text().startswith("A final export will be refused:")
    assert not dialog.final.isEnabled() and dialog.draft.isChecked()
    assert dialog.show_accessibility_button.isVisible()
    dialog.show_accessibility_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: view.panel._reading is None and not view.panel._stale, timeout=20_000)
    assert view.dock.isVisible()
    places = [view.panel.model.index(row, 1).data() for row in range(view.panel.model.rowCount())]
    assert any(place != "Whole response" and not place[:1].isdigit() for place in places), places
    assert "first-page-logo.docx" in view.panel.summary.text()


def test_a_table_without_a_header_row_refuses_the_pdf_as_said_before_and_the_word_draft_is_written(
        qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    project = window.document.project
    section = project.find_section("4")
    headerless = Table((), ((plain("Telephone"), plain("0113 000 0000")),))
    edit_section(project, Actor(project.coordinator or "", "H. Dawson", "coordinator"), section,
                 blocks=section.blocks + (Paragraph(plain("Contact:")), headerless))
    dialog = dialog_for(qtbot, window, tmp_path)
    assert dialog.accessibility_label.text().startswith("A final export will be refused: 1 error")
    as_pdf(dialog)
    said = dialog.accessibility_label.text()
    assert said.startswith("A PDF will be refused: 1 error would make it fail the PDF/UA check (the table that "
                           "begins \u201cTelephone\u201d has no header row"), said
    assert said.endswith("a Word draft can still be exported.")
    export(qtbot, dialog)
    status = dialog.status.text()
    assert status.startswith("The document was not exported: a PDF cannot be written while the response has an "
                             f"error that would make the PDF fail the PDF/UA check (section 4 \u201c{section.heading}"
                             "\u201d): "), status
    assert len(status.splitlines()) == 1 and list(tmp_path.iterdir()) == []
    dialog.format.setCurrentIndex(dialog.format.findData(".docx"))
    assert dialog.accessibility_label.text().startswith("A final export will be refused:")
    export(qtbot, dialog)
    assert (tmp_path / "response - draft.docx").exists(), dialog.status.text()


def test_exporting_the_pdf_again_asks_and_knows_it_for_our_own_unchanged_export(qtbot, sample_window, tmp_path,
                                                                              dialogs):
    from PySide6.QtWidgets import QMessageBox

    window = sample_window(COORDINATOR)
    dialog = dialog_for(qtbot, window, tmp_path)
    as_pdf(dialog)
    export(qtbot, dialog)
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    export(qtbot, dialog)
    assert any("an earlier export from wyassembler, unchanged since" in text for text in dialogs.shown), dialogs.shown
    assert dialog.status.text().startswith("Exported to"), dialog.status.text()
