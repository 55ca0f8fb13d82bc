"""The outline panel: the section tree over the outline model, with its toolbar and context menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QToolBar, QTreeView, QVBoxLayout, QWidget

from ..actions import Actions
from ..models.outline import OutlineModel


class OutlinePanel(QWidget):
    """The tree (renamed in place, dragged to move) and the outline's own toolbar."""

    def __init__(self, actions: Actions, model: OutlineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        a = actions
        self.tree = tree = QTreeView()
        tree.setObjectName("outline")
        tree.setAccessibleName("Outline of the response")
        tree.setModel(model)
        tree.setHeaderHidden(False)
        tree.setUniformRowHeights(True)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        tree.setDropIndicatorShown(True)
        triggers = QAbstractItemView.EditTrigger
        tree.setEditTriggers(triggers.EditKeyPressed | triggers.SelectedClicked)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for action in (a.add_section, a.add_subsection, a.rename_section, a.delete_section, a.move_up, a.move_down,
                       a.indent_section, a.outdent_section, a.ownership, a.sign_off, a.request_changes):
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
