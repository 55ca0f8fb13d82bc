"""Project files as each released format wrote them (tests/data/formats, frozen: never made again) keep
opening, verifying and round-tripping byte for byte, as novelWriter keeps its old project files."""

from __future__ import annotations

from pathlib import Path

import pytest

from wyassembler.core.answers import unknown_answers
from wyassembler.core.content import ListItem, Paragraph, Table
from wyassembler.core.history import history_problems
from wyassembler.core.integrity import soundness_problems
from wyassembler.core.signoff import readiness
from wyassembler.projectfile.codec import FORMAT_VERSION, from_bytes, to_bytes
from wyassembler.projectfile.storage import load, save_shared

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
VERSIONS = sorted((path.stem.removeprefix("format-") for path in FORMATS.glob("format-*.wyproj")),
                  key=lambda version: tuple(int(part) for part in version.split(".")))


def _data(version: str) -> bytes:
    return (FORMATS / f"format-{version}.wyproj").read_bytes()


def test_every_format_up_to_this_one_has_a_frozen_file():
    major, minor = (int(part) for part in FORMAT_VERSION.split("."))
    assert [f"{major}.{n}" for n in range(minor + 1)] == VERSIONS, \
        "a new format version needs its frozen file: scripts/make_format_fixtures.py VERSION"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_frozen_file_opens_verifies_and_is_written_back_byte_for_byte(version):
    data = _data(version)
    assert f' format="{version}" '.encode() in data
    project = from_bytes(data)
    assert not soundness_problems(project) and not history_problems(project)
    assert to_bytes(project) == data


@pytest.mark.parametrize("version", VERSIONS)
def test_a_frozen_file_takes_an_edit_and_a_shared_save(version, tmp_path):
    path = tmp_path / "old.wyproj"
    path.write_bytes(_data(version))
    loaded = load(path)
    loaded.project.subtitle = "Changed by this version"
    save_shared(loaded.project, path, loaded.data, loaded.structure)
    again = load(path).project
    assert again.subtitle == "Changed by this version"
    assert [s.blocks for s in again.all_sections()] == [s.blocks for s in from_bytes(_data(version)).all_sections()]


def test_what_each_format_added_is_read_from_its_file():
    v11 = from_bytes(_data("1.1"))
    assert any(section.resolutions for section in v11.all_sections())
    assert any(tomb.known_revisions for tomb in v11.tombstones)
    v12 = from_bytes(_data("1.2"))
    assert v12.restores and all(d.sequence for d in v12.endorsements)
    assert readiness(v12) is not None
    v13 = from_bytes(_data("1.3"))
    assert v13.list_formats == ("decimal", "upperLetter", "lowerRoman")
    blocks = v13.find_section("2").blocks
    assert blocks[0] == Paragraph(blocks[0].spans)
    assert "\n" in blocks[0].spans[0].text and "\t" in blocks[0].spans[0].text
    assert [b.start for b in blocks if isinstance(b, ListItem)] == [None, None, None, 5]
    assert any(isinstance(b, Table) and not b.has_header for b in blocks)
    v14 = from_bytes(_data("1.4"))
    assert [len(entry.parents) for entry in v14.history] == [0, 1, 1, 2] and v14.history[-1].kind == "merge"
    v15 = from_bytes(_data("1.5"))
    assert [q.number for q in v15.questions] == ["1", "2", "3a", "3b", "4"]
    assert [(q.limit.kind, q.limit.value, q.limit.spaces) for q in v15.questions if q.limit] == [
        ("words", 250, True), ("characters", 1500, True), ("characters", 500, False)]
    assert v15.questions[0].choice == "Yes" and v15.questions[4].no_comment_reason == "Outside the partnership's remit"
    assert v15.find_section("2").answers == [v15.questions[1].id, v15.questions[2].id]
    assert [number for number, _ in unknown_answers(v15)] == ["3"]  # a withdrawn question's id, kept
