"""``wyassembler diff``: the previous revision, since an organisation's approval, between two named revisions,
as JSON, and one-line errors for a section, organisation or revision that is not there."""

from __future__ import annotations

import dataclasses
import json

import pytest

from wyassembler.cli.commands import CommandError
from wyassembler.cli.diff_commands import _approved_revision
from wyassembler.projectfile import storage

CALDERDALE = ("--as", "calderdale", "--by", "J. Smith")


@pytest.fixture
def edited(cli, sample, tmp_path):
    """The sample with section 3 (approved by Calderdale at revision 2) edited to revision 3, then 4."""
    shown = cli("show", sample, "3").out
    for number, (old, new) in enumerate([("welcomes this section", "welcomes warmly this section"),
                                         ("following challenges", "following hard challenges")]):
        shown = shown.replace(old, new, 1)
        source = tmp_path / f"edit{number}.md"
        source.write_text(shown, encoding="utf-8")
        assert cli("edit-section", sample, "3", "--from", source, *CALDERDALE).code == 0
    return sample


def test_default_is_the_previous_revision_against_the_current(cli, edited):
    result = cli("diff", edited, "3")
    assert result.code == 0, result.err
    assert "revision 3 \u2192 4" in result.out
    assert "following {+hard +}challenges" in result.out
    assert "warmly" in result.out and "{+warmly" not in result.out  # an older edit is not this diff's


def test_since_signoff_shows_everything_since_the_approval_and_who_gave_it(cli, edited):
    result = cli("diff", edited, "3", "--since-signoff", "Calderdale")
    assert result.code == 0, result.err
    assert result.out.startswith("Calderdale approved revision 2 on 2006-01-16 12:00 UTC (J. Smith).\n")
    assert "welcomes {+warmly +}this section" in result.out
    assert "following {+hard +}challenges" in result.out


def test_from_and_to_take_numbers_or_ids(cli, edited):
    by_number = cli("diff", edited, "3", "--from", "2", "--to", "3")
    assert by_number.code == 0 and "revision 2 \u2192 3" in by_number.out
    assert "{+warmly +}" in by_number.out and "{+hard" not in by_number.out
    ids = json.loads(cli("diff", edited, "3", "--from", "2", "--to", "3", "--json").out)
    by_id = cli("diff", edited, "3", "--from", ids["from"]["revision"], "--to", ids["to"]["revision"])
    assert by_id.out == by_number.out
    assert cli("diff", edited, "3", "--from", "4", "--to", "4").out.endswith("No changes.\n")


def test_json_shape(cli, edited):
    data = json.loads(cli("diff", edited, "3", "--since-signoff", "calderdale", "--json").out)
    assert set(data) == {"section", "section_id", "from", "to", "approval", "changed", "heading", "blocks"}
    assert data["section"] == "3" and data["changed"] is True
    assert data["from"]["number"] == 2 and data["to"]["number"] == 4
    assert data["approval"].startswith("Calderdale approved revision 2")
    assert data["heading"]["kind"] == "same"
    changed = [block for block in data["blocks"] if block["kind"] == "changed"]
    assert [block["label"] for block in changed] == ["paragraph 1"]
    assert {"kind": "added", "text": "warmly "} in changed[0]["runs"]


@pytest.mark.parametrize("args, expected, code", [
    (["9"], "no section '9'", 1),
    (["3", "--since-signoff", "nobody"], "nobody", 1),
    (["3", "--since-signoff", "kirklees"], "Kirklees has never approved section 3", 1),
    (["3", "--from", "7"], "has no revision '7' (give a revision id or a number from 1 to 4)", 1),
    (["3", "--to", "rev-nope"], "has no revision 'rev-nope'", 1),
    (["3", "--from", "1", "--since-signoff", "calderdale"], "not both", 2),
])
def test_bad_input_is_one_line(cli, edited, args, expected, code):
    result = cli("diff", edited, *args)
    assert result.code == code
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wyassembler: error:") and expected in lines[0]
    assert result.out == ""


def test_an_approved_text_no_longer_in_the_history_is_reported(edited):
    project = storage.load(edited).project
    section = project.find_section("3")
    section.signoffs[:] = [dataclasses.replace(s, hash="0" * 64) for s in section.signoffs]
    with pytest.raises(CommandError, match="no longer in the history of section 3"):
        _approved_revision(project, section, "calderdale")
