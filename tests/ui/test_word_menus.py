"""Word from the menus: File › Import Word Document…, and the Partner menu's pack out and back."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, KIRKLEES_LEAD, save_and_wait
from wyassembler.core.content import Paragraph, plain
from wyassembler.projectfile import storage
from wyassembler.ui.dialogs.word_import import ImportWordDialog


@pytest.fixture
def import_answers(qtbot, monkeypatch):
    """The import dialog answered: Import pressed, and the worker thread waited for."""
    seen: list[ImportWordDialog] = []

    def answer(dialog: ImportWordDialog):
        seen.append(dialog)
        dialog.import_button.click()
        qtbot.waitUntil(dialog.is_done, timeout=10000)
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=5000)
        return dialog.result()

    monkeypatch.setattr(ImportWordDialog, "exec", answer)
    return seen


def word_document(path):
    """A small response as Word writes it, with a tracked insertion and a comment-free footnote-free body."""
    document = docx.Document()
    document.add_paragraph("Response to the \u201cShared Services\u201d consultation", style="Title")
    document.add_paragraph("From the Heads of ICT", style="Subtitle")
    document.add_heading("1 Background", 1)
    paragraph = document.add_paragraph("We spent \u00a34m. ")
    paragraph.add_run("Bold point.").bold = True
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="7" w:author="A. Khan" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t xml:space="preserve"> Inserted later.</w:t></w:r></w:ins>'))
    document.add_paragraph("A bullet", style="List Bullet")
    document.add_heading("Shared services", 2)
    document.add_paragraph("Details.")
    document.add_heading("2 Conclusion", 1)
    document.add_paragraph("The end.")
    document.save(path)
    return path


def test_import_word_document_opens_a_new_unsaved_project_and_shows_the_report(
        qtbot, make_window, dialogs, reports, import_answers, tmp_path):
    window = make_window(COORDINATOR)
    dialogs.open_path = str(word_document(tmp_path / "draft.docx"))
    window.app_actions.import_word.trigger()

    assert import_answers[0].preset.isChecked()  # Joint Services is a West Yorkshire body
    project = window.document.project
    assert project.title == "Response to the \u201cShared Services\u201d consultation"
    assert project.subtitle == "From the Heads of ICT"
    assert [(level, s.heading) for _, level, s in project.walk()] == [
        (1, "Background"), (2, "Shared services"), (1, "Conclusion")]
    assert window.document.path is None and window.isWindowModified()
    assert window.document.actor is not None  # the coordinator may work on it straight away
    assert "Inserted later." in project.find_section("1").blocks[0].spans[-1].text

    (report,) = reports
    assert report.windowTitle() == "Word Document Imported"
    assert "3 sections" in report.summary.text() and "not saved yet" in report.summary.text()
    assert "Tracked changes, taken as accepted\n  - 1 tracked insertion accepted" in report.text()

    dialogs.save_path = str(tmp_path / "imported")
    assert save_and_wait(qtbot, window)  # Save asks where
    assert storage.load(tmp_path / "imported.wyproj").project.title == project.title


def test_import_without_the_preset_makes_the_user_the_coordinator(qtbot, make_window, dialogs, reports, monkeypatch,
                                                                  tmp_path):
    def answer(dialog):
        dialog.preset.setChecked(False)
        assert dialog.coordinator.isEnabled() and dialog.coordinator.text() == "Kirklees"
        dialog.start_import()
        qtbot.waitUntil(lambda: dialog.is_done() and not dialog.is_running(), timeout=10000)
        return dialog.result()

    monkeypatch.setattr(ImportWordDialog, "exec", answer)
    window = make_window(KIRKLEES_LEAD)
    dialogs.open_path = str(word_document(tmp_path / "draft.docx"))
    window.app_actions.import_word.trigger()
    project = window.document.project
    assert [org.id for org in project.organisations] == ["kirklees"] and project.coordinator == "kirklees"
    assert window.document.actor is not None and window.document.may_restructure()


def test_a_file_that_is_not_word_is_refused_in_plain_words(qtbot, sample_window, dialogs, reports, import_answers,
                                                            tmp_path):
    window = sample_window(COORDINATOR)
    before = window.document
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"this is not a Word document")
    dialogs.open_path = str(bad)
    window.app_actions.import_word.trigger()
    dialog = import_answers[0]
    assert dialog.error and "Traceback" not in dialog.error
    assert dialog.status.text().startswith("notes.docx was not imported.")
    assert window.document is before and not reports


def _edit_pack(path, section_index: int, text: str) -> None:
    """Add a paragraph to a section's box with python-docx, as the partner would in Word."""
    document = docx.Document(path)
    boxes = [sdt for sdt in document.element.body.iter(qn("w:sdt"))
             if sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")).startswith("wyassembler:section:")]
    boxes[section_index].find(qn("w:sdtContent")).append(document.add_paragraph(text)._p)
    document.save(path)


def test_export_my_sections_then_import_them_edited_as_one_undo_step(qtbot, sample_window, dialogs, reports,
                                                                     tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    project = window.document.project
    section = project.find_section("3")
    assert section.owner == "calderdale"
    original = section.blocks

    dialogs.save_path = str(tmp_path / "calderdale")
    window.app_actions.export_pack.trigger()
    pack = tmp_path / "calderdale.docx"
    assert pack.exists()
    exported = reports[-1]
    assert exported.document == str(pack)
    assert f"3 {section.heading}" in exported.text() and "Calderdale" in exported.summary.text()

    _edit_pack(pack, 0, "Written in Word by Calderdale.")
    window.select_section(section.id)
    steps = window.document.undo_stack.count()
    dialogs.open_path = str(pack)
    window.app_actions.import_pack.trigger()

    assert section.blocks[-1] == Paragraph(plain("Written in Word by Calderdale."))
    assert window.editor.text.toPlainText().endswith("Written in Word by Calderdale.")
    assert window.document.undo_stack.count() == steps + 1
    imported = reports[-1]
    assert imported.windowTitle() == "Edited Sections Imported"
    assert imported.groups[0] == ("Updated: a new version of each (their sign-offs need renewing)",
                                  [f"3 {section.heading}"])

    window.app_actions.undo.trigger()
    assert section.blocks == original
    assert not window.editor.text.toPlainText().endswith("Written in Word by Calderdale.")
    window.app_actions.redo.trigger()
    assert section.blocks[-1] == Paragraph(plain("Written in Word by Calderdale."))


def test_a_pack_from_another_organisation_is_refused_and_nothing_changes(qtbot, sample_window, dialogs, reports,
                                                                          tmp_path):
    calderdale = sample_window(CALDERDALE_LEAD)
    dialogs.save_path = str(tmp_path / "calderdale.docx")
    calderdale.app_actions.export_pack.trigger()

    kirklees = sample_window(KIRKLEES_LEAD)
    kirklees.document.project.id = calderdale.document.project.id  # same response, another partner
    steps = kirklees.document.undo_stack.count()
    dialogs.open_path = str(tmp_path / "calderdale.docx")
    kirklees.app_actions.import_pack.trigger()
    assert any("Nothing was imported from calderdale.docx" in text and "made for Calderdale, not for Kirklees" in text
               for text in dialogs.shown)
    assert kirklees.document.undo_stack.count() == steps
    assert len(reports) == 1  # only the export's


def test_partner_menu_needs_to_know_who_you_are(qtbot, sample_window, dialogs, reports):
    window = sample_window(None)
    window.app_actions.export_pack.trigger()
    assert any("does not know who you are" in text for text in dialogs.shown)
    assert not reports
