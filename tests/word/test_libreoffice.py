"""A real second client: LibreOffice opens every export and prints all of the text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from tests.cli.test_sample import REFERENCE, _lines
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word.writer import export_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(not (SOFFICE and PDFTOTEXT),
                                reason="needs LibreOffice and pdftotext (.ci/run installs both)")


def _pdf_text(docx_path: Path, tmp_path: Path) -> str:
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (docx_path.stem + ".pdf")
    assert pdf.exists(), "LibreOffice did not produce a PDF"
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    # pdftotext joins a hyphenated word broken over two lines and drops its hyphen ("egovernment").
    return " ".join(text.replace("-", "").split())


def test_sample_export_prints_every_line_of_the_reference(tmp_path):
    project = storage.load(str(resource("samples", "west-yorkshire-2005.wyproj"))).project
    out = tmp_path / "response.docx"
    template = tmp_path / "brand.docx"
    branded = docx.Document()
    branded.sections[0].header.paragraphs[0].text = "Branded header"
    branded.save(template)
    export_docx(project, out, signoff_appendix=True, project_path=None)
    text = _pdf_text(out, tmp_path)
    numbered = {f"{n} {s.heading}".replace("-", "") for n, _, s in project.walk()}
    # A paragraph broken over two pages has the footer and the next page's header in its middle.
    flowing = re.sub(rf" Page \d+ of \d+ {re.escape(project.title.replace('-', ''))}", "", text)
    for line in _lines(REFERENCE.read_text(encoding="utf-8")):
        line = line.removeprefix("- ").replace("-", "")
        # Heading numbers are Word's own numbering, printed with a tab after the number.
        assert line in flowing or (line in numbered and line.split(" ", 1)[1] in flowing), line
    for number, _, section in project.walk():
        assert re.search(rf"\b{number}\s+{re.escape(section.heading.replace('-', ''))}", text), section.heading
    assert "Page 1 of" in text
    assert "Signoff record" in text

    branded_out = tmp_path / "branded.docx"
    export_docx(project, branded_out, template=template, draft=True, project_path=None)
    branded_text = _pdf_text(branded_out, tmp_path)
    assert "Branded header" in branded_text and "DRAFT" in branded_text
    assert "the critical factor" in branded_text
