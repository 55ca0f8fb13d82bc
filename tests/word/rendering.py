"""What a reader sees: a .docx laid out by LibreOffice, as PDF text with its layout kept."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_libreoffice = pytest.mark.skipif(not (SOFFICE and PDFTOTEXT),
                                       reason="needs LibreOffice and pdftotext (.ci/run installs both)")


def rendered_lines(data: bytes, folder: Path, name: str = "document") -> list[str]:
    """The lines of the PDF LibreOffice makes of ``data`` (``pdftotext -layout``), right-stripped."""
    folder.mkdir(parents=True, exist_ok=True)
    docx_path = folder / f"{name}.docx"
    docx_path.write_bytes(data)
    profile = folder / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = folder / f"{name}.pdf"
    assert pdf.exists(), "LibreOffice did not produce a PDF"
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [line.rstrip() for line in text.splitlines()]


def label_before(lines: list[str], text: str) -> str:
    """The list label or heading number printed before ``text`` on its line ("3.", "b.", "•", "104.1")."""
    found = [line for line in lines if line.strip().endswith(text)]
    assert len(found) == 1, f"{text!r} is on {len(found)} lines: {found}"
    before = found[0][:found[0].rindex(text)].split()
    return before[-1] if before else ""


def words(lines: list[str]) -> set[str]:
    """Every whole word in the text (a word broken over two lines shows as its two halves)."""
    return {word for line in lines for word in re.findall(r"[\w’'-]+", line)}
