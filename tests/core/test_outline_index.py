"""The outline's index (core.outline_index) answers as a walk of the outline does, after any change made
by any path: the core's outline functions, a list of sections changed by each of its methods, a list or
an id set anew, a copy of the project."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given, settings, strategies as st

from tests.factories import COORDINATOR
from wyassembler.core import outline
from wyassembler.core.errors import NotFoundError
from wyassembler.core.model import Project, Revision, Section
from wyassembler.core.outline_index import OutlineList
from wyassembler.core.snapshot import detached, snapshot

from tests.hard_project import hard_project


def walked(project: Project) -> dict:
    """What the index answers, worked out by walking the outline."""
    places = {}
    for number, level, section in project.walk():
        places.setdefault(section.id, (number, level, section))
    parents = {}
    for _, _, section in project.walk():
        for child in section.children:
            parents.setdefault(id(child), section)
    return {"rows": list(project.walk()), "places": places, "parents": parents}


def assert_index_is_the_walk(project: Project) -> None:
    truth = walked(project)
    assert project.numbered() == truth["rows"]
    assert project.all_sections() == [section for _, _, section in truth["rows"]]
    for section_id, (number, level, section) in truth["places"].items():
        assert project.section(section_id) is section
        assert project.number_of(section) == number
        assert outline.level_of(project, section) == level
        parent, siblings, index = project.location(section)
        assert parent is truth["parents"].get(id(section))
        assert siblings[index] is section
        assert siblings is (parent.children if parent is not None else project.sections)
        assert project.parent_of(section) is parent


def fresh_section(n: int) -> Section:
    revision = Revision.create(None, COORDINATOR, f"New {n}", ())
    return Section(f"sec-new-{n}", "calderdale", [revision])


# One step of change: (kind, a number picking a section, a number picking a place).
STEPS = st.lists(st.tuples(st.sampled_from([
    "append", "insert", "extend", "remove", "pop", "clear-children", "sort", "reverse", "setitem", "delitem",
    "delslice", "iadd", "imul", "assign-children", "assign-sections", "rename", "move", "indent", "outdent",
    "delete", "add", "copy"]), st.integers(0, 10_000), st.integers(0, 10_000)), max_size=25)


def apply_step(project: Project, step: tuple[str, int, int], counter: list[int]) -> Project:
    kind, pick, where = step
    sections = project.all_sections()
    target = sections[pick % len(sections)] if sections else None
    lists = [project.sections] + [s.children for s in sections]
    chosen = lists[where % len(lists)]
    counter[0] += 1
    new = fresh_section(counter[0])
    if kind == "append":
        chosen.append(new)
    elif kind == "insert":
        chosen.insert(where % (len(chosen) + 1), new)
    elif kind == "extend":
        chosen.extend([new])
    elif kind == "iadd":
        chosen += [new]
    elif kind == "imul" and len(chosen) == 1 and not chosen[0].children:
        chosen *= 1
    elif kind in ("remove", "pop", "delitem", "delslice", "setitem", "clear-children") and chosen:
        if kind == "remove":
            chosen.remove(chosen[where % len(chosen)])
        elif kind == "pop":
            chosen.pop(where % len(chosen))
        elif kind == "delitem":
            del chosen[where % len(chosen)]
        elif kind == "delslice":
            del chosen[:1]
        elif kind == "setitem":
            chosen[where % len(chosen)] = new
        else:
            chosen.clear()
    elif kind == "sort":
        chosen.sort(key=lambda s: s.id)
    elif kind == "reverse":
        chosen.reverse()
    elif kind == "assign-children" and target is not None:
        target.children = list(reversed(target.children)) + [new]
    elif kind == "assign-sections":
        project.sections = list(reversed(project.sections))
    elif kind == "rename" and target is not None:
        target.id = f"sec-renamed-{counter[0]}"
    elif kind == "move" and target is not None:
        try:
            outline.move_section(project, COORDINATOR, target, None, where)
        except Exception:  # noqa: BLE001 - a refused move changes nothing, which is also a case
            pass
    elif kind == "indent" and target is not None:
        try:
            outline.indent_section(project, COORDINATOR, target)
        except Exception:  # noqa: BLE001
            pass
    elif kind == "outdent" and target is not None:
        try:
            outline.outdent_section(project, COORDINATOR, target)
        except Exception:  # noqa: BLE001
            pass
    elif kind == "delete" and target is not None:
        outline.delete_section(project, COORDINATOR, target)
    elif kind == "add":
        outline.add_section(project, COORDINATOR, f"Added {counter[0]}", "calderdale")
    elif kind == "copy":
        return copy.deepcopy(project) if where % 3 == 0 else snapshot(project) if where % 3 == 1 else \
            pickle.loads(pickle.dumps(project))
    return project


@settings(max_examples=150, deadline=None)
@given(STEPS)
def test_the_index_answers_as_a_walk_after_every_kind_of_change(steps):
    project = hard_project()
    counter = [0]
    assert_index_is_the_walk(project)
    for step in steps:
        project = apply_step(project, step, counter)
        assert_index_is_the_walk(project)


def test_a_copy_never_answers_with_the_original_sections():
    project = hard_project()
    project.section(project.sections[0].id)  # the original's index is built
    for copied in (copy.deepcopy(project), copy.copy(project), snapshot(project), pickle.loads(pickle.dumps(project))):
        first = copied.sections[0]
        assert copied.section(first.id) is first
        assert copied.number_of(first) == "1"


def test_lists_of_sections_stay_watched_whatever_is_assigned():
    project = hard_project()
    section = project.sections[0]
    section.children = [fresh_section(1)]
    project.sections = list(project.sections)
    assert type(section.children) is OutlineList and type(project.sections) is OutlineList
    assert type(detached(section).children) is OutlineList
    assert type(copy.deepcopy(project).sections) is OutlineList
    assert project.sections == list(project.sections)  # still equal to a plain list of the same sections


def test_a_section_taken_out_is_not_found_and_put_back_is():
    project = hard_project()
    section = project.sections[1]
    parent, index = outline.delete_section(project, COORDINATOR, section)
    with pytest.raises(NotFoundError):
        project.number_of(section)
    with pytest.raises(NotFoundError):
        project.section(section.id)
    outline.insert_section(project, section, parent, index)
    assert project.number_of(section) == "2"
