"""``export --draft --with-comments`` and ``export-pack --with-comments``: the open comment threads as Word
comments; refused in one line, nothing written, for a final export, a public copy, the questions order and a
PDF."""

from __future__ import annotations

import io

import docx
import pytest

CALDERDALE = ("--as", "calderdale", "--by", "J. Smith")  # section 3's owner
KIRKLEES = ("--as", "kirklees", "--by", "A. Reviewer")
QUOTED = "welcomes this section"  # in section 3's first paragraph


def _one_line(result) -> str:
    lines = result.err.strip().splitlines()
    assert result.code != 0 and len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


@pytest.fixture
def commented(cli, sample):
    """The sample with a comment on words of section 3, a reply, and a resolved comment on section 4."""
    first = cli("comment", sample, "3", "--text", "Which section?", "--on", QUOTED, *KIRKLEES)
    assert first.code == 0, first.err
    comment_id = first.out.split()[2]
    assert cli("comment", sample, "3", "--text", "This one.", "--reply-to", comment_id, *CALDERDALE).code == 0
    settled = cli("comment", sample, "4", "--text", "Settled", *KIRKLEES)
    assert cli("comment", sample, "--resolve", settled.out.split()[2], *KIRKLEES).code == 0
    return sample


def test_a_draft_with_comments_carries_the_open_threads_on_their_words(cli, commented, tmp_path):
    out = tmp_path / "draft.docx"
    result = cli("export", commented, "-o", out, "--draft", "--with-comments")
    assert result.code == 0, result.err
    assert "a marked draft with its open comments" in result.out
    comments = {comment.text: comment for comment in docx.Document(io.BytesIO(out.read_bytes())).comments}
    assert set(comments) == {"Which section?", "This one."}
    assert (comments["Which section?"].author, comments["Which section?"].initials) == ("A. Reviewer", "Kirklees")


@pytest.mark.parametrize(("options", "said"), [
    ((), "never part of the final response: --with-comments needs --draft"),
    (("--draft", "--public"), "the public copy carries no comments"),
    (("--draft", "--order", "questions"), "outline's order"),
])
def test_with_comments_is_refused_where_comments_may_not_go(cli, commented, tmp_path, options, said):
    out = tmp_path / "out.docx"
    line = _one_line(cli("export", commented, "-o", out, "--with-comments", *options))
    assert said in line
    assert not out.exists()


def test_with_comments_and_a_pdf_is_refused_before_anything_is_made(cli, commented, tmp_path, no_libreoffice):
    out = tmp_path / "draft.pdf"
    line = _one_line(cli("export", commented, "-o", out, "--draft", "--with-comments"))
    assert "--with-comments writes Word comments: give an output ending in .docx" in line
    assert not out.exists()


def test_a_pack_with_comments_carries_the_threads_on_its_sections(cli, commented, tmp_path):
    out = tmp_path / "pack.docx"
    result = cli("export-pack", commented, "--as", "calderdale", "-o", out, "--with-comments")
    assert result.code == 0, result.err
    assert "with 1 open comment thread(s) as Word comments" in result.out
    texts = {comment.text for comment in docx.Document(io.BytesIO(out.read_bytes())).comments}
    assert texts == {"Which section?", "This one."}
    plain = tmp_path / "plain.docx"
    assert cli("export-pack", commented, "--as", "calderdale", "-o", plain).code == 0
    assert len(docx.Document(io.BytesIO(plain.read_bytes())).comments) == 0
