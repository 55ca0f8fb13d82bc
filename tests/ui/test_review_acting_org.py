"""The stale-approval bar speaks to the organisation acting: its own stale approval first (the one it is
asked to renew), then how many others; Show Changes opens on it, first in the chooser. Acting as West Yorkshire
Fire, the bar led with "Changed since Calderdale … approved it", an approval Fire cannot renew."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR
from tests.ui.test_review_views import capture
from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.model import Actor
from wyassembler.core.signoff import sign_off_section
from wyassembler.settings import Identity
from wyassembler.ui.dialogs.changes import ChangesDialog
from wyassembler.ui.project import files

FIRE_LEAD = Identity("R. Jones", "fire", "partner lead")
POLICE_LEAD = Identity("P. Ward", "police", "partner lead")
FIRE = "WYFRS"  # the sample's short name of West Yorkshire Fire & Rescue Service


def approved_by_three_then_edited():
    """Section 3 approved by Calderdale (its owner), then Police, then Fire (contributors), then edited."""
    project = files.sample_project()
    section = project.find_section("3")
    start = max(section.current.time, section.signoffs[-1].time)  # after Calderdale's approval
    for days, org, person in ((1, "police", "P. Ward"), (2, "fire", "R. Jones")):
        sign_off_section(project, Actor(org, person, "partner lead"), section, now=start + timedelta(days=days))
    editing.edit_section(project, Actor("calderdale", "J. Smith", "partner lead"), section,
                         blocks=(Paragraph(plain("A new first paragraph.")), *section.blocks[1:]),
                         now=start + timedelta(days=3))
    return project


def open_as(sample_window, identity):
    window = sample_window(identity)
    project = approved_by_three_then_edited()
    window.open_project(project)
    window.select_section(project.find_section("3").id)
    return window


def test_the_bar_leads_with_the_acting_organisations_own_stale_approval(qtbot, sample_window, monkeypatch):
    window = open_as(sample_window, FIRE_LEAD)
    bar = window.signing.review.bar
    assert bar.isVisible()
    assert bar.stale_label.text().startswith(f"Changed since {FIRE} approved it on ")
    assert "and since 2 other organisations approved it" in bar.stale_label.text()
    assert bar.show_changes.accessibleDescription() == bar.stale_label.text()
    shown = capture(monkeypatch, ChangesDialog)
    qtbot.mouseClick(bar.show_changes, Qt.MouseButton.LeftButton)
    chooser = shown[0].chooser
    assert chooser.itemData(0) == "fire" and chooser.currentData() == "fire"
    assert [chooser.itemData(i) for i in range(chooser.count())] == ["fire", "calderdale", "police"]
    assert shown[0].intro.text().count(FIRE) == 1


def test_each_organisation_sees_its_own_first_and_one_with_none_stale_the_oldest(qtbot, sample_window):
    window = open_as(sample_window, POLICE_LEAD)
    assert window.signing.review.bar.stale_label.text().startswith("Changed since WY Police approved")
    window = open_as(sample_window, COORDINATOR)  # joint-services approved nothing: the oldest approval first
    assert window.signing.review.bar.stale_label.text().startswith("Changed since Calderdale")
    window.document.set_identity(FIRE_LEAD)  # the person says who they are: the bar follows at once
    assert window.signing.review.bar.stale_label.text().startswith(f"Changed since {FIRE} approved")
