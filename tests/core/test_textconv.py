"""The project as text for git's diffs: what it says, that it stays the same when nothing visible changed,
and that each change a reviewer cares about is a line or two of a line diff."""

from __future__ import annotations

import copy
import difflib
from datetime import date, timedelta

from tests.factories import T0
from wyassembler.core.comments import add_comment, set_resolved
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import ListItem, Paragraph, Span, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.history import record_save
from wyassembler.core.merge import merge_projects
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.partners import add_organisation
from wyassembler.core.presets import new_project
from wyassembler.core.proposals import decide, propose
from wyassembler.core.questions import Limit, Question
from wyassembler.core.signoff import (CHANGES_REQUESTED, decline_response, endorse_response, reservation,
                                      sign_off_section)
from wyassembler.core.textconv import one_line, project_text
from wyassembler.projectfile.codec import from_bytes, to_bytes

LEEDS = Actor("leeds", "M. Walsh")
YORK = Actor("york", "A. Reed")


def small_project():
    """Two partners (Leeds coordinates), a section with formatting, a list and a link, and a sub-section
    holding a table."""
    project = new_project("Our response", "To the strategy", "Two Cities", now=T0)
    add_organisation(project, None, "Leeds City Council", "Leeds", lead_name="M. Walsh",
                     lead_email="m@leeds.example")
    add_organisation(project, LEEDS, "City of York Council", "York")
    project.coordinator = "leeds"
    project.responds_to = "The strategy (2026)"
    project.deadline = date(2026, 3, 31)
    add_section(project, LEEDS, "Shared services", "leeds",
                (Paragraph((Span("We "), Span("welcome", bold=True), Span(" this."))),
                 ListItem(plain("Legislation"), "bullet", 1),
                 Paragraph((Span("See "), Span("the plan", href="https://example.org/plan"), Span(".")))),
                contributors=["york"], now=T0)
    add_section(project, LEEDS, "Costs", "york",
                (Table(header=(plain("Year"), plain("Cost")), rows=((plain("2026"), plain("£1m")),)),),
                parent=project.sections[0], now=T0)
    return project


EXPECTED = """\
# Our response
Subtitle: To the strategy
Partnership: Two Cities
Responds to: The strategy (2026)
Deadline: 2026-03-31
Coordinator: Leeds

Partners:
- Leeds City Council (Leeds); lead: M. Walsh <m@leeds.example>
- City of York Council (York)

## 1 Shared services
Owner: Leeds; contributors: York
Sign-off Leeds: pending
Sign-off York: pending

We **welcome** this.

- Legislation

See [the plan](https://example.org/plan).

## 1.1 Costs
Owner: York
Sign-off York: pending

| Year | Cost |
| --- | --- |
| 2026 | £1m |

## Endorsements

- Leeds: pending
- York: pending

Readiness: not final, 4 items outstanding (Leeds 2, York 2)
"""


def changed_lines(before: str, after: str) -> list[str]:
    """The -/+ lines of a line diff, as git would show them (no context)."""
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))]


def test_a_small_project_reads_as_written_out_by_hand():
    assert project_text(small_project()) == EXPECTED


def test_the_text_is_the_same_after_a_save_that_changes_nothing():
    project = small_project()
    sign_off_section(project, LEEDS, project.sections[0], now=T0)
    add_comment(project, YORK, project.sections[0], "Is this right?", now=T0)
    before = project_text(project)
    record_save(project, "leeds", "M. Walsh", now=T0 + timedelta(days=3))  # a new history entry, a new time
    blocks = project.sections[0].blocks
    edit_section(project, LEEDS, project.sections[0], blocks=(Paragraph(plain("Other.")),), now=T0)
    edit_section(project, LEEDS, project.sections[0], blocks=blocks, now=T0)  # and back: the approval holds
    saved_twice = from_bytes(to_bytes(from_bytes(to_bytes(project))))
    assert project_text(saved_twice) == before
    assert project_text(project) == before  # and the same when asked twice


def test_a_sign_off_appearing_is_one_changed_line_and_an_edit_makes_it_stale():
    project = small_project()
    section = project.sections[0]
    before = project_text(project)
    sign_off_section(project, LEEDS, section, now=T0 + timedelta(days=1))
    approved = project_text(project)
    assert changed_lines(before, approved)[:2] == ["-Sign-off Leeds: pending",
                                                   "+Sign-off Leeds: approved by M. Walsh on 2026-01-06"]
    edit_section(project, LEEDS, section, blocks=(Paragraph(plain("We welcome this warmly.")),),
                 now=T0 + timedelta(days=2))
    stale = project_text(project)
    assert ("+Sign-off Leeds: approval stale since the text changed (approved by M. Walsh on 2026-01-06)"
            in changed_lines(approved, stale))
    sign_off_section(project, YORK, section, CHANGES_REQUESTED, note="Say\nwhy.", now=T0 + timedelta(days=3))
    assert changed_lines(stale, project_text(project)) == [
        "-Sign-off York: pending", "+Sign-off York: changes requested by A. Reed on 2026-01-08: Say why.",
        "-Readiness: not final, 4 items outstanding (Leeds 2, York 2)",
        "+Readiness: not final, 5 items outstanding (Leeds 2, York 3)"]


