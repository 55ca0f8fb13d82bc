"""A word-level diff of a section's heading and content between two versions, for a reviewer asked to
approve again: what changed since they last looked, block by block (paragraphs, list items, table rows).

Blocks are aligned first (a list item or table row that moved shows as removed where it was and added
where it is now); blocks that were matched but changed are then diffed word by word. A run of tokens keeps
every character (words, and the spaces and punctuation between them), so joining a block's runs gives back
its text. :func:`plain` prints a diff as ``git diff --word-diff=plain`` does (``[-removed-]{+added+}``);
:func:`to_json` gives it to scripts.

Bounded: very long blocks are not diffed word by word but shown replaced whole, so the diff of a section at
the largest size a project holds takes no longer than reading it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from . import signoff
from .content import Blocks, Inline, ListItem, MemberList, Paragraph, Table, inline_text
from .model import Revision, Section, SignOff

SAME, REMOVED, ADDED, CHANGED = "same", "removed", "added", "changed"

# Above this many characters a block is shown replaced whole: tokenising megabytes is not a review.
MAX_WORD_DIFF_CHARS = 200_000
# difflib is quadratic in the worst case: the part between a common start and end is diffed word by
# word only up to this many tokens a side, and shown replaced whole above it.
MAX_WORD_DIFF_TOKENS = 3_000
# ... and a whole section's word diffs together up to this much work (difflib's worst case, the product of
# the two sides' tokens): past it, the remaining changed blocks are shown replaced whole.
MAX_SECTION_WORD_DIFF_WORK = 20_000_000
# A stretch of words found changed is diffed again token by token (spaces and punctuation) up to this much
# work (the product of its two sides' tokens); above it, it is shown replaced as it stands.
MAX_REFINED_WORK = 40_000
# Aligning more blocks than this (after their common start and end) lets difflib skip blocks repeated
# very often as anchors, which keeps a section of thousands of identical short paragraphs from taking minutes.
MAX_EXACT_ALIGNED_BLOCKS = 2_000

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_CELL_SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class Change:
    """A run of text that is the ``same`` in both versions, ``removed`` from the old or ``added`` in the new."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class BlockDiff:
    """One block (or the heading, or one table row): ``same``, ``changed``, ``removed`` or ``added``,
    with a label such as "paragraph 2", "list item 3" or "table 1 row 2" and its runs of text."""

    kind: str
    label: str
    runs: tuple[Change, ...]
    # What the words do not show: a link's address changed, added or removed, or words made bold or italic
    # (a redirected link changes the hash an approval was given on, so a reviewer must see it).
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The block's text as the diff shows it (both versions' words)."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class SectionDiff:
    """The heading's diff and the content's, block by block in reading order."""

    heading: BlockDiff
    blocks: tuple[BlockDiff, ...]

    @property
    def changed(self) -> bool:
        """Whether anything differs between the two versions."""
        return self.heading.kind != SAME or any(block.kind != SAME for block in self.blocks)


@dataclass(frozen=True, slots=True)
class _Unit:
    """What blocks are aligned by: a paragraph, a list item, a table row or a member list."""

    kind: str  # "paragraph", "list item", "table row", "member list"
    label: str
    key: tuple
    text: str
    spans: Inline = ()  # every span of the block or row (cells one after another), for what words do not show


def _look(spans: Inline) -> tuple:
    """What a block's spans show besides their words: each span's formatting and link address."""
    return tuple((span.text, span.bold, span.italic, span.href) for span in spans)


def _row_spans(row: tuple[Inline, ...]) -> Inline:
    return tuple(span for cell in row for span in cell)


def _cells(row: tuple[Inline, ...]) -> str:
    return _CELL_SEPARATOR.join(inline_text(cell) for cell in row)


