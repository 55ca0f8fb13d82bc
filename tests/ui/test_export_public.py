"""The export dialog's public copy (issue 18 item 4): offered beside the full response only when a section is
marked confidential (else it says why), under its own name ("<name> (public).docx"), with the warning of a
confidential section's text quoted in a section the public copy prints shown before exporting; both files
written on the worker thread and both reported; the public file lacks the confidential text."""

from __future__ import annotations

import gc
import io
import threading
import zipfile

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR
from tests.word.readback import body_paragraphs, open_docx
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.ui.dialogs.export import ExportDialog, load_engine

pytestmark = pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")

SECRET = "QXSECRET: the depot lease costs one point two million pounds over five years."
QUOTE = "As we said, the depot lease costs one point two million pounds, which is too much."


def confidential(window, quoted: bool = False) -> None:
    """Section 4 of the open sample gets a paragraph of SECRET and is marked confidential; with ``quoted``,
    section 6 quotes nine words of it (without the token)."""
    project = window.document.project
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    section = project.find_section("4")
    edit_section(project, coordinator, section, blocks=section.blocks + (Paragraph(plain(SECRET)),))
    if quoted:
        six = project.find_section("6")
        edit_section(project, coordinator, six, blocks=six.blocks + (Paragraph(plain(QUOTE)),))
    mark_section(project, coordinator, section, True, "commercially sensitive")


def dialog_for(qtbot, window, tmp_path) -> ExportDialog:
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.show()
    # The search for quoted confidential text runs on a worker as the dialog opens; its answer is shown after.
    looking = "Looking for confidential text"
    qtbot.waitUntil(lambda: not dialog.public_copy.warnings.text().startswith(looking), timeout=20000)
    return dialog


def export(qtbot, dialog: ExportDialog) -> None:
    """Export and wait for the result to be shown (the thread ends before its queued signal arrives)."""
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.close_button.isEnabled(), timeout=30000)


