"""Run the command line in-process (fast) or as a real subprocess (exit codes, no tracebacks)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

from wyassembler.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Call ``wyassembler ARGS...`` in this process; returns code, stdout and stderr."""

    def run(*args: str) -> Result:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def wy():
    """Run ``python -m wyassembler ARGS...`` as a separate process, as a user would."""

    def run(*args: str, timeout: float = 30, env: dict[str, str] | None = None) -> Result:
        """``env``: variables to set, such as another PYTHONIOENCODING (its output is read in that encoding)."""
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        proc = subprocess.run([sys.executable, "-m", "wyassembler", *map(str, args)], capture_output=True,
                              text=True, timeout=timeout, env=env, encoding=env["PYTHONIOENCODING"])
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def sample(cli, tmp_path):
    path = tmp_path / "response.wyproj"
    assert cli("sample", path).code == 0
    return path
