"""Stand-ins for LibreOffice, for the tests of how its absence and misbehaviour are handled (a pytest plugin:
tests/conftest.py loads it, so its fixtures serve every folder of tests).

``fake_soffice`` writes a shell script that answers as soffice; ``process_ends`` waits for a process it
started to be gone; the fixtures empty the places LibreOffice is looked for, and keep the engine's temporary
folders where a test can see that none is left behind."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from wyassembler.word import pdf_engine


def fake_soffice(folder: Path, body: str, version: str = "LibreOffice 7.4.7.2 40(Build:2)") -> Path:
    """A shell script called soffice in ``folder``: answers --version, else runs ``body`` with $out the
    --outdir it was given."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\nif [ "$1" = "--version" ]; then echo "{version}"; exit 0; fi\n'
                      'while [ $# -gt 0 ]; do if [ "$1" = "--outdir" ]; then shift; out="$1"; fi; shift; done\n'
                      f"{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def process_ends(pid: int) -> bool:
    """Whether ``pid`` is gone (or a zombie waiting for init to reap it), allowing a moment for SIGKILL."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0] == "Z":
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def private_temp(tmp_path, monkeypatch):
    """Where the engine makes its temporary folders, to see that none is left behind."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def no_libreoffice(tmp_path, monkeypatch):
    """An environment with no LibreOffice anywhere: PATH empty, Program Files empty, no install folders."""
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.delenv("ProgramFiles(x86)", raising=False)
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.delenv(pdf_engine.SOFFICE_VARIABLE, raising=False)
    monkeypatch.setattr(pdf_engine, "UNIX_INSTALL_PATTERNS", ())
    return tmp_path
