"""CommentsModel: one section's comment threads as a tree (each thread's first comment a row, its replies
rows under it), read from :func:`core.comments.threads`.

Columns: the comment (a resolved thread says so in words), the passage it is on (the whole section, the
quoted words, or OUTDATED in words when the words are no longer in the text), who wrote it (person and
organisation) and when. Like the other models it keeps the shape its views were told (comment ids), so a
comment added, a thread resolved out of sight or an undo is announced as rows inserted and removed, and
only showing another section resets it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from ...core.comments import OUTDATED, WHOLE_SECTION, Thread, threads
from ...core.model import Project, Section
from ...core.review_records import Comment
from ..dialogs.conflicts import when

COMMENT, PASSAGE, BY, WHEN = range(4)
COMMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
TOP = 0  # the internal id of a thread's row; a reply's is its thread's key


def short(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut with an ellipsis past ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def passage_words(thread: Thread) -> str:
    """Where a thread is: "Whole section", the quoted words, or "OUTDATED: …" (words, not colour alone)."""
    if thread.anchor.state == WHOLE_SECTION:
        return "Whole section"
    quoted = f"\u201c{short(thread.root.quote, 60)}\u201d"
    if thread.anchor.state == OUTDATED:
        return f"OUTDATED: {quoted} is no longer in the text"
    return quoted


def author_words(project: Project, comment: Comment) -> str:
    """"J. Smith (Calderdale)": the person and their organisation's label."""
    return f"{comment.person} ({project.org_label(comment.org)})"


