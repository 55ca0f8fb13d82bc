"""core.diff's approvals to compare from: an organisation's last approval and the revision it approved,
the section's stale approvals, and an approved text pruned from the history."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from wyassembler.core import editing, signoff
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.diff import last_approval, stale_approvals
from wyassembler.core.model import Actor
from wyassembler.projectfile.codec import from_bytes
from wyassembler.resource_files import SAMPLE, resource_bytes

CALDERDALE = Actor("calderdale", "J. Smith", "partner lead")


def edited():
    project = from_bytes(resource_bytes(*SAMPLE))
    section = project.find_section("3")
    approved = section.current
    editing.edit_section(project, CALDERDALE, section, blocks=(Paragraph(plain("A new text.")),),
                         now=approved.time + timedelta(days=1))
    return project, section, approved


def test_the_last_approval_names_the_revision_it_approved():
    project, section, approved = edited()
    found = last_approval(section, "calderdale")
    assert found is not None and found.revision is approved and not found.pruned
    assert found.latest is found.signoff
    assert last_approval(section, "leeds") is None  # never approved section 3


def test_stale_approvals_are_those_of_older_text_and_go_when_approved_again():
    project, section, _approved = edited()
    assert [a.signoff.org for a in stale_approvals(section)] == ["calderdale"]
    signoff.sign_off_section(project, CALDERDALE, section, now=section.current.time + timedelta(hours=1))
    assert stale_approvals(section) == []
    assert last_approval(section, "calderdale").revision is section.current


def test_an_approved_text_pruned_from_the_history_is_said_to_be():
    project, section, approved = edited()
    index = section.revisions.index(approved)
    section.revisions[index] = replace(approved, blocks=None)
    found = last_approval(section, "calderdale")
    assert found.pruned and found.revision is section.revisions[index]
    del section.revisions[index]
    assert last_approval(section, "calderdale").pruned
