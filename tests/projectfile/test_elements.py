"""Typed element access: a missing attribute or child is a one-line ProjectFileError naming where."""

import pytest
from lxml import etree

from wyassembler.projectfile.elements import attr, first_child, int_attr, parent
from wyassembler.projectfile.errors import ProjectFileError

ROOT = etree.fromstring(b'<project xmlns="urn:x" id="p1">\n  <li level="two"/>\n</project>')
LI = ROOT[0]


def test_present_values_come_back_typed():
    assert attr(ROOT, "id") == "p1"
    assert first_child(ROOT, "{urn:x}li") is LI
    assert parent(LI) is ROOT


@pytest.mark.parametrize(("read", "message"), [
    (lambda: attr(LI, "kind"), "line 2: <li> has no kind attribute"),
    (lambda: int_attr(LI, "level"), 'line 2: <li> has level="two", not a whole number'),
    (lambda: first_child(ROOT, "{urn:x}outline"), "line 1: <project> has no <outline>"),
    (lambda: parent(ROOT), "line 1: <project> is the root"),
])
def test_what_is_missing_is_named_with_its_line(read, message):
    with pytest.raises(ProjectFileError, match="^not a valid project file: ") as raised:
        read()
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
