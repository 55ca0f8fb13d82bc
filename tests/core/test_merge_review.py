"""Merging issue 20's review records: comments, resolved/reopened records, proposals and decisions from two copies
saved at the same time are all kept (the union), in one order whichever copy merges into which; what arrives
obeys the rules the commands obey; and two real saves of one file keep both saves' comments."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from wyassembler.core.comments import add_comment, is_resolved, set_resolved, threads
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import PermissionDenied
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.outline import delete_section
from wyassembler.core.partners import remove_organisation
from wyassembler.core.proposals import decide, decision_of, propose
from wyassembler.projectfile.codec import from_bytes, to_bytes
from wyassembler.projectfile.storage import load, save_project, save_shared

LATER = T0 + timedelta(hours=1)


@pytest.fixture
def copies(project):
    """(disk, ours, base structure): two copies of one project as loaded."""
    return copy.deepcopy(project), copy.deepcopy(project), structure_of(project)


def _review(project) -> list[tuple]:
    return [(s.id, s.comments, s.comment_states, s.proposals, s.proposal_decisions) for s in project.all_sections()]


def refusals(result) -> list[str]:
    return [note for note in result.notes if note.startswith("Not taken from")]


def test_comments_states_proposals_and_decisions_from_both_sides_are_all_kept(copies):
    disk, ours, base = copies
    shared = "2"
    root = add_comment(disk, KIRKLEES, disk.find_section(shared), "On disk.", now=T0)
    ours.find_section(shared).comments.append(root)  # both had it: it is kept once
    add_comment(ours, POLICE, ours.find_section(shared), "Reply from ours.", reply_to=root.id, now=LATER)
    set_resolved(disk, CALDERDALE, root.id, True, now=LATER)
    proposal = propose(ours, KIRKLEES, ours.find_section("3"), ours.find_section("3").current.id, "New heading",
                       ours.find_section("3").blocks, now=T0)
    disk.find_section("3").proposals.append(proposal)
    decide(disk, KIRKLEES, proposal.id, False, now=LATER)
    merged = merge_projects(ours, disk, base).project
    section = merged.find_section(shared)
    [thread] = threads(section)
    assert [c.text for c in thread.comments] == ["On disk.", "Reply from ours."] and thread.resolved
    assert merged.find_section("3").proposals == [proposal]
    assert decision_of(merged.find_section("3"), proposal.id).outcome == "rejected"
    assert refusals(merge_projects(ours, disk, base)) == []


def test_either_copy_merged_into_the_other_writes_the_same_review_records(copies):
    disk, ours, _ = copies
    for number, (copy_, actor) in enumerate([(disk, KIRKLEES), (ours, POLICE), (disk, CALDERDALE), (ours, KIRKLEES)]):
        comment = add_comment(copy_, actor, copy_.find_section("2"), f"Comment {number}",
                              now=T0 + timedelta(minutes=10 - number))  # recorded out of time order
        set_resolved(copy_, actor, comment.id, True, now=LATER)
    one = merge_projects(ours, disk).project
    other = merge_projects(disk, ours).project
    assert _review(one) == _review(other)
    section = one.find_section("2")
    assert [c.text for c in section.comments] == ["Comment 3", "Comment 2", "Comment 1", "Comment 0"]
    assert len(section.comment_states) == 4
    again = merge_projects(one, other).project
    assert _review(again) == _review(one)


def test_one_id_holding_two_different_comments_keeps_the_same_one_either_way(copies):
    disk, ours, _ = copies
    comment = add_comment(disk, KIRKLEES, disk.find_section("2"), "Original.", now=T0)
    ours.find_section("2").comments.append(replace(comment, text="Altered."))
    assert _review(merge_projects(ours, disk).project) == _review(merge_projects(disk, ours).project)


def test_a_section_only_one_copy_holds_keeps_its_comments(copies):
    disk, ours, base = copies
    from wyassembler.core.outline import add_section
    section = add_section(ours, COORDINATOR, "New", "kirklees", (Paragraph(plain("Text.")),), now=T0)
    add_comment(ours, CALDERDALE, section, "About the new section.", now=T0)
    merged = merge_projects(ours, disk, base).project
    assert [c.text for c in merged.section(section.id).comments] == ["About the new section."]
    disk_side = merge_projects(disk, ours, structure_of(ours)).project  # the section from theirs alone
    assert [c.text for c in disk_side.section(section.id).comments] == ["About the new section."]


def test_a_section_deleted_on_one_side_goes_with_its_comments_as_with_its_sign_offs(copies):
    disk, ours, base = copies
    delete_section(disk, COORDINATOR, disk.find_section("3"), now=LATER)
    section_id = ours.find_section("3").id
    add_comment(ours, CALDERDALE, ours.find_section("3"), "Too late.", now=LATER)
    merged = merge_projects(ours, disk, base).project
    assert all(s.id != section_id for s in merged.all_sections())
    # An edit beats a delete: the section comes back, with the comments made on it.
    edit_section(ours, KIRKLEES, ours.find_section("3"), blocks=(Paragraph(plain("Edited after.")),), now=LATER)
    merged = merge_projects(ours, disk, base).project
    assert [c.text for c in merged.section(section_id).comments] == ["Too late."]


def test_a_decision_or_resolution_its_author_could_not_make_does_not_arrive(copies):
    disk, ours, base = copies
    section = ours.find_section("3")  # owned by Kirklees
    root = add_comment(ours, CALDERDALE, section, "Mine.", now=T0)
    proposal = propose(ours, KIRKLEES, section, section.current.id, "Other", section.blocks, now=T0)
    # Written by hand: a decision by someone not the owner, a resolution by someone who may not.
    with pytest.raises(PermissionDenied):
        decide(ours, POLICE, proposal.id, True, now=LATER)
    section.proposal_decisions.append(replace(decide(copy.deepcopy(ours), KIRKLEES, proposal.id, False,
                                                     now=LATER).decision, org="police", person="P. Clarke"))
    with pytest.raises(PermissionDenied):
        set_resolved(ours, POLICE, root.id, True, now=LATER)
    section.comment_states.append(replace(set_resolved(copy.deepcopy(ours), CALDERDALE, root.id, True, now=LATER)[1],
                                          org="police", person="P. Clarke"))
    result = merge_projects(ours, disk, base)
    merged = result.project.find_section("3")
    assert [c.text for c in merged.comments] == ["Mine."] and merged.proposals == [proposal]
    assert merged.proposal_decisions == [] and not is_resolved(merged, root.id)
    assert len(refusals(result)) == 2 and all("P. Clarke" in note for note in refusals(result))


def test_a_reply_dated_before_the_comment_it_answers_arrives_with_it(copies):
    """Word's dates can put a reply before the comment it answers; merged lists are sorted by time, so the
    reply comes first in the next merge's copy and must still be taken with its comment."""
    disk, ours, base = copies
    root = add_comment(ours, KIRKLEES, ours.find_section("2"), "Ours.", now=LATER)
    reply = add_comment(ours, CALDERDALE, ours.find_section("2"), "Word's reply.", reply_to=root.id, now=LATER)
    ours.find_section("2").comments[:] = [replace(reply, time=T0), root]
    result = merge_projects(ours, disk, base)
    assert refusals(result) == [] and [c.text for c in result.project.find_section("2").comments] == [
        "Word's reply.", "Ours."]


