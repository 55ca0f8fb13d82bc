"""The statements the export makes about the response, read back (a new user's trial of issue 18): the
statement of whom it is made on behalf of refers to a member list naming exactly those organisations instead
of naming them again, and stands apart from the partners' text (the template's Quote style, Normal in a
template without one); the full copy notes "Confidential: <reason>. Not for publication." right under the
heading of each section marked confidential, which verify-docx expects and the public copy has not."""

from __future__ import annotations

import re
from dataclasses import replace

import docx
from docx.oxml.ns import qn

from tests.factories import T0
from tests.word.public_sample import REASON, signed_confidential
from tests.word.readback import body_paragraphs, open_docx
from tests.word.signed_sample import MANIFEST_MEMBER, rewrite_member
from tests.word.test_declarations import MEMBER_NAMES_START, _approve_sections, _decide, _no_text_problems
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.model import Actor
from wyassembler.core.declarations import behalf_statement, confidential_note
from wyassembler.core.signoff import endorse_response
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.reader import import_docx
from wyassembler.word.writer import build_docx, default_template_path, export_docx

LISTED = ("This response is made on behalf of the organisations listed above, 9 of the 10 members of the West "
          "Yorkshire Heads of ICT partnership.")
NOTE = f"Confidential: {REASON}. Not for publication."
NESTED_NOTE = "Confidential: draft policy of the police authority. Not for publication."


def _paragraphs(data: bytes):
    return [p for p in body_paragraphs(open_docx(data)) if p.text]


def test_after_a_list_of_the_endorsers_the_statement_refers_to_it(project, tmp_path):
    _approve_sections(project)
    _decide(project)
    endorsers = replace(project, member_list="endorsers")
    path = tmp_path / "response.docx"
    export_docx(endorsers, path, project_path=None)
    paragraphs = _paragraphs(path.read_bytes())
    texts = [p.text for p in paragraphs]
    first = texts.index(MEMBER_NAMES_START)
    assert texts[first:first + 9] == [org.name for org in project.organisations if org.id != "calderdale"]
    statement = paragraphs[first + 9:first + 12]
    assert [p.text for p in statement] == [LISTED, *behalf_statement(project).texts()[1:]]
    assert {p.style for p in statement} == {"Quote"}  # set apart from the section's own text
    assert "Leeds City Council" not in " ".join(texts[first + 9:])  # not named twice
    _no_text_problems(path)
    # A list of every partner names more than the statement covers: the statement names them.
    path = tmp_path / "all.docx"
    export_docx(project, path, project_path=None)
    texts = [p.text for p in _paragraphs(path.read_bytes())]
    first = texts.index(MEMBER_NAMES_START)
    assert texts[first + 10] == behalf_statement(project).texts()[0]
    assert texts[first + 10].endswith(" and West Yorkshire Joint Services.")
    _no_text_problems(path)


def test_the_statement_after_the_title_block_names_them_even_with_a_list_of_endorsers(project, tmp_path):
    _approve_sections(project)
    _decide(project)
    endorsers = replace(project, member_list="endorsers", behalf_at="title")
    path = tmp_path / "response.docx"
    export_docx(endorsers, path, project_path=None)
    texts = [p.text for p in _paragraphs(path.read_bytes())]
    assert texts[2] == behalf_statement(project).texts()[0] != LISTED  # no list above it there
    _no_text_problems(path)


def test_a_statement_claiming_the_list_where_there_is_none_is_found(project, tmp_path):
    _approve_sections(project)
    _decide(project)
    path = tmp_path / "response.docx"
    export_docx(project, path, project_path=None)  # every partner listed: the statement names its nine
    named = re.compile(r"This response is made on behalf of 9 of the 10 members[^<]*Joint Services\.")

    def claim(text: str) -> str:
        assert named.search(text)
        return named.sub(LISTED, text)
    for member in ("word/document.xml", MANIFEST_MEMBER):  # body and manifest alike
        rewrite_member(path, member, claim)
    problems = verify_docx(path).problems
    assert any("statement of whom the response is made on behalf of is not the one" in line
               for line in problems), problems


