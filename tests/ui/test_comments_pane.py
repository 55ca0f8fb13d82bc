"""The Comments pane with the real widgets: a comment on the words selected in the text (Ctrl+Shift+M) or on
the whole section, a reply, resolve and reopen (refused, with the reason, to an organisation that may not),
each one undoable step; the outline's count of open comments; an anchor shown OUTDATED once its words are
edited away; a comment chosen selects its passage; comments saved and read back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QTabBar

from tests.ui.conftest import COORDINATOR, KIRKLEES_LEAD, open_and_wait, save_and_wait
from wyassembler.core.comments import add_comment
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage
from wyassembler.ui.dialogs.comment import CommentDialog
from wyassembler.ui.models.comments import COMMENT, PASSAGE
from wyassembler.ui.models.outline import OPEN_COMMENTS_ROLE, OutlineModel
from wyassembler.ui.operations.comments import selected_quote
from wyassembler.ui.project import commands
from wyassembler.ui.project.document import SIGNOFF

WORDS = "Legislation currently preventing the re-use of data"
Key = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def pane(window):
    return window.sections.comments


def answering(monkeypatch, qtbot, text: str) -> list[CommentDialog]:
    """CommentDialog.exec as a person: the text typed into the real dialog, then its OK clicked."""
    shown: list[CommentDialog] = []

    def answer(dialog: CommentDialog):
        shown.append(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.note, text)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CommentDialog, "exec", answer)
    return shown


def section_3(window):
    window.select_section(window.document.project.find_section("3").id)
    return window.document.project.find_section("3")


def select_words(window, words: str = WORDS) -> None:
    found = window.editor.text.document().find(words)
    assert not found.isNull()
    window.editor.text.setTextCursor(found)


def outline_cell(window, section):
    return window.outline_model.index_of(section.id, OutlineModel.NUMBER_HEADING)


def shown_rows(window) -> list[str]:
    model = pane(window).panel.model
    rows = []
    for row in range(model.rowCount()):
        top = model.index(row, COMMENT)
        rows.append(f"{top.data()} | {top.siblingAtColumn(PASSAGE).data()}")
        rows += [f"  {model.index(r, COMMENT, top).data()}" for r in range(model.rowCount(top))]
    return rows


def front_tab(window) -> str:
    """The tab in front beside the sign-off matrix (a widget behind a tab stays "visible" to Qt)."""
    [bar] = [bar for bar in window.findChildren(QTabBar)
             if "Comments" in [bar.tabText(i) for i in range(bar.count())]]
    return bar.tabText(bar.currentIndex())


def choose(qtbot, window, row: int, parent=None) -> None:
    """Click a row of the pane's list, as a person would."""
    panel = pane(window).panel
    index = panel.model.index(row, COMMENT, parent) if parent is not None else panel.model.index(row, COMMENT)
    panel.tree.scrollTo(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualRect(index).center())


def test_a_comment_on_selected_words_quotes_them_and_the_outline_counts_it(qtbot, sample_window, monkeypatch,
                                                                         qtmodeltester):
    window = sample_window(COORDINATOR)
    qtmodeltester.check(pane(window).panel.model)
    section = section_3(window)
    select_words(window)
    answering(monkeypatch, qtbot, "Name the Act's sections, please.")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.text.setFocus()
    qtbot.keyClick(window.editor.text, Key.Key_M, CTRL_SHIFT)
    [comment] = section.comments
    assert (comment.quote, comment.text, comment.org, comment.person) == (
        WORDS, "Name the Act's sections, please.", "joint-services", "H. Dawson")
    assert shown_rows(window) == [f"Name the Act's sections, please. | \u201c{WORDS}\u201d"]
    assert pane(window).dock.isVisible() and pane(window).panel.current_comment_id() == comment.id
    cell = outline_cell(window, section)
    assert cell.data(OPEN_COMMENTS_ROLE) == 1
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole).endswith(". 1 open comment")
    assert "1 open comment" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert window.document.is_dirty()


