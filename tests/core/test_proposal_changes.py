"""A proposal's changes one by one (core.proposal_changes): numbered as Word lists tracked changes, any
subset taken, the owner deciding change by change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings, strategies as st

from tests.factories import CALDERDALE, KIRKLEES, POLICE, T0
from tests.hang_guard import fails_if_still_running
from wyassembler.core.content import (ListItem, MemberList, Paragraph, Span, Table, content_hash, normalize_blocks,
                                      plain, renormalize)
from wyassembler.core.diff import MAX_WORD_DIFF_TOKENS
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import ContentError, PermissionDenied
from wyassembler.core.proposal_changes import apply_changes, decide_changes, proposal_changes
from wyassembler.core.proposals import decision_of, open_proposals, propose
from wyassembler.core.review_records import Proposal, TrackedChange


def _proposal(before, after, before_heading="Shared services", heading="Shared services", tracked=()):
    return Proposal("prop-1", "rev-1", "police", "P. Clarke", T0, before_heading, normalize_blocks(before),
                    heading, normalize_blocks(after), "pack.docx", tuple(tracked))


def _p(text):
    return Paragraph(plain(text))


def _brief(changes):
    return [(c.number, c.label, c.kind, c.removed, c.added) for c in changes]


def test_a_word_inserted_mid_paragraph_is_one_change_shown_with_its_neighbours():
    proposal = _proposal([_p("We welcome this consultation.")], [_p("We warmly welcome this consultation.")])
    [change] = proposal_changes(proposal)
    assert (change.number, change.label, change.kind, change.removed, change.added) == \
        (1, "paragraph 1", "words", "", "warmly ")
    assert (change.before, change.after) == ("We ", "welcome this consultation.")
    assert apply_changes(proposal, {1}) == (proposal.heading, proposal.blocks)
    assert apply_changes(proposal, set()) == (proposal.before_heading, proposal.before_blocks)


def test_two_separate_changes_in_one_paragraph_are_decided_separately():
    proposal = _proposal([_p("The quick fox jumps over the dog.")],
                         [_p("The quick brown fox jumps over the lazy dog.")])
    assert _brief(proposal_changes(proposal)) == [(1, "paragraph 1", "words", "", "brown "),
                                                  (2, "paragraph 1", "words", "", "lazy ")]
    assert apply_changes(proposal, {1})[1] == (_p("The quick brown fox jumps over the dog."),)
    assert apply_changes(proposal, {2})[1] == (_p("The quick fox jumps over the lazy dog."),)
    # A word replaced is one change: the removed and the added words together.
    replaced = _proposal([_p("Costs will fall by 2010.")], [_p("Costs will rise by 2012.")])
    assert _brief(proposal_changes(replaced)) == [(1, "paragraph 1", "words", "fall ", "rise "),
                                                  (2, "paragraph 1", "words", "2010", "2012")]
    assert apply_changes(replaced, {2})[1] == (_p("Costs will fall by 2012."),)


def test_a_paragraph_split_in_two_is_one_change():
    proposal = _proposal([_p("Intro."), _p("First point. Second point.")],
                         [_p("Intro."), _p("First point."), _p("Second point.")])
    assert _brief(proposal_changes(proposal)) == [
        (1, "paragraph 2 split into 2", "split", "First point. Second point.", "First point. \u00b6 Second point.")]
    assert apply_changes(proposal, set())[1] == proposal.before_blocks
    # ... and two paragraphs joined, the other way round.
    joined = _proposal(proposal.blocks, proposal.before_blocks)
    assert _brief(proposal_changes(joined)) == [
        (1, "paragraph 2 joined from 2", "joined", "First point. \u00b6 Second point.", "First point. Second point.")]


def test_a_list_item_moved_is_one_change_taken_or_left_at_both_places():
    items = [ListItem(plain(text)) for text in ("Legislation", "Funding", "Skills")]
    proposal = _proposal(items, [items[1], items[2], items[0]])
    [change] = proposal_changes(proposal)
    assert (change.label, change.kind, change.removed, change.added) == \
        ("list item 1 moved to list item 3", "moved", "Legislation", "Legislation")
    assert apply_changes(proposal, set())[1] == tuple(items)
    assert apply_changes(proposal, {1})[1] == (items[1], items[2], items[0])


def test_a_table_cell_changed_is_one_change_and_a_row_added_another():
    header = (plain("Body"), plain("Saving"))
    before = Table(header, ((plain("Leeds"), plain("£1m")), (plain("Kirklees"), plain("£2m"))))
    after = Table(header, ((plain("Leeds"), plain("£1m")), (plain("Kirklees"), plain("£3m")),
                           (plain("Wakefield"), plain("£1m"))))
    proposal = _proposal([before], [after])
    assert _brief(proposal_changes(proposal)) == [(1, "table 1 row 2 cell 2", "cell", "£2m", "£3m"),
                                                  (2, "table 1 row 3", "added", "", "Wakefield | £1m")]
    assert apply_changes(proposal, {1})[1] == (Table(header, after.rows[:2]),)
    assert apply_changes(proposal, {2})[1] == (Table(header, (*before.rows, after.rows[2])),)
    # A table made wider is one change: its rows cannot be taken one by one.
    wider = _proposal([before], [Table((*header, plain("Year")), before.rows)])
    assert _brief(proposal_changes(wider))[0][:3] == (1, "table 1", "replaced")
    assert len(proposal_changes(wider)) == 1


def test_a_renamed_heading_is_changed_word_by_word():
    proposal = _proposal([_p("Text.")], [_p("Text.")], "Shared services", "Shared digital services")
    assert _brief(proposal_changes(proposal)) == [(1, "heading", "words", "", "digital ")]
    assert apply_changes(proposal, {1})[0] == "Shared digital services"
    renamed = _proposal([_p("Text.")], [_p("Text.")], "Shared services", "Joint working")
    assert _brief(proposal_changes(renamed)) == [(1, "heading", "words", "Shared services", "Joint working")]


def test_bold_italic_and_links_are_kept_whatever_is_taken():
    before = Paragraph((Span("We "), Span("welcome", bold=True), Span(" this "),
                        Span("consultation", href="https://gov.uk"), Span(".")))
    after = Paragraph((Span("We "), Span("warmly", italic=True), Span(" "), Span("welcome", bold=True),
                       Span(" this "), Span("consultation", href="https://gov.uk"), Span(" and its aims.")))
    proposal = _proposal([before], [after])
    assert _brief(proposal_changes(proposal)) == [(1, "paragraph 1", "words", "", "warmly "),
                                                  (2, "paragraph 1", "words", "", " and its aims")]
    assert apply_changes(proposal, {1})[1] == (Paragraph((
        Span("We "), Span("warmly", italic=True), Span(" "), Span("welcome", bold=True), Span(" this "),
        Span("consultation", href="https://gov.uk"), Span("."))),)
    assert apply_changes(proposal, {2})[1] == (Paragraph((
        Span("We "), Span("welcome", bold=True), Span(" this "), Span("consultation", href="https://gov.uk"),
        Span(" and its aims."))),)
    # Making a word bold is a change of its own, its words the same on both sides.
    bolder = _proposal([_p("We welcome this.")], [Paragraph((Span("We "), Span("welcome", bold=True),
                                                                 Span(" this.")))])
    [change] = proposal_changes(bolder)
    assert change.formatting_only and (change.removed, change.added) == ("welcome ", "welcome ")


def test_a_paragraph_added_or_removed_and_a_kind_changed_are_one_change_each():
    proposal = _proposal([_p("Keep."), _p("Drop this."), _p("Also keep.")],
                         [_p("Keep."), _p("Also keep."), ListItem(plain("New item")), _p("New para.")])
    assert _brief(proposal_changes(proposal)) == [(1, "paragraph 2", "removed", "Drop this.", ""),
                                                  (2, "list item 1", "added", "", "New item"),
                                                  (3, "paragraph 3", "added", "", "New para.")]
    assert apply_changes(proposal, {2})[1] == (_p("Keep."), _p("Drop this."), _p("Also keep."),
                                               ListItem(plain("New item")))
    kind = _proposal([_p("Point.")], [ListItem(plain("Point."), "bullet", 1)])
    assert _brief(proposal_changes(kind)) == [(1, "paragraph 1 \u2192 list item 1", "replaced", "Point.", "Point.")]


def test_a_paragraph_removed_between_two_edited_ones_pairs_each_with_its_own_edit():
    # In order, the second paragraph would be paired with the third's new text, word against unrelated word.
    proposal = _proposal([_p("Costs will fall by 2010."), _p("An aside nobody needs."), _p("Savings are shared.")],
                         [_p("Costs will rise by 2010."), _p("Savings are shared fairly.")])
    assert _brief(proposal_changes(proposal)) == [(1, "paragraph 1", "words", "fall ", "rise "),
                                                  (2, "paragraph 2", "removed", "An aside nobody needs.", ""),
                                                  (3, "paragraph 2", "words", "", " fairly")]
    assert apply_changes(proposal, {2})[1] == (_p("Costs will fall by 2010."), _p("Savings are shared."))


def test_an_unknown_change_number_is_one_line_naming_the_valid_range():
    proposal = _proposal([_p("The quick fox jumps over the dog.")],
                         [_p("The quick brown fox jumps over the lazy dog.")])
    with pytest.raises(ContentError, match=r"^the proposal has no change 0, 3: its changes are numbered 1 to 2$"):
        apply_changes(proposal, {0, 1, 3})


def test_word_authors_are_matched_to_changes_best_effort():
    tracked = (TrackedChange("insertion", "Pat Clarke", T0, "brown "),
               TrackedChange("insertion", "Sam Patel", T0 + timedelta(hours=1), "lazy"),
               TrackedChange("deletion", "Sam Patel", None, "unrelated words"))
    proposal = _proposal([_p("The quick fox jumps over the dog.")],
                         [_p("The quick brown fox jumps over the lazy dog.")], tracked=tracked)
    first, second = proposal_changes(proposal)
    assert first.authors == ("Pat Clarke",) and second.authors == ("Sam Patel",)
    assert second.tracked[0].time == T0 + timedelta(hours=1)
    assert proposal_changes(_proposal([_p("a")], [_p("b")]))[0].tracked == ()


def test_a_huge_paragraph_is_one_change_and_many_changes_stay_exact():
    words = [f"w{i}" for i in range(MAX_WORD_DIFF_TOKENS + 2)]
    changed = [f"x{i}" if i % 2 else w for i, w in enumerate(words)]
    proposal = _proposal([_p(" ".join(words))], [_p(" ".join(changed))])
    [change] = proposal_changes(proposal)
    assert change.kind == "replaced" and change.label == "paragraph 1"
    # Under the bound, every changed word is its own change, and taking all of them gives the text exactly.
    few = words[:600]
    proposal = _proposal([_p(" ".join(few))], [_p(" ".join(f"x{i}" if i % 2 else w for i, w in enumerate(few)))])
    changes = proposal_changes(proposal)
    assert len(changes) == 300
    assert apply_changes(proposal, {c.number for c in changes}) == (proposal.heading, proposal.blocks)
    odd = apply_changes(proposal, {1, 300})[1][0].spans[0].text.split()
    assert odd[1] == "x1" and odd[3] == "w3" and odd[-1] == "x599"
    # A paragraph repeating a few words over and over (the worst case for difflib) is one change too.
    repeated = [("cost", "the", "plan")[i % 3] for i in range(1_200)]
    edited = ["plan" if i % 5 == 0 else word for i, word in enumerate(repeated)]
    proposal = _proposal([_p(" ".join(repeated))], [_p(" ".join(edited))])
    assert [c.kind for c in proposal_changes(proposal)] == ["replaced"]


# -- deciding ----------------------------------------------------------------------------------------

def _owned(project):
    return next(s for s in project.all_sections() if s.owner == "calderdale")


def _propose(project, section):
    return propose(project, POLICE, section, section.current.id, "Shared digital services",
                   (Paragraph((Span("We "), Span("welcome", bold=True), Span(" this warmly."))),
                    ListItem(plain("Legislation"), "bullet", 1)), now=T0)


def test_deciding_some_changes_keeps_those_and_records_their_numbers(project):
    section = _owned(project)
    proposal = _propose(project, section)
    assert [c.number for c in proposal_changes(proposal)] == [1, 2]
    outcome = decide_changes(project, CALDERDALE, proposal.id, {2}, now=T0)
    assert outcome.kind == "updated" and outcome.decision.outcome == "partial"
    assert outcome.decision.accepted == (2,) and outcome.decision.revision == section.current.id
    assert section.heading == "Shared services"  # the heading's change was left
    assert section.blocks[0] == Paragraph((Span("We "), Span("welcome", bold=True), Span(" this warmly.")))
    assert open_proposals(section) == []
    with pytest.raises(ContentError, match="already decided"):
        decide_changes(project, CALDERDALE, proposal.id, {1})


def test_all_is_accepted_none_is_rejected_and_only_the_owner_decides(project):
    section = _owned(project)
    proposal = _propose(project, section)
    with pytest.raises(PermissionDenied, match="its owner"):
        decide_changes(project, KIRKLEES, proposal.id, {1})
    with pytest.raises(ContentError, match="numbered 1 to 2"):
        decide_changes(project, CALDERDALE, proposal.id, {5})
    assert decision_of(section, proposal.id) is None  # nothing recorded for a bad number
    outcome = decide_changes(project, CALDERDALE, proposal.id, {1, 2}, now=T0)
    assert outcome.decision.outcome == "accepted" and section.hash == content_hash(proposal.heading, proposal.blocks)
    second = propose(project, POLICE, section, section.current.id, "Other", section.blocks, now=T0)
    current = section.current
    outcome = decide_changes(project, CALDERDALE, second.id, set(), now=T0)
    assert outcome.decision.outcome == "rejected" and outcome.kind == "unchanged" and section.current is current


def test_a_partial_decision_after_the_section_changed_is_a_conflict_copy(project):
    section = _owned(project)
    proposal = _propose(project, section)
    edit_section(project, CALDERDALE, section, blocks=(_p("Newer."),), now=T0)
    outcome = decide_changes(project, CALDERDALE, proposal.id, {1}, now=T0)
    assert outcome.kind == "conflict" and section.blocks == (_p("Newer."),)
    assert section.conflicts[-1].heading == "Shared digital services"


# -- any subset: a property --------------------------------------------------------------------------

_WORDS = st.sampled_from(["we", "welcome", "this", "cost", "the", "plan", ".", ",", "2010", "Leeds"])
_SPANS = st.lists(st.builds(lambda words, bold, italic, link: Span(" ".join(words) + " ", bold, italic,
                                                                    "https://a.uk" if link else None),
                            st.lists(_WORDS, min_size=1, max_size=4), st.booleans(),
                            st.sampled_from([False, False, True]), st.sampled_from([False, False, False, True])),
                  min_size=1, max_size=4).map(tuple)
_CELL = st.lists(_WORDS, min_size=0, max_size=3).map(lambda words: plain(" ".join(words)))
_BLOCK = st.one_of(
    st.just(MemberList()),
    st.builds(Paragraph, _SPANS),
    st.builds(ListItem, _SPANS, st.sampled_from(["bullet", "number"]), st.integers(1, 3)),
    st.builds(lambda header, rows: Table(header, rows), st.sampled_from([(plain("A"), plain("B")), ()]),
              st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=4).map(tuple)))
_BLOCKS = st.lists(_BLOCK, max_size=6)
_HEADING = st.lists(_WORDS, min_size=1, max_size=5).map(lambda words: " ".join(words))


@st.composite
def _edited(draw, blocks):
    """``blocks`` edited as a reviewer would: blocks dropped, added, moved and words changed."""
    result = list(blocks)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["drop", "add", "move", "words"]))
        if action == "add" or not result:
            result.insert(draw(st.integers(0, len(result))), draw(_BLOCK))
            continue
        index = draw(st.integers(0, len(result) - 1))
        if action == "drop":
            result.pop(index)
        elif action == "move":
            result.insert(draw(st.integers(0, len(result) - 1)), result.pop(index))
        elif isinstance(result[index], (Paragraph, ListItem)):
            spans = list(result[index].spans)
            spans.insert(draw(st.integers(0, len(spans))), Span(" " + " ".join(draw(st.lists(_WORDS, max_size=3)))
                                                                 + " ", draw(st.booleans())))
            result[index] = Paragraph(tuple(spans)) if isinstance(result[index], Paragraph) else \
                ListItem(tuple(spans), result[index].kind, result[index].level)
        elif isinstance(result[index], Table):
            table = result[index]
            rows = list(table.rows)
            rows[draw(st.integers(0, len(rows) - 1))] = (draw(_CELL), draw(_CELL))
            result[index] = Table(table.header, tuple(rows))
    return result


@st.composite
def _proposals(draw):
    before = draw(_BLOCKS)
    after = draw(st.one_of(_BLOCKS, _edited(before)))
    return _proposal(before, after, draw(_HEADING), draw(_HEADING))


@settings(max_examples=400, deadline=None)
@given(_proposals(), st.data())
def test_none_taken_is_the_text_before_all_is_the_proposal_and_any_subset_is_well_formed(proposal, data):
    changes = proposal_changes(proposal)
    numbers = [c.number for c in changes]
    assert numbers == list(range(1, len(numbers) + 1))
    same = content_hash(proposal.before_heading, proposal.before_blocks) == content_hash(proposal.heading,
                                                                                         proposal.blocks)
    assert (not changes) == same
    heading, blocks = apply_changes(proposal, set())
    assert content_hash(heading, blocks) == content_hash(proposal.before_heading, proposal.before_blocks)
    heading, blocks = apply_changes(proposal, set(numbers))
    assert content_hash(heading, blocks) == content_hash(proposal.heading, proposal.blocks)
    subset = data.draw(st.sets(st.sampled_from(numbers))) if numbers else set()
    heading, blocks = apply_changes(proposal, subset)
    assert heading == heading.strip() and heading
    assert renormalize(blocks) == blocks == normalize_blocks(blocks)


_EDEN = "Rural communities in the Eden valley wait longer."


def test_a_join_with_a_word_inserted_is_the_join_and_the_insertion_each_taken_alone():
    # Word: paragraph 1's mark deleted (joining it to paragraph 2) and " (median)" inserted in paragraph 1.
    proposal = _proposal([_p("Warnings reach most households within a quarter of an hour."), _p(_EDEN)],
                         [_p("Warnings reach most households within a quarter of an hour (median). " + _EDEN)])
    changes = proposal_changes(proposal)
    assert [(c.kind, c.removed.strip(), c.added.strip()) for c in changes] == [
        ("words", "", "(median)"), ("joined", "\u00b6", "")]
    assert apply_changes(proposal, {2})[1] == (
        _p("Warnings reach most households within a quarter of an hour. " + _EDEN),)
    assert apply_changes(proposal, {1})[1] == (
        _p("Warnings reach most households within a quarter of an hour (median)."), _p(_EDEN))
    # ... and a paragraph split with a word changed, the other way round.
    split = _proposal(proposal.blocks, proposal.before_blocks)
    assert [c.kind for c in proposal_changes(split)] == ["words", "split"]
    assert apply_changes(split, {2})[1] == (
        _p("Warnings reach most households within a quarter of an hour (median)."), _p(_EDEN))


_UNIQUE = st.integers(0, 10_000)


@st.composite
def _split_and_joined(draw):
    """Paragraphs of words each used once, and the same split and joined at random (each paragraph once;
    a mark moved is tested by hand) with a word inserted or deleted (a new word used once too):
    blocks are told apart by the words they share, so a paragraph rewritten further is paired as well as
    words allow, no more."""
    counter = iter(range(100_000))
    before = [[f"w{next(counter)}" for _ in range(draw(st.integers(1, 6)))] for _ in range(draw(st.integers(1, 5)))]
    after = [list(words) for words in before]
    edits = 0
    touched = [False] * len(after)
    for _ in range(draw(st.integers(1, 5))):
        action = draw(st.sampled_from(["split", "join", "insert", "delete"]))
        index = draw(st.integers(0, len(after) - 1))
        words = after[index]
        if action == "split" and len(words) > 1 and not touched[index]:
            at = draw(st.integers(1, len(words) - 1))
            after[index:index + 1] = [words[:at], words[at:]]
            touched[index:index + 1] = [True, True]
        elif action == "join" and index + 1 < len(after) and not touched[index] and not touched[index + 1]:
            after[index:index + 2] = [words + after[index + 1]]
            touched[index:index + 2] = [True]
        elif action == "insert" and edits < 1:
            words.insert(draw(st.integers(0, len(words))), f"n{next(counter)}")
            edits += 1
        elif action == "delete" and len(words) > 1 and edits < 1:
            words.pop(draw(st.integers(0, len(words) - 1)))
            edits += 1
    # (No full stop at a paragraph's end: a join would change where one stands, a word edit besides.)
    to_blocks = lambda paragraphs: [_p(" ".join(words)) for words in paragraphs]  # noqa: E731
    return _proposal(to_blocks(before), to_blocks(after))


@settings(max_examples=300, deadline=None)
@given(_split_and_joined(), st.data())
def test_any_subset_of_splits_joins_and_word_edits_neither_duplicates_nor_drops_a_word(proposal, data):
    numbers = [c.number for c in proposal_changes(proposal)]
    subset = data.draw(st.sets(st.sampled_from(numbers))) if numbers else set()
    result = " ".join(block.spans[0].text for block in apply_changes(proposal, subset)[1]).replace(".", " ").split()
    before = " ".join(b.spans[0].text for b in proposal.before_blocks).replace(".", " ").split()
    after = " ".join(b.spans[0].text for b in proposal.blocks).replace(".", " ").split()
    counts = {word: result.count(word) for word in set(before) | set(after)}
    assert all(counts[word] == 1 for word in set(before) & set(after)), (subset, result)
    assert all(counts[word] <= 1 for word in counts), (subset, result)
    assert len(result) == sum(counts.values())


def test_twenty_thousand_paragraphs_every_other_one_edited_are_listed_and_taken_in_one_pass():
    """difflib aligned the blocks one short match at a time (26 s); anchored on the unchanged paragraphs
    (diff.aligned_opcodes) each edit is its own change. Guarded by an alarm far beyond the time it takes."""
    before = tuple(_p(f"para {i} text") for i in range(20_000))
    after = tuple(_p(f"para {i} {'TEXT' if i % 2 else 'text'}") for i in range(20_000))
    proposal = _proposal(before, after)
    with fails_if_still_running(60, "the blocks were aligned one short match at a time"):
        changes = proposal_changes(proposal)
        _, taken = apply_changes(proposal, {1, 10_000})
    assert len(changes) == 10_000
    assert taken[1] == _p("para 1 TEXT") and taken[19_999] == _p("para 19999 TEXT")
    assert taken[3] == _p("para 3 text") and taken[:1] == before[:1]


def test_a_paragraph_mark_moved_is_the_mark_removed_and_the_mark_added_each_taken_alone():
    # Word: paragraph 1's mark deleted and one inserted after its first sentence: "Rural areas wait." moves
    # to the next paragraph, no word changed.
    proposal = _proposal([_p("Warnings reach most homes within the hour. Rural areas wait."), _p("Signal is patchy.")],
                         [_p("Warnings reach most homes within the hour."), _p("Rural areas wait. Signal is patchy.")])
    assert [(c.label, c.kind, c.removed, c.added) for c in proposal_changes(proposal)] == [
        ("paragraphs 1\u20132 divided anew", "split", "", "\u00b6"),
        ("paragraphs 1\u20132 divided anew", "joined", "\u00b6", "")]
    assert apply_changes(proposal, {1})[1] == (
        _p("Warnings reach most homes within the hour."), _p("Rural areas wait."), _p("Signal is patchy."))
    assert apply_changes(proposal, {2})[1] == (
        _p("Warnings reach most homes within the hour. Rural areas wait. Signal is patchy."),)


def test_two_paragraphs_edited_apart_are_still_two_edits_not_a_division():
    proposal = _proposal([_p("We welcome the plan."), _p("Costs will fall by 2010.")],
                         [_p("We warmly welcome the plan."), _p("Costs will rise by 2010.")])
    assert _brief(proposal_changes(proposal)) == [(1, "paragraph 1", "words", "", "warmly "),
                                                  (2, "paragraph 2", "words", "fall ", "rise ")]
