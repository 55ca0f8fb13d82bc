"""Word's core properties hold at most 255 characters; a longer title, subtitle or partnership name
stays whole in the document and only its property is shortened."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from tests.word.readback import header_text, open_docx
from wyassembler.core.presets import new_project
from wyassembler.word.packs import build_pack
from wyassembler.word.reader import import_docx
from wyassembler.word.writer import build_docx

LONG = ("Transformational Government Enabled by Technology: the response of the West Yorkshire partnership "
        "of councils, police, fire and rescue, health and transport bodies, with the detail of every "
        "shared service we run, plan or would run, if the funding allowed it, in the years to come")


def _long_project():
    project = new_project(LONG, preset="west-yorkshire", person="H")
    project.subtitle = "Subtitle " + LONG
    project.partnership = "Partnership " + LONG
    return project


@pytest.mark.parametrize("build", [lambda p: build_docx(p, draft=True), lambda p: build_pack(p, "joint-services")])
def test_a_title_over_255_characters_exports_whole(build):
    assert len(LONG) > 255
    project = _long_project()
    document = open_docx(build(project).data)
    properties = document.core_properties
    assert len(properties.title) <= 255 and properties.title.endswith("\u2026")
    assert LONG.startswith(properties.title[:-1])
    assert len(properties.subject) <= 255 and len(properties.author) <= 255
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p"))]
    assert LONG in paragraphs
    assert LONG in header_text(document)


def test_a_long_title_read_from_word_exports_again(tmp_path):
    document = docx.Document()
    document.add_paragraph(LONG + " " + LONG, style="Title")
    document.add_heading("One", 1)
    document.add_paragraph("Text")
    path = tmp_path / "long.docx"
    document.save(path)
    project = import_docx(path).project
    assert project.title == LONG + " " + LONG
    data = build_docx(project, draft=True).data
    assert docx.Document(io.BytesIO(data)).core_properties.title.endswith("\u2026")
