"""Editing a partner: name, short name, lead and email change, its id stays (issue 16 item 6)."""

from __future__ import annotations

import pytest

from tests.factories import COORDINATOR, KIRKLEES
from wyassembler.core.errors import ContentError, PermissionDenied
from wyassembler.core.partners import edit_organisation


def test_the_coordinator_edits_a_partner_and_gets_the_old_values_back(project):
    previous = edit_organisation(project, COORDINATOR, "leeds", name="Leeds City Council ICT",
                                 short_name="Leeds ICT", lead_name="R. Ahmed", lead_email="r.ahmed@example.org")
    org = project.organisation("leeds")
    assert (org.id, org.name, org.short_name, org.lead_name, org.lead_email) == (
        "leeds", "Leeds City Council ICT", "Leeds ICT", "R. Ahmed", "r.ahmed@example.org")
    assert previous == {"name": "Leeds City Council", "short_name": "Leeds", "lead_name": "", "lead_email": ""}
    edit_organisation(project, COORDINATOR, "leeds", **previous)
    assert (org.name, org.short_name, org.lead_name) == ("Leeds City Council", "Leeds", "")


def test_a_partner_edit_is_refused_with_a_clear_reason(project):
    with pytest.raises(PermissionDenied, match="only the coordinating organisation"):
        edit_organisation(project, KIRKLEES, "leeds", name="Leeds")
    with pytest.raises(ContentError, match="needs a name"):
        edit_organisation(project, COORDINATOR, "leeds", name="  ")
    with pytest.raises(ContentError, match="already an organisation called"):
        edit_organisation(project, COORDINATOR, "leeds", name="kirklees metropolitan council")
    with pytest.raises(ContentError, match="has no id"):
        edit_organisation(project, COORDINATOR, "leeds", id="elsewhere")
    assert project.organisation("leeds").name == "Leeds City Council"


def test_an_empty_short_name_falls_back_to_the_name(project):
    edit_organisation(project, COORDINATOR, "leeds", short_name="")
    assert project.organisation("leeds").short_name == "Leeds City Council"
