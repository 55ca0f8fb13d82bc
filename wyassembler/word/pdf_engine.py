"""Word to PDF through LibreOffice: a tagged PDF meeting PDF/UA-1, and PDF/A-2b as well when asked.

LibreOffice (headless ``soffice``) does the conversion. Each run gets a private temporary folder with a
fresh LibreOffice profile in it, so a conversion never talks to a LibreOffice the user has open (that
one owns the user's profile) and two conversions at once never share one. The folder is always removed.
A run that takes too long is stopped with every process it started (its process group).

Every failure is one :class:`PdfEngineError` line: LibreOffice not found (with what to install), too old
to take the export options, too slow, or no PDF made.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import ExportCancelled, WyassemblerError

SOFFICE_VARIABLE = "WYASSEMBLER_SOFFICE"  # the full path of an soffice to use, whatever PATH says
MINIMUM_VERSION = (7, 4)  # the first to read the export filter's options as JSON on the command line
INSTALL_ADVICE = ("install it from https://www.libreoffice.org/ (Debian/Ubuntu: apt install libreoffice-writer-nogui; "
                  "Fedora: dnf install libreoffice-writer; macOS: brew install --cask libreoffice), "
                  f"or name its soffice in {SOFFICE_VARIABLE}")
# Outside PATH, where LibreOffice's own installers put it on Linux (TDF's packages: /opt/libreofficeX.Y) and macOS.
UNIX_INSTALL_PATTERNS: tuple[str, ...] = ("/opt/libreoffice*/program/soffice",
                                          "/Applications/LibreOffice.app/Contents/MacOS/soffice")
MAX_TIMEOUT = 600.0  # seconds: 1,000 sections take about 14 s here, so this is for very slow computers
_BASE_TIMEOUT = 120.0
_SECONDS_PER_BYTE = 1 / 4_000  # a second for each 4 KB of .docx on top of the base
_VERSION_TIMEOUT = 60.0
_MAX_PDF_BYTES = 2_000_000_000
_DOCUMENT = "response"
_OUTPUT_TAIL_BYTES = 65_536  # of what LibreOffice printed, read to explain a failure

# The export filter's options (LibreOffice 7.4+): tagged, PDF/UA-1, bookmarks from the headings, the document's
# title in the title bar rather than its file name. PDF/A-2b adds "SelectPdfVersion" 2.
_PDF_OPTIONS = ('"UseTaggedPDF":{"type":"boolean","value":"true"},'
                '"PDFUACompliance":{"type":"boolean","value":"true"},'
                '"ExportBookmarks":{"type":"boolean","value":"true"},'
                '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}')
_ARCHIVE_OPTION = ',"SelectPdfVersion":{"type":"long","value":"2"}'


class PdfEngineError(WyassemblerError):
    """The PDF could not be made; the message says why in one line."""


class LibreOfficeMissing(PdfEngineError):
    """No usable LibreOffice was found (or the one found is too old)."""


class ConversionTimedOut(PdfEngineError):
    """LibreOffice did not finish in time and was stopped."""


class ConversionFailed(PdfEngineError):
    """LibreOffice ran but made no PDF, or something that is not one."""


class ConversionCancelled(PdfEngineError, ExportCancelled):
    """The caller's cancel was set: LibreOffice was stopped with everything it started."""


_CANCEL_SLICE = 0.1  # seconds between looks at the cancel while LibreOffice runs: a Cancel stops it this soon


# -- finding LibreOffice ------------------------------------------------------------------------

def find_soffice(environ: dict[str, str] | None = None) -> Path:
    """The ``soffice`` to run: :data:`SOFFICE_VARIABLE` if set, else ``soffice`` or ``libreoffice`` on PATH,
    else the usual install folders (Windows' Program Files, macOS' Applications, Linux's /opt).
    :class:`LibreOfficeMissing` names what to install when there is none."""
    environ = dict(os.environ) if environ is None else environ
    named = environ.get(SOFFICE_VARIABLE, "").strip()
    if named:
        if not _is_runnable(Path(named)):
            raise LibreOfficeMissing(f"{SOFFICE_VARIABLE} names {named}, which is not a program that can be run: "
                                     f"correct it, or unset it to look for LibreOffice on PATH")
        return Path(named)
    search_path = environ.get("PATH", "")
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=search_path)  # skips folders and files that cannot be run
        if found:
            return Path(found)
    for candidate in _install_locations(environ):
        if _is_runnable(candidate):
            return candidate
    raise LibreOfficeMissing(f"LibreOffice is needed to write a PDF and was not found: {INSTALL_ADVICE}")


def _install_locations(environ: dict[str, str]) -> list[Path]:
    places = []
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        folder = environ.get(variable)
        if folder:  # soffice.com first: the console program, which waits for the conversion and prints
            program = Path(folder) / "LibreOffice" / "program"
            places.extend([program / "soffice.com", program / "soffice.exe"])
    for pattern in UNIX_INSTALL_PATTERNS:
        places.extend(Path(found) for found in sorted(glob.glob(pattern), reverse=True))  # newest version first
    return places


