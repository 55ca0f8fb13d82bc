"""The Comments pane: the current section's comment threads, oldest first, each reply under the comment it
answers; the chosen thread whole beside them (who wrote each comment, when, the passage it is on, and
whether it is resolved, all in words); New Comment, Reply and Resolve or Reopen above them.

Resolved threads are left out unless "Show resolved" is ticked, and then shown folded. Choosing a
comment (a click, or Enter) selects its passage in the editor when the words are still in the text.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QSplitter, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTextBrowser,
                               QToolBar, QTreeView, QVBoxLayout, QWidget)

from ...core.comments import OUTDATED, WHOLE_SECTION, Thread
from ...core.model import Project, Section
from ...core.review_records import Comment
from ..common.columns import column_width
from ..dialogs.conflicts import when
from ..menus import actions_as_context_menu
from ..models.comments import BY, COMMENT, COMMENT_ID_ROLE, PASSAGE, WHEN, CommentsModel, author_words
from ..models.outline import OPEN_COMMENTS_ROLE


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class OpenCommentsDelegate(QStyledItemDelegate):
    """The outline's heading cell with a speech bubble holding the number of the section's open comment
    threads at its right, the heading cut short before it rather than the count lost; drawn in the text's
    own colour, so it reads as well as the heading. The tooltip and accessible text say it in words ("2 open
    comments"); a cell too narrow for both shows the heading alone."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        count = index.data(OPEN_COMMENTS_ROLE) or 0
        number = str(count) if count < 100 else "99+"
        metrics = option.fontMetrics
        width = max(metrics.horizontalAdvance(number), metrics.horizontalAdvance("00")) + 12
        if not count or option.rect.width() < 4 * width:
            super().paint(painter, option, index)
            return
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        style = whole.widget.style() if whole.widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, whole, painter, whole.widget)
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect = option.rect.adjusted(0, 0, -width - 4, 0)
        super().paint(painter, narrowed, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        active = bool(option.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        colour = option.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                      else QPalette.ColorRole.Text)
        rect = option.rect
        height = min(metrics.height() + 2, rect.height() - 7)  # room for the tail inside the row
        bubble = QRectF(rect.right() - width - 3, rect.center().y() - height / 2 - 1.5, width, height)
        outline = QPainterPath()
        outline.addRoundedRect(bubble, 4, 4)
        tail = QPainterPath()  # the bubble's tail, down and to the left
        tail.moveTo(bubble.left() + 4, bubble.bottom() - 1)
        tail.lineTo(bubble.left() + 2, bubble.bottom() + 3)
        tail.lineTo(bubble.left() + 9, bubble.bottom() - 1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(outline.united(tail))
        painter.drawText(bubble, int(Qt.AlignmentFlag.AlignCenter), number)
        painter.restore()


class CommentsPanel(QWidget):
    """The summary, the actions, the threads and the chosen thread in full."""

    comment_chosen = Signal(str)  # the current comment's id ("" for none)
    passage_wanted = Signal(str)  # a comment was clicked or Enter pressed on it: its id

    def __init__(self, actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.section: Section | None = None
        self.model = CommentsModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("commentsSummary")
        self.summary.setWordWrap(True)
        toolbar = QToolBar("Comments")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (actions.new_comment, actions.reply_comment, actions.resolve_comment):
            toolbar.addAction(action)
        self.show_resolved = QCheckBox("Show &resolved")
        self.show_resolved.setToolTip("List the resolved threads too (folded; open one to read it)")
        self.tree = QTreeView()
        self.tree.setObjectName("commentsTree")
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("The section's comments: each thread's first comment, its replies under it. "
                                    "Enter selects the passage in the text.")
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        for action in (actions.reply_comment, actions.resolve_comment):
            self.tree.addAction(action)
        actions_as_context_menu(self.tree)
        self.detail = QTextBrowser()
        self.detail.setObjectName("commentDetail")
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName("The chosen thread in full")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_resolved)
        top.addWidget(toolbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._fit_columns()
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.clicked.connect(self._choose)
        self.tree.activated.connect(self._choose)
        self.show_resolved.toggled.connect(lambda shown: self.model.set_show_resolved(shown, self.section))
        self.model.modelReset.connect(self._fold_all)
        self.model.rowsInserted.connect(self._fold_inserted)
        self.model.modelReset.connect(lambda: self._on_current_changed(self.tree.currentIndex()))
        self.set_showing(False)

    def _fit_columns(self) -> None:
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COMMENT, QHeaderView.ResizeMode.Stretch)
        # The comment's own words have the room left: the passage and author are cut short (whole beside the list).
        header.resizeSection(PASSAGE, column_width(self.tree, header, ["\u201cthe words quoted\u2026\u201d"]))
        self._fit_by_column()
        header.resizeSection(WHEN, column_width(self.tree, header, ["29 Nov 2026, 10:15"]))

    def _fit_by_column(self) -> None:
        """The By column as wide as a short name beside the widest partner's label, up to a limit."""
        labels = [org.label() for org in self.project.organisations] if self.project is not None else ["Calderdale"]
        header = self.tree.header()
        widest = column_width(self.tree, header, ["A. Person (Calderdale)"])
        header.resizeSection(BY, min(widest, column_width(self.tree, header, [f"A. Person ({x})" for x in labels])))

    # -- following the project ---------------------------------------------------------------------

    def show_section(self, project: Project | None, section: Section | None) -> None:
        """Show ``section``'s comments (another section, or the same one after a change to it)."""
        if project is not self.project:
            self.project = project
            self._fit_by_column()
        self.section = section
        current = self.current_comment_id()
        resolved = self._resolved_rows()
        self.model.show(project, section)
        for root_id, now_resolved in self._resolved_rows().items():
            if resolved.get(root_id) not in (None, now_resolved):  # resolved or reopened while shown
                self._fold(root_id)
        if current and not self.tree.currentIndex().isValid():
            self.select_comment(current)
        self._show_summary()
        self._on_current_changed(self.tree.currentIndex())

    def tab_stops(self) -> list[QWidget]:
        """What Tab reaches in the pane, in order: Show resolved, the list, the thread in full."""
        return [self.show_resolved, self.tree, self.detail]

    def set_showing(self, showing: bool) -> None:
        """The dock's tab came to the front or went behind: nothing out of sight takes the focus (Tab passes by)."""
        for widget in self.tab_stops():
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus if showing else Qt.FocusPolicy.NoFocus)

    def current_comment_id(self) -> str:
        """The id of the comment chosen in the pane ("" when none is)."""
        index = self.tree.currentIndex()
        return index.data(COMMENT_ID_ROLE) or "" if index.isValid() else ""

    def current_thread(self) -> Thread | None:
        """The thread of the comment chosen in the pane (None when none is)."""
        return self.model.thread_at(self.tree.currentIndex())

    def select_comment(self, comment_id: str) -> None:
        """Make ``comment_id`` the current comment (its thread opened), if it is shown."""
        index = self.model.index_of(comment_id)
        if index.isValid():
            if index.parent().isValid():
                self.tree.expand(index.parent())
            self.tree.setCurrentIndex(index)

    def _resolved_rows(self) -> dict[str, bool]:
        """Each thread shown (by its first comment's id) and whether it is resolved."""
        threads = (self.model.thread_at(self.model.index(row, 0)) for row in range(self.model.rowCount()))
        return {thread.root.id: thread.resolved for thread in threads if thread is not None}

    def _fold(self, root_id: str) -> None:
        """An open thread unfolded, a resolved one folded."""
        index = self.model.index_of(root_id)
        thread = self.model.thread_at(index)
        self.tree.setExpanded(index, thread is not None and not thread.resolved)

    def _fold_all(self) -> None:
        for root_id in self._resolved_rows():
            self._fold(root_id)

    def _fold_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """A thread shown, or a reply added to one, folds or unfolds it as it stands (a thread is otherwise left
        as the reader left it)."""
        rows = [parent] if parent.isValid() else [self.model.index(row, 0) for row in range(first, last + 1)]
        for index in rows:
            thread = self.model.thread_at(index)
            if thread is not None:
                self._fold(thread.root.id)

    def _show_summary(self) -> None:
        section, project = self.section, self.project
        if section is None or project is None:
            self.summary.setText("Choose a section in the outline to see its comments.")
            return
        where = f"Section {project.number_of(section)} \u201c{section.heading}\u201d"
        opened, resolved = self.model.open_and_resolved(section)
        if not opened and not resolved:
            self.summary.setText(f"{where}: no comments yet. New Comment (Ctrl+Shift+M) comments on the words "
                                 f"selected in the text, or on the whole section.")
        else:
            self.summary.setText(f"{where}: {_plural(opened, 'open thread')}, {resolved} resolved")

    # -- the chosen comment -------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.show_detail()
        self.comment_chosen.emit(current.data(COMMENT_ID_ROLE) or "" if current.isValid() else "")

    def show_detail(self, note: str = "") -> None:
        """The current thread whole beside the list; ``note`` (why the thread may not be resolved) under it."""
        thread = self.current_thread()
        if thread is None or self.project is None or self.section is None:
            self.detail.setHtml("<p>Choose a comment to read its thread in full.</p>" if self.model.rowCount()
                                else "")
            return
        # Where the thread stands first (and why it may not be resolved here), then the passage and the comments.
        parts = [f"<p><b>{escape(self._state_words(thread))}</b>" + (f"<br><i>{escape(note)}</i>" if note else "")
                 + "</p>", self._passage_html(thread), self._comment_html(thread.root)]
        parts += [f"<div style='margin-left:18px'>{self._comment_html(reply)}</div>" for reply in thread.replies]
        self.detail.setHtml("".join(parts))

    def _passage_html(self, thread: Thread) -> str:
        if thread.anchor.state == WHOLE_SECTION:
            return "<p>On the whole section</p>"
        quoted = escape(thread.root.quote)
        if thread.anchor.state == OUTDATED:
            return (f"<p><b>OUTDATED:</b> the passage \u201c{quoted}\u201d is no longer in the text (it was "
                    f"changed after the comment was written)</p>")
        return f"<p>On \u201c{quoted}\u201d</p>"

    def _comment_html(self, comment: Comment) -> str:
        assert self.project is not None
        source = " \u00b7 from Word" if comment.source == "word" else ""
        text = escape(comment.text).replace("\n", "<br>")
        return (f"<p><b>{escape(author_words(self.project, comment))}</b> \u00b7 {escape(when(comment.time))}"
                f"{source}<br>{text}</p>")

    def _state_words(self, thread: Thread) -> str:
        assert self.section is not None and self.project is not None
        states = [s for s in self.section.comment_states if s.comment == thread.root.id]
        if not states:
            return "Open thread"
        latest = max(states, key=lambda s: (s.time, s.resolved))
        by = f"{latest.person} ({self.project.org_label(latest.org)}), {when(latest.time)}"
        return f"Resolved by {by}" if thread.resolved else f"Open: reopened by {by}"

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.passage_wanted.emit(index.data(COMMENT_ID_ROLE) or "")
