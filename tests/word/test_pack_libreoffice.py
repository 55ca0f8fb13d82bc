"""A pack saved again by LibreOffice comes back: its sections are found by the hidden bookmarks and custom
properties of word/pack_markers.py where LibreOffice dropped the content controls and document variables.

The real LibreOffice runs three times for the whole module (each converts every pack at once): .docx to
.docx, and .docx to .odt and back, as a partner who saved in LibreOffice's own format would."""

from __future__ import annotations

import copy
import io
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES
from tests.word.docx_fixtures import SOFFICE
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.outline import add_section, set_ownership
from wyassembler.core.presets import new_project
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word.pack_markers import ABOUT_MARK, SECTION_MARK
from wyassembler.word.packs import PackError, build_pack, export_pack, import_pack

SAMPLE = str(resource("samples", "west-yorkshire-2005.wyproj"))
W_SDT, W_TAG, W_CONTENT, W_P, W_T = qn("w:sdt"), qn("w:tag"), qn("w:sdtContent"), qn("w:p"), qn("w:t")
needs_libreoffice = pytest.mark.skipif(not SOFFICE, reason="needs LibreOffice")
WORD_AUTHOR, WORD_DATE = "Jo Reviewer", "2026-11-20T10:00:00Z"
IMPORTED = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _project():
    """The sample, with section 2 Calderdale's (ids and revisions are the file's, so every load matches)."""
    project = storage.load(SAMPLE).project
    set_ownership(project, COORDINATOR, project.find_section("2"), "calderdale", ["kirklees"])
    return project


def _sections(document) -> list:
    """The section controls' contents, in order."""
    return [sdt.find(W_CONTENT) for sdt in document.element.body.iter(W_SDT)
            if sdt.find(f"{qn('w:sdtPr')}/{W_TAG}").get(qn("w:val")).startswith("wyassembler:section:")]


def _prefix_second_paragraph(content, words: str) -> None:
    """Type ``words`` at the start of the section's first paragraph after its heading."""
    texts = list(content.findall(W_P)[1].iter(W_T))
    texts[0].text = words + texts[0].text


def _edited_pack(folder: Path) -> Path:
    """A pack with text changed in both its sections and a paragraph typed above the first."""
    path = folder / "edited.docx"
    export_pack(_project(), "calderdale", path, project_path=None)
    document = docx.Document(path)
    first, second = _sections(document)
    _prefix_second_paragraph(first, "Edited in LibreOffice. ")
    _prefix_second_paragraph(second, "Also edited. ")
    typed = copy.deepcopy(first.findall(W_P)[1])
    for text in typed.iter(W_T):
        text.text = ""
    next(typed.iter(W_T)).text = "A note typed above the first section."
    first.getparent().addprevious(typed)
    document.save(path)
    return path


def _reviewed_pack(folder: Path) -> Path:
    """A pack with a tracked insertion and deletion and a comment in its first section, written as Word
    writes them (w:ins, w:del, commentRangeStart/End and a comments part)."""
    path = folder / "reviewed.docx"
    export_pack(_project(), "calderdale", path, project_path=None)
    document = docx.Document(path)
    paragraph = _sections(document)[0].findall(W_P)[1]
    mark = f'w:id="{{}}" w:author="{WORD_AUTHOR}" w:date="{WORD_DATE}"'
    tracked = etree.fromstring(
        f'<w:root xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:ins {mark.format(901)}><w:r><w:t xml:space="preserve">Inserted by Word. </w:t></w:r></w:ins>'
        f'<w:del {mark.format(902)}><w:r><w:delText>Deleted by Word.</w:delText></w:r></w:del>'
        f'<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Commented words </w:t></w:r>'
        f'<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="0"/></w:r></w:root>')
    first_run = paragraph.find(qn("w:r"))
    for element in list(tracked):
        first_run.addprevious(element)
    document.save(path)
    _add_comments_part(path, f'<w:comment w:id="0" w:author="{WORD_AUTHOR}" w:date="{WORD_DATE}" w:initials="JR">'
                             f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle '
                             f'w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r><w:r><w:t>Is this '
                             f'figure right?</w:t></w:r></w:p></w:comment>')
    return path


