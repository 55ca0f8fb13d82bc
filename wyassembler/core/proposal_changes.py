"""A proposal's changes one by one, as Word lists tracked changes, so the owner can take some and not others.

The text before and after a :class:`.review_records.Proposal` is compared as :mod:`.diff` compares two
revisions (blocks aligned first, then words), but every token here carries its formatting (bold, italic,
link), so a change taken keeps the formatting it was written with. The changes, numbered from 1 in
reading order, are:

* in the heading, and inside a paragraph or list item kept in place, each separate run of changed words;
* a block added or removed (a paragraph, a list item, a whole table), a block turned into another kind,
  and a block split in two or joined (one change, like Word's one paragraph mark; where words were edited
  too, or paragraphs divided anew, each paragraph mark is a change of its own beside the word changes);
* a block moved: one change, taken or left at both places together;
* in a table kept in place, a row added or removed, and in a row kept, each changed cell.

:func:`apply_changes` takes any set of them: none gives the text before exactly, all the proposal's text
exactly, and any other set well-formed content. Bounded as :mod:`.diff` is: past its limits a block is not
diffed word by word but is one change, replaced whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from .block_pairing import JOIN, PAIR, REFLOW, SPLIT as SPLIT_STEP, inline_kind, pair_blocks, split_length
from .content import (Block, Blocks, Inline, ListItem, Paragraph, Table, clean_heading,
                      inline_text, normalize_blocks)
from .diff import MAX_WORD_DIFF_CHARS, aligned_opcodes
from .errors import ContentError
from .paragraph_breaks import broken, is_break, run_together, shared_breaks, with_breaks
from .model import Actor, Project
from .proposals import DecisionOutcome, check_decide, decide_with, decision_of, find_proposal
from .proposal_words import TOKEN, Token, WordBudget, spans_of, text_of, tokens_of, word_segments
from .review_records import Proposal, TrackedChange

WORDS, ADDED, REMOVED, REPLACED, MOVED, SPLIT, JOINED, CELL = (
    "words", "added", "removed", "replaced", "moved", "split", "joined", "cell")

# How much of the unchanged text either side of a change is shown with it.
CONTEXT_CHARACTERS = 30
# Matching Word's tracked changes to ours by containment is best effort: at most this many comparisons.
MAX_AUTHOR_MATCH_WORK = 200_000



@dataclass(frozen=True)
class ProposedChange:
    """One change of a proposal: its ``number`` (from 1, in reading order), where it is (``label``, such as
    "heading", "paragraph 2", "list item 3", "table 1 row 2 cell 1"), its ``kind`` (words, added, removed,
    replaced, moved, split, joined, cell), the text it takes out and puts in, a little of the unchanged
    text either side (``before``, ``after``) and the Word tracked changes it matches (who made it, when)."""

    number: int
    label: str
    kind: str
    removed: str
    added: str
    before: str = ""
    after: str = ""
    tracked: tuple[TrackedChange, ...] = ()

    @property
    def authors(self) -> tuple[str, ...]:
        """The Word authors of the tracked changes it matches, each once."""
        return tuple(dict.fromkeys(change.author for change in self.tracked))

    @property
    def formatting_only(self) -> bool:
        """Whether only formatting (bold, italic, a link, a list's kind or level) changes, not words."""
        return self.removed == self.added


# -- the plan: what the proposal's text is made of, piece by piece ----------------------------------

@dataclass
class _Info:
    """What is known of one change while the plan is built (``key`` is its place in reading order)."""

    label: str
    kind: str
    removed: str
    added: str
    before: str = ""
    after: str = ""
    same_as: int | None = None  # the key of the change this one is part of (the other half of a move)


@dataclass
class _Hunk:
    """A change inside a run of tokens or a row's cells: ``old`` or ``new`` is taken."""

    key: int
    old: Sequence
    new: Sequence


@dataclass
class _Swap:
    """Whole blocks (or table rows) taken out and put in by one change."""

    key: int
    old: list
    new: list


@dataclass
class _Inline:
    """A paragraph or list item kept in place, its words changed: the template block gives everything
    but the spans."""

    template: Paragraph | ListItem
    segments: list  # token lists (unchanged) and _Hunks


@dataclass
class _Flow:
    """Blocks split or joined with words edited too: the tokens of both sides with paragraph breaks
    among them, cut into blocks at the breaks taken; ``first`` is the first block's template, ``after``
    the template of the block after each break (side 0 old or 1 new, and the block before it)."""

    first: Paragraph | ListItem
    after: dict
    segments: list  # token lists (unchanged) and _Hunks


@dataclass
class _TableEdit:
    """A table kept in place: its header and rows, each kept, swapped or with cells changed."""

    header: list  # cells: Inline or _Hunk
    rows: list  # each: ("keep", row), ("cells", [Inline | _Hunk]) or a _Swap of rows


@dataclass
class _Plan:
    heading: list  # token lists and _Hunks
    pieces: list = field(default_factory=list)  # Blocks kept, _Swap, _Inline or _TableEdit
    infos: list[_Info] = field(default_factory=list)

    def add(self, info: _Info) -> int:
        self.infos.append(info)
        return len(self.infos) - 1

    def numbers(self) -> dict[int, int]:
        """Each key's change number; the second half of a move has its first half's."""
        numbering: dict[int, int] = {}
        for key, info in enumerate(self.infos):
            if info.same_as is None:
                numbering[key] = len(numbering) + 1
        for key, info in enumerate(self.infos):
            if info.same_as is not None:
                numbering[key] = numbering[info.same_as]
        return numbering

    def count(self) -> int:
        """How many changes there are (a move counted once)."""
        return sum(1 for info in self.infos if info.same_as is None)


def _context(text: str, leading: bool) -> str:
    """The unchanged text shown before (``leading``) or after a change: its nearest words, cut short."""
    if len(text) <= CONTEXT_CHARACTERS:
        return text
    if leading:
        cut = text[-CONTEXT_CHARACTERS:]
        return "\u2026" + cut[cut.find(" ") + 1:] if " " in cut[:-1] else "\u2026" + cut
    cut = text[:CONTEXT_CHARACTERS]
    return cut[:cut.rfind(" ")] + "\u2026" if " " in cut[1:] else cut + "\u2026"


def _hunks(plan: _Plan, label: str, segments: list) -> list:
    """The segments with each changed pair made a change of its own."""
    result: list = []
    for index, item in enumerate(segments):
        if isinstance(item, list):
            result.append(item)
            continue
        old, new = item
        before = text_of(segments[index - 1]) if index and isinstance(segments[index - 1], list) else ""
        after = text_of(segments[index + 1]) if index + 1 < len(segments) and isinstance(segments[index + 1], list) \
            else ""
        key = plan.add(_Info(label, WORDS, text_of(old), text_of(new), _context(before, True), _context(after, False)))
        result.append(_Hunk(key, old, new))
    return result


# -- blocks ---------------------------------------------------------------------------------------

def _labels(blocks: Blocks) -> list[str]:
    counts = {"paragraph": 0, "list item": 0, "table": 0}
    labels = []
    for block in blocks:
        noun = ("paragraph" if isinstance(block, Paragraph) else "list item" if isinstance(block, ListItem)
                else "table" if isinstance(block, Table) else "member list")
        if noun == "member list":
            labels.append(noun)
            continue
        counts[noun] += 1
        labels.append(f"{noun} {counts[noun]}")
    return labels


def _block_text(block: Block) -> str:
    if isinstance(block, (Paragraph, ListItem)):
        return inline_text(block.spans)
    if isinstance(block, Table):
        return "\n".join(_row_text(row) for row in (block.header, *block.rows) if row)
    return "(the member organisations)"


def _row_text(row: Sequence[Inline]) -> str:
    return " | ".join(inline_text(cell) for cell in row)


def _aligned(old: Sequence, new: Sequence) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib's opcodes over two lists of hashable items (each compared once, by a number)."""
    ids: dict = {}
    old_keys = [ids.setdefault(item, len(ids)) for item in old]
    new_keys = [ids.setdefault(item, len(ids)) for item in new]
    return aligned_opcodes(old_keys, new_keys)  # anchored first when there are thousands (see diff)


def _plan_blocks(plan: _Plan, old: Blocks, new: Blocks, budget: WordBudget) -> None:
    old_labels, new_labels = _labels(old), _labels(new)
    for tag, i1, i2, j1, j2 in _aligned(old, new):
        if tag == "equal":
            plan.pieces.append(list(new[j1:j2]))
            continue
        removed, added = old[i1:i2], new[j1:j2]
        for step in pair_blocks(removed, added):
            lost = list(removed[step.old_at:step.old_at + step.old])
            gained = list(added[step.new_at:step.new_at + step.new])
            old_label, new_label = old_labels[i1 + step.old_at] if lost else "", \
                new_labels[j1 + step.new_at] if gained else ""
            if step.kind == PAIR:
                _plan_pair(plan, lost[0], gained[0], old_label, new_label, budget)
                continue
            if step.kind in (SPLIT_STEP, JOIN, REFLOW) and _plan_flow(plan, lost, gained, old_label, new_label,
                                                                      budget):
                continue
            if step.kind == REFLOW:
                info = _Info(f"{old_label} to {new_label}: {len(lost)} divided anew into {len(gained)}", REPLACED,
                             " \u00b6 ".join(_block_text(block) for block in lost),
                             " \u00b6 ".join(_block_text(block) for block in gained))
            elif step.kind == SPLIT_STEP:
                info = _Info(f"{old_label} split into {len(gained)}", SPLIT, _block_text(lost[0]),
                             " \u00b6 ".join(_block_text(block) for block in gained))
            elif step.kind == JOIN:
                info = _Info(f"{new_label} joined from {len(lost)}", JOINED,
                             " \u00b6 ".join(_block_text(block) for block in lost), _block_text(gained[0]))
            elif lost:
                info = _Info(old_label, REMOVED, _block_text(lost[0]), "")
            else:
                info = _Info(new_label, ADDED, "", _block_text(gained[0]))
            plan.pieces.append(_Swap(plan.add(info), lost, gained))
    _join_moves(plan)


def _plan_flow(plan: _Plan, lost: list, gained: list, old_label: str, new_label: str, budget: WordBudget) -> bool:
    """A split or join with words edited too, or paragraphs divided anew, planned as word changes and a
    change for each paragraph mark (False if it is an exact split or join, too long, or past the budget:
    then it is one change)."""
    if len(lost) == 1 and split_length(lost[0], gained) or len(gained) == 1 and split_length(gained[0], lost) \
            or max(len(_block_text(block)) for block in (*lost, *gained)) > MAX_WORD_DIFF_CHARS:
        return False
    old, old_breaks = run_together(lost, " ".join(_block_text(block) for block in gained), tokens_of, 0)
    new, new_breaks = run_together(gained, " ".join(_block_text(block) for block in lost), tokens_of, 1)
    segments = word_segments(old, new, budget)
    if segments is None:
        return False
    segments = shared_breaks(with_breaks(with_breaks(segments, 0, old_breaks), 1, new_breaks))
    hunks = _hunks(plan, new_label if len(gained) == 1 else old_label, segments)
    if len(gained) == 1:
        mark_label = f"{new_label} joined from {len(lost)}"
    elif len(lost) == 1:
        mark_label = f"{old_label} split into {len(gained)}"
    else:  # paragraphs divided anew: each mark removed (joined) or added (split) where it stands
        first = int(old_label.split()[-1]) if old_label.split()[-1].isdigit() else 1
        mark_label = f"paragraphs {first}\u2013{first + len(lost) - 1} divided anew"
    for hunk in hunks:
        if isinstance(hunk, _Hunk) and any(is_break(token) for token in (*hunk.old, *hunk.new)):
            split = any(is_break(token) for token in hunk.new)
            plan.infos[hunk.key] = replace(plan.infos[hunk.key], label=mark_label, kind=SPLIT if split else JOINED)
    after = {(side, k): block for side, blocks in enumerate((lost, gained)) for k, block in enumerate(blocks[1:])}
    plan.pieces.append(_Flow(lost[0], after, hunks))
    return True


def _plan_pair(plan: _Plan, old: Block, new: Block, old_label: str, new_label: str, budget: WordBudget) -> None:
    """A block changed in place: word by word, a table row by row, or (another kind, too long) replaced."""
    if inline_kind(old) is not None and inline_kind(old) == inline_kind(new):
        old_spans, new_spans = old.spans, new.spans  # type: ignore[union-attr]
        if max(len(inline_text(old_spans)), len(inline_text(new_spans))) <= MAX_WORD_DIFF_CHARS:
            segments = word_segments(tokens_of(old_spans), tokens_of(new_spans), budget)
            if segments is not None:
                plan.pieces.append(_Inline(new, _hunks(plan, new_label, segments)))  # type: ignore[arg-type]
                return
    elif isinstance(old, Table) and isinstance(new, Table) and old.width == new.width \
            and old.has_header == new.has_header:
        plan.pieces.append(_plan_table(plan, old, new, old_label, new_label))
        return
    label = new_label if old_label == new_label or old_label.split()[0] == new_label.split()[0] \
        else f"{old_label} \u2192 {new_label}"
    key = plan.add(_Info(label, REPLACED, _block_text(old), _block_text(new)))
    plan.pieces.append(_Swap(key, [old], [new]))


def _plan_cells(plan: _Plan, old: Sequence[Inline], new: Sequence[Inline], label: str) -> list:
    cells: list = []
    for column, (old_cell, new_cell) in enumerate(zip(old, new, strict=True), start=1):
        if old_cell == new_cell:
            cells.append(new_cell)
        else:
            key = plan.add(_Info(f"{label} cell {column}", CELL, inline_text(old_cell), inline_text(new_cell)))
            cells.append(_Hunk(key, old_cell, new_cell))
    return cells


def _plan_table(plan: _Plan, old: Table, new: Table, old_label: str, new_label: str) -> _TableEdit:
    """A table kept in place (as wide, a header row or not in both): rows aligned, matched rows by cell."""
    header = _plan_cells(plan, old.header, new.header, f"{new_label} header")
    rows: list = []
    for tag, i1, i2, j1, j2 in _aligned(old.rows, new.rows):
        if tag == "equal":
            rows += [("keep", row) for row in new.rows[j1:j2]]
            continue
        removed, added = old.rows[i1:i2], new.rows[j1:j2]
        for offset, (old_row, new_row) in enumerate(zip(removed, added, strict=False)):
            rows.append(("cells", _plan_cells(plan, old_row, new_row, f"{new_label} row {j1 + offset + 1}")))
        for offset, row in enumerate(removed[len(added):], start=i1 + len(added) + 1):
            key = plan.add(_Info(f"{old_label} row {offset}", REMOVED, _row_text(row), ""))
            rows.append(_Swap(key, [row], []))
        for offset, row in enumerate(added[len(removed):], start=j1 + len(removed) + 1):
            key = plan.add(_Info(f"{new_label} row {offset}", ADDED, "", _row_text(row)))
            rows.append(_Swap(key, [], [row]))
    return _TableEdit(header, rows)


def _join_moves(plan: _Plan) -> None:
    """A block removed in one place and added unchanged in another is one change: a move."""
    removed: dict[Block, list[_Swap]] = {}
    for piece in plan.pieces:
        if isinstance(piece, _Swap) and len(piece.old) == 1 and not piece.new:
            removed.setdefault(piece.old[0], []).append(piece)
    for piece in plan.pieces:
        if isinstance(piece, _Swap) and len(piece.new) == 1 and not piece.old and removed.get(piece.new[0]):
            source = removed[piece.new[0]].pop(0)
            first, second = sorted((source.key, piece.key))
            moved_from, moved_to = plan.infos[source.key], plan.infos[piece.key]
            plan.infos[first] = _Info(f"{moved_from.label} moved to {moved_to.label}", MOVED,
                                      moved_from.removed, moved_to.added)
            plan.infos[second] = replace(plan.infos[second], same_as=first)


# -- the plan, and what it gives --------------------------------------------------------------------

def _plan(proposal: Proposal) -> _Plan:
    budget = WordBudget()
    old_heading: list[Token] = [(t, False, False, None) for t in TOKEN.findall(proposal.before_heading)]
    new_heading: list[Token] = [(t, False, False, None) for t in TOKEN.findall(proposal.heading)]
    plan = _Plan([])
    if old_heading != new_heading:
        segments = word_segments(old_heading, new_heading, budget) or [(old_heading, new_heading)]
        plan.heading = _hunks(plan, "heading", segments)
    else:
        plan.heading = [new_heading]
    _plan_blocks(plan, proposal.before_blocks, proposal.blocks, budget)
    return plan


def _chosen(item: object, keys: set[int]) -> Sequence:
    return (item.new if item.key in keys else item.old) if isinstance(item, _Hunk) else item  # type: ignore[return-value]


def _apply(plan: _Plan, keys: set[int]) -> tuple[str, Blocks]:
    heading = clean_heading("".join(text_of(_chosen(item, keys)) for item in plan.heading))
    blocks: list[Block] = []
    for piece in plan.pieces:
        if isinstance(piece, list):
            blocks += piece
        elif isinstance(piece, _Swap):
            blocks += piece.new if piece.key in keys else piece.old
        elif isinstance(piece, _Inline):
            spans = spans_of(token for item in piece.segments for token in _chosen(item, keys))
            blocks.append(replace(piece.template, spans=tuple(spans)))
        elif isinstance(piece, _Flow):
            for boundary, tokens in broken(token for item in piece.segments for token in _chosen(item, keys)):
                template = piece.first if boundary is None else piece.after[boundary]
                blocks.append(replace(template, spans=tuple(spans_of(tokens))))
        else:
            blocks.append(_apply_table(piece, keys))
    return heading, normalize_blocks(blocks)


def _apply_table(edit: _TableEdit, keys: set[int]) -> Table:
    header = tuple(_chosen(cell, keys) for cell in edit.header)
    rows: list = []
    for row in edit.rows:
        if isinstance(row, _Swap):
            rows += row.new if row.key in keys else row.old
        elif row[0] == "keep":
            rows.append(row[1])
        else:
            rows.append(tuple(_chosen(cell, keys) for cell in row[1]))
    return Table(header, tuple(rows))  # type: ignore[arg-type]


def _tracked_matches(changes: list[ProposedChange], tracked: Sequence[TrackedChange]) -> list[ProposedChange]:
    """Each change with the Word tracked changes whose words it holds (or that hold its words)."""
    if not tracked:
        return changes

    def norm(text: str) -> str:
        return " ".join(text.replace("\u2026", " ").split())

    keyed = [(norm(word_change.text), word_change) for word_change in tracked if norm(word_change.text)]
    exact: dict[tuple[str, str], list[TrackedChange]] = {}
    for text, word_change in keyed:
        exact.setdefault((word_change.kind, text), []).append(word_change)
    work = MAX_AUTHOR_MATCH_WORK
    result = []
    for change in changes:
        sides = {"insertion": norm(change.added), "deletion": norm(change.removed)}
        found = [c for kind, text in sides.items() if text for c in exact.get((kind, text), [])]
        if not found and work > 0:
            for text, candidate in keyed:
                work -= 1
                mine = sides.get(candidate.kind) or (norm(change.added) or norm(change.removed)
                                                     if candidate.kind in ("move", "formatting") else "")
                if mine and (text in mine or mine in text):
                    found.append(candidate)
        result.append(replace(change, tracked=tuple(dict.fromkeys(found))))
    return result


def _changes(plan: _Plan, proposal: Proposal) -> list[ProposedChange]:
    numbers = plan.numbers()
    changes = [ProposedChange(numbers[key], info.label, info.kind, info.removed, info.added, info.before,
                              info.after)
               for key, info in enumerate(plan.infos) if info.same_as is None]
    return _tracked_matches(changes, proposal.tracked)


def proposal_changes(proposal: Proposal) -> list[ProposedChange]:
    """The proposal's changes, numbered from 1 in reading order (the heading's first)."""
    return _changes(_plan(proposal), proposal)


def _keys(plan: _Plan, accepted: Iterable[int]) -> set[int]:
    """The plan's keys for the change numbers ``accepted``; :class:`ContentError` for a number it has not."""
    numbers = plan.numbers()
    count = plan.count()
    chosen = set(accepted)
    unknown = sorted(n for n in chosen if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= count)
    if unknown:
        valid = f"1 to {count}" if count > 1 else "only 1"
        named = ", ".join(str(n) for n in unknown[:5]) + (f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else "")
        raise ContentError(f"the proposal has no change {named}: its changes are numbered {valid}")
    return {key for key, number in numbers.items() if number in chosen}


def apply_changes(proposal: Proposal, accepted: set[int]) -> tuple[str, Blocks]:
    """The heading and blocks with the changes numbered in ``accepted`` taken and the rest left as they were
    before: none gives the text before, all the proposal's text. :class:`ContentError` for an unknown number."""
    plan = _plan(proposal)
    return _apply(plan, _keys(plan, accepted))


def decide_changes(project: Project, actor: Actor, proposal_id: str, accepted: set[int],
                   now: datetime | None = None) -> DecisionOutcome:
    """The owner takes the changes numbered in ``accepted`` (as :func:`proposal_changes` numbers them) and
    leaves the rest: every one is the outcome "accepted", none "rejected", some "partial" (their numbers
    recorded). The text kept comes in as an edit made on the proposal's revision (a revision, or a conflict
    copy if the section changed since); the proposal is closed."""
    section, proposal = find_proposal(project, proposal_id)
    check_decide(project, section, actor)
    if decision_of(section, proposal.id) is not None:
        raise ContentError(f"proposal {proposal.id} was already decided; nothing was changed")
    plan = _plan(proposal)
    keys = _keys(plan, accepted)
    count = plan.count()
    if not keys:
        return decide_with(project, actor, section, proposal, "rejected", None, None, (), now)
    if len(set(accepted)) == count:
        return decide_with(project, actor, section, proposal, "accepted", proposal.heading, proposal.blocks, (), now)
    heading, blocks = _apply(plan, keys)
    return decide_with(project, actor, section, proposal, "partial", heading, blocks, tuple(sorted(set(accepted))),
                       now)

