"""The sign-off panel: a matrix of sections by organisations, endorsements, the deadline and
what stands between the response and a final export.

Everything shown comes from one call to the core's ``signoff_matrix``, the
same answer ``wyassembler status`` prints, so the app and the CLI never disagree.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget, QSplitter,
                               QTableView, QToolBar, QVBoxLayout, QWidget)

from ..core import signoff
from .document import ProjectDocument
from .icons import state_icon, state_word

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


class SignoffPanel(QWidget):
    """The matrix, the headline (ready or not, deadline) and the list of what blocks a final export."""

    section_activated = Signal(str)

    def __init__(self, actions, parent=None) -> None:
        super().__init__(parent)
        self._document: ProjectDocument | None = None
        self.model = SignoffMatrixModel(None, self)

        self.headline = QLabel()
        self.headline.setObjectName("signoffHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadlineLabel")
        toolbar = QToolBar("Sign-off")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (actions.sign_off, actions.request_changes, actions.endorse, actions.request_changes_response):
            toolbar.addAction(action)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sign-off matrix: sections by organisations")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)

        self.blockers = QListWidget()
        self.blockers.setAccessibleName("What blocks a final export")
        self.blockers.setWordWrap(True)
        blockers_box = QWidget()
        blockers_layout = QVBoxLayout(blockers_box)
        blockers_layout.setContentsMargins(0, 0, 0, 0)
        blockers_title = QLabel("Before a final export")
        blockers_title.setObjectName("panelTitle")
        blockers_layout.addWidget(blockers_title)
        blockers_layout.addWidget(self.blockers)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(blockers_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.deadline_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(toolbar)
        layout.addWidget(splitter, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.table.clicked.connect(self._on_clicked)

    def set_document(self, document: ProjectDocument | None) -> None:
        self._document = document
        self.model.set_document(document)
        self.refresh()

    def refresh(self, today: date | None = None) -> None:
        """Re-read the matrix, headline and blockers from the core."""
        self.model.refresh()
        # Long headings would push the partners out of sight: the section column gets a fixed share.
        header = self.table.horizontalHeader()
        if header.count():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, 300)
        self.blockers.clear()
        matrix = self.model.matrix
        if matrix is None or self._document is None:
            self.headline.setText("")
            self.deadline_label.setText("")
            return
        project = self._document.project
        if matrix.readiness.ready:
            self.headline.setText(f"\u2714 Ready for a final export \u00b7 {matrix.endorsed} of "
                                  f"{matrix.endorsers_required} organisations endorsed")
        else:
            count = sum(len(items) for items in matrix.readiness.missing.values())
            self.headline.setText(f"\u2716 Not ready for a final export: {count} thing{'s' if count != 1 else ''} "
                                  f"outstanding \u00b7 {matrix.endorsed} of {matrix.endorsers_required} endorsed")
        self.headline.setProperty("ready", matrix.readiness.ready)
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self.deadline_label.setText(signoff.deadline_phrase(project, today or date.today()).capitalize())
        for line in matrix.readiness.summary(project).splitlines():
            self.blockers.addItem(line)
        if matrix.readiness.ready:
            self.blockers.addItem("Nothing: every section is signed off and every partner has endorsed.")

    def _on_clicked(self, index: QModelIndex) -> None:
        section_id = self.model.index(index.row(), 0).data(SignoffMatrixModel.SECTION_ID_ROLE)
        if section_id:
            self.section_activated.emit(section_id)
