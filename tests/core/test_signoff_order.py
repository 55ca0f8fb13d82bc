"""The latest decision is the one made after seeing the others (the file's history), never the one
with the latest clock; a clock noticed to be wrong is shown."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, UTC
from pathlib import Path

from tests.cli.conftest import cli  # noqa: F401 - the command line, run in this process
from tests.factories import CALDERDALE, KIRKLEES, T0
from wyassembler.core.merge import merge_projects
from wyassembler.core.model import Actor
from wyassembler.core.signoff import (clock_skew_notes, endorse_response, endorsement_states, readiness,
                                      section_state, sign_off_section, signoff_matrix)
from wyassembler.projectfile import storage
from wyassembler.projectfile.codec import from_bytes, to_bytes

OLD_FILE = Path(__file__).parents[1] / "data" / "formats" / "format-1.0.wyproj"
# A second person at Calderdale, on a PC whose clock is a day fast.
CALDERDALE_FAST_PC = Actor("calderdale", "R. Ahmed", "contributor")


def test_an_approval_after_a_change_request_from_a_fast_clock_wins(project):
    section = project.find_section("2")
    sign_off_section(project, CALDERDALE_FAST_PC, section, "changes-requested", "Add the figures",
                     now=T0 + timedelta(days=1))
    sign_off_section(project, CALDERDALE, section, now=T0 + timedelta(hours=1))  # seen the request, approves
    assert section_state(section, "calderdale") == "approved"
    assert not any("section 2" in line for line in readiness(project).summary(project).splitlines()
                   if line.startswith("Calderdale"))


def test_a_decision_dated_2099_does_not_block_forever(project):
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, "changes-requested", "Cite the standard",
                     now=datetime(2099, 1, 1, tzinfo=UTC))
    sign_off_section(project, KIRKLEES, section, now=T0)
    assert section_state(section, "kirklees") == "approved"
    endorse_response(project, KIRKLEES, "changes-requested", "Not yet", now=datetime(2099, 1, 1, tzinfo=UTC))
    endorse_response(project, KIRKLEES, now=T0)
    assert endorsement_states(project)["kirklees"] == "endorsed"


def test_clock_skew_is_shown_when_noticed(project):
    section = project.find_section("2")
    sign_off_section(project, CALDERDALE_FAST_PC, section, "changes-requested", "Add the figures",
                     now=T0 + timedelta(days=1))
    sign_off_section(project, CALDERDALE, section, now=T0 + timedelta(hours=1))
    endorse_response(project, KIRKLEES, now=datetime(2099, 1, 1, tzinfo=UTC))
    notes = clock_skew_notes(project, now=T0 + timedelta(days=2))
    assert len(notes) == 2
    assert notes[0].startswith("section 2: J. Smith (Calderdale)") and "about 23 hours out" in notes[0]
    assert notes[1].startswith("endorsements:") and "about 73 years in the future" in notes[1]
    assert signoff_matrix(project, now=T0 + timedelta(days=2)).clock_skew == notes


def test_no_skew_is_reported_for_clocks_that_agree(project):
    section = project.find_section("2")
    sign_off_section(project, CALDERDALE_FAST_PC, section, "changes-requested", "Add the figures", now=T0)
    sign_off_section(project, CALDERDALE, section, now=T0 + timedelta(hours=1))
    assert clock_skew_notes(project, now=T0 + timedelta(hours=2)) == []


def test_concurrent_decisions_are_ordered_by_time_whatever_the_order_of_merging(project):
    ours, theirs = copy.deepcopy(project), copy.deepcopy(project)
    sign_off_section(ours, CALDERDALE, ours.find_section("2"), now=T0 + timedelta(minutes=5))
    sign_off_section(theirs, CALDERDALE_FAST_PC, theirs.find_section("2"), "changes-requested", "Shorter",
                     now=T0 + timedelta(minutes=9))
    one = merge_projects(ours, theirs).project.find_section("2")
    other = merge_projects(theirs, ours).project.find_section("2")
    assert [s.sequence for s in one.signoffs] == [1, 1]  # neither saw the other
    assert section_state(one, "calderdale") == section_state(other, "calderdale") == "changes-requested"


def test_the_order_survives_saving_and_loading(project):
    section = project.find_section("2")
    sign_off_section(project, CALDERDALE_FAST_PC, section, "changes-requested", "Add the figures",
                     now=T0 + timedelta(days=1))
    sign_off_section(project, CALDERDALE, section, now=T0 + timedelta(hours=1))
    data = to_bytes(project)
    assert b' format="1.2" ' in data and b'sequence="2"' in data
    again = from_bytes(data)
    assert section_state(again.find_section("2"), "calderdale") == "approved"
    assert to_bytes(again) == data


def test_a_file_from_before_sequences_loads_and_orders_by_time_as_before(tmp_path):
    data = OLD_FILE.read_bytes()
    assert b' format="1.0" ' in data and b"sequence=" not in data
    project = from_bytes(data)
    assert readiness(project).ready  # every old decision counts as it did
    assert to_bytes(project) == data  # nothing new used: still written as 1.0, byte for byte
    # A decision made now comes after every old one, whatever the old ones' clocks said.
    section = project.all_sections()[0]
    owner = Actor(section.owner, "New Lead", "partner lead")
    sign_off_section(project, owner, section, "changes-requested", "One more look",
                     now=datetime(2005, 1, 1, tzinfo=UTC))
    assert section_state(section, section.owner) == "changes-requested"
    path = tmp_path / "old.wyproj"
    path.write_bytes(data)
    loaded = storage.load(path)
    sign_off_section(loaded.project, owner, loaded.project.all_sections()[0], "changes-requested", "Again")
    storage.save_shared(loaded.project, path, loaded.data, loaded.structure)
    # Sequences came in 1.2; the save's entry in the history of saves makes the file 1.4.
    assert b'sequence="' in path.read_bytes() and b' format="1.4" ' in path.read_bytes()


def test_status_shows_the_owner_approval_and_the_skew(cli, project, tmp_path):  # noqa: F811 - the fixture imported above
    path = tmp_path / "r.wyproj"
    section = project.find_section("2")
    sign_off_section(project, CALDERDALE_FAST_PC, section, "changes-requested", "Add the figures",
                     now=datetime(2099, 1, 1, tzinfo=UTC))
    storage.save_project(project, path)
    signed = cli("sign-off", path, "2", "--as", "Calderdale", "--by", "J. Smith")
    assert signed.code == 0 and "approved" in signed.out
    status = json.loads(cli("status", path, "--json").out)
    assert status["sections"][1]["signoffs"]["calderdale"] == "approved"
    assert any("in the future" in note for note in status["clock_skew"])
    assert "Clocks that were wrong" in cli("status", path).out
