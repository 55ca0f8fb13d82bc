"""Format › Insert Table…: how many rows and columns, and whether the first row is a header row."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout,
                               QWidget)

from ..editor.table_editing import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS


class TableSizeDialog(QDialog):
    """Rows (the header row counted, as Word counts it), columns and the header row; only gathers answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Insert Table")
        self.rows = QSpinBox()
        self.rows.setRange(1, MAX_TABLE_ROWS)
        self.rows.setValue(3)
        self.rows.setAccessibleName("Number of rows, the header row included")
        self.columns = QSpinBox()
        self.columns.setRange(1, MAX_TABLE_COLUMNS)
        self.columns.setValue(3)
        self.columns.setAccessibleName("Number of columns")
        self.header = QCheckBox("&First row is a header row")
        self.header.setChecked(True)
        self.header.setToolTip("Word repeats a header row on each page, and screen readers announce it")
        form = QFormLayout()
        form.addRow("&Rows:", self.rows)
        form.addRow("&Columns:", self.columns)
        form.addRow("", self.header)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Insert")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.rows.setFocus()
        self.rows.selectAll()