def _is_runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


_known_versions: dict[tuple[str, int, int], tuple[int, int] | None] = {}


def soffice_version(soffice: Path, timeout: float = _VERSION_TIMEOUT) -> tuple[int, int] | None:
    """(major, minor) of what ``soffice --version`` prints ("LibreOffice 7.4.7.2 ..."), None if it says
    no version; asked once per program file."""
    try:
        stat = soffice.stat()
    except OSError as error:
        raise LibreOfficeMissing(f"LibreOffice ({soffice}) cannot be run: {error.strerror or error}") from None
    key = (str(soffice), stat.st_mtime_ns, stat.st_size)
    if key not in _known_versions:
        with _private_folder() as folder:
            code, output = _run([str(soffice), "--version"], folder, min(timeout, _VERSION_TIMEOUT))
        match = re.search(rb"(\d+)\.(\d+)", output.partition(b"\n")[0]) if code == 0 else None
        _known_versions[key] = (int(match[1]), int(match[2])) if match else None
    return _known_versions[key]


def check_version(soffice: Path, timeout: float = _VERSION_TIMEOUT) -> None:
    """Refuse a LibreOffice older than :data:`MINIMUM_VERSION`: it would ignore the accessibility options and
    make an untagged PDF without a word. One that prints no version is let through: its output is checked."""
    version = soffice_version(soffice, timeout)
    if version is not None and version < MINIMUM_VERSION:
        needed = ".".join(map(str, MINIMUM_VERSION))
        raise LibreOfficeMissing(f"LibreOffice {version[0]}.{version[1]} ({soffice}) is too old to write an accessible "
                                 f"PDF: {needed} or newer is needed; {INSTALL_ADVICE}")


# -- converting ---------------------------------------------------------------------------------

def default_timeout(docx_size: int) -> float:
    """Seconds to wait for a .docx of ``docx_size`` bytes: two minutes and more for a larger one, at most
    :data:`MAX_TIMEOUT`."""
    return min(MAX_TIMEOUT, _BASE_TIMEOUT + docx_size * _SECONDS_PER_BYTE)


def filter_argument(archive: bool) -> str:
    """The ``--convert-to`` argument: PDF/UA-1, and PDF/A-2b as well when ``archive``."""
    return f"pdf:writer_pdf_Export:{{{_PDF_OPTIONS}{_ARCHIVE_OPTION if archive else ''}}}"


def docx_to_pdf(data: bytes, *, archive: bool = False, timeout: float | None = None,
                soffice: Path | None = None, cancel: threading.Event | None = None) -> bytes:
    """The tagged PDF (PDF/UA-1; with ``archive`` PDF/A-2b as well) LibreOffice makes of the .docx ``data``.

    ``timeout`` in seconds (default: :func:`default_timeout`); ``soffice`` the program (default:
    :func:`find_soffice`). Raises :class:`PdfEngineError` subclasses, each one line; as soon as ``cancel`` is
    set (from another thread), LibreOffice is stopped and :class:`ConversionCancelled` raised."""
    soffice = find_soffice() if soffice is None else soffice
    timeout = default_timeout(len(data)) if timeout is None else timeout
    check_version(soffice, timeout)
    if cancel is not None and cancel.is_set():
        raise ConversionCancelled()
    with _private_folder() as folder:
        source = folder / f"{_DOCUMENT}.docx"
        source.write_bytes(data)
        out = folder / "out"
        out.mkdir()
        profile = (folder / "profile").as_uri()
        command = [str(soffice), f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo",
                   "--norestore", "--nodefault", "--convert-to", filter_argument(archive), "--outdir", str(out),
                   str(source)]
        code, output = _run(command, folder, timeout, cancel)
        return _read_pdf(out / f"{_DOCUMENT}.pdf", code, output)


