"""Keeping the garbage collector's full passes short while a large project is open.

A full pass of Python's cyclic collector walks every object the process holds, and it runs on
whichever thread happens to allocate, holding the GIL throughout: with a 5,000-section project in
memory that is a stall of 100–200 ms, the UI thread's included, even when the allocating thread is
the recovery writer's or a save's. The project is almost free of reference cycles (its records are
freed by reference counting when replaced; a collection at open finds a dozen objects), so once a
large project is in place every live object is moved out of the collector's sight
(:func:`gc.freeze`), without a pass of its own: later passes look only at what was made since.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TypeVar

from ...core.collector import collector_held_off
from ...core.model import Project

T = TypeVar("T")

# Below this, a full pass over everything the app holds takes a few milliseconds: nothing to gain.
LARGE_PROJECT_SECTIONS = 300


def settle(project: Project) -> None:
    """Call once ``project`` is the open one (opened, merged, reloaded): a large project's objects are
    left out of later full passes; a small one's are all back in the collector's sight."""
    if len(project.all_sections()) < LARGE_PROJECT_SECTIONS:
        gc.unfreeze()
        return
    gc.freeze()


def built_out_of_sight(build: Callable[[], T]) -> T:
    """``build()`` (reading a large file, on a worker thread) with the collector held off, and what it
    built then left out of its sight: once the collector resumed, its first pass walked every object
    just made, 0.2–0.4 s of a 5,000-section open. What fails to build is left to the collector."""
    with collector_held_off():  # counted with other threads' holds: the last to let go turns it back on
        built = build()
        gc.freeze()
        return built


def release() -> None:
    """Call once the project is closed: what :func:`settle` and :func:`built_out_of_sight` left out of the
    collector's sight goes back in it. Frozen, garbage with cycles is never freed: about 1,000 objects
    (0.3 MB) more at each open and close of a large project, for as long as the app runs."""
    gc.unfreeze()