def _units(blocks: Blocks) -> list[_Unit]:
    """Blocks as the units they are aligned by, each labelled by its place in its version."""
    units: list[_Unit] = []
    counts = {"paragraph": 0, "list item": 0, "table": 0}
    for block in blocks:
        if isinstance(block, Paragraph):
            counts["paragraph"] += 1
            text = inline_text(block.spans)
            units.append(_Unit("paragraph", f"paragraph {counts['paragraph']}", ("p", _look(block.spans)), text,
                               block.spans))
        elif isinstance(block, ListItem):
            counts["list item"] += 1
            text = inline_text(block.spans)
            units.append(_Unit("list item", f"list item {counts['list item']}",
                               ("li", block.kind, block.level, _look(block.spans)), text, block.spans))
        elif isinstance(block, Table):
            counts["table"] += 1
            number = counts["table"]
            if block.header:
                text = _cells(block.header)
                spans = _row_spans(block.header)
                units.append(_Unit("table row", f"table {number} header", ("th", text, _look(spans)), text, spans))
            for row_number, row in enumerate(block.rows, start=1):
                text = _cells(row)
                spans = _row_spans(row)
                units.append(_Unit("table row", f"table {number} row {row_number}", ("tr", text, _look(spans)),
                                   text, spans))
        elif isinstance(block, MemberList):
            units.append(_Unit("member list", "member list", ("members",), "(the member organisations)"))
    return units


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def common_ends(old: Sequence[Hashable], new: Sequence[Hashable]) -> tuple[int, int]:
    """How many items (tokens, blocks) the two lists share at the start, and then at the end."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


class _Budget:
    """How much word-diffing work a section's diff has left."""

    def __init__(self) -> None:
        self.work = MAX_SECTION_WORD_DIFF_WORK

    def spend(self, old_tokens: int, new_tokens: int) -> bool:
        """Whether a word diff of this size is affordable (and if so, count it)."""
        if old_tokens > MAX_WORD_DIFF_TOKENS or new_tokens > MAX_WORD_DIFF_TOKENS:
            return False
        cost = old_tokens * new_tokens
        if cost > self.work:
            return False
        self.work -= cost
        return True


def _word_groups(tokens: list[str]) -> tuple[list[str], list[int]]:
    """The tokens as words with the spaces after them, and the token each group starts at (and the end)."""
    groups: list[str] = []
    starts: list[int] = []
    for index, token in enumerate(tokens):
        if groups and token.isspace():
            groups[-1] += token
        else:
            groups.append(token)
            starts.append(index)
    return groups, [*starts, len(tokens)]


