"""Paragraph breaks as tokens, for a split or join that also edits words (:mod:`.proposal_changes`).

Word shows a paragraph joined to the next as a deleted paragraph mark, separate from any word inserted
beside it, and the owner takes each alone. So the blocks on the side with several are run together into
one list of tokens (a space added where the side with one has a space between them), diffed word by word
against the other side, and a break token is put back at each boundary: a change of its own where the
words either side are unchanged, or part of the change it falls inside. Taking a subset of the changes
then gives tokens with some breaks, and the text between two breaks is one block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .content import Inline, inline_text

PILCROW = "\u00b6"


def break_token(boundary: int, space_added: bool) -> tuple:
    """The token for the break after block ``boundary`` (its bold is ``None``: no word's is): shown as ¶;
    ``space_added``: a space was added to the block's end to run it into the next."""
    return (PILCROW, None, boundary, space_added)


def is_break(token: tuple) -> bool:
    """Whether a token is a paragraph break."""
    return token[1] is None


def run_together(blocks: Sequence, other_text: str,
                 tokens_of: Callable[[Inline], list[tuple]]) -> tuple[list[tuple], list[tuple[int, tuple]]]:
    """The tokens of ``blocks`` (paragraphs or list items) one after another, and each break between them
    (position, token): a space is added at a block's end where ``other_text`` (the block they were split
    from or joined into) has words apart there (Word joins without one: "hour.Rural")."""
    tokens: list[tuple] = []
    breaks: list[tuple[int, tuple]] = []
    for boundary, block in enumerate(blocks):
        piece = tokens_of(block.spans)
        if boundary + 1 < len(blocks):
            head = inline_text(blocks[boundary + 1].spans).lstrip()[:20]
            at = other_text.find(head) if head else -1
            add = bool(piece) and not piece[-1][0][-1].isspace() and (at < 0 or at > 0 and other_text[at - 1].isspace())
            if add:
                piece[-1] = (piece[-1][0] + " ", *piece[-1][1:])
            tokens += piece
            breaks.append((len(tokens), break_token(boundary, add)))
        else:
            tokens += piece
    return tokens, breaks


def with_breaks(segments: list, side: int, breaks: Sequence[tuple[int, tuple]]) -> list:
    """The segments (unchanged token lists and (old, new) pairs) with each break token put at its position
    among the tokens of ``side`` (0 old, 1 new), ``breaks`` being (position, token) in order. A break
    between unchanged tokens, or at the edge of a change, is a pair of its own; one inside a change's
    tokens joins that change; one where words were only added on the other side goes after them (they
    end the block before)."""
    pending = list(breaks)
    result: list = []
    at = 0

    def own(token: tuple) -> tuple:
        return ([token], []) if side == 0 else ([], [token])

    for item in segments:
        if isinstance(item, list):
            while pending and pending[0][0] < at + len(item):
                position, token = pending.pop(0)
                cut = max(position - at, 0)
                if item[:cut]:
                    result.append(item[:cut])
                result.append(own(token))
                item, at = item[cut:], at + cut
            if item:
                result.append(item)
            at += len(item)
            continue
        tokens = list(item[side])
        if tokens:
            while pending and pending[0][0] <= at:
                result.append(own(pending.pop(0)[1]))
        inside = [(position, token) for position, token in pending if at < position < at + len(tokens)]
        for position, token in reversed(inside):
            tokens.insert(position - at, token)
        pending = pending[len(inside):]
        result.append((tokens, item[1]) if side == 0 else (item[0], tokens))
        at += len(item[side])
    result += [own(token) for _, token in pending]
    return result


def broken(tokens: Iterable[tuple]) -> list[tuple[int | None, list[tuple]]]:
    """The tokens cut at the breaks among them: each piece with the boundary it follows (``None`` for the
    first), the space added before a break taken off again."""
    pieces: list[tuple[int | None, list[tuple]]] = [(None, [])]
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
