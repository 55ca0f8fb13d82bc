"""An export replaces only our own untouched output: a file edited since (a partner's returned pack),
or one wyassembler never wrote, is refused unless replacing is asked for."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from tests.factories import CALDERDALE
from tests.word.test_packs import _controls, project  # noqa: F401 - the fixture
from wyassembler.word.packs import export_pack, import_pack
from wyassembler.word.provenance import MARKER_PROPERTY, ReplaceRefused, replace_problem
from wyassembler.word.writer import build_docx, export_docx


def _edit_pack(path) -> None:
    """What a partner does: type into the first section's box in Word (here python-docx) and save."""
    document = docx.Document(path)
    box = [sdt for tag, sdt in _controls(document) if tag.startswith("wyassembler:section:")][0]
    box.find(docx.oxml.ns.qn("w:sdtContent")).append(document.add_paragraph("Our returned edit.")._p)
    document.save(path)


def test_an_export_says_it_is_ours_in_a_custom_property(project):  # noqa: F811
    data = build_docx(project, draft=True).data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        custom = archive.read("docProps/custom.xml").decode()
    assert MARKER_PROPERTY in custom and "sha256:" in custom
    assert build_docx(project, draft=True).data == data  # still reproducible


def test_an_untouched_export_or_pack_is_replaced(project, tmp_path):  # noqa: F811
    out = tmp_path / "response.docx"
    export_docx(project, out, draft=True, project_path=None)
    assert replace_problem(out) is None
    export_docx(project, out, draft=True, signoff_appendix=True, project_path=None)  # no refusal
    pack = tmp_path / "calderdale.docx"
    export_pack(project, "calderdale", pack, project_path=None)
    assert replace_problem(pack) is None
    export_pack(project, "calderdale", pack, project_path=None)


def test_a_returned_pack_is_not_replaced(project, tmp_path):  # noqa: F811
    pack = tmp_path / "calderdale.docx"
    export_pack(project, "calderdale", pack, project_path=None)
    _edit_pack(pack)
    returned = pack.read_bytes()
    with pytest.raises(ReplaceRefused, match="calderdale.docx already exists and has been changed since"):
        export_pack(project, "calderdale", pack, project_path=None)
    with pytest.raises(ReplaceRefused):
        export_docx(project, pack, draft=True, project_path=None)
    assert pack.read_bytes() == returned
    result = import_pack(project, pack, CALDERDALE)  # the partner's edits are still there to bring back
    assert [project.number_of(s) for s in result.updated] == ["2"]
    export_pack(project, "calderdale", pack, replace=True, project_path=None)
    assert pack.read_bytes() != returned


@pytest.mark.parametrize("content, why", [
    (None, "was not written by wyassembler"),  # a Word document of someone else's
    (b"not a zip at all", "was not written by wyassembler"),
])
def test_another_document_is_not_replaced(project, tmp_path, content, why):  # noqa: F811
    out = tmp_path / "theirs.docx"
    if content is None:
        document = docx.Document()
        document.add_paragraph("Someone's own document")
        document.save(out)
    else:
        out.write_bytes(content)
    before = out.read_bytes()
    with pytest.raises(ReplaceRefused, match=why):
        export_docx(project, out, draft=True, project_path=None)
    assert out.read_bytes() == before
    export_docx(project, out, draft=True, replace=True, project_path=None)
    assert replace_problem(out) is None


def test_a_copied_marker_does_not_make_a_document_ours(project, tmp_path):  # noqa: F811
    """Another document carrying our property (copied across) still fails the hash."""
    ours = build_docx(project, draft=True).data
    out = tmp_path / "mixed.docx"
    document = docx.Document()
    document.add_paragraph("Someone's own document")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(ours)) as source, zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as theirs, \
            zipfile.ZipFile(out, "w") as mixed:
        for info in theirs.infolist():
            mixed.writestr(info, theirs.read(info))
        mixed.writestr("docProps/custom.xml", source.read("docProps/custom.xml"))
    assert "has been changed since" in replace_problem(out)


def test_no_export_replaces_the_project_it_came_from_even_when_replacing_is_asked(project, tmp_path):  # noqa: F811
    """The engines refuse the project file as their output, by a symbolic or a hard link, whoever calls them."""
    from wyassembler.fileio import OutputIsProject
    from wyassembler.projectfile.codec import to_bytes

    project_file = tmp_path / "response.wyproj"
    project_file.write_bytes(to_bytes(project))
    before = project_file.read_bytes()
    symbolic, hard = tmp_path / "via-link.docx", tmp_path / "hard.docx"
    symbolic.symlink_to(project_file)
    hard.hardlink_to(project_file)
    for target in (symbolic, hard):
        with pytest.raises(OutputIsProject, match="is the project file itself"):
            export_docx(project, target, project_path=project_file, draft=True, replace=True)
        with pytest.raises(OutputIsProject, match="is the project file itself"):
            export_pack(project, "calderdale", target, project_path=project_file, replace=True)
        assert project_file.read_bytes() == before
    export_docx(project, tmp_path / "other.docx", project_path=project_file, draft=True)  # another name is fine
