"""What the comments' actions do, and the Comments pane's place in the window: a dock tabbed beside the
sign-off matrix and the questions, showing the section selected in the outline.

Section › New Comment… (Ctrl+Shift+M) comments on the words selected in the section's text (or heading),
or on the whole section when none are; Reply to Comment… and Resolve Thread (Reopen Thread on a resolved
thread) act on the comment chosen in the pane. Each is one undoable step by value
(:mod:`..project.comment_commands`), run through the window, so the typing is committed first, the
change marks the project unsaved, is autosaved, and a save merges it with other partners' saves.

Made by :class:`SectionOperations` (the window is at its size limit), this object builds the dock and
wires it itself: it learns of another project from the outline model's reset, of another section from
the outline's current row, and follows the document's changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from ...core.comments import ANCHORED, may_resolve
from ...core.model import Section
from ...core.review_records import MAX_QUOTE_CHARACTERS, Comment
from ..dialogs.comment import CommentDialog
from ..models.comments import author_words, short
from ..panels.comments_panel import CommentsPanel
from ..project.comment_commands import AddCommentCommand, ResolveThreadCommand
from ..project.document import ProjectDocument
from .reasons import NO_PROJECT, _nobody, say_why

if TYPE_CHECKING:
    from ..main_window import MainWindow

PARAGRAPH_SEPARATOR, LINE_SEPARATOR = "\u2029", "\u2028"  # how Qt's selectedText() gives breaks


def selected_quote(selected: str) -> str:
    """The passage a new comment is on, from the editor's selected text: its first paragraph (an anchor is
    within one paragraph, list item or table), line breaks as the core writes them, at most as long as a
    quote may be."""
    pieces = [piece.strip() for piece in selected.split(PARAGRAPH_SEPARATOR)]
    first = next((piece for piece in pieces if piece), "")
    return first.replace(LINE_SEPARATOR, "\n")[:MAX_QUOTE_CHARACTERS].strip()


class CommentOperations:
    """The Comments dock and the comments' actions for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._document: ProjectDocument | None = None
        self._wanted = True  # whether the pane shows with the next project (not if the person closed it)
        self.last_dialog: CommentDialog | None = None  # the last comment dialog shown (tests read it)
        actions = window.app_actions
        self.panel = CommentsPanel(actions)
        self.dock = QDockWidget("Comments", window)
        self.dock.setObjectName("commentsDock")
        self.dock.setWidget(self.panel)
        window.tabifyDockWidget(window.questions_dock, self.dock)
        window.signoff_dock.raise_()
        self.dock.hide()
        actions.new_comment.triggered.connect(self.new_comment)
        actions.reply_comment.triggered.connect(self.reply)
        actions.resolve_comment.triggered.connect(self.resolve_or_reopen)
        actions.show_comments.triggered.connect(self.show)
        window.outline_model.modelReset.connect(self._follow_document)
        window.tree.selectionModel().currentChanged.connect(self._follow_section)
        self.dock.visibilityChanged.connect(self.panel.set_showing)
        self.panel.comment_chosen.connect(lambda _id: self.update_actions())
        self.panel.passage_wanted.connect(self.go_to_passage)
        self.update_actions()
        # After the window has put back its layout (which may have had this dock showing): none on the start page.
        QTimer.singleShot(0, self._follow_document)

    # -- following the window ------------------------------------------------------------------------

    def _follow_document(self) -> None:
        document = self.window.document
        if document is self._document:
            self.dock.setVisible(self.dock.isVisible() and document is not None)  # none on the start page
            return
        if self._document is not None:
            self._wanted = self.dock.isVisible()  # closed by the person: not shown again with the next project
            self._document.changed.disconnect(self._on_changed)
            self._document.reloaded.disconnect(self._show_current)
        self._document = document
        if document is not None:
            document.changed.connect(self._on_changed)
            document.reloaded.connect(self._show_current)
            QTimer.singleShot(0, self._show_behind)  # once the window has shown its own docks
        else:
            self.dock.hide()
        self._show_current()

    def _show_behind(self) -> None:
        """The pane as a tab behind the sign-off matrix, with a project open (shown in front when asked for)."""
        if self.window.document is None or self.dock.isVisible() or not self._wanted:
            return
        # Showing a tabbed dock brings its tab to the front: the tab that was in front goes back there (the
        # sign-off matrix when none is laid out yet, as when a project has just opened).
        window = self.window
        showing = [dock for dock in window.findChildren(QDockWidget) if dock is not self.dock and dock.isVisible()
                   and window.dockWidgetArea(dock) == window.dockWidgetArea(self.dock)]
        front = next((dock for dock in showing if not dock.visibleRegion().isEmpty()),
                     window.signoff_dock if window.signoff_dock in showing else None)
        self.dock.show()
        if front is not None:
            front.raise_()

    def _follow_section(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _on_changed(self, _what: str, section_id: str) -> None:
        # Any change may touch the section shown: its comments, its text (an anchor outdated), its heading.
        if not section_id or self.panel.section is None or section_id == self.panel.section.id:
            self._show_current()

    def _show_current(self) -> None:
        document = self.window.document
        section = self.window.current_section() if document is not None else None
        self.panel.show_section(document.project if document is not None else None, section)
        self.update_actions()

    def show(self) -> None:
        """View › Show the Comments: the tab to the front (shown again if closed), the focus in its list."""
        if self.window.document is None:
            return
        self.dock.show()
        self.dock.raise_()
        self.panel.set_showing(True)
        self.panel.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- enabling ----------------------------------------------------------------------------------

    def update_actions(self) -> None:
        """New Comment, Reply and Resolve or Reopen enabled when they may be done now, else saying why."""
        actions = self.window.app_actions
        document, section = self.window.document, self.panel.section
        thread = self.panel.current_thread()
        resolved = thread is not None and thread.resolved
        actions.resolve_comment.setText("Reopen &Thread" if resolved else "Resolve &Thread")
        if document is None:
            for action in (actions.new_comment, actions.reply_comment, actions.resolve_comment,
                           actions.show_comments):
                say_why(action, NO_PROJECT)
            return
        say_why(actions.show_comments, None)
        nobody = None if document.actor is not None else _nobody(document)  # as the other actions say it
        no_section = "Choose a section in the outline first" if section is None else None
        say_why(actions.new_comment, nobody or no_section)
        no_comment = "Choose a comment in the Comments pane first" if thread is None else None
        say_why(actions.reply_comment, nobody or no_section or no_comment)
        say_why(actions.resolve_comment, nobody or no_section or no_comment or self._why_not_resolve(resolved))
        self.panel.show_detail(self._why_not_resolve(resolved) or "")

    def _why_not_resolve(self, resolved: bool) -> str | None:
        document, section, thread = self.window.document, self.panel.section, self.panel.current_thread()
        if document is None or document.actor is None or section is None or thread is None:
            return None
        project, org = document.project, document.actor.org
        if may_resolve(project, section, thread.root, org):
            return None
        verb = "reopen" if resolved else "resolve"
        return (f"{project.org_label(org)} may not {verb} this thread: the organisation that started it "
                f"({project.org_label(thread.root.org)}), the section's owner ({project.org_label(section.owner)}) "
                f"and contributors, or the coordinator may")

    # -- the actions ---------------------------------------------------------------------------------

    def new_comment(self) -> None:
        """A comment on the words selected in the text (or heading), else on the whole section."""
        window, document = self.window, self.window.document
        section = window.current_section()
        if document is None or section is None:
            return
        quote = self._selected_quote(section)
        about = (f"On \u201c{short(quote, 120)}\u201d in section {document.project.number_of(section)}."
                 if quote else f"On the whole of section {document.project.number_of(section)} "
                               f"\u201c{section.heading}\u201d (select words in the text first to comment on them).")
        text = self._ask("New Comment", about, "Add Comment")
        command = AddCommentCommand(document, section, text, quote)
        if text and window.run("The comment was not added.", command):
            self._show_added(command)

    def reply(self) -> None:
        """Section › Reply to Comment…: a reply to the comment chosen in the pane, asked for and added."""
        window, document, thread = self.window, self.window.document, self.panel.current_thread()
        section = self.panel.section
        comment = self.panel.model.comment_at(self.panel.tree.currentIndex())
        if document is None or section is None or thread is None or comment is None:
            return
        about = (f"Reply to {author_words(document.project, comment)}: \u201c{short(comment.text, 160)}\u201d")
        text = self._ask("Reply", about, "Reply")
        command = AddCommentCommand(document, section, text, reply_to=comment.id)
        if text and window.run("The reply was not added.", command):
            self._show_added(command)

    def resolve_or_reopen(self) -> None:
        """Section › Resolve Thread (Reopen Thread on a resolved one): the chosen thread's state turned over."""
        window, document, thread = self.window, self.window.document, self.panel.current_thread()
        section = self.panel.section
        if document is None or section is None or thread is None:
            return
        resolving = not thread.resolved
        command = ResolveThreadCommand(document, section, thread.root.id, resolving)
        if window.run(f"The thread was not {'resolved' if resolving else 'reopened'}.", command):
            self.panel.select_comment(thread.root.id)
            self.update_actions()

    def go_to_passage(self, comment_id: str) -> None:
        """A comment chosen: its passage selected in the editor (as the Accessibility view selects a problem's),
        when its words are still there."""
        thread = self.panel.model.thread_at(self.panel.model.index_of(comment_id))
        editor = self.window.editor
        if (thread is not None and thread.anchor.state == ANCHORED and editor.section is not None
                and self.panel.section is not None and editor.section.id == self.panel.section.id):
            editor.show_passage(thread.root.quote)

    # -- helpers -----------------------------------------------------------------------------------------

    def _selected_quote(self, section: Section) -> str:
        editor = self.window.editor
        if editor.section is None or editor.section.id != section.id:
            return ""
        heading = editor.heading.textCursor()
        if editor.heading.hasFocus() and heading.hasSelection():
            return selected_quote(heading.selectedText())
        return selected_quote(editor.text.textCursor().selectedText())

    def _ask(self, title: str, about: str, ok_text: str) -> str:
        self.last_dialog = CommentDialog(title, about, ok_text, self.window)
        if self.last_dialog.exec() != CommentDialog.DialogCode.Accepted:
            return ""
        return self.last_dialog.text()

    def _show_added(self, command: AddCommentCommand) -> None:
        """The comment just added made current in the pane, whose tab comes to the front; the focus stays
        where it was (the writer goes on in the text)."""
        self.dock.show()
        self.dock.raise_()
        self.panel.set_showing(True)
        if isinstance(command.record, Comment):
            self.panel.select_comment(command.record.id)
        self.update_actions()
