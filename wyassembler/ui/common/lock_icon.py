"""The padlock that marks a confidential section, drawn in code like the state icons (common/icons.py).

Its shape says it, not its colour: a closed padlock, filled, on a section marked confidential; an
outlined one on a sub-section withheld with it; a warning corner when the section also has conflict
copies (the outline's one icon place holds both). The words are always beside it (tooltip, accessible
text), so the icon is never the only sign.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

INK = "#5b2a86"  # not a state colour: confidentiality is not a sign-off state


@cache
def confidential_icon(withheld_with_parent: bool = False, conflicts: bool = False) -> QIcon:
    """A padlock: filled when the section itself is marked confidential, outlined when it is withheld
    with the section it is part of; with a warning triangle in a corner when it has conflict copies."""
    size = 64
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor(INK)
    painter.setPen(QPen(ink, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(18, 6, 28, 32), 0, 180 * 16)  # the shackle
    painter.drawLine(QPointF(18, 22), QPointF(18, 30))
    painter.drawLine(QPointF(46, 22), QPointF(46, 30))
    body = QRectF(10, 28, 44, 32)
    if withheld_with_parent:
        painter.setPen(QPen(ink, 5))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(body.adjusted(2, 2, -2, -2), 5, 5)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawRoundedRect(body, 6, 6)
        painter.setBrush(QColor("white"))  # the keyhole
        painter.drawEllipse(QPointF(32, 40), 5, 5)
        painter.drawRect(QRectF(30, 42, 4, 10))
    if conflicts:
        triangle = QPainterPath(QPointF(50, 30))
        triangle.lineTo(64, 56)
        triangle.lineTo(36, 56)
        triangle.closeSubpath()
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(QColor("#b26a00"))
        painter.drawPath(triangle)
        painter.setPen(QPen(QColor("white"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(50, 38), QPointF(50, 47))
        painter.drawPoint(QPointF(50, 52))
    painter.end()
    return QIcon(pixmap)
