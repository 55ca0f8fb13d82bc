"""Which of the blocks a text lost correspond to which it gained, for showing and deciding the changes
between two versions (:mod:`.proposal_changes`).

Where the blocks of two versions differ, each lost block is paired with a gained one it was edited into, in
reading order, by the words they share (so a paragraph deleted between two edited ones is one removal, not
a pairing of unrelated text); a block cut into several at its spaces is a split, several run together a
join, and so is one whose words were also edited (its words together much like the other side's: Word's
deleted paragraph mark beside an insertion). The pairing is the best by shared words when the two sides
are small enough to weigh every pair, and in order otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .content import Block, Inline, ListItem, Paragraph, Table, inline_text

PAIR, SPLIT, JOIN, LOST, GAINED, REFLOW = "pair", "split", "join", "lost", "gained", "reflow"
# Every pair of a lost and a gained block is weighed up to this many pairs, and while the blocks' distinct
# words, each compared with every block on the other side, stay under the second; past either, in order.
MAX_WEIGHED_PAIRS = 2_500
MAX_WEIGHED_WORDS = 500_000
_WORD = re.compile(r"\w+")
# A split or join with words edited too: of at most this many blocks, their words together at least this
# like the other side's (Dice's coefficient).
MAX_EDITED_FLOW_BLOCKS = 6
MIN_EDITED_FLOW_SIMILARITY = 0.6
# Paragraphs divided anew (a paragraph mark moved: several into several, their words together alike):
# at most this many on either side.
MAX_REFLOW_BLOCKS = MAX_EDITED_FLOW_BLOCKS
FLOW_TIE = 1e-6
REFLOW_AS_PAIRS = 0.9


@dataclass(frozen=True)
class Step:
    """``old`` lost blocks from index ``old_at`` and ``new`` gained ones from ``new_at``: a pair (1 and 1),
    a split (1 and several), a join (several and 1), paragraphs divided anew (several and several), a
    block lost (1 and 0) or gained (0 and 1)."""

    kind: str
    old_at: int
    old: int
    new_at: int
    new: int


def inline_kind(block: Block) -> tuple | None:
    """What a paragraph or list item is besides its words (two blocks alike here can be word-diffed)."""
    if isinstance(block, Paragraph):
        return ("p",)
    if isinstance(block, ListItem):
        return ("li", block.kind, block.level, block.start)
    return None


def _characters(spans: Inline) -> tuple[str, list]:
    """The text, and each character's formatting."""
    return inline_text(spans), [(span.bold, span.italic, span.href) for span in spans for _ in span.text]


def split_length(whole: Block, parts: Sequence[Block]) -> int:
    """How many of ``parts`` (two or more) are ``whole`` cut at spaces, nothing else changed; 0 if not."""
    kind = inline_kind(whole)
    # The first piece is what the whole was (a list item keeps its start); the others continue it.
    rest = kind if isinstance(whole, Paragraph) else kind[:3] + (None,) if kind is not None else None
    if kind is None or len(parts) < 2 or inline_kind(parts[0]) != kind:
        return 0
    if not inline_text(whole.spans).startswith(inline_text(parts[0].spans)):  # type: ignore[union-attr]
        return 0  # (most often, and cheaply: each character's formatting is listed only past here)
    whole_text, whole_forms = _characters(whole.spans)  # type: ignore[union-attr]
    at = 0
    for index, part in enumerate(parts):
        if index:
            if inline_kind(part) != rest:
                return 0
            while at < len(whole_text) and whole_text[at].isspace():
                at += 1
        text, forms = _characters(part.spans)  # type: ignore[union-attr]
        if whole_text[at:at + len(text)] != text or whole_forms[at:at + len(text)] != forms:
            return 0
        at += len(text)
        if at == len(whole_text):
            return index + 1 if index else 0
    return 0


def _flows(block: Block) -> tuple | None:
    """What blocks split from or joined into one must share (a list item's start aside)."""
    kind = inline_kind(block)
    return kind[:3] if kind is not None else None


