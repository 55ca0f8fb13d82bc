"""Proposed versions from tracked changes, decided whole by the section's owner (core.proposals)."""

from __future__ import annotations

import pytest

from tests.factories import CALDERDALE, KIRKLEES, POLICE, T0
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import ContentError, PermissionDenied
from wyassembler.core.proposals import decide, decision_of, open_proposals, propose


def _section(project):
    return next(s for s in project.all_sections() if s.owner == "calderdale")


def test_accepting_makes_a_revision_and_closes_the_proposal(project):
    section = _section(project)
    base = section.current
    proposal = propose(project, POLICE, section, base.id, "Shared services", (Paragraph(plain("Proposed.")),),
                       source="pack.docx", now=T0)
    assert open_proposals(section) == [proposal]
    assert section.current is base  # nothing taken yet
    outcome = decide(project, CALDERDALE, proposal.id, True, now=T0)
    assert outcome.kind == "updated" and section.blocks == (Paragraph(plain("Proposed.")),)
    assert decision_of(section, proposal.id).revision == section.current.id
    assert open_proposals(section) == []
    with pytest.raises(ContentError, match="already decided"):
        decide(project, CALDERDALE, proposal.id, False)


def test_rejecting_keeps_the_text(project):
    section = _section(project)
    base = section.current
    proposal = propose(project, POLICE, section, base.id, "Other heading", section.blocks, now=T0)
    outcome = decide(project, CALDERDALE, proposal.id, False, now=T0)
    assert outcome.kind == "unchanged" and section.current is base
    assert decision_of(section, proposal.id).outcome == "rejected"


def test_accepting_after_the_section_changed_keeps_a_conflict_copy(project):
    section = _section(project)
    proposal = propose(project, POLICE, section, section.current.id, "Shared services",
                       (Paragraph(plain("Proposed.")),), now=T0)
    edit_section(project, CALDERDALE, section, blocks=(Paragraph(plain("Newer.")),), now=T0)
    outcome = decide(project, CALDERDALE, proposal.id, True, now=T0)
    assert outcome.kind == "conflict" and section.blocks == (Paragraph(plain("Newer.")),)
    assert section.conflicts[-1].blocks == (Paragraph(plain("Proposed.")),)


def test_only_the_owner_decides_and_the_same_text_proposes_nothing(project):
    section = _section(project)
    assert propose(project, POLICE, section, section.current.id, section.heading, section.blocks) is None
    proposal = propose(project, POLICE, section, section.current.id, "New", section.blocks)
    with pytest.raises(PermissionDenied, match="its owner"):
        decide(project, KIRKLEES, proposal.id, True)


def test_a_proposal_whose_text_before_is_not_its_revisions_is_refused(project):
    """A hand-edited file's proposal claiming a text before that its revision does not hold would list only
    the changes from that text, and accepting would bring in, unlisted, whatever it differs by."""
    from dataclasses import replace

    from wyassembler.core.integrity import reference_problems
    from wyassembler.core.proposal_changes import decide_changes

    section = _section(project)
    proposal = propose(project, POLICE, section, section.current.id, section.heading,
                       (Paragraph(plain("We welcome this. Smuggled words plus.")),), now=T0)
    forged = replace(proposal, before_blocks=(Paragraph(plain("We welcome this. Smuggled words.")),))
    section.proposals[-1] = forged
    assert any("not the text of its revision" in problem for problem in reference_problems(project))
    base = section.current
    with pytest.raises(ContentError, match="not the text of its revision"):
        decide_changes(project, CALDERDALE, forged.id, {1})
    with pytest.raises(ContentError, match="not the text of its revision"):
        decide(project, CALDERDALE, forged.id, True)
    assert section.current is base and decision_of(section, forged.id) is None
