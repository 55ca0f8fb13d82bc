"""The exported response, read back with python-docx: structure, numbering, lists, links, properties."""

from __future__ import annotations

from datetime import timedelta

import pytest
from docx.oxml.ns import qn

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from tests.word.readback import (body_paragraphs, header_text, level_texts, links, open_docx, part_text,
                                 start_overrides, style_numbering)
from wyassembler.core import signoff
from wyassembler.core.content import ListItem, Paragraph, Span, Table, plain
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word.writer import NotReady, build_docx, export_docx

SAMPLE = storage.load(str(resource("samples", "west-yorkshire-2005.wyproj"))).project


def sign_everything(project, when=T0 + timedelta(days=1)):
    for _, _, section in project.walk():
        signoff.sign_off_section(project, Actor(section.owner, "Lead", "partner lead"), section, now=when)
    for org in project.organisations:
        signoff.endorse_response(project, Actor(org.id, "Lead", "partner lead"), now=when)
    assert signoff.readiness(project).ready


@pytest.fixture(scope="module")
def sample_doc():
    return open_docx(build_docx(SAMPLE).data)


def test_sample_structure_in_order(sample_doc):
    paras = body_paragraphs(sample_doc)
    assert (paras[0].style, paras[0].text) == ("Title", SAMPLE.title)
    assert (paras[1].style, paras[1].text) == ("Subtitle", SAMPLE.subtitle)
    headings = [(p.style, p.text) for p in paras if p.style.startswith("Heading")]
    assert headings == [("Heading 1", s.heading) for s in SAMPLE.sections]
    assert len(headings) == 6
    assert paras[-1].text == "Submitted on behalf of the West Yorkshire Heads of ICT"