def _add_comments_part(path: Path, comments: str) -> None:
    """Add word/comments.xml, its relationship and content type, as Word stores them."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/comments.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="http://schemas.'
        f'openxmlformats.org/wordprocessingml/2006/main">{comments}</w:comments>').encode()
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(b"</Relationships>", b'<Relationship Id="rIdComments" Type="http://'
                                          b'schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
                                          b'Target="comments.xml"/></Relationships>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.comments+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)


def _other_projects_pack(folder: Path) -> Path:
    """A pack for Calderdale from another project (another file, another id)."""
    other = new_project("Another response", preset="west-yorkshire", person="H")
    add_section(other, COORDINATOR, "Elsewhere", "calderdale", (Paragraph(plain("Other text.")),))
    path = folder / "other.docx"
    export_pack(other, "calderdale", path, project_path=None)
    return path


def _convert(sources: list[Path], to: str, out: Path, profile: Path) -> None:
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
                    "--outdir", str(out), *map(str, sources)], check=True, capture_output=True, timeout=300)


@dataclass
class Saved:
    """Each pack as LibreOffice saved it: .docx to .docx (``docx``), and through .odt (``odt``)."""

    docx: dict[str, Path]
    odt: dict[str, Path]


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Saved:
    if not SOFFICE:
        pytest.skip("needs LibreOffice")
    folder = tmp_path_factory.mktemp("libreoffice-packs")
    untouched = folder / "untouched.docx"
    export_pack(_project(), "calderdale", untouched, project_path=None)
    sources = [_edited_pack(folder), _reviewed_pack(folder), _other_projects_pack(folder), untouched]
    profile = folder / "lo-profile"
    _convert(sources, "docx:MS Word 2007 XML", folder / "docx", profile)
    _convert(sources, "odt", folder / "odt", profile)
    _convert([folder / "odt" / f"{source.stem}.odt" for source in sources], "docx:MS Word 2007 XML",
             folder / "via-odt", profile)
    result = Saved({s.stem: folder / "docx" / s.name for s in sources},
                   {s.stem: folder / "via-odt" / s.name for s in sources})
    for path in [*result.docx.values(), *result.odt.values()]:
        assert path.exists(), f"LibreOffice did not write {path}"
    return result


def _xml(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


@needs_libreoffice
def test_libreoffice_drops_the_controls_and_variables_and_keeps_the_markers(saved):
    """What the module docstring of pack_markers says was measured, held true of this LibreOffice."""
    for path in (saved.docx["edited"], saved.odt["edited"]):
        document = _xml(path, "word/document.xml")
        assert "wyassembler:section:" not in document and "docVars" not in _xml(path, "word/settings.xml")
        assert f'w:name="{ABOUT_MARK}"' in document
        assert f'w:name="{SECTION_MARK}1"' in document and f'w:name="{SECTION_MARK}2"' in document
        custom = _xml(path, "docProps/custom.xml")
        assert 'name="wyassembler.section.2"' in custom and 'name="wyassembler.project"' in custom


@needs_libreoffice
@pytest.mark.parametrize("route", ["docx", "odt"])
def test_edits_in_two_sections_come_back_as_revisions(saved, route):
    project = _project()
    before = {number: project.find_section(number).current for number in ("2", "3")}
    result = import_pack(project, getattr(saved, route)["edited"], CALDERDALE)
    assert [project.number_of(section) for section in result.updated] == ["2", "3"]
    assert not result.conflicts
    for number, words in (("2", "Edited in LibreOffice. "), ("3", "Also edited. ")):
        section = project.find_section(number)
        assert section.current is not before[number] and section.heading == before[number].heading
        edited, started = section.blocks[0].spans, before[number].blocks[0].spans
        assert edited[0].text == words + started[0].text and edited[1:] == started[1:]
        assert section.blocks[1:] == before[number].blocks[1:]  # nothing else changed on the way
    assert result.report.lines() == []  # no field, no lost formatting: LibreOffice's wrappers are not the partner's
    assert result.problems == ["1 paragraph(s) typed outside the sections' boxes were not imported: "
                               "\u201cA note typed above the first section.\u201d"]


@needs_libreoffice
@pytest.mark.parametrize("route", ["docx", "odt"])
def test_an_unedited_pack_saved_by_libreoffice_changes_nothing(saved, route):
    project = _project()
    result = import_pack(project, getattr(saved, route)["untouched"], CALDERDALE)
    assert not result.changed and not result.problems
    assert [project.number_of(section) for section in result.unchanged] == ["2", "3"]


@needs_libreoffice
def test_a_libreoffice_saved_pack_of_another_project_or_organisation_is_refused(saved):
    project = _project()
    with pytest.raises(PackError, match="is a pack from another project .*nothing was imported"):
        import_pack(project, saved.docx["other"], CALDERDALE)
    with pytest.raises(PackError, match="is the pack made for Calderdale.*nothing was imported"):
        import_pack(project, saved.odt["edited"], KIRKLEES)


@needs_libreoffice
def test_word_tracked_changes_and_comments_survive_libreoffice(saved):
    for path in (saved.docx["reviewed"], saved.odt["reviewed"]):
        document = etree.fromstring(_xml(path, "word/document.xml").encode())
        inserted = document.find(f".//{qn('w:ins')}")
        deleted = document.find(f".//{qn('w:del')}")
        assert inserted.get(qn("w:author")) == WORD_AUTHOR and inserted.get(qn("w:date")) == WORD_DATE
        assert "".join(t.text for t in inserted.iter(W_T)) == "Inserted by Word. "
        assert "".join(t.text for t in deleted.iter(qn("w:delText"))) == "Deleted by Word."
        assert document.find(f".//{qn('w:commentRangeStart')}") is not None
        assert document.find(f".//{qn('w:commentReference')}") is not None
        comments = etree.fromstring(_xml(path, "word/comments.xml").encode())
        comment = comments.find(qn("w:comment"))
        assert comment.get(qn("w:author")) == WORD_AUTHOR
        assert "".join(t.text for t in comment.iter(W_T)) == "Is this figure right?"


@needs_libreoffice
@pytest.mark.parametrize("route", ["docx", "odt"])
def test_a_libreoffice_saved_packs_tracked_changes_become_a_proposal_and_its_comments_ours(saved, route):
    """The partner's untracked typing ("Commented words", and the text a tracked deletion removes) comes
    in as a revision; the tracked changes, accepted, are a proposal on it; the Word comment a comment."""
    project = _project()
    section = project.find_section("2")
    started = section.current.blocks[0].spans[0].text
    result = import_pack(project, getattr(saved, route)["reviewed"], CALDERDALE, now=IMPORTED)
    assert result.updated == [section] and not result.conflicts
    assert section.blocks[0].spans[0].text == "Deleted by Word.Commented words " + started
    [(where, proposal)] = result.proposals
    assert where is section and proposal.base == section.current.id
    assert proposal.blocks[0].spans[0].text == "Inserted by Word. Commented words " + started
    assert proposal.blocks[1:] == section.blocks[1:]
    assert [(c.kind, c.author, c.text) for c in proposal.tracked] == [
        ("insertion", WORD_AUTHOR, "Inserted by Word."), ("deletion", WORD_AUTHOR, "Deleted by Word.")]
    [(where, comment)] = result.comments
    assert where is section
    assert (comment.person, comment.org, comment.source) == (WORD_AUTHOR, "calderdale", "word")
    assert (comment.text, comment.quote) == ("Is this figure right?", "Commented words")
    assert comment.time.isoformat() == "2026-11-20T10:00:00+00:00"


# -- without LibreOffice: a pack whose controls are partly gone ----------------------------------

def _unwrap(sdt) -> None:
    """Remove a content control and keep its content, as Word's 'Remove Content Control' does."""
    for element in list(sdt.find(W_CONTENT)):
        sdt.addprevious(element)
    sdt.getparent().remove(sdt)


