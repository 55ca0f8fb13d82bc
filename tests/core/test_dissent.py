"""Endorsements with reservations and declines (issue 18): every endorsement state, the checks on a
reservation and a decline, and what readiness makes of them under the coordinator's settings."""

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from tests.signing import confirmed_keys
from wyassembler.core.authority import record_authority
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import ContentError, NotFoundError
from wyassembler.core.model import Actor
from wyassembler.core.partner_records import Reservation
from wyassembler.core.partners import set_properties
from wyassembler.core.signoff import (decline_response, endorse_response, endorsement_count, endorsement_state,
                                      endorsement_states, readiness, reservation, response_hash, sign_off_section)
from wyassembler.core.verification import signature_problems, signature_state

LATER = T0 + timedelta(hours=1)


def _edit(project, when=LATER):
    section = project.find_section("3")
    edit_section(project, KIRKLEES, section, blocks=(Paragraph(plain(f"Standards matter at {when}.")),), now=when)


def _approve_sections(project, when=T0):
    for section in project.all_sections():
        sign_off_section(project, Actor(section.owner, "Lead", "partner lead"), section, now=when)


def _endorse_all_but(project, *left_out, when=T0):
    for org in project.organisations:
        if org.id not in left_out:
            endorse_response(project, Actor(org.id, "Lead", "partner lead"), now=when)


# -- the states -----------------------------------------------------------------------------------

def test_every_endorsement_state(project):
    endorse_response(project, KIRKLEES, now=T0)
    endorse_response(project, CALDERDALE, now=T0, reservations=[reservation(project, "Not section 3's tone", "3")])
    decline_response(project, POLICE, "We cannot support section 2", now=T0)
    endorse_response(project, Actor("fire", "F. Lee", "partner lead"), "changes-requested", "Shorter, please", now=T0)
    states = endorsement_states(project)
    assert states["kirklees"] == "endorsed"
    assert states["calderdale"] == "endorsed-with-reservations"
    assert states["police"] == "declined"
    assert states["fire"] == "changes-requested"
    assert states["leeds"] == "pending"
    _edit(project)
    states = endorsement_states(project)
    assert states["kirklees"] == "stale"
    assert states["calderdale"] == "stale"  # reservations or not, the text it was given for has changed
    assert states["police"] == "declined"  # a decline stands whatever the text
    assert states["fire"] == "pending"  # the changes asked for await a new look
    assert states["leeds"] == "pending"


def test_endorsement_state_of_a_single_record(project):
    current = response_hash(project)
    assert endorsement_state(None, current) == "pending"
    with_reservations = endorse_response(project, KIRKLEES, now=T0,
                                         reservations=[reservation(project, "On the whole, with doubts")])
    assert endorsement_state(with_reservations, current) == "endorsed-with-reservations"
    assert endorsement_state(with_reservations, "0" * 64) == "stale"


def test_endorsing_again_without_reservations_withdraws_them(project):
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Doubts")])
    endorse_response(project, KIRKLEES, now=LATER)
    assert endorsement_states(project)["kirklees"] == "endorsed"


def test_a_decline_stands_after_an_edit_until_the_organisation_decides_again(project):
    decline_response(project, POLICE, now=T0)
    _edit(project)
    assert endorsement_states(project)["police"] == "declined"
    endorse_response(project, POLICE, now=LATER + timedelta(minutes=1))
    assert endorsement_states(project)["police"] == "endorsed"


def test_an_endorsement_with_reservations_after_a_decline_replaces_it(project):
    decline_response(project, POLICE, named=True, now=T0)
    endorse_response(project, POLICE, now=LATER, reservations=[reservation(project, "Section 2 goes too far", "2")])
    assert endorsement_states(project)["police"] == "endorsed-with-reservations"


def test_a_reservation_endorsement_goes_stale_and_is_counted_only_while_current(project):
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Doubts")])
    assert endorsement_count(project)[0] == 1
    _edit(project)
    assert endorsement_states(project)["kirklees"] == "stale"
    assert endorsement_count(project)[0] == 0


