"""Identity on the first run, the export dialog, pasting from Word or the web, and formatting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, identity_answer
from wyassembler.core.content import ListItem, Paragraph, Span, Table
from wyassembler.settings import load_identity
from wyassembler.ui import app as ui_app
from wyassembler.ui.dialogs.forms import IdentityDialog
from wyassembler.ui.dialogs.export import ExportDialog, load_engine


def test_first_run_asks_who_you_are_and_keeps_it(qtbot, monkeypatch):
    def answer(dialog):
        assert dialog.windowTitle() == "Welcome to wyassembler"
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # a name is needed
        qtbot.keyClicks(dialog.name, "J. Smith")
        dialog.organisation.setCurrentIndex(dialog.organisation.findData("calderdale"))
        dialog.role.setCurrentIndex(dialog.role.findData("partner lead"))
        assert ok.isEnabled()
        return IdentityDialog.DialogCode.Accepted

    monkeypatch.setattr(IdentityDialog, "exec", answer)
    assert load_identity() is None
    identity = ui_app.ask_identity()
    assert (identity.name, identity.organisation, identity.role) == ("J. Smith", "calderdale", "partner lead")
    assert load_identity() == identity


def test_changing_identity_changes_what_you_may_do(sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    assert window.app_actions.add_section.isEnabled()
    assert not window.app_actions.sign_off.isEnabled()

    monkeypatch.setattr(IdentityDialog, "exec", identity_answer("J. Smith", "calderdale", "partner lead"))
    window.app_actions.identity.trigger()
    assert window.app_actions.request_changes.isEnabled()
    # Calderdale approved this text in the sample: signing it off again would add nothing, and says so.
    assert "Approved already" in window.app_actions.sign_off.toolTip()
    assert not window.app_actions.add_section.isEnabled()
    assert window.identity_label.text().startswith("J. Smith \u00b7 Calderdale")


@pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")
def test_export_dialog_runs_the_engine_off_the_gui_thread(qtbot, sample_window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("wyassembler.ui.dialogs.export.QDesktopServices.openUrl", lambda url: opened.append(url))
    window = sample_window(COORDINATOR)
    dialog = ExportDialog(window.document.project, None, window)
    qtbot.addWidget(dialog)
    assert dialog.final.isEnabled() and dialog.final.isChecked()  # the sample is fully signed off
    assert dialog.missing.isHidden()
    assert dialog.progress.isHidden() and dialog.progress.accessibleName() == "Exporting"  # named for screen readers
    dialog.output.setText(str(tmp_path / "response.docx"))
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.open_document_button.isHidden(), timeout=15000)
    assert (tmp_path / "response.docx").stat().st_size > 1000
    assert "Exported to" in dialog.status.text()
    dialog.open_folder()
    assert opened and opened[0].toLocalFile() == str(tmp_path)


def test_export_dialog_shows_who_has_not_signed_and_offers_only_a_draft(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    window.select_section(window.document.project.find_section("3").id)
    editor = window.editor.text
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" Changed.")
    window.commit_editor()
    dialog = ExportDialog(window.document.project, None, window)
    qtbot.addWidget(dialog)
    assert not dialog.final.isEnabled() and dialog.draft.isChecked()
    lines = [dialog.missing.item(i).text() for i in range(dialog.missing.count())]
    assert any(line.startswith("Calderdale: section 3") and "stale" in line for line in lines)


def test_export_is_for_the_coordinator(sample_window):
    assert sample_window(COORDINATOR).app_actions.export.isEnabled()
    assert not sample_window(CALDERDALE_LEAD).app_actions.export.isEnabled()


def test_paste_from_word_keeps_only_what_a_section_can_hold(sample_window):
    window = sample_window(CALDERDALE_LEAD)
    window.select_section(window.document.project.find_section("3").id)
    editor = window.editor.text
    editor.document().clear()
    html = ('<h1 style="color:red">Heading</h1>'
            '<p class=MsoListParagraph>\u00b7&nbsp;&nbsp;A Word bullet</p>'
            '<p><span style="font-family:Comic Sans MS;font-size:30pt">Big</span> <b>bold</b> '
            '<img src="x.png"><a href="javascript:alert(1)">unsafe</a> <a href="https://gov.uk">safe</a></p>'
            '<table><tr><th>Who</th><th>What</th></tr><tr><td>Leeds</td><td><i>Yes</i></td></tr></table>')
    data = QMimeData()
    data.setHtml(html)
    editor.insertFromMimeData(data)
    blocks = window.editor.current_blocks()
    assert blocks[0] == Paragraph((Span("Heading", bold=True),))
    assert blocks[1] == ListItem((Span("A Word bullet"),), "bullet", 1)
    assert blocks[2] == Paragraph((Span("Big "), Span("bold", bold=True), Span(" unsafe "),
                                   Span("safe", href="https://gov.uk")))
    assert isinstance(blocks[3], Table) and blocks[3].rows[0][1] == (Span("Yes", italic=True),)


def test_format_actions_make_lists_levels_bold_and_links(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    window.select_section(window.document.project.find_section("3").id)
    editor = window.editor.text
    editor.document().clear()
    editor.setFocus()
    qtbot.keyClicks(editor, "First")
    window.app_actions.bullets.trigger()
    assert window.app_actions.bullets.isChecked()
    cursor = editor.textCursor()
    cursor.insertBlock()
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "Second")
    window.app_actions.list_deeper.trigger()
    window.app_actions.numbers.trigger()
    cursor.insertBlock()
    editor.setTextCursor(cursor)
    window.app_actions.paragraph.trigger()
    window.app_actions.bold.trigger()
    qtbot.keyClicks(editor, "Strong")
    from wyassembler.ui.dialogs.link import LinkDialog

    def answer(dialog):  # no words typed for the link: the address is shown
        dialog.address.setText("https://www.westyorkshire.gov.uk")
        return LinkDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkDialog, "exec", answer)
    window.app_actions.link.trigger()
    assert window.editor.current_blocks() == (
        ListItem((Span("First"),), "bullet", 1),
        ListItem((Span("Second"),), "number", 2),
        Paragraph((Span("Strong", bold=True), Span("https://www.westyorkshire.gov.uk",
                                                     href="https://www.westyorkshire.gov.uk"))),
    )
