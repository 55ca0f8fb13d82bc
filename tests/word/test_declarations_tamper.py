"""Attacks on an exported copy's declarations and sign-off record (issue 18 item 5): each edit made to the body
and the manifest alike, so that their texts still agree, is found because verify-docx derives what they must say
from the signed records the manifest carries (the confidential sections' reasons, which the response hash
covers; the organisations' authority records, signed); the untouched copies verify, and a public copy's
withheld sections are reported as withheld."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta

import pytest

from tests.word.public_sample import REASON, signed_confidential
from tests.word.signed_sample import MANIFEST_MEMBER, SIGNED, rewrite_member
from wyassembler.core.authority import record_authority
from wyassembler.core.model import Actor
from wyassembler.core.signoff import decline_response, endorse_response, reservation
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.writer import export_docx

BODY = "word/document.xml"
REFERENCE = "Cabinet, 12 January 2006, minute 45"
LATER = SIGNED + timedelta(hours=1)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """The confidential sample with a reservation, a named decline and Bradford's signed authority, exported
    as the full copy and the public copy (both with the sign-off record)."""
    project, signers = signed_confidential()
    endorse_response(project, Actor("kirklees", "Lead of Kirklees", "partner lead"), now=LATER,
                     signer=signers["kirklees"], reservations=[reservation(project, "Tender the lease.", "5")])
    decline_response(project, Actor("leeds", "Lead of Leeds", "partner lead"), "Not section 4.", named=True,
                     now=LATER, signer=signers["leeds"])
    record_authority(project, Actor("bradford", "Lead of Bradford", "partner lead"), "committee", REFERENCE,
                     now=LATER, signer=signers["bradford"])
    folder = tmp_path_factory.mktemp("copies")
    paths = {"full": folder / "full.docx", "public": folder / "public.docx"}
    for name, path in paths.items():
        export_docx(project, path, signoff_appendix=True, public=name == "public", project_path=None)
    return paths


def _attacked(copies, tmp_path, copy: str, *edits) -> list[str]:
    path = tmp_path / "attacked.docx"
    shutil.copy(copies[copy], path)
    for member, change in edits:
        rewrite_member(path, member, change)
    return verify_docx(path).problems


def _both(old: str, new: str):
    def change(text: str) -> str:
        assert old in text
        return text.replace(old, new)
    return (MANIFEST_MEMBER, change), (BODY, change)


def test_the_untouched_copies_verify_and_the_public_one_names_its_withheld_sections(copies):
    assert verify_docx(copies["full"]).problems == []
    public = verify_docx(copies["public"])
    assert public.problems == []
    assert ("4 withheld from this public copy (section(s) 3.1, 5, 5.1, 5.1.1: hashes only; the approvals of "
            "withheld sections 3.1, 5, 5.1 and 5.1.1 are checked in the full copy)") in public.summary
    assert "differs" not in public.summary


def test_the_confidentiality_statement_with_other_reasons_in_body_and_manifest_is_found(copies, tmp_path):
    problems = _attacked(copies, tmp_path, "full", *_both(f": {REASON}</", ": published already</"))
    assert problems == ["the confidentiality statement is not the one the confidential sections in the manifest "
                        "make (the document or its manifest was edited)"]


def test_a_full_copy_without_its_confidentiality_statement_is_found(copies, tmp_path):
    def drop_statement(text: str) -> str:
        return re.sub(r"<confidentiality>.*?</confidentiality>", "", text)

    def drop_paragraphs(text: str) -> str:
        start = text.index("<w:p>", text.index("Submitted on behalf"))
        end = text.index("Sign-off record")
        end = text.rindex("<w:p>", 0, end)
        return text[:start] + text[end:]
    problems = _attacked(copies, tmp_path, "full", (MANIFEST_MEMBER, drop_statement), (BODY, drop_paragraphs))
    assert problems == ["the confidentiality statement is not the one the confidential sections in the manifest "
                        "make (the document or its manifest was edited)"]


def test_a_manifest_without_its_declarations_that_carries_what_they_state_is_found(copies, tmp_path):
    """Dropping the whole <declarations> element (as if the manifest were from before them) with the body's
    statements does not pass while the manifest carries a decline, a reservation or a confidential section."""
    def drop_declarations(text: str) -> str:
        return re.sub(r"<declarations .*?</declarations>", "", text)
    problems = _attacked(copies, tmp_path, "full", (MANIFEST_MEMBER, drop_declarations))
    assert "the manifest is damaged: it does not say what the document declares (on whose behalf the response " \
           "is made, what is confidential), though its records call for it" in problems


def test_an_authority_line_changed_in_the_sign_off_record_and_manifest_is_found(copies, tmp_path):
    """The line edited in the body and in the manifest's copy of the record's cells; the record, signed, left."""
    line = f"Committee resolution: {REFERENCE}"
    other = "Committee resolution: Cabinet, 1 March 2006, minute 99"
    for copy in ("full", "public"):
        problems = _attacked(copies, tmp_path, copy, (MANIFEST_MEMBER, lambda text: text.replace(
            f"<cell>{line}</cell>", f"<cell>{other}</cell>")), (BODY, lambda text: text.replace(line, other)))
        assert problems == ["the sign-off record's authority lines are not those the signed authority records in "
                            "the manifest make (the document or its manifest was edited)"], copy


def test_an_authority_line_dropped_from_a_sign_off_record_that_has_its_record_is_found(copies, tmp_path):
    def drop_row(text: str) -> str:
        start = text.index("<cell>Authority</cell>")
        end = start
        for _ in range(6):
            end = text.index("</cell>", end) + len("</cell>")
        return text[:start] + text[end:]
    problems = _attacked(copies, tmp_path, "full", (MANIFEST_MEMBER, drop_row))
    assert "the sign-off record's authority lines are not those the signed authority records in the manifest " \
           "make (the document or its manifest was edited)" in problems


def test_an_authority_record_changed_in_the_manifest_does_not_verify(copies, tmp_path):
    problems = _attacked(copies, tmp_path, "full", (MANIFEST_MEMBER, lambda text: text.replace(
        f'reference="{REFERENCE}"', 'reference="Cabinet, 1 March 2006, minute 99"')))
    assert any(line.startswith("authority: the record by Lead of Bradford (Bradford)") and
               "its signature does not match the record" in line for line in problems), problems


def test_the_on_whose_behalf_statement_and_a_decliners_line_edited_in_body_and_manifest_are_found(copies, tmp_path):
    wrong = ("the statement of whom the response is made on behalf of is not the one the endorsements in the "
             "manifest make (the document or its manifest was edited)")
    for old, new in (("on behalf of 9 of the 10 members", "on behalf of all 10 members"),
                     ("Leeds City Council does not endorse this response.", "")):
        assert wrong in _attacked(copies, tmp_path, "full", *_both(old, new)), old


def test_a_swapped_withheld_notice_number_is_found_as_an_edit_of_the_withheld_section(copies, tmp_path):
    problems = _attacked(copies, tmp_path, "public", (BODY, lambda text: text.replace(
        "Section 5 is withheld", "Section 4 is withheld")))
    assert problems == ["section 5 (withheld) differs from what was signed (the document was edited after export)"]


def test_a_section_marked_withheld_in_a_full_copy_to_skip_its_edited_text_is_found(copies, tmp_path):
    problems = _attacked(copies, tmp_path, "full",
                         (MANIFEST_MEMBER, lambda text: re.sub(r'(<section id="[^"]*" number="5" [^>]*?)>',
                                                               r'\1 withheld="yes">', text, count=1)),
                         (BODY, lambda text: text.replace("QXPARAGRAPH depot", "QXPARAGRAPH EDITED depot")))
    assert problems and all("withheld" in line or "differs" in line or "damaged" in line for line in problems)


def test_a_section_un_withheld_in_a_public_copy_is_found(copies, tmp_path):
    problems = _attacked(copies, tmp_path, "public", (MANIFEST_MEMBER, lambda text: re.sub(
        r'(<section id="[^"]*" number="5" [^>]*?) withheld="yes"', r"\1", text, count=1)))
    assert problems == ["the manifest is damaged: a section's content is not JSON"]
