"""Typed WordprocessingML reading: what the format requires is there or a one-line PackageError says so;
what a document may leave out, or a number that is not one, comes back as None."""

import pytest
from docx.oxml.ns import qn
from lxml import etree

from wyassembler.word.package import PackageError
from wyassembler.word.xml_values import attr, first_child, int_value, parent

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECTION = etree.fromstring(f'<w:sectPr xmlns:w="{W}"><w:pgSz w:w="11906" w:h="A4"/></w:sectPr>')
SIZE = SECTION[0]


def test_present_values_come_back_typed():
    assert attr(SIZE, qn("w:w")) == "11906"
    assert first_child(SECTION, qn("w:pgSz")) is SIZE
    assert parent(SIZE) is SECTION
    assert int_value(SIZE, qn("w:w")) == 11906


@pytest.mark.parametrize(("element", "name"), [(SIZE, "w:h"), (SIZE, "w:orient"), (None, "w:w")])
def test_an_optional_number_that_is_absent_or_not_a_number_is_none(element, name):
    assert int_value(element, qn(name)) is None


@pytest.mark.parametrize(("read", "message"), [
    (lambda: attr(SIZE, qn("w:orient")), "a <pgSz> has no orient"),
    (lambda: first_child(SECTION, qn("w:pgMar")), "a <sectPr> has no <pgMar>"),
    (lambda: parent(SECTION), "a <sectPr> stands outside any element"),
])
def test_what_the_format_requires_is_named_when_missing(read, message):
    with pytest.raises(PackageError, match="^the document is damaged: ") as raised:
        read()
    assert str(raised.value).endswith(message)
