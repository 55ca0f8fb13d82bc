"""Format › Link… edits a link's words and its address together, as Word's Insert Hyperlink does ("Text to
display" and "Address"), so the accessibility check's advice on a vague link can be followed where the link
is; and words typed over a selection wholly inside a link stay in it (issue 19 trial: selecting "click here"
right to left and typing the page's title silently removed the link)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import CALDERDALE_LEAD
from tests.ui.editor_input import show
from wyassembler.core.accessibility import content_findings
from wyassembler.core.content import Paragraph, Span
from wyassembler.ui.dialogs.link import LinkDialog

PLAN = "https://example.org/plan"
BEFORE, AFTER = "The council's plan is published: ", " to read it."
VAGUE = (Paragraph((Span(BEFORE), Span("click here", href=PLAN), Span(AFTER))),)
TITLE = "the council's transport plan"


def answering(qtbot, monkeypatch, text: str | None, address: str | None, seen: list) -> None:
    """Format › Link…'s dialog as a person fills it in: what it showed is kept in ``seen``; ``text`` and
    ``address`` (None: left as shown) are typed over what is there, then OK."""
    def answer(dialog: LinkDialog):
        seen.append((dialog.text.text(), dialog.address.text(), dialog.text.isEnabled()))
        for field, typed in ((dialog.text, text), (dialog.address, address)):
            if typed is not None:
                field.selectAll()
                qtbot.keyClicks(field, typed)
        return LinkDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkDialog, "exec", answer)


def select(window, start: int, end: int) -> None:
    """Select from ``start`` to ``end`` (right to left when ``end`` < ``start``), as Shift+arrows do."""
    editor = window.editor.text
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()


def test_format_link_shows_the_links_words_and_new_words_replace_them_in_the_link_in_one_undo_step(
        qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    show(window, VAGUE)
    select(window, len(BEFORE) + 3, len(BEFORE) + 3)  # the caret inside "click here", nothing selected
    seen: list = []
    answering(qtbot, monkeypatch, TITLE, None, seen)
    window.app_actions.link.trigger()
    assert seen == [("click here", PLAN, True)]
    assert window.editor.current_blocks() == (Paragraph((Span(BEFORE), Span(TITLE, href=PLAN), Span(AFTER))),)
    window.editor.text.undo()
    assert window.editor.current_blocks() == VAGUE


def test_the_advice_on_a_vague_link_can_be_followed_and_the_warning_goes(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    section = show(window, VAGUE)
    advice = [f.advice for f in content_findings(window.document.project) if f.section_id == section.id]
    assert any("Format \u203a Link\u2026" in words and "Text to display" in words for words in advice), advice
    select(window, len(BEFORE) + 10, len(BEFORE))
    answering(qtbot, monkeypatch, TITLE, None, [])
    window.app_actions.link.trigger()
    assert window.commit_editor()
    assert not [f for f in content_findings(window.document.project) if f.section_id == section.id]


def test_the_selections_words_are_shown_and_linked_keeping_their_bold(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    show(window, (Paragraph((Span("Read the "), Span("transport plan", bold=True), Span(" today."))),))
    select(window, 9, 23)
    seen: list = []
    answering(qtbot, monkeypatch, None, PLAN, seen)
    window.app_actions.link.trigger()
    assert seen == [("transport plan", "https://", True)]
    assert window.editor.current_blocks() == (
        Paragraph((Span("Read the "), Span("transport plan", bold=True, href=PLAN), Span(" today."))),)


def test_words_typed_in_the_dialog_with_nothing_selected_are_inserted_as_the_link(qtbot, sample_window,
                                                                                 monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    show(window, (Paragraph((Span("See today."),)),))
    select(window, 4, 4)
    seen: list = []
    answering(qtbot, monkeypatch, "the transport plan", PLAN, seen)
    window.app_actions.link.trigger()
    assert seen == [("", "https://", True)]
    qtbot.keyClicks(window.editor.text, " ")  # typing on after the link is outside it
    assert window.editor.current_blocks() == (
        Paragraph((Span("See "), Span("the transport plan", href=PLAN), Span(" today."))),)


def test_a_selection_over_two_paragraphs_is_linked_as_it_is(qtbot, sample_window, monkeypatch):
    window = sample_window(CALDERDALE_LEAD)
    show(window, (Paragraph((Span("One"),)), Paragraph((Span("Two"),))))
    select(window, 0, 7)
    seen: list = []
    answering(qtbot, monkeypatch, None, PLAN, seen)
    window.app_actions.link.trigger()
    assert seen == [("", "https://", False)]
    assert window.editor.current_blocks() == (Paragraph((Span("One", href=PLAN),)),
                                              Paragraph((Span("Two", href=PLAN),)))


def test_typing_over_a_link_selected_right_to_left_keeps_the_link(qtbot, sample_window):
    """Shift+Left from the link's end, or a drag leftwards: Qt typed in the format of the character before
    the selection, so the new words fell outside the link and the link was gone."""
    window = sample_window(CALDERDALE_LEAD)
    show(window, VAGUE)
    editor = window.editor.text
    select(window, len(BEFORE) + 10, len(BEFORE) + 10)
    for _ in range(10):
        qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == "click here"
    qtbot.keyClicks(editor, TITLE)
    assert window.editor.current_blocks() == (Paragraph((Span(BEFORE), Span(TITLE, href=PLAN), Span(AFTER))),)


def test_typing_over_part_of_a_link_keeps_it(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    show(window, VAGUE)
    select(window, len(BEFORE) + 10, len(BEFORE) + 6)  # "here", right to left
    qtbot.keyClicks(window.editor.text, "for the plan")
    assert window.editor.current_blocks() == (
        Paragraph((Span(BEFORE), Span("click for the plan", href=PLAN), Span(AFTER))),)


def test_typing_over_more_than_the_link_leaves_no_link(qtbot, sample_window):
    window = sample_window(CALDERDALE_LEAD)
    show(window, VAGUE)
    select(window, len(BEFORE) + 13, len(BEFORE) - 2)  # ": click here to", right to left
    qtbot.keyClicks(window.editor.text, "x")
    assert window.editor.current_blocks() == (Paragraph((Span(BEFORE[:-2] + "x" + AFTER[3:]),)),)
