"""A QAbstractItemModel over the core's outline: number and heading, owner, sign-off state.

The model only reads the core. Renaming in place and drag-and-drop are
turned into requests (signals) that the window runs as undoable commands; the
model then follows the core like every other view.

It keeps its own copy of the outline's shape (which section id is where), so that when the core's
outline changes it can tell the views what happened in Qt's terms, one step at a time: sections
removed, inserted and moved (beginRemoveRows, beginInsertRows, beginMoveRows), never a reset
that would lose the views' selection, expansion and scroll position. Only opening another
project resets it.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QObject, QPersistentModelIndex,
                            Qt, QTimer, Signal)
from PySide6.QtWidgets import QApplication, QStyle

from ...core import signoff
from ...core.comments import open_thread_count
from ...core.confidentiality import withheld_phrase, withholding_section
from ...core.model import Section
from ..common.icons import state_icon, state_word
from ..common.lock_icon import confidential_icon
from ..project.document import ProjectDocument

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OPEN_COMMENTS_ROLE = Qt.ItemDataRole.UserRole + 2  # how many comment threads on the section are open
MIME_TYPE = "application/x-wyassembler-section-id"
Index = QModelIndex | QPersistentModelIndex


def summary_state(section: Section) -> str:
    """One state for the outline: a change request from anyone shows; otherwise the owner's decision."""
    states = signoff.section_states(section)
    if signoff.CHANGES_REQUESTED in states.values():
        return signoff.CHANGES_REQUESTED
    return states.get(section.owner, signoff.PENDING)


def open_comments_words(count: int) -> str:
    """"2 open comments" ("" for none): what the outline says of a section's unresolved comment threads."""
    return "" if not count else f"{count} open comment{'' if count == 1 else 's'}"


def outline_shape(sections: list[Section]) -> tuple[dict[str | None, list[str]], dict[str, Section]]:
    """The outline as section ids by parent id (None: the top level), and each section by id."""
    children: dict[str | None, list[str]] = {None: []}
    by_id: dict[str, Section] = {}
    _shape(sections, None, children, by_id)
    return children, by_id


def _shape(siblings: list[Section], parent: str | None, children: dict[str | None, list[str]],
           by_id: dict[str, Section]) -> None:
    # Not a nested function calling itself: that is a reference cycle holding every section, which a
    # project left out of the collector's sight (ui.project.heap) kept alive for good.
    for section in siblings:
        children[parent].append(section.id)
        by_id[section.id] = section
        children[section.id] = []
        _shape(section.children, section.id, children, by_id)


