"""Opening Word packages safely and saving them reproducibly.

Every .docx we open may be hostile or simply not what its name says: an old
binary .doc, a password-protected file (an OLE container), a macro-enabled
document, a zip bomb. :func:`open_document` checks the container before
python-docx parses anything and turns every failure into one plain sentence.

:func:`document_bytes` saves a python-docx document with fixed timestamps and
a fixed part order, so the same project always exports to the same bytes.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.pkgwriter import PackageWriter

from ..core.errors import WyassemblerError
from ..fileio import open_to_read

MAX_PACKAGE_BYTES = 100_000_000
MAX_UNPACKED_BYTES = 500_000_000
MAX_PARTS = 5_000
# Deflate rarely beats 100:1 on real XML; a bomb does far better.
MAX_RATIO = 200

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
_MAIN_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_TYPES = ("macroEnabled", "vnd.ms-office.vbaProject")
# The zip epoch: any fixed time makes the archive reproducible; this one says "not a real time".
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class PackageError(WyassemblerError):
    """A file that cannot be used as a Word document; the message says why."""


def open_document(path: str | os.PathLike, role: str = "document") -> Document:
    """Open a .docx or .dotx with python-docx after checking it is safe and really Word's format.

    ``role`` names the file in messages ("template", "partner pack").
    """
    path = Path(path)
    data = _read(path, role)
    label = f"the {role} {path.name}"
    if data.startswith(OLE_SIGNATURE):
        raise PackageError(f"{label} is password-protected or an old binary .doc; save it as an unprotected .docx")
    if not data.startswith(ZIP_SIGNATURE):
        raise PackageError(f"{label} is not a Word document (.docx)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PackageError(f"{label} is damaged: it is not a complete .docx (zip) file") from None
    _check_sizes(infos, label)
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        raise PackageError(f"{label} is not a Word document: it has no content types")
    try:
        content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        raise PackageError(f"{label} is damaged: its contents cannot be read") from None
    if _is_strict(archive, names):
        raise PackageError(f"{label} is in Strict Open XML format; save it from Word as a standard "
                           "Word Document (.docx)")
    if any(marker.encode() in content_types for marker in _MACRO_TYPES) or any(
            name.lower().endswith("vbaproject.bin") for name in names):
        raise PackageError(f"{label} is macro-enabled; save it as a plain .docx without macros")
    if _MAIN_TEMPLATE.encode() in content_types:
        # A .dotx is a .docx in all but its main content type; python-docx opens only the latter.
        data = _as_document(archive, infos, content_types)
    elif _MAIN_DOCUMENT.encode() not in content_types:
        raise PackageError(f"{label} is not a Word document (no main document part)")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds on malformed parts
        raise PackageError(f"{label} is damaged: {_first_line(error)}") from None


def _read(path: Path, role: str) -> bytes:
    try:
        with open_to_read(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_PACKAGE_BYTES:
                raise PackageError(f"the {role} {path.name} is {size / 1e6:.0f} MB, over the "
                                   f"{MAX_PACKAGE_BYTES / 1e6:.0f} MB limit")
            data = handle.read(MAX_PACKAGE_BYTES + 1)
    except IsADirectoryError:
        raise PackageError(f"the {role} {path} is a folder, not a file") from None
    except FileNotFoundError:
        raise PackageError(f"the {role} {path} does not exist") from None
    except OSError as error:
        raise PackageError(f"cannot read the {role} {path}: {error.strerror or error}") from None
    if not data:
        raise PackageError(f"the {role} {path.name} is empty")
    return data


def _check_sizes(infos: list[zipfile.ZipInfo], label: str) -> None:
    if len(infos) > MAX_PARTS:
        raise PackageError(f"{label} has {len(infos)} parts, more than a Word document ever needs")
    unpacked = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise PackageError(f"{label} is encrypted; save it without a password")
        unpacked += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(f"{label} expands to far more than it holds (a zip bomb?); refused")
    if unpacked > MAX_UNPACKED_BYTES:
        raise PackageError(f"{label} expands to {unpacked / 1e6:.0f} MB, over the "
                           f"{MAX_UNPACKED_BYTES / 1e6:.0f} MB limit")


def _is_strict(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """Strict OOXML uses other namespaces throughout; python-docx reads only the transitional ones."""
    if "_rels/.rels" not in names:
        return False
    try:
        return b"purl.oclc.org/ooxml" in archive.read("_rels/.rels")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return False


def _as_document(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], content_types: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in infos:
            if info.filename == "[Content_Types].xml":
                copy.writestr(info.filename, content_types.replace(_MAIN_TEMPLATE.encode(), _MAIN_DOCUMENT.encode()))
            else:
                copy.writestr(info.filename, archive.read(info))
    return out.getvalue()


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


class _ReproducibleZip:
    """python-docx's physical writer, but every member gets the same timestamp."""

    def __init__(self, target: io.BytesIO, compresslevel: int) -> None:
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)
        self._level = compresslevel

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob, compresslevel=self._level)

    def close(self) -> None:
        self._zip.close()


def document_bytes(document: Document, compresslevel: int = 3) -> bytes:
    """The document as .docx bytes: the same document always gives the same bytes."""
    package = document.part.package
    parts = list(package.iter_parts())
    target = io.BytesIO()
    writer = _ReproducibleZip(target, compresslevel)
    # The same three steps as PackageWriter.write, which hard-wires a zip writer that stamps the time.
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]  # it only calls write()
    writer.close()
    return target.getvalue()
