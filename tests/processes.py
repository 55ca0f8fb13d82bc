"""The processes concurrency tests start: the way each platform can start them.

Linux forks (fast: the child starts with the test's modules loaded). Windows cannot fork, and macOS
should not once Qt is loaded, so there the children are spawned: every target is a module-level
function taking picklable arguments, which spawning needs. ``WYASSEMBLER_TEST_START_METHOD=spawn``
runs the spawn path on Linux too, to check the tests still hold there.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def start_method() -> str:
    """"fork" on Linux, "spawn" elsewhere, unless WYASSEMBLER_TEST_START_METHOD says which."""
    chosen = os.environ.get("WYASSEMBLER_TEST_START_METHOD")
    if chosen:
        return chosen
    return "fork" if sys.platform.startswith("linux") else "spawn"


def process_context():
    """The multiprocessing context for :func:`start_method`."""
    return multiprocessing.get_context(start_method())
