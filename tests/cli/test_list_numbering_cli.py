"""`wyassembler set --list-numbering`: the project's list numbering from the command line."""

from __future__ import annotations

import pytest

from wyassembler.projectfile.storage import load

AS_COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


@pytest.mark.parametrize("spelling", ["A. 1. I.", "A,1,I", "upperLetter DECIMAL upperroman"])
def test_the_coordinator_sets_the_numbering_in_labels_or_words_names(cli, sample, spelling):
    result = cli("set", sample, "--list-numbering", spelling, *AS_COORDINATOR)
    assert result.code == 0, result.err
    assert "Numbering:    A. 1. I." in result.out
    assert load(sample).project.list_formats == ("upperLetter", "decimal", "upperRoman")
    assert b'<list-numbering levels="upperLetter decimal upperRoman"/>' in sample.read_bytes()


def test_default_puts_the_usual_numbering_back_and_the_file_no_longer_names_it(cli, sample):
    assert cli("set", sample, "--list-numbering", "i. i. i.", *AS_COORDINATOR).code == 0
    assert cli("set", sample, "--list-numbering", "default", *AS_COORDINATOR).code == 0
    assert load(sample).project.list_formats == ("decimal", "lowerLetter", "lowerRoman")
    assert b"list-numbering" not in sample.read_bytes()
    assert "Numbering:    1. a. i." in cli("set", sample).out


@pytest.mark.parametrize("args, expected", [
    (("--list-numbering", "1. a. x.", *AS_COORDINATOR),
     "list numbering 'x.' is not one of 1. a. A. i. I. (or decimal, lowerLetter, upperLetter, lowerRoman, "
     "upperRoman); give one per level, e.g. \"1. a. i.\""),
    (("--list-numbering", "1. a.", *AS_COORDINATOR), "list numbering needs a format for each of the 3 levels, not 2"),
    (("--list-numbering", "1. a. i.", "--as", "calderdale", "--by", "J. Smith"), "only the coordinating organisation"),
])
def test_bad_numbering_is_one_line_and_leaves_the_file_alone(cli, sample, args, expected):
    before = sample.read_bytes()
    result = cli("set", sample, *args)
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    assert expected in lines[0]
    assert sample.read_bytes() == before
