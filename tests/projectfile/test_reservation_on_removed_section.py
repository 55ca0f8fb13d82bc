"""A reservation outlives its section: the section deleted, or its addition withdrawn before it was ever
saved (how the app undoes adding one), the project still saves and reads back with the reservation, which
the statement says is on a section no longer in the response."""

from tests.factories import COORDINATOR, KIRKLEES, T0
from wyassembler.core.outline import add_section, delete_section, withdraw_section
from wyassembler.core.signoff import endorse_response, endorsement_states, reservation
from wyassembler.projectfile.codec import from_bytes
from wyassembler.projectfile.write_gate import checked_bytes


def _reserved_on_a_new_section(project):
    section = add_section(project, COORDINATOR, "Added late", "kirklees", now=T0)
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Not this part", section.id)])
    return section


def test_withdrawing_a_never_saved_section_keeps_the_reservation_and_saves(project):
    section = _reserved_on_a_new_section(project)
    withdraw_section(project, COORDINATOR, section)
    assert not project.tombstones  # never saved: nothing tells a merge it was there

    read = from_bytes(checked_bytes(project))

    assert read == project
    kept = read.endorsements[-1].reservations[0]
    assert kept.section == section.id
    assert kept.text == "Not this part"
    assert endorsement_states(read)["kirklees"] == "stale"  # given for a response that had the section


def test_deleting_the_section_keeps_the_reservation_and_saves(project):
    section = _reserved_on_a_new_section(project)
    delete_section(project, COORDINATOR, section, now=T0)
    read = from_bytes(checked_bytes(project))
    assert read == project and read.endorsements[-1].reservations[0].section == section.id