class OutlineModel(QAbstractItemModel):
    """Sections as a tree. An index's internal id is a number this model gives each section id, so
    an index (and a persistent one) means the same section however the outline changes."""

    COLUMNS = ("Section", "Owner", "Sign-off")
    NUMBER_HEADING, OWNER, STATE = range(3)

    move_requested = Signal(str, str, int)  # section id, new parent id ("" for the top level), core index
    rename_requested = Signal(str, str)  # section id, new heading

    def __init__(self, document: ProjectDocument | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        # The shape the views have been told about: child ids by parent id (None: the top level).
        self._children: dict[str | None, list[str]] = {None: []}
        self._parent: dict[str, str | None] = {}
        self._sections: dict[str, Section] = {}
        self._keys: dict[str, int] = {}  # section id -> internal id, never reused
        self._ids: dict[int, str] = {}
        self._rows: dict[str | None, dict[str, int]] = {}  # each sibling list's rows, by section id
        # The numbers as last shown: a row's data changes only by dataChanged, never as a side effect
        # of rows inserted or removed above it (Qt's model tester checks this).
        self._numbers: dict[str, str] = {}
        # What each row showed when last painted, and the partners' labels the owner column was sized
        # for: a refresh repaints only the rows whose look changed, not the whole outline.
        self._looks: dict[str, tuple] = {}
        self._labels: tuple[str, ...] = ()
        self._adopt_whole_outline()

    # -- keeping up with the core ----------------------------------------------------------

    def set_document(self, document: ProjectDocument | None) -> None:
        """Show another project (or none): the one change that resets the model."""
        self.beginResetModel()
        self._document = document
        self._adopt_whole_outline()
        self.endResetModel()

    def refresh(self) -> None:
        """Follow the core's outline after structural changes (add, delete, move, indent, a merge),
        announcing each removal, insertion and move, then the numbers and states that changed."""
        children, by_id = self._core_shape()
        self._sections.update(by_id)
        new_parent = {child: parent for parent, ids in children.items() for child in ids}
        for section_id in list(self._parent):
            parent = self._parent[section_id]
            if section_id in new_parent and new_parent[section_id] != parent and parent is not None:
                self._move(section_id, None, len(self._children[None]))  # out of the way while others go
        # The top-most of the sections gone; each takes its sub-sections (none of them kept) with it.
        for section_id in [s for s, parent in self._parent.items()
                           if s not in by_id and (parent is None or parent in by_id)]:
            self._remove(section_id)
        for parent_id in self._preorder(children):
            for row, section_id in enumerate(children[parent_id]):
                if section_id not in self._parent:
                    self._insert(section_id, parent_id, row)
                elif (self._parent[section_id], self._row(section_id)) != (parent_id, row):
                    self._move(section_id, parent_id, row)
        assert self._children == children, "the model's outline must end as the core's"
        self._sections = by_id
        self._repaint_changed()

    def _core_shape(self) -> tuple[dict[str | None, list[str]], dict[str, Section]]:
        return outline_shape(self._document.project.sections) if self._document is not None else ({None: []}, {})

    def _adopt_whole_outline(self) -> None:
        self._children, self._sections = self._core_shape()
        self._parent = {child: parent for parent, ids in self._children.items() for child in ids}
        self._rows = {}
        self._numbers = {section_id: self._number(section_id) for section_id in self._parent}
        self._looks = {section_id: self._look(section_id) for section_id in self._parent}
        self._labels = tuple(self.owner_labels())
        for section_id in self._sections:
            self._key(section_id)

    @staticmethod
    def _preorder(children: dict[str | None, list[str]]) -> list[str | None]:
        """Parent ids, each before its children, so a parent is in place before its rows are ordered."""
        order: list[str | None] = []
        stack: list[str | None] = [None]
        while stack:
            parent = stack.pop()
            order.append(parent)
            stack.extend(reversed(children.get(parent, [])))
        return order

    def _key(self, section_id: str) -> int:
        if section_id not in self._keys:
            key = len(self._keys) + 1
            self._keys[section_id], self._ids[key] = key, section_id
        return self._keys[section_id]

    def _index_for(self, section_id: str | None, column: int = 0) -> QModelIndex:
        if section_id is None:
            return QModelIndex()
        return self.createIndex(self._row(section_id), column, self._key(section_id))

    def _row(self, section_id: str) -> int:
        parent = self._parent[section_id]
        rows = self._rows.get(parent)
        if rows is None:  # worked out once per list of siblings, forgotten when that list changes
            rows = self._rows[parent] = {child: row for row, child in enumerate(self._children[parent])}
        return rows[section_id]

    def _remove(self, section_id: str) -> None:
        parent, row = self._parent[section_id], self._row(section_id)
        self.beginRemoveRows(self._index_for(parent), row, row)
        self._children[parent].pop(row)
        self._rows.pop(parent, None)
        stack = [section_id]
        while stack:
            gone = stack.pop()
            stack.extend(self._children.pop(gone, []))
            self._rows.pop(gone, None)
            del self._parent[gone]
        self.endRemoveRows()

    def _insert(self, section_id: str, parent: str | None, row: int) -> None:
        self.beginInsertRows(self._index_for(parent), row, row)
        self._children[parent].insert(row, section_id)
        self._rows.pop(parent, None)
        self._children[section_id] = []
        self._parent[section_id] = parent
        self._key(section_id)
        self.endInsertRows()

    def _move(self, section_id: str, parent: str | None, row: int) -> None:
        """Move a section to ``row`` of ``parent``'s children, counted as they will be after the move."""
        old_parent, old_row = self._parent[section_id], self._row(section_id)
        # Qt counts the destination before the row is taken out: one more when moving down in one parent.
        destination = row + 1 if old_parent == parent and row > old_row else row
        moved = self.beginMoveRows(self._index_for(old_parent), old_row, old_row, self._index_for(parent),
                                   destination)
        assert moved, f"Qt refused to move section {section_id} to row {row}"
        self._children[old_parent].pop(old_row)
        self._children[parent].insert(row, section_id)
        self._rows.pop(old_parent, None)
        self._rows.pop(parent, None)
        self._parent[section_id] = parent
        self.endMoveRows()

    def _look(self, section_id: str) -> tuple:
        """What a row shows: number, heading, owner, every partner's state, conflict copies, open comments."""
        section = self._sections[section_id]
        owner = self._document.project.org_label(section.owner) if self._document is not None else section.owner
        return (self._numbers.get(section_id), section.heading, owner, tuple(signoff.section_states(section).items()),
                len(section.conflicts), self.confidentiality(section), open_thread_count(section))

    def confidentiality(self, section: Section) -> str:
        """What the outline says of a withheld section ("Confidential: commercially sensitive", or "Withheld
        with section 4 (confidential: …)" for its sub-sections), or "" if the public copy includes it."""
        holder = self._withholder(section)
        if holder is None:
            return ""
        if holder is section:
            return withheld_phrase(section, holder, "")
        assert self._document is not None
        number = self._numbers.get(holder.id) or self._document.project.number_of(holder)
        return withheld_phrase(section, holder, number)

    def _repaint_changed(self) -> None:
        """Numbers follow positions, states follow content and partners: repaint the rows whose look
        changed since they were last shown, one range per run of adjacent changed rows."""
        self._numbers = {section_id: self._number(section_id) for section_id in self._parent}
        looks = {section_id: self._look(section_id) for section_id in self._parent}
        for ids in self._children.values():
            start = None
            for row, section_id in enumerate([*ids, None]):
                changed = section_id is not None and looks[section_id] != self._looks.get(section_id)
                if changed and start is None:
                    start = row
                elif not changed and start is not None:
                    self.dataChanged.emit(self._index_for(ids[start]), self._index_for(ids[row - 1], self.STATE))
                    start = None
        self._looks = looks
        labels = tuple(self.owner_labels())
        if labels != self._labels:
            self._labels = labels
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.OWNER, self.OWNER)

    def section_changed(self, section_id: str) -> None:
        """Repaint one row after its heading or content (and so its sign-off state) changed."""
        index = self.index_of(section_id)
        if index.isValid():
            self._looks[section_id] = self._look(section_id)
            self.dataChanged.emit(index, index.siblingAtColumn(self.STATE))
            self._repaint_below(section_id)

    def _repaint_below(self, section_id: str) -> None:
        """Repaint the sub-sections of ``section_id`` whose look changed with it (marked confidential or
        public, a sub-section is withheld with it or no longer), and no other row."""
        stack = list(self._children.get(section_id, []))
        while stack:
            child = stack.pop()
            stack.extend(self._children.get(child, []))
            look = self._look(child)
            if look != self._looks.get(child):
                self._looks[child] = look
                index = self._index_for(child)
                self.dataChanged.emit(index, index.siblingAtColumn(self.STATE))

    def states_changed(self, section_id: str = "") -> None:
        """Repaint the rows whose owner or states changed: ``section_id``'s alone after a decision on
        that section; any row after keys or endorsements changed (no ``section_id``)."""
        if section_id:
            self.section_changed(section_id)
        else:
            self._repaint_changed()

    def owner_labels(self) -> list[str]:
        """Every label the owner column can show: the partners' short names (or names)."""
        return [org.label() for org in self._document.project.organisations] if self._document is not None else []

    # -- lookups ------------------------------------------------------------------------

    def _id_at(self, index: Index) -> str | None:
        return self._ids.get(index.internalId()) if index.isValid() else None

    def section_at(self, index: Index) -> Section | None:
        section_id = self._id_at(index)
        return self._sections.get(section_id) if section_id in self._parent else None

    def index_of(self, section_id: str, column: int = 0) -> QModelIndex:
        return self._index_for(section_id, column) if section_id in self._parent else QModelIndex()

    def number_of(self, section: Section) -> str:
        """The number the outline shows for ``section`` ("2.1"), or "" if it is not shown."""
        if section.id not in self._parent:
            return ""
        return self._numbers.get(section.id) or self._number(section.id)

    def _number(self, section_id: str) -> str:
        parts: list[str] = []
        current: str | None = section_id
        while current is not None:
            parts.append(str(self._row(current) + 1))
            current = self._parent[current]
        return ".".join(reversed(parts))

    # -- the model interface ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        parent_id = self._id_at(parent)
        if parent.isValid() and (parent_id not in self._parent or parent.column() != 0):
            return QModelIndex()
        siblings = self._children.get(parent_id, [])
        if not 0 <= row < len(siblings) or not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, self._key(siblings[row]))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        section_id = self._id_at(index)
        if section_id not in self._parent:
            return QModelIndex()
        return self._index_for(self._parent[section_id])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._children[None])
        parent_id = self._id_at(parent)
        if parent.column() != 0 or parent_id not in self._parent:
            return 0
        return len(self._children[parent_id])

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        section = self.section_at(index)
        if section is None or self._document is None:
            return None
        project = self._document.project
        column = index.column()
        if role == SECTION_ID_ROLE:
            return section.id
        if role == OPEN_COMMENTS_ROLE:
            return open_thread_count(section)
        if role == Qt.ItemDataRole.EditRole and column == self.NUMBER_HEADING:
            return section.heading
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NUMBER_HEADING:
                accessible = role == Qt.ItemDataRole.AccessibleTextRole
                clashes = (f" ({len(section.conflicts)} conflict cop{'ies' if len(section.conflicts) > 1 else 'y'})"
                           if section.conflicts and accessible else "")
                withheld = self.confidentiality(section) if accessible else ""
                talk = open_comments_words(open_thread_count(section)) if accessible else ""
                return (f"{self.number_of(section)}  {section.heading}{clashes}" + (f". {withheld}" if withheld else "")
                        + (f". {talk}" if talk else ""))
            if column == self.OWNER:
                return project.org_label(section.owner)
            return state_word(summary_state(section))
        if role == Qt.ItemDataRole.DecorationRole and column == self.NUMBER_HEADING:
            return self._decoration(section)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return state_icon(summary_state(section))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(section)
        return None

    def _withholder(self, section: Section) -> Section | None:
        """The section whose confidential mark withholds ``section`` (itself or one above it), or None."""
        return withholding_section(self._document.project, section) if self._document is not None else None

    def _decoration(self, section: Section):
        """A padlock on a withheld section (with a warning corner if it has conflict copies too), the
        warning alone on one with conflict copies, else nothing."""
        holder = self._withholder(section)
        if holder is not None:
            return confidential_icon(holder is not section, bool(section.conflicts))
        if section.conflicts:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def _tooltip(self, section: Section) -> str:
        assert self._document is not None
        project = self._document.project
        lines = [f"{self.number_of(section)} {section.heading}", f"Owner: {project.org_label(section.owner)}"]
        withheld = self.confidentiality(section)
        if withheld:
            lines += [withheld, "The public copy of the response withholds it."]
        if section.contributors:
            lines.append("Contributors: " + ", ".join(project.org_label(o) for o in section.contributors))
        for org, state in signoff.section_states(section).items():
            lines.append(f"{project.org_label(org)}: {state_word(state)}")
        talk = open_comments_words(open_thread_count(section))
        if talk:
            lines.append(f"{talk} (View \u203a Show the Comments)")
        if section.conflicts:
            lines.append(f"{len(section.conflicts)} conflict cop{'ies' if len(section.conflicts) > 1 else 'y'} "
                         f"to resolve (Section \u203a Resolve Conflict Copies)")
        return "\n".join(lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        document = self._document
        section = self.section_at(index)
        if section is None or document is None:
            if document is not None and document.may_restructure():
                return Qt.ItemFlag.ItemIsDropEnabled
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if document.may_restructure():
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() == self.NUMBER_HEADING and document.may_edit(section):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
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

    def _drop_target(self, data: QMimeData, row: int, parent: Index) -> tuple[Section, Section | None, int] | None:
        if self._document is None or not data.hasFormat(MIME_TYPE):
            return None
        section_id = bytes(data.data(MIME_TYPE).data()).decode("utf-8")
        section = self._sections.get(section_id) if section_id in self._parent else None
        if section is None:
            return None
        new_parent = self.section_at(parent)
        probe = new_parent.id if new_parent is not None else None
        while probe is not None:
            if probe == section_id:
                return None
            probe = self._parent[probe]
        siblings = self._children[new_parent.id if new_parent is not None else None]
        if row < 0:
            row = len(siblings)
        # The view counts rows with the section still in place; the core counts them after taking it out.
        current_parent = self._parent[section_id]
        if current_parent == (new_parent.id if new_parent is not None else None) and self._row(section_id) < row:
            row -= 1
        return section, new_parent, row

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        target = self._drop_target(data, row, parent)
        if action != Qt.DropAction.MoveAction or target is None:
            return False
        section, new_parent, index = target
        # Run the move after the view has finished its drag: the view is still working on these rows.
        QTimer.singleShot(0, partial(self.move_requested.emit, section.id,
                                     new_parent.id if new_parent else "", index))
        return True