def test_with_nothing_selected_the_comment_is_on_the_whole_section(qtbot, sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    section = section_3(window)
    shown = answering(monkeypatch, qtbot, "Too long for one page.")
    window.app_actions.new_comment.trigger()
    assert "On the whole of section 3" in shown[0].about.text()
    assert section.comments[0].quote == ""
    assert shown_rows(window) == ["Too long for one page. | Whole section"]


def test_a_reply_goes_under_its_comment_and_resolve_and_reopen_follow_the_thread(qtbot, sample_window, monkeypatch,
                                                                               qtmodeltester):
    window = sample_window(COORDINATOR)
    panel = pane(window).panel
    qtmodeltester.check(panel.model)
    section = section_3(window)
    select_words(window)
    answering(monkeypatch, qtbot, "Which Act?")
    window.app_actions.new_comment.trigger()
    root = section.comments[0]
    answering(monkeypatch, qtbot, "The Local Government Act 2000.")
    choose(qtbot, window, 0)
    window.app_actions.reply_comment.trigger()
    assert section.comments[1].parent == root.id and section.comments[1].quote == ""
    assert shown_rows(window) == [f"Which Act? | \u201c{WORDS}\u201d", "  The Local Government Act 2000."]
    assert panel.tree.isExpanded(panel.model.index(0, 0))

    choose(qtbot, window, 0)
    resolve = window.app_actions.resolve_comment
    assert resolve.text() == "Resolve &Thread" and resolve.isEnabled()
    resolve.trigger()
    assert shown_rows(window) == []  # resolved threads are left out until asked for
    assert outline_cell(window, section).data(OPEN_COMMENTS_ROLE) == 0
    assert "0 open threads, 1 resolved" in panel.summary.text()
    panel.show_resolved.click()
    assert shown_rows(window)[0].startswith("Resolved: Which Act?")
    assert not panel.tree.isExpanded(panel.model.index(0, 0))  # folded
    choose(qtbot, window, 0)
    assert "Resolved by H. Dawson" in panel.detail.toPlainText()
    assert resolve.text() == "Reopen &Thread"
    resolve.trigger()
    assert shown_rows(window)[0].startswith("Which Act?")
    assert panel.tree.isExpanded(panel.model.index(0, 0))  # reopened: unfolded
    resolve.trigger()
    assert not panel.tree.isExpanded(panel.model.index(0, 0))  # resolved while shown: folded
    qtmodeltester.check(panel.model, force_py=True)
    window.app_actions.undo.trigger()
    assert outline_cell(window, section).data(OPEN_COMMENTS_ROLE) == 1
    assert "reopened by H. Dawson" in panel.detail.toPlainText()


def test_each_step_undoes_and_redoes_by_value(qtbot, sample_window, monkeypatch, qtmodeltester):
    window = sample_window(COORDINATOR)
    qtmodeltester.check(pane(window).panel.model)
    section = section_3(window)
    answering(monkeypatch, qtbot, "A first thought.")
    window.app_actions.new_comment.trigger()
    comment = section.comments[0]
    choose(qtbot, window, 0)
    window.app_actions.resolve_comment.trigger()
    assert window.app_actions.undo.text() == ("&Undo Resolve a comment on \u201cMoving to a Shared Services "
                                              "Culture\u201d")
    window.app_actions.undo.trigger()
    assert section.comment_states == [] and outline_cell(window, section).data(OPEN_COMMENTS_ROLE) == 1
    window.app_actions.undo.trigger()
    assert section.comments == [] and shown_rows(window) == []
    assert outline_cell(window, section).data(OPEN_COMMENTS_ROLE) == 0
    window.app_actions.redo.trigger()
    assert section.comments == [comment]  # the very record: same id and time
    window.app_actions.redo.trigger()
    assert outline_cell(window, section).data(OPEN_COMMENTS_ROLE) == 0
    assert not window.document.undo_stack.canRedo()


def test_undo_leaves_a_comment_someone_has_answered_since(qtbot, sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    section = section_3(window)
    answering(monkeypatch, qtbot, "A first thought.")
    window.app_actions.new_comment.trigger()
    # Another partner's reply, as a merge of their save brings it in.
    add_comment(window.document.project, Actor("calderdale", "J. Smith", "partner lead"), section, "Agreed.",
                reply_to=section.comments[0].id)
    window.document.notify(SIGNOFF, section.id)
    window.app_actions.undo.trigger()
    assert len(section.comments) == 2
    assert "has been answered" in window.disk_label.text()


def test_an_anchor_whose_words_are_edited_away_is_shown_outdated_in_words(qtbot, sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    panel = pane(window).panel
    section = section_3(window)
    select_words(window)
    answering(monkeypatch, qtbot, "Which Act?")
    window.app_actions.new_comment.trigger()
    assert window.run("edit", commands.EditSectionCommand(window.document, section, blocks=(
        Paragraph((Span("A new text without those words."),)),)))
    assert shown_rows(window) == [f"Which Act? | OUTDATED: \u201c{WORDS}\u201d is no longer in the text"]
    choose(qtbot, window, 0)
    assert "OUTDATED: the passage" in panel.detail.toPlainText()
    assert window.editor.text.textCursor().selectedText() == ""  # nothing to select
    window.app_actions.undo.trigger()  # the text back: the anchor found again
    assert shown_rows(window) == [f"Which Act? | \u201c{WORDS}\u201d"]


def test_choosing_an_anchored_comment_selects_its_passage_in_the_text(qtbot, sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    section_3(window)
    select_words(window)
    answering(monkeypatch, qtbot, "Which Act?")
    window.app_actions.new_comment.trigger()
    window.editor.text.moveCursor(window.editor.text.textCursor().MoveOperation.End)
    choose(qtbot, window, 0)
    assert window.editor.text.textCursor().selectedText() == WORDS


def test_words_selected_in_the_heading_are_quoted_and_chosen_again_there(qtbot, sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    section = section_3(window)
    heading = window.editor.heading
    heading.setFocus()
    qtbot.waitUntil(heading.hasFocus)
    heading.setTextCursor(heading.document().find("Shared Services"))
    answering(monkeypatch, qtbot, "Say what sharing means.")
    window.app_actions.new_comment.trigger()
    assert section.comments[0].quote == "Shared Services"
    assert pane(window).panel.model.thread_at(pane(window).panel.model.index(0, 0)).anchor.block is None
    heading.setTextCursor(heading.document().find("Moving"))
    choose(qtbot, window, 0)
    assert heading.textCursor().selectedText() == "Shared Services"


def test_an_organisation_that_may_not_resolve_is_told_why(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    panel = pane(window).panel
    section = section_3(window)  # Calderdale's section
    add_comment(window.document.project, Actor("joint-services", "H. Dawson", "coordinator"), section, "Shorter?")
    window.document.notify(SIGNOFF, section.id)
    choose(qtbot, window, 0)
    resolve = window.app_actions.resolve_comment
    assert not resolve.isEnabled()
    assert "may not resolve this thread" in resolve.toolTip()
    assert "may not resolve this thread" in panel.detail.toPlainText()
    assert window.app_actions.reply_comment.isEnabled()  # anyone in the partnership may answer
    tree = panel.tree  # its context menu says why too (Qt's own menu of a widget's actions shows no tooltips)
    tree.customContextMenuRequested.emit(tree.visualRect(tree.currentIndex()).center())
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and resolve in menu.actions() and menu.toolTipsVisible()
    menu.close()


def test_comments_are_saved_and_read_back(qtbot, sample_window, make_window, monkeypatch, dialogs, tmp_path):
    window = sample_window(COORDINATOR)
    section = section_3(window)
    select_words(window)
    answering(monkeypatch, qtbot, "Which Act?")
    window.app_actions.new_comment.trigger()
    choose(qtbot, window, 0)
    window.app_actions.resolve_comment.trigger()
    dialogs.save_path = str(tmp_path / "response.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    again = make_window(COORDINATOR)
    open_and_wait(qtbot, again, tmp_path / "response.wyproj")
    reread = section_3(again)
    assert reread.comments == section.comments and reread.comment_states == section.comment_states
    pane(again).panel.show_resolved.click()
    assert shown_rows(again) == [f"Resolved: Which Act? | \u201c{WORDS}\u201d"]


def test_a_comment_and_another_partners_saved_meanwhile_are_both_kept(qtbot, sample_window, monkeypatch, dialogs,
                                                                       tmp_path):
    window = sample_window(COORDINATOR)
    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)
    path = tmp_path / "response.wyproj"
    # Leeds's app: a comment on section 3, saved through the shared path while ours is open.
    loaded = storage.load(path)
    theirs = add_comment(loaded.project, Actor("leeds", "R. Ahmed", "partner lead"),
                         loaded.project.find_section("3"), "Leeds would cut this.")
    storage.save_shared(loaded.project, path, loaded.data, loaded.structure)
    section_3(window)
    answering(monkeypatch, qtbot, "Ours, written meanwhile.")
    window.app_actions.new_comment.trigger()
    ours = window.document.project.find_section("3").comments[-1]
    assert save_and_wait(qtbot, window)  # merges Leeds's save
    on_disk = storage.load(path).project.find_section("3").comments
    assert {c.id for c in on_disk} == {theirs.id, ours.id}
    assert sorted(shown_rows(window)) == ["Leeds would cut this. | Whole section",
                                          "Ours, written meanwhile. | Whole section"]
    assert outline_cell(window, window.document.project.find_section("3")).data(OPEN_COMMENTS_ROLE) == 2
    window.app_actions.undo.trigger()  # by value, on the merged project
    assert [c.id for c in window.document.project.find_section("3").comments] == [theirs.id]


def test_view_show_the_comments_brings_the_tab_forward_and_f6_and_tab_reach_it(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    panel = pane(window).panel
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert panel.tree.focusPolicy() == Qt.FocusPolicy.NoFocus  # a tab behind the matrix: Tab passes it by
    window.app_actions.show_comments.trigger()
    assert QApplication.focusWidget() is panel.tree
    window.tree.setFocus()
    for _ in range(6):
        window.app_actions.next_pane.trigger()
        if QApplication.focusWidget() is panel.tree:
            break
    assert QApplication.focusWidget() is panel.tree
    qtbot.keyClick(panel.tree, Key.Key_Tab)
    assert QApplication.focusWidget() is panel.detail


def test_with_no_project_or_no_partner_the_actions_say_why(qtbot, make_window, sample_window):
    from wyassembler.settings import Identity

    window = make_window(COORDINATOR)
    assert not window.app_actions.new_comment.isEnabled()
    assert "No project is open" in window.app_actions.new_comment.toolTip()
    assert not pane(window).dock.isVisible()
    stranger = sample_window(Identity("Z. Stranger", "nowhere", "partner lead"))
    qtbot.waitUntil(pane(stranger).dock.isVisible)  # a tab behind the matrix
    section_3(stranger)
    assert not stranger.app_actions.new_comment.isEnabled()
    assert "not a partner in this response" in stranger.app_actions.new_comment.toolTip()
    stranger.close_project(ask=False)
    assert not pane(stranger).dock.isVisible()
    stranger.open_sample()
    qtbot.waitUntil(pane(stranger).dock.isVisible)
    assert front_tab(stranger) == "Sign-off"  # Comments a tab behind the matrix again
    pane(stranger).dock.close()  # closed by the person: not shown with the next project
    stranger.close_project(ask=False)
    stranger.open_sample()
    qtbot.wait(50)
    assert not pane(stranger).dock.isVisible()
    stranger.app_actions.show_comments.trigger()
    assert front_tab(stranger) == "Comments"


def test_the_pane_shown_as_a_project_opens_leaves_the_accessibility_view_in_front(qtbot, sample_window):
    window = sample_window(COORDINATOR)
    qtbot.waitUntil(pane(window).dock.isVisible)
    window.close_project(ask=False)
    window.open_sample()
    window.app_actions.show_accessibility.trigger()  # before the pane is back as a tab
    qtbot.waitUntil(pane(window).dock.isVisible)
    assert front_tab(window) == "Accessibility"


def test_a_selection_over_paragraphs_quotes_its_first():
    assert selected_quote("  \u2029first words\u2029second") == "first words"
    assert selected_quote("one line\u2028and the next") == "one line\nand the next"
    assert len(selected_quote("x" * 5000)) == 1000
