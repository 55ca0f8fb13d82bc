"""Accessibility warnings on what an export produces; none of them stops the export."""

from __future__ import annotations

import docx

from tests.factories import COORDINATOR, T0
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.editing import edit_section
from wyassembler.word.accessibility import check_document
from wyassembler.word.writer import build_docx


def test_vague_and_bare_links_are_reported(project):
    blocks = (Paragraph((Span("For the strategy "), Span("click here", href="https://example.org/s"),
                         Span(" or see "), Span("https://example.org/raw", href="https://example.org/raw"),
                         Span(" or the "), Span("National Strategy", href="https://example.org/n"))),)
    edit_section(project, COORDINATOR, project.sections[1], blocks=blocks, now=T0)
    warnings = build_docx(project, draft=True).warnings
    assert len(warnings) == 2
    assert any("\u201cclick here\u201d does not say where it leads" in w for w in warnings)
    assert any("https://example.org/raw" in w and "bare address" in w for w in warnings)
    assert all("Shared services" in w for w in warnings), "each warning says where the problem is"


def test_clean_export_has_no_warnings(project):
    assert build_docx(project, draft=True).warnings == []


def test_skipped_levels_empty_headings_and_headerless_tables():
    document = docx.Document()
    document.add_heading("Introduction", level=1)
    document.add_heading("Too deep", level=3)
    document.add_heading("", level=2)
    document.add_table(rows=2, cols=2)
    warnings = check_document(document.element.body, document.styles.element)
    assert len(warnings) == 3
    assert "\u201cToo deep\u201d is level 3 but follows a level 1" in warnings[0]
    assert "empty heading (level 2)" in warnings[1] and "Too deep" in warnings[1]
    assert "table 1" in warnings[2] and "no header row" in warnings[2]


def test_title_style_is_not_a_heading():
    document = docx.Document()
    document.add_heading("The title", level=0)
    document.add_heading("First", level=1)
    assert check_document(document.element.body, document.styles.element) == []