def _edited_flows(whole_words: frozenset[str], whole: Block, parts: Sequence[Block],
                  part_words: Sequence[frozenset[str]]) -> list[tuple[int, float]]:
    """Each count (two or more) of ``parts`` whose words together are like ``whole``'s, with the likeness:
    ``whole`` split into them (or they joined into it) with words edited besides."""
    kind = _flows(whole)
    found: list[tuple[int, float]] = []
    together: frozenset[str] = frozenset()
    limit = MAX_EDITED_FLOW_BLOCKS
    for count, (part, words) in enumerate(zip(parts[:limit], part_words[:limit], strict=False), start=1):
        if kind is None or _flows(part) != kind:
            break
        together |= words
        if count > 1 and (likeness := _similarity(whole_words, together)) >= MIN_EDITED_FLOW_SIMILARITY:
            found.append((count, likeness))
    return found


def _reflows(lost: Sequence[Block], gained: Sequence[Block], old_words: Sequence[frozenset[str]],
             new_words: Sequence[frozenset[str]]) -> list[tuple[int, int, float]]:
    """Each (m, n, likeness) of ``lost[:m]`` and ``gained[:n]`` (two or more each, paragraphs) whose words
    together are alike and that begin or end with the same word: paragraphs divided anew, a paragraph
    mark moved."""
    found: list[tuple[int, int, float]] = []
    if len(lost) < 2 or len(gained) < 2:
        return found
    same_start = _end_words(lost[0])[0] == _end_words(gained[0])[0]
    gained_ends = [_end_words(block)[1] for block in gained[:MAX_REFLOW_BLOCKS]]
    new_together: list[frozenset[str]] = []  # the words of gained[:n], for each n
    for block, words in zip(gained[:MAX_REFLOW_BLOCKS], new_words, strict=False):
        if not isinstance(block, Paragraph):
            break
        new_together.append((new_together[-1] if new_together else frozenset()) | words)
    old_together: frozenset[str] = frozenset()
    for m, (block, words) in enumerate(zip(lost[:MAX_REFLOW_BLOCKS], old_words, strict=False), start=1):
        if not isinstance(block, Paragraph):
            break
        old_together |= words
        if m < 2:
            continue
        ending = _end_words(block)[1]
        for n, together in enumerate(new_together[1:], start=2):
            if (same_start or gained_ends[n - 1] == ending) and \
                    (likeness := _similarity(old_together, together)) >= MIN_EDITED_FLOW_SIMILARITY:
                found.append((m, n, likeness))
    return found


def _end_words(block: Block) -> tuple[str, str]:
    """A paragraph's first and last words ("" if it has none)."""
    words = _WORD.findall(inline_text(block.spans)) if isinstance(block, Paragraph) else []
    return (words[0], words[-1]) if words else ("", "")


def _words(block: Block) -> frozenset[str]:
    if isinstance(block, (Paragraph, ListItem)):
        return frozenset(_WORD.findall(inline_text(block.spans).lower()))
    if isinstance(block, Table):
        return frozenset(word for row in (block.header, *block.rows) for cell in row
                         for word in _WORD.findall(inline_text(cell).lower()))
    return frozenset()


def _similarity(old: frozenset[str], new: frozenset[str]) -> float:
    """The share of words two blocks have in common (Dice's coefficient), 0 to 1."""
    return 2 * len(old & new) / (len(old) + len(new)) if old or new else 1.0


def pair_blocks(lost: Sequence[Block], gained: Sequence[Block]) -> list[Step]:
    """The steps that account for every lost and gained block, in reading order (a lost block before a
    gained one at the same place)."""
    if len(lost) * len(gained) > MAX_WEIGHED_PAIRS:
        return _in_order(lost, gained)
    old_words, new_words = [_words(block) for block in lost], [_words(block) for block in gained]
    if sum(map(len, old_words)) * len(gained) + sum(map(len, new_words)) * len(lost) > MAX_WEIGHED_WORDS:
        return _in_order(lost, gained)
    return _weighed(lost, gained, old_words, new_words)


