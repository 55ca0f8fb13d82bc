"""The sign-off matrix as a Qt table model: every section by every partner, then the whole
response (endorsements), read from one call to the core's ``signoff_matrix``.

The model keeps the row and column order the views were told about (section ids, organisation
ids), so a change to the project is announced as the rows and columns removed, inserted and moved
(beginRemoveRows, beginInsertColumns, beginMoveRows, ...) and the cells that changed, never as a
reset; only showing another project resets it.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ...core import signoff
from ...core.authority import latest_authorities
from ...core.declarations import reservation_phrase
from ...core.model import Organisation, Project, SignOff
from ...core.partner_records import DECLINED, Authority
from ...core.refusals import sentence
from ...core.signature_policy import signatures_required
from ...core.verification import (UNSIGNED, VALID, SignatureCheck, endorsement_signatures,
                                  section_signature_states, signature_states)
from ..common.icons import signature_word, signed_state_icon, state_icon, state_word
from ..project.document import ProjectDocument

SHORT_WORDS = {
    signoff.APPROVED: "Approved",
    signoff.ENDORSED: "Endorsed",
    signoff.ENDORSED_WITH_RESERVATIONS: "With reservations",
    DECLINED: "Declined",
    signoff.STALE: "Stale",
    signoff.CHANGES_REQUESTED: "Changes",
    signoff.PENDING: "Pending",
}
# The ids of the rows and columns that are not a section or an organisation (no section or
# organisation id is empty).
RESPONSE_ROW = ""
SECTION_COLUMN = ""
Index = QModelIndex | QPersistentModelIndex


class ListSteps:
    """How a table model announces a step on its rows (``rows``) or its columns."""

    def __init__(self, model: QAbstractTableModel, rows: bool) -> None:
        self.model, self.rows = model, rows

    def begin_remove(self, at: int) -> None:
        m, none = self.model, QModelIndex()
        m.beginRemoveRows(none, at, at) if self.rows else m.beginRemoveColumns(none, at, at)

    def end_remove(self) -> None:
        self.model.endRemoveRows() if self.rows else self.model.endRemoveColumns()

    def begin_insert(self, at: int) -> None:
        m, none = self.model, QModelIndex()
        m.beginInsertRows(none, at, at) if self.rows else m.beginInsertColumns(none, at, at)

    def end_insert(self) -> None:
        self.model.endInsertRows() if self.rows else self.model.endInsertColumns()

    def begin_move(self, at: int, to: int) -> bool:
        m, none = self.model, QModelIndex()
        return m.beginMoveRows(none, at, at, none, to) if self.rows else m.beginMoveColumns(none, at, at, none, to)

    def end_move(self) -> None:
        self.model.endMoveRows() if self.rows else self.model.endMoveColumns()


def follow_list(shown: list[str], wanted: list[str], steps: ListSteps) -> None:
    """Turn ``shown`` (the list a model's views know) into ``wanted`` one announced step at a time:
    removals from the bottom up, then each wanted item inserted or moved up into its place."""
    keep = set(wanted)
    for row in reversed(range(len(shown))):
        if shown[row] not in keep:
            steps.begin_remove(row)
            del shown[row]
            steps.end_remove()
    for row, item in enumerate(wanted):
        if row < len(shown) and shown[row] == item:
            continue
        if item in shown:
            # Rows above ``row`` are in their places already, so the item comes up from below.
            moved = steps.begin_move(shown.index(item), row)
            assert moved, f"Qt refused to move {item!r} to {row}"
            shown.remove(item)
            shown.insert(row, item)
            steps.end_move()
        else:
            steps.begin_insert(row)
            shown.insert(row, item)
            steps.end_insert()


class SignoffMatrixModel(QAbstractTableModel):
    """Rows: every section, then the whole response (endorsements). Columns: the section, then each partner."""

    SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, document: ProjectDocument | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.matrix: signoff.SignoffMatrix | None = None
        self._rows: list[str] = []  # section ids, then RESPONSE_ROW, as the views know them
        self._columns: list[str] = []  # SECTION_COLUMN, then organisation ids
        self._section_rows: dict[str, signoff.SectionRow] = {}
        self._orgs: dict[str, Organisation] = {}
        # Each organisation's latest decision's signature state, per section id (RESPONSE_ROW: endorsements).
        self._signatures: dict[str, dict[str, str]] = {}
        self._authorities: dict[str, Authority] = {}  # each organisation's standing authority record
        self._required = False  # signatures required as the signed records establish, not only the flag
        self._recompute()
        self._rows, self._columns = self._wanted(self.matrix)

    def set_document(self, document: ProjectDocument | None) -> None:
        """Show another project (or none): the one change that resets the model."""
        self.beginResetModel()
        self._document = document
        self._recompute()
        self._rows, self._columns = self._wanted(self.matrix)
        self.endResetModel()

    def refresh(self) -> None:
        """Follow the project: rows and columns removed, inserted and moved, then every cell repainted
        (the views repaint only the cells on screen)."""
        if self._document is None:
            return
        project = self._document.project
        matrix = signoff.signoff_matrix(project)
        # While rows and columns come and go, what the views already show stays as it was (it changes
        # by dataChanged at the end); what is new is readable as soon as it is inserted.
        self._section_rows = {**{row.section.id: row for row in matrix.rows}, **self._section_rows}
        self._orgs = {**{org.id: org for org in project.organisations}, **self._orgs}
        rows, columns = self._wanted(matrix)
        follow_list(self._rows, rows, ListSteps(self, rows=True))
        follow_list(self._columns, columns, ListSteps(self, rows=False))
        self._recompute(matrix)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def update_sections(self, section_ids: Collection[str]) -> None:
        """Follow a change to the content, heading or decisions of ``section_ids`` alone (the outline,
        owners, partners and keys as they were): their rows and the whole response's row are worked
        out again and repainted, no other. Anything else needs :meth:`refresh`."""
        if self._document is None or self.matrix is None:
            return
        changed = [section_id for section_id in section_ids if section_id in self._section_rows]
        project = self._document.project
        self.matrix = signoff.signoff_matrix_after(self.matrix, project, changed)
        rows, positions = self.matrix.rows, self.matrix.positions
        self._section_rows.update((section_id, rows[positions[section_id]]) for section_id in changed
                                  if section_id in positions)
        check = SignatureCheck(project)
        for section_id in changed:
            self._signatures[section_id] = section_signature_states(self._section_rows[section_id].section, check)
        self._signatures[RESPONSE_ROW] = endorsement_signatures(project)
        last = len(self._columns) - 1
        for section_id in [*changed, RESPONSE_ROW]:
            row = self._rows.index(section_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _recompute(self, matrix: signoff.SignoffMatrix | None = None) -> None:
        if self._document is None:
            self.matrix, self._section_rows, self._orgs, self._signatures = None, {}, {}, {}
            self._required, self._authorities = False, {}
            return
        project = self._document.project
        self._authorities = latest_authorities(project)
        self._signatures = {**signature_states(project), RESPONSE_ROW: endorsement_signatures(project)}
        self._required = signatures_required(project)
        self.matrix = matrix or signoff.signoff_matrix(project)
        self._section_rows = {row.section.id: row for row in self.matrix.rows}
        self._orgs = {org.id: org for org in project.organisations}

    def _wanted(self, matrix: signoff.SignoffMatrix | None) -> tuple[list[str], list[str]]:
        if self._document is None or matrix is None:
            return [], []
        return ([row.section.id for row in matrix.rows] + [RESPONSE_ROW],
                [SECTION_COLUMN] + [org.id for org in self._document.project.organisations])

    # -- the model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return self._row_label(section, role)
        if not 0 <= section < len(self._columns):
            return None
        org = self._orgs.get(self._columns[section])
        if role == Qt.ItemDataRole.DisplayRole:
            return org.label() if org is not None else "Section"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole) and org is not None:
            # The header shows the short name to keep the columns narrow; a screen reader says the whole,
            # and how the organisation approved the response.
            authority = self.authority_line(org.id)
            return f"{org.name}\n{authority}" if authority else org.name
        return None

    def _row_label(self, row: int, role: int):
        """A row's section (number and heading) as its row header: the view shows the section column there,
        where it stays in sight while the partners' columns scroll sideways; the whole heading in its tooltip."""
        if not 0 <= row < len(self._rows):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.FontRole):
            return self.data(self.index(row, 0), role)
        return None

    def _cell(self, row: int, column: int) -> tuple[str | None, str]:
        """(state or None when the organisation has no say, its role here)."""
        org_id = self._columns[column]
        if self._rows[row] == RESPONSE_ROW:
            document = self._document
            required = document is not None and org_id in document.project.required_endorsers()
            endorsements = self.matrix.endorsements if self.matrix is not None else {}
            return endorsements.get(org_id), "endorser" if required else "endorser (not required)"
        section_row = self._section_rows[self._rows[row]]
        return section_row.states.get(org_id), "owner" if org_id == section_row.section.owner else "contributor"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not index.row() < len(self._rows) or not index.column() < len(self._columns):
            return None
        row, column = index.row(), index.column()
        row_id = self._rows[row]
        is_response = row_id == RESPONSE_ROW
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if is_response:
                    return "Whole response (endorsement)"
                section_row = self._section_rows[row_id]
                return f"{section_row.number}  {section_row.section.heading}"
            if role == self.SECTION_ID_ROLE and not is_response:
                return row_id
            if role == Qt.ItemDataRole.FontRole and is_response:
                font = QFont()
                font.setBold(True)
                return font
            return None
        state, part = self._cell(row, column)
        signature = self.signature_at(row, self._columns[column]) if state else None
        if role == Qt.ItemDataRole.DisplayRole:
            if not state:
                return "\u2014"
            short = SHORT_WORDS.get(state, state)
            return short if signature is None or not self._says_signature(signature) \
                else f"{short} \u00b7 {signature_word(signature)}"
        if role == Qt.ItemDataRole.DecorationRole and state:
            return state_icon(state) if signature is None else signed_state_icon(state, signature)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            org = self._orgs[self._columns[column]]
            if state is None:
                return f"{org.name} does not sign this section"
            return (f"{org.name} ({part}): {state_word(state)}{self._signature_sentence(signature)}"
                    + self._request_note(row_id, org.id, state) + self._response_note(row_id, org.id, state)
                    + self._stale_note(row_id, state))
        if role == Qt.ItemDataRole.FontRole and state and part == "contributor":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and state is None:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _stale_note(row_id: str, state: str) -> str:
        """A section's stale approval: where to see what changed since (the bar above the section)."""
        if state != signoff.STALE or row_id == RESPONSE_ROW:
            return ""
        return ("\nShow the section, then Show Changes\u2026 above it (or Section \u203a Show Changes Since "
                "Approval\u2026)")

    def _request_note(self, row_id: str, org_id: str, state: str) -> str:
        """A standing request for changes, with its note, on a line of its own; "" for any other state."""
        if state != signoff.CHANGES_REQUESTED or self._document is None:
            return ""
        decisions = (self._document.project.endorsements if row_id == RESPONSE_ROW
                     else self._section_rows[row_id].section.signoffs)
        request = signoff.latest_by_org(decisions).get(org_id)
        return f"\n{signoff.request_phrase(request)}" if request is not None else ""

    def _response_note(self, row_id: str, org_id: str, state: str) -> str:
        """On the whole response's row: the reservations an endorsement stands with, or a decline's note,
        and the organisation's authority, each on lines of their own."""
        if row_id != RESPONSE_ROW or self._document is None:
            return ""
        project = self._document.project
        latest = signoff.latest_by_org(project.endorsements).get(org_id)
        lines = []
        if state == signoff.ENDORSED_WITH_RESERVATIONS and latest is not None:
            lines.append("Reservations:")
            lines.extend(f"\u2022 {sentence(reservation_phrase(project, reservation))}"
                         for reservation in latest.reservations)
        elif state == DECLINED and latest is not None:
            lines.append(decline_phrase(latest))
        lines.append(self.authority_line(org_id))
        return "".join(f"\n{line}" for line in lines if line)

    def authority_line(self, org_id: str) -> str:
        """How the organisation approved the response, as its standing authority record says; that none is
        recorded where the coordinator requires it, else ""."""
        authority = self._authorities.get(org_id)
        if authority is not None:
            return f"Authority: {authority.describe()}"
        required = self._document is not None and self._document.project.require_authority
        return "Authority: not recorded (the coordinator requires it)" if required else ""

    def state_at(self, row: int, org_id: str) -> str | None:
        """The state shown for ``org_id`` on matrix row ``row`` (the last row is the endorsements)."""
        return self._cell(row, self._columns.index(org_id))[0]

    def signature_at(self, row: int, org_id: str) -> str | None:
        """The signature state (valid, unsigned, invalid, revoked-key) of ``org_id``'s latest decision on
        matrix row ``row``; None when the organisation has made none there."""
        return self._signatures.get(self._rows[row], {}).get(org_id)

    def badge_texts(self) -> list[str]:
        """Every text a partner's cell can show now: each short state word, alone and with each signature
        word the decisions in the project give it (what the partners' columns are made wide enough for)."""
        marks = {signature_word(signature) for by_org in self._signatures.values() for signature in by_org.values()
                 if self._says_signature(signature)}
        return [f"{word}{mark}" for word in SHORT_WORDS.values() for mark in ["", *(f" \u00b7 {m}" for m in marks)]]

    def _says_signature(self, signature: str) -> bool:
        # "unsigned" on every cell of a partnership that does not sign would be noise; where signatures are
        # required it is the reason a decision does not count, so it is shown.
        return signature != UNSIGNED or self._required

    def _signature_sentence(self, signature: str | None) -> str:
        if signature is None:
            return ""
        required = self._required
        if signature == VALID:
            return "; signed with a confirmed key of the organisation"
        if signature == UNSIGNED:
            return "; unsigned" + (" (it does not count: this response requires signatures)" if required else "")
        reason = "the signature does not hold" if signature != "revoked-key" else "signed after the key was revoked"
        return f"; {signature_word(signature)}: {reason}" + (" (it does not count)" if required else "")


def decline_phrase(decline: SignOff) -> str:
    """Who declined and when, the note if any, and whether the organisation asks to be named."""
    text = f"Declined by {decline.person} on {decline.time:%d %b %Y}"
    text += f": \u201c{decline.note}\u201d" if decline.note else " (no note)"
    return text + ("; asks to be named as not endorsing" if decline.named else "; not named in the response")


def endorsement_sentence(project: Project, endorsements: dict[str, str]) -> str:
    """" and every partner has endorsed the response", or where a partner declined (which did not stop the
    export), ", and the response goes out on behalf of the 9 partners that endorse it (declined: Kirklees)":
    what follows "every section is signed off" when nothing blocks a final export."""
    required = project.required_endorsers()
    declined = [project.org_label(org) for org in required if endorsements.get(org) == DECLINED]
    if not declined:
        return " and every partner has endorsed the response"
    endorsing = sum(1 for org in required if endorsements.get(org) in signoff.ENDORSING)
    partners = "partner that endorses" if endorsing == 1 else "partners that endorse"
    return (f", and the response goes out on behalf of the {endorsing} {partners} it "
            f"(declined: {', '.join(declined)})")
