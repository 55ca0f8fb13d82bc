"""Ways a confidential section's text could reach the public copy other than its own body text (issue 18):
the notes of approvals on a withheld section (the copy carries none of its approvals), the export's
warnings naming a withheld heading, and text a partner wrote elsewhere (a reservation, a decline's note, the
title) that quotes a confidential section, which the export warns of. Each is searched for byte by byte in
every part."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from lxml import etree

from tests.word.public_sample import PARAGRAPHS, TOKENS, every_part, leaks, signed_confidential
from tests.word.signed_sample import MANIFEST_MEMBER, SIGNED
from wyassembler.core.content import Paragraph, Span, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.public_copy import quoted_elsewhere
from wyassembler.core.question_edits import map_section
from wyassembler.core.signoff import CHANGES_REQUESTED, decline_response, endorse_response, reservation, \
    sign_off_section
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.manifest import tag
from wyassembler.word.writer import WITHHELD_APPROVALS, build_docx, export_docx

APPROVAL_NOTE = "Approved: QXAPPROVALNOTE the depot figure stays at 1.2m."
LATER = SIGNED + timedelta(hours=1)


@pytest.fixture(scope="module")
def noted():
    """The confidential sample where Kirklees approves the withheld section 5 (and 5.1) again with a note
    quoting it."""
    project, signers = signed_confidential()
    kirklees = Actor("kirklees", "Lead of Kirklees", "partner lead")
    for number in ("5", "5.1"):
        sign_off_section(project, kirklees, project.find_section(number), note=APPROVAL_NOTE, now=LATER,
                         signer=signers["kirklees"])
    return project


@pytest.fixture(params=["outline", "questions"])
def noted_public(noted, tmp_path, request):
    path = tmp_path / "public.docx"
    export_docx(noted, path, order=request.param, signoff_appendix=True, questions_appendix=True, public=True,
                project_path=None)
    return path


def test_the_note_of_an_approval_on_a_withheld_section_is_not_in_the_public_copy(noted_public):
    assert leaks(noted_public.read_bytes(), TOKENS + PARAGRAPHS + [APPROVAL_NOTE, "QXAPPROVALNOTE"]) == []
    root = etree.fromstring(every_part(noted_public.read_bytes())[MANIFEST_MEMBER])
    five = next(e for e in root.iterfind(tag("section")) if e.get("number") == "5")
    assert five.find(tag("signoff")) is None  # nor the approval that signed the note


def test_a_printed_sections_approval_is_checked_whatever_flag_it_carries(noted_public):
    from tests.word.signed_sample import rewrite_member
    # Someone flagging a printed section's approval (section 1's comes first) as public copies once flagged
    # an approval whose note they left out, and changing who gave it: its signature is still checked.
    rewrite_member(noted_public, MANIFEST_MEMBER, lambda text: re.sub(
        r'(<signoff [^>]*?)person="[^"]*"([^>]*?)note="" previous', r'\1person="Someone Else"\2note="" '
        r'note-withheld="yes" previous', text, count=1))
    problem, rows = verify_docx(noted_public).problems
    assert problem.startswith("section 1 ") and "the approval by Someone Else" in problem
    assert "its signature does not match the record" in problem
    assert rows.startswith("the sign-off record's rows of approvals and endorsements are not those")


def test_the_full_copy_keeps_the_note_and_verifies(noted, tmp_path):
    path = tmp_path / "full.docx"
    export_docx(noted, path, signoff_appendix=True, project_path=None)
    assert APPROVAL_NOTE.encode() in every_part(path.read_bytes())[MANIFEST_MEMBER]
    assert verify_docx(path).problems == []


def test_a_change_request_on_a_withheld_section_is_not_in_a_public_draft():
    project, signers = signed_confidential()
    sign_off_section(project, Actor("kirklees", "Lead of Kirklees", "partner lead"), project.find_section("5"),
                     CHANGES_REQUESTED, note="Change QXCHANGENOTE the figure", now=LATER, signer=signers["kirklees"])
    public = build_docx(project, draft=True, signoff_appendix=True, public=True).data
    assert leaks(public, TOKENS + ["QXCHANGENOTE"]) == []


def test_the_warnings_of_a_public_copy_name_a_withheld_section_by_number_only():
    """A withheld section answering two questions: the question order's warning that its text is printed
    under each names it, which for the public copy must not name its heading (warnings go into e-mails)."""
    project, _ = signed_confidential()
    map_section(project, Actor("kirklees", "Lead", "partner lead"), project.find_section("5"), ["2", "3"])
    result = build_docx(project, order="questions", draft=True, public=True)
    assert any(warning.startswith("section 5 answers questions 2, 3") for warning in result.warnings), \
        result.warnings
    assert not [warning for warning in result.warnings if "QX" in warning]
    full = build_docx(project, order="questions", draft=True)
    assert any("QXHEADING" in warning for warning in full.warnings)  # the full copy's may name it


# -- text a partner wrote elsewhere that quotes a confidential section ----------------------------------

QUOTE = PARAGRAPHS[0]  # the first paragraph of the confidential section 5


def _quoting(where: str):
    project, _ = signed_confidential()
    kirklees = Actor("kirklees", "Lead of Kirklees", "partner lead")
    if where == "reservation":
        endorse_response(project, kirklees, now=LATER, reservations=[reservation(project, QUOTE, "5")])
    elif where == "decline":
        decline_response(project, kirklees, f"We cannot agree: {QUOTE}", now=LATER)
    elif where == "endorsement note":
        endorse_response(project, kirklees, note=QUOTE, now=LATER)
    elif where == "approval note":
        sign_off_section(project, kirklees, project.find_section("4"), note=QUOTE, now=LATER)
    elif where == "title":
        project.title = f"Response: {QUOTE}"
    elif where == "responds to":
        project.responds_to = f"Consultation on {QUOTE}"
    elif where == "link text":
        four = project.find_section("4")
        edit_section(project, kirklees, four, blocks=four.blocks + (
            Paragraph((Span("See "), Span("Depot lease terms QXHEADING", href="https://example.org/depot"))),))
    return project


@pytest.mark.parametrize("where, expected", [
    ("reservation", "the text of confidential section 5 appears in the reservation of Kirklees"),
    ("decline", "the text of confidential section 5 appears in the note of the decline of Kirklees"),
    ("endorsement note", "the text of confidential section 5 appears in the note of the endorsement of Kirklees"),
    ("approval note", "the text of confidential section 5 appears in the note of the approval of section 4 "
                      "by Kirklees"),
    ("title", "the text of confidential section 5 appears in the title"),
    ("responds to", "the text of confidential section 5 appears in what it responds to"),
    ("link text", "the text of confidential section 5 appears in section 4"),
])
def test_confidential_text_quoted_in_what_the_public_copy_carries_besides_sections_is_warned(where, expected):
    project = _quoting(where)
    assert expected in quoted_elsewhere(project)
    assert not [line for line in quoted_elsewhere(project) if "QX" in line]


def test_a_withheld_heading_or_paragraph_quoted_in_the_subtitle_or_closing_line_is_warned():
    project, _ = signed_confidential()
    project.subtitle = "On the depot lease terms QXHEADING"
    project.closing_line_template = f"As we said, {PARAGRAPHS[2]}"
    warnings = quoted_elsewhere(project)
    assert "the text of confidential section 5 appears in the subtitle" in warnings
    assert "the text of confidential section 3.1 appears in the closing line" in warnings


def test_a_refused_public_copy_names_a_withheld_section_by_number_only():
    """Every message of a public-copy export, a refusal too, leaves out withheld headings and the notes of
    decisions on withheld sections (a change request's note often quotes the text)."""
    from wyassembler.core.errors import WyassemblerError
    project, _ = signed_confidential()
    sign_off_section(project, Actor("kirklees", "Lead of Kirklees", "partner lead"), project.find_section("5.1"),
                     CHANGES_REQUESTED, note="QXCHANGENOTE: cut the margin", now=LATER)
    with pytest.raises(WyassemblerError) as full:
        build_docx(project)
    assert "QXSUBHEADING" in str(full.value) and "QXCHANGENOTE" in str(full.value)  # the full copy's says
    with pytest.raises(WyassemblerError) as public:
        build_docx(project, public=True)
    message = str(public.value)
    assert "QX" not in message and "section 5.1: changes requested by Lead of Kirklees: (note withheld)" in message
    assert "QX" not in public.value.missing


def test_a_short_withheld_heading_used_whole_as_a_link_text_or_heading_is_warned_but_not_the_word_in_a_sentence():
    project, _ = signed_confidential()
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    secret = project.find_section("5")
    edit_section(project, coordinator, secret, heading="Redundancies")
    four = project.find_section("4")
    edit_section(project, coordinator, four, blocks=four.blocks + (
        Paragraph(plain("There will be no redundancies this year.")),))
    assert not [line for line in quoted_elsewhere(project) if "section 5 " in line]  # a word in a sentence
    edit_section(project, coordinator, four, blocks=four.blocks + (
        Paragraph((Span("Read about "), Span("redundancies", href="https://example.org/r"), Span("."))),))
    assert "the text of confidential section 5 appears in section 4" in quoted_elsewhere(project)
    project.subtitle = "Redundancies"
    assert "the text of confidential section 5 appears in the subtitle" in quoted_elsewhere(project)


def test_redacting_a_message_takes_out_a_short_heading_as_a_word_only():
    from wyassembler.core.public_copy import redacted
    project, _ = signed_confidential()
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    edit_section(project, coordinator, project.find_section("5"), heading="Pay")
    assert redacted(project, "Payment: section 5 \u201cPay\u201d is not approved; Pay is late") == \
        "Payment: section 5 is not approved; (withheld) is late"


def test_a_full_copy_used_as_the_template_brings_none_of_its_links_into_the_public_copy(tmp_path):
    """The template's body is dropped, but what it linked to stayed in the document part's relationships:
    a full response (or any document holding the confidential link) chosen as the template put the withheld
    section's link address into the public copy."""
    project, _ = signed_confidential()
    template = tmp_path / "full.docx"
    template.write_bytes(build_docx(project, signoff_appendix=True).data)
    public = build_docx(project, public=True, template=template).data
    assert leaks(public, TOKENS + PARAGRAPHS) == []
    root = etree.fromstring(every_part(public)["word/_rels/document.xml.rels"])
    document = every_part(public)["word/document.xml"]
    for relationship in root:
        if relationship.get("Type", "").endswith(("/hyperlink", "/image")):
            assert f'"{relationship.get("Id")}"'.encode() in document  # each one the body refers to


def test_an_approval_of_a_withheld_section_put_in_a_public_manifest_is_damage(noted_public):
    from tests.word.signed_sample import rewrite_member
    # Kirklees's approval of section 5 made to say someone else approved it, and when (flagged as a note
    # withheld, as public copies once carried it): the public copy cannot check that signature, so it must
    # carry no such claim, and a record put there is damage.
    def forge(text: str) -> str:
        root = etree.fromstring(text.encode("utf-8"))
        five = next(e for e in root.iterfind(tag("section")) if e.get("number") == "5")
        for record in five.findall(tag("signoff")):
            five.remove(record)
        etree.SubElement(five, tag("signoff"), {
            "org": "kirklees", "decision": "approved", "person": "Someone Else", "role": "partner lead",
            "time": "2026-01-09T09:00:00Z", "sequence": "1", "hash": five.get("hash"), "note": "",
            "previous": "", "verified": "valid", "note-withheld": "yes"})
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")

    rewrite_member(noted_public, MANIFEST_MEMBER, forge)
    assert verify_docx(noted_public).problems == [
        "the manifest is damaged: section 5 is withheld, but the manifest carries an approval of it (a public "
        "copy carries none: they are checked in the full copy)"]


def test_a_withheld_sections_row_claiming_an_approval_in_body_and_manifest_is_found(noted_public):
    from tests.word.signed_sample import rewrite_member
    claim = "Approved by Someone Else, Verified"
    for member in (MANIFEST_MEMBER, "word/document.xml"):
        rewrite_member(noted_public, member, lambda text: text.replace(WITHHELD_APPROVALS, claim, 2))
    assert verify_docx(noted_public).problems == [
        "the sign-off record's rows of withheld sections claim approvals this public copy does not carry (the "
        "document or its manifest was edited)"]


def test_the_public_copy_carries_no_approvals_of_withheld_sections_and_says_so(noted_public):
    root = etree.fromstring(every_part(noted_public.read_bytes())[MANIFEST_MEMBER])
    withheld = [e for e in root.iterfind(tag("section")) if e.get("withheld") == "yes"]
    assert [e.get("number") for e in withheld] == ["3.1", "5", "5.1", "5.1.1"]
    assert all(e.find(tag("signoff")) is None for e in withheld)
    result = verify_docx(noted_public)
    assert result.problems == []
    assert ("4 withheld from this public copy (section(s) 3.1, 5, 5.1, 5.1.1: hashes only; the approvals of "
            "withheld sections 3.1, 5, 5.1 and 5.1.1 are checked in the full copy)") in result.summary
