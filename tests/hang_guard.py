"""A step that never ends (a loop, work that grows with the square of its input) made a failure, not a test run
that never ends. Not a speed check: each limit is far beyond what the step takes."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def fails_if_still_running(seconds: int, why: str) -> Iterator[None]:
    """Raise AssertionError(``why``) in the ``with`` block once ``seconds`` have passed (where the platform has
    SIGALRM; elsewhere the block simply runs)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def hung(signum, frame):
        raise AssertionError(why)

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
