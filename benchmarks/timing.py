"""What every benchmark here shares: its options, timing a call or a whole command, one line of figures."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def options(description: str, texts: tuple[str, ...] = (), **extra: int) -> argparse.Namespace:
    """``--sections`` (default 1,000) and ``--repeat`` (default 5), plus any ``name=default`` integers and
    the optional text options named in ``texts`` (None when not given)."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--sections", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    for name, default in extra.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=default)
    for name in texts:
        parser.add_argument(f"--{name.replace('_', '-')}")
    return parser.parse_args()


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Seconds taken by each of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def timed_command(command: list[str], repeat: int) -> list[float]:
    """Seconds taken by each of ``repeat`` runs of a whole command, start-up included, as a user runs it."""
    return timed(lambda: subprocess.run(command, check=True, capture_output=True), repeat)


def wyassembler_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "wyassembler", *args]


def figure(name: str, times: list[float], milliseconds: bool = False, goal: str = "") -> str:
    """"name   best 0.49 s   median 0.49 s   (goal 0.5 s)"."""
    scale, unit, width = (1000, "ms", "6.0f") if milliseconds else (1, "s", "6.2f")
    line = (f"{name:44s} best {min(times) * scale:{width}} {unit}   "
            f"median {statistics.median(times) * scale:{width}} {unit}")
    return f"{line}   (goal {goal})" if goal else line
