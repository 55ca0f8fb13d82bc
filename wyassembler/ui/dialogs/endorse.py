"""Endorse the whole response, endorse it with reservations, or decline to endorse it (issue 18).

The dialog gathers the decision and checks each reservation with the core as it is added
(:func:`wyassembler.core.signoff.reservation`: text said, section still there); the operation that opened
it records the decision as one undoable step. It opens on the organisation's standing decision, so a
partner changing its reservations starts from the ones it gave.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from ...core import signoff
from ...core.errors import WyassemblerError
from ...core.declarations import reservation_phrase
from ...core.model import Project
from ...core.partner_records import DECLINED, Reservation
from ...core.refusals import sentence
from ..common.submit_keys import send_with_ctrl_enter

ENDORSE, WITH_RESERVATIONS, DECLINE = "endorse", "reservations", "decline"
_OK_TEXT = {ENDORSE: "Endorse", WITH_RESERVATIONS: "Endorse with Reservations", DECLINE: "Decline"}


def _note_edit(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab goes on to the next control instead of typing a tab
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit


class EndorseDialog(QDialog):
    """The acting organisation's decision on the whole response: endorse, endorse with reservations (each
    on the whole response or one section), or decline (with a note, and whether to be named)."""

    def __init__(self, project: Project, org_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Endorse or Decline the Response")
        self._project = project
        intro = QLabel(f"Decide for {project.org_label(org_id)} on the whole response as it stands now. The "
                       "exported response says on whose behalf it is made, with each partner's reservations, "
                       "and names those who decline if they ask to be named.")
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.endorse = QRadioButton("&Endorse the response")
        self.with_reservations = QRadioButton("Endorse with &reservations")
        self.decline = QRadioButton("&Decline to endorse")
        self.choices = QButtonGroup(self)
        for button, choice in ((self.endorse, ENDORSE), (self.with_reservations, WITH_RESERVATIONS),
                               (self.decline, DECLINE)):
            button.setProperty("choice", choice)
            self.choices.addButton(button)
        self.reservations_box = self._reservations_box()
        self.decline_box = self._decline_box()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for widget in (self.endorse, self.with_reservations, self.reservations_box, self.decline, self.decline_box,
                       self.buttons):
            layout.addWidget(widget)
        self._start_from(signoff.latest_by_org(project.endorsements).get(org_id))
        self.choices.buttonToggled.connect(lambda *_: self._update())
        self.reservation_text.textChanged.connect(self._update)
        self.reservation_list.currentRowChanged.connect(self._update)
        self._update()
        # Ctrl+Enter in a note is OK (which adds a reservation typed but not added); Enter: a new line.
        send_with_ctrl_enter(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.resize(600, self.sizeHint().height())

    def _reservations_box(self) -> QGroupBox:
        box = QGroupBox("Reservations")
        self.reservation_list = QListWidget()
        self.reservation_list.setAccessibleName("Reservations given")
        self.reservation_list.setWordWrap(True)
        self.reservation_list.setResizeMode(QListWidget.ResizeMode.Adjust)  # long reservations wrap to the width
        self.reservation_list.setMaximumHeight(self.reservation_list.fontMetrics().lineSpacing() * 5 + 12)
        self.reservation_on = QComboBox()
        self.reservation_on.setAccessibleName("The reservation is on")
        # A long heading would widen the dialog past the screen: the list shows it whole, the field elides.
        self.reservation_on.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reservation_on.setMinimumContentsLength(30)
        self.reservation_on.addItem("The whole response", "")
        for number, level, section in self._project.walk():
            self.reservation_on.addItem(f"{'   ' * (level - 1)}Section {number}  {section.heading}", section.id)
        self.reservation_text = _note_edit("Reservation text", "What your organisation does not agree with")
        self.add_button = QPushButton("&Add Reservation")
        self.remove_button = QPushButton("Re&move Reservation")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)  # Enter presses the dialog's own OK, never Add or Remove by focus
        self.add_button.clicked.connect(self.add_reservation)
        self.remove_button.clicked.connect(self._remove_reservation)
        self.problem = QLabel()
        self.problem.setObjectName("refusedReason")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        form = QFormLayout(box)
        form.addRow(self.reservation_list)
        form.addRow("&On:", self.reservation_on)
        form.addRow("Reservation &text:", self.reservation_text)
        form.addRow(buttons)
        form.addRow(self.problem)
        return box

    def _decline_box(self) -> QGroupBox:
        box = QGroupBox("Declining")
        self.decline_note = _note_edit("Why the organisation declines", "Optional: why your organisation does "
                                       "not endorse the response (shown to the other partners)")
        self.named = QCheckBox("&Name us as not endorsing in the response")
        self.named.setToolTip("The exported response's statement lists your organisation among those that do "
                              "not endorse it; otherwise it is left out without a word")
        form = QFormLayout(box)
        form.addRow("&Why:", self.decline_note)
        form.addRow(self.named)
        return box

    def _start_from(self, standing) -> None:
        """Open on the organisation's standing decision (a plain endorsement for anything else)."""
        if standing is not None and standing.decision == DECLINED:
            self.decline.setChecked(True)
            self.decline_note.setPlainText(standing.note)
            self.named.setChecked(standing.named)
            return
        kept = [r for r in standing.reservations if self._section_exists(r.section)] if standing else []
        for reservation in kept:
            self._list(reservation)
        (self.with_reservations if kept else self.endorse).setChecked(True)

    def _section_exists(self, section_id: str) -> bool:
        return not section_id or any(section.id == section_id for section in self._project.all_sections())

    def choice(self) -> str:
        """ENDORSE, WITH_RESERVATIONS or DECLINE."""
        checked = self.choices.checkedButton()
        return str(checked.property("choice")) if checked is not None else ENDORSE

    def reservations(self) -> tuple[Reservation, ...]:
        """The reservations given, in the order added."""
        items = (self.reservation_list.item(row) for row in range(self.reservation_list.count()))
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items)

    def note(self) -> str:
        """The decline's note, as typed (without surrounding white space)."""
        return self.decline_note.toPlainText().strip()

    def add_reservation(self) -> bool:
        """Add the reservation typed, on the section chosen, checked by the core; False (the reason shown)
        if it is refused."""
        try:
            reservation = signoff.reservation(self._project, self.reservation_text.toPlainText(),
                                              self.reservation_on.currentData() or "")
        except WyassemblerError as error:
            self._say(str(error))
            return False
        if reservation in self.reservations():
            self._say("That reservation is in the list already")
            return False
        self._list(reservation)
        self.reservation_text.clear()
        self._say("")
        # Where the one added shows (and a screen reader says it); Tab goes on to add another, Enter to OK.
        self.reservation_list.setFocus()
        return True

    def _list(self, reservation: Reservation) -> None:
        item = QListWidgetItem(sentence(reservation_phrase(self._project, reservation)))
        item.setData(Qt.ItemDataRole.UserRole, reservation)
        self.reservation_list.addItem(item)
        self.reservation_list.setCurrentItem(item)

    def _remove_reservation(self) -> None:
        row = self.reservation_list.currentRow()
        if row >= 0:
            self.reservation_list.takeItem(row)
        self._update()

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self._update()

    def _update(self) -> None:
        """Only the chosen decision's part is open; OK says what it does, and why it waits."""
        choice = self.choice()
        self.reservations_box.setEnabled(choice == WITH_RESERVATIONS)
        self.decline_box.setEnabled(choice == DECLINE)
        typed = bool(self.reservation_text.toPlainText().strip())
        self.add_button.setEnabled(typed)
        self.remove_button.setEnabled(self.reservation_list.currentRow() >= 0)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_OK_TEXT[choice])
        waiting = choice == WITH_RESERVATIONS and not typed and not self.reservations()
        ok.setEnabled(not waiting)
        ok.setToolTip("Add at least one reservation, or choose to endorse without any" if waiting else "")

    def accept(self) -> None:
        # A reservation typed but not added is what the person means to give: add it rather than drop it.
        typed = self.choice() == WITH_RESERVATIONS and self.reservation_text.toPlainText().strip()
        if typed and not self.add_reservation():
            return
        if self.choice() == DECLINE:
            try:  # checked here, not after the key's passphrase has been asked for
                signoff.decision_note(DECLINED, self.note())
            except WyassemblerError as error:
                self._say(str(error))
                return
        super().accept()
