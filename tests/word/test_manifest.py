"""The proof an exported response carries (issue 15 item 7): the manifest part, the sign-off
appendix's Part 11 manifestations, and verify_docx on the export. The attacks on the .docx are in
tests/cli/test_verify_docx.py."""

from __future__ import annotations

import json
import subprocess

import pytest
from lxml import etree

from tests.word.readback import open_docx
from tests.word.rendering import SOFFICE, needs_libreoffice
from tests.word.signed_sample import MANIFEST_MEMBER, read_member, rewrite_member, signed_sample
from wyassembler.core.content import canonical_json, section_canonical, sha256_hex
from wyassembler.core.signoff import response_hash
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.manifest import NAMESPACE, tag
from wyassembler.word.writer import APPENDIX_HEADER, build_docx, export_docx


@pytest.fixture(scope="module")
def signed():
    return signed_sample()


@pytest.fixture
def exported(signed, tmp_path):
    path = tmp_path / "response.docx"
    export_docx(signed[0], path, signoff_appendix=True, project_path=None)
    return path


def test_the_manifest_is_a_custom_xml_part_of_the_document(exported):
    relationships = read_member(exported, "word/_rels/document.xml.rels")
    assert 'relationships/customXml" Target="../customXml/item1.xml"' in relationships
    assert "customXmlProps" in read_member(exported, "customXml/_rels/item1.xml.rels")
    assert NAMESPACE in read_member(exported, "customXml/itemProps1.xml")
    assert 'PartName="/customXml/itemProps1.xml"' in read_member(exported, "[Content_Types].xml")


def test_the_manifest_holds_each_section_its_records_and_the_keys(signed, exported):
    project, signers = signed
    root = etree.fromstring(read_member(exported, MANIFEST_MEMBER).encode())
    head = root.find(tag("project"))
    assert head.get("id") == project.id and head.get("response-hash") == response_hash(project)
    sections = root.findall(tag("section"))
    assert [(s.get("number"), s.findtext(tag("heading"))) for s in sections] == \
        [(number, section.heading) for number, _, section in project.walk()]
    for element, section in zip(sections, project.all_sections(), strict=True):
        content = element.findtext(tag("content"))
        assert json.loads(content) == json.loads(canonical_json(section_canonical(section.heading, section.blocks)))
        assert sha256_hex(content.encode()) == element.get("hash") == section.hash
        signed_records = [s for s in element.iterfind(tag("signoff")) if s.get("signature")]
        assert {s.get("org") for s in signed_records} == set(section.editors())
        assert all(s.get("verified") == "valid" for s in signed_records)
    endorsements = [e for e in root.iterfind(tag("endorsement")) if e.get("signature")]
    assert len(endorsements) == len(project.organisations)
    public_keys = {e.get("fingerprint") for e in root.iterfind(tag("key-event")) if e.get("public-key")}
    assert public_keys == {signer.fingerprint for signer in signers.values()}


def test_a_signed_export_verifies_with_a_summary(exported):
    result = verify_docx(exported)
    assert result.problems == []
    assert result.summary.startswith("6 section(s) as signed; 10 organisation(s)' approvals verified; "
                                     "endorsed by Bradford, Calderdale")
    assert "check that fingerprint with them" in result.summary


def test_the_appendix_shows_name_meaning_time_key_and_whether_verified(signed, exported):
    project, signers = signed
    table = open_docx(exported.read_bytes()).tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert tuple(rows[0]) == APPENDIX_HEADER
    calderdale = next(r for r in rows if r[0].startswith("3 ") and r[1] == "Calderdale")
    short_key = " ".join(signers["calderdale"].fingerprint.split()[:2])
    assert calderdale[2:] == ["Lead of calderdale, partner lead", "Approved", "06 Jan 2026 14:30",
                              f"Verified, key {short_key} \u2026"]
    endorsed = [r for r in rows if r[0] == "Whole response"]
    assert len(endorsed) == 10 and {r[3] for r in endorsed} == {"Endorsed"}


def test_an_unsigned_approval_is_shown_as_not_signed_and_does_not_verify(tmp_path):
    project = storage.load(str(resource("samples", "west-yorkshire-2005.wyproj"))).project
    rows = [[c.text for c in row.cells] for row in
            open_docx(build_docx(project, draft=True, signoff_appendix=True).data).tables[-1].rows]
    assert any(r[3] == "Approved" and r[5] == "Not signed" for r in rows[1:])
    path = tmp_path / "unsigned.docx"
    export_docx(project, path, draft=True, project_path=None)
    problems = verify_docx(path).problems
    assert problems and any("it is not signed" in line for line in problems)


def test_a_manifest_declaring_entities_is_refused_unexpanded(exported):
    bomb = ('<!DOCTYPE manifest [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    rewrite_member(exported, MANIFEST_MEMBER, lambda text: text.replace(
        "?>", "?>" + bomb, 1).replace('title="', 'title="&c;', 1))
    assert verify_docx(exported).problems == [
        "the manifest is damaged: it declares a document type (entities), which wyassembler never writes"]


def test_a_manifest_that_is_not_as_written_is_one_line(exported):
    rewrite_member(exported, MANIFEST_MEMBER, lambda text: text.replace('sequence="', 'sequence="x', 1))
    assert verify_docx(exported).problems == ["the manifest is damaged: a decision's sequence is not a number"]


@needs_libreoffice
def test_a_document_saved_again_by_libreoffice_keeps_its_manifest_and_verifies(exported, tmp_path):
    """Another word processor's save rewrites document.xml (runs, properties): the text, and the
    custom XML part, survive it."""
    out = tmp_path / "saved"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(exported)],
                   check=True, capture_output=True, timeout=180)
    saved = out / exported.name
    assert read_member(saved, "word/document.xml") != read_member(exported, "word/document.xml")
    assert verify_docx(saved).problems == []
