"""The app with the keyboard alone: the Tab order through the panes and back, Ctrl+Tab out of the
section text, F6 between panes, one mnemonic per letter in every menu, every action in a menu, no
key bound twice, and a coordinator's whole job done by key presses only.

Keys go where a person's would: to the popup menu if one is open, else to the widget with the focus.
Modal dialogs are shown (not run modally, which would block the test) and answered by keys too.
"""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QMessageBox,
                               QWidget)

from tests.ui.conftest import COORDINATOR, KIRKLEES_LEAD
from tests.ui.conflict_copies import two_conflict_copies
from wyassembler.core import signoff
from wyassembler.projectfile import storage
from wyassembler.ui.dialogs.export import ExportDialog
from wyassembler.ui.dialogs.forms import AddSectionDialog, OwnershipDialog
from wyassembler.ui.project import files

Key = Qt.Key
Mod = Qt.KeyboardModifier
CTRL_SHIFT = Mod.ControlModifier | Mod.ShiftModifier


def press(key: Key, modifiers=Mod.NoModifier) -> None:
    """One key press, sent where the keyboard's would go."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no widget would receive the key"
    QTest.keyClick(target, key, modifiers)
    QApplication.processEvents()  # as the event loop would between two key presses (queued commits)


def shift_tab(modifiers=Mod.NoModifier) -> None:
    """Shift+Tab as a keyboard sends it: Backtab, with Shift held."""
    press(Key.Key_Backtab, modifiers | Mod.ShiftModifier)


def type_text(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)
    QApplication.processEvents()


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def activate(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def keyboard_window(qtbot, sample_window):
    """The sample as the coordinator, in the active window, the outline focused on section 1."""
    window = sample_window(COORDINATOR)
    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.waitUntil(lambda: focused() is window.tree)
    return window


# -- the Tab order ----------------------------------------------------------------------------------

def test_tab_goes_outline_heading_text_then_ctrl_tab_to_the_signoff_panel_and_round_again(keyboard_window):
    window = keyboard_window
    editor, panel = window.editor, window.signoff_panel
    assert editor.is_editable(), "section 1 is the coordinator's: its text keeps Tab"
    press(Key.Key_Tab)
    assert focused() is editor.heading
    press(Key.Key_Tab)
    assert focused() is editor.text
    press(Key.Key_Tab)
    assert focused() is editor.text, "Tab in the text is a character, not a way out"
    assert "\t" in editor.text.toPlainText()
    press(Key.Key_Tab, Mod.ControlModifier)
    assert focused() is panel.table
    press(Key.Key_Tab)
    assert focused() is panel.blockers, "Tab leaves the matrix (arrows move inside it)"
    press(Key.Key_Tab)
    assert focused() is window.tree

    # And back, Shift+Tab by Shift+Tab, with Ctrl+Shift+Tab out of the text.
    shift_tab()
    assert focused() is panel.blockers
    shift_tab()
    assert focused() is panel.table
    shift_tab()
    assert focused() is editor.text
    shift_tab(Mod.ControlModifier)
    assert focused() is editor.heading
    shift_tab()
    assert focused() is window.tree


@pytest.mark.parametrize("where", ["table", "list"])
def test_ctrl_tab_leaves_a_table_cell_or_a_list_item_where_tab_means_something_else(keyboard_window, where):
    window = keyboard_window
    editor, matrix = window.editor, window.signoff_panel.table
    press(Key.Key_F6)
    assert focused() is editor.text
    if where == "table":
        editor.insert_table(2, 2)
        assert editor.tables.current_table() is not None
    else:
        editor.set_list("bullet")
        assert editor.text.textCursor().currentList() is not None
    press(Key.Key_Tab, Mod.ControlModifier)
    assert focused() is matrix
    press(Key.Key_F6, Mod.ShiftModifier)
    assert focused() is editor.text
    shift_tab(Mod.ControlModifier)
    assert focused() is editor.heading


def test_a_read_only_text_lets_tab_through(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    activate(qtbot, window)
    project = window.document.project
    theirs = next(s for s in project.all_sections() if "kirklees" not in s.editors())
    window.select_section(theirs.id)
    window.tree.setFocus()
    assert not window.editor.is_editable()
    for expected in (window.editor.heading, window.editor.text, window.signoff_panel.table):
        press(Key.Key_Tab)
        assert focused() is expected


def test_a_read_only_text_can_be_read_selected_and_copied_by_keyboard(qtbot, sample_window):
    window = sample_window(KIRKLEES_LEAD)
    activate(qtbot, window)
    project = window.document.project
    theirs = next(s for s in project.all_sections() if "kirklees" not in s.editors())
    window.select_section(theirs.id)
    window.editor.text.setFocus()
    assert not window.editor.is_editable()
    press(Key.Key_Home, Mod.ControlModifier)  # a caret to read with, and select from
    press(Key.Key_End, Mod.ShiftModifier)
    selected = window.editor.text.textCursor().selectedText()
    assert selected and theirs.blocks[0].spans[0].text.startswith(selected[:20])
    press(Key.Key_C, Mod.ControlModifier)
    assert QApplication.clipboard().text() == selected
    type_text("x")
    assert window.editor.text.toPlainText().startswith(selected), "still read only"


def test_f6_moves_between_the_panes_that_are_showing(qtbot, keyboard_window):
    window = keyboard_window
    text, matrix = window.editor.text, window.signoff_panel.table
    for expected in (text, matrix, window.tree, text):
        press(Key.Key_F6)
        assert focused() is expected
    for expected in (window.tree, matrix):
        press(Key.Key_F6, Mod.ShiftModifier)
        assert focused() is expected
    # The same from the menu, and a closed pane is skipped.
    window.signoff_dock.hide()
    text.setFocus()
    window.app_actions.next_pane.trigger()
    assert focused() is window.tree


def test_the_start_page_opens_a_recent_project_by_tab_and_enter(qtbot, make_window, tmp_path):
    from wyassembler.ui.common import prefs

    path = tmp_path / "response.wyproj"
    storage.save_project(files.sample_project(), path)
    prefs.add_recent(path)
    window = make_window(COORDINATOR)
    activate(qtbot, window)
    visited = [focused()]
    while focused() is not window.start_page.recent and len(visited) < 10:
        press(Key.Key_Tab)
        visited.append(focused())
    assert focused() is window.start_page.recent, f"Tab never reached the recent projects: {visited}"
    assert len({w for w in visited if w is not None and w.objectName() == "startButton"}) == 3, \
        "New, Open and the Sample on the way"
    press(Key.Key_Down)
    press(Key.Key_Return)
    assert window.document is not None and window.document.path == path
    assert focused() is window.tree


def test_enter_in_the_signoff_matrix_shows_that_section(keyboard_window):
    window = keyboard_window
    project = window.document.project
    window.signoff_panel.table.setFocus()
    press(Key.Key_Down)
    press(Key.Key_Down)
    press(Key.Key_Return)
    assert window.current_section() is project.find_section("3")
    assert window.editor.section is project.find_section("3")


# -- menus, actions and keys --------------------------------------------------------------------------

def menus_of(window) -> dict[str, QMenu]:
    """Every menu a person meets: the menu bar's, their submenus, and the outline's context menu."""
    found: dict[str, QMenu] = {}

    def walk(menu: QMenu, path: str) -> None:
        found[path] = menu
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {action.text()}")

    for action in window.menuBar().actions():
        walk(action.menu(), action.text())
    context = QMenu()
    context.addActions(window.tree.actions())  # the tree shows its actions as its context menu
    found["outline context menu"] = context
    return found


def mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString().lower()


def assert_unique_mnemonics(where: str, actions: list[QAction]) -> None:
    seen: dict[str, str] = {}
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue  # the unused places of the recent-files pool are hidden
        letter = mnemonic(action.text())
        assert letter, f"{where}: {action.text()!r} has no mnemonic (no & before a letter)"
        assert letter not in seen, f"{where}: {action.text()!r} and {seen[letter]!r} share {letter}"
        seen[letter] = action.text()


def test_every_menu_and_the_menu_bar_have_one_mnemonic_per_letter(sample_window):
    window = sample_window()
    assert_unique_mnemonics("menu bar", window.menuBar().actions())
    for path, menu in menus_of(window).items():
        assert_unique_mnemonics(path, menu.actions())


def test_the_same_mnemonics_hold_on_the_start_page_with_recent_files(qtbot, make_window, tmp_path):
    from wyassembler.ui.common import prefs

    for name in ("a", "b", "c"):
        storage.save_project(files.sample_project(), tmp_path / f"{name}.wyproj")
        prefs.add_recent(tmp_path / f"{name}.wyproj")
    window = make_window()
    for path, menu in menus_of(window).items():
        assert_unique_mnemonics(path, menu.actions())


def assert_unique_dialog_mnemonics(dialog: QWidget) -> None:
    """Alt+letter in a dialog goes to one button or labelled field, not to two in turn."""
    texts = ([button.text() for button in dialog.findChildren(QAbstractButton)]
             + [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
             + [box.title() for box in dialog.findChildren(QGroupBox)])
    seen: dict[str, str] = {}
    for text in texts:
        letter = mnemonic(text)
        if letter:
            assert letter not in seen, f"{type(dialog).__name__}: {text!r} and {seen[letter]!r} share {letter}"
            seen[letter] = text




def every_dialog(window, tmp_path) -> list[QWidget]:
    from wyassembler.ui.dialogs.answers import ExportAnswersDialog
    from wyassembler.ui.dialogs.backups import BackupsDialog
    from wyassembler.ui.dialogs.confidential import ConfidentialDialog
    from wyassembler.ui.dialogs.conflicts import ConflictsDialog, MergedTextDialog
    from wyassembler.ui.dialogs.forms import IdentityDialog, NewResponseDialog, NoteDialog
    from wyassembler.ui.dialogs.keys import ConfirmKeyDialog, KeysDialog, NewKeyDialog
    from wyassembler.ui.dialogs.project import PartnersDialog, PropertiesDialog
    from wyassembler.ui.dialogs.report import ReportDialog
    from wyassembler.ui.dialogs.link import LinkDialog
    from wyassembler.ui.dialogs.table_size import TableSizeDialog
    from wyassembler.ui.editor.links import LinkTarget
    from wyassembler.ui.dialogs.word_import import ImportWordDialog

    project = window.document.project
    section = project.find_section("2")
    return [BackupsDialog(tmp_path / "response.wyproj", window),
            ConflictsDialog(*two_conflict_copies(), True, "", window), MergedTextDialog(project, section, window),
            NewKeyDialog("H. Dawson", window),
            ConfirmKeyDialog("ab" * 32, "Leeds City Council", window), KeysDialog(project, None, window),
            ReportDialog("Imported", "What came in", [("Dropped", ["an image"])], window, document="x.docx"),
            ExportDialog(project, None, window), PropertiesDialog(project, True, window),
            PartnersDialog(project, True, window), IdentityDialog(None, project, window), NewResponseDialog(window),
            AddSectionDialog(project, None, "At the end.", window),
            OwnershipDialog(project, section.owner, section.contributors, section.heading, window),
            NoteDialog("the whole response", window), TableSizeDialog(window),
            LinkDialog(LinkTarget(0, 0, "", ""), window),
            ImportWordDialog(tmp_path / "last-year.docx", COORDINATOR, window),
            ExportAnswersDialog(project, None, window), ConfidentialDialog("section 2", "", window)]


def test_every_dialog_has_one_mnemonic_per_letter(sample_window, tmp_path):
    for dialog in every_dialog(sample_window(), tmp_path):
        assert_unique_dialog_mnemonics(dialog)


def app_actions(window) -> dict[str, QAction]:
    """Every QAction in Actions, by attribute name (the recent-file pool as recent[i])."""
    found = {}
    for name, value in vars(window.app_actions).items():
        if isinstance(value, QAction):
            found[name] = value
        elif isinstance(value, list) and value and all(isinstance(v, QAction) for v in value):
            found.update({f"{name}[{i}]": action for i, action in enumerate(value)})
    return found


# Actions that may be left out of the menus, and why. None today: add one only with its reason.
NOT_IN_A_MENU: dict[str, str] = {}


def test_every_action_is_in_a_menu(sample_window):
    window = sample_window()
    bar_menus = [m for path, m in menus_of(window).items() if path != "outline context menu"]
    in_menus = {action for menu in bar_menus for action in menu.actions()}
    missing = [name for name, action in app_actions(window).items()
               if action not in in_menus and name not in NOT_IN_A_MENU]
    assert not missing, f"not in any menu of the menu bar: {missing}"
    assert len(app_actions(window)) > 60


def shortcuts_in(window) -> list[tuple[str, str]]:
    """(key, owner) for every key the window binds: its actions' and its QShortcuts'."""
    from PySide6.QtGui import QShortcut

    bound = [(key.toString(), name) for name, action in app_actions(window).items() for key in action.shortcuts()]
    for action in window.findChildren(QAction):
        if action not in app_actions(window).values():
            bound += [(key.toString(), action.text()) for key in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        bound += [(shortcut.key().toString(), f"QShortcut {shortcut.key().toString()}")]
    return bound


def test_no_key_is_bound_twice(sample_window):
    window = sample_window()
    owners: dict[str, str] = {}
    for key, owner in shortcuts_in(window):
        assert key not in owners, f"{key} is bound to both {owners[key]} and {owner}"
        owners[key] = owner


def test_no_shortcut_uses_ctrl_and_alt_together(sample_window):
    # AltGr arrives as Ctrl+Alt on Windows: Ctrl+Alt+A would fire instead of typing a Polish ą.
    window = sample_window()
    for key, owner in shortcuts_in(window):
        combined = QKeySequence(key)[0].keyboardModifiers()
        both = Mod.ControlModifier | Mod.AltModifier
        assert combined & both != both, f"{owner} uses {key}, which AltGr types on some keyboards"


STANDARD = {"new_project": "New", "open_project": "Open", "save": "Save", "save_as": "SaveAs",
            "close_project": "Close", "quit": "Quit", "undo": "Undo", "redo": "Redo", "cut": "Cut",
            "copy": "Copy", "paste": "Paste", "bold": "Bold", "italic": "Italic", "delete_section": "Delete"}
EXPECTED = {"link": "Ctrl+K", "export": "Ctrl+E", "add_section": "Ctrl+Shift+N", "add_subsection": "Ctrl+Shift+I",
            "rename_section": "F2", "move_up": "Ctrl+Shift+Up", "move_down": "Ctrl+Shift+Down",
            "indent_section": "Alt+Shift+Right", "outdent_section": "Alt+Shift+Left", "sign_off": "Ctrl+Shift+A",
            "reload": "Ctrl+Shift+R", "next_pane": "F6", "previous_pane": "Shift+F6"}


def test_the_platforms_standard_keys_and_the_expected_ones(sample_window):
    actions = app_actions(sample_window())
    for name, standard in STANDARD.items():
        assert actions[name].shortcuts() == QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, standard)), name
    for name, key in EXPECTED.items():
        assert actions[name].shortcut().toString() == key, name


# -- a coordinator's day, by keyboard ---------------------------------------------------------------

def answered_by_keys(qtbot, keys):
    """A stand-in for a dialog's exec: show it, let ``keys(dialog)`` press keys at it, and return what
    those keys made of it (they must close it, as Enter or Escape would)."""

    def exec_(dialog):
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        activate(qtbot, dialog)
        qtbot.waitUntil(lambda: focused() is not None and dialog.isAncestorOf(focused()))
        keys(dialog)
        assert not dialog.isVisible(), "the keys pressed left the dialog open"
        # The window manager hands the window back its activation (and its focus); offscreen, the test does.
        activate(qtbot, dialog.parentWidget().window())
        return dialog.result()

    return exec_


def test_a_coordinator_does_the_whole_job_with_the_keyboard_alone(qtbot, make_window, dialogs, monkeypatch,
                                                                    tmp_path):
    path = tmp_path / "response.wyproj"
    storage.save_project(files.sample_project(), path)
    window = make_window(COORDINATOR)
    activate(qtbot, window)

    # Open the project: Ctrl+O (the file dialog answers with the path).
    dialogs.open_path = str(path)
    press(Key.Key_O, Mod.ControlModifier)
    assert window.document is not None and window.document.path == path
    project = window.document.project
    assert focused() is window.tree, "an opened project starts in its outline"
    press(Key.Key_Down)  # section 2 selected
    assert window.current_section() is project.find_section("2")

    # Add a section after it: Ctrl+Shift+N, type the heading, Enter.
    def add_funding(dialog):
        assert focused() is dialog.heading
        type_text("Fundin")
        press(Key.Key_Return)

    monkeypatch.setattr(AddSectionDialog, "exec", answered_by_keys(qtbot, add_funding))
    press(Key.Key_N, CTRL_SHIFT)
    added = project.find_section("3")
    assert (added.heading, added.owner) == ("Fundin", "joint-services")
    assert window.current_section() is added

    # Its heading and text in the editor: Tab, fix the heading, Tab, type.
    assert focused() is window.tree
    press(Key.Key_Tab)
    assert focused() is window.editor.heading
    press(Key.Key_End)
    type_text("g and resources")
    press(Key.Key_Tab)
    assert added.heading == "Funding and resources"
    assert focused() is window.editor.text
    type_text("We ask for a fund for shared services.")

    # Move it up, from the text: Ctrl+Shift+Up (the typing is kept first).
    press(Key.Key_Up, CTRL_SHIFT)
    assert project.number_of(added) == "2"
    assert "We ask for a fund" in "".join(span.text for span in added.blocks[0].spans)

    # Sign it off (Ctrl+Shift+A): the coordinator owns it.
    press(Key.Key_A, CTRL_SHIFT)
    assert signoff.section_state(added, added.owner) == signoff.APPROVED

    # Owner and Contributors by the Section menu (Alt+S, N): Leeds contributes.
    def add_leeds(dialog):
        assert focused() is dialog.owner
        press(Key.Key_Tab)
        assert focused() is dialog.contributors
        type_text("Leeds")  # the list's own search goes to Leeds City Council
        press(Key.Key_Space)
        press(Key.Key_Return)

    monkeypatch.setattr(OwnershipDialog, "exec", answered_by_keys(qtbot, add_leeds))
    press(Key.Key_S, Mod.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(Key.Key_N)
    assert (added.owner, added.contributors) == ("joint-services", ["leeds"])

    # Endorse the response by the Sign-off menu (Alt+I, E).
    press(Key.Key_I, Mod.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(Key.Key_E)
    assert signoff.endorsement_states(project)[project.coordinator] == signoff.ENDORSED

    # Export (Ctrl+E): Alt+E exports, Escape closes the dialog once it is done.
    exported: list[ExportDialog] = []

    def export(dialog):
        exported.append(dialog)
        press(Key.Key_E, Mod.AltModifier)
        qtbot.waitUntil(lambda: dialog.output_path is not None and not dialog.is_running(), timeout=20_000)
        assert_unique_dialog_mnemonics(dialog)  # with Export Again, Open Document and Open Folder showing
        press(Key.Key_Escape)

    monkeypatch.setattr(ExportDialog, "exec", answered_by_keys(qtbot, export))
    press(Key.Key_E, Mod.ControlModifier)
    out = exported[0].output_path
    assert out is not None and out.exists(), exported[0].status.text()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Funding and resources" in text and "We ask for a fund for shared services." in text

    # Save: Ctrl+S; the file holds the day's work.
    press(Key.Key_S, Mod.ControlModifier)
    qtbot.waitUntil(lambda: not window.is_saving(), timeout=20_000)
    saved = storage.load(path).project
    assert saved.find_section("2").heading == "Funding and resources"


# -- what the File menu's keys run ----------------------------------------------------------------------
# QAction.triggered passes "checked" (False) to a slot that takes an argument: Close Project once
# received it as ask=False, and Save and Save As as a "then" to call after saving.

def test_ctrl_w_asks_before_closing_unsaved_work(keyboard_window, dialogs):
    window = keyboard_window
    press(Key.Key_F2)  # rename section 1 in the outline
    type_text("Renamed by keyboard")
    press(Key.Key_Return)
    assert window.document.is_dirty()
    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    press(Key.Key_W, Mod.ControlModifier)
    assert any("Save your changes" in text for text in dialogs.shown)
    assert window.document is not None, "Cancel keeps the project open"


@pytest.mark.parametrize("save_as", [False, True])
def test_ctrl_s_and_ctrl_shift_s_save_and_finish_cleanly(qtbot, make_window, dialogs, tmp_path, save_as):
    path = tmp_path / "response.wyproj"
    storage.save_project(files.sample_project(), path)
    window = make_window(COORDINATOR)
    activate(qtbot, window)
    assert window.open_path(path)
    press(Key.Key_F2)
    type_text("Renamed by keyboard")
    press(Key.Key_Return)
    dialogs.save_path = str(tmp_path / "copy.wyproj")
    press(Key.Key_S, CTRL_SHIFT if save_as else Mod.ControlModifier)
    qtbot.waitUntil(lambda: not window.is_saving(), timeout=20_000)
    saved = storage.load(tmp_path / "copy.wyproj" if save_as else path).project
    assert saved.find_section("1").heading == "Renamed by keyboard"
    assert not window.document.is_dirty()


def test_no_action_hands_checked_to_an_optional_argument(sample_window):
    """Every ``X.triggered.connect(slot)`` in the window's one wiring place: a slot that takes arguments
    with defaults would get QAction's checked (False) as its first (the rule the three above broke)."""
    import ast
    import inspect
    import textwrap

    from wyassembler.ui.main_window import MainWindow

    window = sample_window()
    function = ast.parse(textwrap.dedent(inspect.getsource(MainWindow._connect_signals))).body[0]
    names: dict[str, object] = {"self": window}
    checked = 0
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):  # a = self.app_actions; editing, sections, … = self.editing, …
            exec(compile(ast.Module([node], []), "<wiring>", "exec"), {}, names)
    for node in ast.walk(function):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "triggered"
                and not isinstance(node.args[0], ast.Lambda)):
            slot = eval(compile(ast.Expression(node.args[0]), "<wiring>", "eval"), {}, names)
            try:
                parameters = inspect.signature(slot).parameters.values()
            except ValueError:
                continue  # a slot of Qt's own (QWidget.close): Qt passes it only the arguments it declares
            optional = [p.name for p in parameters if p.default is not inspect.Parameter.empty]
            assert not optional, f"{ast.unparse(node)}: {slot.__qualname__} would get checked as {optional[0]}"
            checked += 1
    assert checked > 40