def test_a_changed_word_is_one_line_pair_of_the_content():
    project = small_project()
    before = project_text(project)
    edit_section(project, LEEDS, project.sections[0],
                 blocks=(Paragraph((Span("We "), Span("welcome", bold=True), Span(" that."))),
                         ListItem(plain("Legislation"), "bullet", 1),
                         Paragraph((Span("See "), Span("the plan", href="https://example.org/plan"), Span(".")))),
                 now=T0 + timedelta(days=1))
    assert changed_lines(before, project_text(project)) == ["-We **welcome** this.", "+We **welcome** that."]


def test_a_comment_is_one_added_line_and_a_resolved_thread_is_counted():
    project = small_project()
    section = project.sections[0]
    before = project_text(project)
    first = add_comment(project, YORK, section, "Which\nlegislation?", quote="Legislation",
                        now=T0 + timedelta(days=1))
    one = project_text(project)
    assert changed_lines(before, one) == [
        "+Comment by A. Reed (York), 2026-01-06 on \u201cLegislation\u201d: Which legislation?"]
    add_comment(project, LEEDS, section, "The 2000 Act.", reply_to=first.id, now=T0 + timedelta(days=2))
    replied = project_text(project)
    assert changed_lines(one, replied) == ["+  Reply by M. Walsh (Leeds), 2026-01-07: The 2000 Act."]
    set_resolved(project, YORK, first.id, True, now=T0 + timedelta(days=3))
    assert changed_lines(replied, project_text(project)) == [
        "-Comment by A. Reed (York), 2026-01-06 on \u201cLegislation\u201d: Which legislation?",
        "-  Reply by M. Walsh (Leeds), 2026-01-07: The 2000 Act.",
        "+Comment threads resolved: 1"]


def test_conflict_copies_proposals_marks_and_questions_each_have_a_line():
    project = small_project()
    costs = project.sections[0].children[0]
    base = copy.deepcopy(project)
    theirs = copy.deepcopy(project)
    edit_section(theirs, YORK, theirs.sections[0].children[0], blocks=(Paragraph(plain("Theirs.")),),
                 now=T0 + timedelta(hours=2))
    edit_section(project, YORK, costs, blocks=(Paragraph(plain("Ours.")),), now=T0 + timedelta(hours=1))
    project = merge_projects(theirs, project, base).project
    costs = project.sections[0].children[0]
    mark_section(project, YORK, costs, True, "commercial figures", now=T0 + timedelta(days=1))
    proposal = propose(project, LEEDS, costs, costs.current.id, "Costs", (Paragraph(plain("Proposed.")),),
                       source="pack.docx", now=T0 + timedelta(days=2))
    text = project_text(project)
    section_text = text[text.index("## 1.1 Costs"):text.index("## Endorsements")]
    assert section_text.splitlines()[:6] == [
        "## 1.1 Costs",
        "Owner: York",
        "Confidential: commercial figures",
        "Sign-off York: pending",
        "Conflict copy 1: by A. Reed (York) on 2026-01-05 11:00 UTC, unresolved",
        "Proposal by M. Walsh (Leeds) on 2026-01-07, open (from pack.docx)"]
    assert "\n\nOurs.\n" in section_text
    decide(project, YORK, proposal.id, accept=False, now=T0 + timedelta(days=3))
    assert changed_lines(text, project_text(project)) == [
        "-Proposal by M. Walsh (Leeds) on 2026-01-07, open (from pack.docx)", "+Proposals decided: 1"]


def test_endorsements_with_reservations_and_declines_are_lines_with_readiness_last():
    project = small_project()
    for section in project.all_sections():
        for actor in (LEEDS, YORK):
            if actor.org in section.editors():
                sign_off_section(project, actor, section, now=T0)
    endorse_response(project, LEEDS, now=T0 + timedelta(days=1),
                     reservations=[reservation(project, "Costs are\nestimates.", "1.1")])
    decline_response(project, YORK, note="Not our policy.", now=T0 + timedelta(days=2))
    lines = project_text(project).splitlines()
    at = lines.index("## Endorsements")
    assert lines[at:] == [
        "## Endorsements", "",
        "- Leeds: endorsed with reservations by M. Walsh on 2026-01-06",
        "  - reservation (section 1.1): Costs are estimates.",
        "- York: declined by A. Reed on 2026-01-07: Not our policy.",
        "",
        "Readiness: final"]


def test_one_line_flattens_and_cuts_long_text():
    assert one_line("a\n\n b\tc ") == "a b c"
    assert one_line("word " * 100, limit=20) == "word word word word\u2026"


def test_content_cannot_pass_for_a_section_heading():
    project = small_project()
    edit_section(project, LEEDS, project.sections[0], heading="Shared\nservices",
                 blocks=(Paragraph(plain("## 2 A section that is not there")),), now=T0)
    text = project_text(project)
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 1 Shared services", "## 1.1 Costs", "## Endorsements"]
    assert "\\## 2 A section that is not there" in text


def test_the_questions_and_what_each_section_answers():
    project = small_project()
    project.questions = [Question("q-1", "3a", "Do you\nagree?", Limit("words", 250), ("Yes", "No"), "Yes"),
                         Question("q-2", "4", "Anything else?", no_comment=True)]
    project.sections[0].answers = ["q-1", "q-2"]
    lines = project_text(project).splitlines()
    assert lines[lines.index("Consultation questions:"):][:3] == [
        "Consultation questions:",
        "- Q3a: Do you agree? [250 words; options: Yes / No; answer: Yes]",
        "- Q4: Anything else? [no comment]"]
    assert lines[lines.index("## 1 Shared services") + 2] == "Answers: Q3a, Q4"
