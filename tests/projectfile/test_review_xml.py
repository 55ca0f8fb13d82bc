"""Format 1.7 in the project file (issue 20): comments, resolved/reopened records, proposals with Word's tracked
changes and the owner's decisions are written and read back whole; a project without them writes what it wrote
before; every limit holds on reading (one-line errors) and in the write gate; a 1.6 reader keeps them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from tests.factories import CALDERDALE, KIRKLEES, T0
from wyassembler.core.comments import add_comment, set_resolved, threads
from wyassembler.core.content import Paragraph, Span, plain
from wyassembler.core.history import history_problems, record_save
from wyassembler.core.proposals import decide, decision_of, open_proposals, propose
from wyassembler.core.review_records import MAX_SECTION_REVIEW_RECORDS, TrackedChange
from wyassembler.projectfile import codec, foreign
from wyassembler.projectfile.codec import NewerFormatError, ProjectFileError, format_version, from_bytes, to_bytes
from wyassembler.projectfile.write_gate import WriteRefused, checked_bytes

FROZEN = Path(__file__).resolve().parents[1] / "data" / "formats" / "format-1.7.wyproj"
RNG = "{http://relaxng.org/ns/structure/1.0}"
NEW_NAMES = {"comment", "comment-state", "proposal", "proposal-decision"}


def _review(project) -> list[tuple]:
    return [(s.id, s.comments, s.comment_states, s.proposals, s.proposal_decisions) for s in project.all_sections()]


@pytest.fixture
def reviewed(project):
    """A comment with a reply, resolved; a proposal with tracked changes (one undated), accepted; one open."""
    shared, standards = project.find_section("2"), project.find_section("3")
    first = add_comment(project, KIRKLEES, shared, "Two lines,\n\tthe second indented.", quote="welcome", now=T0)
    add_comment(project, CALDERDALE, shared, "Agreed.", reply_to=first.id, now=T0 + timedelta(minutes=1))
    set_resolved(project, CALDERDALE, first.id, True, now=T0 + timedelta(minutes=2))
    tracked = (TrackedChange("insertion", "Sam Reviewer", T0, " warmly"), TrackedChange("deletion", "Sam", None, ""))
    proposal = propose(project, KIRKLEES, shared, shared.current.id, "Shared services",
                       (Paragraph((Span("We "), Span("welcome", bold=True), Span(" it\nwarmly."))),),
                       tracked=tracked, source="pack.docx", now=T0 + timedelta(minutes=3))
    propose(project, CALDERDALE, standards, standards.current.id, "Standards",
            (Paragraph(plain("More.")),), now=T0 + timedelta(minutes=4))
    decide(project, CALDERDALE, proposal.id, True, now=T0 + timedelta(minutes=5))
    return project


def test_the_frozen_1_7_file_holds_every_new_field():
    project = from_bytes(FROZEN.read_bytes())
    shared, standards = project.find_section("2"), project.find_section("3")
    [thread] = threads(shared)
    assert thread.root.text == "Do we welcome all of it?\nSay which parts." and thread.root.quote == "welcome"
    assert [(c.org, c.text, c.parent) for c in thread.replies] == [("calderdale", "All of it.", thread.root.id)]
    assert thread.resolved and [s.resolved for s in shared.comment_states] == [True, False, True]
    [word] = standards.comments
    assert (word.source, word.person, word.org, word.revision) == ("word", "Sam Reviewer", "kirklees",
                                                                   standards.revisions[0].id)
    [accepted] = shared.proposals
    assert [(t.kind, t.author, t.time is None, t.text) for t in accepted.tracked] == [
        ("insertion", "Sam Reviewer", False, " warmly"), ("deletion", "Sam Reviewer", True, "this")]
    assert accepted.before_blocks == shared.revision(accepted.base).blocks
    assert accepted.blocks == shared.blocks and accepted.source == "Shared services - Kirklees.docx"
    decision = decision_of(shared, accepted.id)
    assert decision is not None and (decision.outcome, decision.revision) == ("accepted", shared.current.id)
    assert [p.heading for p in open_proposals(standards)] == ["Standards"]
    assert history_problems(project) == []


def test_every_record_round_trips_equal_and_the_bytes_are_stable(reviewed):
    data = to_bytes(reviewed)
    assert b' format="1.7" ' in data
    again = from_bytes(data)
    assert _review(again) == _review(reviewed)
    assert to_bytes(again) == data


def test_a_saved_history_vouches_for_the_review_records(reviewed):
    record_save(reviewed, "kirklees", "S. Patel", now=T0 + timedelta(hours=1))
    again = from_bytes(to_bytes(reviewed))
    assert history_problems(again) == []


@pytest.mark.parametrize("pattern", [
    rb'\s*<comment-state [^>]*/>',
    rb'<text>All of it.</text>',
    rb'<tracked kind="deletion"[^>]*>this</tracked>',
    rb'<p>We <b>welcome</b> it warmly.</p>',  # the proposal's text after the changes, not a revision's
    rb' outcome="accepted"',
], ids=["state", "reply text", "tracked", "proposal text", "outcome"])
def test_a_review_record_changed_in_a_saved_file_fails_the_history(pattern):
    data = FROZEN.read_bytes()
    replacement = {rb' outcome="accepted"': b' outcome="rejected"', rb'<text>All of it.</text>':
                   b'<text>None of it.</text>'}.get(pattern, b"")
    changed, count = re.subn(pattern, replacement, data, count=1)
    if pattern == rb'<p>We <b>welcome</b> it warmly.</p>':  # the revision has it too: change the proposal's copy
        at = data.index(b"<after>")
        changed, count = data[:at] + re.sub(pattern, b"<p>We refuse it.</p>", data[at:], count=1), 1
    assert count == 1 and changed != data
    assert any("changed outside wyassembler" in line for line in history_problems(from_bytes(changed)))


@pytest.mark.parametrize("change", [
    lambda p: add_comment(p, KIRKLEES, p.find_section("3"), "A note.", now=T0),
    lambda p: p.find_section("3").comment_states.append(
        set_resolved(p, KIRKLEES, add_comment(p, KIRKLEES, p.find_section("3"), "x", now=T0).id, True, T0)[1]),
    lambda p: propose(p, KIRKLEES, p.find_section("3"), p.find_section("3").current.id, "Other", (), now=T0),
])
def test_any_one_record_makes_the_file_1_7_and_without_them_it_stays_what_it_was(project, change):
    before = to_bytes(project)
    assert format_version(project) == "1.0"
    change(project)
    assert format_version(project) == "1.7" and b' format="1.7" ' in to_bytes(project)
    assert _review(from_bytes(to_bytes(project))) == _review(project)
    assert to_bytes(from_bytes(before)) == before


# -- hostile files -------------------------------------------------------------------------------------------

def _frozen_with(old: bytes, new: bytes, count: int = 1) -> bytes:
    data = FROZEN.read_bytes()
    assert old in data, old
    return data.replace(old, new, count)


HOSTILE = [
    (b"<text>All of it.</text>", b"<text>" + b"x" * 10_001 + b"</text>", "<text>"),
    (b"<text>All of it.</text>", b"<text></text>", "<text>"),
    (b"<quote>welcome</quote>", b"<quote>" + b"q" * 1_001 + b"</quote>", "<quote>"),
    (b'> warmly</tracked>', b'>' + b"w" * 1_001 + b'</tracked>', "<tracked>"),
    (b'resolved="no"', b'resolved="maybe"', "<comment-state>"),
    (b'outcome="accepted"', b'outcome="mostly"', "<proposal-decision>"),
    (b'kind="deletion"', b'kind="rewrite"', "<tracked>"),
    (b'source="word"', b'source="email"', "<comment>"),
    (b'<comment id="com-', b'<comment id="not an id ', "<comment>"),
    (b'<proposal-decision proposal="prop-', b'<proposal-decision proposal="../', "<proposal-decision>"),
    (b'time="2026-01-05T09:02:00Z"', b'time="2026-13-05T09:02:00Z"',
     'line 51: <comment> has time="2026-13-05T09:02:00Z", which is not a time'),
    (b'time="2026-01-05T09:02:00Z"', b'time="5 January 2026"', "<comment>"),
    (b'author="Sam Reviewer">this', b'author="Sam Reviewer" time="2026-02-30T00:00:00Z">this', "<tracked> has time="),
    (b'outcome="accepted"', b'outcome="accepted" accepted="0"', "<proposal-decision>"),
    (b'outcome="accepted"', b'outcome="partial" accepted="1 1000000"', "<proposal-decision>"),
    (b'source="Shared services - Kirklees.docx"', b'source="' + b"s" * 1_001 + b'"',
     "has a source of 1,001 characters"),
    (b'person="J. Smith" time="2026-01-05T09:04:00Z"/>',
     b'person="' + b"J" * 1_001 + b'" time="2026-01-05T09:04:00Z"/>', "has a name of 1,001 characters"),
    (b"</before>\n        <after>", b"</before>\n        <before/>\n        <after>", "<before>"),
    (b"<p>Standards matter.</p>\n          </content>\n        </before>",
     b'<p><a href="javascript:alert(1)">x</a></p>\n          </content>\n        </before>', "<a>"),
]


@pytest.mark.parametrize("old, new, named", HOSTILE, ids=[f"{n}:{new[:24]!r}" for _, new, n in HOSTILE])
def test_a_hostile_value_is_refused_in_one_line(old, new, named):
    with pytest.raises(ProjectFileError) as caught:
        from_bytes(_frozen_with(old, new))
    message = str(caught.value)
    assert "\n" not in message and named in message and not isinstance(caught.value, NewerFormatError)


def _with_comments(count: int) -> bytes:
    data = FROZEN.read_bytes()
    start = data.index(b"      <comment id=")
    end = data.index(b"</comment>\n", start) + len(b"</comment>\n")
    one = data[start:end]
    copies = b"".join(one.replace(b'id="com-', b'id="c%d-' % number, 1) for number in range(count - 1))
    return data[:end] + copies + data[end:]  # the first comment kept: its reply and its thread's records name it


def test_a_hundred_thousand_comments_are_refused_after_the_bound_in_one_line():
    with pytest.raises(ProjectFileError) as caught:
        from_bytes(_with_comments(100_000))
    assert str(caught.value).endswith(f"a section holds at most {MAX_SECTION_REVIEW_RECORDS:,} comments")


def test_as_many_comments_as_a_section_keeps_read_back(tmp_path):
    project = from_bytes(_with_comments(MAX_SECTION_REVIEW_RECORDS - 1))  # and its reply: the bound itself
    assert len(project.find_section("2").comments) == MAX_SECTION_REVIEW_RECORDS


def test_a_proposal_with_more_tracked_changes_than_kept_is_refused():
    data = FROZEN.read_bytes()
    one = b'        <tracked kind="deletion" author="Sam Reviewer">this</tracked>\n'
    with pytest.raises(ProjectFileError, match="lists more than 10,000 tracked changes$"):
        from_bytes(data.replace(one, one * 10_001, 1))


@pytest.mark.parametrize("damage, message", [
    (lambda s: s.comments.append(replace(s.comments[0], id="com-long", text="x" * 10_001)), "10,001 characters"),
    (lambda s: s.comments.append(replace(s.comments[0], id="com-empty", text=" ")), "has no text"),
    (lambda s: s.comments.append(replace(s.comments[0], id="com-q", quote="q" * 1_001)), "quotes 1,001 characters"),
    (lambda s: s.comments.append(replace(s.comments[0], id="com-src", source="fax")), "came from 'fax'"),
    (lambda s: s.comments.extend(replace(s.comments[0], id=f"com-{n}") for n in range(MAX_SECTION_REVIEW_RECORDS)),
     "10,002 comments"),
    (lambda s: s.proposal_decisions.append(replace(s.proposal_decisions[0], outcome="maybe")), "'maybe'"),
    (lambda s: s.proposal_decisions.append(replace(s.proposal_decisions[0], accepted=(0,))), "outside 1 to 999,999"),
    (lambda s: s.proposals.append(replace(s.proposals[0], id="prop-k",
                                          tracked=(TrackedChange("moved", "x", None, ""),))), "'moved'"),
    (lambda s: s.comment_states.append(replace(s.comment_states[0], time=datetime(2026, 1, 5))),
     "a time a project file cannot hold"),
    (lambda s: s.comments.append(replace(s.comments[0], id="com-ctl", text="Bell\x07 from Word")),
     "holds a character a project file cannot carry"),
    (lambda s: s.proposals.append(replace(s.proposals[0], id="prop-ctl",
                                          tracked=(TrackedChange("insertion", "A\x0b B", None, "x"),))),
     "holds a character a project file cannot carry"),
])
def test_the_write_gate_refuses_review_records_that_would_not_read_back(reviewed, damage, message, tmp_path):
    damage(reviewed.find_section("2"))
    with pytest.raises(WriteRefused, match=re.escape(message)):
        checked_bytes(reviewed, tmp_path / "r.wyproj")


# -- a 1.6 reader ------------------------------------------------------------------------------------------

def _schema_1_6() -> etree.RelaxNG:
    grammar = etree.fromstring(Path(codec.__file__).resolve().parents[2].joinpath(
        "resources", "schema", "wyproj.rng").read_bytes())
    for pattern in list(grammar.iter(f"{RNG}element")):
        if pattern.get("name") in NEW_NAMES:
            wrapper = pattern.getparent()
            wrapper.getparent().remove(wrapper)
    return etree.RelaxNG(grammar)


def test_a_1_6_reader_keeps_the_review_records_it_cannot_read(reviewed, monkeypatch):
    data = to_bytes(reviewed)
    schema = _schema_1_6()
    known = foreign._known_names() - NEW_NAMES
    monkeypatch.setattr(codec, "FORMAT_VERSION", "1.6")
    monkeypatch.setattr(codec, "schema", lambda: schema)
    monkeypatch.setattr(foreign, "_known_names", lambda: known)
    old = from_bytes(data)
    assert all(not s.comments and not s.proposals for s in old.all_sections())
    assert to_bytes(old) == data
    old.subtitle = "Changed by 1.6"
    written = to_bytes(old)
    monkeypatch.undo()
    again = from_bytes(written)
    assert again.subtitle == "Changed by 1.6" and _review(again) == _review(reviewed)


# -- references (core.integrity) ------------------------------------------------------------------------------

ROOT, REPLY, WORD = b"com-232ec2e89cd2", b"com-429ed3d0b73a", b"com-bfa6b6b63330"
ACCEPTED, OPEN = b"prop-d0e7a482cab1", b"prop-1881b2552a5c"
STANDARDS_REVISION = b"rev-6c69d4df4161"

BAD_REFERENCES = [
    (b'parent="' + ROOT, b'parent="' + WORD, f"comment {REPLY.decode()} replies to {WORD.decode()}, which is not a "
                                              f"comment on this section"),
    (b'parent="' + ROOT, b'parent="com-gone', "replies to com-gone"),
    (b'<comment-state comment="' + ROOT, b'<comment-state comment="' + REPLY,
     f"resolves or reopens {REPLY.decode()}, which is not the first comment of a thread"),
    (b'proposal="' + ACCEPTED, b'proposal="' + OPEN, f"a decision names proposal {OPEN.decode()}, which is not on"),
    (b'base="rev-4a77bd2555da"', b'base="' + STANDARDS_REVISION + b'"',
     f"names revision {STANDARDS_REVISION.decode()}, which is not in its history"),
    (b'id="' + WORD, b'id="' + ROOT, f"two comments or proposals share the id {ROOT.decode()}"),
    (b'id="' + OPEN, b'id="' + ACCEPTED, f"two comments or proposals share the id {ACCEPTED.decode()}"),
    (b'<comment id="' + ROOT + b'"', b'<comment id="' + ROOT + b'" parent="' + REPLY + b'"', "loops"),
    (b'revision="rev-a8e221bec9fc"/>', b'revision="rev-nowhere"/>',
     f"the decision on proposal {ACCEPTED.decode()} names revision rev-nowhere, which is not in its history"),
    (b'org="kirklees" person="Sam Reviewer"', b'org="nobody" person="Sam Reviewer"',
     "a comment on section"),
]


@pytest.mark.parametrize("old, new, named", BAD_REFERENCES)
def test_a_broken_reference_between_review_records_is_refused_in_one_line(old, new, named):
    with pytest.raises(ProjectFileError) as caught:
        from_bytes(_frozen_with(old, new))
    assert "\n" not in str(caught.value) and named in str(caught.value)


def test_a_decision_naming_a_revision_the_section_lacks_is_refused_by_the_write_gate(reviewed, tmp_path):
    shared = reviewed.find_section("2")
    shared.proposal_decisions.append(replace(shared.proposal_decisions[0], revision="rev-nowhere"))
    with pytest.raises(WriteRefused, match="names revision rev-nowhere, which is not in its history"):
        checked_bytes(reviewed, tmp_path / "r.wyproj")


def test_a_thread_loop_of_ten_thousand_replies_is_reported_once():
    """Each comment is walked up once: a loop through every comment of a section costs a walk, not one each."""
    from wyassembler.core.integrity import review_reference_problems
    from wyassembler.core.model import Section
    from wyassembler.core.review_records import Comment
    count = MAX_SECTION_REVIEW_RECORDS
    comments = [Comment(f"c{n}", f"c{(n + 1) % count}", "kirklees", "x", T0, "t") for n in range(count)]
    section = Section("sec-1", "kirklees", [], comments=comments)
    problems = review_reference_problems(section, set(), set())
    assert problems == ["section sec-1: the thread of comment c0 loops: its replies answer each other"]
