"""A disabled menu item says why too (issue 16 item 4): Qt's menus skipped it with the arrow keys and
showed no tooltip, so the reason its action holds was seen only on the sign-off panel's buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from tests.ui.conftest import KIRKLEES_LEAD

WHO = "Only the partner leads of Calderdale Metropolitan Borough Council"


def signoff_menu(window) -> QMenu:
    return next(action.menu() for action in window.menuBar().actions() if action.text() == "S&ign-off")


def open_menu(qtbot, window) -> QMenu:
    """The Sign-off menu, open, on a section of another organisation (Sign Off is off, with a reason)."""
    window.select_section(window.document.project.find_section("3").id)
    assert not window.app_actions.sign_off.isEnabled()
    menu = signoff_menu(window)
    menu.popup(window.mapToGlobal(QPoint(10, 10)))
    qtbot.waitUntil(menu.isVisible)
    return menu


def test_the_arrow_keys_land_on_a_disabled_item_and_the_status_bar_says_why(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    menu = open_menu(qtbot, window)
    QTest.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is window.app_actions.sign_off
    assert WHO in window.statusBar().currentMessage(), window.statusBar().currentMessage()
    QTest.keyClick(menu, Qt.Key.Key_Return)  # still off: nothing is signed
    assert window.app_actions.sign_off.toolTip().startswith("Sign Off Section: Only")
    menu.hide()


def test_the_pointer_resting_on_a_disabled_item_shows_why(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    menu = open_menu(qtbot, window)
    where = menu.actionGeometry(window.app_actions.sign_off).center()
    QApplication.sendEvent(menu, QHelpEvent(QEvent.Type.ToolTip, where, menu.mapToGlobal(where)))
    assert WHO in QToolTip.text(), QToolTip.text()
    QToolTip.hideText()
    menu.hide()


def test_the_outlines_context_menu_says_why_too(qtbot, sample_window):
    # Qt's menu of a widget's actions (ActionsContextMenu) could show no tooltips.
    from PySide6.QtWidgets import QStyle

    window = sample_window(KIRKLEES_LEAD)
    window.select_section(window.document.project.find_section("3").id)
    tree = window.tree
    tree.customContextMenuRequested.emit(tree.visualRect(tree.currentIndex()).center())
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.actions() == tree.actions()
    assert menu.toolTipsVisible()
    assert menu.style().styleHint(QStyle.StyleHint.SH_Menu_AllowActiveAndDisabled, None, menu)
    sign_off = window.app_actions.sign_off
    assert sign_off in menu.actions() and not sign_off.isEnabled() and WHO in sign_off.toolTip()
    menu.close()


def test_the_disabled_item_the_keys_are_on_is_marked(qtbot, sample_window):
    # Fusion marks only an enabled item: on a disabled one the mark seemed to vanish.
    window = sample_window(KIRKLEES_LEAD)
    menu = open_menu(qtbot, window)
    where = menu.actionGeometry(window.app_actions.sign_off)
    spot = QPoint(where.right() - 4, where.center().y())  # past the text and the shortcut
    unmarked = menu.grab().toImage().pixelColor(spot)
    QTest.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is window.app_actions.sign_off
    assert menu.grab().toImage().pixelColor(spot) != unmarked
    menu.hide()
