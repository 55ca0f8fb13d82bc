"""Confidential sections in the app (issue 18 item 4): Section › Mark Confidential… (the reason asked for,
required) and Mark Public, for the section's owner or the coordinator (anyone else sees why not); the
outline shows a withheld section with its own icon and words, its sub-sections withheld with it; one
undo step each, by value."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR, KIRKLEES_CONTRIBUTOR, KIRKLEES_LEAD, save_and_wait
from wyassembler.core.confidentiality import confidential_reason, current_mark, withheld_sections
from wyassembler.ui.dialogs.confidential import ConfidentialDialog
from wyassembler.ui.operations.reasons import why_not
from wyassembler.ui.project import commands

REASON = "commercially sensitive"


@pytest.fixture
def reason_given(monkeypatch) -> list[str]:
    """Mark Confidential…'s dialog answered with REASON (typed as a person would); the reasons it offered."""
    offered: list[str] = []

    def answer(dialog: ConfidentialDialog):
        offered.append(dialog.reason.text())
        dialog.reason.setText(REASON)
        return ConfidentialDialog.DialogCode.Accepted

    monkeypatch.setattr(ConfidentialDialog, "exec", answer)
    return offered


def row_data(window, section_id: str, role: Qt.ItemDataRole):
    model = window.outline_model
    return model.data(model.index_of(section_id), role)


def words(window, section_id: str) -> tuple[str, str]:
    """(tooltip, accessible text) of the section's outline row."""
    return (row_data(window, section_id, Qt.ItemDataRole.ToolTipRole),
            row_data(window, section_id, Qt.ItemDataRole.AccessibleTextRole))


def add_subsections(window, parent_number: str, count: int) -> list[str]:
    """Sub-sections added under a section through the window, as the coordinator does; their ids."""
    parent = window.document.project.find_section(parent_number)
    ids = []
    for n in range(count):
        command = commands.AddSectionCommand(window.document, f"Part {n + 1}", parent.owner, parent)
        assert window.run("not added", command)
        ids.append(command.section_ref)
    return ids


