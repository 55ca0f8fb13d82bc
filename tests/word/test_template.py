"""Branded templates restyle the export; whatever they lack falls back with a warning; bad files are refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from tests.word.readback import body_paragraphs, header_text, open_docx
from wyassembler.word.export_checks import warning_lines
from wyassembler.word.package import PackageError
from wyassembler.word.template_check import template_findings
from wyassembler.word.writer import build_docx, export_docx


def _branded(path, *, header="Acme Council \u2013 Corporate ICT"):
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(20)
    heading.font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.add_paragraph("Template boilerplate that must not reach the export")
    document.core_properties.author = "Template Author"
    document.save(path)
    return path


def test_branded_template_restyles_and_keeps_its_header(project, tmp_path):
    template = _branded(tmp_path / "brand.docx")
    result = build_docx(project, template=template, draft=True)
    doc = open_docx(result.data)
    heading = doc.styles["Heading 1"]
    assert heading.font.name == "Georgia" and heading.font.size == Pt(20)
    assert "Acme Council" in header_text(doc) and "DRAFT" in header_text(doc)
    texts = [p.text for p in body_paragraphs(doc)]
    assert "Template boilerplate that must not reach the export" not in texts
    assert doc.core_properties.author == project.partnership
    # python-docx's default document has no Hyperlink or Closing style: both fall back, with one warning;
    # the others are what 'check' says of the template (its Word 2007 blue headings' contrast: errors).
    fallback, *accessibility = result.warnings
    assert "Hyperlink" in fallback and "Closing" in fallback
    assert accessibility == warning_lines(project, template_findings(template))
    assert len(accessibility) == 3 and all("#4F81BD" in line for line in accessibility)
    assert doc.styles["Hyperlink"].font.underline


def test_localised_style_ids_are_found_by_name(project, tmp_path):
    path = _branded(tmp_path / "de.docx", header="")
    # As a German Word writes it: the id and every reference to it (w:link, w:basedOn) renamed.
    data = _rewrite(path, "word/styles.xml",
                    lambda xml: xml.replace(b'w:styleId="Heading1"', b'w:styleId="berschrift1"')
                    .replace(b'w:val="Heading1"', b'w:val="berschrift1"'))
    path.write_bytes(data)
    doc = open_docx(build_docx(project, template=path, draft=True).data)
    headings = [p for p in body_paragraphs(doc) if p.style == "Heading 1"]
    assert len(headings) == len(project.sections)
    assert doc.styles["Heading 1"].style_id == "berschrift1"


def test_style_references_to_styles_the_template_lacks_are_dropped_so_the_export_is_valid(project, tmp_path):
    path = _branded(tmp_path / "renamed.docx", header="")
    # The id renamed by hand, its references (Heading1Char's w:link, TOC Heading's w:basedOn) not.
    path.write_bytes(_rewrite(path, "word/styles.xml",
                              lambda xml: xml.replace(b'w:styleId="Heading1"', b'w:styleId="MyHeading"')))
    doc = open_docx(build_docx(project, template=path, draft=True).data)  # validated as every export is
    ids = {style.style_id for style in doc.styles}
    for style in doc.styles.element.iter(qn("w:style")):
        for tag in ("w:basedOn", "w:link", "w:next"):
            reference = style.find(qn(tag))
            assert reference is None or reference.get(qn("w:val")) in ids, (style.get(qn("w:styleId")), tag)
    assert doc.styles["Heading 1"].style_id == "MyHeading"


def test_a_dotx_template_is_accepted(project, tmp_path):
    path = _branded(tmp_path / "brand.docx")
    dotx = tmp_path / "brand.dotx"
    dotx.write_bytes(_rewrite(path, "[Content_Types].xml", lambda xml: xml.replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")))
    assert open_docx(build_docx(project, template=dotx, draft=True).data).styles["Heading 1"].font.name == "Georgia"


def _rewrite(path, member, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, change(data) if info.filename == member else data)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


BAD_TEMPLATES = {
    "text": (b"This is not a Word document at all.\n", "not a Word document"),
    "empty": (b"", "is empty"),
    "ole": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
    "truncated": (None, "damaged"),
    "macro": ("macro", "macro-enabled"),
    "bomb": (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 50_000_000}), "zip bomb"),
    "no-types": (_zip({"word/document.xml": b"<w:document/>"}), "no content types"),
}


@pytest.mark.parametrize("kind", sorted(BAD_TEMPLATES))
def test_bad_templates_are_refused_cleanly(project, tmp_path, kind):
    data, expected = BAD_TEMPLATES[kind]
    good = _branded(tmp_path / "good.docx")
    if data is None:
        data = good.read_bytes()[:2000]
    elif data == "macro":
        data = _rewrite(good, "[Content_Types].xml", lambda xml: xml.replace(
            b"wordprocessingml.document.main+xml", b"vnd.ms-word.document.macroEnabled.main+xml"))
    template = tmp_path / f"{kind}.docx"
    template.write_bytes(data)
    out = tmp_path / "out.docx"
    with pytest.raises(PackageError, match=expected) as refused:
        export_docx(project, out, template=template, draft=True, project_path=None)
    assert "\n" not in str(refused.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_missing_template(project, tmp_path):
    with pytest.raises(PackageError, match="does not exist"):
        build_docx(project, template=tmp_path / "nope.docx", draft=True)
