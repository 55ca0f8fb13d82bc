"""File › Export Answers for Online Form…: the answers to the consultation's questions as a .json or .csv
file, or a folder with a .txt file per question, written on a worker thread by :mod:`...answer_files` (the
rules ``wyassembler export-answers`` follows: no symbolic links, a file replaced or a folder not ours written
into only when the person says so, our stale files removed); then each question's count against its limit,
and what to look at (unanswered, over the limit).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QMessageBox, QPushButton,
                               QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...answer_files import CSV, JSON, TXT, AnswersWritten, AnswerWriteError, is_foreign_folder, write_answers
from ...core.answer_export import SUMMARY_NAME
from ...core.errors import WyassemblerError
from ...core.model import Project
from ...core.snapshot import snapshot
from ...fileio import FileWriteError, refuse_project_as_output
from ..common.paths import in_folder, typed_path
from ..common.screen import FRAME_ALLOWANCE, fitted, resize_within_screen
from ..common.workers import KeptWorker
from ..common.working import busy_bar, status_line
from ..models.questions import count_text, question_state_icon, state_text

log = logging.getLogger(__name__)

RESULT_HEADERS = ("No.", "Question", "Count / limit", "State", "File")
_SUFFIX = {JSON: ".json", CSV: ".csv", TXT: ""}


class AnswersJob(KeptWorker):
    """Writes the answers of a snapshot of the project (a private copy of what changes, core.snapshot), so
    the window stays responsive and unchanged; kept until it ends, the app's quitting included (KeptWorker)."""

    succeeded = Signal(object)  # the AnswersWritten
    failed = Signal(str)

    def __init__(self, project: Project, project_path: Path | None, kind: str, output: Path, replace: bool) -> None:
        super().__init__()
        self._project = snapshot(project)
        self._args = (kind, output, replace, project_path)

    def run(self) -> None:
        kind, output, replace, project_path = self._args
        try:
            written = write_answers(self._project, kind, output, replace, project_path=project_path)
        except WyassemblerError as error:
            text = str(error)
            self.failed.emit(text[:1].upper() + text[1:])
        except Exception as error:  # shown in plain words; the log keeps the traceback
            log.exception("writing the answers to %s failed", output)
            self.failed.emit(f"The export stopped unexpectedly ({type(error).__name__}). "
                             f"Details are in wyassembler's log file.")
        else:
            self.succeeded.emit(written)