def test_endorsement_count_counts_both_endorsing_states_not_declines(project):
    endorse_response(project, KIRKLEES, now=T0)
    endorse_response(project, CALDERDALE, now=T0, reservations=[reservation(project, "Doubts")])
    decline_response(project, POLICE, now=T0)
    assert endorsement_count(project) == (2, len(project.organisations))


# -- reservations and declines: what is refused ----------------------------------------------------

def test_a_reservation_names_its_section_by_number_or_id_and_keeps_the_id(project):
    section = project.find_section("3")
    assert reservation(project, "Too strong", "3") == Reservation("Too strong", section.id)
    assert reservation(project, "Too strong", section.id) == Reservation("Too strong", section.id)
    assert reservation(project, "  On the whole  ") == Reservation("On the whole", "")


def test_a_reservation_on_a_missing_section_is_refused_in_one_line(project):
    with pytest.raises(NotFoundError) as caught:
        reservation(project, "Too strong", "9")
    message = str(caught.value)
    assert "'9'" in message and "\n" not in message


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_reservation_is_refused(project, text):
    with pytest.raises(ContentError, match="needs its text"):
        reservation(project, text, "3")


def test_a_reservation_too_long_is_refused(project):
    with pytest.raises(ContentError, match="too long"):
        reservation(project, "x" * 4001)


def test_reservations_go_only_with_an_endorsement(project):
    with pytest.raises(ContentError, match="reservations go with an endorsement"):
        endorse_response(project, KIRKLEES, "changes-requested", "Shorter", now=T0,
                         reservations=[reservation(project, "Doubts")])
    assert project.endorsements == []


def test_a_decline_by_an_organisation_that_is_not_a_partner_is_refused_clearly(project):
    with pytest.raises(NotFoundError) as caught:
        decline_response(project, Actor("nowhere", "A. Body", "lead"), now=T0)
    assert "'nowhere'" in str(caught.value) and "\n" not in str(caught.value)
    assert project.endorsements == []


def test_a_decline_needs_a_named_person(project):
    with pytest.raises(Exception, match="person's name"):
        decline_response(project, Actor("police", "  ", "lead"), now=T0)


def test_a_decline_keeps_its_note_and_wish_to_be_named(project):
    decline = decline_response(project, POLICE, "  Not our policy  ", named=True, now=T0)
    assert (decline.decision, decline.note, decline.named) == ("declined", "Not our policy", True)
    assert decline.hash == response_hash(project)


# -- readiness under the coordinator's settings ----------------------------------------------------

def test_by_default_a_decline_does_not_block_the_others_endorsements_make_it_final(project):
    _approve_sections(project)
    _endorse_all_but(project, "police")
    assert not readiness(project).ready
    decline_response(project, POLICE, "Not our policy", now=T0)
    ready = readiness(project)
    assert ready.ready, ready.missing


def test_a_reservation_endorsement_counts_towards_final(project):
    _approve_sections(project)
    _endorse_all_but(project, "police")
    endorse_response(project, POLICE, now=T0, reservations=[reservation(project, "Doubts", "2")])
    assert readiness(project).ready


def test_when_declines_block_a_decline_stops_the_final_export(project):
    project.declines_block = True
    _approve_sections(project)
    _endorse_all_but(project, "police")
    decline_response(project, POLICE, now=T0)
    ready = readiness(project)
    assert not ready.ready
    assert list(ready.missing) == ["police"]
    assert "declined to endorse" in ready.missing["police"][0]


def test_a_stale_reservation_endorsement_blocks_final(project):
    _endorse_all_but(project, "kirklees")
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Doubts")])
    _edit(project)
    _approve_sections(project, LATER)
    missing = readiness(project).missing
    assert any("endorsement is stale" in item for item in missing["kirklees"])


def test_all_declined_is_not_ready_no_partner_endorses(project):
    _approve_sections(project)
    for org in project.organisations:
        decline_response(project, Actor(org.id, "Lead", "partner lead"), now=T0)
    ready = readiness(project)
    assert not ready.ready
    assert any("no partner endorses" in item for item in ready.missing["joint-services"])