def _word_opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes over two token lists, aligned by words first: with every space a token, difflib
    (whose time grows with the pairs of equal tokens it looks at for each match) took 45 s over one paragraph
    of 1,400 words with 200 changes. Only the stretches found changed are diffed again token by token (so a
    word's spaces still show as they did), each up to MAX_REFINED_WORK; past 200 words difflib's autojunk
    leaves the commonest words out of its anchors."""
    old_groups, old_starts = _word_groups(old)
    new_groups, new_starts = _word_groups(new)
    opcodes: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_groups, new_groups, autojunk=True).get_opcodes():
        a1, a2, b1, b2 = old_starts[i1], old_starts[i2], new_starts[j1], new_starts[j2]
        if tag == "equal" or a1 == a2 or b1 == b2 or (a2 - a1) * (b2 - b1) > MAX_REFINED_WORK:
            opcodes.append((tag, a1, a2, b1, b2))
            continue
        refined = SequenceMatcher(None, old[a1:a2], new[b1:b2], autojunk=False).get_opcodes()
        opcodes += [(part, a1 + x1, a1 + x2, b1 + y1, b1 + y2) for part, x1, x2, y1, y2 in refined]
    return opcodes


def _segments(old: list[str], new: list[str], budget: _Budget) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) pieces: ``equal`` or ``replace`` (either side possibly empty)."""
    if not budget.spend(len(old), len(new)):
        return [("replace", "".join(old), "".join(new))]
    pieces = [(tag, "".join(old[i1:i2]), "".join(new[j1:j2])) for tag, i1, i2, j1, j2 in _word_opcodes(old, new)]
    # A lone space between two changes reads better inside them: "[-a b-]{+c d+}", not "[-a-]{+c+} [-b-]{+d+}".
    for index in range(1, len(pieces) - 1):
        tag, text, _ = pieces[index]
        if tag == "equal" and text.isspace() and pieces[index - 1][0] != "equal" and pieces[index + 1][0] != "equal":
            pieces[index] = ("replace", text, text)
    return [(("equal" if tag == "equal" else "replace"), a, b) for tag, a, b in pieces]


def word_diff(old: str, new: str, budget: _Budget | None = None) -> tuple[Change, ...]:
    """The runs that turn ``old`` into ``new`` word by word; removed text comes before added text."""
    if old == new:
        return (Change(SAME, old),) if old else ()
    if len(old) > MAX_WORD_DIFF_CHARS or len(new) > MAX_WORD_DIFF_CHARS:
        return _merged([Change(REMOVED, old), Change(ADDED, new)])
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    start, end = common_ends(old_tokens, new_tokens)
    middle = _segments(old_tokens[start:len(old_tokens) - end], new_tokens[start:len(new_tokens) - end],
                       budget or _Budget())
    runs = [Change(SAME, "".join(old_tokens[:start]))]
    pending_removed: list[str] = []
    pending_added: list[str] = []
    for tag, old_text, new_text in middle:
        if tag == "equal":
            runs += [Change(REMOVED, "".join(pending_removed)), Change(ADDED, "".join(pending_added)),
                     Change(SAME, old_text)]
            pending_removed, pending_added = [], []
        else:
            pending_removed.append(old_text)
            pending_added.append(new_text)
    runs += [Change(REMOVED, "".join(pending_removed)), Change(ADDED, "".join(pending_added)),
             Change(SAME, "".join(old_tokens[len(old_tokens) - end:]))]
    return _merged(_words_first(_merged(runs)))


def _words_first(runs: tuple[Change, ...]) -> list[Change]:
    """A word inserted or deleted alone is shown with the space after it, not before ("a {+b +}c", never
    "a{+ b+} c"): difflib may align either way, and a reviewer should see one form."""
    runs_list = list(runs)
    for index in range(1, len(runs_list) - 1):
        before, run, after = runs_list[index - 1], runs_list[index], runs_list[index + 1]
        if before.kind != SAME or after.kind != SAME or run.kind == SAME:
            continue
        lead = len(run.text) - len(run.text.lstrip())
        space = run.text[:lead]
        if lead and lead < len(run.text) and after.text.startswith(space) and len(after.text) > lead:
            runs_list[index - 1] = Change(SAME, before.text + space)
            runs_list[index] = Change(run.kind, run.text[lead:] + space)
            runs_list[index + 1] = Change(SAME, after.text[lead:])
    return runs_list


def _merged(runs: list[Change]) -> tuple[Change, ...]:
    """Runs without empty ones, neighbours of one kind joined."""
    merged: list[Change] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].kind == run.kind:
            merged[-1] = Change(run.kind, merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def _whole(kind: str, unit: _Unit) -> BlockDiff:
    return BlockDiff(kind, unit.label, (Change(REMOVED if kind == REMOVED else ADDED if kind == ADDED else SAME,
                                               unit.text),))


def _paired(old: _Unit, new: _Unit, budget: _Budget) -> list[BlockDiff]:
    """A block changed in place, or (a list item become a paragraph, say) removed and another added."""
    if old.kind != new.kind:
        return [_whole(REMOVED, old), _whole(ADDED, new)]
    return [BlockDiff(CHANGED, new.label, word_diff(old.text, new.text, budget), _notes(old.spans, new.spans))]


def _links(spans: Inline) -> list[tuple[str, str]]:
    """Each link's words and address, a link split over spans (bold inside it, say) taken as one."""
    links: list[tuple[str, str]] = []
    previous = ""
    for span in spans:
        if span.href and span.href == previous:
            links[-1] = (links[-1][0] + span.text, span.href)
        elif span.href:
            links.append((span.text, span.href))
        previous = span.href or ""
    return links


def _styled(spans: Inline, attribute: str) -> list[str]:
    return [span.text for span in spans if getattr(span, attribute) and span.text.strip()]


def _notes(old: Inline, new: Inline) -> tuple[str, ...]:
    """What changed that the words do not show: links (by their words, then their address) and emphasis."""
    notes: list[str] = []
    old_links, new_links = _links(old), _links(new)
    gone = [link for link in old_links if link not in new_links]
    came = [link for link in new_links if link not in old_links]
    for text, href in came:
        before = next((link for link in gone if link[0].strip() == text.strip()), None)
        if before is not None:
            gone.remove(before)
            notes.append(f"link \u201c{_short(text)}\u201d now goes to {href} (was {before[1]})")
        else:
            notes.append(f"link \u201c{_short(text)}\u201d added, to {href}")
    notes += [f"link \u201c{_short(text)}\u201d (to {href}) removed" for text, href in gone]
    for attribute, word in (("bold", "bold"), ("italic", "italic")):
        if _styled(old, attribute) != _styled(new, attribute) and inline_text(old) == inline_text(new):
            notes.append(f"{word} changed: now on {_quoted(_styled(new, attribute))}, was on "
                         f"{_quoted(_styled(old, attribute))}")
    return tuple(notes)


def _quoted(words: list[str]) -> str:
    return ", ".join(f"\u201c{_short(word)}\u201d" for word in words[:5]) + (" \u2026" if len(words) > 5 else "") \
        if words else "no words"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def aligned_opcodes(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes turning ``old`` into ``new`` (lists of blocks' keys). Past
    :data:`MAX_EXACT_ALIGNED_BLOCKS`, the lists are first anchored on the keys each holds as often as the
    other (the n-th with the n-th, the longest run of them in order on both sides) and difflib aligns only
    the stretches between anchors: on thousands of blocks it splits at one short match at a time (20,000
    paragraphs with every other one edited took 70 s)."""
    start, end = common_ends(old, new)
    if max(len(old), len(new)) - start - end <= MAX_EXACT_ALIGNED_BLOCKS:
        return list(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    opcodes: list[tuple[str, int, int, int, int]] = []
    i0 = j0 = 0
    for i, j in [*_anchors(old, new), (len(old), len(new))]:
        if i > i0 or j > j0:
            many = max(i - i0, j - j0) > MAX_EXACT_ALIGNED_BLOCKS
            for tag, a1, a2, b1, b2 in SequenceMatcher(None, old[i0:i], new[j0:j], autojunk=many).get_opcodes():
                opcodes.append((tag, a1 + i0, a2 + i0, b1 + j0, b2 + j0))
        if i < len(old):
            opcodes.append(("equal", i, i + 1, j, j + 1))
        i0, j0 = i + 1, j + 1
    joined: list[tuple[str, int, int, int, int]] = []
    for opcode in opcodes:
        if joined and opcode[0] == joined[-1][0] == "equal":
            joined[-1] = ("equal", joined[-1][1], opcode[2], joined[-1][3], opcode[4])
        else:
            joined.append(opcode)
    return joined


def _anchors(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs (i, j) with ``old[i] == new[j]``, increasing on both sides: of the keys found as often in
    both lists, the n-th on one side paired with the n-th on the other, and of those the longest run in
    order (patience sorting, n log n)."""
    counts: dict[Hashable, int] = {}
    for key in old:
        counts[key] = counts.get(key, 0) + 1
    places: dict[Hashable, list[int]] = {}
    for j, key in enumerate(new):
        places.setdefault(key, []).append(j)
    seen: dict[Hashable, int] = {}
    pairs = []
    for i, key in enumerate(old):
        found = places.get(key)
        if found is not None and len(found) == counts[key]:
            nth = seen.get(key, 0)
            seen[key] = nth + 1
            pairs.append((i, found[nth]))
    tails: list[int] = []  # the smallest last j of a run of each length
    ends: list[int] = []  # index in pairs of that run's last pair
    before: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
        before[index] = ends[length - 1] if length else -1
    run: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]


def diff_blocks(old: Blocks, new: Blocks) -> tuple[BlockDiff, ...]:
    """Each block of either version: unchanged, changed word by word, removed or added, in reading order."""
    old_units, new_units = _units(old), _units(new)
    old_keys, new_keys = [u.key for u in old_units], [u.key for u in new_units]
    budget = _Budget()
    result: list[BlockDiff] = []
    for tag, i1, i2, j1, j2 in aligned_opcodes(old_keys, new_keys):
        if tag == "equal":
            result += [_whole(SAME, unit) for unit in new_units[j1:j2]]
            continue
        removed, added = old_units[i1:i2], new_units[j1:j2]
        # Replaced blocks are paired in order (a paragraph edited, one split in two); the rest of either
        # side was removed or added outright.
        for old_unit, new_unit in zip(removed, added, strict=False):
            result += _paired(old_unit, new_unit, budget)
        result += [_whole(REMOVED, unit) for unit in removed[len(added):]]
        result += [_whole(ADDED, unit) for unit in added[len(removed):]]
    return tuple(result)


def diff_section(old_heading: str, old_blocks: Blocks, new_heading: str, new_blocks: Blocks) -> SectionDiff:
    """The word-level diff of a section's heading and content from one version to another."""
    if old_heading == new_heading:
        heading = BlockDiff(SAME, "heading", (Change(SAME, new_heading),))
    else:
        heading = BlockDiff(CHANGED, "heading", word_diff(old_heading, new_heading))
    return SectionDiff(heading, diff_blocks(old_blocks, new_blocks))


# -- since an approval -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Approval:
    """An organisation's latest approval of a section (``signoff``), the revision it approved (``None`` when
    that text is no longer in the history), and the organisation's latest decision on the section since."""

    signoff: SignOff
    revision: Revision | None
    latest: SignOff | None

    @property
    def pruned(self) -> bool:
        """Whether the approved text can no longer be shown: its revision, or its content, is gone."""
        return self.revision is None or self.revision.blocks is None


def last_approval(section: Section, org_id: str) -> Approval | None:
    """The approval ``org_id`` last gave ``section`` and the revision it approved; ``None`` if it never did.
    What ``wyassembler diff --since-signoff`` and the app's "Show changes" compare from."""
    approvals = [s for s in section.signoffs if s.org == org_id and s.decision == signoff.APPROVED]
    if not approvals:
        return None
    approval = max(approvals, key=signoff.history_order)
    revision = next((r for r in reversed(section.revisions) if r.hash == approval.hash), None)
    return Approval(approval, revision, signoff.latest_by_org(section.signoffs).get(org_id))


def stale_approvals(section: Section) -> list[Approval]:
    """Each organisation whose approval of ``section`` is stale (the text changed since), with what it
    approved; oldest approval first."""
    found = [last_approval(section, org) for org, state in signoff.section_states(section).items()
             if state == signoff.STALE]
    return sorted((a for a in found if a is not None), key=lambda a: signoff.history_order(a.signoff))


# -- output ----------------------------------------------------------------------

def _marked(runs: tuple[Change, ...]) -> str:
    parts = []
    for run in runs:
        if run.kind == REMOVED:
            parts.append(f"[-{run.text}-]")
        elif run.kind == ADDED:
            parts.append(f"{{+{run.text}+}}")
        else:
            parts.append(run.text)
    return "".join(parts)


def _elided(blocks: list[BlockDiff]) -> str:
    count = len(blocks)
    if all(block.label.startswith("paragraph") for block in blocks):
        noun = "paragraph" if count == 1 else "paragraphs"
    else:
        noun = "block" if count == 1 else "blocks"
    return f"({count} unchanged {noun})"


def plain(diff: SectionDiff) -> str:
    """The diff as text in ``git diff --word-diff=plain`` style: each changed block under its label with
    ``[-removed-]`` and ``{+added+}`` text, one unchanged block either side for context, longer stretches
    of unchanged blocks counted, a blank line between blocks. "No changes." when there are none."""
    if not diff.changed:
        return "No changes.\n"
    parts = [f"heading: {_marked(diff.heading.runs)}"] if diff.heading.kind != SAME else []
    blocks = diff.blocks
    near_change = [any(b.kind != SAME for b in blocks[max(0, i - 1):i + 2]) for i in range(len(blocks))]
    hidden: list[BlockDiff] = []
    for block, shown in zip(blocks, near_change, strict=True):
        if not shown:
            hidden.append(block)
            continue
        if hidden:
            parts.append(_elided(hidden))
            hidden = []
        notes = "".join(f"\n  ({note})" for note in block.notes)
        parts.append(f"{block.label}{'' if block.kind == SAME else ' (' + block.kind + ')'}:\n{_marked(block.runs)}"
                     f"{notes}")
    if hidden:
        parts.append(_elided(hidden))
    return "\n\n".join(parts) + "\n"


def _block_json(block: BlockDiff) -> dict:
    return {"kind": block.kind, "label": block.label,
            "runs": [{"kind": run.kind, "text": run.text} for run in block.runs], "notes": list(block.notes)}


def to_json(diff: SectionDiff) -> dict:
    """The diff as JSON-ready data: whether anything changed, the heading's diff and every block's."""
    return {"changed": diff.changed, "heading": _block_json(diff.heading),
            "blocks": [_block_json(block) for block in diff.blocks]}
