"""The outline and the sign-off matrix on a large project: what a change, an open or a scroll step
reads from the models stays in proportion to the rows on screen (or the one row that changed), never
the whole project; the columns keep their widths without reading the cells; a click on the selected
outline row does not start a rename.

Costs are counted as the display text the views ask the models for, not timed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView

from tests.hard_project import hard_project
from tests.ui.conftest import CALDERDALE_LEAD, COORDINATOR
from tests.ui.test_keys import registered_window, unlocks  # noqa: F401 - a fixture, used by name
from wyassembler.core import signoff
from wyassembler.ui.common.icons import state_word
from wyassembler.ui.models.outline import SECTION_ID_ROLE, OutlineModel
from wyassembler.ui.models.signoff_matrix import SHORT_WORDS, SignoffMatrixModel
from wyassembler.ui.project import commands, record_commands

class DisplayReads:
    """Counts the display texts each model is asked for (a painted cell asks once)."""

    def __init__(self, monkeypatch) -> None:
        self.counts = {OutlineModel: 0, SignoffMatrixModel: 0}
        for model_class in self.counts:
            original = model_class.data

            def data(model, index, role=Qt.ItemDataRole.DisplayRole, _original=original, _class=model_class):
                if role == Qt.ItemDataRole.DisplayRole:
                    self.counts[_class] += 1
                return _original(model, index, role)

            monkeypatch.setattr(model_class, "data", data)

    def reset(self) -> None:
        for model_class in self.counts:
            self.counts[model_class] = 0

    @property
    def outline(self) -> int:
        return self.counts[OutlineModel]

    @property
    def matrix(self) -> int:
        return self.counts[SignoffMatrixModel]


def cells(model) -> int:
    """The cells of a model's top level (the outline's sub-sections counted too)."""
    if isinstance(model, OutlineModel):
        return len(model._parent) * model.columnCount()
    return model.rowCount() * model.columnCount()


@pytest.fixture
def open_large(make_window, monkeypatch):
    """Opens the 300-section hard project in a window for an identity, display reads counted."""
    reads = DisplayReads(monkeypatch)

    def open_as(identity=COORDINATOR):
        window = make_window(identity)
        window.resize(1200, 800)
        window.open_project(hard_project())
        QApplication.processEvents()
        window.reads = reads
        return window

    return open_as


@pytest.fixture
def large(open_large):
    """The hard project open for the coordinator."""
    return open_large()


def settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def test_committing_one_sections_typing_rereads_only_what_is_on_screen(large):
    window = large
    section = window.document.project.all_sections()[150]
    window.select_section(section.id)
    settle()
    window.editor.text.setFocus()
    window.editor.text.textCursor().insertText("More words. ")
    window.reads.reset()
    window.commit_editor()
    settle()
    matrix, outline = window.signoff_panel.model, window.outline_model
    # A quarter of the cells: the rows on screen are fewer, the whole project many more.
    assert window.reads.matrix < cells(matrix) // 4
    assert window.reads.outline < cells(outline) // 4


def test_the_matrix_row_of_a_changed_section_shows_its_new_state(open_large):
    window = open_large(CALDERDALE_LEAD)
    project = window.document.project
    section = next(s for s in project.all_sections()[150:] if s.owner == "calderdale")
    model = window.signoff_panel.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(model.SECTION_ID_ROLE) == section.id)
    assert window.run("sign off", record_commands.SignOffCommand(window.document, section, signoff.APPROVED))
    assert model.state_at(row, section.owner) == signoff.APPROVED
    window.select_section(section.id)
    settle()
    window.editor.text.textCursor().insertText("A change. ")
    window.commit_editor()
    settle()
    assert model.state_at(row, section.owner) == signoff.STALE
    assert model.index(row, 0).data() == f"{window.outline_model.number_of(section)}  {section.heading}"
    # The whole response's row follows too: its hash moved with the section's.
    assert [model.state_at(model.rowCount() - 1, org.id) for org in project.organisations] \
        == [signoff.endorsement_states(project)[org.id] for org in project.organisations]


def test_opening_a_large_project_resets_each_model_once_and_reads_only_what_is_shown(make_window, monkeypatch):
    reads = DisplayReads(monkeypatch)
    window = make_window(COORDINATOR)
    window.resize(1200, 800)
    resets = {"outline": 0, "matrix": 0}
    window.outline_model.modelAboutToBeReset.connect(lambda: resets.__setitem__("outline", resets["outline"] + 1))
    window.signoff_panel.model.modelAboutToBeReset.connect(
        lambda: resets.__setitem__("matrix", resets["matrix"] + 1))
    window.open_project(hard_project())
    settle()
    assert resets == {"outline": 1, "matrix": 1}
    assert reads.matrix < cells(window.signoff_panel.model) // 4
    assert reads.outline < cells(window.outline_model) // 4


@pytest.mark.parametrize("view_of", [lambda w: w.tree, lambda w: w.signoff_panel.table], ids=["outline", "matrix"])
def test_one_wheel_step_reads_only_the_rows_on_screen(large, view_of):
    window = large
    view = view_of(window)
    view.setFocus()
    settle()
    window.reads.reset()
    viewport = view.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    wheel = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    viewport.repaint()
    settle()
    assert view.verticalScrollBar().value() > 0
    assert window.reads.matrix + window.reads.outline < cells(view.model()) // 4


def test_no_column_of_the_outline_or_the_matrix_is_sized_by_reading_its_cells(large):
    window = large
    for header in (window.tree.header(), window.signoff_panel.table.horizontalHeader()):
        modes = [header.sectionResizeMode(column) for column in range(header.count())]
        assert QHeaderView.ResizeMode.ResizeToContents not in modes


def test_outline_owner_and_state_columns_fit_every_value_they_can_show(large):
    window = large
    tree, project = window.tree, window.document.project
    metrics = tree.fontMetrics()
    owner_width = tree.header().sectionSize(OutlineModel.OWNER)
    state_width = tree.header().sectionSize(OutlineModel.STATE)
    assert all(metrics.horizontalAdvance(org.label()) < owner_width for org in project.organisations)
    icon = tree.style().pixelMetric(tree.style().PixelMetric.PM_SmallIconSize)
    for state in (signoff.APPROVED, signoff.STALE, signoff.CHANGES_REQUESTED, signoff.PENDING):
        assert metrics.horizontalAdvance(state_word(state)) + icon < state_width
    # The section column takes the rest.
    assert tree.header().sectionResizeMode(OutlineModel.NUMBER_HEADING) == QHeaderView.ResizeMode.Stretch


def test_matrix_columns_show_short_names_fit_their_badges_and_tell_full_names(large):
    window = large
    table, model, project = window.signoff_panel.table, window.signoff_panel.model, window.document.project
    metrics = table.fontMetrics()
    widest_badge = max(metrics.horizontalAdvance(word) for word in SHORT_WORDS.values())
    for column, org in enumerate(project.organisations, start=1):
        assert model.headerData(column, Qt.Orientation.Horizontal) == org.label()
        assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == org.name
        assert org.name in model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
        assert table.columnWidth(column) > widest_badge
        assert table.columnWidth(column) > metrics.horizontalAdvance(org.label())
        assert org.name in model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    # A partner added later gets a readable column too.
    assert window.run("add", commands.AddOrganisationCommand(window.document, "Barnsley Metropolitan Borough Council",
                                                             "Barnsley"))
    settle()
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Barnsley"
    assert table.columnWidth(column) > widest_badge


def click(qtbot, view, index) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_clicking_the_selected_outline_row_does_not_start_a_rename(large, qtbot):
    window = large
    tree = window.tree
    index = window.outline_model.index(1, 0)
    click(qtbot, tree, index)
    assert tree.currentIndex() == index
    # Well apart, so Qt does not take the two clicks for a double-click.
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    click(qtbot, tree, index)
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    assert tree.state() != QAbstractItemView.State.EditingState
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    assert tree.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert tree.state() != QAbstractItemView.State.EditingState
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    assert tree.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


class Repaints:
    """The outline rows a model announced as changed (by section id)."""

    def __init__(self, model: OutlineModel) -> None:
        self.model, self.ids = model, set()
        model.dataChanged.connect(self._record)

    def _record(self, top, bottom, _roles) -> None:
        for row in range(top.row(), bottom.row() + 1):
            self.ids.add(self.model.index(row, 0, top.parent()).data(SECTION_ID_ROLE))


def test_a_sign_off_repaints_only_its_outline_row(open_large):
    window = open_large(CALDERDALE_LEAD)
    section = next(s for s in window.document.project.all_sections()[150:] if s.owner == "calderdale")
    repaints = Repaints(window.outline_model)
    assert window.run("sign off", record_commands.SignOffCommand(window.document, section, signoff.APPROVED))
    assert repaints.ids == {section.id}


def test_adding_a_last_section_repaints_no_row_whose_number_stayed(large):
    window = large
    project = window.document.project
    repaints = Repaints(window.outline_model)
    assert window.run("add", commands.AddSectionCommand(window.document, "A last word", "leeds", None))
    settle()
    added = project.sections[-1]
    assert added.heading == "A last word"
    assert repaints.ids <= {added.id}
    # Moving it up three places renumbers those it passes (and their sub-sections): those alone are repainted.
    numbers = {s.id: window.outline_model.number_of(s) for s in project.all_sections()}
    repaints.ids.clear()
    assert window.run("move", commands.MoveSectionCommand(window.document, added, None, len(project.sections) - 4))
    settle()
    renumbered = {s.id for s in project.all_sections() if window.outline_model.number_of(s) != numbers[s.id]}
    assert len(renumbered) >= 4
    assert repaints.ids == renumbered


def test_the_status_bar_count_of_endorsements_follows_a_commit(sample_window):
    window = sample_window(CALDERDALE_LEAD)
    assert window.progress_label.text().startswith("10 of 10 organisations endorsed")
    window.select_section(window.document.project.find_section("3").id)
    window.editor.text.textCursor().insertText("A late change. ")
    window.commit_editor()
    # The response changed under every endorsement: none is current any more.
    assert window.progress_label.text().startswith("0 of 10 organisations endorsed")


def test_a_sign_off_works_out_the_states_of_its_section_not_of_every_section(open_large, monkeypatch):
    window = open_large(CALDERDALE_LEAD)
    sections = window.document.project.all_sections()
    section = next(s for s in sections[150:] if s.owner == "calderdale")
    looked_at: list[str] = []
    section_states = signoff.section_states
    monkeypatch.setattr(signoff, "section_states", lambda s: looked_at.append(s.id) or section_states(s))
    assert window.run("sign off", record_commands.SignOffCommand(window.document, section, signoff.APPROVED))
    settle()
    assert section.id in looked_at
    # The rows on screen are painted (and so read) again; the other sections are not looked at.
    assert len(looked_at) < len(sections) // 4


def test_a_signed_decision_widens_its_partners_column_to_show_the_signature_word(sample_window, unlocks):  # noqa: F811
    window = registered_window(sample_window, unlocks)
    table, model = window.signoff_panel.table, window.signoff_panel.model
    column = model._columns.index("joint-services")
    icon = table.style().pixelMetric(table.style().PixelMetric.PM_SmallIconSize)
    text = "Endorsed \u00b7 signed"
    window.signing.endorse()
    assert model.index(model.rowCount() - 1, column).data() == text
    assert table.columnWidth(column) > table.fontMetrics().horizontalAdvance(text) + icon
