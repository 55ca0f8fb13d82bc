"""A file put at the output while the document is being built is not replaced (Word export and packs).

The output is looked at before building and again just before the rename (as the PDF export does): the
seconds between are enough for a colleague's save or a sync client to put a file there.
"""

from __future__ import annotations

import pytest

from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word import packs, writer
from wyassembler.word.provenance import ReplaceRefused


def sample_project():
    return storage.load(str(resource("samples", "west-yorkshire-2005.wyproj"))).project


def _someone_writes_while_building(monkeypatch, module, name: str, out) -> None:
    """``module.name`` (the build step) writes someone else's file at ``out`` before returning its result."""
    build = getattr(module, name)

    def build_then_someone_writes(*args, **kwargs):
        result = build(*args, **kwargs)
        out.write_text("someone else's\n")
        return result

    monkeypatch.setattr(module, name, build_then_someone_writes)


def test_a_file_put_at_the_output_while_the_word_export_is_built_is_not_replaced(tmp_path, monkeypatch):
    out = tmp_path / "response.docx"
    _someone_writes_while_building(monkeypatch, writer, "build_docx", out)
    with pytest.raises(ReplaceRefused, match="response.docx already exists and was not written by wyassembler"):
        writer.export_docx(sample_project(), out, project_path=None, draft=True)
    assert out.read_text() == "someone else's\n"
    assert [path.name for path in tmp_path.iterdir()] == ["response.docx"]  # no temporary file left


def test_a_file_put_at_the_output_while_a_pack_is_built_is_not_replaced(tmp_path, monkeypatch):
    project = sample_project()
    out = tmp_path / "pack.docx"
    _someone_writes_while_building(monkeypatch, packs, "build_pack", out)
    with pytest.raises(ReplaceRefused, match="pack.docx already exists and was not written by wyassembler"):
        packs.export_pack(project, project.organisations[0].id, out, project_path=None)
    assert out.read_text() == "someone else's\n"


def test_with_replace_agreed_the_word_export_replaces_what_was_put_there(tmp_path, monkeypatch):
    out = tmp_path / "response.docx"
    _someone_writes_while_building(monkeypatch, writer, "build_docx", out)
    writer.export_docx(sample_project(), out, project_path=None, draft=True, replace=True)
    assert out.read_bytes().startswith(b"PK")