def test_a_section_whose_control_was_removed_is_found_by_its_bookmark(tmp_path):
    project = _project()
    path = tmp_path / "pack.docx"
    export_pack(project, "calderdale", path, project_path=None)
    document = docx.Document(path)
    first, second = _sections(document)
    _prefix_second_paragraph(first, "Kept box. ")
    _prefix_second_paragraph(second, "Box removed. ")
    _unwrap(second.getparent())
    document.save(path)
    result = import_pack(project, path, CALDERDALE)
    assert [project.number_of(section) for section in result.updated] == ["2", "3"]
    assert project.find_section("3").blocks[0].spans[0].text.startswith("Box removed. ")
    assert not result.problems


def test_text_between_the_boxes_is_still_outside_when_the_controls_survive(tmp_path):
    """With the bookmarks in every section, a paragraph typed between two boxes Word still shows is
    reported, not taken into the section above."""
    project = _project()
    path = tmp_path / "pack.docx"
    export_pack(project, "calderdale", path, project_path=None)
    document = docx.Document(path)
    first, _ = _sections(document)
    between = copy.deepcopy(first.findall(W_P)[1])
    first.getparent().addnext(between)
    document.save(path)
    result = import_pack(project, path, CALDERDALE)
    assert not result.changed
    assert len(result.problems) == 1 and result.problems[0].startswith("1 paragraph(s) typed outside")


def test_the_markers_name_the_sections_in_the_packs_order():
    project = _project()
    data = build_pack(project, "calderdale").data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        custom = archive.read("docProps/custom.xml").decode()
        body = archive.read("word/document.xml").decode()
    for number, section in enumerate((project.find_section("2"), project.find_section("3")), start=1):
        assert f'name="wyassembler.section.{number}"><vt:lpwstr>{section.id}:{section.current.id}<' in custom
        assert body.count(f'w:name="{SECTION_MARK}{number}"') == 1


