"""Walking a project leaves no garbage that only the cyclic collector can free.

A nested function that calls itself is a reference cycle (the function, and the cell through which
it names itself); its cells also hold what it built (every section by id). Cycles wait for the
collector; once the app leaves a large project out of the collector's sight (ui.project.heap, gc.freeze)
such a cycle, frozen, kept a whole project alive for good: about 10 MB more at every open of a
1,000-section project over another."""

from __future__ import annotations

import gc

from benchmarks.synthetic import build
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.model import Actor
from wyassembler.core.restore import restore_over
from wyassembler.core.snapshot import snapshot


def _cycles_left_by(work) -> int:
    gc.collect()
    gc.disable()
    try:
        work()
        return gc.collect()
    finally:
        gc.enable()


def test_walking_numbering_and_placing_sections_leaves_no_cycles():
    project = build(30)
    project.find_section("3")  # the outline's index built once, before counting
    assert _cycles_left_by(lambda: (list(project.walk()), project.numbered(), project.all_sections())) == 0
    assert _cycles_left_by(lambda: structure_of(project)) == 0


def test_merging_and_restoring_leave_no_cycles():
    ours = build(30)
    theirs = snapshot(ours)
    base = structure_of(ours)
    assert _cycles_left_by(lambda: merge_projects(ours, theirs, base)) == 0
    coordinator = Actor(ours.coordinator, "H. Dawson", "coordinator")
    assert _cycles_left_by(lambda: restore_over(ours, snapshot(ours), coordinator, "v1", "a" * 64, "b" * 64)) == 0


def test_no_nested_function_in_the_app_calls_itself():
    # The rule behind the cycles above, for code yet to be written: recursion by module functions (or a
    # function handed to itself), never a nested function naming itself.
    import ast
    from pathlib import Path

    import wyassembler

    found = []
    for path in Path(wyassembler.__file__).parent.rglob("*.py"):
        for outer in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for inner in ast.walk(outer):
                if inner is not outer and isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                        isinstance(name, ast.Name) and name.id == inner.name for name in ast.walk(inner)):
                    found.append(f"{path.name}: {outer.name}.{inner.name}")
    assert found == []