def test_the_owner_marks_a_section_confidential_and_the_outline_says_so_in_words_and_icon(sample_window,
                                                                                          reason_given):
    window = sample_window(KIRKLEES_LEAD)
    project = window.document.project
    section = project.find_section("4")
    neighbour = project.find_section("5")
    window.select_section(section.id)
    assert row_data(window, section.id, Qt.ItemDataRole.DecorationRole) is None
    assert "Confidential" not in words(window, section.id)[0]
    assert window.app_actions.mark_confidential.isEnabled()
    endorsed, required = window.signoff_panel.endorsement_count()
    assert endorsed == required > 0
    window.app_actions.mark_confidential.trigger()
    # What is withheld is part of what partners endorse: the matrix follows at once.
    assert window.signoff_panel.endorsement_count() == (0, required)
    mark = current_mark(section)
    assert mark is not None and mark.confidential and mark.reason == REASON
    assert (mark.org, mark.person) == ("kirklees", "S. Patel")
    tooltip, accessible = words(window, section.id)
    assert "Confidential: commercially sensitive" in tooltip.splitlines()
    assert "public copy" in tooltip
    assert accessible.endswith("Confidential: commercially sensitive"), accessible
    icon = row_data(window, section.id, Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    # Others' rows say nothing of it.
    assert row_data(window, neighbour.id, Qt.ItemDataRole.DecorationRole) is None
    assert "onfidential" not in "".join(words(window, neighbour.id))
    assert window.app_actions.undo.text() == f"&Undo Mark \u201c{section.heading}\u201d confidential"


def test_marking_is_one_undo_step_by_value_and_mark_public_takes_it_back(sample_window, reason_given):
    window = sample_window(KIRKLEES_LEAD)
    project = window.document.project
    section = project.find_section("4")
    window.select_section(section.id)
    a = window.app_actions
    assert not a.mark_public.isEnabled()
    assert why_not(a.mark_public) == "Section 4 is not marked confidential"
    a.mark_confidential.trigger()
    record = section.marks[-1]
    assert a.mark_public.isEnabled()
    window.editing.undo()
    assert section.marks == [] and "Confidential" not in words(window, section.id)[0]
    window.editing.redo()
    assert section.marks == [record]  # the very record: same time, same hash
    assert "Confidential: commercially sensitive" in words(window, section.id)[0]
    a.mark_public.trigger()
    assert current_mark(section) is not None and not current_mark(section).confidential
    assert withheld_sections(project) == {}
    assert "onfidential" not in "".join(words(window, section.id))
    assert row_data(window, section.id, Qt.ItemDataRole.DecorationRole) is None
    assert not a.mark_public.isEnabled()
    # Marked again, the dialog offers no reason: the section is public now.
    a.mark_confidential.trigger()
    assert reason_given == ["", ""]


def test_sub_sections_are_withheld_with_their_section_and_say_so(sample_window, reason_given):
    window = sample_window(COORDINATOR)
    first, second = add_subsections(window, "4", 2)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    window.app_actions.mark_confidential.trigger()
    for sub in (first, second):
        tooltip, accessible = words(window, sub)
        assert "Withheld with section 4 (confidential: commercially sensitive)" in tooltip.splitlines()
        assert accessible.endswith("Withheld with section 4 (confidential: commercially sensitive)")
    parent_icon = row_data(window, section.id, Qt.ItemDataRole.DecorationRole)
    sub_icon = row_data(window, first, Qt.ItemDataRole.DecorationRole)
    assert sub_icon is not None and sub_icon.cacheKey() != parent_icon.cacheKey()  # outlined, not filled
    # A sub-section withheld with its section is made public by making the section public.
    window.select_section(first)
    assert not window.app_actions.mark_public.isEnabled()
    assert why_not(window.app_actions.mark_public) == ("Section 4.1 is withheld with section 4: mark section 4 "
                                                       "public instead")
    window.select_section(section.id)
    window.app_actions.mark_public.trigger()
    for sub in (first, second):
        assert "ithheld" not in "".join(words(window, sub))
        assert row_data(window, sub, Qt.ItemDataRole.DecorationRole) is None


def test_marking_repaints_the_section_and_its_sub_sections_alone(qtbot, sample_window, reason_given):
    window = sample_window(COORDINATOR)
    subs = add_subsections(window, "4", 2)
    model = window.outline_model
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    painted: list[str] = []
    model.dataChanged.connect(lambda top, bottom, roles: painted.extend(
        model.data(model.index(row, 0, top.parent()), Qt.ItemDataRole.UserRole + 1)
        for row in range(top.row(), bottom.row() + 1)))
    window.app_actions.mark_confidential.trigger()
    assert sorted(painted) == sorted([section.id, *subs])


def test_only_the_owner_or_the_coordinator_may_mark_and_others_see_why(sample_window, reason_given):
    window = sample_window(CALDERDALE_LEAD)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    a = window.app_actions
    assert not a.mark_confidential.isEnabled()
    reason = why_not(a.mark_confidential)
    assert reason.startswith("Only the section's owner (Kirklees) or the coordinating organisation"), reason
    assert reason in a.mark_confidential.toolTip() and reason in a.mark_confidential.statusTip()
    a.mark_confidential.trigger()  # disabled: nothing happens
    assert section.marks == []
    assert reason_given == []
    # In the Section menu and the outline's context menu.
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&Section")
    assert a.mark_confidential in menu.actions() and a.mark_public in menu.actions()
    assert a.mark_confidential in window.tree.actions()
    # Their own section they may mark.
    window.select_section(window.document.project.find_section("3").id)
    assert a.mark_confidential.isEnabled()


def test_the_coordinator_and_the_owners_contributor_may_mark(sample_window, reason_given):
    for identity in (COORDINATOR, KIRKLEES_CONTRIBUTOR):
        window = sample_window(identity)
        section = window.document.project.find_section("4")
        window.select_section(section.id)
        window.app_actions.mark_confidential.trigger()
        assert current_mark(section).reason == REASON and current_mark(section).org == window.document.actor.org


def test_the_dialog_asks_for_the_reason_before_it_marks(qtbot):
    dialog = ConfidentialDialog("section 4 \u201cProfessionalism\u201d")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setText("   ")
    assert not ok.isEnabled()
    dialog.reason.setText("  commercially sensitive ")
    assert ok.isEnabled() and dialog.text() == "commercially sensitive"
    again = ConfidentialDialog("section 4", "personal data")
    qtbot.addWidget(again)
    assert again.reason.text() == "personal data"
    assert again.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_mark_saved_is_shown_when_the_project_is_opened_again(qtbot, sample_window, make_window, reason_given,
                                                                tmp_path, dialogs):
    window = sample_window(KIRKLEES_LEAD)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    window.app_actions.mark_confidential.trigger()
    dialogs.save_path = str(tmp_path / "response.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    again = make_window(COORDINATOR)
    assert again.open_path(tmp_path / "response.wyproj")
    assert "Confidential: commercially sensitive" in words(again, section.id)[0].splitlines()
    again.select_section(section.id)
    assert again.app_actions.mark_public.isEnabled()


def test_a_saved_mark_undone_and_saved_again_is_gone_from_the_file_and_redone_is_back(
        qtbot, sample_window, make_window, reason_given, tmp_path, dialogs):
    # The save merges with the file, which holds the mark: the undo must still win, as a sign-off's does.
    def reopened_reason(section_id: str) -> str | None:
        other = make_window(COORDINATOR)
        assert other.open_path(tmp_path / "response.wyproj")
        return confidential_reason(other.document.project.section(section_id))

    window = sample_window(KIRKLEES_LEAD)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    window.app_actions.mark_confidential.trigger()
    dialogs.save_path = str(tmp_path / "response.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    window.editing.undo()
    assert save_and_wait(qtbot, window)
    assert confidential_reason(window.document.project.section(section.id)) is None
    assert reopened_reason(section.id) is None
    window.editing.redo()
    assert save_and_wait(qtbot, window)
    assert reopened_reason(section.id) == REASON
