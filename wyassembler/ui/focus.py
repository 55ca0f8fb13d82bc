"""Moving around the window by keyboard: one Tab order, a way out of the text, and the panes in turn.

The window has three panes: the outline, the section editor (heading, then text) and the sign-off
panel (the matrix, then what blocks a final export). Tab and Shift+Tab go through them in that order
and round again. The section text keeps Tab for itself (a tab character, a list level, the next table
cell), so Ctrl+Tab and Ctrl+Shift+Tab are the Tab and Shift+Tab it cannot keep: the next or previous
place in the same order, from anywhere. F6 and Shift+F6 (View › Next Pane, Previous Pane) jump to the
next or previous pane, landing in the outline's tree, the section text or the sign-off matrix.

Everything here is set up once, by :func:`install`, after the window has built its widgets and bars.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow

# The Tab and Shift+Tab that the section text cannot keep. A keyboard sends Shift+Tab as Backtab, so
# Ctrl+Shift+Tab arrives as Ctrl+Shift+Backtab: both spellings are bound.
LEAVE_FORWARD = ("Ctrl+Tab",)
LEAVE_BACKWARD = ("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab")


def tab_order(window: MainWindow) -> list[QWidget]:
    """The window's Tab order: the outline, any bar's buttons above the editor, the heading, the text,
    the sign-off matrix and the list of what blocks a final export."""
    editor = window.editor
    page = editor_page(window)
    # Bars that come and go above the heading (another partner's save, sync copies, conflict copies)
    # are read before it, in the order they stand.
    bars = [widget for widget in page.findChildren(QWidget)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget not in (editor.heading, editor.text)
            and not editor.text.isAncestorOf(widget)]
    panel = window.signoff_panel
    # The Questions table shares the bottom with the matrix as a tab: Tab reaches it only when its tab is in front.
    return [window.tree, *bars, editor.heading, editor.text, panel.table, panel.blockers, window.questions_panel.table,
            *window.sections.comments.panel.tab_stops(), window.project_ops.accessibility.panel.table]


def editor_page(window: MainWindow) -> QWidget:
    """The editor's pane: the editor and the bars above it."""
    page = window.editor.parentWidget()
    assert page is not None, "the editor is placed in its page when the window is built"
    return page


def panes(window: MainWindow) -> list[tuple[QWidget, QWidget]]:
    """Each pane (the widget holding it) with the widget F6 lands on."""
    accessibility = window.project_ops.accessibility
    return [(window.outline_dock, window.tree), (editor_page(window), window.editor.text),
            (window.signoff_dock, window.signoff_panel.table), (window.questions_dock, window.questions_panel.table),
            (window.sections.comments.dock, window.sections.comments.panel.tree),
            (accessibility.dock, accessibility.panel.table)]


def set_tab_order(window: MainWindow) -> None:
    """Put the window's widgets in :func:`tab_order`; Tab in the matrix leaves it (arrows move in it)."""
    order = tab_order(window)
    for before, after in pairwise(order):
        QWidget.setTabOrder(before, after)
    window.signoff_panel.table.setTabKeyNavigation(False)


def move_focus(window: MainWindow, forward: bool) -> None:
    """Tab (or Shift+Tab) from the widget with the focus, even out of a widget that keeps Tab."""
    if QApplication.focusWidget() is None:
        window.tree.setFocus(Qt.FocusReason.TabFocusReason)
        return
    # QWidget's own focusNextPrevChild follows the focus chain from the focus widget; the text's
    # override of it (which keeps Tab) is not asked.
    QWidget.focusNextPrevChild(window, forward)


def move_to_pane(window: MainWindow, forward: bool) -> None:
    """Focus the next (or previous) pane that is showing, after the one holding the focus."""
    showing = [(holder, target) for holder, target in panes(window)
               if target.isVisible() and target.focusPolicy() != Qt.FocusPolicy.NoFocus]
    if not showing:
        return
    focus = QApplication.focusWidget()
    current = next((i for i, (holder, _) in enumerate(showing)
                    if focus is not None and (focus is holder or holder.isAncestorOf(focus))), None)
    if current is None:
        chosen = 0 if forward else len(showing) - 1
    else:
        chosen = (current + (1 if forward else -1)) % len(showing)
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    showing[chosen][1].setFocus(reason)


def show_questions(window: MainWindow) -> None:
    """View › Show the Questions: its tab to the front (shown again if closed), the focus in its table."""
    window.questions_dock.show()
    window.questions_dock.raise_()
    window.questions_panel.set_showing(True)
    window.questions_panel.table.setFocus(Qt.FocusReason.OtherFocusReason)


def _focus_outline_if_shown(window: MainWindow, page: int) -> None:
    if window.stack.widget(page) is editor_page(window):
        window.tree.setFocus(Qt.FocusReason.OtherFocusReason)


def install(window: MainWindow) -> None:
    """Set the Tab order, bind Ctrl+Tab and Ctrl+Shift+Tab, wire View › Next Pane and Previous Pane,
    and let Enter in the sign-off matrix do what a click does."""
    set_tab_order(window)
    for keys, forward in ((LEAVE_FORWARD, True), (LEAVE_BACKWARD, False)):
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda forward=forward: move_focus(window, forward))
    # The start page's widgets go when a project opens: its first pane, the outline, takes the focus.
    window.stack.currentChanged.connect(lambda page: _focus_outline_if_shown(window, page))
    # The bottom panes' tabs (Sign-off, Questions, Accessibility) stay out of the Tab order, which is the same with
    # or without them; View › Show the Questions brings that tab to the front, and F6 then reaches it.
    for tabs in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # Enter on a row of the matrix shows its section, as a click does.
    matrix = window.signoff_panel.table
    matrix.activated.connect(matrix.clicked)
    actions = window.app_actions
    actions.next_pane.triggered.connect(lambda: move_to_pane(window, True))
    actions.previous_pane.triggered.connect(lambda: move_to_pane(window, False))
    actions.show_questions.triggered.connect(lambda: show_questions(window))
