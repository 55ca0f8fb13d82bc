from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from wyassembler.core import dates, signoff
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import ContentError
from wyassembler.core.model import Actor
from wyassembler.core.partners import set_properties
from wyassembler.core.signoff import (endorse_response, endorsement_states, readiness, response_hash,
                                      section_state, section_states, sign_off_section, signoff_matrix)


def _approve_everything(project, when=T0):
    for section in project.all_sections():
        sign_off_section(project, Actor(section.owner, "Lead", "partner lead"), section, now=when)
    for org in project.organisations:
        endorse_response(project, Actor(org.id, "Lead", "partner lead"), now=when)


def test_a_new_section_is_pending_for_its_owner_and_contributors(project):
    shared = project.find_section("2")
    assert section_states(shared) == {"calderdale": "pending", "police": "pending", "fire": "pending"}


def test_approval_goes_stale_by_itself_when_the_text_changes(project):
    shared = project.find_section("2")
    sign_off_section(project, CALDERDALE, shared, now=T0)
    assert section_state(shared, "calderdale") == "approved"
    edit_section(project, POLICE, shared, blocks=shared.blocks + (Paragraph(plain("More.")),), now=T0)
    assert section_state(shared, "calderdale") == "stale"
    sign_off_section(project, CALDERDALE, shared, now=T0 + timedelta(minutes=1))
    assert section_state(shared, "calderdale") == "approved"


def test_renaming_a_section_also_makes_its_approval_stale(project):
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, now=T0)
    edit_section(project, KIRKLEES, section, heading="Professionalism in IT", now=T0)
    assert section_state(section, "kirklees") == "stale"


def test_an_edit_that_changes_nothing_makes_no_revision_and_keeps_approval(project):
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, now=T0)
    assert edit_section(project, KIRKLEES, section, blocks=section.blocks, now=T0) is None
    assert len(section.revisions) == 1
    assert section_state(section, "kirklees") == "approved"


def test_change_request_needs_a_note_and_waits_for_new_text(project):
    section = project.find_section("3")
    with pytest.raises(ContentError):
        sign_off_section(project, KIRKLEES, section, "changes-requested", "  ")
    sign_off_section(project, KIRKLEES, section, "changes-requested", "Cite the standard", now=T0)
    assert section_state(section, "kirklees") == "changes-requested"
    edit_section(project, COORDINATOR, section, blocks=(Paragraph(plain("Standards, cited.")),), now=T0)
    assert section_state(section, "kirklees") == "pending"


def test_latest_decision_wins(project):
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, now=T0)
    sign_off_section(project, KIRKLEES, section, "changes-requested", "Wait", now=T0 + timedelta(hours=1))
    assert section_state(section, "kirklees") == "changes-requested"


def test_endorsement_goes_stale_when_any_part_of_the_response_changes(project):
    endorse_response(project, KIRKLEES, now=T0)
    assert endorsement_states(project)["kirklees"] == "endorsed"
    before = response_hash(project)
    set_properties(project, COORDINATOR, subtitle="A new subtitle")
    assert response_hash(project) != before
    assert endorsement_states(project)["kirklees"] == "stale"


def test_endorsement_goes_stale_when_a_partner_is_renamed_since_the_member_list_is_generated(project):
    endorse_response(project, KIRKLEES, now=T0)
    project.organisation("police").name = "West Yorkshire Police Service"
    assert endorsement_states(project)["kirklees"] == "stale"


def test_readiness_lists_what_is_missing_by_organisation(project):
    state = readiness(project)
    assert not state.ready
    assert set(state.missing) == {org.id for org in project.organisations}
    assert any("section 2" in item and "approval pending" in item for item in state.missing["calderdale"])
    assert state.missing["police"] == ["endorsement of the whole response pending"]


def test_ready_when_all_current_and_not_after_an_edit(project):
    _approve_everything(project)
    assert readiness(project).ready
    section = project.find_section("3")
    edit_section(project, KIRKLEES, section, blocks=(Paragraph(plain("Changed.")),), now=T0 + timedelta(days=1))
    state = readiness(project)
    assert not state.ready
    assert "stale" in state.missing["kirklees"][0]
    # Every organisation's endorsement went stale too: the response changed.
    assert all(any("endorsement is stale" in item for item in items) for items in state.missing.values())


def test_a_contributors_change_request_blocks_readiness(project):
    _approve_everything(project)
    shared = project.find_section("2")
    sign_off_section(project, POLICE, shared, "changes-requested", "Mention regionalisation", now=T0)
    state = readiness(project)
    assert not state.ready
    assert "Mention regionalisation" in state.missing["police"][0]


def test_only_required_endorsers_block(project):
    _approve_everything(project)
    set_properties(project, COORDINATOR, endorsers=["kirklees", "calderdale"])
    project.endorsements.clear()
    endorse_response(project, KIRKLEES, now=T0)
    state = readiness(project)
    assert list(state.missing) == ["calderdale"]


def test_matrix_rows_follow_the_outline(project):
    matrix = signoff_matrix(project)
    assert [row.number for row in matrix.rows] == ["1", "2", "3"]
    assert matrix.endorsers_required == 10 and matrix.endorsed == 0


@pytest.mark.parametrize("days, short, long", [
    (12, "deadline in 12 days", "deadline 17 Jan 2026, in 12 days"),
    (1, "deadline tomorrow", "deadline 6 Jan 2026, tomorrow"),
    (0, "deadline today", "deadline 5 Jan 2026, today"),
    (-1, "deadline passed 1 day ago", "deadline 4 Jan 2026, passed 1 day ago"),
    (-3, "deadline passed 3 days ago", "deadline 2 Jan 2026, passed 3 days ago"),
])
def test_deadline_phrase(project, days, short, long):
    today = T0.date()
    project.deadline = today + timedelta(days=days)
    assert dates.deadline_phrase(project.deadline, today) == short
    assert dates.deadline_phrase(project.deadline, today, with_date=True) == long
    project.deadline = None
    assert dates.deadline_phrase(project.deadline, today) == "no deadline set"


def test_newly_stale_names_only_approvals_the_edit_made_stale(project):
    section = project.sections[1]
    sign_off_section(project, CALDERDALE, section, now=T0)
    sign_off_section(project, POLICE, section, "changes-requested", "Cite the act", now=T0)
    before = signoff.section_states(section)
    edit_section(project, CALDERDALE, section, blocks=(Paragraph(plain("New.")),), now=T0)
    assert signoff.newly_stale(before, section) == ["calderdale"]
    assert signoff.newly_stale(signoff.section_states(section), section) == []