def test_all_required_declined_counts_only_the_required_endorsers(project):
    project.endorsers = ["kirklees", "police"]
    _approve_sections(project)
    decline_response(project, KIRKLEES, now=T0)
    decline_response(project, POLICE, now=T0)
    endorse_response(project, CALDERDALE, now=T0)  # not required: it does not make the response made on its behalf
    ready = readiness(project)
    assert any("no partner endorses" in item for item in ready.missing.get("joint-services", []))


def test_require_authority_lists_each_endorsing_organisation_without_one(project):
    project.require_authority = True
    _approve_sections(project)
    _endorse_all_but(project, "police")
    decline_response(project, POLICE, now=T0)
    missing = readiness(project).missing
    endorsing = {org.id for org in project.organisations} - {"police"}
    assert {org for org, items in missing.items() if any("authority not recorded" in i for i in items)} == endorsing
    assert "police" not in missing  # a decliner needs no authority: the response is not made on its behalf
    for org_id in sorted(endorsing):
        record_authority(project, Actor(org_id, "Lead", "partner lead"), "committee", f"{org_id} minute 4", now=T0)
    ready = readiness(project)
    assert ready.ready, ready.missing


def test_without_require_authority_no_authority_is_asked_for(project):
    _approve_sections(project)
    _endorse_all_but(project)
    assert readiness(project).ready


def test_coordinator_actor_is_a_partner_like_any_other_in_declining(project):
    decline_response(project, COORDINATOR, now=T0)
    assert endorsement_states(project)["joint-services"] == "declined"


# -- signed reservations and declines ------------------------------------------------------------

@pytest.fixture
def keys(project):
    """The coordinator's key (trusted on first use) and the police's, confirmed by the coordinator."""
    return confirmed_keys(project, COORDINATOR, POLICE, now=T0)


def _tamper(project, **change):
    project.endorsements[-1] = replace(project.endorsements[-1], **change)


def test_a_signed_endorsement_with_reservations_and_a_signed_decline_verify(project, keys):
    endorse_response(project, POLICE, now=LATER, signer=keys["police"],
                     reservations=[reservation(project, "Section 2 goes too far", "2"), reservation(project, "Tone")])
    decline_response(project, POLICE, "On reflection, no", named=True, now=LATER + timedelta(minutes=1),
                     signer=keys["police"])
    assert signature_problems(project) == []
    assert [signature_state(project, record) for record in project.endorsements] == ["valid", "valid"]


@pytest.mark.parametrize("change", [
    lambda project: {"reservations": (Reservation("Something milder", project.find_section("2").id),)},
    lambda project: {"reservations": (Reservation("Section 2 goes too far", project.find_section("3").id),)},
    lambda project: {"reservations": ()},
])
def test_tampering_with_a_signed_reservation_is_reported(project, keys, change):
    endorse_response(project, POLICE, now=LATER, signer=keys["police"],
                     reservations=[reservation(project, "Section 2 goes too far", "2")])
    _tamper(project, **change(project))
    (problem,) = signature_problems(project)
    assert "endorsement" in problem and "P. Clarke" in problem


@pytest.mark.parametrize("change", [{"named": False}, {"decision": "approved"}, {"note": "Yes after all"}])
def test_tampering_with_a_signed_decline_is_reported(project, keys, change):
    decline_response(project, POLICE, "Not our policy", named=True, now=LATER, signer=keys["police"])
    _tamper(project, **change)
    (problem,) = signature_problems(project)
    assert "P. Clarke" in problem


def test_asking_to_be_named_cannot_be_added_to_a_signed_decline(project, keys):
    decline_response(project, POLICE, now=LATER, signer=keys["police"])
    _tamper(project, named=True)
    assert len(signature_problems(project)) == 1


def test_with_signatures_required_an_unsigned_decline_does_not_count(project, keys):
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=T0, require_signatures=True)
    decline_response(project, POLICE, now=LATER)
    missing = readiness(project).missing["police"]
    assert any(item.startswith("the decline by P. Clarke") and "requires signatures" in item for item in missing)