def test_headings_use_real_multilevel_numbering_linked_to_their_styles(sample_doc):
    num_ids = {style_numbering(sample_doc, f"Heading {level}") for level in (1, 2, 3)}
    (num_id,) = {num for num, _ in num_ids}
    assert sorted(level for _, level in num_ids) == [0, 1, 2]
    assert [text for _, (_, text) in sorted(level_texts(sample_doc, num_id).items())] == ["%1", "%1.%2", "%1.%2.%3"]
    # Each level of the definition names its heading style back, as Word's linked lists do.
    numbering = sample_doc.part.numbering_part.element
    num = next(n for n in numbering.iterfind(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iterfind(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    linked = [lvl.find(qn("w:pStyle")).get(qn("w:val")) for lvl in abstract.iterfind(qn("w:lvl"))]
    assert linked == [sample_doc.styles[f"Heading {n}"].style_id for n in (1, 2, 3)]


def test_member_list_is_generated_from_the_organisations(sample_doc):
    paras = body_paragraphs(sample_doc)
    start = next(i for i, p in enumerate(paras) if p.text.endswith("on behalf of its member organisations:"))
    members = paras[start + 1:start + 1 + len(SAMPLE.organisations)]
    assert [p.text for p in members] == [org.name for org in SAMPLE.organisations]
    assert {(p.style, p.level) for p in members} == {("List Paragraph", 0)}
    assert level_texts(sample_doc, members[0].num_id)[0][0] == "bullet"


def test_bold_and_links_survive(sample_doc):
    bold = [r.text for p in sample_doc.paragraphs for r in p.runs if r.bold]
    assert "the critical factor" in bold
    found = links(sample_doc)
    assert [text for text, _, _ in found] == ["National Strategy for Local e-Government",
                                              "National eService Delivery Standards programme"]
    assert all(target.startswith("https://") and style == "Hyperlink" for _, target, style in found)


def _content_project(project):
    section = project.sections[1]
    blocks = (
        Paragraph((Span("Plain "), Span("bold", bold=True), Span(" and "), Span("both", bold=True, italic=True),
                   Span(" £ \u201cquoted\u201d "), Span("link", href="https://example.org/a"))),
        ListItem(plain("one"), "number", 1), ListItem(plain("one.a"), "number", 2), ListItem(plain("two"), "number", 1),
        ListItem(plain("deep"), "bullet", 3),
        Paragraph(plain("between")),
        ListItem(plain("again"), "number", 1),
        Table((plain("Partner"), plain("Lead")), ((plain("Leeds"), (Span("M. Walsh", italic=True),)),)),
    )
    edit_section(project, COORDINATOR, section, blocks=blocks, now=T0)
    return project


def test_lists_levels_and_numbered_lists_restart(project):
    doc = open_docx(build_docx(_content_project(project), draft=True).data)
    items = [p for p in body_paragraphs(doc) if p.num_id is not None and p.style == "List Paragraph"]
    by_text = {p.text: p for p in items}
    assert [by_text[t].level for t in ("one", "one.a", "two", "deep", "again")] == [0, 1, 0, 2, 0]
    first, second = by_text["one"].num_id, by_text["again"].num_id
    assert by_text["two"].num_id == first, "a list goes on over the items nested in it"
    assert by_text["one.a"].num_id == by_text["deep"].num_id == first, "a nested list is part of its parent's"
    assert second != first, "a new numbered list must be a new numbering instance"
    assert level_texts(doc, first)[0] == ("decimal", "%1.")
    assert start_overrides(doc, first) == {0: 1, 1: 1}
    assert start_overrides(doc, second) == {0: 1}
    assert level_texts(doc, first)[2][0] == "bullet"


def test_inline_formatting_and_table(project):
    doc = open_docx(build_docx(_content_project(project), draft=True).data)
    runs = {r.text: r for p in doc.paragraphs for r in p.runs}
    assert runs["bold"].bold and not runs["bold"].italic
    assert runs["both"].bold and runs["both"].italic
    assert " £ \u201cquoted\u201d " in runs
    assert links(doc) == [("link", "https://example.org/a", "Hyperlink")]
    (table,) = doc.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["Partner", "Lead"], ["Leeds", "M. Walsh"]]
    header_row = table.rows[0]._tr
    assert header_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(r.bold for c in table.rows[0].cells for r in c.paragraphs[0].runs)
    assert table.rows[1].cells[1].paragraphs[0].runs[0].italic


def test_properties_language_and_no_leaks(project):
    _content_project(project)
    signoff.sign_off_section(project, KIRKLEES, project.sections[2], signoff.CHANGES_REQUESTED,
                             "secret internal note", now=T0)
    data = build_docx(project, draft=True).data
    doc = open_docx(data)
    props = doc.core_properties
    assert props.title == project.title
    assert props.author == props.last_modified_by == project.partnership
    assert props.created == T0
    assert props.language == "en-GB"
    assert 'w:lang w:val="en-GB"' in part_text(data, "word/styles.xml")
    everything = b"".join(_all_parts(data))
    for secret in (b"secret internal note", b"S. Patel", b"H. Dawson", b"python-docx"):
        assert secret not in everything


def _all_parts(data: bytes):
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            yield archive.read(name)


def test_same_project_gives_identical_bytes(project):
    assert build_docx(project, draft=True).data == build_docx(project, draft=True).data
    assert build_docx(SAMPLE, signoff_appendix=True).data == build_docx(SAMPLE, signoff_appendix=True).data


def test_final_export_is_refused_until_signed_off(project, tmp_path):
    out = tmp_path / "r.docx"
    with pytest.raises(NotReady) as refused:
        export_docx(project, out, project_path=None)
    message = str(refused.value)
    assert "--draft" in message
    for org in ("Calderdale", "Kirklees", "Joint Services"):
        assert org in message
    assert not out.exists()
    sign_everything(project)
    export_docx(project, out, project_path=None)
    assert out.exists()


def test_draft_is_marked_in_the_header_not_the_body(project):
    doc = open_docx(build_docx(project, draft=True).data)
    assert "DRAFT" in header_text(doc)
    assert all("DRAFT" not in p.text for p in doc.paragraphs)
    assert doc.core_properties.content_status == "Draft"
    sign_everything(project)
    final = open_docx(build_docx(project).data)
    assert "DRAFT" not in header_text(final)
    assert project.title in header_text(final)


def test_footer_counts_pages(sample_doc):
    footer = sample_doc.sections[0].footer._element
    instructions = [i.text.strip() for i in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(qn("w:t"))).startswith("Page ")


def test_signoff_appendix_lists_every_section_and_endorsement():
    doc = open_docx(build_docx(SAMPLE, signoff_appendix=True).data)
    heading = [p for p in body_paragraphs(doc) if p.text == "Sign-off record"]
    assert heading and heading[0].num_id == 0, "the appendix heading is not numbered"
    table = doc.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Section", "Organisation", "Signed by", "Meaning", "Date and time (UTC)", "Signature"]
    sections = [r for r in rows[1:] if r[0] != "Whole response"]
    endorsements = [r for r in rows[1:] if r[0] == "Whole response"]
    assert [r[0] for r in sections] == [f"{n} {s.heading}" for n, _, s in SAMPLE.walk()]
    assert [r[1] for r in endorsements] == [o.label() for o in SAMPLE.organisations]
    assert all(r[2] and r[4] for r in rows[1:])
    assert any(r[0] == "3 Moving to a Shared Services Culture" and r[1] == "Calderdale" and r[2].startswith("J. Smith")
               for r in rows)


def test_stale_approval_shows_in_a_draft_appendix(project):
    sign_everything(project)
    edit_section(project, CALDERDALE, project.sections[1], blocks=(Paragraph(plain("Changed.")),), now=T0)
    doc = open_docx(build_docx(project, draft=True, signoff_appendix=True).data)
    rows = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    shared = [r for r in rows if r[0].startswith("2 ") and r[1] == "Calderdale"]
    assert [row[:4] for row in shared] == [["2 Shared services", "Calderdale", "Lead, partner lead",
                                            "Approved an earlier version"]]
    assert shared[0][5] == "Not signed"


def test_subsections_use_heading_levels(project):
    parent = project.sections[1]
    child = add_section(project, COORDINATOR, "Data sharing", "calderdale", (Paragraph(plain("x")),),
                        parent=parent, now=T0)
    add_section(project, COORDINATOR, "Identity", "calderdale", (), parent=child, now=T0)
    headings = [(p.style, p.text) for p in body_paragraphs(open_docx(build_docx(project, draft=True).data))
                if p.style.startswith("Heading")]
    assert ("Heading 2", "Data sharing") in headings and ("Heading 3", "Identity") in headings


def test_an_unsound_project_is_not_exported(project, tmp_path):
    from dataclasses import replace

    section = project.sections[1]
    signoff.sign_off_section(project, CALDERDALE, section, now=T0)
    section.signoffs[-1] = replace(section.signoffs[-1], hash="0" * 64)  # approval of text never written
    out = tmp_path / "r.docx"
    with pytest.raises(WyassemblerError, match="does not verify") as refused:
        export_docx(project, out, draft=True, project_path=None)
    assert "sign-off by J. Smith" in str(refused.value)
    assert not out.exists()


def test_a_final_export_refuses_a_signature_moved_to_another_section_but_a_draft_exports(tmp_path):
    from dataclasses import replace

    from tests.word.signed_sample import signed_sample

    signed, _ = signed_sample()
    approved, other = [section for section in signed.all_sections() if section.signoffs][:2]
    # The signed record pasted under another section, its hash rewritten to that section's text.
    other.signoffs.append(replace(approved.signoffs[-1], hash=other.signoffs[-1].hash, sequence=99))
    out = tmp_path / "r.docx"
    with pytest.raises(WyassemblerError) as refused:
        export_docx(signed, out, project_path=None)
    message = str(refused.value)
    assert "cannot be exported as final" in message and "does not match the record" in message
    assert "\n" not in message and not out.exists()
    assert build_docx(signed, draft=True).data
