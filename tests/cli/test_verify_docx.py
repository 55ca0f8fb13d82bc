"""``wyassembler verify-docx``: a signed export verifies with no project at hand, and each way of
tampering with the .docx afterwards (issue 15 item 7) fails with one line naming what changed."""

from __future__ import annotations

import copy
import html
import json
import re

import pytest

from tests.word.signed_sample import MANIFEST_MEMBER, read_member, rewrite_member, signed_sample
from wyassembler.core.content import canonical_json, sha256_hex
from wyassembler.word.writer import export_docx

DOCUMENT = "word/document.xml"
SHARED = "section 3 \u2018Moving to a Shared Services Culture\u2019"


@pytest.fixture(scope="module")
def signed():
    return signed_sample()[0]


@pytest.fixture
def response(signed, tmp_path):
    path = tmp_path / "response.docx"
    export_docx(signed, path, signoff_appendix=True, project_path=None)
    return path


def _failed(cli, path) -> list[str]:
    result = cli("verify-docx", path)
    assert result.code == 1
    assert result.err.startswith(f"wyassembler: error: {path.name} is not as signed")
    return result.out.splitlines()


def test_a_signed_export_verifies_with_no_project(cli, response):
    result = cli("verify-docx", response)
    assert result.code == 0, result.out
    assert result.out.startswith("6 section(s) as signed; 10 organisation(s)' approvals verified; endorsed by ")
    assert result.out.count("\n") == 1


def test_a_paragraph_changed_in_word_names_its_section(cli, response, signed):
    phrase = signed.all_sections()[2].blocks[0].spans[0].text[:30]
    assert read_member(response, DOCUMENT).count(phrase) == 1
    rewrite_member(response, DOCUMENT, lambda xml: xml.replace(phrase, "We never agreed to this: " + phrase))
    assert _failed(cli, response) == [f"{SHARED} differs from what was signed (the document was edited after export)"]


def test_a_renamed_heading_names_its_section(cli, response):
    rewrite_member(response, DOCUMENT, lambda xml: xml.replace("Moving to a Shared Services Culture",
                                                               "Moving to a Shared Services Future", 1))
    assert _failed(cli, response) == [f"{SHARED} differs from what was signed (the document was edited after export)"]


def test_a_changed_hash_in_the_manifest_does_not_match_its_content(cli, response, signed):
    section_hash = signed.all_sections()[2].hash
    rewrite_member(response, MANIFEST_MEMBER, lambda xml: xml.replace(f'hash="{section_hash}"',
                                                                      f'hash="{"0" * 64}"', 1))
    lines = _failed(cli, response)
    assert f"{SHARED}: the manifest's hash does not match its content (the manifest was edited)" in lines


def test_content_and_hash_changed_together_differ_from_what_was_approved(cli, response, signed):
    """Text changed in the manifest and the document, with the hash recomputed: no signature covers it."""
    section = signed.all_sections()[2]
    phrase = section.blocks[0].spans[0].text[:30]

    def forge(xml: str) -> str:
        content = re.search(rf'<section id="{section.id}".*?<content>(.*?)</content>', xml, re.S).group(1)
        canonical = json.loads(html.unescape(content))
        canonical[2][0][1][0][0] = canonical[2][0][1][0][0].replace(phrase, "Not " + phrase, 1)
        new = canonical_json(canonical).decode()
        # the section's own hash only (its approvals' hashes are signed)
        return xml.replace(content, html.escape(new, quote=False)).replace(
            f'hash="{section.hash}"', f'hash="{sha256_hex(new.encode())}"', 1)

    rewrite_member(response, MANIFEST_MEMBER, forge)
    rewrite_member(response, DOCUMENT, lambda xml: xml.replace(phrase, "Not " + phrase, 1))
    lines = _failed(cli, response)
    assert f"{SHARED} differs from what Calderdale approved" in lines
    assert "the manifest's response hash does not match its sections (the manifest was edited)" in lines


def test_a_removed_signature_is_not_signed(cli, response):
    def unsign(xml: str) -> str:
        record = re.search(r'<signoff org="calderdale"[^>]*/>', xml).group(0)
        return xml.replace(record, re.sub(r' (signed-by|signature)="[^"]*"', "", record), 1)

    rewrite_member(response, MANIFEST_MEMBER, unsign)
    # (and the sign-off record still says its signature verified: not what the record now makes)
    line, rows = _failed(cli, response)
    assert rows == RECORD_ROWS
    assert line.startswith(f"{SHARED}: the approval by Lead of calderdale (Calderdale) at 06 Jan 2026 14:30 UTC")
    assert line.endswith("it is not signed")


