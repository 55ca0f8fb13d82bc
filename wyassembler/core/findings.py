"""One problem that would stop or mar a final export, as ``wyassembler check`` and the app list it.

Every rule that judges a response (sign-off and readiness, the consultation's questions, the
accessibility of the text, the template's styles and pictures) says what it found as a
:class:`Finding`: which rule, how serious, where, what is wrong and what to do. The CLI prints them,
``--json`` writes them, the app's Accessibility view lists them and takes a click to the section,
and a final export refuses while any of them is an error.

Severity is a promise to the user, documented in ``docs/accessibility.md``:

* :data:`ERROR` - the final document would fail a check a reader or a validator makes with
  certainty (no sign-off, a picture without alt text, a link without text, a table without a
  header row, an empty table header cell, text below the contrast WCAG 2.1 AA asks for). A final
  export refuses, as it refuses before sign-off; a marked draft is still written (as .docx; a PDF
  is refused for the errors that make the PDF fail its checker: see word/pdf_export).
* :data:`WARNING` - the document is worse for some readers but a person must judge (a link's
  text may be clear in context). Shown, never stopping an export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

# Where a finding is when it is in no one section.
WHOLE_RESPONSE = "response"
TEMPLATE = "template"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: ``rule`` (a stable id such as ``link-text``, documented), ``severity``
    (:data:`ERROR` or :data:`WARNING`), ``message`` (one sentence: what is wrong, naming the passage
    when there is one), ``advice`` (one sentence: what to do), and where it is: ``section_id`` for a
    section's own text, else ``place`` (:data:`WHOLE_RESPONSE`, :data:`TEMPLATE`, or a phrase such as
    "the template's first-page header"). ``passage`` is the faulty text exactly as it stands in the
    section (its heading, or a span of one block's plain text), so the app can select it; "" when the
    problem is no one passage."""

    rule: str
    severity: str
    message: str
    advice: str
    section_id: str | None = None
    place: str = WHOLE_RESPONSE
    passage: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")

    @property
    def is_error(self) -> bool:
        """Whether a final export refuses while this stands."""
        return self.severity == ERROR


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop a final export."""
    return [finding for finding in findings if finding.is_error]


def tally(findings: Iterable[Finding]) -> str:
    """"2 errors and 1 warning", "no problems"."""
    found = list(findings)
    error_count = sum(finding.is_error for finding in found)
    warning_count = len(found) - error_count
    parts = [f"{count} {word}{'' if count == 1 else 's'}"
             for count, word in ((error_count, "error"), (warning_count, "warning")) if count]
    return " and ".join(parts) if parts else "no problems"
