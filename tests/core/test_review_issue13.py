"""Issue 13 review: a project file hand-edited with format 1.3's new parts gets an error that names them."""

from __future__ import annotations

import pytest

from wyassembler.core.lists import DEFAULT_LEVEL_FORMATS
from wyassembler.core.presets import new_project
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.projectfile.errors import ProjectFileError
from tests.factories import T0


def test_a_list_numbering_with_one_level_is_refused_naming_the_list_numbering():
    # '<list-numbering levels="decimal"/>' (a hand edit giving one level of three) was refused with
    # "line 9: Expecting element endorsers>, got coordinator": the wrong line, an element that is
    # fine, and a stray '>' (codec.validate rewrites libxml2's "Expecting an element" only).
    project = new_project("Numbered", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.list_formats = ("upperLetter", *DEFAULT_LEVEL_FORMATS[1:])
    data = to_bytes(project)
    assert b'<list-numbering levels="upperLetter lowerLetter lowerRoman"/>' in data
    edited = data.replace(b'levels="upperLetter lowerLetter lowerRoman"', b'levels="decimal"')
    with pytest.raises(ProjectFileError) as refused:
        from_bytes(edited)
    message = str(refused.value)
    assert "list-numbering" in message or "list numbering" in message, message
    assert "endorsers>" not in message
