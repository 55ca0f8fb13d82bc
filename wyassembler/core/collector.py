"""Holding off Python's cyclic garbage collector, from any number of threads at once.

The collector is one switch for the whole process. Each thread that turned it off and back on by
itself, remembering whether it had been on, could leave it off for good: a second thread found it
off (the first held it), the first turned it back on, the second then turned it off and, having
found it off, left it so. Here the holds are counted under a lock: the collector is off while any
thread holds it off, and back as it was once the last one lets go.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holds = 0
_was_enabled = False  # whether the collector was on when the first of the current holds began


@contextmanager
def collector_held_off() -> Iterator[None]:
    """Run the ``with`` block with the collector off; it is back on once every thread holding it off has
    let go (if it was on when the first began). Reference counting frees objects as usual meanwhile."""
    global _holds, _was_enabled
    with _lock:
        if _holds == 0:
            _was_enabled = gc.isenabled()
        _holds += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _holds -= 1
            if _holds == 0 and _was_enabled:
                gc.enable()