def _in_order(lost: Sequence[Block], gained: Sequence[Block]) -> list[Step]:
    steps: list[Step] = []
    i = j = 0
    while i < len(lost) and j < len(gained):
        if count := split_length(lost[i], gained[j:]):
            steps.append(Step(SPLIT, i, 1, j, count))
            i, j = i + 1, j + count
        elif count := split_length(gained[j], lost[i:]):
            steps.append(Step(JOIN, i, count, j, 1))
            i, j = i + count, j + 1
        else:
            steps.append(Step(PAIR, i, 1, j, 1))
            i, j = i + 1, j + 1
    steps += [Step(LOST, index, 1, j, 0) for index in range(i, len(lost))]
    steps += [Step(GAINED, len(lost), 0, index, 1) for index in range(j, len(gained))]
    return steps


def _weighed(lost: Sequence[Block], gained: Sequence[Block], old_words: list[frozenset[str]],
             new_words: list[frozenset[str]]) -> list[Step]:
    """The pairing with the most words shared (a split or join counting as a whole block shared), pairs
    preferred on a tie, so that blocks nothing links pair in order as they would otherwise."""
    rows, columns = len(lost), len(gained)
    # best[i][j]: (score, pairs) of the best steps for lost[i:] and gained[j:]; choice[i][j] its first step.
    best = [[(0.0, 0)] * (columns + 1) for _ in range(rows + 1)]
    choice: list[list[Step | None]] = [[None] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows, -1, -1):
        for j in range(columns, -1, -1):
            options: list[tuple[tuple[float, int], Step]] = []
            if i < rows:
                options.append((best[i + 1][j], Step(LOST, i, 1, j, 0)))
            if j < columns:
                options.append((best[i][j + 1], Step(GAINED, i, 0, j, 1)))
            if i < rows and j < columns:
                if count := split_length(lost[i], gained[j:]):
                    score, pairs = best[i + 1][j + count]
                    options.append(((score + 1.0, pairs + 1), Step(SPLIT, i, 1, j, count)))
                if count := split_length(gained[j], lost[i:]):
                    score, pairs = best[i + count][j + 1]
                    options.append(((score + 1.0, pairs + 1), Step(JOIN, i, count, j, 1)))
                # (A hair over the likeness: on a tie with a pair and a block added, the split accounts for both.)
                for count, likeness in _edited_flows(old_words[i], lost[i], gained[j:], new_words[j:]):
                    score, pairs = best[i + 1][j + count]
                    options.append(((score + likeness + FLOW_TIE, pairs + 1), Step(SPLIT, i, 1, j, count)))
                for count, likeness in _edited_flows(new_words[j], gained[j], lost[i:], old_words[i:]):
                    score, pairs = best[i + count][j + 1]
                    options.append(((score + likeness + FLOW_TIE, pairs + 1), Step(JOIN, i, count, j, 1)))
                # A mark moved, the words (nearly) as they were: weighed as the pairs it stands for would be (a
                # tie goes to the pairs, which have more steps); with more edited, as one block.
                for m, n, likeness in _reflows(lost[i:], gained[j:], old_words[i:], new_words[j:]):
                    score, pairs = best[i + m][j + n]
                    weight = min(m, n) if likeness >= REFLOW_AS_PAIRS else 1
                    options.append(((score + likeness * weight, pairs + 1), Step(REFLOW, i, m, j, n)))
                score, pairs = best[i + 1][j + 1]
                options.append(((score + _similarity(old_words[i], new_words[j]), pairs + 1),
                                Step(PAIR, i, 1, j, 1)))
            if options:
                best[i][j], choice[i][j] = max(options, key=lambda option: option[0])
    steps: list[Step] = []
    i = j = 0
    while i < rows or j < columns:
        step = choice[i][j]
        assert step is not None
        steps.append(step)
        i, j = i + step.old, j + step.new
    return steps
