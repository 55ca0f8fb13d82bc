"""A problem chosen in the Accessibility view shows its section and then the problem itself: the finding's
passage (Finding.passage, the faulty text as it stands) selected in the editor's text or heading and
scrolled into view, the first occurrence; when the text has changed since, only the section is shown."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR
from tests.ui.test_accessibility_view import VAGUE, accessibility, link_rows, set_text, shown_view
from wyassembler.core.content import Paragraph, Span
from wyassembler.ui.models.accessibility import PROBLEM

FILLER = tuple(Paragraph((Span(f"Paragraph {n} of the partnership's answer, on its own line."),))
               for n in range(1, 61))
SHOUTED = ("WE STRONGLY OBJECT TO THE PROPOSAL TO CLOSE THE STATIONS AT FAREHAM, GOSPORT AND HAVANT AND "
           "ASK THE PANEL TO THINK AGAIN.")


def click_row(qtbot, panel, row: int) -> None:
    table = panel.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(panel.model.index(row, PROBLEM)).center())


def in_view(editor) -> bool:
    """Whether the editor's selection (its start and end) is inside the part of the text shown."""
    text = editor.text
    cursor = text.textCursor()
    start = text.textCursor()
    start.setPosition(cursor.selectionStart())
    shown = text.viewport().rect()
    return shown.contains(text.cursorRect(start)) and shown.contains(text.cursorRect(cursor))


def rows_of(window, rule: str) -> list[int]:
    panel = accessibility(window).panel
    return [row for row, finding in enumerate(panel.model.findings()) if finding.rule == rule]


def test_a_link_problem_below_the_visible_area_is_selected_and_scrolled_into_view(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    section_id = set_text(window, FILLER + VAGUE, "3")
    window.select_section(window.document.project.find_section("1").id)
    panel = shown_view(qtbot, window)
    row = link_rows(window)[0]
    assert panel.model.findings()[row].passage == "click here"  # the link's text as it stands
    click_row(qtbot, panel, row)
    editor = window.editor
    assert editor.section.id == section_id
    assert editor.text.textCursor().selectedText() == "click here"
    assert in_view(editor)
    assert editor.text.verticalScrollBar().value() > 0  # it was below the part first shown


def test_a_passage_in_capitals_far_down_is_selected_where_the_check_found_it(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    set_text(window, FILLER + (Paragraph((Span("They said: " + SHOUTED),)),), "3")
    panel = shown_view(qtbot, window)
    row = rows_of(window, "all-caps")[0]
    passage = panel.model.findings()[row].passage
    assert passage and passage in SHOUTED
    click_row(qtbot, panel, row)
    assert window.editor.text.textCursor().selectedText() == passage
    assert in_view(window.editor)


def test_a_heading_problem_selects_the_heading(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    section_id = set_text(window, VAGUE, "3")
    heading = window.document.project.section(section_id).heading
    panel = shown_view(qtbot, window)
    row = link_rows(window)[0]
    panel.model.set_findings(window.document.project, [replace(panel.model.findings()[row], passage=heading)])
    click_row(qtbot, panel, 0)
    assert window.editor.heading.textCursor().selectedText() == heading
    assert not window.editor.text.textCursor().hasSelection()


def test_a_passage_changed_since_the_check_just_shows_the_section(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    section_id = set_text(window, FILLER + VAGUE, "3")
    window.select_section(window.document.project.find_section("1").id)
    panel = shown_view(qtbot, window)
    findings = [replace(f, passage="a passage no longer there") if f.rule == "link-text" else f
                for f in panel.model.findings()]
    panel.model.set_findings(window.document.project, findings)
    click_row(qtbot, panel, link_rows(window)[0])
    assert window.editor.section.id == section_id
    assert not window.editor.text.textCursor().hasSelection()
    assert not window.editor.heading.textCursor().hasSelection()
