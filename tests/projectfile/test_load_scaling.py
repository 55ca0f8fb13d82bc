"""Opening a project costs the same per paragraph at any size: checked by structure and by counting
calls, never by the clock (benchmarks/bench_load_scaling.py gives the timings)."""

from __future__ import annotations

import gc
import sys
from collections import Counter

import pytest
from lxml import etree

from tests.factories import COORDINATOR
from wyassembler.core.content import Paragraph, Span
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.projectfile.codec import ProjectFileError, from_bytes, schema, to_bytes
from wyassembler.resource_files import resource_bytes

RNG = "{http://relaxng.org/ns/structure/1.0}"


def _own_patterns(define: etree._Element) -> Counter:
    """The kinds of pattern a define holds itself: inside an ``<element>`` or ``<attribute>`` a new
    content model starts, so the walk stops there."""
    kinds: Counter = Counter()
    pending = list(define)
    while pending:
        node = pending.pop()
        if not isinstance(node.tag, str):
            continue
        name = etree.QName(node).localname
        kinds[name] += 1
        if name not in ("element", "attribute"):
            pending.extend(node)
    return kinds


def test_no_schema_pattern_mixes_attributes_with_child_elements():
    """libxml2 cannot compile a referenced pattern that holds both attributes and child elements, and
    validates it by backtracking: with the section's attributes in one define with its revisions,
    validating a section of 64,000 paragraphs took 2 s and of 160,000 over 20 s. Attributes may share
    a define with text only (a sign-off's note)."""
    grammar = etree.fromstring(resource_bytes("schema", "wyproj.rng"))
    mixed = []
    for define in grammar.iter(f"{RNG}define"):
        kinds = _own_patterns(define)
        if kinds["attribute"] and (kinds["element"] or kinds["ref"]):
            mixed.append(define.get("name"))
    assert mixed == []


def test_the_rule_above_catches_the_pattern_that_was_quadratic():
    before_the_fix = etree.fromstring(
        b'<define xmlns="http://relaxng.org/ns/structure/1.0" name="section-body">'
        b'<attribute name="id"><ref name="token"/></attribute>'
        b'<oneOrMore><ref name="revision"/></oneOrMore></define>')
    kinds = _own_patterns(before_the_fix)
    assert kinds["attribute"] == 1 and kinds["ref"] == 1


def _one_section_file(paragraphs: int) -> bytes:
    project = new_project("Scaling", "Test", preset="west-yorkshire", person="Test")
    blocks = tuple(Paragraph((Span("Some text, then "), Span("bold", bold=True), Span(" and more.")))
                   for _ in range(paragraphs))
    add_section(project, COORDINATOR, "Long section", COORDINATOR.org, blocks)
    return to_bytes(project)


def _calls_to_open(data: bytes) -> int:
    """Python and C function calls made while reading ``data``: a measure of work free of the clock.

    The garbage collector is held off while counting: when it runs is not the reader's work, and the
    weak-reference callbacks it sets off (objects of earlier tests going away) would be counted."""
    calls = 0
    schema()  # read once per process, not part of any one file's cost

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    gc.collect()
    gc.disable()
    sys.setprofile(count)
    try:
        from_bytes(data)
    finally:
        sys.setprofile(None)
        gc.enable()
    return calls


def test_opening_costs_the_same_calls_per_paragraph_at_ten_times_the_size():
    # Differences between sizes take out what every file costs whatever its length.
    base = _calls_to_open(_one_section_file(1_000))
    per_paragraph_small = (_calls_to_open(_one_section_file(2_000)) - base) / 1_000
    per_paragraph_large = (_calls_to_open(_one_section_file(11_000)) - base) / 10_000
    assert per_paragraph_small > 1  # each paragraph costs calls, so the count measures them
    assert per_paragraph_large <= 1.05 * per_paragraph_small


def test_the_collector_paused_while_building_runs_again_after_a_failed_load():
    data = _one_section_file(3).replace(b'owner="joint-services"', b'owner="nobody"', 1)
    with pytest.raises(ProjectFileError, match="nobody"):
        from_bytes(data)
    assert gc.isenabled()
