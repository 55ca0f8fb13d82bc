"""Shared fixtures: a small West Yorkshire project and isolated user folders."""

from __future__ import annotations

import pytest

from tests.factories import COORDINATOR, T0
from wyassembler.core.content import ListItem, Paragraph, Span, plain
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project

# openxml-audit checks every .docx wyassembler writes in any test (tests/word/docx_validation.py);
# pytester runs that check on a deliberately broken document in its own test.
pytest_plugins = ["pytester", "tests.word.docx_validation", "tests.soffice_fakes"]


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory, monkeypatch):
    """Keep every test away from the real user's config, data and log folders."""
    base = tmp_path_factory.mktemp("user")
    for name in ("CONFIG", "DATA", "LOG"):
        monkeypatch.setenv(f"WYASSEMBLER_{name}_DIR", str(base / name.lower()))
    return base


@pytest.fixture
def project():
    """West Yorkshire partners, a background section and two owned sections (one with contributors)."""
    p = new_project("A response", "Our view", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(p, COORDINATOR, "Shared services", "calderdale",
                (Paragraph((Span("We "), Span("welcome", bold=True), Span(" this."))),
                 ListItem(plain("Legislation"), "bullet", 1)),
                contributors=["police", "fire"], now=T0)
    add_section(p, COORDINATOR, "Professionalism", "kirklees", (Paragraph(plain("Standards matter.")),), now=T0)
    return p
