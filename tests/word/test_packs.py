"""Partner packs: the sections an organisation writes, out to Word and back as revisions."""

from __future__ import annotations

from datetime import timedelta

import docx
import pytest
from docx.oxml.ns import qn

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core import signoff
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.integrity import soundness_problems
from wyassembler.core.outline import delete_section, set_ownership
from wyassembler.core.presets import new_project
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word import oxml
from wyassembler.word.packs import PackError, build_pack, export_pack, import_pack, pack_sections

SAMPLE = str(resource("samples", "west-yorkshire-2005.wyproj"))
W_SDT, W_TAG, W_CONTENT = qn("w:sdt"), qn("w:tag"), qn("w:sdtContent")


@pytest.fixture
def project():
    project = storage.load(SAMPLE).project
    section = project.find_section("3")
    set_ownership(project, COORDINATOR, project.find_section("2"), "calderdale", ["kirklees"])
    signoff.sign_off_section(project, CALDERDALE, section, now=T0 + timedelta(days=400))
    return project


def _controls(document):
    return [(sdt.find(f"{qn('w:sdtPr')}/{W_TAG}").get(qn("w:val")), sdt) for sdt in document.element.body.iter(W_SDT)]


def _pack(project, tmp_path, org="calderdale"):
    path = tmp_path / f"{org}.docx"
    export_pack(project, org, path, project_path=None)
    return path


