"""The public copy (issue 18): each withheld section replaced by its notice, in its place and under its
number, and nothing of its text in any part of the package; verify-docx reports withheld sections as
withheld and still finds any other change."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.word.public_sample import (PARAGRAPHS, REASON, TOKENS, confidential_project, every_part, leaks,
                                      signed_confidential)
from tests.word.readback import open_docx
from tests.word.signed_sample import MANIFEST_MEMBER, read_member, rewrite_member, signed_sample
from wyassembler.word.docx_check import _sections_phrase, verify_docx
from wyassembler.word.manifest import tag
from wyassembler.word.writer import build_docx, export_docx

CONFIDENTIAL_TEXT = TOKENS + PARAGRAPHS
NOTICE = f"Section 5 is withheld: {REASON}."
NESTED_NOTICE = "Section 3.1 is withheld: draft policy of the police authority."


@pytest.fixture(scope="module")
def signed():
    return signed_confidential()[0]


@pytest.fixture(scope="module", params=["outline", "questions"])
def copies(signed, request):
    """The full and the public copy, final, in one order, with both appendices."""
    def build(public: bool) -> bytes:
        return build_docx(signed, order=request.param, signoff_appendix=True, questions_appendix=True,
                          public=public).data
    return request.param, build(False), build(True)


def test_no_part_of_the_public_copy_holds_any_confidential_text(copies):
    _, full, public = copies
    assert leaks(public, CONFIDENTIAL_TEXT) == []
    # The same search finds every one in the full copy: the search can see them where they are.
    found = {text for _, text in leaks(full, CONFIDENTIAL_TEXT)}
    assert found == set(CONFIDENTIAL_TEXT)


def test_the_link_of_a_withheld_section_is_not_a_relationship_of_the_public_copy(copies):
    _, full, public = copies
    assert b"qxsecreturl" in every_part(full)["word/_rels/document.xml.rels"]
    assert b"qxsecreturl" not in every_part(public)["word/_rels/document.xml.rels"]


def _headings(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in open_docx(data).paragraphs if p.style.name.startswith("Heading")]


def test_a_withheld_section_keeps_its_place_and_level_under_a_neutral_heading(signed):
    public = build_docx(signed, signoff_appendix=True, questions_appendix=True, public=True).data
    covered = {"5.1", "5.1.1"}  # under section 5's notice
    expected = [(f"Heading {level}", "Withheld" if "QX" in section.heading else section.heading)
                for number, level, section in signed.walk() if number not in covered]
    # Word numbers headings by their style and level: the same levels in the same places, the same numbers
    # (3.2 stays 3.2, 6 stays 6). Then the appendices, and no confidentiality statement (the full copy's).
    assert _headings(public) == expected + [("Heading 1", "Consultation questions"), ("Heading 1", "Sign-off record")]


def test_the_notice_stands_in_place_of_the_text_and_covers_the_sub_sections(copies):
    _, _, public = copies
    texts = [p.text for p in open_docx(public).paragraphs]
    assert texts.count(NOTICE) == 1
    assert texts.count(NESTED_NOTICE) == 1
    assert not any(text.startswith(("Section 5.1 is withheld", "Section 5.1.1")) for text in texts)


def test_in_question_order_the_answer_from_a_withheld_section_is_the_notice(signed):
    public = build_docx(signed, order="questions", public=True).data
    texts = [p.text for p in open_docx(public).paragraphs if p.text]
    at = texts.index("Question 3: What would it cost?")
    assert texts[at + 1] == NOTICE
    assert texts[at + 2].startswith("Moving to a Shared Services Culture")  # the rest, after the questions


def test_the_appendices_name_withheld_sections_by_number_only(copies):
    _, _, public = copies
    questions, signoffs = open_docx(public).tables
    assert [cell.text for cell in questions.rows[3].cells][:3] == ["3", "What would it cost?", "5 withheld"]
    sections = [row.cells[0].text for row in signoffs.rows]
    for label in ("3.1 withheld", "5 withheld", "5.1 withheld", "5.1.1 withheld", "3.2 Shared estates"):
        assert label in sections, label


def test_the_manifest_carries_only_the_hashes_of_withheld_sections(signed, copies):
    _, _, public = copies
    root = etree.fromstring(every_part(public)[MANIFEST_MEMBER])
    by_number = {element.get("number"): element for element in root.iterfind(tag("section"))}
    for number in ("3.1", "5", "5.1", "5.1.1"):
        element = by_number[number]
        assert element.get("withheld") == "yes"
        assert element.find(tag("heading")) is None and element.find(tag("content")) is None
        assert element.get("hash") == signed.find_section(number).hash
        # Nor its approvals (their signatures cover notes that may quote it): the endorsements sign its hash.
        assert element.find(tag("signoff")) is None
    assert by_number["5"].get("confidential") == REASON
    assert by_number["5.1"].get("confidential") is None  # withheld as part of 5, not marked itself
    assert by_number["3.2"].get("withheld") is None and by_number["3.2"].find(tag("content")) is not None


@pytest.fixture(params=["outline", "questions"])
def public_file(signed, tmp_path, request):
    path = tmp_path / "public.docx"
    export_docx(signed, path, order=request.param, signoff_appendix=True, questions_appendix=True, public=True,
                project_path=None)
    return path


def test_verify_docx_reports_withheld_sections_as_withheld(public_file):
    result = verify_docx(public_file)
    assert result.problems == []
    assert result.summary.startswith("7 section(s) as signed, 4 withheld from this public copy "
                                     "(section(s) 3.1, 5, 5.1, 5.1.1: hashes only; the approvals of withheld sections "
                                     "3.1, 5, 5.1 and 5.1.1 are checked in the full copy); 10 organisation(s)'")


def test_verify_docx_catches_an_edited_public_paragraph(public_file):
    rewrite_member(public_file, "word/document.xml", lambda text: text.replace("We share buildings.",
                                                                                 "We share nothing."))
    problems = verify_docx(public_file).problems
    assert problems == ["section 3.2 \u2018Shared estates\u2019 differs from what was signed (the document was "
                        "edited after export)"]


def test_verify_docx_catches_an_edited_notice(public_file):
    rewrite_member(public_file, "word/document.xml", lambda text: text.replace(REASON, "nothing much"))
    assert verify_docx(public_file).problems == ["section 5 (withheld) differs from what was signed (the document "
                                                 "was edited after export)"]


def test_verify_docx_catches_a_changed_hash_of_a_withheld_section(public_file):
    rewrite_member(public_file, MANIFEST_MEMBER, lambda text: re.sub(
        r'(number="5" [^>]*hash=")[0-9a-f]{64}', lambda match: match.group(1) + "0" * 64, text))
    problems = verify_docx(public_file).problems
    assert "the manifest's response hash does not match its sections (the manifest was edited)" in problems
    # What the public copy has to prove it: the endorsements, whose signed response hash covers it.
    assert "the response differs from what Kirklees endorsed" in problems


def test_verify_docx_refuses_a_withheld_section_that_is_not_confidential(public_file):
    rewrite_member(public_file, MANIFEST_MEMBER, lambda text: text.replace(f' confidential="{REASON}"', ""))
    problems = verify_docx(public_file).problems
    assert problems == ["the manifest is damaged: the sections it withholds are not those marked confidential"]


def test_a_full_copy_with_confidential_sections_verifies_and_its_marks_are_covered(signed, tmp_path):
    path = tmp_path / "full.docx"
    export_docx(signed, path, signoff_appendix=True, project_path=None)
    result = verify_docx(path)
    assert result.problems == [] and result.summary.startswith("11 section(s) as signed; 10 organisation")
    # The manifest says which sections are confidential and why, which the response hash covers.
    manifest = read_member(path, MANIFEST_MEMBER)
    assert len(re.findall(r' confidential="', manifest)) == 2
    rewrite_member(path, MANIFEST_MEMBER, lambda text: text.replace(f' confidential="{REASON}"', ""))
    assert "the manifest's response hash does not match its sections (the manifest was edited)" in \
        verify_docx(path).problems


def test_a_project_with_nothing_confidential_exports_the_same_public_copy_as_full(tmp_path):
    from tests.word.signed_sample import signed_sample
    project = signed_sample()[0]
    assert build_docx(project, public=True).data == build_docx(project).data


def test_a_withheld_sub_section_of_an_answer_is_its_notice_under_a_neutral_heading(tmp_path):
    """Question 2 answered by section 3, whose sub-section 3.1 is withheld and 3.2 not; a draft, so the
    text alone is checked by verify-docx."""
    from tests.word.public_sample import confidential_project
    from wyassembler.core.model import Actor
    from wyassembler.core.question_edits import map_section
    from wyassembler.projectfile import storage
    from wyassembler.resource_files import resource

    project = storage.load(str(resource("samples", "west-yorkshire-2005.wyproj"))).project
    confidential_project(project)
    third = project.find_section("3")
    map_section(project, Actor(third.owner, "Lead", "partner lead"), third, ["2"])
    path = tmp_path / "public.docx"
    export_docx(project, path, order="questions", draft=True, public=True, project_path=None)
    paragraphs = [(p.style.name, p.text) for p in open_docx(path.read_bytes()).paragraphs if p.text]
    at = paragraphs.index(("Heading 1", "Question 2: How should services centre on citizens?"))
    answer = paragraphs[at + 1:paragraphs.index(("Heading 1", "Question 3: What would it cost?"))]
    assert [text for style, text in answer if style.startswith("Heading")] == ["Withheld", "Shared estates"]
    assert ("Heading 2", "Withheld") in answer and ("Normal", NESTED_NOTICE) in answer
    assert leaks(path.read_bytes(), CONFIDENTIAL_TEXT) == []
    assert not [line for line in verify_docx(path).problems if "differs from what was signed" in line]


def _chis_writes_only_the_withheld_section(project) -> None:
    """The confidential sample with CHIS moved from section 4's contributors to the withheld section 5's."""
    confidential_project(project)
    by_id = {section.id: section for section in project.all_sections()}
    by_id["professionalism"].contributors.remove("chis")
    withheld, = (s for s in project.all_sections() if s.heading == "Depot lease terms QXHEADING")
    withheld.contributors.append("chis")


def test_an_organisation_approving_only_a_withheld_section_is_not_counted(tmp_path):
    project, _ = signed_sample(_chis_writes_only_the_withheld_section)
    path = tmp_path / "public.docx"
    export_docx(project, path, order="outline", signoff_appendix=True, questions_appendix=True, public=True,
                project_path=None)
    result = verify_docx(path)
    assert result.problems == []
    # CHIS endorsed (named under "endorsed by"), but its one approval is not in this copy to verify.
    assert "; 9 organisation(s)' approvals verified; endorsed by " in result.summary


@pytest.mark.parametrize("numbers, said", [(["2"], "section 2"), (["2", "5"], "sections 2 and 5"),
                                           (["2", "5", "7.1"], "sections 2, 5 and 7.1")])
def test_withheld_sections_are_named_as_a_sentence_says_them(numbers, said):
    assert _sections_phrase(numbers) == said
