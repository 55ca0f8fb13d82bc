"""What listing and applying a proposal's changes one by one costs (core.proposal_changes), against
``diff_section`` (core.diff) on the same two texts.

    python benchmarks/bench_proposal_changes.py [--repeat 5]

Inputs, each a section before and after a partner's tracked changes:

* prose: 200 paragraphs of 120 words drawn from a 3,000-word vocabulary (Zipf-like, as prose is), every
  seventh word changed, 5 paragraphs removed and 5 added: about 3,600 changes;
* long paragraph: one paragraph of 1,400 such words, every seventh changed;
* repeated words: one paragraph of 1,400 words from a vocabulary of 10 (difflib's worst case: every pair of
  equal words looked at for every match);
* huge paragraph: one paragraph of 150,000 characters, three words changed.

For each: proposal_changes (list), apply_changes of every other change, and diff_section; medians in ms and
the ratio list / diff. Prints figures, not pass or fail.

Measured on a shared 2-core machine (others' tests running; medians of 5, ms; list / apply / diff, and the
ratio list:diff): prose, 3,149 changes, 722 / 1,021 / 589 (1.2); long paragraph, 200 changes, 47 / 59 / 48
(1.0); repeated words 1.0 / 13 / 13 (past the bound of pairs of equal words the paragraph is one change);
huge paragraph 32 / 32 / 32 (past 3,000 tokens between the first and last change it is one change, as in
diff). Before diff_section aligned words with their spaces (every space a token difflib could start a match
at), the same inputs took it 4,463, 45,705 (one paragraph!), 3,787 and 28 ms.
"""

from __future__ import annotations

import random
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import options, timed
from wyassembler.core.content import Paragraph, normalize_blocks, plain
from wyassembler.core.diff import diff_section
from wyassembler.core.proposal_changes import apply_changes, proposal_changes
from wyassembler.core.review_records import Proposal

VOCABULARY = [f"word{i}" for i in range(3000)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def _words(rng: random.Random, count: int, vocabulary: list[str], weights: list[float] | None) -> list[str]:
    return rng.choices(vocabulary, weights, k=count)


def _edited(rng: random.Random, words: list[str], vocabulary: list[str]) -> list[str]:
    return [rng.choice(vocabulary) if index % 7 == 3 else word for index, word in enumerate(words)]


def _proposal(before: list[str], after: list[str]) -> Proposal:
    return Proposal("prop-bench", "rev", "org", "person", datetime(2026, 1, 1, tzinfo=UTC), "Heading",
                    normalize_blocks(Paragraph(plain(text)) for text in before), "Heading",
                    normalize_blocks(Paragraph(plain(text)) for text in after))


def inputs() -> dict[str, Proposal]:
    rng = random.Random(20)
    paragraphs = [_words(rng, 120, VOCABULARY, WEIGHTS) for _ in range(200)]
    edited = [_edited(rng, words, VOCABULARY) for words in paragraphs]
    for index in range(5):
        edited.pop(20 + index * 30)
        edited.insert(10 + index * 35, _words(rng, 60, VOCABULARY, WEIGHTS))
    long = _words(rng, 1400, VOCABULARY, WEIGHTS)
    few = VOCABULARY[:10]
    repeated = _words(rng, 1400, few, None)
    huge = _words(rng, 15_000, VOCABULARY, WEIGHTS)
    huge_edited = list(huge)
    for index in (100, 7_000, 14_000):
        huge_edited[index] = "changed"
    return {
        "prose": _proposal([" ".join(w) for w in paragraphs], [" ".join(w) for w in edited]),
        "long paragraph": _proposal([" ".join(long)], [" ".join(_edited(rng, long, VOCABULARY))]),
        "repeated words": _proposal([" ".join(repeated)], [" ".join(_edited(rng, repeated, few))]),
        "huge paragraph": _proposal([" ".join(huge)], [" ".join(huge_edited)]),
    }


def main() -> None:
    args = options(__doc__)
    for name, proposal in inputs().items():
        changes = proposal_changes(proposal)
        half = {change.number for change in changes[::2]}
        listing = statistics.median(timed(lambda p=proposal: proposal_changes(p), args.repeat)) * 1000
        applying = statistics.median(timed(lambda p=proposal, h=half: apply_changes(p, h), args.repeat)) * 1000
        diffing = statistics.median(timed(lambda p=proposal: diff_section(
            p.before_heading, p.before_blocks, p.heading, p.blocks), args.repeat)) * 1000
        print(f"{name:15} {len(changes):5} changes  list {listing:8.1f} ms  apply {applying:8.1f} ms  "
              f"diff {diffing:8.1f} ms  list/diff {listing / diffing:6.3f}")


if __name__ == "__main__":
    main()