def test_one_endorser_listed_above_reads_in_the_singular(project):
    endorse_response(project, Actor("leeds", "Lead of Leeds", "partner lead"), now=T0)
    assert behalf_statement(project, listed_above=True).texts()[0] == (
        "This response is made on behalf of the organisation listed above, one of the 10 members of the West "
        "Yorkshire Heads of ICT partnership.")


def _without_quote_style(tmp_path):
    """wyassembler's own template with its Quote style taken out: a council's template may have none."""
    document = docx.Document(str(default_template_path()))
    styles = document.styles.element
    for style in list(styles.iter(qn("w:style"))):
        if style.find(qn("w:name")).get(qn("w:val")) in ("Quote", "Quote Char"):
            styles.remove(style)
    path = tmp_path / "no-quote.docx"
    document.save(str(path))
    return path


def test_a_template_without_a_quote_style_has_the_statements_in_normal(tmp_path):
    project, _ = signed_confidential()
    endorse_response(project, Actor("leeds", "Lead of Leeds", "partner lead"), now=T0)
    result = build_docx(replace(project, member_list="endorsers"), template=_without_quote_style(tmp_path))
    assert not [line for line in result.warnings if "Quote" in line]
    paragraphs = _paragraphs(result.data)
    texts = [p.text for p in paragraphs]
    opening = next(p for p in paragraphs if p.text.startswith("This response is made on behalf of "))
    assert opening.style == "Normal"
    assert paragraphs[texts.index(NOTE)].style == "Normal"
    assert "Quote" not in {style.name for style in open_docx(result.data).styles}


def test_the_full_copy_notes_each_confidential_section_under_its_heading(tmp_path):
    project, _ = signed_confidential()
    # 5.1 marked itself too: still withheld with 5, it has no note of its own (nor a line in the statement)
    margins = project.sections[4].children[0]
    mark_section(project, Actor(project.coordinator, "H. Dawson", "coordinator"), margins, True, "margins", now=T0)
    path = tmp_path / "full.docx"
    export_docx(project, path, signoff_appendix=True, project_path=None)
    paragraphs = _paragraphs(path.read_bytes())
    texts = [p.text for p in paragraphs]
    secret = texts.index("Depot lease terms QXHEADING")
    assert texts[secret + 1] == NOTE == confidential_note(project, project.sections[4])
    assert paragraphs[secret + 1].style == "Quote"
    assert texts[texts.index("Estates QXNESTEDHEADING") + 1] == NESTED_NOTE  # a sub-section marked itself
    # withheld with section 5, 5.1 and 5.1.1 have no note of their own; nothing else has one
    assert texts[texts.index("Margins QXSUBHEADING") + 1].startswith("The QXSUBPARAGRAPH")
    assert sorted(text for text in texts if text.endswith("Not for publication.")) == sorted([NOTE, NESTED_NOTE])
    _no_text_problems(path)
    # an edited note is found, at its section
    edited = tmp_path / "edited.docx"
    edited.write_bytes(path.read_bytes())
    rewrite_member(edited, "word/document.xml", lambda text: text.replace("Not for publication.", "Publish."))
    assert [line for line in verify_docx(edited).problems if line.startswith("section 5 ")
            and "differs from what was signed" in line]


def test_the_note_in_question_order_and_none_in_the_public_copy(tmp_path):
    project, _ = signed_confidential()
    full, public = tmp_path / "full.docx", tmp_path / "public.docx"
    export_docx(project, full, order="questions", project_path=None)
    export_docx(project, public, public=True, project_path=None)
    texts = [p.text for p in _paragraphs(full.read_bytes())]
    assert NOTE in texts and NESTED_NOTE in texts
    _no_text_problems(full)
    public_texts = [p.text for p in _paragraphs(public.read_bytes())]
    assert not [text for text in public_texts if "Not for publication" in text]
    _no_text_problems(public)


def test_an_import_of_the_full_copy_leaves_the_note_out(tmp_path):
    project, _ = signed_confidential()
    path = tmp_path / "full.docx"
    export_docx(project, path, draft=True, project_path=None)
    result = import_docx(path, preset="west-yorkshire")
    texts = [block.spans[0].text for section in result.project.all_sections() for block in section.blocks
             if hasattr(block, "spans") and block.spans]
    assert not [text for text in texts if text.startswith("Confidential: ")]
    assert any(NOTE in line for line in result.report.lines())
