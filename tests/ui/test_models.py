"""Both Qt models checked the way qutebrowser checks its own: Qt's QAbstractItemModelTester
(through pytest-qt's qtmodeltester) watches every signal while the outline and the partners
change, and the views are told about each change as rows and columns removed, inserted and moved,
never a reset: a reset loses the outline's selection, expansion and scroll position."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from tests.ui.conftest import COORDINATOR, save_and_wait
from wyassembler.core import signoff
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.projectfile import storage
from wyassembler.ui.models.outline import OutlineModel
from wyassembler.ui.models.signoff_matrix import SHORT_WORDS, SignoffMatrixModel
from wyassembler.ui.project import commands, record_commands

HEAD = Actor("joint-services", "H. Dawson", "coordinator")


class Resets:
    """Counts the resets a model announces."""

    def __init__(self, model) -> None:
        self.count = 0
        model.modelAboutToBeReset.connect(self._count)

    def _count(self) -> None:
        self.count += 1


def outline_rows(model: OutlineModel, parent: QModelIndex = QModelIndex()) -> list[tuple[str, list]]:
    """The tree as the model shows it: (number and heading, children), depth first."""
    return [(model.index(row, 0, parent).data(), outline_rows(model, model.index(row, 0, parent)))
            for row in range(model.rowCount(parent))]


def core_rows(project, sections=None, prefix: str = "") -> list[tuple[str, list]]:
    sections = project.sections if sections is None else sections
    return [(f"{prefix}{row}  {section.heading}", core_rows(project, section.children, f"{prefix}{row}."))
            for row, section in enumerate(sections, start=1)]


def matrix_cells(model: SignoffMatrixModel) -> list[list[str]]:
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def core_cells(project) -> list[list[str]]:
    """The matrix as the core works it out, in the words the model shows."""
    matrix = signoff.signoff_matrix(project)
    cells = []
    for row in matrix.rows:
        cells.append([f"{row.number}  {row.section.heading}"]
                     + [_short(row.states.get(org.id)) for org in project.organisations])
    cells.append(["Whole response (endorsement)"]
                 + [_short(matrix.endorsements.get(org.id)) for org in project.organisations])
    return cells


def _short(state: str | None) -> str:
    return SHORT_WORDS.get(state, state) if state else "\u2014"


@pytest.fixture
def checked(sample_window, qtmodeltester):
    """The sample's window, with Qt's model tester watching both models from now on."""
    window = sample_window(COORDINATOR)
    qtmodeltester.check(window.outline_model)
    matrix_tester = type(qtmodeltester)(None)
    matrix_tester.check(window.signoff_panel.model)
    window.matrix_tester = matrix_tester  # kept alive as long as the window
    return window


def step(window, command) -> None:
    assert window.run("the test's step", command)


def test_structural_changes_move_rows_and_never_reset(checked):
    window = checked
    document, outline, matrix = window.document, window.outline_model, window.signoff_panel.model
    resets, matrix_resets = Resets(outline), Resets(matrix)
    project = lambda: window.document.project  # noqa: E731 - undo and redo keep the project object
    third = project().find_section("3")
    held = QPersistentModelIndex(outline.index_of(third.id))

    with_child = project().find_section("4")
    step(window, commands.AddSectionCommand(document, "A new section", "calderdale", None, 1))
    step(window, commands.AddSectionCommand(document, "A sub-section", "leeds", with_child, None))
    step(window, commands.MoveSectionCommand(document, third, None, 0))  # up
    step(window, commands.MoveSectionCommand(document, third, None, 4))  # down
    step(window, commands.MoveSectionCommand(document, third, None, 0, commands.MoveSectionCommand.INDENT))
    step(window, commands.MoveSectionCommand(document, third, None, 0, commands.MoveSectionCommand.OUTDENT))
    step(window, commands.MoveSectionCommand(document, project().find_section("2"), project().find_section("1"), 0))
    step(window, commands.DeleteSectionCommand(document, with_child))  # with its sub-section
    assert outline_rows(outline) == core_rows(project())
    assert matrix_cells(matrix) == core_cells(project())
    assert held.isValid() and outline.section_at(held).id == third.id  # the view's index followed it

    while document.undo_stack.canUndo():
        window.editing.undo()
        assert outline_rows(outline) == core_rows(project())
        assert matrix_cells(matrix) == core_cells(project())
    while document.undo_stack.canRedo():
        window.editing.redo()
        assert outline_rows(outline) == core_rows(project())
        assert matrix_cells(matrix) == core_cells(project())
    assert (resets.count, matrix_resets.count) == (0, 0)


def test_partners_added_and_removed_are_columns_inserted_and_removed(checked):
    window = checked
    document, matrix = window.document, window.signoff_panel.model
    resets = Resets(matrix)
    columns = matrix.columnCount()
    step(window, commands.AddOrganisationCommand(document, "Harrogate Borough Council", "Harrogate"))
    assert matrix.columnCount() == columns + 1
    assert matrix.headerData(columns, Qt.Orientation.Horizontal) == "Harrogate"
    added = next(org for org in document.project.organisations if org.short_name == "Harrogate")
    first = document.project.find_section("1")
    step(window, commands.EditSectionCommand(document, first, heading="Background"))  # its approvals go stale
    step(window, record_commands.SignOffCommand(document, first, signoff.APPROVED))
    assert matrix_cells(matrix) == core_cells(document.project)
    step(window, commands.RemoveOrganisationCommand(document, added.id))
    assert matrix.columnCount() == columns
    assert matrix_cells(matrix) == core_cells(document.project)
    assert matrix.index(matrix.rowCount() - 1, 0).data() == "Whole response (endorsement)"
    assert resets.count == 0


def test_a_merge_bringing_new_sections_inserts_their_rows(qtbot, checked, dialogs, tmp_path):
    window = checked
    dialogs.save_path = str(tmp_path / "response")
    assert save_and_wait(qtbot, window)
    path = tmp_path / "response.wyproj"
    laptop = tmp_path / "laptop.wyproj"
    shutil.copy(path, laptop)
    other = storage.load(laptop).project
    add_section(other, HEAD, "Written on the laptop", "joint-services", index=2)
    add_section(other, HEAD, "And under it", "leeds", parent=other.sections[2])
    storage.save_project(other, laptop, keep_backup=False)
    outline, matrix = window.outline_model, window.signoff_panel.model
    resets, matrix_resets = Resets(outline), Resets(matrix)
    inserted: list[tuple[int, int]] = []
    outline.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))

    assert window.sync.merge_copy(Path(laptop))
    assert outline_rows(outline) == core_rows(window.document.project)
    assert outline_rows(outline)[2][0] == "3  Written on the laptop"
    assert matrix_cells(matrix) == core_cells(window.document.project)
    assert len(inserted) == 2 and (resets.count, matrix_resets.count) == (0, 0)


def test_opening_another_project_is_the_one_reset(checked, qtmodeltester):
    window = checked
    resets = Resets(window.outline_model)
    window.close_project(ask=False)
    assert window.outline_model.rowCount() == 0 and window.signoff_panel.model.rowCount() == 0
    window.open_sample()
    assert outline_rows(window.outline_model) == core_rows(window.document.project)
    assert resets.count == 2  # closing, then opening


def test_the_models_alone_pass_the_python_model_tester_too(checked, qtmodeltester):
    qtmodeltester.check(checked.outline_model, force_py=True)
    type(qtmodeltester)(None).check(checked.signoff_panel.model, force_py=True)
