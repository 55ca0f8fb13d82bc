"""Cancelling an export (issue 19, the export dialog's Cancel): the caller's ``threading.Event`` stops
LibreOffice at once with everything it started, leaves no temporary folder, and writes nothing; a cancel
during the .docx build still prevents the conversion and the write. A fake ``soffice`` that sleeps stands
in for a long conversion (as in test_pdf_engine.py's timeout test)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.soffice_fakes import fake_soffice, process_ends
from wyassembler.core.errors import ExportCancelled
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word import pdf_engine, pdf_export, writer
from wyassembler.word.pdf_engine import ConversionCancelled, PdfEngineError, docx_to_pdf
from wyassembler.word.pdf_export import export_pdf
from wyassembler.word.writer import export_docx

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fake soffice is a shell script")

SAMPLE = resource("samples", "west-yorkshire-2005.wyproj")
MESSAGE = "the export was cancelled; nothing was written"
# Long enough that only the cancel can end the conversion before the test's own timeout says it did not.
LONG = 120


@pytest.fixture
def sleeping_soffice(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A fake soffice, first on PATH, that starts a child which sleeps and waits for it; (the file where it
    writes the child's pid once started, the file it touches if it is run at all for a conversion)."""
    pid_file, ran = tmp_path / "child.pid", tmp_path / "ran"
    fake = fake_soffice(tmp_path / "bin", f': > "{ran}"; sleep 300 & echo $! > "{pid_file}"; wait')
    monkeypatch.setenv("PATH", os.pathsep.join([str(fake.parent), os.environ.get("PATH", "")]))
    monkeypatch.delenv(pdf_engine.SOFFICE_VARIABLE, raising=False)
    return pid_file, ran


@pytest.fixture(scope="module")
def sample_project():
    return storage.load(str(SAMPLE)).project


def cancel_once_started(pid_file: Path) -> threading.Event:
    """An event set from another thread as soon as the fake soffice has started its child."""
    cancel = threading.Event()

    def watch() -> None:
        while not (pid_file.exists() and pid_file.read_text(encoding="utf-8").strip()):
            if cancel.wait(0.02):
                return
        cancel.set()

    threading.Thread(target=watch, daemon=True).start()
    return cancel


def test_a_cancel_stops_libreoffice_with_what_it_started_and_leaves_nothing(sleeping_soffice, private_temp):
    pid_file, _ = sleeping_soffice
    cancel = cancel_once_started(pid_file)
    with pytest.raises(ConversionCancelled) as error:  # not ConversionTimedOut: the cancel ended it
        docx_to_pdf(b"docx", timeout=LONG, cancel=cancel)
    assert str(error.value) == MESSAGE
    assert isinstance(error.value, PdfEngineError) and isinstance(error.value, ExportCancelled)
    assert process_ends(int(pid_file.read_text(encoding="utf-8"))), "the process the fake soffice started still runs"
    assert not list(private_temp.iterdir())


def test_a_cancel_before_the_conversion_starts_no_libreoffice(sleeping_soffice, private_temp):
    _, ran = sleeping_soffice
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ConversionCancelled, match=f"^{MESSAGE}$"):
        docx_to_pdf(b"docx", timeout=LONG, cancel=cancel)
    assert not ran.exists()
    assert not list(private_temp.iterdir())


def test_a_pdf_export_cancelled_while_libreoffice_runs_writes_nothing(sleeping_soffice, private_temp, tmp_path,
                                                                       sample_project):
    pid_file, _ = sleeping_soffice
    out = tmp_path / "out" / "response.pdf"
    out.parent.mkdir()
    with pytest.raises(ConversionCancelled):
        export_pdf(sample_project, out, project_path=SAMPLE, draft=True, timeout=LONG,
                   cancel=cancel_once_started(pid_file))
    assert list(out.parent.iterdir()) == []
    assert not list(private_temp.iterdir())
    assert process_ends(int(pid_file.read_text(encoding="utf-8")))


def test_a_cancel_while_the_docx_is_built_prevents_the_conversion_and_the_write(sleeping_soffice, private_temp,
                                                                                 tmp_path, sample_project,
                                                                                 monkeypatch):
    _, ran = sleeping_soffice
    cancel = threading.Event()
    real = pdf_export.build_docx

    def cancelled_meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        cancel.set()  # as the person's Cancel arriving while the .docx was being built
        return result

    monkeypatch.setattr(pdf_export, "build_docx", cancelled_meanwhile)
    out = tmp_path / "out" / "response.pdf"
    out.parent.mkdir()
    with pytest.raises(ExportCancelled, match=f"^{MESSAGE}$"):
        export_pdf(sample_project, out, project_path=SAMPLE, draft=True, timeout=LONG, cancel=cancel)
    assert not ran.exists()
    assert list(out.parent.iterdir()) == [] and not list(private_temp.iterdir())


def test_a_cancel_after_the_conversion_and_before_the_write_writes_nothing(tmp_path, private_temp, sample_project,
                                                                         monkeypatch):
    fake = fake_soffice(tmp_path / "bin", 'echo "%PDF-1.4 /StructTreeRoot %%EOF" > "$out/response.pdf"')
    monkeypatch.setenv(pdf_engine.SOFFICE_VARIABLE, str(fake))
    cancel = threading.Event()
    real = pdf_export.marked_pdf

    def cancelled_meanwhile(pdf):
        cancel.set()  # the person's Cancel arriving just as LibreOffice finished
        return real(pdf)

    monkeypatch.setattr(pdf_export, "marked_pdf", cancelled_meanwhile)
    out = tmp_path / "out" / "response.pdf"
    out.parent.mkdir()
    with pytest.raises(ExportCancelled, match=f"^{MESSAGE}$"):
        export_pdf(sample_project, out, project_path=SAMPLE, draft=True, cancel=cancel)
    assert list(out.parent.iterdir()) == []
    export_pdf(sample_project, out, project_path=SAMPLE, draft=True, cancel=threading.Event())  # not set: written
    assert out.read_bytes().startswith(b"%PDF-1.4")


def test_a_word_export_cancelled_before_its_write_writes_nothing(tmp_path, sample_project, monkeypatch):
    cancel = threading.Event()
    real = writer.build_docx

    def cancelled_meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        cancel.set()
        return result

    monkeypatch.setattr(writer, "build_docx", cancelled_meanwhile)
    with pytest.raises(ExportCancelled, match=f"^{MESSAGE}$"):
        export_docx(sample_project, tmp_path / "response.docx", project_path=SAMPLE, draft=True, cancel=cancel)
    assert list(tmp_path.iterdir()) == []
