"""Ownership and the coordinator as signed records (issue 15): the attacks made by editing the XML
directly -- a hand-edited owner, a hand-edited coordinator, an assignment moved to another section, an
ownership change or hand-over signed by a non-coordinator's key -- each fail ``signature_problems`` and do
not count when signatures are required; the legitimate flows (the coordinator reassigns, hands over to
another organisation, a partner adds its own sub-section) verify clean."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from lxml import etree

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from tests.signing import TestSigner
from wyassembler.core.assignments import record_assignment
from wyassembler.core.errors import PermissionDenied
from wyassembler.core.keys import confirm_key, register_key
from wyassembler.core.model import Actor, CoordinatorChange, Signature
from wyassembler.core.outline import add_section, set_ownership
from wyassembler.core.partners import set_properties
from wyassembler.core.signatures import encode
from wyassembler.core.signoff import readiness, sign_off_section
from wyassembler.core.statements import coordinator_hash, coordinator_statement
from wyassembler.core.verification import signature_problems
from wyassembler.projectfile.codec import format_version, from_bytes, to_bytes

NS = {"w": "urn:wyassembler:project"}
LATER = T0 + timedelta(hours=1)
LATEST = T0 + timedelta(hours=2)


@pytest.fixture
def keys(project):
    """Every partner's key confirmed by the coordinator (its own trusted on first use), signatures required
    by the coordinator (signing who owns each section), and every section approved by its owner, signed."""
    signers = {org.id: TestSigner() for org in project.organisations}
    register_key(project, COORDINATOR, signers["joint-services"].public_key, signers["joint-services"], now=T0)
    for org in project.organisations:
        if org.id != "joint-services":
            register_key(project, Actor(org.id, "Lead", "partner lead"), signers[org.id].public_key, signers[org.id],
                         now=T0)
            confirm_key(project, COORDINATOR, signers[org.id].fingerprint, signers["joint-services"], now=T0)
    set_properties(project, COORDINATOR, signer=signers["joint-services"], now=T0, require_signatures=True)
    for section in project.all_sections():
        sign_off_section(project, Actor(section.owner, "Lead", "partner lead"), section, now=T0,
                         signer=signers[section.owner])
    return signers


def _reloaded(project):
    return from_bytes(to_bytes(project))


def _edited(project, edit):
    """The project after ``edit(root)`` changed its XML, read back."""
    root = etree.fromstring(to_bytes(project))
    edit(root)
    return from_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _section_element(root, owner):
    return root.find(f".//w:section[@owner='{owner}']", NS)


def _uncounted(project, org):
    return [line for line in readiness(project).missing.get(org, []) if "does not count" in line]


def test_signed_ownership_and_the_founding_coordinator_round_trip_and_verify_clean(project, keys):
    data = to_bytes(project)
    assert b"<assigned " in data and b"<coordinator-change " in data and b' format="1.4" ' in data
    assert to_bytes(from_bytes(data)) == data
    loaded = from_bytes(data)
    assert signature_problems(loaded) == []
    assert not _uncounted(loaded, "kirklees") and not _uncounted(loaded, "calderdale")


def test_ownership_records_are_written_only_when_signed(project):
    set_ownership(project, COORDINATOR, project.find_section("3"), "leeds", [])
    assert not project.find_section("3").assignments and format_version(project) == "1.0"
    assert signature_problems(project) == []  # a project that never signs is judged as before


def test_a_hand_edited_owner_is_caught_and_its_approval_does_not_count(project, keys):
    def give_kirklees_section_to_calderdale(root):
        _section_element(root, "kirklees").set("owner", "calderdale")

    project = _edited(project, give_kirklees_section_to_calderdale)
    section = project.find_section("3")
    sign_off_section(project, CALDERDALE, section, now=LATER, signer=keys["calderdale"])  # a valid signature
    problems = signature_problems(project)
    assert any(line.startswith("section 3 \u201cProfessionalism\u201d: its owner Calderdale") and
               "owner Kirklees" in line for line in problems), problems
    (line,) = [line for line in _uncounted(project, "calderdale") if "section 3" in line]
    assert "no valid signed assignment" not in line and "not what the last valid signed assignment" in line


def test_a_hand_edited_coordinator_is_caught_and_confirms_no_key(project, keys):
    def make_kirklees_coordinator(root):
        root.find("w:properties/w:coordinator", NS).set("org", "kirklees")

    project = _edited(project, make_kirklees_coordinator)
    problems = signature_problems(project)
    assert any("coordinator: the file names Kirklees as coordinator, but no valid record does" in line
               and "make Joint Services coordinator" in line for line in problems), problems
    stranger = TestSigner()
    register_key(project, Actor("leeds", "Newcomer", "partner lead"), stranger.public_key, stranger, now=LATER)
    with pytest.raises(PermissionDenied, match="only the coordinator or Leeds"):
        confirm_key(project, KIRKLEES, stranger.fingerprint, keys["kirklees"], now=LATER)


def test_an_assignment_moved_to_another_section_is_caught(project, keys):
    def move_kirklees_assignment_to_section_2(root):
        source, target = _section_element(root, "kirklees"), _section_element(root, "calderdale")
        moved = source.find("w:assigned", NS)
        for old in target.findall("w:assigned", NS):
            target.remove(old)
        target.append(moved)  # a section's records come after its sign-offs; section 2 has no sub-sections
        target.set("owner", "kirklees")
        for contributor in target.findall("w:contributor", NS):
            target.remove(contributor)

    project = _edited(project, move_kirklees_assignment_to_section_2)
    problems = signature_problems(project)
    section_2 = [line for line in problems if line.startswith("section 2 ")]
    assert any("the assignment to Kirklees" in line and "does not match the record" in line for line in section_2)
    assert any("no valid signed assignment made Kirklees its owner" in line for line in section_2), problems
    assert any("section 3 " in line and "no valid signed assignment" in line for line in problems)


def test_an_ownership_change_signed_by_a_non_coordinator_key_is_caught(project, keys):
    section = project.find_section("3")
    section.contributors = ["calderdale"]
    record_assignment(project, KIRKLEES, section, keys["kirklees"], now=LATER)  # as if written into the XML
    project = _reloaded(project)
    problems = signature_problems(project)
    assert any("the assignment to Kirklees by S. Patel (Kirklees)" in line and "was not the coordinator then" in line
               for line in problems), problems
    assert any("section 3 " in line and "contributors (Calderdale) are not what" in line for line in problems)
    with pytest.raises(PermissionDenied, match="coordinating organisation"):
        set_ownership(project, KIRKLEES, section, "kirklees", [], signer=keys["kirklees"])


def test_a_hand_over_signed_by_a_non_coordinator_key_is_caught(project, keys):
    latest = project.coordinator_changes[-1]
    forged = CoordinatorChange("kirklees", "kirklees", "S. Patel", "partner lead", LATER,
                               coordinator_hash(project.id, latest))
    value = keys["kirklees"].sign(coordinator_statement(project.id, forged, keys["kirklees"].fingerprint))
    project.coordinator_changes.append(replace(forged, signature=Signature(keys["kirklees"].fingerprint,
                                                                           encode(value))))
    project.coordinator = "kirklees"
    project = _reloaded(project)
    problems = signature_problems(project)
    assert any("coordinator: the change to Kirklees by S. Patel (Kirklees)" in line and
               "only the coordinator then (Joint Services) hands the role over" in line for line in problems), problems
    assert any("the file names Kirklees as coordinator" in line for line in problems)


def test_the_coordinator_reassigns_with_its_key_and_the_new_owners_approval_counts(project, keys):
    section = project.find_section("3")
    set_ownership(project, COORDINATOR, section, "calderdale", ["kirklees"], signer=keys["joint-services"], now=LATER)
    sign_off_section(project, CALDERDALE, section, now=LATER, signer=keys["calderdale"])
    project = _reloaded(project)
    assert signature_problems(project) == []
    assert not _uncounted(project, "calderdale")


def test_a_key_that_may_not_sign_changes_no_owner(project, keys):
    section = project.find_section("3")
    with pytest.raises(PermissionDenied, match="cannot sign"):
        set_ownership(project, COORDINATOR, section, "calderdale", [], signer=keys["kirklees"], now=LATER)
    assert section.owner == "kirklees" and len(section.assignments) == 1


def test_the_coordinator_hands_over_and_the_new_coordinator_assigns_and_confirms(project, keys):
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=LATER, coordinator="kirklees")
    section = project.find_section("2")
    set_ownership(project, KIRKLEES, section, "leeds", [], signer=keys["kirklees"], now=LATEST)
    newcomer = TestSigner()
    register_key(project, Actor("leeds", "Second", "partner lead"), newcomer.public_key, newcomer, now=LATEST)
    confirm_key(project, KIRKLEES, newcomer.fingerprint, keys["kirklees"], now=LATEST)
    project = _reloaded(project)
    assert project.coordinator == "kirklees" and signature_problems(project) == []
    # The old coordinator no longer assigns: an assignment it signs after the hand-over does not count.
    record_assignment(project, COORDINATOR, project.find_section("3"), keys["joint-services"],
                      now=LATEST + timedelta(minutes=1))
    assert any("Joint Services was not the coordinator then" in line for line in signature_problems(project))


def test_a_partner_signs_the_sub_section_it_adds_for_itself(project, keys):
    parent = project.find_section("3")
    child = add_section(project, KIRKLEES, "Skills", "kirklees", parent=parent, now=LATER, signer=keys["kirklees"])
    sign_off_section(project, KIRKLEES, child, now=LATER, signer=keys["kirklees"])
    project = _reloaded(project)
    assert signature_problems(project) == [] and not _uncounted(project, "kirklees")


def test_an_unsigned_section_added_when_signatures_are_required_is_named(project, keys):
    add_section(project, COORDINATOR, "Late addition", "leeds", now=LATER)
    problems = signature_problems(_reloaded(project))
    assert any(line.startswith("section 4 \u201cLate addition\u201d: no valid signed assignment made Leeds its owner")
               for line in problems), problems


def test_an_assignment_in_the_same_second_as_the_hand_over_counts_for_either_side(project, keys):
    # Times are kept to the second: the old coordinator's last assignment and the hand-over may share one.
    set_ownership(project, COORDINATOR, project.find_section("3"), "leeds", [], signer=keys["joint-services"],
                  now=LATER)
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=LATER, coordinator="kirklees")
    set_ownership(project, KIRKLEES, project.find_section("2"), "leeds", [], signer=keys["kirklees"], now=LATER)
    assert signature_problems(_reloaded(project)) == []
