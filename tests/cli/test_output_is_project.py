"""An output that is the project file itself, by its name, a symbolic link or a hard link: refused in
one line even with --force (--force replaces an earlier output, never the response being written)."""

from __future__ import annotations

import os

import pytest

from wyassembler.projectfile.storage import load


@pytest.fixture
def asked(cli, tmp_path):
    path = tmp_path / "response.wyproj"
    assert cli("sample", "--questions", path).code == 0
    return path


def _links(asked, tmp_path, suffix):
    symbolic = tmp_path / f"via-link{suffix}"
    symbolic.symlink_to(asked)
    hard = tmp_path / f"hard{suffix}"
    os.link(asked, hard)
    return [symbolic, hard]


@pytest.mark.parametrize("command, suffix, extra", [
    ("export", ".docx", ("--draft",)),
    ("export-answers", ".json", ()),
    ("export-answers", ".csv", ()),
    ("export-pack", ".docx", ("--as", "Leeds")),
])
def test_an_output_that_is_the_project_is_refused_even_with_force(cli, asked, tmp_path, command, suffix, extra):
    before = asked.read_bytes()
    targets = _links(asked, tmp_path, suffix)
    if command == "export-answers":
        targets.append(asked)  # by its own name, with --format
        extra = ("--format", suffix[1:])
    for target in targets:
        result = cli(command, asked, "-o", target, "--force", *extra)
        assert result.code != 0, (target, result.out)
        assert "the project file itself" in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert asked.read_bytes() == before
    assert load(asked).project.questions
