"""The PDF engine: LibreOffice found (or named what to install), run in a private profile, stopped when it
hangs, its failures one line; our PDFs marked so an export replaces only its own untouched PDF.

Real conversions are few (each costs a second or two); a fake ``soffice`` (a shell script) stands in for
LibreOffice where the point is how its misbehaviour is handled. The structure of the PDFs is
tests/word/test_pdf_accessibility.py's."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import tracemalloc
from pathlib import Path

import pikepdf
import pytest

from tests.pdf_checks import describe, pdfua_findings
from tests.soffice_fakes import fake_soffice, process_ends
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word import pdf_engine
from wyassembler.word.pdf_engine import (ConversionFailed, ConversionTimedOut, LibreOfficeMissing, docx_to_pdf,
                                         find_soffice)
from wyassembler.word.pdf_export import UNMARKED_WARNING, export_pdf
from wyassembler.word.pdf_marking import CHANGED, NOT_OURS, UNTOUCHED, marked_pdf, pdf_state
from wyassembler.word.provenance import ReplaceRefused, replace_problem
from wyassembler.word.writer import build_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(not SOFFICE, reason="needs LibreOffice (.ci/run installs it)")
posix_only = pytest.mark.skipif(os.name == "nt", reason="the fake soffice is a shell script")
SAMPLE = resource("samples", "west-yorkshire-2005.wyproj")


@pytest.fixture(scope="module")
def sample_project():
    return storage.load(str(SAMPLE)).project


# -- finding LibreOffice ------------------------------------------------------------------------------------

def test_missing_libreoffice_is_one_line_naming_what_to_install(no_libreoffice):
    with pytest.raises(LibreOfficeMissing) as error:
        find_soffice()
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("LibreOffice is needed to write a PDF and was not found: install it from "
                              "https://www.libreoffice.org/")
    assert "apt install libreoffice-writer-nogui" in message


@posix_only
def test_a_folder_or_a_file_that_cannot_run_called_soffice_on_path_is_not_libreoffice(no_libreoffice, monkeypatch):
    folder_named_soffice = no_libreoffice / "a" / "soffice"
    folder_named_soffice.mkdir(parents=True)
    not_runnable = no_libreoffice / "b" / "libreoffice"
    not_runnable.parent.mkdir()
    not_runnable.write_text("#!/bin/sh\n", encoding="utf-8")
    not_runnable.chmod(0o644)
    monkeypatch.setenv("PATH", os.pathsep.join([str(folder_named_soffice.parent), str(not_runnable.parent)]))
    with pytest.raises(LibreOfficeMissing, match="was not found"):
        find_soffice()


@posix_only
def test_the_windows_install_folder_is_found_without_path(no_libreoffice):
    program = no_libreoffice / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_text("", encoding="utf-8")
    program.chmod(0o755)
    assert find_soffice() == program


def test_an_soffice_named_in_the_environment_that_is_not_a_program_is_said(no_libreoffice, monkeypatch):
    monkeypatch.setenv(pdf_engine.SOFFICE_VARIABLE, str(no_libreoffice))  # a folder
    with pytest.raises(LibreOfficeMissing, match=f"{pdf_engine.SOFFICE_VARIABLE} names .* not a program"):
        find_soffice()


@posix_only
def test_a_libreoffice_too_old_for_the_options_is_refused_naming_the_version_needed(tmp_path, private_temp):
    old = fake_soffice(tmp_path / "old", 'echo "%PDF-1.4 untagged %%EOF" > "$out/response.pdf"',
                       version="LibreOffice 7.3.7.2 30(Build:2)")
    with pytest.raises(LibreOfficeMissing) as error:
        docx_to_pdf(b"docx", soffice=old)
    assert "LibreOffice 7.3" in str(error.value) and "7.4 or newer is needed" in str(error.value)
    assert not list(private_temp.iterdir())


# -- LibreOffice misbehaving --------------------------------------------------------------------------------

@posix_only
def test_a_hanging_libreoffice_is_killed_with_what_it_started_and_leaves_nothing(tmp_path, private_temp,
                                                                                  monkeypatch):
    pid_file = tmp_path / "child.pid"
    fake = fake_soffice(tmp_path / "bin", f'sleep 300 & echo $! > "{pid_file}"; wait')
    monkeypatch.setenv("PATH", os.pathsep.join([str(fake.parent), os.environ.get("PATH", "")]))  # found first
    monkeypatch.delenv(pdf_engine.SOFFICE_VARIABLE, raising=False)
    with pytest.raises(ConversionTimedOut) as error:
        docx_to_pdf(b"docx", timeout=1)
    assert str(error.value) == "LibreOffice did not finish within 1 seconds and was stopped; nothing was written"
    child = int(pid_file.read_text(encoding="utf-8"))
    assert process_ends(child), "the process the fake soffice started is still running"
    assert not list(private_temp.iterdir())


@posix_only
def test_a_process_a_finished_libreoffice_left_running_is_stopped(tmp_path, private_temp):
    # soffice forks soffice.bin; one that made its PDF and exited may leave a process behind, in its group.
    pid_file = tmp_path / "daemon.pid"
    fake = fake_soffice(tmp_path / "bin", f'sleep 300 </dev/null >/dev/null 2>&1 & echo $! > "{pid_file}"\n'
                        'echo "%PDF-1.4 /StructTreeRoot %%EOF" > "$out/response.pdf"; exit 0')
    assert docx_to_pdf(b"docx", soffice=fake, timeout=60).startswith(b"%PDF-1.4 /StructTreeRoot")
    daemon = int(pid_file.read_text(encoding="utf-8"))
    assert process_ends(daemon), "the process the fake soffice left behind is still running"
    assert not list(private_temp.iterdir())


@posix_only
def test_what_libreoffice_prints_is_read_only_as_far_as_its_last_lines(tmp_path, private_temp):
    # A LibreOffice that prints without end (a debug build, a broken Java) fills a file, not our memory.
    fake = fake_soffice(tmp_path / "bin", 'head -c 64000000 /dev/zero | tr "\\0" "x"; echo; '
                        'echo "Error: the last words" >&2; exit 3')
    tracemalloc.start()
    try:
        with pytest.raises(ConversionFailed, match=r"made no PDF \(exit code 3\): Error: the last words$"):
            docx_to_pdf(b"docx", soffice=fake, timeout=60)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000, f"{peak:,} bytes held to read 64 MB of output"
    assert not list(private_temp.iterdir())




@posix_only
@pytest.mark.parametrize(("body", "expected"), [
    ('echo "not a pdf at all" > "$out/response.pdf"', "LibreOffice made a file that is not a whole PDF"),
    (': > "$out/response.pdf"', "LibreOffice made an empty file instead of a PDF"),
    ('echo "Error: source file could not be loaded" >&2; exit 1',
     "LibreOffice made no PDF (exit code 1): Error: source file could not be loaded"),
    ('printf "%%PDF-1.4\\n1 0 obj <<>> endobj\\n%%%%EOF\\n" > "$out/response.pdf"',
     "LibreOffice made an untagged PDF (it should be version 7.4 or newer)"),
    ("kill -SEGV $$", "LibreOffice made no PDF (exit code -11)"),
])
def test_what_libreoffice_did_wrong_is_one_line_and_no_folder_is_left(tmp_path, private_temp, body, expected):
    fake = fake_soffice(tmp_path / "bin", body)
    with pytest.raises(ConversionFailed) as error:
        docx_to_pdf(b"docx", soffice=fake, timeout=60)
    assert str(error.value).startswith(expected) and "\n" not in str(error.value)
    assert not list(private_temp.iterdir())


# -- real conversions ---------------------------------------------------------------------------------------

@needs_libreoffice
def test_two_exports_at_once_both_succeed_and_both_are_accessible(tmp_path, sample_project):
    outputs = [tmp_path / "first.pdf", tmp_path / "second.pdf"]
    failures: list[BaseException] = []

    def export(out: Path) -> None:
        try:
            export_pdf(sample_project, out, project_path=SAMPLE)
        except BaseException as error:  # noqa: BLE001  # reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=export, args=(out,)) for out in outputs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for out in outputs:
        findings = pdfua_findings(out)
        assert not findings, describe(findings)
        assert pdf_state(out.read_bytes()) == UNTOUCHED
        with pikepdf.open(out) as pdf:
            identifier = str(pdf.open_metadata().get("dc:identifier"))
        assert identifier.startswith("wyassembler-output sha256:")


@needs_libreoffice
def test_our_pdf_is_replaced_and_any_change_to_it_is_noticed(tmp_path, sample_project):
    out = tmp_path / "response.pdf"
    first = export_pdf(sample_project, out, project_path=SAMPLE)
    assert replace_problem(out) is None
    again = export_pdf(sample_project, out, project_path=SAMPLE)  # our own, untouched: replaced without asking
    assert out.read_bytes() == again.data != first.data  # LibreOffice dates each PDF
    for where in (0, len(again.data) // 2, len(again.data) - 1):
        changed = bytearray(again.data)
        changed[where] ^= 0x20
        assert pdf_state(bytes(changed)) == CHANGED
    appended = again.data + b"\n1 0 obj\n<<>>\nendobj\n%%EOF\n"  # an editor's incremental save
    out.write_bytes(appended)
    assert replace_problem(out) == "has been changed since wyassembler wrote it"
    with pytest.raises(ReplaceRefused, match="response.pdf already exists and has been changed since"):
        export_pdf(sample_project, out, project_path=SAMPLE)
    assert out.read_bytes() == appended


@needs_libreoffice
def test_a_pdf_without_room_in_its_metadata_is_written_unmarked_and_then_needs_replace(tmp_path, sample_project,
                                                                                       monkeypatch):
    # A PDF whose metadata is compressed (as a rewrite by another program leaves it) has no room to mark.
    lo_pdf = docx_to_pdf(build_docx(sample_project).data)
    with pikepdf.open(_bytes_file(tmp_path / "lo.pdf", lo_pdf)) as pdf:
        pdf.save(tmp_path / "rewritten.pdf", compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    rewritten = (tmp_path / "rewritten.pdf").read_bytes()
    assert marked_pdf(rewritten) is None and pdf_state(rewritten) == NOT_OURS
    fake = fake_soffice(tmp_path / "bin", f'cp "{tmp_path / "rewritten.pdf"}" "$out/response.pdf"')
    monkeypatch.setenv(pdf_engine.SOFFICE_VARIABLE, str(fake))
    out = tmp_path / "response.pdf"
    result = export_pdf(sample_project, out, project_path=SAMPLE)
    assert UNMARKED_WARNING in result.warnings and out.read_bytes() == rewritten
    with pytest.raises(ReplaceRefused, match="was not written by wyassembler"):
        export_pdf(sample_project, out, project_path=SAMPLE)
    export_pdf(sample_project, out, project_path=SAMPLE, replace=True)


def _bytes_file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_pdf_whose_metadata_already_has_an_identifier_is_left_as_it_is():
    packet = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
              b' <rdf:RDF>\n  <dc:identifier>theirs</dc:identifier>\n </rdf:RDF>\n</x:xmpmeta>\n'
              + b" " * 3000 + b'\n<?xpacket end="w"?>')
    data = b"%PDF-1.6\n5 0 obj\n<</Type/Metadata/Subtype/XML/Length 1>>\nstream\n" + packet + b"\nendstream\n%%EOF\n"
    assert marked_pdf(data) is None
    unmarked = data.replace(b"  <dc:identifier>theirs</dc:identifier>\n", b"")
    marked = marked_pdf(unmarked)
    assert marked is not None and len(marked) == len(unmarked) and pdf_state(marked) == UNTOUCHED


@posix_only
def test_a_temporary_folder_that_cannot_be_made_is_one_line(tmp_path, monkeypatch):
    fake = fake_soffice(tmp_path / "bin", 'echo "%PDF-1.4 /StructTreeRoot %%EOF" > "$out/response.pdf"')
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))  # TMPDIR removed while the app runs
    with pytest.raises(ConversionFailed, match="^cannot make a temporary folder for LibreOffice .*gone"):
        docx_to_pdf(b"docx", soffice=fake)


@posix_only
def test_a_file_put_at_the_output_while_libreoffice_converts_is_not_replaced(tmp_path, sample_project, monkeypatch):
    # The output is looked at before converting (seconds to minutes) and again just before the rename.
    out = tmp_path / "response.pdf"
    intruder = tmp_path / "intruder"  # while this file exists, "someone else" writes at the output
    intruder.touch()
    fake = fake_soffice(tmp_path / "bin", f'if [ -e "{intruder}" ]; then echo "someone else\'s" > "{out}"; fi\n'
                        'echo "%PDF-1.4 /StructTreeRoot %%EOF" > "$out/response.pdf"')
    monkeypatch.setenv(pdf_engine.SOFFICE_VARIABLE, str(fake))
    with pytest.raises(ReplaceRefused, match="response.pdf already exists and was not written by wyassembler"):
        export_pdf(sample_project, out, project_path=SAMPLE)
    assert out.read_text() == "someone else's\n"
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []
    out.unlink()
    intruder.unlink()
    export_pdf(sample_project, out, project_path=SAMPLE)  # the same export with the name left free: written
    assert out.read_bytes().startswith(b"%PDF-1.4 /StructTreeRoot")
