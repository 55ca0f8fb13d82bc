"""A section's changes shown read-only (:class:`DiffView`), as a reviewer asked to approve again needs them.

Added words are coloured AND underlined, removed words coloured AND struck through: never colour alone,
and the colours keep a contrast of at least 4.5:1 with the background in a light or a dark palette. A
screen reader gets text, not formatting, so the same changes are also said in words in a list beside the
text ("paragraph 2: removed “x”, added “y”"), one focusable row each; F8 and Shift+F8 (or the Next and
Previous Change buttons) go from change to change. Long stretches of unchanged blocks are folded into a
line ("4 unchanged paragraphs") unless Show unchanged text is ticked; unchanged text shown is dimmed.

:func:`mark_side` marks one version's own words in a rendered document (the conflict dialog's columns).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextBlock, QTextCharFormat, QTextCursor, \
    QTextDocument
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from ...core.diff import ADDED, CHANGED, REMOVED, SAME, BlockDiff, SectionDiff

QUOTE_LIMIT = 120  # characters of a change quoted in the list of changes
MINIMUM_CONTRAST = 4.5


@dataclass(frozen=True)
class DiffColours:
    """The colours of added, removed and unchanged (dimmed) text on one background."""

    added: QColor
    removed: QColor
    dimmed: QColor


# Chosen for at least 4.5:1 against white and near-white (light) or #121212 to #3c3c3c (dark) backgrounds;
# colours_for checks the real background and falls back to the text colour itself if one falls short.
LIGHT = DiffColours(QColor("#0b6b1f"), QColor("#b3261e"), QColor("#5a5a5a"))
DARK = DiffColours(QColor("#7ee08f"), QColor("#ff9e96"), QColor("#b4b4b4"))


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours_for(palette: QPalette) -> DiffColours:
    """The diff's colours for a palette's text background: the light or the dark set, any colour that
    would fall under 4.5:1 on this background replaced by the palette's own text colour."""
    background, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    chosen = DARK if background.lightnessF() < 0.5 else LIGHT
    fixed = [c if contrast(c, background) >= MINIMUM_CONTRAST else text
             for c in (chosen.added, chosen.removed, chosen.dimmed)]
    return DiffColours(*fixed)


def change_format(kind: str, colours: DiffColours) -> QTextCharFormat:
    """Added: coloured and underlined; removed: coloured and struck through; unchanged: dimmed."""
    fmt = QTextCharFormat()
    if kind == ADDED:
        fmt.setForeground(colours.added)
        fmt.setFontUnderline(True)
    elif kind == REMOVED:
        fmt.setForeground(colours.removed)
        fmt.setFontStrikeOut(True)
    else:
        fmt.setForeground(colours.dimmed)
    return fmt


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line in curly quotes, cut short with an ellipsis past ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"


def marked_html(text: str, kind: str, colours: DiffColours) -> str:
    """``text`` as HTML marked as :func:`change_format` marks it: ADDED coloured and underlined, REMOVED
    coloured and struck through (text escaped)."""
    style = (f"color:{colours.removed.name()}; text-decoration:line-through" if kind == REMOVED else
             f"color:{colours.added.name()}; text-decoration:underline")
    return f"<span style='{style}'>{html.escape(text)}</span>"


def describe(block: BlockDiff) -> str:
    """A change said in words: "paragraph 2: removed “x”, added “y”", "list item 3 added: “…”"."""
    if block.kind == ADDED:
        return f"{block.label} added: {quoted(block.text)}"
    if block.kind == REMOVED:
        return f"{block.label} removed: {quoted(block.text)}"
    parts = []
    for run in block.runs:
        if run.kind == REMOVED:
            parts.append(f"removed {quoted(run.text)}" if run.text.strip() else "removed a space")
        elif run.kind == ADDED:
            parts.append(f"added {quoted(run.text)}" if run.text.strip() else "added a space")
    parts += list(block.notes)  # a link's address or emphasis changed: what the words alone do not show
    return f"{block.label}: {', '.join(parts)}"


def summary(diff: SectionDiff) -> str:
    """"3 changes: the heading, 2 paragraphs changed, 1 list item added" (or "No changes.")."""
    changed = [b for b in (diff.heading, *diff.blocks) if b.kind != SAME]
    if not changed:
        return "No changes."
    counts = [(kind, sum(1 for b in changed if b.kind == kind)) for kind in (CHANGED, ADDED, REMOVED)]
    words = [f"{count} {kind}" for kind, count in counts if count]
    words[0] = words[0].replace(" ", " block " if counts and words[0].startswith("1 ") else " blocks ", 1)
    return f"{len(changed)} change{'s' if len(changed) != 1 else ''}: {', '.join(words)}."


def _folded(count: int) -> str:
    return f"\u2026 {count} unchanged block{'s' if count != 1 else ''} \u2026"


