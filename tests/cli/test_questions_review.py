"""The question commands on input their tests did not try: options that are only separators, the same
question twice, a re-import that removes an answered question."""

from __future__ import annotations

import pytest

from wyassembler.projectfile.storage import load

AS_COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


@pytest.fixture
def asked(cli, tmp_path):
    path = tmp_path / "response.wyproj"
    assert cli("sample", "--questions", path).code == 0
    return path


def _question(path, number):
    return next(q for q in load(path).project.questions if q.number == number)


@pytest.mark.parametrize("options, expected", [
    ("A / / B", ("A", "B")),
    ("Yes /  / No", ("Yes", "No")),
    ("Yes/No", ("Yes", "No")),
])
def test_options_never_include_a_separator(cli, asked, options, expected):
    result = cli("questions", "set", asked, "1", "--options", options, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert _question(asked, "1").options == expected


def test_options_that_are_only_separators_are_refused(cli, asked):
    before = asked.read_bytes()
    result = cli("questions", "set", asked, "1", "--options", " / / ", *AS_COORDINATOR)
    assert result.code != 0
    assert "no options" in result.err and len(result.err.strip().splitlines()) == 1
    assert asked.read_bytes() == before