def test_two_sections_marks_in_one_paragraph_import_neither(tmp_path):
    """With the text between two headings deleted (no boxes to stop it where LibreOffice saved), which
    text is whose cannot be told: both sections are left as they are and reported, nothing is guessed."""
    project = _project()
    before = [project.find_section(number).current for number in ("2", "3")]
    path = tmp_path / "pack.docx"
    export_pack(project, "calderdale", path, project_path=None)
    document = docx.Document(path)
    first, second = _sections(document)
    for sdt in (first.getparent(), second.getparent()):
        _unwrap(sdt)
    headings = [p for p in document.element.body.iter(W_P)
                if any(b.get(qn("w:name")).startswith(SECTION_MARK) for b in p.iter(qn("w:bookmarkStart")))]
    for element in list(headings[1].itersiblings(preceding=True)):
        if element is headings[0]:
            break
        element.getparent().remove(element)  # the first section's text deleted...
    for child in list(headings[1]):
        headings[0].append(child)  # ...and the two headings joined into one paragraph
    headings[1].getparent().remove(headings[1])
    document.save(path)
    result = import_pack(project, path, CALDERDALE)
    assert not result.changed
    assert [project.find_section(number).current for number in ("2", "3")] == before
    text = "\n".join(result.problems)
    assert "the box of section 2" in text and "the box of section 3" in text
    assert "typed outside the sections' boxes were not imported" in text


