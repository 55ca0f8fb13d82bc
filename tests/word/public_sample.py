"""The signed sample with confidential sections whose every piece of text carries a distinctive token, for
the public copy's tests: whatever of it reaches any part of a public copy is found by a byte search."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from html import escape

from tests.word.signed_sample import signed_sample
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import ListItem, Paragraph, Span, Table, plain
from wyassembler.core.model import Actor, Project
from wyassembler.core.outline import add_section
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_choice

MARKED = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
REASON = "commercially sensitive"
URL = "https://qxsecreturl.example/tender?QXQUERY=1&QXAMPER=2"
# Each piece of confidential text, as the project holds it (a search also tries each XML-escaped form).
TOKENS = ["QXHEADING", "QXPARAGRAPH", "QXLISTITEM", "QXTABLECELL", "QXTABLEHEAD", "QXLINKTEXT", "qxsecreturl",
          "QXQUERY", "QXSUBHEADING", "QXSUBPARAGRAPH", "QXDEEPHEADING", "QXNESTEDHEADING", "QXNESTEDPARAGRAPH",
          "Fees & charges <QXESCAPED>"]
PARAGRAPHS = ["The tender price for the QXPARAGRAPH depot lease is \u00a31.2m over five years.",
              "The QXSUBPARAGRAPH contractor's margins are set out in the schedule below.",
              "QXNESTEDPARAGRAPH: the police authority's draft estates strategy.",
              "Fees & charges <QXESCAPED> are under negotiation with the supplier."]
QUESTIONS = [NewQuestion("1", "Do you support shared services?", None, ("Yes", "No")),
             NewQuestion("2", "How should services centre on citizens?"),
             NewQuestion("3", "What would it cost?")]


def confidential_project(project: Project) -> None:
    """Add to the sample: section 5 "…QXHEADING" (confidential, with sub-sections 5.1 and 5.1.1), a
    confidential sub-section 3.1 under the public section 3 (3.2 after it stays 3.2), and questions (2
    answered by section 2, 3 by the confidential section 5)."""
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    secret = add_section(project, coordinator, "Depot lease terms QXHEADING", "kirklees", (
        Paragraph(plain(PARAGRAPHS[0])),
        ListItem(plain("Break clause QXLISTITEM in year three"), "bullet", 1),
        Table((plain("Item QXTABLEHEAD"), plain("Cost")), ((plain("Lease QXTABLECELL"), plain("\u00a3240k")),)),
        Paragraph((Span("See the "), Span("QXLINKTEXT schedule", href=URL), Span("."))),
        Paragraph(plain(PARAGRAPHS[3])),
    ), index=4, now=MARKED)
    sub = add_section(project, coordinator, "Margins QXSUBHEADING", "kirklees", (Paragraph(plain(PARAGRAPHS[1])),),
                      parent=secret, now=MARKED)
    add_section(project, coordinator, "Schedule QXDEEPHEADING", "kirklees", (), parent=sub, now=MARKED)
    third = project.sections[2]
    nested = add_section(project, coordinator, "Estates QXNESTEDHEADING", third.owner,
                         (Paragraph(plain(PARAGRAPHS[2])),), parent=third, now=MARKED)
    add_section(project, coordinator, "Shared estates", third.owner, (Paragraph(plain("We share buildings.")),),
                parent=third, now=MARKED)
    mark_section(project, coordinator, secret, True, REASON, now=MARKED)
    mark_section(project, coordinator, nested, True, "draft policy of the police authority", now=MARKED)
    import_questions(project, coordinator, QUESTIONS)
    map_section(project, Actor("bradford", "Lead", "partner lead"), project.sections[1], ["2"])
    map_section(project, Actor("kirklees", "Lead", "partner lead"), secret, ["3"])
    set_choice(project, coordinator, "1", "Yes")


def signed_confidential():
    """The signed sample with :func:`confidential_project`'s sections, and its signers."""
    return signed_sample(confidential_project)


def every_part(data: bytes) -> dict[str, bytes]:
    """Every member of the .docx ``data``, decompressed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def forms(text: str) -> set[bytes]:
    """``text`` as bytes, as XML escapes it (text and attributes) and as a URL in a relationship holds it."""
    found = {text, escape(text, quote=False), escape(text, quote=True), text.replace("&", "&amp;")}
    return {form.encode("utf-8") for form in found}


def leaks(data: bytes, texts: list[str]) -> list[tuple[str, str]]:
    """(part, text) for each of ``texts`` found, in any form, in any part of the .docx ``data``."""
    return [(name, text) for name, blob in every_part(data).items() for text in texts
            if any(form in blob for form in forms(text))]
