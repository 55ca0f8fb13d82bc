"""``wyassembler export-answers`` (JSON, CSV, a folder of .txt files) and ``sample --questions``."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.word.docx_validation import DocxChecker
from wyassembler.core.answer_export import SUMMARY_MARKER
from wyassembler.core.answers import count_characters
from tests.factories import COORDINATOR
from wyassembler.core.question_edits import map_section
from wyassembler.core.questions import Limit
from wyassembler.projectfile import storage

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
CONSULTATION = ("shared-infrastructure-consultation.md", "shared-infrastructure-consultation.docx")
NUMBERS = ["1", "2", "3", "4", "5a", "5b", "6", "7", "8", "9", "10"]
FILES = ["Q01.txt", "Q02.txt", "Q03.txt", "Q04.txt", "Q05b.txt", "Q06.txt", "Q07.txt", "Q08.txt", "Q09.txt",
         "Q10.txt", "summary.txt"]


@pytest.fixture
def answered(cli, tmp_path):
    """The questions sample, written as a user would."""
    path = tmp_path / "response.wyproj"
    result = cli("sample", "--questions", path)
    assert result.code == 0, result.err
    return path


# -- the sample ------------------------------------------------------------------------------------------

def test_sample_questions_writes_the_project_and_the_consultation_beside_it(cli, answered):
    for name in CONSULTATION:
        assert (answered.parent / name).read_bytes() == (SAMPLES / name).read_bytes()
    project = storage.load(answered).project
    assert [q.number for q in project.questions] == NUMBERS
    status = cli("status", answered, "--json")
    states = {q["number"]: q["state"] for q in json.loads(status.out)["questions"]}
    assert states == {**dict.fromkeys(NUMBERS, "answered"), "3": "over-limit", "9": "no-comment"}
    text = cli("status", answered).out
    assert "9 of 11 questions answered, 1 marked no comment, 1 over its limit" in text
    assert "question 3 \u201cWhat legal" in text and "over its limit by 11 (1,511 / 1,500 characters)" in text


def test_sample_questions_refuses_to_replace_a_consultation_file_without_force(cli, tmp_path):
    mine = tmp_path / CONSULTATION[0]
    mine.write_text("my notes", encoding="utf-8")
    result = cli("sample", "--questions", tmp_path / "response.wyproj")
    assert result.code == 1 and "already exists" in result.err and "--force" in result.err
    assert mine.read_text(encoding="utf-8") == "my notes" and not (tmp_path / "response.wyproj").exists()
    assert cli("sample", "--questions", tmp_path / "response.wyproj", "--force").code == 0
    assert mine.read_bytes() == (SAMPLES / CONSULTATION[0]).read_bytes()


def test_shipped_questions_sample_is_what_the_script_builds(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_questions_sample.py"), str(tmp_path)], check=True,
                   capture_output=True)
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (SAMPLES / path.name).read_bytes(), path.name
    assert len(list(tmp_path.iterdir())) == 3


def test_the_consultation_docx_asks_each_question_in_bold_and_sums_them_up(tmp_path):
    document = docx.Document(str(SAMPLES / CONSULTATION[1]))
    labels = [p.runs[0].text for p in document.paragraphs if p.runs and p.runs[0].bold
              and p.runs[0].text.startswith("Question ")]
    assert labels == [f"Question {n}:" for n in NUMBERS] * 2  # in the chapters, then in the summary
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1] == "Summary of questions"
    assert DocxChecker().problems((SAMPLES / CONSULTATION[1]).read_bytes()) == []  # ECMA-376 valid
    markdown = (SAMPLES / CONSULTATION[0]).read_text(encoding="utf-8")
    assert markdown.count("**Question 3:** What legal") == 2 and "(max 1,500 characters)" in markdown
    assert "governed together? Yes / No / Don't know. Please explain your answer. (max 250 words)" in markdown
    assert "**Question 5a:** Should local bodies" in markdown


# -- the three formats -----------------------------------------------------------------------------------

def test_txt_folder_has_a_file_per_answer_and_a_summary_and_prints_each_count(cli, answered, tmp_path):
    folder = tmp_path / "answers"
    result = cli("export-answers", answered, "-o", f"{folder}/")
    assert result.code == 0, result.err
    assert sorted(os.listdir(folder)) == FILES  # 5a is answered by its choice alone: no text to paste
    assert "question 3      1,511 / 1,500 characters     over-limit  Q03.txt" in result.out
    assert "question 5a     0 words                      answered, choice: Yes" in result.out
    assert "question 3 \u201cWhat legal" in result.err and "over its limit by 11" in result.err
    assert "Not final yet" in result.err  # not refused: answers for a form are written at any time
    barriers = (folder / "Q03.txt").read_bytes().decode("utf-8")
    assert barriers.startswith("The largest barriers are not technical.") and barriers.endswith("their teams.")
    assert "\r" not in barriers and count_characters(barriers) == 1511
    assert (folder / "Q09.txt").read_text(encoding="utf-8").startswith("No comment. The arrangements in Scotland")
    assert (folder / "summary.txt").read_text(encoding="utf-8").startswith(SUMMARY_MARKER)


def test_the_counts_stay_in_columns_under_the_widest_limit(cli, answered, tmp_path):
    assert cli("questions", "set", answered, "8", "--limit-chars", "1000000", "--count", "no-spaces",
               "--as", "Joint Services", "--by", "H. Dawson").code == 0
    folder = tmp_path / "answers"
    result = cli("export-answers", answered, "-o", f"{folder}/")
    assert result.code == 0, result.err
    summary = (folder / "summary.txt").read_text(encoding="utf-8").splitlines()
    for rows in ([line for line in result.out.splitlines() if line.startswith("  question ")],
                 [line for line in summary if re.match(r"^(\S+\.txt|\(no file\)) ", line)]):
        assert len(rows) == len(NUMBERS)
        states = {re.search(r" (answered|over-limit|no-comment|OVER THE LIMIT)", row).start() for row in rows}
        assert len(states) == 1, rows


def test_json_and_csv_hold_the_same_records(cli, answered, tmp_path):
    assert cli("export-answers", answered, "-o", tmp_path / "a.json").code == 0
    assert cli("export-answers", answered, "-o", tmp_path / "a.csv").code == 0
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8"), newline="")))
    assert [a["question_id"] for a in document["answers"]] == [row["question_id"] for row in rows] == NUMBERS
    assert document["respondent"]["partnership"] == rows[0]["respondent_partnership"] == "West Yorkshire Heads of ICT"
    for record, row in zip(document["answers"], rows, strict=True):
        assert row["free_text"].removeprefix("'") == record["free_text"]
        assert (row["multiple_choice"], row["state"], int(row["count"])) == (
            record["multiple_choice"], record["state"], record["count"])
        limit = record["limit"]  # JSON: {kind, value, spaces} as status --json; CSV: the words for it
        assert row["limit"] == (Limit(**limit).describe() if limit else "")
    assert document["answers"][2]["count"] == 1511 and document["answers"][4]["multiple_choice"] == "Yes"


def test_a_format_is_needed_and_an_existing_file_is_kept_without_force(cli, answered, tmp_path):
    result = cli("export-answers", answered, "-o", tmp_path / "a.docx")
    assert result.code == 1 and ".json or .csv" in result.err
    assert cli("export-answers", answered, "-o", tmp_path / "a.json", "--format", "csv").code == 1
    (tmp_path / "a.json").write_text("mine", encoding="utf-8")
    result = cli("export-answers", answered, "-o", tmp_path / "a.json")
    assert result.code == 1 and "--force" in result.err and (tmp_path / "a.json").read_text() == "mine"
    assert cli("export-answers", answered, "-o", tmp_path / "a.json", "--force").code == 0
    assert cli("export-answers", answered, "-o", tmp_path / "plain", "--format", "txt").code == 0
    assert (tmp_path / "plain" / "Q01.txt").is_file()


def test_a_project_without_questions_is_refused(cli, sample, tmp_path):
    result = cli("export-answers", sample, "-o", tmp_path / "a.json")
    assert result.code == 1 and "no consultation questions" in result.err and not (tmp_path / "a.json").exists()


# -- hostile folders ---------------------------------------------------------------------------------------

def test_a_foreign_non_empty_folder_is_refused_unless_forced_and_its_files_stay(cli, answered, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = cli("export-answers", answered, "-o", folder)
    assert result.code == 1 and "not empty" in result.err and "--force" in result.err
    assert os.listdir(folder) == ["notes.txt"]
    assert cli("export-answers", answered, "-o", folder, "--force").code == 0
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me" and (folder / "Q01.txt").is_file()


def test_a_symlinked_folder_or_answer_file_is_never_written_through(cli, answered, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    result = cli("export-answers", answered, "-o", tmp_path / "link")
    assert result.code == 1 and "symbolic link" in result.err and os.listdir(real) == []
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    folder = tmp_path / "answers"
    assert cli("export-answers", answered, "-o", folder).code == 0
    (folder / "Q02.txt").unlink()
    (folder / "Q02.txt").symlink_to(victim)
    result = cli("export-answers", answered, "-o", folder)
    assert result.code == 1 and "symbolic link" in result.err and victim.read_text(encoding="utf-8") == "untouched"
    (tmp_path / "a.json").symlink_to(victim)
    assert cli("export-answers", answered, "-o", tmp_path / "a.json", "--force").code == 1
    assert victim.read_text(encoding="utf-8") == "untouched"


def test_replacing_our_folder_removes_our_files_that_no_longer_belong_and_nothing_else(cli, answered, tmp_path):
    folder = tmp_path / "answers"
    assert cli("export-answers", answered, "-o", folder).code == 0
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours", encoding="utf-8")
    (folder / "Q11.txt").write_text("an old answer", encoding="utf-8")
    (folder / "notes.txt").write_text("the user's", encoding="utf-8")
    summary = folder / "summary.txt"
    # As if an earlier export had a question 11; and a summary edited to name a file outside the folder.
    summary.write_text(summary.read_text(encoding="utf-8") + "Q11.txt         question 11\n"
                       "../outside.txt  question 12\n", encoding="utf-8")
    result = cli("export-answers", answered, "-o", folder)
    assert result.code == 0 and "Removed 1 answer file(s) of an earlier export: Q11.txt" in result.out
    assert sorted(os.listdir(folder)) == sorted(FILES + ["notes.txt"])
    assert outside.read_text(encoding="utf-8") == "not ours"


def test_an_unanswered_question_is_warned_about_listed_in_the_summary_and_gets_no_file(cli, answered, tmp_path):
    project = storage.load(answered).project
    map_section(project, COORDINATOR, project.find_section("10"), [])  # "Other comments" answers nothing now
    storage.save_project(project, answered)
    folder = tmp_path / "answers"
    result = cli("export-answers", answered, "-o", folder)
    assert result.code == 0, result.err
    assert "question 10 \u201cDo you have any other comments" in result.err and "not answered" in result.err
    assert not (folder / "Q10.txt").exists()
    summary = (folder / "summary.txt").read_text(encoding="utf-8")
    assert "(no file)       question 10     0 / 500 words                UNANSWERED" in summary


def test_a_summary_larger_than_ours_could_be_is_not_read_whole_nor_taken_as_ours(cli, answered, tmp_path, monkeypatch):
    from wyassembler import answer_files

    folder = tmp_path / "answers"
    assert cli("export-answers", answered, "-o", folder).code == 0
    monkeypatch.setattr(answer_files, "MAX_SUMMARY_BYTES", 100)
    result = cli("export-answers", answered, "-o", folder)
    assert result.code == 1 and "not empty" in result.err
