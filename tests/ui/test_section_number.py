"""The editor's section number follows the section wherever the outline puts it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import COORDINATOR


def test_the_editor_number_follows_a_move_an_indent_and_their_undo(sample_window):
    window = sample_window(COORDINATOR)
    project = window.document.project
    section = project.find_section("3")
    window.select_section(section.id)
    assert window.editor.number_label.text() == "3"

    window.sections.move_up()
    assert project.number_of(window.document.project.section(section.id)) == "2"
    assert window.editor.number_label.text() == "2"

    window.sections.move_down()
    window.sections.move_down()
    assert window.editor.number_label.text() == "4"

    window.sections.indent_section()
    number = window.document.project.number_of(window.document.project.section(section.id))
    assert number == "3.1"
    assert window.editor.number_label.text() == "3.1"

    window.editing.undo()
    assert window.editor.number_label.text() == "4"


def test_the_editor_number_follows_a_section_above_coming_back(sample_window, dialogs):
    window = sample_window(COORDINATOR)
    project = window.document.project
    third = project.find_section("3")
    window.select_section(project.find_section("2").id)
    dialogs.question_answer = QMessageBox.StandardButton.Yes
    window.sections.delete_section()
    window.select_section(third.id)
    assert window.editor.number_label.text() == "2"
    window.editing.undo()  # section 2 comes back above the one shown
    assert window.editor.section.id == third.id
    assert window.editor.number_label.text() == "3"
