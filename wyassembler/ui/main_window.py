"""The main window: builds the widgets, the menus and the docks, wires every signal in one place,
and runs a project's life: open, save, autosave, close, and changes saved by someone else.

What the actions do lives in :mod:`.operations`, one object per concern that this window owns
(``self.sections``, ``self.signing``, ``self.project_ops``, ``self.editing``, ``self.saving``,
``self.other_saves``, ``self.sync``, ``self.word``, ``self.questions``); they reach the project through this window's
declared attributes and its few public methods (``run``, ``commit_editor``, ``current_section``,
``select_section``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox,
                               QPushButton, QToolBar, QVBoxLayout, QWidget)

from ..core import dates
from ..core.errors import WyassemblerError
from ..core.model import Project, Section
from ..core.presets import new_project
from ..settings import Identity
from .common import prefs
from .actions import Actions
from .operations.autosave import Autosave
from .operations.disk_watch import DiskWatch
from .project.document import OUTLINE, PROPERTIES, SECTION, ProjectDocument
from .common.errors import show_error
from .common.icons import app_icon
from .common.screen import PageStack, add_summary_that_makes_room, fit_to_screen
from .menus import build_menu_bar
from . import focus
from .models.outline import OutlineModel
from .operations.recovery import RecoveryWriter
from .operations.saving import FILE_FILTER, SaveOperations
from .editor.section_editor import SectionEditor
from .panels.outline_panel import OutlinePanel
from .panels.questions_panel import QuestionsPanel
from .panels.signoff_panel import SignoffPanel
from .panels.start_page import StartPage
from .operations.editing import EditOperations
from .operations.history import HistoryWatch
from .operations.keys import KeyOperations
from .operations.opening import OpenOperations
from .operations.other_saves import OtherSaves
from .operations.project import ProjectOperations
from .operations.sections import SectionOperations
from .operations.signoff import SignoffOperations
from .operations.sync import SyncOperations
from .operations.questions import QuestionOperations
from .operations.word import WordOperations
from .dialogs.about import show_about, show_log_folder
from .project import commands, files, heap

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """One window, one project at a time; the start page when none is open."""

    def __init__(self, identity: Identity | None = None) -> None:
        super().__init__()
        self.identity: Identity | None = identity
        self.document: ProjectDocument | None = None
        # True while typing is being made a revision, so the change it announces does not reload the editor.
        self._committing = False
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        # Named app_actions: QWidget.actions() is Qt's own list of a widget's actions.
        self.app_actions = Actions(self)
        self.recovery = RecoveryWriter()
        self.disk_watch = DiskWatch(self)
        self.watcher, self.disk_timer, self.poll_timer = (self.disk_watch.watcher, self.disk_watch.settle_timer,
                                                          self.disk_watch.poll_timer)
        self.autosaver = Autosave(self)
        self.autosave_timer = self.autosaver.timer
        self._build_widgets()
        self._build_menus()
        # What the actions do, one object per concern; each reaches the project through this window.
        self.sections = SectionOperations(self)
        self.keys = KeyOperations(self)  # holds the unlocked key for the session
        self.signing = SignoffOperations(self)
        self.project_ops = ProjectOperations(self)
        self.editing = EditOperations(self)
        self.word = WordOperations(self)
        self.questions = QuestionOperations(self)
        self.other_saves = OtherSaves(self)
        self.sync = SyncOperations(self)  # puts its bar under the disk banner
        self.history = HistoryWatch(self)  # so does the warning of a file whose history went back
        self.saving = SaveOperations(self)
        self.opening = OpenOperations(self)
        self._connect_signals()
        focus.install(self)  # Tab order, Ctrl+Tab out of the text, F6 between panes: after every bar exists
        fit_to_screen(self, restored=prefs.restore_window(self))
        self._show_start_page()

    # -- building ---------------------------------------------------------------------

    def _build_widgets(self) -> None:
        a = self.app_actions
        self.start_page = StartPage(a)
        self.editor = SectionEditor(a)
        self.disk_banner = QFrame()
        self.disk_banner.setObjectName("diskBanner")
        self.disk_label = QLabel()
        self.disk_label.setWordWrap(True)
        self.disk_dismiss = QPushButton("Dismiss")
        self.disk_dismiss.setAccessibleName("Dismiss the note about changes from other partners")
        banner_layout = QHBoxLayout(self.disk_banner)
        banner_layout.setContentsMargins(10, 6, 10, 6)
        banner_layout.addWidget(self.disk_label, 1)
        banner_layout.addWidget(self.disk_dismiss)
        self.disk_banner.hide()
        editor_page = QWidget()
        # Bars about the open project (other saves, sync clients' copies) stack above the editor.
        self.editor_page_layout = page_layout = QVBoxLayout(editor_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.disk_banner)
        page_layout.addWidget(self.editor, 1)
        self.stack = PageStack()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(editor_page)
        self.setCentralWidget(self.stack)

        self.outline_model = OutlineModel(None, self)
        self.outline_panel = OutlinePanel(a, self.outline_model)
        self.tree = self.outline_panel.tree
        self.outline_dock = QDockWidget("Outline", self)
        self.outline_dock.setObjectName("outlineDock")
        self.outline_dock.setWidget(self.outline_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)

        self.signoff_panel = SignoffPanel(a)
        self.signoff_dock = QDockWidget("Sign-off", self)
        self.signoff_dock.setObjectName("signoffDock")
        self.signoff_dock.setWidget(self.signoff_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.signoff_dock)
        self.questions_panel = QuestionsPanel(a)
        self.questions_dock = QDockWidget("Questions", self)
        self.questions_dock.setObjectName("questionsDock")
        self.questions_dock.setWidget(self.questions_panel)
        self.tabifyDockWidget(self.signoff_dock, self.questions_dock)  # a tab beside the matrix: room at 1024x768
        self.signoff_dock.raise_()
        self.resizeDocks([self.outline_dock], [430], Qt.Orientation.Horizontal)
        self.resizeDocks([self.signoff_dock], [250], Qt.Orientation.Vertical)

        self.main_toolbar = QToolBar("Main")
        self.main_toolbar.setObjectName("mainToolbar")
        self.main_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for tool in (a.save, a.undo, a.redo, None, a.export):
            if tool is None:
                self.main_toolbar.addSeparator()
            else:
                self.main_toolbar.addAction(tool)
        self.addToolBar(self.main_toolbar)

        self.identity_label = QLabel()
        self.identity_label.setObjectName("identityLabel")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.save_cancel = QPushButton("Cancel Save")
        self.save_cancel.setObjectName("cancelSave")
        self.save_cancel.setAccessibleName("Stop waiting for the other partner's save and do not save now")
        self.save_cancel.hide()
        self.statusBar().addWidget(self.identity_label)
        self.statusBar().addPermanentWidget(self.save_cancel)
        add_summary_that_makes_room(self.statusBar(), self.progress_label)

    def _build_menus(self) -> None:
        view_toggles = [widget.toggleViewAction() for widget in (self.outline_dock, self.signoff_dock,
                                                                 self.questions_dock, self.main_toolbar)]
        self.recent_menu = build_menu_bar(self.menuBar(), self.app_actions, view_toggles)

    def _connect_signals(self) -> None:
        """Every connection of this window, in one place."""
        a = self.app_actions
        a.new_project.triggered.connect(self.new_response)
        a.open_project.triggered.connect(self.open_dialog)
        a.open_sample.triggered.connect(self.open_sample)
        a.save.triggered.connect(lambda: self.save())  # not a bare method: checked (False) would be its "then"
        a.save_as.triggered.connect(lambda: self.save_as())
        a.reload.triggered.connect(self.other_saves.reload_from_disk)
        a.close_project.triggered.connect(lambda: self.close_project())
        a.quit.triggered.connect(self.close)
        for action in a.recent:
            action.triggered.connect(self._on_recent_action)
        a.clear_recent.triggered.connect(self._clear_recent)
        editing, sections, signing, project = self.editing, self.sections, self.signing, self.project_ops
        a.undo.triggered.connect(editing.undo)
        a.redo.triggered.connect(editing.redo)
        a.cut.triggered.connect(editing.cut)
        a.copy.triggered.connect(editing.copy)
        a.paste.triggered.connect(editing.paste)
        a.identity.triggered.connect(project.change_identity)
        a.bold.triggered.connect(self.editor.set_bold)
        a.italic.triggered.connect(self.editor.set_italic)
        a.link.triggered.connect(editing.insert_link)
        a.bullets.triggered.connect(editing.toggle_bullets)
        a.numbers.triggered.connect(editing.toggle_numbers)
        a.list_deeper.triggered.connect(editing.list_deeper)
        a.list_shallower.triggered.connect(editing.list_shallower)
        a.paragraph.triggered.connect(editing.plain_paragraph)
        a.insert_table.triggered.connect(editing.insert_table)
        tables = self.editor.tables
        a.add_row_above.triggered.connect(tables.insert_row_above)
        a.add_table_row.triggered.connect(tables.insert_row_below)
        a.delete_row.triggered.connect(tables.delete_row)
        a.add_column_left.triggered.connect(tables.insert_column_left)
        a.add_column_right.triggered.connect(tables.insert_column_right)
        a.delete_column.triggered.connect(tables.delete_column)
        a.move_row_up.triggered.connect(tables.move_row_up)
        a.move_row_down.triggered.connect(tables.move_row_down)
        a.header_row.triggered.connect(tables.set_header_row)
        a.add_section.triggered.connect(sections.add_section)
        a.add_subsection.triggered.connect(sections.add_subsection)
        a.rename_section.triggered.connect(sections.rename_section)
        a.delete_section.triggered.connect(sections.delete_section)
        a.move_up.triggered.connect(sections.move_up)
        a.move_down.triggered.connect(sections.move_down)
        a.indent_section.triggered.connect(sections.indent_section)
        a.outdent_section.triggered.connect(sections.outdent_section)
        a.ownership.triggered.connect(sections.change_ownership)
        a.sign_off.triggered.connect(signing.sign_off)
        a.request_changes.triggered.connect(signing.request_changes)
        a.endorse.triggered.connect(signing.endorse)
        a.request_changes_response.triggered.connect(signing.request_changes_to_response)
        a.properties.triggered.connect(project.edit_properties)
        a.my_key.triggered.connect(self.keys.my_key)
        a.keys.triggered.connect(self.keys.show_keys)
        a.partners.triggered.connect(project.edit_partners)
        a.export.triggered.connect(project.export)
        a.about.triggered.connect(lambda: show_about(self))
        a.show_log.triggered.connect(lambda: show_log_folder())
        a.import_questions.triggered.connect(self.questions.import_questions)
        a.export_answers.triggered.connect(self.questions.export_answers)
        a.answers_question.triggered.connect(self.questions.answers_question)
        a.question_settings.triggered.connect(self.questions.question_settings)
        a.import_word.triggered.connect(self.word.import_word)
        a.export_pack.triggered.connect(self.word.export_pack)
        a.import_pack.triggered.connect(self.word.import_pack)
        a.synchronise.triggered.connect(self.sync.synchronise)
        a.restore_backup.triggered.connect(self.sync.restore_backup)
        a.resolve_conflicts.triggered.connect(self.sync.resolve_conflicts)

        self.start_page.recent_chosen.connect(self.open_path)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.outline_model.move_requested.connect(sections.move_section_to)
        self.outline_model.rename_requested.connect(sections.rename_section_to)
        self.signoff_panel.section_activated.connect(self.select_section)
        self.questions_panel.section_activated.connect(self.select_section)
        self.questions_panel.question_chosen.connect(self.questions.question_chosen)
        self.questions_dock.visibilityChanged.connect(self.questions_panel.set_showing)
        self.editor.heading_committed.connect(sections.rename_section_to)
        self.editor.format_state_changed.connect(self.update_format_actions)
        self.editor.text.document().modificationChanged.connect(self.update_title)
        self.editor.text.document().contentsChanged.connect(self.autosaver.due)
        self.disk_watch.settled.connect(self.other_saves.check_disk)
        self.disk_dismiss.clicked.connect(self.disk_banner.hide)
        self.save_cancel.clicked.connect(self.cancel_save)

    def _connect_document(self, document: ProjectDocument) -> None:
        """Signals of the open project (its own object, replaced when another project opens)."""
        document.changed.connect(self._on_document_changed)
        document.reloaded.connect(self._on_reloaded)
        document.changed.connect(self.autosaver.due)
        document.changed.connect(self.questions_panel.follow_change)
        document.changed.connect(self.editor.answer_count.follow_change)
        document.reloaded.connect(self.questions_panel.refresh)
        document.reloaded.connect(self.autosaver.due)
        document.path_changed.connect(self.update_title)
        document.saving_changed.connect(self.saving.on_saving_changed)
        document.step_failed.connect(self._on_step_failed)
        document.undo_stack.cleanChanged.connect(self.update_title)
        document.undo_stack.canUndoChanged.connect(self.app_actions.undo.setEnabled)
        document.undo_stack.canRedoChanged.connect(self.app_actions.redo.setEnabled)
        document.undo_stack.undoTextChanged.connect(self.app_actions.show_undo_text)
        document.undo_stack.redoTextChanged.connect(self.app_actions.show_redo_text)

    # -- the selection and the editor: what every operation goes through ------------------------

    def current_section(self) -> Section | None:
        """The section selected in the outline."""
        return self.outline_model.section_at(self.tree.currentIndex())

    def select_section(self, section_id: str) -> None:
        index = self.outline_model.index_of(section_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        section = self.outline_model.section_at(current)
        if section is not None and section is self.editor.section:
            self.editor.update_banner()
        else:
            self.commit_editor()
            self.editor.show_section(self.document, section)
        self.update_actions()

    def commit_editor(self) -> bool:
        """Make what was typed in the editor a revision (one undo step); False if it was refused."""
        section = self.editor.section
        if self.document is None or section is None or not self.editor.is_modified():
            return True
        if not self.editor.is_editable():
            return True
        self._committing = True
        try:
            command = commands.EditSectionCommand(self.document, section, blocks=self.editor.current_blocks())
            self.document.execute(command)
        except WyassemblerError as error:
            show_error(self, "Your changes to this section could not be kept as they are.", error)
            return False
        finally:
            self._committing = False
        self.editor.mark_committed()
        self.update_title()
        return True

    def run(self, what_failed: str, command: commands.CoreCommand) -> bool:
        """Commit typing, then run ``command`` (one undo step); a refusal is shown as a dialog."""
        if self.document is None or not self.commit_editor():
            return False
        try:
            return self.document.execute(command)
        except WyassemblerError as error:
            show_error(self, what_failed, error)
            return False

    # -- showing a project ------------------------------------------------------------------

    def _show_start_page(self) -> None:
        self.start_page.set_recent(prefs.recent_files())
        self.stack.setCurrentIndex(0)
        for widget in (self.outline_dock, self.signoff_dock, self.questions_dock, self.main_toolbar):
            widget.hide()
        self.refresh_recent_menu()
        self.update_everything()

    def set_document(self, document: ProjectDocument) -> None:
        """Show ``document`` in this window (the caller has closed the previous one)."""
        self.document = document
        self._connect_document(document)
        self.outline_model.set_document(document)
        self.signoff_panel.set_document(document)
        self.questions_panel.set_document(document)
        self.stack.setCurrentIndex(1)
        for widget in (self.outline_dock, self.signoff_dock, self.questions_dock, self.main_toolbar):
            widget.show()
        self.disk_banner.hide()
        self.tree.expandAll()
        self.watch_file(document.path)
        if document.path is not None:
            prefs.add_recent(document.path)
            self.refresh_recent_menu()
        first = self.outline_model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        else:
            self.editor.show_section(document, None)
        self.update_everything()
        self.sync.document_shown()
        self.history.document_shown()

    def open_project(self, project: Project, path: Path | None = None, disk_bytes: bytes | None = None) -> bool:
        if not self.close_project(then=lambda: self.open_project(project, path, disk_bytes)):
            return False
        self.set_document(ProjectDocument(project, path, disk_bytes, self.identity, self))
        return True

    def open_path(self, path: str | Path) -> bool:
        """Open a project file (a large one on a worker thread, with progress shown: see operations.opening)."""
        return self.opening.open_path(path)

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document and self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open a Project", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_sample(self) -> None:
        """The West Yorkshire 2005 response, opened as a new, unsaved project."""
        self.open_project(files.sample_project())

    def new_response(self) -> None:
        from .dialogs.forms import NewResponseDialog

        dialog = NewResponseDialog(self)
        if dialog.exec() != NewResponseDialog.DialogCode.Accepted:
            return
        title, subtitle, preset = dialog.values()
        person = self.identity.name if self.identity else ""
        self.open_project(new_project(title, subtitle, preset=preset, person=person))

    def close_project(self, ask: bool = True, then: Callable[[], object] | None = None) -> bool:
        """Close the open project, offering to save first; False if it is still open (the user
        cancelled, or chose to save: ``then`` runs once that save has finished)."""
        if self.document is None:
            return True
        if self.document.is_saving():
            self.statusBar().showMessage("Wait for the save to finish, or cancel it, first", 6000)
            return False
        self.commit_editor()
        if ask and self.document.is_dirty() and not self._ask_to_save(then):
            return False
        self.recovery.discard()
        self.watch_file(None)
        old = self.document
        self.document = None
        self.editor.show_section(None, None)
        self.outline_model.set_document(None)
        self.signoff_panel.set_document(None)
        self.questions_panel.set_document(None)
        old.deleteLater()
        heap.release()  # what the open project's freeze kept from the collector, garbage included
        self._show_start_page()
        return True

    def _ask_to_save(self, then: Callable[[], object] | None = None) -> bool:
        """True to go on without saving; False if the person cancelled or chose Save (which runs on
        a worker thread: ``then`` goes on once it has succeeded)."""
        if self.document is None:
            return True
        answer = QMessageBox.question(
            self, "Save changes?", f"Save your changes to {self.document.display_name(True)} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            self.save(then)
            return False
        return True

    # -- saving ----------------------------------------------------------------------------

    def save(self, then: Callable[[], object] | None = None) -> bool:
        """Start saving (on a worker thread); False if no save was started. ``then`` runs after a
        successful save."""
        if self.document is None:
            return False
        if self.document.path is None:
            return self.save_as(then)
        return self.saving.save_to(None, then)

    def save_as(self, then: Callable[[], object] | None = None) -> bool:
        return self.saving.save_as(then)

    def is_saving(self) -> bool:
        return self.document is not None and self.document.is_saving()

    def cancel_save(self) -> None:
        self.saving.cancel()

    def autosave(self) -> None:
        """Snapshot unsaved work for crash recovery now (the timer does this shortly after each change)."""
        self.autosaver.run()

    # -- changes saved by someone else ------------------------------------------------------------

    def watch_file(self, path: Path | None) -> None:
        """Watch ``path`` (None: nothing) for saves by someone else."""
        self.disk_watch.watch(path)

    def show_disk_note(self, text: str) -> None:
        """Say something about the file (another partner's save) in the bar above the editor."""
        self.disk_label.setText(text)
        self.disk_banner.show()

    # -- keeping views in step ----------------------------------------------------------------------

    def _on_document_changed(self, what: str, section_id: str) -> None:
        if what == SECTION:
            self.outline_model.section_changed(section_id)
            shown = self.editor.section
            if shown is not None and shown.id == section_id and not self._committing:
                # Undo or redo changed the text on show: put it in the editor.
                self.editor.show_section(self.document, shown)
        elif what == OUTLINE:
            self._refresh_outline()
        elif what == PROPERTIES:
            self._refresh_outline()
            self.editor.update_banner()
            self.editor.refresh_generated()
        else:
            self.outline_model.states_changed(section_id)
            self.editor.update_banner()  # it names the requests for changes to the section shown
            self.editor.refresh_generated()  # a member list naming only the endorsers follows them
        self.signoff_panel.follow_change(what, section_id)
        self.update_everything()

    def _on_reloaded(self) -> None:
        # The same document with another project in it (a merge, a reload): the models follow it
        # row by row, so the views keep their selection and scroll position.
        self._refresh_outline()
        self.signoff_panel.refresh()
        self.update_everything()

    def _refresh_outline(self) -> None:
        current = self.editor.section.id if self.editor.section is not None else None
        self.outline_model.refresh()
        self.tree.expandAll()
        index = self.outline_model.index_of(current) if current else QModelIndex()
        if not index.isValid():
            index = self.outline_model.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            # The model moves rows rather than resetting, so the section shown may still be the current
            # row, with no currentChanged: show it again if a merge or reload replaced its object, and
            # let its number and banner follow the outline either way.
            self._on_current_changed(index, index)
        else:
            self.editor.show_section(self.document, None)

    def _on_step_failed(self, message: str) -> None:
        log.warning("%s", message)
        self.show_disk_note(message)

    def update_everything(self) -> None:
        """Title, actions, status bar and format buttons, after anything that may change them."""
        self.update_title()
        self.update_actions()
        self._update_status()
        self.update_format_actions()
        self.other_saves.recheck_note()

    def update_actions(self) -> None:
        self.app_actions.update_enabled(self.document, self.current_section() if self.document else None,
                                        self.editor)

    def update_format_actions(self) -> None:
        self.app_actions.show_format(self.editor)

    def update_title(self, *_args) -> None:
        if self.document is None:
            self.setWindowTitle("wyassembler")
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.document.display_name()}[*]{self.document.title_note()} \u2014 wyassembler")
        self.setWindowModified(self.document.is_dirty() or self.editor.is_modified())

    def _update_status(self) -> None:
        if self.document is None:
            self.identity_label.setText(self.identity.label()
                                        if self.identity else "")
            self.progress_label.setText("")
            return
        project = self.document.project
        self.identity_label.setText(self.document.actor_label())
        self.progress_label.setText(f"{self.signoff_panel.endorsement_words()} \u00b7 "
                                    f"{dates.deadline_phrase(project.deadline, date.today())}")

    # -- recent files ------------------------------------------------------------------------------

    def refresh_recent_menu(self) -> None:
        paths = prefs.recent_files()
        for i, action in enumerate(self.app_actions.recent):
            if i < len(paths):
                action.setText(f"&{i + 1} {paths[i].name}")
                action.setData(str(paths[i]))
                action.setStatusTip(str(paths[i]))
                action.setVisible(True)
            else:
                action.setVisible(False)
        self.recent_menu.setEnabled(bool(paths))

    def _on_recent_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            self.open_path(action.data())

    def _clear_recent(self) -> None:
        prefs.clear_recent()
        self.refresh_recent_menu()
        self.start_page.set_recent([])

    # -- closing -------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_saving():
            # Never close under a running save: close as soon as it has succeeded.
            self.saving.close_when_saved = True
            self.statusBar().showMessage("Closing once the save has finished\u2026")
            event.ignore()
            return
        if self.document is not None:
            self.commit_editor()
            if self.document.is_dirty() and not self._ask_to_save(then=self.close):
                event.ignore()
                return
        # Remember the layout with the project's docks showing, before the start page hides them.
        prefs.save_window(self)
        self.close_project(ask=False)
        event.accept()