class DiffView(QWidget):
    """The changes of one :class:`SectionDiff`: the text with changes marked, and the list of changes in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diff: SectionDiff | None = None
        self._anchors: list[tuple[int, int]] = []  # each change's (start, end) in the text shown
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setObjectName("hint")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("The section with the changes marked")
        self.text.setAccessibleDescription("Added text is underlined and removed text struck through; the list "
                                           "of changes says each one in words")
        self.text.document().setDocumentMargin(10)
        self.changes = QListWidget()
        self.changes.setAccessibleName("Changes")
        self.changes.setWordWrap(True)
        self.changes.setAlternatingRowColors(True)
        self.previous_button = QPushButton("&Previous Change")
        self.previous_button.setToolTip("The change before the one chosen (Shift+F8)")
        self.next_button = QPushButton("&Next Change")
        self.next_button.setToolTip("The change after the one chosen (F8)")
        self.show_unchanged = QCheckBox("Show &unchanged text")
        self.show_unchanged.setToolTip("Show every unchanged paragraph, not only those next to a change")
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
        self._build_layout()
        self.previous_button.clicked.connect(self.previous_change)
        self.next_button.clicked.connect(self.next_change)
        self.changes.currentRowChanged.connect(self._show_change)
        self.show_unchanged.toggled.connect(lambda _on: self._render())
        for keys, step in (("F8", self.next_change), ("Shift+F8", self.previous_change)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(step)

    def _build_layout(self) -> None:
        self.changes_box = changes_box = QWidget()
        changes_layout = QVBoxLayout(changes_box)
        changes_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("&Changes")
        title.setBuddy(self.changes)
        title.setObjectName("panelTitle")
        changes_layout.addWidget(title)
        changes_layout.addWidget(self.changes, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.text)
        split.addWidget(changes_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_unchanged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.legend)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    # -- what is shown ------------------------------------------------------------------------------

    def set_diff(self, diff: SectionDiff) -> None:
        """Show ``diff``: the text with its changes marked, and each change in the list."""
        self._diff = diff
        self.summary_label.setText(summary(diff))
        self.changes.clear()
        for block in (diff.heading, *diff.blocks):
            if block.kind != SAME:
                item = QListWidgetItem(describe(block))
                item.setToolTip(item.text())
                self.changes.addItem(item)
        if not self.changes.count():
            self.changes.addItem("No changes.")
        self._render()
        for button in (self.previous_button, self.next_button):
            button.setEnabled(diff.changed)

    def show_list(self, shown: bool) -> None:
        """Show or hide the list of changes in words (hidden where a dialog lists the changes itself)."""
        self.changes_box.setVisible(shown)

    def change_texts(self) -> list[str]:
        """The list of changes, as a screen reader reads it."""
        return [self.changes.item(row).text() for row in range(self.changes.count())]

    def _render(self) -> None:
        diff = self._diff
        document = self.text.document()
        document.clear()
        self._anchors = []
        if diff is None:
            return
        colours = colours_for(self.text.palette())
        self.legend.setText(self._legend(colours))
        cursor = QTextCursor(document)
        blocks = [diff.heading, *diff.blocks]
        shown = self._shown(blocks)
        first, hidden = True, 0
        for block, show in zip(blocks, shown, strict=True):
            if not show:
                hidden += 1
                continue
            if hidden:
                first = self._write_line(cursor, _folded(hidden), colours, first, italic=True)
                hidden = 0
            first = self._write_block(cursor, block, colours, first)
        if hidden:
            self._write_line(cursor, _folded(hidden), colours, first, italic=True)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)

    def _shown(self, blocks: list[BlockDiff]) -> list[bool]:
        """Which blocks to show: all with Show unchanged text, else the changed ones, one either side, the heading."""
        if self.show_unchanged.isChecked():
            return [True] * len(blocks)
        near = [any(b.kind != SAME for b in blocks[max(0, i - 1):i + 2]) for i in range(len(blocks))]
        near[0] = True  # the heading says which section this is
        return near

    @staticmethod
    def _legend(colours: DiffColours) -> str:
        return (f"{marked_html('Added text is underlined', ADDED, colours)}; "
                f"{marked_html('removed text is struck through', REMOVED, colours)}. "
                f"F8 and Shift+F8 go to the next and previous change.")

    @staticmethod
    def _write_line(cursor: QTextCursor, text: str, colours: DiffColours, first: bool, italic: bool = False) -> bool:
        if not first:
            cursor.insertBlock()
        fmt = change_format(SAME, colours)
        fmt.setFontItalic(italic)
        cursor.insertText(text, fmt)
        return False

    def _write_block(self, cursor: QTextCursor, block: BlockDiff, colours: DiffColours, first: bool) -> bool:
        label = block.label.capitalize() + ("" if block.kind in (SAME, CHANGED) else f" ({block.kind})")
        label_format = change_format(SAME, colours)
        label_format.setFontWeight(700)
        label_format.setFontPointSize(max(self.font().pointSizeF() - 1, 7))
        if not first:
            cursor.insertBlock()
        cursor.insertText(label, label_format)
        cursor.insertBlock()
        start = end = -1  # where the block's changed words begin and end: what going to the change selects
        for run in block.runs:
            # Unchanged blocks dimmed; in a changed block the unchanged words plain, the changes marked.
            if block.kind == SAME:
                fmt = change_format(SAME, colours)
            else:
                fmt = QTextCharFormat() if run.kind == SAME else change_format(run.kind, colours)
            if run.kind != SAME and start < 0:
                start = cursor.position()
            cursor.insertText(run.text.replace("\n", "\u2028"), fmt)
            if run.kind != SAME:
                end = cursor.position()
        for note in block.notes:  # said in words under the block, italic, as the change list says it
            if start < 0:
                start = cursor.position()
            cursor.insertBlock()
            note_format = change_format(SAME, colours)
            note_format.setFontItalic(True)
            cursor.insertText(f"({note})", note_format)
            end = cursor.position()
        if block.kind != SAME:
            self._anchors.append((max(start, 0), max(end, start, 0)))
        return False

    # -- moving between changes -----------------------------------------------------------------------

    def next_change(self) -> None:
        """Go to the change after the one chosen (the first when none is)."""
        self._step(1)

    def previous_change(self) -> None:
        """Go to the change before the one chosen (the last when none is)."""
        self._step(-1)

    def _step(self, step: int) -> None:
        count = len(self._anchors)
        if not count:
            return
        row = self.changes.currentRow()
        row = (0 if step > 0 else count - 1) if row < 0 else (row + step) % count
        self.changes.setCurrentRow(row)
        (self.changes if self.changes.isVisible() else self.text).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_change(self, row: int) -> None:
        if not 0 <= row < len(self._anchors):
            return
        start, end = self._anchors[row]
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()


# -- one version's words marked in its own rendered text (the conflict dialog) ----------------------------

def _side_text(block: BlockDiff, side: str) -> tuple[str, list[tuple[int, int]]]:
    """The block's text as one version has it, and where in it that version's own changes are.
    ``side`` is REMOVED (the old version: its removed words) or ADDED (the new one: its added words)."""
    other = ADDED if side == REMOVED else REMOVED
    text, marks = "", []
    for run in block.runs:
        if block.kind == other or run.kind == other:
            continue
        if run.kind == side or block.kind == side:
            marks.append((len(text), len(text) + len(run.text)))
        text += run.text
    return text, marks


def side_html(block: BlockDiff, side: str, colours: DiffColours) -> str:
    """One version's text of ``block`` as HTML, its own words marked (see :func:`mark_side`)."""
    text, marks = _side_text(block, side)
    parts, done = [], 0
    for start, end in marks:
        parts += [html.escape(text[done:start]), marked_html(text[start:end], side, colours)]
        done = end
    return "".join(parts) + html.escape(text[done:])


