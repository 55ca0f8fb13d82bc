"""What the main window's actions do to the open project: sections, sign-off, partners,
properties, formatting and export.

Every change becomes one command from :mod:`.commands`, run through the
document; a refusal from the core comes back as a dialog in its own words.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from ...core import signoff
from ...core.content import check_href
from ...core.errors import WyassemblerError
from ...core.model import Section
from ..project import commands
from ..common.errors import show_error


class WindowOperations:
    """Mixed into MainWindow; expects ``document``, ``editor``, ``tree``, ``outline_model`` and ``app_actions``."""

    # -- the selection and the editor ----------------------------------------------------------

    def current_section(self) -> Section | None:
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
        self._update_actions()

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
        self._update_title()
        return True

    def run(self, what_failed: str, command) -> bool:
        """Commit typing, then run ``command``; a refusal is shown as a dialog."""
        if self.document is None or not self.commit_editor():
            return False
        try:
            return self.document.execute(command)
        except WyassemblerError as error:
            show_error(self, what_failed, error)
            return False

    def undo(self) -> None:
        if self.document is None:
            return
        if self.editor.text.hasFocus() and self.editor.text.document().isUndoAvailable():
            self.editor.text.undo()
            return
        self.commit_editor()
        self._step_history(-1)

    def redo(self) -> None:
        if self.document is None:
            return
        if self.editor.text.hasFocus() and self.editor.text.document().isRedoAvailable():
            self.editor.text.redo()
            return
        self._step_history(+1)

    def _step_history(self, direction: int) -> None:
        """Undo (-1) or redo (+1) one step of the project's history, saying what it was and showing
        the section it changed: the step may be in a section other than the one on screen."""
        stack = self.document.undo_stack
        index = stack.index() - 1 if direction < 0 else stack.index()
        command = stack.command(index) if 0 <= index < stack.count() else None
        if command is None:
            return
        label, section_id, count = command.text(), command.section_id(), stack.count()
        stack.undo() if direction < 0 else stack.redo()
        if stack.count() < count:
            return  # the step failed and left the history; the document said why
        if section_id:
            self.select_section(section_id)
        self.statusBar().showMessage(f"{'Undid' if direction < 0 else 'Redid'}: {label}", 6000)

    def _focused_text(self):
        widget = QApplication.focusWidget()
        return widget if hasattr(widget, "paste") and hasattr(widget, "copy") else None

    def _cut(self) -> None:
        widget = self._focused_text()
        if widget is not None:
            widget.cut()

    def _copy(self) -> None:
        widget = self._focused_text()
        if widget is not None:
            widget.copy()

    def _paste(self) -> None:
        widget = self._focused_text()
        if widget is not None:
            widget.paste()

    # -- enabling ------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        a = self.app_actions
        document = self.document
        saving = document is not None and document.is_saving()
        for action in a.project_actions():
            action.setEnabled(document is not None)
        for action in (a.new_project, a.open_project, a.open_sample):
            action.setEnabled(not saving)
        if document is None:
            return
        section = self.current_section()
        structure = document.may_restructure()
        for action in (a.delete_section, a.move_up, a.move_down, a.indent_section, a.outdent_section, a.ownership):
            action.setEnabled(structure and section is not None)
        a.add_section.setEnabled(structure)
        a.add_subsection.setEnabled(section is not None and document.may_restructure(section))
        a.rename_section.setEnabled(section is not None and document.may_edit(section))
        can_sign = section is not None and document.may_sign(section)
        a.sign_off.setEnabled(can_sign)
        a.request_changes.setEnabled(can_sign)
        a.endorse.setEnabled(document.may_endorse())
        a.request_changes_response.setEnabled(document.may_endorse())
        a.partners.setEnabled(True)
        a.properties.setEnabled(True)
        a.export.setEnabled(document.may_export())
        a.resolve_conflicts.setEnabled(section is not None and bool(section.conflicts))
        a.restore_backup.setEnabled(document.path is not None)
        a.undo.setEnabled(document.undo_stack.canUndo() or self.editor.is_modified())
        a.redo.setEnabled(document.undo_stack.canRedo())
        for action in a.format_actions():
            action.setEnabled(self.editor.is_editable())
        if saving:
            # One save at a time, and nothing that replaces or closes the project under it.
            for action in (a.save, a.save_as, a.reload, a.close_project, a.synchronise, a.restore_backup,
                           a.import_pack):
                action.setEnabled(False)

    def _update_format_actions(self) -> None:
        bold, italic, kind = self.editor.format_state()
        self.app_actions.bold.setChecked(bold)
        self.app_actions.italic.setChecked(italic)
        self.app_actions.bullets.setChecked(kind == "bullet")
        self.app_actions.numbers.setChecked(kind == "number")

    # -- formatting -------------------------------------------------------------------------------

    def _toggle_bullets(self) -> None:
        self.editor.toggle_list("bullet")

    def _toggle_numbers(self) -> None:
        self.editor.toggle_list("number")

    def _list_deeper(self) -> None:
        self.editor.change_list_level(1)

    def _list_shallower(self) -> None:
        self.editor.change_list_level(-1)

    def _plain_paragraph(self) -> None:
        self.editor.set_list(None)

    def _insert_table(self) -> None:
        self.editor.insert_table()

    def insert_link(self) -> None:
        if not self.editor.is_editable():
            return
        current = self.editor.text.textCursor().charFormat().anchorHref()
        href, ok = QInputDialog.getText(self, "Link", "Web or email address (https://\u2026 or mailto:\u2026):",
                                        QLineEdit.EchoMode.Normal, current or "https://")
        if not ok or not href.strip():
            return
        try:
            href = check_href(href)
        except WyassemblerError as error:
            show_error(self, "That address cannot be a link.", error)
            return
        self.editor.apply_link(href)

    # -- sections ---------------------------------------------------------------------------------

    def add_section(self) -> None:
        from ..dialogs.forms import AddSectionDialog

        current = self.current_section()
        project = self.document.project
        parent, _, index = project.location(current) if current is not None else (None, None, None)
        index = index + 1 if index is not None else None
        where = (f"The new section goes after {project.number_of(current)} \u201c{current.heading}\u201d."
                 if current is not None else "The new section goes at the end.")
        default_owner = self.document.actor.org if self.document.actor else None
        dialog = AddSectionDialog(project, default_owner, where, self)
        if dialog.exec() != AddSectionDialog.DialogCode.Accepted:
            return
        heading, owner = dialog.values()
        self._add(heading, owner, parent, index)

    def add_subsection(self) -> None:
        from ..dialogs.forms import AddSectionDialog

        parent = self.current_section()
        if parent is None:
            return
        project = self.document.project
        dialog = AddSectionDialog(project, parent.owner,
                                  f"The new section goes inside {project.number_of(parent)} \u201c{parent.heading}\u201d.",
                                  self)
        if dialog.exec() != AddSectionDialog.DialogCode.Accepted:
            return
        heading, owner = dialog.values()
        self._add(heading, owner, parent, None)

    def _add(self, heading: str, owner: str, parent: Section | None, index: int | None) -> None:
        command = commands.AddSectionCommand(self.document, heading, owner, parent, index)
        if self.run("The section was not added.", command):
            self.select_section(command.section_ref)

    def rename_section(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(0))

    def rename_section_to(self, section_id: str, heading: str) -> None:
        section = self.document.project.section(section_id)
        self.run("The section was not renamed.", commands.EditSectionCommand(self.document, section, heading=heading))

    def delete_section(self) -> None:
        section = self.current_section()
        if section is None:
            return
        project = self.document.project
        subs = len(section.children)
        extra = f" and its {subs} sub-section{'s' if subs != 1 else ''}" if subs else ""
        answer = QMessageBox.question(
            self, "Delete section?",
            f"Delete section {project.number_of(section)} \u201c{section.heading}\u201d{extra}?\n\n"
            f"Its sign-offs go with it. You can undo this until you close the project.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.run("The section was not deleted.", commands.DeleteSectionCommand(self.document, section))

    def _move(self, section: Section | None, parent: Section | None, index: int, how: str = "") -> None:
        if section is None:
            return
        command = commands.MoveSectionCommand(self.document, section, parent, index, how)
        if self.run("The section was not moved.", command):
            self.select_section(section.id)

    def move_up(self) -> None:
        section = self.current_section()
        if section is None:
            return
        parent, siblings, index = self.document.project.location(section)
        if index > 0:
            self._move(section, parent, index - 1)

    def move_down(self) -> None:
        section = self.current_section()
        if section is None:
            return
        parent, siblings, index = self.document.project.location(section)
        if index < len(siblings) - 1:
            self._move(section, parent, index + 1)

    def indent_section(self) -> None:
        self._move(self.current_section(), None, 0, commands.MoveSectionCommand.INDENT)

    def outdent_section(self) -> None:
        self._move(self.current_section(), None, 0, commands.MoveSectionCommand.OUTDENT)

    def move_section_to(self, section_id: str, parent_id: str, index: int) -> None:
        """Carry out a drag and drop from the outline."""
        project = self.document.project
        section = project.section(section_id)
        parent = project.section(parent_id) if parent_id else None
        self._move(section, parent, index)

    def change_ownership(self) -> None:
        from ..dialogs.forms import OwnershipDialog

        section = self.current_section()
        if section is None:
            return
        dialog = OwnershipDialog(self.document.project, section.owner, section.contributors, section.heading, self)
        if dialog.exec() == OwnershipDialog.DialogCode.Accepted:
            owner, contributors = dialog.values()
            self.run("The owner was not changed.",
                     commands.SetOwnershipCommand(self.document, section, owner, contributors))

    # -- sign-off -----------------------------------------------------------------------------------

    def sign_off(self) -> None:
        section = self.current_section()
        if section is not None:
            self.run("The section was not signed off.",
                     commands.SignOffCommand(self.document, section, signoff.APPROVED))

    def request_changes(self) -> None:
        from ..dialogs.forms import NoteDialog

        section = self.current_section()
        if section is None:
            return
        number = self.document.project.number_of(section)
        dialog = NoteDialog(f"section {number} \u201c{section.heading}\u201d", self)
        if dialog.exec() == NoteDialog.DialogCode.Accepted:
            self.run("The request for changes was not recorded.",
                     commands.SignOffCommand(self.document, section, signoff.CHANGES_REQUESTED, dialog.text()))

    def endorse(self) -> None:
        self.run("The response was not endorsed.", commands.EndorseCommand(self.document, signoff.APPROVED))

    def request_changes_to_response(self) -> None:
        from ..dialogs.forms import NoteDialog

        dialog = NoteDialog("the whole response", self)
        if dialog.exec() == NoteDialog.DialogCode.Accepted:
            self.run("The request for changes was not recorded.",
                     commands.EndorseCommand(self.document, signoff.CHANGES_REQUESTED, dialog.text()))

    # -- partners, properties, identity, export ------------------------------------------------------------

    def edit_properties(self) -> None:
        from ..dialogs.project import PropertiesDialog

        dialog = PropertiesDialog(self.document.project, self.document.may_restructure(), self)
        if dialog.exec() == PropertiesDialog.DialogCode.Accepted:
            changes = dialog.changes()
            if changes:
                self.run("The properties were not changed.", commands.SetPropertiesCommand(self.document, changes))

    def edit_partners(self) -> None:
        from ..dialogs.project import PartnersDialog

        dialog = PartnersDialog(self.document.project, self.document.may_restructure(), self)
        dialog.add_requested.connect(self._add_partner)
        dialog.remove_requested.connect(self._remove_partner)
        self._partners_dialog = dialog
        dialog.exec()
        self._partners_dialog = None

    def _add_partner(self, name: str, short_name: str, lead: str, email: str) -> None:
        if self.run("The partner was not added.",
                    commands.AddOrganisationCommand(self.document, name, short_name, lead, email)):
            self._partners_dialog.clear_form()
            self._partners_dialog.refresh(self.document.project)

    def _remove_partner(self, org_id: str) -> None:
        if self.run("The partner was not removed.", commands.RemoveOrganisationCommand(self.document, org_id)):
            self._partners_dialog.refresh(self.document.project)

    def change_identity(self) -> None:
        from ..dialogs.forms import IdentityDialog, keep_identity

        project = self.document.project if self.document else None
        dialog = IdentityDialog(self.identity, project, self)
        if dialog.exec() != IdentityDialog.DialogCode.Accepted:
            return
        self.identity = dialog.identity()
        keep_identity(self, self.identity)
        if self.document is not None:
            self.commit_editor()
            self.document.set_identity(self.identity)
        self._update_everything()

    def export(self) -> None:
        from ..dialogs.export import ExportDialog

        if self.document is None or not self.commit_editor():
            return
        dialog = ExportDialog(self.document.project, self.document.path, self)
        self._export_dialog = dialog
        dialog.exec()
        self._export_dialog = None
