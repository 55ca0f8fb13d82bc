"""The main window: builds the widgets, the menus and the docks, wires every signal in one place,
and runs a project's life: open, save, autosave, close, and changes saved by someone else.

What the actions do to a project (sections, sign-off, formatting) lives in
:mod:`.window_operations`, which this window mixes in.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QFileDialog, QFrame, QHBoxLayout, QHeaderView,
                               QLabel, QMainWindow, QMessageBox, QPushButton, QStackedWidget, QToolBar, QTreeView,
                               QVBoxLayout, QWidget)

from .. import __version__
from ..core import signoff
from ..core.model import Project
from ..core.presets import new_project
from ..projectfile import storage
from ..projectfile.codec import from_bytes
from ..resource_files import SAMPLE, resource_bytes
from ..settings import Identity, log_dir
from .common import prefs
from .actions import Actions
from .operations.autosave import Autosave
from .operations.disk_watch import DiskWatch
from .project.document import OUTLINE, PROPERTIES, SECTION, ProjectDocument
from .common.errors import show_error
from .common.icons import app_icon
from .menus import build_menu_bar
from .models.outline import OutlineModel
from .operations.recovery import RecoveryWriter
from .operations.saving import FILE_FILTER, SaveOperations
from .editor.section_editor import SectionEditor
from .panels.signoff_panel import SignoffPanel
from .panels.start_page import StartPage
from .operations.sync import SyncOperations
from .operations.window_operations import WindowOperations
from .operations.word import WordOperations

log = logging.getLogger(__name__)



class MainWindow(WindowOperations, QMainWindow):
    """One window, one project at a time; the start page when none is open."""

    def __init__(self, identity: Identity | None = None) -> None:
        super().__init__()
        self.identity = identity
        self.document: ProjectDocument | None = None
        self._committing = False
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.app_actions = Actions(self)
        self.recovery = RecoveryWriter()
        self.disk_watch = DiskWatch(self)
        self.watcher, self.disk_timer, self.poll_timer = (self.disk_watch.watcher, self.disk_watch.settle_timer,
                                                          self.disk_watch.poll_timer)
        self.autosaver = Autosave(self)
        self.autosave_timer = self.autosaver.timer
        self._build_widgets()
        self._build_menus()
        self._connect_signals()
        if not prefs.restore_window(self):
            self.resize(1320, 860)
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
        page_layout = QVBoxLayout(editor_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.disk_banner)
        page_layout.addWidget(self.editor, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(editor_page)
        self.setCentralWidget(self.stack)

        self.outline_model = OutlineModel(None, self)
        self.tree = QTreeView()
        self.tree.setObjectName("outline")
        self.tree.setAccessibleName("Outline of the response")
        self.tree.setModel(self.outline_model)
        self.tree.setHeaderHidden(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for action in (a.add_section, a.add_subsection, a.rename_section, a.delete_section, a.move_up, a.move_down,
                       a.indent_section, a.outdent_section, a.ownership, a.sign_off, a.request_changes):
            self.tree.addAction(action)
        outline_tools = QToolBar("Outline")
        outline_tools.setObjectName("outlineToolbar")
        for action in (a.add_section, a.delete_section, a.move_up, a.move_down, a.outdent_section, a.indent_section):
            outline_tools.addAction(action)
        outline_box = QWidget()
        outline_layout = QVBoxLayout(outline_box)
        outline_layout.setContentsMargins(0, 0, 0, 0)
        outline_layout.setSpacing(0)
        outline_layout.addWidget(outline_tools)
        outline_layout.addWidget(self.tree, 1)
        self.outline_dock = QDockWidget("Outline", self)
        self.outline_dock.setObjectName("outlineDock")
        self.outline_dock.setWidget(outline_box)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)

        self.signoff_panel = SignoffPanel(a)
        self.signoff_dock = QDockWidget("Sign-off", self)
        self.signoff_dock.setObjectName("signoffDock")
        self.signoff_dock.setWidget(self.signoff_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.signoff_dock)
        self.resizeDocks([self.outline_dock], [430], Qt.Orientation.Horizontal)
        self.resizeDocks([self.signoff_dock], [250], Qt.Orientation.Vertical)

        self.main_toolbar = QToolBar("Main")
        self.main_toolbar.setObjectName("mainToolbar")
        self.main_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.main_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in (a.save, a.undo, a.redo, None, a.export):
            self.main_toolbar.addSeparator() if action is None else self.main_toolbar.addAction(action)
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
        self.statusBar().addPermanentWidget(self.progress_label)

    def _build_menus(self) -> None:
        view_toggles = [widget.toggleViewAction() for widget in (self.outline_dock, self.signoff_dock,
                                                                 self.main_toolbar)]
        self.recent_menu = build_menu_bar(self.menuBar(), self.app_actions, view_toggles)

    def _connect_signals(self) -> None:
        """Every connection of this window, in one place."""
        a = self.app_actions
        a.new_project.triggered.connect(self.new_response)
        a.open_project.triggered.connect(self.open_dialog)
        a.open_sample.triggered.connect(self.open_sample)
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(self.save_as)
        a.reload.triggered.connect(self.reload_from_disk)
        a.export.triggered.connect(self.export)
        a.close_project.triggered.connect(self.close_project)
        a.quit.triggered.connect(self.close)
        for action in a.recent:
            action.triggered.connect(self._on_recent_action)
        a.clear_recent.triggered.connect(self._clear_recent)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.cut.triggered.connect(self._cut)
        a.copy.triggered.connect(self._copy)
        a.paste.triggered.connect(self._paste)
        a.identity.triggered.connect(self.change_identity)
        a.bold.triggered.connect(self.editor.set_bold)
        a.italic.triggered.connect(self.editor.set_italic)
        a.link.triggered.connect(self.insert_link)
        a.bullets.triggered.connect(self._toggle_bullets)
        a.numbers.triggered.connect(self._toggle_numbers)
        a.list_deeper.triggered.connect(self._list_deeper)
        a.list_shallower.triggered.connect(self._list_shallower)
        a.paragraph.triggered.connect(self._plain_paragraph)
        a.insert_table.triggered.connect(self._insert_table)
        a.add_table_row.triggered.connect(self.editor.add_table_row)
        a.add_section.triggered.connect(self.add_section)
        a.add_subsection.triggered.connect(self.add_subsection)
        a.rename_section.triggered.connect(self.rename_section)
        a.delete_section.triggered.connect(self.delete_section)
        a.move_up.triggered.connect(self.move_up)
        a.move_down.triggered.connect(self.move_down)
        a.indent_section.triggered.connect(self.indent_section)
        a.outdent_section.triggered.connect(self.outdent_section)
        a.ownership.triggered.connect(self.change_ownership)
        a.sign_off.triggered.connect(self.sign_off)
        a.request_changes.triggered.connect(self.request_changes)
        a.endorse.triggered.connect(self.endorse)
        a.request_changes_response.triggered.connect(self.request_changes_to_response)
        a.properties.triggered.connect(self.edit_properties)
        a.partners.triggered.connect(self.edit_partners)
        a.about.triggered.connect(self.about)
        a.show_log.triggered.connect(self.show_log_folder)
        self.word = WordOperations(self)
        a.import_word.triggered.connect(self.word.import_word)
        a.export_pack.triggered.connect(self.word.export_pack)
        a.import_pack.triggered.connect(self.word.import_pack)
        self.sync = SyncOperations(self)
        self.saving = SaveOperations(self)
        a.synchronise.triggered.connect(self.sync.synchronise)
        a.restore_backup.triggered.connect(self.sync.restore_backup)
        a.resolve_conflicts.triggered.connect(self.sync.resolve_conflicts)

        self.start_page.recent_chosen.connect(self.open_path)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.outline_model.move_requested.connect(self.move_section_to)
        self.outline_model.rename_requested.connect(self.rename_section_to)
        self.signoff_panel.section_activated.connect(self.select_section)
        self.editor.heading_committed.connect(self.rename_section_to)
        self.editor.format_state_changed.connect(self._update_format_actions)
        self.editor.text.document().modificationChanged.connect(self._update_title)
        self.editor.text.document().contentsChanged.connect(self.autosaver.due)
        self.disk_watch.settled.connect(self.check_disk)
        self.disk_dismiss.clicked.connect(self.disk_banner.hide)
        self.save_cancel.clicked.connect(self.cancel_save)

    def _connect_document(self, document: ProjectDocument) -> None:
        """Signals of the open project (its own object, replaced when another project opens)."""
        document.changed.connect(self._on_document_changed)
        document.reloaded.connect(self._on_reloaded)
        document.changed.connect(self.autosaver.due)
        document.reloaded.connect(self.autosaver.due)
        document.path_changed.connect(self._on_path_changed)
        document.saving_changed.connect(self.saving.on_saving_changed)
        document.step_failed.connect(self._on_step_failed)
        document.undo_stack.cleanChanged.connect(self._update_title)
        document.undo_stack.canUndoChanged.connect(self.app_actions.undo.setEnabled)
        document.undo_stack.canRedoChanged.connect(self.app_actions.redo.setEnabled)
        document.undo_stack.undoTextChanged.connect(self._on_undo_text)
        document.undo_stack.redoTextChanged.connect(self._on_redo_text)

    # -- showing a project ------------------------------------------------------------------

    def _show_start_page(self) -> None:
        self.start_page.set_recent(prefs.recent_files())
        self.stack.setCurrentIndex(0)
        self.outline_dock.hide()
        self.signoff_dock.hide()
        self.main_toolbar.hide()
        self._refresh_recent_menu()
        self._update_everything()

    def set_document(self, document: ProjectDocument) -> None:
        """Show ``document`` in this window (the caller has closed the previous one)."""
        self.document = document
        self._connect_document(document)
        self.outline_model.set_document(document)
        self.signoff_panel.set_document(document)
        self.stack.setCurrentIndex(1)
        self.outline_dock.show()
        self.signoff_dock.show()
        self.main_toolbar.show()
        self.disk_banner.hide()
        self.tree.expandAll()
        self._watch(document.path)
        if document.path is not None:
            prefs.add_recent(document.path)
            self._refresh_recent_menu()
        first = self.outline_model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        else:
            self.editor.show_section(document, None)
        self._update_everything()
        self.sync.document_shown()

    def open_project(self, project: Project, path: Path | None = None, disk_bytes: bytes | None = None) -> bool:
        if not self.close_project(then=lambda: self.open_project(project, path, disk_bytes)):
            return False
        self.set_document(ProjectDocument(project, path, disk_bytes, self.identity, self))
        return True

    def open_path(self, path: str | Path) -> bool:
        """Open a project file, saying plainly why if it cannot be read."""
        # Made absolute once, here: the recovery note, recent files, Save and the export's default
        # target must all name this file even if the working folder is another one by then.
        path = Path(path).expanduser().resolve()
        try:
            loaded = storage.load(path)
        except Exception as error:  # noqa: BLE001 - any failure becomes a dialog
            return self.sync.open_failed(Path(path), error)
        if loaded.report.problems:
            log.warning("%s: %s", path, "; ".join(loaded.report.problems))
        return self.open_project(loaded.project, loaded.path, loaded.data)

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document and self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open a Project", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_sample(self) -> None:
        """The West Yorkshire 2005 response, opened as a new, unsaved project."""
        self.open_project(from_bytes(resource_bytes(*SAMPLE)))

    def new_response(self) -> None:
        from .dialogs.forms import NewResponseDialog

        dialog = NewResponseDialog(self)
        if dialog.exec() != NewResponseDialog.DialogCode.Accepted:
            return
        title, subtitle, preset = dialog.values()
        person = self.identity.name if self.identity else ""
        self.open_project(new_project(title, subtitle, preset=preset, person=person))

    def close_project(self, ask: bool = True, then=None) -> bool:
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
        self._watch(None)
        old = self.document
        self.document = None
        self.editor.show_section(None, None)
        self.outline_model.set_document(None)
        self.signoff_panel.set_document(None)
        old.deleteLater()
        self._show_start_page()
        return True

    def _ask_to_save(self, then=None) -> bool:
        """True to go on without saving; False if the person cancelled or chose Save (which runs on
        a worker thread: ``then`` goes on once it has succeeded)."""
        answer = QMessageBox.question(
            self, "Save changes?", f"Save your changes to {self.document.display_name()} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            self.save(then)
            return False
        return True

    # -- saving ----------------------------------------------------------------------------

    def save(self, then=None) -> bool:
        """Start saving (on a worker thread); False if no save was started. ``then`` runs after a
        successful save."""
        if self.document is None:
            return False
        if self.document.path is None:
            return self.save_as(then)
        return self.saving.save_to(None, then)

    def save_as(self, then=None) -> bool:
        return self.saving.save_as(then)

    def is_saving(self) -> bool:
        return self.document is not None and self.document.is_saving()

    def cancel_save(self) -> None:
        self.saving.cancel()

    def autosave(self) -> None:
        """Snapshot unsaved work for crash recovery now (the timer does this shortly after each change)."""
        self.autosaver.run()

    # -- changes saved by someone else ------------------------------------------------------------

    def _watch(self, path: Path | None) -> None:
        """Watch ``path`` (None: nothing) for saves by someone else."""
        self.disk_watch.watch(path)

    def check_disk(self) -> None:
        """If someone else saved our file, bring their changes in, keeping everything typed here."""
        document = self.document
        if document is None or document.is_saving():
            return  # our own save is writing; it merges whatever it finds on disk
        self.disk_watch.rearm()  # the notification may have come before the other save's replace
        if not document.changed_on_disk():
            return
        current = self.editor.section.id if self.editor.section else None
        cursor_position = self.editor.text.textCursor().position()
        self.commit_editor()
        try:
            notes = document.merge_from_disk()
        except Exception as error:  # noqa: BLE001
            self._show_disk_note("Another partner saved this project, but their changes could not be brought in: "
                                 "your copy is unchanged and saving will not overwrite theirs.")
            show_error(self, "The changes saved by another partner could not be brought in.", error)
            return
        if current:
            self.select_section(current)
            cursor = self.editor.text.textCursor()
            cursor.setPosition(min(cursor_position, self.editor.text.document().characterCount() - 1))
            self.editor.text.setTextCursor(cursor)
        message = "Another partner saved this project; their changes are now shown here"
        message += (", and your unsaved changes are kept." if document.is_dirty() else ".")
        self._show_disk_note(" ".join([message, *notes]))

    def _show_disk_note(self, text: str) -> None:
        self.disk_label.setText(text)
        self.disk_banner.show()

    def reload_from_disk(self) -> None:
        if self.document is None or self.document.path is None:
            return
        self.commit_editor()
        if self.document.is_dirty():
            answer = QMessageBox.warning(
                self, "Reload from disk?", "Reloading throws away the changes you have not saved.",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        try:
            self.document.reload_from_disk()
        except Exception as error:  # noqa: BLE001
            show_error(self, "The project could not be read again.", error)

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
            self.editor.refresh_list_formats()
        else:
            self.outline_model.states_changed()
        self.signoff_panel.refresh()
        self._update_everything()

    def _on_reloaded(self) -> None:
        self._refresh_outline()
        self.signoff_panel.set_document(self.document)
        self._update_everything()

    def _refresh_outline(self) -> None:
        current = self.editor.section.id if self.editor.section is not None else None
        self.outline_model.refresh()
        self.tree.expandAll()
        index = self.outline_model.index_of(current) if current else QModelIndex()
        if not index.isValid():
            index = self.outline_model.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        else:
            self.editor.show_section(self.document, None)

    def _on_step_failed(self, message: str) -> None:
        log.warning("%s", message)
        self._show_disk_note(message)

    def _on_path_changed(self) -> None:
        self._update_title()

    def _update_everything(self) -> None:
        self._update_title()
        self._update_actions()
        self._update_status()
        self._update_format_actions()

    def _update_title(self, *_args) -> None:
        if self.document is None:
            self.setWindowTitle("wyassembler")
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.document.display_name()}[*] \u2014 wyassembler")
        self.setWindowModified(self.document.is_dirty() or self.editor.is_modified())

    def _update_status(self) -> None:
        if self.document is None:
            self.identity_label.setText(f"{self.identity.name} \u00b7 {self.identity.organisation}"
                                        if self.identity else "")
            self.progress_label.setText("")
            return
        project = self.document.project
        endorsed, required = signoff.endorsement_count(project)
        self.identity_label.setText(self.document.actor_label())
        self.progress_label.setText(f"{endorsed} of {required} organisations endorsed \u00b7 "
                                    f"{signoff.deadline_phrase(project, date.today())}")

    def _on_undo_text(self, text: str) -> None:
        self.app_actions.undo.setText(f"&Undo {text}" if text else "&Undo")

    def _on_redo_text(self, text: str) -> None:
        self.app_actions.redo.setText(f"&Redo {text}" if text else "&Redo")

    # -- recent files ------------------------------------------------------------------------------

    def _refresh_recent_menu(self) -> None:
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
        if action is not None and action.data():
            self.open_path(action.data())

    def _clear_recent(self) -> None:
        prefs.clear_recent()
        self._refresh_recent_menu()
        self.start_page.set_recent([])

    # -- help and closing ----------------------------------------------------------------------------

    def about(self) -> None:
        QMessageBox.about(
            self, "About wyassembler",
            f"<h3>wyassembler {__version__}</h3>"
            "<p>Assemble one joint consultation response from many partner bodies: each writes and "
            "owns its sections, signs them off and endorses the whole; the coordinator exports the "
            "Word document.</p><p>Free software under the MIT licence.</p>")

    def show_log_folder(self) -> None:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

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