@contextmanager
def _private_folder() -> Iterator[Path]:
    """A new temporary folder only this user can read (0700), removed afterwards whatever happened; a file
    error inside it (the disk full) is a :class:`ConversionFailed` line."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="wyassembler-pdf-"))
    except OSError as error:
        raise ConversionFailed(f"cannot make a temporary folder for LibreOffice ({error.filename or ''}): "
                               f"{error.strerror or error}") from None
    try:
        yield folder
    except OSError as error:
        raise ConversionFailed(f"cannot use the temporary folder {folder}: {error.strerror or error}") from None
    finally:
        _remove_folder(folder)


def _read_pdf(pdf: Path, code: int, output: bytes) -> bytes:
    said = _last_line(output)
    said = f": {said}" if said else ""
    if not pdf.is_file():
        raise ConversionFailed(f"LibreOffice made no PDF (exit code {code}){said}")
    if pdf.stat().st_size > _MAX_PDF_BYTES:
        raise ConversionFailed("LibreOffice made a PDF too large to handle")
    result = pdf.read_bytes()
    if not result:
        raise ConversionFailed(f"LibreOffice made an empty file instead of a PDF{said}")
    if not result.startswith(b"%PDF-") or b"%%EOF" not in result[-1024:]:
        raise ConversionFailed(f"LibreOffice made a file that is not a whole PDF{said}")
    # A LibreOffice before 7.4 ignores the options and makes an untagged PDF without complaint.
    if b"/StructTreeRoot" not in result and b"pdfuaid" not in result:
        needed = ".".join(map(str, MINIMUM_VERSION))
        raise ConversionFailed(f"LibreOffice made an untagged PDF (it should be version {needed} or newer); "
                               f"{INSTALL_ADVICE}")
    return result


def _last_line(output: bytes) -> str:
    """The last thing LibreOffice said that explains a failure (not its usual warning about Java)."""
    lines = [line.strip() for line in output.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and "javaldx" not in line and not line.startswith("convert ")]
    return lines[-1][:300] if lines else ""


def _run(command: list[str], folder: Path, timeout: float,
         cancel: threading.Event | None = None) -> tuple[int, bytes]:
    """Run ``command`` in ``folder`` with no input, in a process group of its own; its exit code and what it
    printed (stdout, then stderr). Its output goes to files, not pipes, so a process it leaves behind cannot
    keep us waiting. After ``timeout`` seconds the whole group is killed and :class:`ConversionTimedOut` raised;
    as soon as ``cancel`` is set, likewise with :class:`ConversionCancelled`."""
    stdout_path, stderr_path = folder / "stdout.txt", folder / "stderr.txt"
    with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                                       cwd=folder, env=_child_environment(), **_own_group())
        except OSError as error:
            raise ConversionFailed(f"LibreOffice ({command[0]}) could not be started: "
                                   f"{error.strerror or error}") from None
        try:
            code = _wait(process, timeout, cancel)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise ConversionTimedOut(f"LibreOffice did not finish within {timeout:g} seconds and was stopped; "
                                     "nothing was written") from None
        except BaseException:  # cancelled, or Ctrl+C: never leave LibreOffice running
            _kill_group(process)
            raise
    _stop_leftovers(process)
    return code, _tail(stdout_path) + b"\n" + _tail(stderr_path)


def _tail(path: Path, size: int = _OUTPUT_TAIL_BYTES) -> bytes:
    """The last ``size`` bytes of ``path``: what LibreOffice printed may be gigabytes, and only its end explains."""
    with open(path, "rb") as handle:
        handle.seek(max(0, os.fstat(handle.fileno()).st_size - size))
        return handle.read(size)


def _stop_leftovers(process: subprocess.Popen) -> None:
    """Kill what a finished ``process`` left running in its group (a forked soffice.bin, a daemon): it would
    outlive us, writing into a folder about to be removed. The group's id stays taken while any of it runs."""
    if os.name == "nt":
        return  # no process groups to signal; taskkill /T needs the parent, which has exited
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # nothing left: the usual case


def _wait(process: subprocess.Popen, timeout: float, cancel: threading.Event | None) -> int:
    """``process``'s exit code, looking at ``cancel`` every :data:`_CANCEL_SLICE` seconds meanwhile;
    :class:`ConversionCancelled` once it is set, ``subprocess.TimeoutExpired`` after ``timeout`` seconds."""
    if cancel is None:
        return process.wait(timeout=timeout)
    deadline = time.monotonic() + timeout
    while not cancel.is_set():
        try:
            return process.wait(timeout=max(0.0, min(_CANCEL_SLICE, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline:
                raise
    raise ConversionCancelled()


def _own_group() -> dict:
    if os.name == "nt":
        no_window = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | no_window}  # type: ignore[attr-defined]
    return {"start_new_session": True}


def _kill_group(process: subprocess.Popen) -> None:
    """Kill ``process`` and everything it started (soffice starts soffice.bin), then reap it."""
    if os.name == "nt":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, check=False)
        process.kill()
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the group id is its pid, not yet reaped
        except (ProcessLookupError, PermissionError):
            process.kill()
    process.wait()


def _child_environment() -> dict[str, str]:
    """Our environment, without what belongs to our Python: LibreOffice has its own (Windows, macOS), and a
    frozen app's library path would make soffice load our bundled libraries instead of its own."""
    environ = {key: value for key, value in os.environ.items() if key not in ("PYTHONHOME", "PYTHONPATH")}
    if getattr(sys, "frozen", False):
        for variable in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
            original = environ.pop(f"{variable}_ORIG", None)  # PyInstaller keeps the user's own here
            environ.pop(variable, None)
            if original is not None:
                environ[variable] = original
    return environ


def _remove_folder(folder: Path) -> None:
    """Remove the run's folder; on Windows a killed process may hold a file for a moment, so try again."""
    for attempt in range(10):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.1 * (attempt + 1))
