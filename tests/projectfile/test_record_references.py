"""Authority records and confidentiality marks name organisations: a file where one names an
organisation that is not a partner is refused in one line (it was read as it was), and the gate refuses
to write one; no in-app path makes one: a record on a section of another copy of the project (or one
no longer in the outline) is refused instead of being made where the project never sees it."""

import copy
from dataclasses import replace
from pathlib import Path

import pytest

from tests.factories import COORDINATOR, KIRKLEES, T0
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import NotFoundError
from wyassembler.core.outline import set_ownership
from wyassembler.core.question_edits import map_section
from wyassembler.core.signoff import sign_off_section
from wyassembler.projectfile.codec import ProjectFileError, from_bytes
from wyassembler.projectfile.write_gate import WriteRefused, checked_bytes

FROZEN = Path(__file__).resolve().parents[1] / "data" / "formats" / "format-1.6.wyproj"


@pytest.mark.parametrize("old, new, named", [
    (b'<authority org="kirklees"', b'<authority org="mayor-of-nowhere"', "an authority record names organisation "
                                                                         "'mayor-of-nowhere'"),
    (b'<mark confidential="yes" org="kirklees"', b'<mark confidential="yes" org="stranger"',
     "a confidentiality mark on section"),
])
def test_a_file_with_a_record_by_an_organisation_that_is_not_a_partner_is_refused_in_one_line(old, new, named):
    data = FROZEN.read_bytes()
    assert old in data
    with pytest.raises(ProjectFileError) as refused:
        from_bytes(data.replace(old, new, 1))
    message = str(refused.value)
    assert "\n" not in message and named in message and "which is not in the project" in message


def test_the_gate_refuses_to_write_a_record_by_an_organisation_that_is_not_a_partner():
    project = from_bytes(FROZEN.read_bytes())
    project.authorities.append(replace(project.authorities[0], org="stranger"))
    with pytest.raises(WriteRefused, match="an authority record names organisation 'stranger'"):
        checked_bytes(project)


@pytest.mark.parametrize("record", [
    lambda project, section: mark_section(project, KIRKLEES, section, True, "Commercially sensitive", now=T0),
    lambda project, section: sign_off_section(project, KIRKLEES, section, now=T0),
    lambda project, section: edit_section(project, KIRKLEES, section, blocks=(Paragraph(plain("New.")),), now=T0),
    lambda project, section: set_ownership(project, COORDINATOR, section, "calderdale", []),
    lambda project, section: map_section(project, KIRKLEES, section, []),
], ids=["mark", "sign-off", "edit", "ownership", "answers"])
def test_a_record_on_a_section_of_another_copy_is_refused_and_nothing_changes(project, record):
    other_copys_section = copy.deepcopy(project).find_section("3")
    before = copy.deepcopy(project)
    with pytest.raises(NotFoundError, match="is not in this project's outline"):
        record(project, other_copys_section)
    assert project == before and other_copys_section == before.find_section("3")
