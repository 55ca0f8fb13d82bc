"""Partner › Import My Edited Sections… with a pack a reviewer marked up in Word: the report says what is
kept for the owner to decide, and Undo takes the proposals and comments away with the rest."""

from __future__ import annotations

from tests.ui.conftest import CALDERDALE_LEAD
from tests.word.test_pack_review import WordEdit, runs


def test_tracked_changes_and_comments_are_reported_and_undone_with_the_import(qtbot, sample_window, dialogs,
                                                                               reports, tmp_path):
    window = sample_window(CALDERDALE_LEAD)
    section = window.document.project.find_section("3")
    dialogs.save_path = str(tmp_path / "calderdale")
    window.app_actions.export_pack.trigger()
    pack = tmp_path / "calderdale.docx"
    edit = WordEdit(pack)
    paragraph = next(p for p in edit.section()[1:] if runs(p))
    edit.insert(runs(paragraph)[-1], " Added with tracking on.")
    edit.comment(runs(paragraph)[0], runs(paragraph)[0], "Is this still the plan?")
    edit.save()
    text, steps = section.blocks, window.document.undo_stack.count()

    dialogs.open_path = str(pack)
    window.app_actions.import_pack.trigger()

    assert section.blocks == text  # nothing taken silently
    assert len(section.proposals) == 1 and [c.text for c in section.comments] == ["Is this still the plan?"]
    assert window.document.undo_stack.count() == steps + 1
    groups = dict(reports[-1].groups)
    decide = groups["For the owner to decide: Word's tracked changes kept as proposals, and Word's comments"]
    assert decide[0].startswith("section 3: 1 tracked change(s) kept as a proposal for Calderdale")
    assert decide[1].startswith("1 Word comment(s) brought in as comments on section 3")
    assert not any("comment" in line for line in groups.get("Problems", []))

    window.app_actions.undo.trigger()
    assert not section.proposals and not section.comments
    window.app_actions.redo.trigger()
    assert len(section.proposals) == 1 and len(section.comments) == 1
