"""A project snapshot shares immutable records and copies everything that changes in place."""

from __future__ import annotations

from wyassembler.core import editing, outline, signoff
from wyassembler.core.model import Actor
from wyassembler.core.snapshot import snapshot, snapshot_in_steps
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.resource_files import SAMPLE, resource_bytes

COORDINATOR = Actor("joint-services", "H. Dawson", "coordinator")


def test_a_snapshot_is_equal_and_serialises_identically():
    project = from_bytes(resource_bytes(*SAMPLE))
    copy = snapshot(project)
    assert copy == project and copy is not project
    assert to_bytes(copy) == to_bytes(project)


def test_changes_to_the_original_never_reach_the_snapshot():
    project = from_bytes(resource_bytes(*SAMPLE))
    copy = snapshot(project)
    before = to_bytes(copy)
    first = project.sections[0]
    editing.edit_section(project, COORDINATOR, first, heading="Changed after the snapshot")
    outline.add_section(project, COORDINATOR, "A new sub-section", "joint-services", parent=project.sections[1])
    outline.delete_section(project, COORDINATOR, project.sections[2])
    signoff.endorse_response(project, COORDINATOR, signoff.APPROVED)
    project.organisations[0].lead_name = "Someone else"
    project.title = "Another title"
    assert to_bytes(copy) == before
    # and the other way round
    copy.sections[0].contributors.append("leeds")
    assert "leeds" not in project.sections[0].contributors


def test_immutable_records_are_shared_not_copied():
    project = from_bytes(resource_bytes(*SAMPLE))
    copy = snapshot(project)
    assert copy.sections[0].revisions[-1] is project.sections[0].revisions[-1]
    assert copy.sections[0] is not project.sections[0]
    assert copy.sections[0].revisions is not project.sections[0].revisions


def _stepped(project, per_step):
    steps = list(snapshot_in_steps(project, per_step))
    return steps[:-1], steps[-1]


def test_a_snapshot_taken_in_steps_is_the_same_copy_and_as_independent():
    project = from_bytes(resource_bytes(*SAMPLE))
    count = len(project.all_sections())
    pauses, copy = _stepped(project, 2)
    assert len(pauses) == count // 2 and all(pause is None for pause in pauses)
    assert copy == snapshot(project) == project and copy is not project
    assert to_bytes(copy) == to_bytes(project)
    originals = {id(section) for section in project.all_sections()}
    assert not any(id(section) in originals for section in copy.all_sections())
    assert copy.sections[0].revisions[-1] is project.sections[0].revisions[-1]  # immutable records shared
    before = to_bytes(copy)
    outline.add_section(project, COORDINATOR, "A new sub-section", "joint-services", parent=project.sections[1])
    project.sections[0].contributors.append("leeds")
    project.organisations[0].lead_name = "Someone else"
    assert to_bytes(copy) == before


def test_sub_sections_are_copied_in_steps_under_their_own_parents():
    project = from_bytes(resource_bytes(*SAMPLE))
    parent = project.sections[-1]
    for level in range(2):  # as deep as an outline goes, with siblings at each level
        for sibling in range(3):
            added = outline.add_section(project, COORDINATOR, f"Level {level}.{sibling}", "joint-services",
                                        parent=parent)
        parent = added
    _, copy = _stepped(project, 1)
    assert copy == project and to_bytes(copy) == to_bytes(project)
