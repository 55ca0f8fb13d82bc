"""A copy of a project that later changes cannot reach: for work done on another thread.

Content, revisions and sign-off records are immutable (frozen dataclasses), so they are shared;
only the containers that change in place (the project, its sections and organisations, and their
lists) are copied. That is a few thousand list copies for a 1,000-section project, so the app can
take a snapshot on its UI thread and save or serialise it on a worker while the person types on.
"""

from __future__ import annotations

import dataclasses

from .model import Project


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


def detached(value: object) -> object:
    """An independent copy of a section (with its sub-sections) or an organisation: what an undo
    step keeps to put back later, untouched by whatever happens to the project meanwhile."""
    return _copy(value)


def snapshot(project: Project) -> Project:
    """An independent copy of ``project``: changing either never changes the other."""
    copied = _copy(project)
    assert isinstance(copied, Project)
    return copied
