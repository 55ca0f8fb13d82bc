"""What the exported response declares about itself (issue 18): on whose behalf it is made, and which
sections it asks to be kept confidential, word for word."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.factories import COORDINATOR, KIRKLEES, T0
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.declarations import (Line, behalf_statement, behalf_statement_length, confidentiality_statement,
                                           count, joined, member_names, number_in_words, partnership_phrase,
                                           endorsement_tally, reservation_phrase)
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.partner_records import Reservation
from wyassembler.core.signoff import decline_response, endorse_response, reservation

NAMES = ["City of Bradford Metropolitan District Council", "Calderdale Metropolitan Borough Council",
         "Kirklees Metropolitan Council", "Leeds City Council", "Wakefield Metropolitan District Council",
         "Calderdale & Huddersfield Health Informatics Service", "West Yorkshire Police",
         "West Yorkshire Fire & Rescue Service", "West Yorkshire Passenger Transport Executive",
         "West Yorkshire Joint Services"]


def _lead(org_id: str) -> Actor:
    return Actor(org_id, f"Lead of {org_id}", "partner lead")


def _endorse(project, org_ids, **options):
    for org_id in org_ids:
        endorse_response(project, _lead(org_id), now=T0, **options)


def _eight_one_reservation_one_decline(project, named: bool):
    """Everyone but Kirklees (with a reservation on section 3) and Calderdale (declining) endorses."""
    _endorse(project, [org.id for org in project.organisations if org.id not in ("kirklees", "calderdale")])
    endorse_response(project, KIRKLEES, now=T0, reservations=[
        reservation(project, "Professional standards should be set nationally, not by each council.", "3")])
    decline_response(project, _lead("calderdale"), "Our cabinet did not agree.", named=named, now=T0)


def test_ten_endorsements_are_made_on_behalf_of_all_ten_members(project):
    _endorse(project, [org.id for org in project.organisations])
    statement = behalf_statement(project)
    assert statement.lines == (Line("This response is made on behalf of all ten members of the West Yorkshire "
                                    "Heads of ICT partnership."),)
    assert statement.heading == "" and member_names(project) == NAMES


def test_eight_endorse_one_with_a_reservation_and_a_named_decline(project):
    _eight_one_reservation_one_decline(project, named=True)
    endorsers = [name for name in NAMES if name != "Calderdale Metropolitan Borough Council"]
    assert behalf_statement(project).texts() == [
        "This response is made on behalf of 9 of the 10 members of the West Yorkshire Heads of ICT partnership: "
        + ", ".join(endorsers[:-1]) + " and West Yorkshire Joint Services.",
        "Kirklees Metropolitan Council endorses this response with a reservation on section 3 \u201cProfessionalism"
        "\u201d: \u201cProfessional standards should be set nationally, not by each council.\u201d.",
        "Calderdale Metropolitan Borough Council does not endorse this response."]


def test_a_decliner_who_did_not_ask_to_be_named_is_not_named(project):
    _eight_one_reservation_one_decline(project, named=False)
    texts = behalf_statement(project).texts()
    assert len(texts) == 2 and texts[0].startswith("This response is made on behalf of 9 of the 10 members")
    assert not any("Calderdale Metropolitan" in text for text in texts)


def test_when_every_member_declines_no_one_is_represented(project):
    for org in project.organisations:
        decline_response(project, _lead(org.id), named=org.id == "leeds", now=T0)
    assert behalf_statement(project).texts() == ["No member of the partnership endorses this response."]
    assert behalf_statement(project, draft=True).texts() == ["No member of the partnership endorses this response."]


def test_a_draft_says_who_has_not_decided_yet(project):
    _endorse(project, ["bradford", "leeds"])
    decline_response(project, _lead("police"), named=True, now=T0)
    draft = behalf_statement(project, draft=True).texts()
    awaiting = [name for name in NAMES if name not in
                ("City of Bradford Metropolitan District Council", "Leeds City Council", "West Yorkshire Police")]
    assert draft == [
        "This response is made on behalf of 2 of the 10 members of the West Yorkshire Heads of ICT partnership: "
        "City of Bradford Metropolitan District Council and Leeds City Council.",
        "West Yorkshire Police does not endorse this response.",
        "Awaiting: " + ", ".join(awaiting[:-1]) + " and West Yorkshire Joint Services."]
    assert behalf_statement(project).texts() == draft[:2]  # a final copy has no one left to wait for


def test_a_draft_nobody_has_endorsed_yet(project):
    decline_response(project, _lead("police"), named=True, now=T0)
    texts = behalf_statement(project, draft=True).texts()
    assert texts[:2] == ["No member of the partnership has endorsed this response yet.",
                         "West Yorkshire Police does not endorse this response."]
    assert texts[2].startswith("Awaiting: City of Bradford") and "West Yorkshire Police" not in texts[2]


def test_one_endorser_is_one_of_the_members(project):
    _endorse(project, ["leeds"])
    assert behalf_statement(project).texts() == [
        "This response is made on behalf of one of the 10 members of the West Yorkshire Heads of ICT "
        "partnership: Leeds City Council."]


def test_the_member_list_can_name_only_the_endorsers(project):
    _eight_one_reservation_one_decline(project, named=True)
    project = replace(project, member_list="endorsers")
    assert member_names(project) == [name for name in NAMES if name != "Calderdale Metropolitan Borough Council"]
    assert member_names(replace(project, member_list="all")) == NAMES


def test_several_reservations_follow_their_sentence_as_a_list(project):
    _endorse(project, [org.id for org in project.organisations if org.id != "kirklees"])
    endorse_response(project, KIRKLEES, now=T0, reservations=[
        reservation(project, "Too soon.", ""), reservation(project, "Costs unclear", "2"),
        Reservation("Keep the old wording", "a-section-since-removed")])
    lines = behalf_statement(project).lines
    assert lines[0].text == ("This response is made on behalf of all ten members of the West Yorkshire Heads "
                             "of ICT partnership.")
    assert lines[1:] == (
        Line("Kirklees Metropolitan Council endorses this response with reservations:"),
        Line("on the whole response: \u201cToo soon.\u201d", bullet=True),
        Line("on section 2 \u201cShared services\u201d: \u201cCosts unclear\u201d", bullet=True),
        Line("on a section no longer in the response: \u201cKeep the old wording\u201d", bullet=True))
    assert behalf_statement(project).as_text().splitlines()[2] == "- on the whole response: \u201cToo soon.\u201d"


def test_a_reservation_names_its_section_by_its_number_now(project):
    on_professionalism = reservation(project, "No.", "3")  # kept by the section's id
    add_section(project, COORDINATOR, "Procurement", "kirklees", (), index=0, now=T0)
    _endorse(project, [org.id for org in project.organisations if org.id != "kirklees"])
    endorse_response(project, KIRKLEES, now=T0, reservations=[on_professionalism])
    assert behalf_statement(project).texts()[1] == ("Kirklees Metropolitan Council endorses this response with "
                                                    "a reservation on section 4 \u201cProfessionalism\u201d: "
                                                    "\u201cNo.\u201d.")


def test_the_public_copy_does_not_name_a_withheld_section_s_heading(project):
    mark_section(project, KIRKLEES, project.find_section("3"), True, "commercially sensitive", now=T0)
    _endorse(project, [org.id for org in project.organisations if org.id != "kirklees"])
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Costs unclear", "3")])
    assert "on section 3 \u201cProfessionalism\u201d" in behalf_statement(project).texts()[1]
    public = behalf_statement(project, public=True).texts()[1]
    assert "Professionalism" not in public and "on section 3 (withheld from this copy): " in public


def test_the_confidentiality_statement_gives_each_section_and_reason(project):
    assert confidentiality_statement(project) is None
    add_section(project, COORDINATOR, "Costs", "kirklees", (), parent=project.find_section("3"), now=T0)
    mark_section(project, KIRKLEES, project.find_section("3"), True, "commercially sensitive", now=T0)
    mark_section(project, COORDINATOR, project.find_section("2"), True, "names staff", now=T0)
    statement = confidentiality_statement(project)
    assert statement.heading == "Confidentiality"
    assert statement.lines[0].text == ("We ask that the following parts of this response be treated as "
                                       "confidential, for the reasons given:")
    assert statement.lines[1:3] == (
        Line("Section 2 \u201cShared services\u201d: names staff", bullet=True),
        Line("Section 3 \u201cProfessionalism\u201d and its sub-sections: commercially sensitive", bullet=True))
    law, disclaimer = statement.lines[3].text, statement.lines[4].text
    for words in ("Freedom of Information Act 2000", "Environmental Information Regulations 2004",
                  "data protection law", "confidentiality cannot be guaranteed in all circumstances"):
        assert words in law
    assert disclaimer.startswith("Any automatic confidentiality disclaimer generated by an IT or e-mail system "
                                 "is not to be regarded as binding")
    mark_section(project, COORDINATOR, project.find_section("2"), False, now=T0)
    assert confidentiality_statement(project).lines[0].text.startswith("We ask that the following part of")


@pytest.mark.parametrize("number, words", [(0, "no"), (1, "one"), (9, "nine"), (10, "ten"), (11, "11"), (25, "25")])
def test_numbers_in_words_up_to_ten(number, words):
    assert number_in_words(number) == words


def test_counts_and_lists_as_gov_uk_writes_them(project):
    assert [count(n) for n in (1, 2, 9, 10)] == ["one", "2", "9", "10"]
    assert [joined(names) for names in ([], ["A"], ["A", "B"], ["A", "B", "C"])] == ["", "A", "A and B", "A, B and C"]
    assert partnership_phrase(project) == "the West Yorkshire Heads of ICT partnership"
    assert partnership_phrase(replace(project, partnership="Leeds Digital Partnership")) == \
        "the Leeds Digital Partnership"
    assert partnership_phrase(replace(project, partnership="")) == "the partnership"


@pytest.mark.parametrize("name", ["Humber Emergency Services Collaboration", "Northern Digital Consortium",
                                  "Yorkshire Resilience Forum", "The Tees Valley Alliance", "Humber ICT Group"])
def test_a_name_that_already_says_what_the_body_is_gets_no_partnership_added(project, name):
    """"the Humber Emergency Services Collaboration partnership" read wrongly in an export."""
    expected = name if name.startswith("The ") else f"the {name}"
    assert partnership_phrase(replace(project, partnership=name)) == expected


def test_two_members_are_both_members(project):
    project.organisations[2:] = []
    _endorse(project, ["bradford", "calderdale"])
    assert behalf_statement(project).texts() == [
        "This response is made on behalf of both members of the West Yorkshire Heads of ICT partnership."]


def test_a_statement_is_recognised_in_full_and_nothing_else_is(project):
    _endorse(project, [org.id for org in project.organisations if org.id not in ("kirklees", "calderdale")])
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Too soon.", ""),
                                                              reservation(project, "Costs unclear.", "2")])
    decline_response(project, _lead("calderdale"), named=True, now=T0)
    texts = behalf_statement(project, draft=True).texts()
    assert len(texts) == 5
    assert behalf_statement_length(texts + ["Our view on section 2 follows.", "on section 3: more"]) == 5
    assert behalf_statement_length(["We welcome this.", *texts]) == 0
    assert behalf_statement_length(["No member of the partnership endorses this response."]) == 1


def test_a_reservation_on_a_removed_section_is_recognised_in_either_wording():
    opening = "This response is made on behalf of all ten members of the partnership."
    endorses = "Kirklees Metropolitan Council endorses this response with reservations:"
    for gone in ("on a section no longer in the response: \u201cToo soon.\u201d",
                 "on a section since removed from the response: \u201cToo soon.\u201d"):  # as exported before
        assert behalf_statement_length([opening, endorses, "on section 2: x", gone, "Our view."]) == 4


def test_one_reservation_reads_as_one_and_is_recognised_in_either_wording(project):
    """One reservation is "with a reservation on …", not "with reservations: on …"; both are read back."""
    _eight_one_reservation_one_decline(project, named=True)
    one = behalf_statement(project).texts()[1]
    assert one.startswith("Kirklees Metropolitan Council endorses this response with a reservation on section 3 ")
    assert "reservations" not in one
    before = ("Kirklees Metropolitan Council endorses this response with reservations: on section 3 "
              "\u201cProfessionalism\u201d: \u201cToo soon.\u201d.")  # as exported before
    opening = behalf_statement(project).texts()[0]
    for line in (one, before):
        assert behalf_statement_length([opening, line, "Our view."]) == 2


def test_a_reservation_is_worded_once_for_the_export_the_command_line_and_the_app(project):
    """One wording (core.declarations.reservation_phrase): the statement quotes the text, the others not."""
    on_two = reservation(project, "Costs unclear.", "2")
    assert reservation_phrase(project, on_two) == "on section 2 \u201cShared services\u201d: Costs unclear."
    assert reservation_phrase(project, on_two, quoted=True) == \
        "on section 2 \u201cShared services\u201d: \u201cCosts unclear.\u201d"
    section_id = on_two.section
    assert reservation_phrase(project, on_two, withheld={section_id}) == \
        "on section 2 (withheld from this copy): Costs unclear."
    assert reservation_phrase(project, Reservation("Too costly.", "no-such-section")) == \
        "on a section no longer in the response: Too costly."
    assert reservation_phrase(project, Reservation("Too costly.")) == "on the whole response: Too costly."


def test_the_endorsement_tally_names_the_declines_when_there_are_any():
    assert endorsement_tally(4, 6, {"a": "endorsed", "b": "declined", "c": "declined"}) == \
        "4 of 6 organisations endorsed, 2 declined"
    assert endorsement_tally(10, 10, {"a": "endorsed"}) == "10 of 10 organisations endorsed"
