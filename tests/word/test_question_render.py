"""What a reader sees of an export in the consultation's order: LibreOffice lays it out, and the
question headings print the consultation's numbers only, even with a template whose heading styles
number themselves."""

from __future__ import annotations

import docx
import pytest

from tests.word.docx_fixtures import add_numbering
from tests.word.rendering import label_before, needs_libreoffice, rendered_lines
from tests.word.test_question_export import consultation_project
from wyassembler.word import oxml
from wyassembler.word.writer import build_docx, default_template_path

pytestmark = needs_libreoffice


@pytest.fixture
def numbered_template(tmp_path):
    """The reference template with its heading styles numbered "1.", "1.1." as some house styles are."""
    template = docx.Document(str(default_template_path()))
    num_id = add_numbering(template, ["decimal", "decimal", "decimal"])
    for level in (1, 2, 3):
        oxml.style_numbering(template.styles[f"Heading {level}"].element, num_id, level - 1)
    path = tmp_path / "numbered-headings.docx"
    template.save(str(path))
    return path


def test_question_headings_print_the_consultations_numbers_only(tmp_path, numbered_template):
    project = consultation_project()
    data = build_docx(project, draft=True, order="questions", questions_appendix=True,
                      template=numbered_template).data
    lines = rendered_lines(data, tmp_path / "questions")
    for heading in ("Question 2: What barriers do local bodies face?", "Question 3a: How should data be shared?",
                    "Standards", "Introduction", "Conclusion",
                    "Consultation questions"):
        assert label_before(lines, heading) == "", heading
    # The same template in outline order: its headings are numbered (by the export's own outline numbers).
    lines = rendered_lines(build_docx(project, draft=True, template=numbered_template).data, tmp_path / "outline")
    assert label_before(lines, "Conclusion") == "5"
    assert label_before(lines, "Standards") == "3.1"
