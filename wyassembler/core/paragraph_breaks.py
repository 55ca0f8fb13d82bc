"""Paragraph breaks as tokens, for a split or join that also edits words (:mod:`.proposal_changes`).

Word shows a paragraph joined to the next as a deleted paragraph mark, separate from any word inserted
beside it, and the owner takes each alone. So the blocks on the side with several are run together into
one list of tokens (a space added where the side with one has a space between them), diffed word by word
against the other side, and a break token is put back at each boundary: a change of its own where the
words either side are unchanged, or part of the change it falls inside. Paragraphs divided anew (a mark
moved) have breaks on both sides, and where an old and a new one meet, the mark is unchanged. Taking a
subset of the changes then gives tokens with some breaks, and the text between two breaks is one block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .content import Inline, inline_text

PILCROW = "\u00b6"


def break_token(boundary: tuple[int, int], space_added: bool) -> tuple:
    """The token for the break ``boundary`` (side 0 old or 1 new, and the block it follows there; its bold
    is ``None``: no word's is): shown as ¶; ``space_added``: a space was added to the block's end to run
    it into the next."""
    return (PILCROW, None, boundary, space_added)


def is_break(token: tuple) -> bool:
    """Whether a token is a paragraph break."""
    return token[1] is None


def run_together(blocks: Sequence, other_text: str, tokens_of: Callable[[Inline], list[tuple]],
                 side: int) -> tuple[list[tuple], list[tuple[int, tuple]]]:
    """The tokens of ``blocks`` (paragraphs or list items) one after another, and each break between them
    (position, token): a space is added at a block's end where ``other_text`` (the block they were split
    from or joined into) has words apart there, or where it cannot tell (Word joins without one: "hour.Rural")."""
    tokens: list[tuple] = []
    breaks: list[tuple[int, tuple]] = []
    for boundary, block in enumerate(blocks):
        piece = tokens_of(block.spans)
        if boundary + 1 < len(blocks):
            head = inline_text(blocks[boundary + 1].spans).lstrip()[:20]
            at = other_text.find(head) if head else -1
            add = bool(piece) and not piece[-1][0][-1].isspace() and (at <= 0 or other_text[at - 1].isspace())
            if add:
                piece[-1] = (piece[-1][0] + " ", *piece[-1][1:])
            tokens += piece
            breaks.append((_width(tokens), break_token((side, boundary), add)))
        else:
            tokens += piece
    return tokens, breaks


def with_breaks(segments: list, side: int, breaks: Sequence[tuple[int, tuple]]) -> list:
    """The segments (unchanged token lists and (old, new) pairs) with each break token put at its position
    among the tokens of ``side`` (0 old, 1 new), ``breaks`` being (position in characters, token) in
    order (characters, not tokens: the word diff may cut a token in two). A break between unchanged
    tokens, or at the edge of a change, is a pair of its own; one inside a change's tokens joins that
    change; one where words were only added on the other side goes after them (they end the block
    before)."""
    pending = list(breaks)
    result: list = []
    at = 0

    def own(token: tuple) -> tuple:
        return ([token], []) if side == 0 else ([], [token])

    for item in segments:
        if isinstance(item, list):
            while pending and pending[0][0] < at + _width(item):
                position, token = pending.pop(0)
                cut = _cut(item, position - at)
                if item[:cut]:
                    result.append(item[:cut])
                result.append(own(token))
                item, at = item[cut:], at + _width(item[:cut])
            if item:
                result.append(item)
            at += _width(item)
            continue
        tokens = list(item[side])
        if tokens:
            while pending and pending[0][0] <= at:
                result.append(own(pending.pop(0)[1]))
        end = at + _width(tokens)
        inside = [(position, token) for position, token in pending if at < position < end]
        for position, token in reversed(inside):
            tokens.insert(_cut(tokens, position - at), token)
        pending = pending[len(inside):]
        result.append((tokens, item[1]) if side == 0 else (item[0], tokens))
        at = end
    result += [own(token) for _, token in pending]
    return result


def _width(tokens: Sequence[tuple]) -> int:
    return sum(len(token[0]) for token in tokens)


def _cut(tokens: Sequence[tuple], offset: int) -> int:
    """The index of the first token boundary at or after ``offset`` characters into ``tokens``."""
    size = 0
    for index, token in enumerate(tokens):
        if size >= offset:
            return index
        size += len(token[0])
    return len(tokens)


def shared_breaks(segments: list) -> list:
    """The segments with an old break and a new one standing together (no words between) made one
    unchanged break: the paragraph mark stays where it was (it is the new one's)."""
    result: list = []
    for item in segments:
        previous = result[-1] if result else None
        if isinstance(item, tuple) and isinstance(previous, tuple) and _lone_break(item) and _lone_break(previous) \
                and bool(item[0]) != bool(previous[0]) and _break_of(item)[3] == _break_of(previous)[3]:
            result[-1] = item[1] or previous[1]  # (a space added on one side only: left as two changes)
            continue
        result.append(item)
    return result


def _lone_break(item: tuple) -> bool:
    old, new = item
    return len(old) + len(new) == 1 and is_break(_break_of(item))


def _break_of(item: tuple) -> tuple:
    return (item[0] or item[1])[0]


def broken(tokens: Iterable[tuple]) -> list[tuple[tuple[int, int] | None, list[tuple]]]:
    """The tokens cut at the breaks among them: each piece with the boundary it follows (``None`` for the
    first), the space added before a break taken off again."""
    pieces: list[tuple[tuple[int, int] | None, list[tuple]]] = [(None, [])]
    for token in tokens:
        if not is_break(token):
            pieces[-1][1].append(token)
            continue
        last = pieces[-1][1]
        if token[3] and last and last[-1][0].endswith(" "):
            trimmed = last[-1][0][:-1]
            last[-1:] = [(trimmed, *last[-1][1:])] if trimmed else []
        pieces.append((token[2], []))
    return pieces
