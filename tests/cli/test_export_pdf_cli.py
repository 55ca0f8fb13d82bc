"""``wyassembler export -o response.pdf``: the extension decides, every export option applies, --pdf-archive,
and every way it can go wrong as one line with nothing written. The PDF's structure is
tests/word/test_pdf_accessibility.py's; the engine's failures tests/word/test_pdf_engine.py's."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

import pikepdf
import pytest

from tests.pdf_checks import describe, pdfua_findings
from wyassembler.word import pdf_engine
from wyassembler.word.pdf_marking import UNTOUCHED, pdf_state

needs_libreoffice = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                       reason="needs LibreOffice (.ci/run installs it)")


def _error_line(result) -> str:
    assert result.code != 0
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


@needs_libreoffice
def test_archive_pdf_with_an_odd_name_is_pdfa_2_and_pdfua_1_and_accessible(cli, sample, tmp_path):
    out = tmp_path / "Réponse finale (v2) – copy.pdf"
    result = cli("export", sample, "-o", out, "--pdf-archive", "--signoff-appendix")
    assert result.code == 0, result.err
    assert result.out.strip() == f"Exported the final response to {out}."
    with pikepdf.open(out) as pdf:
        metadata = pdf.open_metadata()
        assert metadata.get("pdfaid:part") == "2" and metadata.get("pdfaid:conformance") == "B"
        assert metadata.get("pdfuaid:part") == "1"
    findings = pdfua_findings(out)
    assert not findings, describe(findings)
    assert pdf_state(out.read_bytes()) == UNTOUCHED
    assert [path.name for path in tmp_path.iterdir() if path.suffix != ".wyproj"] == [out.name]


@needs_libreoffice
def test_a_pdf_not_ours_is_refused_without_force_and_replaced_with_it(cli, sample, tmp_path):
    out = tmp_path / "response.pdf"
    out.write_bytes(b"%PDF-1.4\n% someone's own PDF\n%%EOF\n")
    refused = cli("export", sample, "-o", out)
    assert _error_line(refused) == ("wyassembler: error: response.pdf already exists and was not written by "
                                    "wyassembler, so it was not replaced; choose another name, or add --force "
                                    "to replace it")
    assert out.read_bytes().startswith(b"%PDF-1.4\n% someone's")
    forced = cli("export", sample, "-o", out, "--force")
    assert forced.code == 0, forced.err
    assert pdf_state(out.read_bytes()) == UNTOUCHED


@pytest.mark.parametrize(("output", "options", "expected"), [
    ("response.txt", [], "the output response.txt should end in .docx (a Word document) or .pdf (an accessible PDF)"),
    ("response", [], "the output response should end in .docx (a Word document) or .pdf (an accessible PDF)"),
    ("response.docx", ["--pdf-archive"], "--pdf-archive makes a PDF/A: give an output ending in .pdf"),
])
def test_an_output_that_is_not_docx_or_pdf_and_archive_without_pdf_are_refused(cli, sample, tmp_path, output,
                                                                               options, expected):
    result = cli("export", sample, "-o", tmp_path / output, *options)
    assert _error_line(result) == f"wyassembler: error: {expected}"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["response.wyproj"]


def test_an_unready_project_is_refused_as_for_word_before_libreoffice_is_needed(cli, sample, tmp_path, monkeypatch):
    source = tmp_path / "text.md"
    source.write_text("New text for the section.\n", encoding="utf-8")
    assert cli("edit-section", sample, "4", "--as", "Kirklees", "--by", "S. Patel", "--from", source).code == 0
    monkeypatch.setenv("PATH", "")  # no LibreOffice: the sign-off gate speaks first
    out = tmp_path / "response.pdf"
    refused = cli("export", sample, "-o", out)
    assert refused.code == 1 and "not signed off" in refused.err and "--draft" in refused.err
    assert not out.exists()


def test_missing_libreoffice_is_one_line_and_writes_nothing(cli, sample, tmp_path, no_libreoffice):
    out = tmp_path / "response.pdf"
    line = _error_line(cli("export", sample, "-o", out))
    assert line.startswith("wyassembler: error: LibreOffice is needed to write a PDF and was not found: install it "
                           "from https://www.libreoffice.org/ (Debian/Ubuntu: apt install libreoffice-writer-nogui")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["response.wyproj"]


@pytest.mark.skipif(os.name == "nt" or any(glob.glob(p) for p in pdf_engine.UNIX_INSTALL_PATTERNS),
                    reason="LibreOffice is installed where an empty PATH still finds it")
def test_missing_libreoffice_in_a_real_process_with_stdin_closed(sample, tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != pdf_engine.SOFFICE_VARIABLE}
    environment.update(PATH="", PYTHONIOENCODING="utf-8")
    out = tmp_path / "response.pdf"
    process = subprocess.run([sys.executable, "-m", "wyassembler", "export", str(sample), "-o", str(out)],
                             stdin=subprocess.DEVNULL, capture_output=True, text=True, env=environment, timeout=120)
    assert process.returncode == 1 and "Traceback" not in process.stderr
    assert process.stderr.startswith("wyassembler: error: LibreOffice is needed to write a PDF and was not found")
    assert len(process.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_pdf_into_a_folder_that_does_not_exist_is_refused_before_converting(cli, sample, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "")  # were LibreOffice run, this would fail for that instead
    out = tmp_path / "nowhere" / "response.pdf"
    assert _error_line(cli("export", sample, "-o", out)) == (f"wyassembler: error: cannot save {out}: the folder "
                                                             f"{out.parent} does not exist")


def test_a_pdf_onto_a_read_only_disk_says_so_before_converting_as_the_word_export_does(cli, sample, tmp_path,
                                                                                      monkeypatch):
    """The folder's own answer, not a guess from its permissions (os.access says "permission denied" of a
    read-only disk). A read-only mount needs privileges tests do not have, so the disk's answer is simulated
    where the check asks it: making a file in the folder."""
    import errno
    import tempfile

    monkeypatch.setenv("PATH", "")  # were LibreOffice run, this would fail for that instead
    made = tempfile.TemporaryFile

    def read_only_disk(*args, dir=None, **kwargs):
        if dir is not None and os.path.samefile(dir, tmp_path):
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return made(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only_disk)
    out = tmp_path / "response.pdf"
    assert _error_line(cli("export", sample, "-o", out)) == (f"wyassembler: error: cannot save {out}: "
                                                             "the disk is read-only")
    assert not out.exists()