class CommentsModel(QAbstractItemModel):
    """The threads of one section; resolved threads only when ``show_resolved``."""

    COLUMNS = ("Comment", "On", "By", "Date")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.section_id = ""
        self.show_resolved = False
        self._roots: list[str] = []  # thread ids, as the views were told
        self._replies: dict[str, list[str]] = {}
        self._threads: dict[str, Thread] = {}  # by root id
        self._comments: dict[str, tuple[Comment, str]] = {}  # each shown comment with its thread's root id
        self._keys: dict[str, int] = {}  # root id -> internal id of its replies' indexes, never reused
        self._ids: dict[int, str] = {}

    # -- keeping up with the core ----------------------------------------------------------------

    def show(self, project: Project | None, section: Section | None) -> None:
        """Show ``section``'s threads: another section resets the model, the same one follows its changes."""
        section_id = section.id if section is not None else ""
        if project is not self.project or section_id != self.section_id:
            self.beginResetModel()
            self.project, self.section_id = project, section_id
            self._adopt(self._visible(section))
            self.endResetModel()
            return
        self.refresh(section)

    def set_show_resolved(self, shown: bool, section: Section | None) -> None:
        """Show resolved threads too (``shown``) or only open ones, for ``section``."""
        self.show_resolved = shown
        self.refresh(section)

    def refresh(self, section: Section | None) -> None:
        """Follow the section's comments: threads and replies gone are removed, new ones inserted, and every
        row repainted (a thread resolved or reopened, an anchor outdated by an edit)."""
        wanted = self._visible(section)
        new_roots = [thread.root.id for thread in wanted]
        old_set, new_set = set(self._roots), set(new_roots)
        if [root for root in self._roots if root in new_set] != [root for root in new_roots if root in old_set]:
            self.beginResetModel()  # the order changed (it follows time, so it never should): start again
            self._adopt(wanted)
            self.endResetModel()
            return
        new_threads = {thread.root.id: thread for thread in wanted}
        self._threads.update(new_threads)
        self._comments.update(_comments_of(wanted))
        self._sync(QModelIndex(), self._roots, new_roots, self._start_thread)
        for root in self._roots:
            replies = [reply.id for reply in new_threads[root].replies]
            self._sync(self._index_of_root(root), self._replies[root], replies)
        self._adopt(wanted, shape_too=False)
        if self._roots:
            last = self.index(len(self._roots) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        for root in self._roots:
            if self._replies[root]:
                parent = self._index_of_root(root)
                self.dataChanged.emit(self.index(0, 0, parent),
                                      self.index(len(self._replies[root]) - 1, len(self.COLUMNS) - 1, parent))

    def _visible(self, section: Section | None) -> list[Thread]:
        if section is None:
            return []
        return [thread for thread in threads(section) if self.show_resolved or not thread.resolved]

    def _adopt(self, wanted: list[Thread], shape_too: bool = True) -> None:
        self._threads = {thread.root.id: thread for thread in wanted}
        self._comments = _comments_of(wanted)
        if shape_too:
            self._roots = list(self._threads)
            self._replies = {thread.root.id: [reply.id for reply in thread.replies] for thread in wanted}
        for root in self._roots:
            self._key(root)

    def _start_thread(self, root: str) -> None:
        self._replies.setdefault(root, [])
        self._key(root)

    def _sync(self, parent: QModelIndex, rows: list[str], wanted: list[str], on_insert=None) -> None:
        """Make ``rows`` (a list the views were told, under ``parent``) ``wanted``, announcing each removal and
        insertion; the ids kept are in the same order in both."""
        keep = set(wanted)
        for row in range(len(rows) - 1, -1, -1):
            if rows[row] not in keep:
                self.beginRemoveRows(parent, row, row)
                gone = rows.pop(row)
                if parent == QModelIndex():
                    self._replies.pop(gone, None)
                self.endRemoveRows()
        for row, item in enumerate(wanted):
            if row >= len(rows) or rows[row] != item:
                self.beginInsertRows(parent, row, row)
                rows.insert(row, item)
                if on_insert is not None:
                    on_insert(item)
                self.endInsertRows()

    def _key(self, root: str) -> int:
        if root not in self._keys:
            key = len(self._keys) + 1
            self._keys[root], self._ids[key] = key, root
        return self._keys[root]

    # -- lookups ----------------------------------------------------------------------------------

    def _index_of_root(self, root: str, column: int = 0) -> QModelIndex:
        return self.createIndex(self._roots.index(root), column, TOP)

    def comment_at(self, index: Index) -> Comment | None:
        """The comment on ``index``'s row (a thread's first comment, or a reply)."""
        comment_id = self._id_at(index)
        return self._comments[comment_id][0] if comment_id in self._comments else None

    def thread_at(self, index: Index) -> Thread | None:
        """The thread ``index``'s row belongs to."""
        comment_id = self._id_at(index)
        if comment_id not in self._comments:
            return None
        return self._threads.get(self._comments[comment_id][1])

    def index_of(self, comment_id: str) -> QModelIndex:
        """The row showing ``comment_id`` (invalid if not shown)."""
        if comment_id in self._roots:
            return self._index_of_root(comment_id)
        for root in self._roots:
            if comment_id in self._replies[root]:
                return self.createIndex(self._replies[root].index(comment_id), 0, self._keys[root])
        return QModelIndex()

    def open_and_resolved(self, section: Section | None) -> tuple[int, int]:
        """(open threads, resolved threads) of ``section``, whatever is shown."""
        every = threads(section) if section is not None else []
        resolved = sum(1 for thread in every if thread.resolved)
        return len(every) - resolved, resolved

    def _id_at(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        if index.internalId() == TOP:
            return self._roots[index.row()] if index.row() < len(self._roots) else None
        root = self._ids.get(index.internalId())
        replies = self._replies.get(root or "", [])
        return replies[index.row()] if index.row() < len(replies) else None

    # -- the model interface ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP) if 0 <= row < len(self._roots) else QModelIndex()
        if parent.internalId() != TOP or parent.column() != 0 or parent.row() >= len(self._roots):
            return QModelIndex()
        root = self._roots[parent.row()]
        if not 0 <= row < len(self._replies[root]):
            return QModelIndex()
        return self.createIndex(row, column, self._keys[root])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        root = self._ids.get(index.internalId())
        return self._index_of_root(root) if root in self._roots else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._roots)
        if parent.internalId() != TOP or parent.column() != 0 or parent.row() >= len(self._roots):
            return 0
        return len(self._replies[self._roots[parent.row()]])

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        comment, thread = self.comment_at(index), self.thread_at(index)
        if comment is None or thread is None or self.project is None:
            return None
        reply = comment.id != thread.root.id
        column = index.column()
        if role == COMMENT_ID_ROLE:
            return comment.id
        if role == ROOT_ID_ROLE:
            return thread.root.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(comment, thread, reply, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.sentence(comment, thread) if column == COMMENT else self._cell(comment, thread, reply, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.sentence(comment, thread)
        outdated = not reply and thread.anchor.state == OUTDATED
        if role == Qt.ItemDataRole.DecorationRole and column == PASSAGE and outdated:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def _cell(self, comment: Comment, thread: Thread, reply: bool, column: int) -> str:
        assert self.project is not None
        if column == COMMENT:
            first = short(comment.text, 200)
            return f"Resolved: {first}" if thread.resolved and not reply else first
        if column == PASSAGE:
            return "Reply" if reply else passage_words(thread)
        if column == BY:
            return author_words(self.project, comment)
        return when(comment.time)

    def sentence(self, comment: Comment, thread: Thread) -> str:
        """The comment said whole, as a screen reader and the tooltip give it."""
        assert self.project is not None
        reply = comment.id != thread.root.id
        what = "Reply" if reply else ("Resolved comment" if thread.resolved else "Comment")
        where = "" if reply else f", on {passage_words(thread)}"
        if not reply and thread.anchor.state == WHOLE_SECTION:
            where = ", on the whole section"
        return (f"{what} by {author_words(self.project, comment)}, {when(comment.time)}{where}: "
                f"{comment.text}")


def _comments_of(wanted: list[Thread]) -> dict[str, tuple[Comment, str]]:
    return {comment.id: (comment, thread.root.id) for thread in wanted for comment in thread.comments}

