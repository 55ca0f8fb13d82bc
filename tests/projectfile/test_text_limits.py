"""The reader accepts everything the writer writes, at the input limits: each kind of value stored at its
largest, in the characters that grow most when escaped, is saved and opens again unchanged."""

from __future__ import annotations

from lxml import etree

from tests.factories import COORDINATOR, T0
from wyassembler.core.content import MAX_HREF_CHARS, Paragraph, Span, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.partners import add_organisation, set_properties
from wyassembler.core.authority import record_authority
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.partner_records import MAX_NOTE_CHARACTERS
from wyassembler.core.signoff import endorse_response, reservation, sign_off_section
from wyassembler.core.text import MAX_FIELD_BYTES, MAX_TEXT_BYTES
from wyassembler.projectfile.codec import from_bytes, to_bytes

# In element text '&' and '<' are escaped (5 and 4 bytes); in an attribute '"' takes 6 and a line
# feed would take 5 (one-line fields have none). Four-byte characters test that limits count bytes.
ESCAPED_MOST = '"&<>'
FOUR_BYTES = "\U0001f600"


def _fill(pattern: str, size: int) -> str:
    """Text of exactly ``size`` UTF-8 bytes made of ``pattern`` repeated (ASCII padding at the end)."""
    unit = len(pattern.encode("utf-8"))
    text = pattern * (size // unit)
    return text + "a" * (size - len(text.encode("utf-8")))


def test_a_paragraph_at_the_limit_opens_again_in_the_characters_that_escape_most(project):
    section = project.find_section("2")
    largest = _fill(ESCAPED_MOST, MAX_TEXT_BYTES)
    edit_section(project, COORDINATOR, section, blocks=(Paragraph(plain(largest)),), now=T0)
    assert from_bytes(to_bytes(project)).find_section("2").blocks == (Paragraph(plain(largest)),)


def test_a_table_cell_of_four_byte_characters_at_the_limit_opens_again(project):
    section = project.find_section("2")
    largest = _fill(FOUR_BYTES, MAX_TEXT_BYTES)
    blocks = (Table((plain("Header"),), ((plain(largest),),)),)
    edit_section(project, COORDINATOR, section, blocks=blocks, now=T0)
    assert from_bytes(to_bytes(project)).find_section("2").blocks == blocks


def test_every_field_at_its_limit_opens_again(project):
    field = _fill(ESCAPED_MOST, MAX_FIELD_BYTES)
    set_properties(project, COORDINATOR, title=field, subtitle=field, partnership=field, responds_to=field,
                   closing_line_template=field)
    add_organisation(project, COORDINATOR, field, field, "wide", field, field)
    actor = Actor("kirklees", field, field)
    section = project.find_section("3")
    target = _fill("https://example.org/?a=1&b=2", MAX_HREF_CHARS)
    edit_section(project, actor, section, heading=field,
                 blocks=(Paragraph((Span("a link", href=target),)),), now=T0)
    note = '&<\n"' * (MAX_NOTE_CHARACTERS // 4)  # notes are counted in characters (format 1.6)
    sign_off_section(project, actor, section, "changes-requested", note, now=T0)
    data = to_bytes(project)
    reopened = from_bytes(data)
    assert (reopened.title, reopened.closing_line_template) == (field, field)
    org = reopened.organisation("wide")
    assert (org.name, org.short_name, org.lead_name, org.lead_email) == (field,) * 4
    section = reopened.find_section("3")
    assert (section.heading, section.current.person) == (field, field)
    assert section.blocks[0].spans[0].href == target
    assert section.signoffs[-1].note == note


def test_each_format_1_6_text_at_its_limit_opens_again(project):
    """A reservation, an authority's reference and a mark's reason of MAX_NOTE_CHARACTERS characters,
    four-byte and escaped ones, are within what the schema allows."""
    kirklees = Actor("kirklees", "S. Patel", "partner lead")
    longest = (FOUR_BYTES + '&<\n"') * (MAX_NOTE_CHARACTERS // 5)
    one_line = ESCAPED_MOST * (MAX_NOTE_CHARACTERS // 4)
    endorse_response(project, kirklees, now=T0, reservations=[reservation(project, longest, "3")])
    record_authority(project, kirklees, "committee", one_line, now=T0)
    mark_section(project, kirklees, project.find_section("3"), True, longest, now=T0)
    reopened = from_bytes(to_bytes(project))
    assert reopened.endorsements[-1].reservations[0].text == longest
    assert reopened.authorities[0].reference == one_line
    assert reopened.find_section("3").marks[0].reason == longest


def test_the_reader_refuses_one_byte_over_the_text_limit_so_the_limit_is_the_readers():
    """If lxml's limit ever changed, this would say the input limit no longer matches it."""
    over = b"<p>" + b"a" * (MAX_TEXT_BYTES + 1) + b"</p>"
    at = b"<p>" + b"a" * MAX_TEXT_BYTES + b"</p>"
    parser = etree.XMLParser(huge_tree=False)
    assert etree.fromstring(at, parser).text == "a" * MAX_TEXT_BYTES
    try:
        etree.fromstring(over, parser)
    except etree.XMLSyntaxError as error:
        assert "too long" in str(error).lower() or "limit" in str(error).lower()
    else:
        raise AssertionError("lxml now reads text nodes over 10,000,000 bytes: raise MAX_TEXT_BYTES to match")
