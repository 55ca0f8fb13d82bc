"""The sign-off matrix after one section's change, worked out from the matrix before it, is the matrix
worked out whole."""

from __future__ import annotations

from datetime import datetime, timedelta, UTC

from hypothesis import given, settings, strategies as st

from tests.factories import CALDERDALE, COORDINATOR
from tests.hard_project import hard_project
from wyassembler.core import signoff
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor


def as_seen(matrix: signoff.SignoffMatrix) -> tuple:
    return ([(row.section.id, row.number, row.level, row.states) for row in matrix.rows], matrix.endorsements,
            matrix.readiness, matrix.endorsed, matrix.endorsers_required, matrix.clock_skew, matrix.positions)


def test_matrix_after_an_edit_and_a_sign_off_is_the_matrix_worked_out_whole():
    project = hard_project()
    before = signoff.signoff_matrix(project)
    calderdale = [s for s in project.all_sections() if s.owner == "calderdale"]
    signoff.sign_off_section(project, CALDERDALE, calderdale[3])
    signoff.endorse_response(project, CALDERDALE)
    edited = calderdale[5]
    edit_section(project, COORDINATOR, edited, blocks=(Paragraph(plain("Changed.")),))
    after = signoff.signoff_matrix_after(before, project, [calderdale[3].id, edited.id])
    assert as_seen(after) == as_seen(signoff.signoff_matrix(project))
    assert as_seen(after) != as_seen(before)


def test_sections_left_out_keep_their_rows_as_they_were():
    project = hard_project()
    before = signoff.signoff_matrix(project)
    section = next(s for s in project.all_sections() if s.owner == "calderdale")
    signoff.sign_off_section(project, CALDERDALE, section)
    unchanged = signoff.signoff_matrix_after(before, project, [])
    row = next(r for r in unchanged.rows if r.section.id == section.id)
    assert row.states[section.owner] == signoff.PENDING  # not asked to look again, so not looked at
    assert signoff.signoff_matrix_after(before, project, [section.id]).rows[before.rows.index(row)].states[
        section.owner] == signoff.APPROVED


# Each step: what is done, to which section (a number picking one), when it is dated (hours from T0, some
# far in the future as a wrong clock dates them), and when the matrix is looked at (hours from T0).
MATRIX_STEPS = st.lists(st.tuples(st.sampled_from(["approve", "request", "edit", "endorse", "withhold", "nothing"]),
                                  st.integers(0, 10_000), st.integers(-48, 24 * 400), st.integers(-24, 24 * 30)),
                        min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(MATRIX_STEPS)
def test_matrix_after_random_decisions_and_edits_is_the_matrix_worked_out_whole(steps):
    project = hard_project(top_level=12, total=40)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    matrix = signoff.signoff_matrix(project, now=start)
    sections = project.all_sections()
    for kind, pick, dated, looked in steps:
        section = sections[pick % len(sections)]
        org = section.editors()[pick % len(section.editors())]
        actor = Actor(org, f"Person of {org}", "partner lead")
        when = start + timedelta(hours=dated)
        if kind in ("approve", "request"):
            decision = signoff.APPROVED if kind == "approve" else signoff.CHANGES_REQUESTED
            signoff.sign_off_section(project, actor, section, decision, "A note", now=when)
        elif kind == "edit":
            edit_section(project, COORDINATOR, section, blocks=(Paragraph(plain(f"Edited at {dated}.")),))
        elif kind in ("endorse", "withhold"):
            decision = signoff.APPROVED if kind == "endorse" else signoff.CHANGES_REQUESTED
            signoff.endorse_response(project, actor, decision, "Not yet", now=when)
        now = start + timedelta(hours=looked)  # sometimes before the last look: a clock put back
        matrix = signoff.signoff_matrix_after(matrix, project, [section.id] if kind != "nothing" else [], now=now)
        assert as_seen(matrix) == as_seen(signoff.signoff_matrix(project, now=now))
        assert matrix.readiness == signoff.readiness(project)
        assert matrix.clock_skew == signoff.clock_skew_notes(project, now=now)
        assert matrix.endorsements == signoff.endorsement_states(project)


def test_the_response_hash_from_the_rows_is_the_response_hash():
    project = hard_project(top_level=12, total=40)
    project.title = "Ymateb ar y cyd \u2013 \u201cdyfodol\u201d"  # JSON writes it as it is, not escaped
    matrix = signoff.signoff_matrix(project)
    encoded = [row.encoded[1] for row in matrix.rows]
    assert signoff._response_hash_of(project, encoded) == signoff.response_hash(project)
    section = matrix.rows[3].section
    edit_section(project, COORDINATOR, section, blocks=(Paragraph(plain("Not told to the matrix.")),))
    told_nothing = signoff.signoff_matrix_after(matrix, project, [])
    assert told_nothing.endorsements == signoff.endorsement_states(project)
    assert signoff._response_hash_of(project, [row.encoded[1] for row in told_nothing.rows]) == \
        signoff.response_hash(project)
