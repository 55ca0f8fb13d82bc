"""The export dialog's "Include open comments (draft only)": off, saying why, for a final export, a PDF or a
project with no open thread; a draft exported with it carries the open threads as Word comments, and its
public copy none."""

from __future__ import annotations

import io

import docx
import pytest

from tests.factories import KIRKLEES
from tests.ui.conftest import COORDINATOR
from tests.ui.test_export_public import confidential, dialog_for, every_part, export
from wyassembler.core.comments import add_comment
from wyassembler.ui.dialogs.export import ExportDialog, load_engine

pytestmark = pytest.mark.skipif(load_engine() is None, reason="the Word export engine is not in this build")


def test_the_box_is_off_with_the_reason_until_a_word_draft_with_open_comments(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    project = window.document.project
    dialog = dialog_for(qtbot, window, tmp_path)
    assert dialog.final.isChecked() and not dialog.comments.isEnabled()  # the sample is signed off
    assert "never part of the final response" in dialog.comments.toolTip()
    dialog.draft.setChecked(True)
    assert not dialog.comments.isEnabled() and "No comment thread" in dialog.comments.toolTip()
    dialog.close()

    add_comment(project, KIRKLEES, project.find_section("3"), "Which section?")
    dialog = ExportDialog(project, tmp_path / "response.wyproj", window)
    qtbot.addWidget(dialog)
    dialog.draft.setChecked(True)
    assert dialog.comments.isEnabled() and "1 open thread(s)" in dialog.comments.toolTip()
    dialog.final.setChecked(True)
    assert not dialog.comments.isEnabled()
    if dialog.format.count() > 1:  # PDF export offered in this build
        dialog.draft.setChecked(True)
        dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
        assert not dialog.comments.isEnabled() and "Word comments" in dialog.comments.toolTip()


def test_a_draft_with_comments_and_its_public_copy_without(qtbot, sample_window, tmp_path):
    window = sample_window(COORDINATOR)
    project = window.document.project
    confidential(window)
    add_comment(project, KIRKLEES, project.find_section("4"), "Is the lease figure final?", quote="depot lease")
    add_comment(project, KIRKLEES, project.find_section("3"), "Which section?")
    dialog = dialog_for(qtbot, window, tmp_path)
    dialog.draft.setChecked(True)
    dialog.comments.setChecked(True)
    dialog.public_copy.write.setChecked(True)
    export(qtbot, dialog)
    assert dialog.output_path is not None and dialog.public_path is not None, dialog.status.text()
    full = docx.Document(io.BytesIO(dialog.output_path.read_bytes()))
    assert {c.text for c in full.comments} == {"Is the lease figure final?", "Which section?"}
    public = docx.Document(io.BytesIO(dialog.public_path.read_bytes()))
    assert len(public.comments) == 0
    assert b"depot lease" not in every_part(dialog.public_path.read_bytes())  # neither its text nor a comment's
