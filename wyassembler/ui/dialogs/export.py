"""The export dialog: template, draft or final, sign-off appendix; with consultation questions, the order
(the response's outline or the consultation's questions) and the table of questions; readiness and what
still stands before a final export (the sign-off, the questions or both); the export itself on a worker
thread; then an offer to open the document or its folder.

Nothing is replaced silently: the default name says draft or final, and an existing document is
replaced only when the person says so (:func:`ask_to_replace`, also used for partner packs).
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QMessageBox,
                               QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from ...core import signoff
from ...core.errors import WyassemblerError
from ...core.model import Project
from ...fileio import refuse_project_as_output
from ..common.icons import state_icon
from ..common.paths import in_folder

log = logging.getLogger(__name__)


def load_engine():
    """The Word export function, or ``None`` while this build has no export engine."""
    try:
        from ...word.writer import export_docx
    except ImportError:
        return None
    return export_docx


def not_final_headline(project: Project, readiness: signoff.Readiness) -> str:
    """What the dialog says above the list of what is missing: the sign-off, the questions, or both."""
    try:
        from ...word.writer import final_blockers
    except ImportError:
        return "Not ready for a final export. Still to do, partner by partner:"
    blockers = final_blockers(project, readiness)
    if blockers.signoff and blockers.questions:
        return ("Not ready for a final export: the response is not signed off, and the answers to the "
                "consultation's questions are not ready. Still to do, partner by partner:")
    if blockers.questions:
        return ("Not ready for a final export: the response is signed off, but the answers to the consultation's "
                "questions are not ready (each needs an answer within its limit, or no comment):")
    return "Not ready for a final export. Still to sign, partner by partner:"


def refusal_text(error: WyassemblerError) -> str:
    """The engine's refusal in the dialog's words: a final export refused says what is missing and points at
    Draft (the command line's --draft means nothing here)."""
    reason, missing = getattr(error, "reason", None), getattr(error, "missing", None)
    if reason and missing is not None:
        return f"{reason}, so it cannot be exported as final (choose Draft for a marked draft). Missing:\n{missing}"
    return str(error)


def ask_to_replace(parent: QWidget | None, path: Path) -> bool:
    """Whether to write ``path``: yes if nothing is there, else the person's answer to a question that
    says whether the file is our earlier output, unchanged, or was edited since or is not ours."""
    if not path.exists() or path.is_dir():
        return True  # a folder there is the export's own clear error
    from ...word.provenance import replace_problem

    why = replace_problem(path)
    if why is None:
        detail = "It is an earlier export from wyassembler, unchanged since."
    else:
        detail = f"It {why}: replacing it loses what it holds now."
    answer = QMessageBox.question(parent, "Replace the Document?",
                                  f"{path.name} already exists {in_folder(path)}. {detail} Replace it?",
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class ExportJob(QThread):
    """Runs the export on a private copy of the project, so the window stays responsive and unchanged."""

    succeeded = Signal(object)  # the engine's result (with .warnings)
    failed = Signal(str)

    def __init__(self, engine, project: Project, project_path: Path | None, out_path: Path, template: Path | None,
                 draft: bool, appendix: bool, parent=None, replace: bool = False, order: str = "outline",
                 questions_appendix: bool = False) -> None:
        super().__init__(parent)
        self._engine = engine
        self._project = copy.deepcopy(project)
        self._project_path = project_path
        self._args = (out_path, template, draft, appendix, replace)
        self._questions = {"order": order, "questions_appendix": questions_appendix}

    def run(self) -> None:
        out_path, template, draft, appendix, replace = self._args
        try:
            result = self._engine(self._project, out_path, project_path=self._project_path, template=template,
                                  draft=draft, signoff_appendix=appendix, replace=replace, **self._questions)
        except WyassemblerError as error:
            self.failed.emit(refusal_text(error))
        except Exception as error:  # shown in plain words; the log keeps the traceback
            log.exception("export failed")
            self.failed.emit(f"The export stopped unexpectedly ({type(error).__name__}). "
                             f"Details are in wyassembler's log file.")
        else:
            self.succeeded.emit(result)


class ExportDialog(QDialog):
    """Choose how to export, see whether the response is ready, export, then open the result."""

    BUILT_IN = "Built-in partnership style"

    def __init__(self, project: Project, project_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export to Word")
        self._project = project
        self._engine = load_engine()
        self._job: ExportJob | None = None
        self.output_path: Path | None = None
        self.warnings: list[str] = []
        readiness = signoff.readiness(project)

        self.readiness_label = QLabel()
        self.readiness_label.setWordWrap(True)
        self.readiness_label.setObjectName("readinessLabel")
        self.readiness_icon = QLabel()
        self.missing = QListWidget()
        self.missing.setAccessibleName("Who has not signed")
        self.missing.setWordWrap(True)
        if readiness.ready:
            self.readiness_label.setText("Ready for a final export: every section is signed off and every "
                                         "partner has endorsed the response.")
            self.readiness_icon.setPixmap(state_icon(signoff.APPROVED).pixmap(24, 24))
            self.missing.hide()
        else:
            self.readiness_label.setText(not_final_headline(project, readiness))
            self.readiness_icon.setPixmap(state_icon(signoff.CHANGES_REQUESTED).pixmap(24, 24))
            self.missing.addItems(readiness.summary(project).splitlines())

        self._project_path = project_path
        self._default_target = self._default_output(project, project_path, draft=not readiness.ready)
        self.output = QLineEdit(str(self._default_target))
        self.output.setAccessibleName("Where to save the Word document")
        browse = QPushButton("&Browse\u2026")
        browse.setAccessibleName("Choose where to save the Word document")
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        self.template = QComboBox()
        self.template.setAccessibleName("Word template")
        self.template.addItem(self.BUILT_IN, None)
        self.template.addItem("Choose a template\u2026", "choose")
        self.final = QRadioButton("&Final: the response as signed off")
        self.draft = QRadioButton("&Draft: marked DRAFT in the header, for circulation")
        mode = QButtonGroup(self)
        mode.addButton(self.final)
        mode.addButton(self.draft)
        self.final.setEnabled(readiness.ready)
        (self.final if readiness.ready else self.draft).setChecked(True)
        if not readiness.ready:
            self.final.setToolTip("A final export needs everything listed above done first.")
        self.appendix = QCheckBox("Add a sign-off &appendix (who approved each section, and when)")
        self.appendix.setChecked(readiness.ready)
        # The consultation's questions: offered only to a project that has them (export_docx refuses them otherwise).
        self.order_outline = QRadioButton("O&utline: the sections in the response's own order and numbers")
        self.order_questions = QRadioButton("&Questions: each answer under the consultation's question, "
                                            "in its order and numbering")
        order = QButtonGroup(self)
        order.addButton(self.order_outline)
        order.addButton(self.order_questions)
        self.order_outline.setChecked(True)
        self.questions_table = QCheckBox("Add a tab&le of the questions (where each is answered, by whom, its "
                                         "count against the limit)")
        self.has_questions = bool(project.questions)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("exportStatus")

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_document_button = self.buttons.addButton("&Open Document", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button = self.buttons.addButton("Open Folde&r", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_document_button.hide()
        self.open_folder_button.hide()
        if self._engine is None:
            self.export_button.setEnabled(False)
            self.status.setText("Word export is not available in this version of wyassembler.")

        top = QHBoxLayout()
        top.addWidget(self.readiness_icon)
        top.addWidget(self.readiness_label, 1)
        ready_box = QGroupBox("Sign-off and questions" if project.questions else "Sign-off")
        ready_layout = QVBoxLayout(ready_box)
        ready_layout.addLayout(top)
        ready_layout.addWidget(self.missing)
        form = QFormLayout()
        form.addRow("Save as:", out_row)
        form.addRow("&Template:", self.template)
        form.addRow("Version:", self.final)
        form.addRow("", self.draft)
        form.addRow("", self.appendix)
        for label, widget in (("Order:", self.order_outline), ("", self.order_questions), ("", self.questions_table)):
            form.addRow(label, widget)
            form.setRowVisible(widget, self.has_questions)
        layout = QVBoxLayout(self)
        layout.addWidget(ready_box)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, (520 if not readiness.ready else 380) + (90 if self.has_questions else 0))

        self.draft.toggled.connect(self._on_version_changed)
        browse.clicked.connect(self._browse_output)
        self.template.activated.connect(self._on_template_chosen)
        self.export_button.clicked.connect(self.start_export)
        self.open_document_button.clicked.connect(self.open_document)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

    @staticmethod
    def _default_output(project: Project, project_path: Path | None, draft: bool) -> Path:
        """Beside the project, named after it and saying draft or final, so one never takes the other's name."""
        version = "draft" if draft else "final"
        if project_path is not None:
            return project_path.with_name(f"{project_path.stem} - {version}.docx")
        documents = (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                     or str(Path.home()))
        stem = "".join(ch for ch in (project.title or "response") if ch.isalnum() or ch in " -_").strip()[:60]
        return Path(documents) / f"{stem or 'response'} - {version}.docx"

    def _on_version_changed(self, draft: bool) -> None:
        """Follow draft or final in the name, unless the person chose a name of their own."""
        if self.output.text() == str(self._default_target):
            self._default_target = self._default_output(self._project, self._project_path, draft)
            self.output.setText(str(self._default_target))

    def _browse_output(self) -> None:
        # Replacing is asked about at export, for the name really written (.docx may be added here).
        path, _ = QFileDialog.getSaveFileName(self, "Export to Word", self.output.text(), "Word documents (*.docx)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.output.setText(path if path.lower().endswith(".docx") else path + ".docx")

    def _on_template_chosen(self, index: int) -> None:
        if self.template.itemData(index) != "choose":
            return
        path, _ = QFileDialog.getOpenFileName(self, "Choose a Word template", "", "Word documents (*.docx)")
        if path:
            self.template.insertItem(1, Path(path).name, path)
            self.template.setCurrentIndex(1)
        else:
            self.template.setCurrentIndex(0)

    def order(self) -> str:
        """The export's order: "questions" when chosen (only with questions), else "outline"."""
        return "questions" if self.has_questions and self.order_questions.isChecked() else "outline"

    def template_path(self) -> Path | None:
        data = self.template.currentData()
        return Path(data) if data and data != "choose" else None

    def start_export(self) -> None:
        """Export on a worker thread; the dialog shows progress and then the result."""
        text = self.output.text().strip()
        if not text or self._engine is None:
            return
        # A name typed without a folder goes beside the default target (the project), never into
        # whatever folder the app happened to be started from.
        output_path = self._default_target.parent / Path(text).expanduser()
        try:  # before asking to replace it: no answer lets an export replace the project
            refuse_project_as_output(self._project_path, output_path)
        except WyassemblerError as error:
            self.status.setText(f"The document was not exported: {error}")
            return
        replace = output_path.exists()
        if replace and not ask_to_replace(self, output_path):
            self.status.setText(f"Not exported: {output_path.name} was kept as it is.")
            return
        self.output_path = output_path
        self._set_busy(True)
        self.status.setText(f"Exporting to {self.output_path.name}\u2026")
        self._job = ExportJob(self._engine, self._project, self._project_path, self.output_path,
                              self.template_path(), self.draft.isChecked(), self.appendix.isChecked(), self,
                              replace=replace, order=self.order(),
                              questions_appendix=self.has_questions and self.questions_table.isChecked())
        self._job.succeeded.connect(self._on_succeeded)
        self._job.failed.connect(self._on_failed)
        self._job.start()

    def is_running(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def _on_succeeded(self, result) -> None:
        self._set_busy(False)
        self.warnings = list(getattr(result, "warnings", []) or [])
        message = f"Exported to {self.output_path}."
        if self.warnings:
            message += "\n\nPlease look at:\n" + "\n".join(f"\u2022 {w}" for w in self.warnings)
        self.status.setText(message)
        self.open_document_button.show()
        self.open_folder_button.show()
        self.export_button.setText("Export A&gain")

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.status.setText(f"The document was not exported: {message}")

    def open_document(self) -> None:
        if self.output_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.output_path)))

    def open_folder(self) -> None:
        if self.output_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.output_path.parent)))

    def reject(self) -> None:
        # Closing while the worker runs would destroy a running QThread; wait for it instead.
        if self.is_running():
            return
        super().reject()
