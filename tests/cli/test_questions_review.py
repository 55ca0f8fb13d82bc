"""The question commands on input their tests did not try: options that are only separators, the same
question twice, a re-import that removes an answered question."""

from __future__ import annotations

import pytest

from wyassembler.projectfile.storage import load

AS_COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


@pytest.fixture
def asked(cli, tmp_path):
    path = tmp_path / "response.wyproj"
    assert cli("sample", "--questions", path).code == 0
    return path


def _question(path, number):
    return next(q for q in load(path).project.questions if q.number == number)


@pytest.mark.parametrize("options, expected", [
    ("A / / B", ("A", "B")),
    ("Yes /  / No", ("Yes", "No")),
    ("Yes/No", ("Yes", "No")),
])
def test_options_never_include_a_separator(cli, asked, options, expected):
    result = cli("questions", "set", asked, "1", "--options", options, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert _question(asked, "1").options == expected


def test_options_that_are_only_separators_are_refused(cli, asked):
    before = asked.read_bytes()
    result = cli("questions", "set", asked, "1", "--options", " / / ", *AS_COORDINATOR)
    assert result.code != 0
    assert "no options" in result.err and len(result.err.strip().splitlines()) == 1
    assert asked.read_bytes() == before


@pytest.mark.parametrize("name", ["answers.", "answers./", "answers ", "answers.json."])
def test_an_output_name_ending_in_a_dot_or_a_space_is_refused(cli, asked, tmp_path, name):
    """Windows drops a name's final dots and spaces: 'answers.' would be another folder there, or
    one a partner on a shared drive cannot open."""
    result = cli("export-answers", asked, "-o", f"{tmp_path}/{name}")
    assert result.code != 0
    assert "ends in a dot or a space" in result.err, result.err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["response.wyproj", *sorted(
        path.name for path in tmp_path.iterdir() if path.name.startswith("shared-"))]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_a_text_file_with_a_byte_order_mark_is_read_in_its_encoding(cli, asked, tmp_path, encoding):
    """Notepad's "Unicode" is UTF-16 with a byte order mark: read, as its mark says, with CRLF lines."""
    source = tmp_path / "questions.txt"
    text = "Question 1: Do you agree?\r\n\r\nQuestion 2: Why? (max 50 words)\r\n"
    source.write_bytes(({"utf-16-be": b"\xfe\xff"}.get(encoding, b"")) + text.encode(encoding))
    result = cli("questions", "import", asked, source, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert [(q.number, q.text) for q in load(asked).project.questions] == [("1", "Do you agree?"), ("2", "Why?")]
    section = tmp_path / "section.md"
    section.write_bytes(({"utf-16-be": b"\xfe\xff"}.get(encoding, b"")) + "Our answer, in café.\r\n".encode(encoding))
    result = cli("edit-section", asked, "2", "--from", section, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert "Our answer, in café." in cli("show", asked, "2").out


def test_count_without_a_limit_in_characters_is_refused_with_no_limit_too(cli, asked):
    before = asked.read_bytes()
    result = cli("questions", "set", asked, "2", "--no-limit", "--count", "no-spaces", *AS_COORDINATOR)
    assert result.code != 0 and "--count goes with --limit-chars" in result.err
    assert asked.read_bytes() == before


def test_the_confirmation_says_the_reason_as_kept_without_control_characters(cli, asked):
    cli("answer", asked, "6", "--none", *AS_COORDINATOR)
    result = cli("questions", "set", asked, "5b", "--no-comment", "Not ours\nto say\x07", *AS_COORDINATOR)
    assert result.code == 0, result.err
    kept = _question(asked, "5b").no_comment_reason
    assert "\x07" not in result.out and "\n" not in result.out.strip()
    assert kept in result.out, (kept, result.out)
