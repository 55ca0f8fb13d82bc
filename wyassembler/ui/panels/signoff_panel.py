"""The sign-off panel: a matrix of sections by organisations, endorsements, the deadline and
what stands between the response and a final export.

Everything shown comes from one call to the core's ``signoff_matrix``, the
same answer ``wyassembler status`` prints, so the app and the CLI never disagree.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget, QSplitter,
                               QStyle, QTableView, QToolBar, QVBoxLayout, QWidget)

from ...core import dates, signoff
from ...core.declarations import endorsement_tally
from ..common.columns import column_width
from ..project.document import SECTION, SIGNOFF, ProjectDocument
from ..models.signoff_matrix import SignoffMatrixModel, endorsement_sentence

SECTION_COLUMN_WIDTH = 300


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
        for action in (actions.sign_off, actions.request_changes, actions.endorse, actions.endorse_choice,
                       actions.request_changes_response):
            toolbar.addAction(action)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sign-off matrix: sections by organisations")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The section column is shown as the rows' header, which stays in sight while the partners'
        # columns scroll sideways (on a 1024-pixel screen four of ten partners show at once).
        rows = self.table.verticalHeader()
        rows.setFixedWidth(SECTION_COLUMN_WIDTH)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows.sectionClicked.connect(lambda row: self._on_clicked(self.model.index(row, 0)))
        # Columns sized from their header and the badges a cell can show, never by reading every cell;
        # a person may still drag them wider.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
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
        self.model.modelReset.connect(lambda: self._fit_columns(0, self.model.columnCount() - 1))
        self.model.columnsInserted.connect(lambda _parent, first, last: self._fit_columns(first, last))

    def set_document(self, document: ProjectDocument | None) -> None:
        self._document = document
        self.model.set_document(document)  # the one reset, which reads the matrix
        self._show_summary()

    def refresh(self, today: date | None = None) -> None:
        """Re-read the matrix, headline and blockers from the core."""
        self.model.refresh()
        self._show_summary(today)

    def follow_change(self, what: str, section_id: str) -> None:
        """Follow a change the document announced: one section's text or decisions re-read its row (and
        the whole response's); anything else (outline, partners, keys, endorsements) the whole matrix."""
        if what in (SECTION, SIGNOFF) and section_id:
            self.model.update_sections([section_id])
            self._show_summary()
        else:
            self.refresh()
        if what != SECTION:  # a decision, a key or signatures now required may bring a longer badge
            self._fit_columns(1, self.model.columnCount() - 1, widen_only=True)

    def endorsement_count(self) -> tuple[int, int]:
        """(current endorsements among the required organisations, number required), as the matrix
        shown says: read from it rather than hashing the whole response again."""
        matrix = self.model.matrix
        if matrix is None:
            return signoff.endorsement_count(self._document.project) if self._document is not None else (0, 0)
        return matrix.endorsed, matrix.endorsers_required

    def endorsement_words(self) -> str:
        """"4 of 6 organisations endorsed, 2 declined" (:func:`.declarations.endorsement_tally`), as the
        matrix shown says: the status bar's count."""
        endorsed, required = self.endorsement_count()
        matrix = self.model.matrix
        return endorsement_tally(endorsed, required, matrix.endorsements if matrix is not None else {})

    def _fit_columns(self, first: int, last: int, widen_only: bool = False) -> None:
        # Long headings would push the partners out of sight: the section column gets a fixed share.
        # A partner's column fits its short name and the badges its cells can show (from the states
        # and the signature words in use, never by reading the cells); the tooltip says it all.
        icon = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.table)
        header = self.table.horizontalHeader()
        badges = self.model.badge_texts()
        for column in range(max(first, 0), last + 1):
            if column == 0:
                self.table.setColumnHidden(0, True)  # shown as the rows' header
                continue
            label = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = column_width(self.table, header, [label, *badges], icon)
            if not widen_only or width > header.sectionSize(column):
                header.resizeSection(column, width)

    def _show_summary(self, today: date | None = None) -> None:
        self.blockers.clear()
        matrix = self.model.matrix
        if matrix is None or self._document is None:
            self.headline.setText("")
            self.deadline_label.setText("")
            return
        project = self._document.project
        if matrix.readiness.ready:
            self.headline.setText("\u2714 Ready for a final export \u00b7 "
                                  + endorsement_tally(matrix.endorsed, matrix.endorsers_required, matrix.endorsements))
        else:
            count = sum(len(items) for items in matrix.readiness.missing.values())
            self.headline.setText(f"\u2716 Not ready for a final export: {count} thing{'s' if count != 1 else ''} "
                                  f"outstanding \u00b7 {matrix.endorsed} of {matrix.endorsers_required} endorsed")
        self.headline.setProperty("ready", matrix.readiness.ready)
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self.deadline_label.setText(dates.deadline_phrase(project.deadline, today or date.today()).capitalize())
        for line in matrix.readiness.summary(project).splitlines():
            self.blockers.addItem(line)
        if matrix.readiness.ready:
            self.blockers.addItem(f"Nothing: every section is signed off"
                                  f"{endorsement_sentence(project, matrix.endorsements)}.")

    def _on_clicked(self, index: QModelIndex) -> None:
        section_id = self.model.index(index.row(), 0).data(SignoffMatrixModel.SECTION_ID_ROLE)
        if section_id:
            self.section_activated.emit(section_id)
