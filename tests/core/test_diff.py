"""The word-level diff of a section against hand-made expectations (core.diff)."""

from __future__ import annotations

from tests.hang_guard import fails_if_still_running
from wyassembler.core import diff
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, Table, plain
from wyassembler.core.diff import ADDED, CHANGED, REMOVED, SAME, Change, diff_section, word_diff


def para(text: str) -> Paragraph:
    return Paragraph(plain(text))


def item(text: str) -> ListItem:
    return ListItem(plain(text))


def table(*rows: tuple[str, ...]) -> Table:
    return Table((plain("Body"), plain("Share")), tuple(tuple(plain(cell) for cell in row) for row in rows))


def summary(section_diff) -> list[tuple[str, str, str]]:
    return [(block.kind, block.label, diff._marked(block.runs)) for block in section_diff.blocks]


def test_a_word_inserted_mid_sentence_is_the_only_change():
    assert word_diff("The quick fox jumps.", "The quick brown fox jumps.") == (
        Change(SAME, "The quick "), Change(ADDED, "brown "), Change(SAME, "fox jumps."))


def test_runs_give_back_both_texts():
    old, new = "Costs fell by 3% in 2005, we think.", "Costs rose by 4% in 2006; we know."
    runs = word_diff(old, new)
    assert "".join(r.text for r in runs if r.kind != ADDED) == old
    assert "".join(r.text for r in runs if r.kind != REMOVED) == new


def test_a_paragraph_split_in_two():
    result = diff_section("H", (para("One two. Three four."),), "H", (para("One two."), para("Three four.")))
    assert summary(result) == [(CHANGED, "paragraph 1", "One two.[- Three four.-]"),
                               (ADDED, "paragraph 2", "{+Three four.+}")]


def test_a_moved_list_item_is_removed_there_and_added_here():
    result = diff_section("H", (item("a"), item("b"), item("c")), "H", (item("b"), item("c"), item("a")))
    assert summary(result) == [(REMOVED, "list item 1", "[-a-]"), (SAME, "list item 1", "b"),
                               (SAME, "list item 2", "c"), (ADDED, "list item 3", "{+a+}")]


def test_a_table_cell_change_shows_within_its_row():
    old = table(("Calderdale", "20%"), ("Kirklees", "30%"))
    new = table(("Calderdale", "20%"), ("Kirklees", "35%"))
    result = diff_section("H", (old,), "H", (new,))
    assert summary(result) == [(SAME, "table 1 header", "Body | Share"), (SAME, "table 1 row 1", "Calderdale | 20%"),
                               (CHANGED, "table 1 row 2", "Kirklees | [-30-]{+35+}%")]


def test_a_renamed_heading_is_diffed_and_the_content_is_not_changed():
    blocks = (para("Text."), MemberList())
    result = diff_section("Shared services", blocks, "Shared services culture", blocks)
    assert result.changed
    assert result.heading.runs == (Change(SAME, "Shared services"), Change(ADDED, " culture"))
    assert all(block.kind == SAME for block in result.blocks)
    assert diff.plain(result) == "heading: Shared services{+ culture+}\n\n(2 unchanged blocks)\n"


def test_identical_versions_have_no_changes():
    blocks = (para("Same."), item("same"))
    result = diff_section("H", blocks, "H", blocks)
    assert not result.changed
    assert diff.plain(result) == "No changes.\n"
    assert diff.to_json(result)["changed"] is False


def test_plain_shows_one_unchanged_block_either_side_and_counts_the_rest():
    old = tuple(para(f"Paragraph {n}.") for n in range(1, 8))
    new = old[:3] + (para("Paragraph four, rewritten."),) + old[4:]
    assert diff.plain(diff_section("H", old, "H", new)) == (
        "(2 unchanged paragraphs)\n\n"
        "paragraph 3:\nParagraph 3.\n\n"
        "paragraph 4 (changed):\nParagraph [-4-]{+four, rewritten+}.\n\n"
        "paragraph 5:\nParagraph 5.\n\n"
        "(2 unchanged paragraphs)\n")