def test_without_controls_and_variables_and_with_the_properties_renamed_the_pack_still_imports(tmp_path):
    """LibreOffice's losses made by hand (so this runs without it): every control unwrapped, the document
    variables gone, and the custom properties in a part of another name (found by its relationship)."""
    project = _project()
    path = tmp_path / "pack.docx"
    export_pack(project, "calderdale", path, project_path=None)
    document = docx.Document(path)
    first, second = _sections(document)
    _prefix_second_paragraph(second, "Edited. ")
    for sdt in list(document.element.body.iter(W_SDT)):
        _unwrap(sdt)
    variables = document.settings.element.find(qn("w:docVars"))
    variables.getparent().remove(variables)
    document.save(path)
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["docProps/wyassembler-properties.xml"] = members.pop("docProps/custom.xml")
    for name in ("_rels/.rels", "[Content_Types].xml"):
        members[name] = members[name].replace(b"/docProps/custom.xml", b"/docProps/wyassembler-properties.xml")
        members[name] = members[name].replace(b'"docProps/custom.xml"', b'"docProps/wyassembler-properties.xml"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    result = import_pack(project, path, CALDERDALE)
    assert result.updated == [project.find_section("3")] and not result.problems
    assert project.find_section("3").blocks[0].spans[0].text.startswith("Edited. ")
    assert [project.number_of(section) for section in result.unchanged] == ["2"]


# Addresses as people type them, each of which LibreOffice 7.4 rewrites on saving (measured with
# soffice --convert-to docx): a slash after a bare host, the scheme in lower case, %7E as ~, "a/../" taken
# out; a fragment moves into a HYPERLINK field's \l switch.
REWRITTEN_LINKS = ("https://www.floodre.co.uk", "HTTP://Example.com", "https://example.com/%7Euser",
                   "https://example.com/a/../b", "https://example.com#frag", "http://example.com:80")


def _linked_project():
    """The sample with links LibreOffice rewrites in Calderdale's section 2."""
    from wyassembler.core.content import Span
    from wyassembler.core.editing import edit_section

    project = _project()
    section = project.find_section("2")
    links = tuple(span for href in REWRITTEN_LINKS for span in (Span("See "), Span(href, href=href), Span(". ")))
    edit_section(project, CALDERDALE, section, blocks=(*section.blocks, Paragraph(links)))
    return project, section


@needs_libreoffice
def test_links_libreoffice_rewrites_are_read_as_the_addresses_the_pack_was_made_with(tmp_path):
    project, section = _linked_project()
    source = tmp_path / "linked.docx"
    export_pack(project, "calderdale", source, project_path=None)
    _convert([source], "docx:MS Word 2007 XML", tmp_path / "docx", tmp_path / "lo-profile")
    saved = docx.Document(tmp_path / "docx" / "linked.docx")
    targets = {rel.target_ref for rel in saved.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert "https://www.floodre.co.uk/" in targets  # LibreOffice still rewrites it (or this test proves nothing)
    current = section.current.id

    result = import_pack(project, tmp_path / "docx" / "linked.docx", CALDERDALE)

    assert not result.changed and section.current.id == current


def test_a_link_rewritten_as_libreoffice_does_is_the_base_address_and_a_real_change_is_kept(tmp_path):
    project, section = _linked_project()
    path = tmp_path / "linked.docx"
    export_pack(project, "calderdale", path, project_path=None)
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(b'Target="https://www.floodre.co.uk"', b'Target="https://www.floodre.co.uk/"')
    members[rels] = members[rels].replace(b'Target="HTTP://Example.com"', b'Target="http://Example.com/"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    assert not import_pack(project, path, CALDERDALE).changed

    members[rels] = members[rels].replace(b'Target="https://www.floodre.co.uk/"', b'Target="https://floodre.org/"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    result = import_pack(project, path, CALDERDALE)
    assert result.updated == [section]
    assert "https://floodre.org/" in {span.href for span in section.blocks[-1].spans}


@pytest.mark.parametrize(("typed", "saved"), [
    ("https://www.floodre.co.uk", "https://www.floodre.co.uk/"), ("HTTPS://WWW.Example.ORG/Path", "https://WWW.Example.ORG/Path"),
    ("http://example.com:80", "http://example.com:80/"), ("https://example.com/%7Euser", "https://example.com/~user"),
    ("https://example.com/a/../b", "https://example.com/b"), ("HTTP://Example.com", "http://Example.com/"),
    ("https://example.com#frag", "https://example.com/#frag"), ("https://xn--bcher-kva.example", "https://xn--bcher-kva.example/")])
def test_an_address_as_libreoffice_7_4_saved_it_is_the_same_address(typed, saved):
    from wyassembler.word.pack_markers import address_key

    assert address_key(typed) == address_key(saved)


@pytest.mark.parametrize(("one", "other"), [
    ("https://example.com/a", "https://example.com/a/"), ("https://example.com/A", "https://example.com/a"),
    ("https://example.com?q=1", "https://example.com?q=2"), ("mailto:a@example.org", "mailto:b@example.org"),
    ("https://example.com/%2F", "https://example.com//"), ("https://example.com/a/../b", "https://example.com/a/b")])
def test_addresses_that_differ_otherwise_stay_different(one, other):
    from wyassembler.word.pack_markers import address_key

    assert address_key(one) != address_key(other)


def test_a_hyperlink_field_with_a_place_in_the_page_keeps_it(tmp_path):
    # LibreOffice writes "https://example.com/#frag" as HYPERLINK "https://example.com/" \l "frag": the
    # place was dropped, so the address read was another one.
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from wyassembler.core.content import Span
    from wyassembler.word.reader import import_docx

    document = docx.Document()
    document.add_heading("Links", level=1)
    paragraph = document.add_paragraph()
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.com/" \\l "frag" '
                '</w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>a place</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    document.save(tmp_path / "field.docx")
    blocks = import_docx(tmp_path / "field.docx").project.sections[0].blocks
    assert Paragraph((Span("a place", href="https://example.com/#frag"),)) in blocks


@needs_libreoffice
def test_tracked_changes_in_the_about_text_and_between_the_boxes_of_a_libreoffice_saved_pack_are_counted(tmp_path):
    project = _project()
    path = tmp_path / "about.docx"
    export_pack(project, "calderdale", path, project_path=None)
    document = docx.Document(path)
    body = document.element.body
    about = next(sdt for sdt in body.iter(W_SDT)
                 if sdt.find(f"{qn('w:sdtPr')}/{W_TAG}").get(qn("w:val")).startswith("wyassembler:pack:"))
    mark = f'w:author="{WORD_AUTHOR}" w:date="{WORD_DATE}"'
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    about.find(W_CONTENT).find(W_P).append(etree.fromstring(
        f'<w:ins {namespace} w:id="901" {mark}><w:r><w:t xml:space="preserve"> About, edited.</w:t></w:r></w:ins>'))
    about.addnext(etree.fromstring(  # (after the last box it would be the last section's: see pack_markers)
        f'<w:p {namespace}><w:ins w:id="902" w:author="Another" w:date="{WORD_DATE}"><w:r><w:t>Typed between.'
        f'</w:t></w:r></w:ins></w:p>'))
    document.save(path)
    _convert([path], "docx:MS Word 2007 XML", tmp_path / "docx", tmp_path / "lo-profile")
    # (LibreOffice keeps the insertion in the about text as an inserted paragraph mark, its words untracked.)

    result = import_pack(project, tmp_path / "docx" / "about.docx", CALDERDALE)

    assert "2 tracked change(s) outside the sections' boxes were not applied" in result.report_lines(project)
    assert not result.proposals
