"""The menu bar's layout: which action goes in which menu, in what order.

The actions themselves are created in :mod:`.actions`; this module only places them,
so the menus read top to bottom here the way a user meets them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QMenuBar, QProxyStyle, QStyle, QStyleFactory

from .actions import Actions
from .common.style import RESTING_SELECTION

# None is a separator; "recent" is the Open Recent submenu.
_LAYOUT = (
    ("&File", ("new_project", "open_project", "open_sample", "import_word", "recent", None, "save", "save_as",
               "reload", None, "synchronise", "restore_backup", None, "import_questions", "export", "export_answers",
               None, "close_project", "quit")),
    ("&Edit", ("undo", "redo", None, "cut", "copy", "paste", None, "identity")),
    ("F&ormat", ()),  # filled from Actions.format_actions()
    ("&Section", ("add_section", "add_subsection", "rename_section", "delete_section", None, "move_up",
                  "move_down", "indent_section", "outdent_section", None, "ownership", "answers_question",
                  "resolve_conflicts", "show_changes", "review_proposals", None, "mark_confidential", "mark_public",
                  None, "new_comment", "reply_comment", "resolve_comment")),
    ("S&ign-off", ("sign_off", "request_changes", None, "endorse", "endorse_choice", "request_changes_response",
                   None, "record_authority")),
    ("&Project", ("properties", "partners", None, "question_settings", None, "show_accessibility")),
    ("P&artner", ("export_pack", "import_pack", None, "my_key", "keys")),
    # After the docks' and toolbar's own show/hide actions:
    ("&View", (None, "show_questions", "show_comments", "show_accessibility", "next_pane", "previous_pane")),
    ("&Help", ("show_log", "about")),
)


def build_menu_bar(bar: QMenuBar, actions: Actions, view_toggles: list[QAction]) -> QMenu:
    """Fill ``bar`` from the actions; returns the Open Recent submenu, which the window keeps up to date."""
    recent_menu = None
    for title, names in _LAYOUT:
        menu = bar.addMenu(title)
        if title == "F&ormat":
            menu.addActions(actions.format_actions())
            menu.addMenu("T&able").addActions(actions.table_actions())
        elif title == "&View":
            for toggle in view_toggles:
                # A dock's toggle is named after its title, which has no mnemonic: give it its first letter.
                if "&" not in toggle.text():
                    toggle.setText(f"&{toggle.text()}")
            menu.addActions(view_toggles)
        for name in names:
            if name is None:
                menu.addSeparator()
            elif name == "recent":
                recent_menu = menu.addMenu("Open &Recent")
                recent_menu.addActions(actions.recent)
                recent_menu.addSeparator()
                recent_menu.addAction(actions.clear_recent)
            else:
                menu.addAction(getattr(actions, name))
    says_why_when_disabled(bar)
    return recent_menu


class DisabledItemsReachable(QProxyStyle):
    """Fusion for menus, with their disabled items reachable by the arrow keys, as on Windows, and the
    one the keys are on marked (pale: Fusion marks an enabled item only, so the mark seemed to vanish)."""

    def styleHint(self, hint, option=None, widget=None, return_data=None):
        if hint == QStyle.StyleHint.SH_Menu_AllowActiveAndDisabled:
            return 1
        return super().styleHint(hint, option, widget, return_data)

    def drawControl(self, element, option, painter, widget=None):
        state = option.state
        if (element == QStyle.ControlElement.CE_MenuItem and state & QStyle.StateFlag.State_Selected
                and not state & QStyle.StateFlag.State_Enabled):
            painter.fillRect(option.rect, QColor(RESTING_SELECTION[0]))
        super().drawControl(element, option, painter, widget)


def says_why_when_disabled(bar: QMenuBar) -> None:
    """A disabled item in ``bar``'s menus says why it is off (its tooltip and status tip hold the reason,
    see operations/reasons.py): its tooltip shows when the pointer rests on it, and the arrow keys land
    on it, putting the reason in the status bar. Qt's menus showed neither and skipped it."""
    for menu in bar.findChildren(QMenu):
        reasons_shown(menu)


def reasons_shown(menu: QMenu) -> None:
    """``menu`` shows its items' tooltips and lets the arrow keys land on a disabled item (see
    :func:`says_why_when_disabled`)."""
    style = DisabledItemsReachable(QStyleFactory.create("Fusion"))
    style.setParent(menu)  # kept as long as the menu
    menu.setToolTipsVisible(True)
    menu.setStyle(style)


def actions_as_context_menu(view: QAbstractScrollArea) -> None:
    """``view``'s own actions become its context menu, where one switched off says why, as in the menu bar
    (Qt's own menu of a widget's actions shows no tooltips)."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda position: _popup_actions(view, position))


def _popup_actions(view: QAbstractScrollArea, position: QPoint) -> None:
    menu = QMenu(view)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.addActions(view.actions())
    reasons_shown(menu)
    menu.popup(view.viewport().mapToGlobal(position))  # a scroll area's position is its viewport's
