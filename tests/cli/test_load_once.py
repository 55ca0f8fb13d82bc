"""The command line reads a file once: a save over the file it just loaded, and a merge into the file
it just loaded, do not parse that file again (issue 16: load once where a file was just read)."""

from __future__ import annotations

import shutil

import pytest

from wyassembler.projectfile import codec


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """Every project file's bytes parsed as XML from now on, by length."""
    counted: list[int] = []
    real = codec.parse_bytes

    def counting(data, *args, **kwargs):
        counted.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(codec, "parse_bytes", counting)
    return counted


def _words(tmp_path, text: str):
    path = tmp_path / "words.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_edit_parses_the_file_once_and_still_saves_over_it(cli, sample, tmp_path, parses):
    result = cli("edit-section", sample, "2", "--from", _words(tmp_path, "Edited once."),
                 "--as", "joint-services", "--by", "H. Dawson")
    assert result.code == 0, result.err
    assert len(parses) == 1
    assert cli("show", sample, "2").out.endswith("Edited once.\n")
    assert cli("verify", sample).code == 0


def test_a_hand_edit_is_still_named_when_the_file_is_not_parsed_again(cli, sample, tmp_path, parses):
    data = sample.read_bytes()
    sample.write_bytes(data.replace(b"Moving to a Shared Services Culture", b"Moving to a Shared Culture", 1))
    result = cli("edit-section", sample, "2", "--from", _words(tmp_path, "Edited after a hand edit."),
                 "--as", "joint-services", "--by", "H. Dawson")
    assert result.code == 0, result.err
    assert len(parses) == 1
    verified = cli("verify", sample)
    assert verified.code != 0 and "over a change made outside wyassembler" in verified.out


def test_a_merge_parses_each_file_once(cli, sample, tmp_path, parses):
    laptop = tmp_path / "laptop.wyproj"
    shutil.copy(sample, laptop)
    assert cli("edit-section", laptop, "5", "--from", _words(tmp_path, "Laptop edits section five."),
               "--as", "leeds", "--by", "M. Walsh").code == 0
    parses.clear()
    result = cli("merge", sample, laptop)
    assert result.code == 0, result.err
    assert len(parses) == 2, parses
    assert cli("show", sample, "5").out.endswith("Laptop edits section five.\n")