def test_a_reply_to_a_comment_not_taken_is_not_taken_either(copies):
    disk, ours, base = copies
    root = add_comment(ours, KIRKLEES, ours.find_section("2"), "By hand, from nobody.", now=T0)
    add_comment(ours, CALDERDALE, ours.find_section("2"), "A reply.", reply_to=root.id, now=LATER)
    ours.find_section("2").comments[0] = replace(root, org="nobody")
    result = merge_projects(ours, disk, base)
    assert result.project.find_section("2").comments == [] and len(refusals(result)) == 2


def test_a_partner_who_commented_is_not_removed_by_a_merge_or_by_hand(copies):
    disk, ours, base = copies
    add_comment(ours, POLICE, ours.find_section("3"), "From the police.", now=T0)
    with pytest.raises(Exception, match="it commented on section 3"):
        remove_organisation(ours, COORDINATOR, "police")
    disk.find_section("2").contributors.remove("police")
    remove_organisation(disk, COORDINATOR, "police")
    merged = merge_projects(ours, disk, base).project
    assert any(org.id == "police" for org in merged.organisations)
    assert from_bytes(to_bytes(merged)).find_section("3").comments[0].org == "police"


# -- the shared save path, with real files ------------------------------------------------------------------

def test_two_saves_each_adding_a_comment_and_one_resolving_keep_both_comments_and_the_state(project, tmp_path):
    path = tmp_path / "r.wyproj"
    root = add_comment(project, KIRKLEES, project.find_section("2"), "Before both saves.", now=T0)
    save_project(project, path)
    first, second = load(path), load(path)
    add_comment(first.project, CALDERDALE, first.project.find_section("2"), "From the first save.", now=LATER)
    set_resolved(first.project, CALDERDALE, root.id, True, now=LATER)
    add_comment(second.project, POLICE, second.project.find_section("2"), "From the second save.",
                reply_to=root.id, now=LATER)
    assert not save_shared(first.project, path, first.data, first.structure).merged
    result = save_shared(second.project, path, second.data, second.structure)
    assert result.merged and refusals(result) == []
    saved = load(path).project.find_section("2")
    assert sorted(c.text for c in saved.comments) == ["Before both saves.", "From the first save.",
                                                      "From the second save."]
    assert is_resolved(saved, root.id) and [s.org for s in saved.comment_states] == ["calderdale"]
    assert load(path).report.problems == []


