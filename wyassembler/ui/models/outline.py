"""A QAbstractItemModel over the core's outline: number and heading, owner, sign-off state.

The model only reads the core. Renaming in place and drag-and-drop are
turned into requests (signals) that the window runs as undoable commands; the
model then refreshes from the core like every other view.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStyle

from ...core import signoff
from ...core.model import Section
from ..project.document import ProjectDocument
from ..common.icons import state_icon, state_word

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIME_TYPE = "application/x-wyassembler-section-id"


def summary_state(section: Section) -> str:
    """One state for the outline: a change request from anyone shows; otherwise the owner's decision."""
    states = signoff.section_states(section)
    if signoff.CHANGES_REQUESTED in states.values():
        return signoff.CHANGES_REQUESTED
    return states.get(section.owner, signoff.PENDING)


class OutlineModel(QAbstractItemModel):
    """Sections as a tree; internal ids are Python ids of the core's Section objects."""

    COLUMNS = ("Section", "Owner", "Sign-off")
    NUMBER_HEADING, OWNER, STATE = range(3)

    move_requested = Signal(str, str, int)  # section id, new parent id ("" for the top level), core index
    rename_requested = Signal(str, str)  # section id, new heading

    def __init__(self, document: ProjectDocument | None = None, parent=None) -> None:
        super().__init__(parent)
        self._document = document
        self._info: dict[int, tuple[Section, Section | None, int, str]] = {}
        self._rebuild()

    # -- keeping up with the core ----------------------------------------------------------

    def set_document(self, document: ProjectDocument | None) -> None:
        self._document = document
        self.refresh()

    def refresh(self) -> None:
        """Re-read the whole outline (after structural changes)."""
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        self._info = {}
        if self._document is None:
            return

        def visit(sections: list[Section], parent: Section | None, prefix: str) -> None:
            for row, section in enumerate(sections):
                number = f"{prefix}{row + 1}"
                self._info[id(section)] = (section, parent, row, number)
                visit(section.children, section, number + ".")

        visit(self._document.project.sections, None, "")

    def section_changed(self, section_id: str) -> None:
        """Repaint one row after its heading or content (and so its sign-off state) changed."""
        index = self.index_of(section_id)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(self.STATE))

    def states_changed(self) -> None:
        """Repaint the owner and state columns of every row (sign-offs or partners changed)."""
        for section, parent, _, _ in self._info.values():
            if section.children:
                first = self.createIndex(0, self.OWNER, id(section.children[0]))
                last = self.createIndex(len(section.children) - 1, self.STATE, id(section.children[-1]))
                self.dataChanged.emit(first, last)
        top = self._sections(None)
        if top:
            self.dataChanged.emit(self.index(0, self.OWNER), self.index(len(top) - 1, self.STATE))

    # -- lookups ------------------------------------------------------------------------

    def _sections(self, parent: Section | None) -> list[Section]:
        if self._document is None:
            return []
        return parent.children if parent is not None else self._document.project.sections

    def section_at(self, index: QModelIndex | QPersistentModelIndex) -> Section | None:
        if not index.isValid():
            return None
        info = self._info.get(index.internalId())
        return info[0] if info else None

    def index_of(self, section_id: str, column: int = 0) -> QModelIndex:
        for key, (section, _, row, _) in self._info.items():
            if section.id == section_id:
                return self.createIndex(row, column, key)
        return QModelIndex()

    def number_of(self, section: Section) -> str:
        info = self._info.get(id(section))
        return info[3] if info else ""

    # -- the model interface ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        siblings = self._sections(self.section_at(parent))
        if not 0 <= row < len(siblings) or not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, id(siblings[row]))

    def parent(self, index: QModelIndex = QModelIndex()):  # noqa: D401 - Qt's name
        if not index.isValid():
            return QModelIndex()
        info = self._info.get(index.internalId())
        if info is None or info[1] is None:
            return QModelIndex()
        parent = info[1]
        return self.createIndex(self._info[id(parent)][2], 0, id(parent))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        if parent.isValid() and self.section_at(parent) is None:
            return 0
        return len(self._sections(self.section_at(parent)))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        info = self._info.get(index.internalId()) if index.isValid() else None
        if info is None or self._document is None:
            return None
        section, _, _, number = info
        project = self._document.project
        column = index.column()
        if role == SECTION_ID_ROLE:
            return section.id
        if role == Qt.ItemDataRole.EditRole and column == self.NUMBER_HEADING:
            return section.heading
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NUMBER_HEADING:
                clashes = (f" ({len(section.conflicts)} conflict cop{'ies' if len(section.conflicts) > 1 else 'y'})"
                           if section.conflicts and role == Qt.ItemDataRole.AccessibleTextRole else "")
                return f"{number}  {section.heading}{clashes}"
            if column == self.OWNER:
                return project.org_label(section.owner)
            return state_word(summary_state(section))
        if role == Qt.ItemDataRole.DecorationRole and column == self.NUMBER_HEADING and section.conflicts:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return state_icon(summary_state(section))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(section, number)
        return None

    def _tooltip(self, section: Section, number: str) -> str:
        project = self._document.project
        lines = [f"{number} {section.heading}", f"Owner: {project.org_label(section.owner)}"]
        if section.contributors:
            lines.append("Contributors: " + ", ".join(project.org_label(o) for o in section.contributors))
        for org, state in signoff.section_states(section).items():
            lines.append(f"{project.org_label(org)}: {state_word(state)}")
        if section.conflicts:
            lines.append(f"{len(section.conflicts)} conflict cop{'ies' if len(section.conflicts) > 1 else 'y'} "
                         f"to resolve (Section \u203a Resolve Conflict Copies)")
        return "\n".join(lines)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        section = self.section_at(index)
        if section is None or self._document is None:
            return base if self._document is not None and self._document.may_restructure() else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._document.may_restructure():
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() == self.NUMBER_HEADING and self._document.may_edit(section):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        section = self.section_at(index)
        if section is None or role != Qt.ItemDataRole.EditRole or index.column() != self.NUMBER_HEADING:
            return False
        if str(value).strip() and str(value).strip() != section.heading:
            self.rename_requested.emit(section.id, str(value))
        # The rename, if allowed, comes back through the document like every other change.
        return False

    # -- drag and drop ------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        section = next((self.section_at(i) for i in indexes if i.isValid()), None)
        if section is not None:
            data.setData(MIME_TYPE, QByteArray(section.id.encode("utf-8")))
        return data

    def _drop_target(self, data: QMimeData, row: int, parent: QModelIndex) -> tuple[Section, Section | None, int] | None:
        if self._document is None or not data.hasFormat(MIME_TYPE):
            return None
        section_id = bytes(data.data(MIME_TYPE).data()).decode("utf-8")
        index = self.index_of(section_id)
        section = self.section_at(index)
        if section is None:
            return None
        new_parent = self.section_at(parent)
        probe = new_parent
        while probe is not None:
            if probe is section:
                return None
            probe = self._info[id(probe)][1]
        siblings = self._sections(new_parent)
        if row < 0:
            row = len(siblings)
        # The view counts rows with the section still in place; the core counts them after taking it out.
        current_parent, current_row = self._info[id(section)][1], self._info[id(section)][2]
        if current_parent is new_parent and current_row < row:
            row -= 1
        return section, new_parent, row

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex) -> bool:
        return action == Qt.DropAction.MoveAction and self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex) -> bool:
        target = self._drop_target(data, row, parent)
        if action != Qt.DropAction.MoveAction or target is None:
            return False
        section, new_parent, index = target
        # Run the move after the view has finished its drag, since the move resets this model.
        QTimer.singleShot(0, partial(self.move_requested.emit, section.id,
                                     new_parent.id if new_parent else "", index))
        return True
