"""Icons: the application icon from resources/icons, and sign-off state icons drawn in code.

State icons differ in shape as well as colour (tick, tick in a square for an
endorsement with reservations, exclamation, cross, a bar for a decline,
hollow ring), and are always shown next to their words, so nobody has to
tell green from red to read the matrix.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ...core import signoff
from ...core.partner_records import DECLINED
from ...resource_files import resource_bytes

# Words for every state the core reports, as the panel and the outline show them.
STATE_WORDS = {
    signoff.APPROVED: "Approved",
    signoff.ENDORSED: "Endorsed",
    signoff.ENDORSED_WITH_RESERVATIONS: "Endorsed with reservations",
    DECLINED: "Declined to endorse",
    signoff.STALE: "Approval stale",
    signoff.CHANGES_REQUESTED: "Changes requested",
    signoff.PENDING: "Awaiting sign-off",
}

_COLOURS = {
    signoff.APPROVED: "#2e7d4f",
    signoff.ENDORSED: "#2e7d4f",
    signoff.ENDORSED_WITH_RESERVATIONS: "#4d6b1f",
    DECLINED: "#5c2a6e",
    signoff.STALE: "#b26a00",
    signoff.CHANGES_REQUESTED: "#b3261e",
    signoff.PENDING: "#6b7280",
}


def state_word(state: str) -> str:
    """The words shown beside a state's icon."""
    return STATE_WORDS.get(state, state.replace("-", " ").capitalize())