def every_part(data: bytes) -> bytes:
    """Every part of a .docx package, decompressed, one after another."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return b"".join(package.read(name) for name in package.namelist())


def visible_text(data: bytes) -> str:
    document = open_docx(data)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in body_paragraphs(document)] + cells)


def test_the_dialog_writes_the_full_response_and_the_public_copy_without_the_confidential_text(
        qtbot, sample_window, tmp_path, monkeypatch):
    import wyassembler.word.writer as writer

    threads: list[threading.Thread] = []
    real = writer.export_docx

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(writer, "export_docx", recording)
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    box = dialog.public_copy
    assert box.write.isEnabled() and box.write.isChecked()
    assert "section 4 (commercially sensitive)" in box.note.text()
    assert not box.warnings.isVisible()
    full, public = tmp_path / "response - draft.docx", tmp_path / "response - draft (public).docx"
    assert box.output.text() == str(public)
    export(qtbot, dialog)
    status = dialog.status.text()
    assert f"Exported to {full}." in status and f"Public copy (confidential sections withheld): {public}." in status
    assert len(threads) == 2 and threading.main_thread() not in threads  # both off the UI thread
    assert dialog.output_path == full and dialog.public_path == public
    full_text, public_text = visible_text(full.read_bytes()), visible_text(public.read_bytes())
    assert SECRET in full_text
    assert "QXSECRET" not in public_text and "Section 4 is withheld: commercially sensitive." in public_text
    assert b"QXSECRET" not in every_part(public.read_bytes())


def test_the_note_says_which_withheld_sections_take_sub_sections_with_them(qtbot, sample_window, tmp_path):
    """It said "Withheld in the public copy, with their sub-sections:" of sections that had none."""
    from wyassembler.core.outline import add_section

    window = sample_window(COORDINATOR)
    project = window.document.project
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    four = project.find_section("4")
    for heading in ("Costs", "Staff"):
        add_section(project, coordinator, heading, four.owner, (), parent=four)
    mark_section(project, coordinator, four, True, "commercially sensitive")
    mark_section(project, coordinator, project.find_section("2"), True, "personal data")
    box = dialog_for(qtbot, window, tmp_path).public_copy
    assert box.note.text() == ("Withheld in the public copy: section 2 (personal data); section 4 and its 2 "
                               "sub-sections (commercially sensitive).")


def test_the_public_copy_is_offered_only_with_a_confidential_section_and_says_why(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    dialog = dialog_for(qtbot, window, tmp_path)
    box = dialog.public_copy
    assert not box.write.isEnabled() and not box.wanted()
    assert box.note.isVisible() and "No section is marked confidential" in box.note.text()
    assert "Mark Confidential" in box.write.toolTip()
    assert not box.output.isVisible()
    export(qtbot, dialog)
    assert dialog.public_path is None and "Public copy" not in dialog.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["response - final.docx"]


def test_a_confidential_text_quoted_elsewhere_is_warned_of_before_the_export(qtbot, sample_window, tmp_path,
                                                                             monkeypatch):
    from wyassembler.ui.dialogs import public_copy_box

    threads: list[threading.Thread] = []
    real = public_copy_box.quoted_elsewhere

    def recording(project):
        threads.append(threading.current_thread())
        return real(project)

    monkeypatch.setattr(public_copy_box, "quoted_elsewhere", recording)
    window = sample_window(COORDINATOR)
    confidential(window, quoted=True)
    dialog = dialog_for(qtbot, window, tmp_path)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()  # off the UI thread
    warnings = dialog.public_copy.warnings
    assert warnings.isVisible()
    assert warnings.text().startswith("\u26a0 The text of confidential section 4 appears in section 6: the public "
                                      "copy would print it there."), warnings.text()
    assert not list(tmp_path.iterdir())  # shown before anything is written


def test_the_public_name_follows_the_full_name_until_given_its_own(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    public = dialog.public_copy.output
    dialog.output.setText(str(tmp_path / "to government.docx"))
    assert public.text() == str(tmp_path / "to government (public).docx")
    public.setText(str(tmp_path / "for the website.docx"))
    dialog.output.setText(str(tmp_path / "response.docx"))
    assert public.text() == str(tmp_path / "for the website.docx")
    qtbot.mouseClick(dialog.public_copy.write, Qt.MouseButton.LeftButton)  # unticked: no name asked
    assert not dialog.public_copy.wanted() and not public.isEnabled()
    export(qtbot, dialog)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["response.docx"]


def test_the_public_copy_may_not_take_the_full_responses_name(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    dialog.public_copy.output.setText(dialog.output.text())
    export(qtbot, dialog)
    assert "the public copy needs a name of its own" in dialog.status.text()
    assert not list(tmp_path.iterdir())


def test_the_dialog_with_a_public_copy_keeps_one_alt_letter_each(qtbot, sample_window, tmp_path):
    from tests.ui.test_keyboard import assert_unique_dialog_mnemonics

    window = sample_window(COORDINATOR)
    confidential(window)
    dialog = dialog_for(qtbot, window, tmp_path)
    assert_unique_dialog_mnemonics(dialog)
    assert dialog.public_copy.write.text() == "Also write a &public copy (confidential sections withheld)"


def test_closing_the_dialog_while_the_search_runs_leaves_it_to_finish(qtbot, sample_window, tmp_path, monkeypatch):
    from wyassembler.ui.dialogs import public_copy_box

    release = threading.Event()
    real = public_copy_box.quoted_elsewhere

    def held(project):
        release.wait(20)
        return real(project)

    monkeypatch.setattr(public_copy_box, "quoted_elsewhere", held)
    window = sample_window(COORDINATOR)
    confidential(window, quoted=True)
    dialog = ExportDialog(window.document.project, tmp_path / "response.wyproj", window)
    dialog.show()
    assert dialog.public_copy.checking()
    dialog.reject()
    dialog.deleteLater()
    gone = shiboken_watch(dialog)
    qtbot.waitUntil(gone)
    del dialog
    gc.collect()  # nothing of the dialog's holds the search now
    assert len(public_copy_box.QuotedCheck._running) == 1  # held until it ends: a QThread destroyed running aborts
    release.set()  # the search ends after its dialog is gone: nothing to show it in, and no crash
    qtbot.waitUntil(lambda: not public_copy_box.QuotedCheck._running, timeout=20000)


def shiboken_watch(widget):
    """A function telling whether ``widget``'s Qt object has been deleted, holding no reference to it."""
    import weakref

    import shiboken6

    ref = weakref.ref(widget)
    return lambda: ref() is None or not shiboken6.isValid(ref())