def test_an_approval_added_to_the_manifest_does_not_verify(cli, response):
    """Leeds's approval copied onto section 3, as if Leeds had approved it too (signature and all)."""
    def add(xml: str) -> str:
        leeds = re.search(r'<signoff org="leeds"[^>]*/>', xml).group(0)
        forged = leeds.replace(' sequence="', ' sequence="9')
        return re.sub(r'(<section id="[^"]*" number="3"[^>]*>.*?)(</section>)',
                      lambda m: m.group(1) + forged + m.group(2), xml, count=1, flags=re.S)

    rewrite_member(response, MANIFEST_MEMBER, add)
    lines = _failed(cli, response)
    assert any(line.startswith(f"{SHARED}: the approval by Lead of leeds (Leeds)")
               and line.endswith("the signature was copied from another record") for line in lines)
    assert f"{SHARED} differs from what Leeds approved" in lines


def test_an_unsigned_approval_added_to_the_manifest_is_not_signed(cli, response):
    def add(xml: str) -> str:
        record = re.search(r'<signoff org="calderdale"[^>]*/>', xml).group(0)
        forged = re.sub(r' (signed-by|signature)="[^"]*"', "", record.replace('org="calderdale"', 'org="leeds"'))
        return xml.replace(record, record + forged.replace(' sequence="', ' sequence="9'), 1)

    rewrite_member(response, MANIFEST_MEMBER, add)
    lines = _failed(cli, response)
    assert any(line.startswith(f"{SHARED}: the approval by Lead of calderdale (Leeds)")
               and line.endswith("it is not signed") for line in lines)


def test_a_deleted_manifest_is_named(cli, response):
    rewrite_member(response, MANIFEST_MEMBER, None)
    rewrite_member(response, "customXml/_rels/item1.xml.rels", None)
    rewrite_member(response, "customXml/itemProps1.xml", None)
    rewrite_member(response, "word/_rels/document.xml.rels",
                   lambda xml: re.sub(r'<Relationship [^>]*customXml"[^>]*/>', "", xml))
    assert "customXml" not in read_member(response, "word/_rels/document.xml.rels")
    assert _failed(cli, response) == ["the document carries no wyassembler manifest: it was not exported with its "
                                      "proof, or the manifest was removed"]


def test_a_file_that_is_not_a_document_is_one_line(cli, tmp_path):
    path = tmp_path / "response.docx"
    path.write_bytes(b"not a zip")
    result = cli("verify-docx", path)
    assert result.code == 1 and result.out == ""
    assert result.err == "wyassembler: error: the document response.docx is not a Word document (.docx)\n"


def test_the_summary_says_who_had_to_endorse(cli, response):
    assert "; every organisation's endorsement was required." in cli("verify-docx", response).out


def test_a_removed_endorsement_names_the_organisation_that_has_not_endorsed(cli, response):
    rewrite_member(response, MANIFEST_MEMBER, lambda xml: re.sub(r'<endorsement org="calderdale"[^>]*/>', "", xml))
    # (the statement that the response is made on behalf of all ten members no longer follows from the records,
    # nor does the sign-off record's row of Calderdale's endorsement)
    assert _failed(cli, response) == ["Calderdale Metropolitan Borough Council has not endorsed this response",
                                      RECORD_ROWS,
                                      "the statement of whom the response is made on behalf of is not the one the "
                                      "endorsements in the manifest make (the document or its manifest was edited)"]


@pytest.mark.parametrize("edit, message", [
    (lambda xml: re.sub(r"<endorsers>.*?</endorsers>", "", xml, flags=re.S),
     "it does not say which organisations must endorse the response"),
    (lambda xml: xml.replace('<endorser org="calderdale" name="', '<endorser org="calderdale" name="Not '),
     "the endorser 'calderdale' is not one of its organisations by that name"),
])
def test_an_edited_list_of_required_endorsers_is_damage(cli, response, edit, message):
    """The list is not signed: removed, or naming an organisation otherwise than the signed names do."""
    rewrite_member(response, MANIFEST_MEMBER, edit)
    assert _failed(cli, response) == [f"the manifest is damaged: {message}"]


def test_organisations_not_required_to_endorse_are_named(cli, signed, tmp_path):
    subset = copy.deepcopy(signed)
    subset.endorsers = [org.id for org in subset.organisations if org.id != "police"]
    path = tmp_path / "subset.docx"
    export_docx(subset, path, project_path=None)
    result = cli("verify-docx", path)
    assert result.code == 0, result.out
    assert "; endorsement was not required of " in result.out and "Police" in result.out


RECORD_ROWS = ("the sign-off record's rows of approvals and endorsements are not those the signed records in the "
               "manifest make (the document or its manifest was edited)")


@pytest.mark.parametrize("old, new", [
    (">Lead of joint-services, partner lead<", ">Someone Else, partner lead<"),  # who approved section 1
    (">06 Jan 2026 14:30<", ">01 Jan 2026 09:00<"),  # when
    (">Approved<", ">Endorsed<"),  # what it means
])
def test_an_approval_row_changed_in_the_sign_off_record_and_manifest_is_found(cli, response, old, new):
    # The record's rows say "Verified": each must be the row the signed record it shows makes.
    for member in (MANIFEST_MEMBER, DOCUMENT):
        rewrite_member(response, member, lambda text: text.replace(old, new, 1))
    assert _failed(cli, response) == [RECORD_ROWS]
