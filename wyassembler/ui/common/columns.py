"""Column widths worked out from the labels a column can show and the view's fonts, never by
reading the cells: sizing to contents reads every row, on every change, which a project of
a thousand sections cannot afford."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

# Room beyond the text for the cell's own margins and a little air, in pixels.
SLACK = 10


def column_width(view: QAbstractItemView, header: QHeaderView, labels: list[str], icon: int = 0) -> int:
    """The width that shows the widest of ``labels`` whole, in a cell of ``view`` (beside an ``icon``
    that many pixels wide, if not 0) and in its ``header``."""
    style = view.style()
    cell_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    header_margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    in_cells = max((view.fontMetrics().horizontalAdvance(label) for label in labels), default=0)
    in_header = max((header.fontMetrics().horizontalAdvance(label) for label in labels), default=0)
    with_icon = icon + 2 * cell_margin if icon else 0
    return max(in_cells + cell_margin + with_icon, in_header + header_margin) + SLACK


def list_table(model: QAbstractItemModel, object_name: str, accessible_name: str) -> QTableView:
    """A read-only table of ``model`` listing things a row each (the Questions and Accessibility panes):
    whole rows chosen one at a time, nothing edited in place, long text cut with an ellipsis rather than
    wrapped, no row numbers, alternate rows shaded."""
    table = QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    return table
