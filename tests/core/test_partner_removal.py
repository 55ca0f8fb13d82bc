"""Removing a partner: refused, in one sentence naming what still names it, whenever a project without
it could not be saved (its sections, its text, its sign-offs, endorsement or decline, authority, marks);
allowed otherwise, and then the project saves and reads back."""

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.authority import record_authority
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import ContentError
from wyassembler.core.integrity import reference_problems
from wyassembler.core.model import Actor
from wyassembler.core.outline import set_ownership
from wyassembler.core.partners import organisation_references, remove_organisation
from wyassembler.core.signoff import decline_response, endorse_response, sign_off_section
from wyassembler.projectfile.codec import from_bytes
from wyassembler.projectfile.write_gate import checked_bytes

LEEDS = Actor("leeds", "L. Hall", "partner lead")  # a partner owning and contributing to nothing
FIRE = Actor("fire", "F. Lee", "partner lead")  # contributes to section 2 until the coordinator changes that


def _hand_section_2_to_calderdale_alone(project):
    set_ownership(project, COORDINATOR, project.find_section("2"), "calderdale", [])


def endorsed(project):
    endorse_response(project, LEEDS, now=T0)
    return "leeds", "it endorsed the response"


def declined(project):
    decline_response(project, LEEDS, "We cannot support it", now=T0)
    return "leeds", "it declined to endorse the response"


def asked_for_changes(project):
    endorse_response(project, LEEDS, "changes-requested", "Shorter, please", now=T0)
    return "leeds", "it asked for changes to the response"


def recorded_authority(project):
    record_authority(project, LEEDS, "committee", "Executive Board, 3 March, minute 12", now=T0)
    return "leeds", "it recorded how it approved the response"


def signed_off(project):
    sign_off_section(project, FIRE, project.find_section("2"), now=T0)
    _hand_section_2_to_calderdale_alone(project)
    return "fire", "it signed off section 2"


def wrote_text(project):
    edit_section(project, FIRE, project.find_section("2"), blocks=(Paragraph(plain("Fire's words.")),), now=T0)
    _hand_section_2_to_calderdale_alone(project)
    return "fire", "it wrote text of section 2"


def marked(project):
    mark_section(project, CALDERDALE, project.find_section("2"), True, "commercially sensitive", now=T0)
    set_ownership(project, COORDINATOR, project.find_section("2"), "kirklees", [])
    edit_section(project, KIRKLEES, project.find_section("3"), blocks=(Paragraph(plain("Ours.")),), now=T0)
    return "calderdale", "it marked section 2 confidential"


@pytest.mark.parametrize("record", [endorsed, declined, asked_for_changes, recorded_authority, signed_off,
                                    wrote_text, marked])
def test_a_partner_a_record_names_is_not_removed_and_the_project_still_saves(project, record):
    org_id, clause = record(project)
    partners_before = list(project.organisations)
    with pytest.raises(ContentError) as refused:
        remove_organisation(project, COORDINATOR, org_id)
    message = str(refused.value)
    assert "\n" not in message and clause in message and "cannot be removed" in message
    assert "the response keeps these records" in message
    assert project.organisations == partners_before
    assert from_bytes(checked_bytes(project)) == project


def test_the_sentence_names_every_record_with_section_numbers(project):
    sign_off_section(project, FIRE, project.find_section("2"), now=T0)
    endorse_response(project, FIRE, now=T0)
    record_authority(project, FIRE, "delegated-officer", "Chief Fire Officer's delegated powers", now=T0)
    assert organisation_references(project, "fire") == [
        "it contributes to section 2", "it signed off section 2", "it endorsed the response",
        "it recorded how it approved the response"]


def test_a_partner_with_only_a_role_is_refused_as_before(project):
    with pytest.raises(ContentError, match=r"^Calderdale cannot be removed while it owns section 2$"):
        remove_organisation(project, COORDINATOR, "calderdale")


def test_a_partner_nothing_names_is_removed_from_the_endorsers_too_and_the_project_saves(project):
    project.endorsers = ["kirklees", "leeds"]
    remove_organisation(project, COORDINATOR, "leeds")
    assert "leeds" not in {org.id for org in project.organisations}
    assert project.endorsers == ["kirklees"]
    assert reference_problems(project) == []
    assert from_bytes(checked_bytes(project)) == project
