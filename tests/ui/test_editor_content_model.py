"""The editor keeps what the content model holds since format 1.3: line breaks, tabs, list start
numbers, tables without a header row, and the project's list numbering, shown as Word will show them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor, QTextListFormat

from tests.core.test_markdown import content
from tests.ui.conftest import save_and_wait
from tests.ui.editor_input import show, type_at_end
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, Table, plain
from wyassembler.projectfile.storage import load
from wyassembler.ui.project import commands
from wyassembler.ui.editor.content_document import document_for, list_kind, read_document

NEW_THINGS = (
    Paragraph((Span("Joint Services\nPO Box 5\tWakefield"), Span("\nbold\tafter", bold=True))),
    ListItem(plain("five"), "number", start=5), ListItem(plain("six"), "number"),
    ListItem(plain("again one"), "number", start=1),
    ListItem(plain("a bullet")), ListItem(plain("one after the bullet"), "number"),
    ListItem(plain("nested from 3"), "number", 2, start=3), ListItem(plain("nested four"), "number", 2),
    ListItem(plain("from zero"), "number", start=0),
    Table((), ((plain("no"), plain("header\nrow")), (plain("here"), ()))),
    Table(((Span("Who", bold=True),), plain("What")), ((plain("Leeds"), plain("Yes\tno")),)),
)




def shown_labels(window) -> list[tuple[str, str]]:
    """(text, the number Qt draws) of every numbered list item in the editor."""
    labels = []
    block = window.editor.text.document().begin()
    while block.isValid():
        if block.textList() is not None and list_kind(block.textList().format().style()) == "number":
            labels.append((block.text(), block.textList().itemText(block)))
        block = block.next()
    return labels


def test_breaks_tabs_starts_and_headerless_tables_come_back_from_the_editor_unchanged(sample_window):
    window = sample_window()
    section = show(window, NEW_THINGS)
    assert window.editor.current_blocks() == section.blocks == NEW_THINGS


def test_each_list_is_its_own_qt_list_numbered_as_word_numbers_it(sample_window):
    window = sample_window()
    show(window, NEW_THINGS)
    assert shown_labels(window) == [
        ("five", "5."), ("six", "6."), ("again one", "1."), ("one after the bullet", "1."), ("nested from 3", "c."),
        ("nested four", "d."), ("from zero", "0.")]


def test_a_line_break_is_a_line_separator_inside_one_block(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("one\ntwo")),))
    document = window.editor.text.document()
    assert document.blockCount() == 1 and document.begin().text() == "one\u2028two"


def test_a_table_without_header_has_no_header_row_and_no_shading(sample_window):
    window = sample_window()
    show(window, (Table((), ((plain("a"),),)), Table((plain("h"),), ((plain("b"),),))))
    headerless, with_header = window.editor.text.document().rootFrame().childFrames()
    assert headerless.format().headerRowCount() == 0
    assert headerless.cellAt(0, 0).format().background().style() == Qt.BrushStyle.NoBrush
    assert with_header.format().headerRowCount() == 1
    assert with_header.cellAt(0, 0).format().background().style() != Qt.BrushStyle.NoBrush


def test_shift_enter_types_a_line_break_that_is_committed_and_saved(qtbot, sample_window, dialogs, tmp_path):
    window = sample_window()
    section = show(window, (Paragraph(plain("Address:")),))
    type_at_end(qtbot, window, " Joint Services")
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.editor.text, "PO Box 5")
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.editor.text, "Wakefield")
    assert window.commit_editor()
    assert section.blocks == (Paragraph(plain("Address: Joint Services\nPO Box 5\tWakefield")),)
    dialogs.save_path = str(tmp_path / "saved.wyproj")
    assert save_and_wait(qtbot, window, save_as=True)
    saved = load(tmp_path / "saved.wyproj").project.section(section.id)
    assert saved.blocks == section.blocks


def test_a_number_qt_goes_on_counting_across_a_paragraph_is_kept_as_a_start(sample_window):
    window = sample_window()
    show(window, (ListItem(plain("a"), "number"), ListItem(plain("b"), "number"), ListItem(plain("c"), "number")))
    editor = window.editor
    cursor = editor.text.textCursor()
    cursor.setPosition(editor.text.document().findBlockByNumber(1).position())
    editor.text.setTextCursor(cursor)
    editor.set_list(None)  # b becomes a paragraph; Qt still numbers c as 2
    assert shown_labels(window)[-1] == ("c", "2.")
    assert editor.current_blocks() == (
        ListItem(plain("a"), "number"), Paragraph(plain("b")), ListItem(plain("c"), "number", start=2))


def test_a_headerless_table_copied_in_the_editor_pastes_without_a_header(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("before")), Table((), ((plain("x"), plain("y")),)), Paragraph(plain("after"))))
    editor = window.editor.text
    editor.selectAll()
    copied = editor.createMimeDataFromSelection()
    assert copied.hasHtml()
    editor.document().clear()
    editor.insertFromMimeData(copied)
    assert window.editor.current_blocks() == (
        Paragraph(plain("before")), Table((), ((plain("x"), plain("y")),)), Paragraph(plain("after")))


def test_a_table_pasted_from_elsewhere_keeps_its_first_row_as_header(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("x")),))
    editor = window.editor.text
    editor.document().clear()
    data = QMimeData()
    data.setHtml("<table><tr><td>Who</td><td>What</td></tr><tr><td>Leeds</td><td>Yes</td></tr></table>")
    editor.insertFromMimeData(data)
    assert window.editor.current_blocks() == (Table((plain("Who"), plain("What")), ((plain("Leeds"), plain("Yes")),)),)


def test_a_pasted_paragraph_with_a_line_break_stays_one_paragraph(sample_window):
    window = sample_window()
    show(window, (Paragraph(plain("Start")),))
    editor = window.editor.text
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    data = QMimeData()
    data.setHtml("<p>one<br>two</p>")
    editor.insertFromMimeData(data)
    assert window.editor.current_blocks() == (Paragraph(plain("Startone\ntwo")),)


def test_the_projects_level_formats_number_the_editors_lists(qtbot, sample_window):
    window = sample_window()
    show(window, (ListItem(plain("a"), "number"), ListItem(plain("b"), "number", 2),
                  ListItem(plain("c"), "number", 3)))
    assert [label for _, label in shown_labels(window)] == ["1.", "a.", "i."]
    window.document.execute(commands.SetPropertiesCommand(
        window.document, {"list_formats": ("upperRoman", "upperLetter", "decimal")}))
    assert [label for _, label in shown_labels(window)] == ["I.", "A.", "1."]
    styles = []
    block = window.editor.text.document().begin()
    while block.isValid():
        styles.append(block.textList().format().style())
        block = block.next()
    assert styles == [QTextListFormat.Style.ListUpperRoman, QTextListFormat.Style.ListUpperAlpha,
                      QTextListFormat.Style.ListDecimal]
    # A list made in the editor takes the project's format for its level too.
    type_at_end(qtbot, window, "")
    cursor = window.editor.text.textCursor()
    cursor.insertBlock()
    window.editor.text.setTextCursor(cursor)
    qtbot.keyClicks(window.editor.text, "d")
    window.editor.set_list(None)
    window.editor.set_list("number")  # d joins the list a began, as its second item
    assert shown_labels(window)[-1] == ("d", "II.")


# -- the project's list numbering in the properties dialog ------------------------------------------


def test_the_properties_dialog_offers_each_levels_numbering_and_shows_the_projects(sample_window):
    from wyassembler.ui.dialogs.project import PropertiesDialog

    window = sample_window()
    window.document.project.list_formats = ("upperLetter", "decimal", "upperRoman")
    dialog = PropertiesDialog(window.document.project, True, window)
    assert [combo.accessibleName() for combo in dialog.numbering] == [
        "Level 1 numbering", "Level 2 numbering", "Level 3 numbering"]
    assert [dialog.numbering[0].itemText(i) for i in range(dialog.numbering[0].count())] == [
        "1.", "a.", "A.", "i.", "I."]
    assert [combo.currentText() for combo in dialog.numbering] == ["A.", "1.", "I."]
    assert dialog.changes() == {}
    assert not any(combo.isEnabled() for combo in PropertiesDialog(window.document.project, False, window).numbering)


def test_numbering_chosen_in_the_dialog_is_set_shown_and_undone(sample_window, monkeypatch):
    from wyassembler.ui.dialogs.project import PropertiesDialog

    window = sample_window()
    show(window, (ListItem(plain("a"), "number"), ListItem(plain("b"), "number", 2)))

    def choose(dialog):
        dialog.numbering[0].setCurrentIndex(dialog.numbering[0].findText("i."))
        dialog.numbering[1].setCurrentIndex(dialog.numbering[1].findText("1."))
        return PropertiesDialog.DialogCode.Accepted

    monkeypatch.setattr(PropertiesDialog, "exec", choose)
    window.project_ops.edit_properties()
    assert window.document.project.list_formats == ("lowerRoman", "decimal", "lowerRoman")
    assert [label for _, label in shown_labels(window)] == ["i.", "1."]
    window.editing.undo()
    assert window.document.project.list_formats == ("decimal", "lowerLetter", "lowerRoman")
    assert [label for _, label in shown_labels(window)] == ["1.", "a."]


def test_the_conflict_views_and_the_merged_text_number_lists_as_the_project_does(sample_window):
    from PySide6.QtWidgets import QTextBrowser

    from wyassembler.ui.dialogs.conflicts import ConflictsDialog, MergedTextDialog

    window = sample_window()
    project = window.document.project
    section = show(window, (ListItem(plain("a"), "number", start=3), ListItem(plain("b"), "number", 2)))
    project.list_formats = ("upperRoman", "upperLetter", "decimal")

    def labels(document):
        block, found = document.begin(), []
        while block.isValid():
            found.append(block.textList().itemText(block))
            block = block.next()
        return found

    dialog = ConflictsDialog(project, section, True, parent=window)
    assert [labels(view.document()) for view in dialog.findChildren(QTextBrowser)] == [["III.", "A."]]
    merged = MergedTextDialog(project, section, window)
    assert labels(merged.text.document()) == ["III.", "A."]
    assert read_document(merged.text.document()) == section.blocks


# -- any content, generated ---------------------------------------------------------------------------


def _what_the_editor_keeps(blocks: tuple) -> tuple:
    """``blocks`` less what reading the editor drops on purpose, as it always has: a member list
    right after another (one placeholder shows both) and a one-row table without any text."""
    kept = []
    for block in blocks:
        if isinstance(block, MemberList) and kept and isinstance(kept[-1], MemberList):
            continue
        if isinstance(block, Table):
            rows = ((block.header,) if block.has_header else ()) + block.rows
            if len(rows) == 1 and not any(rows[0]):
                continue
        kept.append(block)
    return tuple(kept)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(content.map(_what_the_editor_keeps))
def test_any_content_comes_back_from_the_editor_unchanged(qtbot, blocks):
    # The same generator as the Markdown round trip: breaks, tabs, starts, headerless tables.
    assert read_document(document_for(blocks, ["Leeds"], ("upperRoman", "lowerLetter", "decimal"))) == blocks
