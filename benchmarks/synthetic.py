"""A synthetic response of a given size, for benchmarks: West Yorkshire partners, three-level outline,
about eight blocks per section with bold, italic, links, lists and the odd table."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, UTC

from wyassembler.core.content import ListItem, Paragraph, Span, Table, plain
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.signoff import sign_off_section

WORDS = [
    "partnership", "council", "service", "delivery", "shared", "network", "strategy", "transformation",
    "citizens", "business", "neighbourhood", "authority", "government", "standards", "programme",
    "infrastructure", "identity", "data", "legislation", "inspection", "regime", "efficiency", "local",
    "regional", "procurement", "broadband", "pilot", "organisational", "culture",
]
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> Paragraph:
    spans = [Span(_sentence(rng, 25) + " ")]
    spans.append(Span("a key point", bold=True))
    spans.append(Span(" " + _sentence(rng, 20) + " "))
    if rng.random() < 0.3:
        spans.append(Span("the strategy", href="https://www.gov.uk/government/publications/strategy"))
        spans.append(Span(" "))
    spans.append(Span(_sentence(rng, 12), italic=rng.random() < 0.2))
    return Paragraph(tuple(spans))


def section_blocks(rng: random.Random, paragraphs: int = 8) -> tuple:
    blocks = []
    for index in range(paragraphs):
        if index % 4 == 3:
            level = 1 + index // 4
            blocks.append(ListItem(plain(_sentence(rng, 10)), "bullet" if index < 4 else "number", level))
        else:
            blocks.append(_paragraph(rng))
    if rng.random() < 0.05:
        blocks.append(Table((plain("Partner"), plain("Lead")), tuple((plain(w), plain(w)) for w in WORDS[:5])))
    return tuple(blocks)


def build(sections: int = 1000, seed: int = 2005):
    """A project with ``sections`` sections (in groups of five: one top-level, four below), each signed off."""
    rng = random.Random(seed)
    project = new_project("Synthetic response", "Benchmark", preset="west-yorkshire", person="Bench", now=T0)
    coordinator = Actor(project.coordinator, "Bench")
    orgs = [org.id for org in project.organisations]
    parent = None
    for index in range(sections - len(project.sections)):
        owner = orgs[index % len(orgs)]
        level_parent = None if index % 5 == 0 else parent
        section = add_section(project, coordinator, f"Section {index} {rng.choice(WORDS)}", owner,
                              section_blocks(rng), level_parent, now=T0 + timedelta(seconds=index))
        if level_parent is None:
            parent = section
        sign_off_section(project, Actor(owner, "Lead"), section, now=T0 + timedelta(days=1))
    return project
