"""Word in and out from the desktop app: File › Import Word Document…, and the Partner menu's
Export My Sections for Word… and Import My Edited Sections….

A partner who lives in Word gets their organisation's sections as a Word
document (a partner pack), edits it offline and brings it back; the changes
come in as one undoable step. The pack is written on a worker thread, with the open comments on the
organisation's sections if asked (:mod:`..dialogs.pack_export`). The window owns one :class:`WordOperations`;
the reading and writing is :mod:`wyassembler.word`'s, imported only when used.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from ...core.errors import WyassemblerError
from ...core.presets import organisation_name
from ...fileio import refuse_project_as_output
from ..project import commands
from ..common.errors import show_error
from ..dialogs.export import ask_to_replace
from ..dialogs.pack_export import PackExportDialog, threads_phrase
from ..dialogs.report import ReportDialog
from ..dialogs.word_import import ImportWordDialog

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

WORD_FILTER = "Word documents (*.docx);;All files (*)"


def _documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or str(Path.home()))


def _file_stem(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch in " -_").strip()[:60]


def _numbered(project, sections) -> list[str]:
    return [f"{project.number_of(section)} {section.heading}" for section in sections]


TRACKED = ("insertion", "deletion", "move", "format-change")
CLI_HINT = "(set one with 'wyassembler set --closing-line default')"


def report_groups(report) -> list[tuple[str, list[str]]]:
    """An import report as the dialog shows it: left out or changed, tracked changes, notes."""
    from ...word.import_report import ImportReport

    def lines(kinds) -> list[str]:
        return ImportReport({kind: places for kind, places in report.counts.items() if kind in kinds}).lines()

    others = [kind for kind in report.counts if kind not in TRACKED]
    notes = [note.replace(CLI_HINT, "(set one under Project \u203a Properties)") for note in report.notes]
    return [("Left out, or changed on the way in", lines(others)),
            ("Tracked changes, taken as accepted", lines(TRACKED)),
            ("Notes", notes)]


class _WaitCursor:
    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()


class WordOperations(QObject):
    """What the Word actions do; ``window`` is the MainWindow."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_report: ReportDialog | None = None  # the last report shown (tests read it)

    def _show_report(self, dialog: ReportDialog) -> None:
        self.last_report = dialog
        dialog.exec()

    # -- File › Import Word Document… ------------------------------------------------------------

    def import_word(self) -> None:
        window = self.window
        start = str(window.document.path.parent) if window.document and window.document.path else ""
        path, _ = QFileDialog.getOpenFileName(window, "Import a Word Document", start, WORD_FILTER)
        if not path:
            return
        dialog = ImportWordDialog(Path(path), window.identity, window)
        if dialog.exec() != ImportWordDialog.DialogCode.Accepted or dialog.result_value is None:
            return
        result = dialog.result_value
        project = result.project
        if not window.open_project(project):
            return  # the user kept the open project
        sections = project.all_sections()
        summary = (f"\u201c{project.title}\u201d was imported from {Path(path).name}: {len(sections)} "
                   f"section{'s' if len(sections) != 1 else ''}, owned by {project.org_label(project.coordinator)}. "
                   f"It is a new project, not saved yet: File \u203a Save asks where to keep it.")
        if window.document is not None and window.document.actor is None and window.identity is not None:
            summary += (f" You ({organisation_name(window.identity.organisation)}) are not one of its partners, so "
                        "it is read-only for you until your identity names one of them.")
        groups = report_groups(result.report)
        if not any(lines for _, lines in groups):
            summary += " Everything in the document came in."
        self._show_report(ReportDialog("Word Document Imported", summary, groups, window))

    # -- Partner › Export My Sections for Word… ------------------------------------------------------

    def export_pack(self) -> None:
        window = self.window
        document = window.document
        if document is None or not window.commit_editor():
            return
        try:
            actor = document.require_actor()
        except WyassemblerError as error:
            show_error(window, "Your sections were not exported.", error)
            return
        project = document.project
        org = project.organisation(actor.org)
        from ...word.packs import PackError, pack_sections

        sections = pack_sections(project, org.id)
        if not sections:  # said before a file is asked for
            show_error(window, "Your sections were not exported.", PackError(
                f"{org.label()} owns no sections and contributes to none, so there is nothing to put in a pack"))
            return
        folder = document.path.parent if document.path is not None else _documents_folder()
        # "to edit" going out; what comes back should be kept under another name (see the summary).
        title = _file_stem(project.title or "response")[:40].strip()
        name = f"{title} - {_file_stem(org.label())}".strip(" -") or "sections"
        path, _ = QFileDialog.getSaveFileName(window, "Export My Sections for Word",
                                              str(folder / f"{name} - pack to edit.docx"), WORD_FILTER,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        try:  # before asking to replace it: no answer lets an export replace the project
            refuse_project_as_output(document.path, target)
        except WyassemblerError as error:
            show_error(window, "Your sections were not exported.", error)
            return
        # Asked here rather than by the save dialog, about the name really written (.docx may be added).
        replace = target.exists()
        if replace and not ask_to_replace(window, target):
            return
        # Whether it carries the open comments, then the pack written off the UI thread (the dialog says a failure).
        dialog = PackExportDialog(project, org, sections, target, document.path, replace, window)
        if dialog.exec() != PackExportDialog.DialogCode.Accepted or dialog.outcome is None:
            return
        result, threads = dialog.outcome.result, dialog.outcome.threads
        count = len(result.sections)
        held = "the section" if count == 1 else f"the {count} sections"
        returned = f"{target.stem.removesuffix(' - pack to edit')} - returned.docx"
        said = (f"Pack for {org.label()} written with {threads_phrase(threads)}. " if threads else
                f"Pack for {org.label()} written without its {threads_phrase(dialog.open_threads)}. "
                if dialog.open_threads else "")
        summary = (f"{said}{target.name} holds {held} {org.label()} writes. Edit it in Word (keep the text inside each "
                   f"section's box), keep the edited copy under another name (say \u201c{returned}\u201d), then "
                   f"bring it back with Partner \u203a Import My Edited Sections.")
        groups = [("Sections in the document", dialog.outcome.numbered),
                  ("Please look at", list(result.warnings))]
        if document.is_dirty():
            groups.append(("Before you send it", [
                "This project has changes that are not saved yet: save it, so that the edited document "
                "can be brought back into the saved project."]))
        window.statusBar().showMessage(f"Exported {count} section(s) to {target.name}"
                                       + (f" with {threads_phrase(threads)}" if threads else ""), 4000)
        self._show_report(ReportDialog("Sections Exported for Word", summary, groups, window,
                                       document=str(target)))

    # -- Partner › Import My Edited Sections… -----------------------------------------------------------

    def import_pack(self) -> None:
        window = self.window
        document = window.document
        if document is None or not window.commit_editor():
            return
        try:
            document.require_actor()
        except WyassemblerError as error:
            show_error(window, "The edited sections were not imported.", error)
            return
        start = str(document.path.parent) if document.path is not None else str(_documents_folder())
        path, _ = QFileDialog.getOpenFileName(window, "Import My Edited Sections", start, WORD_FILTER)
        if not path:
            return
        command = commands.ImportPackCommand(document, Path(path))
        try:
            with _WaitCursor():
                document.execute(command)
        except Exception as error:  # noqa: BLE001 - refusals in their own words, anything else in plain words
            show_error(window, f"Nothing was imported from {Path(path).name}.", error)
            return
        result = command.result
        assert result is not None, "an executed import has its result"
        project = document.project
        if result.changed:
            summary = (f"The sections from {Path(path).name} are in the project. Edit \u203a Undo takes the "
                       f"whole import back; saving shares it with the other partners.")
        else:
            summary = f"Nothing in {Path(path).name} changed the project."
        groups = [
            ("Updated: a new version of each (their sign-offs need renewing)", _numbered(project, result.updated)),
            ("Kept as conflict copies: changed in the project since the document was made",
             _numbered(project, result.conflicts)),
            ("Unchanged", _numbered(project, result.unchanged)),
            ("For the owner to decide: Word's tracked changes kept as proposals, and Word's comments",
             result.review_lines),
            ("Problems", [line for line in result.report_lines(project) if line not in result.review_lines]),
        ]
        self._show_report(ReportDialog("Edited Sections Imported", summary, groups, window))
