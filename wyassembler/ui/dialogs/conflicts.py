"""Conflict copies in the app: the dialog that shows the current text and every copy side by side,
and the editor for a merged text (the bar above a section that has copies is :mod:`.conflict_bar`).

The dialogs only gather the user's choice; :mod:`.sync_operations` turns it into one command.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from ...core.content import Blocks
from ...core.diff import ADDED, REMOVED, SAME, diff_section
from ...core.model import Project, Revision, Section
from ..common.diff_view import colours_for, mark_side, side_html
from ..common.screen import resize_within_screen
from ..editor.conflict_bar import plural
from ..editor.content_document import document_for, fill_document, member_preview, read_document
from ..editor.heading_edit import HeadingEdit
from ..editor.section_editor import RichTextEdit

KEEP, TAKE, MERGE = "keep", "take", "merge"


def when(time: datetime, seconds: bool = False) -> str:
    """A time in the user's own time zone: "5 Jan 2026, 10:15" (or "10:15:07")."""
    local = time.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}" + (f":{local:%S}" if seconds else "")


def who(project: Project, revision: Revision) -> str:
    return f"{revision.person} ({project.org_label(revision.org)}), {when(revision.time)}"


def _text_view(project: Project, blocks: Blocks | None, name: str) -> QTextBrowser:
    view = QTextBrowser()
    view.setOpenLinks(False)
    view.setAccessibleName(name)
    if blocks is None:
        view.setPlainText("(The text of this version is not kept.)")
    else:
        names, endorsers_only = member_preview(project)
        fill_document(view.document(), blocks, names, project.list_formats, endorsers_only=endorsers_only)
    view.document().setDocumentMargin(10)
    return view


def mark_versions(views: list[QTextBrowser], headings: Sequence[QLabel], versions: list[Revision]) -> None:
    """Mark, in each version's view after the first (the current text), the words the current text lacks
    (underlined), and in the current text's view the words some version lacks (struck through): never colour
    alone; the views' accessible descriptions say so. A heading label given is marked the same way."""
    current, colours = versions[0], colours_for(views[0].palette())
    for number, version in enumerate(versions[1:], start=1):
        if current.blocks is None or version.blocks is None:
            continue
        diff = diff_section(current.heading, current.blocks, version.heading, version.blocks)
        mark_side(views[0].document(), diff.blocks, REMOVED, colours)
        mark_side(views[number].document(), diff.blocks, ADDED, colours)
        for index, side in ((0, REMOVED), (number, ADDED)):
            label = headings[index] if index < len(headings) else None
            if diff.heading.kind != SAME and label is not None:
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setText(f"Heading: {side_html(diff.heading, side, colours)}")
        changed = sum(1 for block in diff.blocks if block.kind != SAME)
        views[number].setAccessibleDescription(
            f"{changed} block{'s' if changed != 1 else ''} differ from the current version; words the current "
            f"version does not have are underlined")
    views[0].setAccessibleDescription("Words a conflict copy does not have are struck through")


