"""The Accessibility view (issue 19 item 4): what `wyassembler check` finds, listed with the section's
number, the severity in words beside its icon, the problem and what to do; a click or Enter selects the
section in the outline and shows it in the editor; putting the text right (in the editor, or by a
command) takes the row away; it follows the project opened and closed, and F6 reaches it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import COORDINATOR
from tests.ui.editor_input import show as show_in_editor
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.findings import Finding
from wyassembler.ui.models.accessibility import ADVICE, PLACE, PROBLEM, SEVERITY, FindingsModel
from wyassembler.ui.panels.accessibility_panel import summary_text
from wyassembler.ui.project import commands

VAGUE = (Paragraph((Span("The council's plan is published: "), Span("click here", href="https://example.org/plan"),
                    Span(" to read it."))),)
EMPTY = (Paragraph((Span("See "), Span(" ", href="https://example.org/plan"), Span("the plan."))),)
FIXED = "The council's transport plan is published on its website."


def accessibility(window):
    return window.project_ops.accessibility


def rows(window) -> list[list[str]]:
    model = accessibility(window).panel.model
    return [[model.index(row, column).data() for column in (SEVERITY, PLACE, PROBLEM, ADVICE)]
            for row in range(model.rowCount())]


def link_rows(window) -> list[int]:
    model = accessibility(window).panel.model
    return [row for row, finding in enumerate(model.findings()) if finding.rule == "link-text"]


def shown_view(qtbot, window):
    """View › Accessibility Check, as the person chooses it, and wait for its first check."""
    window.app_actions.show_accessibility.trigger()
    panel = accessibility(window).panel
    qtbot.waitUntil(lambda: panel._reading is None and panel.summary.text() and not panel._stale, timeout=20000)
    return panel


def set_text(window, blocks, ref: str = "3") -> str:
    """Section ``ref``'s text made ``blocks`` by a command (one undo step); its id."""
    section = window.document.project.find_section(ref)
    assert window.run("test", commands.EditSectionCommand(window.document, section, blocks=blocks))
    return section.id


def test_a_vague_link_is_listed_with_its_section_number_and_heading_and_the_severity_in_words(
        qtbot, sample_window):
    window = sample_window(COORDINATOR)
    section_id = set_text(window, VAGUE)
    panel = shown_view(qtbot, window)
    assert accessibility(window).dock.isVisible()
    section = window.document.project.section(section_id)
    found = [rows(window)[row] for row in link_rows(window)]
    assert found == [["Warning", f"3 {section.heading}", found[0][2], found[0][3]]], rows(window)
    assert "click here" in found[0][2] and found[0][2][0].isupper()
    assert found[0][3]  # what to do
    model = panel.model
    row = link_rows(window)[0]
    assert not model.index(row, SEVERITY).data(Qt.ItemDataRole.DecorationRole).isNull()  # an icon beside the word
    assert "What to do:" in model.index(row, PROBLEM).data(Qt.ItemDataRole.ToolTipRole)
    # Editing section 3 made its sign-offs stale: those are errors too, as `check` lists them.
    assert panel.summary.text() == summary_text(model.findings())
    assert " and 1 warning: a final export will be refused" in panel.summary.text()


def test_a_click_and_enter_take_you_to_the_section_in_the_outline_and_the_editor(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    section_id = set_text(window, VAGUE, "3")
    window.select_section(window.document.project.find_section("1").id)
    panel = shown_view(qtbot, window)
    row = link_rows(window)[0]
    table = panel.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(panel.model.index(row, PROBLEM)).center())
    assert window.current_section().id == section_id
    assert window.editor.section.id == section_id
    window.select_section(window.document.project.find_section("1").id)
    table.setFocus()
    table.setCurrentIndex(panel.model.index(row, SEVERITY))
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert window.current_section().id == section_id and window.editor.section.id == section_id
    # The row whole under the table (the table cuts long sentences; a tooltip is not for the keyboard).
    finding = panel.model.findings()[row]
    assert panel.detail.isVisible()
    assert finding.advice[1:] in panel.detail.text() and finding.message[1:] in panel.detail.text()


