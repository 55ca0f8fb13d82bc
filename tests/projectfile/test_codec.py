"""The .wyproj file: byte-stable round trips, schema validation, and hostile files refused cleanly."""

from __future__ import annotations

import os
import time

import pytest
from lxml import etree

from tests.factories import CALDERDALE, KIRKLEES, T0
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.signoff import endorse_response, section_state, sign_off_section
from wyassembler.projectfile.codec import ProjectFileError, from_bytes, schema, to_bytes
from wyassembler.projectfile.storage import load, save_project

RICH = (
    Paragraph((Span("Plain £1.3million "), Span("bold", bold=True), Span(" "), Span("both", bold=True, italic=True),
               Span(" \u2018curly\u2019 "), Span("a link", href="https://www.gov.uk/x?a=1&b=2"),
               Span(" "), Span("bold link", bold=True, href="mailto:someone@example.org"))),
    ListItem(plain("first"), "number", 1),
    ListItem((Span("second "), Span("emphasis", italic=True)), "bullet", 3),
    Table((plain("Body"), plain("Role")), ((plain("Leeds"), (Span("Lead", bold=True),)), (plain("Kirklees"), ()))),
    MemberList(),
    Paragraph(plain("Spaces   inside  stay, <angle> & ampersand")),
)


def _rich_project(project):
    section = project.find_section("2")
    edit_section(project, CALDERDALE, section, blocks=RICH, now=T0)
    sign_off_section(project, CALDERDALE, section, now=T0)
    sign_off_section(project, KIRKLEES, project.find_section("3"), "changes-requested", "Say more & cite", now=T0)
    endorse_response(project, KIRKLEES, now=T0)
    project.closing_line_template = "Sent for the {partnership}"
    return project


def test_save_load_save_is_byte_identical(project, tmp_path):
    _rich_project(project)
    first = save_project(project, tmp_path / "a.wyproj")
    loaded = load(tmp_path / "a.wyproj")
    assert loaded.report.problems == []
    second = save_project(loaded.project, tmp_path / "b.wyproj")
    assert first == second


def test_content_and_signoffs_survive_the_round_trip(project):
    _rich_project(project)
    again = from_bytes(to_bytes(project))
    section = again.find_section("2")
    assert section.blocks == RICH
    assert [r.id for r in section.revisions] == [r.id for r in project.find_section("2").revisions]
    assert section_state(section, "calderdale") == "approved"
    assert again.find_section("3").signoffs[0].note == "Say more & cite"
    assert again.closing_line == "Sent for the West Yorkshire Heads of ICT"
    assert [o.name for o in again.organisations] == [o.name for o in project.organisations]


def test_output_validates_against_the_shipped_schema_and_is_readable(project):
    data = to_bytes(_rich_project(project))
    assert schema().validate(etree.fromstring(data))
    text = data.decode("utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<project ")
    assert "\n    <section " in text  # one element per line: diffs stay readable


def test_hand_edited_content_is_reported_and_makes_approval_stale(project):
    _rich_project(project)
    data = to_bytes(project).replace(b"Spaces   inside", b"Spaces changed")
    from wyassembler.projectfile.codec import LoadReport

    report = LoadReport()
    again = from_bytes(data, report)
    assert len(report.problems) == 1 and "changed outside wyassembler" in report.problems[0]
    assert section_state(again.find_section("2"), "calderdale") == "stale"


BAD_FILES = {
    "empty": (b"", "empty"),
    "whitespace": (b"   \n", "empty"),
    "random bytes": (os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00", "not"),
    "utf-16": ("<project/>".encode("utf-16"), "not UTF-8"),
    "wrong root": (b"<?xml version='1.0'?><html><body/></html>", "not a wyassembler project"),
    "right name, wrong namespace": (b"<project format='1.0'/>", "not a wyassembler project"),
    "newer major version": (b"<project xmlns='urn:wyassembler:project' format='2.0'/>", "newer wyassembler"),
    "bad version": (b"<project xmlns='urn:wyassembler:project' format='abc'/>", "not a version number"),
    "billion laughs": (b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<project xmlns='urn:wyassembler:project' format='1.0'><title>&lol9;</title></project>""", "DTD"),
    "external entity": (b"""<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<project xmlns='urn:wyassembler:project' format='1.0'>&xxe;</project>""", "DTD"),
    "schema violation": (b"<project xmlns='urn:wyassembler:project' format='1.0' id='x' "
                         b"created='2020-01-01T00:00:00Z'>\n<properties/></project>", "line 2"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_hostile_and_broken_files_are_refused_in_one_line(name):
    data, expected = BAD_FILES[name]
    started = time.monotonic()
    with pytest.raises(ProjectFileError) as refused:
        from_bytes(data)
    assert time.monotonic() - started < 2
    message = str(refused.value)
    assert expected in message
    assert "\n" not in message


def test_truncated_file_names_the_line(project):
    data = to_bytes(_rich_project(project))
    with pytest.raises(ProjectFileError, match=r"XML error at line \d+"):
        from_bytes(data[: len(data) // 2])


def test_dangling_reference_is_refused(project):
    data = to_bytes(project).replace(b'owner="kirklees"', b'owner="sheffield"')
    with pytest.raises(ProjectFileError, match="'sheffield', which is not in the project"):
        from_bytes(data)


def test_impossible_date_is_refused_cleanly(project):
    data = to_bytes(project).replace(b'created="2026-01-05T09:00:00Z"', b'created="2026-13-45T09:00:00Z"', 1)
    with pytest.raises(ProjectFileError, match=r"<project> has created=\"2026-13-45T09:00:00Z\", which is not a time"):
        from_bytes(data)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    from wyassembler.projectfile import storage

    big = tmp_path / "big.wyproj"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 1024)
    with pytest.raises(ProjectFileError, match="over the"):
        storage.read_limited(big, limit=1024)


def test_a_file_written_a_section_at_a_time_is_the_bytes_lxml_writes_at_once():
    from lxml import etree

    from benchmarks.synthetic import build
    from wyassembler.projectfile.codec import from_bytes, to_bytes, to_element
    from wyassembler.resource_files import SAMPLE, resource_bytes

    for project in (from_bytes(resource_bytes(*SAMPLE)), build(40)):
        at_once = etree.tostring(to_element(project), xml_declaration=True, encoding="UTF-8") + b"\n"
        assert to_bytes(project) == at_once
