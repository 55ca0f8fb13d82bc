"""Text over what a project file can hold is refused on the way in, in one line, and nothing is written;
text at the limit is saved and opens again."""

from __future__ import annotations

import secrets

import docx

from wyassembler.core.text import MAX_FIELD_BYTES, MAX_TEXT_BYTES


def _one_line(result) -> str:
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0], result.err
    return lines[0]


def test_edit_section_refuses_a_markdown_paragraph_over_the_limit_and_changes_nothing(cli, sample, tmp_path):
    source = tmp_path / "long.md"
    source.write_text("An opening paragraph.\n\n" + "word " * 2_080_000 + "\n", encoding="utf-8")  # 10.4 MB
    before = sample.read_bytes()
    result = cli("edit-section", sample, "2", "--from", source, "--as", "bradford", "--by", "A. Khan")
    line = _one_line(result)
    assert "long.md: line 3: a paragraph, list item or table cell holds 10,399,999 bytes" in line
    assert sample.read_bytes() == before


def test_edit_section_saves_a_paragraph_at_the_limit_and_it_opens_again(cli, sample, tmp_path):
    source = tmp_path / "long.md"
    source.write_text("x" * MAX_TEXT_BYTES, encoding="utf-8")
    result = cli("edit-section", sample, "2", "--from", source, "--as", "bradford", "--by", "A. Khan")
    assert result.code == 0, result.err
    assert cli("verify", sample).code == 0


def _word_document_with_one_long_paragraph(path, total_bytes: int, runs: int) -> None:
    """A Word document whose one paragraph is split over ``runs`` runs, as Word stores long text; the
    text is random hex, so the package does not look like a zip bomb."""
    document = docx.Document()
    document.add_heading("Only section", 1)
    paragraph = document.add_paragraph()
    for _ in range(runs):
        paragraph.add_run(secrets.token_hex(total_bytes // runs // 2))
    document.save(path)


def test_import_docx_refuses_a_paragraph_over_the_limit_and_writes_no_project(cli, tmp_path):
    source = tmp_path / "long.docx"
    _word_document_with_one_long_paragraph(source, 11_000_000, 220)
    target = tmp_path / "imported.wyproj"
    line = _one_line(cli("import-docx", source, target))
    assert "long.docx (section 1): a paragraph, list item or table cell holds 11,000,000 bytes" in line
    assert not target.exists()


def test_import_docx_keeps_a_paragraph_just_under_the_limit_and_it_opens_again(cli, tmp_path):
    source = tmp_path / "long.docx"
    _word_document_with_one_long_paragraph(source, MAX_TEXT_BYTES, 200)
    target = tmp_path / "imported.wyproj"
    assert cli("import-docx", source, target).code == 0
    assert cli("verify", target).code == 0


def test_import_docx_refuses_a_title_over_the_field_limit(cli, tmp_path):
    document = docx.Document()
    document.add_paragraph(secrets.token_hex(MAX_FIELD_BYTES // 2 + 1), style="Title")
    document.add_heading("Only section", 1)
    source = tmp_path / "titled.docx"
    document.save(source)
    target = tmp_path / "imported.wyproj"
    line = _one_line(cli("import-docx", source, target))
    assert "titled.docx (the text before the first heading): a title, heading, name or note holds 100,002 bytes" in line
    assert not target.exists()
