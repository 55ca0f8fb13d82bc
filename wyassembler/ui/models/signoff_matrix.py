"""The sign-off matrix as a Qt table model: every section by every partner, then the whole
response (endorsements), read from one call to the core's ``signoff_matrix``."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from ...core import signoff
from ..common.icons import state_icon, state_word
from ..project.document import ProjectDocument

SHORT_WORDS = {
    signoff.APPROVED: "Approved",
    signoff.ENDORSED: "Endorsed",
    signoff.STALE: "Stale",
    signoff.CHANGES_REQUESTED: "Changes",
    signoff.PENDING: "Pending",
}


class SignoffMatrixModel(QAbstractTableModel):
    """Rows: every section, then the whole response (endorsements). Columns: the section, then each partner."""

    SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, document: ProjectDocument | None = None, parent=None) -> None:
        super().__init__(parent)
        self._document = document
        self.matrix: signoff.SignoffMatrix | None = None
        self._orgs: list = []
        self._recompute()

    def set_document(self, document: ProjectDocument | None) -> None:
        self._document = document
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._recompute()
        self.endResetModel()

    def _recompute(self) -> None:
        if self._document is None:
            self.matrix, self._orgs = None, []
            return
        self.matrix = signoff.signoff_matrix(self._document.project)
        self._orgs = list(self._document.project.organisations)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.rows) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.matrix is None else len(self._orgs) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Section" if section == 0 else self._orgs[section - 1].label()
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return self._orgs[section - 1].name
        return None

    def _cell(self, row: int, column: int) -> tuple[str | None, str]:
        """(state or None when the organisation has no say, its role here)."""
        org = self._orgs[column - 1]
        if row == len(self.matrix.rows):
            required = org.id in self._document.project.required_endorsers()
            return self.matrix.endorsements.get(org.id), "endorser" if required else "endorser (not required)"
        section_row = self.matrix.rows[row]
        state = section_row.states.get(org.id)
        return state, "owner" if org.id == section_row.section.owner else "contributor"

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.matrix is None:
            return None
        row, column = index.row(), index.column()
        is_response = row == len(self.matrix.rows)
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if is_response:
                    return "Whole response (endorsement)"
                section_row = self.matrix.rows[row]
                return f"{section_row.number}  {section_row.section.heading}"
            if role == self.SECTION_ID_ROLE and not is_response:
                return self.matrix.rows[row].section.id
            if role == Qt.ItemDataRole.FontRole and is_response:
                font = QFont()
                font.setBold(True)
                return font
            return None
        state, part = self._cell(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return SHORT_WORDS.get(state, state) if state else "\u2014"
        if role == Qt.ItemDataRole.DecorationRole and state:
            return state_icon(state)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            org = self._orgs[column - 1]
            if state is None:
                return f"{org.label()} does not sign this section"
            return f"{org.label()} ({part}): {state_word(state)}"
        if role == Qt.ItemDataRole.FontRole and state and part == "contributor":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and state is None:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def state_at(self, row: int, org_id: str) -> str | None:
        """The state shown for ``org_id`` on matrix row ``row`` (the last row is the endorsements)."""
        column = next(i for i, org in enumerate(self._orgs) if org.id == org_id) + 1
        return self._cell(row, column)[0]
