"""verify-docx on a response with consultation questions (issue 17): the manifest carries what the
response hash covers (the questions, each section's answers), the text is compared in the order the
body was laid out in, and an edited choice, question or answer does not verify."""

from __future__ import annotations

import re

import pytest

from tests.word.readback import open_docx
from tests.word.signed_sample import MANIFEST_MEMBER, read_member, rewrite_member, signed_sample
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_choice, set_no_comment
from wyassembler.core.questions import Limit
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.writer import export_docx

QUESTIONS = [
    NewQuestion("1", "Do you support shared services?", None, ("Yes", "No")),
    NewQuestion("2", "How should services centre on citizens?", Limit("words", 500)),
    NewQuestion("3", "What stands in the way?", Limit("characters", 5000)),
    NewQuestion("4", "Should the fees change?"),
]


def with_questions(project) -> None:
    """Questions 2 and 3 answered by sections 2, and 3 and 4; 1 a choice; 4 no comment; the rest unmapped."""
    coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
    import_questions(project, coordinator, QUESTIONS)
    for number, refs in (("2", ["2"]), ("3", ["3"]), ("4", ["3"])):
        section = project.find_section(number)
        map_section(project, Actor(section.owner, "Lead", "partner lead"), section, refs)
    set_choice(project, coordinator, "1", "Yes")
    set_no_comment(project, coordinator, "4", True, "Outside our remit.")


@pytest.fixture(scope="module")
def signed():
    return signed_sample(with_questions)


@pytest.fixture(params=["outline", "questions"])
def exported(signed, tmp_path, request):
    path = tmp_path / "response.docx"
    export_docx(signed[0], path, order=request.param, questions_appendix=True, signoff_appendix=True, project_path=None)
    return path


def test_an_export_with_questions_verifies_in_either_order(exported):
    result = verify_docx(exported)
    assert result.problems == []
    assert result.summary.startswith("6 section(s) as signed")


def test_the_question_order_export_is_laid_out_by_question(signed, tmp_path):
    path = tmp_path / "by-question.docx"
    export_docx(signed[0], path, order="questions", project_path=None)
    headings = [p.text for p in open_docx(path.read_bytes()).paragraphs if p.style.name.startswith("Heading")]
    assert headings == [signed[0].sections[0].heading, "Question 1: Do you support shared services?",
                        "Question 2: How should services centre on citizens?", "Question 3: What stands in the way?",
                        "Question 4: Should the fees change?", signed[0].sections[4].heading,
                        signed[0].sections[5].heading]


def test_a_choice_changed_in_the_manifest_does_not_verify(exported):
    rewrite_member(exported, MANIFEST_MEMBER, lambda text: text.replace('choice="Yes"', 'choice="No"', 1))
    problems = verify_docx(exported).problems
    assert "the manifest's response hash does not match its sections (the manifest was edited)" in problems
    assert any(re.fullmatch(r"the response differs from what .* endorsed", line) for line in problems)


def test_a_choice_and_the_response_hash_changed_together_differ_from_what_was_endorsed(exported):
    """The response hash recomputed by hand for the edited choice: every endorsement is of another response."""
    from lxml import etree

    from wyassembler.word.docx_check import _rebuild, _SAFE_PARSER
    from wyassembler.core.signoff import response_hash

    def forge(text: str) -> str:
        text = text.replace('choice="Yes"', 'choice="No"', 1)
        project = _rebuild(etree.fromstring(text.encode("utf-8"), _SAFE_PARSER))[0]
        return re.sub(r'response-hash="[0-9a-f]+"', f'response-hash="{response_hash(project)}"', text, count=1)

    rewrite_member(exported, MANIFEST_MEMBER, forge)
    problems = verify_docx(exported).problems
    assert "the manifest's response hash does not match its sections (the manifest was edited)" not in problems
    assert len([line for line in problems if re.fullmatch(r"the response differs from what .* endorsed", line)]) == 10


@pytest.mark.parametrize("edit", [
    lambda text: text.replace('no-comment-reason="Outside our remit."', 'no-comment-reason="Not our business."'),
    lambda text: re.sub(r' answers="[^"]+"', "", text, count=1),  # a section no longer answers its question
    lambda text: text.replace('text="What stands in the way?"', 'text="What helps?"'),
])
def test_a_question_or_mapping_changed_in_the_manifest_does_not_verify(exported, edit):
    rewrite_member(exported, MANIFEST_MEMBER, edit)
    assert "the manifest's response hash does not match its sections (the manifest was edited)" in \
        verify_docx(exported).problems


def test_a_choice_changed_in_the_document_names_its_question(signed, tmp_path):
    path = tmp_path / "by-question.docx"
    export_docx(signed[0], path, order="questions", project_path=None)
    document = read_member(path, "word/document.xml")
    assert document.count(">Yes<") == 1
    rewrite_member(path, "word/document.xml", lambda text: text.replace(">Yes<", ">No<"))
    assert verify_docx(path).problems == ["question 1 differs from what was signed (the document was edited after "
                                          "export)"]


def test_an_answer_edited_in_the_document_names_its_section(signed, tmp_path):
    path = tmp_path / "by-question.docx"
    export_docx(signed[0], path, order="questions", project_path=None)
    section = signed[0].sections[1]
    first_words = section.blocks[0].spans[0].text[:20]
    rewrite_member(path, "word/document.xml", lambda text: text.replace(first_words, "We reject", 1))
    assert verify_docx(path).problems == [f"section 2 \u2018{section.heading}\u2019 differs from what was signed "
                                          "(the document was edited after export)"]


def test_an_edited_order_is_damage(exported):
    rewrite_member(exported, MANIFEST_MEMBER, lambda text: re.sub(r'order="\w+"', 'order="sideways"', text))
    assert verify_docx(exported).problems == ["the manifest is damaged: the order 'sideways' is not one the "
                                              "export writes"]


def test_a_drafts_open_questions_and_no_comment_read_back_as_exported(tmp_path):
    """Nothing is signed in this draft, so it does not verify; but its text, with the marks of open
    questions and a no-comment reason, is what the manifest says it is."""
    from tests.word.test_question_export import consultation_project
    path = tmp_path / "draft.docx"
    project = consultation_project()
    project.sections[2].children[0].answers = ["gone-question"]  # "Standards" stands on its own
    export_docx(project, path, draft=True, order="questions", questions_appendix=True, project_path=None)
    problems = verify_docx(path).problems
    assert problems and not [line for line in problems if "differs from what was signed" in line]
    rewrite_member(path, "word/document.xml", lambda text: text.replace("[Not yet answered]", "Yes, gladly.", 1))
    assert "question 5 differs from what was signed (the document was edited after export)" in \
        verify_docx(path).problems
