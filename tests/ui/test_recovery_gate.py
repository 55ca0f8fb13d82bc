"""The app's recovery file goes through the same write gate as every save."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.ui.conftest import CALDERDALE_LEAD
from tests.ui.editor_input import type_at_end
from wyassembler.core.content import Paragraph, plain
from wyassembler.projectfile.codec import from_bytes
from wyassembler.projectfile.write_gate import WriteRefused, checked_bytes
from wyassembler.ui.operations import recovery


def test_autosave_writes_no_recovery_file_for_a_project_that_fails_the_gate(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    section = window.document.project.find_section("3")
    window.select_section(section.id)
    type_at_end(qtbot, window, " Typed.")
    qtbot.waitUntil(window.editor.is_idle, timeout=3000)
    window.commit_editor()
    # Content changed without a new hash: only a bug could do this, and it must not reach a file.
    section.revisions[-1] = replace(section.current, blocks=(Paragraph(plain("Not what was hashed.")),))
    with pytest.raises(WriteRefused, match="does not match its recorded hash"):
        checked_bytes(window.document.project)
    window.autosave()
    window.recovery.flush()  # serialised and written (or refused) on the recovery writer's thread
    # A snapshot taken a second after the typing may be there; the refused one never replaces it.
    for left in recovery.recovery_dir().glob("*.wyproj"):
        kept = from_bytes(left.read_bytes()).section(section.id)
        assert kept.blocks != (Paragraph(plain("Not what was hashed.")),)
        assert kept.blocks[-1].spans[-1].text.endswith(" Typed.")
