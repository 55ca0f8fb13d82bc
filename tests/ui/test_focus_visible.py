"""The keyboard's place is seen at a glance: the list, tree or table with the focus shows its selection
in the accent colour, the others pale (the app's palette used one colour for every selection in an
active window, so the outline looked the same whether Tab had left it or not)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QToolButton

from tests.ui.conftest import COORDINATOR
from tests.ui.test_keyboard import activate, focused
from wyassembler.ui.common.style import ACCENT, RESTING_SELECTION, apply_style


@pytest.fixture
def styled_app():
    """The app's look for one test, then Qt's own again for the others."""
    app = QApplication.instance()
    palette, sheet, style = app.palette(), app.styleSheet(), app.style().name()
    apply_style(app)
    yield app
    app.setStyleSheet(sheet)
    app.setStyle(style)
    app.setPalette(palette)


def selection_colour(view) -> str:
    """The colour painted most along the middle of the view's current row (the background, not text)."""
    image = view.viewport().grab().toImage()
    row = view.visualRect(view.currentIndex())
    painted = [image.pixelColor(x, row.center().y()).name() for x in range(0, view.viewport().width(), 2)]
    return Counter(painted).most_common(1)[0][0]


def near(painted: str, expected: str) -> bool:
    # Fusion shades a selection a little; what matters is strong or pale.
    a, b = QColor(painted), QColor(expected)
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_the_outline_shows_a_strong_selection_only_while_it_has_the_focus(qtbot, styled_app, sample_window):
    window = sample_window(COORDINATOR)
    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.waitUntil(lambda: focused() is window.tree)
    assert near(selection_colour(window.tree), ACCENT)
    window.editor.text.setFocus()
    qtbot.waitUntil(lambda: focused() is window.editor.text)
    assert near(selection_colour(window.tree), RESTING_SELECTION[0]), selection_colour(window.tree)
    # The sign-off matrix the same way: strong while it has the focus.
    matrix = window.signoff_panel.table
    matrix.setFocus()
    matrix.setCurrentIndex(matrix.model().index(0, 1))
    qtbot.waitUntil(lambda: focused() is matrix)
    assert near(selection_colour(matrix), ACCENT), selection_colour(matrix)


def test_the_start_pages_buttons_and_recent_list_show_the_focus(qtbot, styled_app, make_window):
    # The style sheet drew the start buttons' border and background itself, without the focus: Tab
    # went from New to Open to the Sample with nothing on the page changing.
    window = make_window(COORDINATOR)
    activate(qtbot, window)
    page = window.start_page
    buttons = [button for button in page.findChildren(QToolButton) if button.objectName() == "startButton"]
    for widget in (*buttons, page.recent):
        other = page.recent if widget is not page.recent else buttons[0]
        other.setFocus()
        qtbot.waitUntil(lambda other=other: focused() is other)
        resting = widget.grab().toImage()
        widget.setFocus()
        qtbot.waitUntil(lambda widget=widget: focused() is widget)
        assert widget.grab().toImage() != resting, f"{widget.accessibleName() or widget.text()} looks the same"
