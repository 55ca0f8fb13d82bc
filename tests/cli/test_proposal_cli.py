"""``wyassembler proposals``, ``accept`` and ``reject``: proposals listed change by change (text and JSON),
accepted whole or in part, rejected, saved and read back; a conflict copy said clearly; one-line errors
(exit 1 for what is not there or not allowed, exit 2 for usage)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.factories import T0
from wyassembler.core.content import Span
from wyassembler.core.history import record_save
from wyassembler.core.model import Actor
from wyassembler.core.proposals import propose
from wyassembler.core.review_records import TrackedChange
from wyassembler.projectfile.storage import load, save_project

CALDERDALE = ("--as", "calderdale", "--by", "J. Smith")  # section 3's owner
KIRKLEES = ("--as", "kirklees", "--by", "S. Patel")
POLICE = Actor("police", "P. Clarke", "contributor")
HEADING = "Moving to a Shared Services Culture"
FIRST = "The Partnership particularly welcomes this section"


def _one_line(result) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


@pytest.fixture
def proposed(sample):
    """The sample with a proposal on section 3 from WY Police's pack: the heading renamed, a word put in the
    first paragraph (bold) and the last list item dropped. Returns (path, proposal id)."""
    project = load(sample).project
    section = project.find_section("3")
    first = section.blocks[0]
    spans = first.spans
    text = spans[0].text
    assert text.startswith(FIRST)
    cut = len("The Partnership ")
    edited = replace(first, spans=(Span(text[:cut]), Span("strongly", bold=True), Span(" " + text[cut:]),
                                   *spans[1:]))
    blocks = (edited, *section.blocks[1:-1])
    tracked = (TrackedChange("insertion", "Pat Clarke", T0, "strongly"),)
    proposal = propose(project, POLICE, section, section.current.id, "Moving to Shared Services", blocks,
                       tracked=tracked, source="police-pack.docx", now=T0)
    record_save(project, "police", "P. Clarke")
    save_project(project, sample)
    return sample, proposal.id


def test_proposals_lists_each_change_numbered_with_its_words_and_word_author(cli, proposed):
    sample, proposal_id = proposed
    result = cli("proposals", sample)
    assert result.code == 0, result.err
    out = result.out
    assert f"{proposal_id} on section 3 \u201c{HEADING}\u201d: open" in out
    assert "brought in by P. Clarke (WY Police) on 2026-01-05 09:00 UTC from police-pack.docx" in out
    assert "  1. heading: Moving to [-a -]Shared Services\n" in out
    assert "  2. heading: Shared Services[- Culture-]\n" in out
    assert "(Word: Pat Clarke): The Partnership {+strongly +}particularly welcomes" in out
    assert "  4. list item 4 (removed): [-The Partnership also suggests" in out
    # Only open ones by default; none on another section.
    heading = _heading(cli, sample, 4)
    assert cli("proposals", sample, "4").out == f"No open proposals on section 4 \u201c{heading}\u201d.\n"


def _heading(cli, sample, number):
    return cli("show", sample, str(number)).out.splitlines()[0].removeprefix("# ")


def test_proposals_json_gives_every_change(cli, proposed):
    sample, proposal_id = proposed
    data = json.loads(cli("proposals", sample, "3", "--json").out)
    [proposal] = data["proposals"]
    assert proposal["id"] == proposal_id and proposal["section"] == "3" and proposal["decision"] is None
    assert proposal["source"] == "police-pack.docx" and proposal["section_changed_since"] is False
    numbers = [change["number"] for change in proposal["changes"]]
    assert numbers == list(range(1, len(numbers) + 1))
    word = next(change for change in proposal["changes"] if change["added"] == "strongly ")
    assert word["label"] == "paragraph 1" and word["word"][0]["author"] == "Pat Clarke"


def test_accepting_some_changes_saves_a_partial_decision_kept_after_reading_back(cli, proposed):
    sample, proposal_id = proposed
    changes = json.loads(cli("proposals", sample, "--json").out)["proposals"][0]["changes"]
    word = next(change["number"] for change in changes if change["added"] == "strongly ")
    result = cli("accept", sample, proposal_id, "--change", word, *CALDERDALE)
    assert result.code == 0, result.err
    assert f"Accepted change {word} of proposal {proposal_id} on section 3" in result.out
    shown = cli("show", sample, "3").out
    assert shown.startswith(f"# {HEADING}\n")  # the heading's change left
    assert "The Partnership **strongly** particularly welcomes" in shown
    assert "The Partnership also suggests" in shown  # the removal left
    assert cli("proposals", sample).out == "No open proposals in this project.\n"
    listed = cli("proposals", sample, "--all").out
    assert f"{proposal_id} on section 3" in listed and f"partial (changes {word}) by J. Smith (Calderdale)" in listed
    decision = json.loads(cli("proposals", sample, "--all", "--json").out)["proposals"][0]["decision"]
    assert decision["outcome"] == "partial" and decision["accepted"] == [word] and decision["revision"]
    assert cli("verify", sample).code == 0


def test_accepting_all_and_rejecting(cli, proposed):
    sample, proposal_id = proposed
    result = cli("accept", sample, proposal_id, *CALDERDALE)
    assert result.code == 0, result.err
    assert f"Accepted every change of proposal {proposal_id}" in result.out
    assert cli("show", sample, "3").out.startswith("# Moving to Shared Services\n")
    again = cli("reject", sample, proposal_id, *CALDERDALE)
    assert again.code == 1 and "already decided" in _one_line(again)


def test_rejecting_keeps_the_text(cli, proposed):
    sample, proposal_id = proposed
    before = cli("show", sample, "3").out
    result = cli("reject", sample, proposal_id, *CALDERDALE)
    assert result.code == 0, result.err
    assert f"Rejected proposal {proposal_id}" in result.out and "stays as it is" in result.out
    assert cli("show", sample, "3").out == before
    assert json.loads(cli("proposals", sample, "--all", "--json").out)["proposals"][0]["decision"]["outcome"] \
        == "rejected"


def test_accepting_after_the_section_changed_says_it_kept_a_conflict_copy(cli, proposed, tmp_path):
    sample, proposal_id = proposed
    source = tmp_path / "newer.md"
    source.write_text(f"# {HEADING}\n\nNewer text.\n", encoding="utf-8")
    assert cli("edit-section", sample, "3", "--from", source, *CALDERDALE).code == 0
    assert "the section changed since it was made" in cli("proposals", sample).out
    result = cli("accept", sample, proposal_id, "--change", "1", *CALDERDALE)
    assert result.code == 0, result.err
    assert ("The section changed since; the accepted text was kept as a conflict copy: resolve with "
            f"wyassembler resolve {sample} 3") in result.out
    assert "Newer text." in cli("show", sample, "3").out
    assert "Moving to Shared Services" in cli("show", sample, "3", "--conflicts").out


def test_bad_input_is_one_line_and_writes_nothing(cli, wy, proposed):
    sample, proposal_id = proposed
    data = sample.read_bytes()
    missing = cli("accept", sample, "prop-nothere", *CALDERDALE)
    assert missing.code == 1 and "no proposal 'prop-nothere'" in _one_line(missing)
    not_owner = cli("accept", sample, proposal_id, *KIRKLEES)
    assert not_owner.code == 1 and "its owner" in _one_line(not_owner)
    unknown = cli("accept", sample, proposal_id, "--change", "99", *CALDERDALE)
    assert unknown.code == 1 and "has no change 99: its changes are numbered 1 to" in _one_line(unknown)
    many = cli("accept", sample, proposal_id, "--change", *(str(n) for n in range(1, 20_001)), *CALDERDALE)
    assert many.code == 1 and "has no change " in _one_line(many) and " more: its changes are numbered" in \
        _one_line(many) and len(_one_line(many)) < 200  # not twenty thousand numbers in one line
    zero = wy("accept", sample, proposal_id, "--change", "0", *CALDERDALE)
    assert zero.code == 2 and "not a change number" in zero.err and "Traceback" not in zero.err
    no_identity = wy("reject", sample, proposal_id, env={"HOME": str(sample.parent), "XDG_CONFIG_HOME":
                                                           str(sample.parent), "APPDATA": str(sample.parent)})
    assert no_identity.code == 2 and "--as ORG --by NAME" in no_identity.err
    assert cli("proposals", sample, "99").code == 1
    assert sample.read_bytes() == data
    assert wy("reject", sample, *CALDERDALE).code == 2  # no PROPOSAL
