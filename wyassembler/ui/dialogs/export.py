"""The export dialog: Word (.docx) or a tagged, accessible PDF (with PDF/A-2 for records keeping if
asked; LibreOffice converts it, on the same worker thread), template, draft or final, sign-off appendix;
with consultation questions, the order (the response's outline or the consultation's questions) and the
table of questions; readiness and what still stands before a final export (the sign-off, the questions or
both) and the accessibility errors that would refuse one (with an offer to show the Accessibility view);
the export itself on a worker thread; then an offer to open the document or its folder. With a section
marked confidential, a public copy beside the full response (confidential sections withheld, its own
name, the same format), with a warning where a confidential section's text is quoted in a section the
public copy prints (said there, not again in the result; the box is public_copy_box.py); both written
on the one worker thread (export_job.py), and either offered to open.

Nothing is replaced silently: the default name says draft or final, and an existing document is
replaced only when the person says so (:func:`ask_to_replace`, also used for partner packs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QMessageBox,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from ...core import signoff
from ...core.accessibility import pdf_blockers
from ...core.checklist import final_blockers
from ...core.comments import open_thread_count
from ...core.findings import Finding, errors, tally
from ...core.errors import WyassemblerError
from ...core.model import Project
from ...core.public_copy import redacted
from ...fileio import refuse_project_as_output
from ..common.icons import state_icon
from ..common.paths import in_folder, typed_file, typed_path
from ..common.working import busy_bar, status_line
from ..models.signoff_matrix import endorsement_sentence
from .export_job import (FILTERS, FORMATS, PDF, WORD, ExportJob, ExportOutcome, PublicTarget, accessibility_findings,
                         load_engine, load_pdf_engine, refusal_text)
from .public_copy_box import PublicCopyBox, QuotedCheck

__all__ = ["ExportDialog", "ExportJob", "ExportOutcome", "PublicCopyBox", "PublicTarget", "QuotedCheck",
           "ask_to_replace", "load_engine", "load_pdf_engine", "refusal_text"]

log = logging.getLogger(__name__)


def not_final_headline(project: Project, readiness: signoff.Readiness) -> str:
    """What the dialog says above the list of what is missing: the sign-off, the questions, or both."""
    blockers = final_blockers(project, readiness)
    if blockers.signoff and blockers.questions:
        return ("Not ready for a final export: the response is not signed off, and the answers to the "
                "consultation's questions are not ready. Still to do, partner by partner:")
    if blockers.questions:
        return ("Not ready for a final export: the response is signed off, but the answers to the consultation's "
                "questions are not ready (each needs an answer within its limit, or no comment):")
    return "Not ready for a final export. Still to sign, partner by partner:"


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


class ExportDialog(QDialog):
    """Choose how to export, see whether the response is ready, export, then open the result."""

    BUILT_IN = "Built-in partnership style"

    def __init__(self, project: Project, project_path: Path | None, parent: QWidget | None = None,
                 show_accessibility: Callable[[Path | None], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the Response")
        self._project = project
        self._engine = load_engine()
        self._pdf_engine = load_pdf_engine()
        self._show_accessibility = show_accessibility
        self._ready = False  # signed off and the questions ready (set below)
        self._job: ExportJob | None = None
        self.output_path: Path | None = None
        self.public_path: Path | None = None  # the public copy written by the last export, if any
        self.warnings: list[str] = []
        self._findings: list[Finding] = []  # the text's and template's accessibility (_check_accessibility)
        endorsements = signoff.endorsement_states(project)  # hashed once, for readiness and its sentence
        readiness = signoff.readiness(project, endorsements)
        self._ready = readiness.ready

        self.readiness_label = QLabel()
        self.readiness_label.setWordWrap(True)
        self.readiness_label.setObjectName("readinessLabel")
        self.readiness_icon = QLabel()
        self.missing = QListWidget()
        self.missing.setAccessibleName("Who has not signed")
        self.missing.setWordWrap(True)
        if readiness.ready:
            self.readiness_label.setText(f"Ready for a final export: every section is signed off"
                                         f"{endorsement_sentence(project, endorsements)}.")
            self.readiness_icon.setPixmap(state_icon(signoff.APPROVED).pixmap(24, 24))
            self.missing.hide()
        else:
            self.readiness_label.setText(not_final_headline(project, readiness))
            self.readiness_icon.setPixmap(state_icon(signoff.CHANGES_REQUESTED).pixmap(24, 24))
            self.missing.addItems(readiness.summary(project).splitlines())

        self._project_path = project_path
        self._default_target = self._default_output(project, project_path, draft=not readiness.ready)
        self.output = QLineEdit(str(self._default_target))
        self._followed_name = self.output.text()  # the full name the public copy's default was made from
        self.output.setAccessibleName("Where to save the document")
        browse = QPushButton("&Browse\u2026")
        browse.setAccessibleName("Choose where to save the document")
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for suffix, label in FORMATS:
            if suffix == WORD or self._pdf_engine is not None:
                self.format.addItem(label, suffix)
        if self._pdf_engine is None:
            self.format.setToolTip("PDF export is not available in this version of wyassembler.")
        self.archive = QCheckBox("Also PDF/A-&2 for records keeping (an archival PDF, still tagged)")
        self.archive.setEnabled(False)
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
        self.comments = QCheckBox("&Include open comments (draft only)")
        self.open_threads = sum(open_thread_count(section) for section in project.all_sections())
        self.accessibility_label = QLabel()
        self.accessibility_label.setWordWrap(True)
        self.accessibility_label.setObjectName("accessibilityLabel")
        self.accessibility_icon = QLabel()
        self.show_accessibility_button = QPushButton("Show the Accessibilit&y Check")
        self.show_accessibility_button.setAccessibleName("Close this dialog and show the Accessibility view")
        self.show_accessibility_button.setVisible(show_accessibility is not None)
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
        self.public_copy = PublicCopyBox(project)
        self.public_copy.output.setText(PublicCopyBox.name_for(self.output.text()))
        self.progress = busy_bar("Exporting")
        self.status = status_line()

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_document_button = self.buttons.addButton("&Open Document", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_public_button = self.buttons.addButton("Open Publi&c Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button = self.buttons.addButton("Open Folde&r", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = self.buttons.addButton("Cancel E&xport", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.hide()  # in the Close button's place while an export runs (Esc and closing: the same)
        self.open_document_button.hide()
        self.open_public_button.hide()
        self.open_folder_button.hide()
        if self._engine is None:
            self.export_button.setEnabled(False)
            self.status.setText("Word export is not available in this version of wyassembler.")

        top = QHBoxLayout()
        top.addWidget(self.readiness_icon)
        top.addWidget(self.readiness_label, 1)
        ready_box = QGroupBox("Sign-off, questions and accessibility" if project.questions
                              else "Sign-off and accessibility")
        ready_layout = QVBoxLayout(ready_box)
        ready_layout.addLayout(top)
        ready_layout.addWidget(self.missing)
        access_row = QHBoxLayout()
        access_row.addWidget(self.accessibility_icon)
        access_row.addWidget(self.accessibility_label, 1)
        access_row.addWidget(self.show_accessibility_button)
        ready_layout.addLayout(access_row)
        form = QFormLayout()
        form.addRow("For&mat:", self.format)
        form.addRow("", self.archive)
        form.addRow("Save as:", out_row)
        form.addRow("&Template:", self.template)
        form.addRow("Version:", self.final)
        form.addRow("", self.draft)
        form.addRow("", self.appendix)
        form.addRow("", self.comments)
        for label, widget in (("Order:", self.order_outline), ("", self.order_questions), ("", self.questions_table)):
            form.addRow(label, widget)
            form.setRowVisible(widget, self.has_questions)
        layout = QVBoxLayout(self)
        layout.addWidget(ready_box)
        layout.addLayout(form)
        layout.addWidget(self.public_copy)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, (580 if not readiness.ready else 440) + (90 if self.has_questions else 0)
                    + self.public_copy.sizeHint().height())

        self.draft.toggled.connect(self._on_version_changed)
        for choice in (self.draft.toggled, self.order_outline.toggled, self.format.currentIndexChanged):
            choice.connect(self._say_comments)
        self._say_comments()
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.show_accessibility_button.clicked.connect(self._go_to_accessibility)
        browse.clicked.connect(self._browse_output)
        self.output.textChanged.connect(self._follow_output_name)
        self.template.activated.connect(self._on_template_chosen)
        self.export_button.clicked.connect(self.start_export)
        self.open_document_button.clicked.connect(self.open_document)
        self.open_public_button.clicked.connect(self.open_public_copy)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel_export)
        self._check_accessibility()

    @staticmethod
    def _default_output(project: Project, project_path: Path | None, draft: bool, suffix: str = WORD) -> Path:
        """Beside the project, named after it and saying draft or final, so one never takes the other's name."""
        version = "draft" if draft else "final"
        if project_path is not None:
            return project_path.with_name(f"{project_path.stem} - {version}{suffix}")
        documents = (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                     or str(Path.home()))
        stem = "".join(ch for ch in (project.title or "response") if ch.isalnum() or ch in " -_").strip()[:60]
        return Path(documents) / f"{stem or 'response'} - {version}{suffix}"

    def _follow_output_name(self, text: str) -> None:
        """The public copy's name follows the full response's until the person gives it one of its own; a
        name typed ending in .pdf or .docx chooses that format (the extension decides, as on the command line)."""
        public = self.public_copy.output
        if public.text() == PublicCopyBox.name_for(self._followed_name):
            public.setText(PublicCopyBox.name_for(text))
        self._followed_name = text
        index = self.format.findData(Path(text.strip()).suffix.lower())
        if index >= 0 and index != self.format.currentIndex():
            self.format.setCurrentIndex(index)

    def suffix(self) -> str:
        """The chosen format's extension: ".docx" or ".pdf"."""
        return self.format.currentData() or WORD

    def _on_format_changed(self, _index: int) -> None:
        """The name's extension, the public copy's and the archive choice follow the format."""
        suffix = self.suffix()
        self.archive.setEnabled(suffix == PDF)
        self._say_accessibility()  # a PDF is refused by more than a final export is
        self.public_copy.suffix = suffix
        self._default_target = self._default_target.with_suffix(suffix)
        for field in (self.output, self.public_copy.output):  # only a file's name: never "reports/" to "reports.pdf"
            path = typed_file(field.text())
            if path is not None and path.suffix.lower() in (WORD, PDF) and path.suffix.lower() != suffix:
                field.setText(str(path.with_suffix(suffix)))

    def _on_version_changed(self, draft: bool) -> None:
        """Follow draft or final in the name, unless the person chose a name of their own."""
        if self.output.text() == str(self._default_target):
            self._default_target = self._default_output(self._project, self._project_path, draft, self.suffix())
            self.output.setText(str(self._default_target))

    def _say_comments(self, *_changed) -> None:
        """Open comments go into a Word draft in the outline's order only: the box is off otherwise, and says why."""
        reason = ("Comments are never part of the final response: choose Draft to include them."
                  if not self.draft.isChecked() else
                  "Comments are written as Word comments: choose the Word format." if self.suffix() != WORD else
                  "Comments are written in the outline's order: choose Outline." if self.order() != "outline" else
                  "No comment thread in this project is open." if not self.open_threads else "")
        self.comments.setEnabled(not reason)
        self.comments.setToolTip(reason or f"{self.open_threads} open thread(s), each on the words it is about; "
                                           "the public copy never carries comments.")

    def _browse_output(self) -> None:
        # Replacing is asked about at export, for the name really written (the extension may be added here).
        filters = ";;".join(FILTERS[self.format.itemData(i)] for i in range(self.format.count()))
        path, chosen = QFileDialog.getSaveFileName(self, "Export the Response", self.output.text(), filters,
                                                   FILTERS[self.suffix()],
                                                   options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            suffix = next((s for s, name in FILTERS.items() if name == chosen), self.suffix())
            self.output.setText(path if Path(path).suffix.lower() in (WORD, PDF) else path + suffix)

    def _check_accessibility(self) -> None:
        """Say whether the text's or the template's accessibility would refuse a final export (Final is
        then off, as before sign-off) or a PDF at all, and offer the Accessibility view."""
        self._findings = accessibility_findings(self._project, self.template_path())
        self._say_accessibility()

    def _say_accessibility(self) -> None:
        findings = self._findings
        refused = errors(findings)
        blocked = pdf_blockers(findings) if self.suffix() == PDF else []
        if blocked or refused:  # the PDF export's refusal (word.pdf_export), said as a final export's is
            stopped, what, why, still = (
                (blocked, "A PDF", "would make it fail the PDF/UA check", "a Word draft") if blocked else
                (refused, "A final export", "in the response's accessibility", "a draft"))
            more = " and more" if len(stopped) > 1 else ""
            self.accessibility_label.setText(
                f"{what} will be refused: {tally(stopped)} {why} ({stopped[0].message}{more}). Put them right "
                f"first; {still} can still be exported.")
            self.accessibility_icon.setPixmap(state_icon(signoff.CHANGES_REQUESTED).pixmap(24, 24))
        else:
            words = f" ({tally(findings)} to look at)" if findings else ""
            self.accessibility_label.setText(f"No accessibility errors stop a final export{words}.")
            self.accessibility_icon.setPixmap(state_icon(signoff.APPROVED).pixmap(24, 24))
        self.final.setEnabled(self._ready and not refused)
        if refused:
            self.final.setToolTip("A final export needs the accessibility errors put right first.")
        if self.final.isChecked() and not self.final.isEnabled():
            self.draft.setChecked(True)

    def _go_to_accessibility(self) -> None:
        """Close the dialog and show the Accessibility view (when no export is running)."""
        if self.is_running() or self._show_accessibility is None:
            return
        template = self.template_path()
        self.reject()
        self._show_accessibility(template)

    def _on_template_chosen(self, index: int) -> None:
        if self.template.itemData(index) == "choose":
            path, _ = QFileDialog.getOpenFileName(self, "Choose a Word template", "", "Word documents (*.docx)")
            if path:
                self.template.insertItem(1, Path(path).name, path)
                self.template.setCurrentIndex(1)
            else:
                self.template.setCurrentIndex(0)
        self._check_accessibility()  # the template's styles and pictures are part of it

    def order(self) -> str:
        """The export's order: "questions" when chosen (only with questions), else "outline"."""
        return "questions" if self.has_questions and self.order_questions.isChecked() else "outline"

    def template_path(self) -> Path | None:
        data = self.template.currentData()
        return Path(data) if data and data != "choose" else None

    def start_export(self) -> None:
        """Export on a worker thread; the dialog shows progress and then the result."""
        text = self.output.text().strip()
        pdf = self.suffix() == PDF
        engine = self._pdf_engine if pdf else self._engine
        if not text or engine is None:
            return
        target = self._target(text)
        if target is None:
            return
        output_path, replace = target
        public: PublicTarget | None = None
        if self.public_copy.wanted():
            public = self._public_target(output_path)
            if public is None:
                return
        self.output_path = output_path
        self.public_path = public.path if public is not None else None
        self._set_busy(True)
        self.status.setText(f"Exporting to {self.output_path.name}"
                            + (f" and {public.path.name}" if public is not None else "")
                            + (" (LibreOffice makes the PDF: this may take a minute)" if pdf else "") + "\u2026")
        self._job = ExportJob(engine, self._project, self._project_path, self.output_path,
                              self.template_path(), self.draft.isChecked(), self.appendix.isChecked(), self,
                              replace=replace, order=self.order(),
                              questions_appendix=self.has_questions and self.questions_table.isChecked(),
                              public=public, options={"archive": True} if pdf and self.archive.isChecked() else
                              {"with_comments": True} if self.comments.isEnabled() and self.comments.isChecked()
                              else None)
        self._job.succeeded.connect(self._on_succeeded)
        self._job.failed.connect(self._on_failed)
        self._job.cancelled.connect(self._on_cancelled)
        self._job.start()

    def _target(self, text: str) -> tuple[Path, bool] | None:
        """The file a typed name means and whether to replace what is there, or None (the status says why)."""
        # A name typed without a folder goes beside the default target (the project), never into
        # whatever folder the app happened to be started from.
        path = self._default_target.parent / typed_path(text)
        try:  # before asking to replace it: no answer lets an export replace the project
            refuse_project_as_output(self._project_path, path)
        except WyassemblerError as error:
            self.status.setText(f"The document was not exported: {error}")
            return None
        replace = path.exists()
        if replace and not ask_to_replace(self, path):
            self.status.setText(f"Not exported: {path.name} was kept as it is.")
            return None
        return path, replace

    def _public_target(self, full: Path) -> PublicTarget | None:
        """Where the public copy goes, or None (the status says why): a name of its own, never the full one."""
        text = self.public_copy.output.text().strip()
        if not text:
            self.status.setText("Not exported: give the public copy a name, or do not ask for one.")
            return None
        path = self._default_target.parent / typed_path(text)
        if path.suffix.lower() != full.suffix.lower():
            self.status.setText(f"Not exported: the public copy is written in the same format as the response, "
                                f"so its name should end in {full.suffix} too.")
            return None
        if path.resolve() == full.resolve():
            self.status.setText("Not exported: the public copy needs a name of its own (it would replace the full "
                                "response).")
            return None
        target = self._target(text)
        return PublicTarget(*target) if target is not None else None

    def is_running(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)  # and hidden: Cancel Export stands in its place
        self.close_button.setVisible(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def _on_succeeded(self, outcome: ExportOutcome) -> None:
        self._set_busy(False)
        self.warnings = list(getattr(outcome.full, "warnings", []) or [])
        message = f"Exported to {self.output_path}."
        if self.output_path is not None and self._job is not None and self._job.cancel_requested():
            # Too late: the file is written, and kept.
            message = f"Not cancelled: {self.output_path.name} was already written.\n{message}"
        if outcome.public is not None:
            message += f"\nPublic copy (confidential sections withheld): {self.public_path}."
            # One report for both copies, which may be passed on with the public one: withheld sections by
            # number only (the public copy's own warnings already are).
            self.warnings = list(dict.fromkeys([redacted(self._project, w) for w in self.warnings]
                                               + list(getattr(outcome.public, "warnings", []) or [])))
            # The quoted texts the check found are shown above already, in the box that offers the copy.
            self.warnings = [w for w in self.warnings if w not in self.public_copy.quoted]
        elif outcome.public_failed:
            message += f"\nThe public copy was not written: {outcome.public_failed}"
            self.public_path = None
        if self.warnings:
            message += "\n\nPlease look at:\n" + "\n".join(f"\u2022 {w}" for w in self.warnings)
        self.status.setText(message)
        self.open_document_button.show()
        self.open_public_button.setVisible(self.public_path is not None)
        self.open_folder_button.show()
        self.export_button.setText("Export A&gain")

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.status.setText(f"The document was not exported: {message}")

    def cancel_export(self) -> None:
        """Stop the running export: LibreOffice at once, a Word document before it is written."""
        if self._job is not None and self._job.isRunning():
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling the export\u2026")

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self.status.setText("Export cancelled; nothing was written.")

    def open_document(self) -> None:
        if self.output_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.output_path)))

    def open_public_copy(self) -> None:
        """Open the public copy the last export wrote (the button is shown only when it wrote one)."""
        if self.public_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.public_path)))

    def open_folder(self) -> None:
        if self.output_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.output_path.parent)))

    def reject(self) -> None:
        """Esc, Close and the window's close box: while an export runs, cancel it (the dialog stays, to say so)."""
        if self.is_running():
            self.cancel_export()
            return
        super().reject()
