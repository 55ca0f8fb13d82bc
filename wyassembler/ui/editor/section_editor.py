"""The section editor: a banner saying who owns the section (and whether the public copy withholds it as
confidential), its heading, a small format toolbar, and a rich-text editor that can only hold what the
content model holds.

Typing stays in the editor (with its own undo) until the window commits it as
one revision: when you move to another section, save or sign off. (Crash
recovery copies it from the editor a moment after each pause, without
committing it.) Ctrl+Z first undoes typing not yet committed, then falls
through to the app's undo of whole revisions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (QFont, QKeyEvent, QKeySequence, QTextBlock, QTextBlockFormat, QTextCharFormat,
                           QTextCursor, QTextDocument)
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QTextEdit, QToolBar, QVBoxLayout,
                               QWidget)

from ...core.confidentiality import withheld_phrase, withholding_section
from ...core.content import MAX_LIST_LEVEL, Blocks, ListItem, MemberList, Paragraph
from ...core.lists import DEFAULT_LEVEL_FORMATS
from ...core.model import Section
from ...core.signoff import change_requests_on
from .answer_count import AnswerCountBar
from .conflict_bar import ConflictBar
from .heading_edit import HeadingEdit
from .content_document import (LINE_SEPARATOR, blocks_from_html, document_for, fill_document, list_format,
                               list_kind, member_preview, read_document, span_format)
from .links import LinkTarget, keep_link_when_typing_over, link_target, set_link
from .table_editing import TableEditing, text_for_a_cell
from ..project.document import ProjectDocument

# How long after the last keystroke the editor counts as idle.
IDLE_MS = 1500


class RichTextEdit(QTextEdit):
    """A QTextEdit whose paste keeps only the content model's subset, whose Tab goes from cell to cell
    in a table and changes list levels in a list, and whose context menu has the table's actions."""

    list_level_requested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # How the project numbers list levels (Word's format names), for what is pasted and made here.
        self.level_formats: tuple[str, ...] = DEFAULT_LEVEL_FORMATS
        self.tables = TableEditing(self)
        self.table_actions: list = []  # shown in the context menu inside a table (set by the SectionEditor)

    def contextMenuEvent(self, event) -> None:
        menu = self.tables.context_menu(event.pos(), self.table_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste through the content model: headings, fonts, colours and images are left behind."""
        if source.hasHtml():
            blocks = blocks_from_html(source.html())
            if blocks and self.textCursor().currentTable() is not None:
                blocks = (Paragraph(text_for_a_cell(blocks)),)  # no table or list inside a cell
            if blocks:
                # Pasting plain words mid-paragraph must not split it, so a single paragraph goes in as spans.
                cursor = self.textCursor()
                cursor.beginEditBlock()
                if len(blocks) == 1 and not isinstance(blocks[0], ListItem) and hasattr(blocks[0], "spans"):
                    for span in blocks[0].spans:
                        cursor.insertText(span.text.replace("\n", LINE_SEPARATOR), span_format(span))
                else:
                    from PySide6.QtGui import QTextDocumentFragment

                    cursor.insertFragment(QTextDocumentFragment(document_for(blocks, None, self.level_formats)))
                cursor.setCharFormat(QTextCharFormat())
                cursor.endEditBlock()
                self.setTextCursor(cursor)
            return
        if source.hasText():
            cursor = self.textCursor()
            cursor.insertText(source.text(), self._plain_format(cursor))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text().isprintable() and event.text() and not self.isReadOnly():
            self._type_into_link()
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        if event.commitString() and not self.isReadOnly():
            self._type_into_link()
        super().inputMethodEvent(event)

    def _type_into_link(self) -> None:
        """Words typed over a selection wholly inside one link stay in the link, as in Word."""
        forwards = keep_link_when_typing_over(self.textCursor())
        if forwards is not None:
            self.setTextCursor(forwards)

    @staticmethod
    def _plain_format(cursor: QTextCursor) -> QTextCharFormat:
        fmt = QTextCharFormat()
        current = cursor.charFormat()
        fmt.setFontWeight(current.fontWeight())
        fmt.setFontItalic(current.fontItalic())
        return fmt

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            # Let Ctrl+Z reach the app's undo once the editor has nothing of its own left to undo.
            if event.matches(QKeySequence.StandardKey.Undo) and not self.document().isUndoAvailable():
                event.ignore()
                return False
            if event.matches(QKeySequence.StandardKey.Redo) and not self.document().isRedoAvailable():
                event.ignore()
                return False
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and self.tables.tab_pressed(event):
            return True
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and self.textCursor().currentList() is not None and not self.isReadOnly()):
            self.list_level_requested.emit(-1 if event.key() == Qt.Key.Key_Backtab else 1)
            return True
        return super().event(event)


class SectionEditor(QWidget):
    """Banner, heading and text of the selected section."""

    heading_committed = Signal(str, str)  # section id, new heading
    format_state_changed = Signal()

    def __init__(self, actions, parent=None) -> None:
        super().__init__(parent)
        self.section: Section | None = None
        self._members_shown: tuple[list[str], bool] = ([], False)  # the member list's names as last shown
        self._document: ProjectDocument | None = None
        self._last_typed = QTimer(self)
        self._last_typed.setSingleShot(True)
        self._last_typed.setInterval(IDLE_MS)

        self.banner = QLabel()
        self.banner.setObjectName("ownerBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Who owns this section")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict_bar = ConflictBar(actions.resolve_conflicts)

        self.heading = HeadingEdit()  # wraps a long heading over lines
        self.heading.setObjectName("sectionHeading")
        self.heading.setAccessibleName("Section heading")
        self.heading.setPlaceholderText("Section heading")
        self.number_label = QLabel()
        self.number_label.setObjectName("sectionNumber")

        self.toolbar = QToolBar("Format")
        self.toolbar.setObjectName("formatToolbar")
        for action in actions.format_actions():
            self.toolbar.addAction(action)
            if action in (actions.italic, actions.link, actions.paragraph):
                self.toolbar.addSeparator()
        self.toolbar.addAction(actions.add_table_row)

        self.text = RichTextEdit()
        self.tables = self.text.tables
        self.text.table_actions = actions.table_actions()
        self.text.addActions(self.text.table_actions)  # their keys work in the text (and only there)
        self.text.setObjectName("sectionText")
        self.text.setAccessibleName("Section text")
        self.text.setAcceptRichText(True)
        self.text.document().setDocumentMargin(18)
        self.text.setFrameShape(QFrame.Shape.NoFrame)

        heading_row = QHBoxLayout()
        heading_row.addWidget(self.number_label, 0, Qt.AlignmentFlag.AlignTop)
        heading_row.addWidget(self.heading, 1)
        paper = QFrame()
        paper.setObjectName("paper")
        paper_layout = QVBoxLayout(paper)
        paper_layout.setContentsMargins(0, 0, 0, 0)
        paper_layout.setSpacing(0)
        paper_layout.addWidget(self.toolbar)
        paper_layout.addWidget(self.text, 1)
        # Under the text: the section's questions and the answer's count against the limit, as it is typed.
        self.answer_count = AnswerCountBar(actions.answers_question, self.current_blocks)
        paper_layout.addWidget(self.answer_count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.conflict_bar)
        layout.addLayout(heading_row)
        layout.addWidget(paper, 1)
        self._connect_signals()
        self.show_section(None, None)

    def _connect_signals(self) -> None:
        self.heading.editing_finished.connect(self._on_heading_finished)
        self.text.textChanged.connect(self._last_typed.start)
        self.text.textChanged.connect(self.answer_count.text_changed)
        self.text.currentCharFormatChanged.connect(self.format_state_changed)
        self.text.cursorPositionChanged.connect(self.format_state_changed)
        self.text.list_level_requested.connect(self.change_list_level)
        self.tables.changed.connect(self.format_state_changed)

    # -- showing a section ---------------------------------------------------------------

    def show_section(self, document: ProjectDocument | None, section: Section | None) -> None:
        """Show ``section`` (or nothing), read-only unless the current identity may edit it."""
        self._document = document
        self.section = section
        if document is None or section is None:
            self.text.document().clear()
            self.heading.clear()
            self.number_label.clear()
            self.banner.setText("Select a section in the outline to read or edit it.")
            self.conflict_bar.show_for(None)
            self.answer_count.show_for(None, None)
            self._set_editable(False, "none")
            return
        project = document.project
        self.text.level_formats = project.list_formats
        names, endorsers_only = member_preview(project)
        self._members_shown = (names, endorsers_only)
        fill_document(self.text.document(), section.blocks, names, project.list_formats,
                      endorsers_only=endorsers_only)
        self.heading.setText(section.heading)
        self.update_banner()

    def refresh_generated(self) -> None:
        """Show the section again if what the editor generates for it changed since it was shown: the
        project's list numbering, or whom the member list names (the setting, or who endorses), unless
        there is typing not yet committed (the next showing picks the change up)."""
        document, section = self._document, self.section
        if document is None or section is None or self.is_modified():
            return
        project = document.project
        members_changed = (any(isinstance(block, MemberList) for block in section.blocks)
                           and member_preview(project) != self._members_shown)
        if members_changed or project.list_formats != self.text.level_formats:
            self.show_section(document, section)

    def update_banner(self) -> None:
        """Say where the section stands, who owns it and whether you may edit it; read-only if not.

        Called whenever the outline or the partners change under the section shown, so its number is set
        here too: a move, an indent or a deletion above renumbers it without showing it again.
        """
        document, section = self._document, self.section
        if document is None or section is None:
            return
        project = document.project
        self.number_label.setText(project.number_of(section))
        owner = project.org_label(section.owner)
        contributors = [project.org_label(o) for o in section.contributors]
        who = f"Owned by {owner}" + (f", with {', '.join(contributors)} contributing" if contributors else "")
        if document.may_edit(section):
            you = "You may edit this section."
            state = "editable"
        elif document.actor is None:
            you = "Read only: tell wyassembler who you are (Edit \u203a Your Identity) to edit."
            state = "readonly"
        else:
            you = (f"Read only: {project.org_label(document.actor.org)} may not edit it; "
                   f"only its owner, contributors and the coordinator may.")
            state = "readonly"
        # A request for changes is said where the text is written, with its note; so is being withheld.
        withheld = self._withheld_words()
        self.banner.setText("\n".join([f"{who}. {you}", *([withheld] if withheld else []),
                                       *(f"Changes asked for \u2014 {request}"
                                         for request in change_requests_on(project, section))]))
        self.conflict_bar.show_for(section)
        self.answer_count.show_for(project, section)
        self._set_editable(state == "editable", state)

    def _withheld_words(self) -> str:
        """Whether the public copy withholds the section shown, in the outline's words, or ""."""
        document, section = self._document, self.section
        assert document is not None and section is not None
        holder = withholding_section(document.project, section)
        if holder is None:
            return ""
        number = "" if holder is section else document.project.number_of(holder)
        return f"{withheld_phrase(section, holder, number)}. The public copy of the response withholds it."

    def _set_editable(self, editable: bool, state: str) -> None:
        self.text.setReadOnly(not editable)
        if not editable:
            # Read only is still read by keyboard: a caret to move, select and copy with.
            self.text.setTextInteractionFlags(self.text.textInteractionFlags()
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.heading.setReadOnly(not editable)
        self.toolbar.setEnabled(editable)
        self.banner.setProperty("state", state)
        for widget in (self.banner, self.text):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    # -- what was typed ---------------------------------------------------------------------

    def is_modified(self) -> bool:
        return self.section is not None and self.text.document().isModified()

    def is_idle(self) -> bool:
        return not self._last_typed.isActive()

    def current_blocks(self) -> Blocks:
        return read_document(self.text.document())

    def mark_committed(self) -> None:
        """The text is now a revision in the core; the editor's own undo history would duplicate it."""
        document = self.text.document()
        document.setModified(False)
        document.clearUndoRedoStacks()

    def is_editable(self) -> bool:
        return self.section is not None and not self.text.isReadOnly()

    def _on_heading_finished(self) -> None:
        if self.section is None or self.heading.isReadOnly():
            return
        text = self.heading.text().strip()
        if text and text != self.section.heading:
            self.heading_committed.emit(self.section.id, text)
        elif not text:
            self.heading.setText(self.section.heading)

    def show_passage(self, passage: str) -> bool:
        """Select ``passage`` (a finding's faulty text as it stands: the heading, or a span of one block's
        text), its first occurrence, and scroll it into view; False when it is in neither (changed since)."""
        if not passage or self.section is None:
            return False
        if passage == self.heading.text():
            self.heading.selectAll()
            return True
        flags = QTextDocument.FindFlag.FindCaseSensitively
        # A line break is Qt's line separator in a paragraph; a cell's lines are blocks, searched one by one.
        found = self.text.document().find(passage.replace("\n", LINE_SEPARATOR), 0, flags)
        if found.isNull() and "\n" in passage:
            found = self.text.document().find(passage.split("\n", 1)[0], 0, flags)
        if found.isNull():
            heading = self.heading.document().find(passage, 0, flags)
            if heading.isNull():
                return False
            self.heading.setTextCursor(heading)
            return True
        self.text.setTextCursor(found)
        self.text.ensureCursorVisible()
        return True

    # -- formatting -------------------------------------------------------------------------

    def format_state(self) -> tuple[bool, bool, str | None]:
        """(bold, italic, list kind or None) at the cursor, for the toolbar's checked states."""
        fmt = self.text.currentCharFormat()
        text_list = self.text.textCursor().currentList()
        kind = list_kind(text_list.format().style()) if text_list is not None else None
        return fmt.fontWeight() >= QFont.Weight.DemiBold, fmt.fontItalic(), kind

    def set_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.text.mergeCurrentCharFormat(fmt)

    def set_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.text.mergeCurrentCharFormat(fmt)

    def link_target(self) -> LinkTarget:
        """What Format › Link… edits: the link at the caret or around the selection, else the selection."""
        return link_target(self.text.textCursor())

    def set_link(self, target: LinkTarget, text: str, href: str) -> None:
        """Make ``target`` a link to ``href`` showing ``text`` (one undo step; :func:`.links.set_link`)."""
        cursor = self.text.textCursor()
        set_link(cursor, target, text, href)
        self.text.setTextCursor(cursor)

    def _selected_blocks(self) -> list[QTextBlock]:
        cursor = self.text.textCursor()
        document = self.text.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        blocks = [first]
        while blocks[-1] != last and blocks[-1].isValid():
            blocks.append(blocks[-1].next())
        return [b for b in blocks if b.isValid() and QTextCursor(b).currentTable() is None]

    def set_list(self, kind: str | None) -> None:
        """Make the selected paragraphs list items of ``kind`` ("bullet", "number"), or plain (None)."""
        cursor = self.text.textCursor()
        cursor.beginEditBlock()
        for block in self._selected_blocks():
            current = block.textList()
            level = min(max(current.format().indent(), 1), MAX_LIST_LEVEL) if current is not None else 1
            self._place_in_list(block, kind, level)
        cursor.endEditBlock()
        self.format_state_changed.emit()

    def toggle_list(self, kind: str) -> None:
        _, _, current = self.format_state()
        self.set_list(None if current == kind else kind)

    def change_list_level(self, delta: int) -> None:
        cursor = self.text.textCursor()
        cursor.beginEditBlock()
        for block in self._selected_blocks():
            current = block.textList()
            if current is None:
                continue
            level = min(max(current.format().indent() + delta, 1), MAX_LIST_LEVEL)
            self._place_in_list(block, list_kind(current.format().style()), level)
        cursor.endEditBlock()

    def _place_in_list(self, block: QTextBlock, kind: str | None, level: int) -> None:
        current = block.textList()
        if current is not None:
            current.remove(block)
        cursor = QTextCursor(block)
        plain = QTextBlockFormat()
        if kind is None:
            cursor.setBlockFormat(plain)
            return
        # Join the list this item belongs to: the nearest earlier item at its level, above any deeper ones.
        probe = block.previous()
        while probe.isValid() and probe.textList() is not None and probe.textList().format().indent() > level:
            probe = probe.previous()
        target = probe.textList() if probe.isValid() else None
        if (target is not None and target.format().indent() == level
                and list_kind(target.format().style()) == kind):
            cursor.setBlockFormat(plain)
            target.add(block)
        else:
            cursor.setBlockFormat(plain)
            cursor.createList(list_format(kind, level, self.text.level_formats))

    def insert_table(self, rows: int = 3, columns: int = 3, header: bool = True) -> None:
        """A table of ``rows`` rows (a header row among them with ``header``) and ``columns`` columns after
        the current paragraph, the cursor in its first cell (:mod:`.table_editing` does the rest)."""
        if self.is_editable():
            self.tables.insert_table(rows, columns, header)
            self.text.setFocus()
