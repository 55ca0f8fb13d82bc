"""A copy of a project that later changes cannot reach: for work done on another thread.

Content, revisions and sign-off records are immutable (frozen dataclasses), so they are shared;
only the containers that change in place (the project, its sections and organisations, and their
lists) are copied. That is a few thousand list copies for a 1,000-section project, so the app can
take a snapshot on its UI thread and save or serialise it on a worker while the person types on.
"""

from __future__ import annotations

import dataclasses

from .model import Project


def _copy(value: object) -> object:
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type) \
            and not value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return dataclasses.replace(value, **{f.name: _copy(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    # Frozen records, strings, dates, tuples: immutable, shared.
    return value


def detached(value: object) -> object:
    """An independent copy of a section (with its sub-sections) or an organisation: what an undo
    step keeps to put back later, untouched by whatever happens to the project meanwhile."""
    return _copy(value)


def snapshot(project: Project) -> Project:
    """An independent copy of ``project``: changing either never changes the other."""
    copied = _copy(project)
    assert isinstance(copied, Project)
    return copied
