"""``wyassembler export --public``: the copy for publication from the command line, with every other export
option; a final public export refuses exactly when a final full export does; verify-docx on it."""

from __future__ import annotations

import docx
import pytest

from tests.word.public_sample import leaks, signed_confidential
from tests.word.signed_sample import rewrite_member
from wyassembler.core.content import iter_spans
from wyassembler.projectfile import storage

REASON = "commercially sensitive"
NOTICE = f"Section 4 is withheld: {REASON}."
# The sample's endorsing people, one per organisation (as the sample's own endorsements name them).
ENDORSERS = [("Bradford", "R. Ahmed"), ("Calderdale", "J. Smith"), ("Kirklees", "S. Patel"), ("Leeds", "M. Walsh"),
             ("Wakefield", "D. Hughes"), ("CHIS", "A. Green"), ("WY Police", "P. Clarke"), ("WYFRS", "L. Brooks"),
             ("WYPTE", "K. Fisher"), ("Joint Services", "H. Dawson")]


def _confidential_texts(path) -> list[str]:
    """Section 4's heading and each piece of its text (a run of one formatting, as Word holds it) of 20
    characters or more."""
    section = storage.load(str(path)).project.find_section("4")
    return [section.heading] + [span.text for span in iter_spans(section.blocks) if len(span.text) >= 20]


@pytest.fixture
def marked(cli, sample):
    """The sample with section 4 marked confidential by its owner (every endorsement now stale)."""
    result = cli("mark", sample, "4", "--confidential", REASON, "--as", "Kirklees", "--by", "S. Patel")
    assert result.code == 0, result.err
    return sample


def _endorse_all(cli, project) -> None:
    for org, person in ENDORSERS:
        result = cli("sign-off", project, "--endorse", "--as", org, "--by", person)
        assert result.code == 0, result.err


def test_a_final_public_export_refuses_exactly_when_a_final_full_export_does(cli, marked, tmp_path):
    full = cli("export", marked, "-o", tmp_path / "full.docx")
    public = cli("export", marked, "-o", tmp_path / "public.docx", "--public")
    assert full.code == public.code == 1
    assert public.err == full.err and "endorsement is stale" in public.err
    assert not (tmp_path / "public.docx").exists()
    _endorse_all(cli, marked)
    assert cli("export", marked, "-o", tmp_path / "full.docx").code == 0
    result = cli("export", marked, "-o", tmp_path / "public.docx", "--public", "--signoff-appendix")
    assert result.code == 0, result.err
    assert result.out.strip() == f"Exported the public copy of the final response to {tmp_path / 'public.docx'}."
    texts = _confidential_texts(marked)
    assert leaks((tmp_path / "public.docx").read_bytes(), texts) == []
    assert {text for _, text in leaks((tmp_path / "full.docx").read_bytes(), texts)} == set(texts)


def test_verify_docx_on_a_signed_public_copy_reports_the_withheld_sections(cli, tmp_path):
    project = tmp_path / "signed.wyproj"
    storage.save_project(signed_confidential()[0], project)
    out = tmp_path / "public.docx"
    assert cli("export", project, "-o", out, "--public", "--signoff-appendix").code == 0
    result = cli("verify-docx", out)
    assert result.code == 0, result.out + result.err
    assert result.out.startswith("7 section(s) as signed, 4 withheld from this public copy (section(s) 3.1, 5, "
                                 "5.1, 5.1.1: hashes only; the approvals of withheld sections 3.1, 5, 5.1 and "
                                 "5.1.1 are checked in the full copy); 10 organisation(s)' approvals verified")
    rewrite_member(out, "word/document.xml", lambda text: text.replace("We share buildings.", "We share all."))
    tampered = cli("verify-docx", out)
    assert tampered.code == 1
    assert tampered.out == ("section 3.2 \u2018Shared estates\u2019 differs from what was signed (the document was "
                            "edited after export)\n")


@pytest.mark.parametrize("options", [
    ["--draft"],
    ["--draft", "--order", "questions"],
    ["--draft", "--order", "questions", "--questions-appendix", "--signoff-appendix"],
    ["--draft", "--questions-appendix", "--template", "TEMPLATE"],
])
def test_public_works_with_every_export_option(cli, marked, tmp_path, options):
    questions = tmp_path / "questions.md"
    questions.write_text("Question 1: How should IT professionalism be raised?\n\nQuestion 2: Anything else?\n",
                         encoding="utf-8")
    assert cli("questions", "import", marked, questions, "--as", "Joint Services", "--by", "H. Dawson").code == 0
    assert cli("answer", marked, "4", "--question", "1", "--as", "Kirklees", "--by", "S. Patel").code == 0
    template = tmp_path / "brand.docx"
    docx.Document().save(template)
    out = tmp_path / "public.docx"
    result = cli("export", marked, "-o", out, "--public", *[str(template) if o == "TEMPLATE" else o for o in options])
    assert result.code == 0, result.err
    assert "Exported the public copy of a marked draft" in result.out
    texts = [paragraph.text for paragraph in docx.Document(str(out)).paragraphs]
    assert NOTICE in texts
    assert leaks(out.read_bytes(), _confidential_texts(marked)) == []
    if "questions" in options:
        assert texts[texts.index("Question 1: How should IT professionalism be raised?") + 1] == NOTICE
    verified = cli("verify-docx", out)  # a draft's endorsements are stale, but its text is as exported
    assert "differs from what was signed" not in verified.out


def test_a_confidential_text_quoted_in_a_public_section_is_warned_of_and_the_copy_still_written(cli, marked,
                                                                                               tmp_path):
    quoted = tmp_path / "quoted.md"
    quoted.write_text(f"As we said: {_confidential_texts(marked)[-1]}\n", encoding="utf-8")
    assert cli("edit-section", marked, "6", "--from", quoted, "--as", "Wakefield", "--by", "D. Hughes").code == 0
    out = tmp_path / "public.docx"
    result = cli("export", marked, "-o", out, "--public", "--draft")
    assert result.code == 0
    assert "wyassembler: warning: the text of confidential section 4 appears in section 6\n" in result.err
    assert out.exists() and "(1 warning(s) above)" in result.out


def test_a_public_copy_of_a_project_with_nothing_confidential_says_so(cli, sample, tmp_path):
    result = cli("export", sample, "-o", tmp_path / "public.docx", "--public")
    assert result.code == 0
    assert "warning: no section is marked confidential, so the public copy is the whole response" in result.err
