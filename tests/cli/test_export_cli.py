"""``wyassembler export`` end to end: gate, draft, warnings, and every bad input as one line."""

from __future__ import annotations

import pytest

from wyassembler import fileio


def _error_line(result) -> str:
    assert result.code != 0
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def test_export_the_sample(wy, sample, tmp_path):
    out = tmp_path / "response.docx"
    result = wy("export", sample, "-o", out, "--signoff-appendix")
    assert result.code == 0, result.err
    assert result.err == ""
    assert "Exported the final response" in result.out
    assert out.read_bytes()[:2] == b"PK"


def test_unready_project_is_refused_by_organisation_then_exported_as_draft(cli, sample, tmp_path):
    source = tmp_path / "text.md"
    source.write_text("New text for the section.\n", encoding="utf-8")
    assert cli("edit-section", sample, "4", "--from", source, "--as", "Kirklees", "--by", "S. Patel").code == 0
    out = tmp_path / "response.docx"
    refused = cli("export", sample, "-o", out)
    assert refused.code == 1
    assert "not signed off" in refused.err and "--draft" in refused.err
    # Kirklees has two things to do (its section and its endorsement): a line each, under its name.
    assert "Kirklees:\n  - section 4" in refused.err
    assert "Leeds: endorse" in refused.err.replace("endorsement", "endorse")
    assert not out.exists()
    draft = cli("export", sample, "-o", out, "--draft")
    assert draft.code == 0 and "marked draft" in draft.out
    assert out.exists()


def test_accessibility_warnings_go_to_stderr_and_do_not_stop_the_export(cli, sample, tmp_path):
    source = tmp_path / "text.md"
    source.write_text("See [click here](https://example.org/x).\n", encoding="utf-8")
    assert cli("edit-section", sample, "6", "--from", source, "--as", "Wakefield", "--by", "D. Hughes").code == 0
    out = tmp_path / "response.docx"
    result = cli("export", sample, "-o", out, "--draft")
    assert result.code == 0
    assert ("warning: section 6 \u201cAnd finally ...\u201d: the link text \u201cclick here\u201d does not say "
            "where it leads") in result.err
    assert out.exists()


@pytest.mark.parametrize("case, expected", [
    ("missing-folder", "does not exist"),
    ("not-docx-name", "should end in .docx"),
    ("template-text", "not a Word document"),
    ("template-missing", "does not exist"),
    ("unsound", "does not verify"),
])
def test_bad_export_inputs(wy, sample, tmp_path, case, expected):
    out = tmp_path / "out.docx"
    args = ["export", sample, "-o", out]
    if case == "missing-folder":
        args[3] = tmp_path / "nowhere" / "out.docx"
    elif case == "not-docx-name":
        args[3] = tmp_path / "out.txt"
    elif case == "template-text":
        (tmp_path / "t.docx").write_text("hello")
        args += ["--template", tmp_path / "t.docx"]
    elif case == "template-missing":
        args += ["--template", tmp_path / "none.docx"]
    elif case == "unsound":
        data = sample.read_bytes()
        start = data.index(b'hash="') + 6
        sample.write_bytes(data[:start] + b"0" * 64 + data[start + 64:])
    assert expected in _error_line(wy(*args))
    assert not out.exists()
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def test_unwritable_output_leaves_nothing(cli, sample, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    out = tmp_path / "out.docx"
    assert "permission denied" in _error_line(cli("export", sample, "-o", out))
    assert not out.exists()
