"""Questions set in a box: consultations put their summary of questions in a one-cell table (a shaded
box), or a one-column table, each question a paragraph of the cell. Each paragraph is a question of its
own, never the run-on text of the first."""

from __future__ import annotations

import docx

from wyassembler.core.questions import Limit
from wyassembler.word.question_reader import questions_from_file


def test_a_box_of_questions_reads_each_paragraph_as_its_own_question(tmp_path):
    document = docx.Document()
    document.add_paragraph("This consultation seeks views on sharing services.")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "Question 1: Do you agree with A?"
    cell.add_paragraph("Question 2: Do you agree with B? (max 100 words)")
    cell.add_paragraph("Question 3: Anything else?")
    path = tmp_path / "box.docx"
    document.save(path)
    result = questions_from_file(path)
    assert [(q.number, q.text, q.limit) for q in result.questions] == [
        ("1", "Do you agree with A?", None), ("2", "Do you agree with B?", Limit("words", 100)),
        ("3", "Anything else?", None)]


def test_a_one_column_table_of_questions_reads_each_row_and_paragraph(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "Question 1: Do you agree?"
    cell = table.cell(1, 0)
    cell.paragraphs[0].text = "Question 2: Why?"
    cell.add_paragraph("Question 3: How?")
    path = tmp_path / "column.docx"
    document.save(path)
    assert [q.number for q in questions_from_file(path).questions] == ["1", "2", "3"]
