"""What the exported response declares (issue 18 items 2 to 4), read back with python-docx: the statement of
whom it is made on behalf of where the project's setting puts it, the member list, the full copy's
confidentiality statement, the sign-off record's meanings and authorities; verify-docx expects them all;
LibreOffice prints the statement."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace

import pytest

from tests.factories import COORDINATOR, KIRKLEES, T0
from tests.word.readback import body_paragraphs, open_docx
from tests.word.rendering import needs_libreoffice, rendered_lines
from tests.word.test_question_export import consultation_project
from wyassembler.core.authority import record_authority
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.declarations import NO_ENDORSER_YET, behalf_statement, confidentiality_statement
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.signoff import decline_response, endorse_response, reservation, sign_off_section
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.reader import import_docx
from wyassembler.word.writer import build_docx, export_docx

CALDERDALE_NAME = "Calderdale Metropolitan Borough Council"
MEMBER_NAMES_START = "City of Bradford Metropolitan District Council"


def _lead(org_id: str) -> Actor:
    return Actor(org_id, f"Lead of {org_id}", "partner lead")


def _approve_sections(project) -> None:
    for section in project.all_sections():
        sign_off_section(project, _lead(section.owner), section, now=T0)


def _decide(project, named: bool = True) -> None:
    """Kirklees endorses with a reservation on section 3, Calderdale declines, the rest endorse."""
    for org in project.organisations:
        if org.id not in ("kirklees", "calderdale"):
            endorse_response(project, _lead(org.id), now=T0)
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Set standards nationally.", "3")])
    decline_response(project, _lead("calderdale"), "Cabinet did not agree.", named=named, now=T0)


@pytest.fixture
def final(project):
    """The conftest project, signed off: ready for a final export, with a reservation and a decline."""
    _approve_sections(project)
    _decide(project)
    return project


def _texts(data: bytes) -> list[str]:
    return [p.text for p in body_paragraphs(open_docx(data)) if p.text]


def _no_text_problems(path) -> None:
    """verify-docx finds the body as the manifest says it was written (the project is unsigned, so its
    signatures are reported; nothing else may be)."""
    problems = verify_docx(path).problems
    assert not [line for line in problems if "differs from what was signed" in line or "manifest" in line], problems


def test_the_statement_follows_the_member_list(final, tmp_path):
    path = tmp_path / "response.docx"
    export_docx(final, path, project_path=None)
    paragraphs = body_paragraphs(open_docx(path.read_bytes()))
    texts = [p.text for p in paragraphs]
    statement = behalf_statement(final).texts()
    first = texts.index(MEMBER_NAMES_START)
    assert texts[first:first + 10] == [org.name for org in final.organisations]
    assert {p.style for p in paragraphs[first:first + 10]} == {"List Paragraph"}
    assert texts[first + 10:first + 13] == statement
    assert statement[0].startswith("This response is made on behalf of 9 of the 10 members")
    assert statement[2] == f"{CALDERDALE_NAME} does not endorse this response."
    assert "Confidentiality" not in texts  # nothing is marked confidential
    _no_text_problems(path)


def test_the_statement_after_the_title_block_when_the_setting_says(final, tmp_path):
    project = replace(final, behalf_at="title")
    path = tmp_path / "response.docx"
    export_docx(project, path, project_path=None)
    texts = _texts(path.read_bytes())
    assert texts[:5] == ["A response", "Our view", *behalf_statement(project).texts()]
    first = texts.index(MEMBER_NAMES_START)
    assert texts[first + 10] == "Shared services"  # the next section's heading
    _no_text_problems(path)


def test_without_a_member_list_the_statement_follows_the_title_block(project, tmp_path):
    background = project.find_section("1")
    edit_section(project, COORDINATOR, background, blocks=(Paragraph(plain("We are ten bodies.")),), now=T0)
    _approve_sections(project)
    _decide(project, named=False)
    path = tmp_path / "response.docx"
    export_docx(project, path, project_path=None)
    texts = _texts(path.read_bytes())
    statement = behalf_statement(project).texts()
    assert len(statement) == 2 and texts[:4] == ["A response", "Our view", *statement]
    assert CALDERDALE_NAME not in " ".join(texts)  # not named: it did not ask to be
    _no_text_problems(path)


def test_the_member_list_can_show_only_the_endorsers(final, tmp_path):
    project = replace(final, member_list="endorsers")
    path = tmp_path / "response.docx"
    export_docx(project, path, project_path=None)
    paragraphs = body_paragraphs(open_docx(path.read_bytes()))
    texts = [p.text for p in paragraphs]
    first = texts.index(MEMBER_NAMES_START)
    assert texts[first:first + 9] == [org.name for org in project.organisations if org.id != "calderdale"]
    # (the statement refers to the list rather than naming the nine again: tests/word/test_statement_notes.py)
    assert texts[first + 9] == behalf_statement(project, listed_above=True).texts()[0]
    _no_text_problems(path)


def test_a_draft_in_question_order_has_the_statement_and_who_is_awaited(tmp_path):
    asked = consultation_project()
    endorse_response(asked, _lead("leeds"), now=T0)
    path = tmp_path / "response.docx"
    export_docx(asked, path, draft=True, order="questions", project_path=None)
    texts = _texts(path.read_bytes())
    first = texts.index(MEMBER_NAMES_START)
    assert texts[first + 10:first + 12] == [
        "This response is made on behalf of one of the 10 members of the West Yorkshire Heads of ICT partnership: "
        "Leeds City Council.",
        "Awaiting: City of Bradford Metropolitan District Council, Calderdale Metropolitan Borough Council, "
        "Kirklees Metropolitan Council, Wakefield Metropolitan District Council, Calderdale & Huddersfield Health "
        "Informatics Service, West Yorkshire Police, West Yorkshire Fire & Rescue Service, West Yorkshire "
        "Passenger Transport Executive and West Yorkshire Joint Services."]
    assert texts[first + 12] == "Introduction"
    _no_text_problems(path)


def _mark_confidential(project) -> None:
    mark_section(project, KIRKLEES, project.find_section("3"), True, "commercially sensitive: supplier prices",
                 now=T0)
    mark_section(project, COORDINATOR, project.find_section("2"), True, "names members of staff", now=T0)


def test_the_full_copy_states_which_sections_are_confidential_and_why(project, tmp_path):
    _mark_confidential(project)
    _approve_sections(project)
    _decide(project)
    path = tmp_path / "full.docx"
    export_docx(project, path, signoff_appendix=True, project_path=None)
    paragraphs = body_paragraphs(open_docx(path.read_bytes()))
    texts = [p.text for p in paragraphs]
    at = texts.index("Confidentiality")
    assert paragraphs[at].style == "Heading 1" and (paragraphs[at].num_id, paragraphs[at].level) == (0, 0)
    assert texts[at - 1] == project.closing_line  # after the closing line...
    assert texts[at + 1:at + 6] == confidentiality_statement(project).texts()[1:]  # ...before the sign-off record
    reasons = paragraphs[at + 2:at + 4]
    assert [p.text for p in reasons] == [
        "Section 2 \u201cShared services\u201d: names members of staff",
        "Section 3 \u201cProfessionalism\u201d: commercially sensitive: supplier prices"]
    assert {p.style for p in reasons} == {"List Paragraph"} and reasons[0].num_id is not None
    assert texts[at + 6] == "Sign-off record"
    _no_text_problems(path)


def test_the_public_copy_has_no_confidentiality_statement(project, tmp_path):
    _mark_confidential(project)
    _approve_sections(project)
    _decide(project)  # (Kirklees's reservation is on section 3, which the public copy withholds)
    path = tmp_path / "public.docx"
    export_docx(project, path, public=True, project_path=None)
    data = path.read_bytes()
    statement = behalf_statement(project, public=True).texts()
    assert statement[1] == ("Kirklees Metropolitan Council endorses this response with a reservation on section 3 "
                            "(withheld from this copy): \u201cSet standards nationally.\u201d.")
    assert statement[1] in _texts(data)
    _no_text_problems(path)
    assert not [line for line in verify_docx(path).problems if "statement" in line or "member list" in line]
    with zipfile.ZipFile(path) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    # (the reasons are public: the notices in place of the sections give them)
    for words in ("Confidentiality", "be treated as confidential", "Freedom of Information Act"):
        assert words.encode() not in everything, words


def test_the_sign_off_record_shows_each_meaning_and_authority(final):
    record_authority(final, KIRKLEES, "committee", "Cabinet, 12 January 2006, minute 45", now=T0)
    table = open_docx(build_docx(final, signoff_appendix=True).data).tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    by_org = {row[1]: row for row in rows if row[0] == "Whole response"}
    assert by_org["Kirklees"][3] == "Endorsed with reservations"
    assert by_org["Calderdale"][3] == "Declined"
    assert by_org["Leeds"][3] == "Endorsed"
    authority = rows[rows.index(by_org["Kirklees"]) + 1]
    assert authority == ["Authority", "Kirklees", "S. Patel, partner lead",
                         "Committee resolution: Cabinet, 12 January 2006, minute 45", "05 Jan 2026 09:00",
                         "Not signed"]


def test_an_edit_to_the_statement_after_export_is_found(final, tmp_path):
    path = tmp_path / "response.docx"
    export_docx(final, path, project_path=None)
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"9 of the 10 members", b"all ten members")
            target.writestr(item, data)
    # The statement stands in section 1, after its member list: an edit there is found there.
    assert ("section 1 \u2018Background information (Partnership Members)\u2019 differs from what was signed (the "
            "document was edited after export)") in verify_docx(edited).problems
    assert not [line for line in verify_docx(path).problems if "differs" in line]


@pytest.mark.parametrize("behalf_at", ["members", "title"])
def test_an_export_imported_again_leaves_the_statement_out(final, tmp_path, behalf_at):
    """import-docx of an export: the statement (several lines, with a list of reservations) is not taken for
    the response's text, wherever it stands; the export writes it again from the endorsements."""
    endorse_response(final, KIRKLEES, now=T0, reservations=[reservation(final, "Too soon.", ""),
                                                            reservation(final, "Costs unclear.", "2")])
    project = replace(final, behalf_at=behalf_at)
    assert len(behalf_statement(project).lines) == 5
    path = tmp_path / "response.docx"
    export_docx(project, path, project_path=None)
    result = import_docx(path, preset="west-yorkshire")
    again = result.project
    assert [(s.heading, s.blocks) for s in again.all_sections()] == \
        [(s.heading, s.blocks) for s in project.all_sections()]
    assert any("statement of whom the response is made on behalf of was left out" in line
               for line in result.report.lines())


