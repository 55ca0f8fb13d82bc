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

from ...core.model import Project

# Below this, a full pass over everything the app holds takes a few milliseconds: nothing to gain.
LARGE_PROJECT_SECTIONS = 300


def settle(project: Project) -> None:
    """Call once ``project`` is the open one (opened, merged, reloaded): a large project's objects are
    left out of later full passes; a small one's are all back in the collector's sight."""
    if len(project.all_sections()) < LARGE_PROJECT_SECTIONS:
        gc.unfreeze()
        return
    gc.freeze()
