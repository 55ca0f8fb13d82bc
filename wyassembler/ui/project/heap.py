"""Keeping the garbage collector's full passes short while a large project is open.

A full pass of Python's cyclic collector walks every object the process holds, and it runs on
whichever thread happens to allocate, holding the GIL throughout: with a 5,000-section project in
memory that is a stall of 100–200 ms, the UI thread's included, even when the allocating thread is
the recovery writer's or a save's. The project is almost free of reference cycles (its records are
freed by reference counting when replaced), so once a large project is in place the app collects
once and moves every live object out of the collector's sight (:func:`gc.freeze`): later passes
look only at what was made since.
"""

from __future__ import annotations

import gc

from ...core.model import Project

# Below this, a full pass over everything the app holds takes a few milliseconds: nothing to gain.
LARGE_PROJECT_SECTIONS = 300


def settle(project: Project) -> None:
    """Call once ``project`` has been opened: a large project's objects are collected once, then left
    out of later passes; otherwise everything is back in the collector's sight."""
    gc.unfreeze()  # what the previous freeze kept out of sight may be garbage by now
    if len(project.all_sections()) < LARGE_PROJECT_SECTIONS:
        return
    gc.collect()
    gc.freeze()


def settle_replaced(project: Project) -> None:
    """Call once a merge or a reload made ``project`` the open one: what it brought is left out of
    later passes too, without a full pass now (the records it replaced go by reference counting)."""
    if len(project.all_sections()) >= LARGE_PROJECT_SECTIONS:
        gc.freeze()
