"""Links in the section editor as Word's Insert Hyperlink treats them: a link is its words and its address,
edited together (Format › Link…: "Text to display" and "Address"), and words typed over a selection that
lies wholly inside one link stay in that link.

A link here is a run of characters of one block with the same anchor address; a change of bold or italic
inside it does not end it (the export writes adjacent spans of one address as one link too).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument

from .content_document import LINE_SEPARATOR, LINK_COLOUR

_OBJECT_CHAR = "\ufffc"


@dataclass(frozen=True)
class LinkTarget:
    """What Format › Link… edits: the characters ``start``..``end`` (empty: insert at ``start``), their words
    and address (``href`` "" when they are not a link yet); ``text_editable`` is False when the words
    cannot be shown in one line (a selection over paragraphs, a line break or a table), so only the address
    is set on them, as Word shows "<<Selection in Document>>"."""

    start: int
    end: int
    text: str
    href: str
    text_editable: bool = True


def link_format(href: str) -> QTextCharFormat:
    """The character format that makes text a link to ``href``, merged over its bold and italic."""
    fmt = QTextCharFormat()
    fmt.setAnchor(True)
    fmt.setAnchorHref(href)
    fmt.setFontUnderline(True)
    fmt.setForeground(QBrush(LINK_COLOUR))
    fmt.setToolTip(href)
    return fmt


def _links_of(block: QTextBlock) -> list[tuple[int, int, str]]:
    """The links of one block as (start, end, address), adjacent fragments of one address joined."""
    links: list[tuple[int, int, str]] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        fmt = fragment.charFormat()
        href = fmt.anchorHref() if fragment.isValid() and fmt.isAnchor() else ""
        if not href:
            continue
        start, end = fragment.position(), fragment.position() + fragment.length()
        if links and links[-1][1] == start and links[-1][2] == href:
            links[-1] = (links[-1][0], end, href)
        else:
            links.append((start, end, href))
    return links


def link_around(document: QTextDocument, start: int, end: int) -> tuple[int, int, str] | None:
    """The one link holding every character from ``start`` to ``end`` (with ``start == end``, a caret inside
    the link or at either of its ends), as (start, end, address); None when there is no such link."""
    block = document.findBlock(start)
    if not block.isValid() or end > block.position() + block.length() - 1:
        return None  # a selection over more than one block is never inside one link
    for link_start, link_end, href in _links_of(block):
        if link_start <= start and end <= link_end:
            return link_start, link_end, href
    return None


def _text_between(document: QTextDocument, start: int, end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def link_target(cursor: QTextCursor) -> LinkTarget:
    """What Format › Link… edits at ``cursor``: the whole link the caret or the selection lies in, else the
    selection, else nothing at the caret (the link's words typed in the dialog)."""
    document = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    around = link_around(document, start, end)
    if around is not None:
        start, end, href = around
    else:
        href = ""
    text = _text_between(document, start, end)
    one_line = not any(ch in text for ch in (LINE_SEPARATOR, "\u2029", _OBJECT_CHAR))
    return LinkTarget(start, end, text if one_line else "", href, one_line)


def set_link(cursor: QTextCursor, target: LinkTarget, text: str, href: str) -> None:
    """Make ``target``'s characters a link to ``href`` showing ``text`` (the address when ``text`` is empty),
    as one undo step: new words replace the old ones in the link, keeping the first one's bold and italic;
    the same words (or words that cannot be edited) keep their own formatting and only take the link.
    ``cursor`` ends after the link, typing on outside it."""
    words = text or href
    cursor.setPosition(target.start)
    cursor.setPosition(target.end, QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    if target.text_editable and (words != target.text or target.start == target.end):
        fmt = QTextCharFormat()
        if target.end > target.start:  # the format of the first character (Qt gives the one before a position)
            first = QTextCursor(cursor.document())
            first.setPosition(target.start + 1)
            fmt = QTextCharFormat(first.charFormat())
        fmt.merge(link_format(href))
        cursor.insertText(words, fmt)
    else:
        cursor.mergeCharFormat(link_format(href))
        cursor.clearSelection()  # at the link's end
    cursor.endEditBlock()
    cursor.setCharFormat(_outside_link(cursor.charFormat()))


def _outside_link(fmt: QTextCharFormat) -> QTextCharFormat:
    """``fmt``'s bold and italic without the link: what typing after a link continues in."""
    plain = QTextCharFormat()
    plain.setFontWeight(fmt.fontWeight())
    plain.setFontItalic(fmt.fontItalic())
    return plain


def keep_link_when_typing_over(cursor: QTextCursor) -> QTextCursor | None:
    """The cursor to type through so that words typed over a selection wholly inside one link stay in it
    (as in Word), or None when nothing needs to change. Qt types in the format of the character before the
    cursor's position, which for a selection made right to left (Shift+Left, a drag leftwards) is the one
    before the selection: outside the link, so the link silently went."""
    if not cursor.hasSelection() or cursor.position() > cursor.anchor():
        return None
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    if link_around(cursor.document(), start, end) is None:
        return None
    forwards = QTextCursor(cursor)
    forwards.setPosition(start)
    forwards.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return forwards
