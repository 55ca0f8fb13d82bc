"""Partner › Export My Sections for Word…: "Include open comments" (ticked when the organisation's sections have
an open thread, off and saying why when none), the pack written off the UI thread carrying them as Word comments
(read back with python-docx) or not, and the count in the result."""

from __future__ import annotations

import threading

import docx
import pytest

from tests.factories import KIRKLEES, T0
from tests.ui.conftest import CALDERDALE_LEAD
from wyassembler.core.comments import add_comment, set_resolved
from wyassembler.word import packs


@pytest.fixture
def export_threads(monkeypatch) -> list[threading.Thread]:
    """The thread each pack was written on (the real export_pack, watched)."""
    threads: list[threading.Thread] = []
    real = packs.export_pack

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(packs, "export_pack", watched)
    return threads


def _calderdale_with_threads(sample_window):
    """Calderdale's lead with three open threads on Calderdale's section 3 (one a reply's thread), one resolved
    there and one open on Kirklees' section 2, which a Calderdale pack does not hold."""
    window = sample_window(CALDERDALE_LEAD)
    project = window.document.project
    ours, theirs = project.find_section("3"), project.find_section("2")
    assert ours.owner == "calderdale" and "calderdale" not in theirs.editors()
    first = add_comment(project, KIRKLEES, ours, "Which year are these figures from?", now=T0)
    add_comment(project, KIRKLEES, ours, "And whose?", reply_to=first.id, now=T0)
    add_comment(project, KIRKLEES, ours, "Cite the review here.", now=T0)
    add_comment(project, KIRKLEES, ours, "Shorter?", quote=ours.heading, now=T0)
    done = add_comment(project, KIRKLEES, ours, "Settled already.", now=T0)
    set_resolved(project, KIRKLEES, done.id, True, now=T0)
    add_comment(project, KIRKLEES, theirs, "Not Calderdale's to answer.", now=T0)
    return window


def test_open_threads_on_my_sections_are_offered_ticked_and_written_as_word_comments(
        qtbot, sample_window, dialogs, reports, export_threads, tmp_path):
    window = _calderdale_with_threads(sample_window)
    dialogs.save_path = str(tmp_path / "calderdale")
    window.app_actions.export_pack.trigger()

    (dialog,) = dialogs.pack_dialogs
    assert dialog.comments.isEnabled() and dialog.comments.isChecked()
    assert dialog.comments.text() == "&Include open comments (3 open threads)"
    assert dialog.comments.toolTip().startswith("3 open comment threads on Calderdale's sections")
    assert export_threads and export_threads[0] is not threading.main_thread()  # off the UI thread
    comments = {comment.text for comment in docx.Document(tmp_path / "calderdale.docx").comments}
    assert comments == {"Which year are these figures from?", "And whose?", "Cite the review here.", "Shorter?"}
    summary = reports[-1].summary.text()
    assert summary.startswith("Pack for Calderdale written with 3 open comment threads. calderdale.docx holds")
    assert "with 3 open comment threads" in window.statusBar().currentMessage()


def test_unticked_the_pack_has_no_comments_and_the_result_says_they_were_left_out(
        qtbot, sample_window, dialogs, reports, tmp_path):
    window = _calderdale_with_threads(sample_window)
    dialogs.save_path = str(tmp_path / "calderdale")
    dialogs.pack_comments = False
    window.app_actions.export_pack.trigger()

    assert not dialogs.pack_dialogs[0].comments.isChecked()
    assert len(docx.Document(tmp_path / "calderdale.docx").comments) == 0
    assert reports[-1].summary.text().startswith("Pack for Calderdale written without its 3 open comment threads.")


def test_without_an_open_thread_on_my_sections_the_box_is_off_and_says_why(
        qtbot, sample_window, dialogs, reports, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    project = window.document.project
    add_comment(project, KIRKLEES, project.find_section("2"), "Not Calderdale's to answer.", now=T0)  # not in the pack
    done = add_comment(project, KIRKLEES, project.find_section("3"), "Settled already.", now=T0)
    set_resolved(project, KIRKLEES, done.id, True, now=T0)
    dialogs.save_path = str(tmp_path / "calderdale")
    window.app_actions.export_pack.trigger()

    dialog = dialogs.pack_dialogs[0]
    assert not dialog.comments.isEnabled() and not dialog.comments.isChecked()
    assert dialog.comments.text() == "&Include open comments"
    assert dialog.comments.toolTip() == "No comment thread on Calderdale's sections is open."
    assert len(docx.Document(tmp_path / "calderdale.docx").comments) == 0
    assert reports[-1].summary.text().startswith("calderdale.docx holds")