def test_to_json_lists_every_block_and_its_runs():
    result = diff_section("H", (para("a b"),), "H", (para("a c"),))
    assert diff.to_json(result) == {
        "changed": True,
        "heading": {"kind": SAME, "label": "heading", "runs": [{"kind": SAME, "text": "H"}], "notes": []},
        "blocks": [{"kind": CHANGED, "label": "paragraph 1", "runs": [
            {"kind": SAME, "text": "a "}, {"kind": REMOVED, "text": "b"}, {"kind": ADDED, "text": "c"}],
            "notes": []}],
    }


def test_a_huge_section_is_bounded_by_whole_block_replacement():
    # Two unrelated paragraphs far over the word-by-word limit: shown replaced whole (difflib on them would
    # be quadratic), while the unchanged start and end of a long paragraph still leave a precise diff.
    old_words = " ".join(f"w{n}" for n in range(diff.MAX_WORD_DIFF_TOKENS * 2))
    new_words = " ".join(f"v{n}" for n in range(diff.MAX_WORD_DIFF_TOKENS * 2))
    assert word_diff(old_words, new_words) == (Change(REMOVED, old_words), Change(ADDED, new_words))
    huge = "x " * (diff.MAX_WORD_DIFF_CHARS // 2 + 1)
    assert word_diff(huge, huge + "y") == (Change(REMOVED, huge), Change(ADDED, huge + "y"))
    inserted = old_words.replace("w500 ", "w500 new ")
    assert Change(ADDED, "new ") in word_diff(old_words, inserted)


def test_a_lone_word_is_shown_with_the_space_after_it_whichever_way_difflib_aligns():
    for old, new in [("the following challenges", "the following hard challenges"),
                     ("welcomes this section", "welcomes warmly this section")]:
        runs = word_diff(old, new)
        added = next(run.text for run in runs if run.kind == ADDED)
        assert added.endswith(" ") and not added.startswith(" ")
        assert "".join(run.text for run in runs) == new
    assert word_diff("a b c", "a c") == (Change(SAME, "a "), Change(REMOVED, "b "), Change(SAME, "c"))


def _versions(result) -> tuple[list[str], list[str]]:
    """Both versions' block texts, read back from a diff."""
    old = ["".join(r.text for r in b.runs if r.kind != ADDED) for b in result.blocks if b.kind != ADDED]
    new = ["".join(r.text for r in b.runs if r.kind != REMOVED) for b in result.blocks if b.kind != REMOVED]
    return old, new


def test_past_the_section_budget_changed_blocks_are_replaced_whole(monkeypatch):
    monkeypatch.setattr(diff, "MAX_SECTION_WORD_DIFF_WORK", 1)  # one single-word change's worth
    result = diff_section("H", (para("a b c"), para("d e f g")), "H", (para("a x c"), para("d y e g")))
    # The common start and end still show; the middle is one replacement, not a word diff ("{+y +}e[- f-]").
    assert summary(result) == [(CHANGED, "paragraph 1", "a [-b-]{+x+} c"),
                               (CHANGED, "paragraph 2", "d [-e f-]{+y e+} g")]


def test_thousands_of_repeated_blocks_are_aligned_loosely_but_correctly(monkeypatch):
    monkeypatch.setattr(diff, "MAX_EXACT_ALIGNED_BLOCKS", 3)
    old = tuple(para(text) for text in ["x", "y", "x", "x", "y", "y", "x", "y", "x", "x"])
    new = tuple(reversed(old)) + (para("z"),)
    result = diff_section("H", old, "H", new)
    assert _versions(result) == ([p.spans[0].text for p in old], [p.spans[0].text for p in new])


def test_a_long_paragraph_with_many_changes_is_diffed_word_by_word():
    # 1,400 words, every seventh changed: aligned word by word (45 s when every space was a token difflib
    # could start a match at; benchmarks/bench_proposal_changes.py times it), each change its own run.
    words = [f"w{i % 300}" for i in range(1400)]
    edited = [f"x{i}" if i % 7 == 3 else word for i, word in enumerate(words)]
    runs = word_diff(" ".join(words), " ".join(edited))
    assert [run.kind for run in runs].count(REMOVED) == 200 == [run.kind for run in runs].count(ADDED)
    assert "".join(run.text for run in runs if run.kind != ADDED) == " ".join(words)
    assert "".join(run.text for run in runs if run.kind != REMOVED) == " ".join(edited)
    assert diff._marked(runs[:4]) == "w0 w1 w2 [-w3-]{+x3+} w4 w5 w6 w7 w8 w9 "


def test_a_redirected_link_is_a_change_with_its_old_and_new_address():
    old = (Paragraph((Span("See "), Span("the agency", href="https://www.gov.uk/ea"), Span("."))),)
    new = (Paragraph((Span("See "), Span("the agency", href="https://example.org/evil"), Span("."))),)
    result = diff_section("H", old, "H", new)
    assert result.changed
    [block] = result.blocks
    assert block.kind == CHANGED
    assert block.notes == ("link \u201cthe agency\u201d now goes to https://example.org/evil "
                           "(was https://www.gov.uk/ea)",)
    assert "now goes to https://example.org/evil" in diff.plain(result)
    assert diff.to_json(result)["blocks"][0]["notes"] == list(block.notes)


def test_a_link_added_or_removed_and_words_made_bold_are_said():
    old = (Paragraph((Span("Read the plan now."),)), ListItem((Span("Item", href="https://a.example"),), "bullet", 1))
    new = (Paragraph((Span("Read the "), Span("plan", bold=True), Span(" now."))), ListItem(plain("Item"), "bullet", 1))
    blocks = diff_section("H", old, "H", new).blocks
    assert [b.kind for b in blocks] == [CHANGED, CHANGED]
    assert blocks[0].notes == ("bold changed: now on \u201cplan\u201d, was on no words",)
    assert blocks[1].notes == ("link \u201cItem\u201d (to https://a.example) removed",)


def test_a_link_changed_in_a_table_cell_is_said():
    def table(href):
        return (Table((plain("Name"),), (((Span("Agency", href=href),),),)),)
    [block] = [b for b in diff_section("H", table("https://a.example"), "H", table("https://b.example")).blocks
               if b.kind != SAME]
    assert block.kind == CHANGED and "now goes to https://b.example" in block.notes[0]


def _rebuilt(old: list, new: list, opcodes) -> list:
    """``new`` as the opcodes make it from ``old``: equal stretches taken from old (and checked equal)."""
    made, i_at, j_at = [], 0, 0
    for tag, i1, i2, j1, j2 in opcodes:
        assert (i1, j1) == (i_at, j_at)  # contiguous, in order, nothing skipped
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
            made += old[i1:i2]
        else:
            made += new[j1:j2]
        i_at, j_at = i2, j2
    assert (i_at, j_at) == (len(old), len(new))
    return made


def test_anchored_alignment_of_many_blocks_rebuilds_the_new_version(monkeypatch):
    import random

    monkeypatch.setattr(diff, "MAX_EXACT_ALIGNED_BLOCKS", 3)
    rng = random.Random(20)
    for _ in range(300):
        old = [rng.choice("abcdefghij") + str(rng.randrange(3)) for _ in range(rng.randrange(40))]
        new = [key if rng.random() < 0.6 else rng.choice("abcdefghij") + str(rng.randrange(3)) for key in old]
        new += [rng.choice("xyz") for _ in range(rng.randrange(4))]
        rng.shuffle(new) if rng.random() < 0.2 else None
        assert _rebuilt(old, new, diff.aligned_opcodes(old, new)) == new


def test_twenty_thousand_paragraphs_every_other_one_edited_are_diffed_in_one_pass():
    """difflib split them at one short match at a time (70 s); anchored on the unchanged paragraphs each
    edited one is paired with its own. Guarded by an alarm far beyond the time it takes (not a speed check)."""
    old = tuple(para(f"para {i} text") for i in range(20_000))
    new = tuple(para(f"para {i} {'TEXT' if i % 2 else 'text'}") for i in range(20_000))
    with fails_if_still_running(40, "the blocks were aligned one short match at a time"):
        result = diff_section("H", old, "H", new)
    kinds = [block.kind for block in result.blocks]
    assert kinds.count(SAME) == 10_000 and kinds.count(CHANGED) == 10_000
    assert summary(diff_section("H", old[:4], "H", new[:4]))[1] == (CHANGED, "paragraph 2", "para 1 [-text-]{+TEXT+}")
