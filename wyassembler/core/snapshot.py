"""A copy of a project that later changes cannot reach: for work done on another thread.

Content, revisions and sign-off records are immutable (frozen dataclasses), so they are shared;
only the containers that change in place (the project, its sections and organisations, and their
lists) are copied. That is a few thousand list copies for a 1,000-section project, so the app can
take a snapshot on its UI thread and save or serialise it on a worker while the person types on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from .model import Project, Section


# Per class, the fields a copy is made from (None: its values are shared as they are), worked out once:
# the app takes a snapshot on its UI thread, so asking dataclasses for them per object was its cost.
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields_to_copy(cls: type) -> tuple[str, ...] | None:
    try:
        return _FIELDS[cls]
    except KeyError:
        pass
    fields = None
    if dataclasses.is_dataclass(cls) and not cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        fields = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    _FIELDS[cls] = fields
    return fields


def _copy(value: object) -> object:
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    fields = _fields_to_copy(type(value))
    if fields is None:
        # Frozen records, strings, dates, tuples: immutable, shared.
        return value
    # What dataclasses.replace does with every field given: a new object from the copied values.
    return type(value)(**{name: _copy(getattr(value, name)) for name in fields})


def _copy_with(value: object, **given: object) -> object:
    """:func:`_copy` of a dataclass object, with the copies of some of its fields already made."""
    fields = _fields_to_copy(type(value))
    assert fields is not None, "only containers that change in place are copied field by field"
    return type(value)(**{name: given[name] if name in given else _copy(getattr(value, name)) for name in fields})


def detached(value: object) -> object:
    """An independent copy of a section (with its sub-sections) or an organisation: what an undo
    step keeps to put back later, untouched by whatever happens to the project meanwhile."""
    return _copy(value)


def snapshot(project: Project) -> Project:
    """An independent copy of ``project``: changing either never changes the other."""
    copied = _copy(project)
    assert isinstance(copied, Project)
    return copied


def snapshot_in_steps(project: Project, sections_per_step: int = 200) -> Iterator[Project | None]:
    """:func:`snapshot` taken a few sections at a time: yields None after every ``sections_per_step``
    sections copied, and the finished copy last (the same copy :func:`snapshot` makes).

    For a UI thread that must answer between steps (30 ms for 5,000 sections at once, twice that while a
    worker thread competes for the interpreter). ``project`` must not change between steps: a caller
    that cannot be sure of that drops the steps (the app: when its change count moved) and starts again."""
    copies: dict[int, Section] = {}
    for done, section in enumerate(_children_first(project.sections), 1):
        copied = _copy_with(section, children=[copies.pop(id(child)) for child in section.children])
        assert isinstance(copied, Section)
        copies[id(section)] = copied
        if done % sections_per_step == 0:
            yield None
    copied_project = _copy_with(project, sections=[copies.pop(id(section)) for section in project.sections])
    assert isinstance(copied_project, Project)
    yield copied_project


def _children_first(sections: list[Section]) -> Iterator[Section]:
    """Every section of the outline, each after all of its sub-sections (without recursion: outlines
    may be deep)."""
    stack: list[tuple[Section, bool]] = [(section, False) for section in reversed(sections)]
    while stack:
        section, children_done = stack.pop()
        if children_done:
            yield section
            continue
        stack.append((section, True))
        stack.extend((child, False) for child in reversed(section.children))