@needs_libreoffice
def test_libreoffice_prints_the_statements(project, tmp_path):
    _mark_confidential(project)
    _approve_sections(project)
    _decide(project)
    data = build_docx(project, signoff_appendix=True).data
    text = re.sub(r"\s+", " ", " ".join(rendered_lines(data, tmp_path)))
    assert "This response is made on behalf of 9 of the 10 members of the West Yorkshire Heads of ICT" in text
    assert "Kirklees Metropolitan Council endorses this response with a reservation" in text
    assert f"{CALDERDALE_NAME} does not endorse this response." in text
    assert "Confidentiality" in text and "names members of staff" in text
    assert "Environmental Information Regulations 2004" in text


def _rewrite(path, out, old: bytes, new: bytes, members=("word/document.xml",)) -> None:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in members:
                assert old in data, item.filename
                data = data.replace(old, new)
            target.writestr(item, data)


def test_a_statement_edited_in_the_body_and_the_manifest_alike_is_found(final, tmp_path):
    """The statement is generated from the endorsements the manifest carries, so making the body and the
    manifest both claim every member does not pass; nor does a member list changed in both."""
    path = tmp_path / "response.docx"
    export_docx(final, path, project_path=None)
    assert not [line for line in verify_docx(path).problems if "statement" in line or "member list" in line]
    both = ("word/document.xml", "customXml/item1.xml")
    claimed = tmp_path / "claimed.docx"
    _rewrite(path, claimed, b"9 of the 10 members", b"all ten members", both)
    assert ("the statement of whom the response is made on behalf of is not the one the endorsements in the "
            "manifest make (the document or its manifest was edited)") in verify_docx(claimed).problems
    shortened = tmp_path / "shortened.docx"
    _rewrite(path, shortened, b"Leeds City Council<", b"Leeds City Council and friends<", both)
    assert any(line.startswith("the member list names neither every partner")
               for line in verify_docx(shortened).problems)


def test_a_draft_listing_only_endorsers_before_anyone_endorses_says_so_in_the_list(project, tmp_path):
    project = replace(project, member_list="endorsers")
    path = tmp_path / "draft.docx"
    export_docx(project, path, draft=True, project_path=None)
    paragraphs = body_paragraphs(open_docx(path.read_bytes()))
    texts = [p.text for p in paragraphs]
    placeholder = texts.index(NO_ENDORSER_YET)
    assert texts[placeholder - 1].endswith(":")  # the section's sentence introducing the list
    assert paragraphs[placeholder].style == "List Paragraph"
    assert texts[placeholder + 1] == "No member of the partnership has endorsed this response yet."
    _no_text_problems(path)
