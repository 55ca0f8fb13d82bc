"""Merging issue 18's records: endorsements with reservations and declines, authority records, confidentiality
marks and the coordinator's four settings, from two copies saved at the same time; and what arrives by merge
obeying the rules the commands obey."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from tests.signing import TestSigner
from wyassembler.core.authority import latest_authorities, record_authority
from wyassembler.core.confidentiality import confidential_reason, current_mark, mark_section
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.integrity import reference_problems
from wyassembler.core.keys import confirm_key, register_key
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.model import Actor, Signature
from wyassembler.core.outline import add_section, delete_section, set_ownership
from wyassembler.core.partner_records import Authority, ConfidentialityMark
from wyassembler.core.partners import remove_organisation
from wyassembler.core.signatures import encode
from wyassembler.core.signoff import decline_response, endorse_response, endorsement_states, reservation
from wyassembler.core.statements import authority_statement

LATER = T0 + timedelta(hours=1)


@pytest.fixture
def copies(project):
    """(disk, ours, base structure): two copies of one project as loaded."""
    return copy.deepcopy(project), copy.deepcopy(project), structure_of(project)


def refusals(result) -> list[str]:
    return [note for note in result.notes if note.startswith("Not taken from")]


# -- endorsements with reservations and declines ------------------------------------------------------

def test_reservations_and_declines_from_both_sides_survive_with_their_fields(copies):
    disk, ours, base = copies
    endorse_response(ours, KIRKLEES, now=T0, reservations=[reservation(ours, "Section 3 overstates", "3")])
    decline_response(disk, POLICE, "Not our policy", named=True, now=T0)
    merged = merge_projects(ours, disk, base).project
    by_org = {e.org: e for e in merged.endorsements}
    assert by_org["kirklees"] == ours.endorsements[0]
    assert by_org["kirklees"].reservations[0].section == ours.find_section("3").id
    assert by_org["police"] == disk.endorsements[0]
    assert (by_org["police"].note, by_org["police"].named) == ("Not our policy", True)
    states = endorsement_states(merged)
    assert (states["kirklees"], states["police"]) == ("endorsed-with-reservations", "declined")


def test_records_alike_but_for_their_reservations_or_wish_to_be_named_are_both_kept_in_one_order(copies):
    disk, ours, base = copies
    endorse_response(ours, KIRKLEES, now=T0, reservations=[reservation(ours, "Ours")])
    endorse_response(disk, KIRKLEES, now=T0, reservations=[reservation(disk, "Disk's")])
    decline_response(ours, POLICE, now=T0, named=True)
    decline_response(disk, POLICE, now=T0, named=False)
    one_way = merge_projects(ours, disk, base).project.endorsements
    other_way = merge_projects(disk, ours, base).project.endorsements
    assert len(one_way) == 4 and one_way == other_way


def test_an_endorsement_both_sides_hold_is_kept_once(copies, project):
    endorse_response(project, KIRKLEES, now=T0, reservations=[reservation(project, "Doubts")])
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    assert len(merge_projects(ours, disk, structure_of(project)).project.endorsements) == 1


# -- authority records --------------------------------------------------------------------------------

def test_authority_records_from_both_sides_are_a_union_the_latest_standing(copies):
    disk, ours, base = copies
    record_authority(ours, KIRKLEES, "committee", "Minute 4", now=LATER)
    record_authority(disk, KIRKLEES, "officer-response", "Head of ICT", now=T0)
    record_authority(disk, CALDERDALE, "cabinet-member", "Cabinet, minute 45", now=T0)
    result = merge_projects(ours, disk, base)
    merged = result.project
    assert sorted((a.org, a.reference) for a in merged.authorities) == [
        ("calderdale", "Cabinet, minute 45"), ("kirklees", "Head of ICT"), ("kirklees", "Minute 4")]
    assert latest_authorities(merged)["kirklees"].reference == "Minute 4"
    assert [a.time for a in merged.authorities] == sorted(a.time for a in merged.authorities)
    assert result.notes == []


def test_the_same_authority_record_on_both_sides_is_kept_once(project):
    record_authority(project, KIRKLEES, "committee", "Minute 4", now=T0)
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    record_authority(ours, CALDERDALE, "committee", "Minute 9", now=LATER)
    merged = merge_projects(ours, disk, structure_of(project)).project
    assert [(a.org, a.reference) for a in merged.authorities] == [("kirklees", "Minute 4"),
                                                                  ("calderdale", "Minute 9")]
    assert merge_projects(disk, merged).project.authorities == merged.authorities


def test_authority_records_merge_the_same_whichever_side_arrives_first(copies):
    disk, ours, base = copies
    record_authority(ours, KIRKLEES, "committee", "Minute 4", now=T0)
    record_authority(disk, KIRKLEES, "committee", "Minute 4", T0.date(), now=T0)  # alike but for the date
    one_way = merge_projects(ours, disk, base).project.authorities
    other_way = merge_projects(disk, ours, base).project.authorities
    assert len(one_way) == 2 and one_way == other_way


# -- confidentiality marks -----------------------------------------------------------------------------

def test_marks_from_both_sides_are_a_union_per_section_the_latest_by_time_standing(copies):
    disk, ours, base = copies
    mark_section(disk, KIRKLEES, disk.find_section("3"), True, "personal data", now=LATER)
    mark_section(ours, COORDINATOR, ours.find_section("3"), True, "commercially sensitive", now=T0)
    mark_section(ours, CALDERDALE, ours.find_section("2"), True, "operational", now=T0)
    result = merge_projects(ours, disk, base)
    merged = result.project
    section = merged.find_section("3")
    assert [m.reason for m in section.marks] == ["commercially sensitive", "personal data"]  # ordered by time
    assert confidential_reason(section) == "personal data"
    assert confidential_reason(merged.find_section("2")) == "operational"
    assert result.notes == []
    assert merge_projects(disk, ours, base).project.find_section("3").marks == section.marks


def test_a_mark_both_sides_hold_is_kept_once(project):
    mark_section(project, KIRKLEES, project.find_section("3"), True, "personal data", now=T0)
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    mark_section(ours, KIRKLEES, ours.find_section("3"), False, now=LATER)
    merged = merge_projects(ours, disk, structure_of(project)).project
    assert [m.confidential for m in merged.find_section("3").marks] == [True, False]
    assert confidential_reason(merged.find_section("3")) is None


def test_marks_of_a_section_only_one_side_has_come_with_it(copies):
    disk, ours, base = copies
    added = add_section(ours, COORDINATOR, "New", "kirklees", (Paragraph(plain("New text.")),), now=T0)
    mark_section(ours, KIRKLEES, added, True, "personal data", now=T0)
    merged = merge_projects(ours, disk, base).project
    assert confidential_reason(merged.section(added.id)) == "personal data"
    # and back the other way: the disk copy lacks it, the merged one has it
    again = merge_projects(copy.deepcopy(disk), merged).project
    assert confidential_reason(again.section(added.id)) == "personal data"


@pytest.mark.parametrize("deleter", ["ours", "disk"])
def test_a_section_deleted_on_one_side_and_only_marked_on_the_other_stays_deleted(copies, deleter):
    disk, ours, base = copies
    deleting, marking = (ours, disk) if deleter == "ours" else (disk, ours)
    section_id = marking.find_section("3").id
    mark_section(marking, KIRKLEES, marking.find_section("3"), True, "personal data", now=LATER)
    delete_section(deleting, COORDINATOR, deleting.find_section("3"), now=T0)
    merged = merge_projects(ours, disk, base).project
    assert section_id not in {s.id for s in merged.all_sections()}
    assert [t.section_id for t in merged.tombstones] == [section_id]
    assert reference_problems(merged) == []


@pytest.mark.parametrize("deleter", ["ours", "disk"])
def test_a_section_deleted_on_one_side_and_edited_on_the_other_comes_back_with_its_marks(copies, deleter):
    disk, ours, base = copies
    deleting, editing = (ours, disk) if deleter == "ours" else (disk, ours)
    section = editing.find_section("3")
    edit_section(editing, KIRKLEES, section, blocks=(Paragraph(plain("Still needed.")),), now=LATER)
    mark_section(editing, KIRKLEES, section, True, "personal data", now=LATER)
    delete_section(deleting, COORDINATOR, deleting.find_section("3"), now=T0)
    merged = merge_projects(ours, disk, base).project
    assert confidential_reason(merged.section(section.id)) == "personal data"
    assert merged.tombstones == []


# -- the coordinator's settings ------------------------------------------------------------------------

SETTINGS = {"declines_block": True, "require_authority": True, "behalf_at": "title", "member_list": "endorsers"}


@pytest.mark.parametrize("name, value", SETTINGS.items())
def test_a_setting_changed_on_one_side_takes_that_side(copies, name, value):
    disk, ours, base = copies
    setattr(ours, name, value)
    result = merge_projects(ours, disk, base)
    assert getattr(result.project, name) == value and result.notes == []


@pytest.mark.parametrize("name, value", SETTINGS.items())
def test_a_setting_changed_on_disk_only_is_kept(copies, name, value):
    disk, ours, base = copies
    setattr(disk, name, value)
    assert getattr(merge_projects(ours, disk, base).project, name) == value


def test_a_setting_changed_differently_on_both_sides_keeps_disks_with_a_note(copies):
    disk, ours, base = copies
    ours.behalf_at, disk.behalf_at = "title", "members"
    base = replace(base, properties={**base.properties, "behalf_at": "neither"})
    result = merge_projects(ours, disk, base)
    assert result.project.behalf_at == "members"
    assert any("differs" in note and "\u201ctitle\u201d" in note for note in result.notes)


# -- what arrives obeys the rules --------------------------------------------------------------------

def test_a_merged_in_authority_record_for_an_organisation_that_is_not_a_partner_is_refused(copies):
    disk, ours, base = copies
    ours.authorities.append(Authority("nowhere", "committee", "Minute 4", None, "A. Body", "", T0))
    result = merge_projects(ours, disk, base)
    assert result.project.authorities == []
    (refused,) = refusals(result)
    assert "authority" in refused and "A. Body" in refused


def test_a_merged_in_authority_record_signed_by_another_organisations_key_is_refused(copies):
    disk, ours, base = copies
    signer = TestSigner()
    for side in (disk, ours):
        register_key(side, COORDINATOR, signer.public_key, signer, now=T0)
    # Someone of the coordinating organisation wrote a record for Kirklees and signed it with their own key.
    record = record_authority(ours, COORDINATOR, "committee", "Minute 4", now=T0)  # its own first ...
    ours.authorities.clear()
    forged = replace(record, org="kirklees", person="H. Dawson")
    value = signer.sign(authority_statement(ours.id, forged, signer.fingerprint))
    ours.authorities.append(replace(forged, signature=Signature(signer.fingerprint, encode(value))))
    result = merge_projects(ours, disk, base)
    assert result.project.authorities == []
    (refused,) = refusals(result)
    assert "Kirklees" in refused and "each organisation records its own" in refused


def test_a_merged_in_authority_record_signed_by_its_own_organisation_is_taken(copies):
    disk, ours, base = copies
    signers = {"joint-services": TestSigner(), "kirklees": TestSigner()}
    for side in (disk, ours):
        register_key(side, COORDINATOR, signers["joint-services"].public_key, signers["joint-services"], now=T0)
        register_key(side, KIRKLEES, signers["kirklees"].public_key, signers["kirklees"], now=T0)
        confirm_key(side, COORDINATOR, signers["kirklees"].fingerprint, signers["joint-services"], now=T0)
    disk.key_events = list(ours.key_events)  # the same events on both sides
    record_authority(ours, KIRKLEES, "committee", "Minute 4", now=LATER, signer=signers["kirklees"])
    result = merge_projects(ours, disk, base)
    assert result.project.authorities == ours.authorities
    assert refusals(result) == [] and result.notes == []


def test_a_merged_in_mark_by_a_non_owner_non_coordinator_is_refused(copies):
    disk, ours, base = copies
    section = ours.find_section("3")  # Kirklees's
    section.marks.append(ConfidentialityMark(True, "personal data", "calderdale", "J. Smith", "", T0))
    result = merge_projects(ours, disk, base)
    assert result.project.find_section("3").marks == []
    (refused,) = refusals(result)
    assert "J. Smith" in refused and "Professionalism" in refused and "owner" in refused


def test_a_mark_the_disk_already_holds_is_not_judged_again(project):
    section = project.find_section("3")
    section.marks.append(ConfidentialityMark(True, "personal data", "calderdale", "J. Smith", "", T0))
    disk, ours = copy.deepcopy(project), copy.deepcopy(project)
    result = merge_projects(ours, disk, structure_of(project))
    assert len(result.project.find_section("3").marks) == 1 and refusals(result) == []


def test_a_merged_in_mark_by_the_owner_or_coordinator_is_taken(copies):
    disk, ours, base = copies
    mark_section(ours, KIRKLEES, ours.find_section("3"), True, "personal data", now=T0)
    mark_section(ours, COORDINATOR, ours.find_section("2"), True, "operational", now=T0)
    result = merge_projects(ours, disk, base)
    assert refusals(result) == []
    assert len(result.project.find_section("3").marks) == len(result.project.find_section("2").marks) == 1


def test_a_mark_made_while_its_author_owned_the_section_is_taken_after_a_change_of_owner_on_disk(copies):
    disk, ours, base = copies
    mark_section(ours, KIRKLEES, ours.find_section("3"), True, "personal data", now=T0)
    set_ownership(disk, COORDINATOR, disk.find_section("3"), "calderdale", [], now=T0)
    result = merge_projects(ours, disk, base)
    assert refusals(result) == []
    assert confidential_reason(result.project.find_section("3")) == "personal data"


def test_an_organisation_removed_on_one_side_stays_while_an_authority_record_or_mark_names_it(copies):
    disk, ours, base = copies
    record_authority(ours, Actor("wypte", "W. Jones", "lead"), "committee", "Minute 4", now=T0)
    remove_organisation(disk, COORDINATOR, "wypte")
    merged = merge_projects(ours, disk, base).project
    assert "wypte" in {org.id for org in merged.organisations}
    assert reference_problems(merged) == []
    assert current_mark(merged.find_section("3")) is None


# -- putting an older version back (core.restore) keeps the records as a merge does ---------------------

def test_restoring_an_older_version_keeps_authority_records_marks_and_that_versions_settings(project):
    from wyassembler.core.restore import restore_over
    project.declines_block, project.behalf_at = True, "title"
    mark_section(project, KIRKLEES, project.find_section("3"), True, "personal data", now=T0)
    record_authority(project, KIRKLEES, "committee", "Minute 4", now=T0)
    older = copy.deepcopy(project)
    record_authority(project, CALDERDALE, "cabinet-member", "Cabinet, minute 45", now=LATER)
    mark_section(project, CALDERDALE, project.find_section("2"), True, "operational", now=LATER)
    project.member_list = "endorsers"
    restored = restore_over(project, older, COORDINATOR, "backup", "0" * 64, "1" * 64, now=LATER)
    assert [a.reference for a in restored.authorities] == ["Minute 4", "Cabinet, minute 45"]
    assert confidential_reason(restored.find_section("3")) == "personal data"
    assert confidential_reason(restored.find_section("2")) == "operational"  # a record, kept as sign-offs are
    assert (restored.declines_block, restored.require_authority, restored.behalf_at, restored.member_list) == \
        (True, False, "title", "all")
    assert reference_problems(restored) == []


def test_restoring_a_version_from_before_a_partner_joined_keeps_the_partner_its_authority_record_names(project):
    from wyassembler.core.partners import add_organisation
    from wyassembler.core.restore import restore_over
    older = copy.deepcopy(project)
    org = add_organisation(project, COORDINATOR, "Barnsley Council", "Barnsley")
    record_authority(project, Actor(org.id, "B. Ward", "lead"), "committee", "Minute 7", now=LATER)
    restored = restore_over(project, older, COORDINATOR, "backup", "0" * 64, "1" * 64, now=LATER)
    assert org.id in {o.id for o in restored.organisations}
    assert reference_problems(restored) == []


# -- signed records arriving with a signature that does not hold are kept and said out loud ------------

@pytest.fixture
def signed_copies(project):
    """(disk, ours, base, Kirklees's signer): both copies hold the coordinator's and Kirklees's keys."""
    signers = {"joint-services": TestSigner(), "kirklees": TestSigner()}
    register_key(project, COORDINATOR, signers["joint-services"].public_key, signers["joint-services"], now=T0)
    register_key(project, KIRKLEES, signers["kirklees"].public_key, signers["kirklees"], now=T0)
    confirm_key(project, COORDINATOR, signers["kirklees"].fingerprint, signers["joint-services"], now=T0)
    return copy.deepcopy(project), copy.deepcopy(project), structure_of(project), signers["kirklees"]


def test_an_arriving_authority_record_changed_after_signing_is_kept_and_named_in_the_notes(signed_copies):
    disk, ours, base, signer = signed_copies
    record = record_authority(ours, KIRKLEES, "committee", "Minute 4", now=LATER, signer=signer)
    ours.authorities[0] = replace(record, reference="Minute 5")
    result = merge_projects(ours, disk, base)
    assert [a.reference for a in result.project.authorities] == ["Minute 5"]
    (note,) = [n for n in result.notes if "not validly signed" in n]
    assert note.startswith("From your copy, not validly signed: authority: the record by S. Patel")


def test_an_arriving_mark_changed_after_signing_is_kept_and_named_in_the_notes(signed_copies):
    disk, ours, base, signer = signed_copies
    section = ours.find_section("3")
    mark = mark_section(ours, KIRKLEES, section, True, "personal data", now=LATER, signer=signer)
    section.marks[0] = replace(mark, reason="something else")
    result = merge_projects(ours, disk, base)
    assert confidential_reason(result.project.find_section("3")) == "something else"
    (note,) = [n for n in result.notes if "not validly signed" in n]
    assert note.startswith("From your copy, not validly signed: section 3 \u201cProfessionalism\u201d: the mark as")


def test_validly_signed_arrivals_and_records_both_sides_hold_make_no_note(signed_copies):
    disk, ours, base, signer = signed_copies
    record_authority(ours, KIRKLEES, "committee", "Minute 4", now=LATER, signer=signer)
    mark_section(ours, KIRKLEES, ours.find_section("3"), True, "personal data", now=LATER, signer=signer)
    merged = merge_projects(ours, disk, base)
    assert merged.notes == []
    assert merge_projects(copy.deepcopy(merged.project), merged.project).notes == []
