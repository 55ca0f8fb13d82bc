"""A hand-edited project file refused by the schema: the message names the element that is wrong, on its line."""

from __future__ import annotations

import re

import pytest

from tests.factories import T0
from wyassembler.core.lists import DEFAULT_LEVEL_FORMATS
from wyassembler.core.presets import new_project
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.projectfile.errors import ProjectFileError


def _saved() -> bytes:
    project = new_project("Numbered", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.list_formats = ("upperLetter", *DEFAULT_LEVEL_FORMATS[1:])
    return to_bytes(project)


@pytest.mark.parametrize(("original", "edited", "named"), [
    (b'levels="upperLetter lowerLetter lowerRoman"', b'levels="decimal"', "<list-numbering>"),
    (b'<endorsers all="true"/>', b'<endorsers all="maybe"/>', "<endorsers>"),
    (b'<endorsers all="true"/>', b'<endorsers all="true"/><bogus/>', "<bogus>"),
    (b"<title>Numbered</title>", b"<title>Numbered<b/></title>", "<b>"),
], ids=["list-numbering levels", "endorsers value", "unknown element", "element inside text"])
def test_the_schema_error_names_the_element_at_fault_on_its_own_line(original, edited, named):
    data = _saved()
    assert original in data
    changed = data.replace(original, edited, 1)
    line = changed[:changed.index(edited)].count(b"\n") + 1
    with pytest.raises(ProjectFileError) as refused:
        from_bytes(changed)
    message = str(refused.value)
    assert named in message, message
    assert f"line {line}:" in message, message
    assert "\n" not in message
    # every element name is bracketed whole: no stray '>' or '<' from rewording libxml2's text
    assert message.count("<") == message.count(">") == len(re.findall(r"<[a-z-]+>", message)), message
