"""Issue 18's README examples typed as written by a new user: what each prints must be true."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def sample(cli, tmp_path):
    project = tmp_path / "response.wyproj"
    assert cli("sample", project, "--force").code == 0
    return project


def test_verify_docx_calls_an_unsigned_decline_a_decline(cli, sample, tmp_path):
    """The README's own decline example on the (unsigned) sample: verify-docx listed it as 'the endorsement by'."""
    declined = cli("sign-off", sample, "--decline", "--note", "Why", "--named", "--as", "Leeds", "--by", "L. Brown")
    assert declined.code == 0
    output = tmp_path / "response.docx"
    assert cli("export", sample, "-o", output, "--draft").code == 0
    lines = cli("verify-docx", output).out.splitlines()
    leeds = [line for line in lines if "(Leeds)" in line and line.startswith("the response:")]
    assert leeds and all(line.startswith("the response: the decline by L. Brown (Leeds)") for line in leeds), leeds


def test_a_decline_says_the_note_it_recorded(cli, sample):
    """A reservation's text is echoed back; a decline's note was not, so a typo went unseen."""
    result = cli("sign-off", sample, "--decline", "--note", "Costs not agreed", "--as", "Leeds", "--by", "L. Brown")
    assert result.code == 0
    assert result.out.splitlines() == ["Leeds declined to endorse the whole response:", "  Costs not agreed"]


def test_a_decline_echoes_its_note_as_recorded_not_as_typed(cli, sample):
    """Odd bytes typed in a note (a terminal escape) are not sent back to the terminal."""
    result = cli("sign-off", sample, "--decline", "--note", "No\x1b[31m way", "--as", "Leeds", "--by", "L. Brown")
    assert result.code == 0
    assert "\x1b" not in result.out
    recorded = [o for o in json.loads(cli("status", sample, "--json").out)["organisations"]
                if o["short_name"] == "Leeds"][0]["decline_note"]
    assert result.out.splitlines()[1] == f"  {recorded}"
