"""The sign-off matrix after one section's change, worked out from the matrix before it, is the matrix
worked out whole."""

from __future__ import annotations

from tests.factories import CALDERDALE, COORDINATOR
from tests.hard_project import hard_project
from wyassembler.core import signoff
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section


def as_seen(matrix: signoff.SignoffMatrix) -> tuple:
    return ([(row.section.id, row.number, row.level, row.states) for row in matrix.rows], matrix.endorsements,
            matrix.readiness, matrix.endorsed, matrix.endorsers_required, matrix.clock_skew)


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
