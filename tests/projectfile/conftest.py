"""Fixtures shared by the project-file tests."""

from __future__ import annotations

import os

import pytest

from wyassembler.projectfile import lock


@pytest.fixture
def lock_files_refused(monkeypatch):
    """Creating a lock file fails as in a read-only folder (simulated: tests may run as root)."""
    real_open = os.open

    def refuse(path, flags, *args):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(lock.os, "open", refuse)
