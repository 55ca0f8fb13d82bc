"""Knowing our own output, so an export replaces only a file nobody has touched since we wrote it.

Every document wyassembler writes (the response, a partner pack) carries a custom
document property, :data:`MARKER_PROPERTY`, whose value is a hash of every other
member of the package. Exports are reproducible, so the hash is too. Word keeps
custom properties when it saves but rewrites the document, so a pack a partner
edited and sent back still says it came from wyassembler, and no longer matches
its hash. :func:`replace_problem` tells the three cases apart: no file or our
untouched output (safe to replace), a file changed since, a file not ours.
A PDF carries its mark in its metadata instead (:mod:`.pdf_marking`); the same three cases.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from lxml import etree

from ..core.errors import WyassemblerError
from ..fileio import open_to_read, refuse_project_as_output
from .package import MAX_PACKAGE_BYTES, PackageError, _check_sizes, _ReproducibleZip
from .pdf_marking import UNTOUCHED, pdf_state
from .pdf_marking import CHANGED as PDF_CHANGED

MARKER_PROPERTY = "wyassembler.output"
CUSTOM_MEMBER = "docProps/custom.xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id Word gives every custom property
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_QUOTE = {'"': "&quot;"}
CHANGED = "has been changed since wyassembler wrote it"
NOT_OURS = "was not written by wyassembler"


class ReplaceRefused(WyassemblerError):
    """The output exists and is not our untouched output; nothing was written."""


# -- writing ------------------------------------------------------------------------------------

class _HashingZip(_ReproducibleZip):
    """The reproducible zip writer, remembering a hash of each member it writes."""

    def __init__(self, target: io.BytesIO, compresslevel: int) -> None:
        super().__init__(target, compresslevel)
        self.hashes: dict[str, str] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.hashes[pack_uri.membername] = hashlib.sha256(blob).hexdigest()
        super().write(pack_uri, blob)


def marked_bytes(document: Document, compresslevel: int = 3, properties: Mapping[str, str] | None = None) -> bytes:
    """The document as .docx bytes (reproducibly, as :func:`.package.document_bytes`), with the
    custom property that says wyassembler wrote it, and a hash of everything else in it; ``properties``
    are further custom properties (name -> text) written with it (LibreOffice keeps custom properties
    where it drops document variables: see :mod:`.pack_markers`)."""
    package = document.part.package
    marker = Part(PackURI("/" + CUSTOM_MEMBER), CT.OFC_CUSTOM_PROPERTIES, b"", package)
    package.relate_to(marker, RT.CUSTOM_PROPERTIES)
    parts = [part for part in package.iter_parts() if part is not marker]
    target = io.BytesIO()
    writer = _HashingZip(target, compresslevel)
    # The same three steps as PackageWriter.write; the marker last, once the rest is hashed.
    PackageWriter._write_content_types_stream(writer, parts + [marker])
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]  # it only calls write()
    writer.write(marker.partname, _custom_properties(_members_hash(writer.hashes), properties or {}))
    writer.close()
    return target.getvalue()


def _members_hash(hashes: dict[str, str]) -> str:
    """One hash of the package's members, by name, in any order."""
    combined = hashlib.sha256()
    for name in sorted(hashes):
        combined.update(f"{name}\0{hashes[name]}\n".encode())
    return "sha256:" + combined.hexdigest()


def _custom_properties(value: str, properties: Mapping[str, str]) -> bytes:
    others = "".join(f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, _QUOTE)}"><vt:lpwstr>'
                     f'{escape(text)}</vt:lpwstr></property>'
                     for pid, (name, text) in enumerate(properties.items(), start=3))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">'
            f'<property fmtid="{_FMTID}" pid="2" name="{MARKER_PROPERTY}"><vt:lpwstr>{value}</vt:lpwstr>'
            f'</property>{others}</Properties>').encode()


def custom_properties(blob: bytes) -> dict[str, str]:
    """The text-valued custom properties in a ``docProps/custom.xml`` part's bytes ({} if unreadable)."""
    try:
        root = etree.fromstring(blob, _SAFE_PARSER)
    except etree.XMLSyntaxError:
        return {}
    found: dict[str, str] = {}
    for prop in root.iter(f"{{{_CUSTOM_NS}}}property"):
        value = prop.find(f"{{{_VT_NS}}}lpwstr")
        if value is not None:
            found.setdefault(prop.get("name", ""), value.text or "")
    return found


# -- recognising --------------------------------------------------------------------------------

def replace_problem(path: str | os.PathLike) -> str | None:
    """Why the file at ``path`` must not be replaced without asking, as a phrase ("has been changed
    since wyassembler wrote it", "was not written by wyassembler", "is a folder"); ``None`` if there
    is no file there or it is our output (a .docx or a PDF), unchanged."""
    path = Path(path)
    if not path.exists():
        return None
    if path.is_dir():
        return "is a folder"
    try:
        with open_to_read(path) as handle:
            data = handle.read(MAX_PACKAGE_BYTES + 1)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if len(data) > MAX_PACKAGE_BYTES:
        return NOT_OURS
    if data.startswith(b"%PDF-"):
        state = pdf_state(data)
        return None if state == UNTOUCHED else CHANGED if state == PDF_CHANGED else NOT_OURS
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            _check_sizes(infos, path.name)
            recorded = _recorded_hash(archive)
            if recorded is None:
                return NOT_OURS
            hashes = {info.filename: hashlib.sha256(archive.read(info)).hexdigest()
                      for info in infos if info.filename != CUSTOM_MEMBER}
    except (zipfile.BadZipFile, PackageError, OSError, ValueError, RuntimeError, EOFError):
        return NOT_OURS
    return None if _members_hash(hashes) == recorded else CHANGED


def _recorded_hash(archive: zipfile.ZipFile) -> str | None:
    try:
        root = etree.fromstring(archive.read(CUSTOM_MEMBER), _SAFE_PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return None
    for prop in root.iter(f"{{{_CUSTOM_NS}}}property"):
        if prop.get("name") == MARKER_PROPERTY:
            value = prop.find(f"{{{_VT_NS}}}lpwstr")
            return (value.text or "") if value is not None else None
    return None


def refuse_to_replace(path: str | os.PathLike) -> None:
    """Raise :class:`ReplaceRefused` unless the file at ``path`` may be replaced without asking."""
    why = replace_problem(path)
    if why is not None:
        raise ReplaceRefused(f"{Path(path).name} already exists and {why}, so it was not replaced")


def refuse_output(project_path: str | os.PathLike | None, out_path: str | os.PathLike, suffix: str, *,
                  replace: bool, noun: str = "output") -> Path:
    """``out_path`` as a Path, after the refusals every export makes before building anything: the project
    file itself (:func:`.fileio.refuse_project_as_output`), a name not ending in ``suffix`` (".docx", ".pdf";
    the one-line error calls the file the ``noun``), and, unless ``replace``, a file there that is not our
    untouched output (:func:`refuse_to_replace`)."""
    out_path = Path(out_path)
    refuse_project_as_output(project_path, out_path)
    if out_path.suffix.lower() != suffix:
        raise WyassemblerError(f"the {noun} {out_path.name} should end in {suffix}")
    if not replace:
        refuse_to_replace(out_path)
    return out_path
