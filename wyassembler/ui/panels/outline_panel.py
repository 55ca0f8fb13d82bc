"""The outline panel: the section tree over the outline model, with its toolbar and context menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QToolBar, QTreeView, QVBoxLayout,
                               QWidget)

from ...core import signoff
from ..actions import Actions
from ..common.columns import column_width
from ..common.icons import state_word
from ..menus import actions_as_context_menu
from ..models.outline import OutlineModel
from .comments_panel import OpenCommentsDelegate

# Every state the outline's sign-off column can show (see outline.summary_state).
OUTLINE_STATES = (signoff.APPROVED, signoff.STALE, signoff.CHANGES_REQUESTED, signoff.PENDING)


class OutlinePanel(QWidget):
    """The tree (renamed in place, dragged to move) and the outline's own toolbar."""

    def __init__(self, actions: Actions, model: OutlineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        a = actions
        self.model = model
        self.tree = tree = QTreeView()
        tree.setObjectName("outline")
        tree.setAccessibleName("Outline of the response")
        tree.setModel(model)
        tree.setHeaderHidden(False)
        tree.setUniformRowHeights(True)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        tree.setDropIndicatorShown(True)
        # F2 or a double-click renames; a click on the row already selected only selects it, as
        # people click the current row again to get back to its text.
        triggers = QAbstractItemView.EditTrigger
        tree.setEditTriggers(triggers.EditKeyPressed | triggers.DoubleClicked)
        actions_as_context_menu(tree)
        tree.setItemDelegateForColumn(OutlineModel.NUMBER_HEADING, OpenCommentsDelegate(tree))  # "2 comments"
        header = tree.header()
        header.setStretchLastSection(False)
        # Sized from what the owner and state columns can show, never by reading every row.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OutlineModel.NUMBER_HEADING, QHeaderView.ResizeMode.Stretch)
        self.fit_columns()
        model.modelReset.connect(self.fit_columns)
        model.headerDataChanged.connect(self.fit_columns)
        for action in (a.add_section, a.add_subsection, a.rename_section, a.delete_section, a.move_up, a.move_down,
                       a.indent_section, a.outdent_section, a.ownership, a.mark_confidential, a.mark_public,
                       a.sign_off, a.request_changes):
            tree.addAction(action)
        tools = QToolBar("Outline")
        tools.setObjectName("outlineToolbar")
        for action in (a.add_section, a.delete_section, a.move_up, a.move_down, a.outdent_section, a.indent_section):
            tools.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(tools)
        layout.addWidget(tree, 1)

    def fit_columns(self) -> None:
        """Size the owner and sign-off columns for the widest label they can show (the partners' short
        names; the state words beside their icon), from font metrics alone."""
        model = self.model
        owners = [model.COLUMNS[OutlineModel.OWNER], *model.owner_labels()]
        states = [model.COLUMNS[OutlineModel.STATE]] + [state_word(state) for state in OUTLINE_STATES]
        icon = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.tree)
        header = self.tree.header()
        header.resizeSection(OutlineModel.OWNER, column_width(self.tree, header, owners))
        header.resizeSection(OutlineModel.STATE, column_width(self.tree, header, states, icon))