def _slots(document: QTextDocument) -> list[list[QTextBlock]]:
    """The document's blocks as the diff counts them: one per paragraph or list item, one per table row."""
    slots: list[list[QTextBlock]] = []
    rows: dict[tuple[int, int], list[QTextBlock]] = {}
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is None:
            slots.append([block])
        else:
            row = table.cellAt(block.position()).row()
            key = (id(table), row)
            if key not in rows:
                rows[key] = []
                slots.append(rows[key])
            rows[key].append(block)
        block = block.next()
    return slots


def _slot_text(slot: list[QTextBlock]) -> str:
    return " | ".join(b.text().replace("\u2028", "\n") for b in slot)


def mark_side(document: QTextDocument, blocks: tuple[BlockDiff, ...], side: str, colours: DiffColours) -> int:
    """Mark, in ``document`` (a version rendered with its formatting), the words only that version has:
    ``side`` REMOVED for the older (struck through), ADDED for the newer (underlined). Blocks are matched
    in order by their text; marking stops at the first that does not match (a member list, say), so a
    wrong word is never marked. Returns how many blocks were marked."""
    slots = _slots(document)
    marked = position = 0
    fmt = change_format(side, colours)
    for block in blocks:
        if block.kind == (ADDED if side == REMOVED else REMOVED):
            continue
        text, marks = _side_text(block, side)
        while position < len(slots) and _slot_text(slots[position]) != text and not _slot_text(slots[position]):
            position += 1  # an empty block Qt keeps beside a table
        if position >= len(slots) or _slot_text(slots[position]) != text:
            break
        if marks:
            _mark_slot(slots[position], marks, fmt)
            marked += 1
        position += 1
    return marked


def _mark_slot(slot: list[QTextBlock], marks: list[tuple[int, int]], fmt: QTextCharFormat) -> None:
    offset = 0
    for block in slot:
        length = len(block.text())
        for start, end in marks:
            first, last = max(start, offset), min(end, offset + length)
            if first < last:
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + first - offset)
                cursor.setPosition(block.position() + last - offset, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)
        offset += length + 3  # the " | " between cells
