"""Numbers in a .docx that only look like numbers: "²" is a digit (str.isdigit) that int() cannot read,
so a check with isdigit let a ValueError out of the import; such a value is now taken as absent."""

from __future__ import annotations

import re

import docx
import pytest

from tests.word.cxml import element
from wyassembler.core.content import Table
from wyassembler.projectfile.codec import ProjectFileError, from_bytes
from wyassembler.projectfile.foreign import version_key
from wyassembler.resource_files import SAMPLE, resource_bytes
from wyassembler.word.body_reader import BodyReader
from wyassembler.word.import_report import ImportReport

SUPERSCRIPT_TWO = "\u00b2"


def _reader(*styles: str) -> BodyReader:
    document = docx.Document()
    for style in styles:
        document.styles.element.append(element(style))
    return BodyReader(document, ImportReport())


def test_a_grid_span_of_a_superscript_digit_is_one_cell():
    reader = _reader()
    table = f'w:tbl/(w:tr/(w:tc/(w:tcPr/w:gridSpan{{w:val={SUPERSCRIPT_TWO}}},w:p/w:r/w:t"wide")))'
    items = list(reader.items([element(table)]))
    assert isinstance(items[0].block, Table)


@pytest.mark.parametrize("where", ["style", "paragraph"])
def test_an_outline_level_of_a_superscript_digit_is_no_level(where):
    level = f"w:outlineLvl{{w:val={SUPERSCRIPT_TWO}}}"
    if where == "style":
        reader = _reader(f"w:style{{w:type=paragraph,w:styleId=Odd}}/(w:name{{w:val=Odd}},w:pPr/{level})")
        paragraph = 'w:p/(w:pPr/w:pStyle{w:val=Odd},w:r/w:t"text")'
    else:
        reader = _reader()
        paragraph = f'w:p/(w:pPr/{level},w:r/w:t"text")'
    items = list(reader.items([element(paragraph)]))
    assert items


def test_a_project_file_whose_version_is_a_superscript_digit_is_refused_in_one_line():
    data = re.sub(rb'format="[^"]*"', f'format="{SUPERSCRIPT_TWO}.0"'.encode(), resource_bytes(*SAMPLE), count=1)
    with pytest.raises(ProjectFileError, match="not a version number"):
        from_bytes(data)
    assert version_key(f"1.{SUPERSCRIPT_TWO}") == ()