def test_pack_holds_owned_and_contributed_sections_in_marked_controls(project, tmp_path):
    assert [project.number_of(s) for s in pack_sections(project, "calderdale")] == ["2", "3"]
    assert "2" in [project.number_of(s) for s in pack_sections(project, "kirklees")]
    document = docx.Document(_pack(project, tmp_path))
    tags = [tag for tag, _ in _controls(document)]
    assert tags[0] == f"wyassembler:pack:{project.id}:calderdale"
    assert tags[1:] == [f"wyassembler:section:{s.id}:{s.current.id}" for s in pack_sections(project, "calderdale")]
    locks = [sdt.find(f"{qn('w:sdtPr')}/{qn('w:lock')}").get(qn("w:val")) for _, sdt in _controls(document)]
    assert locks == ["sdtContentLocked", "sdtLocked", "sdtLocked"]
    variables = oxml.document_variables(document.settings.element)
    assert variables["wyassembler.project"] == project.id and variables["wyassembler.org"] == "calderdale"
    from docx.text.paragraph import Paragraph as DocxParagraph

    paragraphs = [DocxParagraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [f"2\t{project.find_section('2').heading}", f"3\t{project.find_section('3').heading}"]
    # Word keeps the settings only if docVars sits in schema order: after compat, before rsids.
    names = [child.tag.split("}")[1] for child in document.settings.element]
    assert names.index("compat") < names.index("docVars") < names.index("rsids")


def test_an_untouched_pack_changes_nothing(project, tmp_path):
    before = {s.id: len(s.revisions) for s in project.all_sections()}
    result = import_pack(project, _pack(project, tmp_path), CALDERDALE)
    assert not result.changed and len(result.unchanged) == 2 and not result.problems
    assert {s.id: len(s.revisions) for s in project.all_sections()} == before


def test_member_list_section_comes_back_unchanged(tmp_path):
    project = new_project("Members", preset="west-yorkshire", person="H", now=T0)
    result = import_pack(project, _pack(project, tmp_path, "joint-services"), COORDINATOR)
    assert len(result.unchanged) == 1 and not result.changed
    assert MemberList() in project.sections[0].blocks


def _edit(path, section_index: int, change) -> None:
    """Change the content of the ``section_index``-th section control with python-docx, as Word would."""
    document = docx.Document(path)
    sections = [sdt for tag, sdt in _controls(document) if tag.startswith("wyassembler:section:")]
    change(document, sections[section_index].find(W_CONTENT))
    document.save(path)


def test_edits_come_back_as_revisions_and_approvals_go_stale(project, tmp_path):
    path = _pack(project, tmp_path)
    section3 = project.find_section("3")
    assert signoff.section_state(section3, "calderdale") == signoff.APPROVED

    def change(document, content):
        paragraphs = content.findall(qn("w:p"))
        heading = paragraphs[0]
        heading.findall(f".//{qn('w:t')}")[-1].text = "Moving to shared services"
        new = document.add_paragraph("A new point, ")
        new.add_run("in bold").bold = True
        content.append(new._p)
        bullet = document.add_paragraph("And a bullet", style="List Bullet")
        content.append(bullet._p)

    _edit(path, 1, change)
    result = import_pack(project, path, CALDERDALE, now=T0 + timedelta(days=500))
    assert result.updated == [section3] and [project.number_of(s) for s in result.unchanged] == ["2"]
    assert section3.heading == "Moving to shared services"
    assert section3.blocks[-2:] == (Paragraph((Span("A new point, "), Span("in bold", bold=True))),
                                    ListItem(plain("And a bullet"), "bullet", 1))
    assert (section3.current.org, section3.current.person) == ("calderdale", "J. Smith")
    assert signoff.section_state(section3, "calderdale") == signoff.STALE
    assert not soundness_problems(project)


def test_a_section_changed_meanwhile_keeps_the_pack_as_a_conflict_copy(project, tmp_path):
    path = _pack(project, tmp_path)
    section = project.find_section("2")
    edit_section(project, KIRKLEES, section, blocks=section.blocks + (Paragraph(plain("Kirklees added this.")),),
                 now=T0 + timedelta(days=450))
    _edit(path, 0, lambda document, content: content.append(document.add_paragraph("Calderdale's addition.")._p))
    result = import_pack(project, path, CALDERDALE, now=T0 + timedelta(days=500))
    assert result.conflicts == [section] and not result.updated
    assert section.blocks[-1] == Paragraph(plain("Kirklees added this."))
    assert section.conflicts[0].blocks[-1] == Paragraph(plain("Calderdale's addition."))
    assert not soundness_problems(project)


def test_deleted_marks_and_text_outside_are_reported(project, tmp_path):
    path = _pack(project, tmp_path)
    document = docx.Document(path)
    body = document.element.body
    first = [sdt for tag, sdt in _controls(document) if tag.startswith("wyassembler:section:")][0]
    for child in list(first.find(W_CONTENT)):  # unwrap: the text stays, the mark goes
        first.addprevious(child)
    for bookmark in [*body.iter(qn("w:bookmarkStart")), *body.iter(qn("w:bookmarkEnd"))]:
        bookmark.getparent().remove(bookmark)  # and the second mark, the bookmarks (test_pack_libreoffice)
    body.remove(first)
    extra = document.add_paragraph("Typed after the last box.")
    body.remove(extra._p)
    body[-1].addprevious(extra._p)
    document.save(path)
    result = import_pack(project, path, CALDERDALE)
    text = "\n".join(result.report_lines())
    assert "the box of section 2" in text and "was deleted from the pack" in text
    assert "paragraph(s) typed outside the sections' boxes were not imported" in text
    assert len(result.unchanged) == 1


def test_packs_from_another_organisation_or_project_are_refused(project, tmp_path):
    path = _pack(project, tmp_path)
    with pytest.raises(PackError, match="made for Calderdale, not for Kirklees"):
        import_pack(project, path, KIRKLEES)
    other = new_project("Another response", preset="west-yorkshire")
    with pytest.raises(PackError, match="another project"):
        import_pack(other, path, CALDERDALE)


def test_a_plain_document_is_not_a_pack(tmp_path):
    path = tmp_path / "plain.docx"
    docx.Document().save(path)
    with pytest.raises(PackError, match="not a partner pack"):
        import_pack(storage.load(SAMPLE).project, path, CALDERDALE)


def test_a_pack_needs_sections():
    with pytest.raises(PackError, match="nothing to put in a pack"):
        build_pack(new_project("Empty", preset="west-yorkshire"), "police")


def test_ownership_lost_since_the_pack_is_reported_per_section(project, tmp_path):
    path = _pack(project, tmp_path)
    _edit(path, 1, lambda document, content: content.append(document.add_paragraph("Late change.")._p))
    set_ownership(project, COORDINATOR, project.find_section("3"), "leeds", [])
    result = import_pack(project, path, CALDERDALE)
    assert not result.changed
    assert any("section 3 was not imported" in line and "may not edit" in line for line in result.problems)


def test_problems_come_section_by_section_in_the_packs_order_and_places_name_outline_numbers(project, tmp_path):
    """A section deleted from the project and a section no longer editable are each one sentence, in
    the order the pack holds them; the report names the sections by their numbers, not their ids."""
    path = _pack(project, tmp_path)

    def change(document, content):
        paragraph = document.add_paragraph("Late ")
        paragraph.add_run("change").underline = True
        content.append(paragraph._p)

    _edit(path, 1, change)
    gone = project.find_section("2")
    delete_section(project, COORDINATOR, gone)
    set_ownership(project, COORDINATOR, project.find_section("2"), "leeds", [])  # the pack's section 3
    result = import_pack(project, path, CALDERDALE)
    assert not result.changed and not result.unchanged
    assert len(result.problems) == 2
    assert result.problems[0].startswith(f"a section in the pack (\u201c2 {gone.heading}\u201d) is no longer in "
                                         f"the project")
    assert result.problems[1].startswith("section 2 was not imported") and "may not edit" in result.problems[1]
    assert result.report.lines() == ["1 underlined piece of text kept without underlining (in section 2)"]
