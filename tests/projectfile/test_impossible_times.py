"""A time or date the schema's pattern lets through but no calendar has (month 13) is refused in one line
naming its element, for every kind of record that has one, not as a bare "month must be in 1..12"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wyassembler.projectfile.codec import from_bytes
from wyassembler.projectfile.errors import ProjectFileError

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
_TIMED = re.compile(r'<([a-z-]+)\b[^>]*?\b(time|created)="(\d{4})-(\d\d)')


def _cases() -> list[tuple[str, str, str]]:
    """(fixture, element, attribute): the first element of each kind with a time, in every frozen format."""
    cases: dict[tuple[str, str], tuple[str, str, str]] = {}
    for path in sorted(FORMATS.glob("format-*.wyproj")):
        for match in _TIMED.finditer(path.read_text("utf-8")):
            cases.setdefault((match.group(1), match.group(2)), (path.name, match.group(1), match.group(2)))
    return sorted(cases.values())


@pytest.mark.parametrize("fixture, element, attribute", _cases())
def test_a_time_no_calendar_has_is_one_line_naming_its_element(fixture, element, attribute):
    text = (FORMATS / fixture).read_text("utf-8")
    match = next(m for m in _TIMED.finditer(text) if m.group(1) == element and m.group(2) == attribute)
    start = match.start(4)
    broken = text[:start] + "13" + text[start + 2:]
    with pytest.raises(ProjectFileError) as raised:
        from_bytes(broken.encode("utf-8"))
    message = str(raised.value)
    assert "\n" not in message
    assert f"<{element}> has {attribute}=" in message and "which is not a time" in message


def test_a_deadline_no_calendar_has_is_one_line():
    text = (FORMATS / "format-1.0.wyproj").read_text("utf-8")
    broken, count = re.subn(r"<deadline>(\d{4})-\d\d-", r"<deadline>\1-13-", text, count=1)
    assert count == 1
    with pytest.raises(ProjectFileError) as raised:  # the schema's date type refuses it
        from_bytes(broken.encode("utf-8"))
    assert "\n" not in str(raised.value) and "line 8" in str(raised.value)


def test_every_kind_of_timed_record_is_tried():
    elements = {element for _, element, _ in _cases()}
    assert {"revision", "signoff", "comment", "entry", "project"} <= elements, elements
