"""A section with conflict copies, for the UI tests of the dialogs that resolve them."""

from __future__ import annotations

from wyassembler.core import editing
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.merge import merge_projects
from wyassembler.core.model import Actor
from wyassembler.ui.project import files


def two_conflict_copies():
    """Section 3 of the sample changed in three copies at once: the current text and two conflict copies."""
    copies = [files.sample_project() for _ in range(3)]
    for project, org in zip(copies, ("calderdale", "joint-services", "police"), strict=True):
        editing.edit_section(project, Actor(org, "Someone"), project.find_section("3"),
                             blocks=(Paragraph(plain(f"{org}'s version.")),))
    merged = merge_projects(merge_projects(copies[0], copies[1]).project, copies[2]).project
    section = merged.find_section("3")
    assert len(section.conflicts) == 2
    return merged, section
