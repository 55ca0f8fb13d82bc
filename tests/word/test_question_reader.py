"""A consultation's question list read from a file: a Word document laid out the way the Cabinet Office
consultation template is, a table of questions, Markdown, plain text, and the files that are refused."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.word.docx_fixtures import add_numbering, list_paragraph, mark_header_row
from wyassembler.core.question_edits import NewQuestion
from wyassembler.core.question_parsing import LOOKED_FOR
from wyassembler.core.questions import Limit
from wyassembler.word import question_reader
from wyassembler.word.package import PackageError
from wyassembler.word.question_reader import QuestionFileError, questions_from_file


def _bold_label(document, label: str, text: str = ""):
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    if text:
        paragraph.add_run(f" {text}")
    return paragraph


def cabinet_office_consultation(path):
    """Title, Introduction, body paragraphs with "Question N:" in bold, a numbered list of proposals in
    Word numbering, and a "Summary of questions" whose questions are numbered by Word (a paragraph
    between its chapters, which Word's count runs through)."""
    document = docx.Document()
    document.add_paragraph("Consultation on shared local services", style="Title")
    document.add_heading("Introduction", 1)
    document.add_paragraph("This consultation seeks views on sharing services between local bodies. "
                           "It closes on 30 June.")
    document.add_heading("Chapter 1: The proposals", 1)
    document.add_paragraph("The government proposes:")
    proposals = add_numbering(document, ["decimal"])
    list_paragraph(document, "a duty to share back-office services;", proposals, 0)
    list_paragraph(document, "a fund to help bodies share.", proposals, 0)
    _bold_label(document, "Question 1:", "Do you agree with the proposed duty to share back-office services? "
                                         "(max 250 words)")
    document.add_paragraph("Responses will inform the design of the duty, which will be set out in guidance.")
    _bold_label(document, "Question 2:")
    document.add_paragraph("Should the fund be open to all local bodies?")
    document.add_paragraph("\u2610 Yes")
    document.add_paragraph("\u2610 No")
    document.add_paragraph("\u2610 Don\u2019t know")
    document.add_heading("Chapter 2: Funding", 1)
    _bold_label(document, "Question 3:", "How should savings be shared between partners? [500 characters]")
    _bold_label(document, "Question 4:", "What else should we consider?")
    document.add_heading("Summary of questions", 1)
    questions = add_numbering(document, ["decimal"])
    list_paragraph(document, "Do you agree with the proposed duty to share back-office services? (max 250 words)",
                   questions, 0)
    list_paragraph(document, "Should the fund be open to all local bodies? Yes / No / Don\u2019t know", questions, 0)
    document.add_paragraph("Chapter 2")
    list_paragraph(document, "How should savings be shared between partners? [500 characters]", questions, 0)
    list_paragraph(document, "What else should the government consider?", questions, 0)
    document.add_heading("Annex A: Glossary", 1)
    list_paragraph(document, "Back office: services the public does not see.", proposals, 0)
    document.save(path)
    return path


def test_a_cabinet_office_consultation_is_read_from_its_summary_of_questions(tmp_path):
    result = questions_from_file(cabinet_office_consultation(tmp_path / "consultation.docx"))
    assert result.questions == [
        NewQuestion("1", "Do you agree with the proposed duty to share back-office services?", Limit("words", 250)),
        NewQuestion("2", "Should the fund be open to all local bodies?", None, ("Yes", "No", "Don\u2019t know")),
        NewQuestion("3", "How should savings be shared between partners?", Limit("characters", 500)),
        NewQuestion("4", "What else should the government consider?"),
    ]
    assert result.notes == ["took the questions from the summary of questions (paragraph 18)"]
    assert result.problems == [
        "question 4 is worded differently in the body (paragraph 17 under \u201cChapter 2: Funding\u201d: "
        "\u201cWhat else should we consider?\u201d) than in the summary (paragraph 23 under \u201cSummary of "
        "questions\u201d: \u201cWhat else should the government consider?\u201d); the summary's wording was taken"]


def test_the_body_alone_gives_the_same_questions_from_bold_labels(tmp_path):
    """Without its summary, the body's "Question N:" paragraphs are the list: the proposals' numbered
    list is prose, and the paragraph after a bold question is not part of it."""
    document = docx.Document()
    document.add_heading("Chapter 1", 1)
    numbers = add_numbering(document, ["decimal"])
    list_paragraph(document, "a duty to share;", numbers, 0)
    _bold_label(document, "Question 1:", "Do you agree with the duty? (max 250 words)")
    document.add_paragraph("Responses will inform the guidance.")
    _bold_label(document, "Question 2:")
    document.add_paragraph("Should the fund be open to all?")
    for option in ("Yes", "No"):
        document.add_paragraph(f"\u2610 {option}")
    document.save(tmp_path / "body.docx")
    result = questions_from_file(tmp_path / "body.docx")
    assert result.questions == [NewQuestion("1", "Do you agree with the duty?", Limit("words", 250)),
                                NewQuestion("2", "Should the fund be open to all?", None, ("Yes", "No"))]
    assert result.problems == []


def test_word_list_numbers_are_the_question_numbers(tmp_path):
    """A Word list shows its numbers from the numbering, not the text: a list starting at 5 gives 5, 6."""
    document = docx.Document()
    document.add_heading("Consultation questions", 1)
    numbers = add_numbering(document, ["decimal"])
    abstract = document.part.numbering_part.element.findall(qn("w:abstractNum"))[-1]
    abstract.find(qn("w:lvl")).find(qn("w:start")).set(qn("w:val"), "5")
    list_paragraph(document, "Do you agree?", numbers, 0)
    list_paragraph(document, "Why?", numbers, 0)
    document.save(tmp_path / "list.docx")
    result = questions_from_file(tmp_path / "list.docx")
    assert [(q.number, q.text) for q in result.questions] == [("5", "Do you agree?"), ("6", "Why?")]


def test_options_whose_checkboxes_word_drew_as_symbols(tmp_path):
    """Word's checkbox symbol (w:sym) leaves no text: an answer of the usual scales on its own line under
    a question is still an option; other short lines are not."""
    document = docx.Document()
    document.add_paragraph("Question 1: Do you agree with the duty?")
    for option in ("Yes", "No", "Don\u2019t know"):
        paragraph = document.add_paragraph()
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>'))
        paragraph.add_run(f" {option}")
    document.add_paragraph("Question 2: Which body should lead?")
    document.add_paragraph("The combined authority")
    document.save(tmp_path / "symbols.docx")
    result = questions_from_file(tmp_path / "symbols.docx")
    assert result.questions == [NewQuestion("1", "Do you agree with the duty?", None, ("Yes", "No", "Don\u2019t know")),
                                NewQuestion("2", "Which body should lead?")]


def test_a_table_of_questions(tmp_path):
    document = docx.Document()
    document.add_paragraph("Response form", style="Title")
    table = document.add_table(rows=4, cols=2)
    rows = [("Question", "Answer"), ("Question 1: Do you agree with the duty? (max 250 words)", ""),
            ("Question 2: Should the fund be open to all? Yes / No", "Click here to enter text."),
            ("Question 3: What else should we consider?", "")]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    mark_header_row(table)
    document.save(tmp_path / "form.docx")
    result = questions_from_file(tmp_path / "form.docx")
    assert result.questions == [NewQuestion("1", "Do you agree with the duty?", Limit("words", 250)),
                                NewQuestion("2", "Should the fund be open to all?", None, ("Yes", "No")),
                                NewQuestion("3", "What else should we consider?")]
    assert result.problems == []


def test_markdown_and_text_files(tmp_path):
    (tmp_path / "q.md").write_text("# Questions\n\n1. Do you agree? **(max 100 words)**\n2. Why?\n", encoding="utf-8")
    (tmp_path / "q.txt").write_text("\ufeffQ1. Do you agree? (max 100 words)\nQ2. Why?\n", encoding="utf-8")
    expected = [NewQuestion("1", "Do you agree?", Limit("words", 100)), NewQuestion("2", "Why?")]
    assert questions_from_file(tmp_path / "q.md").questions == expected
    assert questions_from_file(tmp_path / "q.txt").questions == expected


def test_a_file_without_questions_says_what_was_looked_for(tmp_path):
    document = docx.Document()
    document.add_paragraph("Dear colleague, thank you.")
    document.save(tmp_path / "letter.docx")
    result = questions_from_file(tmp_path / "letter.docx")
    assert (result.questions, result.problems) == ([], [LOOKED_FOR])


@pytest.mark.parametrize("name, message", [
    ("questions.pdf", "questions.pdf: questions are read from a Word document (.docx), Markdown (.md) or plain text "
                      "(.txt); save it as a .docx first"),
    ("questions.csv", "questions.csv: give a Word document (.docx), Markdown (.md) or plain text (.txt) file"),
])
def test_an_unknown_kind_of_file_is_refused_in_one_line(tmp_path, name, message):
    (tmp_path / name).write_bytes(b"1. Why?")
    with pytest.raises(QuestionFileError) as refused:
        questions_from_file(tmp_path / name)
    assert str(refused.value) == message


def test_missing_oversized_and_undecodable_text_files_are_refused(tmp_path, monkeypatch):
    with pytest.raises(QuestionFileError, match=r"cannot read .*missing\.txt: no such file"):
        questions_from_file(tmp_path / "missing.txt")
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(QuestionFileError, match="it is a folder, not a file"):
        questions_from_file(tmp_path / "folder.md")
    (tmp_path / "latin1.txt").write_bytes("Q1. Caf\u00e9?".encode("latin-1"))
    with pytest.raises(QuestionFileError, match=r"latin1\.txt is not UTF-8 text \(byte 7\)"):
        questions_from_file(tmp_path / "latin1.txt")
    monkeypatch.setattr(question_reader, "MAX_TEXT_BYTES", 100)
    (tmp_path / "big.txt").write_text("Q1. Why?\n" * 20, encoding="utf-8")
    with pytest.raises(QuestionFileError, match=r"big\.txt is over .* MB; a question list is far smaller"):
        questions_from_file(tmp_path / "big.txt")


def test_a_word_document_that_is_not_one_is_refused_by_the_safe_opening(tmp_path):
    (tmp_path / "fake.docx").write_bytes(b"not a zip at all")
    with pytest.raises(PackageError, match="is not a Word document"):
        questions_from_file(tmp_path / "fake.docx")


@pytest.mark.parametrize("name", ["shared-infrastructure-consultation.md", "shared-infrastructure-consultation.docx"])
def test_the_shipped_consultation_reads_as_the_questions_sample_holds_them(name):
    # Re-importing the sample's own consultation must change nothing: what the parser reads is what we ship.
    from wyassembler.projectfile.codec import from_bytes
    from wyassembler.resource_files import resource, resource_bytes
    project = from_bytes(resource_bytes("samples", "shared-infrastructure-response.wyproj"))
    parsed = question_reader.questions_from_file(Path(str(resource("samples", name))))
    assert parsed.problems == []
    assert [(q.number, q.text, q.limit, q.options) for q in parsed.questions] == \
        [(q.number, q.text, q.limit, q.options) for q in project.questions]
