"""The Accessibility view's place in the window: a dock tabbed beside the sign-off matrix and the
questions, shown by View › Accessibility Check (also in the Project menu), following the open project.

Made by :class:`ProjectOperations` (the window is at its size limit), this object builds the dock and
wires it itself: it learns of another project from the outline model's reset (the one change that
resets it: opening or closing a project), then follows that document's changes and reloads; a row
chosen selects its section in the outline, as the Questions panel's does, and then the problem's
passage in the editor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QDockWidget

from ..panels.accessibility_panel import AccessibilityPanel
from ..project.document import ProjectDocument

if TYPE_CHECKING:
    from ..main_window import MainWindow


class AccessibilityOperations:
    """The Accessibility dock for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._document: ProjectDocument | None = None
        self._wanted = False  # showing when the last project closed: shown again with the next
        self.panel = AccessibilityPanel()
        self.dock = QDockWidget("Accessibility", window)
        self.dock.setObjectName("accessibilityDock")
        self.dock.setWidget(self.panel)
        window.tabifyDockWidget(window.questions_dock, self.dock)
        self.dock.hide()
        window.app_actions.show_accessibility.triggered.connect(lambda: self.show())
        window.outline_model.modelReset.connect(self._follow_document)
        self.panel.section_activated.connect(self.go_to)
        self.dock.visibilityChanged.connect(self.panel.set_showing)
        self.panel.check_again.clicked.connect(self.check_now)
        # After the window has put back its layout (which may have had this dock showing): none on the start page.
        QTimer.singleShot(0, self._follow_document)

    def show(self, template: Path | None = None) -> None:
        """Bring the view to the front (shown again if closed), checked now, the focus in its table; with
        ``template`` (the export dialog's choice), checked with that template from now on."""
        if self.window.document is None:
            return
        if template is not None:
            self.panel.template = template
        self.dock.show()
        self.dock.raise_()
        self.panel.set_showing(True)
        self.check_now()
        self.panel.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to(self, section_id: str, passage: str) -> None:
        """A row chosen: its section selected in the outline and shown, then the faulty passage selected in
        the heading or the text and scrolled into view (only the section when the text changed since)."""
        self.window.select_section(section_id)
        editor = self.window.editor
        if passage and editor.section is not None and editor.section.id == section_id:
            editor.show_passage(passage)

    def check_now(self) -> None:
        """Check Again: what was typed in the section shown counts (it becomes a revision first)."""
        if self.window.document is not None and self.window.commit_editor():
            self.panel.refresh()

    def _follow_document(self) -> None:
        document = self.window.document
        if document is self._document:
            self.dock.setVisible(self.dock.isVisible() and document is not None)
            return
        if self._document is not None:
            self._wanted = self.dock.isVisible()
            for signal, slot in ((self._document.changed, self.panel.follow_change),
                                 (self._document.reloaded, self.panel.follow_change)):
                signal.disconnect(slot)
        self._document = document
        if document is not None:
            document.changed.connect(self.panel.follow_change)
            document.reloaded.connect(self.panel.follow_change)
        self.panel.set_document(document)
        self.dock.setVisible(document is not None and self._wanted)