class ConflictsDialog(QDialog):
    """The current text and each conflict copy side by side; the choice is in :attr:`choice`."""

    def __init__(self, project: Project, section: Section, may_resolve: bool, reason: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Resolve Conflict Copies")
        self.choice: tuple[str, int] | None = None
        number = project.number_of(section)
        copies = section.conflicts
        kept = ("another version of it was kept as a conflict copy" if len(copies) == 1 else
                f"{len(copies)} other versions of it were kept as conflict copies")
        # True of every cause: copies saved at once, a returned pack or a proposal accepted late, a restore.
        intro = QLabel(f"<b>{number} \u201c{section.heading}\u201d</b>: {kept}, made on a text that is no "
                       f"longer the current one. Nothing was lost: the current version and "
                       f"{plural(len(copies), 'conflict copy', 'conflict copies')} are shown side by side. "
                       f"Choose one, or write a text that combines them. Every copy is resolved at once, "
                       f"and you can undo it.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.legend = QLabel("Differences are marked: in the current version, words a copy does not have are "
                             "struck through; in a copy, words the current version does not have are underlined.")
        self.legend.setWordWrap(True)
        self.legend.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.legend)
        if not may_resolve:
            refused = QLabel(reason or "You may read the versions, but not resolve them.")
            refused.setWordWrap(True)
            refused.setObjectName("refusedReason")
            layout.addWidget(refused)

        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setChildrenCollapsible(False)
        self.views: list[QTextBrowser] = []  # the current version's text, then each copy's
        self.heading_labels: list[QLabel] = []
        current = section.current
        self.keep_button = QPushButton("&Keep Current")
        self.keep_button.setToolTip("Keep the current text and close every conflict copy")
        self.keep_button.clicked.connect(lambda: self._choose(KEEP))
        self.columns.addWidget(self._column(project, "Current version", current, self.keep_button))
        self.take_buttons: list[QPushButton] = []
        for index, copy in enumerate(copies, start=1):
            # Alt+1, Alt+2…: one letter for every copy's button would be Alt+T pressed in turn.
            button = QPushButton("&Take This Copy" if len(copies) == 1 else
                                 f"Take Copy &{index}" if index < 10 else f"Take Copy {index}")
            button.setToolTip(f"Make conflict copy {index} the current text (a new revision by you)")
            button.clicked.connect(lambda _=False, n=index: self._choose(TAKE, n))
            self.take_buttons.append(button)
            self.columns.addWidget(self._column(project, f"Conflict copy {index}", copy.revision, button))
        layout.addWidget(self.columns, 1)
        mark_versions(self.views, self.heading_labels, [current, *(copy.revision for copy in copies)])

        self.merge_button = QPushButton("&Edit a Merged Text\u2026")
        self.merge_button.setToolTip("Write one text from the versions, starting from the current one")
        self.merge_button.clicked.connect(lambda: self._choose(MERGE))
        bottom = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        bottom.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        bottom.rejected.connect(self.reject)
        layout.addWidget(bottom)
        for button in (self.keep_button, self.merge_button, *self.take_buttons):
            button.setAutoDefault(False)  # Enter closes; resolving takes its own button (Keep was Enter's)
            button.setEnabled(may_resolve)
            if not may_resolve:
                button.setToolTip(reason or "You may read the versions, but not resolve them.")
        resize_within_screen(self, min(1300, 420 * (len(copies) + 1) + 40), 620)

    def _column(self, project: Project, title: str, revision: Revision, button: QPushButton) -> QWidget:
        box = QFrame()
        box.setObjectName("versionColumn")
        column = QVBoxLayout(box)
        column.setContentsMargins(4, 0, 4, 0)
        heading = QLabel(f"<b>{title}</b>")
        by = QLabel(who(project, revision))
        by.setObjectName("hint")
        by.setWordWrap(True)
        title_label = QLabel(f"Heading: {revision.heading}")
        title_label.setWordWrap(True)
        title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.heading_labels.append(title_label)
        view = _text_view(project, revision.blocks, f"{title}, by {revision.person}")
        self.views.append(view)
        column.addWidget(heading)
        column.addWidget(by)
        column.addWidget(title_label)
        column.addWidget(view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        column.addLayout(row)
        return box

    def _choose(self, what: str, number: int = 0) -> None:
        self.choice = (what, number)
        self.accept()


class MergedTextDialog(QDialog):
    """An editor for a text that combines the versions, with the versions beside it to read."""

    def __init__(self, project: Project, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit a Merged Text")
        self.section = section
        intro = QLabel("Write the text this section should have, taking what is right from each version. "
                       "It becomes a new revision by you and resolves every conflict copy.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        versions = QTabWidget()
        versions.setAccessibleName("The versions, to read")
        revisions = [section.current, *(c.revision for c in section.conflicts)]
        self.version_views: list[QTextBrowser] = []
        for index, revision in enumerate(revisions):
            name = f"Copy {index}" if index else "Current"
            view = _text_view(project, revision.blocks, name)
            self.version_views.append(view)
            versions.addTab(view, f"{name} \u00b7 {revision.person}")
            versions.setTabToolTip(index, who(project, revision))
        mark_versions(self.version_views, [], revisions)  # the heading is not shown beside these
        self.heading = HeadingEdit()  # a long heading wraps, as in the section editor
        self.heading.setText(section.heading)
        self.heading.setAccessibleName("Heading of the merged text")
        self.text = RichTextEdit()
        self.text.setAccessibleName("The merged text")
        self.text.setAcceptRichText(True)
        self.text.level_formats = project.list_formats
        names, endorsers_only = member_preview(project)
        self.text.setDocument(document_for(section.current.blocks or (), names, project.list_formats,
                                           endorsers_only=endorsers_only))
        self.text.document().setParent(self.text)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(QLabel("<b>Merged text</b> (starts as the current version)"))
        editor_layout.addWidget(self.heading)
        editor_layout.addWidget(self.text, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(QLabel("<b>The versions</b> (to read and copy from; words the others lack are "
                                        "struck through in the current one, underlined in a copy)"))
        reading_layout.addWidget(versions, 1)
        split.addWidget(reading)
        split.addWidget(editor)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save Merged Text")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 1100, 620)

    def values(self) -> tuple[str | None, Blocks]:
        heading = self.heading.text().strip()
        return (heading if heading and heading != self.section.heading else None), read_document(self.text.document())
