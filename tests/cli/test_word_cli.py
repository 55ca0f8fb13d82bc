"""``import-docx``, ``export-pack`` and ``import-pack`` from the command line, bad input included."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from tests.word.docx_fixtures import REAL, rich_document


@pytest.fixture
def rich(tmp_path):
    return rich_document(tmp_path / "last-year.docx")


def test_import_docx_makes_a_sound_project_and_reports_on_stderr(cli, tmp_path, rich):
    project = tmp_path / "new.wyproj"
    result = cli("import-docx", rich, project, "--by", "H. Dawson")
    assert result.code == 0, result.err
    assert "Created" in result.out and "4 section(s)" in result.out and "owned by Coordinator" in result.out
    assert "import report for last-year.docx" in result.err and "heading below level 3" in result.err
    assert cli("verify", project).code == 0
    shown = cli("show", project, "1")
    assert "**bold italic**" in shown.out or "***bold italic***" in shown.out
    assert cli("export", project, "-o", tmp_path / "out.docx", "--draft").code == 0


def test_import_docx_with_a_preset_and_a_named_coordinator(cli, tmp_path, rich):
    with_preset = cli("import-docx", rich, tmp_path / "a.wyproj", "--preset", "west-yorkshire")
    assert with_preset.code == 0 and "owned by Joint Services" in with_preset.out
    named = cli("import-docx", rich, tmp_path / "b.wyproj", "--coordinator", "Leeds City Council")
    assert named.code == 0 and "owned by Leeds City Council" in named.out


def test_import_docx_refuses_to_overwrite_without_force(cli, tmp_path, rich):
    project = tmp_path / "new.wyproj"
    assert cli("import-docx", rich, project).code == 0
    again = cli("import-docx", rich, project)
    assert again.code == 1 and "--force" in again.err
    assert cli("import-docx", rich, project, "--force").code == 0


@pytest.mark.parametrize("name, content, message", [
    ("text.docx", b"not a zip", "is not a Word document"),
    ("empty.docx", b"", "is empty"),
    ("locked.docx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "password-protected"),
    ("missing.docx", None, "does not exist"),
])
def test_bad_documents_fail_in_one_line_and_write_nothing(wy, tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    project = tmp_path / "new.wyproj"
    result = wy("import-docx", source, project)
    assert result.code == 1 and message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not project.exists()
    assert not list(tmp_path.glob(".new.wyproj*"))


def test_docm_and_strict_are_refused(wy, tmp_path, rich):
    docm = tmp_path / "macros.docm"
    docm.write_bytes(rich.read_bytes())
    result = wy("import-docx", docm, tmp_path / "a.wyproj")
    assert result.code == 1 and "macro-enabled" in result.err
    strict = wy("import-docx", REAL / "strict-format.docx", tmp_path / "b.wyproj")
    assert strict.code == 1 and "Strict" in strict.err and "Traceback" not in strict.err
    assert not list(tmp_path.glob("*.wyproj"))


def test_real_word_document_with_comments_reports_them(cli, tmp_path):
    result = cli("import-docx", REAL / "comments.docx", tmp_path / "c.wyproj")
    assert result.code == 0 and "2 comments left out" in result.err


def test_partner_pack_round_trip(cli, sample, tmp_path):
    pack = tmp_path / "calderdale.docx"
    out = cli("export-pack", sample, "--as", "Calderdale", "-o", pack)
    assert out.code == 0 and "1 section(s) for Calderdale (3)" in out.out
    assert cli("sign-off", sample, "3", "--as", "Calderdale", "--by", "J. Smith").code == 0
    unchanged = cli("import-pack", pack, sample, "--as", "Calderdale", "--by", "J. Smith")
    assert unchanged.code == 0 and "0 section(s) updated" in unchanged.out and "1 unchanged" in unchanged.out

    document = docx.Document(pack)
    control = list(document.element.body.iter(qn("w:sdt")))[1]
    control.find(qn("w:sdtContent")).append(document.add_paragraph("Written in Word.")._p)
    document.save(pack)
    result = cli("import-pack", pack, sample, "--as", "Calderdale", "--by", "J. Smith")
    assert result.code == 0, result.err
    assert "Saved a new revision of section 3" in result.out and "now stale" in result.out
    assert "Written in Word." in cli("show", sample, "3").out
    assert cli("verify", sample).code == 0


def test_import_pack_refuses_another_organisation_and_changes_nothing(cli, sample, tmp_path):
    pack = tmp_path / "calderdale.docx"
    assert cli("export-pack", sample, "--as", "Calderdale", "-o", pack).code == 0
    before = sample.read_bytes()
    result = cli("import-pack", pack, sample, "--as", "Kirklees", "--by", "S. Patel")
    assert result.code == 1 and "made for Calderdale, not for Kirklees" in result.err
    assert sample.read_bytes() == before
    other = tmp_path / "other.wyproj"
    assert cli("new", other, "--title", "Other", "--preset", "west-yorkshire").code == 0
    result = cli("import-pack", pack, other, "--as", "Calderdale", "--by", "J. Smith")
    assert result.code == 1 and "another project" in result.err


def test_export_pack_needs_an_organisation_with_sections(cli, sample, tmp_path):
    result = cli("export-pack", sample, "--as", "Nobody", "-o", tmp_path / "x.docx")
    assert result.code == 1 and "no organisation" in result.err
    assert not (tmp_path / "x.docx").exists()
