"""The first window fits the screen it opens on, 1024×768 included (issue 16 item 5): the default size
shrinks and centres on a small screen, a restored window is brought back inside the screen it lands on,
and nothing in the window asks for more room than a 1024×768 screen has."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

from tests.ui.conftest import COORDINATOR
from wyassembler.ui.common.screen import DEFAULT_SIZE, FRAME_ALLOWANCE, first_frame, fit_to_screen, fitted

# A 1024×768 screen with a 40-pixel taskbar, less the window manager's title bar and borders.
SMALL = QRect(0, 0, 1024, 728).marginsRemoved(FRAME_ALLOWANCE)


class FakeScreen:
    def __init__(self, available: QRect) -> None:
        self.available = available

    def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
        return self.available


def inside(frame: QRect, available: QRect) -> bool:
    return available.contains(frame)


def test_the_first_window_keeps_its_size_where_there_is_room_and_shrinks_where_there_is_not():
    large = QRect(0, 0, 1920, 1040)
    frame = first_frame(large)
    assert frame.size() == DEFAULT_SIZE and frame.center() == large.center()
    frame = first_frame(SMALL)
    assert inside(frame, SMALL) and frame.size() == SMALL.size()


def test_a_restored_window_is_brought_inside_the_screen_it_lands_on():
    # Last used on a large monitor to the right of the laptop's screen.
    restored = QRect(1500, 120, 1600, 1000)
    frame = fitted(restored, SMALL)
    assert inside(frame, SMALL)
    # A window that already fits stays exactly where it was.
    assert fitted(QRect(100, 100, 600, 400), SMALL) == QRect(100, 100, 600, 400)
    # On a second screen whose coordinates do not start at 0.
    second = QRect(1920, 0, 1024, 728)
    assert inside(fitted(QRect(0, 0, 1320, 860), second), second)


def test_the_window_with_a_project_open_fits_a_1024_by_768_screen(sample_window, monkeypatch):
    window = sample_window(COORDINATOR)
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL.width() and hint.height() <= SMALL.height(), hint
    monkeypatch.setattr(window, "screen", lambda: FakeScreen(QRect(0, 0, 1024, 728)))
    fit_to_screen(window, restored=False)
    assert inside(window.geometry(), SMALL), window.geometry()
    window.move(2400, 300)
    window.resize(QSize(1600, 1000))
    fit_to_screen(window, restored=True)
    assert inside(window.geometry(), SMALL), window.geometry()


def test_on_a_1024_by_768_screen_the_outline_shows_its_headings(sample_window, qtbot):
    # The hidden start page (about 670 pixels wide at least) kept the window's middle that wide, and
    # the outline beside it got what was left: its heading column a number and an ellipsis.
    from PySide6.QtWidgets import QApplication

    from wyassembler.ui.models.outline import OutlineModel

    window = sample_window(COORDINATOR)
    window.setGeometry(SMALL)
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert window.stack.minimumSizeHint().width() < window.start_page.minimumSizeHint().width()
    header = window.tree.header()
    owner_and_state = header.sectionSize(OutlineModel.OWNER) + header.sectionSize(OutlineModel.STATE)
    assert header.sectionSize(OutlineModel.NUMBER_HEADING) >= 160, "room for a heading beside its number"
    assert window.tree.viewport().width() >= owner_and_state + 160, "no sideways scrolling to see them"
    # The start page still has its room when it shows again.
    window.close_project(ask=False)
    QApplication.processEvents()
    assert window.stack.minimumSizeHint().width() >= window.start_page.minimumSizeHint().width()


def test_a_dock_layout_saved_before_the_outline_got_its_room_is_not_restored(make_window):
    # Layouts saved while the outline was squeezed would keep it squeezed; a layout saved now comes back.
    from PySide6.QtCore import Qt

    from wyassembler.ui.common import prefs

    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    window = make_window(COORDINATOR)
    window.addDockWidget(right, window.signoff_dock)
    store = prefs.settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())  # as the app saved it before
    store.sync()
    old_layout = make_window(COORDINATOR)
    assert old_layout.dockWidgetArea(old_layout.signoff_dock) == bottom
    prefs.save_window(window)
    new_layout = make_window(COORDINATOR)
    assert new_layout.dockWidgetArea(new_layout.signoff_dock) == right


def test_a_status_message_gets_the_whole_bar_on_a_small_window(sample_window, qtbot):
    # The endorsement summary kept its room at the right, and a disabled item's reason was cut off.
    from PySide6.QtWidgets import QApplication

    window = sample_window(COORDINATOR)
    window.setGeometry(SMALL)
    qtbot.waitExposed(window)
    summary = window.progress_label
    assert summary.text() and summary.isVisible()
    reason = window.app_actions.sign_off.statusTip()
    window.statusBar().showMessage(reason)
    QApplication.processEvents()
    assert not summary.isVisible()
    room = window.statusBar().width() - window.identity_label.width()
    assert window.statusBar().fontMetrics().horizontalAdvance(reason) < room, "the reason fits now"
    window.statusBar().clearMessage()
    QApplication.processEvents()
    assert summary.isVisible()


def test_the_matrix_keeps_its_sections_in_sight_when_the_partners_scroll_sideways(sample_window, qtbot):
    # On a 1024-pixel window four of ten partners show; scrolled to the others, the section column
    # scrolled away with them and the badges were nobody's.
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QApplication

    window = sample_window(COORDINATOR)
    window.setGeometry(SMALL)
    qtbot.waitExposed(window)
    table = window.signoff_panel.table
    scroll = table.horizontalScrollBar()
    assert scroll.maximum() > 0, "ten partners do not fit: the matrix scrolls sideways"
    scroll.setValue(scroll.maximum())
    QApplication.processEvents()
    rows = table.verticalHeader()
    assert rows.isVisible() and rows.width() >= 200
    label = window.signoff_panel.model.headerData(2, Qt.Orientation.Vertical)
    assert label == f"3  {window.document.project.find_section('3').heading}", label
    assert rows.mapTo(table, QPoint(0, 0)).x() < table.viewport().mapTo(table, QPoint(0, 0)).x(), \
        "the sections stand left of the scrolled cells"
    # A click on a section's label shows it, as a click on its cells does.
    project = window.document.project
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, rows.sectionViewportPosition(2) + 5))
    assert window.editor.section is project.find_section("3")
