"""What ``wyassembler check`` finds, as a Qt table model for the Accessibility view: severity (an icon
and the word, never colour alone), where (the section's number and heading, "Whole response" or
"Template"), the problem, and what to do.

A thin adapter: the findings are the core's (:func:`core.checklist.check_project`, with the template's
from :func:`word.template_check.template_findings`, read once per template file and kept while the
file is unchanged: :func:`findings_for`). A new list resets the model only when it differs from the
one shown, so a change that fixes nothing leaves the view as it was.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from ...core.errors import WyassemblerError
from ...core.findings import ERROR, TEMPLATE, WHOLE_RESPONSE, Finding
from ...core.model import Project

Index = QModelIndex | QPersistentModelIndex
SEVERITY, PLACE, PROBLEM, ADVICE = range(4)
HEADERS = ("Severity", "Where", "Problem", "What to do")
SEVERITY_WORDS = {ERROR: "Error", "warning": "Warning"}
PLACE_WORDS = {WHOLE_RESPONSE: "Whole response", TEMPLATE: "Template"}

_template_cache: dict[tuple[str, int, int], list[Finding]] = {}
_cache_lock = threading.Lock()


def _template_key(template: str | os.PathLike | None) -> tuple[str, int, int] | None:
    """What the cache knows a template's findings by: its path, modification time and size (None: unreadable)."""
    if template is None:
        return ("", 0, 0)
    try:
        stat = Path(template).stat()
    except OSError:
        return None
    return (str(Path(template).resolve()), stat.st_mtime_ns, stat.st_size)


def template_part(template: str | os.PathLike | None) -> list[Finding]:
    """The template's findings (None: the built-in one), read once per file and kept until the file's
    modification time or size changes; a template that cannot be read is one finding saying so."""
    from ...word.template_check import template_findings

    key = _template_key(template)
    if key is None:
        return [Finding("template-unreadable", ERROR, f"The template {Path(template or '').name} cannot be read.",
                        "Choose another template, or the built-in one.", place=TEMPLATE)]
    with _cache_lock:
        cached = _template_cache.get(key)
    if cached is not None:
        return cached
    try:
        found = template_findings(template)
    except WyassemblerError as error:
        found = [Finding("template-unreadable", ERROR, f"The template cannot be read: {error}",
                         "Choose another template, or the built-in one.", place=TEMPLATE)]
    with _cache_lock:
        _template_cache[key] = found
    return found


def template_part_known(template: str | os.PathLike | None = None) -> bool:
    """Whether the findings of ``template`` (None: the built-in one), as the file is now, are read already."""
    key = _template_key(template)
    with _cache_lock:
        return key is not None and key in _template_cache


def findings_for(project: Project, template: str | os.PathLike | None = None) -> list[Finding]:
    """Everything ``wyassembler check`` would list for ``project`` exported with ``template``."""
    from ...core.checklist import check_project

    return check_project(project, template_part(template))


def place_text(project: Project | None, finding: Finding) -> str:
    """Where a finding is, in words: "3.1 Transport", "Whole response", "Template" (or its own phrase)."""
    if finding.section_id and project is not None:
        try:
            section = project.section(finding.section_id)
            return f"{project.number_of(section)} {section.heading}"
        except WyassemblerError:
            return "A section no longer in the response"
    return PLACE_WORDS.get(finding.place, finding.place[:1].upper() + finding.place[1:])


def _sentence(text: str) -> str:
    """A finding's words as a sentence on its own: a capital first letter (the rules write them to follow a
    section's name on the command line)."""
    return text[:1].upper() + text[1:]


class FindingsModel(QAbstractTableModel):
    """The findings as rows; :data:`SECTION_ID_ROLE` on any cell gives the section to go to ("" for none)."""

    SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 2  # the faulty text as it stands, to select ("" for none)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._places: list[str] = []

    def set_findings(self, project: Project | None, findings: list[Finding]) -> bool:
        """Show ``findings`` (of ``project``); False (and nothing announced) when they are those shown."""
        places = [place_text(project, finding) for finding in findings]
        if findings == self._findings and places == self._places:
            return False
        self.beginResetModel()
        self._findings, self._places = list(findings), places
        self.endResetModel()
        return True

    def findings(self) -> list[Finding]:
        """The findings shown, in their rows' order (a copy)."""
        return list(self._findings)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding, column = self._findings[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (SEVERITY_WORDS[finding.severity], self._places[index.row()], _sentence(finding.message),
                    _sentence(finding.advice))[column]
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if finding.is_error
                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            return QApplication.style().standardIcon(pixmap)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{SEVERITY_WORDS[finding.severity]} \u2014 {self._places[index.row()]}: "
                    f"{_sentence(finding.message)}\nWhat to do: {_sentence(finding.advice)}")
        if role == self.SECTION_ID_ROLE:
            return finding.section_id or ""
        if role == self.PASSAGE_ROLE:
            return finding.passage
        return None
