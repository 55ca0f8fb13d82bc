"""A proposal's words: its text as tokens that carry their formatting, and the runs of changed tokens
between two versions of one paragraph, list item or heading (:func:`word_segments`), as
:mod:`.proposal_changes` numbers them for the owner to take or leave.

Bounded: difflib's time grows with the pairs of equal tokens the two sides hold, so each block and each
proposal has a budget of them (:class:`WordBudget`); past it a block is not diffed word by word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from .content import Inline, Span
from .diff import MAX_WORD_DIFF_TOKENS, common_ends

# A word or a punctuation mark with the spaces after it: so words repeat less often than they would with
# every space a token of its own (difflib's time grows with the pairs of equal tokens), and a word taken
# or left takes its space with it ("a {+b +}c").
TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")

# A paragraph, list item or the heading is diffed word by word up to this many pairs of equal words (one
# from each side: prose of 1,400 words holds about 40,000, a tenth of a second), and a proposal's blocks
# together up to the second; past them a block is one change, replaced whole.
MAX_BLOCK_WORD_PAIRS = 100_000
MAX_PROPOSAL_WORD_PAIRS = 1_000_000

# A token: its text, bold, italic and link target.
Token = tuple[str, bool, bool, "str | None"]


class WordBudget:
    """How much word-diffing a proposal has left. difflib's time grows with the pairs of equal words the two
    sides hold (it looks at each pair for every match it finds): few in prose, where most words are rare,
    but a paragraph repeating a handful of words holds a great many."""

    def __init__(self) -> None:
        self.pairs = MAX_PROPOSAL_WORD_PAIRS

    def spend(self, old: Sequence[Token], new: Sequence[Token]) -> bool:
        """Whether a word diff of these tokens is affordable (and if so, count it)."""
        if len(old) > MAX_WORD_DIFF_TOKENS or len(new) > MAX_WORD_DIFF_TOKENS:
            return False
        counts = Counter(old)
        pairs = sum(counts[token] for token in new if token in counts)
        if pairs > min(MAX_BLOCK_WORD_PAIRS, self.pairs):
            return False
        self.pairs -= pairs
        return True


def tokens_of(spans: Inline) -> list[Token]:
    """The spans' words and punctuation, each with the spaces after it and its formatting."""
    return [(piece, span.bold, span.italic, span.href) for span in spans for piece in TOKEN.findall(span.text)]


def text_of(tokens: Iterable[Token]) -> str:
    """The tokens' text, run together."""
    return "".join(token[0] for token in tokens)


def spans_of(tokens: Iterable[Token]) -> list[Span]:
    """The tokens as spans of content, one per token."""
    return [Span(text, bold, italic, href) for text, bold, italic, href in tokens]


def _blank(tokens: Sequence[Token]) -> bool:
    return all(token[0].isspace() for token in tokens)


def word_segments(old: list[Token], new: list[Token], budget: WordBudget) -> list | None:
    """Unchanged token lists and (old, new) pairs of changed ones, in order; ``None`` past the budget."""
    start, end = common_ends(old, new)
    old_middle, new_middle = old[start:len(old) - end], new[start:len(new) - end]
    if not budget.spend(old_middle, new_middle):
        return None
    raw: list = [old[:start]]
    matcher = SequenceMatcher(None, old_middle, new_middle, autojunk=True)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(old_middle[i1:i2])
        else:
            raw.append((old_middle[i1:i2], new_middle[j1:j2]))
    raw.append(old[len(old) - end:])
    # Spaces alone between two changes belong to them ("[-a b-]{+c d+}", one change, not two).
    for index in range(1, len(raw) - 1):
        if isinstance(raw[index], list) and raw[index] and _blank(raw[index]) \
                and isinstance(raw[index - 1], tuple) and isinstance(raw[index + 1], tuple):
            raw[index] = (raw[index], raw[index])
    merged: list = []
    for item in raw:
        if isinstance(item, list) and not item:
            continue
        if merged and isinstance(item, tuple) and isinstance(merged[-1], tuple):
            merged[-1] = (merged[-1][0] + item[0], merged[-1][1] + item[1])
        elif merged and isinstance(item, list) and isinstance(merged[-1], list):
            merged[-1] = merged[-1] + item
        else:
            merged.append(item)
    return _words_first(_shared_words_kept(merged))


def _shared_words_kept(segments: list) -> list:
    """A change whose two sides begin with one word, differing only in the spaces after it, leaves that
    word unchanged ("Shared Services[- Culture-]", not "[-Services Culture-]{+Services+}"): words carry
    their spaces, so a last word and the same word followed by more differ as tokens."""
    result: list = []
    for item in segments:
        if isinstance(item, tuple) and item[0] and item[1]:
            old, new = item
            (old_text, *old_form), (new_text, *new_form) = old[0], new[0]
            word = old_text.rstrip()
            if old_text != new_text and old_form == new_form and word and word == new_text.rstrip():
                kept = (word, *old_form)
                if result and isinstance(result[-1], list):
                    result[-1] = result[-1] + [kept]
                else:
                    result.append([kept])
                rest_old = [(old_text[len(word):], *old_form)] if old_text[len(word):] else []
                rest_new = [(new_text[len(word):], *new_form)] if new_text[len(word):] else []
                item = (rest_old + list(old[1:]), rest_new + list(new[1:]))
        result.append(item)
    return result


def _words_first(segments: list) -> list:
    """A word inserted or deleted alone carries the space after it, not before ("a {+b +}c", never
    "a{+ b+} c"), as :mod:`.diff` shows it: difflib may align either way, and a reviewer should see one."""
    for index in range(1, len(segments) - 1):
        before, item, after = segments[index - 1], segments[index], segments[index + 1]
        if not (isinstance(before, list) and isinstance(after, list) and isinstance(item, tuple)):
            continue
        old, new = item
        if old and new:
            continue
        run = old or new
        lead = 0
        while lead < len(run) and run[lead][0].isspace():
            lead += 1
        if 0 < lead < len(run) and len(after) > lead and after[:lead] == run[:lead]:
            moved = run[lead:] + run[:lead]
            segments[index - 1] = before + run[:lead]
            segments[index] = (moved, []) if old else ([], moved)
            segments[index + 1] = after[lead:]
    return segments
