"""Authority records (issue 18): an organisation records how it approved the response, its own only; the
latest stands; signed records verify and tampering with one is reported."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.factories import COORDINATOR, KIRKLEES, T0
from tests.signing import confirmed_keys
from wyassembler.core.authority import authority_problems, latest_authorities, record_authority
from wyassembler.core.errors import ContentError, NotFoundError, PermissionDenied
from wyassembler.core.keys import key_ledger
from wyassembler.core.model import Actor
from wyassembler.core.partners import set_properties
from wyassembler.core.signoff import endorse_response, readiness, sign_off_section
from wyassembler.core.statements import authority_hash
from wyassembler.core.verification import signature_problems

LATER = T0 + timedelta(hours=1)


@pytest.fixture
def keys(project):
    """The coordinator's key (trusted on first use) and Kirklees's, confirmed by the coordinator."""
    return confirmed_keys(project, COORDINATOR, KIRKLEES, now=T0)


def test_an_organisation_records_its_own_authority(project):
    record = record_authority(project, KIRKLEES, "cabinet-member", "  Cabinet, 12 January 2006, minute 45 ",
                              date(2006, 1, 12), now=T0)
    assert (record.org, record.kind, record.reference, record.person) == (
        "kirklees", "cabinet-member", "Cabinet, 12 January 2006, minute 45", "S. Patel")
    assert record.describe() == "Cabinet member decision: Cabinet, 12 January 2006, minute 45 (12 January 2006)"
    assert project.authorities == [record]
    assert latest_authorities(project) == {"kirklees": record}


def test_authority_for_another_organisation_is_refused(project):
    with pytest.raises(PermissionDenied, match="each organisation records its own authority"):
        record_authority(project, KIRKLEES, "committee", "Minute 4", org_id="calderdale", now=T0)
    with pytest.raises(PermissionDenied):  # not even the coordinator records it for a partner
        record_authority(project, COORDINATOR, "committee", "Minute 4", org_id="kirklees", now=T0)
    assert project.authorities == []


def test_authority_for_an_organisation_that_is_not_a_partner_is_refused(project):
    with pytest.raises(NotFoundError, match="'nowhere'"):
        record_authority(project, KIRKLEES, "committee", "Minute 4", org_id="nowhere", now=T0)
    with pytest.raises(NotFoundError):
        record_authority(project, Actor("nowhere", "A. Body"), "committee", "Minute 4", now=T0)


@pytest.mark.parametrize("kind, reference, message", [
    ("referendum", "Minute 4", "not one of"),
    ("committee", "   ", "needs its reference"),
    ("committee", "x" * 4001, "too long"),
])
def test_bad_authority_records_are_refused(project, kind, reference, message):
    with pytest.raises(ContentError, match=message):
        record_authority(project, KIRKLEES, kind, reference, now=T0)
    assert project.authorities == []


def test_the_latest_record_by_time_stands_and_links_to_the_one_before(project):
    first = record_authority(project, KIRKLEES, "officer-response", "Head of ICT", now=T0)
    second = record_authority(project, KIRKLEES, "committee", "Minute 4", now=LATER)
    assert latest_authorities(project)["kirklees"] is second
    assert second.previous == authority_hash(project.id, first)
    assert first.previous == ""


def test_require_authority_is_satisfied_by_the_endorsers_record(project):
    project.require_authority = True
    project.endorsers = ["kirklees"]
    for section in project.all_sections():
        sign_off_section(project, Actor(section.owner, "Lead", "partner lead"), section, now=T0)
    endorse_response(project, KIRKLEES, now=T0)
    assert readiness(project).missing == {"kirklees": [
        "authority not recorded: say how the organisation approved the response ('wyassembler authority'; "
        "the coordinator requires it)"]}
    record_authority(project, KIRKLEES, "delegated-officer", "Decision 2006/14", now=T0)
    assert readiness(project).ready


# -- signed records ---------------------------------------------------------------------------------

def test_a_signed_authority_record_verifies(project, keys):
    record_authority(project, KIRKLEES, "committee", "Minute 4", date(2006, 1, 12), now=LATER,
                     signer=keys["kirklees"])
    assert authority_problems(project, key_ledger(project)) == []
    assert signature_problems(project) == []


def test_signing_with_another_organisations_key_is_refused(project, keys):
    with pytest.raises(PermissionDenied, match="cannot sign"):
        record_authority(project, KIRKLEES, "committee", "Minute 4", now=LATER, signer=keys["joint-services"])
    assert project.authorities == []


@pytest.mark.parametrize("change", [
    {"reference": "Minute 5"},
    {"kind": "cabinet-member"},
    {"decided": date(2006, 1, 13)},
    {"org": "calderdale"},
    {"person": "Someone Else"},
    {"time": LATER + timedelta(minutes=1)},
])
def test_tampering_with_a_signed_authority_record_is_reported(project, keys, change):
    record = record_authority(project, KIRKLEES, "committee", "Minute 4", date(2006, 1, 12), now=LATER,
                              signer=keys["kirklees"])
    project.authorities[0] = replace(record, **change)
    problems = signature_problems(project)
    assert len(problems) == 1 and problems[0].startswith("authority: the record by")


def test_a_deleted_earlier_record_is_reported_by_the_one_that_follows_it(project, keys):
    record_authority(project, KIRKLEES, "officer-response", "Head of ICT", now=LATER, signer=keys["kirklees"])
    record_authority(project, KIRKLEES, "committee", "Minute 4", now=LATER + timedelta(minutes=5),
                     signer=keys["kirklees"])
    del project.authorities[0]
    assert any("the record it follows is not in the file" in line for line in signature_problems(project))


def test_an_unsigned_record_is_fine_until_signatures_are_required(project, keys):
    record_authority(project, KIRKLEES, "committee", "Minute 4", now=LATER)
    assert signature_problems(project) == []
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=LATER, require_signatures=True)
    assert any(line.startswith("authority:") and "requires signatures" in line
               for line in signature_problems(project))


def _authority_items(project, org_id):
    return [item for item in readiness(project).missing.get(org_id, []) if "authority" in item]


def test_with_signatures_required_only_a_validly_signed_authority_record_satisfies_the_requirement(project, keys):
    project.require_authority = True
    project.endorsers = ["kirklees"]
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=T0, require_signatures=True)
    endorse_response(project, KIRKLEES, now=LATER, signer=keys["kirklees"])
    assert _authority_items(project, "kirklees") == [
        "authority not recorded: say how the organisation approved the response ('wyassembler authority'; "
        "the coordinator requires it)"]
    record_authority(project, KIRKLEES, "committee", "Minute 4", now=LATER)  # unsigned
    (item,) = _authority_items(project, "kirklees")
    assert item.startswith("the authority record by S. Patel on 05 Jan 2026 does not count: ")
    assert item.endswith("(this project requires signatures)")
    record_authority(project, KIRKLEES, "committee", "Minute 4", now=LATER + timedelta(minutes=1),
                     signer=keys["kirklees"])
    assert _authority_items(project, "kirklees") == []
