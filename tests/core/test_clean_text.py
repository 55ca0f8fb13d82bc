"""One rule for every string that comes in (core.text.clean_text): whatever is typed, pasted or passed on a
command line, the project can be saved and read back."""

from __future__ import annotations

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.content import Paragraph, Span, check_href
from wyassembler.core.errors import ContentError
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.partners import add_organisation, set_properties
from wyassembler.core.presets import new_project
from wyassembler.core.signoff import endorse_response, sign_off_section
from wyassembler.core.text import clean_text, has_illegal_characters
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.settings import Identity, load_identity, save_identity

# Every character XML 1.0 forbids, a lone surrogate (an undecodable byte on a command line) and the
# line breaks a one-line field turns into a space.
HOSTILE = "A\x00\x01\x08\x0e\x1f\ufffe\uffff\udcffB\x0bC\x0cD\tE\r\nF\u2028G\x85H"
CLEANED_ONE_LINE = "A\ufffdB C D E F G H"
# In a paragraph, every kind of line break is a hard line break (a line feed) and a tab is kept.
CLEANED_CONTENT = "A\ufffdB\nC\nD\tE\nF\nG\nH"


def _reopened(project):
    """The project after a save and a read: the test that every cleaned value can be written."""
    return from_bytes(to_bytes(project))


def test_forbidden_characters_go_and_line_breaks_become_one_space_in_one_line_fields():
    assert clean_text(HOSTILE) == CLEANED_ONE_LINE
    assert clean_text("  padded\t") == "padded"
    assert clean_text("a\n\x01\nb") == "a b"  # a removed character joins no two breaks into two spaces


def test_a_multiline_field_keeps_its_lines_and_tabs_with_one_kind_of_line_ending():
    assert clean_text("first\r\nsecond\rthird\x0bfourth\u2029\tfifth\x01 ", multiline=True) == \
        "first\nsecond\nthird\nfourth\n\tfifth"


def test_inline_text_keeps_the_spaces_that_join_it_to_its_neighbours():
    assert clean_text(" a\x01 b\n", strip=False) == " a b "


def test_text_is_composed_as_nfc():
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


@pytest.mark.parametrize("multiline", [False, True])
def test_no_character_survives_that_xml_cannot_carry(multiline):
    everything = "".join(chr(code) for code in range(0x10000))  # more than a field may hold: as inline text
    assert not has_illegal_characters(clean_text(everything, multiline=multiline, strip=False))


@pytest.mark.parametrize("name", ["title", "subtitle", "partnership", "responds_to", "closing_line_template"])
def test_each_project_property_is_cleaned(project, name):
    set_properties(project, COORDINATOR, **{name: HOSTILE})
    assert getattr(project, name) == CLEANED_ONE_LINE
    assert getattr(_reopened(project), name) == CLEANED_ONE_LINE


def test_a_title_of_nothing_but_control_characters_is_refused(project):
    with pytest.raises(ContentError, match="needs a title"):
        set_properties(project, COORDINATOR, title="\x01\x0b\t")
    assert project.title == "A response"


def test_a_new_projects_title_subtitle_partnership_and_first_author_are_cleaned():
    project = new_project(HOSTILE, HOSTILE, HOSTILE, preset="west-yorkshire", person=HOSTILE, now=T0)
    reopened = _reopened(project)
    assert (reopened.title, reopened.subtitle, reopened.partnership) == (CLEANED_ONE_LINE,) * 3
    assert reopened.sections[0].current.person == CLEANED_ONE_LINE


@pytest.mark.parametrize("field", ["name", "short_name", "lead_name", "lead_email"])
def test_each_field_of_a_new_organisation_is_cleaned(project, field):
    fields = {"name": "Yorkshire Ambulance Service", "short_name": "YAS", field: HOSTILE}
    org = add_organisation(project, COORDINATOR, org_id="yas", **fields)
    assert getattr(org, field) == CLEANED_ONE_LINE
    assert getattr(_reopened(project).organisation("yas"), field) == CLEANED_ONE_LINE


def test_an_organisation_name_of_only_control_characters_is_refused(project):
    with pytest.raises(ContentError, match="needs a name"):
        add_organisation(project, COORDINATOR, "\x01\x02")


def test_a_persons_name_and_role_are_cleaned_wherever_they_are_recorded(project):
    actor = Actor("calderdale", HOSTILE, HOSTILE)
    assert (actor.person, actor.role) == (CLEANED_ONE_LINE, CLEANED_ONE_LINE)
    section = add_section(project, Actor("joint-services", HOSTILE), HOSTILE, "calderdale",
                          (Paragraph((Span(HOSTILE),)),), now=T0)
    sign_off_section(project, actor, section, now=T0)
    reopened = _reopened(project).section(section.id)
    assert reopened.heading == CLEANED_ONE_LINE
    assert reopened.blocks == (Paragraph((Span(CLEANED_CONTENT),)),)
    assert reopened.current.person == CLEANED_ONE_LINE
    assert (reopened.signoffs[0].person, reopened.signoffs[0].role) == (CLEANED_ONE_LINE, CLEANED_ONE_LINE)


def test_notes_keep_their_lines_and_lose_what_xml_cannot_carry(project):
    note = "Cite the standard\x01.\r\nAnd the date\x0b\tplease."
    sign_off_section(project, KIRKLEES, project.find_section("3"), "changes-requested", note, now=T0)
    endorse_response(project, CALDERDALE, "changes-requested", note, now=T0)
    reopened = _reopened(project)
    expected = "Cite the standard.\nAnd the date\n\tplease."
    assert reopened.find_section("3").signoffs[-1].note == expected
    assert reopened.endorsements[-1].note == expected


def test_a_note_of_only_control_characters_is_no_note(project):
    with pytest.raises(ContentError, match="needs a note"):
        sign_off_section(project, KIRKLEES, project.find_section("3"), "changes-requested", "\x01\r\n", now=T0)


def test_a_link_target_with_control_characters_is_refused():
    with pytest.raises(ContentError, match="control characters"):
        check_href("https://example.org/\x01")


def test_the_identity_is_cleaned_as_given_and_as_read_back():
    identity = Identity(HOSTILE, "Kirk\x01lees\n", "partner\x0blead")
    assert (identity.name, identity.organisation, identity.role) == (CLEANED_ONE_LINE, "Kirklees", "partner lead")
    save_identity(identity)
    assert load_identity() == identity


def test_a_saved_identity_whose_name_is_only_control_characters_is_no_identity(user_folders):
    folder = user_folders / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "identity.json").write_text('{"name": "\\u0001\\t", "organisation": "Kirklees"}', encoding="utf-8")
    assert load_identity() is None
