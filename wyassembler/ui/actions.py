"""Every QAction of the app, created here and nowhere else.

Standard keys come from QKeySequence so each platform gets its own (Ctrl+S
here, Cmd+S on a Mac). The window decides where actions appear and what they
do; this module says what they are called, their keys and their icons, and when each is enabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from ..core import signoff
from .common.icons import app_icon, glyph_icon, state_icon
from .common.lock_icon import confidential_icon
from .operations.git_work_tree import name_synchronise
from .operations.reasons import apply_rules, explain_the_rest, say_why

if TYPE_CHECKING:
    from ..core.model import Section
    from .editor.section_editor import SectionEditor
    from .project.document import ProjectDocument

RECENT_FILES_SHOWN = 8
StandardKey = QKeySequence.StandardKey


class Actions(QObject):
    """The app's actions as attributes; ``recent`` is a fixed pool the File menu fills in."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        style = window.style()

        def make(text: str, tip: str = "", keys=None, icon=None, checkable: bool = False) -> QAction:
            action = QAction(text, window)
            if keys is not None:
                if isinstance(keys, StandardKey):
                    action.setShortcuts(keys)
                else:
                    action.setShortcut(QKeySequence(keys))
            if icon is not None:
                action.setIcon(style.standardIcon(icon) if isinstance(icon, QStyle.StandardPixmap) else icon)
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(f"{text.replace('&', '').rstrip('.…')}: {tip}" if not tip.startswith(text) else tip)
            action.setCheckable(checkable)
            return action

        sp = QStyle.StandardPixmap
        # -- File
        self.new_project = make("&New Response\u2026", "Start a new joint response", StandardKey.New, sp.SP_FileIcon)
        self.open_project = make("&Open\u2026", "Open a project file", StandardKey.Open, sp.SP_DialogOpenButton)
        self.open_sample = make("Open the Sa&mple", "Open the 2005 West Yorkshire response to look around",
                                None, app_icon())
        self.save = make("&Save", "Save the project", StandardKey.Save, sp.SP_DialogSaveButton)
        self.save_as = make("Save &As\u2026", "Save the project under another name", StandardKey.SaveAs)
        self.reload = make("Reload from &Disk", "Read the project again as it is saved now", "Ctrl+Shift+R")
        self.export = make("&Export\u2026", "Export the response as a Word document or an accessible PDF", "Ctrl+E",
                           glyph_icon("export"))
        self.export_answers = make("Export Answers for Online &Form\u2026", "The answers to the consultation's "
                                   "questions as a .txt file per question to paste into an online form, or as "
                                   ".json or .csv, with each answer's count against its limit")
        self.import_word = make("&Import Word Document\u2026", "Start a new response from a Word document")
        self.import_questions = make("Import Consul&tation Questions\u2026", "Read the consultation's numbered "
                                     "questions, their limits and options from a .docx, Markdown or text file")
        self.synchronise = make("S&ynchronise with\u2026", "Merge another copy of this project into it "
                                "(an offline copy, or one a sync client left)")
        self.restore_backup = make("Restore a Pre&vious Version\u2026", "Put back a version kept when the project "
                                   "was saved before")
        self.close_project = make("&Close Project", "Close this project and go back to the start page",
                                  StandardKey.Close)
        self.quit = make("&Quit", "Quit wyassembler", StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.recent = [make(f"recent {i}") for i in range(RECENT_FILES_SHOWN)]
        for action in self.recent:
            action.setVisible(False)
        self.clear_recent = make("&Clear the List", "Forget the recently opened projects")

        # -- Edit
        self.undo = make("&Undo", "Undo the last change", StandardKey.Undo, glyph_icon("undo"))
        self.redo = make("&Redo", "Redo the change you undid", StandardKey.Redo, glyph_icon("redo"))
        self.cut = make("Cu&t", "Cut the selected text", StandardKey.Cut)
        self.copy = make("&Copy", "Copy the selected text", StandardKey.Copy)
        self.paste = make("&Paste", "Paste, keeping only what a section can hold", StandardKey.Paste)
        self.identity = make("Your &Identity\u2026", "Say who you are: name, organisation and role")
        self.identity.setMenuRole(QAction.MenuRole.PreferencesRole)

        # -- Format (the section editor)
        self.bold = make("&Bold", "Make the selected text bold", StandardKey.Bold, glyph_icon("bold"), True)
        self.italic = make("&Italic", "Make the selected text italic", StandardKey.Italic, glyph_icon("italic"), True)
        self.link = make("&Link\u2026", "Link the selected text to a web or email address", "Ctrl+K",
                         glyph_icon("link"))
        self.bullets = make("Bull&eted List", "Make the paragraph a bulleted list item", "Ctrl+Shift+8",
                            glyph_icon("bullets"), True)
        self.numbers = make("&Numbered List", "Make the paragraph a numbered list item", "Ctrl+Shift+7",
                            glyph_icon("numbers"), True)
        self.list_deeper = make("List Level &Down", "Move the list item one level deeper (Tab)", "Ctrl+]",
                                glyph_icon("indent"))
        self.list_shallower = make("List Level &Up", "Move the list item one level up (Shift+Tab)", "Ctrl+[",
                                   glyph_icon("outdent"))
        self.paragraph = make("&Plain Paragraph", "Turn list items back into plain paragraphs", "Ctrl+Shift+0",
                              glyph_icon("paragraph"))
        self.insert_table = make("Insert &Table\u2026", "Insert a table: choose its rows, columns and header row",
                                 None, glyph_icon("table"))
        # -- Format > Table (and the editor's context menu in a table); Tab in a table moves between cells
        self.add_row_above = make("Insert Row &Above", "Insert a row above the cursor's row")
        self.add_table_row = make("Insert Row &Below", "Insert a row below the cursor's row (Tab in the last "
                                  "cell adds one too)", None, glyph_icon("row"))
        self.delete_row = make("&Delete Row", "Delete the cursor's row (the only row deletes the table)")
        self.add_column_left = make("Insert Column &Left", "Insert a column left of the cursor's column")
        self.add_column_right = make("Insert Column &Right", "Insert a column right of the cursor's column")
        self.delete_column = make("Delete &Column", "Delete the cursor's column (the only column deletes the table)")
        self.move_row_up = make("Move Row &Up", "Move the cursor's row above the row before it", "Alt+Shift+Up")
        self.move_row_down = make("Move Row Do&wn", "Move the cursor's row below the row after it", "Alt+Shift+Down")
        self.header_row = make("&Header Row", "The table's first row is its header row (shaded here, "
                               "repeated on each page in Word)", None, None, True)
        for action in self.table_actions():
            # Their keys act on the table only from the section text (which holds the actions), not elsewhere.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        # -- Section (the outline)
        self.add_section = make("&Add Section\u2026", "Add a section after the selected one", "Ctrl+Shift+N",
                                sp.SP_FileDialogNewFolder)
        # No Ctrl+Alt keys: AltGr is Ctrl+Alt on Windows, and AltGr+N or AltGr+A types a letter in Polish.
        self.add_subsection = make("Add Su&b-section\u2026", "Add a section inside the selected one",
                                   "Ctrl+Shift+I")
        self.rename_section = make("&Rename Section", "Rename the selected section", "F2")
        self.delete_section = make("&Delete Section\u2026", "Delete the selected section and its sub-sections",
                                   StandardKey.Delete, sp.SP_TrashIcon)
        # Delete only means "delete the section" inside the outline; in the editor it deletes text.
        self.delete_section.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.rename_section.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.move_up = make("Move &Up", "Move the section before the one above it", "Ctrl+Shift+Up", sp.SP_ArrowUp)
        self.move_down = make("Move Do&wn", "Move the section after the one below it", "Ctrl+Shift+Down",
                              sp.SP_ArrowDown)
        self.indent_section = make("&Indent", "Make the section a sub-section of the one above it",
                                   "Alt+Shift+Right", sp.SP_ArrowRight)
        self.outdent_section = make("&Outdent", "Move the section up one level", "Alt+Shift+Left", sp.SP_ArrowLeft)
        self.ownership = make("Owner and Co&ntributors\u2026", "Choose which organisations own and write the section")
        self.answers_question = make("Answers &Question\u2026", "Choose the consultation question(s) the section "
                                     "answers", "Ctrl+Shift+Q")
        self.question_settings = make("Question &Settings\u2026", "The selected question's limit, no-comment "
                                      "mark and chosen option")
        self.chosen_question = ""  # the id of the question selected in the Questions panel ("" if none)
        self.mark_confidential = make("Mark Con&fidential\u2026", "Keep the selected section (and its "
                                      "sub-sections) out of the public copy, saying why", None, confidential_icon())
        self.mark_public = make("Mark &Public", "Let the public copy include the selected section again")

        # -- Comments (Section menu, the Comments pane). Not Word's Ctrl+Alt+M: AltGr is Ctrl+Alt on Windows,
        # and AltGr+M types µ on a German keyboard.
        self.new_comment = make("New Co&mment\u2026", "Comment on the words selected in the text, or on the whole "
                                "section when none are", "Ctrl+Shift+M")
        self.reply_comment = make("Repl&y to Comment\u2026", "Answer the comment chosen in the Comments pane")
        self.resolve_comment = make("Resolve &Thread", "Mark the chosen comment's thread resolved (Reopen Thread "
                                    "opens a resolved one again)")
        self.resolve_conflicts = make("Resol&ve Conflict Copies\u2026", "Compare the conflict copies kept beside this "
                                      "section's current text, and choose or merge them")
        self.show_changes = make("Show C&hanges Since Approval\u2026", "What changed in the selected section "
                                 "since an organisation approved it")
        self.review_proposals = make("Review Proposed Chan&ges\u2026", "Accept or reject, whole or one by one, "
                                     "the changes partners proposed with tracked changes in Word")
        # -- Sign-off
        self.sign_off = make("&Sign Off Section", "Approve the selected section's current text for your organisation",
                             "Ctrl+Shift+A", state_icon(signoff.APPROVED))
        self.request_changes = make("Request &Changes\u2026", "Ask for changes to the selected section, with a note",
                                    None, state_icon(signoff.CHANGES_REQUESTED))
        self.endorse = make("&Endorse Response", "Endorse the whole response as it stands for your organisation",
                            None, state_icon(signoff.ENDORSED))
        self.request_changes_response = make("Request Changes to &Response\u2026",
                                             "Withhold your endorsement and say what should change", None,
                                             state_icon(signoff.STALE))
        self.endorse_choice = make("Endorse with Reservations or &Decline\u2026",
                                   "Endorse the whole response with reservations on it or on sections, or "
                                   "decline to endorse it", None, state_icon(signoff.ENDORSED_WITH_RESERVATIONS))
        self.record_authority = make("Record &Authority\u2026", "Say how your organisation approved the response: "
                                     "the kind of decision, its reference and date")

        # -- Project
        self.properties = make("&Properties\u2026", "Title, subtitle, deadline, coordinator and endorsers")
        self.partners = make("P&artners\u2026", "The partner organisations of this response")

        # -- Partner (sections written in Word, offline)
        self.export_pack = make("&Export My Sections for Word\u2026",
                                "Your organisation's sections as a Word document, to edit offline")
        self.import_pack = make("&Import My Edited Sections\u2026",
                                "Bring the sections you edited in Word back into the project")
        self.my_key = make("&My Key\u2026", "Your personal signing key: make one, or see its fingerprint")
        self.keys = make("&Keys\u2026", "Each organisation's keys: register yours, confirm or revoke one")

        # -- View (with the docks' own show/hide actions); Ctrl+Tab leaves the section text (focus.py)
        self.next_pane = make("&Next Pane", "Move to the next pane: outline, section text, sign-off", "F6")
        self.previous_pane = make("&Previous Pane", "Move to the previous pane", "Shift+F6")
        self.show_questions = make("Show the Q&uestions", "Bring the consultation's questions to the front, "
                                   "beside the sign-off matrix")
        self.show_comments = make("Show the &Comments", "Bring the selected section's comments to the front, "
                                  "beside the sign-off matrix")
        self.show_accessibility = make("Accessibility Chec&k", "List what stops or mars a final export (sign-off, "
                                       "the text's accessibility, the template's), each with the section to fix",
                                       "Ctrl+Shift+K")

        # -- Help
        self.about = make("&About wyassembler", "Version and licence")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.show_log = make("Show the &Log Folder", "Open the folder holding wyassembler's log file")

    def project_actions(self) -> list[QAction]:
        """Actions that need an open project."""
        return [self.save, self.save_as, self.reload, self.export, self.export_pack, self.import_pack,
                self.close_project, self.undo, self.redo, self.synchronise, self.restore_backup,
                self.resolve_conflicts, self.show_changes, self.review_proposals,
                self.bold, self.italic, self.link, self.bullets, self.numbers, self.list_deeper,
                self.list_shallower, self.paragraph, self.insert_table, *self.table_actions(), self.add_section,
                self.add_subsection, self.rename_section, self.delete_section, self.move_up, self.move_down,
                self.indent_section, self.outdent_section, self.ownership, self.sign_off, self.request_changes,
                self.endorse, self.request_changes_response, self.endorse_choice, self.record_authority,
                self.properties, self.partners, self.keys,
                self.import_questions, self.export_answers, self.answers_question, self.question_settings,
                self.show_questions, self.show_accessibility, self.mark_confidential, self.mark_public]

    def show_undo_text(self, text: str) -> None:
        """Undo names the step it undoes ("Undo Add Section")."""
        self.undo.setText(f"&Undo {text}" if text else "&Undo")

    def show_redo_text(self, text: str) -> None:
        self.redo.setText(f"&Redo {text}" if text else "&Redo")

    def format_actions(self) -> list[QAction]:
        return [self.bold, self.italic, self.link, self.bullets, self.numbers, self.list_shallower,
                self.list_deeper, self.paragraph, self.insert_table]

    def table_actions(self) -> list[QAction]:
        """What can be done to the table the editor's cursor is in (Format > Table, the context menu)."""
        return [self.add_row_above, self.add_table_row, self.delete_row, self.add_column_left,
                self.add_column_right, self.delete_column, self.move_row_up, self.move_row_down, self.header_row]

    def update_enabled(self, document: ProjectDocument | None, section: Section | None,
                       editor: SectionEditor) -> None:
        """Enable what the person may do now, with ``document`` open and ``section`` selected."""
        saving = document is not None and document.is_saving()
        for action in self.project_actions():
            action.setEnabled(document is not None)
        for action in (self.new_project, self.open_project, self.open_sample):
            action.setEnabled(not saving)
        if document is None:
            name_synchronise(self.synchronise, False)
            explain_the_rest(self, None, None, editor)
            return
        self.show_table_state(editor)
        # The core's rules decide the outline, sign-off and export actions, and say why not (the tooltip).
        apply_rules(self, document, section)
        self.partners.setEnabled(True)
        self.keys.setEnabled(True)
        self.properties.setEnabled(True)
        self.undo.setEnabled(document.undo_stack.canUndo() or editor.is_modified())
        self.redo.setEnabled(document.undo_stack.canRedo())
        name_synchronise(self.synchronise, document.work_tree is not None)
        for action in self.format_actions():
            action.setEnabled(editor.is_editable())
        if saving:
            # One save at a time, and nothing that replaces or closes the project under it.
            for action in (self.save, self.save_as, self.reload, self.close_project, self.synchronise,
                           self.restore_backup, self.import_pack):
                action.setEnabled(False)
        explain_the_rest(self, document, section, editor)

    def show_format(self, editor: SectionEditor) -> None:
        """Check the format actions that apply where the editor's cursor is."""
        bold, italic, kind = editor.format_state()
        self.bold.setChecked(bold)
        self.italic.setChecked(italic)
        self.bullets.setChecked(kind == "bullet")
        self.numbers.setChecked(kind == "number")
        self.show_table_state(editor)

    def show_table_state(self, editor: SectionEditor) -> None:
        """Enable the table actions only with the cursor in a table of a section you may edit; a
        disabled one says why in its tooltip and status tip."""
        in_table = editor.tables.current_table() is not None
        why: str | None = None
        if not editor.is_editable():
            why = "This section is read only" if editor.section is not None else "No section is shown"
        elif not in_table:
            why = "Put the cursor in a table first"
        for action in self.table_actions():
            say_why(action, why)
        self.header_row.setChecked(in_table and editor.tables.has_header_row())
