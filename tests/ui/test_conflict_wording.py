"""A conflict copy is said in words true of every way one is made: two copies of the project saved at once, a
returned pack whose section changed since it was sent, proposed changes accepted after the section changed.
The bar and the Resolve dialog said "changed in two copies of the project at once" for all three."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import CALDERDALE_LEAD
from tests.ui.conflict_copies import two_conflict_copies
from tests.ui.test_review_views import capture, open_on_section, proposed_sample, review_with
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.core.offline import CONFLICT, apply_offline_edit
from wyassembler.ui.dialogs.conflicts import ConflictsDialog
from wyassembler.ui.project import files

CALDERDALE = Actor("calderdale", "J. Smith", "partner lead")
POLICE = Actor("police", "P. Ward", "partner lead")
NOT_ALWAYS_TRUE = ("two copies", "changed in both", "both versions")  # 3 versions were "both"


def from_a_returned_pack():
    """Section 3 edited in Police's pack while its owner changed it at home: the pack's text is a copy."""
    project = files.sample_project()
    section = project.find_section("3")
    sent = section.current.id
    editing.edit_section(project, CALDERDALE, section, blocks=(Paragraph(plain("The owner's newer text.")),))
    outcome = apply_offline_edit(project, POLICE, section, sent, None, (Paragraph(plain("Police's text.")),))
    assert outcome.kind == CONFLICT and len(section.conflicts) == 1
    return project


def what_is_said(qtbot, monkeypatch, window) -> list[str]:
    """The bar above the section, the Resolve action's tip, and the Resolve dialog's introduction."""
    bar = window.editor.conflict_bar
    assert bar.isVisible()
    shown = capture(monkeypatch, ConflictsDialog)
    window.app_actions.resolve_conflicts.trigger()
    intro = shown[0].findChildren(QLabel)[0].text()
    return [bar.label.text(), window.app_actions.resolve_conflicts.toolTip(), intro]


def assert_true_of_every_cause(said: list[str], copies: int) -> None:
    for text in said:
        assert not any(words in text for words in NOT_ALWAYS_TRUE), text
    bar, _tip, intro = said
    if copies == 1:
        assert "another version of this section was kept as a conflict copy" in bar
    else:
        assert f"{copies} other versions of this section were kept as conflict copies" in bar
    assert "kept as a conflict cop" in intro or "kept as conflict copies" in intro


def test_a_copy_from_a_returned_pack_is_not_said_to_be_two_copies_saved_at_once(qtbot, sample_window, monkeypatch):
    window = open_on_section(sample_window, from_a_returned_pack())
    assert_true_of_every_cause(what_is_said(qtbot, monkeypatch, window), 1)


def test_a_copy_from_a_proposal_accepted_late_is_not_said_to_be_two_copies(qtbot, sample_window, monkeypatch,
                                                                           dialogs):
    project, _proposal = proposed_sample(edit_after=True)
    window = open_on_section(sample_window, project)
    review_with(monkeypatch, window, lambda dialog: dialog.accept_all.click())
    assert len(window.document.project.find_section("3").conflicts) == 1
    assert_true_of_every_cause(what_is_said(qtbot, monkeypatch, window), 1)


def test_copies_from_a_merge_are_said_the_same_way(qtbot, sample_window, monkeypatch):
    project, _section = two_conflict_copies()
    window = open_on_section(sample_window, project, identity=CALDERDALE_LEAD)
    assert_true_of_every_cause(what_is_said(qtbot, monkeypatch, window), 2)