def test_two_saves_one_deciding_a_proposal_and_one_commenting_keep_both(project, tmp_path):
    path = tmp_path / "r.wyproj"
    section = project.find_section("3")
    proposal = propose(project, CALDERDALE, section, section.current.id, "Professional standards", section.blocks,
                       now=T0)
    save_project(project, path)
    owner, reviewer = load(path), load(path)
    decide(owner.project, KIRKLEES, proposal.id, True, now=LATER)
    add_comment(reviewer.project, POLICE, reviewer.project.find_section("3"), "Seen.", now=LATER)
    save_shared(reviewer.project, path, reviewer.data, reviewer.structure)
    save_shared(owner.project, path, owner.data, owner.structure)
    saved = load(path).project.find_section("3")
    assert saved.heading == "Professional standards" and decision_of(saved, proposal.id).outcome == "accepted"
    assert [c.text for c in saved.comments] == ["Seen."]


# -- a restore, a snapshot and the history's digest ------------------------------------------------------------

def test_restoring_an_earlier_version_keeps_the_comments_and_decisions_made_since(project, tmp_path):
    from wyassembler.core.restore import restore_over
    from wyassembler.projectfile import storage
    from wyassembler.projectfile.lock import LockHolder
    path = tmp_path / "r.wyproj"
    save_project(project, path)
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=(Paragraph(plain("Bad.")),), now=T0)
    save_project(project, path)  # backup 1 is the version without comments
    loaded = load(path)
    section = loaded.project.find_section("2")
    root = add_comment(loaded.project, KIRKLEES, section, "Why this?", quote="Bad.", now=LATER)
    set_resolved(loaded.project, CALDERDALE, root.id, True, now=LATER)
    proposal = propose(loaded.project, KIRKLEES, section, section.current.id, "Shared", section.blocks, now=LATER)
    decide(loaded.project, CALDERDALE, proposal.id, False, now=LATER)
    save_shared(loaded.project, path, loaded.data, loaded.structure)
    storage.restore_backup(path, 2, holder=LockHolder.current("H. Dawson", "joint-services"))  # 1: the "Bad." one
    restored = load(path).project.find_section("2")
    assert restored.heading == "Shared services" and restored.blocks[0].spans[0].text != "Bad."
    assert [c.text for c in restored.comments] == ["Why this?"] and is_resolved(restored, root.id)
    assert restored.proposals == [proposal] and decision_of(restored, proposal.id).outcome == "rejected"
    # In memory too, neither input changed.
    older = from_bytes(to_bytes(project))
    older.find_section("2").comments.clear()
    assert restore_over(load(path).project, older, COORDINATOR, "1", "0" * 64, "").find_section("2").comments


def test_a_snapshot_copies_the_review_lists_and_shares_their_records(project):
    from wyassembler.core.snapshot import snapshot, snapshot_in_steps
    root = add_comment(project, KIRKLEES, project.find_section("2"), "Shared record.", now=T0)
    set_resolved(project, CALDERDALE, root.id, True, now=T0)
    for copied in (snapshot(project), [step for step in snapshot_in_steps(project, 1) if step is not None][-1]):
        original, taken = project.find_section("2"), copied.find_section("2")
        for name in ("comments", "comment_states", "proposals", "proposal_decisions"):
            assert getattr(taken, name) == getattr(original, name)
            assert getattr(taken, name) is not getattr(original, name)
        assert taken.comments[0] is original.comments[0]
        add_comment(project, POLICE, original, "Only in the project.", now=LATER)
        assert len(taken.comments) == 1
        original.comments.pop()


def test_the_history_digest_of_every_older_frozen_file_is_unchanged_and_covers_review_records():
    from pathlib import Path

    from wyassembler.core.history import history_problems, project_digest
    formats = Path(__file__).resolve().parents[1] / "data" / "formats"
    for version in ("1.4", "1.6"):  # the ones with a history of saves
        project = from_bytes((formats / f"format-{version}.wyproj").read_bytes())
        assert project.history and history_problems(project) == [], version
    project = from_bytes((formats / "format-1.6.wyproj").read_bytes())
    before = project_digest(project)
    add_comment(project, KIRKLEES, project.find_section("2"), "A new record.", now=LATER)
    assert project_digest(project) != before
    project.find_section("2").comments.clear()
    assert project_digest(project) == before
