"""The main window fits the screen it opens on, a 1024×768 laptop screen included: a first window at
the size the app was designed for where there is room, smaller and centred where there is not, and a
window restored from last time brought back inside the screen it lands on (a laptop's own screen after a
large monitor it was last on)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QStatusBar, QWidget

DEFAULT_SIZE = QSize(1320, 860)
# Room for the title bar and borders the window manager adds outside the window's own geometry.
FRAME_ALLOWANCE = QMargins(8, 32, 8, 8)


def fitted(frame: QRect, available: QRect) -> QRect:
    """``frame`` no larger than ``available`` and moved inside it; where it already fits it stays."""
    width, height = min(frame.width(), available.width()), min(frame.height(), available.height())
    x = min(max(frame.x(), available.left()), available.left() + available.width() - width)
    y = min(max(frame.y(), available.top()), available.top() + available.height() - height)
    return QRect(x, y, width, height)


def first_frame(available: QRect, size: QSize = DEFAULT_SIZE) -> QRect:
    """A first window's geometry: ``size`` centred in ``available``, shrunk to fit it."""
    frame = QRect(0, 0, size.width(), size.height())
    frame.moveCenter(available.center())
    return fitted(frame, available)


def fit_to_screen(window: QWidget, restored: bool) -> None:
    """Give ``window`` the first window's size (``restored`` False), or keep what was restored, either way
    inside the available geometry (less the taskbar and docks) of the screen it opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or (restored and window.isMaximized()):
        return  # a maximised window fills its screen whatever size it had
    available = screen.availableGeometry().marginsRemoved(FRAME_ALLOWANCE)
    frame = fitted(window.geometry(), available) if restored else first_frame(available)
    window.setGeometry(frame)  # the window's own area: the allowance above leaves room for its frame


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` (a dialog) to ``width`` x ``height``, or less where its screen has less room."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry().marginsRemoved(FRAME_ALLOWANCE)
        width, height = min(width, available.width()), min(height, available.height())
    widget.resize(width, height)


class PageStack(QStackedWidget):
    """Pages one at a time, asking for the room of the page showing only. A QStackedWidget asks for its
    largest page's minimum size, hidden pages included: the start page's width (about 670 pixels) kept
    the window's middle that wide with a project open, squeezing the outline beside it to its number
    column on a 1024×768 screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own_policies: dict[QWidget, QSizePolicy] = {}
        self.currentChanged.connect(self._ask_for_current)

    def addWidget(self, page: QWidget) -> int:
        """Add ``page``; it asks for room only while it is the page showing."""
        self._own_policies[page] = page.sizePolicy()
        index = super().addWidget(page)
        self._ask_for_current(self.currentIndex())
        return index

    def _ask_for_current(self, current: int) -> None:
        showing = self.widget(current)
        ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        for page, own in self._own_policies.items():
            page.setSizePolicy(own if page is showing else ignored)
        self.updateGeometry()


def add_summary_that_makes_room(bar: QStatusBar, summary: QWidget) -> None:
    """Put ``summary`` at the right of ``bar``, stepping aside while the bar shows a message: on a
    1024-pixel window the two shared the bar, and the reason a disabled item gives was cut off mid-word."""
    bar.addPermanentWidget(summary)
    bar.messageChanged.connect(lambda message: summary.setVisible(not message))
