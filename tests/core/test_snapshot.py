"""A project snapshot shares immutable records and copies everything that changes in place."""

from __future__ import annotations

from wyassembler.core import editing, outline, signoff
from wyassembler.core.model import Actor
from wyassembler.core.snapshot import snapshot
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
