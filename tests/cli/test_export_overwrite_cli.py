"""``export`` and ``export-pack`` never replace a .docx someone else wrote or edited, unless --force."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn


def _one_line(result) -> str:
    assert result.code == 1 and result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
    return result.err


def _return_edited(pack) -> None:
    """The partner's edit in Word (here python-docx), saved under the same name."""
    document = docx.Document(pack)
    control = list(document.element.body.iter(qn("w:sdt")))[1]
    control.find(qn("w:sdtContent")).append(document.add_paragraph("Written in Word.")._p)
    document.save(pack)


def test_export_pack_keeps_a_returned_pack_unless_forced(cli, sample, tmp_path):
    pack = tmp_path / "calderdale-pack.docx"
    assert cli("export-pack", sample, "--as", "Calderdale", "-o", pack).code == 0
    assert cli("export-pack", sample, "--as", "Calderdale", "-o", pack).code == 0  # our untouched output
    _return_edited(pack)
    returned = pack.read_bytes()
    refused = _one_line(cli("export-pack", sample, "--as", "Calderdale", "-o", pack))
    assert "calderdale-pack.docx already exists and has been changed since wyassembler wrote it" in refused
    assert "--force" in refused
    assert _one_line(cli("export", sample, "-o", pack, "--draft")) and pack.read_bytes() == returned
    imported = cli("import-pack", pack, sample, "--as", "Calderdale", "--by", "J. Smith")
    assert imported.code == 0 and "Saved a new revision of section 3" in imported.out
    assert cli("export-pack", sample, "--as", "Calderdale", "-o", pack, "--force").code == 0
    assert pack.read_bytes() != returned


def test_export_keeps_another_document_unless_forced(cli, sample, tmp_path):
    out = tmp_path / "response.docx"
    document = docx.Document()
    document.add_paragraph("The coordinator's own notes")
    document.save(out)
    before = out.read_bytes()
    refused = _one_line(cli("export", sample, "-o", out, "--draft"))
    assert "was not written by wyassembler" in refused and "--force" in refused
    assert out.read_bytes() == before
    assert cli("export", sample, "-o", out, "--draft", "--force").code == 0
    assert cli("export", sample, "-o", out, "--draft").code == 0  # now ours, untouched: replaced freely


def test_export_pack_suggests_a_different_name_for_the_returned_pack(cli, sample, tmp_path):
    result = cli("export-pack", sample, "--as", "Calderdale", "-o", tmp_path / "calderdale-pack.docx")
    assert result.code == 0
    assert "import-pack calderdale-pack-returned.docx" in result.out.replace(str(tmp_path) + "/", "")