def test_putting_the_text_right_in_the_editor_and_checking_again_takes_the_row_away(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    show_in_editor(window, VAGUE, "3")
    panel = shown_view(qtbot, window)
    assert link_rows(window)
    window.editor.text.selectAll()
    window.editor.text.insertPlainText(FIXED)  # typed, not yet a revision
    qtbot.mouseClick(panel.check_again, Qt.MouseButton.LeftButton)  # the typing counts
    assert not link_rows(window), rows(window)
    assert window.document.project.find_section("3").blocks == (Paragraph((Span(FIXED),)),)


def test_a_command_that_fixes_or_breaks_the_text_is_followed_once_the_changes_settle(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    set_text(window, EMPTY)
    panel = shown_view(qtbot, window)
    assert [rows(window)[row][0] for row in link_rows(window)] == ["Error"]
    assert "a final export will be refused" in panel.summary.text()
    set_text(window, (Paragraph((Span(FIXED),)),))
    qtbot.waitUntil(lambda: not link_rows(window), timeout=5000)
    window.document.undo_stack.undo()  # the empty link back
    qtbot.waitUntil(lambda: bool(link_rows(window)), timeout=5000)


def test_a_change_while_the_view_is_hidden_is_caught_up_when_it_is_shown(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    panel = shown_view(qtbot, window)
    accessibility(window).dock.hide()
    set_text(window, VAGUE)
    assert not link_rows(window) and panel._stale  # nothing worked out while hidden
    shown_view(qtbot, window)
    assert link_rows(window)


def test_closing_the_project_empties_and_hides_the_view_and_the_next_project_brings_it_back(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    set_text(window, VAGUE)
    shown_view(qtbot, window)
    window.close_project(ask=False)
    view = accessibility(window)
    assert not view.dock.isVisible() and view.panel.model.rowCount() == 0
    window.app_actions.show_accessibility.trigger()  # no project: nothing to show
    assert not view.dock.isVisible()
    window.open_sample()
    assert view.dock.isVisible()  # it was showing when the last project closed
    qtbot.waitUntil(lambda: not view.panel._stale, timeout=5000)
    assert not link_rows(window)  # the fresh sample has no such link


def test_f6_reaches_the_view_when_it_is_showing(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    panel = shown_view(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()
    for _ in range(6):
        window.app_actions.next_pane.trigger()
        if QApplication.focusWidget() is panel.table:
            break
    assert QApplication.focusWidget() is panel.table


def test_the_action_is_in_the_view_and_project_menus(sample_window):
    window = sample_window(COORDINATOR)
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    for title in ("&View", "&Project"):
        assert window.app_actions.show_accessibility in menus[title].actions()


def test_the_model_passes_qts_model_tester(qtbot, sample_window, qtmodeltester):
    window = sample_window(COORDINATOR)
    set_text(window, VAGUE)
    panel = shown_view(qtbot, window)
    qtmodeltester.check(panel.model, force_py=True)
    set_text(window, EMPTY, "4")  # the tester watches the model follow it
    qtbot.waitUntil(lambda: len(link_rows(window)) == 2, timeout=5000)


@pytest.mark.parametrize(("findings", "expected"), [
    ([], "No problems found"),
    ([Finding("link-text", "warning", "m", "a")], "1 warning: a final export can go ahead"),
    ([Finding("link-text", "error", "m", "a"), Finding("all-caps", "warning", "m", "a"),
      Finding("all-caps", "warning", "m", "a")], "1 error and 2 warnings: a final export will be refused"),
])
def test_the_summary_says_whether_a_final_export_would_be_refused(findings, expected):
    assert summary_text(findings).startswith(expected)


def test_a_finding_without_a_section_says_where_it_is_in_words(qtapp=None):
    model = FindingsModel()
    model.set_findings(None, [Finding("title", "error", "the response has no title", "give it one"),
                              Finding("template-contrast", "warning", "grey text", "darken it", place="template"),
                              Finding("template-images", "error", "no alt text", "add it",
                                      place="the template's first-page header")])
    assert [model.index(row, PLACE).data() for row in range(3)] == [
        "Whole response", "Template", "The template's first-page header"]
    assert [model.index(row, SEVERITY).data() for row in range(3)] == ["Error", "Warning", "Error"]
    assert model.index(0, 0).data(FindingsModel.SECTION_ID_ROLE) == ""
