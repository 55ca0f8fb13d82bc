"""The response in the consultation's order and the table of questions (issue 17 item 4), read back
with python-docx; the manifest carrying the questions, and verify-docx on such an export."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from tests.word.readback import body_paragraphs, open_docx
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section, set_choice, set_no_comment
from wyassembler.core.questions import Limit
from wyassembler.word.manifest import tag
from wyassembler.word.question_export import QUESTIONS_APPENDIX_HEADER
from wyassembler.word.writer import NotReady, build_docx

QUESTIONS = [
    NewQuestion("1", "Do you agree with the proposed shared infrastructure?", None, ("Yes", "No", "Don't know")),
    NewQuestion("2", "What barriers do local bodies face?", Limit("words", 50)),
    NewQuestion("3a", "How should data be shared?", Limit("characters", 400)),
    NewQuestion("4", "Should the fees change?"),
    NewQuestion("5", "Anything else?"),
]


def consultation_project():
    """An introduction, two answering sections (one with a sub-section), a conclusion; questions 1 (a
    choice), 2 and 3a answered in the outline's reverse order, 4 no comment, 5 unanswered."""
    project = new_project("A response", "Our view", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Introduction", "joint-services", (Paragraph(plain("Who we are.")),), now=T0)
    data = add_section(project, COORDINATOR, "Data", "calderdale", (Paragraph(plain("Share it openly.")),), now=T0)
    add_section(project, COORDINATOR, "Standards", "calderdale", (Paragraph(plain("Use open formats.")),),
                parent=data, now=T0)
    barriers = add_section(project, COORDINATOR, "Barriers", "kirklees", (Paragraph(plain("Money and time.")),),
                           now=T0)
    add_section(project, COORDINATOR, "Conclusion", "joint-services", (Paragraph(plain("Thank you.")),), now=T0)
    import_questions(project, COORDINATOR, QUESTIONS)
    map_section(project, CALDERDALE, data, ["3a"])
    map_section(project, KIRKLEES, barriers, ["2"])
    set_choice(project, COORDINATOR, "1", "Yes")
    set_no_comment(project, COORDINATOR, "4", True, "Outside our remit.")
    return project


@pytest.fixture
def asked():
    return consultation_project()


def _texts(data: bytes) -> list[tuple[str, str]]:
    return [(p.style, p.text) for p in body_paragraphs(open_docx(data)) if p.text]


def test_a_draft_in_question_order_follows_the_consultation(asked):
    texts = _texts(build_docx(asked, draft=True, order="questions").data)
    assert texts[2] == ("Heading 1", "Background information (Partnership Members)")  # the preset's, unmapped
    assert texts[texts.index(("Heading 1", "Introduction")):] == [
        ("Heading 1", "Introduction"), ("Normal", "Who we are."),
        ("Heading 1", "Question 1: Do you agree with the proposed shared infrastructure?"), ("Normal", "Answer: Yes"),
        ("Heading 1", "Question 2: What barriers do local bodies face?"), ("Normal", "Money and time."),
        ("Heading 1", "Question 3a: How should data be shared?"), ("Normal", "Share it openly."),
        ("Heading 2", "Standards"), ("Normal", "Use open formats."),
        ("Heading 1", "Question 4: Should the fees change?"), ("Normal", "No comment. Outside our remit."),
        ("Heading 1", "Question 5: Anything else?"), ("Normal", "[Not yet answered]"),
        ("Heading 1", "Conclusion"), ("Normal", "Thank you."),
        ("Closing", asked.closing_line)]


def test_headings_in_question_order_carry_no_numbers_of_ours_or_the_templates(asked):
    document = open_docx(build_docx(asked, draft=True, order="questions").data)
    headings = [p for p in body_paragraphs(document) if p.style.startswith("Heading")]
    assert len(headings) == 9
    # Numbering 0 on each heading switches off any numbering its style has (a template's own included)...
    assert {(p.num_id, p.level) for p in headings} == {(0, 0)}
    # ...and the export does not tie its outline numbering to the heading styles at all in this order.
    for level in (1, 2, 3):
        properties = document.styles[f"Heading {level}"].element.find(qn("w:pPr"))
        assert properties is None or properties.find(qn("w:numPr")) is None


def test_the_outline_order_stays_numbered_as_before(asked):
    document = open_docx(build_docx(asked, draft=True).data)
    headings = [(p.style, p.text, p.num_id) for p in body_paragraphs(document) if p.style.startswith("Heading")]
    assert [text for _, text, _ in headings] == ["Background information (Partnership Members)", "Introduction", "Data",
                                                "Standards", "Barriers", "Conclusion"]
    assert {num for _, _, num in headings} == {None}  # numbered through their styles
    assert document.styles["Heading 1"].element.find(qn("w:pPr")).find(qn("w:numPr")) is not None


def test_a_multiple_choice_line_shows_the_choice_in_bold_words(asked):
    document = open_docx(build_docx(asked, draft=True, order="questions").data)
    line = next(p for p in document.paragraphs if p.text == "Answer: Yes")
    assert [(run.text, bool(run.bold)) for run in line.runs] == [("Answer: ", True), ("Yes", False)]


def test_a_section_mapped_to_two_questions_answers_both_and_a_removed_question_keeps_its_text(asked):
    map_section(asked, KIRKLEES, asked.sections[3], ["2", "5"])
    asked.sections[1].answers = ["gone-question"]  # the introduction, as a removed question leaves it
    result = build_docx(asked, draft=True, order="questions")
    texts = _texts(result.data)
    after = {texts[index][1]: texts[index + 1][1] for index in range(len(texts) - 1)}
    assert after["Question 2: What barriers do local bodies face?"] == "Money and time."
    # Allowed, but said: the reader sees the same text twice.
    assert "section 4 \u201cBarriers\u201d answers questions 2, 5: its text is printed under each" in result.warnings
    assert after["Question 5: Anything else?"] == "Money and time."
    assert "[Not yet answered]" not in after
    # Not lost: it stands where a section that answers nothing stands.
    assert after["Introduction"] == "Who we are."
    assert texts.index(("Heading 1", "Introduction")) < texts.index(("Heading 1", "Question 1: Do you agree "
                                                                                 "with the proposed shared "
                                                                                 "infrastructure?"))


def test_a_final_export_in_question_order_is_refused_while_a_question_is_open(asked):
    with pytest.raises(NotReady, match="question 5"):
        build_docx(asked, order="questions")


def test_question_order_and_the_table_need_questions_and_a_known_order(project):
    with pytest.raises(WyassemblerError, match="no consultation questions.*consultation's order"):
        build_docx(project, draft=True, order="questions")
    with pytest.raises(WyassemblerError, match="no consultation questions.*table of the questions"):
        build_docx(project, draft=True, questions_appendix=True)
    project.questions = consultation_project().questions
    with pytest.raises(WyassemblerError, match="the order is outline or questions, not 'sideways'"):
        build_docx(project, draft=True, order="sideways")


@pytest.mark.parametrize("order", ["outline", "questions"])
def test_the_questions_appendix_is_a_table_with_a_header_row_in_either_order(asked, order):
    # 3a counts the text for a form: "Share it openly." 16, a blank line 2, "Standards" 9, 2, "Use open formats." 17.
    document = open_docx(build_docx(asked, draft=True, order=order, questions_appendix=True).data)
    heading = next(p for p in body_paragraphs(document) if p.text == "Consultation questions")
    assert (heading.style, heading.num_id) == ("Heading 1", 0)
    (table,) = document.tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == list(QUESTIONS_APPENDIX_HEADER)
    assert cells[1:] == [
        ["1", "Do you agree with the proposed shared infrastructure?", "", "", "", "Answered"],
        ["2", "What barriers do local bodies face?", "4 Barriers", "Kirklees", "3 / 50 words", "Answered"],
        ["3a", "How should data be shared?", "3 Data", "Calderdale", "46 / 400 characters", "Answered"],
        ["4", "Should the fees change?", "", "", "", "No comment"],
        ["5", "Anything else?", "", "", "", "Not answered"]]
    header_row = table.rows[0]._tr
    assert header_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None  # repeats on every page
    # The sign-off record's table style, whichever the template calls it.
    signoff = open_docx(build_docx(asked, draft=True, signoff_appendix=True).data).tables[0]
    assert table.style.name == signoff.style.name


def test_a_project_without_questions_keeps_the_manifest_it_always_had(project):
    from wyassembler.word.manifest import manifest_bytes
    project.sections[1].answers = ["q-removed"]  # the hash leaves it out without questions, so does the manifest
    data = manifest_bytes(project, [])
    assert b"questions" not in data and b"answers=" not in data and b"q-removed" not in data
    # The same bytes whatever order argument a caller passes through for it.
    assert manifest_bytes(project, [], "outline", []) == data


def test_the_manifest_carries_the_questions_the_order_and_each_sections_answers(asked):
    from lxml import etree

    from wyassembler.word.manifest import manifest_bytes
    root = etree.fromstring(manifest_bytes(asked, [], "questions", ["No."]))
    questions = root.find(tag("questions"))
    assert questions.get("order") == "questions"
    first, second = list(questions)[:2]
    assert (first.get("number"), first.get("choice"), [o.text for o in first]) == ("1", "Yes", ["Yes", "No",
                                                                                               "Don't know"])
    assert (second.get("limit"), second.get("limit-value"), second.get("limit-spaces")) == ("words", "50", "yes")
    answers = {s.findtext(tag("heading")): s.get("answers") for s in root.iterfind(tag("section"))}
    assert answers == {"Background information (Partnership Members)": None, "Introduction": None,
                       "Data": asked.questions[2].id, "Standards": None,
                       "Barriers": asked.questions[1].id, "Conclusion": None}
    assert [cell.text for cell in root.iterfind(f"{tag('question-table')}/{tag('cell')}")] == ["No."]


def test_the_export_command_takes_the_order_and_the_questions_appendix(asked, tmp_path, capsys):
    from wyassembler.cli import main
    from wyassembler.projectfile import storage
    project_path, out = tmp_path / "response.wyproj", tmp_path / "response.docx"
    storage.save_project(asked, project_path)
    assert main(["export", str(project_path), "-o", str(out), "--draft", "--order", "questions",
                 "--questions-appendix"]) == 0
    document = open_docx(out.read_bytes())
    assert "Question 3a: How should data be shared?" in [p.text for p in document.paragraphs]
    assert [cell.text for cell in document.tables[0].rows[0].cells] == list(QUESTIONS_APPENDIX_HEADER)
    with pytest.raises(SystemExit):
        main(["export", str(project_path), "-o", str(out), "--order", "sideways"])
    assert "invalid choice: 'sideways'" in capsys.readouterr().err


def test_an_open_question_is_marked_before_any_text_it_has_and_the_export_warns(asked):
    set_choice(asked, COORDINATOR, "1", None)
    map_section(asked, KIRKLEES, asked.sections[3], ["1", "2"])  # text, but no option chosen
    result = build_docx(asked, draft=True, order="questions")
    texts = [text for _, text in _texts(result.data)]
    start = texts.index("Question 1: Do you agree with the proposed shared infrastructure?")
    assert texts[start + 1:start + 4] == ["[Not yet answered]", "Money and time.",
                                          "Question 2: What barriers do local bodies face?"]
    assert "2 question(s) not answered yet (1, 5): the draft marks them [Not yet answered]" in result.warnings


def test_a_sub_section_answering_a_removed_question_stands_on_its_own_after_the_answers(asked):
    asked.sections[2].children[0].answers = ["gone-question"]  # "Standards", under "Data" (question 3a)
    paragraphs = _texts(build_docx(asked, draft=True, order="questions").data)
    start = paragraphs.index(("Heading 1", "Question 3a: How should data be shared?"))
    assert paragraphs[start + 1:start + 3] == [("Normal", "Share it openly."),
                                               ("Heading 1", "Question 4: Should the fees change?")]
    assert paragraphs[-5:-3] == [("Heading 1", "Standards"), ("Normal", "Use open formats.")]


def test_the_table_cuts_a_long_question_at_a_word_and_the_heading_keeps_it_whole(asked):
    long_text = ("Which local services would benefit most from shared digital infrastructure in your area, and "
                 "why do you think so?")
    import_questions(asked, COORDINATOR, [NewQuestion("2", long_text, Limit("words", 50)), *QUESTIONS[2:]])
    document = open_docx(build_docx(asked, draft=True, order="questions", questions_appendix=True).data)
    assert f"Question 2: {long_text}" in [p.text for p in document.paragraphs]
    row = [cell.text for cell in document.tables[0].rows[1].cells]
    assert row[:2] == ["2", "Which local services would benefit most from shared digital infrastructure in\u2026"]


def test_the_table_counts_an_unanswered_question_against_its_limit(asked):
    map_section(asked, KIRKLEES, asked.sections[3], [])  # question 2 (50 words) loses its answer
    table = open_docx(build_docx(asked, draft=True, questions_appendix=True).data).tables[0]
    assert [cell.text for cell in table.rows[2].cells] == ["2", "What barriers do local bodies face?", "", "",
                                                            "0 / 50 words", "Not answered"]
