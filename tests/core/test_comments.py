"""Comments on a section: threads, anchors, resolving and reopening (core.comments)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, KIRKLEES, POLICE, T0
from wyassembler.core.comments import (
    ANCHORED, OUTDATED, WHOLE_SECTION, add_comment, anchor, find_comment, is_resolved, open_thread_count,
    set_resolved, threads)
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import ContentError, NotFoundError, PermissionDenied
from wyassembler.core.model import Actor


def _section(project, owner="calderdale"):
    return next(s for s in project.all_sections() if s.owner == owner)


def test_a_quoted_comment_is_anchored_and_goes_outdated_when_the_words_go(project):
    section = _section(project)
    words = section.blocks[0].spans[0].text.split()[:3]
    quote = " ".join(words)
    comment = add_comment(project, KIRKLEES, section, "Is this right?", quote=quote, now=T0)
    assert anchor(section, comment).state == ANCHORED
    assert anchor(section, comment).block == 0
    edit_section(project, CALDERDALE, section, blocks=(Paragraph(plain("Entirely new text.")),), now=T0)
    assert anchor(section, comment).state == OUTDATED
    assert comment.revision != section.current.id


def test_a_quote_not_in_the_section_is_refused(project):
    with pytest.raises(ContentError, match="is not in section"):
        add_comment(project, KIRKLEES, _section(project), "x", quote="words nobody wrote here")


def test_replies_thread_under_the_first_comment(project):
    section = _section(project)
    first = add_comment(project, KIRKLEES, section, "First", now=T0)
    reply = add_comment(project, CALDERDALE, section, "Answer", reply_to=first.id, now=T0 + timedelta(seconds=5))
    again = add_comment(project, POLICE, section, "And me", reply_to=reply.id, now=T0 + timedelta(seconds=9))
    [thread] = threads(section)
    assert thread.root == first and thread.replies == [reply, again]
    assert thread.anchor.state == WHOLE_SECTION
    assert find_comment(project, again.id) == (section, again)


def test_a_reply_to_a_missing_comment_or_one_on_another_section_is_refused(project):
    section = _section(project)
    other = _section(project, "kirklees")
    elsewhere = add_comment(project, KIRKLEES, other, "On another section")
    with pytest.raises(NotFoundError, match="has no comment"):
        add_comment(project, KIRKLEES, section, "x", reply_to="com-000000000000")
    with pytest.raises(NotFoundError, match="reply on the section it is on"):
        add_comment(project, KIRKLEES, section, "x", reply_to=elsewhere.id)


def test_resolve_and_reopen_in_the_same_second_take_effect_in_order(project):
    section = _section(project)
    first = add_comment(project, POLICE, section, "First", now=T0)
    assert open_thread_count(section) == 1
    set_resolved(project, CALDERDALE, first.id, True, now=T0)
    assert is_resolved(section, first.id) and open_thread_count(section) == 0
    set_resolved(project, CALDERDALE, first.id, False, now=T0)
    assert not is_resolved(section, first.id) and open_thread_count(section) == 1
    assert set_resolved(project, CALDERDALE, first.id, False, now=T0)[1] is None


def test_only_the_author_editors_or_coordinator_resolve(project):
    section = _section(project)
    first = add_comment(project, KIRKLEES, section, "First", now=T0)
    with pytest.raises(PermissionDenied, match="may not resolve"):
        set_resolved(project, Actor("leeds", "A. Reader"), first.id, True)
    set_resolved(project, KIRKLEES, first.id, True)


def test_empty_and_nameless_comments_are_refused(project):
    section = _section(project)
    with pytest.raises(ContentError, match="needs some text"):
        add_comment(project, KIRKLEES, section, " \n ")
    with pytest.raises(PermissionDenied):
        add_comment(project, Actor("kirklees", " "), section, "x")


def test_a_section_full_of_comments_refuses_the_next_one_before_saving(project, monkeypatch):
    import wyassembler.core.comments as comments
    monkeypatch.setattr(comments, "MAX_SECTION_REVIEW_RECORDS", 2)
    section = _section(project)
    add_comment(project, KIRKLEES, section, "One")
    add_comment(project, KIRKLEES, section, "Two")
    with pytest.raises(ContentError, match="as many as a section keeps"):
        add_comment(project, KIRKLEES, section, "Three")


def test_a_long_chain_of_replies_and_a_looping_pair_still_make_threads(project):
    from dataclasses import replace
    section = _section(project)
    first = add_comment(project, KIRKLEES, section, "First", now=T0)
    parent = first
    for number in range(3000):
        parent = add_comment(project, CALDERDALE, section, f"Reply {number}", reply_to=parent.id,
                             now=T0 + timedelta(seconds=number + 1))
    [thread] = threads(section)
    assert thread.root == first and len(thread.replies) == 3000
    assert open_thread_count(section) == 1
    # A damaged file's two comments naming each other: one thread, neither lost.
    a = add_comment(project, KIRKLEES, section, "A", now=T0)
    b = add_comment(project, KIRKLEES, section, "B", now=T0)
    section.comments[-2:] = [replace(a, parent=b.id), replace(b, parent=a.id)]
    shown = [c.text for t in threads(section) for c in t.comments]
    assert "A" in shown and "B" in shown


def test_a_thread_resolved_at_the_last_time_a_file_holds_is_reopened_with_a_one_line_error(project):
    """A hand-edited file may date a resolve record 9999-12-31 23:59:59: a reopen must come after it, and
    no time can; that is said in one line, not as an overflow from the date arithmetic."""
    from datetime import UTC, datetime

    from wyassembler.core.review_records import CommentState

    section = next(s for s in project.all_sections() if s.owner == "calderdale")
    comment = add_comment(project, POLICE, section, "Is this right?", now=T0)
    last = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    section.comment_states.append(CommentState(comment.id, True, "police", "P. Clarke", last))
    with pytest.raises(ContentError, match="dated"):
        set_resolved(project, POLICE, comment.id, False, now=T0)
    assert len(section.comment_states) == 1


def test_ten_thousand_comments_on_a_long_section_are_anchored_in_one_reading_of_its_text(project, monkeypatch):
    """Each comment's anchor read every block's text afresh: 10,000 outdated comments on a section of
    2,000 paragraphs took 13 s. The section's text is now read once for all of them, and the anchors are as
    before: the first block holding the words, within it the first place, a table's cells by tab and line
    feed, the heading first."""
    from dataclasses import replace

    from wyassembler.core import comments
    from wyassembler.core.comments import Anchor
    from wyassembler.core.content import Table

    section = _section(project)
    blocks = tuple(Paragraph(plain(f"paragraph {i} says this")) for i in range(2_000))
    table = Table((plain("Head"), plain("Er")), ((plain("cell one"), plain("cell two")),))
    edit_section(project, CALDERDALE, section, blocks=(*blocks, table), now=T0)
    first = add_comment(project, POLICE, section, "On it", quote="says this", now=T0)
    quotes = ["paragraph 1999", "d\tEr\ncell", "Shared", "gone words", "this", "1 says"]
    section.comments += [replace(first, id=f"com-{n:012x}", quote=quotes[n % len(quotes)]) for n in range(10_000)]
    readings = []
    real = comments.block_texts
    monkeypatch.setattr(comments, "block_texts", lambda blocks: readings.append(1) or real(blocks))
    found = {thread.root.quote: thread.anchor for thread in threads(section)}
    assert len(readings) == 1
    assert found["says this"] == anchor(section, first) == Anchor(ANCHORED, 0, 12, 21)
    assert found["paragraph 1999"] == Anchor(ANCHORED, 1999, 0, 14)
    assert found["d\tEr\ncell"] == Anchor(ANCHORED, 2000, 3, 12)
    assert found["Shared"] == Anchor(ANCHORED, None, 0, 6)
    assert found["gone words"] == Anchor(OUTDATED)
    assert found["1 says"] == Anchor(ANCHORED, 1, 10, 16)
