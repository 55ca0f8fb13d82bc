import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import NotFoundError, PermissionDenied
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section, delete_section
from wyassembler.core.signoff import endorse_response, sign_off_section

NEW = (Paragraph(plain("New text.")),)


def test_owner_contributor_and_coordinator_may_edit(project):
    shared = project.find_section("2")
    for actor in (CALDERDALE, POLICE, COORDINATOR):
        assert edit_section(project, actor, shared, blocks=(Paragraph(plain(actor.org)),)) is not None


def test_anyone_else_is_refused_with_a_message_naming_who_may(project):
    shared = project.find_section("2")
    revisions = len(shared.revisions)
    with pytest.raises(PermissionDenied) as refused:
        edit_section(project, KIRKLEES, shared, blocks=NEW)
    message = str(refused.value)
    assert "Kirklees may not edit section 2" in message
    assert "Calderdale" in message and "WY Police" in message and "Joint Services (coordinator)" in message
    assert len(shared.revisions) == revisions


def test_an_organisation_signs_off_only_sections_it_owns_or_contributes_to(project):
    professionalism = project.find_section("3")
    with pytest.raises(PermissionDenied, match="signed off by its owner, Kirklees"):
        sign_off_section(project, CALDERDALE, professionalism)
    with pytest.raises(PermissionDenied):
        sign_off_section(project, COORDINATOR, professionalism)
    assert professionalism.signoffs == []


def test_unknown_organisations_and_anonymous_people_are_refused(project):
    section = project.find_section("3")
    with pytest.raises(NotFoundError):
        edit_section(project, Actor("nowhere", "X"), section, blocks=NEW)
    with pytest.raises(PermissionDenied, match="person"):
        endorse_response(project, Actor("kirklees", "  "))


def test_structure_belongs_to_the_coordinator_but_editors_may_add_subsections(project):
    shared = project.find_section("2")
    with pytest.raises(PermissionDenied):
        add_section(project, KIRKLEES, "Top level", "kirklees")
    with pytest.raises(PermissionDenied):
        delete_section(project, CALDERDALE, shared)
    child = add_section(project, CALDERDALE, "Identity", "calderdale", parent=shared)
    assert project.number_of(child) == "2.1"


def test_find_organisation_by_id_short_or_full_name_in_any_case(project):
    assert project.find_organisation("KIRKLEES").id == "kirklees"
    assert project.find_organisation("wy police").id == "police"
    assert project.find_organisation("west yorkshire fire & rescue service").id == "fire"
    with pytest.raises(NotFoundError, match="no organisation 'Sheffield'"):
        project.find_organisation("Sheffield")