class ExportAnswersDialog(QDialog):
    """Choose the form (JSON, CSV or a folder of .txt files) and where; export; see each question's count."""

    def __init__(self, project: Project, project_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Answers for Online Form")
        self._project = project
        self._project_path = project_path
        self._job: AnswersJob | None = None
        self.written: AnswersWritten | None = None

        count = len(project.questions)
        intro = QLabel(f"The answers to the consultation's {count} question{'' if count == 1 else 's'}, as an "
                       f"online form or the government's analysis takes them: the plain text of each answer, "
                       f"the option chosen, and its count against the limit. Over-limit answers are given whole.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.folder_choice = QRadioButton("A f&older of .txt files: one per question, to paste into the form's boxes")
        self.json_choice = QRadioButton("&JSON file: one record per question, with the respondent")
        self.csv_choice = QRadioButton("&CSV file: one row per question, for a spreadsheet")
        kinds = QButtonGroup(self)
        for button in (self.folder_choice, self.json_choice, self.csv_choice):
            kinds.addButton(button)
        self.folder_choice.setChecked(True)
        self._default_target = self._default_output(TXT)
        self.output = QLineEdit(str(self._default_target))
        self.output.setAccessibleName("Where to save the answers")
        browse = QPushButton("&Browse\u2026")
        browse.setAccessibleName("Choose where to save the answers")
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)

        self.progress = busy_bar("Exporting")
        self.status = status_line()
        self.results = QTableWidget(0, len(RESULT_HEADERS))
        self.results.setAccessibleName("Each question's count against its limit")
        self.results.setHorizontalHeaderLabels(RESULT_HEADERS)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.verticalHeader().hide()
        self.results.setWordWrap(False)  # a row a line: more questions in sight; the full text is the tooltip
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.hide()
        self.problems = QListWidget()
        self.problems.setAccessibleName("Answers to look at")
        self.problems.setWordWrap(True)
        self.problems.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.problems.hide()

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton("Open Folde&r", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_button.hide()

        form = QFormLayout()
        form.addRow("Form:", self.folder_choice)
        form.addRow("", self.json_choice)
        form.addRow("", self.csv_choice)
        form.addRow("Save as:", out_row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 3)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(760, 300)

        kinds.buttonToggled.connect(self._on_kind_changed)
        browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

    def kind(self) -> str:
        """json, csv or txt (a folder of .txt files)."""
        return JSON if self.json_choice.isChecked() else CSV if self.csv_choice.isChecked() else TXT

    def _default_output(self, kind: str) -> Path:
        """Beside the project, named after it: "response - answers" (a folder), ".json" or ".csv"."""
        if self._project_path is not None:
            folder, stem = self._project_path.parent, self._project_path.stem
        else:
            folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                          or str(Path.home()))
            stem = "".join(ch for ch in (self._project.title or "response") if ch.isalnum() or ch in " -_")
            stem = stem.strip()[:60] or "response"
        return folder / f"{stem} - answers{_SUFFIX[kind]}"

    def _on_kind_changed(self, _button, checked: bool) -> None:
        """Follow the form in the name, unless the person chose a name of their own."""
        if checked and self.output.text() == str(self._default_target):
            self._default_target = self._default_output(self.kind())
            self.output.setText(str(self._default_target))

    def _browse(self) -> None:
        # Replacing is asked about at export, for the name really written.
        kind = self.kind()
        if kind == TXT:
            path = QFileDialog.getExistingDirectory(self, "Export Answers to a Folder", str(self.target().parent))
        else:
            pattern = "JSON files (*.json)" if kind == JSON else "CSV files (*.csv)"
            path, _ = QFileDialog.getSaveFileName(self, "Export Answers", self.output.text(), pattern,
                                                  options=QFileDialog.Option.DontConfirmOverwrite)
            if path and not path.lower().endswith(_SUFFIX[kind]):
                path += _SUFFIX[kind]
        if path:
            self.output.setText(path)

    def target(self) -> Path:
        """Where the answers go: a name typed without a folder goes beside the project (the default's folder)."""
        return self._default_target.parent / typed_path(self.output.text())

    def _may_write(self, kind: str, target: Path) -> bool | None:
        """Whether to write over what is there (True), nothing is there to ask about (False), or not at all (None)."""
        if kind == TXT:
            if not is_foreign_folder(target):
                return False
            question = (f"The folder {target.name} {in_folder(target)} holds files and was not written by an export "
                        f"of answers. Write the answers into it anyway? Nothing in it is removed; files with the "
                        f"same names as the answers' are replaced.")
            title = "Write into the Folder?"
        else:
            if not target.is_file() or target.is_symlink():
                return False  # nothing there; a link or a folder is the export's own clear error
            question = f"{target.name} already exists {in_folder(target)}. Replace it?"
            title = "Replace the File?"
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return True if answer == QMessageBox.StandardButton.Yes else None

    def start_export(self) -> None:
        """Write the answers on a worker thread; the dialog shows progress and then each question's count."""
        if not self.output.text().strip() or self.is_running():
            return
        kind, target = self.kind(), self.target()
        try:  # the project first, before asking to replace it: no answer lets an export replace the project
            refuse_project_as_output(self._project_path, target)
            replace = self._may_write(kind, target)
        except (AnswerWriteError, FileWriteError) as error:
            self.status.setText(f"The answers were not exported: {error}")
            return
        if replace is None:
            self.status.setText(f"Not exported: {target.name} was kept as it is.")
            return
        self._set_busy(True)
        self.status.setText(f"Exporting the answers to {target.name}\u2026")
        self._job = AnswersJob(self._project, self._project_path, kind, target, replace)
        self._job.succeeded.connect(self._on_succeeded)
        self._job.failed.connect(self._on_failed)
        self._job.start()

    def is_running(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def _on_succeeded(self, written: AnswersWritten) -> None:
        self._set_busy(False)
        self.written = written
        where = (f"a .txt file per question with text to paste, and {SUMMARY_NAME}, in {written.output}"
                 if written.kind == TXT else str(written.output))
        lines = [f"Exported the answers to {len(written.records)} question(s): {where}."]
        if written.removed:
            lines.append(f"Removed {len(written.removed)} answer file(s) of an earlier export that no longer "
                         f"belong: {', '.join(written.removed)}.")
        if written.not_final:
            lines.append("The response is not final yet, so these answers may still change (the Sign-off tab says "
                         "what stands before a final export).")
        self.status.setText("\n".join(lines))
        self._show_results(written)
        self.open_button.show()
        self.export_button.setText("Export A&gain")

    def _show_results(self, written: AnswersWritten) -> None:
        self.results.setRowCount(len(written.statuses))
        for row, status in enumerate(written.statuses):
            question = status.question
            cells = (question.number, question.short_text(), count_text(status), state_text(status),
                     written.file_of.get(question.number, "(no file)" if written.kind == TXT else ""))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setToolTip(question.text)
                if column == 3:
                    item.setIcon(question_state_icon(status.state))
                self.results.setItem(row, column, item)
        self.results.setColumnHidden(4, written.kind != TXT)
        self.results.resizeColumnsToContents()
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.show()
        problems = written.problems()
        self.problems.clear()
        self.problems.addItems([f"Please look at {line}" for line in problems])
        self.problems.setVisible(bool(problems))
        self._grow_for_results()

    def _grow_for_results(self) -> None:
        """Room for the table, inside the screen: a dialog grown downwards could hang off its bottom edge."""
        resize_within_screen(self, max(self.width(), 760), max(self.height(), 600))
        screen = self.screen()
        if screen is not None and self.isVisible():
            self.setGeometry(fitted(self.geometry(), screen.availableGeometry().marginsRemoved(FRAME_ALLOWANCE)))

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        end = "" if message.endswith((".", "!", "?")) else "."
        self.status.setText(f"The answers were not exported. {message}{end}")

    def open_folder(self) -> None:
        if self.written is not None:
            output = self.written.output
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(output if self.written.kind == TXT else output.parent)))

    def reject(self) -> None:
        # Not while the answers are being written (a moment): the dialog then says how it went.
        if self.is_running():
            return
        super().reject()