@cache
def app_icon() -> QIcon:
    """The window icon, rendered from the shipped SVG at the usual sizes."""
    renderer = QSvgRenderer(QByteArray(resource_bytes("icons", "wyassembler.svg")))
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    """A transparent square and an antialiased painter on it; end the painter before using the pixmap."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def app_pixmap(size: int) -> QPixmap:
    return app_icon().pixmap(size, size)


@cache
def state_icon(state: str) -> QIcon:
    """A small badge whose shape and mark say the state without colour: a round badge with a tick, !, cross
    or bar (declined), a square one with a tick (endorsed with reservations), a hollow ring (pending)."""
    size = 64
    pixmap, painter = _canvas(size)
    colour = QColor(_COLOURS.get(state, "#6b7280"))
    box = QRectF(6, 6, size - 12, size - 12)
    if state == signoff.PENDING:
        painter.setPen(QPen(colour, 6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(3, 3, -3, -3))
        painter.end()
        return QIcon(pixmap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if state == signoff.ENDORSED_WITH_RESERVATIONS:
        painter.drawRoundedRect(box.adjusted(2, 2, -2, -2), 8, 8)
    else:
        painter.drawEllipse(box)
    pen = QPen(QColor("white"), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if state in (signoff.APPROVED, *signoff.ENDORSING):
        path = QPainterPath(QPointF(19, 33))
        path.lineTo(28, 42)
        path.lineTo(45, 23)
        painter.drawPath(path)
    elif state == signoff.STALE:
        painter.drawLine(QPointF(32, 18), QPointF(32, 36))
        painter.drawPoint(QPointF(32, 46))
    elif state == DECLINED:  # a no-entry bar, unlike the cross of a request for changes
        painter.drawLine(QPointF(19, 32), QPointF(45, 32))
    else:
        painter.drawLine(QPointF(22, 22), QPointF(42, 42))
        painter.drawLine(QPointF(42, 22), QPointF(22, 42))
    painter.end()
    return QIcon(pixmap)


# A decision's signature state, in words; the badge on its icon differs in shape as well as colour.
SIGNATURE_WORDS = {
    "valid": "signed",
    "unsigned": "unsigned",
    "invalid": "signature invalid",
    "revoked-key": "signed with a revoked key",
}


def signature_word(signature: str) -> str:
    """The words for a signature state (valid, unsigned, invalid, revoked-key)."""
    return SIGNATURE_WORDS.get(signature, signature)


@cache
def signed_state_icon(state: str, signature: str) -> QIcon:
    """The state's badge with a signature mark in its lower right corner: a filled diamond (signed), a
    hollow ring (unsigned), a red square with a cross (invalid), a black square with a bar (revoked key)."""
    size = 64
    pixmap, painter = _canvas(size)
    state_icon(state).paint(painter, 0, 0, 48, 48)
    mark = QRectF(38, 38, 24, 24)
    if signature == "valid":
        diamond = QPainterPath(QPointF(50, 36))
        for x, y in ((63, 50), (50, 63), (37, 50)):
            diamond.lineTo(x, y)
        diamond.closeSubpath()
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(QColor("#1f4e8c"))
        painter.drawPath(diamond)
    elif signature == "unsigned":
        painter.setPen(QPen(QColor("#6b7280"), 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(mark.adjusted(3, 3, -3, -3))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#b3261e" if signature == "invalid" else "#111111"))
        painter.drawRect(mark)
        painter.setPen(QPen(QColor("white"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if signature == "invalid":
            painter.drawLine(QPointF(43, 43), QPointF(57, 57))
            painter.drawLine(QPointF(57, 43), QPointF(43, 57))
        else:
            painter.drawLine(QPointF(43, 50), QPointF(57, 50))
    painter.end()
    return QIcon(pixmap)


@cache
def glyph_icon(name: str) -> QIcon:
    """Small toolbar icons drawn in code, so the app looks the same without an icon theme."""
    size = 64
    pixmap, painter = _canvas(size)
    ink = QColor("#2b3a42")
    accent = QColor("#1f6f8b")
    pen = QPen(ink, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if name in ("bold", "italic"):
        font = painter.font()
        font.setPixelSize(46)
        font.setBold(name == "bold")
        font.setItalic(name == "italic")
        font.setFamily("Serif" if name == "italic" else font.family())
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "B" if name == "bold" else "I")
    elif name == "link":
        painter.setPen(QPen(accent, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawRoundedRect(QRectF(6, 22, 30, 20), 10, 10)
        painter.drawRoundedRect(QRectF(28, 22, 30, 20), 10, 10)
    elif name in ("bullets", "numbers"):
        for i, y in enumerate((14, 32, 50)):
            if name == "bullets":
                painter.setBrush(accent)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QPointF(12, y), 5, 5)
                painter.setPen(pen)
            else:
                font = painter.font()
                font.setPixelSize(16)
                font.setBold(True)
                painter.setFont(font)
                painter.setPen(QPen(accent))
                painter.drawText(QRectF(2, y - 10, 18, 20), Qt.AlignmentFlag.AlignCenter, str(i + 1))
                painter.setPen(pen)
            painter.drawLine(QPointF(26, y), QPointF(58, y))
    elif name in ("indent", "outdent"):
        for y in (10, 54):
            painter.drawLine(QPointF(6, y), QPointF(58, y))
        for y in (25, 39):
            painter.drawLine(QPointF(30, y), QPointF(58, y))
        painter.setPen(QPen(accent, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        path = QPainterPath()
        if name == "indent":
            path.moveTo(8, 22)
            path.lineTo(18, 32)
            path.lineTo(8, 42)
        else:
            path.moveTo(20, 22)
            path.lineTo(10, 32)
            path.lineTo(20, 42)
        painter.drawPath(path)
    elif name == "table":
        painter.drawRect(QRectF(6, 10, 52, 44))
        painter.fillRect(QRectF(8, 12, 48, 12), QColor("#9fc5d3"))
        painter.drawLine(QPointF(6, 24), QPointF(58, 24))
        painter.drawLine(QPointF(6, 39), QPointF(58, 39))
        painter.drawLine(QPointF(32, 10), QPointF(32, 54))
    elif name == "paragraph":
        font = painter.font()
        font.setPixelSize(46)
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "\u00b6")
    elif name in ("undo", "redo"):
        painter.setPen(QPen(accent, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        if name == "redo":
            painter.translate(size, 0)
            painter.scale(-1, 1)
        path = QPainterPath(QPointF(50, 50))
        path.cubicTo(QPointF(56, 26), QPointF(34, 16), QPointF(14, 26))
        painter.drawPath(path)
        head = QPainterPath(QPointF(22, 12))
        head.lineTo(12, 27)
        head.lineTo(28, 34)
        painter.drawPath(head)
    elif name == "export":
        painter.setPen(QPen(ink, 4))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(QRectF(12, 6, 40, 52), 4, 4)
        painter.setBrush(QColor("#2b579a"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(4, 22, 34, 28), 4, 4)
        font = painter.font()
        font.setPixelSize(24)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(4, 22, 34, 28), Qt.AlignmentFlag.AlignCenter, "W")
    elif name == "row":
        painter.drawRect(QRectF(6, 8, 52, 30))
        painter.drawLine(QPointF(6, 23), QPointF(58, 23))
        painter.setPen(QPen(accent, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(32, 42), QPointF(32, 60))
        painter.drawLine(QPointF(23, 51), QPointF(41, 51))
    painter.end()
    return QIcon(pixmap)
